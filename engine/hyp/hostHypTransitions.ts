/**
 * Transitions between the host and the hypervisor itself (T1-T6 of the reference;
 * mem_protect.c `__pkvm_host_share_hyp` … `__pkvm_host_unshare_ffa`). Each checks every
 * precondition first and returns the upstream error code without touching anything,
 * or applies all its changes.
 */
import { EINVAL, EBUSY, EPERM } from './errno';
import { HypContext, PageRef, runTransition } from './hypContext';
import { ComponentId, PageState } from './pageState';

/** 40-bit physical address space: frame numbers stay below 2^28. */
const PFN_LIMIT = 2 ** 28;

function rangeRefs(pfn: number, n: number): PageRef[] {
  const refs: PageRef[] = [];
  for (let k = 0; k < Math.min(n, PFN_LIMIT); k++) refs.push({ pfn: pfn + k });
  return refs;
}

/** A frame range that fits the PA space (else -EINVAL), made only of RAM (else -EPERM). */
function checkRange(ctx: HypContext, pfn: number, n: number): number {
  if (!Number.isInteger(pfn) || !Number.isInteger(n) || n < 1 || pfn < 0 || pfn + n > PFN_LIMIT) return -EINVAL;
  for (let k = 0; k < n; k++) if (!ctx.mem.isRam(pfn + k)) return -EPERM;
  return 0;
}

function allHost(ctx: HypContext, pfn: number, n: number, s: PageState): boolean {
  for (let k = 0; k < n; k++) if (ctx.vmemmap.host(pfn + k) !== s) return false;
  return true;
}
function allHyp(ctx: HypContext, pfn: number, n: number, s: PageState): boolean {
  for (let k = 0; k < n; k++) if (ctx.vmemmap.hyp(pfn + k) !== s) return false;
  return true;
}

/** T1: host OWNED, hyp NOPAGE → host SHARED_OWNED, hyp SHARED_BORROWED. */
export function hostShareHyp(ctx: HypContext, pfn: number): number {
  return runTransition(ctx, 'host_share_hyp', { pfn }, [{ pfn }], () => {
    if (!ctx.mem.isRam(pfn)) return -EPERM;
    if (ctx.vmemmap.host(pfn) !== PageState.OWNED) return -EPERM;
    if (ctx.vmemmap.hyp(pfn) !== PageState.NOPAGE) return -EPERM;
    ctx.vmemmap.setHostState(pfn, PageState.SHARED_OWNED);
    ctx.vmemmap.setHypState(pfn, PageState.SHARED_BORROWED);
    return 0;
  });
}

/** T2: back to host OWNED / hyp NOPAGE, refused while the hyp holds a pin. */
export function hostUnshareHyp(ctx: HypContext, pfn: number): number {
  return runTransition(ctx, 'host_unshare_hyp', { pfn }, [{ pfn }], () => {
    if (!ctx.mem.isRam(pfn)) return -EPERM;
    if (ctx.vmemmap.host(pfn) !== PageState.SHARED_OWNED) return -EPERM;
    if (ctx.vmemmap.hyp(pfn) !== PageState.SHARED_BORROWED) return -EPERM;
    if (ctx.vmemmap.pins(pfn) > 0) return -EBUSY;
    ctx.vmemmap.setHostState(pfn, PageState.OWNED);
    ctx.vmemmap.setHypState(pfn, PageState.NOPAGE);
    return 0;
  });
}

/** T3: the host gives frames to the hypervisor (host NOPAGE annotated HYP, hyp OWNED). */
export function hostDonateHyp(ctx: HypContext, pfn: number, n = 1): number {
  return runTransition(ctx, 'host_donate_hyp', { pfn, nr_pages: n }, rangeRefs(pfn, n), () => {
    const r = checkRange(ctx, pfn, n);
    if (r) return r;
    if (!allHost(ctx, pfn, n, PageState.OWNED) || !allHyp(ctx, pfn, n, PageState.NOPAGE)) return -EPERM;
    for (let k = 0; k < n; k++) {
      ctx.vmemmap.setHostNoPage(pfn + k, ComponentId.HYP);
      ctx.vmemmap.setHypState(pfn + k, PageState.OWNED);
    }
    return 0;
  });
}

/** T4: the hypervisor returns frames to the host. */
export function hypDonateHost(ctx: HypContext, pfn: number, n = 1): number {
  return runTransition(ctx, 'hyp_donate_host', { pfn, nr_pages: n }, rangeRefs(pfn, n), () => {
    const r = checkRange(ctx, pfn, n);
    if (r) return r;
    if (!allHyp(ctx, pfn, n, PageState.OWNED) || !allHost(ctx, pfn, n, PageState.NOPAGE)) return -EPERM;
    for (let k = 0; k < n; k++) {
      ctx.vmemmap.setHypState(pfn + k, PageState.NOPAGE);
      ctx.vmemmap.setHostState(pfn + k, PageState.OWNED);
    }
    return 0;
  });
}

function sharedWithHyp(ctx: HypContext, pfn: number): boolean {
  return (
    ctx.mem.isRam(pfn) &&
    ctx.vmemmap.host(pfn) === PageState.SHARED_OWNED &&
    ctx.vmemmap.hyp(pfn) === PageState.SHARED_BORROWED
  );
}

/** T5: the hypervisor pins a page the host shared with it (refcount +1). */
export function hypPinSharedMem(ctx: HypContext, pfn: number): number {
  return runTransition(ctx, 'hyp_pin_shared_mem', { pfn }, [{ pfn }], () => {
    if (!sharedWithHyp(ctx, pfn)) return -EPERM;
    ctx.vmemmap.pinCount.set(pfn, ctx.vmemmap.pins(pfn) + 1);
    return 0;
  });
}

export function hypUnpinSharedMem(ctx: HypContext, pfn: number): number {
  return runTransition(ctx, 'hyp_unpin_shared_mem', { pfn }, [{ pfn }], () => {
    if (!sharedWithHyp(ctx, pfn)) return -EPERM;
    const n = ctx.vmemmap.pins(pfn);
    // Unbalanced unpin is a WARN in the kernel; refuse it so the count cannot underflow.
    if (n === 0) return -EINVAL;
    if (n === 1) ctx.vmemmap.pinCount.delete(pfn);
    else ctx.vmemmap.pinCount.set(pfn, n - 1);
    return 0;
  });
}

/** T6: share with the FF-A proxy (host SHARED_OWNED, hyp untouched). */
export function hostShareFfa(ctx: HypContext, pfn: number, n = 1): number {
  return runTransition(ctx, 'host_share_ffa', { pfn, nr_pages: n }, rangeRefs(pfn, n), () => {
    const r = checkRange(ctx, pfn, n);
    if (r) return r;
    if (!allHost(ctx, pfn, n, PageState.OWNED)) return -EPERM;
    for (let k = 0; k < n; k++) ctx.vmemmap.setHostState(pfn + k, PageState.SHARED_OWNED);
    return 0;
  });
}

export function hostUnshareFfa(ctx: HypContext, pfn: number, n = 1): number {
  return runTransition(ctx, 'host_unshare_ffa', { pfn, nr_pages: n }, rangeRefs(pfn, n), () => {
    const r = checkRange(ctx, pfn, n);
    if (r) return r;
    if (!allHost(ctx, pfn, n, PageState.SHARED_OWNED)) return -EPERM;
    for (let k = 0; k < n; k++) ctx.vmemmap.setHostState(pfn + k, PageState.OWNED);
    return 0;
  });
}
