/**
 * Go to definition, references and rename: across an `.include`, for macros (whose
 * names are case-insensitive), numeric local labels (each reference reaches the right
 * instance, also across includes and inside macro bodies), and the refusals of rename.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { definitionAt, prepareRenameAt, referencesAt, renameAt } from '../../language-server/analysis/navigation';
import type { FileRange } from '../../language-server/analysis/types';
import { GUEST, SMCCC, analyzeGuest, analyzeMemory, positionOf, read } from './helpers/project';

const guest = read(GUEST);
const smccc = read(SMCCC);
const a = analyzeGuest();

const where = (rs: FileRange[]): Array<[string, number, number, number]> => rs.map((r) => [r.file, r.range.start.line, r.range.start.character, r.range.end.character]);
const lineOf = (text: string, marker: string): number => positionOf(text, '//', marker).line;

test('definition of a label and of a constant defined in an included file', () => {
  assert.deepEqual(where(definitionAt(a, GUEST, positionOf(guest, 'power_off', 'REF_POWER_OFF', 2))), [[SMCCC, positionOf(smccc, 'power_off:').line, 0, 9]]);
  assert.deepEqual(where(definitionAt(a, GUEST, positionOf(guest, 'ARM_SMCCC_VENDOR_HYP_KVM_MEM_SHARE_FUNC_ID', 'REF_SHARE_ID'))), [[SMCCC, 1, 9, 51]]);
  assert.deepEqual(where(definitionAt(a, GUEST, positionOf(guest, 'shared_page', 'REF_SHARED'))), [[GUEST, positionOf(guest, 'shared_page:').line, 0, 11]]);
});

test('definition of a macro from its call', () => {
  assert.deepEqual(where(definitionAt(a, GUEST, positionOf(guest, 'hvc_call', 'MACRO_CALL'))), [[GUEST, positionOf(guest, '.macro hvc_call').line, 11, 19]]);
});

test('numeric local labels: each reference reaches its own instance', () => {
  assert.deepEqual(where(definitionAt(a, GUEST, positionOf(guest, '1b', 'REF_1A'))), [[GUEST, lineOf(guest, 'LOCAL_1A'), 0, 1]]);
  assert.deepEqual(where(definitionAt(a, GUEST, positionOf(guest, '1b', 'LOCAL_1B'))), [[GUEST, lineOf(guest, 'LOCAL_1B'), 0, 1]]);
  const refs = referencesAt([a], GUEST, positionOf(guest, '1:', 'LOCAL_1A'), true);
  assert.deepEqual(where(refs), [[GUEST, lineOf(guest, 'LOCAL_1A'), 0, 1], [GUEST, lineOf(guest, 'REF_1A'), 12, 14]]);
});

test('numeric local labels follow includes in assembly order, and stay inside macro bodies', () => {
  const files = {
    '/p/main.S': ['1:  nop', '    .include "inc.S"', '    b 1b', '    b 2f', '    .macro m', '2:  b 2b', '    .endm', '2:  nop'].join('\n'),
    '/p/inc.S': '1:  nop\n',
  };
  const m = analyzeMemory(files, '/p/main.S');
  assert.deepEqual(where(definitionAt(m, '/p/main.S', { line: 2, character: 6 })), [['/p/inc.S', 0, 0, 1]]);
  assert.deepEqual(where(definitionAt(m, '/p/main.S', { line: 3, character: 6 })), [['/p/main.S', 7, 0, 1]]);
  assert.deepEqual(where(definitionAt(m, '/p/main.S', { line: 5, character: 6 })), [['/p/main.S', 5, 0, 1]]);
  assert.deepEqual(where(definitionAt(m, '/p/main.S', { line: 2, character: 4 })), [], 'a mnemonic has no definition');
});

test('references across the include, with and without the declaration', () => {
  const pos = positionOf(guest, 'power_off', 'REF_POWER_OFF');
  const all = where(referencesAt([a], GUEST, pos, true));
  assert.deepEqual(all.sort(), [
    [GUEST, lineOf(guest, 'REF_POWER_OFF'), 12, 21],
    [SMCCC, positionOf(smccc, 'power_off:').line, 0, 9],
    [SMCCC, positionOf(smccc, 'b       power_off').line, 12, 21],
  ].sort());
  assert.equal(referencesAt([a], GUEST, pos, false).length, 2);
});

test('macro references match the call whatever its case', () => {
  const m = analyzeMemory({ '/a.S': '  .macro Save r\n  str \\r, [sp, #-16]!\n  .endm\n  save x0\n  SAVE x1\n  .purgem save\n' }, '/a.S');
  assert.deepEqual(where(referencesAt([m], '/a.S', { line: 3, character: 3 }, true)).map((r) => r[1]), [0, 3, 4, 5]);
});

test('rename a label across the include', () => {
  const r = renameAt([a], GUEST, positionOf(guest, 'power_off', 'REF_POWER_OFF'), 'shutdown');
  assert.ok(r.ok);
  assert.deepEqual([...r.edits.keys()].sort(), [GUEST, SMCCC].sort());
  assert.equal(r.edits.get(GUEST)!.length, 1);
  assert.equal(r.edits.get(SMCCC)!.length, 2);
});

test('rename a constant defined in the include, from its use', () => {
  const r = renameAt([a], GUEST, positionOf(guest, 'ARM_SMCCC_VENDOR_HYP_KVM_MEM_SHARE_FUNC_ID', 'REF_SHARE_ID'), 'MEM_SHARE');
  assert.ok(r.ok);
  assert.deepEqual([...r.edits.entries()].map(([f, rs]) => [f, rs.map((x) => x.start.line)]).sort(), [[GUEST, [lineOf(guest, 'REF_SHARE_ID')]], [SMCCC, [1]]].sort());
});

test('a file included by two documents: references and rename see both', () => {
  const files = { '/p/a.S': '  .include "defs.S"\n  b common\n', '/p/b.S': '  .include "defs.S"\n  bl common\n', '/p/defs.S': 'common: ret\n' };
  const both = [analyzeMemory(files, '/p/a.S'), analyzeMemory(files, '/p/b.S')];
  assert.deepEqual(where(referencesAt(both, '/p/defs.S', { line: 0, character: 2 }, true)).map((r) => r[0]).sort(), ['/p/a.S', '/p/b.S', '/p/defs.S']);
  const r = renameAt(both, '/p/defs.S', { line: 0, character: 2 }, 'shared_exit');
  assert.ok(r.ok && r.edits.size === 3);
});

test('rename refuses numeric labels, bad names, registers and clashes with a clear reason', () => {
  const error = (pos: ReturnType<typeof positionOf>, name: string): string => {
    const r = renameAt([a], GUEST, pos, name);
    assert.ok(!r.ok, `renaming to '${name}' is refused`);
    return r.error;
  };
  const label = positionOf(guest, 'shared_page', 'REF_SHARED');
  assert.match(error(positionOf(guest, '1b', 'REF_1A'), 'again'), /Numeric local label '1' cannot be renamed/);
  assert.match(error(label, '9lives'), /'9lives' is not a valid symbol name/);
  assert.match(error(label, 'a-b'), /not a valid symbol name/);
  assert.match(error(label, '42'), /would be a numeric local label/);
  assert.match(error(label, 'x1'), /'x1' is a register name/);
  assert.match(error(label, 'fail'), /'fail' is already defined at guest\.S:28/);
  assert.match(error(positionOf(guest, 'hvc_call', 'MACRO_CALL'), 'ldr'), /'ldr' is an instruction/);
  assert.match(error(positionOf(guest, 'adr', 'REF_SHARED'), 'x'), /Nothing to rename here/);
  const check = prepareRenameAt([a], GUEST, positionOf(guest, '1:', 'LOCAL_1B'));
  assert.ok(!check.ok);
});

test('prepare rename gives the name under the cursor', () => {
  const pos = positionOf(guest, 'shared_page', 'REF_SHARED', 3);
  const r = prepareRenameAt([a], GUEST, pos);
  assert.deepEqual(r, { ok: true, range: { start: { line: pos.line, character: pos.character - 3 }, end: { line: pos.line, character: pos.character + 8 } }, placeholder: 'shared_page' });
});

test('a symbol only used, never defined, cannot be renamed', () => {
  const m = analyzeMemory({ '/a.S': '  .equ A, 1\n  b missing\n' }, '/a.S');
  assert.deepEqual(prepareRenameAt([m], '/a.S', { line: 1, character: 5 }), { ok: false, error: 'Nothing to rename here: put the cursor on a label, a .equ constant or a macro name.' });
});
