import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DATA, peek, RAM_BASE, runProgram, setV, setXs, vreg, x, writeBytes } from './cpu.loadStoreHelpers';
import { bareMachine, RAM_SIZE } from '../helpers/bareCpu';

const ONES128 = (1n << 128n) - 1n;
/** Bytes 0, 1, 2, … at DATA: byte k of memory is k & 0xff. */
const seq = (n: number): number[] => Array.from({ length: n }, (_, k) => k & 0xff);
/** The 16-byte little-endian value of sequence bytes from..from+15 (or 8 bytes when `bytes` = 8). */
function seqValue(from: number, bytes = 16): bigint {
  let v = 0n;
  for (let k = bytes - 1; k >= 0; k--) v = (v << 8n) | BigInt((from + k) & 0xff);
  return v;
}
/** A 128-bit value made of 32-bit elements (element 0 first). */
const s4 = (e: number[]): bigint => e.reduceRight((acc, v) => (acc << 32n) | BigInt(v >>> 0), 0n);

test('LD1/ST1 (multiple structures) with 1 to 4 registers; 64-bit forms zero the upper halves', () => {
  const m = runProgram(
    [
      0x4c407020, // ld1 {v0.16b}, [x1]
      0x4c40a421, // ld1 {v1.8h, v2.8h}, [x1]
      0x4c406823, // ld1 {v3.4s, v4.4s, v5.4s}, [x1]
      0x4c402c26, // ld1 {v6.2d, v7.2d, v8.2d, v9.2d}, [x1]
      0x0c40a02a, // ld1 {v10.8b, v11.8b}, [x1]
      0x0c407c2c, // ld1 {v12.1d}, [x1]
      0x4c002c46, // st1 {v6.2d, v7.2d, v8.2d, v9.2d}, [x2]
      0x0c00786a, // st1 {v10.2s}, [x3]
    ],
    (m) => {
      writeBytes(m, DATA, seq(64));
      for (let k = 0; k < 13; k++) setV(m, k, ONES128);
      setXs(m, { 1: DATA, 2: DATA + 0x100, 3: DATA + 0x200 });
    },
  );
  assert.equal(vreg(m, 0), seqValue(0));
  assert.equal(vreg(m, 1), seqValue(0));
  assert.equal(vreg(m, 2), seqValue(16));
  for (let k = 0; k < 3; k++) assert.equal(vreg(m, 3 + k), seqValue(16 * k));
  for (let k = 0; k < 4; k++) assert.equal(vreg(m, 6 + k), seqValue(16 * k));
  assert.equal(vreg(m, 10), seqValue(0, 8));
  assert.equal(vreg(m, 11), seqValue(8, 8));
  assert.equal(vreg(m, 12), seqValue(0, 8));
  for (let k = 0; k < 4; k++) assert.equal(peek(m, DATA + 0x100 + 16 * k, 16), seqValue(16 * k));
  assert.equal(peek(m, DATA + 0x200, 8), seqValue(0, 8));
  assert.equal(peek(m, DATA + 0x208, 8), 0n);
});

test('LD1/ST1 post-index by the transfer size or by a register', () => {
  const m = runProgram(
    [
      0x4cdfa020, // ld1 {v0.16b, v1.16b}, [x1], #32
      0x0cc37442, // ld1 {v2.4h}, [x2], x3
      0x4c9f7880, // st1 {v0.4s}, [x4], #16
      0x4c86aca1, // st1 {v1.2d, v2.2d}, [x5], x6
    ],
    (m) => {
      writeBytes(m, DATA, seq(64));
      setXs(m, { 1: DATA, 2: DATA + 8, 3: -8n, 4: DATA + 0x100, 5: DATA + 0x200, 6: 0x1000 });
    },
  );
  assert.equal(vreg(m, 0), seqValue(0));
  assert.equal(vreg(m, 1), seqValue(16));
  assert.equal(x(m, 1), BigInt(DATA + 32));
  assert.equal(vreg(m, 2), seqValue(8, 8));
  assert.equal(x(m, 2), BigInt(DATA));
  assert.equal(peek(m, DATA + 0x100, 16), seqValue(0));
  assert.equal(x(m, 4), BigInt(DATA + 0x110));
  assert.equal(peek(m, DATA + 0x200, 16), seqValue(16));
  assert.equal(peek(m, DATA + 0x210, 16), seqValue(8, 8));
  assert.equal(x(m, 5), BigInt(DATA + 0x1200));
});

