/**
 * The EL2 handler for guest HVCs (pkvm.c `kvm_handle_pvm_hvc64` and, for the RFC,
 * its memshare / memunshare / relinquish additions), and the entry fixups that complete
 * a call the host handled (hyp-main.c `handle_pvm_entry_hvc64`).
 *
 * Protected VMs: vendor-hyp FEATURES, HYP_MEMINFO, MEM_SHARE, MEM_UNSHARE (and in the RFC
 * VERSION, UID, MEM_RELINQUISH) are answered here; everything else (PSCI, MMIO_GUARD,
 * unknown IDs) is forwarded to the host, which sees only the registers the call needs.
 * Non-protected VMs: only the RFC's HYP_MEMINFO and MEM_RELINQUISH are handled here.
 */
import type { Profile } from '../config/profile';
import { ENOENT } from './errno';
import { HypContext } from './hypContext';
import { HypVcpu } from './hypVm';
import * as gt from './guestTransitions';
import * as rt from './reclaimTransitions';
import {
  ARM_SMCCC_VERSION_1_1,
  ARM_SMCCC_VERSION_FUNC_ID,
  isPsci,
  KVM_FUNC,
  PSCI,
  SMCCC_RET_INVALID_PARAMETER,
  SMCCC_RET_SUCCESS,
  VENDOR_HYP_CALL_UID_FUNC_ID,
  VENDOR_HYP_KVM_FEATURES_FUNC_ID,
  VENDOR_HYP_KVM_HYP_MEMINFO_FUNC_ID,
  VENDOR_HYP_KVM_MEM_RELINQUISH_FUNC_ID,
  VENDOR_HYP_KVM_MEM_SHARE_FUNC_ID,
  VENDOR_HYP_KVM_MEM_UNSHARE_FUNC_ID,
  VENDOR_HYP_UID_KVM,
} from './smccc';
import { PAGE_SIZE } from '../memory/physPage';

/** What EL2 does with the HVC. */
export type HvcOutcome =
  /** Answered at EL2: the guest resumes after the HVC with x0..x3 already written. */
  | { action: 'return' }
  /** Forwarded to the host; `visible` is how many of x0..x3 the host may read. */
  | { action: 'host'; visible: number }
  /** MEM_SHARE of an unmapped IPA: a fake level-3 write translation fault at `ipa`, HVC replayed. */
  | { action: 'fault'; ipa: number };

/** FEATURES bitmap for protected VMs: bits 0,2,3,4 upstream (0x1D); the RFC adds 9 (0x21D, derived). */
export function pvmFeatures(profile: Profile): bigint {
  const bits: number[] = [KVM_FUNC.FEATURES, KVM_FUNC.HYP_MEMINFO, KVM_FUNC.MEM_SHARE, KVM_FUNC.MEM_UNSHARE];
  if (profile === 'rfc-2024') bits.push(KVM_FUNC.MEM_RELINQUISH);
  return bits.reduce((m, b) => m | (1n << BigInt(b)), 0n);
}

function setRet(vcpu: HypVcpu, x0: bigint, x1 = 0n, x2 = 0n, x3 = 0n): void {
  vcpu.cpu.setX(0, x0);
  vcpu.cpu.setX(1, x1);
  vcpu.cpu.setX(2, x2);
  vcpu.cpu.setX(3, x3);
}

/** IPA → guest frame; IPAs beyond the 40-bit space name no frame. */
function gfnOf(ipa: bigint): number {
  return ipa >= 1n << 40n ? -1 : Number(ipa >> 12n);
}

/** How many argument registers the host may see for a forwarded call (`handle_pvm_exit_hvc64`). */
function visibleRegs(fn: number): number {
  switch (fn) {
    case VENDOR_HYP_KVM_MEM_SHARE_FUNC_ID:
    case VENDOR_HYP_KVM_MEM_UNSHARE_FUNC_ID:
    case VENDOR_HYP_KVM_MEM_RELINQUISH_FUNC_ID:
    case PSCI.CPU_ON:
    case PSCI.CPU_ON64:
      return 4;
    case PSCI.AFFINITY_INFO:
    case PSCI.AFFINITY_INFO64:
    case PSCI.SYSTEM_RESET2:
    case PSCI.SYSTEM_RESET2_64:
      return 3;
    default:
      return isPsci(fn) ? 1 : 4;
  }
}

