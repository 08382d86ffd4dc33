/**
 * What only this debugger shows: the Hypercall, Pages and KVM/VMM scopes, the memory
 * map's custom requests, Debug Console host commands through the model's real paths,
 * and a data breakpoint on a page's state.
 */
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { FIXTURES, launchStopped, startClient } from './helpers/session';
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

async function scope(c: ValidatingDebugClient, name: string): Promise<DebugProtocol.Variable[]> {
  const st = await c.stackTraceRequest({ threadId: 1 });
  const scopes = await c.scopesRequest({ frameId: st.body.stackFrames[0].id });
  const s = scopes.body.scopes.find((x) => x.name === name);
  assert.ok(s, `scope ${name} in ${scopes.body.scopes.map((x) => x.name).join(', ')}`);
  return (await c.variablesRequest({ variablesReference: s.variablesReference })).body.variables;
}

async function stopAtUnshare(c: ValidatingDebugClient): Promise<void> {
  await c.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'MEM_UNSHARE' }] });
  const stopped = c.waitForEvent('stopped');
  await c.continueRequest({ threadId: 1 });
  await stopped;
}

test('at MEM_UNSHARE: the Hypercall scope explains the call and checks its preconditions on the shared page', async () => {
  dc = await startClient();
  await launchStopped(dc, { program: SHARE });
  await stopAtUnshare(dc);
  const hc = Object.fromEntries((await scope(dc, 'Hypercall')).map((v) => [v.name, v]));
  assert.match(hc.function.value, /MEM_UNSHARE \(0xc6000004\)/);
  assert.equal(hc.x1.value, '0x80001000');
  assert.match(hc['page now'].value, /guest SHARED_OWNED, host SHARED_BORROWED/);
  assert.match(hc.path.value, /munmap and set PRIVATE/);
  assert.equal(hc.preconditions.value, 'all hold');
});

test('the Pages scope lists memslot ranges that expand to single pages; KVM/VMM shows the exit state', async () => {
  dc = await startClient();
  await launchStopped(dc, { program: SHARE });
  await stopAtUnshare(dc);
  const slots = await scope(dc, 'Pages');
  assert.equal(slots.length, 1);
  assert.match(slots[0].value, /0x80000000–0x83ffffff, 16384 pages, guest_memfd/);
  const ranges = (await dc.variablesRequest({ variablesReference: slots[0].variablesReference })).body.variables;
  const shared = ranges.find((r) => r.name.startsWith('0x80001000'))!;
  assert.match(shared.value, /1 page: guest SHARED_OWNED, host SHARED_BORROWED/);
  assert.equal(shared.indexedVariables, 1);
  const pages = (await dc.variablesRequest({ variablesReference: shared.variablesReference, filter: 'indexed', start: 0, count: 1 })).body.variables;
  const fields = Object.fromEntries((await dc.variablesRequest({ variablesReference: pages[0].variablesReference })).body.variables.map((v) => [v.name, v.value]));
  assert.equal(fields['guest state'].startsWith('SHARED_OWNED'), true);
  assert.equal(fields['host mappings (map count)'], '1'); // the cooperative VMM mapped it on SHARE
  assert.match(fields['last change'], /MEM_SHARE|share/i);
  const kvm = Object.fromEntries((await scope(dc, 'KVM / VMM')).map((v) => [v.name, v.value]));
  assert.equal(kvm.profile, 'rfc-2024');
  assert.match(kvm['VMM behaviour'], /onUnshare cooperative/);
});