test('LD2/LD3/LD4 de-interleave structures and ST2/ST3/ST4 interleave them back', () => {
  const m = runProgram(
    [
      0x4c408820, // ld2 {v0.4s, v1.4s}, [x1]
      0x4c404422, // ld3 {v2.8h, v3.8h, v4.8h}, [x1]
      0x4c40085e, // ld4 {v30.4s, v31.4s, v0.4s, v1.4s}, [x2]
      0x4c00087e, // st4 {v30.4s, v31.4s, v0.4s, v1.4s}, [x3]
      0x0cdf8025, // ld2 {v5.8b, v6.8b}, [x1], #16
      0x4c004482, // st3 {v2.8h, v3.8h, v4.8h}, [x4]
    ],
    (m) => {
      const words = new Uint32Array(16).map((_, k) => 0x11110000 + k);
      writeBytes(m, DATA, new Uint8Array(words.buffer));
      writeBytes(m, DATA + 0x100, new Uint8Array(words.buffer));
      setV(m, 5, ONES128);
      setXs(m, { 1: DATA, 2: DATA + 0x100, 3: DATA + 0x200, 4: DATA + 0x300 });
    },
  );
  const w = (k: number): number => 0x11110000 + k;
  assert.equal(vreg(m, 30), s4([w(0), w(4), w(8), w(12)]));
  assert.equal(vreg(m, 31), s4([w(1), w(5), w(9), w(13)]));
  assert.equal(vreg(m, 0), s4([w(2), w(6), w(10), w(14)])); // register numbers wrap from v31 to v0
  assert.equal(vreg(m, 1), s4([w(3), w(7), w(11), w(15)]));
  for (let k = 0; k < 16; k++) assert.equal(peek(m, DATA + 0x200 + 4 * k, 4), BigInt(w(k)));
  // LD3 .8h: halfword j of register r is memory halfword 3j + r.
  const half = (k: number): bigint => BigInt(k & 1 ? 0x1111 : k >> 1);
  for (let r = 0; r < 3; r++) {
    let v = 0n;
    for (let j = 7; j >= 0; j--) v = (v << 16n) | half(3 * j + r);
    assert.equal(vreg(m, 2 + r), v, `v${2 + r}`);
  }
  for (let k = 0; k < 24; k++) assert.equal(peek(m, DATA + 0x300 + 2 * k, 2), half(k));
  // LD2 .8b: even bytes to v5, odd bytes to v6; the 64-bit form clears the upper halves.
  const byte = (k: number): number => [k >> 2, 0, 0x11, 0x11][k & 3];
  let even = 0n;
  let odd = 0n;
  for (let j = 7; j >= 0; j--) {
    even = (even << 8n) | BigInt(byte(2 * j));
    odd = (odd << 8n) | BigInt(byte(2 * j + 1));
  }
  assert.equal(vreg(m, 5), even);
  assert.equal(vreg(m, 6), odd);
  assert.equal(x(m, 1), BigInt(DATA + 16));
});

test('LD1..LD4/ST1..ST4 (single structure) move one lane and keep the others', () => {
  const m = runProgram(
    [
      0x4d401c20, // ld1 {v0.b}[15], [x1]
      0x0d405821, // ld1 {v1.h}[3], [x1]
      0x4d408022, // ld1 {v2.s}[2], [x1]
      0x4d408423, // ld1 {v3.d}[1], [x1]
      0x0dff9024, // ld2 {v4.s, v5.s}[1], [x1], #8
      0x4de37846, // ld4 {v6.h, v7.h, v8.h, v9.h}[7], [x2], x3
      0x4d008483, // st1 {v3.d}[1], [x4]
      0x0d00b084, // st3 {v4.s, v5.s, v6.s}[1], [x4]
    ],
    (m) => {
      writeBytes(m, DATA, seq(16));
      for (let k = 0; k < 10; k++) setV(m, k, 0n);
      setV(m, 6, ONES128);
      setXs(m, { 1: DATA, 2: DATA, 3: 2, 4: DATA + 0x100 });
    },
  );
  assert.equal(vreg(m, 0), 0x00n << 120n);
  assert.equal(vreg(m, 1), 0x0100n << 48n);
  assert.equal(vreg(m, 2), 0x03020100n << 64n);
  assert.equal(vreg(m, 3), 0x0706050403020100n << 64n);
  assert.equal(vreg(m, 4), 0x03020100n << 32n);
  assert.equal(vreg(m, 5), 0x07060504n << 32n);
  assert.equal(x(m, 1), BigInt(DATA + 8));
  assert.equal(vreg(m, 6), (ONES128 & ~(0xffffn << 112n)) | (0x0100n << 112n));
  assert.equal(vreg(m, 7), 0x0302n << 112n);
  assert.equal(vreg(m, 8), 0x0504n << 112n);
  assert.equal(vreg(m, 9), 0x0706n << 112n);
  assert.equal(x(m, 2), BigInt(DATA + 2));
  // st1 {v3.d}[1] wrote 8 bytes, then st3 .s[1] overwrote the first 12.
  assert.equal(peek(m, DATA + 0x100, 12), (0xffffffffn << 64n) | (0x07060504n << 32n) | 0x03020100n);
});

