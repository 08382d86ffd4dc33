/**
 * The assembler never throws on bad input — the language server runs it on every keystroke
 * — and every diagnostic points at a real place in the file. Random programs are built from
 * assembly-like fragments (fast-check), including half-typed lines.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { assemble } from '../../engine/asm';

const FRAGMENTS = [
  'add', 'mov', 'ldr', 'str', 'b', 'b.eq', 'cbz', 'ret', 'movi', 'ld1', 'fadd', 'msr', 'mrs', 'dc', 'tlbi', 'stp', 'casp',
  '.macro', '.endm', '.rept', '.endr', '.irp', '.if', '.else', '.endif', '.ifdef', '.include', '.equ', '.set', '.byte',
  '.word', '.quad', '.ascii', '.align', '.balign', '.skip', '.fill', '.section', '.data', '.bss', '.ltorg', '.org', '.octa',
  'x0', 'w1', 'sp', 'xzr', 'v0.4s', 'v1.16b', 'd2', 's3', 'q4', 'v5.s[1]', '{v0.4s, v1.4s}', '[x1]', '[x1, #8]!', '[x2], #4',
  '[x3, x4, lsl #3]', '#1', '#-1', '#0x1000', '#4096', '#1.5', '=0x1234', ':lo12:lab', 'lab', '1f', '1b', '.', 'lsl #12',
  'uxtw', 'eq', 'sctlr_el1', '"str"', '"unterminated', "'a", '(', ')', '+', '-', '*', '/', '<<', '==', '&&', ',', ',',
  ';', ':', 'lab:', '1:', '\\x', '\\@', '/*', '*/', '//', '#', '=', '!', '[', ']', '{', '}', '%', '@',
];

const line = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 7 }).map((parts) => parts.join(' '));
const program = fc.array(line, { maxLength: 25 }).map((lines) => lines.join('\n'));

test('random assembly never throws, and every diagnostic range lies inside the file', () => {
  fc.assert(
    fc.property(program, (text) => {
      const lines = text.split('\n');
      const p = assemble('fuzz.S', text, { includeResolver: (path) => (path === 'str' ? { file: 'str', text: '.byte 1\n' } : undefined) });
      for (const d of p.diagnostics) {
        assert.equal(d.file === 'fuzz.S' || d.file === 'str', true);
        if (d.file !== 'fuzz.S') continue;
        assert.ok(d.line >= 1 && d.line <= lines.length, `line ${d.line} of ${lines.length}: ${d.message}`);
        assert.ok(d.column >= 1 && d.endColumn > d.column, `columns ${d.column}-${d.endColumn}: ${d.message}`);
        assert.ok(d.endColumn <= lines[d.line - 1].length + 2, `end column ${d.endColumn} past the line: ${d.message}`);
        assert.doesNotMatch(d.message, /internal assembler error/);
      }
      assert.equal(p.ok, !p.diagnostics.some((d) => d.severity === 'error'));
    }),
    { numRuns: 400, seed: 20240222 },
  );
});

test('every prefix of a valid program assembles without throwing (typing it in)', () => {
  const text = [
    '  .include "pkvm.S"',
    '  .macro twice a, b=2',
    '  add \\a, \\a, #\\b',
    '  .endm',
    '_start: ldr x0, =buffer',
    '  twice x1',
    '  .rept 2',
    '  ld1 {v0.4s, v1.4s}, [x0], #32',
    '  .endr',
    '1: subs x2, x2, #1',
    '  b.ne 1b',
    '  .data',
    'buffer: .quad 1, 2, 3',
  ].join('\n');
  for (let k = 0; k <= text.length; k++) {
    const p = assemble('typing.S', text.slice(0, k), { includeResolver: () => ({ file: 'pkvm.S', text: '.equ X, 1\n' }) });
    for (const d of p.diagnostics) assert.doesNotMatch(d.message, /internal assembler error/, `at ${k}: ${d.message}`);
  }
});
