/**
 * Advanced SIMD "three different" (widening and narrowing) instructions:
 * [SU]ADDL, [SU]ADDW, [SU]SUBL, [SU]SUBW, [SU]ABAL, [SU]ABDL, [SU]MLAL, [SU]MLSL,
 * [SU]MULL, PMULL (8-bit), ADDHN/RADDHN/SUBHN/RSUBHN, each with its "2" form that
 * reads the upper halves (or, for the narrowing ones, writes the upper half).
 * Also used by the by-element forms of [SU]MULL/[SU]MLAL/[SU]MLSL (simdIndexed.ts).
 */
import type { Cpu } from '../cpu';
import { EncodingSpec, Fields } from '../encodingTable';
import { ExecFn, Insn } from '../insn';
import { commit, laneS, laneU, setTmp, tmpI32 } from './simdCommon';
import { R64, add64, sub64 } from './simdInt64';

const TWO16 = 65536;
const TWO32 = 4294967296;

/** Exact 64-bit product of two 32-bit values (signed or unsigned numbers) into R64. */
export function mul32x32(a: number, b: number): void {
  const neg = a < 0 !== b < 0 && a !== 0 && b !== 0;
  const x = Math.abs(a);
  const y = Math.abs(b);
  const xh = Math.floor(x / TWO16);
  const xl = x - xh * TWO16;
  const p1 = xl * y; // < 2^48
  const p2 = xh * y; // < 2^48
  const t = p1 + (p2 % TWO16) * TWO16; // < 2^49
  const lo = t % TWO32;
  const hi = Math.floor(p2 / TWO16) + Math.floor(t / TWO32);
  if (neg) sub64(0, 0, lo | 0, hi | 0);
  else {
    R64[0] = lo | 0;
    R64[1] = hi | 0;
  }
}

/** Widening lane operation kinds. */
export const enum WOp {
  Add,
  Sub,
  Abd,
  Aba,
  Mla,
  Mls,
  Mul,
  Pmul,
}

function polyMul8(a: number, b: number): number {
  let r = 0;
  for (let k = 0; k < 8; k++) if (b & (1 << k)) r ^= a << k;
  return r;
}

/**
 * One widening lane: a and b are the (sign- or zero-extended) narrow operands, `size`
 * the narrow size; the result lane k (2*esize bits) goes to the scratch register,
 * accumulating onto Vd's lane where the operation does.
 */
export function widenLane(cpu: Cpu, op: WOp, size: number, k: number, a: number, b: number, d: number): void {
  if (size < 2) {
    let r: number;
    switch (op) {
      case WOp.Add:
        r = a + b;
        break;
      case WOp.Sub:
        r = a - b;
        break;
      case WOp.Abd:
        r = Math.abs(a - b);
        break;
      case WOp.Aba:
        r = laneU(cpu, d, size + 1, k) + Math.abs(a - b);
        break;
      case WOp.Mla:
        r = laneU(cpu, d, size + 1, k) + a * b;
        break;
      case WOp.Mls:
        r = laneU(cpu, d, size + 1, k) - a * b;
        break;
      case WOp.Pmul:
        r = polyMul8(a, b);
        break;
      default:
        r = a * b;
    }
    setTmp(size + 1, k, r);
    return;
  }
  // 32 -> 64 bits.
  const v = cpu.vI32;
  switch (op) {
    case WOp.Add:
    case WOp.Sub:
    case WOp.Abd: {
      const s = op === WOp.Add ? a + b : op === WOp.Sub ? a - b : Math.abs(a - b); // |s| < 2^33: exact
      const hi = Math.floor(s / TWO32);
      R64[0] = (s - hi * TWO32) | 0;
      R64[1] = hi | 0;
      break;
    }
    case WOp.Aba: {
      const s = Math.abs(a - b);
      add64(v[d * 4 + 2 * k], v[d * 4 + 2 * k + 1], s | 0, Math.floor(s / TWO32));
      break;
    }
    default: {
      mul32x32(a, b);
      if (op === WOp.Mla) add64(v[d * 4 + 2 * k], v[d * 4 + 2 * k + 1], R64[0], R64[1]);
      else if (op === WOp.Mls) sub64(v[d * 4 + 2 * k], v[d * 4 + 2 * k + 1], R64[0], R64[1]);
    }
  }
  tmpI32[2 * k] = R64[0];
  tmpI32[2 * k + 1] = R64[1];
}

