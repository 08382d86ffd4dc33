/**
 * Floating-point core shared by the FP/SIMD instructions: the Arm ARM's FPUnpack,
 * FPRound, FPProcessNaN(s) and the arithmetic pseudocode (FPAdd, FPMul, FPDiv, FPSqrt,
 * FPMulAdd, FPMax/FPMin and the Num variants, FPCompare), driven by FPCR and raising the
 * FPSR cumulative flags.
 *
 * This file is the *exact* path: operands are unpacked to BigInt mantissas, results are
 * rounded by `fpRound`, which follows FPRoundBase step by step (tininess is detected
 * before rounding, as Arm does). It is used for NaNs, infinities, zeros, subnormal or
 * overflowing results, directed rounding modes and flush-to-zero. The hot path for
 * ordinary values lives in fpuOps.ts and falls back to these functions.
 *
 * FP exception traps are not implemented (FPCR.{IOE..IDE} behave as 0), so every
 * exception only sets its cumulative FPSR bit. FPCR.AHP (alternative half precision:
 * no infinities or NaNs, exponent 31 is finite) applies to conversions to and from half
 * precision, the only half-precision operations implemented.
 */
import type { Cpu } from './cpu';

// ------------------------------------------------------------------ FPSR / FPCR bits

export const FPSR_IOC = 0x01;
export const FPSR_DZC = 0x02;
export const FPSR_OFC = 0x04;
export const FPSR_UFC = 0x08;
export const FPSR_IXC = 0x10;
export const FPSR_IDC = 0x80;
/** Saturation (QC), set by the saturating integer instructions. */
export const FPSR_QC = 0x08000000;

export const FPCR_AHP = 1 << 26;
export const FPCR_DN = 1 << 25;
export const FPCR_FZ = 1 << 24;
export const FPCR_FZ16 = 1 << 19;
/**
 * FPCR bits that send arithmetic to the exact path: a rounding mode other than RN, or
 * flush-to-zero. (DN only matters for NaN results, which always take the exact path.)
 */
export const FPCR_SLOW = FPCR_FZ | (3 << 22);

/** FPRounding, with the first four values equal to FPCR.RMode's encoding. */
export const enum Rnd {
  TieEven = 0,
  PosInf = 1,
  NegInf = 2,
  Zero = 3,
  TieAway = 4,
  Odd = 5,
}

export function fpcrRounding(fpcr: number): Rnd {
  return ((fpcr >>> 22) & 3) as Rnd;
}

// ------------------------------------------------------------------ formats

export interface FpFormat {
  readonly N: 16 | 32 | 64;
  /** Exponent and fraction widths. */
  readonly E: number;
  readonly F: number;
}
export const HALF: FpFormat = { N: 16, E: 5, F: 10 };
export const SINGLE: FpFormat = { N: 32, E: 8, F: 23 };
export const DOUBLE: FpFormat = { N: 64, E: 11, F: 52 };

const minExpOf = (fmt: FpFormat): number => 2 - (1 << (fmt.E - 1));
const signBitOf = (fmt: FpFormat): bigint => 1n << BigInt(fmt.N - 1);
const expMaskOf = (fmt: FpFormat): bigint => (1n << BigInt(fmt.E)) - 1n;
const fracMaskOf = (fmt: FpFormat): bigint => (1n << BigInt(fmt.F)) - 1n;

export function fpZero(fmt: FpFormat, sign: number): bigint {
  return sign ? signBitOf(fmt) : 0n;
}
export function fpInfinity(fmt: FpFormat, sign: number): bigint {
  return fpZero(fmt, sign) | (expMaskOf(fmt) << BigInt(fmt.F));
}
export function fpMaxNormal(fmt: FpFormat, sign: number): bigint {
  return fpZero(fmt, sign) | ((expMaskOf(fmt) - 1n) << BigInt(fmt.F)) | fracMaskOf(fmt);
}
export function fpDefaultNaN(fmt: FpFormat): bigint {
  return (expMaskOf(fmt) << BigInt(fmt.F)) | (1n << BigInt(fmt.F - 1));
}

// ------------------------------------------------------------------ unpacking

