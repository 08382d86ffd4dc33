/**
 * Advanced SIMD moves: MOVI/MVNI/ORR/BIC immediates, FMOV vector immediate, DUP, INS,
 * UMOV/SMOV, scalar DUP and the ORR-register MOV alias.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { D, S, runFp } from './cpu.simdHarness';

const V1 = 0xf0e1d2c3_b4a59687_78695a4b_3c2d1e0fn; // distinct bytes, both sign bit states
const JUNK = 0xdeadbeefdeadbeefdeadbeefdeadbeefn;
const M64 = (1n << 64n) - 1n;
const rep = (pattern: bigint, bits: number, lanes: number): bigint => {
  let r = 0n;
  for (let k = 0; k < lanes; k++) r |= pattern << BigInt(k * bits);
  return r;
};

test('MOVI/MVNI expand byte, shifted and MSL immediates; 64-bit forms zero the upper half', () => {
  const q = (word: number): bigint => runFp([word], { v: { 0: JUNK } }).q(0);
  assert.equal(q(0x4f05e560 /* movi v0.16b, #0xab */), rep(0xabn, 8, 16));
  assert.equal(q(0x4f004640 /* movi v0.4s, #0x12, lsl #16 */), rep(0x120000n, 32, 4));
  assert.equal(q(0x0f00d640 /* movi v0.2s, #0x12, msl #16 */), rep(0x12ffffn, 32, 2));
  assert.equal(q(0x6f01a680 /* mvni v0.8h, #0x34, lsl #8 */), rep(0xcbffn, 16, 8));
  assert.equal(q(0x6f05e4a0 /* movi v0.2d, #0xff00ff0000ff00ff */), rep(0xff00ff0000ff00ffn, 64, 2));
  assert.equal(q(0x2f04e420 /* movi d0, #0xff000000000000ff */), 0xff000000000000ffn);
});

test('ORR/BIC (vector, immediate) modify the destination in place', () => {
  const base = 0x0123456789abcdef_fedcba9876543210n;
  let r = runFp([0x4f047400 /* orr v0.4s, #0x80, lsl #24 */], { v: { 0: base } });
  assert.equal(r.q(0), base | rep(0x80000000n, 32, 4));
  r = runFp([0x6f0797e0 /* bic v0.8h, #0xff */], { v: { 0: base } });
  assert.equal(r.q(0), base & ~rep(0xffn, 16, 8));
});

test('FMOV (vector, immediate) fills single or double lanes', () => {
  assert.equal(runFp([0x4f06f600 /* fmov v0.4s, #-0.25 */]).q(0), rep(S(-0.25), 32, 4));
  assert.equal(runFp([0x6f03f700 /* fmov v0.2d, #1.5 */]).q(0), rep(D(1.5), 64, 2));
});

test('DUP (element and general) replicates one lane', () => {
  let r = runFp([0x4e160420 /* dup v0.8h, v1.h[5] */], { v: { 1: V1 } });
  assert.equal(r.q(0), rep((V1 >> 80n) & 0xffffn, 16, 8));
  r = runFp([0x4e180420 /* dup v0.2d, v1.d[1] */], { v: { 1: V1 } });
  assert.equal(r.q(0), rep(V1 >> 64n, 64, 2));
  r = runFp([0x4e010c20 /* dup v0.16b, w1 */], { x: { 1: 0x1234n } });
  assert.equal(r.q(0), rep(0x34n, 8, 16));
  r = runFp([0x0e040c20 /* dup v0.2s, w1 */], { v: { 0: JUNK }, x: { 1: 0xaaaaaaaa87654321n } });
  assert.equal(r.q(0), rep(0x87654321n, 32, 2), '64-bit form zeroes the upper half');
  r = runFp([0x4e080c20 /* dup v0.2d, x1 */], { x: { 1: 0x8000000000000001n } });
  assert.equal(r.q(0), rep(0x8000000000000001n, 64, 2));
});

test('INS (general and element) replaces one lane and keeps the others', () => {
  let r = runFp([0x4e141c20 /* mov v0.s[2], w1 */], { v: { 0: JUNK }, x: { 1: 0x11112222n } });
  assert.equal(r.q(0), (JUNK & ~(0xffffffffn << 64n)) | (0x11112222n << 64n));
  r = runFp([0x4e181c20 /* mov v0.d[1], x1 */], { v: { 0: JUNK }, x: { 1: 0x0123456789abcdefn } });
  assert.equal(r.q(0), (0x0123456789abcdefn << 64n) | (JUNK & M64));
  r = runFp([0x6e1f0420 /* mov v0.b[15], v1.b[0] */], { v: { 0: 0n, 1: V1 } });
  assert.equal(r.q(0), 0x0fn << 120n);
  r = runFp([0x6e084420 /* mov v0.d[0], v1.d[1] */], { v: { 0: JUNK, 1: V1 } });
  assert.equal(r.q(0), (JUNK & ~M64) | (V1 >> 64n));
});

test('UMOV zero-extends and SMOV sign-extends a lane', () => {
  const x = (word: number): bigint => runFp([word], { v: { 1: V1 }, x: { 0: M64 } }).x(0);
  assert.equal(x(0x0e133c20 /* umov w0, v1.b[9] */), 0x96n);
  assert.equal(x(0x0e0e3c20 /* umov w0, v1.h[3] */), 0x7869n);
  assert.equal(x(0x0e1c3c20 /* mov w0, v1.s[3] */), 0xf0e1d2c3n);
  assert.equal(x(0x4e183c20 /* mov x0, v1.d[1] */), V1 >> 64n);
  assert.equal(x(0x0e032c20 /* smov w0, v1.b[1] */), 0x1en, 'positive byte');
  assert.equal(x(0x4e1e2c20 /* smov x0, v1.h[7] */), 0xfffffffffffff0e1n);
  assert.equal(x(0x4e0c2c20 /* smov x0, v1.s[1] */), 0x78695a4bn);
});

test('SMOV W form sign-extends to 32 bits and zeroes the upper word', () => {
  const r = runFp([0x0e032c20 /* smov w0, v1.b[1] */], { v: { 1: 0x80ffn }, x: { 0: M64 } });
  assert.equal(r.x(0), 0xffffff80n);
});

test('scalar DUP (MOV Sd/Dd, Vn.T[i]) and the ORR-register MOV alias', () => {
  let r = runFp([0x5e1c0420 /* mov s0, v1.s[3] */], { v: { 0: JUNK, 1: V1 } });
  assert.equal(r.q(0), V1 >> 96n);
  r = runFp([0x5e180420 /* mov d0, v1.d[1] */], { v: { 0: JUNK, 1: V1 } });
  assert.equal(r.q(0), V1 >> 64n);
  r = runFp([0x4ea11c20 /* mov v0.16b, v1.16b */], { v: { 0: JUNK, 1: V1 } });
  assert.equal(r.q(0), V1);
  r = runFp([0x0ea11c20 /* mov v0.8b, v1.8b */], { v: { 0: JUNK, 1: V1 } });
  assert.equal(r.q(0), V1 & M64);
});