test('LD1R..LD4R replicate one structure to every lane (64-bit forms zero the upper half)', () => {
  const m = runProgram(
    [
      0x4d40c020, // ld1r {v0.16b}, [x1]
      0x0d40c421, // ld1r {v1.4h}, [x1]
      0x4d60c822, // ld2r {v2.4s, v3.4s}, [x1]
      0x4ddfec44, // ld3r {v4.2d, v5.2d, v6.2d}, [x2], #24
      0x0de3e027, // ld4r {v7.8b, v8.8b, v9.8b, v10.8b}, [x1], x3
    ],
    (m) => {
      writeBytes(m, DATA, seq(32));
      for (let k = 0; k < 11; k++) setV(m, k, ONES128);
      setXs(m, { 1: DATA, 2: DATA + 8, 3: 64 });
    },
  );
  assert.equal(vreg(m, 0), 0n);
  assert.equal(vreg(m, 1), 0x0100010001000100n);
  assert.equal(vreg(m, 2), s4([0x03020100, 0x03020100, 0x03020100, 0x03020100]));
  assert.equal(vreg(m, 3), s4([0x07060504, 0x07060504, 0x07060504, 0x07060504]));
  assert.equal(vreg(m, 4), (seqValue(8, 8) << 64n) | seqValue(8, 8));
  assert.equal(vreg(m, 5), (seqValue(16, 8) << 64n) | seqValue(16, 8));
  assert.equal(vreg(m, 6), (seqValue(24, 8) << 64n) | seqValue(24, 8));
  assert.equal(x(m, 2), BigInt(DATA + 32));
  assert.equal(vreg(m, 7), 0n);
  assert.equal(vreg(m, 8), 0x0101010101010101n);
  assert.equal(vreg(m, 9), 0x0202020202020202n);
  assert.equal(vreg(m, 10), 0x0303030303030303n);
  assert.equal(x(m, 1), BigInt(DATA + 64));
});

test('structure loads fault before changing any register; elements need only their own alignment', () => {
  const end = RAM_BASE + RAM_SIZE - 32; // the third and fourth registers would be past the end of RAM
  const m = bareMachine([0x4cdf2020 /* ld1 {v0.16b, v1.16b, v2.16b, v3.16b}, [x1], #64 */]);
  setXs(m, { 1: end });
  for (let k = 0; k < 4; k++) setV(m, k, BigInt(k + 1));
  const exit = m.run();
  assert.equal(exit.kind, 'stage2-abort');
  if (exit.kind === 'stage2-abort') assert.equal(exit.isv, false);
  for (let k = 0; k < 4; k++) assert.equal(vreg(m, k), BigInt(k + 1));
  assert.equal(x(m, 1), BigInt(end));

  const odd = runProgram([0x4c407020 /* ld1 {v0.16b}, [x1] */], (m) => setXs(m, { 1: DATA + 3 })); // byte elements: any address
  assert.equal(odd.cpu.pc, RAM_BASE + 8);
  const misaligned = bareMachine([0x4c407c20 /* ld1 {v0.2d}, [x1] */]);
  setXs(misaligned, { 1: DATA + 4 });
  const fault = misaligned.run();
  assert.equal(fault.kind, 'unhandled-exception');
  if (fault.kind === 'unhandled-exception') assert.equal(fault.esr & 0x3f, 0x21);
});

test('reserved structure encodings are undefined', () => {
  for (const word of [
    0x0c408c20, // LD2 {v0.1d, v1.1d}: 1D is reserved for LD2-LD4
    0x0d404420, // LD1 {v0.h}[...] with size<0> = 1: unallocated
    0x0d409420, // LD1 {v0.d}[...] with S = 1: unallocated
    0x0d00c020, // ST1 with opcode 110 (no replicating store)
  ]) {
    const m = bareMachine([word]);
    const exit = m.run();
    assert.equal(exit.kind, 'unhandled-exception', word.toString(16));
    if (exit.kind === 'unhandled-exception') assert.equal(exit.ec, 0, word.toString(16));
  }
});