export const enum FpType {
  Zero,
  /** Normal or (not flushed) subnormal: a finite nonzero value. */
  Finite,
  Infinity,
  QNaN,
  SNaN,
}

/** An unpacked operand: value = (-1)^sign * mant * 2^exp for Finite. */
export interface Unpacked {
  type: FpType;
  sign: number;
  mant: bigint;
  exp: number;
  /** The raw encoding (NaN propagation needs it). */
  bits: bigint;
}

/** Whether FPCR flushes subnormals of this format to zero (FZ for single/double, FZ16 for half). */
export function flushes(fmt: FpFormat, fpcr: number): boolean {
  return (fpcr & (fmt.N === 16 ? FPCR_FZ16 : FPCR_FZ)) !== 0;
}

/** FPUnpack: classify and decode; a subnormal input under FZ reads as zero and raises IDC. */
export function unpack(cpu: Cpu, bits: bigint, fmt: FpFormat, fz = flushes(fmt, cpu.fpcr)): Unpacked {
  const F = BigInt(fmt.F);
  const sign = Number(bits >> BigInt(fmt.N - 1)) & 1;
  const exp = Number((bits >> F) & expMaskOf(fmt));
  const frac = bits & fracMaskOf(fmt);
  const bias = (1 << (fmt.E - 1)) - 1;
  if (exp === 0) {
    if (frac === 0n) return { type: FpType.Zero, sign, mant: 0n, exp: 0, bits };
    if (fz) {
      cpu.fpsr |= FPSR_IDC;
      return { type: FpType.Zero, sign, mant: 0n, exp: 0, bits };
    }
    return { type: FpType.Finite, sign, mant: frac, exp: 1 - bias - fmt.F, bits };
  }
  if (exp === (1 << fmt.E) - 1) {
    if (frac === 0n) return { type: FpType.Infinity, sign, mant: 0n, exp: 0, bits };
    const quiet = (frac >> (F - 1n)) & 1n;
    return { type: quiet ? FpType.QNaN : FpType.SNaN, sign, mant: 0n, exp: 0, bits };
  }
  return { type: FpType.Finite, sign, mant: frac | (1n << F), exp: exp - bias - fmt.F, bits };
}

export const isNaNType = (t: FpType): boolean => t === FpType.QNaN || t === FpType.SNaN;

// ------------------------------------------------------------------ NaN processing

/** FPProcessNaN: quiet a signaling NaN (raising IOC); DN replaces it with the default NaN. */
export function processNaN(cpu: Cpu, op: Unpacked, fmt: FpFormat): bigint {
  let r = op.bits;
  if (op.type === FpType.SNaN) {
    r |= 1n << BigInt(fmt.F - 1);
    cpu.fpsr |= FPSR_IOC;
  }
  return (cpu.fpcr & FPCR_DN) !== 0 ? fpDefaultNaN(fmt) : r;
}

/** FPProcessNaNs / FPProcessNaNs3: signaling NaNs first, then quiet, in operand order. Null if no NaN. */
export function processNaNs(cpu: Cpu, fmt: FpFormat, ops: Unpacked[]): bigint | null {
  for (const o of ops) if (o.type === FpType.SNaN) return processNaN(cpu, o, fmt);
  for (const o of ops) if (o.type === FpType.QNaN) return processNaN(cpu, o, fmt);
  return null;
}

function invalid(cpu: Cpu, fmt: FpFormat): bigint {
  cpu.fpsr |= FPSR_IOC;
  return fpDefaultNaN(fmt);
}

// ------------------------------------------------------------------ rounding

export function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length;
}

/**
 * FPRoundBase: round (-1)^sign * mant * 2^exp (mant > 0) to `fmt`. `fz` enables
 * flush-to-zero of tiny results (FPCR.FZ/FZ16 as the caller's pseudocode says); `ahp`
 * selects alternative half precision (N = 16 only), where too-large values saturate
 * with IOC instead of overflowing. Raises UFC (tiny before rounding and inexact), OFC, IXC.
 */
