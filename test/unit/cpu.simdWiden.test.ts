/**
 * Widening/narrowing (three different), by-element multiplies and saturating SIMD
 * integer instructions, against a BigInt lane model; FP by-element against exact values.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { D, S, runFp } from './cpu.simdHarness';

const lanes = (v: bigint, esize: number, count = 128 / esize): bigint[] =>
  Array.from({ length: count }, (_, k) => (v >> BigInt(k * esize)) & ((1n << BigInt(esize)) - 1n));
const pack = (ls: bigint[], esize: number): bigint =>
  ls.reduce((acc, x, k) => acc | ((x & ((1n << BigInt(esize)) - 1n)) << BigInt(k * esize)), 0n);
const sx = (x: bigint, e: number): bigint => BigInt.asIntN(e, x);
const M64 = (1n << 64n) - 1n;
const QC = 0x08000000;

const A = 0x80000000_ffffffff_7fffffff_00012345n;
const B = 0xffffffff_80000000_7fffffff_fffe0001n;
const C = 0x0123456789abcdef_fedcba9876543210n;
const JUNK = 0xdeadbeefdeadbeefdeadbeefdeadbeefn;

const run = (word: number, v: Record<number, bigint>): { q: bigint; fpsr: number } => {
  const r = runFp([word], { v: { 0: JUNK, ...v } });
  return { q: r.q(0), fpsr: r.fpsr };
};

test('UMULL/SMULL{2} give exact 64-bit products of 32-bit lanes', () => {
  assert.equal(run(0x2ea2c020 /* umull .2d, .2s, .2s */, { 1: A, 2: B }).q, pack(lanes(A, 32, 2).map((x, k) => x * lanes(B, 32, 2)[k]), 64));
  const hiA = lanes(A, 32).slice(2).map((x) => sx(x, 32));
  const hiB = lanes(B, 32).slice(2).map((x) => sx(x, 32));
  assert.equal(run(0x4ea2c020 /* smull2 .2d, .4s, .4s */, { 1: A, 2: B }).q, pack(hiA.map((x, k) => x * hiB[k]), 64));
});

test('UMLAL accumulates, UADDL/USUBL widen, SADDW2 adds the high narrow lanes', () => {
  const a8 = lanes(C, 8, 8);
  const b8 = lanes(A, 8, 8);
  const acc = lanes(B, 16);
  assert.equal(run(0x2e228020 /* umlal .8h, .8b, .8b */, { 0: B, 1: C, 2: A }).q, pack(a8.map((x, k) => acc[k] + x * b8[k]), 16));
  assert.equal(run(0x2e620020 /* uaddl .4s, .4h, .4h */, { 1: A, 2: B }).q, pack(lanes(A, 16, 4).map((x, k) => x + lanes(B, 16, 4)[k]), 32));
  assert.equal(run(0x2e222020 /* usubl .8h */, { 1: C, 2: A }).q, pack(a8.map((x, k) => x - b8[k]), 16));
  const hi = lanes(B, 32).slice(2).map((x) => sx(x, 32));
  assert.equal(run(0x4ea21020 /* saddw2 .2d */, { 1: C, 2: B }).q, pack(lanes(C, 64).map((x, k) => x + hi[k]), 64));
});

test('ADDHN/RADDHN2 keep the (rounded) high halves; PMULL multiplies polynomials over GF(2)', () => {
  const sums = lanes(A, 16).map((x, k) => (x + lanes(B, 16)[k]) >> 8n);
  assert.equal(run(0x0e224020 /* addhn .8b, .8h, .8h */, { 1: A, 2: B }).q, pack(sums, 8));
  const r = lanes(A, 64).map((x, k) => (x + lanes(B, 64)[k] + (1n << 31n)) >> 32n);
  assert.equal(run(0x6ea24020 /* raddhn2 .4s, .2d, .2d */, { 1: A, 2: B }).q, (pack(r, 32) << 64n) | (JUNK & M64));
  const clmul = (x: bigint, y: bigint): bigint => {
    let p = 0n;
    for (let k = 0n; k < 8n; k++) if ((y >> k) & 1n) p ^= x << k;
    return p;
  };
  assert.equal(run(0x0e22e020 /* pmull .8h */, { 1: C, 2: A }).q, pack(lanes(C, 8, 8).map((x, k) => clmul(x, lanes(A, 8, 8)[k])), 16));
});

