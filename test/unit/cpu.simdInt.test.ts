/**
 * Advanced SIMD integer instructions. Expectations come from a plain BigInt lane model
 * written here (split a 128-bit value into lanes, apply the Arm ARM's per-lane
 * definition, pack), independent of the engine's implementation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runFp } from './cpu.simdHarness';

// ------------------------------------------------------------------ lane model

const lanes = (v: bigint, esize: number, count = 128 / esize): bigint[] =>
  Array.from({ length: count }, (_, k) => (v >> BigInt(k * esize)) & ((1n << BigInt(esize)) - 1n));
const pack = (ls: bigint[], esize: number): bigint =>
  ls.reduce((acc, x, k) => acc | ((x & ((1n << BigInt(esize)) - 1n)) << BigInt(k * esize)), 0n);
const sx = (x: bigint, esize: number): bigint => BigInt.asIntN(esize, x);
const map2 = (a: bigint, b: bigint, esize: number, f: (x: bigint, y: bigint) => bigint, count?: number): bigint => {
  const la = lanes(a, esize, count);
  const lb = lanes(b, esize, count);
  return pack(la.map((x, k) => f(x, lb[k])), esize);
};
const map1 = (a: bigint, esize: number, f: (x: bigint) => bigint, count?: number): bigint => pack(lanes(a, esize, count).map(f), esize);
const ones = (c: boolean): bigint => (c ? -1n : 0n);
const M64 = (1n << 64n) - 1n;

const AA = 0x80ff7f0100000003fffffffe12345678n; // lanes: mixed signs and extremes
const B = 0x7f0180ff_00000005_00000002_87654321n;
const C = 0x0123456789abcdef_fedcba9876543210n;
const JUNK = 0xdeadbeefdeadbeefdeadbeefdeadbeefn;

/** Run one three-register instruction (Vd = V0, Vn = V1, Vm = V2). */
const op3 = (word: number, n: bigint, m: bigint, d = JUNK): bigint => runFp([word], { v: { 0: d, 1: n, 2: m } }).q(0);
const op2 = (word: number, n: bigint, d = JUNK): bigint => runFp([word], { v: { 0: d, 1: n } }).q(0);

test('ADD/SUB/MUL/MLA wrap within each lane size', () => {
  assert.equal(op3(0x4e228420 /* add v0.16b */, AA, B), map2(AA, B, 8, (x, y) => x + y));
  assert.equal(op3(0x4ee28420 /* add v0.2d */, AA, B), map2(AA, B, 64, (x, y) => x + y));
  assert.equal(op3(0x2e628420 /* sub v0.4h */, AA, B), map2(AA, B, 16, (x, y) => x - y, 4));
  assert.equal(op3(0x4ea29c20 /* mul v0.4s */, AA, B), map2(AA, B, 32, (x, y) => x * y));
  const acc = map2(AA, B, 16, (x, y) => x * y);
  assert.equal(op3(0x4e629420 /* mla v0.8h */, AA, B, C), map2(C, acc, 16, (x, y) => x + y));
});

test('scalar ADD/SUB on D registers use one 64-bit lane and zero the top half', () => {
  assert.equal(op3(0x5ee28420 /* add d0, d1, d2 */, AA, B), ((AA & M64) + (B & M64)) & M64);
  assert.equal(op3(0x7ee28420 /* sub d0, d1, d2 */, B, AA), ((B & M64) - (AA & M64)) & M64);
});

test('bitwise AND/ORN/BIC/EOR and the bit-select family BSL/BIT/BIF', () => {
  assert.equal(op3(0x4e221c20 /* and */, AA, B), AA & B);
  assert.equal(op3(0x0ee21c20 /* orn .8b */, AA, B), (AA | ~B) & M64);
  assert.equal(op3(0x4e621c20 /* bic */, AA, B), AA & ~B);
  assert.equal(op3(0x6e221c20 /* eor */, AA, B), AA ^ B);
  const mask = (1n << 128n) - 1n;
  assert.equal(op3(0x6e621c20 /* bsl */, AA, B, C), ((C & AA) | (~C & B)) & mask);
  assert.equal(op3(0x6ea21c20 /* bit */, AA, B, C), ((B & AA) | (~B & C)) & mask);
  assert.equal(op3(0x6ee21c20 /* bif */, AA, B, C), ((~B & AA) | (B & C)) & mask);
});

