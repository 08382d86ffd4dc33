/**
 * Transitions involving a guest (T7-T15 of the reference; mem_protect.c
 * `__pkvm_host_share_guest` … `__pkvm_vcpu_in_poison_fault`, upstream error codes).
 * Check everything, then apply everything; an error leaves every state as it was.
 */
import { EC } from '../cpu/exits';
import { E2BIG, EAGAIN, EBUSY, EFAULT, EHWPOISON, EINVAL, ENOENT, EPERM } from './errno';
import { HypContext, PageRef, runTransition } from './hypContext';
import { HypVcpu, HypVm } from './hypVm';
import { ComponentId, PageState, PROT_RWX, PROT_W, PTRS_PER_TABLE } from './pageState';
import { PTE_YOUNG } from './guestStage2';

const U32_MAX = 0xffffffff;

/** The guest leaf at gfn as `get_valid_guest_pte` sees it: poisoned, missing, block, or a page. */
function validGuestPte(vm: HypVm, gfn: number): { err: number; pfn: number; state: PageState } {
  const pte = vm.stage2.get(gfn);
  if (pte.state === PageState.POISON) return { err: -EHWPOISON, pfn: -1, state: pte.state };
  if (pte.state === PageState.NOPAGE) return { err: -ENOENT, pfn: -1, state: pte.state };
  if (pte.level !== 3) return { err: -E2BIG, pfn: pte.pfn, state: pte.state };
  return { err: 0, pfn: pte.pfn, state: pte.state };
}

function guestRef(vm: HypVm, gfn: number): PageRef {
  const pfn = vm.stage2.get(gfn).pfn;
  return pfn >= 0 ? { vm, gfn, pfn } : { vm, gfn };
}

/** T7: lend host frames to a non-protected guest (host SHARED_OWNED + count, guest SHARED_BORROWED). */
export function hostShareGuest(ctx: HypContext, vm: HypVm, pfn: number, gfn: number, nr: number, prot: number): number {
  const refs: PageRef[] = [];
  const n = nr === PTRS_PER_TABLE ? PTRS_PER_TABLE : 1;
  for (let k = 0; k < n; k++) refs.push({ pfn: pfn + k, vm, gfn: gfn + k });
  return runTransition(ctx, 'host_share_guest', { pfn, gfn, nr_pages: nr, prot, vm: vm.handle }, refs, () => {
    if ((prot & ~PROT_RWX) !== 0) return -EINVAL;
    if (nr !== 1 && nr !== PTRS_PER_TABLE) return -EINVAL;
    if (nr === PTRS_PER_TABLE && (pfn % PTRS_PER_TABLE !== 0 || gfn % PTRS_PER_TABLE !== 0)) return -EINVAL;
    for (let k = 0; k < nr; k++) if (!ctx.mem.isRam(pfn + k)) return -EPERM;
    for (let k = 0; k < nr; k++) if (vm.stage2.state(gfn + k) !== PageState.NOPAGE) return -EPERM;
    for (let k = 0; k < nr; k++) {
      const h = ctx.vmemmap.host(pfn + k);
      const count = ctx.vmemmap.shareCount(pfn + k);
      if (h === PageState.OWNED) continue;
      if (h !== PageState.SHARED_OWNED || count === 0) return -EPERM;
      if (count === U32_MAX) return -EBUSY;
    }
    for (let k = 0; k < nr; k++) {
      ctx.vmemmap.setHostState(pfn + k, PageState.SHARED_OWNED);
      ctx.vmemmap.hostShareGuestCount[ctx.vmemmap.idx(pfn + k)]++;
    }
    if (nr === PTRS_PER_TABLE) vm.stage2.mapBlock(gfn, pfn, PageState.SHARED_BORROWED, prot);
    else vm.stage2.map(gfn, pfn, PageState.SHARED_BORROWED, prot);
    return 0;
  });
}

/** T8: take a lent page (or block) back from a non-protected guest. */
export function hostUnshareGuest(ctx: HypContext, vm: HypVm, gfn: number, nr: number): number {
  const refs: PageRef[] = [];
  for (let k = 0; k < Math.max(1, Math.min(nr, PTRS_PER_TABLE)); k++) refs.push(guestRef(vm, gfn + k));
  return runTransition(ctx, 'host_unshare_guest', { gfn, nr_pages: nr, vm: vm.handle }, refs, () => {
    const pte = vm.stage2.get(gfn);
    if (pte.state >= PageState.NOPAGE) return -ENOENT;
    const leafPages = pte.level === 2 ? PTRS_PER_TABLE : 1;
    if (leafPages !== nr) return -E2BIG;
    for (let k = 0; k < nr; k++) {
      const e = vm.stage2.get(gfn + k);
      if (e.state !== PageState.SHARED_BORROWED) return -EPERM;
      if (ctx.vmemmap.host(e.pfn) !== PageState.SHARED_OWNED || ctx.vmemmap.shareCount(e.pfn) === 0) return -EPERM;
    }
    for (let k = 0; k < nr; k++) {
      const p = vm.stage2.get(gfn + k).pfn;
      vm.stage2.unmap(gfn + k);
      const i = ctx.vmemmap.idx(p);
      if (--ctx.vmemmap.hostShareGuestCount[i] === 0) ctx.vmemmap.setHostState(p, PageState.OWNED);
    }
    return 0;
  });
}

