import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DATA, peek, poke, runProgram, setV, setXs, vreg, x } from './cpu.loadStoreHelpers';
import { bareMachine } from '../helpers/bareCpu';

const ONES128 = (1n << 128n) - 1n;
const PATTERN = 0xf0e0d0c0b0a090807060504030201000n; // byte k = 0x10 * k

test('LDR B/H/S/D/Q load their size and zero the rest of the vector register', () => {
  const m = runProgram(
    [
      0x3d400c20, // ldr b0, [x1, #3]
      0x7d400421, // ldr h1, [x1, #2]
      0xbd400422, // ldr s2, [x1, #4]
      0xfd400423, // ldr d3, [x1, #8]
      0x3dc00024, // ldr q4, [x1]
      0x3dfffc25, // ldr q5, [x1, #65520]
    ],
    (m) => {
      poke(m, DATA, 16, PATTERN);
      poke(m, DATA + 65520, 16, 0x0123456789abcdef0011223344556677n);
      for (let k = 0; k < 6; k++) setV(m, k, ONES128);
      setXs(m, { 1: DATA });
    },
  );
  assert.equal(vreg(m, 0), 0x30n);
  assert.equal(vreg(m, 1), 0x3020n);
  assert.equal(vreg(m, 2), 0x70605040n);
  assert.equal(vreg(m, 3), 0xf0e0d0c0b0a09080n);
  assert.equal(vreg(m, 4), PATTERN);
  assert.equal(vreg(m, 5), 0x0123456789abcdef0011223344556677n);
});

test('STR B/H/S/D/Q store the low bytes of the vector register', () => {
  const m = runProgram(
    [
      0x3d000020, // str b0, [x1]
      0x7d000420, // str h0, [x1, #2]
      0xbd000420, // str s0, [x1, #4]
      0xfd000420, // str d0, [x1, #8]
      0x3d800420, // str q0, [x1, #16]
    ],
    (m) => {
      m.bus.write(DATA, new Uint8Array(48).fill(0xaa));
      setV(m, 0, PATTERN);
      setXs(m, { 1: DATA });
    },
  );
  assert.equal(peek(m, DATA, 8), 0x30201000_1000_aa_00n);
  assert.equal(peek(m, DATA + 8, 8), 0x7060504030201000n);
  assert.equal(peek(m, DATA + 16, 16), PATTERN);
  assert.equal(peek(m, DATA + 32, 1), 0xaan);
});

test('SIMD&FP unscaled, pre-index and post-index forms', () => {
  const m = runProgram(
    [
      0x3cdf0020, // ldur q0, [x1, #-16]
      0xbc5fc021, // ldur s1, [x1, #-4]
      0xfc1e8022, // stur d2, [x1, #-24]
      0x3cc20c83, // ldr q3, [x4, #32]!
      0x7c5fe4c5, // ldr h5, [x6], #-2
      0x3c9f0d07, // str q7, [x8, #-16]!
      0x3c0ff549, // str b9, [x10], #255
      0xfc500d8b, // ldr d11, [x12, #-256]!
    ],
    (m) => {
      poke(m, DATA - 16, 16, PATTERN);
      poke(m, DATA + 32, 16, PATTERN ^ ONES128);
      poke(m, DATA + 6, 2, 0xbeefn);
      poke(m, DATA - 256, 8, 0x1122334455667788n);
      setV(m, 2, 0xfedcba9876543210n);
      setV(m, 7, 0x77777777777777776666666666666666n);
      setV(m, 9, 0x99n);
      setXs(m, { 1: DATA, 4: DATA, 6: DATA + 6, 8: DATA + 0x100, 10: DATA + 0x200, 12: DATA });
    },
  );
  assert.equal(vreg(m, 0), PATTERN);
  assert.equal(vreg(m, 1), 0xf0e0d0c0n);
  assert.equal(peek(m, DATA - 24, 8), 0xfedcba9876543210n);
  assert.equal(vreg(m, 3), PATTERN ^ ONES128);
  assert.equal(x(m, 4), BigInt(DATA + 32));
  assert.equal(vreg(m, 5), 0xbeefn);
  assert.equal(x(m, 6), BigInt(DATA + 4));
  assert.equal(peek(m, DATA + 0xf0, 16), 0x77777777777777776666666666666666n);
  assert.equal(x(m, 8), BigInt(DATA + 0xf0));
  assert.equal(peek(m, DATA + 0x200, 1), 0x99n);
  assert.equal(x(m, 10), BigInt(DATA + 0x200 + 255));
  assert.equal(vreg(m, 11), 0x1122334455667788n);
  assert.equal(x(m, 12), BigInt(DATA - 256));
});

