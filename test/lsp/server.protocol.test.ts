/**
 * The bundled language server driven over the protocol, as an editor drives it:
 * initialize, open documents, diagnostics as you type (including an edited, unsaved
 * include), hover, completion, definition, references, rename across an `.include`,
 * rename refused with a message, document symbols — over stdio, and over Node IPC as
 * the extension starts it.
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { CompletionItem, DocumentSymbol, Hover, Location, MarkupContent, PublishDiagnosticsParams, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { assemble } from '../../engine/asm';
import { LspClient, uriOf } from './helpers/lspClient';
import { FIXTURES, GUEST, SMCCC, diskResolver, positionOf, read } from './helpers/project';

const guest = read(GUEST);
const smccc = read(SMCCC);
/** A document that exists only in the editor, next to the fixtures (so its include resolves). */
const SCRATCH = path.join(FIXTURES, 'scratch.S');
const BROKEN = ['    .include "include/smccc.S"', '_start:', '    ldr x0, =ARM_SMCCC_VENDOR_HYP_KVM_MEM_SHARE_FUNC_ID', '    add x0, x0', '    b   nowhere'].join('\n');

let client: LspClient;

before(async () => {
  const started = await LspClient.start('stdio');
  client = started.client;
  const caps = started.init.capabilities;
  assert.ok(caps.hoverProvider && caps.definitionProvider && caps.referencesProvider && caps.documentSymbolProvider && caps.completionProvider);
  assert.deepEqual(caps.renameProvider, { prepareProvider: true });
  client.open(GUEST, guest);
});

after(async () => {
  await client.stop();
});

const textDocument = (file: string): { uri: string } => ({ uri: uriOf(file) });
const markdown = (h: Hover | null): string => ((h?.contents as MarkupContent | undefined)?.value ?? '');

test('a clean document gets an empty diagnostics list', async () => {
  const p = await client.diagnosticsFor(GUEST);
  assert.deepEqual(p.diagnostics, []);
});

test('a document with errors gets the assembler’s messages at their exact ranges', async () => {
  client.open(SCRATCH, BROKEN);
  const p = await client.diagnosticsFor(SCRATCH);
  const expected = assemble(SCRATCH, BROKEN, { includeResolver: diskResolver }).diagnostics;
  assert.equal(p.diagnostics.length, 2);
  assert.deepEqual(
    p.diagnostics.map((d) => [d.message, d.severity, d.range, d.source]),
    expected.map((d) => [d.message, 1, { start: { line: d.line - 1, character: d.column - 1 }, end: { line: d.line - 1, character: d.endColumn - 1 } }, 'pkvm-asm']),
  );
  const nowhere = p.diagnostics.find((d) => /nowhere/.test(d.message))!;
  assert.deepEqual(nowhere.range, { start: { line: 4, character: 8 }, end: { line: 4, character: 15 } });
  assert.equal(p.version, 1);
});

test('typing fixes the document: new diagnostics follow the edit', async () => {
  const fixed = BROKEN.replace('add x0, x0', 'add x0, x0, #1').replace('nowhere', '_start');
  client.change(SCRATCH, fixed, 2);
  const p = await client.diagnosticsFor(SCRATCH, (x) => x.version === 2);
  assert.deepEqual(p.diagnostics, []);
});

test('an unsaved edit of an open include re-checks the documents that include it', async () => {
  client.open(SMCCC, smccc);
  await client.diagnosticsFor(SMCCC);
  // Drop the MEM_SHARE constant in the editor only: the file on disk still has it.
  const edited = smccc.replace(/^.*ARM_SMCCC_VENDOR_HYP_KVM_MEM_SHARE_FUNC_ID.*$/m, '');
  client.change(SMCCC, edited, 2);
  const p = await client.diagnosticsFor(GUEST, (x) => x.diagnostics.length > 0);
  const pos = positionOf(guest, 'ARM_SMCCC_VENDOR_HYP_KVM_MEM_SHARE_FUNC_ID', 'REF_SHARE_ID');
  assert.equal(p.diagnostics.length, 1);
  assert.match(p.diagnostics[0].message, /ARM_SMCCC_VENDOR_HYP_KVM_MEM_SHARE_FUNC_ID/);
  assert.deepEqual(p.diagnostics[0].range.start, pos);
  client.change(SMCCC, smccc, 3);
  const again = await client.diagnosticsFor(GUEST, (x) => x !== p && x.diagnostics.length === 0);
  assert.deepEqual(again.diagnostics, []);
});

test('hover on a mnemonic, a label and an SMCCC function ID', async () => {
  const hover = (needle: string, marker?: string): Promise<Hover | null> => client.request<Hover | null>('textDocument/hover', { textDocument: textDocument(GUEST), position: positionOf(guest, needle, marker, 1) });
  assert.match(markdown(await hover('adr', 'REF_SHARED')), /^\*\*ADR\*\* — Form a PC-relative address/);
  const label = await hover('shared_page', 'REF_SHARED');
  assert.match(markdown(label), /`shared_page` = 0x80001000 \(2147487744\)[\s\S]*Defined at guest\.S:33/);
  assert.deepEqual(label!.range, { start: { line: positionOf(guest, 'shared_page', 'REF_SHARED').line, character: 16 }, end: { line: positionOf(guest, 'shared_page', 'REF_SHARED').line, character: 27 } });
  const unshare = markdown(await hover('0xC6000004', 'MACRO_CALL'));
  assert.match(unshare, /^0xC6000004 \(3321888772\)/);
  assert.match(unshare, /ARM_SMCCC_VENDOR_HYP_KVM_MEM_UNSHARE_FUNC_ID/);
  assert.equal(await client.request('textDocument/hover', { textDocument: textDocument(GUEST), position: { line: 0, character: 5 } }), null, 'no hover in a comment');
});

