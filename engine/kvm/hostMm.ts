/**
 * A host process's address space (the VMM's `mm`): VMAs mapping guest_memfd files or
 * anonymous memory, their page-table entries, and the fault paths an access takes.
 *
 * Every host access goes through here so signals arise where Linux raises them:
 * - no VMA, or a write to a read-only VMA: SIGSEGV;
 * - a guest_memfd page its fault handler refuses: SIGBUS (guestMemfd.ts);
 * - a mapped frame the host stage-2 does not grant (donated to a guest): the hypervisor
 *   injects an abort into the host; a user access gets SIGSEGV, a kernel access
 *   (copy_from_user) either fails with -EFAULT or, upstream, forces the hypervisor to
 *   reclaim the page (zero it, poison the guest entry) and retries.
 */
import type { Profile } from '../config/profile';
import { EAGAIN, EFAULT, EINVAL, SIGSEGV, HostSignal } from '../hyp/errno';
import { Pkvm } from '../hyp/pkvm';
import { PAGE_SIZE } from '../memory/physPage';
import { GmemMapping, GuestMemfd } from './guestMemfd';
import { HostMemory, PageUse } from './hostMemory';
import { MADV_COLLAPSE, MADV_DONTNEED, MAP_PRIVATE, MAP_SHARED, PROT_READ, PROT_WRITE } from './uapi';

/** Where anonymous mmap() places mappings when no address is requested. */
const MMAP_BASE = 0x7f00_0000_0000;

class Vma implements GmemMapping {
  readonly ptes: Int32Array;

  constructor(
    readonly mm: HostMm,
    readonly start: number,
    readonly npages: number,
    readonly prot: number,
    readonly file: GuestMemfd | null,
    /** File page mapped at `start`. */
    readonly pgoff: number,
    ptes?: Int32Array,
  ) {
    this.ptes = ptes ?? new Int32Array(npages).fill(-1);
    file?.mappings.add(this);
  }

  get end(): number {
    return this.start + this.npages * PAGE_SIZE;
  }

  zapFilePages(firstIndex: number, endIndex: number): void {
    const a = Math.max(firstIndex, this.pgoff) - this.pgoff;
    const b = Math.min(endIndex, this.pgoff + this.npages) - this.pgoff;
    for (let k = a; k < b; k++) this.mm.zapPte(this, k);
  }
}

export type AccessResult =
  | { ok: true; data: Uint8Array }
  | { ok: false; signal: HostSignal; addr: number; why: string };

export class HostMm {
  private vmas: Vma[] = [];
  private nextVa = MMAP_BASE;
  /** Called when a page-table entry is installed or removed (file page index, or -1 for anonymous memory). */
  onPteChange: ((va: number, pfn: number, file: GuestMemfd | null, index: number) => void) | null = null;

  constructor(
    readonly hostMem: HostMemory,
    readonly hyp: Pkvm,
    readonly profile: Profile,
  ) {}

  /** mmap(addr or null, len, prot, flags, file or null, offset): the address, or -errno. */
  mmap(addr: number | null, len: number, prot: number, flags: number, file: GuestMemfd | null, offset: number): number {
    if (len <= 0 || offset % PAGE_SIZE !== 0 || (addr !== null && addr % PAGE_SIZE !== 0)) return -EINVAL;
    if ((flags & (MAP_SHARED | MAP_PRIVATE)) === 0) return -EINVAL;
    if (file) {
      const r = file.checkMmap(flags);
      if (r) return r;
    }
    const npages = Math.ceil(len / PAGE_SIZE);
    let start = addr;
    if (start === null) {
      start = this.nextVa;
      this.nextVa += (npages + 16) * PAGE_SIZE; // leave a guard gap between mappings
    } else {
      this.unmapRange(start, npages); // MAP_FIXED semantics
    }
    this.vmas.push(new Vma(this, start, npages, prot, file, offset / PAGE_SIZE));
    this.vmas.sort((a, b) => a.start - b.start);
    return start;
  }

  munmap(addr: number, len: number): number {
    if (addr % PAGE_SIZE !== 0 || len <= 0) return -EINVAL;
    this.unmapRange(addr, Math.ceil(len / PAGE_SIZE));
    return 0;
  }

  /** MADV_DONTNEED zaps the entries (the next access faults again); MADV_COLLAPSE is refused for guest_memfd. */
  madvise(addr: number, len: number, advice: number): number {
    if (addr % PAGE_SIZE !== 0 || len < 0) return -EINVAL;
    const npages = Math.ceil(len / PAGE_SIZE);
    if (advice === MADV_COLLAPSE) {
      // guest_memfd only has order-0 folios, so it cannot back a huge page.
      return this.vmas.some((v) => v.file && v.start < addr + npages * PAGE_SIZE && addr < v.end) ? -EINVAL : 0;
    }
    if (advice !== MADV_DONTNEED) return -EINVAL;
    for (const v of this.vmas) {
      for (let k = 0; k < v.npages; k++) {
        const va = v.start + k * PAGE_SIZE;
        if (va >= addr && va < addr + npages * PAGE_SIZE) this.zapPte(v, k);
      }
    }
    return 0;
  }

  /** The frame mapped at `va` right now (no fault), or -1. */
  translate(va: number): number {
    const v = this.find(va);
    return v ? v.ptes[Math.floor((va - v.start) / PAGE_SIZE)] : -1;
  }

