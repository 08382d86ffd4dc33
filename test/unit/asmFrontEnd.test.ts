/**
 * Guest assembler front end: comments, statement separators, labels (named and numeric
 * local), constant expressions with GNU as precedence and semantics, strings and
 * character constants. Expected values were checked against aarch64-linux-gnu-as.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assemble } from '../../engine/asm';
import type { AssembledProgram } from '../../engine/asm';

function asm(text: string): AssembledProgram {
  return assemble('t.S', text);
}

function ok(text: string): AssembledProgram {
  const p = asm(text);
  assert.deepEqual(p.diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`), []);
  return p;
}

function section(p: AssembledProgram, name = '.text'): number[] {
  const s = p.segments.find((x) => x.name === name);
  assert.ok(s, `no ${name} section`);
  return Array.from(s.bytes);
}

/** The bytes `.byte <expr>` / `.quad <expr>` produce. */
function quad(expr: string): bigint {
  const b = section(ok(`  .quad ${expr}\n`));
  let v = 0n;
  for (let k = 7; k >= 0; k--) v = (v << 8n) | BigInt(b[k]);
  return BigInt.asIntN(64, v);
}

test('comments: //, /* */ across lines, # at line start; ; separates statements', () => {
  const p = ok(['# a line comment', '  nop // trailing', '  /* block', '  comment */ nop ; nop', '  nop /* x */ ; nop', '  .ascii "a//b;c/*d"'].join('\n'));
  const nop = [0x1f, 0x20, 0x03, 0xd5];
  assert.deepEqual(section(p), [...nop, ...nop, ...nop, ...nop, ...nop, ...Buffer.from('a//b;c/*d')]);
});

test('labels: several on a line, before directives and instructions; the symbol table has their addresses', () => {
  const p = ok(['start: first:  nop', 'second: .word 5', '        .global second', 'third:'].join('\n'));
  const addr = Object.fromEntries(p.symbols.map((s) => [s.name, s.address]));
  assert.equal(addr.start, 0x80000000);
  assert.equal(addr.first, 0x80000000);
  assert.equal(addr.second, 0x80000004);
  assert.equal(addr.third, 0x80000008);
  assert.equal(p.symbols.find((s) => s.name === 'second')?.global, true);
  assert.equal(p.symbols.find((s) => s.name === 'start')?.global, false);
});

test('numeric local labels: Nb is the latest definition, Nf the next, and they may repeat', () => {
  const p = ok(['1: b 1f', '   b 1b', '1: b 1b', '   b 2f', '2: b 1b', '1: .byte 1f - 1b, 2b - 1b', '1:'].join('\n'));
  // b +8 ; b -4 ; b 0 ; b +4 ; b -8
  const words = new Uint32Array(Uint8Array.from(section(p).slice(0, 20)).buffer);
  assert.deepEqual(Array.from(words), [0x14000002, 0x17ffffff, 0x14000000, 0x14000001, 0x17fffffe]);
  assert.deepEqual(section(p).slice(20), [2, 0xfc]);
});

test('expressions: GNU as precedence (* / % << >> above | & ^ ! above + - above comparisons above && above ||)', () => {
  assert.equal(quad('1 + 2 * 3 << 1'), 13n);
  assert.equal(quad('1 << 2 * 3'), 12n); // same level, left to right
  assert.equal(quad('1 | 2 + 4'), 7n);
  assert.equal(quad('1 | 2 & 0'), 0n);
  assert.equal(quad('6 ^ 3 | 8'), 13n);
  assert.equal(quad('6 & 3 + 1'), 3n);
  assert.equal(quad('8 >> 1 + 1'), 5n);
  assert.equal(quad('1 < 2 + 1'), -1n);
  assert.equal(quad('1 - 3 < 0'), -1n);
  assert.equal(quad('2 > 1 && 1'), 1n);
  assert.equal(quad('1 || 0 && 0'), 1n);
  assert.equal(quad('8 - 1 - 1'), 6n);
  assert.equal(quad('2 == 2 == 2'), 0n);
  assert.equal(quad('(1 + 2) * 3'), 9n);
});

