import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DATA, M64, peek, poke, RAM_BASE, runProgram, setXs, sextBig, u64, x } from './cpu.loadStoreHelpers';
import { bareMachine } from '../helpers/bareCpu';

const ONES = M64;

test('loads of every size zero- or sign-extend into W and X registers (unsigned offset)', () => {
  const m = runProgram(
    [
      0x39400422, // ldrb w2, [x1, #1]
      0x39c00423, // ldrsb w3, [x1, #1]
      0x39800424, // ldrsb x4, [x1, #1]
      0x79400425, // ldrh w5, [x1, #2]
      0x79c00426, // ldrsh w6, [x1, #2]
      0x79800427, // ldrsh x7, [x1, #2]
      0xb9400428, // ldr w8, [x1, #4]
      0xb9800429, // ldrsw x9, [x1, #4]
      0xf940002a, // ldr x10, [x1]
      0x3980202b, // ldrsb x11, [x1, #8]
      0x79c0102c, // ldrsh w12, [x1, #8]
      0xb980082d, // ldrsw x13, [x1, #8]
    ],
    (m) => {
      poke(m, DATA, 8, 0xf1e2d3c4b5a69788n);
      poke(m, DATA + 8, 8, 0x000000007f6e5d4cn);
      setXs(m, { 1: DATA });
      for (let r = 2; r <= 13; r++) m.cpu.setX(r, ONES); // W results must clear the upper half
    },
  );
  assert.equal(x(m, 2), 0x97n);
  assert.equal(x(m, 3), 0xffffff97n);
  assert.equal(x(m, 4), 0xffffffffffffff97n);
  assert.equal(x(m, 5), 0xb5a6n);
  assert.equal(x(m, 6), 0xffffb5a6n);
  assert.equal(x(m, 7), 0xffffffffffffb5a6n);
  assert.equal(x(m, 8), 0xf1e2d3c4n);
  assert.equal(x(m, 9), 0xfffffffff1e2d3c4n);
  assert.equal(x(m, 10), 0xf1e2d3c4b5a69788n);
  assert.equal(x(m, 11), 0x4cn);
  assert.equal(x(m, 12), 0x5d4cn);
  assert.equal(x(m, 13), 0x7f6e5d4cn);
});

test('stores write exactly their size from the low bits of the register', () => {
  const m = runProgram(
    [
      0x39000022, // strb w2, [x1]
      0x79000422, // strh w2, [x1, #2]
      0xb9000422, // str w2, [x1, #4]
      0xf9000422, // str x2, [x1, #8]
      0x79002423, // strh w3, [x1, #18]
    ],
    (m) => {
      m.bus.write(DATA, new Uint8Array(24).fill(0xaa));
      setXs(m, { 1: DATA, 2: 0x1122334455667788n, 3: 0xfedcn });
    },
  );
  assert.equal(peek(m, DATA, 8), 0x55667788_7788_aa88n);
  assert.equal(peek(m, DATA + 8, 8), 0x1122334455667788n);
  assert.equal(peek(m, DATA + 16, 8), 0xaaaaaaaa_fedc_aaaan);
});

test('unsigned offsets are scaled by the access size up to imm12 = 4095', () => {
  const m = runProgram(
    [
      0xf97ffc20, // ldr x0, [x1, #32760]
      0xb97ffc22, // ldr w2, [x1, #16380]
      0x797ffc23, // ldrh w3, [x1, #8190]
      0x397ffc24, // ldrb w4, [x1, #4095]
      0xf93ff825, // str x5, [x1, #32752]
    ],
    (m) => {
      poke(m, DATA + 32760, 8, 0x0102030405060708n);
      poke(m, DATA + 16380, 4, 0xcafef00dn);
      poke(m, DATA + 8190, 2, 0xbeefn);
      poke(m, DATA + 4095, 1, 0x5an);
      setXs(m, { 1: DATA, 5: 0x1111222233334444n });
    },
  );
  assert.equal(x(m, 0), 0x0102030405060708n);
  assert.equal(x(m, 2), 0xcafef00dn);
  assert.equal(x(m, 3), 0xbeefn);
  assert.equal(x(m, 4), 0x5an);
  assert.equal(peek(m, DATA + 32752, 8), 0x1111222233334444n);
});

