import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DATA, M64, peek, poke, RAM_BASE, runProgram, setXs, x } from './cpu.loadStoreHelpers';
import { bareMachine, RAM_SIZE } from '../helpers/bareCpu';

const Q = (k: number): bigint => 0x0101010101010101n * BigInt(k + 1) + 0x8000000000000000n * BigInt(k & 1);

/** Fill DATA-64..DATA+64 with distinct doublewords Q(k) at DATA + 8k. */
function fill(m: ReturnType<typeof bareMachine>): void {
  for (let k = -8; k < 8; k++) poke(m, DATA + 8 * k, 8, Q(k + 8));
}
const at = (off: number): bigint => Q(off / 8 + 8);
const lo32 = (v: bigint): bigint => v & 0xffffffffn;
const hi32 = (v: bigint): bigint => v >> 32n;

test('LDP/STP of X and W registers with a signed scaled offset (LDNP/STNP alike)', () => {
  const m = runProgram(
    [
      0xa97f0c22, // ldp x2, x3, [x1, #-16]
      0x29411424, // ldp w4, w5, [x1, #8]
      0xa85f9c26, // ldnp x6, x7, [x1, #504]
      0x28602428, // ldnp w8, w9, [x1, #-256]
      0xa9012c2a, // stp x10, x11, [x1, #16]
      0x2904342c, // stp w12, w13, [x1, #32]
      0xa820302a, // stnp x10, x12, [x1, #-512]
      0x281fb02d, // stnp w13, w12, [x1, #252]
    ],
    (m) => {
      fill(m);
      poke(m, DATA + 504, 16, 0x99999999999999998888888888888888n);
      poke(m, DATA - 256, 8, 0x7777777766666666n);
      setXs(m, { 1: DATA, 4: M64, 5: M64, 10: 0xaaaaaaaaaaaaaaaan, 11: 0xbbbbbbbbbbbbbbbbn, 12: 0x11111111ccccccccn, 13: 0x22222222ddddddddn });
    },
  );
  assert.equal(x(m, 2), at(-16));
  assert.equal(x(m, 3), at(-8));
  assert.equal(x(m, 4), lo32(at(8)));
  assert.equal(x(m, 5), hi32(at(8)));
  assert.equal(x(m, 6), 0x8888888888888888n);
  assert.equal(x(m, 7), 0x9999999999999999n);
  assert.equal(x(m, 8), 0x66666666n);
  assert.equal(x(m, 9), 0x77777777n);
  assert.equal(peek(m, DATA + 16, 16), 0xbbbbbbbbbbbbbbbbaaaaaaaaaaaaaaaan);
  assert.equal(peek(m, DATA + 32, 8), 0xddddddddccccccccn);
  assert.equal(peek(m, DATA - 512, 16), 0x11111111ccccccccaaaaaaaaaaaaaaaan);
  assert.equal(peek(m, DATA + 252, 8), 0xccccccccddddddddn);
});

test('LDP/STP pre- and post-index write the base back', () => {
  const m = runProgram(
    [
      0xa9c10c22, // ldp x2, x3, [x1, #16]!
      0x28ff14c4, // ldp w4, w5, [x6], #-8
      0xa9be2127, // stp x7, x8, [x9, #-32]!
      0x28832d8a, // stp w10, w11, [x12], #24
      0xa9bf7bfd, // stp x29, x30, [sp, #-16]!
      0xa8c13bed, // ldp x13, x14, [sp], #16
    ],
    (m) => {
      fill(m);
      setXs(m, { 1: DATA, 6: DATA + 8, 7: 0x7070707070707070n, 8: 0x8080808080808080n, 9: DATA + 0x80, 10: 0x10101010, 11: 0x11111111, 12: DATA + 0x90, 29: 0x2929n, 30: 0x3030n });
      m.cpu.sp = BigInt(DATA + 0x200);
    },
  );
  assert.equal(x(m, 2), at(16));
  assert.equal(x(m, 3), at(24));
  assert.equal(x(m, 1), BigInt(DATA + 16));
  assert.equal(x(m, 4), lo32(at(8)));
  assert.equal(x(m, 5), hi32(at(8)));
  assert.equal(x(m, 6), BigInt(DATA));
  assert.equal(peek(m, DATA + 0x60, 16), 0x80808080808080807070707070707070n);
  assert.equal(x(m, 9), BigInt(DATA + 0x60));
  assert.equal(peek(m, DATA + 0x90, 8), 0x1111111110101010n);
  assert.equal(x(m, 12), BigInt(DATA + 0xa8));
  assert.equal(x(m, 13), 0x2929n);
  assert.equal(x(m, 14), 0x3030n);
  assert.equal(m.cpu.sp, BigInt(DATA + 0x200));
  assert.equal(peek(m, DATA + 0x1f0, 16), 0x30300000000000002929n);
});