export function fpRound(cpu: Cpu, sign: number, mant: bigint, exp: number, fmt: FpFormat, rnd: Rnd, fz: boolean, ahp = false): bigint {
  const F = fmt.F;
  const minExp = minExpOf(fmt);
  const e = exp + bitLength(mant) - 1; // exponent with the mantissa normalised to [1, 2)
  if (fz && e < minExp) {
    cpu.fpsr |= FPSR_UFC;
    return fpZero(fmt, sign);
  }
  let biased = Math.max(e - minExp + 1, 0);
  const shift = (biased > 0 ? e - F : minExp - F) - exp; // bits below the result's last place
  let intMant: bigint;
  let err = 0; // 0 exact, 1 below half, 2 exactly half, 3 above half
  if (shift <= 0) intMant = mant << BigInt(-shift);
  else {
    const s = BigInt(shift);
    intMant = mant >> s;
    const rem = mant & ((1n << s) - 1n);
    const half = 1n << (s - 1n);
    err = rem === 0n ? 0 : rem < half ? 1 : rem === half ? 2 : 3;
  }
  if (biased === 0 && err !== 0) cpu.fpsr |= FPSR_UFC;
  let roundUp: boolean;
  let overflowToInf: boolean;
  switch (rnd) {
    case Rnd.TieEven:
      roundUp = err === 3 || (err === 2 && (intMant & 1n) === 1n);
      overflowToInf = true;
      break;
    case Rnd.PosInf:
      roundUp = err !== 0 && sign === 0;
      overflowToInf = sign === 0;
      break;
    case Rnd.NegInf:
      roundUp = err !== 0 && sign === 1;
      overflowToInf = sign === 1;
      break;
    case Rnd.TieAway:
      roundUp = err >= 2;
      overflowToInf = true;
      break;
    default: // Zero, Odd
      roundUp = false;
      overflowToInf = false;
  }
  if (roundUp) {
    intMant++;
    if (intMant === 1n << BigInt(F)) biased = 1; // a subnormal rounded up to the smallest normal
    if (intMant === 1n << BigInt(F + 1)) {
      biased++;
      intMant >>= 1n;
    }
  }
  if (rnd === Rnd.Odd && err !== 0) intMant |= 1n;
  let result: bigint;
  if (ahp) {
    if (biased >= 1 << fmt.E) {
      result = fpZero(fmt, sign) | 0x7fffn;
      cpu.fpsr |= FPSR_IOC;
      err = 0;
    } else result = fpZero(fmt, sign) | (BigInt(biased) << BigInt(F)) | (intMant & fracMaskOf(fmt));
  } else if (biased >= (1 << fmt.E) - 1) {
    result = overflowToInf ? fpInfinity(fmt, sign) : fpMaxNormal(fmt, sign);
    cpu.fpsr |= FPSR_OFC;
    err = 1;
  } else {
    result = fpZero(fmt, sign) | (BigInt(biased) << BigInt(F)) | (intMant & fracMaskOf(fmt));
  }
  if (err !== 0) cpu.fpsr |= FPSR_IXC;
  return result;
}

/** FPRound with FPCR's mode and flush-to-zero; an exact zero gets the sign IEEE gives it. */
function roundResult(cpu: Cpu, sign: number, mant: bigint, exp: number, fmt: FpFormat): bigint {
  const rnd = fpcrRounding(cpu.fpcr);
  if (mant === 0n) return fpZero(fmt, rnd === Rnd.NegInf ? 1 : 0);
  return fpRound(cpu, sign, mant, exp, fmt, rnd, flushes(fmt, cpu.fpcr));
}

// ------------------------------------------------------------------ exact arithmetic on unpacked values

/** Exact signed sum of two finite values as (sign, |mant|, exp). */
function exactSum(s1: number, m1: bigint, e1: number, s2: number, m2: bigint, e2: number): [number, bigint, number] {
  const e = Math.min(e1, e2);
  const a = (s1 ? -m1 : m1) << BigInt(e1 - e);
  const b = (s2 ? -m2 : m2) << BigInt(e2 - e);
  const s = a + b;
  return s < 0n ? [1, -s, e] : [0, s, e];
}

