/**
 * Advanced SIMD floating point: per-lane arithmetic with the scalar rounding, NaN and
 * flag rules, pairwise adds (including a destination that is also a source), compares,
 * conversions, and the scalar SIMD conversion forms.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { D, IOC, IXC, S, runFp } from './cpu.simdHarness';

const JUNK = 0xdeadbeefdeadbeefdeadbeefdeadbeefn;
/** Four singles (each value rounded to single first). */
const s4 = (...xs: number[]): bigint => xs.reduce((acc, x, k) => acc | (S(Math.fround(x)) << BigInt(32 * k)), 0n);
const d2 = (a: number, b: number): bigint => D(a) | (D(b) << 64n);
const w4 = (...xs: bigint[]): bigint => xs.reduce((acc, x, k) => acc | ((x & 0xffffffffn) << BigInt(32 * k)), 0n);
const QNAN_S = 0x7fc00042n;

test('FADD/FMUL/FDIV work lane by lane; Q=0 forms zero the top half', () => {
  let r = runFp([0x4e22d420 /* fadd v0.4s */], { v: { 1: s4(1, 2, -0, 1e30), 2: s4(0.5, -2, -0, 1e30) } });
  assert.equal(r.q(0), s4(1.5, 0, -0, Math.fround(2e30)));
  r = runFp([0x6e62dc20 /* fmul v0.2d */], { v: { 1: d2(3, 1e308), 2: d2(0.25, 10) } });
  assert.deepEqual([r.q(0), r.fpsr], [d2(0.75, Infinity), 0x14 /* OFC|IXC from lane 1 */]);
  r = runFp([0x2e22fc20 /* fdiv v0.2s */], { v: { 0: JUNK, 1: s4(1, 6), 2: s4(4, 3) } });
  assert.equal(r.q(0), s4(0.25, 2));
});

test('a NaN in one lane propagates there only; an SNaN raises IOC', () => {
  const r = runFp([0x4e22d420 /* fadd v0.4s */], { v: { 1: w4(QNAN_S, S(1), 0x7f800001n, S(4)), 2: s4(1, 1, 1, 1) } });
  assert.equal(r.q(0), w4(QNAN_S, S(2), 0x7fc00001n, S(5)));
  assert.equal(r.fpsr, IOC);
});

test('FMLA/FMLS are fused per lane', () => {
  const a = 1 + 2 ** -30;
  let r = runFp([0x4e62cc20 /* fmla v0.2d */], { v: { 0: d2(-(1 + 2 ** -29), 1), 1: d2(a, 2), 2: d2(a, 3) } });
  assert.equal(r.q(0), d2(2 ** -60, 7));
  r = runFp([0x4ea2cc20 /* fmls v0.4s */], { v: { 0: s4(10, 10, 10, 10), 1: s4(1, 2, 3, 4), 2: s4(2, 2, 2, 2) } });
  assert.equal(r.q(0), s4(8, 6, 4, 2));
});

test('FADDP pairs lanes of Vn then Vm, also when Vd is one of the sources', () => {
  const n = s4(1, 2, 3, 4);
  const m = s4(10, 20, 30, 40);
  assert.equal(runFp([0x6e22d420 /* faddp v0.4s, v1.4s, v2.4s */], { v: { 1: n, 2: m } }).q(0), s4(3, 7, 30, 70));
  assert.equal(runFp([0x6e22d422 /* faddp v2.4s, v1.4s, v2.4s */], { v: { 1: n, 2: m } }).q(2), s4(3, 7, 30, 70));
  assert.equal(runFp([0x7e70d820 /* faddp d0, v1.2d */], { v: { 0: JUNK, 1: d2(0.5, 0.25) } }).q(0), D(0.75));
  assert.equal(runFp([0x7e30d820 /* faddp s0, v1.2s */], { v: { 0: JUNK, 1: s4(1, 2, 100, 100) } }).q(0), S(3));
});

test('vector compares give all-ones lanes; ordered compares signal on quiet NaNs', () => {
  let r = runFp([0x4ea0c820 /* fcmgt v0.4s, #0.0 */], { v: { 1: w4(S(1), S(-0), QNAN_S, S(-2)) } });
  assert.deepEqual([r.q(0), r.fpsr], [w4(-1n, 0n, 0n, 0n), IOC]);
  r = runFp([0x4e62e420 /* fcmeq v0.2d */], { v: { 1: d2(1, NaN), 2: d2(1, NaN) } });
  assert.deepEqual([r.q(0), r.fpsr], [(1n << 64n) - 1n, 0], 'EQ is quiet on quiet NaNs');
  r = runFp([0x6e22e420 /* fcmge v0.4s */], { v: { 1: s4(1, 2, 3, -0), 2: s4(2, 2, 2, 0) } });
  assert.equal(r.q(0), w4(0n, -1n, -1n, -1n));
});

test('FABS/FNEG change sign bits only; FSQRT and FRINTM per lane', () => {
  assert.equal(runFp([0x4ea0f820 /* fabs .4s */], { v: { 1: w4(S(-1), 0xff800001n, S(2), S(-0)) } }).q(0), w4(S(1), 0x7f800001n, S(2), 0n));
  assert.equal(runFp([0x6ee0f820 /* fneg .2d */], { v: { 1: d2(1, -0) } }).q(0), d2(-1, 0));
  const r = runFp([0x6ea1f820 /* fsqrt .4s */], { v: { 1: s4(4, 2, 0.25, -1) } });
  assert.deepEqual([r.q(0), r.fpsr], [w4(S(2), S(Math.fround(Math.SQRT2)), S(0.5), 0x7fc00000n), IOC | IXC]);
  assert.equal(runFp([0x4e619820 /* frintm .2d */], { v: { 1: d2(-0.5, 2.5) } }).q(0), d2(-1, 2));
});

