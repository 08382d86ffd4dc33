import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RAM_BASE } from '../helpers/bareCpu';
import { EDGE64, INT64_MIN, M64, Runner, addWithCarry, enc, hex, mask, nzcvStr, signed } from './cpu.dpHarness';

const cpu = new Runner();
const NOP = 0xd503201f;
const SP0 = BigInt(RAM_BASE + 0x100000);

test('test encoders agree with GNU as for the immediate classes', () => {
  assert.equal(enc.addSubImm(1, 0, 0, 1, 4095, 31, 3), 0x917fffe3); // add x3, sp, #4095, lsl #12
  assert.equal(enc.addSubImm(0, 1, 1, 0, 7, 2, 1), 0x71001c41); // subs w1, w2, #7
  assert.equal(enc.logicalImm(1, 0, 0, 0, 0b100001, 1, 0), 0x92008420); // and x0, x1, #0x0003000300030003
  assert.equal(enc.moveWide(0, 3, 1, 0xbeef, 5), 0x72b7dde5); // movk w5, #0xbeef, lsl #16
  assert.equal(enc.bitfield(1, 2, 1, 5, 13, 3, 2), 0xd3453462); // ubfx x2, x3, #5, #9
  assert.equal(enc.extr(1, 1, 2, 13, 1, 0), 0x93c23420); // extr x0, x1, x2, #13
  assert.equal(enc.adr(0, -3, 4), 0x30ffffe4); // adr x4, . - 3
});

// ------------------------------------------------------------------ ADD/SUB immediate

test('ADD/SUB immediate: LSL #12, 64-bit wrap, and SP as Rd and Rn', () => {
  let r = cpu.run(0x917fffe3); // add x3, sp, #4095, lsl #12
  assert.equal(r.x(3), SP0 + 0xfff000n);
  r = cpu.run(enc.addSubImm(1, 0, 0, 0, 16, 31, 31), { sp: SP0 }); // add sp, sp, #16
  assert.equal(r.sp, SP0 + 16n);
  r = cpu.run(enc.addSubImm(1, 1, 0, 0, 32, 31, 31), { sp: SP0 }); // sub sp, sp, #32
  assert.equal(r.sp, SP0 - 32n);
  r = cpu.run(enc.addSubImm(1, 0, 0, 0, 0, 31, 0), { sp: 0x123456789abcdef0n }); // mov x0, sp
  assert.equal(r.x(0), 0x123456789abcdef0n);
  r = cpu.run(enc.addSubImm(1, 0, 0, 0, 0, 5, 31), { x: { 5: 0xfedcba9876543210n } }); // mov sp, x5
  assert.equal(r.sp, 0xfedcba9876543210n);
  r = cpu.run(enc.addSubImm(1, 0, 0, 0, 1, 1, 0), { x: { 1: M64 }, nzcv: 0b1010 }); // add x0, x1, #1
  assert.equal(r.x(0), 0n);
  assert.equal(r.nzcv, 0b1010, 'ADD does not touch the flags');
  r = cpu.run(enc.addSubImm(1, 1, 0, 0, 1, 1, 0), { x: { 1: 0n } }); // sub x0, x1, #1
  assert.equal(r.x(0), M64);
  r = cpu.run(enc.addSubImm(1, 1, 0, 1, 1, 1, 0), { x: { 1: 0x1000n } }); // sub x0, x1, #1, lsl #12
  assert.equal(r.x(0), 0n);
  r = cpu.run(enc.addSubImm(1, 0, 0, 1, 0xfff, 1, 0), { x: { 1: 0xffffffffff000fffn } }); // carry across bit 32
  assert.equal(r.x(0), 0xffffffffff000fffn + 0xfff000n);
});

