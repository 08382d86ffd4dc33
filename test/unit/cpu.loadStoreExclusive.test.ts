import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DATA, HVC0, M64, peek, poke, RAM_BASE, runProgram, setXs, x } from './cpu.loadStoreHelpers';
import { bareMachine, RAM_SIZE } from '../helpers/bareCpu';
import { Cpu, CpuShared } from '../../engine/cpu/cpu';
import { a64Table } from '../../engine/cpu/encodings';
import { FlatBus } from '../../engine/memory/flatBus';

test('LDXR/STXR of every size: the store succeeds (status 0) while the reservation holds', () => {
  const m = runProgram(
    [
      0x085f7c22, // ldxrb w2, [x1]
      0x08037c2a, // stxrb w3, w10, [x1]
      0x485ffdc4, // ldaxrh w4, [x14]
      0x4805fdcb, // stlxrh w5, w11, [x14]
      0x885f7de6, // ldxr w6, [x15]
      0x8807fdec, // stlxr w7, w12, [x15]
      0xc85ffe08, // ldaxr x8, [x16]
      0xc8097e0d, // stxr w9, x13, [x16]
    ],
    (m) => {
      poke(m, DATA, 16, 0xf0e0d0c0b0a09080_c7c6c5c4_c3c2_c1c0n);
      setXs(m, { 1: DATA, 14: DATA + 2, 15: DATA + 4, 16: DATA + 8, 3: M64, 5: M64, 7: M64, 9: M64, 10: 0x1ee, 11: 0x12345, 12: 0xabcdef0123456789n, 13: 0x1122334455667788n });
    },
  );
  assert.equal(x(m, 2), 0xc0n);
  assert.equal(x(m, 4), 0xc3c2n);
  assert.equal(x(m, 6), 0xc7c6c5c4n);
  assert.equal(x(m, 8), 0xf0e0d0c0b0a09080n);
  for (const s of [3, 5, 7, 9]) assert.equal(x(m, s), 0n, `status x${s}`);
  assert.equal(peek(m, DATA, 16), 0x1122334455667788_23456789_2345_c1een);
});

test('STXR fails (status 1, memory unchanged) without a reservation, after CLREX, and after a completed STXR', () => {
  const m = runProgram(
    [
      0xc8027c2a, // stxr w2, x10, [x1]
      0xc85f7c23, // ldxr x3, [x1]
      0xd5033f5f, // clrex
      0xc8047c2a, // stxr w4, x10, [x1]
      0xc85f7c23, // ldxr x3, [x1]
      0xc8057c2b, // stxr w5, x11, [x1]
      0xc8067c2a, // stxr w6, x10, [x1]
    ],
    (m) => {
      poke(m, DATA, 8, 0x5555n);
      setXs(m, { 1: DATA, 10: 0xaaaan, 11: 0xbbbbn });
    },
  );
  assert.equal(x(m, 2), 1n);
  assert.equal(x(m, 4), 1n);
  assert.equal(x(m, 5), 0n);
  assert.equal(x(m, 6), 1n);
  assert.equal(peek(m, DATA, 8), 0xbbbbn);
});

/** Two vCPUs over one bus and one exclusive monitor; vCPU 1's code at RAM_BASE + 0x100. */
function twoCpus(code0: number[], code1: number[]): { c0: Cpu; c1: Cpu; bus: FlatBus } {
  const bus = new FlatBus([{ base: RAM_BASE, size: RAM_SIZE }]);
  bus.write(RAM_BASE, new Uint8Array(new Uint32Array(code0).buffer));
  bus.write(RAM_BASE + 0x100, new Uint8Array(new Uint32Array(code1).buffer));
  const shared = new CpuShared();
  const c0 = new Cpu(0, bus, a64Table(), shared);
  const c1 = new Cpu(1, bus, a64Table(), shared);
  c0.reset(RAM_BASE);
  c1.reset(RAM_BASE + 0x100);
  return { c0, c1, bus };
}

