import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DATA, HVC0, M64, peek, poke, RAM_BASE, runProgram, setXs, sextBig, x } from './cpu.loadStoreHelpers';
import { bareMachine } from '../helpers/bareCpu';

const OPS = ['ADD', 'CLR', 'EOR', 'SET', 'SMAX', 'SMIN', 'UMAX', 'UMIN', 'SWP'] as const;
type Op = (typeof OPS)[number];

/** LSE atomic encoding (Arm ARM C4.1 "Atomic memory operations"): size 111 0 00 A R 1 Rs o3 opc 00 Rn Rt. */
function atomicWord(op: Op, sizeLog2: number, a: number, r: number, rs: number, rn: number, rt: number): number {
  const k = OPS.indexOf(op);
  const o3opc = op === 'SWP' ? 0b1000 : k;
  return ((sizeLog2 << 30) | 0x38200000 | (a << 23) | (r << 22) | (rs << 16) | (o3opc << 12) | (rn << 5) | rt) >>> 0;
}

/** The new memory value, computed from the Arm ARM's definitions with BigInt. */
function expected(op: Op, bits: number, old: bigint, v: bigint): bigint {
  const mask = (1n << BigInt(bits)) - 1n;
  const o = old & mask;
  const s = v & mask;
  switch (op) {
    case 'ADD':
      return (o + s) & mask;
    case 'CLR':
      return o & ~s & mask;
    case 'EOR':
      return o ^ s;
    case 'SET':
      return o | s;
    case 'SMAX':
      return sextBig(o, bits) > sextBig(s, bits) ? o : s;
    case 'SMIN':
      return sextBig(o, bits) < sextBig(s, bits) ? o : s;
    case 'UMAX':
      return o > s ? o : s;
    case 'UMIN':
      return o < s ? o : s;
    case 'SWP':
      return s;
  }
}

/** Values around every sign and carry boundary of every size. */
const VALUES = [
  0n, 1n, 0x7fn, 0x80n, 0xffn, 0x7fffn, 0x8000n, 0xffffn, 0x7fffffffn, 0x80000000n, 0xffffffffn,
  0x7fffffffffffffffn, 0x8000000000000000n, M64, 0x0123456789abcdefn, 0xfedcba9876543210n, 0x00000000ffffff80n,
];

test('the encoding helper matches the assembler', () => {
  assert.equal(atomicWord('ADD', 0, 0, 0, 1, 3, 2), 0x38210062 /* ldaddb w1, w2, [x3] */);
  assert.equal(atomicWord('SMAX', 1, 1, 1, 4, 31, 5), 0x78e443e5 /* ldsmaxalh w4, w5, [sp] */);
  assert.equal(atomicWord('SWP', 3, 0, 1, 6, 8, 7), 0xf8668107 /* swpl x6, x7, [x8] */);
  assert.equal(atomicWord('UMIN', 2, 0, 0, 9, 10, 31), 0xb829715f /* stumin w9, [x10] */);
  assert.equal(atomicWord('CLR', 3, 1, 0, 11, 13, 12), 0xf8ab11ac /* ldclra x11, x12, [x13] */);
});

test('every LSE atomic at every size and ordering: Rt gets the old value, memory the result', () => {
  const m = bareMachine([0, HVC0]); // the instruction under test is written over word 0 each time
  let n = 0;
  for (const op of OPS) {
    for (let size = 0; size < 4; size++) {
      const bits = 8 << size;
      const mask = (1n << BigInt(bits)) - 1n;
      for (let order = 0; order < 4; order++) {
        for (let p = 0; p < VALUES.length; p++) {
          // Every value against a few partners, including its neighbours around the boundaries.
          for (const q of [p, (p + 1) % VALUES.length, (p + 5) % VALUES.length, (p + 11) % VALUES.length]) {
            if (order !== 0 && q !== (p + 1) % VALUES.length) continue; // orderings behave alike: fewer cases
            const old = VALUES[p];
            const v = VALUES[q];
            const addr = DATA + 8 * (n % 16); // aligned for every size
            poke(m, RAM_BASE, 4, BigInt(atomicWord(op, size, order >> 1, order & 1, 1, 3, 2)));
            poke(m, addr, 8, 0xa5a5a5a5a5a5a5a5n);
            poke(m, addr, 1 << size, old);
            setXs(m, { 1: v, 2: M64, 3: addr });
            m.cpu.pc = RAM_BASE;
            assert.equal(m.run(10).kind, 'hvc');
            const what = `${op} size ${bits} order ${order}: old 0x${old.toString(16)} operand 0x${v.toString(16)}`;
            assert.equal(x(m, 2), old & mask, what);
            assert.equal(peek(m, addr, 1 << size), expected(op, bits, old, v), what);
            if (size < 3) assert.equal(peek(m, addr + (1 << size), 8 - (1 << size)), 0xa5a5a5a5a5a5a5a5n >> BigInt(bits), what);
            assert.equal(x(m, 1), v, what); // Rs is only read
            n++;
          }
        }
      }
    }
  }
  assert.ok(n > 1000);
});