/** T9: donate a host frame to a protected guest (host NOPAGE annotated with VM and gfn; guest OWNED). */
export function hostDonateGuest(ctx: HypContext, vm: HypVm, pfn: number, gfn: number): number {
  return runTransition(ctx, 'host_donate_guest', { pfn, gfn, vm: vm.handle }, [{ pfn, vm, gfn }], () => {
    if (!ctx.mem.isRam(pfn)) return -EPERM;
    if (ctx.vmemmap.host(pfn) !== PageState.OWNED) return -EPERM;
    if (vm.stage2.state(gfn) !== PageState.NOPAGE) return -EPERM;
    ctx.vmemmap.setHostNoPage(pfn, ComponentId.GUEST, vm.handle, gfn);
    vm.stage2.map(gfn, pfn, PageState.OWNED, PROT_RWX);
    return 0;
  });
}

/** T10: the guest shares one of its pages back with the host (guest MEM_SHARE). */
export function guestShareHost(ctx: HypContext, vcpu: HypVcpu, gfn: number): number {
  const vm = vcpu.vm;
  return runTransition(ctx, 'guest_share_host', { gfn, vm: vm.handle, vcpu: vcpu.index }, [guestRef(vm, gfn)], () => {
    const pte = validGuestPte(vm, gfn);
    if (pte.err) return pte.err;
    if (pte.state !== PageState.OWNED) return -EPERM;
    if (ctx.vmemmap.host(pte.pfn) !== PageState.NOPAGE) return -EPERM;
    vm.stage2.setState(gfn, PageState.SHARED_OWNED);
    ctx.vmemmap.setHostState(pte.pfn, PageState.SHARED_BORROWED);
    return 0;
  });
}

/** T11: the guest takes a shared page back (guest MEM_UNSHARE; in RFC mode on the next entry). */
export function guestUnshareHost(ctx: HypContext, vcpu: HypVcpu, gfn: number): number {
  const vm = vcpu.vm;
  return runTransition(ctx, 'guest_unshare_host', { gfn, vm: vm.handle, vcpu: vcpu.index }, [guestRef(vm, gfn)], () => {
    const pte = validGuestPte(vm, gfn);
    if (pte.err) return pte.err;
    if (pte.state !== PageState.SHARED_OWNED) return -EPERM;
    if (ctx.vmemmap.host(pte.pfn) !== PageState.SHARED_BORROWED) return -EPERM;
    vm.stage2.setState(gfn, PageState.OWNED);
    ctx.vmemmap.setHostNoPage(pte.pfn, ComponentId.GUEST, vm.handle, gfn);
    return 0;
  });
}

/**
 * T12: the host kernel touched a donated frame; the hypervisor destroys the guest's copy
 * (guest POISON, frame zeroed, host OWNED). Order of checks follows the upstream code:
 * RAM, host state, owner annotation, VM, guest entry.
 */
export function hostForceReclaimPageGuest(ctx: HypContext, pfn: number): number {
  const owner = ctx.mem.isRam(pfn) ? ctx.vmemmap.owner(pfn) : null;
  const vm = owner && owner.id === ComponentId.GUEST ? ctx.vmByHandle(owner.handle) : undefined;
  const ref: PageRef = vm && owner ? { pfn, vm, gfn: owner.gfn } : { pfn };
  return runTransition(ctx, 'host_force_reclaim_page_guest', { pfn }, [ref], () => {
    if (!ctx.mem.isRam(pfn)) return -EFAULT;
    if (ctx.vmemmap.host(pfn) !== PageState.NOPAGE) return -EAGAIN;
    if (!owner || owner.id !== ComponentId.GUEST) return -EPERM;
    if (!vm) return -EAGAIN;
    const pte = validGuestPte(vm, owner.gfn);
    if (pte.err) return pte.err;
    if (pte.state !== PageState.OWNED || pte.pfn !== pfn) return -EPERM;
    vm.stage2.unmap(owner.gfn, PageState.POISON);
    ctx.mem.zero(pfn);
    ctx.vmemmap.setHostState(pfn, PageState.OWNED);
    return 0;
  });
}

/** T13 core (`__pkvm_host_reclaim_page_guest`): give a guest page back to the host at teardown. */
export function hostReclaimPageGuest(ctx: HypContext, vm: HypVm, gfn: number): number {
  return runTransition(ctx, 'host_reclaim_page_guest', { gfn, vm: vm.handle }, [guestRef(vm, gfn)], () => reclaimGuestPage(ctx, vm, gfn));
}

