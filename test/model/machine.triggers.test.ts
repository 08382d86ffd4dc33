/** Scripted host actions fired by triggers: instruction count, hypercall (with its x1), console text, exit. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VENDOR_HYP_KVM_MEM_SHARE_FUNC_ID as SHARE, VENDOR_HYP_KVM_MEM_UNSHARE_FUNC_ID as UNSHARE } from '../../engine/hyp/smccc';
import { TraceEvent } from '../../engine/trace/events';
import { PkvmMachine } from '../../engine/vmm/pkvmMachine';
import { b, hvcCall, load, print, SAVE_RESULT, touch, WFI } from './helpers/guestCode';
import { machine, P, saved } from './helpers/machineFixture';

const events = <T extends TraceEvent['type']>(m: PkvmMachine, type: T): Extract<TraceEvent, { type: T }>[] =>
  m.log.events.filter((e): e is Extract<TraceEvent, { type: T }> => e.type === type);

test('an instruction-count trigger fires exactly at that count', () => {
  const m = machine({ profile: 'upstream', vmm: { actions: [{ trigger: { kind: 'instructions', count: 10 }, action: { kind: 'kernel-read', ipa: P } }] } }, [b(0)]);
  assert.equal(m.run(100).reason, 'max-steps');
  const act = events(m, 'vmm').find((e) => e.action === 'host action: kernel-read')!;
  assert.equal(act.total, 10);
  assert.equal(act.result, 'read 8 bytes');
});

test('a hypercall trigger acts on the IPA in x1 while the RFC UNSHARE is in flight', () => {
  const m = machine(
    {
      vmm: {
        onShare: 'ignore',
        onSignal: 'continue',
        actions: [{ trigger: { kind: 'hypercall', function: 'MEM_UNSHARE' }, action: { kind: 'read', ipa: 'x1' } }],
      },
    },
    [...touch(P), ...hvcCall(SHARE, P), ...hvcCall(UNSHARE, P), ...SAVE_RESULT, WFI],
  );
  assert.equal(m.run(100_000).reason, 'idle');
  assert.deepEqual(saved(m), [0n, 0n, 0n, 0n], 'the cooperative VMM still completes the unshare');
  const seq = (pred: (e: TraceEvent) => boolean) => m.log.events.find(pred)!.seq;
  const call = seq((e) => e.type === 'hypercall' && e.name === 'MEM_UNSHARE' && e.phase === 'call');
  const sig = events(m, 'signal')[0];
  const ret = seq((e) => e.type === 'hypercall' && e.name === 'MEM_UNSHARE' && e.phase === 'return');
  assert.equal(sig.signal, 'SIGBUS', 'the host already marked the page NOT_MAPPABLE when the exit reached userspace');
  assert.equal(sig.ipa, `0x${P.toString(16)}`);
  assert.equal(sig.during, 'host action: read');
  assert.ok(call < sig.seq && sig.seq < ret);
});

test('a hypercall trigger on a MEM_SHARE that first faults the page in fires once, after the share that completes', () => {
  const m = machine(
    { profile: 'upstream', vmm: { actions: [{ trigger: { kind: 'hypercall', function: '0xc6000003', occurrence: 1 }, action: { kind: 'read', ipa: 'x1' } }] } },
    [...hvcCall(SHARE, P), ...SAVE_RESULT, WFI],
  );
  assert.equal(m.run(100_000).reason, 'idle');
  const acts = events(m, 'vmm').filter((e) => e.action === 'host action: read');
  assert.equal(acts.length, 1);
  assert.equal(acts[0].result, 'read 8 bytes', 'the page is shared by then');
});

test('a console trigger: the host kernel touches a donated page when the guest says so; the guest then fails KVM_RUN', () => {
  const m = machine(
    { profile: 'upstream', vmm: { actions: [{ trigger: { kind: 'console', text: 'ready' }, action: { kind: 'kernel-write', ipa: P, bytes: [7] } }] } },
    [...touch(P), ...print('ready\n'), ...load(P), WFI],
  );
  const stop = m.run(100_000);
  assert.equal(stop.reason, 'error');
  assert.match(stop.detail, /-1 EFAULT/);
  assert.ok(events(m, 'machine').some((e) => e.what === 'trigger' && /console printed "ready"/.test(e.detail)));
  assert.equal(m.pageRecord(P)!.guest.state, 'POISON');
});

test('an exit trigger fires on the n-th KVM_RUN return of that kind', () => {
  const m = machine(
    { vmm: { actions: [{ trigger: { kind: 'exit', reason: 'HYPERCALL', occurrence: 2 }, action: { kind: 'kernel-read', ipa: P } }] } },
    [...touch(P), ...hvcCall(SHARE, P), ...hvcCall(UNSHARE, P), WFI],
  );
  assert.equal(m.run(100_000).reason, 'idle');
  const act = events(m, 'vmm').find((e) => e.action === 'host action: kernel-read')!;
  assert.equal(act.result, '-1 EPERM', 'by the UNSHARE exit the page is NOT_MAPPABLE again');
  const exits = events(m, 'kvm-run').filter((e) => e.exitName === 'KVM_EXIT_HYPERCALL');
  assert.ok(exits[1].seq < act.seq);
});
