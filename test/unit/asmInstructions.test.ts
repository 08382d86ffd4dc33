/**
 * Instruction encodings where GNU as picks among several: alias selection, immediate
 * forms, addressing-form choice. Expected words come from aarch64-linux-gnu-as 2.40
 * (the differential test checks whole corpora; these run without binutils installed).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DIRECTIVE_NAMES, assemble, mnemonics, parseRegisterName, systemRegisterNames } from '../../engine/asm';

function word(line: string): number {
  const p = assemble('t.S', `  ${line}\n`);
  assert.deepEqual(p.diagnostics.map((d) => d.message), [], line);
  return new DataView(p.segments[0].bytes.buffer, p.segments[0].bytes.byteOffset).getUint32(0, true);
}

function check(cases: Array<[string, number]>): void {
  for (const [line, want] of cases) assert.equal(word(line).toString(16), want.toString(16), line);
}

test('ADD/SUB immediates: negative values flip the operation, large multiples of 4096 use lsl #12', () => {
  check([
    ['add x0, x1, #-1', 0xd1000420],
    ['sub x0, x1, #-4096', 0x91400420],
    ['cmp x0, #-1', 0xb100041f],
    ['cmn w0, #-5', 0x7100141f],
    ['adds x0, x1, #-2', 0xf1000820],
    ['add x0, x0, #4096*2', 0x91400800],
    ['sub w0, w1, #4095', 0x513ffc20],
  ]);
});

test('register operands: SP selects the extended form (UXTX/UXTW), otherwise the shifted form', () => {
  check([
    ['add x0, sp, x1', 0x8b2163e0],
    ['add sp, x0, x1', 0x8b21601f],
    ['add x0, sp, x1, lsl #2', 0x8b216be0],
    ['add x0, x1, x2, lsl #2', 0x8b020820],
    ['cmp sp, x1', 0xeb2163ff],
    ['neg x0, x1, lsl #3', 0xcb010fe0],
    ['mvn w0, w1, ror #3', 0x2ae10fe0],
  ]);
});

test('MOV: register, to/from SP, and immediates as MOVZ, then MOVN, then ORR bitmask', () => {
  check([
    ['mov x1, sp', 0x910003e1],
    ['mov sp, x2', 0x9100005f],
    ['mov w1, wsp', 0x110003e1],
    ['mov x0, x1', 0xaa0103e0],
    ['mov x0, #0x10000', 0xd2a00020],
    ['mov w0, #-2', 0x12800020],
    ['mov x0, #0xffffffff', 0xb2407fe0],
    ['mov w0, #0xffffffff', 0x12800000],
    ['mov x0, #0x5555555555555555', 0xb200f3e0],
    ['mov w0, #0x00ff00ff', 0x32009fe0],
    ['mov x0, #0', 0xd2800000],
    ['uxtw x0, w1', 0x2a0103e0],
  ]);
});

test('logical immediates, BIC #imm as AND #~imm, TST, bitfield and shift aliases', () => {
  check([
    ['bic x0, x1, #0xff', 0x9278dc20],
    ['tst x0, #1', 0xf240001f],
    ['ands x0, x1, #0xf0', 0xf27c0c20],
    ['lsl x0, x1, #3', 0xd37df020],
    ['ror x0, x1, #3', 0x93c10c20],
    ['ubfiz x0, x1, #4, #8', 0xd37c1c20],
    ['sxtw x0, w1', 0x93407c20],
    ['sxtb x0, w1', 0x93401c20],
    ['uxtb w0, w1', 0x53001c20],
    ['cset w0, eq', 0x1a9f17e0],
    ['cinc x0, x1, lt', 0x9a81a420],
    ['mul x0, x1, x2', 0x9b027c20],
    ['smull x0, w1, w2', 0x9b227c20],
    ['umulh x0, x1, x2', 0x9bc27c20],
  ]);
});

test('loads and stores: unscaled offsets choose LDUR, register offsets set S as GNU as does, exclusives fill unused fields with ones', () => {
  check([
    ['ldr x0, [x1, #3]', 0xf8403020],
    ['ldr x0, [x1, #-8]', 0xf85f8020],
    ['ldr x0, [x1, #8]!', 0xf8408c20],
    ['ldr x0, [x1], #-8', 0xf85f8420],
    ['ldr x0, [x1, #0]', 0xf9400020],
    ['ldrb w0, [x1, x2, lsl #0]', 0x38627820],
    ['ldrb w0, [x1, x2]', 0x38626820],
    ['ldrb w0, [x1, w2, uxtw #0]', 0x38625820],
    ['ldr x0, [x1, x2, lsl #0]', 0xf8626820],
    ['ldr w0, [x1, w2, sxtw #2]', 0xb862d820],
    ['ldxr x0, [x1]', 0xc85f7c20],
    ['stxr w2, x0, [x1]', 0xc8027c20],
    ['ldar x0, [x1]', 0xc8dffc20],
    ['ldxp x0, x1, [x2]', 0xc87f0440],
    ['stadd w0, [x1]', 0xb820003f],
    ['casp x0, x1, x2, x3, [x4]', 0x48207c82],
    ['prfm pstl3strm, [x0, x1]', 0xf8a16815],
    ['ldp x0, x1, [sp, #-16]!', 0xa9ff07e0],
    ['stp q0, q1, [sp, #-32]!', 0xadbf07e0],
    ['str h2, [x0, #-2]', 0x7c1fe002],
  ]);
});

test('floating point: FMOV immediates, compares with zero, conversions', () => {
  check([
    ['fmov s1, #1', 0x1e2e1001],
    ['fmov s2, #-1.5', 0x1e3f1002],
    ['fmov d3, #31.0', 0x1e67f003],
    ['fcmp d0, #0', 0x1e602008],
    ['fcvt h0, d1', 0x1e63c020],
    ['fmov x0, v1.d[1]', 0x9eae0020],
    ['fcvtzs w0, d1, #32', 0x1e588020],
    ['fccmpe d0, d1, #3, eq', 0x1e610413],
  ]);
});

test('SIMD: modified immediates, MOV aliases, element moves, structure loads', () => {
  check([
    ['movi v0.2d, #0xff00ff00ff00ff00', 0x6f05e540],
    ['movi d1, #0xff', 0x2f00e421],
    ['movi v0.2s, #0x12, msl #8', 0x0f00c640],
    ['mvni v0.4s, #0x12, lsl #24', 0x6f006640],
    ['bic v0.8h, #0x12', 0x6f009640],
    ['fmov v0.2d, #-2.0', 0x6f04f400],
    ['mov v0.16b, v1.16b', 0x4ea11c20],
    ['mov v0.s[1], v1.s[3]', 0x6e0c6420],
    ['mov w0, v1.s[1]', 0x0e0c3c20],
    ['mov d0, v1.d[1]', 0x5e180420],
    ['uxtl2 v0.4s, v1.8h', 0x6f10a420],
    ['mul v0.8h, v1.8h, v15.h[7]', 0x4f7f8820],
    ['fmla s0, s1, v2.s[3]', 0x5fa21820],
    ['tbx v0.8b, {v31.16b, v0.16b, v1.16b}, v3.8b', 0x0e0353e0],
    ['ld1 {v0.16b, v1.16b, v2.16b, v3.16b}, [x0], #64', 0x4cdf2000],
    ['ld1 {v0.d}[1], [x0], #8', 0x4ddf8400],
    ['ld2 {v0.b, v1.b}[15], [x1], x2', 0x4de21c20],
  ]);
});

test('system: barriers, named hints, system registers and SYS aliases', () => {
  check([
    ['dsb ish', 0xd5033b9f],
    ['isb', 0xd5033fdf],
    ['csdb', 0xd503229f],
    ['mrs x0, sctlr_el1', 0xd5381000],
    ['msr vbar_el1, x1', 0xd518c001],
    ['msr daifset, #2', 0xd50342df],
    ['mrs x17, s3_0_c1_c0_0', 0xd5381011],
    ['dc civac, x0', 0xd50b7e20],
    ['tlbi vmalle1', 0xd508871f],
  ]);
});

test('the vocabulary API lists what the assembler accepts (for editors)', () => {
  const m = mnemonics();
  for (const name of ['add', 'mov', 'ldr', 'ldaddal', 'b.eq', 'beq', 'cset', 'fmadd', 'ld1', 'movi', 'tlbi', 'mrs']) assert.ok(m.includes(name), name);
  assert.ok(!m.includes('aese'));
  assert.deepEqual([...m].sort(), m);
  assert.ok(DIRECTIVE_NAMES.includes('.macro') && DIRECTIVE_NAMES.includes('.ltorg') && DIRECTIVE_NAMES.includes('.ifdef'));
  assert.ok(systemRegisterNames().includes('sctlr_el1'));
  assert.equal(parseRegisterName('X30', { start: 0, end: 0 })?.t, 'gpr');
  assert.equal(parseRegisterName('v7.4s', { start: 0, end: 0 })?.t, 'vec');
  assert.equal(parseRegisterName('x31', { start: 0, end: 0 }), undefined);
});