test('register compares: signed, unsigned and test-bits, all lane sizes', () => {
  assert.equal(op3(0x6ea28c20 /* cmeq .4s */, AA, AA ^ (1n << 40n)), map2(AA, AA ^ (1n << 40n), 32, (x, y) => ones(x === y)));
  assert.equal(op3(0x4e223420 /* cmgt .16b */, AA, B), map2(AA, B, 8, (x, y) => ones(sx(x, 8) > sx(y, 8))));
  assert.equal(op3(0x6e223420 /* cmhi .16b */, AA, B), map2(AA, B, 8, (x, y) => ones(x > y)));
  assert.equal(op3(0x4ee23c20 /* cmge .2d */, AA, B), map2(AA, B, 64, (x, y) => ones(sx(x, 64) >= sx(y, 64))));
  assert.equal(op3(0x6ee23c20 /* cmhs .2d */, AA, B), map2(AA, B, 64, (x, y) => ones(x >= y)));
  assert.equal(op3(0x6ee23c20 /* cmhs .2d, equal */, C, C), (1n << 128n) - 1n);
  assert.equal(op3(0x4e628c20 /* cmtst .8h */, AA, B), map2(AA, B, 16, (x, y) => ones((x & y) !== 0n)));
});

test('compares against zero, vector and scalar', () => {
  assert.equal(op2(0x4ea09820 /* cmeq .4s, #0 */, AA), map1(AA, 32, (x) => ones(x === 0n)));
  assert.equal(op2(0x5ee0a820 /* cmlt d0, d1, #0 */, 0x8000000000000000n), M64);
  assert.equal(op2(0x5ee0a820 /* cmlt d0, d1, #0 */, 0x7fffffffffffffffn), 0n);
  assert.equal(op2(0x4ee08820 /* cmgt .2d, #0 */, C), map1(C, 64, (x) => ones(sx(x, 64) > 0n)));
});

test('across-lanes reductions: ADDV, [SU]MAXV, [SU]MINV, [SU]ADDLV', () => {
  const sum = (v: bigint, esize: number, count: number, signed: boolean): bigint =>
    lanes(v, esize, count).reduce((s, x) => s + (signed ? sx(x, esize) : x), 0n);
  const red = (v: bigint, esize: number, count: number, signed: boolean, pick: (a: bigint, b: bigint) => boolean): bigint =>
    lanes(v, esize, count).map((x) => (signed ? sx(x, esize) : x)).reduce((a, b) => (pick(b, a) ? b : a));
  assert.equal(op2(0x4e31b820 /* addv b0, .16b */, AA), sum(AA, 8, 16, false) & 0xffn);
  assert.equal(op2(0x4eb1b820 /* addv s0, .4s */, AA), sum(AA, 32, 4, false) & 0xffffffffn);
  assert.equal(op2(0x6e70a820 /* umaxv h0, .8h */, AA), red(AA, 16, 8, false, (a, b) => a > b));
  assert.equal(op2(0x0e31a820 /* sminv b0, .8b */, AA), red(AA, 8, 8, true, (a, b) => a < b) & 0xffn);
  assert.equal(op2(0x4eb0a820 /* smaxv s0, .4s */, AA), red(AA, 32, 4, true, (a, b) => a > b) & 0xffffffffn);
  assert.equal(op2(0x2e71a820 /* uminv h0, .4h */, AA), red(AA, 16, 4, false, (a, b) => a < b));
  assert.equal(op2(0x6eb03820 /* uaddlv d0, .4s */, (1n << 128n) - 1n), 4n * 0xffffffffn);
  assert.equal(op2(0x4e303820 /* saddlv h0, .16b */, AA), sum(AA, 8, 16, true) & 0xffffn);
});

test('pairwise ADDP (vector and scalar D)', () => {
  const pairs = (v: bigint, esize: number): bigint[] => {
    const l = lanes(v, esize);
    return l.filter((_, k) => k % 2 === 0).map((x, k) => x + l[2 * k + 1]);
  };
  assert.equal(op3(0x4ea2bc20 /* addp .4s */, AA, B), pack([...pairs(AA, 32), ...pairs(B, 32)], 32));
  assert.equal(op2(0x5ef1b820 /* addp d0, v1.2d */, C), ((C & M64) + (C >> 64n)) & M64);
});