test('LDUR/STUR family takes signed unscaled offsets, including negative ones', () => {
  const m = runProgram(
    [
      0xf85f8020, // ldur x0, [x1, #-8]
      0xb85fc022, // ldur w2, [x1, #-4]
      0x389ff023, // ldursb x3, [x1, #-1]
      0x78dfe024, // ldursh w4, [x1, #-2]
      0xb89fc025, // ldursw x5, [x1, #-4]
      0x38500026, // ldurb w6, [x1, #-256]
      0x784fe027, // ldurh w7, [x1, #254]
      0xf81f0028, // stur x8, [x1, #-16]
      0xb81ec028, // stur w8, [x1, #-20]
      0x781ea028, // sturh w8, [x1, #-22]
      0x381e9028, // sturb w8, [x1, #-23]
    ],
    (m) => {
      poke(m, DATA - 8, 8, 0x8123456789abcdefn);
      poke(m, DATA - 256, 1, 0xe1n);
      poke(m, DATA + 254, 2, 0x9abcn);
      m.bus.write(DATA - 24, new Uint8Array(8).fill(0));
      setXs(m, { 1: DATA, 8: 0x0102030405060708n });
    },
  );
  assert.equal(x(m, 0), 0x8123456789abcdefn);
  assert.equal(x(m, 2), 0x81234567n);
  assert.equal(x(m, 3), 0xffffffffffffff81n);
  assert.equal(x(m, 4), 0xffff8123n);
  assert.equal(x(m, 5), 0xffffffff81234567n);
  assert.equal(x(m, 6), 0xe1n);
  assert.equal(x(m, 7), 0x9abcn);
  assert.equal(peek(m, DATA - 16, 8), 0x0102030405060708n);
  assert.equal(peek(m, DATA - 24, 8), 0x05060708_0708_0800n);
});

test('pre-index accesses then writes the address back; post-index accesses then adds the offset', () => {
  const m = runProgram(
    [
      0xf8410c20, // ldr x0, [x1, #16]!
      0xf85f8462, // ldr x2, [x3], #-8
      0xb81fcca4, // str w4, [x5, #-4]!
      0x380014e6, // strb w6, [x7], #1
      0x78802d28, // ldrsh x8, [x9, #2]!
      0xb880456a, // ldrsw x10, [x11], #4
      0x385ffdac, // ldrb w12, [x13, #-1]!
      0x781fe5ee, // strh w14, [x15], #-2
      0x784ff630, // ldrh w16, [x17], #255
      0x38d00e72, // ldrsb w18, [x19, #-256]!
    ],
    (m) => {
      for (let k = 0; k < 64; k += 8) poke(m, DATA + k, 8, 0x8070605040302010n + BigInt(k) * 0x0101010101010101n);
      poke(m, DATA - 256, 1, 0x80n);
      setXs(m, { 1: DATA, 3: DATA + 8, 4: 0xdeadbeefn, 5: DATA + 40, 6: 0x5a, 7: DATA + 48, 9: DATA, 11: DATA + 12, 13: DATA + 1, 14: 0x7777, 15: DATA + 52, 17: DATA + 2, 19: DATA });
    },
  );
  assert.equal(x(m, 0), 0x9080706050403020n);
  assert.equal(x(m, 1), BigInt(DATA + 16));
  assert.equal(x(m, 2), 0x8878685848382818n);
  assert.equal(x(m, 3), BigInt(DATA));
  assert.equal(peek(m, DATA + 36, 4), 0xdeadbeefn);
  assert.equal(x(m, 5), BigInt(DATA + 36));
  assert.equal(peek(m, DATA + 48, 1), 0x5an);
  assert.equal(x(m, 7), BigInt(DATA + 49));
  assert.equal(x(m, 8), 0x4030n);
  assert.equal(x(m, 9), BigInt(DATA + 2));
  assert.equal(x(m, 10), 0xffffffff88786858n);
  assert.equal(x(m, 11), BigInt(DATA + 16));
  assert.equal(x(m, 12), 0x10n);
  assert.equal(x(m, 13), BigInt(DATA));
  assert.equal(peek(m, DATA + 52, 2), 0x7777n);
  assert.equal(x(m, 15), BigInt(DATA + 50));
  assert.equal(x(m, 16), 0x4030n);
  assert.equal(x(m, 17), BigInt(DATA + 2 + 255));
  assert.equal(x(m, 18), 0xffffff80n);
  assert.equal(x(m, 19), BigInt(DATA - 256));
});

/** Byte at DATA + off in the pattern the register-offset test writes: distinct, half of them >= 0x80. */
const patByte = (off: number): number => (off * 37 + 0x91) & 0xff;
function pattern(off: number, size: number): bigint {
  let v = 0n;
  for (let k = size - 1; k >= 0; k--) v = (v << 8n) | BigInt(patByte(off + k));
  return v;
}

