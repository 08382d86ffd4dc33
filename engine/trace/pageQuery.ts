/**
 * Page-state queries by IPA for the debugger's memory map: a full record for one page,
 * and run-length summaries over ranges. A 4 GiB guest has a million pages, so summaries
 * are cached per 512-page chunk of each memslot and a chunk is recomputed only after
 * something touching one of its pages changed (guest stage-2 entries, frame states,
 * attributes, host mappings): a query after a few transitions costs a few chunks, not
 * a walk over every page.
 */
import { HOST_PAGE_NEED_POISONING, HOST_PAGE_PENDING_RECLAIM, PageState, PageStateName, stateName, accessible, ComponentId } from '../hyp/pageState';
import { PROT_R, PROT_W, PROT_X } from '../hyp/pageState';
import type { KvmVm } from '../kvm/kvmVm';
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
}

interface CachedRun {
  start: number;
  pages: number;
  key: number;
}

const BACKING: Backing[] = ['none', 'guest_memfd', 'anonymous'];
const NO_HOST = 7;

function packKey(backing: number, guest: number, host: number, priv: boolean, nm: boolean, mapped: boolean, tracked: boolean, pending: boolean): number {
  return backing | (guest << 2) | (host << 5) | ((priv ? 1 : 0) << 8) | ((nm ? 1 : 0) << 9) | ((mapped ? 1 : 0) << 10) | ((tracked ? 1 : 0) << 11) | ((pending ? 1 : 0) << 12);
}

export class PageQuery {
  private cache = new Map<Memslot, (CachedRun[] | null)[]>();
  private slotSignature = '';
  /** Chunks recomputed so far (observability for tests and benchmarks). */
  recomputedChunks = 0;

  constructor(private readonly vm: KvmVm) {}

  /** Something about guest frame `gfn` changed. */
  markGfn(gfn: number): void {
    const slot = this.vm.slotFor(gfn);
    if (!slot) return;
    const c = this.cache.get(slot);
    if (c) c[Math.floor((gfn - slot.baseGfn) / CHUNK)] = null;
  }

  markRange(gfn: number, n: number): void {
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
    this.checkSlots();
    const first = Math.floor(startIpa / PAGE_SIZE);
    const end = Math.ceil(endIpa / PAGE_SIZE);
    const out: CachedRun[] = [];
    const push = (r: CachedRun): void => {
      const last = out[out.length - 1];
      if (last && last.key === r.key && last.start + last.pages === r.start) last.pages += r.pages;
      else out.push({ ...r });
    };
    let g = first;
    const slots = this.vm.memslots.filter((s) => s.baseGfn < end && s.baseGfn + s.npages > first);
    for (const slot of slots) {
      if (g < slot.baseGfn) {
        push({ start: g, pages: slot.baseGfn - g, key: packKey(0, PageState.NOPAGE, NO_HOST, false, false, false, false, false) });
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
    if (g < end) push({ start: g, pages: end - g, key: packKey(0, PageState.NOPAGE, NO_HOST, false, false, false, false, false) });
    return out.map((r) => this.describeRun(r));
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
      private: ((k >> 8) & 1) === 1,
      notMappable: ((k >> 9) & 1) === 1,
      hostMapped: ((k >> 10) & 1) === 1,
      tracked: ((k >> 11) & 1) === 1,
      pendingReclaim: ((k >> 12) & 1) === 1,
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
      const key = packKey(
        backing,
        states[i],
        ram ? hyp.vmemmap.host(frame) : NO_HOST,
        (attrs & 1) !== 0,
        (attrs & 2) !== 0,
        ram && hostMem.mapped(frame) > 0,
        slot.trackedPfn(gfn) >= 0,
        ram && (hyp.vmemmap.pageFlags(frame) & HOST_PAGE_PENDING_RECLAIM) !== 0,
      );
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
