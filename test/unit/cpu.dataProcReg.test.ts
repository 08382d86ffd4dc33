import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RAM_BASE } from '../helpers/bareCpu';
import { EDGE64, INT64_MIN, M32, M64, Runner, addWithCarry, enc, hex, mask, nzcvStr, randoms, shiftRef, signed } from './cpu.dpHarness';

const cpu = new Runner();
const SP0 = BigInt(RAM_BASE + 0x100000);
const PAIRS: Array<[bigint, bigint]> = [];
for (let k = 0; k < EDGE64.length; k++) PAIRS.push([EDGE64[k], EDGE64[(k * 7 + 3) % EDGE64.length]]);

test('test encoders agree with GNU as for the register classes', () => {
  assert.equal(enc.logicalShift(0, 1, 1, 3, 2, 7, 1, 0), 0x2ae21c20); // orn w0, w1, w2, ror #7
  assert.equal(enc.addSubShift(1, 1, 1, 2, 2, 63, 1, 0), 0xeb82fc20); // subs x0, x1, x2, asr #63
  assert.equal(enc.addSubExt(1, 1, 0, 1, 5, 3, 31, 0), 0xcb21afe0); // sub x0, sp, w1, sxth #3
  assert.equal(enc.addSubCarry(0, 1, 1, 2, 1, 0), 0x7a020020); // sbcs w0, w1, w2
  assert.equal(enc.condCompare(1, 1, 1, 17, 8, 1, 10), 0xfa51882a); // ccmp x1, #17, #10, hi
  assert.equal(enc.condCompare(0, 0, 0, 2, 13, 1, 5), 0x3a42d025); // ccmn w1, w2, #5, le
  assert.equal(enc.condSelect(1, 1, 1, 2, 10, 1, 0), 0xda82a420); // csneg x0, x1, x2, ge
  assert.equal(enc.dp1(0, 5, 1, 0), 0x5ac01420); // cls w0, w1
  assert.equal(enc.dp2(1, 0b010111, 2, 1, 0), 0x9ac25c20); // crc32cx w0, w1, x2
  assert.equal(enc.dp2(1, 0b001011, 2, 1, 0), 0x9ac22c20); // ror x0, x1, x2
  assert.equal(enc.dp3(1, 0b001, 1, 2, 3, 1, 0), 0x9b228c20); // smsubl x0, w1, w2, x3
  assert.equal(enc.dp3(1, 0b110, 0, 2, 31, 1, 0), 0x9bc27c20); // umulh x0, x1, x2
});

// ------------------------------------------------------------------ logical (shifted register)

const LOGICAL = ['and', 'bic', 'orr', 'orn', 'eor', 'eon', 'ands', 'bics'];

function logicalRef(k: number, a: bigint, b: bigint, bits: number): bigint {
  const m = mask(bits);
  const nb = k & 1 ? ~b & m : b & m;
  switch (k >> 1) {
    case 0:
    case 3:
      return a & nb & m;
    case 1:
      return (a | nb) & m;
    default:
      return (a ^ nb) & m;
  }
}

test('logical shifted register: all eight operations, four shift types, amounts 0/1/31/32/63', () => {
  let n = 0;
  for (const sf of [1, 0]) {
    const bits = sf ? 64 : 32;
    const amounts = sf ? [0, 1, 31, 32, 63] : [0, 1, 16, 31];
    for (let k = 0; k < 8; k++) {
      for (let shift = 0; shift < 4; shift++) {
        for (const amt of amounts) {
          for (const [a, b] of PAIRS.slice(0, 8)) {
            const word = enc.logicalShift(sf, k >> 1, k & 1, shift, 2, amt, 1, 0);
            const r = cpu.run(word, { x: { 0: M64, 1: a, 2: b }, nzcv: 0b0111 });
            const exp = logicalRef(k, a & mask(bits), shiftRef(b, shift, amt, bits), bits);
            const what = `${LOGICAL[k]} ${sf ? 'x' : 'w'}0, ${hex(a)}, ${hex(b)}, ${['lsl', 'lsr', 'asr', 'ror'][shift]} #${amt}`;
            assert.equal(r.x(0), exp, what);
            const flags = k >= 6 ? (Number((exp >> BigInt(bits - 1)) & 1n) << 3) | (exp === 0n ? 4 : 0) : 0b0111;
            assert.equal(nzcvStr(r.nzcv), nzcvStr(flags), `${what} flags`);
            n++;
          }
        }
      }
    }
  }
  assert.equal(n, 8 * 4 * 8 * 9);
});

