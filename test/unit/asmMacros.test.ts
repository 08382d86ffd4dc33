/**
 * Guest assembler preprocessing: macros (positional, named and default arguments,
 * :req, :vararg, \@, \(), .exitm, .purgem), .rept/.irp/.irpc, conditionals and
 * .include — with the source map and diagnostics pointing where the user looks.
 * Argument splitting follows GNU as (checked with aarch64-linux-gnu-as).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assemble } from '../../engine/asm';
import type { AssembledProgram, AssembleOptions } from '../../engine/asm';

function ok(text: string, options: AssembleOptions = {}): AssembledProgram {
  const p = assemble('main.S', text, options);
  assert.deepEqual(p.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`), []);
  return p;
}

const text = (p: AssembledProgram, name = '.text'): string => Buffer.from(p.segments.find((s) => s.name === name)!.bytes).toString('latin1');
const bytes = (p: AssembledProgram): number[] => Array.from(p.segments.find((s) => s.name === '.text')!.bytes);

test('macro arguments: positional, by name, defaults, empty, separated by commas or blanks', () => {
  const p = ok([
    '.macro m a, b=7, c',
    '.ascii "<\\a|\\b|\\c>"',
    '.endm',
    'm 1',
    'm 2, 3',
    'm 4 5 6',
    'm b=9, a=8',
    'm , 7',
    'm 1 + 2, 3',
    'm "x y" z',
    'm [x1, #8]',
  ].join('\n'));
  assert.equal(text(p), '<1|7|><2|3|><4|5|6><8|9|><|7|><1+2|3|><x y|z|><[x1|#8]|>');
});

test(':req and :vararg parameters; \\() separates a parameter from following text; macro names ignore case', () => {
  const p = ok([
    '.macro v first:req, rest:vararg',
    '.ascii "\\first\\()x/\\rest"',
    '.endm',
    'v 1, 2, 3 4',
    'V 5',
  ].join('\n'));
  assert.equal(text(p), '1x/2,3 45x/');
});

test('\\@ counts macro expansions; labels made from it are unique', () => {
  const p = ok([
    '.macro lbl',
    'l\\@: .byte \\@',
    '.endm',
    'lbl',
    'lbl',
    'lbl',
    '.byte l2 - l0',
  ].join('\n'));
  assert.deepEqual(bytes(p), [0, 1, 2, 2]);
});

test('nested macros, recursion with a condition, .exitm and .purgem', () => {
  const p = ok([
    '.macro count n',
    '.byte \\n',
    '.if \\n > 0',
    'count \\n-1',
    '.endif',
    '.endm',
    'count 3',
    '.macro early x',
    '.byte 1',
    '.exitm',
    '.byte 2',
    '.endm',
    'early 0',
    '.purgem early',
    '.macro early',
    '.byte 9',
    '.endm',
    'early',
  ].join('\n'));
  assert.deepEqual(bytes(p), [3, 2, 1, 0, 1, 9]);
});

test('.rept, .irp and .irpc repeat their body; .irp with no values runs once with an empty value', () => {
  const p = ok(['.rept 3', '.byte 0xaa', '.endr', '.irp r, 1, 2, 3', '.byte \\r * 2', '.endr', '.irpc c, 567', '.byte \\c', '.endr', '.irp x', '.ascii "<\\x>"', '.endr', '.rept 0', '.byte 1', '.endr'].join('\n'));
  assert.deepEqual(bytes(p), [0xaa, 0xaa, 0xaa, 2, 4, 6, 5, 6, 7, 0x3c, 0x3e]);
});

test('.irp over registers builds instructions', () => {
  const p = ok(['.irp r, x0, x1, x2', 'mov \\r, #1', '.endr'].join('\n'));
  assert.deepEqual(new Uint32Array(Uint8Array.from(bytes(p)).buffer).length, 3);
  assert.equal(new DataView(Uint8Array.from(bytes(p)).buffer).getUint32(8, true), 0xd2800022);
});

test('conditionals: .if/.elseif/.else/.endif nest, and skipped branches are not assembled or evaluated', () => {
  const p = ok([
    '.equ MODE, 2',
    '.if MODE == 1',
    '.byte 1',
    '.elseif MODE == 2',
    '.byte 2',
    '.if 0',
    '.byte 0xee',
    'this is not even an instruction',
    '.else',
    '.byte 3',
    '.endif',
    '.else',
    '.byte 4',
    '.endif',
  ].join('\n'));
  assert.deepEqual(bytes(p), [2, 3]);
});

test('.ifdef/.ifndef, .ifb/.ifnb, .ifc/.ifnc, .ifeqs/.ifnes, .ifeq/.ifne/.ifge/.ifgt/.ifle/.iflt', () => {
  const p = ok([
    'here: .equ K, 1',
    '.ifdef K', '.byte 1', '.endif',
    '.ifndef nothing', '.byte 2', '.endif',
    '.ifdef here', '.byte 3', '.endif',
    '.ifb', '.byte 4', '.endif',
    '.ifnb x', '.byte 5', '.endif',
    '.ifc a,a', '.byte 6', '.endif',
    '.ifnc a, b', '.byte 7', '.endif',
    '.ifeqs "x", "x"', '.byte 8', '.endif',
    '.ifnes "x", "y"', '.byte 9', '.endif',
    '.ifeq 0', '.byte 10', '.endif',
    '.ifne 0', '.byte 0xee', '.endif',
    '.ifge -1', '.byte 0xee', '.else', '.byte 11', '.endif',
    '.ifgt 1', '.byte 12', '.endif',
    '.ifle 0', '.byte 13', '.endif',
    '.iflt -5', '.byte 14', '.endif',
  ].join('\n'));
  assert.deepEqual(bytes(p), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
});

test('.ifb/.ifc inside macros test the arguments', () => {
  const p = ok(['.macro opt a, b', '.ifb \\b', '.byte \\a', '.else', '.byte \\a + \\b', '.endif', '.ifc \\a,3', '.byte 0x33', '.endif', '.endm', 'opt 1', 'opt 1, 2', 'opt 3'].join('\n'));
  assert.deepEqual(bytes(p), [1, 3, 3, 0x33]);
});

test('.include: statements come from the included file and the source map names it', () => {
  const files: Record<string, string> = {
    'inc/defs.S': '.equ VALUE, 42\n.macro put x\n  mov x0, #\\x\n.endm\n  nop\n',
  };
  const p = ok('  .include "defs.S"\n  put VALUE\n  ret\n', {
    includeResolver: (path, from) => {
      assert.equal(from, 'main.S');
      const f = `inc/${path}`;
      return files[f] !== undefined ? { file: f, text: files[f] } : undefined;
    },
  });
  const map = p.sourceMap.all().map((e) => [e.address - 0x80000000, e.file, e.line, e.column, e.macro ?? '']);
  assert.deepEqual(map, [
    [0, 'inc/defs.S', 5, 3, ''],
    [4, 'main.S', 2, 3, 'put'], // a macro expansion maps to the line that invoked it
    [8, 'main.S', 3, 3, ''],
  ]);
  assert.deepEqual(p.sourceMap.addressesFor('main.S', 2), [0x80000004]);
  assert.deepEqual(p.sourceMap.addressesFor('inc/defs.S', 5), [0x80000000]);
});

test('a .rept body line maps every iteration to itself; line -> addresses lists them all', () => {
  const p = ok('  .rept 3\n  add x0, x0, #1\n  .endr\n  nop\n');
  assert.deepEqual(p.sourceMap.addressesFor('main.S', 2), [0x80000000, 0x80000004, 0x80000008]);
  assert.deepEqual(p.sourceMap.linesWithCode('main.S'), [2, 4]);
  assert.equal(p.sourceMap.at(0x80000006)?.line, 2);
});

test('errors inside a macro point at the invocation, with the body line as related information', () => {
  const p = assemble('main.S', '.macro load r, v\n  mov \\r, #\\v\n.endm\n  load x0, 1\n  load x1, 0x123456789\n');
  assert.equal(p.ok, false);
  assert.equal(p.diagnostics.length, 1);
  const d = p.diagnostics[0];
  assert.deepEqual([d.file, d.line, d.column, d.endColumn], ['main.S', 5, 3, 23]);
  assert.match(d.message, /cannot be moved by one instruction/);
  assert.deepEqual(d.related, [{ file: 'main.S', line: 2, column: 3, endColumn: 14, message: "in expansion of macro 'load'" }]);
});