test('register offsets: UXTW/SXTW take the low 32 bits, LSL/SXTX the whole register, shifted by the size', () => {
  const m = runProgram(
    [
      0xf8627820, // ldr x0, [x1, x2, lsl #3]
      0xb8645823, // ldr w3, [x1, w4, uxtw #2]
      0xf866d825, // ldr x5, [x1, w6, sxtw #3]
      0x38686827, // ldrb w7, [x1, x8]
      0x78aaf829, // ldrsh x9, [x1, x10, sxtx #1]
      0x786c482b, // ldrh w11, [x1, w12, uxtw]
      0xf82e782d, // str x13, [x1, x14, lsl #3]
      0xf8716a0f, // ldr x15, [x16, x17]
      0xb8b3d832, // ldrsw x18, [x1, w19, sxtw #2]
      0x3835c834, // strb w20, [x1, w21, sxtw]
      0xb877e836, // ldr w22, [x1, x23, sxtx]
      0x38f97838, // ldrsb w24, [x1, x25, lsl #0]
    ],
    (m) => {
      const bytes = new Uint8Array(128);
      for (let k = 0; k < 128; k++) bytes[k] = patByte(k - 64);
      m.bus.write(DATA - 64, bytes);
      setXs(m, {
        1: DATA,
        2: -1n, // 64-bit index -1, scaled: DATA - 8
        4: 0xffffffff00000003n, // upper half ignored: DATA + 12
        6: 0x12345678fffffffen, // W = -2, scaled: DATA - 16
        8: 5,
        10: -3n, // DATA - 6
        12: 0xabcd00000006n, // W = 6, no shift: DATA + 6
        13: 0x0badc0de0badc0den,
        14: 2, // DATA + 16
        16: -8n, // base "below zero": the sum wraps modulo 2^64 to DATA
        17: DATA + 8,
        19: 0x7ffffffffffffffcn, // W = -4, scaled: DATA - 16
        20: 0x1ee,
        21: 0xfffffff9n, // W = -7: DATA - 7
        23: 0x20,
        25: 7,
      });
    },
  );
  assert.equal(x(m, 0), pattern(-8, 8));
  assert.equal(x(m, 3), pattern(12, 4));
  assert.equal(x(m, 5), pattern(-16, 8));
  assert.equal(x(m, 7), pattern(5, 1));
  assert.equal(x(m, 9), u64(sextBig(pattern(-6, 2), 16)));
  assert.equal(x(m, 11), pattern(6, 2));
  assert.equal(peek(m, DATA + 16, 8), 0x0badc0de0badc0den);
  assert.equal(x(m, 15), pattern(0, 8));
  assert.equal(x(m, 18), u64(sextBig(pattern(-16, 4), 32)));
  assert.equal(peek(m, DATA - 7, 1), 0xeen);
  assert.equal(x(m, 22), pattern(0x20, 4));
  assert.equal(x(m, 24), sextBig(pattern(7, 1), 8) & 0xffffffffn);
});

test('LDR (literal) loads W, X and sign-extended words PC-relative, backwards and forwards; PRFM is a no-op', () => {
  // 0x00: b skip ; nop ; .quad 0x8877665544332211 ; skip: loads... ; hvc ; fwd: .quad 0xf0000001
  const m = bareMachine([
    0x14000004, // b skip
    0xd503201f, // nop
    0x44332211, 0x88776655, // .quad at 0x08
    0x58ffffc0, // ldr x0, 0x08
    0x18ffffc1, // ldr w1, 0x0c
    0x98ffffa2, // ldrsw x2, 0x0c
    0x580000a3, // ldr x3, fwd
    0x98000084, // ldrsw x4, fwd
    0xd8000060, // prfm pldl1keep, fwd
    0x18000045, // ldr w5, fwd
    0xd4000002, // hvc #0
    0xf0000001, 0x00000000, // fwd: .quad 0xf0000001 at 0x30
  ]);
  m.cpu.setX(1, M64);
  assert.equal(m.run().kind, 'hvc');
  assert.equal(x(m, 0), 0x8877665544332211n);
  assert.equal(x(m, 1), 0x88776655n);
  assert.equal(x(m, 2), 0xffffffff88776655n);
  assert.equal(x(m, 3), 0xf0000001n);
  assert.equal(x(m, 4), 0xfffffffff0000001n);
  assert.equal(x(m, 5), 0xf0000001n);
});

test('PRFM/PRFUM never fault, whatever the address', () => {
  const m = runProgram(
    [
      0xf9800420, // prfm pldl1keep, [x1, #8]
      0xf8a27833, // prfm pstl2strm, [x1, x2, lsl #3]
      0xf89ff024, // prfum pldl3keep, [x1, #-1]
      0xf98003e8, // prfm plil1keep, [sp]
    ],
    (m) => setXs(m, { 1: 0xdead00000000n, 2: 0x123 }),
  );
  assert.equal(m.cpu.pc, RAM_BASE + 5 * 4);
});