test('logical shifted register: MOV/MVN aliases, register 31 is XZR, W shift amounts >= 32 are UNDEFINED', () => {
  // mov x0, x1 and mov w0, w1 (ORR with Rn = ZR)
  assert.equal(cpu.run(enc.logicalShift(1, 1, 0, 0, 1, 0, 31, 0), { x: { 1: 0x8000000000000001n } }).x(0), 0x8000000000000001n);
  assert.equal(cpu.run(enc.logicalShift(0, 1, 0, 0, 1, 0, 31, 0), { x: { 0: M64, 1: 0x8000000080000001n } }).x(0), 0x80000001n);
  // mvn x0, x1, lsl #4
  assert.equal(cpu.run(enc.logicalShift(1, 1, 1, 0, 1, 4, 31, 0), { x: { 1: 0xfn } }).x(0), ~0xf0n & M64);
  // orr x0, xzr, xzr reads zero even with SP set; orr xzr, x1, x2 leaves SP alone
  assert.equal(cpu.run(enc.logicalShift(1, 1, 0, 0, 31, 0, 31, 0), { x: { 0: 5n }, sp: SP0 }).x(0), 0n);
  assert.equal(cpu.run(enc.logicalShift(1, 1, 0, 0, 2, 0, 1, 31), { x: { 1: 1n, 2: 2n }, sp: SP0 }).sp, SP0);
  // tst x1, x2 (ANDS to XZR)
  const t = cpu.run(enc.logicalShift(1, 3, 0, 0, 2, 0, 1, 31), { x: { 1: INT64_MIN, 2: M64 }, sp: SP0 });
  assert.equal(t.sp, SP0);
  assert.equal(nzcvStr(t.nzcv), 'Nzcv');
  for (let k = 0; k < 8; k++) assert.ok(cpu.isUndefined(enc.logicalShift(0, k >> 1, k & 1, 0, 2, 32, 1, 0)), LOGICAL[k]);
  assert.ok(!cpu.isUndefined(enc.logicalShift(1, 0, 0, 3, 2, 63, 1, 0)), 'ROR is allowed for logical operations');
});

// ------------------------------------------------------------------ add/subtract (shifted register)

test('ADD/SUB(S) shifted register: LSL/LSR/ASR by 0..63, flags on carry/overflow boundaries', () => {
  let n = 0;
  for (const sf of [1, 0]) {
    const bits = sf ? 64 : 32;
    const amounts = sf ? [0, 1, 31, 32, 63] : [0, 1, 31];
    for (let op = 0; op < 2; op++) {
      for (let s = 0; s < 2; s++) {
        for (let shift = 0; shift < 3; shift++) {
          for (const amt of amounts) {
            for (const [a, b] of PAIRS) {
              const r = cpu.run(enc.addSubShift(sf, op, s, shift, 2, amt, 1, 0), { x: { 0: M64, 1: a, 2: b }, nzcv: 0b1010 });
              const opnd = shiftRef(b, shift, amt, bits);
              const ref = op ? addWithCarry(a, ~opnd, 1, bits) : addWithCarry(a, opnd, 0, bits);
              const what = `${op ? 'sub' : 'add'}${s ? 's' : ''} ${sf ? 'x' : 'w'} ${hex(a)}, ${hex(b)}, ${['lsl', 'lsr', 'asr'][shift]} #${amt}`;
              assert.equal(r.x(0), ref.r, what);
              assert.equal(nzcvStr(r.nzcv), nzcvStr(s ? ref.nzcv : 0b1010), `${what} flags`);
              n++;
            }
          }
        }
      }
    }
  }
  assert.equal(n, 4 * 3 * (5 + 3) * PAIRS.length);
});

test('ADD/SUB(S) shifted register: ROR and W amounts >= 32 are reserved; register 31 is XZR', () => {
  for (let op = 0; op < 2; op++) {
    for (let s = 0; s < 2; s++) {
      assert.ok(cpu.isUndefined(enc.addSubShift(1, op, s, 3, 2, 1, 1, 0)), 'ROR');
      assert.ok(cpu.isUndefined(enc.addSubShift(0, op, s, 0, 2, 32, 1, 0)), 'W amount 32');
    }
  }
  // neg x0, x1 (SUB with Rn = ZR, not SP)
  assert.equal(cpu.run(enc.addSubShift(1, 1, 0, 0, 1, 0, 31, 0), { x: { 1: 1n }, sp: SP0 }).x(0), M64);
  // add xzr, x1, x2 discards the sum (SP unchanged)
  assert.equal(cpu.run(enc.addSubShift(1, 0, 0, 0, 2, 0, 1, 31), { x: { 1: 1n, 2: 2n }, sp: SP0 }).sp, SP0);
  // cmp x1, x2 sets flags only; negs w0, w2
  const c = cpu.run(enc.addSubShift(1, 1, 1, 0, 2, 0, 1, 31), { x: { 1: 3n, 2: 3n }, sp: SP0 });
  assert.equal(nzcvStr(c.nzcv), 'nZCv');
  assert.equal(c.sp, SP0);
  const g = cpu.run(enc.addSubShift(0, 1, 1, 0, 2, 0, 31, 0), { x: { 2: 0x80000000n } });
  assert.equal(g.x(0), 0x80000000n);
  assert.equal(nzcvStr(g.nzcv), 'NzcV');
});

