/**
 * The RFC-era reclaim path ([RFC]/[CORE], R1-R3 of the reference): the guest relinquishes
 * a page (hyp flags it, unmaps it, hands its address to the host), the host reclaims it
 * (`__pkvm_host_reclaim_page`, zeroing pages the guest owned), and teardown flags every
 * remaining guest page for reclaim.
 */
import { EPERM } from './errno';
import { HypContext, ModelError, PageRef, runTransition } from './hypContext';
import { HypVcpu, HypVm } from './hypVm';
import { HOST_PAGE_NEED_POISONING, HOST_PAGE_PENDING_RECLAIM, PageState } from './pageState';

/**
 * R1: `__pkvm_guest_relinquish_to_host`. Returns the error (0 / -EPERM) and the frame
 * that was given up, or -1 when nothing was mapped at the IPA (a no-op).
 */
export function guestRelinquishToHost(ctx: HypContext, vcpu: HypVcpu, gfn: number): { ret: number; pfn: number } {
  const vm = vcpu.vm;
  const pte = vm.stage2.get(gfn);
  let pfn = -1;
  const ref: PageRef = pte.pfn >= 0 ? { vm, gfn, pfn: pte.pfn } : { vm, gfn };
  const ret = runTransition(ctx, 'guest_relinquish_to_host', { gfn, vm: vm.handle, vcpu: vcpu.index }, [ref], () => {
    if (pte.state >= PageState.NOPAGE) return 0; // invalid leaf (incl. poison): nothing to give back
    const expected = vm.isProtected ? PageState.OWNED : PageState.SHARED_BORROWED;
    if (pte.state !== expected) return -EPERM;
    const i = ctx.vmemmap.idx(pte.pfn);
    if (pte.state === PageState.OWNED) ctx.vmemmap.flags[i] |= HOST_PAGE_NEED_POISONING;
    ctx.vmemmap.flags[i] |= HOST_PAGE_PENDING_RECLAIM;
    vm.stage2.unmap(gfn);
    pfn = pte.pfn;
    return 0;
  });
  return { ret, pfn };
}

/** R2: `__pkvm_host_reclaim_page(pfn)`: a frame flagged PENDING_RECLAIM comes back to the host. */
export function hostReclaimPage(ctx: HypContext, pfn: number): number {
  return runTransition(ctx, 'host_reclaim_page', { pfn }, [{ pfn }], () => {
    if (!ctx.mem.isRam(pfn)) return -EPERM;
    const host = ctx.vmemmap.host(pfn);
    if (host === PageState.OWNED) return 0;
    const i = ctx.vmemmap.idx(pfn);
    const flags = ctx.vmemmap.flags[i];
    if ((flags & HOST_PAGE_PENDING_RECLAIM) === 0) return -EPERM;
    if (flags & HOST_PAGE_NEED_POISONING) ctx.mem.zero(pfn);
    ctx.vmemmap.flags[i] = 0;
    if (host === PageState.SHARED_OWNED && ctx.vmemmap.hostShareGuestCount[i] > 0) {
      // A page lent to a non-protected guest: one lender fewer.
      if (--ctx.vmemmap.hostShareGuestCount[i] > 0) return 0;
    }
    ctx.vmemmap.setHostState(pfn, PageState.OWNED);
    return 0;
  });
}

/**
 * R3: teardown of a VM in the RFC design (`reclaim_guest_pages`): every valid leaf is
 * flagged for reclaim (pages the guest owned also for poisoning) and the stage-2 is
 * destroyed; the host then calls R2 for each frame. Returns the flagged frames.
 */
export function reclaimGuestPages(ctx: HypContext, vm: HypVm): number[] {
  const entries = [...vm.stage2.entries()].filter((e) => e.state < PageState.NOPAGE);
  const refs: PageRef[] = entries.map((e) => ({ vm, gfn: e.gfn, pfn: e.pfn }));
  const pfns: number[] = [];
  runTransition(ctx, 'reclaim_guest_pages', { vm: vm.handle }, refs, () => {
    for (const e of entries) {
      if (e.state !== PageState.OWNED && e.state !== PageState.SHARED_OWNED && e.state !== PageState.SHARED_BORROWED) {
        throw new ModelError(`reclaim_guest_pages: gfn 0x${e.gfn.toString(16)} in unexpected state ${e.state}`);
      }
    }
    for (const e of entries) {
      const i = ctx.vmemmap.idx(e.pfn);
      if (e.state === PageState.OWNED) ctx.vmemmap.flags[i] |= HOST_PAGE_NEED_POISONING;
      ctx.vmemmap.flags[i] |= HOST_PAGE_PENDING_RECLAIM;
      pfns.push(e.pfn);
    }
    vm.stage2.destroy();
    return 0;
  });
  return pfns;
}
