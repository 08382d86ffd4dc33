/** The VMM exits: the VM is torn down through the profile's teardown path; non-protected guests too. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PageState } from '../../engine/hyp/pageState';
import {
  VENDOR_HYP_KVM_FEATURES_FUNC_ID as FEATURES,
  VENDOR_HYP_KVM_MEM_RELINQUISH_FUNC_ID as RELINQUISH,
  VENDOR_HYP_KVM_MEM_SHARE_FUNC_ID as SHARE,
} from '../../engine/hyp/smccc';
import { TraceEvent } from '../../engine/trace/events';
import { PkvmMachine } from '../../engine/vmm/pkvmMachine';
import { hvcCall, mov64, movz, SAVE_RESULT, strX, WFI } from './helpers/guestCode';
import { machine, P, Q, saved } from './helpers/machineFixture';

const ops = (m: PkvmMachine): string[] => m.log.events.filter((e): e is Extract<TraceEvent, { type: 'transition' }> => e.type === 'transition').map((e) => e.op);
const write = (ipa: number, v: number) => [...mov64(1, ipa), movz(6, v), strX(6, 1)];
const pfnOf = (m: PkvmMachine, ipa: number) => m.vm!.hypVm!.stage2.get(ipa / 4096).pfn;

for (const profile of ['rfc-2024', 'upstream'] as const) {
  test(`${profile}: teardown returns shared pages intact and owned pages zeroed (HC-14 end to end)`, () => {
    const m = machine({ profile }, [...write(P, 0x11), ...hvcCall(SHARE, P), ...write(Q, 0x22), WFI]);
    assert.equal(m.run(100_000).reason, 'idle');
    const shared = pfnOf(m, P);
    const owned = pfnOf(m, Q);
    const handle = m.vm!.hypVm!.handle;
    m.shutdown();
    assert.equal(m.violation, null);
    assert.equal(m.kvm.hyp.vmemmap.host(shared), PageState.OWNED);
    assert.equal(m.kvm.hyp.vmemmap.host(owned), PageState.OWNED);
    assert.equal(m.kvm.mem.page(shared).u8[0], 0x11);
    assert.ok(m.kvm.mem.isZero(owned));
    assert.equal(m.kvm.hyp.vmByHandle(handle), undefined, 'the hypervisor VM is gone');
    const expected = profile === 'rfc-2024' ? ['reclaim_guest_pages', 'host_reclaim_page', 'finalize_teardown_vm'] : ['start_teardown_vm', 'reclaim_dying_guest_page', 'finalize_teardown_vm'];
    const seen = ops(m);
    for (const op of expected) assert.ok(seen.includes(op), `${op} in ${seen.slice(-12).join(', ')}`);
    assert.equal(m.run(10).reason, 'system-off');
  });
}

test('a non-protected guest borrows host pages (T7); the VMM sees its writes', () => {
  const m = machine({ profile: 'upstream', protected: false }, [...write(P, 0x5a), ...hvcCall(FEATURES), ...SAVE_RESULT, WFI]);
  assert.equal(m.run(100_000).reason, 'idle');
  assert.deepEqual(saved(m), [0x1n, 0n, 0n, 0n], 'host KVM answers FEATURES for a non-protected VM');
  const r = m.pageRecord(P)!;
  assert.deepEqual([r.host, r.guest.state, r.shareCount], ['SHARED_OWNED', 'SHARED_BORROWED', 1]);
  const read = m.hostAction({ kind: 'read', ipa: P, length: 1 });
  assert.deepEqual(read.data, [0x5a]);
  assert.ok(ops(m).includes('host_share_guest'));
  m.shutdown();
  assert.equal(m.violation, null);
});

test('RFC: a non-protected guest relinquishes a lent page at EL2; the host owns it again', () => {
  const m = machine({ protected: false }, [...write(P, 1), ...hvcCall(RELINQUISH, P), ...SAVE_RESULT, ...hvcCall(FEATURES), ...SAVE_RESULT.map((w) => w), WFI]);
  assert.equal(m.run(100_000).reason, 'idle');
  assert.deepEqual(saved(m), [0x205n, 0n, 0n, 0n], 'FEATURES from host KVM: FEATURES, HYP_MEMINFO, MEM_RELINQUISH');
  const r = m.pageRecord(P)!;
  assert.deepEqual([r.guest.state, r.host, r.shareCount, r.tracked], ['NOPAGE', 'OWNED', 0, null]);
  assert.ok(ops(m).includes('guest_relinquish_to_host'));
});
