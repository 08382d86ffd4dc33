/**
 * The per-file index: which words are definitions, which are uses, what is left out
 * (registers, relocation operators, macro parameters), and that half-typed or broken
 * statements still index what is around the bad spot.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { indexFile } from '../../language-server/analysis/fileIndex';

const names = (text: string, kind: string): string[] =>
  indexFile('/t.S', text)
    .occurrences.filter((o) => o.kind === kind)
    .map((o) => o.name);

test('labels, constants and macros are definitions at their exact columns', () => {
  const idx = indexFile('/t.S', 'start: mov x0, #1\n  .equ LIMIT, 10\nCOUNT = LIMIT * 2\n .set  again,3\n .macro twice a, b=1, c:req\n  add \\a, \\a, #\\b\n .endm\n');
  assert.deepEqual(names('start: nop', 'label-def'), ['start']);
  const defs = idx.occurrences.filter((o) => o.kind.endsWith('-def')).map((o) => [o.name, o.kind, o.range.start.line, o.range.start.character, o.range.end.character]);
  assert.deepEqual(defs, [
    ['start', 'label-def', 0, 0, 5],
    ['LIMIT', 'equ-def', 1, 7, 12],
    ['COUNT', 'equ-def', 2, 0, 5],
    ['again', 'equ-def', 3, 7, 12],
    ['twice', 'macro-def', 4, 8, 13],
  ]);
  assert.deepEqual(idx.macros.map((m) => [m.name, m.params, m.range.start.line, m.range.end.line]), [['twice', ['a', 'b', 'c'], 4, 6]]);
});

test('operand names are uses; registers, relocation operators and macro parameters are not', () => {
  const text = [
    '    adrp x1, table',
    '    add  x1, x1, :lo12:table',
    '    ldr  x0, =FN_ID + 4',
    '    csel x2, x3, x4, eq',
    '    ldr  q0, [sp, #OFFSET]',
    '    .macro m reg',
    '    mov \\reg, #VALUE',
    '    .endm',
  ].join('\n');
  assert.deepEqual(names(text, 'symbol-ref'), ['table', 'table', 'FN_ID', 'eq', 'OFFSET', 'VALUE']);
  assert.deepEqual(names(text, 'head'), ['adrp', 'add', 'ldr', 'csel', 'ldr', 'mov']);
});

test('numeric local labels, includes and section switches are recorded in order', () => {
  const idx = indexFile('/t.S', '1: b 1f\n .include "defs.S"\n1: b 1b\n .section .rodata.cst, "a"\n .pushsection .data\n .popsection\n .text\n');
  assert.deepEqual(idx.localDefs.map((d) => [d.n, d.range.start.line]), [[1, 0], [1, 2]]);
  assert.deepEqual(idx.localRefs.map((r) => [r.n, r.dir, r.range.start.line, r.range.start.character]), [[1, 'f', 0, 5], [1, 'b', 2, 5]]);
  assert.deepEqual(idx.includes.map((i) => [i.path, i.range.start.character, i.range.end.character]), [['defs.S', 10, 18]]);
  assert.ok(idx.localDefs[0].seq < idx.includes[0].seq && idx.includes[0].seq < idx.localDefs[1].seq);
  assert.deepEqual(idx.sections.map((s) => [s.kind, s.name]), [['switch', '.rodata.cst'], ['push', '.data'], ['pop', undefined], ['switch', '.text']]);
});

test('comments, strings and several statements on a line keep exact columns', () => {
  const idx = indexFile('/t.S', 'a: b a ; c: b c // d: b d\n/* e: */ f: .ascii "g: h"\n# i: j\n');
  assert.deepEqual(idx.occurrences.filter((o) => o.kind === 'label-def').map((o) => [o.name, o.range.start.line, o.range.start.character]), [['a', 0, 0], ['c', 0, 9], ['f', 1, 9]]);
  assert.deepEqual(names('a: .ascii "b: c"', 'symbol-ref'), []);
});

test('a statement with a bad character or an unfinished string still indexes the rest', () => {
  const idx = indexFile('/t.S', '  mov x0, ?? target\n  ldr x1, =other "unterminated\n');
  assert.deepEqual(idx.occurrences.filter((o) => o.kind === 'symbol-ref').map((o) => [o.name, o.range.start.line, o.range.start.character]), [['target', 0, 13], ['other', 1, 11]]);
});

test('names built by macro substitution (`name\\@`) are not taken as definitions', () => {
  const idx = indexFile('/t.S', ' .macro spin\nloop\\@: b loop\\@\nfixed: b fixed\n .endm\n');
  assert.deepEqual(idx.occurrences.filter((o) => o.kind === 'label-def').map((o) => o.name), ['fixed']);
  assert.deepEqual(idx.occurrences.filter((o) => o.kind === 'symbol-ref').map((o) => o.name), ['fixed']);
  assert.ok(idx.occurrences.every((o) => o.name === 'spin' || o.scope === 1 || o.kind === 'macro-def'));
});

test('.type records function and object symbols; .ifdef and .purgem refer to names', () => {
  const idx = indexFile('/t.S', ' .type f, %function\n .type d, @object\n .ifdef FEATURE\n .endif\n .purgem m\n');
  assert.deepEqual(idx.types, [{ name: 'f', type: 'function' }, { name: 'd', type: 'object' }]);
  assert.deepEqual(idx.occurrences.map((o) => [o.name, o.kind]), [['f', 'symbol-ref'], ['d', 'symbol-ref'], ['FEATURE', 'symbol-ref'], ['m', 'macro-ref']]);
});
