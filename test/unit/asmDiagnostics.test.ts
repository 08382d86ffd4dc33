/**
 * Malformed assembly: every case must produce exactly one diagnostic, at the given line and
 * column range (1-based, end exclusive), with this exact message — what is wrong and what
 * was expected. Assembly never stops at the first problem and never throws.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assemble } from '../../engine/asm';

type Row = [source: string, line: number, column: number, endColumn: number, severity: 'error' | 'warning', message: string];

const CASES: Row[] = [
  ["  ad x0, x1, x2", 1, 3, 5, "error", "unknown mnemonic 'ad'; did you mean 'add'?"],
  ["  movz x0", 1, 8, 10, "error", "'movz' takes 2 or 3 operands (movz <Rd>, #imm16{, lsl #shift}), found 1"],
  ["  add x0, x1", 1, 7, 13, "error", "'add' takes 3 or 4 operands (add <Rd>, <Rn>, <Rm>|#imm{, <shift|extend>}), found 2"],
  ["  add x0, x1, #5000", 1, 15, 20, "error", "immediate out of range: 5000 is not in 0 to 4095, or a multiple of 4096 up to 16773120 (0xfff000)"],
  ["  mov x0, #0x123456789", 1, 11, 23, "error", "immediate 0x123456789 cannot be moved by one instruction (it is not a 16-bit value at a 16-bit position, the inverse of one, or a logical immediate); use movz/movk or 'ldr x0, =0x123456789'"],
  ["  b undefined_label", 1, 5, 20, "error", "undefined symbol 'undefined_label'"],
  ["lab: nop\nlab: nop", 2, 1, 4, "error", "duplicate label 'lab' (first defined at t.S:1)"],
  ["  .macro m\n  nop", 1, 3, 11, "error", "unterminated .macro: missing .endm before the end of the file"],
  ["  .if 1\n  nop", 1, 3, 8, "error", "unterminated .if: missing .endif before the end of the file"],
  ["  .rept 3\n  nop", 1, 3, 10, "error", "unterminated .rept: missing .endr before the end of the file"],
  ["  .endif", 1, 3, 9, "error", "'.endif' without a matching '.if'"],
  ["  .else", 1, 3, 8, "error", "'.else' without a matching '.if'"],
  ["  .endm", 1, 3, 8, "error", "'.endm' without a matching '.macro'"],
  ["  .endr", 1, 3, 8, "error", "'.endr' without a matching '.rept/.irp/.irpc'"],
  ["  .byte", 1, 3, 8, "error", "'.byte' needs at least one value"],
  ["  .align 17", 1, 10, 12, "error", "alignment 2^17 is out of range (0 to 16)"],
  ["  .balign 3", 1, 11, 12, "error", "alignment 3 is not a power of two between 1 and 65536"],
  ["  .bytee 1", 1, 3, 9, "error", "unknown directive '.bytee'; did you mean '.byte'?"],
  ["  .byte \"str\"", 1, 9, 14, "error", "string \"str\" where an expression was expected"],
  ["  add x0, x1, w2", 1, 15, 17, "error", "operand 3 must be a 64-bit (x) register like operand 1, not 'w2'"],
  ["  ldr x0, [x1, #32761]", 1, 16, 22, "error", "offset out of range: 32761 must be a multiple of 8 in 0 to 32760, or in -256 to 255"],
  ["  b 1f", 1, 5, 7, "error", "'1f' refers forward to local label '1', which is not defined after this point"],
  ["  b 1b", 1, 5, 7, "error", "'1b' refers back to local label '1', which is not defined before this point"],
  ["  b .+2", 1, 5, 8, "error", "branch target 0x80000002 is not 4-byte aligned (offset 2 from this instruction)"],
  ["x: tbz x0, #64, x", 1, 12, 15, "error", "bit number out of range: 64 is not in 0 to 63"],
  ["  svc #0x10000", 1, 7, 15, "error", "immediate out of range: 65536 is not in 0 to 65535"],
  ["  lsl x0, x1, #64", 1, 15, 18, "error", "shift amount out of range: 64 is not in 0 to 63"],
  ["  mov x0, x1, x2", 1, 7, 17, "error", "'mov' takes 2 operands (mov <Rd>, <Rm>|#imm), found 3"],
  ["  ldr x0, [x1", 1, 14, 15, "error", "expected ']', found end of line"],
  ["  ldr x0, [w1]", 1, 12, 14, "error", "expected a 64-bit base register (x0-x30 or sp) after '[', found 'w1'"],
  ["  .include \"missing.S\"  // resolver knows no such file", 1, 12, 23, "error", "cannot include \"missing.S\": file not found"],
  ["  .equiv E, 1\n  .equiv E, 2", 2, 10, 11, "error", "symbol 'E' is already defined (at t.S:1)"],
  ["  .byte 1 +", 1, 12, 13, "error", "expected an expression, found end of line"],
  ["  .byte (1", 1, 11, 12, "error", "expected ')', found end of line"],
  ["  .byte 1/0", 1, 9, 12, "error", "division by zero"],
  ["  mrs x0, foo_el1", 1, 11, 18, "error", "unknown system register 'foo_el1'; did you mean 'far_el1'?"],
  ["  msr daifset, #16", 1, 16, 19, "error", "immediate out of range: 16 is not in 0 to 15"],
  ["  dmb foo", 1, 7, 10, "error", "operand 1 must be a barrier option (oshld, oshst, osh, nshld, nshst, nsh, ishld, ishst, ish, ld, st, sy) or #0-15, not 'foo'"],
  ["  csel x0, x1, x2, xx", 1, 20, 22, "error", "operand 4 must be a condition (eq, ne, cs/hs, cc/lo, mi, pl, vs, vc, hi, ls, ge, lt, gt, le, al, nv), not 'xx'"],
  ["  cset x0, al", 1, 12, 14, "error", "condition 'al' is not allowed here (al and nv cannot be inverted)"],
  ["  ldp x0, x1, [x2, #3]", 1, 20, 22, "error", "offset 3 is not a multiple of 8"],
  ["  stxr w0, x0, [x1]", 1, 8, 10, "warning", "status register 'w0' is also operand 2: the result is unpredictable"],
  ["  ubfx x0, x1, #60, #8", 1, 21, 23, "error", "width out of range: 8 is not in 1 to 4"],
  ["  and x0, x1, #0", 1, 15, 17, "error", "immediate 0x0 cannot be encoded as a logical immediate (it must be a repeating pattern of a rotated run of ones)"],
  ["  add x0, xzr, #1", 1, 11, 14, "error", "operand 2: 'xzr' is not allowed with an immediate: register 31 is the stack pointer here"],
  ["  .section", 1, 3, 11, "error", "'.section' needs a section name"],
  ["  str x0, =1", 1, 11, 13, "error", "'=' literals are only allowed as the second operand of 'ldr' (x, w, s, d or q register) or 'ldrsw'"],
  ["  fmov d0, #0.1", 1, 12, 16, "error", "0.1 cannot be an FMOV immediate: it must be ±n/16 × 2^e with n in 16..31 and e in -3..4 (e.g. 1.0, 0.5, -2.5, 31.0)"],
  ["  nop x0", 1, 7, 9, "error", "'nop' takes 0 operands (nop), found 1"],
  ["  .macro m a\n  .endm\n  m 1, 2", 3, 3, 9, "error", "too many arguments for macro 'm' (it takes 1)"],
  ["  .macro m a:req\n  .endm\n  m", 3, 3, 4, "error", "missing value for required parameter 'a' of macro 'm'"],
  ["  .ascii \"unterminated", 1, 10, 23, "error", "missing closing quote of string"],
  ["  nop /* unterminated comment", 1, 7, 9, "error", "unterminated comment: '/*' without '*/'"],
  ["  ldr x0, [x1, x2, lsl #2]", 1, 20, 26, "error", "shift amount must be 0 or 3 for this access size, not 2"],
  ["  adr x0, far\n  .skip 0x100000\nfar:", 1, 11, 14, "error", "adr target out of range: offset 1048580 is not in -1048576 to 1048575 (±1 MiB)"],
  ["  .byte 1\n  .org 0", 2, 8, 9, "error", "'.org' cannot move the location counter backwards (from 1 to 0)"],
  ["  add x0, x1, x2, ror #3", 1, 19, 25, "error", "'ror' is not allowed with 'add'; use lsl, lsr or asr"],
  ["  1234", 1, 3, 7, "error", "expected a label, directive or instruction, found '1234'"],
  ["  casp x1, x2, x3, x4, [x5]", 1, 8, 10, "error", "operand 1 must be an even-numbered register (x0, x2, … x28)"],
  ["  add x0, x1, #1, lsl #3", 1, 19, 25, "error", "shift amount must be 0 or 12, not 3"],
  ["  .type foo, %bogus", 1, 8, 20, "error", "unknown symbol type 'bogus' (expected function, object or notype)"],
  ["  .macro m\n  .endm\n  .macro m\n  .endm", 3, 3, 11, "error", "macro 'm' is already defined (use .purgem first to redefine it)"],
  ["lab: .set lab, 1", 1, 11, 14, "error", "symbol 'lab' is already defined (at t.S:1)"],
  ["  mov x0, #sym", 1, 12, 15, "error", "undefined symbol 'sym'"],
  ["  ldrb x0, [x1]", 1, 8, 10, "error", "operand 1 must be a 32-bit register (w0-w30 or wzr), not 'x0'"],
  ["  mov x0, w1", 1, 11, 13, "error", "operand 2 must be a 64-bit (x) register like operand 1, not 'w1'"],
  ["  add sp, sp, x1, lsr #2", 1, 19, 25, "error", "only 'lsl' is allowed when the stack pointer is an operand, not 'lsr'"],
  ["  .word 1, , 2", 1, 12, 13, "error", "expected an expression, found ','"],
  ["  b.eq x0", 1, 8, 10, "error", "operand 1 must be a label, not register 'x0'"],
  ["  ret w0", 1, 7, 9, "error", "operand 1 must be a 64-bit register (x0-x30 or xzr), not 'w0'"],
  ["  .quad 1 2", 1, 11, 12, "error", "unexpected '2' after the arguments"],
  ["  mov x0, #1 foo", 1, 14, 17, "error", "unexpected 'foo' in operand 2"],
  ["  ldr x0, [x1], #256", 1, 17, 21, "error", "post-index offset out of range: 256 is not in -256 to 255"],
  ["  aese v0.16b, v1.16b", 1, 3, 7, "error", "'aese' is an A64 instruction the emulated CPU does not implement (cryptography (AES, SHA, SM3/SM4, SHA3))"],
  ["  mov v0.4s, v1.4s", 1, 7, 12, "error", "operand 1 must be a vector register with an arrangement (like v0.4s): .8b, .16b, not 'v0.4s'"],
  ["  add v0.4s, v1.4s, v2.2s", 1, 21, 26, "error", "operand 3 must have the same arrangement as operand 1 (.4s), not 'v2.2s'"],
  ["  mul v0.2d, v1.2d, v2.2d", 1, 7, 26, "error", "this combination of operands is not a valid 'mul' instruction (the emulated CPU decodes no instruction from it)"],
  ["  add v0.4s, v1.4s, x2", 1, 21, 23, "error", "operand 3 must be a vector register with an arrangement (like v0.4s), not register 'x2'"],
  ["  ld1 {v0.4s, v2.4s}, [x0]", 1, 15, 20, "error", "the registers of a list must be consecutive (v0, v1, … wrapping after v31)"],
  ["  ld1 {v0.4s}, [x0], #8", 1, 22, 24, "error", "post-index immediate must be 16, the number of bytes transferred, not 8"],
  ["  mul v0.8h, v1.8h, v16.h[1]", 1, 21, 29, "error", "with 16-bit elements the indexed register must be v0-v15, not 'v16.h'"],
  ["  dup v0.4s, v1.s[4]", 1, 14, 21, "error", "element index out of range: 4 is not in 0 to 3 for .s elements"],
  ["  ext v0.16b, v1.16b, v2.16b, #16", 1, 31, 34, "error", "index out of range: 16 is not in 0 to 15"],
  ["  sshr v0.4s, v1.4s, #0", 1, 22, 24, "error", "shift amount out of range: 0 is not in 1 to 32"],
  ["  movi v0.4s, #256", 1, 15, 19, "error", "immediate out of range: 256 is not in -128 to 255"],
  ["  movi d0, #0x1234", 1, 12, 19, "error", "immediate 0x1234: every byte of a 64-bit MOVI immediate must be 0x00 or 0xff"],
  ["  fmov v0.4s, #0.1", 1, 15, 19, "error", "0.1 cannot be an FMOV immediate: it must be ±n/16 × 2^e with n in 16..31 and e in -3..4"],
  ["  xtn v0.8h, v1.8b", 1, 7, 12, "error", "operand 1 must be .8b, .4h or .2s, not 'v0.8h'"],
  ["  tbl v0.16b, {v1.4s}, v2.16b", 1, 16, 21, "error", "table registers are .16b, not 'v1.4s'"],
  ["  addv d0, v1.2d", 1, 8, 17, "error", "this combination of operands is not a valid 'addv' instruction (the emulated CPU decodes no instruction from it)"],
  ["  fadd v0.8h, v1.8h, v2.8h", 1, 8, 13, "error", "'v0.8h': floating-point vectors are .2s, .4s or .2d"],
  ["  saddl v0.4s, v1.8b, v2.8b", 1, 9, 14, "error", "operand 1 must be .8h to match 'v1.8b', not 'v0.4s'"],
  ["  ld1 {v0.s}[1], [x0, #4]", 1, 18, 26, "error", "structure loads and stores take [Xn|SP], optionally post-indexed: [Xn], #imm or [Xn], Xm"],
  ["  fmla v0.4s, v1.4s, v2.d[0]", 1, 22, 29, "error", "operand 3: element size must be s, not 'v2.d'"],
  ["  umov w0, v1.d[0]", 1, 12, 19, "error", "operand 2: element size must be b, h, s, not 'v1.d'"],
  ["  orr v0.4s, v1.4s", 1, 7, 19, "error", "'orr' takes 3 operands (orr <Vd>.<T>, <Vn>.<T>, <Vm>.<T>), found 2"],
];

