/**
 * Advanced SIMD saturating integer instructions: SQADD/UQADD/SQSUB/UQSUB (vector),
 * SQABS/SQNEG, and the saturating narrows SQXTN/UQXTN/SQXTUN{2}. A lane that
 * saturates sets FPSR.QC.
 */
import type { Cpu } from '../cpu';
import { EncodingSpec, Fields } from '../encodingTable';
import { FPSR_QC } from '../fpu';
import { ExecFn, Insn } from '../insn';
import { commit, laneS, laneU, setLane, setTmp, tmpI32, zeroFrom } from './simdCommon';
import { R64, add64, gt64u, set64, sub64 } from './simdInt64';
import { mul32x32 } from './simdWiden';

/** Set by a lane that saturated during the current instruction. */
let saturated = false;

function clamp(x: number, lo: number, hi: number): number {
  if (x < lo) {
    saturated = true;
    return lo;
  }
  if (x > hi) {
    saturated = true;
    return hi;
  }
  return x;
}

const smin = (e: number): number => -(2 ** (e - 1));
const smax = (e: number): number => 2 ** (e - 1) - 1;
const umax = (e: number): number => 2 ** e - 1;

type Lane = (a: number, b: number, esize: number) => number;
type Lane64 = (alo: number, ahi: number, blo: number, bhi: number) => void;

function sat64(negative: boolean): void {
  saturated = true;
  if (negative) set64(0, -0x80000000);
  else set64(-1, 0x7fffffff);
}

const OPS: Record<string, [Lane, Lane64, boolean]> = {
  sqadd: [(a, b, e) => clamp(a + b, smin(e), smax(e)), (alo, ahi, blo, bhi) => {
    add64(alo, ahi, blo, bhi);
    if (ahi < 0 === bhi < 0 && R64[1] < 0 !== ahi < 0) sat64(ahi < 0);
  }, true],
  uqadd: [(a, b, e) => clamp(a + b, 0, umax(e)), (alo, ahi, blo, bhi) => {
    add64(alo, ahi, blo, bhi);
    if (gt64u(alo, ahi, R64[0], R64[1])) {
      saturated = true;
      set64(-1, -1);
    }
  }, false],
  sqsub: [(a, b, e) => clamp(a - b, smin(e), smax(e)), (alo, ahi, blo, bhi) => {
    sub64(alo, ahi, blo, bhi);
    if (ahi < 0 !== bhi < 0 && R64[1] < 0 !== ahi < 0) sat64(ahi < 0);
  }, true],
  uqsub: [(a, b, e) => clamp(a - b, 0, umax(e)), (alo, ahi, blo, bhi) => {
    if (gt64u(blo, bhi, alo, ahi)) {
      saturated = true;
      set64(0, 0);
    } else sub64(alo, ahi, blo, bhi);
  }, false],
};

function finish(cpu: Cpu): void {
  if (saturated) cpu.fpsr |= FPSR_QC;
}

function vecSat([op, op64, signed]: [Lane, Lane64, boolean]): ExecFn {
  return (cpu, i) => {
    cpu.checkFpEnabled(i);
    saturated = false;
    const size = i.a;
    if (size === 3) {
      const v = cpu.vI32;
      for (let k = 0; k < (i.c ? 2 : 1); k++) {
        const n = i.rn * 4 + 2 * k;
        const m = i.rm * 4 + 2 * k;
        op64(v[n], v[n + 1], v[m], v[m + 1]);
        tmpI32[2 * k] = R64[0];
        tmpI32[2 * k + 1] = R64[1];
      }
    } else {
      const get = signed ? laneS : laneU;
      const lanes = (i.c ? 16 : 8) >> size;
      for (let k = 0; k < lanes; k++) setTmp(size, k, op(get(cpu, i.rn, size, k), get(cpu, i.rm, size, k), 8 << size));
    }
    commit(cpu, i.rd, i.c);
    finish(cpu);
  };
}

/** Scalar SQADD/UQADD/SQSUB/UQSUB on one B/H/S/D lane (i.a = size). */
function scalarSat([op, op64, signed]: [Lane, Lane64, boolean]): ExecFn {
  return (cpu, i) => {
    cpu.checkFpEnabled(i);
    saturated = false;
    const size = i.a;
    const v = cpu.vI32;
    if (size === 3) {
      op64(v[i.rn * 4], v[i.rn * 4 + 1], v[i.rm * 4], v[i.rm * 4 + 1]);
      v[i.rd * 4] = R64[0];
      v[i.rd * 4 + 1] = R64[1];
    } else {
      const get = signed ? laneS : laneU;
      const r = op(get(cpu, i.rn, size, 0), get(cpu, i.rm, size, 0), 8 << size);
      v[i.rd * 4] = 0;
      setLane(cpu, i.rd, size, 0, r);
    }
    zeroFrom(cpu, i.rd, 1 << size);
    finish(cpu);
  };
}