test('ADD/SUB immediate W forms wrap at 32 bits and zero the upper half', () => {
  let r = cpu.run(enc.addSubImm(0, 0, 0, 0, 1, 1, 0), { x: { 0: M64, 1: M64 } }); // add w0, w1, #1
  assert.equal(r.x(0), 0n);
  r = cpu.run(enc.addSubImm(0, 0, 0, 0, 1, 1, 0), { x: { 1: 0x1_7fffffffn } });
  assert.equal(r.x(0), 0x80000000n);
  r = cpu.run(enc.addSubImm(0, 1, 0, 0, 1, 1, 0), { x: { 1: 0xabcd_00000000n } }); // sub w0, w1, #1
  assert.equal(r.x(0), 0xffffffffn);
  r = cpu.run(enc.addSubImm(0, 1, 0, 0, 1, 31, 0), { sp: 0x1_00000000n }); // sub w0, wsp, #1
  assert.equal(r.x(0), 0xffffffffn);
  r = cpu.run(enc.addSubImm(0, 0, 0, 0, 0, 1, 31), { x: { 1: 0xffffffff_80001230n } }); // mov wsp, w1
  assert.equal(r.sp, 0x80001230n);
});

test('ADDS/SUBS immediate: NZCV on every carry and overflow boundary, 64 and 32 bits', () => {
  const imms: Array<[number, number]> = [
    [0, 0],
    [1, 0],
    [0xfff, 0],
    [1, 1],
    [0xfff, 1],
  ];
  let checked = 0;
  for (const sf of [1, 0]) {
    const bits = sf ? 64 : 32;
    for (const a of EDGE64) {
      for (const [imm12, sh] of imms) {
        for (const op of [0, 1]) {
          const b = BigInt(imm12) << BigInt(12 * sh);
          const ref = op ? addWithCarry(a, ~b, 1, bits) : addWithCarry(a, b, 0, bits);
          const r = cpu.run(enc.addSubImm(sf, op, 1, sh, imm12, 1, 0), { x: { 1: a, 0: M64 }, nzcv: ref.nzcv ^ 0xf });
          const what = `${op ? 'subs' : 'adds'} ${sf ? 'x' : 'w'}0, ${hex(a)}, #${hex(b)}`;
          assert.equal(r.x(0), ref.r, what);
          assert.equal(nzcvStr(r.nzcv), nzcvStr(ref.nzcv), what);
          checked++;
        }
      }
    }
  }
  assert.equal(checked, 2 * EDGE64.length * imms.length * 2);
});

test('ADDS/SUBS immediate named cases: CMP equal, unsigned borrow, signed overflow', () => {
  const cases: Array<[number, number, bigint, number, string]> = [
    // sf, op, Rn value, imm, expected NZCV
    [1, 1, 5n, 5, 'nZCv'], // cmp 5, 5: equal, no borrow
    [1, 1, 4n, 5, 'Nzcv'], // borrow: C clear
    [1, 1, INT64_MIN, 1, 'nzCV'], // INT64_MIN - 1 overflows
    [1, 0, 0x7fffffffffffffffn, 1, 'NzcV'], // INT64_MAX + 1 overflows
    [1, 0, M64, 1, 'nZCv'], // unsigned carry out, zero result
    [0, 1, 0x80000000n, 1, 'nzCV'], // INT32_MIN - 1
    [0, 0, 0x7fffffffn, 1, 'NzcV'],
    [0, 0, 0xffffffffn, 1, 'nZCv'],
    [0, 1, 0xffffffff_00000000n, 0, 'nZCv'], // only the low word counts for W
  ];
  for (const [sf, op, a, imm, flags] of cases) {
    const r = cpu.run(enc.addSubImm(sf, op, 1, 0, imm, 1, 31), { x: { 1: a }, sp: SP0 });
    assert.equal(nzcvStr(r.nzcv), flags, `${op ? 'cmp' : 'cmn'} ${sf ? 'x' : 'w'}1=${hex(a)}, #${imm}`);
    assert.equal(r.sp, SP0, 'Rd = 31 of a flag-setting form is XZR, not SP');
  }
  // Rn = 31 is SP for the flag-setting forms too: cmp sp, #0x10
  const r = cpu.run(enc.addSubImm(1, 1, 1, 0, 0x10, 31, 31), { sp: 0x10n });
  assert.equal(nzcvStr(r.nzcv), 'nZCv');
});

// ------------------------------------------------------------------ logical immediate

/**
 * Every valid bitmask immediate, built forward from its definition: a run of `ones` set bits
 * in an element of `esize` bits, rotated right by `rot`, replicated to the register width.
 * Keyed by the (N, immr, imms) fields that encode it (immr bits above the element size are
 * ignored, so each value appears under several immr).
 */