test('SIMD&FP register offsets scale by the access size (Q: 16)', () => {
  const m = runProgram(
    [
      0x3ce27820, // ldr q0, [x1, x2, lsl #4]
      0xfc63d821, // ldr d1, [x1, w3, sxtw #3]
      0x7c646822, // ldr h2, [x1, x4]
      0xbc255823, // str s3, [x1, w5, uxtw #2]
      0x3c667824, // ldr b4, [x1, x6, lsl #0]
      0x3ca7e825, // str q5, [x1, x7, sxtx]
    ],
    (m) => {
      poke(m, DATA - 32, 16, PATTERN);
      poke(m, DATA - 16, 8, 0xd1d1d1d1d1d1d1d1n);
      poke(m, DATA + 6, 2, 0x4242n);
      poke(m, DATA + 9, 1, 0x99n);
      setV(m, 3, 0xabcdef12n);
      setV(m, 5, PATTERN);
      setXs(m, { 1: DATA, 2: -2n, 3: 0xfffffffen, 4: 6, 5: 0x1_00000010n, 6: 9, 7: 0x30 });
    },
  );
  assert.equal(vreg(m, 0), PATTERN);
  assert.equal(vreg(m, 1), 0xd1d1d1d1d1d1d1d1n);
  assert.equal(vreg(m, 2), 0x4242n);
  assert.equal(peek(m, DATA + 0x40, 4), 0xabcdef12n);
  assert.equal(vreg(m, 4), 0x99n);
  assert.equal(peek(m, DATA + 0x30, 16), PATTERN);
});

test('LDR (literal) S/D/Q', () => {
  const m = bareMachine([
    0x14000008, // b skip
    0xd503201f, 0xd503201f, 0xd503201f, // nop (align the literal to 16)
    0x22222222, 0x11111111, 0x44444444, 0x33333333, // 0x10: .quad 0x1111111122222222, 0x3333333344444444
    0x1cffff80, // skip: ldr s0, 0x10
    0x5cffff61, // ldr d1, 0x10
    0x9cffff42, // ldr q2, 0x10
    0x9c0000a3, // ldr q3, fwd
    0xd4000002, // hvc #0
    0xd503201f, 0xd503201f, 0xd503201f,
    0xbbbbbbbb, 0xaaaaaaaa, 0xdddddddd, 0xcccccccc, // fwd (0x40): .quad 0xaaaaaaaabbbbbbbb, 0xccccccccdddddddd
  ]);
  for (let k = 0; k < 4; k++) setV(m, k, ONES128);
  assert.equal(m.run().kind, 'hvc');
  assert.equal(vreg(m, 0), 0x22222222n);
  assert.equal(vreg(m, 1), 0x1111111122222222n);
  assert.equal(vreg(m, 2), 0x33333333444444441111111122222222n);
  assert.equal(vreg(m, 3), 0xccccccccddddddddaaaaaaaabbbbbbbbn);
});