test('MUL/MLA by element use one lane of Vm (Vm 0-15 for halfwords)', () => {
  const e = lanes(B, 32)[3];
  assert.equal(run(0x4fa28820 /* mul .4s, .4s, v2.s[3] */, { 1: A, 2: B }).q, pack(lanes(A, 32).map((x) => x * e), 32));
  const h = lanes(C, 16)[7];
  assert.equal(run(0x6f7f0820 /* mla .8h, .8h, v15.h[7] */, { 0: B, 1: A, 15: C }).q, pack(lanes(A, 16).map((x, k) => lanes(B, 16)[k] + x * h), 16));
});

test('UMULL/SMLAL2 by element widen', () => {
  const e = lanes(B, 32)[1];
  assert.equal(run(0x2fa2a020 /* umull .2d, .2s, v2.s[1] */, { 1: A, 2: B }).q, pack(lanes(A, 32, 2).map((x) => x * e), 64));
  const h = sx(lanes(B, 16)[0], 16);
  const hiA = lanes(A, 16).slice(4).map((x) => sx(x, 16));
  assert.equal(run(0x4f422020 /* smlal2 .4s, .8h, v2.h[0] */, { 0: C, 1: A, 2: B }).q, pack(hiA.map((x, k) => lanes(C, 32)[k] + x * h), 32));
});

const s4 = (...xs: number[]): bigint => xs.reduce((acc, x, k) => acc | (S(x) << BigInt(32 * k)), 0n);

test('FMLA/FMUL/FMLS by element, including Vd = Vm (the indexed lane is read before it is overwritten)', () => {
  assert.equal(run(0x4fa21020 /* fmla .4s, .4s, v2.s[1] */, { 0: s4(1, 1, 1, 1), 1: s4(1, 2, 3, 4), 2: s4(0, 10, 0, 0) }).q, s4(11, 21, 31, 41));
  assert.equal(run(0x5fc29820 /* fmul d0, d1, v2.d[1] */, { 1: D(1.5), 2: D(4) << 64n }).q, D(6));
  const r = runFp([0x4f821822 /* fmla v2.4s, v1.4s, v2.s[2] */], { v: { 1: s4(1, 2, 3, 4), 2: s4(1, 1, 2, 1) } });
  assert.equal(r.q(2), s4(3, 5, 8, 9));
  assert.equal(run(0x5fa25820 /* fmls s0, s1, v2.s[3] */, { 0: s4(10), 1: s4(3), 2: s4(0, 0, 0, 2) }).q, s4(4));
});

test('saturating add/sub clamp per lane and set FPSR.QC', () => {
  let r = run(0x4e220c20 /* sqadd .16b */, { 1: 0x7f_80_7f_01n, 2: 0x01_ff_80_01n });
  assert.deepEqual([r.q & 0xffffffffn, r.fpsr], [0x7f_80_ff_02n, QC]);
  r = run(0x4e220c20 /* sqadd .16b */, { 1: 1n, 2: 2n });
  assert.deepEqual([r.q, r.fpsr], [3n, 0], 'no saturation, no QC');
  r = run(0x6ea22c20 /* uqsub .4s */, { 1: 5n | (10n << 32n), 2: 7n | (3n << 32n) });
  assert.deepEqual([r.q, r.fpsr], [7n << 32n, QC]);
  r = run(0x4ee20c20 /* sqadd .2d */, { 1: 0x7fffffffffffffffn | (0x8000000000000000n << 64n), 2: 1n | (M64 << 64n) });
  assert.deepEqual([r.q, r.fpsr], [0x7fffffffffffffffn | (0x8000000000000000n << 64n), QC]);
  r = run(0x6ee20c20 /* uqadd .2d */, { 1: M64 | (5n << 64n), 2: 1n | (6n << 64n) });
  assert.deepEqual([r.q, r.fpsr], [M64 | (11n << 64n), QC]);
});

