/**
 * The per-VM memory-attribute array (`kvm->mem_attr_array`, an xarray keyed by gfn).
 * Two attributes matter: the user attribute PRIVATE (bit 3) and the RFC's kernel-only
 * NOT_MAPPABLE (bit 16). Stored compactly as two bits per gfn in 512-gfn chunks created
 * on demand, so marking a 4 GiB slot costs a million byte writes, not a million objects.
 */
import { KVM_MEMORY_ATTRIBUTE_NOT_MAPPABLE, KVM_MEMORY_ATTRIBUTE_PRIVATE } from './uapi';

export const ATTR_PRIVATE = 1;
export const ATTR_NOT_MAPPABLE = 2;
const CHUNK = 512;

export class MemAttributes {
  private readonly chunks = new Map<number, Uint8Array>();
  /** Called with each changed range (dirty tracking for page queries). */
  onChange: ((gfn: number, npages: number) => void) | null = null;

  get(gfn: number): number {
    const c = this.chunks.get(Math.floor(gfn / CHUNK));
    return c ? c[gfn % CHUNK] : 0;
  }

  /** The attributes as the uapi u64 (PRIVATE = bit 3, NOT_MAPPABLE = bit 16). */
  getUapi(gfn: number): bigint {
    const a = this.get(gfn);
    return (a & ATTR_PRIVATE ? KVM_MEMORY_ATTRIBUTE_PRIVATE : 0n) | (a & ATTR_NOT_MAPPABLE ? KVM_MEMORY_ATTRIBUTE_NOT_MAPPABLE : 0n);
  }

  /** True if any gfn of the range has one of `bits`. */
  any(gfn: number, npages: number, bits: number): boolean {
    for (let g = gfn; g < gfn + npages; ) {
      const key = Math.floor(g / CHUNK);
      const c = this.chunks.get(key);
      const end = Math.min(gfn + npages, (key + 1) * CHUNK);
      if (c) for (let k = g; k < end; k++) if (c[k % CHUNK] & bits) return true;
      g = end;
    }
    return false;
  }

  /** Set the bits in `mask` to the values in `value` over the range, keeping the other bits. */
  update(gfn: number, npages: number, mask: number, value: number): void {
    for (let g = gfn; g < gfn + npages; ) {
      const key = Math.floor(g / CHUNK);
      const end = Math.min(gfn + npages, (key + 1) * CHUNK);
      let c = this.chunks.get(key);
      if (!c) {
        if ((value & mask) === 0) {
          g = end;
          continue;
        }
        c = new Uint8Array(CHUNK);
        this.chunks.set(key, c);
      }
      for (let k = g; k < end; k++) c[k % CHUNK] = (c[k % CHUNK] & ~mask) | (value & mask);
      g = end;
    }
    this.onChange?.(gfn, npages);
  }
}
