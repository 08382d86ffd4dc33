/**
 * The host kernel's page allocator and `struct page` view of RAM: which frames are free,
 * what each allocated frame is used for, how many user page-table entries map it
 * (mapcount, what the RFC's "is it mapped?" checks read), how many references keep it
 * alive, and which guest frame it backs (so a change to a frame can be traced back to
 * the guest page it concerns).
 *
 * Frames handed out are always zeroed first. Allocation is deterministic: the most
 * recently freed frame is reused first, then never-used frames in address order.
 */
import { PhysMemory } from '../hyp/physMemory';

export const PageUse = { FREE: 0, GMEM: 1, ANON: 2, KERNEL: 3 } as const;
export type PageUse = (typeof PageUse)[keyof typeof PageUse];

export class HostMemory {
  readonly use: Uint8Array;
  readonly mapcount: Uint16Array;
  readonly refcount: Uint16Array;
  /** Guest frame this frame backs (-1 none), and the KVM VM id it belongs to. */
  readonly backsGfn: Int32Array;
  readonly backsVm: Uint16Array;
  private readonly freeStack: Int32Array;
  private freeTop = 0;
  private nextFresh: number;
  /** Called whenever something about a frame changes (mapcount, use, contents source). */
  onFrameChange: ((pfn: number) => void) | null = null;

  constructor(
    readonly mem: PhysMemory,
    /** First frame the allocator may hand out (frames below belong to the hypervisor's carve-out). */
    firstFree: number,
  ) {
    const n = mem.npages;
    this.use = new Uint8Array(n);
    this.mapcount = new Uint16Array(n);
    this.refcount = new Uint16Array(n);
    this.backsGfn = new Int32Array(n).fill(-1);
    this.backsVm = new Uint16Array(n);
    this.freeStack = new Int32Array(n);
    this.nextFresh = firstFree;
  }

  private i(pfn: number): number {
    return pfn - this.mem.basePfn;
  }

  /** A zeroed frame with one reference, or -1 when RAM is exhausted. */
  alloc(use: PageUse): number {
    let pfn: number;
    if (this.freeTop > 0) pfn = this.freeStack[--this.freeTop];
    else if (this.nextFresh < this.mem.basePfn + this.mem.npages) pfn = this.nextFresh++;
    else return -1;
    this.mem.zero(pfn);
    const i = this.i(pfn);
    this.use[i] = use;
    this.refcount[i] = 1;
    this.mapcount[i] = 0;
    this.backsGfn[i] = -1;
    this.onFrameChange?.(pfn);
    return pfn;
  }

  get(pfn: number): void {
    this.refcount[this.i(pfn)]++;
  }

  /** Drop a reference; the frame goes back to the free list at zero. */
  put(pfn: number): void {
    const i = this.i(pfn);
    if (this.refcount[i] === 0) throw new Error(`host memory: reference underflow on pfn 0x${pfn.toString(16)}`);
    if (--this.refcount[i] > 0) return;
    this.use[i] = PageUse.FREE;
    this.backsGfn[i] = -1;
    this.freeStack[this.freeTop++] = pfn;
    this.onFrameChange?.(pfn);
  }

  mapped(pfn: number): number {
    return this.mapcount[this.i(pfn)];
  }

  addMapping(pfn: number): void {
    this.mapcount[this.i(pfn)]++;
    this.onFrameChange?.(pfn);
  }

  removeMapping(pfn: number): void {
    this.mapcount[this.i(pfn)]--;
    this.onFrameChange?.(pfn);
  }

  setBacking(pfn: number, vmId: number, gfn: number): void {
    const i = this.i(pfn);
    this.backsVm[i] = vmId;
    this.backsGfn[i] = gfn;
  }

  backing(pfn: number): { vm: number; gfn: number } | null {
    if (!this.mem.isRam(pfn)) return null;
    const i = this.i(pfn);
    return this.backsGfn[i] < 0 ? null : { vm: this.backsVm[i], gfn: this.backsGfn[i] };
  }

  pageUse(pfn: number): PageUse {
    return this.use[this.i(pfn)] as PageUse;
  }
}