test('SQNEG and the saturating narrows SQXTN/UQXTN2/SQXTUN', () => {
  let r = run(0x6ea07820 /* sqneg .4s */, { 1: 0x80000000n | (5n << 32n) });
  assert.deepEqual([r.q, r.fpsr], [0x7fffffffn | (0xfffffffbn << 32n), QC]);
  r = run(0x0e214820 /* sqxtn .8b, .8h */, { 1: pack([0x0100n, 0xff00n, 0x007fn, 0xff80n, 0n, 1n, 0xffffn, 0x8000n], 16) });
  assert.deepEqual([r.q, r.fpsr], [pack([0x7fn, 0x80n, 0x7fn, 0x80n, 0n, 1n, 0xffn, 0x80n], 8), QC]);
  r = run(0x6ea14820 /* uqxtn2 .4s, .2d */, { 1: 0xffffffffn | (0x100000000n << 64n) });
  assert.deepEqual([r.q, r.fpsr], [(0xffffffffn << 64n) | (0xffffffffn << 96n) | (JUNK & M64), QC]);
  r = run(0x2e612820 /* sqxtun .4h, .4s */, { 1: pack([0xffffffffn, 0x10000n, 0xffffn, 7n], 32) });
  assert.deepEqual([r.q, r.fpsr], [pack([0n, 0xffffn, 0xffffn, 7n], 16), QC]);
});

test('rounding shifts: SRSHL by a negative count rounds, URSHL scalar, SRSRA/URSRA accumulate', () => {
  const sh = pack([0xffn /* -1 */, 0xfen /* -2 */, 2n, 0xc0n /* -64 */], 32);
  const v = pack([3n, 0xfffffffan /* -6 */, 5n, 0x7fffffffn], 32);
  // 3 >> 1 rounds to 2; -6 >> 2 rounds to -1; 5 << 2; 0x7fffffff >> 64 rounds to 0.
  assert.equal(run(0x4ea25420 /* srshl .4s */, { 1: v, 2: sh }).q, pack([2n, -1n, 20n, 0n], 32));
  assert.equal(run(0x7ee25420 /* urshl d0, d1, d2 */, { 1: 0x8000000000000000n, 2: 0xc0n /* -64 */ }).q, 1n);
  const d = pack(Array.from({ length: 8 }, () => 100n), 16);
  const a = pack([8n, 7n, 0xfff8n /* -8 */, 0xfff9n /* -7 */, 0n, 1n, 0n, 0n], 16);
  assert.equal(run(0x4f1c3420 /* srsra .8h, #4 */, { 0: d, 1: a }).q, pack([101n, 100n, 100n, 100n, 100n, 100n, 100n, 100n], 16));
  assert.equal(run(0x7f403420 /* ursra d0, d1, #64 */, { 0: 5n, 1: 0x8000000000000000n }).q, 6n);
});

test('scalar SQADD/UQSUB saturate one lane and zero the rest', () => {
  let r = run(0x5e220c20 /* sqadd b0, b1, b2 */, { 1: 0x1234_70n, 2: 0x5678_20n });
  assert.deepEqual([r.q, r.fpsr], [0x7fn, QC]);
  r = run(0x7ee22c20 /* uqsub d0, d1, d2 */, { 1: 5n, 2: 9n });
  assert.deepEqual([r.q, r.fpsr], [0n, QC]);
});