// ------------------------------------------------------------------ add/subtract (extended register)

function extendRef(v: bigint, option: number, sh: number, bits: number): bigint {
  const size = [8, 16, 32, 64][option & 3];
  let e = v & mask(size);
  if (option & 4) e = signed(e, size);
  return (e << BigInt(sh)) & mask(bits);
}

test('ADD/SUB(S) extended register: every option with LSL 0..4, SP operands, reserved shifts', () => {
  const EXT = ['uxtb', 'uxth', 'uxtw', 'uxtx', 'sxtb', 'sxth', 'sxtw', 'sxtx'];
  const vals: Array<[bigint, bigint]> = [
    [0x1000n, 0xffffffff_ffffff80n],
    [M64, 0x8000_7fffn],
    [0x7fffffffffffffffn, 0x1_80008081n],
    [0n, M64],
  ];
  let n = 0;
  for (const sf of [1, 0]) {
    const bits = sf ? 64 : 32;
    for (let op = 0; op < 2; op++) {
      for (let s = 0; s < 2; s++) {
        for (let option = 0; option < 8; option++) {
          for (let sh = 0; sh <= 4; sh++) {
            for (const [a, b] of vals) {
              const r = cpu.run(enc.addSubExt(sf, op, s, 2, option, sh, 1, 0), { x: { 0: M64, 1: a, 2: b }, nzcv: 0b0101 });
              const opnd = extendRef(b, option, sh, bits);
              const ref = op ? addWithCarry(a, ~opnd, 1, bits) : addWithCarry(a, opnd, 0, bits);
              const what = `${op ? 'sub' : 'add'}${s ? 's' : ''} ${sf ? 'x' : 'w'} ${hex(a)}, ${hex(b)}, ${EXT[option]} #${sh}`;
              assert.equal(r.x(0), ref.r, what);
              assert.equal(nzcvStr(r.nzcv), nzcvStr(s ? ref.nzcv : 0b0101), `${what} flags`);
              n++;
            }
          }
        }
      }
    }
  }
  assert.equal(n, 2 * 2 * 2 * 8 * 5 * vals.length);
  for (let sh = 5; sh < 8; sh++) assert.ok(cpu.isUndefined(enc.addSubExt(1, 0, 0, 2, 3, sh, 1, 0)), `LSL #${sh}`);

  // add x0, sp, w1, uxtw #2 and sub sp, sp, x1 (Rn and Rd = SP for the non-flag forms)
  assert.equal(cpu.run(enc.addSubExt(1, 0, 0, 1, 2, 2, 31, 0), { x: { 1: 0xffffffff_00000010n }, sp: SP0 }).x(0), SP0 + 0x40n);
  assert.equal(cpu.run(enc.addSubExt(1, 1, 0, 1, 3, 0, 31, 31), { x: { 1: 0x20n }, sp: SP0 }).sp, SP0 - 0x20n);
  // sub x0, sp, w1, sxth #3 from GNU as
  assert.equal(cpu.run(0xcb21afe0, { x: { 1: 0xffffn }, sp: SP0 }).x(0), SP0 + 8n);
  // cmp sp, x1 (SUBS with Rn = SP, Rd = XZR): SP unchanged, flags from SP - x1
  const c = cpu.run(enc.addSubExt(1, 1, 1, 1, 3, 0, 31, 31), { x: { 1: SP0 }, sp: SP0 });
  assert.equal(c.sp, SP0);
  assert.equal(nzcvStr(c.nzcv), 'nZCv');
  // Rm = 31 is XZR: add x0, x1, xzr, uxtx
  assert.equal(cpu.run(enc.addSubExt(1, 0, 0, 31, 3, 0, 1, 0), { x: { 1: 7n }, sp: SP0 }).x(0), 7n);
  // W form with WSP: add wsp, wsp, w1 zero-extends into SP
  assert.equal(cpu.run(enc.addSubExt(0, 0, 0, 1, 2, 0, 31, 31), { x: { 1: 1n }, sp: 0x1_ffffffffn }).sp, 0n);
});

// ------------------------------------------------------------------ ADC/SBC

