/**
 * The safety invariant and the legal-combination rules of the page-state machine
 * (reference 3.1), checked on every page a transition touched and on every change to a
 * frame's host mappings:
 *
 *   no page private to a guest is accessible by the host (host stage-2) — and, in the
 *   RFC design, none is mapped by host userspace or lacks NOT_MAPPABLE.
 *
 * A violation names the rule, the page and every component's state.
 */
import type { Profile } from '../config/profile';
import { ComponentId, HOST_PAGE_PENDING_RECLAIM, PageState, stateName } from '../hyp/pageState';
import { HypVm } from '../hyp/hypVm';
import { Pkvm } from '../hyp/pkvm';
import { HostMemory, PageUse } from '../kvm/hostMemory';
import type { KvmVm } from '../kvm/kvmVm';
import { PAGE_SIZE } from '../memory/physPage';
import { hex, InvariantPage } from './events';

export interface Violation {
  rule: string;
  message: string;
  page: InvariantPage;
}

export interface InvariantContext {
  readonly profile: Profile;
  readonly hyp: Pkvm;
  readonly hostMem: HostMemory;
  /** The host KVM VM behind a hypervisor VM handle (for attributes and memslots). */
  kvmVm(handle: number): KvmVm | undefined;
}

export class InvariantChecker {
  constructor(private readonly ctx: InvariantContext) {}

  /** Rules about one physical frame. */
  checkFrame(pfn: number): Violation | null {
    const { hyp, hostMem } = this.ctx;
    if (!hyp.mem.isRam(pfn)) return null;
    const vmm = hyp.vmemmap;
    const host = vmm.host(pfn);
    const hs = vmm.hyp(pfn);
    const fail = (rule: string, message: string): Violation => ({ rule, message, page: this.describe(pfn, null, null) });
    if (host > PageState.NOPAGE) return fail('host-state-valid', `host state ${host} is not a host state`);
    if (hs === PageState.SHARED_OWNED || hs > PageState.NOPAGE) return fail('hyp-state-valid', `hyp state ${stateName(hs)} is not a hyp state`);
    if (hs === PageState.OWNED && host !== PageState.NOPAGE) return fail('hyp-owned-exclusive', 'the hypervisor owns the page but the host can still access it');
    if (hs === PageState.SHARED_BORROWED && host !== PageState.SHARED_OWNED) return fail('hyp-borrow-needs-host-share', 'the hypervisor borrows a page the host has not shared');
    if (vmm.pins(pfn) > 0 && hs !== PageState.SHARED_BORROWED) return fail('pin-needs-share', 'the hypervisor pins a page it does not borrow');
    if (vmm.shareCount(pfn) > 0 && host !== PageState.SHARED_OWNED) return fail('guest-share-count', 'pages lent to non-protected guests must be host SHARED_OWNED');
    if (host === PageState.NOPAGE) {
      const owner = vmm.owner(pfn);
      if (!owner) return fail('donation-annotation', 'the host lost access to the page but its stage-2 names no owner');
      if (owner.id === ComponentId.GUEST) {
        const vm = hyp.vmByHandle(owner.handle);
        const pending = (vmm.pageFlags(pfn) & HOST_PAGE_PENDING_RECLAIM) !== 0;
        if (!pending && !(vm && vm.isDying)) {
          if (!vm) return fail('donated-frame-owner', `donated to VM ${hex(owner.handle)}, which does not exist`);
          const pte = vm.stage2.get(owner.gfn);
          if (pte.state !== PageState.OWNED || pte.pfn !== pfn) {
            return { rule: 'donated-frame-owner', message: 'the host stage-2 says the guest owns this page, but the guest does not map it as OWNED', page: this.describe(pfn, vm, owner.gfn) };
          }
        }
        if (this.ctx.profile === 'rfc-2024' && hostMem.pageUse(pfn) === PageUse.GMEM && hostMem.mapped(pfn) > 0) {
          return {
            rule: 'guest-private-not-host-mapped',
            message: 'a page donated to the guest is still mapped by host userspace',
            page: this.describe(pfn, vm ?? null, owner.gfn),
          };
        }
      }
    }
    return null;
  }

  hypVm(handle: number): HypVm | undefined {
    return this.ctx.hyp.vmByHandle(handle);
  }

