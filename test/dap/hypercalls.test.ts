/**
 * Hypercalls as breakpoints: function breakpoints named after SMCCC/PSCI calls stop on
 * the HVC that makes the call, with conditions over the arguments.
 */
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { FIXTURES, launchStopped, lineOf, registers, startClient } from './helpers/session';
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

test('a MEM_UNSHARE breakpoint stops on the unsharing HVC with the IPA in x1', async () => {
  dc = await startClient();
  await launchStopped(dc, { program: SHARE });
  const set = await dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'MEM_UNSHARE' }] });
  assert.equal(set.body.breakpoints[0].verified, true);
  const stopped = dc.waitForEvent('stopped');
  await dc.continueRequest({ threadId: 1 });
  const ev = await stopped;
  assert.equal(ev.body.reason, 'function breakpoint');
  assert.match(ev.body.text ?? '', /MEM_UNSHARE \(x0=0xc6000004, x1=0x80001000/);
  assert.deepEqual(ev.body.hitBreakpointIds, [set.body.breakpoints[0].id]);
  const st = await dc.stackTraceRequest({ threadId: 1 });
  assert.equal(st.body.stackFrames[0].line, lineOf(SHARE, 'UNSHARE'));
  const regs = await registers(dc);
  assert.equal(regs.x20, '0x0000000000000000'); // the share before it succeeded
});

test('conditions over the arguments, hvc:ID names, PSCI names and unknown names', async () => {
  dc = await startClient();
  await launchStopped(dc, { program: SHARE });
  const set = await dc.setFunctionBreakpointsRequest({
    breakpoints: [{ name: 'MEM_SHARE', condition: 'x1 == 0x1234' }, { name: 'hvc:0xC6000004', condition: 'x1 == buffer' }, { name: 'SYSTEM_OFF' }, { name: 'MEM_BOGUS' }],
  });
  assert.deepEqual(set.body.breakpoints.map((b) => b.verified), [true, true, true, false]);
  assert.match(set.body.breakpoints[3].message ?? '', /not a hypercall name/);
  let stopped = dc.waitForEvent('stopped');
  await dc.continueRequest({ threadId: 1 });
  assert.match((await stopped).body.text ?? '', /hvc:0xC6000004/); // MEM_SHARE's condition was false
  stopped = dc.waitForEvent('stopped');
  await dc.continueRequest({ threadId: 1 });
  const off = await stopped;
  assert.match(off.body.text ?? '', /SYSTEM_OFF \(x0=0x84000008/);
  assert.equal((await registers(dc)).x21, '0x0000000000000000'); // the unshare succeeded (cooperative VMM)
});

test('stepping into MEM_UNSHARE walks through the layers handling it, then back to the guest', async () => {
  dc = await startClient();
  await launchStopped(dc, { program: SHARE });
  await dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'MEM_UNSHARE' }] });
  let stopped = dc.waitForEvent('stopped');
  await dc.continueRequest({ threadId: 1 });
  await stopped;
  // Step into the HVC: EL2 forwards the call, host KVM exits to the VMM, the VMM unmaps and sets PRIVATE.
  stopped = dc.waitForEvent('stopped');
  await dc.stepInRequest({ threadId: 1, granularity: 'instruction' });
  assert.equal((await stopped).body.reason, 'step');
  const st = await dc.stackTraceRequest({ threadId: 1 });
  const names = st.body.stackFrames.map((f) => f.name);
  assert.match(names[0], /^VMM: handled MEM_UNSHARE\(0x80001000/);
  assert.match(names[1], /^host KVM: exit to userspace/);
  assert.match(names[2], /^pKVM EL2: MEM_UNSHARE/);
  assert.equal(st.body.stackFrames[3].line, lineOf(SHARE, 'UNSHARE')); // the guest frame, still at the call's line
  const vmmSource = await dc.sourceRequest({ sourceReference: st.body.stackFrames[0].source!.sourceReference!, source: st.body.stackFrames[0].source });
  assert.match(vmmSource.body.content, /VMM/);
  assert.match(vmmSource.body.content, /set-attributes|PRIVATE|munmap|madvise/i);
  // Step again: KVM_RUN completes the unshare, EL2 runs T11 and the guest sees x0 = SUCCESS.
  stopped = dc.waitForEvent('stopped');
  await dc.stepInRequest({ threadId: 1, granularity: 'instruction' });
  await stopped;
  const after = await dc.stackTraceRequest({ threadId: 1 });
  assert.equal(after.body.stackFrames[0].line, lineOf(SHARE, 'AFTER_UNSHARE'));
  const regs = await registers(dc);
  assert.equal(regs.x0, '0x0000000000000000');
  assert.equal(regs.x1, '0x0000000000000000');
});
