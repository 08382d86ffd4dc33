/**
 * Advanced SIMD saturating shifts and saturating doubling multiplies, vector and scalar:
 * SQSHL/UQSHL/SQRSHL/UQRSHL (register), SQSHL/UQSHL/SQSHLU (immediate),
 * SQSHRN/UQSHRN/SQRSHRN/UQRSHRN/SQSHRUN/SQRSHRUN{2} (narrowing), and
 * SQDMULL/SQDMLAL/SQDMLSL{2} (vector, by element, scalar). Saturation sets FPSR.QC.
 *
 * These fixed-point DSP operations are rare in compiled C, so lanes are computed exactly
 * as BigInt (the Arm ARM's unbounded-integer pseudocode) rather than on a fast path.
 */
import type { Cpu } from '../cpu';
import { EncodingSpec, Fields } from '../encodingTable';
import { FPSR_QC } from '../fpu';
import { ExecFn, Insn } from '../insn';
import { zeroFrom } from './simdCommon';

/** Lane k of V[reg] (esize bits) as BigInt, signed or unsigned. */
function getLane(cpu: Cpu, reg: number, esize: number, k: number, signed: boolean): bigint {
  const u8 = cpu.vU8;
  const bytes = esize >> 3;
  let v = 0n;
  for (let j = bytes - 1; j >= 0; j--) v = (v << 8n) | BigInt(u8[reg * 16 + k * bytes + j]);
  return signed ? BigInt.asIntN(esize, v) : v;
}

const out = new Uint8Array(16);

function putLane(esize: number, k: number, value: bigint): void {
  const bytes = esize >> 3;
  let v = BigInt.asUintN(esize, value);
  for (let j = 0; j < bytes; j++) {
    out[k * bytes + j] = Number(v & 0xffn);
    v >>= 8n;
  }
}

/** SatQ: clamp to the esize-bit signed or unsigned range, noting saturation. */
function satQ(x: bigint, esize: number, unsigned: boolean, st: { sat: boolean }): bigint {
  const e = BigInt(esize);
  const lo = unsigned ? 0n : -(1n << (e - 1n));
  const hi = unsigned ? (1n << e) - 1n : (1n << (e - 1n)) - 1n;
  if (x < lo) {
    st.sat = true;
    return lo;
  }
  if (x > hi) {
    st.sat = true;
    return hi;
  }
  return x;
}

/** Write `out` (bytes [from, from + len)) into Vd, zeroing the rest unless `keepLow` (the "2" forms). */
function writeOut(cpu: Cpu, d: number, len: number, upperHalf: boolean): void {
  const u8 = cpu.vU8;
  if (upperHalf) {
    for (let j = 0; j < 8; j++) u8[d * 16 + 8 + j] = out[j];
    return;
  }
  for (let j = 0; j < len; j++) u8[d * 16 + j] = out[j];
  if (len < 16) zeroFrom(cpu, d, len);
}

function shiftRound(x: bigint, shift: number, round: boolean): bigint {
  if (shift >= 0) return x << BigInt(shift);
  const s = BigInt(-shift);
  return (x + (round ? 1n << (s - 1n) : 0n)) >> s;
}

// ------------------------------------------------------------------ register shifts

/**
 * [SU]Q[R]SHL (register): i.a = size, i.c = Q, i.sf = scalar, i.b = bit0 unsigned, bit1 rounding.
 */
function execQshlReg(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  const esize = 8 << i.a;
  const unsigned = (i.b & 1) === 1;
  const round = (i.b & 2) === 2;
  const lanes = i.sf ? 1 : (i.c ? 128 : 64) / esize;
  const st = { sat: false };
  for (let k = 0; k < lanes; k++) {
    const x = getLane(cpu, i.rn, esize, k, !unsigned);
    const shift = Number(BigInt.asIntN(8, getLane(cpu, i.rm, esize, k, false)));
    putLane(esize, k, satQ(shiftRound(x, shift, round), esize, unsigned, st));
  }
  writeOut(cpu, i.rd, (lanes * esize) >> 3, false);
  if (st.sat) cpu.fpsr |= FPSR_QC;
}

// ------------------------------------------------------------------ immediate shifts

