/**
 * Reference section 6.1 (OS-01..OS-15): ownership transitions at the hypervisor level,
 * called directly as the kernel's pKVM ownership selftest does.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { E2BIG, EAGAIN, EBUSY, EFAULT, EINVAL, ENOENT, EPERM } from '../../engine/hyp/errno';
import { PROT_RWX, PTRS_PER_TABLE } from '../../engine/hyp/pageState';
import { fill, hypFixture, RAM_BASE_PFN } from './helpers/hypFixture';

const GFN = 0x40000;

test('OS-01: a hyp-owned page refuses every host/guest transition and nothing changes', () => {
  const f = hypFixture({ protected: false });
  const pfn = f.freshPfn();
  assert.equal(f.hyp.hostDonateHyp(pfn), 0);
  const before = f.states(pfn, GFN);
  assert.deepEqual(before, { host: 'NOPAGE', hyp: 'OWNED', guest: 'NOPAGE' });
  assert.equal(f.hyp.hostDonateHyp(pfn), -EPERM);
  assert.equal(f.hyp.hostShareHyp(pfn), -EPERM);
  assert.equal(f.hyp.hostUnshareHyp(pfn), -EPERM);
  assert.equal(f.hyp.hostShareFfa(pfn), -EPERM);
  assert.equal(f.hyp.hostUnshareFfa(pfn), -EPERM);
  assert.equal(f.hyp.hypPinSharedMem(pfn), -EPERM);
  assert.equal(f.hyp.hostShareGuest(f.vm, pfn, GFN, 1, PROT_RWX), -EPERM);
  assert.equal(f.hyp.hostDonateGuest(f.vm, pfn, GFN), -EPERM);
  assert.equal(f.hyp.hostUnshareGuest(f.vm, GFN, 1), -ENOENT);
  assert.deepEqual(f.states(pfn, GFN), before);
  // Every refused call was still reported, with identical before/after states.
  const refused = f.records.slice(-9);
  assert.ok(refused.every((r) => r.ret < 0 && r.pages.every((p) => JSON.stringify(p.before) === JSON.stringify(p.after))));
});

test('OS-02: hyp_donate_host returns a hyp page to the host once', () => {
  const f = hypFixture();
  const pfn = f.freshPfn();
  assert.equal(f.hyp.hostDonateHyp(pfn), 0);
  assert.equal(f.hyp.hypDonateHost(pfn), 0);
  assert.deepEqual(f.states(pfn, GFN), { host: 'OWNED', hyp: 'NOPAGE', guest: 'NOPAGE' });
  assert.equal(f.hyp.hypDonateHost(pfn), -EPERM);
});

test('OS-03: host_share_hyp, then everything else on the shared page is refused', () => {
  const f = hypFixture({ protected: false });
  const pfn = f.freshPfn();
  assert.equal(f.hyp.hostShareHyp(pfn), 0);
  assert.deepEqual(f.states(pfn), { host: 'SHARED_OWNED', hyp: 'SHARED_BORROWED', guest: 'n/a' });
  assert.equal(f.hyp.hostShareHyp(pfn), -EPERM);
  assert.equal(f.hyp.hostDonateHyp(pfn), -EPERM);
  assert.equal(f.hyp.hostShareFfa(pfn), -EPERM);
  assert.equal(f.hyp.hypDonateHost(pfn), -EPERM);
  assert.equal(f.hyp.hostShareGuest(f.vm, pfn, GFN, 1, PROT_RWX), -EPERM);
  assert.equal(f.hyp.hostDonateGuest(f.vm, pfn, GFN), -EPERM);
  assert.deepEqual(f.states(pfn, GFN), { host: 'SHARED_OWNED', hyp: 'SHARED_BORROWED', guest: 'NOPAGE' });
});

test('OS-04: a pinned shared page cannot be unshared (-EBUSY), states unchanged', () => {
  const f = hypFixture();
  const pfn = f.freshPfn();
  assert.equal(f.hyp.hostShareHyp(pfn), 0);
  assert.equal(f.hyp.hypPinSharedMem(pfn), 0);
  assert.equal(f.hyp.hypPinSharedMem(pfn), 0);
  assert.equal(f.hyp.hypUnpinSharedMem(pfn), 0);
  assert.equal(f.hyp.vmemmap.pins(pfn), 1);
  assert.equal(f.hyp.hostUnshareHyp(pfn), -EBUSY);
  assert.deepEqual(f.states(pfn), { host: 'SHARED_OWNED', hyp: 'SHARED_BORROWED', guest: 'n/a' });
});

test('OS-05: after the final unpin, host_unshare_hyp succeeds', () => {
  const f = hypFixture();
  const pfn = f.freshPfn();
  assert.equal(f.hyp.hostShareHyp(pfn), 0);
  assert.equal(f.hyp.hypPinSharedMem(pfn), 0);
  assert.equal(f.hyp.hypUnpinSharedMem(pfn), 0);
  assert.equal(f.hyp.vmemmap.pins(pfn), 0);
  assert.equal(f.hyp.hostUnshareHyp(pfn), 0);
  assert.deepEqual(f.states(pfn), { host: 'OWNED', hyp: 'NOPAGE', guest: 'n/a' });
});

test('OS-06: FF-A share and unshare', () => {
  const f = hypFixture({ protected: false });
  const pfn = f.freshPfn();
  assert.equal(f.hyp.hostShareFfa(pfn), 0);
  assert.deepEqual(f.states(pfn), { host: 'SHARED_OWNED', hyp: 'NOPAGE', guest: 'n/a' });
  assert.equal(f.hyp.hostShareFfa(pfn), -EPERM);
  assert.equal(f.hyp.hostShareGuest(f.vm, pfn, GFN, 1, PROT_RWX), -EPERM);
  assert.equal(f.hyp.hostDonateGuest(f.vm, pfn, GFN), -EPERM);
  assert.equal(f.hyp.hypPinSharedMem(pfn), -EPERM);
  assert.equal(f.hyp.hostUnshareFfa(pfn), 0);
  assert.equal(f.hyp.hostUnshareFfa(pfn), -EPERM);
  assert.deepEqual(f.states(pfn), { host: 'OWNED', hyp: 'NOPAGE', guest: 'n/a' });
});

test('OS-07: host_share_guest lends a page to a non-protected guest once', () => {
  const f = hypFixture({ protected: false });
  const pfn = f.freshPfn();
  assert.equal(f.hyp.hostShareGuest(f.vm, pfn, GFN, 1, PROT_RWX), 0);
  assert.deepEqual(f.states(pfn, GFN), { host: 'SHARED_OWNED', hyp: 'NOPAGE', guest: 'SHARED_BORROWED' });
  assert.equal(f.hyp.vmemmap.shareCount(pfn), 1);
  assert.equal(f.hyp.hostShareGuest(f.vm, pfn, GFN, 1, PROT_RWX), -EPERM);
});

test('OS-08: the same page lent at two gfns is counted; the host owns it again after both unshares', () => {
  const f = hypFixture({ protected: false });
  const pfn = f.freshPfn();
  assert.equal(f.hyp.hostShareGuest(f.vm, pfn, GFN, 1, PROT_RWX), 0);
  assert.equal(f.hyp.hostShareGuest(f.vm, pfn, GFN + 1, 1, PROT_RWX), 0);
  assert.equal(f.hyp.vmemmap.shareCount(pfn), 2);
  assert.equal(f.hyp.hostUnshareGuest(f.vm, GFN, 1), 0);
  assert.equal(f.states(pfn).host, 'SHARED_OWNED');
  assert.equal(f.hyp.vmemmap.shareCount(pfn), 1);
  assert.equal(f.hyp.hostUnshareGuest(f.vm, GFN + 1, 1), 0);
  assert.deepEqual(f.states(pfn, GFN), { host: 'OWNED', hyp: 'NOPAGE', guest: 'NOPAGE' });
  assert.equal(f.states(pfn, GFN + 1).guest, 'NOPAGE');
});

test('OS-09: a page donated to a protected guest refuses every other transition', () => {
  const f = hypFixture({ protected: true });
  const pfn = f.freshPfn();
  assert.equal(f.hyp.hostDonateGuest(f.vm, pfn, GFN), 0);
  assert.deepEqual(f.states(pfn, GFN), { host: 'NOPAGE', hyp: 'NOPAGE', guest: 'OWNED' });
  assert.deepEqual(f.hyp.vmemmap.owner(pfn), { id: 2, handle: f.vm.handle, gfn: GFN });
  assert.equal(f.hyp.hostDonateGuest(f.vm, pfn, GFN), -EPERM);
  assert.equal(f.hyp.hostDonateGuest(f.vm, pfn, GFN + 1), -EPERM);
  assert.equal(f.hyp.hostShareGuest(f.vm, pfn, GFN, 1, PROT_RWX), -EPERM);
  assert.equal(f.hyp.hostShareGuest(f.vm, pfn, GFN + 1, 1, PROT_RWX), -EPERM);
  assert.equal(f.hyp.hostShareFfa(pfn), -EPERM);
  assert.equal(f.hyp.hostDonateHyp(pfn), -EPERM);
  assert.equal(f.hyp.hostShareHyp(pfn), -EPERM);
  assert.equal(f.hyp.hostUnshareHyp(pfn), -EPERM);
  assert.equal(f.hyp.hypDonateHost(pfn), -EPERM);
  assert.deepEqual(f.states(pfn, GFN), { host: 'NOPAGE', hyp: 'NOPAGE', guest: 'OWNED' });
  assert.equal(f.states(pfn, GFN + 1, f.vm).guest, 'NOPAGE');
});

test('OS-10: reclaiming a donated page zeroes it and returns it to the host', () => {
  const f = hypFixture({ protected: true });
  const pfn = f.freshPfn();
  fill(f.hyp, pfn, 0x5a);
  assert.equal(f.hyp.hostDonateGuest(f.vm, pfn, GFN), 0);
  assert.equal(f.hyp.hostReclaimPageGuest(f.vm, GFN), 0);
  assert.deepEqual(f.states(pfn, GFN), { host: 'OWNED', hyp: 'NOPAGE', guest: 'NOPAGE' });
  assert.ok(f.hyp.mem.isZero(pfn));
});

test('OS-11: forced reclaim poisons the guest entry and zeroes the page', () => {
  const f = hypFixture({ protected: true });
  const pfn = f.freshPfn();
  fill(f.hyp, pfn, 0x77);
  assert.equal(f.hyp.hostDonateGuest(f.vm, pfn, GFN), 0);
  const gen = f.vm.stage2.generation;
  assert.equal(f.hyp.hostForceReclaimPageGuest(pfn), 0);
  assert.deepEqual(f.states(pfn, GFN), { host: 'OWNED', hyp: 'NOPAGE', guest: 'POISON' });
  assert.ok(f.hyp.mem.isZero(pfn));
  assert.ok(f.vm.stage2.generation > gen, 'vCPUs must drop the cached translation');
  assert.equal(f.vm.stage2.translate(GFN, false, false), null);
  assert.equal(f.hyp.hostDonateGuest(f.vm, pfn, GFN), -EPERM);
  assert.equal(f.hyp.hostShareGuest(f.vm, pfn, GFN, 1, PROT_RWX), -EPERM);
});

test('OS-12: a force-reclaimed frame can be donated to another gfn and reclaimed again', () => {
  const f = hypFixture({ protected: true });
  const pfn = f.freshPfn();
  assert.equal(f.hyp.hostDonateGuest(f.vm, pfn, GFN), 0);
  assert.equal(f.hyp.hostForceReclaimPageGuest(pfn), 0);
  assert.equal(f.hyp.hostDonateGuest(f.vm, pfn, GFN + 1), 0);
  assert.deepEqual(f.states(pfn, GFN + 1), { host: 'NOPAGE', hyp: 'NOPAGE', guest: 'OWNED' });
  assert.equal(f.states(pfn, GFN).guest, 'POISON');
  assert.equal(f.hyp.hostReclaimPageGuest(f.vm, GFN + 1), 0);
  assert.equal(f.states(pfn).host, 'OWNED');
});

test('OS-13: forced reclaim of a host-owned page is -EAGAIN; of a non-RAM address -EFAULT', () => {
  const f = hypFixture();
  const pfn = f.freshPfn();
  assert.equal(f.hyp.hostForceReclaimPageGuest(pfn), -EAGAIN);
  assert.equal(f.hyp.hostForceReclaimPageGuest(0x09000), -EFAULT); // the UART's frame: MMIO, not RAM
  assert.equal(f.states(pfn).host, 'OWNED');
});

test('OS-14: host_share_guest argument checks (-EINVAL)', () => {
  const f = hypFixture({ protected: false });
  const pfn = f.freshPfn();
  assert.equal(f.hyp.hostShareGuest(f.vm, pfn, GFN, 1, PROT_RWX | 0x10), -EINVAL);
  assert.equal(f.hyp.hostShareGuest(f.vm, pfn, GFN, 2, PROT_RWX), -EINVAL);
  // A block must have PA and IPA both 2 MiB aligned.
  const blockPfn = RAM_BASE_PFN + 2048;
  assert.equal(f.hyp.hostShareGuest(f.vm, blockPfn + 1, GFN, PTRS_PER_TABLE, PROT_RWX), -EINVAL);
  assert.equal(f.hyp.hostShareGuest(f.vm, blockPfn, GFN + 1, PTRS_PER_TABLE, PROT_RWX), -EINVAL);
  assert.equal(f.states(pfn, GFN).guest, 'NOPAGE');
  // The aligned block is accepted, and must be unshared as a whole.
  assert.equal(f.hyp.hostShareGuest(f.vm, blockPfn, GFN, PTRS_PER_TABLE, PROT_RWX), 0);
  assert.equal(f.hyp.hostUnshareGuest(f.vm, GFN, 1), -E2BIG);
  assert.equal(f.hyp.hostUnshareGuest(f.vm, GFN, PTRS_PER_TABLE), 0);
  assert.equal(f.states(blockPfn + 511, GFN + 511).host, 'OWNED');
});

test('OS-15: permission and access-flag maintenance is refused for a protected VM', () => {
  const f = hypFixture({ protected: true });
  const pfn = f.freshPfn();
  assert.equal(f.hyp.hostDonateGuest(f.vm, pfn, GFN), 0);
  assert.equal(f.hyp.hostRelaxPermsGuest(f.vm, GFN, PROT_RWX), -EPERM);
  assert.equal(f.hyp.hostWrprotectGuest(f.vm, GFN), -EPERM);
  assert.equal(f.hyp.hostTestClearYoungGuest(f.vm, GFN, true), -EPERM);
  assert.equal(f.hyp.hostMkyoungGuest(f.vm, GFN), -EPERM);
  // The same calls work on a non-protected guest's lent page.
  const np = hypFixture({ protected: false });
  const p2 = np.freshPfn();
  assert.equal(np.hyp.hostShareGuest(np.vm, p2, GFN, 1, 4 /* R */), 0);
  assert.equal(np.vm.stage2.translate(GFN, true, false), null);
  assert.equal(np.hyp.hostRelaxPermsGuest(np.vm, GFN, PROT_RWX), 0);
  assert.notEqual(np.vm.stage2.translate(GFN, true, false), null);
  assert.equal(np.hyp.hostMkyoungGuest(np.vm, GFN), 0);
  assert.equal(np.hyp.hostTestClearYoungGuest(np.vm, GFN, true), 1);
  assert.equal(np.hyp.hostTestClearYoungGuest(np.vm, GFN, true), 0);
  assert.equal(np.hyp.hostWrprotectGuest(np.vm, GFN), 0);
  assert.equal(np.vm.stage2.translate(GFN, true, false), null);
});