test('LDP/STP and LDNP/STNP of S, D and Q registers in every indexing mode', () => {
  const m = runProgram(
    [
      0x2d400420, // ldp s0, s1, [x1]
      0x6d7f0c22, // ldp d2, d3, [x1, #-16]
      0xad411424, // ldp q4, q5, [x1, #32]
      0xac411c26, // ldnp q6, q7, [x1, #32]
      0x6c7f2428, // ldnp d8, d9, [x1, #-16]
      0x2dbf0540, // stp s0, s1, [x10, #-8]!
      0x6c810d62, // stp d2, d3, [x11], #16
      0xadbf1584, // stp q4, q5, [x12, #-32]!
      0xac021da6, // stnp q6, q7, [x13, #64]
      0xace03dce, // ldp q14, q15, [x14], #-1024
      0x2c1f85a0, // stnp s0, s1, [x13, #252]
    ],
    (m) => {
      poke(m, DATA, 8, 0x5151515150505050n);
      poke(m, DATA - 16, 16, 0xd3d3d3d3d3d3d3d3d2d2d2d2d2d2d2d2n);
      poke(m, DATA + 32, 16, PATTERN);
      poke(m, DATA + 48, 16, PATTERN ^ ONES128);
      for (let k = 0; k < 16; k++) setV(m, k, ONES128);
      setXs(m, { 1: DATA, 10: DATA + 0x108, 11: DATA + 0x200, 12: DATA + 0x320, 13: DATA + 0x400, 14: DATA + 32 });
    },
  );
  assert.equal(vreg(m, 0), 0x50505050n);
  assert.equal(vreg(m, 1), 0x51515151n);
  assert.equal(vreg(m, 2), 0xd2d2d2d2d2d2d2d2n);
  assert.equal(vreg(m, 3), 0xd3d3d3d3d3d3d3d3n);
  assert.equal(vreg(m, 4), PATTERN);
  assert.equal(vreg(m, 5), PATTERN ^ ONES128);
  assert.equal(vreg(m, 6), PATTERN);
  assert.equal(vreg(m, 7), PATTERN ^ ONES128);
  assert.equal(vreg(m, 8), 0xd2d2d2d2d2d2d2d2n);
  assert.equal(vreg(m, 9), 0xd3d3d3d3d3d3d3d3n);
  assert.equal(peek(m, DATA + 0x100, 8), 0x5151515150505050n);
  assert.equal(x(m, 10), BigInt(DATA + 0x100));
  assert.equal(peek(m, DATA + 0x200, 16), 0xd3d3d3d3d3d3d3d3d2d2d2d2d2d2d2d2n);
  assert.equal(x(m, 11), BigInt(DATA + 0x210));
  assert.equal(peek(m, DATA + 0x300, 16), PATTERN);
  assert.equal(peek(m, DATA + 0x310, 16), PATTERN ^ ONES128);
  assert.equal(x(m, 12), BigInt(DATA + 0x300));
  assert.equal(peek(m, DATA + 0x440, 16), PATTERN);
  assert.equal(peek(m, DATA + 0x450, 16), PATTERN ^ ONES128);
  assert.equal(vreg(m, 14), PATTERN);
  assert.equal(vreg(m, 15), PATTERN ^ ONES128);
  assert.equal(x(m, 14), BigInt(DATA + 32 - 1024));
  assert.equal(peek(m, DATA + 0x4fc, 8), 0x5151515150505050n);
});

test('LDP of SIMD&FP registers with Rt == Rt2 keeps the second element, like qemu-aarch64', () => {
  const m = runProgram([
    0x6d400020, // ldp d0, d0, [x1]
    0xad400421, // ldp q1, q1, [x1]
  ], (m) => {
    poke(m, DATA, 16, 0x22222222222222221111111111111111n);
    poke(m, DATA + 16, 16, 0x44444444444444443333333333333333n);
    setXs(m, { 1: DATA });
  });
  assert.equal(vreg(m, 0), 0x2222222222222222n);
  assert.equal(vreg(m, 1), 0x44444444444444443333333333333333n);
});

test('Q accesses must be 16-byte aligned (Device memory), even when 8-byte aligned', () => {
  for (const word of [
    0x3dc00020, // ldr q0, [x1]
    0x3d800020, // str q0, [x1]
    0xad400420, // ldp q0, q1, [x1]
    0xad000420, // stp q0, q1, [x1]
    0x3cc10c20, // ldr q0, [x1, #16]!
  ]) {
    const m = bareMachine([word]);
    setXs(m, { 1: DATA + 8 });
    setV(m, 0, 0x1234n);
    const exit = m.run();
    assert.equal(exit.kind, 'unhandled-exception');
    if (exit.kind !== 'unhandled-exception') continue;
    assert.equal(exit.ec, 0x25);
    assert.equal(exit.esr & 0x3f, 0x21);
    assert.equal(vreg(m, 0), 0x1234n);
    assert.equal(x(m, 1), BigInt(DATA + 8)); // no writeback
  }
});

test('SIMD&FP loads and stores trap when CPACR_EL1.FPEN disables FP, before touching memory', () => {
  for (const word of [
    0x3dc00020, // ldr q0, [x1]
    0xfc008c20, // str d0, [x1, #8]!
    0x2d400420, // ldp s0, s1, [x1]
    0xbc626820, // ldr s0, [x1, x2]
  ]) {
    const m = bareMachine([word], { fp: false });
    setXs(m, { 1: 0x1000 }); // unmapped: a memory access would be a stage-2 abort
    const exit = m.run();
    assert.equal(exit.kind, 'unhandled-exception');
    if (exit.kind === 'unhandled-exception') assert.equal(exit.ec, 0x07);
    assert.equal(x(m, 1), 0x1000n);
  }
});
