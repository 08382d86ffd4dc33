/**
 * A KVM memslot (`struct kvm_memory_slot`): a guest-physical range backed either by
 * host userspace memory at `userspaceAddr` or by a guest_memfd binding, plus the host's
 * record of which guest frames are currently given to the guest. That record is the
 * RFC's IPA-keyed rb-tree of `kvm_guest_page {ipa, page, is_pinned}` (upstream: the
 * `pkvm_mapping` tree); here it is one typed array per slot so a 4 GiB slot costs
 * 5 bytes per page and every lookup is O(1).
 */
import { GuestMemfd } from './guestMemfd';
import { KVM_MEM_GUEST_MEMFD, KVM_MEM_READONLY } from './uapi';

export interface UserspaceMemoryRegion2 {
  slot: number;
  flags: number;
  guest_phys_addr: number;
  memory_size: number;
  userspace_addr: number;
  guest_memfd_offset: number;
  guest_memfd: number;
}

export class Memslot {
  /** Frame given to the guest at each page of the slot (-1 none). */
  private readonly guestPfn: Int32Array;
  private readonly pinned: Uint8Array;
  /** Pages the guest relinquished and the host reclaimed, until the guest faults them in again. */
  private readonly relinquishedPages: Uint8Array;
  private tracked = 0;

  constructor(
    readonly id: number,
    readonly baseGfn: number,
    readonly npages: number,
    /** Only KVM_MEM_LOG_DIRTY_PAGES may change after creation (a flags-only update). */
    public flags: number,
    readonly userspaceAddr: number,
    readonly gmem: { file: GuestMemfd; pgoff: number } | null,
  ) {
    this.guestPfn = new Int32Array(npages).fill(-1);
    this.pinned = new Uint8Array(npages);
    this.relinquishedPages = new Uint8Array(npages);
  }

  get readonly(): boolean {
    return (this.flags & KVM_MEM_READONLY) !== 0;
  }
  /** RFC "private-capable": backed by guest_memfd. */
  get isPrivate(): boolean {
    return (this.flags & KVM_MEM_GUEST_MEMFD) !== 0;
  }

  contains(gfn: number): boolean {
    return gfn >= this.baseGfn && gfn < this.baseGfn + this.npages;
  }

  /** guest_memfd page index of `gfn` (`kvm_gmem_get_index`). */
  gmemIndex(gfn: number): number {
    return gfn - this.baseGfn + (this.gmem ? this.gmem.pgoff : 0);
  }

  /** Host virtual address of `gfn` in the slot's userspace mapping. */
  hva(gfn: number): number {
    return this.userspaceAddr + (gfn - this.baseGfn) * 4096;
  }

  // ---- guest page tracking (kvm_guest_page / pkvm_mapping)

  trackedPfn(gfn: number): number {
    return this.guestPfn[gfn - this.baseGfn];
  }
  isPinned(gfn: number): boolean {
    return this.pinned[gfn - this.baseGfn] === 1;
  }
  get trackedPages(): number {
    return this.tracked;
  }

  wasRelinquished(gfn: number): boolean {
    return this.relinquishedPages[gfn - this.baseGfn] === 1;
  }

  markRelinquished(gfn: number): void {
    this.relinquishedPages[gfn - this.baseGfn] = 1;
  }

  track(gfn: number, pfn: number, pinned: boolean): void {
    const k = gfn - this.baseGfn;
    this.relinquishedPages[k] = 0;
    if (this.guestPfn[k] < 0) this.tracked++;
    this.guestPfn[k] = pfn;
    this.pinned[k] = pinned ? 1 : 0;
  }

  untrack(gfn: number): void {
    const k = gfn - this.baseGfn;
    if (this.guestPfn[k] >= 0) this.tracked--;
    this.guestPfn[k] = -1;
    this.pinned[k] = 0;
  }

  /** Tracked entries in IPA order. */
  *trackedEntries(): Generator<{ gfn: number; pfn: number; pinned: boolean }> {
    if (this.tracked === 0) return;
    for (let k = 0; k < this.npages; k++) {
      if (this.guestPfn[k] >= 0) yield { gfn: this.baseGfn + k, pfn: this.guestPfn[k], pinned: this.pinned[k] === 1 };
    }
  }
}
