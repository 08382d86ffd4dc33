/**
 * A KVM virtual machine as host KVM keeps it (the VM fd): memslots and guest_memfd
 * bindings, the memory-attribute array, the hypercall-exit capability, its vCPUs, the
 * record of guest pages, and the pKVM hypervisor VM created on the first run.
 *
 * ioctls return 0 (or a positive value) on success and -errno on failure, as the
 * kernel functions behind them do; the VMM turns that into -1/errno.
 */
import { Cpu, CpuShared } from '../cpu/cpu';
import { a64Table } from '../cpu/encodings';
import type { Profile } from '../config/profile';
import { E2BIG, EBADF, EBUSY, EEXIST, EFAULT, EINVAL, ENOMEM, EPERM } from '../hyp/errno';
import { HypVm } from '../hyp/hypVm';
import { PhysMemory } from '../hyp/physMemory';
import { Pkvm } from '../hyp/pkvm';
import { IPA_LIMIT, Stage2Bus } from '../memory/bus';
import { PAGE_SIZE, PhysPage } from '../memory/physPage';
import { FdTable } from './fdTable';
import { KvmObserver } from './kvmObserver';
import { KvmVcpu } from './kvmVcpu';
import { GmemVm, GuestMemfd } from './guestMemfd';
import { HostMemory, PageUse } from './hostMemory';
import { HostMm } from './hostMm';
import { ATTR_NOT_MAPPABLE, ATTR_PRIVATE, MemAttributes } from './memAttributes';
import { Memslot, UserspaceMemoryRegion2 } from './memslot';
import {
  GUEST_MEMFD_FLAG_INIT_SHARED,
  GUEST_MEMFD_FLAG_MMAP,
  KVM_CAP,
  KVM_MEM_GUEST_MEMFD,
  KVM_MEM_LOG_DIRTY_PAGES,
  KVM_MEM_READONLY,
  KVM_MEMORY_ATTRIBUTE_PRIVATE,
  KVM_USER_MEM_SLOTS,
  RFC_HYPERCALL_EXIT_MASK,
} from './uapi';

/** What a VM needs from the KVM module and the machine. */
export interface KvmHost {
  readonly profile: Profile;
  readonly mem: PhysMemory;
  readonly hyp: Pkvm;
  readonly hostMem: HostMemory;
  nextInode(): number;
  readonly observer: KvmObserver | null;
}

/** Before the hypervisor VM exists the guest has no stage-2: every access aborts. */
const NO_STAGE2: Stage2Bus = { generation: 0, translate: (): PhysPage | null => null };

export interface MemoryAttributesArgs {
  address: number;
  size: number;
  attributes: bigint;
  flags: bigint;
}

export class KvmVm implements GmemVm {
  readonly kind = 'kvm-vm';
  readonly memslots: Memslot[] = [];
  readonly attrs = new MemAttributes();
  /** [RFC] `hypercall_exit_enabled`: function-number bits that exit to userspace. */
  hypercallExitEnabled = 0n;
  hypVm: HypVm | null = null;
  readonly cpuShared = new CpuShared();
  readonly vcpus: KvmVcpu[] = [];
  readonly gmemFiles: GuestMemfd[] = [];
  /** The process that created the VM: its mm backs non-guest_memfd memslots. */
  mm: HostMm | null = null;
  destroyed = false;

  constructor(
    readonly host: KvmHost,
    readonly id: number,
    readonly isProtected: boolean,
  ) {}

  get profile(): Profile {
    return this.host.profile;
  }

  // ------------------------------------------------------------------ capabilities

  /** KVM_CHECK_EXTENSION on the VM fd. */
  checkExtension(cap: number): bigint {
    const rfc = this.profile === 'rfc-2024';
    switch (cap) {
      case KVM_CAP.EXIT_HYPERCALL:
        return rfc ? RFC_HYPERCALL_EXIT_MASK : 0n; // upstream arm64 has no KVM_CAP_EXIT_HYPERCALL
      case KVM_CAP.USER_MEMORY2:
      case KVM_CAP.MEMORY_FAULT_INFO:
        return 1n;
      case KVM_CAP.MEMORY_ATTRIBUTES:
        return rfc ? KVM_MEMORY_ATTRIBUTE_PRIVATE : 0n; // RFC: kvm_arch_has_private_mem = pKVM enabled
      case KVM_CAP.GUEST_MEMFD:
        return this.gmemSupported ? 1n : 0n;
      case KVM_CAP.GUEST_MEMFD_FLAGS:
        return this.gmemSupported ? GUEST_MEMFD_FLAG_MMAP | GUEST_MEMFD_FLAG_INIT_SHARED : 0n;
      default:
        return 0n;
    }
  }

