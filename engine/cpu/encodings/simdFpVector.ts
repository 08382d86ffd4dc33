/**
 * Advanced SIMD floating point on .2S/.4S/.2D lanes (and the scalar SIMD forms
 * compilers emit: FADDP Sd/Dd, SCVTF/UCVTF/FCVTZS/FCVTZU on S/D registers). Each lane
 * is the scalar element operation from fpuOps/fpuConvert, so rounding, NaNs and FPSR
 * flags are exactly the scalar ones.
 */
import type { Cpu } from '../cpu';
import { EncodingSpec, Fields } from '../encodingTable';
import { DOUBLE, FPCR_FZ, FPSR_IDC, FPSR_IOC, FpFormat, HALF as HALF_FMT, Rnd, SINGLE, fpcrRounding } from '../fpu';
import { cvtOut, fcvt, fpToInt, frint, intToFp } from '../fpuConvert';
import {
  FpBinOp,
  fadd32,
  fadd64,
  fcmp32,
  fcmp64,
  fdiv32,
  fdiv64,
  fma32,
  fma64,
  fmax32,
  fmax64,
  fmaxnm32,
  fmaxnm64,
  fmin32,
  fmin64,
  fminnm32,
  fminnm64,
  fmul32,
  fmul64,
  fmulx32,
  fmulx64,
  fsqrt32,
  fsqrt64,
  fsub32,
  fsub64,
} from '../fpuOps';
import { ExecFn, Insn } from '../insn';
import { zeroFrom } from './simdCommon';

/** Lanes and element indices: 32-bit lanes index vF32 (reg*4 + k), 64-bit lanes vF64 (reg*2 + k). */
const lanesOf = (is64: boolean, q: number): number => (is64 ? 1 : 2) << q;
const perReg = (is64: boolean): number => (is64 ? 2 : 4);

function clearTop(cpu: Cpu, d: number, q: number): void {
  if (!q) zeroFrom(cpu, d, 8);
}

// ------------------------------------------------------------------ three same

function vecBin(op: FpBinOp, is64: boolean): ExecFn {
  const per = perReg(is64);
  return (cpu, i) => {
    cpu.checkFpEnabled(i);
    const lanes = lanesOf(is64, i.c);
    for (let k = 0; k < lanes; k++) op(cpu, i.rd * per + k, i.rn * per + k, i.rm * per + k);
    clearTop(cpu, i.rd, i.c);
  };
}

/** FMLA/FMLS: Vd += (+/-)Vn * Vm, fused per lane. */
function vecFma(is64: boolean, negP: number): ExecFn {
  const per = perReg(is64);
  const fma = is64 ? fma64 : fma32;
  return (cpu, i) => {
    cpu.checkFpEnabled(i);
    const lanes = lanesOf(is64, i.c);
    for (let k = 0; k < lanes; k++) {
      const d = i.rd * per + k;
      fma(cpu, d, d, i.rn * per + k, i.rm * per + k, 0, negP);
    }
    clearTop(cpu, i.rd, i.c);
  };
}

/** FABD: |Vn - Vm| (the subtraction's flags; the sign is cleared even on NaNs). */
function vecAbd(is64: boolean): ExecFn {
  const per = perReg(is64);
  const sub = is64 ? fsub64 : fsub32;
  return (cpu, i) => {
    cpu.checkFpEnabled(i);
    const lanes = lanesOf(is64, i.c);
    for (let k = 0; k < lanes; k++) {
      const d = i.rd * per + k;
      sub(cpu, d, i.rn * per + k, i.rm * per + k);
      if (is64) cpu.vI32[2 * d + 1] &= 0x7fffffff;
      else cpu.vI32[d] &= 0x7fffffff;
    }
    clearTop(cpu, i.rd, i.c);
  };
}

const enum Cmp {
  Eq,
  Ge,
  Gt,
  Le,
  Lt,
}

/** Whether an FPCompare NZCV result satisfies the comparison (unordered never does). */
function cmpHolds(nzcv: number, c: Cmp): boolean {
  switch (c) {
    case Cmp.Eq:
      return nzcv === 0b0110;
    case Cmp.Ge:
      return nzcv === 0b0110 || nzcv === 0b0010;
    case Cmp.Gt:
      return nzcv === 0b0010;
    case Cmp.Le:
      return nzcv === 0b0110 || nzcv === 0b1000;
    default:
      return nzcv === 0b1000;
  }
}