function bitmaskTable(bits: number): Map<string, bigint> {
  const t = new Map<string, bigint>();
  for (let esize = 2; esize <= bits; esize *= 2) {
    for (let ones = 1; ones < esize; ones++) {
      for (let immr = 0; immr < 64; immr++) {
        const rot = immr % esize;
        const run = mask(ones);
        const elem = ((run >> BigInt(rot)) | (run << BigInt(esize - rot))) & mask(esize);
        let v = 0n;
        for (let k = 0; k < bits; k += esize) v |= elem << BigInt(k);
        const n = esize === 64 ? 1 : 0;
        const imms = (0x3f & ~(2 * esize - 1)) | (ones - 1);
        t.set(`${n},${immr},${imms}`, v);
      }
    }
  }
  return t;
}

test('logical immediates: every element size 2..64 and rotation decodes; reserved N:imms are UNDEFINED', () => {
  const src = 0x0123456789abcdefn;
  for (const sf of [1, 0]) {
    const bits = sf ? 64 : 32;
    const table = bitmaskTable(bits);
    let valid = 0;
    for (let n = 0; n <= 1; n++) {
      for (let immr = 0; immr < 64; immr++) {
        for (let imms = 0; imms < 64; imms++) {
          const expected = table.get(`${n},${immr},${imms}`);
          const what = `sf=${sf} N=${n} immr=${immr} imms=${imms}`;
          if (expected === undefined) {
            assert.ok(cpu.isUndefined(enc.logicalImm(sf, 1, n, immr, imms, 31, 0)), `${what} must be reserved`);
            continue;
          }
          valid++;
          // ORR with Rn = ZR (MOV bitmask immediate), then AND, EOR and ANDS on a real source.
          let r = cpu.run(enc.logicalImm(sf, 1, n, immr, imms, 31, 0), { x: { 0: M64 } });
          assert.equal(r.x(0), expected, `mov ${what}`);
          r = cpu.run(enc.logicalImm(sf, 0, n, immr, imms, 1, 0), { x: { 1: src } });
          assert.equal(r.x(0), src & expected, `and ${what}`);
          r = cpu.run(enc.logicalImm(sf, 2, n, immr, imms, 1, 0), { x: { 1: src } });
          assert.equal(r.x(0), (src ^ expected) & mask(bits), `eor ${what}`);
          r = cpu.run(enc.logicalImm(sf, 1, n, immr, imms, 1, 0), { x: { 1: src } });
          assert.equal(r.x(0), (src | expected) & mask(bits), `orr ${what}`);
          r = cpu.run(enc.logicalImm(sf, 3, n, immr, imms, 1, 0), { x: { 1: src }, nzcv: 0b0111 });
          const v = src & expected;
          assert.equal(r.x(0), v, `ands ${what}`);
          assert.equal(r.nzcv, (Number((v >> BigInt(bits - 1)) & 1n) << 3) | (v === 0n ? 4 : 0), `ands flags ${what}`);
        }
      }
    }
    // 64-bit: 5334 distinct values; with the ignored immr bits the encodings number more.
    assert.equal(valid, table.size);
    assert.equal(new Set(table.values()).size, sf ? 5334 : 1302);
  }
});

test('logical immediate register 31: SP for AND/ORR/EOR destinations, XZR for ANDS and for Rn', () => {
  // and sp, x1, #0xfffffffffffffff0 (element 64, 60 ones, rotated by 4)
  let r = cpu.run(enc.logicalImm(1, 0, 1, 60, 59, 1, 31), { x: { 1: 0x12345678_9abcdefn } });
  assert.equal(r.sp, 0x12345678_9abcde0n);
  // orr wsp, wzr, #0x10
  r = cpu.run(enc.logicalImm(0, 1, 0, 28, 0, 31, 31));
  assert.equal(r.sp, 0x10n);
  // eor x0, xzr, #1: Rn = 31 reads zero, not SP
  r = cpu.run(enc.logicalImm(1, 2, 1, 0, 0, 31, 0), { sp: SP0 });
  assert.equal(r.x(0), 1n);
  // tst x1, #1 (ANDS xzr): SP untouched, flags set
  r = cpu.run(enc.logicalImm(1, 3, 1, 0, 0, 1, 31), { x: { 1: 2n }, sp: SP0, nzcv: 0b1011 });
  assert.equal(r.sp, SP0);
  assert.equal(nzcvStr(r.nzcv), 'nZcv');
  // W form of AND zeroes the upper half of the destination: and w0, w1, #0xff
  r = cpu.run(enc.logicalImm(0, 0, 0, 0, 7, 1, 0), { x: { 0: M64, 1: M64 } });
  assert.equal(r.x(0), 0xffn);
});