export function handleGuestHvc(ctx: HypContext, profile: Profile, vcpu: HypVcpu): HvcOutcome {
  const cpu = vcpu.cpu;
  const fn = Number(cpu.getX(0) & 0xffffffffn);
  const x1 = cpu.getX(1);
  const x2 = cpu.getX(2);
  const x3 = cpu.getX(3);
  const rfc = profile === 'rfc-2024';

  if (!vcpu.vm.isProtected) {
    if (rfc && fn === VENDOR_HYP_KVM_HYP_MEMINFO_FUNC_ID) return meminfo(vcpu, x1, x2, x3);
    if (rfc && fn === VENDOR_HYP_KVM_MEM_RELINQUISH_FUNC_ID) return relinquish(ctx, vcpu, x1, x2, x3);
    return { action: 'host', visible: 4 };
  }

  switch (fn) {
    case ARM_SMCCC_VERSION_FUNC_ID:
      if (!rfc) break; // upstream punts it to the host, which answers the same
      setRet(vcpu, ARM_SMCCC_VERSION_1_1);
      return { action: 'return' };
    case VENDOR_HYP_CALL_UID_FUNC_ID:
      if (!rfc) break;
      setRet(vcpu, VENDOR_HYP_UID_KVM[0], VENDOR_HYP_UID_KVM[1], VENDOR_HYP_UID_KVM[2], VENDOR_HYP_UID_KVM[3]);
      return { action: 'return' };
    case VENDOR_HYP_KVM_FEATURES_FUNC_ID:
      setRet(vcpu, pvmFeatures(profile));
      return { action: 'return' };
    case VENDOR_HYP_KVM_HYP_MEMINFO_FUNC_ID:
      return meminfo(vcpu, x1, x2, x3);
    case VENDOR_HYP_KVM_MEM_SHARE_FUNC_ID: {
      // The RFC checks only x2/x3 (pkvm_memshare_call); upstream also refuses an unaligned IPA.
      if (x2 !== 0n || x3 !== 0n || (!rfc && (x1 & 0xfffn) !== 0n)) return invalid(vcpu);
      const gfn = gfnOf(x1);
      const err = gfn < 0 ? -ENOENT : gt.guestShareHost(ctx, vcpu, gfn);
      if (err === -ENOENT && gfn >= 0) return { action: 'fault', ipa: gfn * PAGE_SIZE };
      if (err !== 0) return invalid(vcpu);
      if (rfc) return { action: 'host', visible: 4 }; // tell the host; entry forces x0 = SUCCESS
      setRet(vcpu, SMCCC_RET_SUCCESS);
      return { action: 'return' };
    }
    case VENDOR_HYP_KVM_MEM_UNSHARE_FUNC_ID: {
      if (rfc) {
        // pkvm_memunshare_check: nothing changes now; T11 runs on the way back in if the host acknowledged.
        if (x1 === 0n || x2 !== 0n || x3 !== 0n) return invalid(vcpu);
        return { action: 'host', visible: 4 };
      }
      if (x2 !== 0n || x3 !== 0n || (x1 & 0xfffn) !== 0n) return invalid(vcpu);
      const gfn = gfnOf(x1);
      if (gfn < 0 || gt.guestUnshareHost(ctx, vcpu, gfn) !== 0) return invalid(vcpu);
      setRet(vcpu, SMCCC_RET_SUCCESS);
      return { action: 'return' };
    }
    case VENDOR_HYP_KVM_MEM_RELINQUISH_FUNC_ID:
      if (!rfc) break; // upstream slot 9 is reserved: the host answers NOT_SUPPORTED
      return relinquish(ctx, vcpu, x1, x2, x3);
    default:
      break;
  }
  return { action: 'host', visible: visibleRegs(fn) };
}

function invalid(vcpu: HypVcpu): HvcOutcome {
  setRet(vcpu, SMCCC_RET_INVALID_PARAMETER);
  return { action: 'return' };
}

function meminfo(vcpu: HypVcpu, x1: bigint, x2: bigint, x3: bigint): HvcOutcome {
  if (x1 !== 0n || x2 !== 0n || x3 !== 0n) return invalid(vcpu);
  setRet(vcpu, BigInt(PAGE_SIZE));
  return { action: 'return' };
}

/** pkvm_memrelinquish_call: R1, then the host reclaims the frame (R2) unless nothing was mapped. */
function relinquish(ctx: HypContext, vcpu: HypVcpu, x1: bigint, x2: bigint, x3: bigint): HvcOutcome {
  if (x2 !== 0n || x3 !== 0n) return invalid(vcpu);
  const gfn = gfnOf(x1);
  if (gfn < 0) {
    setRet(vcpu, SMCCC_RET_SUCCESS);
    return { action: 'return' };
  }
  const r = rt.guestRelinquishToHost(ctx, vcpu, gfn);
  if (r.ret !== 0) return invalid(vcpu);
  if (r.pfn < 0) {
    setRet(vcpu, SMCCC_RET_SUCCESS); // nothing mapped at the IPA: a no-op
    return { action: 'return' };
  }
  return { action: 'host', visible: 4 };
}

/**
 * Complete a forwarded call on the next entry, given the host's copy of x0..x3: write
 * the registers the guest resumes with.
 */
export function completeForwardedHvc(ctx: HypContext, profile: Profile, vcpu: HypVcpu, fn: number, host: bigint[]): void {
  const cpu = vcpu.cpu;
  if (!vcpu.vm.isProtected) {
    for (let r = 0; r < 4; r++) cpu.setX(r, host[r]); // the host owns a non-protected guest's registers
    return;
  }
  if (profile === 'rfc-2024') {
    switch (fn) {
      case VENDOR_HYP_KVM_MEM_SHARE_FUNC_ID:
      case VENDOR_HYP_KVM_MEM_RELINQUISH_FUNC_ID:
        // The share / relinquish already happened at EL2; the host cannot veto it.
        cpu.setX(0, SMCCC_RET_SUCCESS);
        return;
      case VENDOR_HYP_KVM_MEM_UNSHARE_FUNC_ID: {
        // Unshare only if the host acknowledged (it unmapped the page and marked it private).
        const gfn = gfnOf(cpu.getX(1));
        const ok = host[0] === SMCCC_RET_SUCCESS && gfn >= 0 && gt.guestUnshareHost(ctx, vcpu, gfn) === 0;
        setRet(vcpu, ok ? SMCCC_RET_SUCCESS : SMCCC_RET_INVALID_PARAMETER);
        return;
      }
    }
  }
  if (isPsci(fn)) {
    cpu.setX(0, host[0]); // handle_pvm_entry_psci copies x0 only
    return;
  }
  for (let r = 0; r < 4; r++) cpu.setX(r, host[r]);
}