/** [SU]<op>L{2}: i.a = narrow size, i.b = WOp, i.c = Q (upper halves). */
function long(signed: boolean): ExecFn {
  return (cpu, i) => {
    cpu.checkFpEnabled(i);
    const size = i.a;
    const lanes = 8 >> size;
    const base = i.c ? lanes : 0;
    const get = signed ? laneS : laneU;
    for (let k = 0; k < lanes; k++) widenLane(cpu, i.b, size, k, get(cpu, i.rn, size, base + k), get(cpu, i.rm, size, base + k), i.rd);
    commit(cpu, i.rd, 1);
  };
}

/** [SU]ADDW{2}/[SU]SUBW{2}: wide Vn plus/minus the extended narrow Vm lanes. */
function wide(signed: boolean): ExecFn {
  return (cpu, i) => {
    cpu.checkFpEnabled(i);
    const size = i.a;
    const lanes = 8 >> size;
    const base = i.c ? lanes : 0;
    const get = signed ? laneS : laneU;
    const v = cpu.vI32;
    for (let k = 0; k < lanes; k++) {
      const b = get(cpu, i.rm, size, base + k);
      if (size < 2) setTmp(size + 1, k, i.b === WOp.Add ? laneU(cpu, i.rn, size + 1, k) + b : laneU(cpu, i.rn, size + 1, k) - b);
      else {
        const bhi = signed ? b >> 31 : 0;
        if (i.b === WOp.Add) add64(v[i.rn * 4 + 2 * k], v[i.rn * 4 + 2 * k + 1], b | 0, bhi);
        else sub64(v[i.rn * 4 + 2 * k], v[i.rn * 4 + 2 * k + 1], b | 0, bhi);
        tmpI32[2 * k] = R64[0];
        tmpI32[2 * k + 1] = R64[1];
      }
    }
    commit(cpu, i.rd, 1);
  };
}

