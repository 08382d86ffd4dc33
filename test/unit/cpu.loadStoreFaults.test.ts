import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DATA, HVC0, peek, poke, RAM_BASE, setV, setXs, x } from './cpu.loadStoreHelpers';
import { bareMachine } from '../helpers/bareCpu';

/** An IPA below the bare machine's RAM: no stage-2 mapping, as for an emulated MMIO device. */
const MMIO = 0x09000000;

test('a load from an unmapped IPA exits with a stage-2 abort carrying the ISV syndrome; PC stays on the load', () => {
  const m = bareMachine([0xd503201f /* nop */, 0x79800423 /* ldrsh x3, [x1, #2] */]);
  setXs(m, { 1: MMIO, 3: 0x3333 });
  const exit = m.run();
  assert.equal(exit.kind, 'stage2-abort');
  if (exit.kind !== 'stage2-abort') return;
  assert.equal(exit.ipa, MMIO + 2);
  assert.equal(exit.far, MMIO + 2);
  assert.equal(exit.hpfar, (MMIO >> 12) << 4);
  assert.equal(exit.write, false);
  assert.equal(exit.isv, true);
  assert.equal(exit.srt, 3);
  assert.equal(exit.sas, 1);
  assert.equal(exit.sse, true);
  assert.equal(exit.sf, true);
  // ESR_EL2: EC 0x24, IL, ISV, SAS=01, SSE, SRT=3, SF, WnR=0, DFSC=translation fault level 3.
  assert.equal(exit.esr, ((0x24 << 26) | (1 << 25) | (1 << 24) | (1 << 22) | (1 << 21) | (3 << 16) | (1 << 15) | 0x07) >>> 0);
  assert.equal(m.cpu.pc, RAM_BASE + 4);
  assert.equal(x(m, 3), 0x3333n);
});

test('the ISV syndrome describes each single-register form without writeback', () => {
  const cases: Array<[number, { write: boolean; srt: number; sas: number; sse: boolean; sf: boolean }]> = [
    [0x38226825 /* strb w5, [x1, x2] */, { write: true, srt: 5, sas: 0, sse: false, sf: false }],
    [0xb9400027 /* ldr w7, [x1] */, { write: false, srt: 7, sas: 2, sse: false, sf: false }],
    [0xb9800428 /* ldrsw x8, [x1, #4] */, { write: false, srt: 8, sas: 2, sse: true, sf: true }],
    [0x39c00029 /* ldrsb w9, [x1] */, { write: false, srt: 9, sas: 0, sse: true, sf: false }],
    [0xf900043f /* str xzr, [x1, #8] */, { write: true, srt: 31, sas: 3, sse: false, sf: true }],
    [0xf85f802a /* ldur x10, [x1, #-8] */, { write: false, srt: 10, sas: 3, sse: false, sf: true }],
    [0x7800082b /* sttrh w11, [x1] */, { write: true, srt: 11, sas: 1, sse: false, sf: false }],
    [0xc8dffc2c /* ldar x12, [x1] */, { write: false, srt: 12, sas: 3, sse: false, sf: true }],
    [0x089ffc2d /* stlrb w13, [x1] */, { write: true, srt: 13, sas: 0, sse: false, sf: false }],
  ];
  for (const [word, want] of cases) {
    const m = bareMachine([word]);
    setXs(m, { 1: MMIO + 0x100, 2: 4 });
    const exit = m.run();
    assert.equal(exit.kind, 'stage2-abort', word.toString(16));
    if (exit.kind !== 'stage2-abort') continue;
    assert.deepEqual({ write: exit.write, srt: exit.srt, sas: exit.sas, sse: exit.sse, sf: exit.sf, isv: exit.isv }, { ...want, isv: true }, word.toString(16));
    assert.equal((exit.esr >> 6) & 1, want.write ? 1 : 0);
  }
  // The literal form: code at the start of RAM, literal 4 KiB below it (unmapped).
  const lit = bareMachine([0x18ff8004 /* ldr w4, .-0x1000 */]);
  const exit = lit.run();
  assert.equal(exit.kind, 'stage2-abort');
  if (exit.kind === 'stage2-abort') {
    assert.equal(exit.ipa, RAM_BASE - 0x1000);
    assert.deepEqual([exit.isv, exit.srt, exit.sas, exit.sse, exit.sf], [true, 4, 2, false, false]);
  }
});