test('a store by another vCPU to the reservation granule makes STXR fail; one elsewhere does not', () => {
  for (const [offset, expectStatus] of [
    [0x38, 1n], // same 64-byte granule as DATA
    [0x40, 0n], // the next granule
  ] as const) {
    const { c0, c1, bus } = twoCpus(
      [
        0xc85f7c22, // ldxr x2, [x1]
        HVC0,
        0xc8037c24, // stxr w3, x4, [x1]
        HVC0,
      ],
      [
        0xf90000c5, // str x5, [x6]
        HVC0,
      ],
    );
    c0.setX(1, BigInt(DATA));
    c0.setX(4, 0x4444n);
    c1.setX(5, 0x5555n);
    c1.setX(6, BigInt(DATA + offset));
    assert.equal(c0.run(10).kind, 'hvc');
    assert.equal(c1.run(10).kind, 'hvc');
    assert.equal(c0.run(10).kind, 'hvc');
    assert.equal(c0.getX(3), expectStatus, `store at +0x${offset.toString(16)}`);
    const mem = new DataView(bus.read(DATA, 8).buffer).getBigUint64(0, true);
    assert.equal(mem, expectStatus === 0n ? 0x4444n : 0n);
  }
});

test('another vCPU completing its own LDXR/STXR on the granule breaks this vCPU\'s reservation', () => {
  const { c0, c1 } = twoCpus(
    [
      0x885ffc22, // ldaxr w2, [x1]
      HVC0,
      0x8803fc24, // stlxr w3, w4, [x1]
      HVC0,
    ],
    [
      0x885ffc22, // ldaxr w2, [x1]
      0x11000442, // add w2, w2, #1
      0x8803fc22, // stlxr w3, w2, [x1]
      HVC0,
    ],
  );
  for (const c of [c0, c1]) c.setX(1, BigInt(DATA));
  c0.setX(4, 0x77n);
  c0.run(10);
  c1.run(10);
  assert.equal(c1.getX(3), 0n);
  c0.run(10);
  assert.equal(c0.getX(3), 1n);
});

test('taking an exception clears the reservation', () => {
  // 0x00: ldxr ; svc ; stxr ; hvc   — vector table at 0x800, EL1h sync (0x200): eret
  const words = new Array(0xa04 / 4).fill(0xd503201f);
  words[0] = 0xc85f7c22 /* ldxr x2, [x1] */;
  words[1] = 0xd4000001 /* svc #0 */;
  words[2] = 0xc8037c24 /* stxr w3, x4, [x1] */;
  words[3] = HVC0;
  words[0xa00 / 4] = 0xd69f03e0 /* eret */;
  const m = bareMachine(words);
  m.cpu.sys.vbar_el1 = BigInt(RAM_BASE + 0x800);
  setXs(m, { 1: DATA, 4: 0x99 });
  assert.equal(m.run().kind, 'hvc');
  assert.equal(x(m, 3), 1n);
  assert.equal(peek(m, DATA, 8), 0n);
});

test('LDXP/STXP and LDAXP/STLXP of W and X pairs', () => {
  const m = runProgram(
    [
      0x887f0c22, // ldxp w2, w3, [x1]
      0x88242c2a, // stxp w4, w10, w11, [x1]
      0xc87f9925, // ldaxp x5, x6, [x9]
      0xc827b52c, // stlxp w7, x12, x13, [x9]
      0xc828352c, // stxp w8, x12, x13, [x9]
    ],
    (m) => {
      poke(m, DATA, 8, 0x8765432112345678n);
      poke(m, DATA + 16, 16, 0xffffeeeeddddccccbbbbaaaa99998888n);
      setXs(m, { 1: DATA, 9: DATA + 16, 10: 0xaaaa, 11: 0xbbbb, 12: 0xc0c0c0c0c0c0c0c0n, 13: 0xd0d0d0d0d0d0d0d0n });
    },
  );
  assert.equal(x(m, 2), 0x12345678n);
  assert.equal(x(m, 3), 0x87654321n);
  assert.equal(x(m, 4), 0n);
  assert.equal(peek(m, DATA, 8), 0x0000bbbb0000aaaan);
  assert.equal(x(m, 5), 0xbbbbaaaa99998888n);
  assert.equal(x(m, 6), 0xffffeeeeddddccccn);
  assert.equal(x(m, 7), 0n);
  assert.equal(peek(m, DATA + 16, 16), 0xd0d0d0d0d0d0d0d0c0c0c0c0c0c0c0c0n);
  assert.equal(x(m, 8), 1n); // the reservation was used up by the STLXP
});

