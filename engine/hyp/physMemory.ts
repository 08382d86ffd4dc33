/**
 * The machine's physical RAM: one contiguous region of host physical frames. Page
 * contents are allocated on first touch, so a large RAM costs nothing until used.
 * Everything above (hypervisor, host kernel, guest) reaches page contents through here.
 */
import { PhysPage } from '../memory/physPage';

export class PhysMemory {
  private readonly pages: (PhysPage | undefined)[];

  constructor(
    /** First RAM frame number (RAM base PA >> 12). */
    readonly basePfn: number,
    readonly npages: number,
  ) {
    if (!Number.isInteger(basePfn) || basePfn < 0 || !Number.isInteger(npages) || npages <= 0) {
      throw new Error(`physical RAM: bad layout (base pfn ${basePfn}, ${npages} pages)`);
    }
    this.pages = new Array<PhysPage | undefined>(npages);
  }

  isRam(pfn: number): boolean {
    return Number.isInteger(pfn) && pfn >= this.basePfn && pfn < this.basePfn + this.npages;
  }

  /** The page at `pfn`, created (zero-filled) on first use. */
  page(pfn: number): PhysPage {
    if (!this.isRam(pfn)) throw new Error(`physical RAM: pfn 0x${pfn.toString(16)} is not RAM`);
    const i = pfn - this.basePfn;
    return (this.pages[i] ??= new PhysPage(pfn));
  }

  /** The page if it was ever touched (null means it still reads as zeros). */
  peek(pfn: number): PhysPage | null {
    return this.isRam(pfn) ? (this.pages[pfn - this.basePfn] ?? null) : null;
  }

  zero(pfn: number): void {
    this.peek(pfn)?.zero();
  }

  /** True when the page holds only zero bytes (untouched pages do). */
  isZero(pfn: number): boolean {
    const p = this.peek(pfn);
    if (!p) return true;
    for (let k = 0; k < p.i32.length; k++) if (p.i32[k] !== 0) return false;
    return true;
  }
}
