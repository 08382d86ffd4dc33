/**
 * Page-state queries by IPA for the debugger's memory map: a full record for one page,
 * and run-length summaries over ranges. A 4 GiB guest has a million pages, so summaries
 * are cached per 512-page chunk of each memslot and a chunk is recomputed only after
 * something touching one of its pages changed (guest stage-2 entries, frame states,
 * attributes, host mappings): a query after a few transitions costs a few chunks, not
 * a walk over every page.
 */
import {
  accessible,
  ComponentId,
  HOST_PAGE_NEED_POISONING,
  HOST_PAGE_PENDING_RECLAIM,
  PageState,
  PageStateName,
  PROT_R,
  PROT_W,
  PROT_X,
  stateName,
} from '../hyp/pageState';
import type { KvmVm } from '../kvm/kvmVm';
import {
  CELL_CHANGED,
  CELL_HOST_MAPPED,
  CELL_NOT_MAPPABLE,
  CELL_PRIVATE,
  PageCategory,
} from '../view/pageCell';
import type { Memslot } from '../kvm/memslot';
import { PAGE_SIZE } from '../memory/physPage';
import { hex } from './events';

const CHUNK = 512;

export type Backing = 'guest_memfd' | 'anonymous' | 'none';

export interface PageRecord {
  ipa: string;
  gfn: number;
  slot: number | null;
  backing: Backing;
  /** guest_memfd inode and byte offset of the page, for guest_memfd slots. */
  gmem: { inode: number; offset: string } | null;
  /** Where the VMM's slot mapping puts the page (userspace_addr + offset). */
  hostVa: string | null;
  /** The frame the host side holds for the page (guest_memfd folio / anonymous page), if any. */
  hostFrame: string | null;
  guest: { state: PageStateName; pa: string | null; prot: string };
  /** States of the frame the page uses (the guest's frame if mapped, else the host's). */
  host: PageStateName | null;
  hyp: PageStateName | null;
  hypFlags: string[];
  /** Host stage-2 annotation while the host has no access. */
  owner: { component: 'hyp' | 'guest'; vm: number; gfn: number } | null;
  shareCount: number;
  pins: number;
  attributes: { private: boolean; notMappable: boolean };
  /** Host userspace page-table entries mapping the frame. */
  hostMapcount: number;
  /** Whether the host stage-2 lets the host touch the frame. */
  hostAccessible: boolean;
  /** The host's record of the page as given to the guest (kvm_guest_page / pkvm_mapping). */
  tracked: { pa: string; pinned: boolean } | null;
}

export interface PageRun {
  startIpa: string;
  startGfn: number;
  pages: number;
  slot: number | null;
  backing: Backing;
  guest: PageStateName;
  host: PageStateName | null;
  private: boolean;
  notMappable: boolean;
  hostMapped: boolean;
  tracked: boolean;
  pendingReclaim: boolean;
  /** Given back by the guest (MEM_RELINQUISH) and reclaimed by the host, not faulted in since. */
  relinquished: boolean;
  /** The frame is owned by or shared with the hypervisor. */
  hyp: boolean;
}

interface CachedRun {
  start: number;
  pages: number;
  key: number;
}

const BACKING: Backing[] = ['none', 'guest_memfd', 'anonymous'];
const NO_HOST = 7;

const K_PRIVATE = 1 << 8;
const K_NOT_MAPPABLE = 1 << 9;
const K_MAPPED = 1 << 10;
const K_TRACKED = 1 << 11;
const K_PENDING = 1 << 12;
const K_RELINQUISHED = 1 << 13;
const K_HYP = 1 << 14;

function packKey(backing: number, guest: number, host: number, flags: number): number {
  return backing | (guest << 2) | (host << 5) | flags;
}

/** The memory-map cell (engine/view/pageCell.ts) of a page class. */
function cellOf(key: number): number {
  const guest = (key >> 2) & 7;
  const mapped = (key & K_MAPPED) !== 0;
  let cat: PageCategory;
  if ((key & 3) === 0) cat = PageCategory.Unbacked;
  else if (guest === PageState.POISON) cat = PageCategory.Poisoned;
  else if (guest === PageState.OWNED) cat = PageCategory.GuestPrivate;
  else if (guest === PageState.SHARED_OWNED || guest === PageState.SHARED_BORROWED) cat = mapped ? PageCategory.SharedMapped : PageCategory.SharedUnmapped;
  else if (key & K_HYP) cat = PageCategory.Hyp;
  else if (key & K_RELINQUISHED) cat = PageCategory.Relinquished;
  else cat = mapped ? PageCategory.HostMapped : PageCategory.NotFaulted;
  return cat | (key & K_NOT_MAPPABLE ? CELL_NOT_MAPPABLE : 0) | (key & K_PRIVATE ? CELL_PRIVATE : 0) | (mapped ? CELL_HOST_MAPPED : 0);
}