test('min/max, absolute difference and rounding halving add', () => {
  assert.equal(op3(0x6e226420 /* umax .16b */, AA, B), map2(AA, B, 8, (x, y) => (x > y ? x : y)));
  assert.equal(op3(0x4e626c20 /* smin .8h */, AA, B), map2(AA, B, 16, (x, y) => (sx(x, 16) < sx(y, 16) ? x : y)));
  assert.equal(op3(0x6e227420 /* uabd .16b */, AA, B), map2(AA, B, 8, (x, y) => (x > y ? x - y : y - x)));
  assert.equal(op3(0x6e221420 /* urhadd .16b */, AA, B), map2(AA, B, 8, (x, y) => (x + y + 1n) >> 1n));
});

test('unary: NEG, ABS (wrapping on the minimum), NOT, CNT, CLS, CLZ, UADDLP', () => {
  assert.equal(op2(0x6ee0b820 /* neg .2d */, C), map1(C, 64, (x) => -x));
  assert.equal(op2(0x4e20b820 /* abs .16b */, AA), map1(AA, 8, (x) => (sx(x, 8) < 0n ? -x : x)));
  assert.equal(op2(0x6e205820 /* not .16b */, AA), ~AA & ((1n << 128n) - 1n));
  const pop = (x: bigint): bigint => BigInt(x.toString(2).split('1').length - 1);
  assert.equal(op2(0x0e205820 /* cnt .8b */, C), map1(C, 8, pop, 8));
  const clz = (x: bigint, e: number): bigint => BigInt(e - (x === 0n ? 0 : x.toString(2).length));
  assert.equal(op2(0x6e604820 /* clz .8h */, AA), map1(AA, 16, (x) => clz(x, 16)));
  const cls = (x: bigint, e: number): bigint => clz((x >> 1n) ^ (x & ((1n << BigInt(e - 1)) - 1n)), e - 1);
  assert.equal(op2(0x4ea04820 /* cls .4s */, AA), map1(AA, 32, (x) => cls(x, 32)));
  const b = lanes(AA, 8);
  assert.equal(op2(0x6e202820 /* uaddlp .8h, .16b */, AA), pack(Array.from({ length: 8 }, (_, k) => b[2 * k] + b[2 * k + 1]), 16));
});

test('shifts by immediate: SHL, USHR by the full width, SSHR, USRA (scalar), SLI', () => {
  assert.equal(op2(0x4f235420 /* shl .4s, #3 */, AA), map1(AA, 32, (x) => x << 3n));
  assert.equal(op2(0x6f080420 /* ushr .16b, #8 */, AA), 0n);
  assert.equal(op2(0x4f410420 /* sshr .2d, #63 */, C), map1(C, 64, (x) => (sx(x, 64) < 0n ? -1n : 0n)));
  assert.equal(op2(0x7f7c1420 /* usra d0, d1, #4 */, C, 0x10n), ((C & M64) >> 4n) + 0x10n);
  const d = 0x1111111111111111_2222222222222222n;
  assert.equal(op2(0x6f485420 /* sli .2d, #8 */, C, d), map2(C, d, 64, (x, y) => (x << 8n) | (y & 0xffn)));
});

test('shifts by register: USHL/SSHL take a signed byte and shift right when negative', () => {
  const sh = pack([3n, 0xffn /* -1 */, 0xe0n /* -32 */, 40n], 32);
  assert.equal(op3(0x6ea24420 /* ushl .4s */, AA, sh), pack([(0x12345678n << 3n), 0xfffffffen >> 1n, 0n, 0n], 32));
  const sh64 = pack([0xc1n /* -63 */, 4n], 64);
  assert.equal(op3(0x4ee24420 /* sshl .2d */, C, sh64), pack([-1n, (C >> 64n) << 4n], 64));
});

test('narrowing and widening: XTN/XTN2, UXTL, SXTL2, USHLL, SHRN', () => {
  assert.equal(op2(0x0e212820 /* xtn .8b, .8h */, AA), pack(lanes(AA, 16).map((x) => x & 0xffn), 8));
  assert.equal(op2(0x4ea12820 /* xtn2 .4s, .2d */, AA, C), (pack(lanes(AA, 64).map((x) => x & 0xffffffffn), 32) << 64n) | (C & M64));
  assert.equal(op2(0x2f08a420 /* uxtl .8h, .8b */, AA), pack(lanes(AA, 8, 8), 16));
  assert.equal(op2(0x4f20a420 /* sxtl2 .2d, .4s */, AA), pack(lanes(AA >> 64n, 32, 2).map((x) => sx(x, 32)), 64));
  assert.equal(op2(0x2f14a420 /* ushll .4s, .4h, #4 */, AA), pack(lanes(AA, 16, 4).map((x) => x << 4n), 32));
  assert.equal(op2(0x0f188420 /* shrn .4h, .4s, #8 */, AA), pack(lanes(AA, 32).map((x) => x >> 8n), 16));
});