// ------------------------------------------------------------------ move wide

test('MOVZ/MOVN/MOVK at every hw position; hw >= 2 is UNDEFINED for W', () => {
  const imm = 0xbeef;
  const old = 0x1111222233334444n;
  for (const sf of [1, 0]) {
    const bits = sf ? 64 : 32;
    for (let hw = 0; hw < 4; hw++) {
      if (!sf && hw >= 2) {
        for (const opc of [0, 2, 3]) assert.ok(cpu.isUndefined(enc.moveWide(sf, opc, hw, imm, 0)), `opc ${opc} hw ${hw}`);
        continue;
      }
      const sh = BigInt(16 * hw);
      const what = `${sf ? 'x' : 'w'} hw=${hw}`;
      let r = cpu.run(enc.moveWide(sf, 2, hw, imm, 0), { x: { 0: old } });
      assert.equal(r.x(0), BigInt(imm) << sh, `movz ${what}`);
      r = cpu.run(enc.moveWide(sf, 0, hw, imm, 0), { x: { 0: old } });
      assert.equal(r.x(0), ~(BigInt(imm) << sh) & mask(bits), `movn ${what}`);
      r = cpu.run(enc.moveWide(sf, 3, hw, imm, 0), { x: { 0: old } });
      assert.equal(r.x(0), ((old & ~(0xffffn << sh)) | (BigInt(imm) << sh)) & mask(bits), `movk ${what}`);
    }
  }
  // movk w5, #0xbeef, lsl #16 from GNU as
  const r = cpu.run(0x72b7dde5, { x: { 5: 0xffffffff_00001234n } });
  assert.equal(r.x(5), 0xbeef1234n);
  // MOVZ to register 31 writes XZR, not SP
  const z = cpu.run(enc.moveWide(1, 2, 0, 5, 31), { sp: SP0 });
  assert.equal(z.sp, SP0);
});

// ------------------------------------------------------------------ ADR / ADRP

test('ADR and ADRP compute from the instruction address, including negative and page-wrapping offsets', () => {
  const base = BigInt(RAM_BASE);
  const adrCases = [0, 1, -3, 0xfffff, -0x100000];
  for (const off of adrCases) {
    const r = cpu.run([NOP, enc.adr(0, off, 4)]);
    assert.equal(r.x(4), (base + 4n + BigInt(off)) & M64, `adr ${off}`);
  }
  assert.equal(cpu.run([NOP, 0x30ffffe4]).x(4), base + 1n); // adr x4, . - 3 from GNU as
  // ADRP clears the low 12 bits of the PC, so place it at page offset 0xffc.
  const prefix = new Array<number>(0xffc / 4).fill(NOP);
  for (const pages of [0, 1, -1, 0xfffff, -0x100000]) {
    const r = cpu.run([...prefix, enc.adr(1, pages, 7)]);
    assert.equal(r.x(7), (base + BigInt(pages) * 4096n) & M64, `adrp ${pages}`);
  }
  // Rd = 31 is XZR
  assert.equal(cpu.run(enc.adr(0, 8, 31), { sp: SP0 }).sp, SP0);
});

// ------------------------------------------------------------------ bitfield