test('ADC/ADCS/SBC/SBCS with carry in 0 and 1, 64 and 32 bits', () => {
  for (const sf of [1, 0]) {
    const bits = sf ? 64 : 32;
    for (let op = 0; op < 2; op++) {
      for (let s = 0; s < 2; s++) {
        for (const cin of [0, 1]) {
          for (const [a, b] of PAIRS) {
            const pre = cin ? 0b1111 ^ 0b0100 : 0b1000; // C = cin; other flags arbitrary
            const r = cpu.run(enc.addSubCarry(sf, op, s, 2, 1, 0), { x: { 0: M64, 1: a, 2: b }, nzcv: pre });
            const ref = addWithCarry(a, op ? ~b : b, cin, bits);
            const what = `${op ? 'sbc' : 'adc'}${s ? 's' : ''} ${sf ? 'x' : 'w'} ${hex(a)}, ${hex(b)}, C=${cin}`;
            assert.equal(r.x(0), ref.r, what);
            assert.equal(nzcvStr(r.nzcv), nzcvStr(s ? ref.nzcv : pre), `${what} flags`);
          }
        }
      }
    }
  }
  // A 128-bit add: adds x0, x0, x2 ; adc x1, x1, x3
  const r = cpu.run([enc.addSubShift(1, 0, 1, 0, 2, 0, 0, 0), enc.addSubCarry(1, 0, 0, 3, 1, 1)], {
    x: { 0: M64, 1: 1n, 2: 1n, 3: 2n },
  });
  assert.equal(r.x(0), 0n);
  assert.equal(r.x(1), 4n);
});

// ------------------------------------------------------------------ conditions

/** ConditionHolds from the Arm ARM, on a 4-bit NZCV. */
function condRef(cond: number, f: number): boolean {
  const n = (f >> 3) & 1;
  const z = (f >> 2) & 1;
  const c = (f >> 1) & 1;
  const v = f & 1;
  let r: boolean;
  switch (cond >> 1) {
    case 0: r = z === 1; break;
    case 1: r = c === 1; break;
    case 2: r = n === 1; break;
    case 3: r = v === 1; break;
    case 4: r = c === 1 && z === 0; break;
    case 5: r = n === v; break;
    case 6: r = n === v && z === 0; break;
    default: r = true;
  }
  return (cond & 1) === 1 && cond !== 15 ? !r : r;
}

test('CCMP/CCMN register and immediate: every condition against every NZCV state', () => {
  const IMM_NZCV = 0b0110;
  for (const sf of [1, 0]) {
    const bits = sf ? 64 : 32;
    for (let op = 0; op < 2; op++) {
      for (let isImm = 0; isImm < 2; isImm++) {
        for (let cond = 0; cond < 16; cond++) {
          for (let f = 0; f < 16; f++) {
            const a = 5n;
            const b = isImm ? 31n : 0xffffffff_fffffff0n;
            const word = enc.condCompare(sf, op, isImm, isImm ? 31 : 2, cond, 1, IMM_NZCV);
            const r = cpu.run(word, { x: { 1: a, 2: b }, nzcv: f });
            const ref = op ? addWithCarry(a, ~b, 1, bits) : addWithCarry(a, b, 0, bits);
            const exp = condRef(cond, f) ? ref.nzcv : IMM_NZCV;
            assert.equal(nzcvStr(r.nzcv), nzcvStr(exp), `${op ? 'ccmp' : 'ccmn'} ${sf ? 'x' : 'w'} ${isImm ? 'imm' : 'reg'} cond ${cond} from ${nzcvStr(f)}`);
          }
        }
      }
    }
  }
});

test('CCMP/CCMN flags on boundaries when the condition holds (AL)', () => {
  for (const sf of [1, 0]) {
    const bits = sf ? 64 : 32;
    for (const [a, b] of PAIRS) {
      for (let op = 0; op < 2; op++) {
        const r = cpu.run(enc.condCompare(sf, op, 0, 2, 14, 1, 0), { x: { 1: a, 2: b } });
        const ref = op ? addWithCarry(a, ~b, 1, bits) : addWithCarry(a, b, 0, bits);
        assert.equal(nzcvStr(r.nzcv), nzcvStr(ref.nzcv), `${op ? 'ccmp' : 'ccmn'} ${hex(a)}, ${hex(b)}`);
      }
    }
  }
  // ccmp x1, #17, #10, hi from GNU as: HI fails from nZcv, so NZCV = 0b1010
  assert.equal(nzcvStr(cpu.run(0xfa51882a, { x: { 1: 17n }, nzcv: 0b0100 }).nzcv), 'NzCv');
  // and holds from nzCv: 17 - 17 sets Z and C
  assert.equal(nzcvStr(cpu.run(0xfa51882a, { x: { 1: 17n }, nzcv: 0b0010 }).nzcv), 'nZCv');
  // Rn = 31 is XZR: ccmp xzr, #0, #0, al
  assert.equal(nzcvStr(cpu.run(enc.condCompare(1, 1, 1, 0, 14, 31, 0), { sp: SP0 }).nzcv), 'nZCv');
});