/** Ranges marked as a whole instead of page by page (e.g. a slot marked NOT_MAPPABLE at the first run). */
const RANGE_MARK_THRESHOLD = 4096;

export class PageQuery {
  private cache = new Map<Memslot, (CachedRun[] | null)[]>();
  private slotSignature = '';
  /** Chunks recomputed so far (observability for tests and benchmarks). */
  recomputedChunks = 0;
  /** Pages changed since the last stop, and during the run that ended at it. */
  private changed = new Set<number>();
  private changedRanges: [number, number][] = [];
  private lastChanged = new Set<number>();
  private lastChangedRanges: [number, number][] = [];

  constructor(
    private readonly vm: KvmVm,
    /** Device windows the VMM emulates (drawn as MMIO). */
    private readonly mmio: ReadonlyArray<{ base: number; size: number }> = [],
  ) {}

  /** A stop: what changed until now becomes "changed in the last run"; a new period starts. */
  endEpoch(): void {
    this.lastChanged = this.changed;
    this.lastChangedRanges = this.changedRanges;
    this.changed = new Set();
    this.changedRanges = [];
  }

  /** Whether `gfn` changed during the last run or since it stopped. */
  changedRecently(gfn: number): boolean {
    if (this.changed.has(gfn) || this.lastChanged.has(gfn)) return true;
    for (const [a, n] of this.changedRanges) if (gfn >= a && gfn < a + n) return true;
    for (const [a, n] of this.lastChangedRanges) if (gfn >= a && gfn < a + n) return true;
    return false;
  }

  /** Something about guest frame `gfn` changed. */
  markGfn(gfn: number): void {
    this.changed.add(gfn);
    const slot = this.vm.slotFor(gfn);
    if (!slot) return;
    const c = this.cache.get(slot);
    if (c) c[Math.floor((gfn - slot.baseGfn) / CHUNK)] = null;
  }

  markRange(gfn: number, n: number): void {
    if (n > RANGE_MARK_THRESHOLD) this.changedRanges.push([gfn, n]);
    else for (let g = gfn; g < gfn + n; g++) this.changed.add(g);
    for (const slot of this.vm.memslots) {
      const a = Math.max(gfn, slot.baseGfn);
      const b = Math.min(gfn + n, slot.baseGfn + slot.npages);
      if (a >= b) continue;
      const c = this.cache.get(slot);
      if (!c) continue;
      for (let k = Math.floor((a - slot.baseGfn) / CHUNK); k <= Math.floor((b - 1 - slot.baseGfn) / CHUNK); k++) c[k] = null;
    }
  }

  /** Something about host frame `pfn` changed: find the guest page it backs. */
  markPfn(pfn: number): void {
    const b = this.vm.host.hostMem.backing(pfn);
    if (b && b.vm === this.vm.id) this.markGfn(b.gfn);
  }

  /**
   * Memory-map cells (one byte per page, engine/view/pageCell.ts) for `n` pages from
   * `startIpa`: category, NOT_MAPPABLE / PRIVATE / host-mapped flags, and "changed".
   * `violation` is the IPA of a page whose invariant is broken, if any.
   */
  cells(startIpa: number, n: number, violation: number | null = null): Uint8Array {
    const out = new Uint8Array(n);
    const first = Math.floor(startIpa / PAGE_SIZE);
    for (const r of this.runs(first, first + n)) out.fill(cellOf(r.key), r.start - first, r.start - first + r.pages);
    for (const w of this.mmio) {
      const a = Math.max(first, Math.floor(w.base / PAGE_SIZE));
      const b = Math.min(first + n, Math.ceil((w.base + w.size) / PAGE_SIZE));
      for (let g = a; g < b; g++) out[g - first] = PageCategory.Mmio;
    }
    const mark = (g: number): void => {
      if (g >= first && g < first + n) out[g - first] |= CELL_CHANGED;
    };
    for (const g of this.changed) mark(g);
    for (const g of this.lastChanged) mark(g);
    for (const [a, len] of [...this.changedRanges, ...this.lastChangedRanges]) {
      for (let g = Math.max(a, first); g < Math.min(a + len, first + n); g++) mark(g);
    }
    if (violation !== null) {
      const g = Math.floor(violation / PAGE_SIZE);
      if (g >= first && g < first + n) out[g - first] = (out[g - first] & ~0x0f) | PageCategory.Violation;
    }
    return out;
  }

