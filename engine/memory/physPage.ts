/**
 * One 4 KiB page of physical memory (a host PA frame, or a guest_memfd folio).
 *
 * The CPU reads and writes pages through typed-array views: every data access is
 * naturally aligned (the guest runs with the stage-1 MMU off, so data accesses are
 * Device memory and unaligned ones fault before they reach memory), so an aligned
 * word is one element of `i32`. Little-endian hosts only (checked at load time).
 */
import type { CodeCache } from '../cpu/codeCache';

export const PAGE_SHIFT = 12;
export const PAGE_SIZE = 1 << PAGE_SHIFT;

if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
  throw new Error('pkvm-debug engine needs a little-endian host');
}

export class PhysPage {
  readonly u8: Uint8Array;
  readonly u16: Uint16Array;
  readonly i32: Int32Array;
  /** Decoded instructions and blocks of this page, or null when never executed (or written since). */
  decoded: CodeCache | null = null;

  /** `pfn` is the page's host physical frame number (informational; the model owns the numbering). */
  constructor(readonly pfn: number) {
    const buf = new ArrayBuffer(PAGE_SIZE);
    this.u8 = new Uint8Array(buf);
    this.u16 = new Uint16Array(buf);
    this.i32 = new Int32Array(buf);
  }

  /** Called on every store that hits a page holding decoded code: self-modifying code and loaders stay correct. */
  invalidateCode(): void {
    const d = this.decoded;
    if (d !== null) {
      d.live = false;
      this.decoded = null;
    }
  }

  zero(): void {
    this.u8.fill(0);
    this.invalidateCode();
  }
}
