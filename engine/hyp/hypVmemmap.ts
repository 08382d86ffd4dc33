/**
 * The hypervisor's per-physical-page metadata (`hyp_vmemmap` / `struct hyp_page`) plus the
 * host stage-2, which is an identity map: per RAM frame the host state, the hyp state,
 * the RFC-era hyp flags, the host→non-protected-guest share count, the hyp pin count,
 * and, while the host state is NOPAGE, the owner annotation the host stage-2 holds
 * (owner id, and for a guest owner its VM handle and gfn).
 *
 * Typed arrays indexed by frame: a 4 GiB guest means a million frames, and every query
 * and transition must stay O(1) per page.
 */
import { PhysMemory } from './physMemory';
import { ComponentId, PageState } from './pageState';

/** No owner annotation (the host stage-2 entry is a valid mapping or empty). */
export const OWNER_NONE = 0xff;

export class HypVmemmap {
  readonly hostState: Uint8Array;
  readonly hypState: Uint8Array;
  readonly flags: Uint8Array;
  readonly hostShareGuestCount: Uint32Array;
  readonly ownerId: Uint8Array;
  readonly ownerHandle: Uint16Array;
  readonly ownerGfn: Uint32Array;
  /** Hyp pin counts (`hyp_pin_shared_mem`): rare, so a map. */
  readonly pinCount = new Map<number, number>();

  constructor(readonly mem: PhysMemory) {
    const n = mem.npages;
    this.hostState = new Uint8Array(n).fill(PageState.OWNED);
    this.hypState = new Uint8Array(n).fill(PageState.NOPAGE);
    this.flags = new Uint8Array(n);
    this.hostShareGuestCount = new Uint32Array(n);
    this.ownerId = new Uint8Array(n).fill(OWNER_NONE);
    this.ownerHandle = new Uint16Array(n);
    this.ownerGfn = new Uint32Array(n);
  }

  /** Array index of a RAM frame (callers check `mem.isRam` first). */
  idx(pfn: number): number {
    return pfn - this.mem.basePfn;
  }

  host(pfn: number): PageState {
    return this.hostState[this.idx(pfn)] as PageState;
  }
  hyp(pfn: number): PageState {
    return this.hypState[this.idx(pfn)] as PageState;
  }
  pins(pfn: number): number {
    return this.pinCount.get(pfn) ?? 0;
  }
  shareCount(pfn: number): number {
    return this.hostShareGuestCount[this.idx(pfn)];
  }
  pageFlags(pfn: number): number {
    return this.flags[this.idx(pfn)];
  }

  /** Host stage-2 annotation of a NOPAGE frame, or null when there is none. */
  owner(pfn: number): { id: ComponentId; handle: number; gfn: number } | null {
    const i = this.idx(pfn);
    const id = this.ownerId[i];
    if (id === OWNER_NONE) return null;
    return { id: id as ComponentId, handle: this.ownerHandle[i], gfn: this.ownerGfn[i] };
  }

  /** Host loses the page to `owner`: host NOPAGE with the donation annotation. */
  setHostNoPage(pfn: number, owner: ComponentId, handle = 0, gfn = 0): void {
    const i = this.idx(pfn);
    this.hostState[i] = PageState.NOPAGE;
    this.ownerId[i] = owner;
    this.ownerHandle[i] = handle;
    this.ownerGfn[i] = gfn;
  }

  /** Host gets a valid identity mapping back in `state`; any annotation goes. */
  setHostState(pfn: number, state: PageState): void {
    const i = this.idx(pfn);
    this.hostState[i] = state;
    if (state !== PageState.NOPAGE) this.ownerId[i] = OWNER_NONE;
  }

  setHypState(pfn: number, state: PageState): void {
    this.hypState[this.idx(pfn)] = state;
  }
}