function reclaimGuestPage(ctx: HypContext, vm: HypVm, gfn: number): number {
  const pte = vm.stage2.get(gfn);
  if (pte.state === PageState.POISON) {
    vm.stage2.unmap(gfn); // already reclaimed by force: nothing left to give back
    return 0;
  }
  if (pte.state === PageState.NOPAGE) return -ENOENT;
  if (pte.level !== 3) return -E2BIG;
  const host = ctx.vmemmap.host(pte.pfn);
  if (pte.state === PageState.OWNED ? host !== PageState.NOPAGE : pte.state !== PageState.SHARED_OWNED || host !== PageState.SHARED_BORROWED) {
    return -EPERM;
  }
  vm.stage2.unmap(gfn);
  if (pte.state === PageState.OWNED) ctx.mem.zero(pte.pfn);
  ctx.vmemmap.setHostState(pte.pfn, PageState.OWNED);
  return 0;
}

/** T13 as the host calls it (`__pkvm_reclaim_dying_guest_page(handle, gfn)`): the VM must be dying. */
export function reclaimDyingGuestPage(ctx: HypContext, handle: number, gfn: number): number {
  const vm = ctx.vmByHandle(handle);
  const refs: PageRef[] = vm ? [guestRef(vm, gfn)] : [];
  return runTransition(ctx, 'reclaim_dying_guest_page', { handle, gfn }, refs, () => {
    if (!vm || !vm.isDying) return -EINVAL;
    return reclaimGuestPage(ctx, vm, gfn);
  });
}

/** T14: permission / access-flag maintenance, only for non-protected guests' lent pages. */
function npGuestOp(
  ctx: HypContext,
  op: 'host_relax_perms_guest' | 'host_wrprotect_guest' | 'host_test_clear_young_guest' | 'host_mkyoung_guest',
  vm: HypVm,
  gfn: number,
  args: Record<string, number>,
  apply: (prot: number) => { prot: number; ret: number },
  prot = 0,
): number {
  return runTransition(ctx, op, { ...args, gfn, vm: vm.handle }, [guestRef(vm, gfn)], () => {
    if (vm.isProtected) return -EPERM;
    if ((prot & ~PROT_RWX) !== 0) return -EINVAL;
    const pte = vm.stage2.get(gfn);
    if (pte.state >= PageState.NOPAGE) return -ENOENT;
    if (pte.state !== PageState.SHARED_BORROWED) return -EPERM;
    const r = apply(pte.prot);
    if (r.prot !== pte.prot) vm.stage2.setProt(gfn, r.prot);
    return r.ret;
  });
}

export function hostRelaxPermsGuest(ctx: HypContext, vm: HypVm, gfn: number, prot: number): number {
  return npGuestOp(ctx, 'host_relax_perms_guest', vm, gfn, { prot }, (p) => ({ prot: p | prot, ret: 0 }), prot);
}
export function hostWrprotectGuest(ctx: HypContext, vm: HypVm, gfn: number): number {
  return npGuestOp(ctx, 'host_wrprotect_guest', vm, gfn, {}, (p) => ({ prot: p & ~PROT_W, ret: 0 }));
}
/** Returns 1 when the page was young (and clears the flag if `mkold`). */
export function hostTestClearYoungGuest(ctx: HypContext, vm: HypVm, gfn: number, mkold: boolean): number {
  return npGuestOp(ctx, 'host_test_clear_young_guest', vm, gfn, { mkold: mkold ? 1 : 0 }, (p) => ({
    prot: mkold ? p & ~PTE_YOUNG : p,
    ret: p & PTE_YOUNG ? 1 : 0,
  }));
}
export function hostMkyoungGuest(ctx: HypContext, vm: HypVm, gfn: number): number {
  return npGuestOp(ctx, 'host_mkyoung_guest', vm, gfn, {}, (p) => ({ prot: p | PTE_YOUNG, ret: 0 }));
}

/**
 * T15: after a racing stage-2 fault the host asks whether the faulting IPA is poisoned.
 * The IPA comes from the hypervisor's own copy of HPFAR_EL2, never from the host.
 */
export function vcpuInPoisonFault(ctx: HypContext, vcpu: HypVcpu): number {
  const { esr, hpfar } = vcpu.fault;
  const gfn = Math.floor(hpfar / 16);
  return runTransition(ctx, 'vcpu_in_poison_fault', { vm: vcpu.vm.handle, vcpu: vcpu.index }, [guestRef(vcpu.vm, gfn)], () => {
    const ec = esr >>> 26;
    if (ec !== EC.DABT_LOW && ec !== EC.IABT_LOW) return -EINVAL;
    const fsc = esr & 0x3f;
    if ((fsc & 0x3c) !== 0x04) return -EINVAL; // not a translation fault
    if ((fsc & 3) !== 3) return -EINVAL; // not level 3
    return vcpu.vm.stage2.state(gfn) === PageState.POISON ? 1 : 0;
  });
}
