/**
 * Reference section 6.2 (HC-01..HC-12) under the `upstream` profile, through the real
 * path: the guest issues HVC, EL2 handles it (or exits to host KVM), the VMM runs the
 * vCPU. Results are read from the guest's registers (saved to x10..x13 right after the
 * call) and the page-state queries.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PageState } from '../../engine/hyp/pageState';
import {
  SMCCC_RET_INVALID_PARAMETER as INVALID,
  VENDOR_HYP_KVM_FEATURES_FUNC_ID as FEATURES,
  VENDOR_HYP_KVM_HYP_MEMINFO_FUNC_ID as MEMINFO,
  VENDOR_HYP_KVM_MEM_SHARE_FUNC_ID as SHARE,
  VENDOR_HYP_KVM_MEM_UNSHARE_FUNC_ID as UNSHARE,
} from '../../engine/hyp/smccc';
import { TraceEvent } from '../../engine/trace/events';
import { PkvmMachine } from '../../engine/vmm/pkvmMachine';
import { b, hvcCall, load, SAVE_RESULT, touch, WFI } from './helpers/guestCode';
import { CODE, machine, P, saved } from './helpers/machineFixture';

const UP = { profile: 'upstream' };

/** Run to the final WFI (idle) and return the saved hypercall result. */
function runToEnd(m: PkvmMachine): bigint[] {
  const stop = m.run(100_000);
  assert.equal(stop.reason, 'idle', stop.detail);
  return saved(m);
}

const states = (m: PkvmMachine, ipa: number): [string | null, string] => {
  const r = m.pageRecord(ipa)!;
  return [r.host, r.guest.state];
};

const events = <T extends TraceEvent['type']>(m: PkvmMachine, type: T): Extract<TraceEvent, { type: T }>[] =>
  m.log.events.filter((e): e is Extract<TraceEvent, { type: T }> => e.type === type);

test('HC-01: MEM_SHARE of a donated page succeeds; the host may now access it', () => {
  const m = machine(UP, [...touch(P), ...hvcCall(SHARE, P), ...SAVE_RESULT, WFI]);
  assert.deepEqual(runToEnd(m), [0n, 0n, 0n, 0n]);
  assert.deepEqual(states(m, P), ['SHARED_BORROWED', 'SHARED_OWNED']);
  const share = events(m, 'transition').find((e) => e.op === 'guest_share_host')!;
  assert.equal(share.ret, 0);
  assert.deepEqual(share.pages[0].before, { host: 'NOPAGE', hyp: 'NOPAGE', guest: 'OWNED' });
  assert.deepEqual(share.pages[0].after, { host: 'SHARED_BORROWED', hyp: 'NOPAGE', guest: 'SHARED_OWNED' });
  // No userspace notification upstream: no KVM_EXIT_HYPERCALL reached the VMM.
  assert.ok(!events(m, 'kvm-run').some((e) => e.exitName === 'KVM_EXIT_HYPERCALL'));
  const read = m.hostAction({ kind: 'read', ipa: P, length: 8 });
  assert.ok(read.ok, read.result);
});

test('HC-02: sharing the same page again is INVALID_PARAMETER and changes nothing', () => {
  const m = machine(UP, [...touch(P), ...hvcCall(SHARE, P), ...hvcCall(SHARE, P), ...SAVE_RESULT, WFI]);
  assert.deepEqual(runToEnd(m), [INVALID, 0n, 0n, 0n]);
  assert.equal(INVALID, 0xfffffffffffffffdn);
  assert.deepEqual(states(m, P), ['SHARED_BORROWED', 'SHARED_OWNED']);
  const shares = events(m, 'transition').filter((e) => e.op === 'guest_share_host');
  assert.deepEqual(shares.map((e) => e.result), ['0', '-EPERM']);
});