/**
 * SQDMULH/SQRDMULH: high half of the doubled product (rounded for SQRDMULH), saturating
 * the single overflow case (min * min). 16- and 32-bit lanes; i.d = 1 to round; the
 * second operand is lane i.b of Vm when i.e >= 0 (by element), else the matching lane.
 */
function doublingHigh(cpu: Cpu, a: number, b: number, size: number, round: number): number {
  if (size === 1) {
    const p = 2 * a * b + (round ? 0x8000 : 0); // |p| <= 2^31 + 2^15: exact
    return clamp(Math.floor(p / 65536), -32768, 32767);
  }
  if (a === -0x80000000 && b === -0x80000000) {
    saturated = true;
    return 0x7fffffff;
  }
  mul32x32(a, b); // a*b fits in 63 bits; (2ab + r) >> 32 = (ab + r/2) >> 31
  if (round) add64(R64[0], R64[1], 0x40000000, 0);
  return (R64[0] >>> 31) | (R64[1] << 1);
}

function execDoublingHigh(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  saturated = false;
  const size = i.a;
  const lanes = i.sf ? 1 : (i.c ? 16 : 8) >> size;
  const e = i.b >= 0 ? laneS(cpu, i.rm, size, i.b) : 0;
  for (let k = 0; k < lanes; k++) setTmp(size, k, doublingHigh(cpu, laneS(cpu, i.rn, size, k), i.b >= 0 ? e : laneS(cpu, i.rm, size, k), size, i.d));
  if (i.sf) {
    // Scalar form: one lane, the rest of Vd zeroed.
    tmpI32[1] = tmpI32[2] = tmpI32[3] = 0;
    if (size === 1) tmpI32[0] &= 0xffff;
    commit(cpu, i.rd, 0);
  } else commit(cpu, i.rd, i.c);
  finish(cpu);
}

/** SQABS/SQNEG: i.b = 1 for SQNEG. */
function execSqAbsNeg(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  saturated = false;
  const size = i.a;
  if (size === 3) {
    const v = cpu.vI32;
    for (let k = 0; k < (i.c ? 2 : 1); k++) {
      const lo = v[i.rn * 4 + 2 * k];
      const hi = v[i.rn * 4 + 2 * k + 1];
      if (lo === 0 && hi === -0x80000000 && (i.b || hi < 0)) sat64(false);
      else if (i.b || hi < 0) sub64(0, 0, lo, hi);
      else set64(lo, hi);
      tmpI32[2 * k] = R64[0];
      tmpI32[2 * k + 1] = R64[1];
    }
  } else {
    const e = 8 << size;
    const lanes = (i.c ? 16 : 8) >> size;
    for (let k = 0; k < lanes; k++) {
      const a = laneS(cpu, i.rn, size, k);
      setTmp(size, k, clamp(i.b ? -a : Math.abs(a), smin(e), smax(e)));
    }
  }
  commit(cpu, i.rd, i.c);
  finish(cpu);
}

/** SQXTN/UQXTN/SQXTUN{2}: i.a = destination size, i.b = 0 SQXTN, 1 UQXTN, 2 SQXTUN. */
function execSatNarrow(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  saturated = false;
  const size = i.a;
  const e = 8 << size;
  const lanes = 8 >> size;
  const v = cpu.vI32;
  const signedSrc = i.b !== 1;
  for (let k = 0; k < lanes; k++) {
    let x: number;
    if (size === 2) {
      // 64-bit source: only its sign and whether it fits in 32 bits matter beyond the low word.
      const lo = v[i.rn * 4 + 2 * k];
      const hi = v[i.rn * 4 + 2 * k + 1];
      if (signedSrc) x = hi === lo >> 31 ? lo : hi < 0 ? -Infinity : Infinity;
      else x = hi === 0 ? lo >>> 0 : Infinity;
    } else x = signedSrc ? laneS(cpu, i.rn, size + 1, k) : laneU(cpu, i.rn, size + 1, k);
    const r = i.b === 0 ? clamp(x, smin(e), smax(e)) : clamp(x, 0, umax(e));
    setTmp(size, k, r);
  }
  const d = i.rd * 4;
  if (i.c) {
    v[d + 2] = tmpI32[0];
    v[d + 3] = tmpI32[1];
  } else {
    v[d] = tmpI32[0];
    v[d + 1] = tmpI32[1];
    v[d + 2] = v[d + 3] = 0;
  }
  finish(cpu);
}

const bits5 = (x: number): string => x.toString(2).padStart(5, '0');

function decode3(exec: ExecFn) {
  return (i: Insn, f: Fields): ExecFn | null => {
    if (f.S === 3 && !f.q) return null;
    i.rd = f.d;
    i.rn = f.n;
    i.rm = f.m;
    i.a = f.S;
    i.c = f.q ?? 0;
    return exec;
  };
}

function decode2(exec: ExecFn, b: number, narrow: boolean) {
  return (i: Insn, f: Fields): ExecFn | null => {
    if (f.S === 3 && (narrow || !f.q)) return null;
    i.rd = f.d;
    i.rn = f.n;
    i.a = f.S;
    i.b = b;
    i.c = f.q ?? 0;
    return exec;
  };
}

