/**
 * `struct kvm_run`, the page shared between KVM and the VMM for one vCPU: why KVM_RUN
 * returned and the details of that exit. Only the members the model produces are
 * present, named as in the uapi header.
 */
import { KVM_EXIT } from './uapi';

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
