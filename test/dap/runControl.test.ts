/**
 * The adapter driven the way VS Code drives it: launch a `.S` guest, breakpoints,
 * stepping, registers, evaluation, memory, run to power-off; and bad requests answered
 * with errors while the session stays usable. Every message is schema-validated.
 */
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { FIXTURES, launchStopped, lineOf, registers, startClient } from './helpers/session';
import type { ValidatingDebugClient } from './helpers/validatingClient';

const LOOP = path.join(FIXTURES, 'loop.S');
let dc: ValidatingDebugClient | null = null;

afterEach(async () => {
  if (dc) {
    dc.assertProtocolValid();
    await dc.stop();
    dc = null;
  }
});

test('stop on entry shows one vCPU thread at _start with its source line', async () => {
  dc = await startClient();
  await launchStopped(dc, { program: LOOP });
  const threads = await dc.threadsRequest();
  assert.equal(threads.body.threads.length, 1);
  assert.match(threads.body.threads[0].name, /vCPU 0 \(MPIDR 0x80000000, on\)/);
  const st = await dc.stackTraceRequest({ threadId: 1 });
  const top = st.body.stackFrames[0];
  assert.equal(top.name, '_start');
  assert.equal(top.source?.path, LOOP);
  assert.equal(top.line, lineOf(LOOP, 'BP_LOOP') - 3);
  assert.equal(top.instructionPointerReference, '0x80000000');
});

test('a source breakpoint with a hit condition stops on the right iteration', async () => {
  dc = await startClient();
  await launchStopped(dc, { program: LOOP });
  const line = lineOf(LOOP, 'BP_LOOP');
  const set = await dc.setBreakpointsRequest({ source: { path: LOOP }, breakpoints: [{ line, hitCondition: '3' }] });
  assert.equal(set.body.breakpoints[0].verified, true);
  await Promise.all([dc.continueRequest({ threadId: 1 }), dc.assertStoppedLocation('breakpoint', { path: LOOP, line })]);
  const regs = await registers(dc);
  // Third arrival: x0 = 5 + 4, x1 = 3.
  assert.equal(regs.x0, '0x0000000000000009');
  assert.equal(regs.x1, '0x0000000000000003');
});

test('conditional breakpoint and log point', async () => {
  dc = await startClient();
  await launchStopped(dc, { program: LOOP });
  const line = lineOf(LOOP, 'BP_LOOP');
  const output: string[] = [];
  dc.on('output', (e) => output.push(e.body.output));
  await dc.setBreakpointsRequest({ source: { path: LOOP }, breakpoints: [{ line: line + 1, logMessage: 'x1 is {x1}' }, { line, condition: 'x1 == 2' }] });
  await Promise.all([dc.continueRequest({ threadId: 1 }), dc.assertStoppedLocation('breakpoint', { line })]);
  assert.equal((await registers(dc)).x1, '0x0000000000000002');
  assert.ok(output.some((o) => o.includes('x1 is 0x5')), output.join('|'));
  assert.ok(output.some((o) => o.includes('x1 is 0x3')));
});

test('step over a BL, step into it, step out, by line and by instruction', async () => {
  dc = await startClient();
  await launchStopped(dc, { program: LOOP });
  const call = lineOf(LOOP, 'BP_CALL');
  await dc.setBreakpointsRequest({ source: { path: LOOP }, breakpoints: [{ line: call }] });
  await Promise.all([dc.continueRequest({ threadId: 1 }), dc.assertStoppedLocation('breakpoint', { line: call })]);
  // Step into the call by instruction: we land on the function's first line.
  await Promise.all([dc.stepInRequest({ threadId: 1, granularity: 'instruction' }), dc.assertStoppedLocation('step', { line: lineOf(LOOP, 'IN_FUNC') })]);
  const st = await dc.stackTraceRequest({ threadId: 1 });
  assert.deepEqual(st.body.stackFrames.map((f) => f.name), ['addhundred', 'loop+0x10']); // the return address lies after the loop label
  await Promise.all([dc.stepOutRequest({ threadId: 1 }), dc.assertStoppedLocation('step', { line: lineOf(LOOP, 'AFTER_CALL') })]);
  assert.equal((await registers(dc)).x0, '0x0000000000000073');
});