test('CSEL/CSINC/CSINV/CSNEG: every condition, both outcomes, wrap cases and aliases', () => {
  const a = 0x1111222233334444n;
  const b = 0x8000000000000000n;
  for (const sf of [1, 0]) {
    const bits = sf ? 64 : 32;
    const m = mask(bits);
    for (let k = 0; k < 4; k++) {
      const op = k >> 1;
      const o2 = k & 1;
      for (let cond = 0; cond < 16; cond++) {
        for (const f of [0b0000, 0b0110, 0b1001, 0b1111, 0b0100]) {
          const r = cpu.run(enc.condSelect(sf, op, o2, 2, cond, 1, 0), { x: { 0: M64, 1: a, 2: b }, nzcv: f });
          const alt = [b, b + 1n, ~b, -b][k] & m;
          const exp = condRef(cond, f) ? a & m : alt;
          assert.equal(r.x(0), exp, `${['csel', 'csinc', 'csinv', 'csneg'][k]} ${sf ? 'x' : 'w'} cond ${cond} ${nzcvStr(f)}`);
          assert.equal(r.nzcv, f);
        }
      }
    }
  }
  // csinc x0, x1, x2, eq with x2 = all ones and Z clear: wraps to 0
  assert.equal(cpu.run(enc.condSelect(1, 0, 1, 2, 0, 1, 0), { x: { 2: M64 } }).x(0), 0n);
  // csneg of INT64_MIN is INT64_MIN; csneg w of INT32_MIN is INT32_MIN
  assert.equal(cpu.run(enc.condSelect(1, 1, 1, 2, 0, 1, 0), { x: { 2: INT64_MIN } }).x(0), INT64_MIN);
  assert.equal(cpu.run(enc.condSelect(0, 1, 1, 2, 0, 1, 0), { x: { 2: 0x80000000n } }).x(0), 0x80000000n);
  // cset x0, eq = csinc x0, xzr, xzr, ne; csetm w0, cc = csinv w0, wzr, wzr, cs
  assert.equal(cpu.run(enc.condSelect(1, 0, 1, 31, 1, 31, 0), { nzcv: 0b0100, sp: SP0 }).x(0), 1n);
  assert.equal(cpu.run(enc.condSelect(1, 0, 1, 31, 1, 31, 0), { nzcv: 0, sp: SP0 }).x(0), 0n);
  assert.equal(cpu.run(enc.condSelect(0, 1, 0, 31, 2, 31, 0), { nzcv: 0, x: { 0: M64 } }).x(0), M32);
  // cneg x0, x1, ge from GNU as, with GE false (N != V): x0 = -x1
  assert.equal(cpu.run(0xda82a420, { x: { 1: 5n, 2: 3n }, nzcv: 0b1000 }).x(0), (-3n) & M64);
});

// ------------------------------------------------------------------ 1 source

function rbitRef(v: bigint, bits: number): bigint {
  let r = 0n;
  for (let k = 0; k < bits; k++) if ((v >> BigInt(k)) & 1n) r |= 1n << BigInt(bits - 1 - k);
  return r;
}
/** Reverse bytes within each container of `cbits` bits. */
function revRef(v: bigint, bits: number, cbits: number): bigint {
  let r = 0n;
  for (let c = 0; c < bits; c += cbits) {
    const bytes = cbits / 8;
    for (let k = 0; k < bytes; k++) {
      const byte = (v >> BigInt(c + 8 * k)) & 0xffn;
      r |= byte << BigInt(c + 8 * (bytes - 1 - k));
    }
  }
  return r;
}
function clzRef(v: bigint, bits: number): bigint {
  let n = 0;
  for (let k = bits - 1; k >= 0 && ((v >> BigInt(k)) & 1n) === 0n; k--) n++;
  return BigInt(n);
}
function clsRef(v: bigint, bits: number): bigint {
  const top = (v >> BigInt(bits - 1)) & 1n;
  let n = 0;
  for (let k = bits - 2; k >= 0 && ((v >> BigInt(k)) & 1n) === top; k--) n++;
  return BigInt(n);
}