test('ST<op> aliases (Rt = ZR) update memory and discard the old value; SWP with Rs == Rt swaps', () => {
  const m = runProgram(
    [
      0xb821007f, // stadd w1, [x3]
      0xf86430bf, // stsetl x4, [x5]
      0x382640ff, // stsmaxb w6, [x7]
      0xf8e88128, // swpal x8, x8, [x9]
    ],
    (m) => {
      poke(m, DATA, 4, 40n);
      poke(m, DATA + 8, 8, 0xf0n);
      poke(m, DATA + 16, 1, 0x80n);
      poke(m, DATA + 24, 8, 0x1111n);
      setXs(m, { 1: 2, 3: DATA, 4: 0x0fn, 5: DATA + 8, 6: 0x7f, 7: DATA + 16, 8: 0x2222, 9: DATA + 24 });
    },
  );
  assert.equal(peek(m, DATA, 4), 42n);
  assert.equal(peek(m, DATA + 8, 8), 0xffn);
  assert.equal(peek(m, DATA + 16, 1), 0x7fn); // signed: 0x7f > -128
  assert.equal(peek(m, DATA + 24, 8), 0x2222n);
  assert.equal(x(m, 8), 0x1111n);
});

test('CAS of every size: swaps on a match, always returns the old value in Rs', () => {
  const m = runProgram(
    [
      0x08a17c62, // casb w1, w2, [x3]
      0x48e47cc5, // casah w4, w5, [x6]
      0x88a7fd28, // casl w7, w8, [x9]
      0xc8eafd8b, // casal x10, x11, [x12]
      0xc8ad7dee, // cas x13, x14, [x15]
      0x08b0fe51, // caslb w16, w17, [x18]
    ],
    (m) => {
      poke(m, DATA, 1, 0x9an);
      poke(m, DATA + 2, 2, 0x1234n);
      poke(m, DATA + 4, 4, 0x89abcdefn);
      poke(m, DATA + 8, 8, 0x0123456789abcdefn);
      poke(m, DATA + 16, 8, 0x5555n);
      poke(m, DATA + 24, 1, 0x42n);
      setXs(m, {
        1: 0xffffff9an, // CASB compares the low byte only: match
        2: 0x1c7,
        3: DATA,
        4: 0x1235, // mismatch
        5: 0xffff,
        6: DATA + 2,
        7: 0x89abcdef, // match
        8: 0x76543210,
        9: DATA + 4,
        10: 0x0123456789abcdefn, // match
        11: M64,
        12: DATA + 8,
        13: 0x5555n | (1n << 32n), // mismatch in the high half only
        14: 0,
        15: DATA + 16,
        16: 0x43, // mismatch
        17: 0,
        18: DATA + 24,
      });
    },
  );
  assert.equal(peek(m, DATA, 1), 0xc7n);
  assert.equal(x(m, 1), 0x9an);
  assert.equal(peek(m, DATA + 2, 2), 0x1234n);
  assert.equal(x(m, 4), 0x1234n);
  assert.equal(peek(m, DATA + 4, 4), 0x76543210n);
  assert.equal(x(m, 7), 0x89abcdefn);
  assert.equal(peek(m, DATA + 8, 8), M64);
  assert.equal(x(m, 10), 0x0123456789abcdefn);
  assert.equal(peek(m, DATA + 16, 8), 0x5555n);
  assert.equal(x(m, 13), 0x5555n);
  assert.equal(peek(m, DATA + 24, 1), 0x42n);
  assert.equal(x(m, 16), 0x42n);
});