test('next steps over the call as one line', async () => {
  dc = await startClient();
  await launchStopped(dc, { program: LOOP });
  const call = lineOf(LOOP, 'BP_CALL');
  await dc.setBreakpointsRequest({ source: { path: LOOP }, breakpoints: [{ line: call }] });
  await Promise.all([dc.continueRequest({ threadId: 1 }), dc.assertStoppedLocation('breakpoint', { line: call })]);
  await Promise.all([dc.nextRequest({ threadId: 1 }), dc.assertStoppedLocation('step', { line: lineOf(LOOP, 'AFTER_CALL') })]);
  assert.equal((await registers(dc)).x0, '0x0000000000000073');
});

test('function and instruction breakpoints', async () => {
  dc = await startClient();
  await launchStopped(dc, { program: LOOP });
  const fb = await dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'addhundred' }, { name: 'nosuchfn' }] });
  assert.equal(fb.body.breakpoints[0].verified, true);
  assert.equal(fb.body.breakpoints[1].verified, false);
  assert.match(fb.body.breakpoints[1].message ?? '', /no function or label named 'nosuchfn'/);
  await Promise.all([dc.continueRequest({ threadId: 1 }), dc.assertStoppedLocation('function breakpoint', { line: lineOf(LOOP, 'IN_FUNC') })]);
  await dc.setFunctionBreakpointsRequest({ breakpoints: [] });
  const ib = await dc.setInstructionBreakpointsRequest({ breakpoints: [{ instructionReference: '0x80000024' }] });
  assert.equal(ib.body.breakpoints[0].verified, true);
  const stopped = dc.waitForEvent('stopped');
  await dc.continueRequest({ threadId: 1 });
  assert.equal((await stopped).body.reason, 'instruction breakpoint');
  const st = await dc.stackTraceRequest({ threadId: 1 });
  assert.equal(st.body.stackFrames[0].instructionPointerReference, '0x80000024');
});

test('registers are editable; evaluate, memory read/write and completions work', async () => {
  dc = await startClient();
  await launchStopped(dc, { program: LOOP });
  const st = await dc.stackTraceRequest({ threadId: 1 });
  const frameId = st.body.stackFrames[0].id;
  const scopes = await dc.scopesRequest({ frameId });
  const regsRef = scopes.body.scopes.find((s) => s.name === 'Registers')!.variablesReference;
  const set = await dc.setVariableRequest({ variablesReference: regsRef, name: 'x5', value: '0x1234 + 1' });
  assert.equal(set.body.value, '0x0000000000001235');
  const ev = await dc.evaluateRequest({ expression: 'x5 * 2', frameId, context: 'repl' });
  assert.equal(ev.body.result, '0x000000000000246a');
  const dec = await dc.evaluateRequest({ expression: 'x5', frameId, context: 'watch', format: { hex: false } });
  assert.equal(dec.body.result, '4661');
  const sym = await dc.evaluateRequest({ expression: 'addhundred', frameId, context: 'repl' });
  assert.equal(sym.body.memoryReference, '0x80000028');
  const mem = await dc.readMemoryRequest({ memoryReference: '0x80000000', count: 8 });
  assert.equal(mem.body?.address, '0x80000000');
  assert.equal(Buffer.from(mem.body!.data!, 'base64').length, 8);
  // The code page is faulted in (donated to the guest): the debugger can write it.
  const w = await dc.writeMemoryRequest({ memoryReference: '0x80000800', data: Buffer.from([1, 2, 3, 4]).toString('base64') });
  assert.equal(w.body?.bytesWritten, 4);
  const back = await dc.evaluateRequest({ expression: '*(u32*)0x80000800', frameId, context: 'repl' });
  assert.equal(back.body.result, '0x04030201');
  // A page the guest never touched has no frame yet: writing it would fault it in, so it is refused.
  await assert.rejects(dc.writeMemoryRequest({ memoryReference: '0x80100000', data: Buffer.from([1]).toString('base64') }), /0x80100000 .*not (been )?faulted/);
  const beyond = await dc.readMemoryRequest({ memoryReference: '0x83fffffc', count: 8 });
  assert.equal(beyond.body?.unreadableBytes, 4);
  const comp = await dc.completionsRequest({ text: 'add', column: 4, frameId });
  assert.ok(comp.body.targets.some((t) => t.label === 'addhundred'));
});