/** SQSHL/UQSHL/SQSHLU (immediate): i.b = shift, i.d = 0 SQSHL, 1 UQSHL, 2 SQSHLU. */
function execQshlImm(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  const esize = 8 << i.a;
  const lanes = i.sf ? 1 : (i.c ? 128 : 64) / esize;
  const st = { sat: false };
  for (let k = 0; k < lanes; k++) {
    const x = getLane(cpu, i.rn, esize, k, i.d !== 1);
    putLane(esize, k, satQ(x << BigInt(i.b), esize, i.d !== 0, st));
  }
  writeOut(cpu, i.rd, (lanes * esize) >> 3, false);
  if (st.sat) cpu.fpsr |= FPSR_QC;
}

/**
 * Saturating shift right narrow: i.a = destination size, i.b = shift, i.d = kind
 * (bit0 unsigned source, bit1 unsigned result, bit2 rounding), i.c = upper half ("2").
 */
function execQshrn(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  const esize = 8 << i.a;
  const lanes = i.sf ? 1 : 64 / esize;
  const st = { sat: false };
  for (let k = 0; k < lanes; k++) {
    const x = getLane(cpu, i.rn, 2 * esize, k, (i.d & 1) === 0);
    putLane(esize, k, satQ(shiftRound(x, -i.b, (i.d & 4) !== 0), esize, (i.d & 2) !== 0, st));
  }
  if (i.sf) writeOut(cpu, i.rd, esize >> 3, false);
  else writeOut(cpu, i.rd, 8, i.c === 1);
  if (st.sat) cpu.fpsr |= FPSR_QC;
}

// ------------------------------------------------------------------ doubling multiply long

/**
 * SQDMULL/SQDMLAL/SQDMLSL: sat(2 * a * b), then saturating accumulate. i.a = source size,
 * i.d = 0 mull, 1 mlal, 2 mlsl; i.b = element index or -1; i.c = Q (upper halves); i.sf = scalar.
 */
function execQdmull(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  const esize = 8 << i.a;
  const lanes = i.sf ? 1 : 64 / esize;
  const base = i.sf ? 0 : i.c ? lanes : 0;
  const st = { sat: false };
  const elem = i.b >= 0 ? getLane(cpu, i.rm, esize, i.b, true) : 0n;
  for (let k = 0; k < lanes; k++) {
    const a = getLane(cpu, i.rn, esize, base + k, true);
    const b = i.b >= 0 ? elem : getLane(cpu, i.rm, esize, base + k, true);
    let r = satQ(2n * a * b, 2 * esize, false, st);
    if (i.d !== 0) {
      const acc = getLane(cpu, i.rd, 2 * esize, k, true);
      r = satQ(i.d === 1 ? acc + r : acc - r, 2 * esize, false, st);
    }
    putLane(2 * esize, k, r);
  }
  writeOut(cpu, i.rd, (lanes * 2 * esize) >> 3, false);
  if (st.sat) cpu.fpsr |= FPSR_QC;
}

// ------------------------------------------------------------------ decode

const bits = (x: number, w: number): string => x.toString(2).padStart(w, '0');

function regDecode(kind: number, scalar: boolean) {
  return (i: Insn, f: Fields): ExecFn | null => {
    if (!scalar && f.S === 3 && !f.q) return null;
    i.rd = f.d;
    i.rn = f.n;
    i.rm = f.m;
    i.a = f.S;
    i.b = kind;
    i.c = f.q ?? 0;
    i.sf = scalar ? 1 : 0;
    return execQshlReg;
  };
}

/** immh:immb fields for left (shift = imm - esize) or right-narrow (shift = 2*esize - imm) shifts. */
function immDecode(kind: number, scalar: boolean, narrow: boolean) {
  return (i: Insn, f: Fields): ExecFn | null => {
    const immh = f.i >> 3;
    if (immh === 0) return null;
    const size = 31 - Math.clz32(immh);
    if (narrow && size === 3) return null;
    if (!narrow && !scalar && size === 3 && !f.q) return null;
    const esize = 8 << size;
    i.rd = f.d;
    i.rn = f.n;
    i.a = size;
    i.c = f.q ?? 0;
    i.sf = scalar ? 1 : 0;
    i.d = kind;
    i.b = narrow ? 2 * esize - f.i : f.i - esize;
    return narrow ? execQshrn : execQshlImm;
  };
}

function dmullDecode(kind: number, scalar: boolean, byElem: boolean) {
  return (i: Insn, f: Fields): ExecFn | null => {
    if (f.S !== 1 && f.S !== 2) return null;
    i.rd = f.d;
    i.rn = f.n;
    i.a = f.S;
    i.c = f.q ?? 0;
    i.d = kind;
    i.sf = scalar ? 1 : 0;
    if (!byElem) {
      i.rm = f.m;
      i.b = -1;
    } else if (f.S === 1) {
      i.rm = f.m;
      i.b = (f.H << 2) | (f.L << 1) | f.M;
    } else {
      i.rm = (f.M << 4) | f.m;
      i.b = (f.H << 1) | f.L;
    }
    return execQdmull;
  };
}