test('HC-03: MEM_SHARE of an untouched IPA becomes a level-3 write translation fault, then succeeds', () => {
  const m = machine(UP, [...hvcCall(SHARE, P), ...SAVE_RESULT, WFI]);
  assert.deepEqual(runToEnd(m), [0n, 0n, 0n, 0n]);
  assert.deepEqual(states(m, P), ['SHARED_BORROWED', 'SHARED_OWNED']);
  const exits = events(m, 'guest-exit');
  const fault = exits.find((e) => e.what.startsWith('data abort'))!;
  // ESR_EL2: EC = DABT_LOW (0x24), WnR, DFSC = translation fault level 3; FAR = 0; HPFAR.FIPA = IPA >> 12.
  assert.equal(fault.esr, '0x90000047');
  assert.equal(fault.far, '0x0');
  assert.equal(fault.hpfar, `0x${((P / 4096) * 16).toString(16)}`);
  const calls = events(m, 'hypercall').filter((e) => e.name === 'MEM_SHARE');
  assert.deepEqual(calls.map((e) => `${e.phase}:${e.path}`), ['call:el2', 'return:fault-in', 'call:el2', 'return:el2']);
  const ops = events(m, 'transition')
    .filter((e) => e.pages[0]?.gfn === P / 4096)
    .map((e) => `${e.op}=${e.result}`);
  assert.deepEqual(ops, ['guest_share_host=-ENOENT', 'host_donate_guest=0', 'guest_share_host=0']);
  // The HVC was replayed from the same address.
  const hvcAddr = CODE + 4 * (hvcCall(SHARE, P).length - 1);
  assert.ok(m.vcpus[0].cpu.pc > hvcAddr);
});

test('HC-04: bad MEM_SHARE arguments are INVALID_PARAMETER with no state change', () => {
  for (const [x1, x2, x3] of [[P + 8, 0, 0], [P, 1, 0], [P, 0, 1]]) {
    const m = machine(UP, [...touch(P), ...hvcCall(SHARE, x1, x2, x3), ...SAVE_RESULT, WFI]);
    assert.deepEqual(runToEnd(m), [INVALID, 0n, 0n, 0n], `args ${x1.toString(16)}, ${x2}, ${x3}`);
    assert.deepEqual(states(m, P), ['NOPAGE', 'OWNED']);
    assert.ok(!events(m, 'transition').some((e) => e.op === 'guest_share_host'));
  }
});

test('HC-05: MEM_UNSHARE of a shared page; afterwards host access faults', () => {
  const m = machine({ ...UP, vmm: { onSignal: 'continue' } }, [...touch(P), ...hvcCall(SHARE, P), ...hvcCall(UNSHARE, P), ...SAVE_RESULT, WFI]);
  assert.deepEqual(runToEnd(m), [0n, 0n, 0n, 0n]);
  assert.deepEqual(states(m, P), ['NOPAGE', 'OWNED']);
  const r = m.hostAction({ kind: 'read', ipa: P, length: 8 });
  assert.equal(r.result, 'SIGSEGV');
});

test('HC-06: MEM_UNSHARE of a page never shared is INVALID_PARAMETER (-EPERM at EL2)', () => {
  const m = machine(UP, [...touch(P), ...hvcCall(UNSHARE, P), ...SAVE_RESULT, WFI]);
  assert.deepEqual(runToEnd(m), [INVALID, 0n, 0n, 0n]);
  assert.equal(events(m, 'transition').find((e) => e.op === 'guest_unshare_host')!.result, '-EPERM');
  assert.deepEqual(states(m, P), ['NOPAGE', 'OWNED']);
});

test('HC-07: MEM_UNSHARE of an untouched IPA is INVALID_PARAMETER and faults nothing in', () => {
  const m = machine(UP, [...hvcCall(UNSHARE, P), ...SAVE_RESULT, WFI]);
  assert.deepEqual(runToEnd(m), [INVALID, 0n, 0n, 0n]);
  assert.equal(events(m, 'transition').find((e) => e.op === 'guest_unshare_host')!.result, '-ENOENT');
  assert.equal(m.pageRecord(P)!.guest.state, 'NOPAGE');
  assert.ok(!events(m, 'transition').some((e) => e.op === 'host_donate_guest' && e.pages[0].gfn === P / 4096));
});