test('exclusives must be aligned: to the register size, and pairs to the pair size', () => {
  for (const [word, addr] of [
    [0x885f7c22 /* ldxr w2, [x1] */, DATA + 2],
    [0x485f7c22 /* ldxrh w2, [x1] */, DATA + 1],
    [0xc87f0c22 /* ldxp x2, x3, [x1] */, DATA + 8], // 8-aligned is not enough for a 16-byte pair
    [0x887f0c22 /* ldxp w2, w3, [x1] */, DATA + 4],
    [0xc8027c23 /* stxr w2, x3, [x1] */, DATA + 4], // a store-exclusive checks alignment even without a reservation
    [0xc8221023 /* stxp w2, x3, x4, [x1] */, DATA + 8],
  ] as const) {
    const m = bareMachine([word]);
    setXs(m, { 1: addr, 2: 0x77 });
    const exit = m.run();
    assert.equal(exit.kind, 'unhandled-exception', word.toString(16));
    if (exit.kind !== 'unhandled-exception') continue;
    assert.equal(exit.ec, 0x25);
    assert.equal(exit.esr & 0x3f, 0x21);
    assert.equal(exit.far, addr);
    assert.equal(x(m, 2), 0x77n); // nothing written
  }
});

test('CONSTRAINED UNPREDICTABLE exclusives behave like qemu-aarch64', () => {
  const m = runProgram(
    [
      0xc87f0822, // ldxp x2, x2, [x1]
      0xc85f7c23, // ldxr x3, [x1]
      0xc8047c24, // stxr w4, x4, [x1]
    ],
    (m) => {
      poke(m, DATA, 16, 0x22222222222222221111111111111111n);
      setXs(m, { 1: DATA, 4: 0x4444 });
    },
  );
  assert.equal(x(m, 2), 0x2222222222222222n); // Rt == Rt2: the second element
  assert.equal(peek(m, DATA, 8), 0x4444n); // Rs == Rt: the old Rt is stored
  assert.equal(x(m, 4), 0n);
});

test('LDAR/STLR, LDAPR and LDLAR/STLLR of every size are plain loads and stores', () => {
  const m = runProgram(
    [
      0x08dffc22, // ldarb w2, [x1]
      0x48dffc23, // ldarh w3, [x1]
      0x88dffc24, // ldar w4, [x1]
      0xc8dffc25, // ldar x5, [x1]
      0x38bfc026, // ldaprb w6, [x1, #0]
      0x78bfc027, // ldaprh w7, [x1]
      0xb8bfc028, // ldapr w8, [x1]
      0xf8bfc029, // ldapr x9, [x1]
      0x08df7c2a, // ldlarb w10, [x1]
      0x48df7c2b, // ldlarh w11, [x1]
      0x88df7c2c, // ldlar w12, [x1]
      0xc8df7c2d, // ldlar x13, [x1]
      0x089ffdd4, // stlrb w20, [x14]
      0x489ffdf4, // stlrh w20, [x15]
      0x889ffe14, // stlr w20, [x16]
      0xc89ffe34, // stlr x20, [x17]
      0x089f7e55, // stllrb w21, [x18]
      0x489f7e75, // stllrh w21, [x19]
      0x889f7ff5, // stllr w21, [sp]
      0xc89f7ed5, // stllr x21, [x22]
    ],
    (m) => {
      poke(m, DATA, 8, 0x8877665544332211n);
      for (let r = 2; r <= 13; r++) m.cpu.setX(r, M64);
      setXs(m, { 1: DATA, 14: DATA + 0x10, 15: DATA + 0x18, 16: DATA + 0x20, 17: DATA + 0x28, 18: DATA + 0x30, 19: DATA + 0x38, 22: DATA + 0x48, 20: 0xa1a2a3a4a5a6a7a8n, 21: 0xb1b2b3b4b5b6b7b8n });
      m.cpu.sp = BigInt(DATA + 0x40);
    },
  );
  for (const base of [2, 6, 10]) {
    assert.equal(x(m, base), 0x11n);
    assert.equal(x(m, base + 1), 0x2211n);
    assert.equal(x(m, base + 2), 0x44332211n);
    assert.equal(x(m, base + 3), 0x8877665544332211n);
  }
  assert.equal(peek(m, DATA + 0x10, 8), 0xa8n);
  assert.equal(peek(m, DATA + 0x18, 8), 0xa7a8n);
  assert.equal(peek(m, DATA + 0x20, 8), 0xa5a6a7a8n);
  assert.equal(peek(m, DATA + 0x28, 8), 0xa1a2a3a4a5a6a7a8n);
  assert.equal(peek(m, DATA + 0x30, 8), 0xb8n);
  assert.equal(peek(m, DATA + 0x38, 8), 0xb7b8n);
  assert.equal(peek(m, DATA + 0x40, 8), 0xb5b6b7b8n);
  assert.equal(peek(m, DATA + 0x48, 8), 0xb1b2b3b4b5b6b7b8n);
});