test('memory-map requests: layout, cells at overview and page zoom, page details with history', async () => {
  dc = await startClient();
  await launchStopped(dc, { program: SHARE });
  const events: string[] = [];
  dc.on('pkvm/pagesChanged', () => events.push('pagesChanged'));
  await stopAtUnshare(dc);
  const layout = (await dc.customRequest('pkvm/layout')).body;
  assert.equal(layout.pageSize, 4096);
  assert.equal(layout.regions[0].pages, 16384);
  assert.equal(layout.regions[1].kind, 'mmio');
  const cells = (await dc.customRequest('pkvm/pageCells', { region: 0, stride: 1, firstCell: 0, count: 4 })).body;
  const bytes = [...Buffer.from(cells.cells, 'base64')];
  assert.equal(bytes[0] & 15, 4); // code page: guest-private
  assert.equal(bytes[1] & 15, 5); // the buffer: shared and host-mapped
  assert.equal(bytes[2] & 15, 2); // never faulted in
  assert.ok(cells.summary['guest-private'] >= 1);
  const overview = (await dc.customRequest('pkvm/pageCells', { region: 0, stride: 256, firstCell: 0, count: 64 })).body;
  assert.equal(Buffer.from(overview.cells, 'base64').length, 64);
  const details = (await dc.customRequest('pkvm/pageDetails', { ipa: 0x80001000 })).body;
  assert.ok(details.fields.some((f: { label: string; value: string }) => f.label === 'guest state' && f.value.startsWith('SHARED_OWNED')));
  assert.ok(details.history.some((h: { text: string }) => /MEM_SHARE/.test(h.text)), JSON.stringify(details.history));
  await assert.rejects(dc.customRequest('pkvm/pageCells', { region: 9, stride: 1, firstCell: 0, count: 1 }), /region 9 does not exist/);
  assert.ok(events.length >= 1);
});

test('host commands in the Debug Console act through the model: a read of private memory gets SIGBUS', async () => {
  dc = await startClient();
  await launchStopped(dc, { program: SHARE, vmm: { onSignal: 'continue' } });
  await stopAtUnshare(dc);
  const st = await dc.stackTraceRequest({ threadId: 1 });
  const frameId = st.body.stackFrames[0].id;
  const ok = await dc.evaluateRequest({ expression: 'host read 0x80001000 8', context: 'repl', frameId });
  assert.match(ok.body.result, /^ok: /); // shared and mapped: the VMM can read it
  const bus = await dc.evaluateRequest({ expression: 'host read 0x80000000 8', context: 'repl', frameId });
  assert.match(bus.body.result, /SIGBUS/); // the code page is guest-private
  const page = await dc.evaluateRequest({ expression: 'page 0x80001000', context: 'repl', frameId });
  assert.match(page.body.result, /guest state\s+SHARED_OWNED/);
  await assert.rejects(dc.evaluateRequest({ expression: 'host frobnicate 0x1000', context: 'repl', frameId }), /unknown host command 'frobnicate'/);
  const comp = await dc.completionsRequest({ text: 'host r', column: 7, frameId });
  assert.ok(comp.body.targets.some((t) => t.label === 'host read'));
});

test('break when a page changes: a data breakpoint on page state stops after the transition', async () => {
  dc = await startClient();
  await launchStopped(dc, { program: SHARE });
  await dc.customRequest('pkvm/breakOnPage', { ipa: 0x80001000 });
  const stopped = dc.waitForEvent('stopped');
  await dc.continueRequest({ threadId: 1 });
  const ev = await stopped;
  assert.equal(ev.body.reason, 'data breakpoint');
  assert.match(ev.body.text ?? '', /page 0x80001000 changed/);
});

test('data breakpoints: write to an address, and a Pages-scope row as a page-state breakpoint', async () => {
  dc = await startClient();
  await launchStopped(dc, { program: SHARE });
  const info = await dc.dataBreakpointInfoRequest({ name: '0x80001000', asAddress: true, bytes: 8 });
  assert.equal(info.body.dataId, 'mem:0x80001000:8');
  await dc.setDataBreakpointsRequest({ breakpoints: [{ dataId: info.body.dataId!, accessType: 'write' }] });
  const stopped = dc.waitForEvent('stopped');
  await dc.continueRequest({ threadId: 1 });
  const ev = await stopped;
  assert.equal(ev.body.reason, 'data breakpoint');
  assert.match(ev.body.text ?? '', /watchpoint: write of 8 bytes at 0x80001000/); // str xzr, [x19]
  // Now a page-state breakpoint from a Pages row (named by IPA).
  const slots = await scope(dc, 'Pages');
  const ranges = (await dc.variablesRequest({ variablesReference: slots[0].variablesReference })).body.variables;
  const pageInfo = await dc.dataBreakpointInfoRequest({ variablesReference: ranges[0].variablesReference, name: '0x80001000' });
  assert.equal(pageInfo.body.dataId, 'page:0x80001000');
  await dc.setDataBreakpointsRequest({ breakpoints: [{ dataId: pageInfo.body.dataId! }] });
  const again = dc.waitForEvent('stopped');
  await dc.continueRequest({ threadId: 1 });
  assert.match((await again).body.text ?? '', /page 0x80001000 changed/);
});
