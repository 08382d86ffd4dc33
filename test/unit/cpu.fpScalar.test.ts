/**
 * Scalar FP arithmetic, compare and select: results, NaN propagation, signed zeros,
 * FPSR flags and FPCR modes, with expectations from the Arm ARM pseudocode
 * (cross-checked against unicorn/qemu while developing).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { D, DN, DZC, FZ, IDC, IOC, IXC, OFC, RM, RN, RP, RZ, S, UFC, runFp } from './cpu.simdHarness';
import { bareMachine, HVC0 } from '../helpers/bareCpu';

const FADD_D = 0x1e622820; // fadd d0, d1, d2
const FADD_S = 0x1e222820; // fadd s0, s1, s2
const FSUB_D = 0x1e623820; // fsub d0, d1, d2
const FMUL_D = 0x1e620820; // fmul d0, d1, d2
const FMUL_S = 0x1e220820; // fmul s0, s1, s2
const FDIV_D = 0x1e621820; // fdiv d0, d1, d2
const FDIV_S = 0x1e221820; // fdiv s0, s1, s2
const FNMUL_D = 0x1e628820; // fnmul d0, d1, d2
const FMAX_D = 0x1e624820; // fmax d0, d1, d2
const FMIN_D = 0x1e625820; // fmin d0, d1, d2
const FMAXNM_D = 0x1e626820; // fmaxnm d0, d1, d2
const FMINNM_D = 0x1e627820; // fminnm d0, d1, d2
const FMAX_S = 0x1e224820; // fmax s0, s1, s2
const FMADD_D = 0x1f420c20; // fmadd d0, d1, d2, d3
const FMSUB_D = 0x1f428c20; // fmsub d0, d1, d2, d3
const FNMADD_D = 0x1f620c20; // fnmadd d0, d1, d2, d3
const FNMSUB_D = 0x1f628c20; // fnmsub d0, d1, d2, d3
const FMADD_S = 0x1f020c20; // fmadd s0, s1, s2, s3
const FSQRT_D = 0x1e61c020; // fsqrt d0, d1
const FSQRT_S = 0x1e21c020; // fsqrt s0, s1
const FABS_D = 0x1e60c020; // fabs d0, d1
const FNEG_S = 0x1e214020; // fneg s0, s1
const FMOV_D = 0x1e604020; // fmov d0, d1
const FCMP_D = 0x1e622020; // fcmp d1, d2
const FCMPE_D = 0x1e622030; // fcmpe d1, d2
const FCMP_S0 = 0x1e202028; // fcmp s1, #0.0
const FCMPE_D0 = 0x1e602038; // fcmpe d1, #0.0
const FCCMP_D = 0x1e620424; // fccmp d1, d2, #4, eq
const FCSEL_D = 0x1e62bc20; // fcsel d0, d1, d2, lt
const FCVT_SD = 0x1e624020; // fcvt s0, d1
const FCVT_DS = 0x1e22c020; // fcvt d0, s1
const FCVT_HS = 0x1e23c020; // fcvt h0, s1
const FCVT_SH = 0x1ee24020; // fcvt s0, h1
const FMOV_D_15 = 0x1e6f1000; // fmov d0, #1.5
const FMOV_S_M2 = 0x1e301000; // fmov s0, #-2.0
const FMOV_D_31 = 0x1e67f000; // fmov d0, #31.0

const JUNK = 0xdeadbeefdeadbeefdeadbeefdeadbeefn;
const QNAN_D = 0x7ff8000000000123n; // quiet, payload 0x123
const SNAN_D = 0x7ff0000000000456n; // signaling, payload 0x456
const QNAN_S = 0x7fc00123n;
const SNAN_S = 0x7f800456n;
const DEFAULT_NAN_D = 0x7ff8000000000000n;
const MIN_SUB_D = 1n; // 2^-1074
const MAX_D = 0x7fefffffffffffffn;

test('FADD: exact sums raise nothing, inexact ones raise IXC; the rest of Vd is zeroed', () => {
  let r = runFp([FADD_D], { v: { 0: JUNK, 1: D(1.5), 2: D(2.25) } });
  assert.equal(r.q(0), D(3.75));
  assert.equal(r.fpsr, 0);
  r = runFp([FADD_D], { v: { 1: D(1), 2: D(2 ** -60) } });
  assert.equal(r.d(0), D(1));
  assert.equal(r.fpsr, IXC);
  r = runFp([FADD_S], { v: { 0: JUNK, 1: S(1), 2: S(2 ** -30) } });
  assert.equal(r.q(0), S(1));
  assert.equal(r.fpsr, IXC);
});

test('FADD/FSUB: exact zero is +0 except -0 + -0, and -0 when rounding toward minus infinity', () => {
  assert.equal(runFp([FSUB_D], { v: { 1: D(1), 2: D(1) } }).d(0), D(0));
  assert.equal(runFp([FSUB_D], { v: { 1: D(1), 2: D(1) }, fpcr: RM }).d(0), D(-0));
  assert.equal(runFp([FADD_D], { v: { 1: D(-0), 2: D(-0) } }).d(0), D(-0));
  assert.equal(runFp([FADD_D], { v: { 1: D(-0), 2: D(0) } }).d(0), D(0));
});

test('NaN propagation: SNaN beats QNaN regardless of order, is quieted and raises IOC; payload kept', () => {
  let r = runFp([FADD_D], { v: { 1: QNAN_D, 2: SNAN_D } });
  assert.equal(r.d(0), SNAN_D | (1n << 51n));
  assert.equal(r.fpsr, IOC);
  r = runFp([FADD_D], { v: { 1: QNAN_D, 2: 0xfff8000000000777n } });
  assert.equal(r.d(0), QNAN_D, 'first quiet NaN wins');
  assert.equal(r.fpsr, 0);
  r = runFp([FMUL_S], { v: { 1: S(2), 2: SNAN_S } });
  assert.equal(BigInt(r.s(0)), SNAN_S | 0x400000n);
  assert.equal(r.fpsr, IOC);
  r = runFp([FADD_D], { v: { 1: QNAN_D, 2: D(1) }, fpcr: DN });
  assert.equal(r.d(0), DEFAULT_NAN_D, 'FPCR.DN substitutes the default NaN');
});

test('invalid operations give the default NaN with IOC; division by zero gives infinity with DZC', () => {
  let r = runFp([FSUB_D], { v: { 1: D(Infinity), 2: D(Infinity) } });
  assert.deepEqual([r.d(0), r.fpsr], [DEFAULT_NAN_D, IOC]);
  r = runFp([FMUL_D], { v: { 1: D(0), 2: D(-Infinity) } });
  assert.deepEqual([r.d(0), r.fpsr], [DEFAULT_NAN_D, IOC]);
  r = runFp([FDIV_D], { v: { 1: D(-3), 2: D(0) } });
  assert.deepEqual([r.d(0), r.fpsr], [D(-Infinity), DZC]);
  r = runFp([FDIV_D], { v: { 1: D(0), 2: D(-0) } });
  assert.deepEqual([r.d(0), r.fpsr], [DEFAULT_NAN_D, IOC]);
  r = runFp([FDIV_S], { v: { 1: S(Infinity), 2: S(0) } });
  assert.deepEqual([BigInt(r.s(0)), r.fpsr], [S(Infinity), 0], 'inf / 0 is an exact infinity');
});

test('FDIV: inexact quotients raise IXC, exact ones do not', () => {
  let r = runFp([FDIV_D], { v: { 1: D(1), 2: D(3) } });
  assert.deepEqual([r.d(0), r.fpsr], [D(1 / 3), IXC]);
  r = runFp([FDIV_D], { v: { 1: D(1), 2: D(4) } });
  assert.deepEqual([r.d(0), r.fpsr], [D(0.25), 0]);
  r = runFp([FDIV_S], { v: { 1: S(1), 2: S(3) } });
  assert.deepEqual([BigInt(r.s(0)), r.fpsr], [S(Math.fround(1 / 3)), IXC]);
});

test('overflow: infinity with OFC|IXC in RN, the largest finite value when rounding toward zero', () => {
  let r = runFp([FMUL_D], { v: { 1: MAX_D, 2: D(2) } });
  assert.deepEqual([r.d(0), r.fpsr], [D(Infinity), OFC | IXC]);
  r = runFp([FMUL_D], { v: { 1: MAX_D, 2: D(2) }, fpcr: RZ });
  assert.deepEqual([r.d(0), r.fpsr], [MAX_D, OFC | IXC]);
  r = runFp([FMUL_D], { v: { 1: MAX_D, 2: D(-2) }, fpcr: RP });
  assert.deepEqual([r.d(0), r.fpsr], [MAX_D | (1n << 63n), OFC | IXC]);
  r = runFp([FMUL_S], { v: { 1: S(2 ** 127), 2: S(2) } });
  assert.deepEqual([BigInt(r.s(0)), r.fpsr], [S(Infinity), OFC | IXC]);
});

test('underflow: UFC only when the result is tiny and inexact (tininess before rounding)', () => {
  // 2^-1074 * 0.5 = 2^-1075: ties to even gives +0, tiny and inexact.
  let r = runFp([FMUL_D], { v: { 1: MIN_SUB_D, 2: D(0.5) } });
  assert.deepEqual([r.d(0), r.fpsr], [0n, UFC | IXC]);
  // An exact subnormal result raises nothing.
  r = runFp([FMUL_D], { v: { 1: 4n, 2: D(0.5) } });
  assert.deepEqual([r.d(0), r.fpsr], [2n, 0]);
  // Rounding up to the smallest normal still underflows: the exact value was tiny.
  r = runFp([FMUL_D], { v: { 1: 0x000fffffffffffffn, 2: D(1 + 2 ** -52) } });
  assert.deepEqual([r.d(0), r.fpsr], [0x0010000000000000n, UFC | IXC]);
  // (1 + 2^-10) * 2^-140 lies halfway between two single subnormals: ties to even.
  r = runFp([FMUL_S], { v: { 1: S((1 + 2 ** -10) * 2 ** -100), 2: S(2 ** -40) } });
  assert.deepEqual([BigInt(r.s(0)), r.fpsr], [0x200n, UFC | IXC]);
});

test('flush-to-zero: subnormal inputs read as zero (IDC), tiny results become zero (UFC)', () => {
  let r = runFp([FADD_D], { v: { 1: 0x0008000000000000n, 2: D(1) }, fpcr: FZ });
  assert.deepEqual([r.d(0), r.fpsr], [D(1), IDC]);
  r = runFp([FMUL_D], { v: { 1: D(2 ** -1000), 2: D(-(2 ** -30)) }, fpcr: FZ });
  assert.deepEqual([r.d(0), r.fpsr], [D(-0), UFC]);
});

test('directed rounding modes apply to arithmetic', () => {
  const third = (fpcr: number): bigint => runFp([FDIV_D], { v: { 1: D(1), 2: D(3) }, fpcr }).d(0);
  assert.equal(third(RN), D(1 / 3));
  assert.equal(third(RZ), D(1 / 3)); // 1/3 rounds down in RN as well
  assert.equal(third(RP), D(1 / 3) + 1n);
  assert.equal(third(RM), D(1 / 3));
  assert.equal(runFp([FADD_D], { v: { 1: D(1), 2: D(2 ** -60) }, fpcr: RP }).d(0), D(1) + 1n);
  assert.equal(runFp([FADD_D], { v: { 1: D(-1), 2: D(-(2 ** -60)) }, fpcr: RZ }).d(0), D(-1));
});

test('FNMUL negates the rounded product, including a NaN result', () => {
  assert.equal(runFp([FNMUL_D], { v: { 1: D(3), 2: D(0.5) } }).d(0), D(-1.5));
  assert.equal(runFp([FNMUL_D], { v: { 1: QNAN_D, 2: D(1) } }).d(0), QNAN_D | (1n << 63n));
});

test('FMAX/FMIN order signed zeros; the NM forms prefer a number to a quiet NaN but not to an SNaN', () => {
  assert.equal(runFp([FMAX_D], { v: { 1: D(-0), 2: D(0) } }).d(0), D(0));
  assert.equal(runFp([FMIN_D], { v: { 1: D(0), 2: D(-0) } }).d(0), D(-0));
  assert.equal(runFp([FMAX_S], { v: { 1: S(-7), 2: S(-8) } }).s(0), Number(S(-7)));
  let r = runFp([FMAX_D], { v: { 1: D(1), 2: QNAN_D } });
  assert.deepEqual([r.d(0), r.fpsr], [QNAN_D, 0]);
  r = runFp([FMAXNM_D], { v: { 1: QNAN_D, 2: D(-5) } });
  assert.deepEqual([r.d(0), r.fpsr], [D(-5), 0]);
  r = runFp([FMINNM_D], { v: { 1: D(2), 2: QNAN_D } });
  assert.deepEqual([r.d(0), r.fpsr], [D(2), 0]);
  r = runFp([FMINNM_D], { v: { 1: D(2), 2: SNAN_D } });
  assert.deepEqual([r.d(0), r.fpsr], [SNAN_D | (1n << 51n), IOC]);
});

test('FMADD rounds once: fused results differ from multiply-then-add', () => {
  // (1 + 2^-26)(1 + 2^-27) = 1 + 3*2^-27 + 2^-53: a tie in the product; + 2^-200 breaks it upward.
  let r = runFp([FMADD_D], { v: { 1: D(1 + 2 ** -26), 2: D(1 + 2 ** -27), 3: D(2 ** -200) } });
  assert.deepEqual([r.d(0), r.fpsr], [D(1 + 3 * 2 ** -27 + 2 ** -52), IXC]);
  // a*b - RN(a*b) recovers the product's rounding error exactly.
  const a = 1 + 2 ** -30;
  r = runFp([FMSUB_D], { v: { 1: D(a), 2: D(a), 3: D(1 + 2 ** -29) } });
  assert.deepEqual([r.d(0), r.fpsr], [D(-(2 ** -60)), 0]);
  // Single: the exact value 1 + 2^-11 + 2^-24 + 2^-80 is just above a tie; a double
  // intermediate would round it onto the tie and then to even.
  r = runFp([FMADD_S], { v: { 1: S(1 + 2 ** -12), 2: S(1 + 2 ** -12), 3: S(2 ** -80) } });
  assert.deepEqual([BigInt(r.s(0)), r.fpsr], [S(1 + 2 ** -11 + 2 ** -23), IXC]);
});

test('FMSUB/FNMADD/FNMSUB signs, and NaN operands negated before propagation', () => {
  const v = { 1: D(2), 2: D(3), 3: D(10) };
  assert.equal(runFp([FMADD_D], { v }).d(0), D(16));
  assert.equal(runFp([FMSUB_D], { v }).d(0), D(4));
  assert.equal(runFp([FNMADD_D], { v }).d(0), D(-16));
  assert.equal(runFp([FNMSUB_D], { v }).d(0), D(-4));
  assert.equal(runFp([FMSUB_D], { v: { 1: QNAN_D, 2: D(1), 3: D(1) } }).d(0), QNAN_D | (1n << 63n));
  // The addend's NaN has priority over op1's when both are quiet.
  assert.equal(runFp([FMADD_D], { v: { 1: QNAN_D, 2: D(1), 3: 0x7ff8000000000abcn } }).d(0), 0x7ff8000000000abcn);
});

test('FMADD: 0 * inf with a quiet-NaN addend is the default NaN and raises IOC', () => {
  const r = runFp([FMADD_D], { v: { 1: D(0), 2: D(Infinity), 3: QNAN_D } });
  assert.deepEqual([r.d(0), r.fpsr], [DEFAULT_NAN_D, IOC]);
});

test('FSQRT: exact and inexact roots, -0, negative operands', () => {
  let r = runFp([FSQRT_D], { v: { 1: D(2) } });
  assert.deepEqual([r.d(0), r.fpsr], [D(Math.SQRT2), IXC]);
  r = runFp([FSQRT_S], { v: { 1: S(6.25) } });
  assert.deepEqual([BigInt(r.s(0)), r.fpsr], [S(2.5), 0]);
  r = runFp([FSQRT_D], { v: { 1: D(-0) } });
  assert.deepEqual([r.d(0), r.fpsr], [D(-0), 0]);
  r = runFp([FSQRT_D], { v: { 1: D(-1) } });
  assert.deepEqual([r.d(0), r.fpsr], [DEFAULT_NAN_D, IOC]);
  r = runFp([FSQRT_D], { v: { 1: MIN_SUB_D } }); // sqrt(2^-1074) = 2^-537, exact
  assert.deepEqual([r.d(0), r.fpsr], [D(2 ** -537), 0]);
});

test('FABS/FNEG/FMOV only move bits: NaNs are not quieted and nothing is raised', () => {
  let r = runFp([FABS_D], { v: { 0: JUNK, 1: SNAN_D | (1n << 63n) } });
  assert.deepEqual([r.q(0), r.fpsr], [SNAN_D, 0]);
  r = runFp([FNEG_S], { v: { 1: SNAN_S } });
  assert.deepEqual([BigInt(r.s(0)), r.fpsr], [SNAN_S | 0x80000000n, 0]);
  r = runFp([FMOV_D], { v: { 0: JUNK, 1: (5n << 64n) | SNAN_D } });
  assert.equal(r.q(0), SNAN_D);
});

test('FCMP sets NZCV for less, equal, greater and unordered', () => {
  const cmp = (a: bigint, b: bigint, word = FCMP_D) => {
    const r = runFp([word], { v: { 1: a, 2: b } });
    return [r.nzcv, r.fpsr];
  };
  assert.deepEqual(cmp(D(1), D(2)), [0b1000, 0]);
  assert.deepEqual(cmp(D(2), D(2)), [0b0110, 0]);
  assert.deepEqual(cmp(D(-0), D(0)), [0b0110, 0]);
  assert.deepEqual(cmp(D(Infinity), D(2)), [0b0010, 0]);
  assert.deepEqual(cmp(QNAN_D, D(2)), [0b0011, 0], 'FCMP: quiet NaN is unordered without IOC');
  assert.deepEqual(cmp(SNAN_D, D(2)), [0b0011, IOC], 'FCMP: signaling NaN raises IOC');
  assert.deepEqual(cmp(D(2), QNAN_D, FCMPE_D), [0b0011, IOC], 'FCMPE: any NaN raises IOC');
  let r = runFp([FCMP_S0], { v: { 1: S(-0) } });
  assert.equal(r.nzcv, 0b0110);
  r = runFp([FCMPE_D0], { v: { 1: D(-(2 ** -1070)) } });
  assert.equal(r.nzcv, 0b1000);
  r = runFp([FCMPE_D0], { v: { 1: D(-(2 ** -1070)) }, fpcr: FZ });
  assert.deepEqual([r.nzcv, r.fpsr], [0b0110, IDC], 'FZ compares a subnormal as zero');
});

test('FCCMP compares when the condition holds, else sets the immediate NZCV', () => {
  let r = runFp([FCCMP_D], { v: { 1: D(1), 2: D(2) }, nzcv: 0b0100 }); // eq holds
  assert.equal(r.nzcv, 0b1000);
  r = runFp([FCCMP_D], { v: { 1: D(1), 2: D(2) }, nzcv: 0b0000 }); // eq fails: #4
  assert.equal(r.nzcv, 0b0100);
});

test('FCSEL picks by condition and zeroes the upper bits', () => {
  let r = runFp([FCSEL_D], { v: { 0: JUNK, 1: D(1), 2: D(2) }, nzcv: 0b1000 }); // lt: N != V
  assert.equal(r.q(0), D(1));
  r = runFp([FCSEL_D], { v: { 1: D(1), 2: D(2) }, nzcv: 0b0000 });
  assert.equal(r.q(0), D(2));
});

test('FCVT between precisions: rounding, overflow, NaN payloads, half precision', () => {
  let r = runFp([FCVT_SD], { v: { 0: JUNK, 1: D(1 / 3) } });
  assert.deepEqual([r.q(0), r.fpsr], [S(Math.fround(1 / 3)), IXC]);
  r = runFp([FCVT_SD], { v: { 1: D(1e300) } });
  assert.deepEqual([BigInt(r.s(0)), r.fpsr], [S(Infinity), OFC | IXC]);
  r = runFp([FCVT_SD], { v: { 1: D(1e300) }, fpcr: RZ });
  assert.deepEqual([BigInt(r.s(0)), r.fpsr], [0x7f7fffffn, OFC | IXC]);
  r = runFp([FCVT_SD], { v: { 1: 0x7ff0123456789abcn } }); // SNaN: quieted, top payload bits kept
  assert.deepEqual([BigInt(r.s(0)), r.fpsr], [0x7fc091a2n, IOC]);
  r = runFp([FCVT_DS], { v: { 1: 0xffc00123n } });
  assert.deepEqual([r.d(0), r.fpsr], [0xfff8002460000000n, 0]);
  r = runFp([FCVT_DS], { v: { 1: S(Math.fround(-0.1)) } });
  assert.equal(r.d(0), D(Math.fround(-0.1)));
  r = runFp([FCVT_HS], { v: { 0: JUNK, 1: S(1 + 2 ** -11) } }); // tie: to even
  assert.deepEqual([r.q(0), r.fpsr], [0x3c00n, IXC]);
  r = runFp([FCVT_HS], { v: { 1: S(65520) } });
  assert.deepEqual([BigInt(r.s(0)), r.fpsr], [0x7c00n, OFC | IXC]);
  r = runFp([FCVT_SH], { v: { 1: 0x0001n } }); // smallest half subnormal, exact in single
  assert.deepEqual([BigInt(r.s(0)), r.fpsr], [S(2 ** -24), 0]);
});

test('FCVT with FPCR.AHP: alternative half precision has no infinities or NaNs', () => {
  const AHP = 1 << 26;
  let r = runFp([FCVT_HS], { v: { 1: S(100000) }, fpcr: AHP });
  assert.deepEqual([BigInt(r.s(0)), r.fpsr], [0x7e1an, IXC], 'exponent 31 is a finite binade');
  r = runFp([FCVT_HS], { v: { 1: S(-1e6) }, fpcr: AHP });
  assert.deepEqual([BigInt(r.s(0)), r.fpsr], [0xffffn, IOC], 'too large: saturates, invalid rather than overflow');
  r = runFp([FCVT_HS], { v: { 1: S(Infinity) }, fpcr: AHP });
  assert.deepEqual([BigInt(r.s(0)), r.fpsr], [0x7fffn, IOC]);
  r = runFp([FCVT_HS], { v: { 1: 0xffc00001n }, fpcr: AHP });
  assert.deepEqual([BigInt(r.s(0)), r.fpsr], [0x8000n, IOC], 'NaN becomes a signed zero');
  r = runFp([FCVT_SH], { v: { 1: 0x7c00n }, fpcr: AHP });
  assert.deepEqual([BigInt(r.s(0)), r.fpsr], [S(65536), 0]);
});

test('FMOV (immediate) expands imm8', () => {
  assert.equal(runFp([FMOV_D_15], { v: { 0: JUNK } }).q(0), D(1.5));
  assert.equal(runFp([FMOV_S_M2], { v: { 0: JUNK } }).q(0), S(-2));
  assert.equal(runFp([FMOV_D_31]).q(0), D(31));
});

test('FP instructions trap when CPACR_EL1.FPEN disables them', () => {
  const m = bareMachine([FADD_D, HVC0], { fp: false });
  const exit = m.run();
  assert.equal(exit.kind, 'unhandled-exception');
  if (exit.kind === 'unhandled-exception') assert.equal(exit.ec, 0x07);
});
