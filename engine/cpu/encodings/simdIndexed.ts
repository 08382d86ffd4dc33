/**
 * Advanced SIMD "by element" forms: one lane of Vm combined with every lane of Vn.
 * Integer MUL/MLA/MLS and the widening [SU]MULL/[SU]MLAL/[SU]MLSL{2}; FP FMUL/FMLA/FMLS
 * (vector and scalar), whose lanes use the scalar FP element operations.
 *
 * Index and Vm come from H:L:M (16-bit lanes use Vm 0-15), H:L (32-bit) or H (64-bit).
 */
import type { Cpu } from '../cpu';
import { EncodingSpec, Fields } from '../encodingTable';
import { fma32, fma64, fmul32, fmul64, fmulx32, fmulx64 } from '../fpuOps';
import { ExecFn, Insn } from '../insn';
import { commit, laneS, laneU, setTmp, zeroFrom } from './simdCommon';
import { WOp, widenLane } from './simdWiden';

/** Fill rm/index (i.b) from the fields for element size `size`; false if unallocated. */
function indexFields(i: Insn, f: Fields, size: number): boolean {
  i.rd = f.d;
  i.rn = f.n;
  i.a = size;
  i.c = f.q ?? 0;
  switch (size) {
    case 1:
      i.rm = f.m;
      i.b = (f.H << 2) | (f.L << 1) | f.M;
      return true;
    case 2:
      i.rm = (f.M << 4) | f.m;
      i.b = (f.H << 1) | f.L;
      return true;
    case 3:
      i.rm = (f.M << 4) | f.m;
      i.b = f.H;
      return f.L === 0;
    default:
      return false;
  }
}

// ------------------------------------------------------------------ integer

/** MUL/MLA/MLS by element: i.d = 0 mul, 1 mla, 2 mls. */
function execIntByElem(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  const size = i.a;
  const lanes = (i.c ? 16 : 8) >> size;
  const e = laneU(cpu, i.rm, size, i.b);
  for (let k = 0; k < lanes; k++) {
    const p = Math.imul(laneU(cpu, i.rn, size, k), e);
    setTmp(size, k, i.d === 0 ? p : i.d === 1 ? laneU(cpu, i.rd, size, k) + p : laneU(cpu, i.rd, size, k) - p);
  }
  commit(cpu, i.rd, i.c);
}

/** [SU]MULL/[SU]MLAL/[SU]MLSL{2} by element: i.d = WOp, signedness by handler. */
function longByElem(signed: boolean): ExecFn {
  return (cpu, i) => {
    cpu.checkFpEnabled(i);
    const size = i.a;
    const lanes = 8 >> size;
    const base = i.c ? lanes : 0;
    const get = signed ? laneS : laneU;
    const e = get(cpu, i.rm, size, i.b);
    for (let k = 0; k < lanes; k++) widenLane(cpu, i.d as WOp, size, k, get(cpu, i.rn, size, base + k), e, i.rd);
    commit(cpu, i.rd, 1);
  };
}

// ------------------------------------------------------------------ floating point

/**
 * FMUL/FMLA/FMLS/FMULX by element (kind 0/1/2/3). Lanes are written in place, so when Vd is Vm the indexed
 * lane is processed last (every other lane still reads its original value).
 */
function fpByElem(kind: number, is64: boolean, scalar: boolean): ExecFn {
  const per = is64 ? 2 : 4;
  return (cpu, i) => {
    cpu.checkFpEnabled(i);
    const lanes = scalar ? 1 : (is64 ? 1 : 2) << i.c;
    const m = i.rm * per + i.b;
    const last = i.rd === i.rm && !scalar ? i.b : -1;
    for (let j = 0; j <= lanes; j++) {
      const k = j === lanes ? last : j === last ? -1 : j;
      if (k < 0 || k >= lanes) continue;
      const d = i.rd * per + k;
      const n = i.rn * per + k;
      if (kind === 0) (is64 ? fmul64 : fmul32)(cpu, d, n, m);
      else if (kind === 3) (is64 ? fmulx64 : fmulx32)(cpu, d, n, m);
      else (is64 ? fma64 : fma32)(cpu, d, d, n, m, 0, kind === 2 ? 1 : 0);
    }
    if (scalar) zeroFrom(cpu, i.rd, is64 ? 8 : 4);
    else if (!i.c) zeroFrom(cpu, i.rd, 8);
  };
}