export function fpAddSlow(cpu: Cpu, fmt: FpFormat, bits1: bigint, bits2: bigint, subtract: boolean): bigint {
  const a = unpack(cpu, bits1, fmt);
  const b = unpack(cpu, bits2, fmt);
  const nan = processNaNs(cpu, fmt, [a, b]);
  if (nan !== null) return nan;
  const s2 = subtract ? b.sign ^ 1 : b.sign;
  const inf1 = a.type === FpType.Infinity;
  const inf2 = b.type === FpType.Infinity;
  if (inf1 && inf2 && a.sign !== s2) return invalid(cpu, fmt);
  if ((inf1 && a.sign === 0) || (inf2 && s2 === 0)) return fpInfinity(fmt, 0);
  if (inf1 || inf2) return fpInfinity(fmt, 1);
  if (a.type === FpType.Zero && b.type === FpType.Zero && a.sign === s2) return fpZero(fmt, a.sign);
  const [s, m, e] = exactSum(a.sign, a.mant, a.exp, s2, b.mant, b.exp);
  return roundResult(cpu, s, m, e, fmt);
}

/** FPMul, or FPMulX when `mulx` (0 * infinity gives 2.0 with the product's sign instead of invalid). */
export function fpMulSlow(cpu: Cpu, fmt: FpFormat, bits1: bigint, bits2: bigint, mulx = false): bigint {
  const a = unpack(cpu, bits1, fmt);
  const b = unpack(cpu, bits2, fmt);
  const nan = processNaNs(cpu, fmt, [a, b]);
  if (nan !== null) return nan;
  const sign = a.sign ^ b.sign;
  const inf1 = a.type === FpType.Infinity;
  const inf2 = b.type === FpType.Infinity;
  const zero1 = a.type === FpType.Zero;
  const zero2 = b.type === FpType.Zero;
  if ((inf1 && zero2) || (zero1 && inf2)) {
    return mulx ? fpZero(fmt, sign) | ((expMaskOf(fmt) >> 1n) + 1n) << BigInt(fmt.F) : invalid(cpu, fmt);
  }
  if (inf1 || inf2) return fpInfinity(fmt, sign);
  if (zero1 || zero2) return fpZero(fmt, sign);
  return roundResult(cpu, sign, a.mant * b.mant, a.exp + b.exp, fmt);
}

/** Extra quotient/root bits beyond any format's precision; the remainder becomes a sticky bit. */
const GUARD = 140;

export function fpDivSlow(cpu: Cpu, fmt: FpFormat, bits1: bigint, bits2: bigint): bigint {
  const a = unpack(cpu, bits1, fmt);
  const b = unpack(cpu, bits2, fmt);
  const nan = processNaNs(cpu, fmt, [a, b]);
  if (nan !== null) return nan;
  const sign = a.sign ^ b.sign;
  const inf1 = a.type === FpType.Infinity;
  const inf2 = b.type === FpType.Infinity;
  const zero1 = a.type === FpType.Zero;
  const zero2 = b.type === FpType.Zero;
  if ((inf1 && inf2) || (zero1 && zero2)) return invalid(cpu, fmt);
  if (inf1 || zero2) {
    if (!inf1) cpu.fpsr |= FPSR_DZC;
    return fpInfinity(fmt, sign);
  }
  if (zero1 || inf2) return fpZero(fmt, sign);
  const num = a.mant << BigInt(GUARD);
  let q = num / b.mant;
  let exp = a.exp - b.exp - GUARD;
  if (q * b.mant !== num) {
    q = (q << 1n) | 1n;
    exp -= 1;
  }
  return roundResult(cpu, sign, q, exp, fmt);
}

function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << BigInt((bitLength(n) >> 1) + 1);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

export function fpSqrtSlow(cpu: Cpu, fmt: FpFormat, bits: bigint): bigint {
  const a = unpack(cpu, bits, fmt);
  if (isNaNType(a.type)) return processNaN(cpu, a, fmt);
  if (a.type === FpType.Zero) return fpZero(fmt, a.sign);
  if (a.type === FpType.Infinity && a.sign === 0) return fpInfinity(fmt, 0);
  if (a.sign === 1) return invalid(cpu, fmt);
  let m = a.mant;
  let e = a.exp;
  if (e & 1) {
    m <<= 1n;
    e -= 1;
  }
  const n = m << BigInt(2 * GUARD);
  let r = isqrt(n);
  let exp = e / 2 - GUARD;
  if (r * r !== n) {
    r = (r << 1n) | 1n;
    exp -= 1;
  }
  return roundResult(cpu, 0, r, exp, fmt);
}

