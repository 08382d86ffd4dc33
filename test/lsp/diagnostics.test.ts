/**
 * Diagnostics as the editor shows them: the assembler's messages at its exact ranges
 * (converted to 0-based), problems in an included file at the `.include` line with the
 * real place as related information, and macro expansion errors pointing at the body.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { documentDiagnostics, fromSourceRange } from '../../language-server/analysis/diagnostics';
import { analyzeGuest, analyzeMemory } from './helpers/project';

const FILES = {
  '/p/main.S': ['    .include "inc/defs.S"', '_start:', '    movx x0, #1', '    b nowhere', '    .byte 300', '    .macro bad', '    add x0, x0', '    .endm', '    bad'].join('\n'),
  '/p/inc/defs.S': ['    .equ A, 1', '    nop', '    oops'].join('\n'),
};

test('errors and warnings of the document keep the assembler’s message and exact range', () => {
  const a = analyzeMemory(FILES, '/p/main.S');
  const diags = documentDiagnostics(a);
  const own = a.program.diagnostics.filter((d) => d.file === '/p/main.S');
  assert.equal(own.length, 4);
  for (const d of own) {
    const shown = diags.find((x) => x.message === d.message);
    assert.ok(shown, `'${d.message}' is shown`);
    assert.deepEqual(shown.range, fromSourceRange(d));
    assert.equal(shown.severity, d.severity);
  }
  const movx = diags.find((d) => /movx/.test(d.message))!;
  assert.deepEqual(movx.range, { start: { line: 2, character: 4 }, end: { line: 2, character: 8 } });
  const nowhere = diags.find((d) => /nowhere/.test(d.message))!;
  assert.deepEqual(nowhere.range, { start: { line: 3, character: 6 }, end: { line: 3, character: 13 } });
  assert.equal(diags.find((d) => /300|0x12c/.test(d.message))?.severity, 'warning');
});

test('an error inside a macro expansion is at the call, with the body line as related information', () => {
  const diags = documentDiagnostics(analyzeMemory(FILES, '/p/main.S'));
  const d = diags.find((x) => x.range.start.line === 8)!;
  assert.equal(d.severity, 'error');
  assert.deepEqual(d.related.map((r) => [r.file, r.range.start.line]), [['/p/main.S', 6]]);
});

test('an error in an included file is shown on the .include, pointing at the real line', () => {
  const diags = documentDiagnostics(analyzeMemory(FILES, '/p/main.S'));
  const d = diags.find((x) => x.range.start.line === 0)!;
  assert.match(d.message, /^in included file defs\.S:3: .*oops/);
  assert.deepEqual(d.range, { start: { line: 0, character: 13 }, end: { line: 0, character: 25 } });
  assert.deepEqual(d.related[0], { file: '/p/inc/defs.S', range: { start: { line: 2, character: 4 }, end: { line: 2, character: 8 } }, message: d.related[0].message });
});

test('a missing include is an error on its file name', () => {
  const diags = documentDiagnostics(analyzeMemory({ '/p/a.S': '  .include "gone.S"\n' }, '/p/a.S'));
  assert.equal(diags.length, 1);
  assert.match(diags[0].message, /gone\.S/);
  assert.deepEqual(diags[0].range, { start: { line: 0, character: 11 }, end: { line: 0, character: 19 } });
});

test('the fixture guest assembles cleanly', () => {
  assert.deepEqual(documentDiagnostics(analyzeGuest()), []);
});