/** SBFM/BFM/UBFM by their alias semantics (extract when imms >= immr, insert otherwise). */
function bitfieldRef(op: number, bits: number, immr: number, imms: number, src: bigint, dst: bigint): bigint {
  const m = mask(bits);
  src &= m;
  dst &= m;
  if (imms >= immr) {
    const width = imms - immr + 1;
    const field = (src >> BigInt(immr)) & mask(width);
    if (op === 2) return field; // UBFX
    if (op === 0) return signed(field, width) & m; // SBFX
    return (dst & ~mask(width) & m) | field; // BFXIL
  }
  const width = imms + 1;
  const lsb = bits - immr;
  const field = src & mask(width);
  if (op === 2) return (field << BigInt(lsb)) & m; // UBFIZ
  if (op === 0) return (signed(field, width) << BigInt(lsb)) & m; // SBFIZ
  const fm = mask(width) << BigInt(lsb);
  return ((dst & ~fm) | (field << BigInt(lsb))) & m; // BFI
}

test('SBFM/BFM/UBFM: every immr/imms pair for X and W against the alias definitions', () => {
  const srcs = [0xfedcba9876543210n, 0x0123456789abcdefn, 0x8000000000000001n];
  const dst = 0x5a5a5a5aa5a5a5a5n;
  let n = 0;
  for (const sf of [1, 0]) {
    const bits = sf ? 64 : 32;
    for (let immr = 0; immr < bits; immr++) {
      for (let imms = 0; imms < bits; imms++) {
        const src = srcs[(immr + imms) % srcs.length];
        for (const op of [0, 1, 2]) {
          const r = cpu.run(enc.bitfield(sf, op, sf, immr, imms, 1, 0), { x: { 0: dst, 1: src } });
          const exp = bitfieldRef(op, bits, immr, imms, src, dst);
          if (r.x(0) !== exp) {
            assert.equal(hex(r.x(0)), hex(exp), `${['sbfm', 'bfm', 'ubfm'][op]} ${sf ? 'x' : 'w'}0, ${hex(src)}, #${immr}, #${imms}`);
          }
          n++;
        }
      }
    }
  }
  assert.equal(n, 3 * (64 * 64 + 32 * 32));
});

test('bitfield aliases: ASR/LSR/LSL by 0, 1, 31 and 63; sign and zero extensions', () => {
  const v = 0x8000000000000001n;
  const lsl = (sf: number, k: number) => enc.bitfield(sf, 2, sf, (sf ? 64 - k : 32 - k) % (sf ? 64 : 32), (sf ? 63 : 31) - k, 1, 0);
  const lsr = (sf: number, k: number) => enc.bitfield(sf, 2, sf, k, sf ? 63 : 31, 1, 0);
  const asr = (sf: number, k: number) => enc.bitfield(sf, 0, sf, k, sf ? 63 : 31, 1, 0);
  for (const k of [0, 1, 31, 63]) {
    assert.equal(cpu.run(lsl(1, k), { x: { 1: v } }).x(0), (v << BigInt(k)) & M64, `lsl #${k}`);
    assert.equal(cpu.run(lsr(1, k), { x: { 1: v } }).x(0), v >> BigInt(k), `lsr #${k}`);
    assert.equal(cpu.run(asr(1, k), { x: { 1: v } }).x(0), (signed(v, 64) >> BigInt(k)) & M64, `asr #${k}`);
  }
  const w = 0xffffffff_80000001n;
  for (const k of [0, 1, 31]) {
    assert.equal(cpu.run(lsl(0, k), { x: { 1: w } }).x(0), (0x80000001n << BigInt(k)) & 0xffffffffn, `lsl w #${k}`);
    assert.equal(cpu.run(lsr(0, k), { x: { 1: w } }).x(0), 0x80000001n >> BigInt(k), `lsr w #${k}`);
    assert.equal(cpu.run(asr(0, k), { x: { 1: w } }).x(0), (signed(0x80000001n, 32) >> BigInt(k)) & 0xffffffffn, `asr w #${k}`);
  }
  const s = 0x12345678_8765_80f0n;
  assert.equal(cpu.run(enc.bitfield(1, 0, 1, 0, 7, 1, 0), { x: { 1: s } }).x(0), 0xfffffffffffffff0n); // sxtb x0, w1
  assert.equal(cpu.run(enc.bitfield(1, 0, 1, 0, 15, 1, 0), { x: { 1: s } }).x(0), 0xffffffffffff80f0n); // sxth x0, w1
  assert.equal(cpu.run(enc.bitfield(1, 0, 1, 0, 31, 1, 0), { x: { 1: s } }).x(0), 0xffffffff876580f0n); // sxtw x0, w1
  assert.equal(cpu.run(enc.bitfield(0, 0, 0, 0, 7, 1, 0), { x: { 1: s } }).x(0), 0xfffffff0n); // sxtb w0, w1
  assert.equal(cpu.run(enc.bitfield(0, 2, 0, 0, 7, 1, 0), { x: { 1: s } }).x(0), 0xf0n); // uxtb w0, w1
  assert.equal(cpu.run(enc.bitfield(0, 2, 0, 0, 15, 1, 0), { x: { 1: s } }).x(0), 0x80f0n); // uxth w0, w1
  assert.equal(cpu.run(0xd3453462, { x: { 3: 0xffffn << 5n } }).x(2), 0x1ffn); // ubfx x2, x3, #5, #9 from GNU as
  // BFM into Rd = 31 discards the result; Rn = 31 reads zero: bfc x0, #4, #8 = bfm x0, xzr, #60, #7
  assert.equal(cpu.run(enc.bitfield(1, 1, 1, 60, 7, 31, 0), { x: { 0: M64 } }).x(0), M64 & ~(0xffn << 4n));
});

