/**
 * FP <-> integer conversions, round to integral, and FMOV between register files.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { D, FZ, IDC, IOC, IXC, RM, RP, RZ, S, runFp } from './cpu.simdHarness';

const FCVTZS_XD = 0x9e780020; // fcvtzs x0, d1
const FCVTZS_WD = 0x1e780020; // fcvtzs w0, d1
const FCVTZU_XD = 0x9e790020; // fcvtzu x0, d1
const FCVTZU_WS = 0x1e390020; // fcvtzu w0, s1
const FCVTNS_XD = 0x9e600020; // fcvtns x0, d1
const FCVTAS_XD = 0x9e640020; // fcvtas x0, d1
const FCVTMS_XD = 0x9e700020; // fcvtms x0, d1
const FCVTPS_XD = 0x9e680020; // fcvtps x0, d1
const FCVTPU_WD = 0x1e690020; // fcvtpu w0, d1
const FCVTNU_WD = 0x1e610020; // fcvtnu w0, d1
const FCVTAU_XS = 0x9e250020; // fcvtau x0, s1
const FCVTMU_XD = 0x9e710020; // fcvtmu x0, d1
const SCVTF_DX = 0x9e620020; // scvtf d0, x1
const SCVTF_SX = 0x9e220020; // scvtf s0, x1
const UCVTF_DX = 0x9e630020; // ucvtf d0, x1
const UCVTF_SW = 0x1e230020; // ucvtf s0, w1
const SCVTF_DW = 0x1e620020; // scvtf d0, w1
const UCVTF_SX = 0x9e230020; // ucvtf s0, x1
const SCVTF_DX_4 = 0x9e42f020; // scvtf d0, x1, #4
const FCVTZS_WD_2 = 0x1e58f820; // fcvtzs w0, d1, #2
const FCVTZU_XS_32 = 0x9e198020; // fcvtzu x0, s1, #32
const FRINTA_D = 0x1e664020; // frinta d0, d1
const FRINTP_D = 0x1e64c020; // frintp d0, d1
const FRINTN_D = 0x1e644020; // frintn d0, d1
const FRINTX_D = 0x1e674020; // frintx d0, d1
const FRINTI_D = 0x1e67c020; // frinti d0, d1
const FRINTZ_S = 0x1e25c020; // frintz s0, s1
const FRINTM_S = 0x1e254020; // frintm s0, s1
const FMOV_XD = 0x9e660020; // fmov x0, d1
const FMOV_DX = 0x9e670020; // fmov d0, x1
const FMOV_VD1_X = 0x9eaf0020; // fmov v0.d[1], x1
const FMOV_X_VD1 = 0x9eae0020; // fmov x0, v1.d[1]
const FMOV_WS = 0x1e260020; // fmov w0, s1
const FMOV_SW = 0x1e270020; // fmov s0, w1
const FMOV_HW = 0x1ee70020; // fmov h0, w1
const FMOV_WH = 0x1ee60020; // fmov w0, h1

const JUNK = 0xdeadbeefdeadbeefdeadbeefdeadbeefn;
const M64 = (1n << 64n) - 1n;
const toInt = (word: number, v: bigint, fpcr = 0): [bigint, number] => {
  const r = runFp([word], { v: { 1: v }, x: { 0: M64 }, fpcr });
  return [r.x(0), r.fpsr];
};
const signed64 = (x: bigint): bigint => x & M64;

test('FCVTZS/FCVTZU truncate; inexact results raise IXC', () => {
  assert.deepEqual(toInt(FCVTZS_XD, D(-2.75)), [signed64(-2n), IXC]);
  assert.deepEqual(toInt(FCVTZS_XD, D(42)), [42n, 0]);
  assert.deepEqual(toInt(FCVTZS_WD, D(-1.5)), [0xffffffffn, IXC], 'W result zero-extends');
  assert.deepEqual(toInt(FCVTZU_WS, S(4294967040)), [4294967040n, 0]);
  assert.deepEqual(toInt(FCVTZU_XD, D(-0.5)), [0n, IXC], 'rounds to 0: in range, so inexact not invalid');
  assert.deepEqual(toInt(FCVTZS_XD, D(2 ** 62 + 2 ** 40)), [2n ** 62n + 2n ** 40n, 0]);
});

test('FCVTZS/FCVTZU saturate out-of-range values and map NaN to 0, raising IOC', () => {
  assert.deepEqual(toInt(FCVTZS_XD, D(1e20)), [0x7fffffffffffffffn, IOC]);
  assert.deepEqual(toInt(FCVTZS_XD, D(-1e20)), [0x8000000000000000n, IOC]);
  assert.deepEqual(toInt(FCVTZS_XD, D(-(2 ** 63))), [0x8000000000000000n, 0], '-2^63 is in range');
  assert.deepEqual(toInt(FCVTZS_XD, D(2 ** 63)), [0x7fffffffffffffffn, IOC]);
  assert.deepEqual(toInt(FCVTZS_WD, D(3e9)), [0x7fffffffn, IOC]);
  assert.deepEqual(toInt(FCVTZS_WD, D(-3e9)), [0x80000000n, IOC]);
  assert.deepEqual(toInt(FCVTZU_XD, D(2 ** 64)), [M64, IOC]);
  assert.deepEqual(toInt(FCVTZU_XD, D(-1)), [0n, IOC]);
  assert.deepEqual(toInt(FCVTZU_XD, D(-Infinity)), [0n, IOC]);
  assert.deepEqual(toInt(FCVTZS_XD, 0x7ff8000000000000n), [0n, IOC]);
  assert.deepEqual(toInt(FCVTZU_WS, 0x7f800001n), [0n, IOC]);
});

test('FCVT{N,A,M,P}{S,U} use their own rounding, not FPCR', () => {
  assert.deepEqual(toInt(FCVTNS_XD, D(2.5), RP), [2n, IXC]);
  assert.deepEqual(toInt(FCVTNS_XD, D(3.5)), [4n, IXC]);
  assert.deepEqual(toInt(FCVTNS_XD, D(-2.5)), [signed64(-2n), IXC]);
  assert.deepEqual(toInt(FCVTAS_XD, D(2.5)), [3n, IXC]);
  assert.deepEqual(toInt(FCVTAS_XD, D(-2.5)), [signed64(-3n), IXC]);
  assert.deepEqual(toInt(FCVTMS_XD, D(-1.5)), [signed64(-2n), IXC]);
  assert.deepEqual(toInt(FCVTPS_XD, D(-1.5)), [signed64(-1n), IXC]);
  assert.deepEqual(toInt(FCVTPU_WD, D(1.1)), [2n, IXC]);
  assert.deepEqual(toInt(FCVTPU_WD, D(4294967295.5)), [0xffffffffn, IOC], 'rounds up past the range');
  assert.deepEqual(toInt(FCVTNU_WD, D(0.5)), [0n, IXC]);
  assert.deepEqual(toInt(FCVTAU_XS, S(0.5)), [1n, IXC]);
  assert.deepEqual(toInt(FCVTMU_XD, D(-0.25)), [0n, IOC], 'floor(-0.25) = -1 is out of range');
});

test('FZ flushes a subnormal source to zero before rounding (IDC)', () => {
  assert.deepEqual(toInt(FCVTPS_XD, 1n), [1n, IXC]);
  assert.deepEqual(toInt(FCVTPS_XD, 1n, FZ), [0n, IDC]);
});

test('fixed-point forms scale by 2^fbits', () => {
  assert.deepEqual(toInt(FCVTZS_WD_2, D(1.8)), [7n, IXC]);
  assert.deepEqual(toInt(FCVTZU_XS_32, S(1.5)), [0x180000000n, 0]);
  const r = runFp([SCVTF_DX_4], { x: { 1: 24n } });
  assert.equal(r.d(0), D(1.5));
});

const toFp = (word: number, x: bigint, fpcr = 0): { q: bigint; fpsr: number } => {
  const r = runFp([word], { v: { 0: JUNK }, x: { 1: x }, fpcr });
  return { q: r.q(0), fpsr: r.fpsr };
};

test('SCVTF/UCVTF from 64-bit integers round correctly to double', () => {
  assert.deepEqual(toFp(SCVTF_DX, 2n ** 53n + 1n), { q: D(2 ** 53), fpsr: IXC });
  assert.deepEqual(toFp(SCVTF_DX, 2n ** 53n + 3n), { q: D(2 ** 53 + 4), fpsr: IXC });
  assert.deepEqual(toFp(SCVTF_DX, 2n ** 53n + 1n, RP), { q: D(2 ** 53 + 2), fpsr: IXC });
  assert.deepEqual(toFp(SCVTF_DX, signed64(-(2n ** 53n) - 1n), RM), { q: D(-(2 ** 53) - 2), fpsr: IXC });
  assert.deepEqual(toFp(SCVTF_DX, signed64(-(2n ** 53n) - 1n), RZ), { q: D(-(2 ** 53)), fpsr: IXC });
  assert.deepEqual(toFp(SCVTF_DX, 0x7fffffffffffffffn), { q: D(2 ** 63), fpsr: IXC });
  assert.deepEqual(toFp(SCVTF_DX, 0x8000000000000000n), { q: D(-(2 ** 63)), fpsr: 0 });
  assert.deepEqual(toFp(UCVTF_DX, M64), { q: D(2 ** 64), fpsr: IXC });
  assert.deepEqual(toFp(UCVTF_DX, M64, RZ), { q: D(2 ** 64 - 2048), fpsr: IXC });
  assert.deepEqual(toFp(SCVTF_DW, 0xffffffffn), { q: D(-1), fpsr: 0 });
});

test('SCVTF/UCVTF to single avoid double rounding', () => {
  // 2^60 + 2^36 + 1 is just above a single-precision tie; rounding to double first would land on the tie.
  assert.deepEqual(toFp(SCVTF_SX, 2n ** 60n + 2n ** 36n + 1n), { q: S(2 ** 60 + 2 ** 37), fpsr: IXC });
  assert.deepEqual(toFp(SCVTF_SX, 2n ** 60n + 2n ** 36n), { q: S(2 ** 60), fpsr: IXC });
  assert.deepEqual(toFp(UCVTF_SX, M64), { q: S(2 ** 64), fpsr: IXC });
  assert.deepEqual(toFp(UCVTF_SX, M64, RZ), { q: S(2 ** 64 - 2 ** 40), fpsr: IXC });
  assert.deepEqual(toFp(UCVTF_SW, 0xffffffffn), { q: S(2 ** 32), fpsr: IXC });
  assert.deepEqual(toFp(UCVTF_SW, 16777217n, RP), { q: S(16777218), fpsr: IXC });
});

const rint = (word: number, v: bigint, fpcr = 0): [bigint, number] => {
  const r = runFp([word], { v: { 0: JUNK, 1: v }, fpcr });
  return [r.q(0), r.fpsr];
};

test('FRINT*: each rounding, signed zero results, IXC only from FRINTX', () => {
  assert.deepEqual(rint(FRINTA_D, D(-0.5)), [D(-1), 0]);
  assert.deepEqual(rint(FRINTA_D, D(-0.4)), [D(-0), 0]);
  assert.deepEqual(rint(FRINTA_D, D(2.5)), [D(3), 0]);
  assert.deepEqual(rint(FRINTN_D, D(2.5)), [D(2), 0]);
  assert.deepEqual(rint(FRINTP_D, D(-0.5)), [D(-0), 0]);
  assert.deepEqual(rint(FRINTX_D, D(1.5)), [D(2), IXC]);
  assert.deepEqual(rint(FRINTX_D, D(7)), [D(7), 0]);
  assert.deepEqual(rint(FRINTX_D, D(1.5), RZ), [D(1), IXC], 'FRINTX uses FPCR rounding');
  assert.deepEqual(rint(FRINTI_D, D(1.5), RM), [D(1), 0]);
  assert.deepEqual(rint(FRINTI_D, D(2 ** 60 + 2 ** 8)), [D(2 ** 60 + 2 ** 8), 0], 'large values are integral');
  assert.deepEqual(rint(FRINTZ_S, S(-3.75)), [S(-3), 0]);
  assert.deepEqual(rint(FRINTM_S, S(-0.25)), [S(-1), 0]);
  assert.deepEqual(rint(FRINTM_S, S(Infinity)), [S(Infinity), 0]);
  assert.deepEqual(rint(FRINTZ_S, 0x7f800123n), [0x7fc00123n, IOC]);
});

test('FMOV between general and SIMD&FP registers copies bits and zeroes the rest', () => {
  let r = runFp([FMOV_XD], { v: { 1: 0x1111222233334444_5555666677778888n } });
  assert.equal(r.x(0), 0x5555666677778888n);
  r = runFp([FMOV_DX], { v: { 0: JUNK }, x: { 1: 0x7ff0000000000001n } });
  assert.equal(r.q(0), 0x7ff0000000000001n, 'an SNaN pattern is copied unchanged');
  r = runFp([FMOV_VD1_X], { v: { 0: JUNK }, x: { 1: 0x0123456789abcdefn } });
  assert.equal(r.q(0), (0x0123456789abcdefn << 64n) | 0xdeadbeefdeadbeefn, 'only the top half is written');
  r = runFp([FMOV_X_VD1], { v: { 1: (0xfedcba9876543210n << 64n) | 1n } });
  assert.equal(r.x(0), 0xfedcba9876543210n);
  r = runFp([FMOV_WS], { v: { 1: 0x89abcdef_ff800001n }, x: { 0: M64 } });
  assert.equal(r.x(0), 0xff800001n);
  r = runFp([FMOV_SW], { v: { 0: JUNK }, x: { 1: 0xaaaaaaaa_7fc00000n } });
  assert.equal(r.q(0), 0x7fc00000n);
  r = runFp([FMOV_HW], { v: { 0: JUNK }, x: { 1: 0x12345n } });
  assert.equal(r.q(0), 0x2345n);
  r = runFp([FMOV_WH], { v: { 1: 0x12345n }, x: { 0: M64 } });
  assert.equal(r.x(0), 0x2345n);
});