/**
 * FCMEQ/FCMGE/FCMGT/FCMLE/FCMLT (register, or with #0.0 when `zero`) and FACGE/FACGT
 * (`abs`: compare magnitudes): all-ones lanes where true. EQ signals only on signaling
 * NaNs; the ordered comparisons signal on any NaN. `scalar`: lane 0 only, rest zeroed.
 */
function vecCmp(is64: boolean, c: Cmp, zero: boolean, scalar = false, abs = false): ExecFn {
  const per = perReg(is64);
  const cmp = is64 ? fcmp64 : fcmp32;
  const signal = c !== Cmp.Eq;
  return (cpu, i) => {
    cpu.checkFpEnabled(i);
    const lanes = scalar ? 1 : lanesOf(is64, i.c);
    const v = cpu.vI32;
    for (let k = 0; k < lanes; k++) {
      const n = i.rn * per + k;
      const m = i.rm * per + k;
      const r = cmpHolds(abs ? absCompare(cpu, is64, n, m) : cmp(cpu, n, zero ? -1 : m, signal), c) ? -1 : 0;
      if (is64) v[i.rd * 4 + 2 * k] = v[i.rd * 4 + 2 * k + 1] = r;
      else v[i.rd * 4 + k] = r;
    }
    if (scalar) zeroFrom(cpu, i.rd, is64 ? 8 : 4);
    else clearTop(cpu, i.rd, i.c);
  };
}

/** FPCompare(FPAbs(a), FPAbs(b)) with signalling NaNs, for FACGE/FACGT. Both operands are unpacked (FZ: IDC) first. */
function absCompare(cpu: Cpu, is64: boolean, n: number, m: number): number {
  let a = Math.abs(is64 ? cpu.vF64[n] : cpu.vF32[n]);
  let b = Math.abs(is64 ? cpu.vF64[m] : cpu.vF32[m]);
  if ((cpu.fpcr & FPCR_FZ) !== 0) {
    const min = is64 ? 2 ** -1022 : 2 ** -126;
    if (a !== 0 && a < min) (a = 0), (cpu.fpsr |= FPSR_IDC);
    if (b !== 0 && b < min) (b = 0), (cpu.fpsr |= FPSR_IDC);
  }
  if (a !== a || b !== b) {
    cpu.fpsr |= FPSR_IOC;
    return 0b0011;
  }
  return a === b ? 0b0110 : a < b ? 0b1000 : 0b0010;
}

/**
 * FADDP/FMAXP/FMINP/FMAXNMP/FMINNMP (vector): pairwise over Vn:Vm. The lane order avoids clobbering a source
 * that is also the destination (see the comment in the body); no scratch register needed.
 */
function vecPairwise(add: FpBinOp, is64: boolean): ExecFn {
  const per = perReg(is64);
  return (cpu, i) => {
    cpu.checkFpEnabled(i);
    const lanes = lanesOf(is64, i.c);
    const half = lanes >> 1;
    const d = i.rd * per;
    const n = i.rn * per;
    const m = i.rm * per;
    // Writing result lane k destroys source lane k of Vd; pair j only needs lanes 2j, 2j+1.
    // Increasing order is safe when Vd = Vn; the Vm half in decreasing order first is safe when Vd = Vm.
    if (i.rd === i.rm && i.rd !== i.rn) {
      for (let j = half - 1; j >= 0; j--) add(cpu, d + half + j, m + 2 * j, m + 2 * j + 1);
      for (let j = 0; j < half; j++) add(cpu, d + j, n + 2 * j, n + 2 * j + 1);
    } else {
      for (let j = 0; j < half; j++) add(cpu, d + j, n + 2 * j, n + 2 * j + 1);
      if (i.rn === i.rm && i.rd === i.rn) {
        // Both halves are the same sums: copy them (the flags were already raised).
        for (let j = 0; j < half; j++) {
          if (is64) {
            cpu.vI32[2 * (d + half + j)] = cpu.vI32[2 * (d + j)];
            cpu.vI32[2 * (d + half + j) + 1] = cpu.vI32[2 * (d + j) + 1];
          } else cpu.vI32[d + half + j] = cpu.vI32[d + j];
        }
      } else for (let j = 0; j < half; j++) add(cpu, d + half + j, m + 2 * j, m + 2 * j + 1);
    }
    clearTop(cpu, i.rd, i.c);
  };
}

/** FADDP/FMAXP/... Sd, Vn.2S / Dd, Vn.2D: the two lanes of Vn. */
function scalarPairwise(op: FpBinOp, is64: boolean): ExecFn {
  const per = perReg(is64);
  return (cpu, i) => {
    cpu.checkFpEnabled(i);
    op(cpu, i.rd * per, i.rn * per, i.rn * per + 1);
    zeroFrom(cpu, i.rd, is64 ? 8 : 4);
  };
}

