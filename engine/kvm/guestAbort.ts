/**
 * Host KVM's stage-2 fault path (`kvm_handle_guest_abort`): find the faulting IPA from
 * HPFAR_EL2/FAR_EL2, then
 * - outside any memslot (or a write to a read-only slot): MMIO emulation by the VMM
 *   (needs a valid syndrome, else -ENOSYS); an instruction fetch gets an external abort;
 * - RFC protected VM, guest_memfd slot (`guestmem_abort`): take the folio from guest_memfd,
 *   refuse (-EPERM) if the gfn is NOT_MAPPABLE while host userspace still maps it, record
 *   the page, donate it (T9);
 * - protected VM on anonymous memory (`pkvm_pgtable_stage2_map`): pin the user page and
 *   donate it; a fault on a gfn already given is a race, or, upstream, a poisoned page
 *   (T15), which fails KVM_RUN with -EFAULT;
 * - non-protected VM: lend the page (T7).
 * Returns 1 to re-enter the guest, 0 to return to userspace, or -errno.
 */
import { EC } from '../cpu/exits';
import { EFAULT, ENOSYS, EPERM } from '../hyp/errno';
import { PROT_R, PROT_RWX, PROT_X, accessible } from '../hyp/pageState';
import type { HypTrap } from '../hyp/vcpuRun';
import { PAGE_SIZE } from '../memory/physPage';
import type { KvmVcpu } from './kvmVcpu';
import { Memslot } from './memslot';
import { KVM_EXIT, KVM_MEMORY_EXIT_FLAG_PRIVATE } from './uapi';

export function faultIpa(trap: HypTrap): number {
  return Math.floor(trap.hpfar / 16) * PAGE_SIZE + (trap.far & (PAGE_SIZE - 1));
}

export function handleGuestAbort(v: KvmVcpu, trap: HypTrap): number {
  const vm = v.vm;
  const ec = trap.esr >>> 26;
  const fetch = ec === EC.IABT_LOW;
  const write = !fetch && (trap.esr & (1 << 6)) !== 0;
  const ipa = faultIpa(trap);
  const gfn = Math.floor(ipa / PAGE_SIZE);
  const slot = vm.slotFor(gfn);
  if (!slot || (write && slot.readonly)) {
    if (fetch) {
      v.injectAbort(true, trap.far);
      return 1;
    }
    return ioMemAbort(v, trap, ipa, write);
  }
  if (vm.isProtected) {
    return vm.profile === 'rfc-2024' && slot.gmem ? guestmemAbort(v, slot, gfn) : pkvmMemAbort(v, slot, gfn);
  }
  return sharedMemAbort(v, slot, gfn, write);
}

/** `io_mem_abort`: hand the access to the VMM as KVM_EXIT_MMIO. */
function ioMemAbort(v: KvmVcpu, trap: HypTrap, ipa: number, write: boolean): number {
  if (((trap.esr >>> 24) & 1) === 0) return -ENOSYS; // no valid syndrome: KVM cannot emulate it
  const len = 1 << ((trap.esr >>> 22) & 3);
  const run = v.run;
  run.exit_reason = KVM_EXIT.MMIO;
  run.mmio.phys_addr = BigInt(ipa);
  run.mmio.len = len;
  run.mmio.is_write = write ? 1 : 0;
  run.mmio.data.fill(0);
  if (write) for (let k = 0; k < len; k++) run.mmio.data[k] = Number((trap.rt >> BigInt(8 * k)) & 0xffn);
  v.expectMmioCompletion();
  return 0;
}

/** [RFC] `guestmem_abort`. */
function guestmemAbort(v: KvmVcpu, slot: Memslot, gfn: number): number {
  const vm = v.vm;
  const host = vm.host;
  const file = slot.gmem!.file;
  const pfn = file.getFolio(slot.gmemIndex(gfn));
  if (pfn < 0) return -EFAULT;
  if (vm.isNotMappable(gfn) && host.hostMem.mapped(pfn) > 0) {
    host.observer?.onKernel(v.id, 'guestmem_abort refused: NOT_MAPPABLE page still mapped by host userspace', { gfn, pfn });
    return -EPERM;
  }
  if (slot.trackedPfn(gfn) >= 0) return 1; // another vCPU faulted it in first
  slot.track(gfn, pfn, false);
  host.hostMem.get(pfn);
  host.hostMem.setBacking(pfn, vm.id, gfn);
  host.observer?.onKernel(v.id, 'track guest page (kvm_guest_page)', { gfn, pfn, pinned: false });
  const r = host.hyp.hostDonateGuest(vm.hypVm!, pfn, gfn);
  if (r === 0) return 1;
  // The RFC turns -EPERM ("raced, already mapped") into success; only a real race is one.
  if (r === -EPERM && accessible(vm.hypVm!.stage2.state(gfn))) return 1;
  slot.untrack(gfn);
  host.hostMem.put(pfn);
  return r;
}

/** Upstream (and pre-guest_memfd) protected VMs: pin the anonymous page and donate it. */
function pkvmMemAbort(v: KvmVcpu, slot: Memslot, gfn: number): number {
  const vm = v.vm;
  const host = vm.host;
  if (slot.trackedPfn(gfn) >= 0) {
    if (vm.profile === 'upstream' && host.hyp.vcpuInPoisonFault(v.hypVcpu) === 1) {
      // The page was reclaimed by force: the guest can never get it back (derived: report it as a memory fault).
      const run = v.run;
      run.exit_reason = KVM_EXIT.MEMORY_FAULT;
      run.memory_fault.flags = KVM_MEMORY_EXIT_FLAG_PRIVATE;
      run.memory_fault.gpa = BigInt(gfn * PAGE_SIZE);
      run.memory_fault.size = BigInt(PAGE_SIZE);
      return -EFAULT;
    }
    return 1;
  }
  if (!vm.mm) return -EFAULT;
  const pfn = vm.mm.pinUserPage(slot.hva(gfn), true);
  if (pfn < 0) return -EFAULT;
  host.hostMem.setBacking(pfn, vm.id, gfn);
  const r = host.hyp.hostDonateGuest(vm.hypVm!, pfn, gfn);
  if (r) {
    host.hostMem.put(pfn);
    return r;
  }
  slot.track(gfn, pfn, true);
  host.observer?.onKernel(v.id, 'pin and track guest page', { gfn, pfn, pinned: true });
  return 1;
}

/** Non-protected VM: lend the page (guest_memfd folio or pinned user page) with T7. */
function sharedMemAbort(v: KvmVcpu, slot: Memslot, gfn: number, write: boolean): number {
  const vm = v.vm;
  const host = vm.host;
  if (slot.trackedPfn(gfn) >= 0) return 1;
  let pfn: number;
  if (slot.gmem) {
    pfn = slot.gmem.file.getFolio(slot.gmemIndex(gfn));
    if (pfn < 0) return -EFAULT;
    host.hostMem.get(pfn);
  } else {
    if (!vm.mm) return -EFAULT;
    pfn = vm.mm.pinUserPage(slot.hva(gfn), write);
    if (pfn < 0) return -EFAULT;
  }
  host.hostMem.setBacking(pfn, vm.id, gfn);
  const r = host.hyp.hostShareGuest(vm.hypVm!, pfn, gfn, 1, slot.readonly ? PROT_R | PROT_X : PROT_RWX);
  if (r) {
    host.hostMem.put(pfn);
    return r;
  }
  slot.track(gfn, pfn, !slot.gmem);
  return 1;
}
