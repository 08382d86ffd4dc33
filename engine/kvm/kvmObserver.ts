/**
 * What host KVM reports to the trace: every exit from the guest as EL2 delivered it
 * (with its syndrome), every KVM_RUN return, and kernel-side actions on guest memory
 * (attribute changes, pages given to or taken from the guest, warnings).
 */
import type { HypTrap } from '../hyp/vcpuRun';
import type { KvmRun } from './kvmRun';

export interface KvmObserver {
  /** A trap from EL2, decoded (`what` names it: "HVC 0xc6000003", "DABT write at IPA …"). */
  onGuestExit(vcpu: number, trap: HypTrap, what: string): void;
  /** KVM_RUN returned to userspace: 0 with `run` describing the exit, or -errno. */
  onRunReturn(vcpu: number, ret: number, run: KvmRun): void;
  /** A kernel action on guest memory. */
  onKernel(vcpu: number | null, action: string, detail: Record<string, number | bigint | string | boolean>): void;
  onWarning(message: string): void;
}
