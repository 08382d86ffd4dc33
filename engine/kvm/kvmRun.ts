/**
 * `struct kvm_run`, the page shared between KVM and the VMM for one vCPU: why KVM_RUN
 * returned and the details of that exit. Only the members the model produces are
 * present, named as in the uapi header; `toBytes` lays them out at their arm64 offsets
 * (checked with an offsetof harness built by aarch64-linux-gnu-gcc against the uapi header).
 */
import { KVM_EXIT } from './uapi';

/** Byte offsets in `struct kvm_run` on arm64. */
export const KVM_RUN_OFFSETS = {
  exit_reason: 8,
  flags: 14,
  /** The exit-specific union. */
  union: 32,
  hypercall: { nr: 32, args: 40, ret: 88, flags: 96 },
  mmio: { phys_addr: 32, data: 40, len: 48, is_write: 52 },
  memory_fault: { flags: 32, gpa: 40, size: 48 },
  system_event: { type: 32, ndata: 36, data: 40 },
  kvm_valid_regs: 288,
} as const;

export class KvmRun {
  exit_reason: number = KVM_EXIT.UNKNOWN;
  /** KVM_EXIT_HYPERCALL ([RFC] arm64 ABI: `nr` = function number, `args` = guest x1..x3, `ret` written by the VMM). */
  readonly hypercall = { nr: 0n, args: [0n, 0n, 0n, 0n, 0n, 0n], ret: 0n, flags: 0n };
  /** KVM_EXIT_MMIO: little-endian `data`, `len` bytes. */
  readonly mmio = { phys_addr: 0n, data: new Uint8Array(8), len: 0, is_write: 0 };
  /** KVM_EXIT_MEMORY_FAULT (accompanies KVM_RUN failing with EFAULT). */
  readonly memory_fault = { flags: 0n, gpa: 0n, size: 0n };
  /** KVM_EXIT_SYSTEM_EVENT. */
  readonly system_event = { type: 0, ndata: 0, data: [] as bigint[] };
  /** KVM_EXIT_ARM_NISV. */
  readonly arm_nisv = { esr_iss: 0n, fault_ipa: 0n };

  /** The header and exit union as the VMM's mapping of the page holds them (288 bytes). */
  toBytes(): Uint8Array {
    const buf = new Uint8Array(KVM_RUN_OFFSETS.kvm_valid_regs);
    const dv = new DataView(buf.buffer);
    const u64 = (off: number, v: bigint): void => dv.setBigUint64(off, BigInt.asUintN(64, v), true);
    dv.setUint32(KVM_RUN_OFFSETS.exit_reason, this.exit_reason, true);
    const o = KVM_RUN_OFFSETS;
    switch (this.exit_reason) {
      case KVM_EXIT.HYPERCALL:
        u64(o.hypercall.nr, this.hypercall.nr);
        this.hypercall.args.forEach((a, k) => u64(o.hypercall.args + 8 * k, a));
        u64(o.hypercall.ret, this.hypercall.ret);
        u64(o.hypercall.flags, this.hypercall.flags);
        break;
      case KVM_EXIT.MMIO:
        u64(o.mmio.phys_addr, this.mmio.phys_addr);
        buf.set(this.mmio.data, o.mmio.data);
        dv.setUint32(o.mmio.len, this.mmio.len, true);
        buf[o.mmio.is_write] = this.mmio.is_write;
        break;
      case KVM_EXIT.MEMORY_FAULT:
        u64(o.memory_fault.flags, this.memory_fault.flags);
        u64(o.memory_fault.gpa, this.memory_fault.gpa);
        u64(o.memory_fault.size, this.memory_fault.size);
        break;
      case KVM_EXIT.SYSTEM_EVENT:
        dv.setUint32(o.system_event.type, this.system_event.type, true);
        dv.setUint32(o.system_event.ndata, this.system_event.ndata, true);
        this.system_event.data.forEach((d, k) => u64(o.system_event.data + 8 * k, d));
        break;
    }
    return buf;
  }

  /** A plain snapshot for traces and the debugger (only the member of the current exit). */
  describe(): Record<string, unknown> {
    switch (this.exit_reason) {
      case KVM_EXIT.HYPERCALL:
        return { exit_reason: this.exit_reason, hypercall: { nr: this.hypercall.nr, args: [...this.hypercall.args], ret: this.hypercall.ret } };
      case KVM_EXIT.MMIO: {
        return {
          exit_reason: this.exit_reason,
          mmio: { phys_addr: this.mmio.phys_addr, data: Array.from(this.mmio.data.subarray(0, this.mmio.len)), len: this.mmio.len, is_write: this.mmio.is_write },
        };
      }
      case KVM_EXIT.MEMORY_FAULT:
        return { exit_reason: this.exit_reason, memory_fault: { ...this.memory_fault } };
      case KVM_EXIT.SYSTEM_EVENT:
        return { exit_reason: this.exit_reason, system_event: { type: this.system_event.type, ndata: this.system_event.ndata, data: [...this.system_event.data] } };
      case KVM_EXIT.ARM_NISV:
        return { exit_reason: this.exit_reason, arm_nisv: { ...this.arm_nisv } };
      default:
        return { exit_reason: this.exit_reason };
    }
  }
}