test('writeback forms, pairs, exclusives, atomics and SIMD&FP transfers abort with ISV = 0 and change nothing', () => {
  for (const word of [
    0xf8408c23, // ldr x3, [x1, #8]!
    0xf8008423, // str x3, [x1], #8
    0xa9401023, // ldp x3, x4, [x1]
    0xc85f7c23, // ldxr x3, [x1]
    0xc89ffc23, // stlr x3, [x1, #0]
    0xf8220023, // ldadd x2, x3, [x1]
    0xc8a27c23, // cas x2, x3, [x1]
    0x3dc00023, // ldr q3, [x1]
    0xfd000023, // str d3, [x1]
  ]) {
    const m = bareMachine([word]);
    setXs(m, { 1: MMIO, 2: 0x22, 3: 0x33, 4: 0x44 });
    setV(m, 3, 0x3333n);
    const exit = m.run();
    assert.equal(exit.kind, 'stage2-abort', word.toString(16));
    if (exit.kind !== 'stage2-abort') continue;
    const hasIsv = word === 0xc89ffc23 /* stlr x3, [x1, #0] */; // ordered single-register accesses do carry it
    assert.equal(exit.isv, hasIsv, word.toString(16));
    assert.equal((exit.esr >> 24) & 1, hasIsv ? 1 : 0);
    assert.equal(m.cpu.pc, RAM_BASE);
    assert.deepEqual([x(m, 1), x(m, 2), x(m, 3), x(m, 4)], [BigInt(MMIO), 0x22n, 0x33n, 0x44n], word.toString(16));
  }
});

test('a misaligned access with VBAR_EL1 = 0 stops with an alignment-fault report (EC 0x25, DFSC 0x21)', () => {
  for (const [word, base, addr, write] of [
    [0xf9400022 /* ldr x2, [x1] */, DATA + 4, DATA + 4, false],
    [0xb8002022 /* str w2, [x1, #2] */, DATA, DATA + 2, true],
    [0x78401022 /* ldurh w2, [x1, #1] */, DATA, DATA + 1, false],
    [0xf8404c22 /* ldr x2, [x1, #4]! */, DATA, DATA + 4, false],
    [0x29400c22 /* ldp w2, w3, [x1] */, DATA + 2, DATA + 2, false],
    [0xa8810c22 /* stp x2, x3, [x1], #16 */, DATA + 12, DATA + 12, true],
  ] as const) {
    const m = bareMachine([0xd503201f /* nop */, word]);
    setXs(m, { 1: base, 2: 0x22 });
    const exit = m.run();
    assert.equal(exit.kind, 'unhandled-exception', word.toString(16));
    if (exit.kind !== 'unhandled-exception') continue;
    assert.equal(exit.ec, 0x25);
    assert.equal(exit.esr & 0x3f, 0x21);
    assert.equal((exit.esr >> 6) & 1, write ? 1 : 0);
    assert.equal(exit.far, addr);
    assert.equal(exit.elr, RAM_BASE + 4);
    assert.match(exit.description, /alignment fault/);
    assert.equal(x(m, 1), BigInt(base)); // no writeback
    assert.equal(x(m, 2), 0x22n);
  }
});

test('with a vector table, an alignment fault enters EL1 with ESR_EL1, FAR_EL1 and ELR_EL1 set', () => {
  // 0x000: nop ; ldr x2, [x1, #8]! (misaligned) ; hvc   — vector table at 0x800, EL1h sync (0x200): hvc
  const words = new Array(0xa04 / 4).fill(0xd503201f /* nop */);
  words[1] = 0xf8408c22 /* ldr x2, [x1, #8]! */;
  words[2] = HVC0;
  words[0xa00 / 4] = HVC0;
  const m = bareMachine(words);
  m.cpu.sys.vbar_el1 = BigInt(RAM_BASE + 0x800);
  setXs(m, { 1: DATA + 1, 2: 0x22 });
  assert.equal(m.run().kind, 'hvc');
  assert.equal(m.cpu.pc, RAM_BASE + 0xa04);
  assert.equal(m.cpu.sys.esr_el1, BigInt(((0x25 << 26) | (1 << 25) | 0x21) >>> 0));
  assert.equal(m.cpu.sys.far_el1, BigInt(DATA + 9));
  assert.equal(m.cpu.sys.elr_el1, BigInt(RAM_BASE + 4));
  assert.equal(x(m, 1), BigInt(DATA + 1));
  assert.equal(x(m, 2), 0x22n);
});

