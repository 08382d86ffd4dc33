/**
 * FP arithmetic on register elements, fast path first.
 *
 * Every function takes element indices in units of the element size (a double element
 * index is reg*2 + lane into `vF64`, a single index reg*4 + lane into `vF32`), reads its
 * operands before writing, and raises FPSR flags. The fast path covers FPCR.RMode = RN
 * with FZ = 0 and results that are finite and comfortably normal:
 *
 * - binary64: JS arithmetic is IEEE binary64 round-to-nearest-even (including signed
 *   zeros), so only the inexact flag is missing; error-free transforms (TwoSum, Dekker's
 *   product) find it without BigInt. Their error terms are exact only away from
 *   overflow and underflow, hence the magnitude guards.
 * - binary32: the operands are exact doubles. For + - * / sqrt the double result rounded
 *   again to single (Math.fround) equals the directly rounded single result, because
 *   53 >= 2*24 + 2 (Figueroa's double-rounding theorem). Products of singles are exact
 *   in double, and a quotient's or root's exactness is checked by multiplying back,
 *   which is exact in double too.
 *
 * Everything else (NaNs, infinities, zeros where FZ or signs matter, subnormal or
 * overflowing results, other rounding modes) goes to the exact path in fpu.ts.
 */
import type { Cpu } from './cpu';
import {
  DOUBLE,
  FPCR_FZ,
  FPCR_SLOW,
  FPSR_IXC,
  FPSR_UFC,
  FpFormat,
  MinMax,
  SINGLE,
  fpAddSlow,
  fpCompareSlow,
  fpDivSlow,
  fpMinMaxSlow,
  fpMulAddSlow,
  fpMulSlow,
  fpNegBits,
  fpSqrtSlow,
  readElemBits,
  writeElemBits,
} from './fpu';

/** (cpu, d, n, m) on element indices. */
export type FpBinOp = (cpu: Cpu, d: number, n: number, m: number) => void;
export type FpUnOp = (cpu: Cpu, d: number, n: number) => void;

const MAX64 = Number.MAX_VALUE;
const MIN_NORMAL64 = 2 ** -1022;
/** Below this, error terms of products may underflow. */
const TINY_SAFE = 2 ** -900;
/** Above this, Dekker's split (x * (2^27 + 1)) may overflow. */
const SPLIT_SAFE = 2 ** 995;
const SPLITTER = 134217729;
const MIN_NORMAL32 = 2 ** -126;