  /**
   * Upstream protected VMs use anonymous memory; guest_memfd for them is not supported as
   * far as the reference could read (unverified), so the model refuses it.
   */
  private get gmemSupported(): boolean {
    return !(this.profile === 'upstream' && this.isProtected);
  }

  /** KVM_ENABLE_CAP on the VM fd. */
  enableCap(cap: number, flags: number, args: bigint[]): number {
    if (cap !== KVM_CAP.EXIT_HYPERCALL || this.profile !== 'rfc-2024') return -EINVAL;
    if (flags !== 0) return -EINVAL;
    if ((args[0] & ~RFC_HYPERCALL_EXIT_MASK) !== 0n) return -EINVAL;
    if (args.slice(1, 4).some((a) => a !== 0n)) return -EINVAL;
    this.hypercallExitEnabled = args[0];
    return 0;
  }

  // ------------------------------------------------------------------ guest_memfd

  /** KVM_CREATE_GUEST_MEMFD: the new file, installed in `fds`; returns the fd or -errno. */
  createGuestMemfd(size: number, flags: bigint, fds: FdTable): number {
    if ((flags & ~this.checkExtension(KVM_CAP.GUEST_MEMFD_FLAGS)) !== 0n || !this.gmemSupported) return -EINVAL;
    if (!Number.isInteger(size) || size <= 0 || size % PAGE_SIZE !== 0) return -EINVAL;
    const file = new GuestMemfd(this.host.nextInode(), size, flags, this, this.host.hostMem);
    this.gmemFiles.push(file);
    return fds.install(file);
  }

  // ------------------------------------------------------------------ memslots

  slotFor(gfn: number): Memslot | undefined {
    for (const s of this.memslots) if (s.contains(gfn)) return s;
    return undefined;
  }

  /** KVM_SET_USER_MEMORY_REGION2. */
  setUserMemoryRegion2(r: UserspaceMemoryRegion2, fds: FdTable): number {
    const valid = KVM_MEM_LOG_DIRTY_PAGES | KVM_MEM_READONLY | (this.gmemSupported ? KVM_MEM_GUEST_MEMFD : 0);
    if ((r.flags & ~valid) !== 0) return -EINVAL;
    if ((r.flags & KVM_MEM_GUEST_MEMFD) && (r.flags & KVM_MEM_LOG_DIRTY_PAGES)) return -EINVAL;
    if (!Number.isInteger(r.slot) || r.slot < 0 || r.slot >= KVM_USER_MEM_SLOTS) return -EINVAL;
    if (r.memory_size % PAGE_SIZE !== 0 || r.guest_phys_addr % PAGE_SIZE !== 0 || r.memory_size < 0) return -EINVAL;
    if (r.userspace_addr % PAGE_SIZE !== 0) return -EINVAL;
    const old = this.memslots.find((s) => s.id === r.slot);
    const npages = r.memory_size / PAGE_SIZE;
    const baseGfn = r.guest_phys_addr / PAGE_SIZE;

    if (npages === 0) {
      if (!old) return -EINVAL;
      // A protected guest's pages cannot be taken away by deleting the slot (derived).
      if (this.isProtected && old.trackedPages > 0) return -EPERM;
      this.releaseSlot(old);
      return 0;
    }
    if (r.guest_phys_addr + r.memory_size > IPA_LIMIT) return -EFAULT; // beyond the VM's IPA space
    if (old) {
      if (old.isPrivate) {
        // Private memslots are immutable (they can only be deleted); the RFC (patch 17)
        // answers an attempt to move one or change its flags with EPERM.
        const changed = old.baseGfn !== baseGfn || old.flags !== r.flags;
        return this.profile === 'rfc-2024' && changed ? -EPERM : -EINVAL;
      }
      if (old.npages !== npages || old.userspaceAddr !== r.userspace_addr) return -EINVAL;
      if (((old.flags ^ r.flags) & (KVM_MEM_READONLY | KVM_MEM_GUEST_MEMFD)) !== 0) return -EINVAL;
      if (old.baseGfn !== baseGfn) return this.moveSlot(old, baseGfn);
      old.flags = r.flags; // a flags-only update (dirty logging on or off)
      return 0;
    }
    for (const s of this.memslots) {
      if (baseGfn < s.baseGfn + s.npages && s.baseGfn < baseGfn + npages) return -EEXIST;
    }
    let gmem: { file: GuestMemfd; pgoff: number } | null = null;
    if (r.flags & KVM_MEM_GUEST_MEMFD) {
      const f = fds.get(r.guest_memfd);
      if (!f) return -EBADF;
      if (!(f instanceof GuestMemfd) || f.vm !== this) return -EINVAL;
      if (r.guest_memfd_offset < 0 || r.guest_memfd_offset % PAGE_SIZE !== 0) return -EINVAL;
      if (r.guest_memfd_offset + r.memory_size > f.size) return -EINVAL;
      const pgoff = r.guest_memfd_offset / PAGE_SIZE;
      if (f.bindings.some((b) => pgoff < b.pgoff + b.npages && b.pgoff < pgoff + npages)) return -EINVAL;
      f.bindings.push({ slot: r.slot, baseGfn, pgoff, npages });
      for (let k = 0; k < npages; k++) {
        const pfn = f.folio(pgoff + k);
        if (pfn >= 0) this.host.hostMem.setBacking(pfn, this.id, baseGfn + k);
      }
      gmem = { file: f, pgoff };
    }
    this.memslots.push(new Memslot(r.slot, baseGfn, npages, r.flags, r.userspace_addr, gmem));
    this.memslots.sort((a, b) => a.baseGfn - b.baseGfn);
    return 0;
  }

