/**
 * Exception breakpoints over the model: a refused unshare and a SIGBUS in the VMM stop
 * the run, with conditions over the event, and exceptionInfo explains the page.
 */
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { FIXTURES, lastCapabilities, launchStopped, startClient } from './helpers/session';
import type { ValidatingDebugClient } from './helpers/validatingClient';

const SHARE = path.join(FIXTURES, 'share.S');
let dc: ValidatingDebugClient | null = null;

afterEach(async () => {
  if (dc) {
    dc.assertProtocolValid();
    await dc.stop();
    dc = null;
  }
});

test('initialize advertises the model\'s exception filters', async () => {
  dc = await startClient();
  const caps = lastCapabilities;
  const ids = caps.exceptionBreakpointFilters!.map((f) => f.filter);
  for (const f of ['sigbus', 'sigsegv', 'unshare-refused', 'hypercall-error', 'stage2-exit', 'kvm-run-error', 'invariant']) assert.ok(ids.includes(f), f);
  assert.equal(caps.supportsExceptionFilterOptions, true);
});

test('a VMM that keeps the page mapped: "unshare refused" stops right after the refusal', async () => {
  dc = await startClient();
  await launchStopped(dc, { program: SHARE, vmm: { onUnshare: 'keep-mapped' } });
  const set = await dc.setExceptionBreakpointsRequest({ filters: ['unshare-refused', 'no-such-filter'] });
  assert.deepEqual(set.body?.breakpoints?.map((b) => b.verified), [true, false]);
  const stopped = dc.waitForEvent('stopped');
  await dc.continueRequest({ threadId: 1 });
  const ev = await stopped;
  assert.equal(ev.body.reason, 'exception');
  assert.match(ev.body.text ?? '', /MEM_UNSHARE\(0x80001000\) returned 0xfffffffffffffffd/);
  const info = await dc.exceptionInfoRequest({ threadId: 1 });
  assert.equal(info.body.exceptionId, 'Unshare refused or failed');
  assert.match(info.body.details?.stackTrace ?? '', /guest state: SHARED_OWNED/);
});

test('SIGBUS in the VMM, with a condition on the faulting IPA', async () => {
  dc = await startClient();
  const actions = [
    { trigger: { kind: 'hypercall', function: 'MEM_SHARE' }, action: { kind: 'read', ipa: '0x80000000' } },
    { trigger: { kind: 'hypercall', function: 'MEM_UNSHARE' }, action: { kind: 'read', ipa: '0x80000000' } },
  ];
  await launchStopped(dc, { program: SHARE, vmm: { onSignal: 'continue', actions } });
  await dc.setExceptionBreakpointsRequest({ filters: [], filterOptions: [{ filterId: 'sigbus', condition: 'ipa == 0x80000000' }] });
  const stopped = dc.waitForEvent('stopped');
  await dc.continueRequest({ threadId: 1 });
  const ev = await stopped;
  assert.equal(ev.body.reason, 'exception');
  assert.match(ev.body.text ?? '', /SIGBUS to the VMM .*IPA 0x80000000/);
  // A condition that never holds lets the run go to the end.
  await dc.setExceptionBreakpointsRequest({ filters: [], filterOptions: [{ filterId: 'sigbus', condition: 'ipa == 0x12345000' }] });
  await Promise.all([dc.continueRequest({ threadId: 1 }), dc.waitForEvent('terminated')]);
});
