/**
 * Teardown and reclaim at the hypervisor level: HC-13, HC-14 (upstream teardown) and
 * RF-15 (the RFC's `__pkvm_host_reclaim_page`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EBUSY, EINVAL, ENOENT, EPERM } from '../../engine/hyp/errno';
import { HOST_PAGE_NEED_POISONING, HOST_PAGE_PENDING_RECLAIM } from '../../engine/hyp/pageState';
import { fill, hypFixture } from './helpers/hypFixture';

const GFN = 0x40000;

test('HC-13: teardown ordering errors', () => {
  const f = hypFixture({ protected: true });
  const pfn = f.freshPfn();
  assert.equal(f.hyp.hostDonateGuest(f.vm, pfn, GFN), 0);
  assert.equal(f.hyp.reclaimDyingGuestPage(f.vm.handle, GFN), -EINVAL, 'reclaim on a live VM');
  assert.equal(f.hyp.finalizeTeardownVm(f.vm.handle), -EBUSY, 'finalize before start');
  f.vcpu.loaded = true;
  assert.equal(f.hyp.startTeardownVm(f.vm.handle), -EBUSY, 'a vCPU is still loaded');
  f.vcpu.loaded = false;
  assert.equal(f.hyp.startTeardownVm(f.vm.handle), 0);
  assert.equal(f.hyp.startTeardownVm(f.vm.handle), -EINVAL, 'already dying');
  assert.equal(f.hyp.startTeardownVm(0x1fff), -ENOENT);
  assert.equal(f.hyp.reclaimDyingGuestPage(f.vm.handle, GFN), 0);
  assert.equal(f.hyp.reclaimDyingGuestPage(f.vm.handle, GFN), -ENOENT);
  const meta = [...f.vm.metadataPfns, f.vcpu.metadataPfn];
  assert.ok(meta.every((p) => f.states(p).hyp === 'OWNED'));
  assert.equal(f.hyp.finalizeTeardownVm(f.vm.handle), 0);
  assert.ok(meta.every((p) => f.states(p).host === 'OWNED' && f.states(p).hyp === 'NOPAGE'));
  assert.equal(f.hyp.finalizeTeardownVm(f.vm.handle), -ENOENT);
});

test('HC-14: teardown keeps the contents of a shared page and zeroes an owned one', () => {
  const f = hypFixture({ protected: true });
  const shared = f.freshPfn();
  const owned = f.freshPfn();
  fill(f.hyp, shared, 0x11);
  fill(f.hyp, owned, 0x22);
  assert.equal(f.hyp.hostDonateGuest(f.vm, shared, GFN), 0);
  assert.equal(f.hyp.hostDonateGuest(f.vm, owned, GFN + 1), 0);
  assert.equal(f.hyp.guestShareHost(f.vcpu, GFN), 0);
  assert.deepEqual(f.states(shared, GFN), { host: 'SHARED_BORROWED', hyp: 'NOPAGE', guest: 'SHARED_OWNED' });
  assert.equal(f.hyp.startTeardownVm(f.vm.handle), 0);
  assert.equal(f.hyp.reclaimDyingGuestPage(f.vm.handle, GFN), 0);
  assert.equal(f.hyp.reclaimDyingGuestPage(f.vm.handle, GFN + 1), 0);
  assert.deepEqual(f.states(shared, GFN), { host: 'OWNED', hyp: 'NOPAGE', guest: 'NOPAGE' });
  assert.deepEqual(f.states(owned, GFN + 1), { host: 'OWNED', hyp: 'NOPAGE', guest: 'NOPAGE' });
  assert.equal(f.hyp.mem.page(shared).u8[100], 0x11);
  assert.ok(f.hyp.mem.isZero(owned));
});

test('RF-15: __pkvm_host_reclaim_page needs PENDING_RECLAIM; a host-owned page is a no-op', () => {
  const f = hypFixture({ protected: true, profile: 'rfc-2024' });
  const pfn = f.freshPfn();
  fill(f.hyp, pfn, 0x33);
  assert.equal(f.hyp.hostReclaimPage(pfn), 0, 'host already owns it');
  assert.equal(f.hyp.hostDonateGuest(f.vm, pfn, GFN), 0);
  assert.equal(f.hyp.hostReclaimPage(pfn), -EPERM, 'donated but not relinquished');
  assert.deepEqual(f.states(pfn, GFN), { host: 'NOPAGE', hyp: 'NOPAGE', guest: 'OWNED' });
  // Relinquish flags it (R1), then the host reclaim (R2) zeroes it and gives it back.
  const r = f.hyp.guestRelinquishToHost(f.vcpu, GFN);
  assert.deepEqual(r, { ret: 0, pfn });
  assert.equal(f.hyp.vmemmap.pageFlags(pfn), HOST_PAGE_NEED_POISONING | HOST_PAGE_PENDING_RECLAIM);
  assert.equal(f.hyp.hostReclaimPage(pfn), 0);
  assert.deepEqual(f.states(pfn, GFN), { host: 'OWNED', hyp: 'NOPAGE', guest: 'NOPAGE' });
  assert.equal(f.hyp.vmemmap.pageFlags(pfn), 0);
  assert.ok(f.hyp.mem.isZero(pfn));
});

test('RFC teardown (R3 then R2): owned pages are zeroed, shared ones keep their contents', () => {
  const f = hypFixture({ protected: true, profile: 'rfc-2024' });
  const owned = f.freshPfn();
  const shared = f.freshPfn();
  fill(f.hyp, owned, 0x44);
  fill(f.hyp, shared, 0x55);
  assert.equal(f.hyp.hostDonateGuest(f.vm, owned, GFN), 0);
  assert.equal(f.hyp.hostDonateGuest(f.vm, shared, GFN + 1), 0);
  assert.equal(f.hyp.guestShareHost(f.vcpu, GFN + 1), 0);
  const flagged = f.hyp.reclaimGuestPages(f.vm);
  assert.deepEqual(flagged, [owned, shared]);
  assert.equal(f.vm.stage2.mappedPages, 0);
  for (const p of flagged) assert.equal(f.hyp.hostReclaimPage(p), 0);
  assert.equal(f.states(owned).host, 'OWNED');
  assert.equal(f.states(shared).host, 'OWNED');
  assert.ok(f.hyp.mem.isZero(owned));
  assert.equal(f.hyp.mem.page(shared).u8[0], 0x55);
});