test('RBIT/REV16/REV32/REV/CLZ/CLS on edge and random values, X and W', () => {
  const values = [...EDGE64, ...randoms(40), 1n << 31n, 3n << 30n, 0x40000000n];
  for (const v of values) {
    for (const sf of [1, 0]) {
      const bits = sf ? 64 : 32;
      const u = v & mask(bits);
      const run = (opcode: number) => cpu.run(enc.dp1(sf, opcode, 1, 0), { x: { 0: M64, 1: v } }).x(0);
      const w = sf ? 'x' : 'w';
      assert.equal(run(0), rbitRef(u, bits), `rbit ${w} ${hex(v)}`);
      assert.equal(run(1), revRef(u, bits, 16), `rev16 ${w} ${hex(v)}`);
      assert.equal(run(sf ? 3 : 2), revRef(u, bits, bits), `rev ${w} ${hex(v)}`);
      assert.equal(run(4), clzRef(u, bits), `clz ${w} ${hex(v)}`);
      assert.equal(run(5), clsRef(u, bits), `cls ${w} ${hex(v)}`);
      if (sf) assert.equal(run(2), revRef(u, 64, 32), `rev32 ${hex(v)}`);
    }
  }
  assert.ok(cpu.isUndefined(enc.dp1(0, 3, 1, 0)), 'REV with opc=11 needs sf=1');
  assert.ok(cpu.isUndefined(enc.dp1(1, 6, 1, 0)), 'opcode 000110 is unallocated');
  // cls w0, w1 from GNU as
  assert.equal(cpu.run(0x5ac01420, { x: { 1: 0xfffffff0n } }).x(0), 27n);
});

// ------------------------------------------------------------------ 2 source

function udivRef(a: bigint, b: bigint): bigint {
  return b === 0n ? 0n : a / b;
}
function sdivRef(a: bigint, b: bigint, bits: number): bigint {
  const sa = signed(a, bits);
  const sb = signed(b, bits);
  return sb === 0n ? 0n : (sa / sb) & mask(bits); // BigInt division truncates toward zero
}

test('UDIV/SDIV: divide by zero gives 0, INT_MIN / -1 gives INT_MIN, truncation toward zero, wide operands', () => {
  const values = [...EDGE64, ...randoms(30, 7n)];
  for (const sf of [1, 0]) {
    const bits = sf ? 64 : 32;
    for (const a of values) {
      for (const b of values) {
        const r = cpu.run([enc.dp2(sf, 2, 2, 1, 0), enc.dp2(sf, 3, 2, 1, 3)], { x: { 0: M64, 1: a, 2: b, 3: M64 } });
        assert.equal(r.x(0), udivRef(a & mask(bits), b & mask(bits)), `udiv ${sf ? 'x' : 'w'} ${hex(a)} / ${hex(b)}`);
        assert.equal(r.x(3), sdivRef(a, b, bits), `sdiv ${sf ? 'x' : 'w'} ${hex(a)} / ${hex(b)}`);
      }
    }
  }
  const sdiv = (sf: number, a: bigint, b: bigint) => cpu.run(enc.dp2(sf, 3, 2, 1, 0), { x: { 1: a, 2: b } }).x(0);
  assert.equal(sdiv(1, INT64_MIN, M64), INT64_MIN);
  assert.equal(sdiv(0, 0x80000000n, M32), 0x80000000n);
  assert.equal(sdiv(1, (-7n) & M64, 2n), (-3n) & M64);
  assert.equal(sdiv(1, 7n, 0n), 0n);
  assert.equal(cpu.run(enc.dp2(1, 2, 2, 1, 0), { x: { 1: M64, 2: 0n } }).x(0), 0n);
});

test('UDIV/SDIV X: wide dividends over small, medium, large and huge divisors', () => {
  // Divisor magnitudes around each place the arithmetic changes strategy: 2^21, 2^53, 2^61, 2^63.
  const dividends = randoms(60, 11n).map((v, k) => (k % 3 === 0 ? v | INT64_MIN : v | (1n << 60n)));
  const divisorWidths = [1, 7, 20, 21, 22, 32, 33, 52, 53, 54, 60, 61, 62, 63, 64];
  const divisors = divisorWidths.flatMap((bits, k) => [
    mask(bits),
    (1n << BigInt(bits - 1)) | (randoms(1, BigInt(k + 1))[0] & mask(bits - 1)),
  ]);
  for (const n of dividends) {
    for (const b of divisors) {
      // Exact multiples (and one less) sit where a rounded quotient estimate is most likely off by one.
      const multiple = (n / b) * b;
      for (const a of [n, multiple, multiple === 0n ? 0n : multiple - 1n]) {
        const r = cpu.run([enc.dp2(1, 2, 2, 1, 0), enc.dp2(1, 3, 2, 1, 3)], { x: { 1: a, 2: b } });
        assert.equal(r.x(0), a / b, `udiv ${hex(a)} / ${hex(b)}`);
        assert.equal(r.x(3), sdivRef(a, b, 64), `sdiv ${hex(a)} / ${hex(b)}`);
      }
    }
  }
});

