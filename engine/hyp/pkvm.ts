/**
 * The modelled pKVM hypervisor at EL2: physical memory ownership (host / hyp / guest
 * page states), the VM table, and every transition as one method. This is the boundary
 * the host kernel model calls (its `kvm_call_hyp_nvhe(__pkvm_*)` hypercalls); guest
 * entry and exit live in `vcpuRun.ts`.
 */
import type { Cpu } from '../cpu/cpu';
import type { Profile } from '../config/profile';
import { HypContext, ModelError } from './hypContext';
import { HypVcpu, HypVm } from './hypVm';
import { HypVmemmap } from './hypVmemmap';
import { PhysMemory } from './physMemory';
import { ComponentId, PageState } from './pageState';
import { HypObserver } from './transitionRecord';
import * as hh from './hostHypTransitions';
import * as gt from './guestTransitions';
import * as rt from './reclaimTransitions';
import * as life from './vmLifecycle';

export class Pkvm implements HypContext, life.VmTable {
  readonly vmemmap: HypVmemmap;
  readonly vms = new Map<number, HypVm>();
  observer: HypObserver | null = null;
  preemptRequested = false;

  constructor(
    readonly mem: PhysMemory,
    readonly profile: Profile,
    /** Frames the hypervisor owns from boot (its own carve-out): host NOPAGE, hyp OWNED. */
    hypCarveout: { pfn: number; pages: number } | null = null,
  ) {
    this.vmemmap = new HypVmemmap(mem);
    if (hypCarveout) {
      for (let k = 0; k < hypCarveout.pages; k++) {
        const pfn = hypCarveout.pfn + k;
        if (!mem.isRam(pfn)) throw new ModelError(`hyp carve-out frame 0x${pfn.toString(16)} is not RAM`);
        this.vmemmap.setHostNoPage(pfn, ComponentId.HYP);
        this.vmemmap.setHypState(pfn, PageState.OWNED);
      }
    }
  }

  vmByHandle(handle: number): HypVm | undefined {
    return this.vms.get(handle);
  }

  vm(handle: number): HypVm {
    const vm = this.vms.get(handle);
    if (!vm) throw new ModelError(`no VM with handle 0x${handle.toString(16)}`);
    return vm;
  }

  // Host <-> hyp (T1-T6)
  hostShareHyp = (pfn: number): number => hh.hostShareHyp(this, pfn);
  hostUnshareHyp = (pfn: number): number => hh.hostUnshareHyp(this, pfn);
  hostDonateHyp = (pfn: number, n = 1): number => hh.hostDonateHyp(this, pfn, n);
  hypDonateHost = (pfn: number, n = 1): number => hh.hypDonateHost(this, pfn, n);
  hypPinSharedMem = (pfn: number): number => hh.hypPinSharedMem(this, pfn);
  hypUnpinSharedMem = (pfn: number): number => hh.hypUnpinSharedMem(this, pfn);
  hostShareFfa = (pfn: number, n = 1): number => hh.hostShareFfa(this, pfn, n);
  hostUnshareFfa = (pfn: number, n = 1): number => hh.hostUnshareFfa(this, pfn, n);

  // Host <-> guest (T7-T15)
  hostShareGuest = (vm: HypVm, pfn: number, gfn: number, nr: number, prot: number): number =>
    gt.hostShareGuest(this, vm, pfn, gfn, nr, prot);
  hostUnshareGuest = (vm: HypVm, gfn: number, nr = 1): number => gt.hostUnshareGuest(this, vm, gfn, nr);
  hostDonateGuest = (vm: HypVm, pfn: number, gfn: number): number => gt.hostDonateGuest(this, vm, pfn, gfn);
  guestShareHost = (vcpu: HypVcpu, gfn: number): number => gt.guestShareHost(this, vcpu, gfn);
  guestUnshareHost = (vcpu: HypVcpu, gfn: number): number => gt.guestUnshareHost(this, vcpu, gfn);
  hostForceReclaimPageGuest = (pfn: number): number => gt.hostForceReclaimPageGuest(this, pfn);
  hostReclaimPageGuest = (vm: HypVm, gfn: number): number => gt.hostReclaimPageGuest(this, vm, gfn);
  reclaimDyingGuestPage = (handle: number, gfn: number): number => gt.reclaimDyingGuestPage(this, handle, gfn);
  hostRelaxPermsGuest = (vm: HypVm, gfn: number, prot: number): number => gt.hostRelaxPermsGuest(this, vm, gfn, prot);
  hostWrprotectGuest = (vm: HypVm, gfn: number): number => gt.hostWrprotectGuest(this, vm, gfn);
  hostTestClearYoungGuest = (vm: HypVm, gfn: number, mkold: boolean): number =>
    gt.hostTestClearYoungGuest(this, vm, gfn, mkold);
  hostMkyoungGuest = (vm: HypVm, gfn: number): number => gt.hostMkyoungGuest(this, vm, gfn);
  vcpuInPoisonFault = (vcpu: HypVcpu): number => gt.vcpuInPoisonFault(this, vcpu);

  // RFC-era reclaim (R1-R3)
  guestRelinquishToHost = (vcpu: HypVcpu, gfn: number): { ret: number; pfn: number } => rt.guestRelinquishToHost(this, vcpu, gfn);
  hostReclaimPage = (pfn: number): number => rt.hostReclaimPage(this, pfn);
  reclaimGuestPages = (vm: HypVm): number[] => rt.reclaimGuestPages(this, vm);

  // VM life cycle
  initVm = (isProtected: boolean, metadataPfns: number[]): number => life.initVm(this, this, isProtected, metadataPfns);
  initVcpu = (vm: HypVm, cpu: Cpu, metadataPfn: number): HypVcpu | number => life.initVcpu(this, vm, cpu, metadataPfn);
  startTeardownVm = (handle: number): number => life.startTeardownVm(this, this, handle);
  finalizeTeardownVm = (handle: number): number => life.finalizeTeardownVm(this, this, handle);

  /** Whether the host may touch this frame right now (its host stage-2 grants access). */
  hostCanAccess(pfn: number): boolean {
    if (!this.mem.isRam(pfn)) return false;
    const s = this.vmemmap.host(pfn);
    return s === PageState.OWNED || s === PageState.SHARED_OWNED || s === PageState.SHARED_BORROWED;
  }
}
