/**
 * Host KVM's PSCI 1.1 emulation (arch/arm64/kvm/psci.c), which handles PSCI for every VM
 * (pKVM forwards a protected guest's PSCI calls to it). CPU_ON resets and powers on the
 * target vCPU; CPU_OFF parks the caller; SYSTEM_OFF / SYSTEM_RESET(2) leave to the VMM
 * as KVM_EXIT_SYSTEM_EVENT. Results go into the host's copy of x0 (x1..x3 = 0).
 */
import { PSCI, PSCI_AFFINITY, PSCI_RET, PSCI_TOS_NOT_PRESENT_MP, PSCI_VERSION_1_1, u64 } from '../hyp/smccc';
import type { KvmVcpu } from './kvmVcpu';
import { KVM_EXIT, KVM_SYSTEM_EVENT } from './uapi';

const MPIDR_HWID_BITMASK = 0xff00ffffffn;
const SUPPORTED = new Set<number>([
  PSCI.VERSION,
  PSCI.CPU_SUSPEND,
  PSCI.CPU_SUSPEND64,
  PSCI.CPU_OFF,
  PSCI.CPU_ON,
  PSCI.CPU_ON64,
  PSCI.AFFINITY_INFO,
  PSCI.AFFINITY_INFO64,
  PSCI.MIGRATE_INFO_TYPE,
  PSCI.SYSTEM_OFF,
  PSCI.SYSTEM_RESET,
  PSCI.FEATURES,
  PSCI.SYSTEM_RESET2,
  PSCI.SYSTEM_RESET2_64,
]);

/** MPIDR affinity value of a vCPU (Aff0 = index, as the model's MPIDR_EL1 reports). */
function mpidr(v: KvmVcpu): bigint {
  return BigInt(v.cpu.mpidrAff);
}

/** Affinity mask for AFFINITY_INFO's lowest level (psci_affinity_mask), 0 when invalid. */
function affinityMask(level: bigint): bigint {
  if (level > 3n) return 0n;
  return MPIDR_HWID_BITMASK & ~((1n << (level * 8n)) - 1n);
}

/** Handle PSCI function `fn` with the host's copy of x0..x3. Returns 1 (resume the guest) or 0 (exit to the VMM). */
export function handlePsci(v: KvmVcpu, fn: number, x: bigint[]): number {
  const is32 = (fn & 0x40000000) === 0;
  const arg = (k: number): bigint => (is32 ? x[k] & 0xffffffffn : x[k]);
  const ret = (val: number | bigint): number => {
    v.setHostResult(u64(val));
    return 1;
  };
  switch (fn) {
    case PSCI.VERSION:
      return ret(PSCI_VERSION_1_1);
    case PSCI.CPU_ON:
    case PSCI.CPU_ON64: {
      const target = arg(1) & MPIDR_HWID_BITMASK;
      const t = v.vm.vcpus.find((c) => mpidr(c) === target);
      if (!t) return ret(PSCI_RET.INVALID_PARAMS);
      if (t.power === 'on') return ret(PSCI_RET.ALREADY_ON);
      if (t.resetPending) return ret(PSCI_RET.ON_PENDING);
      t.requestPowerOn(Number(arg(2)), arg(3));
      return ret(PSCI_RET.SUCCESS);
    }
    case PSCI.CPU_OFF:
      v.powerOff();
      return 1;
    case PSCI.AFFINITY_INFO:
    case PSCI.AFFINITY_INFO64: {
      const mask = affinityMask(arg(2));
      if (mask === 0n) return ret(PSCI_RET.INVALID_PARAMS);
      const target = arg(1) & mask;
      const on = v.vm.vcpus.some((c) => (mpidr(c) & mask) === target && (c.power === 'on' || c.resetPending));
      return ret(on ? PSCI_AFFINITY.ON : PSCI_AFFINITY.OFF);
    }
    case PSCI.MIGRATE_INFO_TYPE:
      return ret(PSCI_TOS_NOT_PRESENT_MP);
    case PSCI.FEATURES:
      return ret(SUPPORTED.has(Number(arg(1))) ? PSCI_RET.SUCCESS : PSCI_RET.NOT_SUPPORTED);
    case PSCI.CPU_SUSPEND:
    case PSCI.CPU_SUSPEND64:
      // Standby: like WFI, wait for an interrupt (none is modelled, so the vCPU waits).
      v.waitForInterrupt();
      return ret(PSCI_RET.SUCCESS);
    case PSCI.SYSTEM_OFF:
      return systemEvent(v, KVM_SYSTEM_EVENT.SHUTDOWN, []);
    case PSCI.SYSTEM_RESET:
      return systemEvent(v, KVM_SYSTEM_EVENT.RESET, []);
    case PSCI.SYSTEM_RESET2:
    case PSCI.SYSTEM_RESET2_64: {
      const type = arg(1);
      // Architectural reset types: 0 (SYSTEM_WARM_RESET); vendor types have bit 31 set.
      if (type !== 0n && (type & 0x80000000n) === 0n) return ret(PSCI_RET.INVALID_PARAMS);
      return systemEvent(v, KVM_SYSTEM_EVENT.RESET, [type]);
    }
    default:
      return ret(PSCI_RET.NOT_SUPPORTED);
  }
}

/** `kvm_prepare_system_event`: every vCPU stops, the VMM gets KVM_EXIT_SYSTEM_EVENT. */
function systemEvent(v: KvmVcpu, type: number, data: bigint[]): number {
  for (const c of v.vm.vcpus) c.powerOff();
  const run = v.run;
  run.exit_reason = KVM_EXIT.SYSTEM_EVENT;
  run.system_event.type = type;
  run.system_event.ndata = data.length;
  run.system_event.data = data;
  return 0;
}
