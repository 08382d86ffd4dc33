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