test('LSLV/LSRV/ASRV/RORV take the shift amount modulo the register width', () => {
  const v = 0x8123456789abcdefn;
  const amounts = [0n, 1n, 31n, 32n, 33n, 63n, 64n, 65n, 127n, M64, 0x1_00000021n];
  for (const sf of [1, 0]) {
    const bits = sf ? 64 : 32;
    for (let type = 0; type < 4; type++) {
      for (const amt of amounts) {
        const r = cpu.run(enc.dp2(sf, 8 + type, 2, 1, 0), { x: { 0: M64, 1: v, 2: amt } });
        const k = Number(amt % BigInt(bits));
        assert.equal(r.x(0), shiftRef(v, type, k, bits), `${['lsl', 'lsr', 'asr', 'ror'][type]} ${sf ? 'x' : 'w'} by ${hex(amt)}`);
      }
    }
  }
});

// ------------------------------------------------------------------ CRC32

/** Bitwise reflected CRC update without pre/post inversion, as the instructions compute it. */
function crcRef(poly: bigint, acc: bigint, val: bigint, bytes: number): bigint {
  let c = acc & M32;
  for (let k = 0; k < bytes; k++) {
    c ^= (val >> BigInt(8 * k)) & 0xffn;
    for (let b = 0; b < 8; b++) c = c & 1n ? (c >> 1n) ^ poly : c >> 1n;
  }
  return c;
}
const POLY32 = 0xedb88320n;
const POLY32C = 0x82f63b78n;

const le = (s: string): bigint => [...s].reduceRight((acc, ch) => (acc << 8n) | BigInt(ch.charCodeAt(0)), 0n);

test('CRC32/CRC32C of "123456789" give the standard check values once the program inverts', () => {
  const MVN_W0 = enc.logicalShift(0, 1, 1, 0, 0, 0, 31, 0); // mvn w0, w0
  const MOVN_W0 = enc.moveWide(0, 0, 0, 0, 0); // mov w0, #-1
  for (const [c, check] of [[0, 0xcbf43926n], [1, 0xe3069283n]] as const) {
    const op = (size: number) => 0b010000 | (c << 2) | size;
    // X then B: "12345678" + "9"
    let r = cpu.run([MOVN_W0, enc.dp2(1, op(3), 1, 0, 0), enc.dp2(0, op(0), 2, 0, 0), MVN_W0], {
      x: { 1: le('12345678'), 2: le('9') },
    });
    assert.equal(r.x(0), check, `crc32${c ? 'c' : ''} X+B`);
    // W, H, H, B: "1234" + "56" + "78" + "9"
    r = cpu.run([MOVN_W0, enc.dp2(0, op(2), 1, 0, 0), enc.dp2(0, op(1), 2, 0, 0), enc.dp2(0, op(1), 3, 0, 0), enc.dp2(0, op(0), 4, 0, 0), MVN_W0], {
      x: { 1: le('1234'), 2: le('56') | 0xffff0000n, 3: le('78'), 4: le('9') | 0xffffff00n },
    });
    assert.equal(r.x(0), check, `crc32${c ? 'c' : ''} W+H+H+B (upper source bits ignored)`);
  }
  // Without the inversions the instructions are the raw update: CRC32B of 0 with acc 0 is 0.
  assert.equal(cpu.run(0x1ac24020, { x: { 0: M64 } }).x(0), 0n);
});

test('CRC32{B,H,W,X} and CRC32C*: raw updates against a bitwise reference; size/sf mismatches are UNDEFINED', () => {
  const vals = randoms(12, 99n);
  for (const c of [0, 1]) {
    for (let size = 0; size < 4; size++) {
      const sf = size === 3 ? 1 : 0;
      const word = enc.dp2(sf, 0b010000 | (c << 2) | size, 2, 1, 0);
      for (let k = 0; k < vals.length; k++) {
        const acc = vals[k] | (0xabcd0000n << 32n);
        const val = vals[(k + 5) % vals.length] | 0x80n;
        const r = cpu.run(word, { x: { 0: M64, 1: acc, 2: val } });
        assert.equal(r.x(0), crcRef(c ? POLY32C : POLY32, acc, val, 1 << size), `crc32${c ? 'c' : ''}${'bhwx'[size]}`);
      }
      assert.ok(cpu.isUndefined(enc.dp2(sf ^ 1, 0b010000 | (c << 2) | size, 2, 1, 0)), `crc32${c ? 'c' : ''}${'bhwx'[size]} with sf=${sf ^ 1}`);
    }
  }
  // The eight words from GNU as decode to the eight operations.
  const words = [0x1ac24020, 0x1ac24420, 0x1ac24820, 0x9ac24c20, 0x1ac25020, 0x1ac25420, 0x1ac25820, 0x9ac25c20];
  words.forEach((w, k) => {
    const r = cpu.run(w, { x: { 1: 0x12345678n, 2: 0x0fedcba987654321n } });
    assert.equal(r.x(0), crcRef(k >= 4 ? POLY32C : POLY32, 0x12345678n, 0x0fedcba987654321n, 1 << (k & 3)), `word ${hex(BigInt(w))}`);
  });
});