/**
 * FMAXV/FMINV/FMAXNMV/FMINNMV Sd, Vn.4S: the Arm ARM's Reduce() pairs lanes as
 * op(op(e0, e1), op(e2, e3)); Vd's lanes 0 and 1 hold the partial results (each written
 * after the lanes it consumed were read, so Vd may be Vn).
 */
function acrossFp(op: FpBinOp): ExecFn {
  return (cpu, i) => {
    cpu.checkFpEnabled(i);
    const d = i.rd * 4;
    const n = i.rn * 4;
    op(cpu, d, n, n + 1);
    op(cpu, d + 1, n + 2, n + 3);
    op(cpu, d, d, d + 1);
    zeroFrom(cpu, i.rd, 4);
  };
}

// ------------------------------------------------------------------ two-register misc

type ElemUn = (cpu: Cpu, d: number, n: number, i: Insn) => void;

function vecUn(op: ElemUn, is64: boolean): ExecFn {
  const per = perReg(is64);
  return (cpu, i) => {
    cpu.checkFpEnabled(i);
    const lanes = lanesOf(is64, i.c);
    for (let k = 0; k < lanes; k++) op(cpu, i.rd * per + k, i.rn * per + k, i);
    clearTop(cpu, i.rd, i.c);
  };
}

/** Scalar SIMD form of a lane operation: lane 0 only, rest of Vd zeroed. */
function scalarUn(op: ElemUn, is64: boolean): ExecFn {
  const per = perReg(is64);
  return (cpu, i) => {
    cpu.checkFpEnabled(i);
    op(cpu, i.rd * per, i.rn * per, i);
    zeroFrom(cpu, i.rd, is64 ? 8 : 4);
  };
}

const E = {
  abs32: (cpu: Cpu, d: number, n: number) => void (cpu.vI32[d] = cpu.vI32[n] & 0x7fffffff),
  abs64: (cpu: Cpu, d: number, n: number) => {
    cpu.vI32[2 * d] = cpu.vI32[2 * n];
    cpu.vI32[2 * d + 1] = cpu.vI32[2 * n + 1] & 0x7fffffff;
  },
  neg32: (cpu: Cpu, d: number, n: number) => void (cpu.vI32[d] = cpu.vI32[n] ^ -0x80000000),
  neg64: (cpu: Cpu, d: number, n: number) => {
    cpu.vI32[2 * d] = cpu.vI32[2 * n];
    cpu.vI32[2 * d + 1] = cpu.vI32[2 * n + 1] ^ -0x80000000;
  },
  sqrt32: (cpu: Cpu, d: number, n: number) => fsqrt32(cpu, d, n),
  sqrt64: (cpu: Cpu, d: number, n: number) => fsqrt64(cpu, d, n),
  /** FRINT*: i.a = rounding or -1 for FPCR's, i.b = 1 for FRINTX. */
  rint32: (cpu: Cpu, d: number, n: number, i: Insn) =>
    frint(cpu, SINGLE, d, n, i.a < 0 ? fpcrRounding(cpu.fpcr) : (i.a as Rnd), i.b === 1),
  rint64: (cpu: Cpu, d: number, n: number, i: Insn) =>
    frint(cpu, DOUBLE, d, n, i.a < 0 ? fpcrRounding(cpu.fpcr) : (i.a as Rnd), i.b === 1),
  /** FCVT[NMAPZ][SU] to same-size integer lanes: i.a = rounding, i.b = unsigned, i.d = fraction bits. */
  toInt32: (cpu: Cpu, d: number, n: number, i: Insn) => {
    fpToInt(cpu, cpu.vF32[n], false, i.a as Rnd, i.b === 1, false, i.d);
    cpu.vI32[d] = cvtOut[0];
  },
  toInt64: (cpu: Cpu, d: number, n: number, i: Insn) => {
    fpToInt(cpu, cpu.vF64[n], true, i.a as Rnd, i.b === 1, true, i.d);
    cpu.vI32[2 * d] = cvtOut[0];
    cpu.vI32[2 * d + 1] = cvtOut[1];
  },
  /** SCVTF/UCVTF from same-size integer lanes: i.b = unsigned, i.d = fraction bits. */
  fromInt32: (cpu: Cpu, d: number, n: number, i: Insn) => {
    cpu.vF32[d] = intToFp(cpu, cpu.vI32[n], 0, i.b === 0, false, false, i.d);
  },
  fromInt64: (cpu: Cpu, d: number, n: number, i: Insn) => {
    cpu.vF64[d] = intToFp(cpu, cpu.vI32[2 * n], cpu.vI32[2 * n + 1], i.b === 0, true, true, i.d);
  },
};

