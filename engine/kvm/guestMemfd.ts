/**
 * A guest_memfd file (virt/kvm/guest_memfd.c, plus the RFC's restricted host mmap):
 * an anonymous inode of fixed size whose page cache holds the guest's memory.
 *
 * - creation rules are checked by the VM (`KVM_CREATE_GUEST_MEMFD`);
 * - read/write have no file operations and fail;
 * - mmap needs GUEST_MEMFD_FLAG_MMAP (else ENODEV) and MAP_SHARED (else EINVAL);
 * - the user fault handler refuses (SIGBUS) beyond the file size, and then:
 *   upstream, unless the file is INIT_SHARED; RFC, if any gfn bound to the offset is
 *   NOT_MAPPABLE;
 * - fallocate allocates or punches holes (KEEP_SIZE required, page aligned).
 *
 * Folios are order-0 frames from the host allocator, zero-filled on first use.
 */
import type { Profile } from '../config/profile';
import { EINVAL, ENODEV, ENOMEM, EOPNOTSUPP, SIGBUS } from '../hyp/errno';
import { PAGE_SIZE } from '../memory/physPage';
import { HostMemory, PageUse } from './hostMemory';
import { FALLOC_FL_KEEP_SIZE, FALLOC_FL_PUNCH_HOLE, GUEST_MEMFD_FLAG_INIT_SHARED, GUEST_MEMFD_FLAG_MMAP, MAP_SHARED } from './uapi';

/** What the file needs from the VM it belongs to. */
export interface GmemVm {
  readonly id: number;
  readonly profile: Profile;
  /** [RFC] the kernel NOT_MAPPABLE attribute of a gfn. */
  isNotMappable(gfn: number): boolean;
  /**
   * A folio bound at `gfn` is leaving the file (punch hole): the VM unmaps it from the
   * guest where the host may (a protected guest's page cannot be taken away; the VM's
   * own reference then keeps the frame alive until the guest gives it back).
   */
  invalidateGfn(gfn: number, pfn: number): void;
}

export interface GmemBinding {
  slot: number;
  baseGfn: number;
  /** First file page of the binding. */
  pgoff: number;
  npages: number;
}

/** A user mapping of the file, so truncation can zap its page-table entries. */
export interface GmemMapping {
  zapFilePages(firstIndex: number, endIndex: number): void;
}

export interface GmemStat {
  st_size: number;
  st_blksize: number;
  st_ino: number;
}

export class GuestMemfd {
  readonly kind = 'guest_memfd';
  readonly npages: number;
  private readonly folios: Int32Array;
  readonly bindings: GmemBinding[] = [];
  readonly mappings = new Set<GmemMapping>();

  constructor(
    readonly ino: number,
    readonly size: number,
    readonly flags: bigint,
    readonly vm: GmemVm,
    private readonly hostMem: HostMemory,
  ) {
    this.npages = size / PAGE_SIZE;
    this.folios = new Int32Array(this.npages).fill(-1);
  }

  get mmapAllowed(): boolean {
    return (this.flags & GUEST_MEMFD_FLAG_MMAP) !== 0n;
  }

  /** The folio at file page `index`, or -1 when none is allocated. */
  folio(index: number): number {
    return index >= 0 && index < this.npages ? this.folios[index] : -1;
  }

  /** `kvm_gmem_get_folio`: the folio at `index`, allocated (zeroed) if missing; -1 if out of range or out of memory. */
  getFolio(index: number): number {
    if (index < 0 || index >= this.npages) return -1;
    let pfn = this.folios[index];
    if (pfn >= 0) return pfn;
    pfn = this.hostMem.alloc(PageUse.GMEM);
    if (pfn < 0) return -1;
    this.folios[index] = pfn;
    const gfn = this.gfnOf(index);
    if (gfn >= 0) this.hostMem.setBacking(pfn, this.vm.id, gfn);
    this.hostMem.onFrameChange?.(pfn);
    return pfn;
  }

  /** The gfn bound to file page `index`, or -1. */
  gfnOf(index: number): number {
    for (const b of this.bindings) {
      if (index >= b.pgoff && index < b.pgoff + b.npages) return b.baseGfn + (index - b.pgoff);
    }
    return -1;
  }

  /** guest_memfd has no read/write file operations: the VFS answers EINVAL. */
  read(): number {
    return -EINVAL;
  }
  write(): number {
    return -EINVAL;
  }

  fstat(): GmemStat {
    return { st_size: this.size, st_blksize: PAGE_SIZE, st_ino: this.ino };
  }

  /** The file's mmap hook: ENODEV without the MMAP flag, EINVAL for a copy-on-write mapping. */
  checkMmap(mapFlags: number): number {
    if (!this.mmapAllowed) return -ENODEV; // the file has no .mmap
    if ((mapFlags & MAP_SHARED) === 0) return -EINVAL;
    return 0;
  }

  /** `kvm_gmem_fault_user_mapping`: the folio to map at `index`, or SIGBUS. */
  faultUserMapping(index: number): { pfn: number } | { signal: typeof SIGBUS; why: string } {
    if (index < 0 || index >= this.npages) return { signal: SIGBUS, why: 'offset beyond the guest_memfd size' };
    if (this.vm.profile === 'upstream') {
      if ((this.flags & GUEST_MEMFD_FLAG_INIT_SHARED) === 0n) {
        return { signal: SIGBUS, why: 'guest_memfd is not INIT_SHARED: its memory is private to the guest' };
      }
    } else {
      const gfn = this.gfnOf(index);
      if (gfn >= 0 && this.vm.isNotMappable(gfn)) {
        return { signal: SIGBUS, why: `gfn 0x${gfn.toString(16)} is NOT_MAPPABLE` };
      }
    }
    const pfn = this.getFolio(index);
    if (pfn < 0) return { signal: SIGBUS, why: 'out of memory' };
    return { pfn };
  }

  /** `kvm_gmem_fallocate`. */
  fallocate(mode: number, offset: number, len: number): number {
    if ((mode & ~(FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE)) !== 0) return -EOPNOTSUPP;
    if ((mode & FALLOC_FL_KEEP_SIZE) === 0) return -EOPNOTSUPP;
    if (offset < 0 || len <= 0) return -EINVAL; // vfs_fallocate
    if (offset % PAGE_SIZE !== 0 || len % PAGE_SIZE !== 0) return -EINVAL;
    const first = offset / PAGE_SIZE;
    const end = (offset + len) / PAGE_SIZE;
    if (mode & FALLOC_FL_PUNCH_HOLE) {
      this.punchHole(first, Math.min(end, this.npages));
      return 0;
    }
    if (offset + len > this.size) return -EINVAL;
    for (let k = first; k < end; k++) if (this.getFolio(k) < 0) return -ENOMEM;
    return 0;
  }

  /** Drop the folios of [first, end): guest mappings are invalidated, user mappings zapped. */
  private punchHole(first: number, end: number): void {
    if (first >= end) return;
    for (const m of this.mappings) m.zapFilePages(first, end);
    for (let k = first; k < end; k++) {
      const pfn = this.folios[k];
      if (pfn < 0) continue;
      const gfn = this.gfnOf(k);
      if (gfn >= 0) this.vm.invalidateGfn(gfn, pfn);
      this.folios[k] = -1;
      this.hostMem.put(pfn);
    }
  }

  /** Every allocated folio (page-cache references), for teardown. */
  releaseAll(): void {
    this.punchHole(0, this.npages);
  }
}