/** FPNeg on an encoding (NaNs included: the sign bit simply flips). */
export function fpNegBits(fmt: FpFormat, bits: bigint): bigint {
  return bits ^ signBitOf(fmt);
}

/**
 * FPMulAdd(addend, op1, op2): addend + op1*op2 with a single rounding. The negated
 * forms (FMSUB, FNMADD, FNMSUB) negate the encodings first, as the pseudocode does.
 */
export function fpMulAddSlow(cpu: Cpu, fmt: FpFormat, bitsA: bigint, bits1: bigint, bits2: bigint): bigint {
  const ad = unpack(cpu, bitsA, fmt);
  const a = unpack(cpu, bits1, fmt);
  const b = unpack(cpu, bits2, fmt);
  const inf1 = a.type === FpType.Infinity;
  const inf2 = b.type === FpType.Infinity;
  const zero1 = a.type === FpType.Zero;
  const zero2 = b.type === FpType.Zero;
  let nan = processNaNs(cpu, fmt, [ad, a, b]);
  // A quiet-NaN addend does not hide the invalid 0 * inf: the result is the default NaN.
  if (ad.type === FpType.QNaN && ((inf1 && zero2) || (zero1 && inf2))) nan = invalid(cpu, fmt);
  if (nan !== null) return nan;
  const infA = ad.type === FpType.Infinity;
  const zeroA = ad.type === FpType.Zero;
  const signP = a.sign ^ b.sign;
  const infP = inf1 || inf2;
  const zeroP = zero1 || zero2;
  if ((inf1 && zero2) || (zero1 && inf2) || (infA && infP && ad.sign !== signP)) return invalid(cpu, fmt);
  if ((infA && ad.sign === 0) || (infP && signP === 0)) return fpInfinity(fmt, 0);
  if (infA || infP) return fpInfinity(fmt, 1);
  if (zeroA && zeroP && ad.sign === signP) return fpZero(fmt, ad.sign);
  const [s, m, e] = exactSum(ad.sign, ad.mant, ad.exp, signP, a.mant * b.mant, a.exp + b.exp);
  return roundResult(cpu, s, m, e, fmt);
}

/** Compare two finite-or-infinite non-NaN unpacked values: -1, 0, 1. */
function cmpValues(a: Unpacked, b: Unpacked): number {
  const val = (u: Unpacked): [number, bigint, number] =>
    u.type === FpType.Zero ? [0, 0n, 0] : [u.sign, u.mant, u.exp];
  if (a.type === FpType.Infinity || b.type === FpType.Infinity) {
    const va = a.type === FpType.Infinity ? (a.sign ? -1 : 1) : 0;
    const vb = b.type === FpType.Infinity ? (b.sign ? -1 : 1) : 0;
    if (va !== vb) return va < vb ? -1 : 1;
    if (va !== 0) return 0;
  }
  const [sa, ma, ea] = val(a);
  const [sb, mb, eb] = val(b);
  const [s, m] = exactSum(sa, ma, ea, sb ^ 1, mb, eb);
  return m === 0n ? 0 : s ? -1 : 1;
}

export const enum MinMax {
  Max,
  Min,
  MaxNum,
  MinNum,
}

