/**
 * Reference section 6.4 (RF-02..RF-09, RF-12, RF-13) and the non-cooperative cases of
 * 5.4, under the default `rfc-2024` profile, through the real path: guest HVC → EL2 →
 * host KVM → KVM_EXIT_HYPERCALL → the VMM's configured behaviour → KVM_RUN → EL2 entry.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  SMCCC_RET_INVALID_PARAMETER as INVALID,
  VENDOR_HYP_KVM_FEATURES_FUNC_ID as FEATURES,
  VENDOR_HYP_KVM_MEM_RELINQUISH_FUNC_ID as RELINQUISH,
  VENDOR_HYP_KVM_MEM_SHARE_FUNC_ID as SHARE,
  VENDOR_HYP_KVM_MEM_UNSHARE_FUNC_ID as UNSHARE,
} from '../../engine/hyp/smccc';
import { KVM_EXIT } from '../../engine/kvm/uapi';
import { TraceEvent } from '../../engine/trace/events';
import { PkvmMachine } from '../../engine/vmm/pkvmMachine';
import { hvcCall, movz, mov64, SAVE_RESULT, strX, touch, WFI } from './helpers/guestCode';
import { machine, P, Q, saved } from './helpers/machineFixture';

const events = <T extends TraceEvent['type']>(m: PkvmMachine, type: T): Extract<TraceEvent, { type: T }>[] =>
  m.log.events.filter((e): e is Extract<TraceEvent, { type: T }> => e.type === type);

const hypercallExits = (m: PkvmMachine) => events(m, 'kvm-run').filter((e) => e.exitName === 'KVM_EXIT_HYPERCALL' && e.ret === 0);

function runToEnd(m: PkvmMachine): bigint[] {
  const stop = m.run(100_000);
  assert.equal(stop.reason, 'idle', stop.detail);
  return saved(m);
}

const state = (m: PkvmMachine, ipa: number) => {
  const r = m.pageRecord(ipa)!;
  return { host: r.host, guest: r.guest.state, notMappable: r.attributes.notMappable, private: r.attributes.private, mapped: r.hostMapcount };
};

const SHARE_UNSHARE = [...touch(P), ...hvcCall(SHARE, P), ...hvcCall(UNSHARE, P), ...SAVE_RESULT, WFI];

test('RF-02: the VMM writes guest_memfd before the first run; afterwards the slot is NOT_MAPPABLE and untouched pages SIGBUS', () => {
  const m = machine({ vmm: { onSignal: 'continue' } }, [...touch(P), WFI]);
  assert.equal(m.run(10_000).reason, 'idle');
  const load = events(m, 'vmm').find((e) => e.action === 'load image')!;
  assert.equal(load.result, 'ok', 'the image was written through the mapping before KVM_RUN');
  assert.ok(m.pageSummary(0x8000_0000, 0x8040_0000).every((r) => r.notMappable));
  const r = m.hostAction({ kind: 'read', ipa: Q, length: 8 });
  assert.equal(r.result, 'SIGBUS');
  assert.match(events(m, 'signal')[0].why, /NOT_MAPPABLE/);
});

test('RF-03: a page the VMM still maps cannot be faulted in by the guest: KVM_RUN fails with EPERM', () => {
  const m = machine({ vmm: { actions: [{ trigger: { kind: 'start' }, action: { kind: 'read', ipa: P } }] } }, [...touch(P), WFI]);
  const stop = m.run(10_000);
  assert.equal(stop.reason, 'error');
  assert.match(stop.detail, /KVM_RUN on vCPU 0 failed: -1 EPERM/);
  assert.ok(events(m, 'kernel').some((e) => /guestmem_abort refused/.test(e.action) && e.detail.ipa === `0x${P.toString(16)}`));
  assert.deepEqual(state(m, P), { host: 'OWNED', guest: 'NOPAGE', notMappable: true, private: false, mapped: 1 });
});

test('RF-04: MEM_SHARE exits to the VMM (nr 3, args[0] = IPA), the VMM maps the page, the guest gets SUCCESS', () => {
  const m = machine({}, [...touch(P), ...hvcCall(SHARE, P), ...SAVE_RESULT, WFI]);
  const r = runToEnd(m);
  assert.equal(r[0], 0n);
  assert.deepEqual(r.slice(1), [BigInt(P), 0n, 0n], 'x1..x3 keep the guest\'s own values (derived)');
  const exit = hypercallExits(m)[0];
  const hc = exit.run.hypercall as { nr: string; args: string[] };
  assert.equal(hc.nr, '0x3');
  assert.equal(hc.args[0], `0x${P.toString(16)}`);
  assert.ok(events(m, 'vmm').some((e) => e.action === 'share: map and access' && e.result.startsWith('read')));
  assert.deepEqual(state(m, P), { host: 'SHARED_BORROWED', guest: 'SHARED_OWNED', notMappable: false, private: false, mapped: 1 });
  // The HVC left the guest with the architectural syndrome: EC 0x16, IL, imm16 0.
  assert.equal(events(m, 'guest-exit').find((e) => e.what.startsWith('HVC64'))!.esr, '0x5a000000');
});

test('RF-05: cooperative MEM_UNSHARE: the VMM unmaps and marks PRIVATE; the guest gets 0 and the page is private again', () => {
  const m = machine({ vmm: { onSignal: 'continue' } }, SHARE_UNSHARE);
  assert.deepEqual(runToEnd(m), [0n, 0n, 0n, 0n]);
  const exits = hypercallExits(m);
  assert.deepEqual(exits.map((e) => (e.run.hypercall as { nr: string }).nr), ['0x3', '0x4']);
  const attrs = events(m, 'vmm').find((e) => e.action === 'KVM_SET_MEMORY_ATTRIBUTES')!;
  assert.equal(attrs.result, '0');
  assert.deepEqual(state(m, P), { host: 'NOPAGE', guest: 'OWNED', notMappable: true, private: true, mapped: 0 });
  const unshare = events(m, 'transition').find((e) => e.op === 'guest_unshare_host')!;
  assert.equal(unshare.ret, 0);
  assert.equal(m.hostAction({ kind: 'read', ipa: P, length: 8 }).result, 'SIGBUS');
});

test('RF-06: setting PRIVATE while the page is still mapped fails with EPERM; the guest is refused', () => {
  const m = machine({ vmm: { onUnshare: 'keep-mapped' } }, SHARE_UNSHARE);
  assert.deepEqual(runToEnd(m), [INVALID, 0n, 0n, 0n]);
  const attrs = events(m, 'vmm').find((e) => e.action === 'KVM_SET_MEMORY_ATTRIBUTES')!;
  assert.equal(attrs.result, '-1 EPERM');
  assert.deepEqual(state(m, P), { host: 'SHARED_BORROWED', guest: 'SHARED_OWNED', notMappable: false, private: false, mapped: 1 });
});

test('RF-07: acknowledging without PRIVATE: the guest gets INVALID_PARAMETER, the page stays shared and mappable', () => {
  const m = machine({ vmm: { onUnshare: 'skip-private' } }, SHARE_UNSHARE);
  assert.deepEqual(runToEnd(m), [INVALID, 0n, 0n, 0n]);
  assert.deepEqual(state(m, P), { host: 'SHARED_BORROWED', guest: 'SHARED_OWNED', notMappable: false, private: false, mapped: 0 });
  assert.ok(events(m, 'kernel').some((e) => /not acknowledged/.test(e.action)));
  const r = m.hostAction({ kind: 'read', ipa: P, length: 8 });
  assert.ok(r.ok, 'mappable again');
});

test('RF-08: PRIVATE already set and the page still mapped: KVM_RUN fails EPERM until the VMM unmaps it', () => {
  const m = machine(
    { vmm: { onUnshare: 'keep-mapped', actions: [{ trigger: { kind: 'start' }, action: { kind: 'set-attributes', ipa: P, private: true } }] } },
    SHARE_UNSHARE,
  );
  const stop = m.run(100_000);
  assert.equal(stop.reason, 'error');
  assert.match(stop.detail, /KVM_RUN on vCPU 0 failed: -1 EPERM/);
  assert.equal(m.vmm.vcpus[0].run.exit_reason, KVM_EXIT.HYPERCALL, 'exit_reason stays KVM_EXIT_HYPERCALL');
  assert.deepEqual(state(m, P), { host: 'SHARED_BORROWED', guest: 'SHARED_OWNED', notMappable: true, private: true, mapped: 1 });
  assert.equal(m.hostAction({ kind: 'munmap', ipa: P }).result, '0');
  assert.equal(m.run(100_000).reason, 'idle');
  assert.deepEqual(saved(m), [0n, 0n, 0n, 0n]);
  assert.deepEqual(state(m, P), { host: 'NOPAGE', guest: 'OWNED', notMappable: true, private: true, mapped: 0 });
});

test('RF-09: MEM_UNSHARE with x1 = 0 is refused at EL2 with no exit', () => {
  const m = machine({}, [...hvcCall(UNSHARE, 0), ...SAVE_RESULT, WFI]);
  assert.deepEqual(runToEnd(m), [INVALID, 0n, 0n, 0n]);
  assert.equal(hypercallExits(m).length, 0);
  assert.ok(!events(m, 'guest-exit').some((e) => e.what.startsWith('HVC64')));
});

test('RF-12: MEM_RELINQUISH gives an owned page back: no userspace exit, zeroed, host OWNED, no longer tracked', () => {
  const prog = [...mov64(1, P), movz(6, 0x77), strX(6, 1), ...hvcCall(RELINQUISH, P), ...SAVE_RESULT, WFI];
  const m = machine({}, prog);
  const r = runToEnd(m);
  assert.equal(r[0], 0n);
  assert.deepEqual(r.slice(1), [BigInt(P), 0n, 0n], 'x1..x3 keep the guest\'s own values (derived)');
  assert.equal(hypercallExits(m).length, 0);
  const rec = m.pageRecord(P)!;
  assert.equal(rec.guest.state, 'NOPAGE');
  assert.equal(rec.host, 'OWNED');
  assert.equal(rec.tracked, null);
  assert.deepEqual(rec.hypFlags, []);
  assert.equal(rec.attributes.notMappable, true, 'relinquish does not clear NOT_MAPPABLE (derived)');
  assert.deepEqual(m.peekGuest(P, 8), [0, 0, 0, 0, 0, 0, 0, 0]);
  const ops = events(m, 'transition').map((e) => e.op);
  assert.ok(ops.indexOf('guest_relinquish_to_host') < ops.indexOf('host_reclaim_page'));
});

test('RF-13: MEM_RELINQUISH of an unmapped IPA is a no-op; of a shared page INVALID_PARAMETER', () => {
  const m = machine({}, [...hvcCall(RELINQUISH, Q), ...SAVE_RESULT, WFI]);
  assert.deepEqual(runToEnd(m), [0n, 0n, 0n, 0n]);
  assert.equal(m.pageRecord(Q)!.guest.state, 'NOPAGE');
  const m2 = machine({}, [...touch(P), ...hvcCall(SHARE, P), ...hvcCall(RELINQUISH, P), ...SAVE_RESULT, WFI]);
  assert.deepEqual(runToEnd(m2), [INVALID, 0n, 0n, 0n]);
  assert.equal(m2.pageRecord(P)!.guest.state, 'SHARED_OWNED');
});

test('5.4 N4: the VMM answers UNSHARE with an error: INVALID_PARAMETER, page stays shared, NOT_MAPPABLE stays set (derived)', () => {
  const m = machine({ vmm: { onUnshare: 'return-error', onSignal: 'continue' } }, SHARE_UNSHARE);
  assert.deepEqual(runToEnd(m), [INVALID, 0n, 0n, 0n]);
  assert.deepEqual(state(m, P), { host: 'SHARED_BORROWED', guest: 'SHARED_OWNED', notMappable: true, private: false, mapped: 1 });
});

test('5.4 N5: UNSHARE exit not enabled: INVALID_PARAMETER, no attribute change', () => {
  const m = machine({ vmm: { exitHypercalls: ['MEM_SHARE'] } }, SHARE_UNSHARE);
  assert.deepEqual(runToEnd(m), [INVALID, 0n, 0n, 0n]);
  assert.deepEqual(hypercallExits(m).map((e) => (e.run.hypercall as { nr: string }).nr), ['0x3']);
  assert.deepEqual(state(m, P), { host: 'SHARED_BORROWED', guest: 'SHARED_OWNED', notMappable: false, private: false, mapped: 1 });
});

test('5.2 edge: SHARE exit not enabled: the guest still gets SUCCESS, but the page stays NOT_MAPPABLE for the VMM (derived)', () => {
  const m = machine({ vmm: { exitHypercalls: [], onSignal: 'continue' } }, [...touch(P), ...hvcCall(SHARE, P), ...SAVE_RESULT, WFI]);
  assert.equal(runToEnd(m)[0], 0n);
  assert.deepEqual(state(m, P), { host: 'SHARED_BORROWED', guest: 'SHARED_OWNED', notMappable: true, private: false, mapped: 0 });
  assert.equal(m.hostAction({ kind: 'read', ipa: P, length: 8 }).result, 'SIGBUS');
});

test('RFC FEATURES bitmap adds MEM_RELINQUISH (0x21D, derived)', () => {
  const m = machine({}, [...hvcCall(FEATURES), ...SAVE_RESULT, WFI]);
  assert.deepEqual(runToEnd(m), [0x21dn, 0n, 0n, 0n]);
});

test('kvm_run as the VMM sees it: KVM_EXIT_HYPERCALL at the arm64 uapi offsets', () => {
  const m = machine({ vmm: { onUnshare: 'keep-mapped' } }, [...touch(P), ...hvcCall(SHARE, P), ...hvcCall(UNSHARE, P), WFI]);
  m.run(100_000);
  const bytes = m.vmm.vcpus[0].run.toBytes();
  const dv = new DataView(bytes.buffer);
  assert.equal(dv.getUint32(8, true), 3, 'exit_reason @8');
  assert.equal(dv.getBigUint64(32, true), 4n, 'hypercall.nr @32 (the function number)');
  assert.equal(dv.getBigUint64(40, true), BigInt(P), 'hypercall.args[0] @40');
  assert.equal(dv.getBigUint64(88, true), 0n, 'hypercall.ret @88 (written by the VMM)');
});

test('a VMM that leaves the image mapped makes the very first instruction fetch fail (EPERM)', () => {
  const m = machine({ vmm: { unmapImageBeforeRun: false } }, [WFI]);
  const stop = m.run(100);
  assert.equal(stop.reason, 'error');
  assert.match(stop.detail, /KVM_RUN on vCPU 0 failed: -1 EPERM at PC 0x80000000/);
  assert.ok(events(m, 'guest-exit').some((e) => e.what === 'instruction abort at IPA 0x80000000'));
});