test('expressions: comparisons give -1, logical operators 1, >> is logical, / and % truncate, binary ! is or-not', () => {
  assert.equal(quad('3 == 3'), -1n);
  assert.equal(quad('3 != 3'), 0n);
  assert.equal(quad('1 <> 2'), -1n);
  assert.equal(quad('1 >= 1'), -1n);
  assert.equal(quad('2 <= 1'), 0n);
  assert.equal(quad('5 && 7'), 1n);
  assert.equal(quad('0 || 0'), 0n);
  assert.equal(quad('-1 >> 1'), 0x7fffffffffffffffn);
  assert.equal(quad('7 / -2'), -3n);
  assert.equal(quad('-7 % 3'), -1n);
  assert.equal(quad('5 ! 2'), -3n);
  assert.equal(quad('!0'), 1n);
  assert.equal(quad('~0'), -1n);
  assert.equal(quad('- - 1'), 1n);
  assert.equal(quad('0x7fffffffffffffff + 1'), -0x8000000000000000n);
});

test('numbers: hex, binary, octal, decimal; character constants with and without closing quote', () => {
  assert.deepEqual(section(ok("  .byte 0x1F, 0X1f, 0b101, 0B11, 017, 10, 'a, 'b', '\\n, '\\\\")), [0x1f, 0x1f, 5, 3, 15, 10, 0x61, 0x62, 10, 0x5c]);
});

test('strings: escapes \\t \\n \\\\ \\" octal and hex; .asciz/.string add a NUL per string', () => {
  const p = ok('  .ascii "a\\tb\\x41\\101\\\\\\"\\0\\n\\r\\b\\f"\n  .asciz "xy", "z"\n  .string "q"');
  assert.deepEqual(section(p), [0x61, 9, 0x62, 0x41, 0x41, 0x5c, 0x22, 0, 10, 13, 8, 12, 0x78, 0x79, 0, 0x7a, 0, 0x71, 0]);
});

test('symbols: .equ/.set/= define constants; .set may be redefined and each use sees the value at that point', () => {
  const p = ok(['  .equ A, 3', '  B = A * 2', '  .set C, 1', '  .byte A, B, C', '  .set C, C + 1', '  .byte C', '  mov x0, #C'].join('\n'));
  assert.deepEqual(section(p).slice(0, 4), [3, 6, 1, 2]);
  assert.equal(new DataView(Uint8Array.from(section(p)).buffer).getUint32(4, true), 0xd2800040); // mov x0, #2
});

test('symbols: forward references to later labels and .equ resolve at the end', () => {
  const p = ok(['  .word end - start, LATER', 'start: nop', 'end:', '  .equ LATER, end + 4'].join('\n'));
  const dv = new DataView(Uint8Array.from(section(p)).buffer);
  assert.equal(dv.getUint32(0, true), 4);
  assert.equal(dv.getUint32(4, true), 0x8000000c + 4);
});

test('. is the address of the current statement', () => {
  const p = ok(['  nop', 'here: .quad .', '  b .', '  .word . - here'].join('\n'));
  const dv = new DataView(Uint8Array.from(section(p)).buffer);
  assert.equal(dv.getBigUint64(4, true), 0x80000004n);
  assert.equal(dv.getUint32(12, true), 0x14000000);
  assert.equal(dv.getUint32(16, true), 12);
});

test('registers, mnemonics and directives are case-insensitive; symbols are not', () => {
  const p = ok(['  MOV X0, #1', '  .BYTE 2', 'Lab: .byte 3', 'lab: .byte 4', '  .word Lab - lab'].join('\n'));
  assert.deepEqual(section(p).slice(0, 7), [0x20, 0x00, 0x80, 0xd2, 2, 3, 4]);
});

test('predefined symbols (like as --defsym) are constants visible to .if and instructions', () => {
  const p = assemble('t.S', '.if DEBUG\n  mov x0, #LEVEL\n.else\n  nop\n.endif', { defines: { DEBUG: 1, LEVEL: 3n } });
  assert.deepEqual(p.diagnostics, []);
  assert.deepEqual(section(p), [0x60, 0x00, 0x80, 0xd2]);
});