/** FCVTL{2}: widen the low (or high, Q=1) half's lanes; i.a = 1 for single -> double. */
function execFcvtl(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  const from: FpFormat = i.a ? SINGLE : HALF_FMT;
  const to: FpFormat = i.a ? DOUBLE : SINGLE;
  const lanes = i.a ? 2 : 4;
  const base = i.c ? lanes : 0;
  const fromPer = i.a ? 4 : 8;
  const toPer = i.a ? 2 : 4;
  // With Vd = Vn, result lane k covers source lanes 2k and 2k+1: from the low half those
  // are still unread for k >= 1, so go top down; from the high half they were read already.
  if (i.rd === i.rn && base === 0) {
    for (let k = lanes - 1; k >= 0; k--) fcvt(cpu, from, to, i.rd * toPer + k, i.rn * fromPer + k);
  } else for (let k = 0; k < lanes; k++) fcvt(cpu, from, to, i.rd * toPer + k, i.rn * fromPer + base + k);
}

/** FCVTN{2}: narrow into the low half (upper zeroed) or, for FCVTN2, the high half; i.a = 1 for double -> single. */
function execFcvtn(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  const from: FpFormat = i.a ? DOUBLE : SINGLE;
  const to: FpFormat = i.a ? SINGLE : HALF_FMT;
  const lanes = i.a ? 2 : 4;
  const base = i.c ? lanes : 0;
  const fromPer = i.a ? 2 : 4;
  const toPer = i.a ? 4 : 8;
  // Narrowing writes bytes below the source lanes it has read when Vd = Vn (low half), so increasing order is safe;
  // for FCVTN2 with Vd = Vn the destination (high half) overlaps unread sources, so go from the top down.
  if (i.c && i.rd === i.rn) {
    for (let k = lanes - 1; k >= 0; k--) fcvt(cpu, from, to, i.rd * toPer + base + k, i.rn * fromPer + k);
  } else for (let k = 0; k < lanes; k++) fcvt(cpu, from, to, i.rd * toPer + base + k, i.rn * fromPer + k);
  if (!i.c) zeroFrom(cpu, i.rd, 8);
}

// ------------------------------------------------------------------ the table

const b2 = (x: number, w: number): string => x.toString(2).padStart(w, '0');

/** Vector FP decode: b = sz (1 = double lanes, which need Q = 1). */
function fpVecDecode(exec32: ExecFn, exec64: ExecFn, a = 0, b = 0) {
  return (i: Insn, f: Fields): ExecFn | null => {
    if (f.b && !f.q) return null;
    i.rd = f.d;
    i.rn = f.n;
    i.rm = f.m ?? 0;
    i.c = f.q ?? 0;
    i.a = a;
    i.b = b;
    return f.b ? exec64 : exec32;
  };
}

interface FpThree {
  name: string;
  u: number;
  a: number;
  opcode: number;
  e32: ExecFn;
  e64: ExecFn;
}