test('LDPSW sign-extends both words, in every indexing mode', () => {
  const m = runProgram(
    [
      0x69400c22, // ldpsw x2, x3, [x1]
      0x69ff14c4, // ldpsw x4, x5, [x6, #-8]!
      0x68dfa127, // ldpsw x7, x8, [x9], #252
    ],
    (m) => {
      poke(m, DATA, 8, 0x7fffffff80000000n);
      poke(m, DATA + 0x18, 8, 0x00000001fffffffen);
      poke(m, DATA + 0x40, 8, 0x8000000100000000n);
      setXs(m, { 1: DATA, 6: DATA + 0x20, 9: DATA + 0x40 });
    },
  );
  assert.equal(x(m, 2), 0xffffffff80000000n);
  assert.equal(x(m, 3), 0x7fffffffn);
  assert.equal(x(m, 4), 0xfffffffffffffffen);
  assert.equal(x(m, 5), 1n);
  assert.equal(x(m, 6), BigInt(DATA + 0x18));
  assert.equal(x(m, 7), 0n);
  assert.equal(x(m, 8), 0xffffffff80000001n);
  assert.equal(x(m, 9), BigInt(DATA + 0x40 + 252));
});

test('pairs across a page boundary use both pages', () => {
  const edge = DATA + 0x1000 - 8;
  const m = runProgram(
    [
      0xa9000c22, // stp x2, x3, [x1]
      0xa9401424, // ldp x4, x5, [x1]
    ],
    (m) => setXs(m, { 1: edge, 2: 0x1234n, 3: 0x5678n }),
  );
  assert.equal(peek(m, edge, 8), 0x1234n);
  assert.equal(peek(m, edge + 8, 8), 0x5678n);
  assert.equal(x(m, 4), 0x1234n);
  assert.equal(x(m, 5), 0x5678n);
});

test('a fault on the second element of LDP leaves every register (and the base) unchanged', () => {
  const last = RAM_BASE + RAM_SIZE - 8; // the second element is just past the end of RAM
  const m = bareMachine([0xa9c00c22 /* ldp x2, x3, [x1, #0]! */]);
  poke(m, last, 8, 0x5555n);
  setXs(m, { 1: last, 2: 0x2222n, 3: 0x3333n });
  const exit = m.run();
  assert.equal(exit.kind, 'stage2-abort');
  if (exit.kind !== 'stage2-abort') return;
  assert.equal(exit.ipa, last + 8);
  assert.equal(exit.isv, false); // pairs have no instruction syndrome
  assert.equal(m.cpu.pc, RAM_BASE);
  assert.equal(x(m, 1), BigInt(last));
  assert.equal(x(m, 2), 0x2222n);
  assert.equal(x(m, 3), 0x3333n);
});

test('CONSTRAINED UNPREDICTABLE pair cases behave like qemu-aarch64', () => {
  const m = runProgram(
    [
      0xa9400822, // ldp x2, x2, [x1]
      0x29400c23, // ldp w3, w3, [x1]
      0x69401024, // ldpsw x4, x4, [x1]
      0xa9c118a5, // ldp x5, x6, [x5, #16]!
      0xa8c11ce8, // ldp x8, x7, [x7], #16
      0xa9bf2929, // stp x9, x10, [x9, #-16]!
    ],
    (m) => {
      fill(m);
      setXs(m, { 1: DATA, 5: DATA, 7: DATA, 9: DATA + 0x40, 10: 0xa });
    },
  );
  assert.equal(x(m, 2), at(0)); // Rt == Rt2: the first element
  assert.equal(x(m, 3), lo32(at(0)));
  assert.equal(x(m, 4), lo32(at(0)) | 0xffffffff00000000n * (lo32(at(0)) >> 31n));
  assert.equal(x(m, 5), BigInt(DATA + 16)); // writeback wins over the loaded Rt
  assert.equal(x(m, 6), at(24));
  assert.equal(x(m, 7), BigInt(DATA + 16)); // writeback wins over the loaded Rt2
  assert.equal(x(m, 8), at(0));
  assert.equal(peek(m, DATA + 0x30, 8), BigInt(DATA + 0x40)); // stores the base from before the writeback
  assert.equal(x(m, 9), BigInt(DATA + 0x30));
});
