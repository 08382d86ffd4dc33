/**
 * Host KVM's handler for guest hypercalls that EL2 forwarded (`kvm_smccc_call_handler`,
 * plus the RFC's `kvm_vcpu_handle_xshare` and relinquish reclaim). Works only on the
 * registers EL2 let the host see, and writes results into the host's copy of x0..x3.
 * Returns 1 to resume the guest, 0 to return to the VMM.
 */
import {
  ARM_SMCCC_VERSION_1_1,
  ARM_SMCCC_VERSION_FUNC_ID,
  isPsci,
  KVM_FUNC,
  SMCCC_RET_INVALID_PARAMETER,
  SMCCC_RET_NOT_SUPPORTED,
  SMCCC_RET_SUCCESS,
  VENDOR_HYP_CALL_UID_FUNC_ID,
  VENDOR_HYP_KVM_FEATURES_FUNC_ID,
  VENDOR_HYP_KVM_MEM_RELINQUISH_FUNC_ID,
  VENDOR_HYP_KVM_MEM_SHARE_FUNC_ID,
  VENDOR_HYP_KVM_MEM_UNSHARE_FUNC_ID,
  VENDOR_HYP_UID_KVM,
} from '../hyp/smccc';
import type { KvmVcpu } from './kvmVcpu';
import { handlePsci } from './psci';
import { KVM_EXIT } from './uapi';

/**
 * Vendor-hyp FEATURES as host KVM answers non-protected VMs: FEATURES itself (PTP is not
 * modelled); the RFC adds HYP_MEMINFO and MEM_RELINQUISH, which EL2 handles for them.
 */
function npFeatures(profile: string): bigint {
  let m = 1n << BigInt(KVM_FUNC.FEATURES);
  if (profile === 'rfc-2024') m |= (1n << BigInt(KVM_FUNC.HYP_MEMINFO)) | (1n << BigInt(KVM_FUNC.MEM_RELINQUISH));
  return m;
}

export function handleHostHypercall(v: KvmVcpu, x: bigint[]): number {
  const vm = v.vm;
  const fn = Number(x[0] & 0xffffffffn);
  const rfc = vm.profile === 'rfc-2024';
  if (isPsci(fn)) return handlePsci(v, fn, x);
  switch (fn) {
    case VENDOR_HYP_KVM_MEM_SHARE_FUNC_ID:
    case VENDOR_HYP_KVM_MEM_UNSHARE_FUNC_ID:
      if (rfc && vm.isProtected) return exitXshare(v, fn === VENDOR_HYP_KVM_MEM_SHARE_FUNC_ID ? KVM_FUNC.MEM_SHARE : KVM_FUNC.MEM_UNSHARE, x);
      break;
    case VENDOR_HYP_KVM_MEM_RELINQUISH_FUNC_ID:
      if (rfc) {
        vm.reclaimRelinquished(Number(x[1] >> 12n));
        v.setHostResult(SMCCC_RET_SUCCESS);
        return 1;
      }
      break;
    case ARM_SMCCC_VERSION_FUNC_ID:
      v.setHostResult(ARM_SMCCC_VERSION_1_1);
      return 1;
    case VENDOR_HYP_CALL_UID_FUNC_ID:
      v.setHostResult(...VENDOR_HYP_UID_KVM);
      return 1;
    case VENDOR_HYP_KVM_FEATURES_FUNC_ID:
      if (!vm.isProtected) {
        v.setHostResult(npFeatures(vm.profile));
        return 1;
      }
      break;
    default:
      break;
  }
  v.setHostResult(SMCCC_RET_NOT_SUPPORTED);
  return 1;
}

/**
 * [RFC] `kvm_vcpu_handle_xshare`: if the VMM enabled the exit for this function number,
 * update NOT_MAPPABLE (SHARE clears it, UNSHARE sets it) and exit with
 * KVM_EXIT_HYPERCALL; otherwise answer INVALID_PARAMETER (for SHARE EL2 still forces
 * SUCCESS on entry: the share already happened).
 */
function exitXshare(v: KvmVcpu, nr: number, x: bigint[]): number {
  const vm = v.vm;
  if ((vm.hypercallExitEnabled & (1n << BigInt(nr))) === 0n) {
    v.setHostResult(SMCCC_RET_INVALID_PARAMETER);
    return 1;
  }
  const gfn = Number(x[1] >> 12n);
  const share = nr === KVM_FUNC.MEM_SHARE;
  vm.host.observer?.onKernel(v.id, share ? 'clear NOT_MAPPABLE (guest shared the page)' : 'set NOT_MAPPABLE (guest unsharing the page)', { gfn });
  vm.setNotMappable(gfn, 1, !share);
  const run = v.run;
  run.exit_reason = KVM_EXIT.HYPERCALL;
  run.hypercall.nr = BigInt(nr);
  run.hypercall.args = [x[1], x[2], x[3], 0n, 0n, 0n];
  // `ret` and `flags` are left as they are: the VMM must write `ret`.
  v.expectHypercallCompletion();
  return 0;
}