const FP_THREE: FpThree[] = [
  { name: 'FADD_vector', u: 0, a: 0, opcode: 0b11010, e32: vecBin(fadd32, false), e64: vecBin(fadd64, true) },
  { name: 'FSUB_vector', u: 0, a: 1, opcode: 0b11010, e32: vecBin(fsub32, false), e64: vecBin(fsub64, true) },
  { name: 'FMUL_vector', u: 1, a: 0, opcode: 0b11011, e32: vecBin(fmul32, false), e64: vecBin(fmul64, true) },
  { name: 'FMULX_vector', u: 0, a: 0, opcode: 0b11011, e32: vecBin(fmulx32, false), e64: vecBin(fmulx64, true) },
  { name: 'FDIV_vector', u: 1, a: 0, opcode: 0b11111, e32: vecBin(fdiv32, false), e64: vecBin(fdiv64, true) },
  { name: 'FMAX_vector', u: 0, a: 0, opcode: 0b11110, e32: vecBin(fmax32, false), e64: vecBin(fmax64, true) },
  { name: 'FMIN_vector', u: 0, a: 1, opcode: 0b11110, e32: vecBin(fmin32, false), e64: vecBin(fmin64, true) },
  { name: 'FMAXNM_vector', u: 0, a: 0, opcode: 0b11000, e32: vecBin(fmaxnm32, false), e64: vecBin(fmaxnm64, true) },
  { name: 'FMINNM_vector', u: 0, a: 1, opcode: 0b11000, e32: vecBin(fminnm32, false), e64: vecBin(fminnm64, true) },
  { name: 'FMLA_vector', u: 0, a: 0, opcode: 0b11001, e32: vecFma(false, 0), e64: vecFma(true, 0) },
  { name: 'FMLS_vector', u: 0, a: 1, opcode: 0b11001, e32: vecFma(false, 1), e64: vecFma(true, 1) },
  { name: 'FABD_vector', u: 1, a: 1, opcode: 0b11010, e32: vecAbd(false), e64: vecAbd(true) },
  { name: 'FADDP_vector', u: 1, a: 0, opcode: 0b11010, e32: vecPairwise(fadd32, false), e64: vecPairwise(fadd64, true) },
  { name: 'FMAXP_vector', u: 1, a: 0, opcode: 0b11110, e32: vecPairwise(fmax32, false), e64: vecPairwise(fmax64, true) },
  { name: 'FMINP_vector', u: 1, a: 1, opcode: 0b11110, e32: vecPairwise(fmin32, false), e64: vecPairwise(fmin64, true) },
  { name: 'FMAXNMP_vector', u: 1, a: 0, opcode: 0b11000, e32: vecPairwise(fmaxnm32, false), e64: vecPairwise(fmaxnm64, true) },
  { name: 'FMINNMP_vector', u: 1, a: 1, opcode: 0b11000, e32: vecPairwise(fminnm32, false), e64: vecPairwise(fminnm64, true) },
  { name: 'FACGE_vector', u: 1, a: 0, opcode: 0b11101, e32: vecCmp(false, Cmp.Ge, false, false, true), e64: vecCmp(true, Cmp.Ge, false, false, true) },
  { name: 'FACGT_vector', u: 1, a: 1, opcode: 0b11101, e32: vecCmp(false, Cmp.Gt, false, false, true), e64: vecCmp(true, Cmp.Gt, false, false, true) },
  { name: 'FCMEQ_vector', u: 0, a: 0, opcode: 0b11100, e32: vecCmp(false, Cmp.Eq, false), e64: vecCmp(true, Cmp.Eq, false) },
  { name: 'FCMGE_vector', u: 1, a: 0, opcode: 0b11100, e32: vecCmp(false, Cmp.Ge, false), e64: vecCmp(true, Cmp.Ge, false) },
  { name: 'FCMGT_vector', u: 1, a: 1, opcode: 0b11100, e32: vecCmp(false, Cmp.Gt, false), e64: vecCmp(true, Cmp.Gt, false) },
];

interface FpMisc {
  name: string;
  u: number;
  a: number;
  opcode: number;
  e32: ExecFn;
  e64: ExecFn;
  /** Decode-time operands: rounding (i.a) and flag (i.b). */
  ia?: number;
  ib?: number;
  /** Scalar SIMD form (on Sd/Dd) with the same lane operation. */
  scalar?: [string, ExecFn, ExecFn];
}

function misc(name: string, u: number, a: number, opcode: number, op32: ElemUn, op64: ElemUn, ia = 0, ib = 0, scalarName?: string): FpMisc {
  return {
    name,
    u,
    a,
    opcode,
    e32: vecUn(op32, false),
    e64: vecUn(op64, true),
    ia,
    ib,
    scalar: scalarName ? [scalarName, scalarUn(op32, false), scalarUn(op64, true)] : undefined,
  };
}