test('bitfield reserved encodings: N must equal sf, and W forms take immr/imms below 32', () => {
  for (const op of [0, 1, 2]) {
    assert.ok(cpu.isUndefined(enc.bitfield(1, op, 0, 1, 1, 1, 0)), 'sf=1 N=0');
    assert.ok(cpu.isUndefined(enc.bitfield(0, op, 1, 1, 1, 1, 0)), 'sf=0 N=1');
    assert.ok(cpu.isUndefined(enc.bitfield(0, op, 0, 32, 1, 1, 0)), 'sf=0 immr=32');
    assert.ok(cpu.isUndefined(enc.bitfield(0, op, 0, 1, 32, 1, 0)), 'sf=0 imms=32');
    assert.ok(!cpu.isUndefined(enc.bitfield(0, op, 0, 31, 31, 1, 0)), 'sf=0 immr=imms=31 is allocated');
  }
  assert.ok(cpu.isUndefined(enc.bitfield(1, 3, 1, 0, 0, 1, 0)), 'opc=11 is unallocated');
});

// ------------------------------------------------------------------ EXTR

test('EXTR: every lsb for X and W, ROR alias, reserved forms', () => {
  const n = 0x0123456789abcdefn;
  const m = 0xfedcba9876543210n;
  for (let lsb = 0; lsb < 64; lsb++) {
    const r = cpu.run(enc.extr(1, 1, 2, lsb, 1, 0), { x: { 1: n, 2: m } });
    assert.equal(r.x(0), ((n << 64n) | m) >> BigInt(lsb) & M64, `extr x lsb ${lsb}`);
    const ror = cpu.run(enc.extr(1, 1, 1, lsb, 1, 0), { x: { 1: m } });
    assert.equal(ror.x(0), ((m >> BigInt(lsb)) | (m << BigInt(64 - lsb))) & M64, `ror x #${lsb}`);
  }
  for (let lsb = 0; lsb < 32; lsb++) {
    const r = cpu.run(enc.extr(0, 0, 2, lsb, 1, 0), { x: { 0: M64, 1: n, 2: m } });
    const exp = (((n & 0xffffffffn) << 32n) | (m & 0xffffffffn)) >> BigInt(lsb) & 0xffffffffn;
    assert.equal(r.x(0), exp, `extr w lsb ${lsb}`);
  }
  assert.equal(cpu.run(0x93c23420, { x: { 1: n, 2: m } }).x(0), ((n << 64n) | m) >> 13n & M64); // from GNU as
  assert.ok(cpu.isUndefined(enc.extr(0, 0, 2, 32, 1, 0)), 'W with lsb >= 32');
  assert.ok(cpu.isUndefined(enc.extr(1, 0, 2, 3, 1, 0)), 'N != sf');
  assert.ok(cpu.isUndefined(enc.extr(0, 1, 2, 3, 1, 0)), 'N != sf');
});