test('LDTR/STTR family behaves as ordinary accesses at EL1 with the MMU off', () => {
  const m = runProgram(
    [
      0xf8008822, // sttr x2, [x1, #8]
      0xf8408823, // ldtr x3, [x1, #8]
      0x381ff822, // sttrb w2, [x1, #-1]
      0x389ff824, // ldtrsb x4, [x1, #-1]
      0x781fc822, // sttrh w2, [x1, #-4]
      0x78dfc825, // ldtrsh w5, [x1, #-4]
      0x785fc826, // ldtrh w6, [x1, #-4]
      0x385ff827, // ldtrb w7, [x1, #-1]
      0xb81f8822, // sttr w2, [x1, #-8]
      0xb89f8828, // ldtrsw x8, [x1, #-8]
      0xb85f8829, // ldtr w9, [x1, #-8]
    ],
    (m) => setXs(m, { 1: DATA, 2: 0x89abcdef8badf08dn }),
  );
  assert.equal(x(m, 3), 0x89abcdef8badf08dn);
  assert.equal(x(m, 4), 0xffffffffffffff8dn);
  assert.equal(x(m, 5), 0xfffff08dn);
  assert.equal(x(m, 6), 0xf08dn);
  assert.equal(x(m, 7), 0x8dn);
  assert.equal(x(m, 8), 0xffffffff8badf08dn);
  assert.equal(x(m, 9), 0x8badf08dn);
});

test('register 31 is SP as a base and ZR as the transfer register', () => {
  const m = runProgram(
    [
      0xf81f0fe2, // str x2, [sp, #-16]!
      0xf90007ff, // str xzr, [sp, #8]
      0xf84107e3, // ldr x3, [sp], #16
      0xf940003f, // ldr xzr, [x1]
      0xb900043f, // str wzr, [x1, #4]
      0xf9400024, // ldr x4, [x1]
      0x383f683f, // strb wzr, [x1, xzr]
      0x387f7825, // ldrb w5, [x1, xzr, lsl #0]
    ],
    (m) => {
      poke(m, DATA, 8, 0x1122334455667788n);
      setXs(m, { 1: DATA, 2: 0xa5a5a5a5a5a5a5a5n, 5: ONES });
      m.cpu.sp = BigInt(DATA + 0x100);
      m.cpu.setX(0, 0x99n);
    },
  );
  assert.equal(x(m, 3), 0xa5a5a5a5a5a5a5a5n);
  assert.equal(peek(m, DATA + 0x100 - 8, 8), 0n);
  assert.equal(m.cpu.sp, BigInt(DATA + 0x100));
  assert.equal(x(m, 4), 0x0000000055667788n);
  assert.equal(x(m, 5), 0n);
  assert.equal(peek(m, DATA, 1), 0n);
});

test('writeback onto the transfer register (CONSTRAINED UNPREDICTABLE) behaves like qemu-aarch64', () => {
  const m = runProgram(
    [
      0xf8408c21, // ldr x1, [x1, #8]!
      0xf8408442, // ldr x2, [x2], #8
      0xf8008c63, // str x3, [x3, #8]!
      0x38001484, // strb w4, [x4], #1
    ],
    (m) => {
      poke(m, DATA + 8, 8, 0x1111111111111111n);
      setXs(m, { 1: DATA, 2: DATA, 3: DATA + 0x20, 4: DATA + 0x40 });
    },
  );
  assert.equal(x(m, 1), BigInt(DATA + 8)); // the writeback wins over the loaded value
  assert.equal(x(m, 2), BigInt(DATA + 8));
  assert.equal(peek(m, DATA + 0x28, 8), BigInt(DATA + 0x20)); // the store uses the value before writeback
  assert.equal(x(m, 3), BigInt(DATA + 0x28));
  assert.equal(peek(m, DATA + 0x40, 1), BigInt((DATA + 0x40) & 0xff));
  assert.equal(x(m, 4), BigInt(DATA + 0x41));
});

test('unallocated load/store encodings are undefined instructions', () => {
  for (const word of [
    0xf8600820, // LDR (register) with option = 000 (UXTB): option<1> = 0 is reserved
    0xb9c00020, // size = 10, opc = 11, unsigned offset: unallocated
    0xb8c00420, // size = 10, opc = 11, post-index: unallocated
    0xf8c00c20, // size = 11, opc = 11, pre-index: unallocated
    0x7dc00020, // LDR (SIMD&FP) with opc<1> = 1 and size = 01: unallocated
  ]) {
    const m = bareMachine([word]);
    const exit = m.run();
    assert.equal(exit.kind, 'unhandled-exception', word.toString(16));
    if (exit.kind === 'unhandled-exception') assert.equal(exit.ec, 0, word.toString(16));
  }
});