/** ADDHN/SUBHN{2} (i.d = rounding): high halves of wide sums into narrow lanes; i.a = narrow size. */
function execHighNarrow(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  const size = i.a;
  const lanes = 8 >> size;
  const v = cpu.vI32;
  for (let k = 0; k < lanes; k++) {
    let r: number;
    if (size === 2) {
      const n = i.rn * 4 + 2 * k;
      const m = i.rm * 4 + 2 * k;
      if (i.b === WOp.Add) add64(v[n], v[n + 1], v[m], v[m + 1]);
      else sub64(v[n], v[n + 1], v[m], v[m + 1]);
      if (i.d) add64(R64[0], R64[1], 0x80000000 | 0, 0);
      r = R64[1];
    } else {
      const esize = 8 << size;
      const a = laneU(cpu, i.rn, size + 1, k);
      const b = laneU(cpu, i.rm, size + 1, k);
      const s = (i.b === WOp.Add ? a + b : a - b) + (i.d ? 1 << (esize - 1) : 0);
      r = Math.floor(s / (1 << esize)); // setTmp keeps the low esize bits
    }
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
}

function decode(exec: ExecFn, op: WOp, round = 0, maxSize = 2) {
  return (i: Insn, f: Fields): ExecFn | null => {
    if (f.S > maxSize) return null;
    i.rd = f.d;
    i.rn = f.n;
    i.rm = f.m;
    i.a = f.S;
    i.b = op;
    i.c = f.q;
    i.d = round;
    return exec;
  };
}

const L3 = (u: number, opcode: string): string => `0q${u}01110SS1mmmmm${opcode}00nnnnnddddd`;
const LS = long(true);
const LU = long(false);
const WS = wide(true);
const WU = wide(false);

export const SIMD_WIDEN_ENCODINGS: EncodingSpec[] = [
  // SADDL{2}/UADDL{2} <Vd>.<Ta>, <Vn>.<Tb>, <Vm>.<Tb>
  { name: 'SADDL', pattern: L3(0, '0000'), decode: decode(LS, WOp.Add) },
  { name: 'UADDL', pattern: L3(1, '0000'), decode: decode(LU, WOp.Add) },
  // SADDW{2}/UADDW{2} <Vd>.<Ta>, <Vn>.<Ta>, <Vm>.<Tb>
  { name: 'SADDW', pattern: L3(0, '0001'), decode: decode(WS, WOp.Add) },
  { name: 'UADDW', pattern: L3(1, '0001'), decode: decode(WU, WOp.Add) },
  // SSUBL{2}/USUBL{2}
  { name: 'SSUBL', pattern: L3(0, '0010'), decode: decode(LS, WOp.Sub) },
  { name: 'USUBL', pattern: L3(1, '0010'), decode: decode(LU, WOp.Sub) },
  // SSUBW{2}/USUBW{2}
  { name: 'SSUBW', pattern: L3(0, '0011'), decode: decode(WS, WOp.Sub) },
  { name: 'USUBW', pattern: L3(1, '0011'), decode: decode(WU, WOp.Sub) },
  // ADDHN{2}/RADDHN{2} <Vd>.<Tb>, <Vn>.<Ta>, <Vm>.<Ta>
  { name: 'ADDHN', pattern: L3(0, '0100'), decode: decode(execHighNarrow, WOp.Add, 0) },
  { name: 'RADDHN', pattern: L3(1, '0100'), decode: decode(execHighNarrow, WOp.Add, 1) },
  // SUBHN{2}/RSUBHN{2}
  { name: 'SUBHN', pattern: L3(0, '0110'), decode: decode(execHighNarrow, WOp.Sub, 0) },
  { name: 'RSUBHN', pattern: L3(1, '0110'), decode: decode(execHighNarrow, WOp.Sub, 1) },
  // SABAL{2}/UABAL{2}
  { name: 'SABAL', pattern: L3(0, '0101'), decode: decode(LS, WOp.Aba) },
  { name: 'UABAL', pattern: L3(1, '0101'), decode: decode(LU, WOp.Aba) },
  // SABDL{2}/UABDL{2}
  { name: 'SABDL', pattern: L3(0, '0111'), decode: decode(LS, WOp.Abd) },
  { name: 'UABDL', pattern: L3(1, '0111'), decode: decode(LU, WOp.Abd) },
  // SMLAL{2}/UMLAL{2}
  { name: 'SMLAL_vector', pattern: L3(0, '1000'), decode: decode(LS, WOp.Mla) },
  { name: 'UMLAL_vector', pattern: L3(1, '1000'), decode: decode(LU, WOp.Mla) },
  // SMLSL{2}/UMLSL{2}
  { name: 'SMLSL_vector', pattern: L3(0, '1010'), decode: decode(LS, WOp.Mls) },
  { name: 'UMLSL_vector', pattern: L3(1, '1010'), decode: decode(LU, WOp.Mls) },
  // SMULL{2}/UMULL{2}
  { name: 'SMULL_vector', pattern: L3(0, '1100'), decode: decode(LS, WOp.Mul) },
  { name: 'UMULL_vector', pattern: L3(1, '1100'), decode: decode(LU, WOp.Mul) },
  // PMULL{2} <Vd>.8H, <Vn>.8B, <Vm>.8B   (the 64-bit form needs FEAT_PMULL, not implemented)
  { name: 'PMULL', pattern: L3(0, '1110'), decode: decode(LU, WOp.Pmul, 0, 0) },
];