const FP_MISC: FpMisc[] = [
  misc('FABS_vector', 0, 1, 0b01111, E.abs32, E.abs64),
  misc('FNEG_vector', 1, 1, 0b01111, E.neg32, E.neg64),
  misc('FSQRT_vector', 1, 1, 0b11111, E.sqrt32, E.sqrt64),
  misc('FRINTN_vector', 0, 0, 0b11000, E.rint32, E.rint64, Rnd.TieEven),
  misc('FRINTM_vector', 0, 0, 0b11001, E.rint32, E.rint64, Rnd.NegInf),
  misc('FRINTP_vector', 0, 1, 0b11000, E.rint32, E.rint64, Rnd.PosInf),
  misc('FRINTZ_vector', 0, 1, 0b11001, E.rint32, E.rint64, Rnd.Zero),
  misc('FRINTA_vector', 1, 0, 0b11000, E.rint32, E.rint64, Rnd.TieAway),
  misc('FRINTX_vector', 1, 0, 0b11001, E.rint32, E.rint64, -1, 1),
  misc('FRINTI_vector', 1, 1, 0b11001, E.rint32, E.rint64, -1, 0),
  misc('FCVTNS_vector', 0, 0, 0b11010, E.toInt32, E.toInt64, Rnd.TieEven, 0, 'FCVTNS_scalar'),
  misc('FCVTNU_vector', 1, 0, 0b11010, E.toInt32, E.toInt64, Rnd.TieEven, 1, 'FCVTNU_scalar'),
  misc('FCVTMS_vector', 0, 0, 0b11011, E.toInt32, E.toInt64, Rnd.NegInf, 0, 'FCVTMS_scalar'),
  misc('FCVTMU_vector', 1, 0, 0b11011, E.toInt32, E.toInt64, Rnd.NegInf, 1, 'FCVTMU_scalar'),
  misc('FCVTAS_vector', 0, 0, 0b11100, E.toInt32, E.toInt64, Rnd.TieAway, 0, 'FCVTAS_scalar'),
  misc('FCVTAU_vector', 1, 0, 0b11100, E.toInt32, E.toInt64, Rnd.TieAway, 1, 'FCVTAU_scalar'),
  misc('FCVTPS_vector', 0, 1, 0b11010, E.toInt32, E.toInt64, Rnd.PosInf, 0, 'FCVTPS_scalar'),
  misc('FCVTPU_vector', 1, 1, 0b11010, E.toInt32, E.toInt64, Rnd.PosInf, 1, 'FCVTPU_scalar'),
  misc('FCVTZS_vector', 0, 1, 0b11011, E.toInt32, E.toInt64, Rnd.Zero, 0, 'FCVTZS_scalar'),
  misc('FCVTZU_vector', 1, 1, 0b11011, E.toInt32, E.toInt64, Rnd.Zero, 1, 'FCVTZU_scalar'),
  misc('SCVTF_vector', 0, 0, 0b11101, E.fromInt32, E.fromInt64, 0, 0, 'SCVTF_scalar'),
  misc('UCVTF_vector', 1, 0, 0b11101, E.fromInt32, E.fromInt64, 0, 1, 'UCVTF_scalar'),
  {
    name: 'FCMGT_zero_vector', u: 0, a: 1, opcode: 0b01100,
    e32: vecCmp(false, Cmp.Gt, true), e64: vecCmp(true, Cmp.Gt, true),
  },
  {
    name: 'FCMEQ_zero_vector', u: 0, a: 1, opcode: 0b01101,
    e32: vecCmp(false, Cmp.Eq, true), e64: vecCmp(true, Cmp.Eq, true),
  },
  {
    name: 'FCMLT_zero_vector', u: 0, a: 1, opcode: 0b01110,
    e32: vecCmp(false, Cmp.Lt, true), e64: vecCmp(true, Cmp.Lt, true),
  },
  {
    name: 'FCMGE_zero_vector', u: 1, a: 1, opcode: 0b01100,
    e32: vecCmp(false, Cmp.Ge, true), e64: vecCmp(true, Cmp.Ge, true),
  },
  {
    name: 'FCMLE_zero_vector', u: 1, a: 1, opcode: 0b01101,
    e32: vecCmp(false, Cmp.Le, true), e64: vecCmp(true, Cmp.Le, true),
  },
];

const SCALAR_PAIRWISE: Array<[string, number, number, FpBinOp, FpBinOp]> = [
  ['FADDP_scalar', 0, 0b01101, fadd32, fadd64],
  ['FMAXNMP_scalar', 0, 0b01100, fmaxnm32, fmaxnm64],
  ['FMAXP_scalar', 0, 0b01111, fmax32, fmax64],
  ['FMINNMP_scalar', 1, 0b01100, fminnm32, fminnm64],
  ['FMINP_scalar', 1, 0b01111, fmin32, fmin64],
];

const ACROSS: Array<[string, number, number, FpBinOp]> = [
  ['FMAXNMV', 0, 0b01100, fmaxnm32],
  ['FMAXV', 0, 0b01111, fmax32],
  ['FMINNMV', 1, 0b01100, fminnm32],
  ['FMINV', 1, 0b01111, fmin32],
];

/** A binary FP operation on lane 0 (scalar SIMD form), rest of Vd zeroed. */
function scalarBin(op: FpBinOp, is64: boolean): ExecFn {
  const per = perReg(is64);
  return (cpu, i) => {
    cpu.checkFpEnabled(i);
    op(cpu, i.rd * per, i.rn * per, i.rm * per);
    zeroFrom(cpu, i.rd, is64 ? 8 : 4);
  };
}