// ------------------------------------------------------------------ multiply

test('MADD/MSUB (X and W) and the widening SMADDL/SMSUBL/UMADDL/UMSUBL', () => {
  const values = [...EDGE64, ...randoms(12, 3n)];
  for (let k = 0; k < values.length; k++) {
    for (let j = 0; j < values.length; j += 3) {
      const n = values[k];
      const m = values[j];
      const a = values[(k + j) % values.length];
      const st = { x: { 0: M64, 1: n, 2: m, 3: a } };
      for (const sf of [1, 0]) {
        const bits = sf ? 64 : 32;
        const mk = mask(bits);
        const prod = (n & mk) * (m & mk);
        assert.equal(cpu.run(enc.dp3(sf, 0, 0, 2, 3, 1, 0), st).x(0), ((a & mk) + prod) & mk, `madd ${sf} ${hex(n)} ${hex(m)} ${hex(a)}`);
        assert.equal(cpu.run(enc.dp3(sf, 0, 1, 2, 3, 1, 0), st).x(0), ((a & mk) - prod) & mk, `msub ${sf} ${hex(n)} ${hex(m)} ${hex(a)}`);
      }
      const sp = signed(n, 32) * signed(m, 32);
      const up = (n & M32) * (m & M32);
      assert.equal(cpu.run(enc.dp3(1, 0b001, 0, 2, 3, 1, 0), st).x(0), (a + sp) & M64, `smaddl ${hex(n)} ${hex(m)}`);
      assert.equal(cpu.run(enc.dp3(1, 0b001, 1, 2, 3, 1, 0), st).x(0), (a - sp) & M64, `smsubl ${hex(n)} ${hex(m)}`);
      assert.equal(cpu.run(enc.dp3(1, 0b101, 0, 2, 3, 1, 0), st).x(0), (a + up) & M64, `umaddl ${hex(n)} ${hex(m)}`);
      assert.equal(cpu.run(enc.dp3(1, 0b101, 1, 2, 3, 1, 0), st).x(0), (a - up) & M64, `umsubl ${hex(n)} ${hex(m)}`);
    }
  }
  // mul x0, x1, x2 (Ra = XZR, not SP)
  assert.equal(cpu.run(enc.dp3(1, 0, 0, 2, 31, 1, 0), { x: { 1: 6n, 2: 7n }, sp: SP0 }).x(0), 42n);
  // smsubl x0, w1, w2, x3 from GNU as
  assert.equal(cpu.run(0x9b228c20, { x: { 1: M32, 2: 5n, 3: 10n } }).x(0), 15n);
  assert.ok(cpu.isUndefined(enc.dp3(0, 0b001, 0, 2, 3, 1, 0)), 'SMADDL needs sf=1');
});

test('SMULH/UMULH: high halves of 128-bit products at the signed and unsigned extremes', () => {
  const values = [...EDGE64, ...randoms(16, 5n)];
  for (const n of values) {
    for (const m of values) {
      const r = cpu.run([enc.dp3(1, 0b010, 0, 2, 31, 1, 0), enc.dp3(1, 0b110, 0, 2, 31, 1, 3)], { x: { 1: n, 2: m } });
      assert.equal(r.x(0), ((signed(n, 64) * signed(m, 64)) >> 64n) & M64, `smulh ${hex(n)} ${hex(m)}`);
      assert.equal(r.x(3), (n * m) >> 64n, `umulh ${hex(n)} ${hex(m)}`);
    }
  }
  const umulh = (a: bigint, b: bigint) => cpu.run(0x9bc27c20, { x: { 1: a, 2: b } }).x(0);
  assert.equal(umulh(M64, M64), M64 - 1n);
  const smulh = (a: bigint, b: bigint) => cpu.run(enc.dp3(1, 0b010, 0, 2, 31, 1, 0), { x: { 1: a, 2: b } }).x(0);
  assert.equal(smulh(INT64_MIN, INT64_MIN), 1n << 62n);
  assert.equal(smulh(INT64_MIN, M64), 0n); // -2^63 * -1 = 2^63: high half 0
  assert.equal(smulh(M64, 1n), M64); // -1 * 1: high half all ones
});