const FP_EXEC = [0, 1, 2, 3].map((kind) => [fpByElem(kind, false, false), fpByElem(kind, true, false), fpByElem(kind, false, true), fpByElem(kind, true, true)]);

function fpDecode(kind: number, scalar: boolean) {
  return (i: Insn, f: Fields): ExecFn | null => {
    const is64 = f.b === 1;
    if (!indexFields(i, f, is64 ? 3 : 2)) return null;
    if (is64 && !f.q && !scalar) return null;
    return FP_EXEC[kind][(scalar ? 2 : 0) + (is64 ? 1 : 0)];
  };
}

function intDecode(op: number) {
  return (i: Insn, f: Fields): ExecFn | null => {
    if (!indexFields(i, f, f.S)) return null;
    i.d = op;
    return f.S === 3 ? null : execIntByElem;
  };
}

const LONG_S = longByElem(true);
const LONG_U = longByElem(false);

function longDecode(signed: boolean, op: WOp) {
  return (i: Insn, f: Fields): ExecFn | null => {
    if (f.S === 3 || !indexFields(i, f, f.S)) return null;
    i.d = op;
    return signed ? LONG_S : LONG_U;
  };
}

const EL = (u: number, opcode: string): string => `0q${u}01111SSLMmmmm${opcode}H0nnnnnddddd`;
const FEL = (prefix: string, opcode: string): string => `${prefix}11111bLMmmmm${opcode}H0nnnnnddddd`;

export const SIMD_INDEXED_ENCODINGS: EncodingSpec[] = [
  // MUL/MLA/MLS <Vd>.<T>, <Vn>.<T>, <Vm>.<Ts>[<index>]
  { name: 'MUL_elem', pattern: EL(0, '1000'), decode: intDecode(0) },
  { name: 'MLA_elem', pattern: EL(1, '0000'), decode: intDecode(1) },
  { name: 'MLS_elem', pattern: EL(1, '0100'), decode: intDecode(2) },
  // [SU]MULL{2}/[SU]MLAL{2}/[SU]MLSL{2} <Vd>.<Ta>, <Vn>.<Tb>, <Vm>.<Ts>[<index>]
  { name: 'SMULL_elem', pattern: EL(0, '1010'), decode: longDecode(true, WOp.Mul) },
  { name: 'UMULL_elem', pattern: EL(1, '1010'), decode: longDecode(false, WOp.Mul) },
  { name: 'SMLAL_elem', pattern: EL(0, '0010'), decode: longDecode(true, WOp.Mla) },
  { name: 'UMLAL_elem', pattern: EL(1, '0010'), decode: longDecode(false, WOp.Mla) },
  { name: 'SMLSL_elem', pattern: EL(0, '0110'), decode: longDecode(true, WOp.Mls) },
  { name: 'UMLSL_elem', pattern: EL(1, '0110'), decode: longDecode(false, WOp.Mls) },
  // FMLA/FMLS/FMUL <Vd>.<T>, <Vn>.<T>, <Vm>.<Ts>[<index>]   (b = sz)
  { name: 'FMLA_elem', pattern: FEL('0q00', '0001'), decode: fpDecode(1, false) },
  { name: 'FMLS_elem', pattern: FEL('0q00', '0101'), decode: fpDecode(2, false) },
  { name: 'FMUL_elem', pattern: FEL('0q00', '1001'), decode: fpDecode(0, false) },
  // FMULX <Vd>.<T>, <Vn>.<T>, <Vm>.<Ts>[<index>]
  { name: 'FMULX_elem', pattern: FEL('0q10', '1001'), decode: fpDecode(3, false) },
  // FMLA/FMLS/FMUL/FMULX <V>d, <V>n, <Vm>.<Ts>[<index>]
  { name: 'FMULX_elem_scalar', pattern: FEL('0111', '1001'), decode: fpDecode(3, true) },
  { name: 'FMLA_elem_scalar', pattern: FEL('0101', '0001'), decode: fpDecode(1, true) },
  { name: 'FMLS_elem_scalar', pattern: FEL('0101', '0101'), decode: fpDecode(2, true) },
  { name: 'FMUL_elem_scalar', pattern: FEL('0101', '1001'), decode: fpDecode(0, true) },
];