test('SP alignment checking follows SCTLR_EL1.SA: on at KVM\'s reset value (a fault, EC 0x26), off when cleared', () => {
  const prog = [0xf94007e0 /* ldr x0, [sp, #8] */, 0xf9400041 /* ldr x1, [x2] */, HVC0];
  const off = bareMachine(prog);
  off.cpu.sys.sctlr_el1 &= ~(1n << 3n);
  off.cpu.sp = BigInt(DATA + 8);
  setXs(off, { 2: DATA + 8 });
  poke(off, DATA + 16, 8, 0xabn);
  assert.equal(off.run().kind, 'hvc');
  assert.equal(x(off, 0), 0xabn);

  const on = bareMachine(prog);
  assert.equal(on.cpu.sys.sctlr_el1, 0x00c50078n); // KVM's reset value: SA and SA0 set
  on.cpu.sp = BigInt(DATA + 8);
  const exit = on.run();
  assert.equal(exit.kind, 'unhandled-exception');
  if (exit.kind === 'unhandled-exception') {
    assert.equal(exit.ec, 0x26);
    assert.equal(exit.elr, RAM_BASE);
    assert.match(exit.description, /SP alignment/);
  }
  // A 16-byte aligned SP with any offset is fine, and a misaligned general base register is not checked.
  const aligned = bareMachine([0xf94007e0 /* ldr x0, [sp, #8] */, 0xa9bf03e0 /* stp x0, x0, [sp, #-16]! */, 0xf9400041 /* ldr x1, [x2] */, HVC0]);
  aligned.cpu.sys.sctlr_el1 |= 1n << 3n;
  aligned.cpu.sp = BigInt(DATA + 0x100);
  setXs(aligned, { 2: DATA + 8 });
  assert.equal(aligned.run().kind, 'hvc');
  assert.equal(aligned.cpu.sp, BigInt(DATA + 0xf0));
});

test('a store over already-executed code takes effect (self-modifying code)', () => {
  const m = bareMachine([
    0xd2800020 /* movz x0, #1 */, // 0: rewritten to movz x0, #2 by the store below
    0xb5000083 /* cbnz x3, .+16 */, // 4: second pass: done
    0xb9000041 /* str w1, [x2] */, // 8
    0xd2800023 /* movz x3, #1 */, // 12
    0x17fffffc /* b .-16 */, // 16: back to 0
    HVC0, // 20
  ]);
  setXs(m, { 1: 0xd2800040 /* movz x0, #2 */, 2: RAM_BASE });
  assert.equal(m.run().kind, 'hvc');
  assert.equal(x(m, 0), 2n);
  assert.equal(peek(m, RAM_BASE, 4), BigInt(0xd2800040 /* movz x0, #2 */));
});

test('an atomic, a pair store and a SIMD&FP store over decoded code take effect too', () => {
  for (const store of [0xb8218044 /* swp w1, w4, [x2] */, 0x29001441 /* stp w1, w5, [x2] */, 0xbd000041 /* str s1, [x2] */]) {
    const m = bareMachine([0xd2800020 /* movz x0, #1 */, 0xb5000083 /* cbnz x3, .+16 */, store, 0xd2800023 /* movz x3, #1 */, 0x17fffffc /* b .-16 */, HVC0]);
    setXs(m, { 1: 0xd2800040 /* movz x0, #2 */, 2: RAM_BASE, 5: 0xb5000083 /* cbnz x3, .+16 */ }); // the pair rewrites word 1 unchanged
    setV(m, 1, BigInt(0xd2800040 /* movz x0, #2 */));
    assert.equal(m.run().kind, 'hvc', store.toString(16));
    assert.equal(x(m, 0), 2n, store.toString(16));
  }
});