  private moveSlot(old: Memslot, baseGfn: number): number {
    // A protected guest's pages cannot be unmapped by the host, so its slots cannot move (derived).
    if (this.isProtected && old.trackedPages > 0) return -EPERM;
    for (const s of this.memslots) {
      if (s !== old && baseGfn < s.baseGfn + s.npages && s.baseGfn < baseGfn + old.npages) return -EEXIST;
    }
    this.releaseSlot(old);
    this.memslots.push(new Memslot(old.id, baseGfn, old.npages, old.flags, old.userspaceAddr, null));
    this.memslots.sort((a, b) => a.baseGfn - b.baseGfn);
    return 0;
  }

  /** Drop a slot: lent pages go back to the host, the guest_memfd binding goes. */
  private releaseSlot(slot: Memslot): void {
    for (const e of [...slot.trackedEntries()]) this.unmapFromGuest(slot, e.gfn, e.pfn);
    if (slot.gmem) {
      const b = slot.gmem.file.bindings;
      b.splice(b.findIndex((x) => x.slot === slot.id), 1);
    }
    this.memslots.splice(this.memslots.indexOf(slot), 1);
  }

  // ------------------------------------------------------------------ memory attributes

  /** KVM_SET_MEMORY_ATTRIBUTES (userspace: only user bits; RFC refusal rules). */
  setMemoryAttributes(a: MemoryAttributesArgs): number {
    if (a.flags !== 0n) return -EINVAL;
    if ((a.attributes & ~this.checkExtension(KVM_CAP.MEMORY_ATTRIBUTES)) !== 0n) return -EINVAL;
    if (a.size <= 0 || a.address < 0 || a.address + a.size > Number.MAX_SAFE_INTEGER) return -EINVAL;
    if (a.address % PAGE_SIZE !== 0 || a.size % PAGE_SIZE !== 0) return -EINVAL;
    const gfn = a.address / PAGE_SIZE;
    const n = a.size / PAGE_SIZE;
    const setPrivate = (a.attributes & KVM_MEMORY_ATTRIBUTE_PRIVATE) !== 0n;
    if (this.profile === 'rfc-2024') {
      // Patch 04: not while host userspace maps any page; patch 05: never for guest-private memory.
      if (setPrivate && this.anyHostMapped(gfn, n)) return -EPERM;
      if (!setPrivate && this.attrs.any(gfn, n, ATTR_NOT_MAPPABLE)) return -EPERM;
    }
    this.attrs.update(gfn, n, ATTR_PRIVATE, setPrivate ? ATTR_PRIVATE : 0);
    return 0;
  }