  markAll(): void {
    this.cache.clear();
  }

  /** The full record of the page containing `ipa`. */
  page(ipa: number): PageRecord {
    const vm = this.vm;
    const gfn = Math.floor(ipa / PAGE_SIZE);
    const slot = vm.slotFor(gfn) ?? null;
    const hyp = vm.host.hyp;
    const pte = vm.hypVm ? vm.hypVm.stage2.get(gfn) : { state: PageState.NOPAGE, pfn: -1, prot: 0, level: 3 as const };
    const hostFrame = vm.hostFrame(gfn);
    const frame = pte.pfn >= 0 ? pte.pfn : hostFrame;
    const ram = frame >= 0 && hyp.mem.isRam(frame);
    const tracked = slot ? slot.trackedPfn(gfn) : -1;
    const flags = ram ? hyp.vmemmap.pageFlags(frame) : 0;
    const owner = ram ? hyp.vmemmap.owner(frame) : null;
    return {
      ipa: hex(gfn * PAGE_SIZE),
      gfn,
      slot: slot ? slot.id : null,
      backing: slot ? (slot.gmem ? 'guest_memfd' : 'anonymous') : 'none',
      gmem: slot?.gmem ? { inode: slot.gmem.file.ino, offset: hex(slot.gmemIndex(gfn) * PAGE_SIZE) } : null,
      hostVa: slot ? hex(slot.hva(gfn)) : null,
      hostFrame: hostFrame >= 0 ? hex(hostFrame * PAGE_SIZE) : null,
      guest: { state: stateName(pte.state), pa: pte.pfn >= 0 ? hex(pte.pfn * PAGE_SIZE) : null, prot: protString(pte.prot) },
      host: ram ? stateName(hyp.vmemmap.host(frame)) : null,
      hyp: ram ? stateName(hyp.vmemmap.hyp(frame)) : null,
      hypFlags: [...(flags & HOST_PAGE_NEED_POISONING ? ['NEED_POISONING'] : []), ...(flags & HOST_PAGE_PENDING_RECLAIM ? ['PENDING_RECLAIM'] : [])],
      owner: owner && owner.id !== ComponentId.HOST ? { component: owner.id === ComponentId.HYP ? 'hyp' : 'guest', vm: owner.handle, gfn: owner.gfn } : null,
      shareCount: ram ? hyp.vmemmap.shareCount(frame) : 0,
      pins: ram ? hyp.vmemmap.pins(frame) : 0,
      attributes: { private: vm.isPrivate(gfn), notMappable: vm.isNotMappable(gfn) },
      hostMapcount: ram ? vm.host.hostMem.mapped(frame) : 0,
      hostAccessible: ram && accessible(hyp.vmemmap.host(frame)),
      tracked: tracked >= 0 && slot ? { pa: hex(tracked * PAGE_SIZE), pinned: slot.isPinned(gfn) } : null,
    };
  }

  /** Run-length summary of [startIpa, endIpa): consecutive pages in the same class form one run. */
  summary(startIpa: number, endIpa: number): PageRun[] {
    return this.runs(Math.floor(startIpa / PAGE_SIZE), Math.ceil(endIpa / PAGE_SIZE)).map((r) => this.describeRun(r));
  }