/** FPMax / FPMin / FPMaxNum / FPMinNum. */
export function fpMinMaxSlow(cpu: Cpu, fmt: FpFormat, bits1: bigint, bits2: bigint, kind: MinMax): bigint {
  let a = unpack(cpu, bits1, fmt);
  let b = unpack(cpu, bits2, fmt);
  const isMax = kind === MinMax.Max || kind === MinMax.MaxNum;
  if (kind === MinMax.MaxNum || kind === MinMax.MinNum) {
    // A single quiet NaN is treated as the infinity that loses; an SNaN still propagates.
    const loser: Unpacked = { type: FpType.Infinity, sign: isMax ? 1 : 0, mant: 0n, exp: 0, bits: fpInfinity(fmt, isMax ? 1 : 0) };
    if (a.type === FpType.QNaN && b.type !== FpType.QNaN) a = loser;
    else if (a.type !== FpType.QNaN && b.type === FpType.QNaN) b = loser;
  }
  const nan = processNaNs(cpu, fmt, [a, b]);
  if (nan !== null) return nan;
  const c = cmpValues(a, b);
  const pick = isMax ? (c > 0 ? a : b) : c < 0 ? a : b;
  if (pick.type === FpType.Zero) {
    // Both zero (or equal zeros): FMAX prefers +0, FMIN prefers -0.
    const sign = a.type === FpType.Zero && b.type === FpType.Zero ? (isMax ? a.sign & b.sign : a.sign | b.sign) : pick.sign;
    return fpZero(fmt, sign);
  }
  if (pick.type === FpType.Infinity) return fpInfinity(fmt, pick.sign);
  return roundResult(cpu, pick.sign, pick.mant, pick.exp, fmt);
}

/**
 * FPCompare: NZCV as a 4-bit value. Unordered gives 0011; a signaling NaN (or any NaN
 * when `signalAll`, i.e. FCMPE) raises IOC.
 */
export function fpCompareSlow(cpu: Cpu, fmt: FpFormat, bits1: bigint, bits2: bigint, signalAll: boolean): number {
  const a = unpack(cpu, bits1, fmt);
  const b = unpack(cpu, bits2, fmt);
  if (isNaNType(a.type) || isNaNType(b.type)) {
    if (a.type === FpType.SNaN || b.type === FpType.SNaN || signalAll) cpu.fpsr |= FPSR_IOC;
    return 0b0011;
  }
  const c = cmpValues(a, b);
  return c === 0 ? 0b0110 : c < 0 ? 0b1000 : 0b0010;
}

// ------------------------------------------------------------------ register element access (bits)

/** Raw encoding of element `e` (in units of the format's size) of the V register file. */
export function readElemBits(cpu: Cpu, fmt: FpFormat, e: number): bigint {
  const v = cpu.vI32;
  if (fmt.N === 64) return (BigInt(v[2 * e + 1] >>> 0) << 32n) | BigInt(v[2 * e] >>> 0);
  if (fmt.N === 32) return BigInt(v[e] >>> 0);
  return BigInt(cpu.vU16[e]);
}

export function writeElemBits(cpu: Cpu, fmt: FpFormat, e: number, bits: bigint): void {
  const v = cpu.vI32;
  if (fmt.N === 64) {
    v[2 * e] = Number(bits & 0xffffffffn) | 0;
    v[2 * e + 1] = Number((bits >> 32n) & 0xffffffffn) | 0;
  } else if (fmt.N === 32) v[e] = Number(bits & 0xffffffffn) | 0;
  else cpu.vU16[e] = Number(bits & 0xffffn);
}

// ------------------------------------------------------------------ doubles <-> encodings

const scratch = new DataView(new ArrayBuffer(8));

/** The binary64 encoding of a JS number (not for NaNs, whose payload JS may not keep). */
export function doubleBits(x: number): bigint {
  scratch.setFloat64(0, x);
  return scratch.getBigUint64(0);
}

/** Unpack a finite nonzero JS number exactly as (sign, mant, exp). */
export function decomposeDouble(x: number): [number, bigint, number] {
  const bits = doubleBits(x);
  const sign = Number(bits >> 63n);
  const exp = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & ((1n << 52n) - 1n);
  return exp === 0 ? [sign, frac, -1074] : [sign, frac | (1n << 52n), exp - 1075];
}

/**
 * Round a finite JS number to `fmt` with the given mode on the exact path. `x` must be
 * the exact value or its round-to-odd approximation with at least two more bits than
 * the format keeps (so the result and every flag come out as for the exact value).
 */
export function roundDoubleTo(cpu: Cpu, x: number, fmt: FpFormat, rnd: Rnd, fz: boolean): bigint {
  if (x === 0) return fpZero(fmt, Object.is(x, -0) ? 1 : 0);
  const [s, m, e] = decomposeDouble(x);
  return fpRound(cpu, s, m, e, fmt, rnd, fz);
}