/** The exact error of RN(a * b) = p, by Dekker's product (valid within the guards above). */
function productError(a: number, b: number, p: number): number {
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

const bitsView = new Float64Array(1);
const bitsI32 = new Int32Array(bitsView.buffer);

/**
 * Round-to-odd repair: `s` = RN(x) where x = s + err exactly and err != 0. Returns the
 * neighbour of s on err's side when s's last bit is even, which is RO(x).
 */
export function toOdd(s: number, err: number): number {
  bitsView[0] = s;
  if ((bitsI32[0] & 1) === 0) {
    const away = err > 0 === s > 0; // move away from zero?
    const lo = bitsI32[0] >>> 0;
    if (away) {
      bitsI32[0] = (lo + 1) | 0;
      if (lo === 0xffffffff) bitsI32[1]++;
    } else {
      bitsI32[0] = (lo - 1) | 0;
      if (lo === 0) bitsI32[1]--;
    }
    return bitsView[0];
  }
  return s;
}

// ------------------------------------------------------------------ slow-path adapters

const slow64 = (cpu: Cpu, d: number, r: bigint): void => writeElemBits(cpu, DOUBLE, d, r);
const slow32 = (cpu: Cpu, d: number, r: bigint): void => writeElemBits(cpu, SINGLE, d, r);
const b64 = (cpu: Cpu, e: number): bigint => readElemBits(cpu, DOUBLE, e);
const b32 = (cpu: Cpu, e: number): bigint => readElemBits(cpu, SINGLE, e);

// ------------------------------------------------------------------ add / sub

export function fadd64(cpu: Cpu, d: number, n: number, m: number): void {
  const f = cpu.vF64;
  const a = f[n];
  const b = f[m];
  const r = a + b;
  if ((cpu.fpcr & FPCR_SLOW) === 0 && r - r === 0) {
    const bb = r - a;
    if (a - (r - bb) + (b - bb) !== 0) cpu.fpsr |= FPSR_IXC;
    f[d] = r;
    return;
  }
  slow64(cpu, d, fpAddSlow(cpu, DOUBLE, b64(cpu, n), b64(cpu, m), false));
}

export function fsub64(cpu: Cpu, d: number, n: number, m: number): void {
  const f = cpu.vF64;
  const a = f[n];
  const b = -f[m];
  const r = a + b;
  if ((cpu.fpcr & FPCR_SLOW) === 0 && r - r === 0) {
    const bb = r - a;
    if (a - (r - bb) + (b - bb) !== 0) cpu.fpsr |= FPSR_IXC;
    f[d] = r;
    return;
  }
  slow64(cpu, d, fpAddSlow(cpu, DOUBLE, b64(cpu, n), b64(cpu, m), true));
}

/** Single-precision sum: exact sum s + e in double, rounded once to single. */
function add32(cpu: Cpu, d: number, a: number, b: number): boolean {
  const s = a + b;
  const f = Math.fround(s);
  if ((cpu.fpcr & FPCR_SLOW) !== 0 || f - f !== 0) return false;
  const bb = s - a;
  // A tiny exact sum of singles is itself a single, so addition never underflows.
  if (a - (s - bb) + (b - bb) !== 0 || f !== s) cpu.fpsr |= FPSR_IXC;
  cpu.vF32[d] = f;
  return true;
}

export function fadd32(cpu: Cpu, d: number, n: number, m: number): void {
  const f = cpu.vF32;
  if (!add32(cpu, d, f[n], f[m])) slow32(cpu, d, fpAddSlow(cpu, SINGLE, b32(cpu, n), b32(cpu, m), false));
}

export function fsub32(cpu: Cpu, d: number, n: number, m: number): void {
  const f = cpu.vF32;
  if (!add32(cpu, d, f[n], -f[m])) slow32(cpu, d, fpAddSlow(cpu, SINGLE, b32(cpu, n), b32(cpu, m), true));
}

// ------------------------------------------------------------------ multiply

function mul64(cpu: Cpu, a: number, b: number): number {
  const r = a * b;
  const ar = Math.abs(r);
  if ((cpu.fpcr & FPCR_SLOW) === 0 && ar >= TINY_SAFE && ar <= MAX64 && Math.abs(a) < SPLIT_SAFE && Math.abs(b) < SPLIT_SAFE) {
    if (productError(a, b, r) !== 0) cpu.fpsr |= FPSR_IXC;
    return r;
  }
  return NaN; // caller takes the exact path
}

export function fmul64(cpu: Cpu, d: number, n: number, m: number): void {
  const f = cpu.vF64;
  const r = mul64(cpu, f[n], f[m]);
  if (r === r) f[d] = r;
  else slow64(cpu, d, fpMulSlow(cpu, DOUBLE, b64(cpu, n), b64(cpu, m)));
}

/** FNMUL: the negation of the rounded product (a NaN result's sign flips too). */
export function fnmul64(cpu: Cpu, d: number, n: number, m: number): void {
  const f = cpu.vF64;
  const r = mul64(cpu, f[n], f[m]);
  if (r === r) f[d] = -r;
  else slow64(cpu, d, fpNegBits(DOUBLE, fpMulSlow(cpu, DOUBLE, b64(cpu, n), b64(cpu, m))));
}

function mul32(cpu: Cpu, a: number, b: number): number {
  const p = a * b; // exact: 24 x 24 bits, exponents well inside binary64
  const f = Math.fround(p);
  if ((cpu.fpcr & FPCR_SLOW) !== 0 || f - f !== 0) return NaN;
  if (f !== p) cpu.fpsr |= Math.abs(p) < MIN_NORMAL32 ? FPSR_IXC | FPSR_UFC : FPSR_IXC;
  return f;
}

export function fmul32(cpu: Cpu, d: number, n: number, m: number): void {
  const f = cpu.vF32;
  const r = mul32(cpu, f[n], f[m]);
  if (r === r) f[d] = r;
  else slow32(cpu, d, fpMulSlow(cpu, SINGLE, b32(cpu, n), b32(cpu, m)));
}

export function fnmul32(cpu: Cpu, d: number, n: number, m: number): void {
  const f = cpu.vF32;
  const r = mul32(cpu, f[n], f[m]);
  if (r === r) f[d] = -r;
  else slow32(cpu, d, fpNegBits(SINGLE, fpMulSlow(cpu, SINGLE, b32(cpu, n), b32(cpu, m))));
}

/** FMULX: FMUL except that 0 * infinity is 2.0 (signed), not invalid. */
export function fmulx64(cpu: Cpu, d: number, n: number, m: number): void {
  const f = cpu.vF64;
  if (f[n] - f[n] === 0 && f[m] - f[m] === 0) fmul64(cpu, d, n, m);
  else slow64(cpu, d, fpMulSlow(cpu, DOUBLE, b64(cpu, n), b64(cpu, m), true));
}
export function fmulx32(cpu: Cpu, d: number, n: number, m: number): void {
  const f = cpu.vF32;
  if (f[n] - f[n] === 0 && f[m] - f[m] === 0) fmul32(cpu, d, n, m);
  else slow32(cpu, d, fpMulSlow(cpu, SINGLE, b32(cpu, n), b32(cpu, m), true));
}

// ------------------------------------------------------------------ divide

export function fdiv64(cpu: Cpu, d: number, n: number, m: number): void {
  const f = cpu.vF64;
  const a = f[n];
  const b = f[m];
  const q = a / b;
  const aq = Math.abs(q);
  if (
    (cpu.fpcr & FPCR_SLOW) === 0 &&
    aq > MIN_NORMAL64 &&
    aq < SPLIT_SAFE &&
    Math.abs(b) < SPLIT_SAFE &&
    Math.abs(a) >= TINY_SAFE
  ) {
    // q is exact iff q * b == a exactly, i.e. RN(q*b) == a with no error.
    const p = q * b;
    if (p !== a || productError(q, b, p) !== 0) cpu.fpsr |= FPSR_IXC;
    f[d] = q;
    return;
  }
  slow64(cpu, d, fpDivSlow(cpu, DOUBLE, b64(cpu, n), b64(cpu, m)));
}

export function fdiv32(cpu: Cpu, d: number, n: number, m: number): void {
  const v = cpu.vF32;
  const a = v[n];
  const b = v[m];
  const q = a / b;
  const f = Math.fround(q);
  if ((cpu.fpcr & FPCR_SLOW) === 0 && f - f === 0 && f !== 0) {
    // f * b is exact in double; a quotient of singles cannot lie within 2^-54 of 2^-126
    // without equalling it, so |q| decides tininess like the exact quotient would.
    if (f * b !== a) cpu.fpsr |= Math.abs(q) < MIN_NORMAL32 ? FPSR_IXC | FPSR_UFC : FPSR_IXC;
    v[d] = f;
    return;
  }
  slow32(cpu, d, fpDivSlow(cpu, SINGLE, b32(cpu, n), b32(cpu, m)));
}

// ------------------------------------------------------------------ square root

export function fsqrt64(cpu: Cpu, d: number, n: number): void {
  const f = cpu.vF64;
  const a = f[n];
  if ((cpu.fpcr & FPCR_SLOW) === 0 && a >= TINY_SAFE && a <= MAX64) {
    const r = Math.sqrt(a); // IEEE correctly rounded (sqrtsd / fsqrt on every V8 target)
    const p = r * r;
    if (p !== a || productError(r, r, p) !== 0) cpu.fpsr |= FPSR_IXC;
    f[d] = r;
    return;
  }
  slow64(cpu, d, fpSqrtSlow(cpu, DOUBLE, b64(cpu, n)));
}

export function fsqrt32(cpu: Cpu, d: number, n: number): void {
  const v = cpu.vF32;
  const a = v[n];
  if ((cpu.fpcr & FPCR_SLOW) === 0 && a > 0 && a <= MAX64) {
    const f = Math.fround(Math.sqrt(a));
    if (f * f !== a) cpu.fpsr |= FPSR_IXC; // the root of a single is never tiny
    v[d] = f;
    return;
  }
  slow32(cpu, d, fpSqrtSlow(cpu, SINGLE, b32(cpu, n)));
}

// ------------------------------------------------------------------ fused multiply-add

/**
 * addend + op1*op2 with one rounding (FMADD and friends: negA negates the addend,
 * negP the product, both before any NaN processing, as FPNeg on the operands does).
 *
 * binary64 uses Boldo & Melquiond's emulation ("Emulation of FMA and correctly rounded
 * sums: proved algorithms using rounding to odd", IEEE TC 2008): uh + ul = x*y exactly,
 * th + tl = c + uh exactly, v = RO(tl + ul), result = RN(th + v). Rounding to odd keeps
 * a sticky bit so the final rounding is the correct one.
 */
export function fma64(cpu: Cpu, d: number, a: number, n: number, m: number, negA: number, negP: number): void {
  const f = cpu.vF64;
  const c = negA ? -f[a] : f[a];
  const x = negP ? -f[n] : f[n];
  const y = f[m];
  const uh = x * y;
  const auh = Math.abs(uh);
  if (
    (cpu.fpcr & FPCR_SLOW) === 0 &&
    auh >= TINY_SAFE &&
    auh <= MAX64 &&
    Math.abs(x) < SPLIT_SAFE &&
    Math.abs(y) < SPLIT_SAFE &&
    c - c === 0
  ) {
    const ul = productError(x, y, uh);
    const th = c + uh;
    let bb = th - c;
    const tl = c - (th - bb) + (uh - bb);
    let v = tl + ul;
    bb = v - tl;
    const ve = tl - (v - bb) + (ul - bb);
    if (ve !== 0) v = toOdd(v, ve);
    const z = th + v;
    const az = Math.abs(z);
    if (az >= TINY_SAFE && az <= MAX64) {
      bb = z - th;
      // An inexact RO step means th + tl + ul needs more than 53 bits: z cannot be exact.
      if (ve !== 0 || th - (z - bb) + (v - bb) !== 0) cpu.fpsr |= FPSR_IXC;
      f[d] = z;
      return;
    }
  }
  let bA = b64(cpu, a);
  let b1 = b64(cpu, n);
  if (negA) bA = fpNegBits(DOUBLE, bA);
  if (negP) b1 = fpNegBits(DOUBLE, b1);
  slow64(cpu, d, fpMulAddSlow(cpu, DOUBLE, bA, b1, b64(cpu, m)));
}

/**
 * binary32: the product is exact in double and the sum's error is exact (TwoSum), so
 * repairing the double sum to round-to-odd gives a value whose rounding to single is
 * the correctly rounded fused result (53 >= 24 + 2).
 */
export function fma32(cpu: Cpu, d: number, a: number, n: number, m: number, negA: number, negP: number): void {
  const f = cpu.vF32;
  const c = negA ? -f[a] : f[a];
  const p = (negP ? -f[n] : f[n]) * f[m];
  let s = p + c;
  if ((cpu.fpcr & FPCR_SLOW) === 0 && s - s === 0 && s !== 0) {
    const bb = s - p;
    const e = p - (s - bb) + (c - bb);
    if (e !== 0) s = toOdd(s, e);
    const r = Math.fround(s);
    if (r - r === 0) {
      if (r !== s) cpu.fpsr |= Math.abs(s) < MIN_NORMAL32 ? FPSR_IXC | FPSR_UFC : FPSR_IXC;
      f[d] = r;
      return;
    }
  }
  let bA = b32(cpu, a);
  let b1 = b32(cpu, n);
  if (negA) bA = fpNegBits(SINGLE, bA);
  if (negP) b1 = fpNegBits(SINGLE, b1);
  slow32(cpu, d, fpMulAddSlow(cpu, SINGLE, bA, b1, b32(cpu, m)));
}

// ------------------------------------------------------------------ min / max

function minMax(kind: MinMax, fmt: FpFormat): FpBinOp {
  const isMax = kind === MinMax.Max || kind === MinMax.MaxNum;
  const pick = isMax ? Math.max : Math.min; // Math.max(+0, -0) = +0, Math.min = -0: as FPMax/FPMin
  if (fmt.N === 64) {
    return (cpu, d, n, m) => {
      const f = cpu.vF64;
      const r = pick(f[n], f[m]);
      if (r === r && (cpu.fpcr & FPCR_FZ) === 0) f[d] = r;
      else slow64(cpu, d, fpMinMaxSlow(cpu, DOUBLE, b64(cpu, n), b64(cpu, m), kind));
    };
  }
  return (cpu, d, n, m) => {
    const f = cpu.vF32;
    const r = pick(f[n], f[m]);
    if (r === r && (cpu.fpcr & FPCR_FZ) === 0) f[d] = r;
    else slow32(cpu, d, fpMinMaxSlow(cpu, SINGLE, b32(cpu, n), b32(cpu, m), kind));
  };
}

export const fmax64 = minMax(MinMax.Max, DOUBLE);
export const fmin64 = minMax(MinMax.Min, DOUBLE);
export const fmaxnm64 = minMax(MinMax.MaxNum, DOUBLE);
export const fminnm64 = minMax(MinMax.MinNum, DOUBLE);
export const fmax32 = minMax(MinMax.Max, SINGLE);
export const fmin32 = minMax(MinMax.Min, SINGLE);
export const fmaxnm32 = minMax(MinMax.MaxNum, SINGLE);
export const fminnm32 = minMax(MinMax.MinNum, SINGLE);

// ------------------------------------------------------------------ compare

/**
 * FPCompare as NZCV (4-bit): 0110 equal, 1000 less, 0010 greater, 0011 unordered.
 * `b` is the second operand's element index, or -1 to compare with +0.0.
 */
export function fcmp64(cpu: Cpu, n: number, m: number, signalAll: boolean): number {
  const f = cpu.vF64;
  const a = f[n];
  const b = m < 0 ? 0 : f[m];
  if (a === a && b === b && (cpu.fpcr & FPCR_FZ) === 0) return a === b ? 0b0110 : a < b ? 0b1000 : 0b0010;
  return fpCompareSlow(cpu, DOUBLE, b64(cpu, n), m < 0 ? 0n : b64(cpu, m), signalAll);
}

export function fcmp32(cpu: Cpu, n: number, m: number, signalAll: boolean): number {
  const f = cpu.vF32;
  const a = f[n];
  const b = m < 0 ? 0 : f[m];
  if (a === a && b === b && (cpu.fpcr & FPCR_FZ) === 0) return a === b ? 0b0110 : a < b ? 0b1000 : 0b0010;
  return fpCompareSlow(cpu, SINGLE, b32(cpu, n), m < 0 ? 0n : b32(cpu, m), signalAll);
}