/** FABD on one lane: |Vn - Vm| with the subtraction's flags. */
function scalarAbd(is64: boolean): ExecFn {
  const sub = is64 ? fsub64 : fsub32;
  return (cpu, i) => {
    cpu.checkFpEnabled(i);
    if (is64) {
      sub(cpu, i.rd * 2, i.rn * 2, i.rm * 2);
      cpu.vI32[i.rd * 4 + 1] &= 0x7fffffff;
      zeroFrom(cpu, i.rd, 8);
    } else {
      sub(cpu, i.rd * 4, i.rn * 4, i.rm * 4);
      cpu.vI32[i.rd * 4] &= 0x7fffffff;
      zeroFrom(cpu, i.rd, 4);
    }
  };
}

const SCALAR_CMP: Array<[string, number, number, number, ExecFn, ExecFn]> = [
  ['FCMEQ_scalar', 0, 0, 0b11100, vecCmp(false, Cmp.Eq, false, true), vecCmp(true, Cmp.Eq, false, true)],
  ['FCMGE_scalar', 1, 0, 0b11100, vecCmp(false, Cmp.Ge, false, true), vecCmp(true, Cmp.Ge, false, true)],
  ['FCMGT_scalar', 1, 1, 0b11100, vecCmp(false, Cmp.Gt, false, true), vecCmp(true, Cmp.Gt, false, true)],
  ['FACGE_scalar', 1, 0, 0b11101, vecCmp(false, Cmp.Ge, false, true, true), vecCmp(true, Cmp.Ge, false, true, true)],
  ['FACGT_scalar', 1, 1, 0b11101, vecCmp(false, Cmp.Gt, false, true, true), vecCmp(true, Cmp.Gt, false, true, true)],
  ['FABD_scalar', 1, 1, 0b11010, scalarAbd(false), scalarAbd(true)],
  ['FMULX_scalar', 0, 0, 0b11011, scalarBin(fmulx32, false), scalarBin(fmulx64, true)],
];

const SCALAR_CMP0: Array<[string, number, number, Cmp]> = [
  ['FCMGT_zero_scalar', 0, 0b01100, Cmp.Gt],
  ['FCMGE_zero_scalar', 1, 0b01100, Cmp.Ge],
  ['FCMEQ_zero_scalar', 0, 0b01101, Cmp.Eq],
  ['FCMLE_zero_scalar', 1, 0b01101, Cmp.Le],
  ['FCMLT_zero_scalar', 0, 0b01110, Cmp.Lt],
];

/** Fixed-point conversions in the shift-by-immediate group: [name, U, opcode, rounding, lane ops]. */
const FIXED: Array<[string, number, number, ElemUn, ElemUn]> = [
  ['SCVTF_fix', 0, 0b11100, E.fromInt32, E.fromInt64],
  ['UCVTF_fix', 1, 0b11100, E.fromInt32, E.fromInt64],
  ['FCVTZS_fix', 0, 0b11111, E.toInt32, E.toInt64],
  ['FCVTZU_fix', 1, 0b11111, E.toInt32, E.toInt64],
];

/** immh:immb -> lane size (32 or 64 bits only; half precision is not implemented) and fbits = 2*esize - immh:immb. */
function fixedDecode(exec32: ExecFn, exec64: ExecFn, unsigned: number, scalar: boolean) {
  return (i: Insn, f: Fields): ExecFn | null => {
    const immh = f.i >> 3;
    const is64 = (immh & 8) !== 0;
    if (!is64 && (immh & 4) === 0) return null;
    if (is64 && !scalar && !f.q) return null;
    i.rd = f.d;
    i.rn = f.n;
    i.c = f.q ?? 0;
    i.a = Rnd.Zero;
    i.b = unsigned;
    i.d = (is64 ? 128 : 64) - f.i;
    return is64 ? exec64 : exec32;
  };
}