test('REV64/REV32/REV16 reverse elements within containers', () => {
  const bytes = lanes(C, 8);
  const revIn = (l: bigint[], group: number): bigint[] => l.map((_, k) => l[k - (k % group) + (group - 1 - (k % group))]);
  assert.equal(op2(0x4e200820 /* rev64 .16b */, C), pack(revIn(bytes, 8), 8));
  assert.equal(op2(0x6e600820 /* rev32 .8h */, C), pack(revIn(lanes(C, 16), 2), 16));
  assert.equal(op2(0x0e201820 /* rev16 .8b */, C), pack(revIn(bytes, 2).slice(0, 8), 8));
});

test('ZIP/UZP/TRN interleave, de-interleave and transpose', () => {
  const a = lanes(AA, 32);
  const b = lanes(B, 32);
  assert.equal(op3(0x4e823820 /* zip1 .4s */, AA, B), pack([a[0], b[0], a[1], b[1]], 32));
  assert.equal(op3(0x4e825820 /* uzp2 .4s */, AA, B), pack([a[1], a[3], b[1], b[3]], 32));
  const a8 = lanes(AA, 8);
  const b8 = lanes(B, 8);
  assert.equal(op3(0x4e027820 /* zip2 .16b */, AA, B), pack(a8.slice(8).flatMap((x, k) => [x, b8[8 + k]]), 8));
  assert.equal(op3(0x4e022820 /* trn1 .16b */, AA, B), pack(a8.map((x, k) => (k % 2 === 0 ? x : b8[k - 1])), 8));
  const a16 = lanes(AA, 16);
  const b16 = lanes(B, 16);
  assert.equal(op3(0x4e421820 /* uzp1 .8h */, AA, B), pack([...a16.filter((_, k) => k % 2 === 0), ...b16.filter((_, k) => k % 2 === 0)], 16));
  assert.equal(op3(0x4ec26820 /* trn2 .2d */, AA, B), pack([AA >> 64n, B >> 64n], 64));
});

test('EXT extracts a byte window from the pair', () => {
  assert.equal(op3(0x6e021820 /* ext .16b, #3 */, AA, B), ((AA >> 24n) | (B << 104n)) & ((1n << 128n) - 1n));
  assert.equal(op3(0x2e022820 /* ext .8b, #5 */, AA, B), (((AA & M64) >> 40n) | ((B & M64) << 24n)) & M64);
});

test('TBL/TBX look bytes up in 1-4 registers; out-of-range indices give 0 (TBL) or keep Vd (TBX)', () => {
  const table = [0x0f0e0d0c0b0a09080706050403020100n, 0x1f1e1d1c1b1a19181716151413121110n, 0x2f2e2d2c2b2a29282726252423222120n, 0x3f3e3d3c3b3a39383736353433323130n];
  const idx = pack([0n, 15n, 16n, 17n, 33n, 47n, 48n, 63n, 64n, 255n, 1n, 2n, 3n, 4n, 5n, 6n], 8);
  let r = runFp([0x4e050020 /* tbl .16b, {v1}, v5 */], { v: { 0: JUNK, 1: table[0], 5: idx } });
  assert.equal(r.q(0), pack(lanes(idx, 8).map((i) => (i < 16n ? i : 0n)), 8));
  r = runFp([0x4e056020 /* tbl .16b, {v1-v4}, v5 */], { v: { 0: JUNK, 1: table[0], 2: table[1], 3: table[2], 4: table[3], 5: idx } });
  assert.equal(r.q(0), pack(lanes(idx, 8).map((i) => (i < 64n ? i : 0n)), 8));
  r = runFp([0x0e053020 /* tbx .8b, {v1, v2}, v5 */], { v: { 0: JUNK, 1: table[0], 2: table[1], 5: idx } });
  const keep = lanes(JUNK, 8);
  assert.equal(r.q(0), pack(lanes(idx, 8, 8).map((i, k) => (i < 32n ? i : keep[k])), 8));
});