const REG: Array<[string, number, number, number]> = [
  // [name, U, opcode, kind: bit0 unsigned, bit1 rounding]
  ['SQSHL', 0, 0b01001, 0],
  ['UQSHL', 1, 0b01001, 1],
  ['SQRSHL', 0, 0b01011, 2],
  ['UQRSHL', 1, 0b01011, 3],
];

const LEFT_IMM: Array<[string, number, number, number]> = [
  ['SQSHL', 0, 0b01110, 0],
  ['UQSHL', 1, 0b01110, 1],
  ['SQSHLU', 1, 0b01100, 2],
];

const NARROW: Array<[string, number, number, number]> = [
  // kind: bit0 unsigned source, bit1 unsigned result, bit2 rounding
  ['SQSHRN', 0, 0b10010, 0],
  ['SQRSHRN', 0, 0b10011, 4],
  ['UQSHRN', 1, 0b10010, 3],
  ['UQRSHRN', 1, 0b10011, 7],
  ['SQSHRUN', 1, 0b10000, 2],
  ['SQRSHRUN', 1, 0b10001, 6],
];

const DMULL: Array<[string, string, string, number]> = [
  // [name, three-different opcode, by-element opcode, kind]
  ['SQDMULL', '1101', '1011', 0],
  ['SQDMLAL', '1001', '0011', 1],
  ['SQDMLSL', '1011', '0111', 2],
];

export const SIMD_SAT_SHIFT_ENCODINGS: EncodingSpec[] = [
  // SQSHL/UQSHL/SQRSHL/UQRSHL <Vd>.<T>, <Vn>.<T>, <Vm>.<T>  and  <V>d, <V>n, <V>m
  ...REG.flatMap(([name, u, opcode, kind]) => [
    { name: `${name}_reg_vector`, pattern: `0q${u}01110SS1mmmmm${bits(opcode, 5)}1nnnnnddddd`, decode: regDecode(kind, false) },
    { name: `${name}_reg_scalar`, pattern: `01${u}11110SS1mmmmm${bits(opcode, 5)}1nnnnnddddd`, decode: regDecode(kind, true) },
  ]),
  // SQSHL/UQSHL/SQSHLU <Vd>.<T>, <Vn>.<T>, #<shift>  and  <V>d, <V>n, #<shift>
  ...LEFT_IMM.flatMap(([name, u, opcode, kind]) => [
    { name: `${name}_imm_vector`, pattern: `0q${u}011110iiiiiii${bits(opcode, 5)}1nnnnnddddd`, decode: immDecode(kind, false, false) },
    { name: `${name}_imm_scalar`, pattern: `01${u}111110iiiiiii${bits(opcode, 5)}1nnnnnddddd`, decode: immDecode(kind, true, false) },
  ]),
  // SQSHRN{2}/... <Vd>.<Tb>, <Vn>.<Ta>, #<shift>  and  <Vb>d, <Va>n, #<shift>
  ...NARROW.flatMap(([name, u, opcode, kind]) => [
    { name: `${name}_vector`, pattern: `0q${u}011110iiiiiii${bits(opcode, 5)}1nnnnnddddd`, decode: immDecode(kind, false, true) },
    { name: `${name}_scalar`, pattern: `01${u}111110iiiiiii${bits(opcode, 5)}1nnnnnddddd`, decode: immDecode(kind, true, true) },
  ]),
  // SQDMULL{2}/SQDMLAL{2}/SQDMLSL{2}: vector, scalar, by element (vector and scalar)
  ...DMULL.flatMap(([name, op3, opElem, kind]) => [
    { name: `${name}_vector`, pattern: `0q001110SS1mmmmm${op3}00nnnnnddddd`, decode: dmullDecode(kind, false, false) },
    { name: `${name}_scalar`, pattern: `01011110SS1mmmmm${op3}00nnnnnddddd`, decode: dmullDecode(kind, true, false) },
    { name: `${name}_elem`, pattern: `0q001111SSLMmmmm${opElem}H0nnnnnddddd`, decode: dmullDecode(kind, false, true) },
    { name: `${name}_elem_scalar`, pattern: `01011111SSLMmmmm${opElem}H0nnnnnddddd`, decode: dmullDecode(kind, true, true) },
  ]),
];