test('SQDMULH/SQRDMULH: high half of the doubled product; min * min saturates', () => {
  let r = run(0x4e62b420 /* sqdmulh .8h */, { 1: pack([0x4000n, 0x8000n, 0x7fffn, 0xc000n], 16), 2: pack([0x4000n, 0x8000n, 0x7fffn, 0x4000n], 16) });
  assert.deepEqual([r.q, r.fpsr], [pack([0x2000n, 0x7fffn, 0x7ffen, 0xe000n], 16), QC]);
  r = run(0x5fa2d020 /* sqrdmulh s0, s1, v2.s[1] */, { 1: 0x40000001n, 2: 0x40000000n << 32n });
  assert.deepEqual([r.q, r.fpsr], [0x20000001n, 0]);
});

test('FMULX: 0 * infinity is 2.0 with the product sign, without IOC', () => {
  const s4 = (...xs: number[]): bigint => xs.reduce((acc, x, k) => acc | (S(x) << BigInt(32 * k)), 0n);
  const r = run(0x4e22dc20 /* fmulx .4s */, { 1: s4(0, -Infinity, 3, -0), 2: s4(Infinity, 0, 2, -Infinity) });
  assert.deepEqual([r.q, r.fpsr], [s4(2, -2, 6, 2), 0]);
  assert.equal(run(0x7fc29820 /* fmulx d0, d1, v2.d[1] */, { 1: D(1.5), 2: D(-4) << 64n }).q, D(-6));
});

test('saturating shifts: SQSHL by register, UQRSHL scalar, SQSHLU, UQSHRN2, SQRSHRUN scalar', () => {
  let r = run(0x4e224c20 /* sqshl .16b */, { 1: pack([0x40n, 0x40n, 0xc0n, 0x7fn, 0x81n], 8), 2: pack([1n, 2n, 2n, 0xffn /* -1 */, 0xf9n /* -7 */], 8) });
  assert.deepEqual([r.q, r.fpsr], [pack([0x80n - 1n, 0x7fn, 0x80n, 0x3fn, 0xffn], 8), QC]);
  r = run(0x7ee25c20 /* uqrshl d0, d1, d2 */, { 1: 0x17n, 2: 0xfen /* -2 */ });
  assert.deepEqual([r.q, r.fpsr], [6n, 0], '(23 + 2) >> 2 = 6');
  r = run(0x6f246420 /* sqshlu .4s, #4 */, { 1: pack([1n, 0xffffffffn /* -1 */, 0x10000000n, 0x08000000n], 32) });
  assert.deepEqual([r.q, r.fpsr], [pack([16n, 0n, 0xffffffffn, 0x80000000n], 32), QC]);
  r = run(0x6f0c9420 /* uqshrn2 .16b, .8h, #4 */, { 0: 0x1122334455667788n, 1: pack([0x0120n, 0x0ff0n, 0x1000n, 0xffffn, 0n, 0x10n, 0x20n, 0x30n], 16) });
  assert.deepEqual([r.q, r.fpsr], [(pack([0x12n, 0xffn, 0xffn, 0xffn, 0n, 1n, 2n, 3n], 8) << 64n) | 0x1122334455667788n, QC]);
  r = run(0x7f188c20 /* sqrshrun h0, s1, #8 */, { 1: 0x0000ff80n });
  assert.deepEqual([r.q, r.fpsr], [0x100n, 0], '(0xff80 + 0x80) >> 8');
});

test('SQDMULL and SQDMLAL by element saturate the doubled product and the sum', () => {
  let r = run(0x0ea2d020 /* sqdmull .2d, .2s, .2s */, { 1: pack([0x80000000n, 3n], 32), 2: pack([0x80000000n, 0xfffffffbn /* -5 */], 32) });
  assert.deepEqual([r.q, r.fpsr], [pack([0x7fffffffffffffffn, -30n], 64), QC]);
  r = run(0x5f723020 /* sqdmlal s0, h1, v2.h[3] */, { 0: 0x7ffffff0n, 1: 0x0010n, 2: 0x0001n << 48n });
  assert.deepEqual([r.q, r.fpsr], [0x7fffffffn, QC], '0x7ffffff0 + 2*16*1 saturates');
});