export const SIMD_FP_VECTOR_ENCODINGS: EncodingSpec[] = [
  // SCVTF/UCVTF/FCVTZS/FCVTZU <Vd>.<T>, <Vn>.<T>, #<fbits>  and the scalar <V>d, <V>n, #<fbits>
  ...FIXED.flatMap(([name, u, opcode, op32, op64]) => [
    {
      name: `${name}_vector`,
      pattern: `0q${u}011110iiiiiii${b2(opcode, 5)}1nnnnnddddd`,
      decode: fixedDecode(vecUn(op32, false), vecUn(op64, true), u, false),
    },
    {
      name: `${name}_scalar`,
      pattern: `01${u}111110iiiiiii${b2(opcode, 5)}1nnnnnddddd`,
      decode: fixedDecode(scalarUn(op32, false), scalarUn(op64, true), u, true),
    },
  ]),
  // <op> <Vd>.<T>, <Vn>.<T>, <Vm>.<T>   (b = sz)
  ...FP_THREE.map((t) => ({
    name: t.name,
    pattern: `0q${t.u}01110${t.a}b1mmmmm${b2(t.opcode, 5)}1nnnnnddddd`,
    decode: fpVecDecode(t.e32, t.e64),
  })),
  // <op> <Vd>.<T>, <Vn>.<T>   (two-register misc)
  ...FP_MISC.map((t) => ({
    name: t.name,
    pattern: `0q${t.u}01110${t.a}b10000${b2(t.opcode, 5)}10nnnnnddddd`,
    decode: fpVecDecode(t.e32, t.e64, t.ia, t.ib),
  })),
  // <op> <V>d, <V>n   (scalar SIMD conversions on S/D registers)
  ...FP_MISC.filter((t) => t.scalar).map((t) => ({
    name: t.scalar![0],
    pattern: `01${t.u}11110${t.a}b10000${b2(t.opcode, 5)}10nnnnnddddd`,
    decode: (i: Insn, f: Fields): ExecFn | null => {
      i.rd = f.d;
      i.rn = f.n;
      i.a = t.ia ?? 0;
      i.b = t.ib ?? 0;
      return f.b ? t.scalar![2] : t.scalar![1];
    },
  })),
  // FADDP/FMAXP/FMINP/FMAXNMP/FMINNMP <V>d, <Vn>.<T>
  ...SCALAR_PAIRWISE.map(([name, a, opcode, op32, op64]) => {
    const e32 = scalarPairwise(op32, false);
    const e64 = scalarPairwise(op64, true);
    return {
      name,
      pattern: `01111110${a}b11000${b2(opcode, 5)}10nnnnnddddd`,
      decode: (i: Insn, f: Fields) => ((i.rd = f.d), (i.rn = f.n), f.b ? e64 : e32),
    };
  }),
  // FMAXNMV/FMAXV/FMINNMV/FMINV <V>d, <Vn>.4S
  ...ACROSS.map(([name, a, opcode, op]) => {
    const exec = acrossFp(op);
    return { name, pattern: `01101110${a}011000${b2(opcode, 5)}10nnnnnddddd`, decode: (i: Insn, f: Fields) => ((i.rd = f.d), (i.rn = f.n), exec) };
  }),
  // FCMEQ/FCMGE/FCMGT/FACGE/FACGT <V>d, <V>n, <V>m  and  FABD <V>d, <V>n, <V>m
  ...SCALAR_CMP.map(([name, u, a, opcode, e32, e64]) => ({
    name,
    pattern: `01${u}11110${a}b1mmmmm${b2(opcode, 5)}1nnnnnddddd`,
    decode: (i: Insn, f: Fields) => ((i.rd = f.d), (i.rn = f.n), (i.rm = f.m), f.b ? e64 : e32),
  })),
  // FCMGT/FCMGE/FCMEQ/FCMLE/FCMLT <V>d, <V>n, #0.0
  ...SCALAR_CMP0.map(([name, u, opcode, c]) => {
    const e32 = vecCmp(false, c, true, true);
    const e64 = vecCmp(true, c, true, true);
    return {
      name,
      pattern: `01${u}111101b10000${b2(opcode, 5)}10nnnnnddddd`,
      decode: (i: Insn, f: Fields) => ((i.rd = f.d), (i.rn = f.n), f.b ? e64 : e32),
    };
  }),
  // FCVTL{2} <Vd>.<Ta>, <Vn>.<Tb>
  {
    name: 'FCVTL',
    pattern: '0q0011100b100001011110nnnnnddddd',
    decode: (i, f) => ((i.rd = f.d), (i.rn = f.n), (i.a = f.b), (i.c = f.q), execFcvtl),
  },
  // FCVTN{2} <Vd>.<Tb>, <Vn>.<Ta>
  {
    name: 'FCVTN',
    pattern: '0q0011100b100001011010nnnnnddddd',
    decode: (i, f) => ((i.rd = f.d), (i.rn = f.n), (i.a = f.b), (i.c = f.q), execFcvtn),
  },
];