test(`${CASES.length} malformed inputs each give one precise diagnostic`, () => {
  assert.ok(CASES.length >= 40);
  for (const [source, line, column, endColumn, severity, message] of CASES) {
    const p = assemble('t.S', source, { includeResolver: () => undefined });
    const got = p.diagnostics.map((d) => [d.line, d.column, d.endColumn, d.severity, d.message]);
    assert.deepEqual(got, [[line, column, endColumn, severity, message]], `for ${JSON.stringify(source)}`);
    assert.equal(p.ok, severity !== 'error');
  }
});

test('problems are collected, not thrown: every bad line of a file is reported, in order', () => {
  const p = assemble('t.S', ['  ad x0, x1, x2', '  nop', '  add x0, x1, #5000', '  b nowhere', '  .bytee 1', 'ok: ret', '  mov x0, #0x123456789'].join('\n'));
  assert.deepEqual(p.diagnostics.map((d) => d.line), [1, 3, 4, 5, 7]);
  assert.equal(p.ok, false);
  // The good lines are still assembled where they belong.
  // Lines that fail to parse emit nothing; an encoding error leaves a zero word.
  assert.equal(p.symbols.find((s) => s.name === 'ok')?.address, 0x8000000c);
});

test('diagnostics in an included file carry that file name', () => {
  const p = assemble('main.S', '  .include "lib.S"\n  nop\n', {
    includeResolver: (path) => ({ file: `dir/${path}`, text: '  nop\n  bad_op x1\n' }),
  });
  assert.deepEqual(
    p.diagnostics.map((d) => [d.file, d.line, d.column, d.endColumn, d.message]),
    [['dir/lib.S', 2, 3, 9, "unknown mnemonic 'bad_op'"]],
  );
});

test('an include cycle is reported instead of recursing forever', () => {
  const p = assemble('a.S', '  .include "a.S"\n', { includeResolver: (path) => ({ file: path, text: '  .include "a.S"\n' }) });
  assert.equal(p.ok, false);
  assert.match(p.diagnostics[0].message, /nested more than 32 deep/);
});

test('runaway recursion in a macro is stopped with a message', () => {
  const p = assemble('t.S', '.macro forever\n  forever\n.endm\n  forever\n');
  assert.equal(p.ok, false);
  assert.match(p.diagnostics[0].message, /nested more than 100 deep/);
});