test('FMAXNM prefers numbers to quiet NaNs per lane; FABD is |a - b|', () => {
  let r = runFp([0x4e22c420 /* fmaxnm .4s */], { v: { 1: w4(QNAN_S, S(1), S(-0), S(5)), 2: s4(3, 2, 0, 4) } });
  assert.equal(r.q(0), s4(3, 2, 0, 5));
  r = runFp([0x6ee2d420 /* fabd .2d */], { v: { 1: d2(1, -5), 2: d2(3, -2) } });
  assert.equal(r.q(0), d2(2, 3));
});

test('FCVTZS/FCVTZU/SCVTF/UCVTF on lanes, saturating like the scalar forms', () => {
  let r = runFp([0x4ea1b820 /* fcvtzs .4s */], { v: { 1: s4(-1.5, 3e9, -3e9, 7.9) } });
  assert.deepEqual([r.q(0), r.fpsr], [w4(-1n, 0x7fffffffn, 0x80000000n, 7n), IOC | IXC]);
  r = runFp([0x6ee1b820 /* fcvtzu .2d */], { v: { 1: d2(-1, 2 ** 63) } });
  assert.deepEqual([r.q(0), r.fpsr], [1n << 127n, IOC]);
  r = runFp([0x4e21d820 /* scvtf .4s */], { v: { 1: w4(-1n, 16777217n, 0n, 0x80000000n) } });
  assert.deepEqual([r.q(0), r.fpsr], [s4(-1, 16777216, 0, -(2 ** 31)), IXC]);
  r = runFp([0x6e61d820 /* ucvtf .2d */], { v: { 1: ((1n << 64n) - 1n) | (5n << 64n) } });
  assert.equal(r.q(0), d2(2 ** 64, 5));
});

test('scalar SIMD conversions: SCVTF Dd, Dn and FCVTZS Sd, Sn', () => {
  let r = runFp([0x5e61d820 /* scvtf d0, d1 */], { v: { 0: JUNK, 1: (7n << 64n) | ((1n << 64n) - 3n) } });
  assert.equal(r.q(0), D(-3));
  r = runFp([0x5ea1b820 /* fcvtzs s0, s1 */], { v: { 0: JUNK, 1: s4(-7.75, 1) } });
  assert.equal(r.q(0), 0xfffffff9n);
});

test('FCVTL/FCVTL2 widen, FCVTN/FCVTN2 narrow (FCVTN2 keeps the low half)', () => {
  const v1 = s4(1.5, -2, 0.1, 3);
  assert.equal(runFp([0x0e617820 /* fcvtl .2d, .2s */], { v: { 1: v1 } }).q(0), d2(1.5, -2));
  assert.equal(runFp([0x4e617820 /* fcvtl2 .2d, .4s */], { v: { 1: v1 } }).q(0), d2(Math.fround(0.1), 3));
  let r = runFp([0x0e616820 /* fcvtn .2s, .2d */], { v: { 0: JUNK, 1: d2(0.1, 1e40) } });
  assert.deepEqual([r.q(0), r.fpsr], [s4(Math.fround(0.1), Infinity), 0x14]);
  r = runFp([0x4e616820 /* fcvtn2 .4s, .2d */], { v: { 0: JUNK, 1: d2(2, 4) } });
  assert.equal(r.q(0), (s4(2, 4) << 64n) | (JUNK & ((1n << 64n) - 1n)));
});

test('FMAXP pairs lanes; FMAXNMV/FMINV reduce as op(op(e0, e1), op(e2, e3))', () => {
  assert.equal(runFp([0x6e22f420 /* fmaxp .4s */], { v: { 1: s4(1, 5, -3, -4), 2: s4(0, -0, 7, 2) } }).q(0), s4(5, -3, 0, 7));
  let r = runFp([0x6e30c820 /* fmaxnmv s0, .4s */], { v: { 0: JUNK, 1: w4(QNAN_S, S(-1), S(3), S(2)) } });
  assert.deepEqual([r.q(0), r.fpsr], [S(3), 0], 'a quiet NaN loses to numbers');
  r = runFp([0x6eb0f820 /* fminv s0, .4s */], { v: { 1: w4(S(1), S(-1), QNAN_S, S(2)) } });
  assert.deepEqual([r.q(0), r.fpsr], [QNAN_S, 0], 'FMINV propagates the NaN');
  assert.equal(runFp([0x7e70c820 /* fmaxnmp d0, v1.2d */], { v: { 1: d2(-2, -1) } }).q(0), D(-1));
});

test('scalar FP compares and FABD; FACGT compares magnitudes', () => {
  assert.equal(runFp([0x7ea2e420 /* fcmgt s0, s1, s2 */], { v: { 0: JUNK, 1: s4(2), 2: s4(1) } }).q(0), 0xffffffffn);
  assert.equal(runFp([0x7ee2ec20 /* facgt d0, d1, d2 */], { v: { 1: D(-3), 2: D(2) } }).q(0), (1n << 64n) - 1n);
  const r = runFp([0x6e22ec20 /* facge .4s */], { v: { 1: w4(S(-2), S(1), QNAN_S, S(0)), 2: s4(2, -3, 1, -0) } });
  assert.deepEqual([r.q(0), r.fpsr], [w4(-1n, 0n, 0n, -1n), IOC]);
  assert.equal(runFp([0x7ea2d420 /* fabd s0, s1, s2 */], { v: { 1: s4(1), 2: s4(4) } }).q(0), S(3));
  assert.equal(runFp([0x7ee0d820 /* fcmle d0, d1, #0.0 */], { v: { 0: JUNK, 1: D(-0) } }).q(0), (1n << 64n) - 1n);
});