  /** [RFC] `kvm_vm_set_mem_attributes_kernel` for NOT_MAPPABLE (no refusal rules). */
  setNotMappable(gfn: number, npages: number, on: boolean): void {
    this.attrs.update(gfn, npages, ATTR_NOT_MAPPABLE, on ? ATTR_NOT_MAPPABLE : 0);
  }

  isNotMappable(gfn: number): boolean {
    return (this.attrs.get(gfn) & ATTR_NOT_MAPPABLE) !== 0;
  }

  isPrivate(gfn: number): boolean {
    return (this.attrs.get(gfn) & ATTR_PRIVATE) !== 0;
  }

  /** The frame currently backing `gfn` on the host side (guest_memfd folio or the page at the slot's address), or -1. */
  hostFrame(gfn: number): number {
    const slot = this.slotFor(gfn);
    if (!slot) return -1;
    if (slot.gmem) return slot.gmem.file.folio(slot.gmemIndex(gfn));
    return this.mm ? this.mm.translate(slot.hva(gfn)) : -1;
  }

  /** Whether host userspace maps the page backing `gfn` (RFC: the folio's mapcount). */
  hostMapped(gfn: number): boolean {
    const pfn = this.hostFrame(gfn);
    return pfn >= 0 && this.host.hostMem.mapped(pfn) > 0;
  }

  private anyHostMapped(gfn: number, n: number): boolean {
    for (let g = gfn; g < gfn + n; g++) if (this.hostMapped(g)) return true;
    return false;
  }

  // ------------------------------------------------------------------ vCPUs and the hypervisor VM

  /**
   * KVM_CREATE_VCPU + KVM_ARM_VCPU_INIT (`powerOff` = the KVM_ARM_VCPU_POWER_OFF feature).
   * The CPU's bus becomes the guest stage-2 when the hypervisor VM is created.
   */
  createVcpu(id: number, powerOff: boolean): KvmVcpu | number {
    if (!Number.isInteger(id) || id < 0 || id >= 512) return -EINVAL;
    if (this.vcpus[id]) return -EEXIST;
    if (id !== this.vcpus.length) return -EINVAL; // the model numbers vCPUs densely, as kvmtool does
    if (this.hypVm) return -EBUSY; // vCPUs must exist before the first run
    const cpu = new Cpu(id, NO_STAGE2, a64Table(), this.cpuShared);
    const vcpu = new KvmVcpu(this, id, cpu, powerOff);
    this.vcpus[id] = vcpu;
    return vcpu;
  }

  /**
   * `pkvm_create_hyp_vm`, on the first KVM_RUN: RFC protected VMs first mark every
   * guest_memfd slot NOT_MAPPABLE; then the host donates the hypervisor's VM and vCPU
   * state pages and the VM exists at EL2.
   */
  createHypVm(): number {
    if (this.hypVm) return 0;
    if (this.profile === 'rfc-2024' && this.isProtected) {
      for (const s of this.memslots) if (s.isPrivate) this.setNotMappable(s.baseGfn, s.npages, true);
    }
    const hostMem = this.host.hostMem;
    const vmPages = [hostMem.alloc(PageUse.KERNEL), hostMem.alloc(PageUse.KERNEL)];
    if (vmPages.some((p) => p < 0)) return -ENOMEM;
    const handle = this.host.hyp.initVm(this.isProtected, vmPages);
    if (handle < 0) return handle;
    const vm = this.host.hyp.vm(handle);
    for (const v of this.vcpus) {
      const pfn = hostMem.alloc(PageUse.KERNEL);
      if (pfn < 0) return -ENOMEM;
      const r = this.host.hyp.initVcpu(vm, v.cpu, pfn);
      if (typeof r === 'number') return r;
    }
    this.hypVm = vm;
    return 0;
  }

  // ------------------------------------------------------------------ guest pages

  /** Give a frame back from the guest and forget it (slot deletion, punch hole on a non-protected VM). */
  private unmapFromGuest(slot: Memslot, gfn: number, pfn: number): void {
    if (!this.hypVm) return;
    if (!this.isProtected) {
      this.host.hyp.hostUnshareGuest(this.hypVm, gfn, 1);
      slot.untrack(gfn);
      this.host.hostMem.put(pfn);
    }
  }