  /** Runs over guest frames [first, end), from the chunk cache. */
  private runs(first: number, end: number): CachedRun[] {
    this.checkSlots();
    const out: CachedRun[] = [];
    const push = (r: CachedRun): void => {
      const last = out[out.length - 1];
      if (last && last.key === r.key && last.start + last.pages === r.start) last.pages += r.pages;
      else out.push({ ...r });
    };
    const unbacked = packKey(0, PageState.NOPAGE, NO_HOST, 0);
    let g = first;
    const slots = this.vm.memslots.filter((s) => s.baseGfn < end && s.baseGfn + s.npages > first);
    for (const slot of slots) {
      if (g < slot.baseGfn) {
        push({ start: g, pages: slot.baseGfn - g, key: unbacked });
        g = slot.baseGfn;
      }
      const stop = Math.min(end, slot.baseGfn + slot.npages);
      const chunks = this.chunksOf(slot);
      while (g < stop) {
        const k = Math.floor((g - slot.baseGfn) / CHUNK);
        const runs = (chunks[k] ??= this.computeChunk(slot, k));
        for (const r of runs) {
          const a = Math.max(r.start, g);
          const b = Math.min(r.start + r.pages, stop);
          if (a < b) push({ start: a, pages: b - a, key: r.key });
        }
        g = Math.min(stop, slot.baseGfn + (k + 1) * CHUNK);
      }
    }
    if (g < end) push({ start: g, pages: end - g, key: unbacked });
    return out;
  }

  private describeRun(r: CachedRun): PageRun {
    const k = r.key;
    const host = (k >> 5) & 7;
    const slot = this.vm.slotFor(r.start);
    return {
      startIpa: hex(r.start * PAGE_SIZE),
      startGfn: r.start,
      pages: r.pages,
      slot: slot ? slot.id : null,
      backing: BACKING[k & 3],
      guest: stateName(((k >> 2) & 7) as PageState),
      host: host === NO_HOST ? null : stateName(host as PageState),
      private: (k & K_PRIVATE) !== 0,
      notMappable: (k & K_NOT_MAPPABLE) !== 0,
      hostMapped: (k & K_MAPPED) !== 0,
      tracked: (k & K_TRACKED) !== 0,
      pendingReclaim: (k & K_PENDING) !== 0,
      relinquished: (k & K_RELINQUISHED) !== 0,
      hyp: (k & K_HYP) !== 0,
    };
  }

  private checkSlots(): void {
    const sig = this.vm.memslots.map((s) => `${s.id}:${s.baseGfn}:${s.npages}`).join(',');
    if (sig !== this.slotSignature) {
      this.slotSignature = sig;
      this.cache.clear();
    }
  }

  private chunksOf(slot: Memslot): (CachedRun[] | null)[] {
    let c = this.cache.get(slot);
    if (!c) {
      c = new Array<CachedRun[] | null>(Math.ceil(slot.npages / CHUNK)).fill(null);
      this.cache.set(slot, c);
    }
    return c;
  }

  private computeChunk(slot: Memslot, k: number): CachedRun[] {
    this.recomputedChunks++;
    const vm = this.vm;
    const hyp = vm.host.hyp;
    const hostMem = vm.host.hostMem;
    const start = slot.baseGfn + k * CHUNK;
    const n = Math.min(CHUNK, slot.baseGfn + slot.npages - start);
    const states = new Uint8Array(n);
    const pfns = new Int32Array(n);
    if (vm.hypVm) vm.hypVm.stage2.readRange(start, n, states, pfns);
    else states.fill(PageState.NOPAGE);
    const backing = slot.gmem ? 1 : 2;
    const runs: CachedRun[] = [];
    for (let i = 0; i < n; i++) {
      const gfn = start + i;
      const frame = states[i] < PageState.NOPAGE ? pfns[i] : vm.hostFrame(gfn);
      const ram = frame >= 0 && hyp.mem.isRam(frame);
      const attrs = vm.attrs.get(gfn);
      let flags = (attrs & 1 ? K_PRIVATE : 0) | (attrs & 2 ? K_NOT_MAPPABLE : 0);
      if (slot.trackedPfn(gfn) >= 0) flags |= K_TRACKED;
      if (slot.wasRelinquished(gfn)) flags |= K_RELINQUISHED;
      if (ram) {
        if (hostMem.mapped(frame) > 0) flags |= K_MAPPED;
        if (hyp.vmemmap.pageFlags(frame) & HOST_PAGE_PENDING_RECLAIM) flags |= K_PENDING;
        if (hyp.vmemmap.hyp(frame) !== PageState.NOPAGE) flags |= K_HYP;
      }
      const key = packKey(backing, states[i], ram ? hyp.vmemmap.host(frame) : NO_HOST, flags);
      const last = runs[runs.length - 1];
      if (last && last.key === key) last.pages++;
      else runs.push({ start: gfn, pages: 1, key });
    }
    return runs;
  }
}

function protString(p: number): string {
  return `${p & PROT_R ? 'r' : '-'}${p & PROT_W ? 'w' : '-'}${p & PROT_X ? 'x' : '-'}`;
}