test('HC-08: after a forced reclaim, MEM_SHARE and MEM_UNSHARE of the page are INVALID_PARAMETER (-EHWPOISON)', () => {
  const afterTouch = CODE + 4 * touch(P).length;
  const prog = [...touch(P), ...hvcCall(SHARE, P), ...SAVE_RESULT, ...hvcCall(UNSHARE, P), WFI];
  const m = machine(UP, prog);
  m.vcpus[0].cpu.setBreakpoints([afterTouch]);
  assert.equal(m.run(10_000).reason, 'breakpoint');
  // The host kernel writes the donated page (e.g. a syscall on that buffer): forced reclaim.
  const k = m.hostAction({ kind: 'kernel-write', ipa: P, length: 8, bytes: [1] });
  assert.ok(k.ok, k.result);
  assert.deepEqual(states(m, P), ['OWNED', 'POISON']);
  m.vcpus[0].cpu.setBreakpoints([]);
  assert.equal(m.run(10_000).reason, 'idle');
  assert.deepEqual(saved(m), [INVALID, 0n, 0n, 0n]);
  assert.deepEqual(m.vcpus[0].cpu.getX(0), INVALID);
  const results = events(m, 'transition').filter((e) => /guest_(un)?share_host/.test(e.op)).map((e) => e.result);
  assert.deepEqual(results, ['-EHWPOISON', '-EHWPOISON']);
});

test('HC-09: HYP_MEMINFO returns the 4 KiB granule; non-zero arguments are INVALID_PARAMETER', () => {
  const m = machine(UP, [...hvcCall(MEMINFO), ...SAVE_RESULT, WFI]);
  assert.deepEqual(runToEnd(m), [4096n, 0n, 0n, 0n]);
  for (const args of [[1, 0, 0], [0, 1, 0], [0, 0, 1]]) {
    const m2 = machine(UP, [...hvcCall(MEMINFO, ...args), ...SAVE_RESULT, WFI]);
    assert.deepEqual(runToEnd(m2), [INVALID, 0n, 0n, 0n], `args ${args}`);
  }
});

test('HC-10: the vendor-hyp FEATURES bitmap of a protected VM is 0x1D', () => {
  const m = machine(UP, [...hvcCall(FEATURES, 7, 7, 7), ...SAVE_RESULT, WFI]);
  assert.deepEqual(runToEnd(m), [0x1dn, 0n, 0n, 0n]);
});

test('HC-11: the VMM reading a donated page gets SIGSEGV', () => {
  const m = machine(UP, [...touch(P), WFI]);
  assert.equal(m.run(10_000).reason, 'idle');
  const r = m.hostAction({ kind: 'read', ipa: P, length: 8 });
  assert.equal(r.result, 'SIGSEGV');
  const sig = events(m, 'signal')[0];
  assert.equal(sig.signal, 'SIGSEGV');
  assert.equal(sig.ipa, `0x${P.toString(16)}`);
  assert.match(sig.why, /host stage-2 fault/);
  // The VMM dies (default onSignal: stop): the machine will not run on.
  assert.equal(m.run(10).reason, 'error');
});

test('HC-12: a kernel access force-reclaims a donated page; the guest touching it again fails KVM_RUN with EFAULT', () => {
  const afterTouch = CODE + 4 * touch(P).length;
  const m = machine(UP, [...touch(P), ...load(P), b(0)]);
  m.vcpus[0].cpu.setBreakpoints([afterTouch]);
  assert.equal(m.run(10_000).reason, 'breakpoint');
  m.vcpus[0].cpu.setBreakpoints([]);
  const before = m.pageRecord(P)!;
  assert.deepEqual([before.host, before.guest.state], ['NOPAGE', 'OWNED']);
  const k = m.hostAction({ kind: 'kernel-read', ipa: P, length: 8 });
  assert.ok(k.ok);
  assert.deepEqual(k.data, [0, 0, 0, 0, 0, 0, 0, 0], 'the page was zeroed before the host saw it');
  const after = m.pageRecord(P)!;
  assert.deepEqual([after.host, after.guest.state], ['OWNED', 'POISON']);
  const force = events(m, 'transition').find((e) => e.op === 'host_force_reclaim_page_guest')!;
  assert.equal(force.ret, 0);
  const stop = m.run(10_000);
  assert.equal(stop.reason, 'error');
  assert.match(stop.detail, /KVM_RUN on vCPU 0 failed: -1 EFAULT/);
  const run = events(m, 'kvm-run').at(-1)!;
  assert.equal(run.result, '-1 EFAULT');
  assert.equal(run.exitName, 'KVM_EXIT_MEMORY_FAULT');
  assert.equal(events(m, 'transition').at(-1)!.op, 'vcpu_in_poison_fault');
  assert.equal(m.vm!.hypVm!.stage2.state(P / 4096), PageState.POISON);
});
