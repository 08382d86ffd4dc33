/**
 * Hosting and session-level behaviour: DAP over TCP (`pkvm-debug dap --port`), pause of a
 * running guest, restart, goto (Jump to Cursor), the hex/decimal toggle, guest console
 * output, the hypercall trace, vCPU threads started by PSCI CPU_ON, and the host view of
 * memory.
 */
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import { FIXTURES, ROOT, ensureBuilt, launchStopped, lineOf, registers, startClient } from './helpers/session';
import type { ValidatingDebugClient } from './helpers/validatingClient';

const LOOP = path.join(FIXTURES, 'loop.S');
const SPIN = path.join(FIXTURES, 'spin.S');
const SHARE = path.join(FIXTURES, 'share.S');
const TWO = path.join(ROOT, 'examples/two-vcpus.S');
let dc: ValidatingDebugClient | null = null;

afterEach(async () => {
  if (dc) {
    dc.assertProtocolValid();
    await dc.stop();
    dc = null;
  }
});

test('`pkvm-debug dap --port 0` serves DAP over TCP for other clients', async () => {
  ensureBuilt();
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/pkvm-debug.js'), 'dap', '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let err = '';
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString();
        const m = /listening on 127\.0\.0\.1:(\d+)/.exec(err);
        if (m) resolve(Number(m[1]));
      });
      child.on('exit', (c) => reject(new Error(`adapter exited (${c}): ${err}`)));
    });
    const client = new DebugClient('node', '', 'pkvm');
    await client.start(port);
    await client.initializeRequest({ adapterID: 'pkvm', pathFormat: 'path' });
    await Promise.all([client.waitForEvent('stopped'), client.launch({ program: LOOP, stopOnEntry: true } as never), client.configurationDoneRequest()]);
    assert.equal((await client.threadsRequest()).body.threads.length, 1);
    await client.stop();
  } finally {
    child.kill();
  }
});

test('pause interrupts a spinning guest; console output arrives as output events', async () => {
  dc = await startClient();
  const out: string[] = [];
  dc.on('output', (e) => out.push(e.body.output));
  await launchStopped(dc, { program: SPIN });
  const progress = dc.waitForEvent('progressStart', 60000);
  await dc.continueRequest({ threadId: 1 });
  // A long run reports progress (the client said it supports it), then pause stops it.
  assert.match((await progress).body.title, /Running guest/);
  const stopped = dc.waitForEvent('stopped');
  await dc.pauseRequest({ threadId: 1 });
  assert.equal((await stopped).body.reason, 'pause');
  const st = await dc.stackTraceRequest({ threadId: 1 });
  assert.ok([lineOf(SPIN, 'SPIN'), lineOf(SPIN, 'SPIN') + 1].includes(st.body.stackFrames[0].line));
  assert.ok(out.join('').includes('spinning\n'));
});

test('goto moves the PC (Jump to Cursor); restart starts over with the same breakpoints', async () => {
  dc = await startClient();
  await launchStopped(dc, { program: LOOP });
  const call = lineOf(LOOP, 'BP_CALL');
  const targets = await dc.gotoTargetsRequest({ source: { path: LOOP }, line: call });
  const stopped = dc.waitForEvent('stopped');
  await dc.gotoRequest({ threadId: 1, targetId: targets.body.targets[0].id });
  assert.equal((await stopped).body.reason, 'goto');
  assert.equal((await dc.stackTraceRequest({ threadId: 1 })).body.stackFrames[0].line, call);
  await dc.setBreakpointsRequest({ source: { path: LOOP }, breakpoints: [{ line: lineOf(LOOP, 'BP_LOOP') }] });
  const restarted = dc.waitForEvent('stopped');
  await dc.customRequest('restart'); // same launch arguments (stopOnEntry)
  await restarted;
  assert.equal((await dc.stackTraceRequest({ threadId: 1 })).body.stackFrames[0].instructionPointerReference, '0x80000000');
  await Promise.all([dc.continueRequest({ threadId: 1 }), dc.assertStoppedLocation('breakpoint', { line: lineOf(LOOP, 'BP_LOOP') })]);
});

test('the hex/decimal toggle re-formats registers and sends an invalidated event', async () => {
  dc = await startClient();
  await launchStopped(dc, { program: LOOP });
  await Promise.all([dc.stepInRequest({ threadId: 1, granularity: 'instruction' }), dc.waitForEvent('stopped')]);
  await Promise.all([dc.stepInRequest({ threadId: 1, granularity: 'instruction' }), dc.waitForEvent('stopped')]);
  const invalidated = dc.waitForEvent('invalidated');
  await dc.customRequest('pkvm/setFormat', { format: 'decimal' });
  await invalidated;
  assert.equal((await registers(dc)).x1, '5');
  await assert.rejects(dc.customRequest('pkvm/setFormat', { format: 'octal' }), /hex" or "decimal/);
});

test('PSCI CPU_ON brings a second vCPU up as a new thread; traceHypercalls echoes each call', async () => {
  dc = await startClient();
  const out: string[] = [];
  dc.on('output', (e) => out.push(e.body.output));
  const started: number[] = [];
  dc.on('thread', (e) => {
    if (e.body.reason === 'started') started.push(e.body.threadId);
  });
  await launchStopped(dc, { program: TWO, traceHypercalls: true, vcpus: 2, quantum: 200 });
  assert.equal((await dc.threadsRequest()).body.threads.length, 2);
  await dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'MEM_SHARE', condition: 'x1 != 0' }] });
  const seen = new Set<number>();
  for (let k = 0; k < 2; k++) {
    const stopped = dc.waitForEvent('stopped');
    await dc.continueRequest({ threadId: 1 });
    seen.add((await stopped).body.threadId!);
  }
  assert.ok(started.includes(2), `thread 2 started: ${started}`);
  assert.ok(out.some((o) => /PSCI_CPU_ON/.test(o)), out.join(''));
  assert.ok(seen.size >= 1);
});

test('the host view of memory: a shared page reads, a guest-private page is unreadable', async () => {
  dc = await startClient();
  await launchStopped(dc, { program: SHARE });
  await dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'MEM_UNSHARE' }] });
  const stopped = dc.waitForEvent('stopped');
  await dc.continueRequest({ threadId: 1 });
  await stopped;
  const shared = await dc.readMemoryRequest({ memoryReference: 'host:0x80001000', count: 16 });
  assert.equal(shared.body?.unreadableBytes, 0);
  const priv = await dc.readMemoryRequest({ memoryReference: 'host:0x80000000', count: 16 });
  assert.equal(priv.body?.unreadableBytes, 16);
  const guestView = await dc.readMemoryRequest({ memoryReference: '0x80000000', count: 16 });
  assert.equal(guestView.body?.unreadableBytes, 0);
});
