import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mul64, pair, smulh64, umulh64 } from '../../engine/cpu/alu';

const M64 = (1n << 64n) - 1n;
const u64 = (lo: number, hi: number): bigint => (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
const s64 = (lo: number, hi: number): bigint => BigInt.asIntN(64, u64(lo, hi));
const result = (): bigint => u64(pair[0], pair[1]);

/** Operands: edge words (0, 1, 0xffff, 0x10000, 2^31 - 1, 2^31, 2^32 - 1, …) and a fixed pseudo-random series. */
function* operands(): Generator<[number, number, number, number]> {
  const edges = [0, 1, 2, 0xffff, 0x10000, 0x7fffffff, 0x80000000 | 0, 0xffffffff | 0, 0x12345678, 0xdeadbeef | 0];
  for (const a of edges) for (const b of edges) for (const h of [0, 1, -1, 0x7fffffff]) yield [a, h, b, edges[(a ^ b) & 7]];
  let s = 0x9e3779b9;
  const next = (): number => (s = (Math.imul(s, 1664525) + 1013904223) | 0);
  for (let k = 0; k < 5000; k++) yield [next(), next(), next(), next()];
}

test('mul64, umulh64 and smulh64 agree with BigInt on edge and pseudo-random operands', () => {
  for (const [alo, ahi, blo, bhi] of operands()) {
    const a = u64(alo, ahi);
    const b = u64(blo, bhi);
    mul64(alo, ahi, blo, bhi);
    assert.equal(result(), (a * b) & M64, `mul64 ${a} * ${b}`);
    umulh64(alo, ahi, blo, bhi);
    assert.equal(result(), (a * b) >> 64n, `umulh64 ${a} * ${b}`);
    smulh64(alo, ahi, blo, bhi);
    assert.equal(result(), ((s64(alo, ahi) * s64(blo, bhi)) >> 64n) & M64, `smulh64 ${a} * ${b}`);
  }
});