  /** guest_memfd punch hole reached a bound gfn (GmemVm). */
  invalidateGfn(gfn: number, pfn: number): void {
    const slot = this.slotFor(gfn);
    if (!slot || slot.trackedPfn(gfn) !== pfn) return;
    if (this.isProtected) {
      this.host.observer?.onWarning(`punch hole on gfn 0x${gfn.toString(16)}: the protected guest keeps pfn 0x${pfn.toString(16)} until it gives it back`);
      return;
    }
    this.unmapFromGuest(slot, gfn, pfn);
  }

  /**
   * [RFC] `pkvm_host_reclaim_page` after MEM_RELINQUISH: forget the page, have the
   * hypervisor return it (R2), drop the reference (and the pin, if pinned).
   */
  reclaimRelinquished(gfn: number): void {
    const slot = this.slotFor(gfn);
    const pfn = slot ? slot.trackedPfn(gfn) : -1;
    if (!slot || pfn < 0) {
      this.host.observer?.onWarning(`relinquish of gfn 0x${gfn.toString(16)}: no tracked guest page`);
      return;
    }
    this.host.hyp.hostReclaimPage(pfn);
    slot.untrack(gfn);
    slot.markRelinquished(gfn);
    this.host.hostMem.put(pfn);
  }

  // ------------------------------------------------------------------ teardown

  /**
   * The VM's last reference goes (the VMM closed it): take every guest page back and
   * destroy the hypervisor VM. RFC: flag all pages (R3) and reclaim each (R2); upstream:
   * start teardown, reclaim each page of the dying VM (T13), finalize. Either way the
   * hypervisor then returns its metadata pages.
   */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    const vm = this.hypVm;
    if (!vm) return;
    const hyp = this.host.hyp;
    const hostMem = this.host.hostMem;
    const rfc = this.profile === 'rfc-2024';
    if (rfc) hyp.reclaimGuestPages(vm);
    else hyp.startTeardownVm(vm.handle);
    for (const slot of this.memslots) {
      for (const e of [...slot.trackedEntries()]) {
        if (rfc) hyp.hostReclaimPage(e.pfn);
        else if (this.isProtected) hyp.reclaimDyingGuestPage(vm.handle, e.gfn);
        else hyp.hostUnshareGuest(vm, e.gfn, 1);
        slot.untrack(e.gfn);
        hostMem.put(e.pfn);
      }
    }
    const meta = [...vm.metadataPfns, ...vm.vcpus.map((v) => v.metadataPfn)];
    if (rfc) hyp.startTeardownVm(vm.handle);
    hyp.finalizeTeardownVm(vm.handle);
    for (const pfn of meta) hostMem.put(pfn);
  }

  // ------------------------------------------------------------------ kernel access to guest memory

  /**
   * `kvm_read_guest_page` / `kvm_write_guest_page` (RFC patch 06: guest_memfd slots are
   * read through guest_memfd, refused for NOT_MAPPABLE gfns). Returns the data / 0, or -errno.
   */
  accessGuestPage(gfn: number, offset: number, len: number, write: Uint8Array | null): Uint8Array | number {
    if (offset < 0 || len < 0 || offset + len > PAGE_SIZE) return -E2BIG;
    const slot = this.slotFor(gfn);
    if (!slot) return -EFAULT;
    const buf = write ?? new Uint8Array(len);
    if (slot.gmem) {
      if (this.profile === 'rfc-2024' && this.isNotMappable(gfn)) return -EPERM;
      // Upstream reads go through the slot's user mapping, which faults only for INIT_SHARED files.
      if (this.profile === 'upstream' && (slot.gmem.file.flags & GUEST_MEMFD_FLAG_INIT_SHARED) === 0n) return -EFAULT;
      const pfn = slot.gmem.file.getFolio(slot.gmemIndex(gfn));
      if (pfn < 0) return -EFAULT;
      if (!this.host.hyp.hostCanAccess(pfn)) return -EFAULT;
      const page = this.host.mem.page(pfn);
      if (write) {
        page.u8.set(write, offset);
        page.invalidateCode();
        return buf;
      }
      buf.set(page.u8.subarray(offset, offset + len));
      return buf;
    }
    if (write && slot.readonly) return -EFAULT;
    if (!this.mm) return -EFAULT;
    const r = this.mm.kernelAccess(slot.hva(gfn) + offset, len, write !== null, buf);
    return r < 0 ? r : buf;
  }
}