test('CASP of W and X pairs: compares and swaps both registers; register 30 pairs with ZR', () => {
  const m = runProgram(
    [
      0x08227c24, // casp w2, w3, w4, w5, [x1]
      0x4866fd48, // caspal x6, x7, x8, x9, [x10]
      0x486c7d6e, // caspa x12, x13, x14, x15, [x11]
      0x483efe50, // caspl x30, xzr, x16, x17, [x18]
    ],
    (m) => {
      poke(m, DATA, 8, 0x2222222211111111n);
      poke(m, DATA + 16, 16, 0x44444444444444443333333333333333n);
      poke(m, DATA + 32, 16, 0x66666666666666665555555555555555n);
      poke(m, DATA + 48, 16, 0x00000000000000007777777777777777n);
      setXs(m, {
        1: DATA,
        2: 0x11111111, // match
        3: 0xffffffff22222222n, // W compare: upper half ignored
        4: 0xaaaaaaaa,
        5: 0xbbbbbbbb,
        6: 0x3333333333333333n, // match
        7: 0x4444444444444444n,
        8: 0xccccccccccccccccn,
        9: 0xddddddddddddddddn,
        10: DATA + 16,
        11: DATA + 32,
        12: 0x5555555555555555n, // second half differs: no swap
        13: 0x6666666666666667n,
        14: 1,
        15: 2,
        30: 0x7777777777777777n, // with XZR as Rs+1: memory's second doubleword is zero, so match
        16: 0xeeeeeeeeeeeeeeeen,
        17: 0xffffffffffffffffn,
        18: DATA + 48,
      });
    },
  );
  assert.equal(peek(m, DATA, 8), 0xbbbbbbbbaaaaaaaan);
  assert.equal(x(m, 2), 0x11111111n);
  assert.equal(x(m, 3), 0x22222222n);
  assert.equal(peek(m, DATA + 16, 16), 0xddddddddddddddddccccccccccccccccn);
  assert.equal(x(m, 6), 0x3333333333333333n);
  assert.equal(x(m, 7), 0x4444444444444444n);
  assert.equal(peek(m, DATA + 32, 16), 0x66666666666666665555555555555555n);
  assert.equal(x(m, 12), 0x5555555555555555n);
  assert.equal(x(m, 13), 0x6666666666666666n);
  assert.equal(peek(m, DATA + 48, 16), 0xffffffffffffffffeeeeeeeeeeeeeeeen);
  assert.equal(x(m, 30), 0x7777777777777777n);
});

test('CASP with an odd register is undefined; misaligned atomics and CASP fault before changing anything', () => {
  for (const word of [0x48207c41 /* CASP with Rt = 1 (odd) */, 0x48217c40 /* CASP with Rs = 1 (odd) */]) {
    const m = bareMachine([word]);
    const exit = m.run();
    assert.equal(exit.kind, 'unhandled-exception');
    if (exit.kind === 'unhandled-exception') assert.equal(exit.ec, 0);
  }
  for (const [word, addr] of [
    [0xb8210062 /* ldadd w1, w2, [x3] */, DATA + 2],
    [0x78218062 /* swph w1, w2, [x3] */, DATA + 1],
    [0xc8a17c62 /* cas x1, x2, [x3] */, DATA + 4],
    [0x48247c66 /* casp x4, x5, x6, x7, [x3] */, DATA + 8], // a 16-byte pair must be 16-byte aligned
    [0x08247c66 /* casp w4, w5, w6, w7, [x3] */, DATA + 4],
  ] as const) {
    const m = bareMachine([word]);
    poke(m, DATA, 16, 0n);
    setXs(m, { 1: 0x11, 2: 0x22, 3: addr, 4: 0x44 });
    const exit = m.run();
    assert.equal(exit.kind, 'unhandled-exception', word.toString(16));
    if (exit.kind !== 'unhandled-exception') continue;
    assert.equal(exit.ec, 0x25);
    assert.equal(exit.esr & 0x3f, 0x21);
    assert.equal((exit.esr >> 6) & 1, 1, 'reported as a write (WnR)');
    assert.equal(exit.far, addr);
    assert.equal(x(m, 2), 0x22n);
    assert.equal(x(m, 4), 0x44n);
    assert.equal(peek(m, DATA, 16), 0n);
  }
});
