/**
 * A bare machine's memory: RAM regions identity-mapped with no hypervisor in between.
 * Used by unit and differential tests and by `run --bare`. Pages are allocated on first
 * touch, so a large region costs nothing until used.
 */
import { Stage2Bus } from './bus';
import { PAGE_SIZE, PhysPage } from './physPage';

export interface RamRegion {
  base: number;
  size: number;
}

export class FlatBus implements Stage2Bus {
  readonly generation = 0;
  private readonly pages = new Map<number, PhysPage>();

  constructor(readonly regions: RamRegion[]) {
    for (const r of regions) {
      if (r.base % PAGE_SIZE !== 0 || r.size % PAGE_SIZE !== 0 || r.size <= 0) {
        throw new Error(`RAM region 0x${r.base.toString(16)}+0x${r.size.toString(16)} is not page aligned`);
      }
    }
  }

  isRam(addr: number): boolean {
    return this.regions.some((r) => addr >= r.base && addr < r.base + r.size);
  }

  translate(gfn: number): PhysPage | null {
    return this.page(gfn * PAGE_SIZE);
  }

  /** The page backing `addr`, allocated on first use; null outside RAM. */
  page(addr: number): PhysPage | null {
    const gfn = Math.floor(addr / PAGE_SIZE);
    let p = this.pages.get(gfn);
    if (p) return p;
    if (!this.isRam(gfn * PAGE_SIZE)) return null;
    p = new PhysPage(gfn);
    this.pages.set(gfn, p);
    return p;
  }

  write(addr: number, data: Uint8Array): void {
    for (let i = 0; i < data.length; ) {
      const a = addr + i;
      const p = this.page(a);
      if (!p) throw new Error(`write outside RAM at 0x${a.toString(16)}`);
      const off = a & (PAGE_SIZE - 1);
      const n = Math.min(PAGE_SIZE - off, data.length - i);
      p.u8.set(data.subarray(i, i + n), off);
      p.invalidateCode();
      i += n;
    }
  }

  read(addr: number, len: number): Uint8Array {
    const out = new Uint8Array(len);
    for (let i = 0; i < len; ) {
      const a = addr + i;
      const off = a & (PAGE_SIZE - 1);
      const n = Math.min(PAGE_SIZE - off, len - i);
      const p = this.pages.get(Math.floor(a / PAGE_SIZE)) ?? (this.isRam(a) ? null : undefined);
      if (p === undefined) throw new Error(`read outside RAM at 0x${a.toString(16)}`);
      if (p) out.set(p.u8.subarray(off, off + n), i);
      i += n;
    }
    return out;
  }
}