test('completion at the start of a statement and after an instruction', async () => {
  const line = positionOf(guest, 'cbnz').line;
  // The cursor after 'cb' of 'cbnz': the typed word is what an item replaces.
  const atStart = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: textDocument(GUEST), position: { line, character: 6 } });
  const startLabels = atStart.map((i) => i.label);
  for (const l of ['ldr', 'mov', 'b.eq', '.equ', 'hvc_call']) assert.ok(startLabels.includes(l), l);
  assert.ok(!startLabels.includes('x0'));
  const ldr = atStart.find((i) => i.label === 'ldr')!;
  assert.deepEqual((ldr as { textEdit?: { range: unknown } }).textEdit?.range, { start: { line, character: 4 }, end: { line, character: 6 } });
  const operands = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: textDocument(GUEST), position: { line, character: 13 } });
  const opLabels = operands.map((i) => i.label);
  for (const l of ['x0', 'w1', 'sp', 'fail', 'shared_page', 'ARM_SMCCC_KVM_FUNC_MEM_UNSHARE']) assert.ok(opLabels.includes(l), l);
  assert.ok(!opLabels.includes('ldr'));
});

test('go to definition across the include', async () => {
  const locs = await client.request<Location[]>('textDocument/definition', { textDocument: textDocument(GUEST), position: positionOf(guest, 'power_off', 'REF_POWER_OFF', 1) });
  assert.deepEqual(locs, [{ uri: uriOf(SMCCC), range: { start: { line: positionOf(smccc, 'power_off:').line, character: 0 }, end: { line: positionOf(smccc, 'power_off:').line, character: 9 } } }]);
  const local = await client.request<Location[]>('textDocument/definition', { textDocument: textDocument(GUEST), position: positionOf(guest, '1b', 'REF_1A') });
  assert.deepEqual(local.map((l) => [l.uri, l.range.start.line]), [[uriOf(GUEST), positionOf(guest, '//', 'LOCAL_1A').line]]);
});

test('find references across the include', async () => {
  const locs = await client.request<Location[]>('textDocument/references', { textDocument: textDocument(SMCCC), position: positionOf(smccc, 'power_off:'), context: { includeDeclaration: true } });
  assert.deepEqual(locs.map((l) => [l.uri, l.range.start.line]).sort(), [
    [uriOf(GUEST), positionOf(guest, '//', 'REF_POWER_OFF').line],
    [uriOf(SMCCC), positionOf(smccc, 'power_off:').line],
    [uriOf(SMCCC), positionOf(smccc, 'b       power_off').line],
  ].sort());
});

test('rename across the include edits both files', async () => {
  const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: textDocument(GUEST), position: positionOf(guest, 'ARM_SMCCC_VENDOR_HYP_KVM_MEM_SHARE_FUNC_ID', 'REF_SHARE_ID'), newName: 'MEM_SHARE_ID' });
  const changes = edit.changes!;
  assert.deepEqual(Object.keys(changes).sort(), [uriOf(GUEST), uriOf(SMCCC)].sort());
  assert.deepEqual(changes[uriOf(SMCCC)], [{ range: { start: { line: 1, character: 9 }, end: { line: 1, character: 51 } }, newText: 'MEM_SHARE_ID' }]);
  assert.equal(changes[uriOf(GUEST)].length, 1);
});

test('rename of a numeric local label is refused with a message', async () => {
  const position = positionOf(guest, '1b', 'REF_1A');
  await assert.rejects(client.request('textDocument/prepareRename', { textDocument: textDocument(GUEST), position }), /Numeric local label '1' cannot be renamed/);
  await assert.rejects(client.request('textDocument/rename', { textDocument: textDocument(GUEST), position: positionOf(guest, 'fail:'), newName: '2bad' }), /'2bad' is not a valid symbol name/);
});

test('document symbols: sections, functions, labels, constants, macros', async () => {
  const syms = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: textDocument(GUEST) });
  const shape = (s: DocumentSymbol): unknown => [s.name, s.kind, ...(s.children?.length ? [s.children.map(shape)] : [])];
  // SymbolKind: Namespace 3, Function 12, Variable 13, Constant 14, Field 8.
  assert.deepEqual(syms.map(shape), [
    ['PAGE_SIZE', 14],
    ['hvc_call', 12],
    ['.text', 3, [['_start', 12], ['fail', 8]]],
    ['.data', 3, [['shared_page', 13]]],
  ]);
  assert.equal(syms[1].detail, 'macro fn, arg');
});

test('closing a document clears its diagnostics', async () => {
  client.notify('textDocument/didClose', { textDocument: textDocument(SCRATCH) });
  const p = await client.diagnosticsFor(SCRATCH, (x: PublishDiagnosticsParams) => x.version === undefined && x.diagnostics.length === 0);
  assert.deepEqual(p.diagnostics, []);
  assert.equal(client.stderr, '');
});

test('over Node IPC, as the extension starts it', async () => {
  const { client: ipc } = await LspClient.start('ipc');
  try {
    ipc.open(GUEST, guest);
    assert.deepEqual((await ipc.diagnosticsFor(GUEST)).diagnostics, []);
    const h = await ipc.request<Hover>('textDocument/hover', { textDocument: textDocument(GUEST), position: positionOf(guest, 'hvc_call', 'MACRO_CALL', 1) });
    assert.match(markdown(h), /\.macro hvc_call fn, arg=0/);
  } finally {
    await ipc.stop();
  }
});