const three = (u: number, opcode: number): string => `0q${u}01110SS1mmmmm${bits5(opcode)}1nnnnnddddd`;
const misc = (u: number, opcode: number): string => `0q${u}01110SS10000${bits5(opcode)}10nnnnnddddd`;

/** SQDMULH/SQRDMULH decode: vector, scalar (sf) or by element; halfword and word lanes only. */
function dmulhDecode(round: number, scalar: boolean, byElem: boolean) {
  return (i: Insn, f: Fields): ExecFn | null => {
    if (f.S !== 1 && f.S !== 2) return null;
    i.rd = f.d;
    i.rn = f.n;
    i.a = f.S;
    i.c = f.q ?? 0;
    i.d = round;
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
    return execDoublingHigh;
  };
}

const scalar3 = (u: number, opcode: number): string => `01${u}11110SS1mmmmm${bits5(opcode)}1nnnnnddddd`;

function decodeScalar3(exec: ExecFn) {
  return (i: Insn, f: Fields): ExecFn => ((i.rd = f.d), (i.rn = f.n), (i.rm = f.m), (i.a = f.S), exec);
}

export const SIMD_SATURATE_ENCODINGS: EncodingSpec[] = [
  // SQADD/UQADD/SQSUB/UQSUB <V>d, <V>n, <V>m
  { name: 'SQADD_scalar', pattern: scalar3(0, 0b00001), decode: decodeScalar3(scalarSat(OPS.sqadd)) },
  { name: 'UQADD_scalar', pattern: scalar3(1, 0b00001), decode: decodeScalar3(scalarSat(OPS.uqadd)) },
  { name: 'SQSUB_scalar', pattern: scalar3(0, 0b00101), decode: decodeScalar3(scalarSat(OPS.sqsub)) },
  { name: 'UQSUB_scalar', pattern: scalar3(1, 0b00101), decode: decodeScalar3(scalarSat(OPS.uqsub)) },
  // SQDMULH/SQRDMULH <Vd>.<T>, <Vn>.<T>, <Vm>.<T> | <V>d, <V>n, <V>m | by element
  { name: 'SQDMULH_vector', pattern: three(0, 0b10110), decode: dmulhDecode(0, false, false) },
  { name: 'SQRDMULH_vector', pattern: three(1, 0b10110), decode: dmulhDecode(1, false, false) },
  { name: 'SQDMULH_scalar', pattern: scalar3(0, 0b10110), decode: dmulhDecode(0, true, false) },
  { name: 'SQRDMULH_scalar', pattern: scalar3(1, 0b10110), decode: dmulhDecode(1, true, false) },
  { name: 'SQDMULH_elem', pattern: '0q001111SSLMmmmm1100H0nnnnnddddd', decode: dmulhDecode(0, false, true) },
  { name: 'SQRDMULH_elem', pattern: '0q001111SSLMmmmm1101H0nnnnnddddd', decode: dmulhDecode(1, false, true) },
  { name: 'SQDMULH_elem_scalar', pattern: '01011111SSLMmmmm1100H0nnnnnddddd', decode: dmulhDecode(0, true, true) },
  { name: 'SQRDMULH_elem_scalar', pattern: '01011111SSLMmmmm1101H0nnnnnddddd', decode: dmulhDecode(1, true, true) },
  // SQADD/UQADD/SQSUB/UQSUB <Vd>.<T>, <Vn>.<T>, <Vm>.<T>
  { name: 'SQADD_vector', pattern: three(0, 0b00001), decode: decode3(vecSat(OPS.sqadd)) },
  { name: 'UQADD_vector', pattern: three(1, 0b00001), decode: decode3(vecSat(OPS.uqadd)) },
  { name: 'SQSUB_vector', pattern: three(0, 0b00101), decode: decode3(vecSat(OPS.sqsub)) },
  { name: 'UQSUB_vector', pattern: three(1, 0b00101), decode: decode3(vecSat(OPS.uqsub)) },
  // SQABS/SQNEG <Vd>.<T>, <Vn>.<T>
  { name: 'SQABS_vector', pattern: misc(0, 0b00111), decode: decode2(execSqAbsNeg, 0, false) },
  { name: 'SQNEG_vector', pattern: misc(1, 0b00111), decode: decode2(execSqAbsNeg, 1, false) },
  // SQXTN{2}/UQXTN{2}/SQXTUN{2} <Vd>.<Tb>, <Vn>.<Ta>
  { name: 'SQXTN_vector', pattern: misc(0, 0b10100), decode: decode2(execSatNarrow, 0, true) },
  { name: 'UQXTN_vector', pattern: misc(1, 0b10100), decode: decode2(execSatNarrow, 1, true) },
  { name: 'SQXTUN_vector', pattern: misc(1, 0b10010), decode: decode2(execSatNarrow, 2, true) },
];