test('running to PSCI SYSTEM_OFF ends the session with exit code 0', async () => {
  dc = await startClient();
  await launchStopped(dc, { program: LOOP });
  const exited = dc.waitForEvent('exited');
  await Promise.all([dc.continueRequest({ threadId: 1 }), dc.waitForEvent('terminated')]);
  assert.equal((await exited).body.exitCode, 0);
});

test('a bad configuration is refused naming the field; the adapter stays up', async () => {
  dc = await startClient();
  await assert.rejects(dc.launch({ program: 42 } as never), /program: expected the path/);
  await assert.rejects(dc.launch({ program: '/nonexistent/guest.S' } as never), /no such file/);
  await assert.rejects(dc.launch({ program: path.join(FIXTURES, 'broken.S') } as never), /broken\.S:\d+:\d+: .*unknown mnemonic/);
  // Still alive: a good launch works afterwards.
  await launchStopped(dc, { program: LOOP });
  assert.equal((await dc.threadsRequest()).body.threads.length, 1);
});

test('illegal and out-of-order requests get error responses and the session stays consistent', async () => {
  dc = await startClient();
  await assert.rejects(dc.stackTraceRequest({ threadId: 1 }), /needs a launched program/);
  await launchStopped(dc, { program: LOOP });
  await assert.rejects(dc.stackTraceRequest({ threadId: 7 }), /unknown thread 7/);
  await assert.rejects(dc.variablesRequest({ variablesReference: 987654 }), /not valid/);
  await assert.rejects(dc.scopesRequest({ frameId: 555 }), /frameId 555 is not valid/);
  await assert.rejects(dc.evaluateRequest({ expression: 'x1 +', context: 'repl' }), /incomplete/);
  await assert.rejects(dc.customRequest('pkvm/nope'), /unknown request 'pkvm\/nope'/);
  // Stale references after a resume.
  const st = await dc.stackTraceRequest({ threadId: 1 });
  const scopes = await dc.scopesRequest({ frameId: st.body.stackFrames[0].id });
  await Promise.all([dc.stepInRequest({ threadId: 1, granularity: 'instruction' }), dc.waitForEvent('stopped')]);
  await assert.rejects(dc.variablesRequest({ variablesReference: scopes.body.scopes[0].variablesReference }), /stale/);
  await dc.terminateRequest();
  await assert.rejects(dc.threadsRequest(), /session has ended/);
});

test('disassemble around the PC with a negative offset, as the Disassembly view asks', async () => {
  dc = await startClient();
  await launchStopped(dc, { program: LOOP });
  const r = await dc.disassembleRequest({ memoryReference: '0x80000008', instructionOffset: -4, instructionCount: 12, resolveSymbols: true });
  const ins = r.body!.instructions;
  assert.equal(ins.length, 12);
  // Two words before RAM starts are not memory: shown invalid, not invented.
  assert.equal(ins[0].address, '0x7ffffff8');
  assert.equal(ins[0].presentationHint, 'invalid');
  assert.equal(ins[2].address, '0x80000000');
  assert.equal(ins[2].symbol, '_start');
  assert.equal(ins[2].instruction, 'mov x0, #0x0');
  assert.equal(ins[2].location?.path, LOOP);
  assert.equal(ins[7].instruction, 'bl 80000028 <addhundred>');
  assert.equal(ins[4].line, lineOf(LOOP, 'BP_LOOP'));
});
