/**
 * FP/SIMD decoding: line names and fields for representative words, assembling back
 * through `encodeFields`, reserved field values decoding as UNDEFINED, and the
 * fixed-point SIMD conversions.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { a64Table } from '../../engine/cpu/encodings';
import { bareMachine, HVC0 } from '../helpers/bareCpu';
import { D, S, runFp } from './cpu.simdHarness';

const NAMED: Array<[number, string, string]> = [
  [0x1e622820, 'FP_2src', 'fadd d0, d1, d2'],
  [0x1f420c20, 'FP_3src', 'fmadd d0, d1, d2, d3'],
  [0x9e780020, 'FCVTZS_int', 'fcvtzs x0, d1'],
  [0x9eaf0020, 'FMOV_from_general_top', 'fmov v0.d[1], x1'],
  [0x4e228420, 'ADD_vector', 'add v0.16b, v1.16b, v2.16b'],
  [0x5ee28420, 'ADD_scalar', 'add d0, d1, d2'],
  [0x4ea11c20, 'ORR_vector_reg', 'mov v0.16b, v1.16b'],
  [0x4f05e560, 'MOVI', 'movi v0.16b, #0xab'],
  [0x6f0797e0, 'BIC_vector_imm', 'bic v0.8h, #0xff'],
  [0x4e160420, 'DUP_element', 'dup v0.8h, v1.h[5]'],
  [0x0e133c20, 'UMOV', 'umov w0, v1.b[9]'],
  [0x4e050020, 'TBL', 'tbl v0.16b, {v1.16b}, v5.16b'],
  [0x2f08a420, 'USHLL', 'uxtl v0.8h, v1.8b'],
  [0x2ea2c020, 'UMULL_vector', 'umull v0.2d, v1.2s, v2.2s'],
  [0x4fa21020, 'FMLA_elem', 'fmla v0.4s, v1.4s, v2.s[1]'],
  [0x7e70d820, 'FADDP_scalar', 'faddp d0, v1.2d'],
  [0x4f30e420, 'SCVTF_fix_vector', 'scvtf v0.4s, v1.4s, #16'],
];

test('representative words decode to their named lines, and encodeFields rebuilds them', () => {
  const t = a64Table();
  for (const [word, name, text] of NAMED) {
    const m = t.match(word);
    assert.ok(m, `${text} decodes`);
    assert.equal(m.enc.spec.name, name, text);
    assert.equal(t.encodeFields(name, m.fields), word, `${text} re-encodes`);
  }
});

test('reserved field values are UNDEFINED', () => {
  const reserved: Array<[number, string]> = [
    [0x0ee28420, 'add v0.1d, v1.1d, v2.1d (size 11 with Q=0)'],
    [0x4e000420, 'dup with imm5 = 00000'],
    [0x2f03f700, 'fmov v0.1d, #imm (double lanes need Q=1)'],
    [0x0eb1b820, 'addv s0, v1.2s'],
    [0x1ea22820, 'fadd with ftype 10'],
    [0x1e580020, 'fcvtzs w0, d1, #64 (32-bit form, scale < 32)'],
  ];
  for (const [word, what] of reserved) {
    const m = bareMachine([word, HVC0]);
    const exit = m.run();
    assert.equal(exit.kind, 'unhandled-exception', what);
    if (exit.kind === 'unhandled-exception') assert.equal(exit.ec, 0, what);
  }
});

test('fixed-point SIMD conversions scale by 2^fbits', () => {
  const four = (...xs: number[]): bigint => xs.reduce((a, x, k) => a | ((BigInt(x) & 0xffffffffn) << BigInt(32 * k)), 0n);
  const s4 = (...xs: number[]): bigint => xs.reduce((a, x, k) => a | (S(x) << BigInt(32 * k)), 0n);
  assert.equal(runFp([0x4f30e420 /* scvtf v0.4s, v1.4s, #16 */], { v: { 1: four(0x18000, -0x10000, 1, 0) } }).q(0), s4(1.5, -1, 2 ** -16, 0));
  assert.equal(runFp([0x7f78fc20 /* fcvtzu d0, d1, #8 */], { v: { 1: D(1.75) } }).q(0), 448n);
  const r = runFp([0x4f7ffc20 /* fcvtzs v0.2d, v1.2d, #1 */], { v: { 1: D(-2.75) | (D(2 ** 63) << 64n) } });
  assert.deepEqual([r.q(0), r.fpsr], [((1n << 64n) - 5n) | (0x7fffffffffffffffn << 64n), 0x11 /* IOC|IXC */]);
});
