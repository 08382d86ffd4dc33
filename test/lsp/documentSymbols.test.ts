/**
 * The outline: sections holding functions, labels and data objects whose ranges run to
 * the next label; constants and macros; `.pushsection`/`.popsection` followed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OutlineSymbol, documentSymbols } from '../../language-server/analysis/documentSymbols';
import { GUEST, analyzeGuest, analyzeMemory, positionOf, read } from './helpers/project';

const shape = (s: OutlineSymbol): unknown => (s.children.length ? [s.name, s.kind, s.children.map(shape)] : [s.name, s.kind]);

test('the fixture guest: constant, macro, and sections with their labels', () => {
  const syms = documentSymbols(analyzeGuest(), GUEST);
  assert.deepEqual(syms.map(shape), [
    ['PAGE_SIZE', 'constant'],
    ['hvc_call', 'macro'],
    ['.text', 'section', [['_start', 'function'], ['fail', 'label']]],
    ['.data', 'section', [['shared_page', 'object']]],
  ]);
  const guest = read(GUEST);
  const text = syms[2];
  const [start, fail] = text.children;
  assert.equal(start.detail, '0x8000000C');
  assert.deepEqual(start.selectionRange, { start: { line: positionOf(guest, '_start:').line, character: 0 }, end: { line: positionOf(guest, '_start:').line, character: 6 } });
  assert.equal(start.range.end.line, positionOf(guest, 'fail:').line - 1, '_start runs to the line before the next label');
  assert.equal(fail.range.end.line, positionOf(guest, '.data').line - 1);
  assert.equal(syms[1].detail, 'fn, arg');
  assert.deepEqual(syms[1].range, { start: { line: 7, character: 4 }, end: { line: 11, character: 9 } });
});

test('every symbol range contains its selection range and its children', () => {
  const inside = (outer: OutlineSymbol['range'], inner: OutlineSymbol['range']): boolean =>
    (outer.start.line < inner.start.line || (outer.start.line === inner.start.line && outer.start.character <= inner.start.character)) &&
    (outer.end.line > inner.end.line || (outer.end.line === inner.end.line && outer.end.character >= inner.end.character));
  const check = (s: OutlineSymbol): void => {
    assert.ok(inside(s.range, s.selectionRange), s.name);
    for (const c of s.children) {
      assert.ok(inside(s.range, c.range), `${c.name} inside ${s.name}`);
      check(c);
    }
  };
  documentSymbols(analyzeGuest(), GUEST).forEach(check);
});

test('pushsection/popsection and .previous return to the right section', () => {
  const text = ['  .text', 'f: ret', '  .pushsection .rodata', 'msg: .asciz "hi"', '  .popsection', 'g: ret', '  .data', 'd: .word 1', '  .previous', 'h: ret'].join('\n');
  const syms = documentSymbols(analyzeMemory({ '/a.S': text }, '/a.S'), '/a.S');
  assert.deepEqual(syms.map(shape), [
    ['.text', 'section', [['f', 'label']]],
    ['.rodata', 'section', [['msg', 'object']]],
    ['.text', 'section', [['g', 'label']]],
    ['.data', 'section', [['d', 'object']]],
    ['.text', 'section', [['h', 'label']]],
  ]);
});

test('labels before any section are top level; numeric labels and macro bodies are left out', () => {
  const text = ['start: nop', '1: b 1b', '  .macro m', 'inner: nop', '  .equ HIDDEN, 1', '  .endm', '  .type obj, %object', 'obj: .word 3'].join('\n');
  const syms = documentSymbols(analyzeMemory({ '/a.S': text }, '/a.S'), '/a.S');
  assert.deepEqual(syms.map(shape), [['start', 'label'], ['m', 'macro'], ['obj', 'object']]);
});

test('an included file has its own outline within the document’s analysis', () => {
  const files = { '/p/a.S': '  .include "b.S"\n', '/p/b.S': '  .equ ONE, 1\nhelper: ret\n' };
  const syms = documentSymbols(analyzeMemory(files, '/p/a.S'), '/p/b.S');
  assert.deepEqual(syms.map(shape), [['ONE', 'constant'], ['helper', 'label']]);
  assert.equal(syms[0].detail, '0x1');
});