  /** Rules about the guest entry `gfn` of the VM with this handle (none if the VM is gone). */
  checkGuestOf(handle: number, gfn: number): Violation | null {
    const vm = this.ctx.hyp.vmByHandle(handle);
    return vm ? this.checkGuest(vm, gfn) : null;
  }

  /** Rules about one guest stage-2 entry. */
  checkGuest(vm: HypVm, gfn: number): Violation | null {
    const { hyp, profile } = this.ctx;
    const pte = vm.stage2.get(gfn);
    const s = pte.state;
    if (s === PageState.NOPAGE) return null;
    const fail = (rule: string, message: string): Violation => ({ rule, message, page: this.describe(pte.pfn >= 0 ? pte.pfn : null, vm, gfn) });
    if (s === PageState.POISON) {
      if (profile !== 'upstream') return fail('poison-upstream-only', 'POISON exists only in the upstream design');
      if (!vm.isProtected) return fail('protected-guest-states', 'a non-protected guest cannot have a poisoned page');
      return null;
    }
    if (vm.isProtected ? s === PageState.SHARED_BORROWED : s !== PageState.SHARED_BORROWED) {
      return fail('protected-guest-states', `a ${vm.isProtected ? 'protected' : 'non-protected'} guest cannot hold a page in state ${stateName(s)}`);
    }
    if (!hyp.mem.isRam(pte.pfn)) return fail('guest-maps-ram', 'the guest maps a frame that is not RAM');
    const host = hyp.vmemmap.host(pte.pfn);
    const hs = hyp.vmemmap.hyp(pte.pfn);
    if (s === PageState.OWNED) {
      const owner = hyp.vmemmap.owner(pte.pfn);
      if (host !== PageState.NOPAGE) return fail('guest-private-not-host-accessible', 'a page private to the guest is accessible by the host');
      if (!owner || owner.id !== ComponentId.GUEST || owner.handle !== vm.handle || owner.gfn !== gfn) {
        return fail('donation-annotation', 'the host stage-2 does not record this guest as the owner');
      }
      if (hs !== PageState.NOPAGE) return fail('guest-private-not-hyp-mapped', 'the hypervisor holds a page private to the guest');
      if (profile === 'rfc-2024') {
        const kvm = this.ctx.kvmVm(vm.handle);
        const slot = kvm?.slotFor(gfn);
        if (kvm && slot?.isPrivate && !kvm.isNotMappable(gfn)) {
          return fail('guest-private-not-mappable', 'guest-private memory must be NOT_MAPPABLE for the host');
        }
      }
      return null;
    }
    if (s === PageState.SHARED_OWNED && host !== PageState.SHARED_BORROWED) {
      return fail('shared-page-combination', 'a page the guest shared must be host SHARED_BORROWED');
    }
    if (s === PageState.SHARED_BORROWED && (host !== PageState.SHARED_OWNED || hyp.vmemmap.shareCount(pte.pfn) === 0)) {
      return fail('shared-page-combination', 'a page lent to a non-protected guest must be host SHARED_OWNED and counted');
    }
    return null;
  }

  describe(pfn: number | null, vm: HypVm | null, gfn: number | null): InvariantPage {
    const { hyp, hostMem } = this.ctx;
    const ram = pfn !== null && hyp.mem.isRam(pfn);
    const kvm = vm ? this.ctx.kvmVm(vm.handle) : undefined;
    return {
      pfn,
      pa: pfn !== null ? hex(pfn * PAGE_SIZE) : null,
      vm: vm ? vm.handle : null,
      gfn,
      ipa: gfn !== null ? hex(gfn * PAGE_SIZE) : null,
      host: ram ? stateName(hyp.vmemmap.host(pfn!)) : null,
      hyp: ram ? stateName(hyp.vmemmap.hyp(pfn!)) : null,
      guest: vm && gfn !== null ? stateName(vm.stage2.state(gfn)) : null,
      hostMapcount: ram ? hostMem.mapped(pfn!) : null,
      notMappable: kvm && gfn !== null ? kvm.isNotMappable(gfn) : null,
      private: kvm && gfn !== null ? kvm.isPrivate(gfn) : null,
    };
  }
}