  /** A user access by the process: read `len` bytes, or write `data`, at `va`. */
  userAccess(va: number, len: number, write: boolean, data?: Uint8Array): AccessResult {
    const out = new Uint8Array(write ? 0 : len);
    for (let done = 0; done < len; ) {
      const at = va + done;
      const off = at % PAGE_SIZE;
      const n = Math.min(PAGE_SIZE - off, len - done);
      const r = this.faultIn(at, write);
      if (typeof r !== 'number') return { ok: false, signal: r.signal, addr: at, why: r.why };
      if (!this.hyp.hostCanAccess(r)) {
        return { ok: false, signal: SIGSEGV, addr: at, why: `host stage-2 fault: pfn 0x${r.toString(16)} is not the host's (donated to the guest)` };
      }
      this.copy(r, off, n, write, out, data, done);
      done += n;
    }
    return { ok: true, data: out };
  }

  /**
   * A kernel access through a user address (copy_from_user / copy_to_user, as
   * kvm_read_guest does for memory that is not guest_memfd). Returns 0 or -EFAULT.
   */
  kernelAccess(va: number, len: number, write: boolean, buf: Uint8Array): number {
    for (let done = 0; done < len; ) {
      const at = va + done;
      const off = at % PAGE_SIZE;
      const n = Math.min(PAGE_SIZE - off, len - done);
      const r = this.faultIn(at, write);
      if (typeof r !== 'number') return -EFAULT;
      if (!this.hyp.hostCanAccess(r)) {
        // Upstream: the host's fault handler asks the hypervisor to reclaim the page by force
        // (0 and -EAGAIN both mean "retry the access"). Before that, the access fails.
        if (this.profile !== 'upstream') return -EFAULT;
        const ret = this.hyp.hostForceReclaimPageGuest(r);
        if (ret !== 0 && ret !== -EAGAIN) return -EFAULT;
        if (!this.hyp.hostCanAccess(r)) return -EFAULT;
      }
      this.copy(r, off, n, write, write ? undefined : buf, write ? buf : undefined, done);
      done += n;
    }
    return 0;
  }

  /** get_user_pages with FOLL_PIN (KVM pinning a guest page): the frame, with a reference, or -EFAULT. */
  pinUserPage(va: number, write: boolean): number {
    const r = this.faultIn(va, write);
    if (typeof r !== 'number') return -EFAULT;
    this.hostMem.get(r);
    return r;
  }

  /** Fault `va` in if needed: the frame, or the signal the fault raises. */
  private faultIn(va: number, write: boolean): number | { signal: HostSignal; why: string } {
    const v = this.find(va);
    if (!v) return { signal: SIGSEGV, why: 'no mapping at this address' };
    if (write ? (v.prot & PROT_WRITE) === 0 : (v.prot & PROT_READ) === 0) {
      return { signal: SIGSEGV, why: `mapping does not allow ${write ? 'writes' : 'reads'}` };
    }
    const k = Math.floor((va - v.start) / PAGE_SIZE);
    if (v.ptes[k] >= 0) return v.ptes[k];
    let pfn: number;
    if (v.file) {
      const r = v.file.faultUserMapping(v.pgoff + k);
      if ('signal' in r) return r;
      pfn = r.pfn;
      this.hostMem.get(pfn);
    } else {
      pfn = this.hostMem.alloc(PageUse.ANON);
      if (pfn < 0) return { signal: SIGSEGV, why: 'out of memory' };
    }
    v.ptes[k] = pfn;
    this.hostMem.addMapping(pfn);
    this.onPteChange?.(v.start + k * PAGE_SIZE, pfn, v.file, v.file ? v.pgoff + k : -1);
    return pfn;
  }

  private copy(pfn: number, off: number, n: number, write: boolean, out: Uint8Array | undefined, data: Uint8Array | undefined, at: number): void {
    const page = this.hyp.mem.page(pfn);
    if (write) {
      page.u8.set(data!.subarray(at, at + n), off);
      page.invalidateCode();
    } else {
      out!.set(page.u8.subarray(off, off + n), at);
    }
  }

  /** Remove one entry (mapcount and reference dropped). */
  zapPte(v: Vma, k: number): void {
    const pfn = v.ptes[k];
    if (pfn < 0) return;
    v.ptes[k] = -1;
    this.hostMem.removeMapping(pfn);
    this.hostMem.put(pfn);
    this.onPteChange?.(v.start + k * PAGE_SIZE, pfn, v.file, v.file ? v.pgoff + k : -1);
  }

  private find(va: number): Vma | undefined {
    for (const v of this.vmas) if (va >= v.start && va < v.end) return v;
    return undefined;
  }

  private unmapRange(addr: number, npages: number): void {
    const end = addr + npages * PAGE_SIZE;
    const kept: Vma[] = [];
    for (const v of this.vmas) {
      if (v.end <= addr || v.start >= end) {
        kept.push(v);
        continue;
      }
      const a = Math.max(0, (addr - v.start) / PAGE_SIZE);
      const b = Math.min(v.npages, (end - v.start) / PAGE_SIZE);
      for (let k = a; k < b; k++) this.zapPte(v, k);
      v.file?.mappings.delete(v);
      if (a > 0) kept.push(new Vma(this, v.start, a, v.prot, v.file, v.pgoff, v.ptes.slice(0, a)));
      if (b < v.npages) {
        kept.push(new Vma(this, v.start + b * PAGE_SIZE, v.npages - b, v.prot, v.file, v.pgoff + b, v.ptes.slice(b)));
      }
    }
    this.vmas = kept.sort((x, y) => x.start - y.start);
  }

  /** Tear the whole address space down (process exit). */
  exit(): void {
    for (const v of this.vmas) {
      for (let k = 0; k < v.npages; k++) this.zapPte(v, k);
      v.file?.mappings.delete(v);
    }
    this.vmas = [];
  }
}

