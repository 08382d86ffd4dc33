/**
 * FP conversions: FP -> integer (FPToFixed: FCVT[NAMPZ][SU], fixed-point too),
 * integer -> FP (FixedToFP: SCVTF/UCVTF), round to integral (FPRoundInt: FRINT*),
 * and between precisions (FPConvert: FCVT).
 *
 * Values travel as JS numbers: every single, double and int32 is exact in a double, and
 * a 64-bit integer is hi * 2^32 + lo, whose one rounded addition plus its exact error
 * (TwoSum) describes it completely. Rounding a 64-bit integer to single goes through
 * round-to-odd in double so there is no double-rounding error.
 */
import type { Cpu } from './cpu';
import {
  DOUBLE,
  FPCR_AHP,
  FPCR_DN,
  FPCR_FZ,
  FPCR_SLOW,
  FPSR_IDC,
  FPSR_IOC,
  FPSR_IXC,
  FPSR_OFC,
  FPSR_UFC,
  FpFormat,
  FpType,
  Rnd,
  SINGLE,
  Unpacked,
  flushes,
  fpDefaultNaN,
  fpInfinity,
  fpRound,
  fpZero,
  fpcrRounding,
  processNaN,
  readElemBits,
  roundDoubleTo,
  unpack,
  writeElemBits,
} from './fpu';
import { toOdd } from './fpuOps';

const TWO32 = 4294967296;
const TWO52 = 2 ** 52;
const MIN_NORMAL32 = 2 ** -126;
const MIN_NORMAL64 = 2 ** -1022;

/** Integer results of FP -> integer conversions: [lo, hi] as int32. */
export const cvtOut = new Int32Array(2);

/** Round a double to an integral double per FPRounding (FPToFixed / FPRoundInt). */
export function roundToIntegral(v: number, rnd: Rnd): number {
  if (!(Math.abs(v) < TWO52)) return v; // already integral (or infinite)
  switch (rnd) {
    case Rnd.PosInf:
      return Math.ceil(v);
    case Rnd.NegInf:
      return Math.floor(v);
    case Rnd.Zero:
      return Math.trunc(v);
  }
  const fl = Math.floor(v);
  const diff = v - fl; // exact below 2^52
  if (diff > 0.5) return fl + 1;
  if (diff < 0.5) return fl;
  if (rnd === Rnd.TieAway) return fl >= 0 ? fl + 1 : fl;
  return fl % 2 === 0 ? fl : fl + 1;
}

/**
 * FPToFixed: `x` (the exact value of a single or double; `src64` says which, for FZ) to
 * a 32- or 64-bit integer with `fbits` fraction bits. NaN gives 0 and IOC, out-of-range
 * values saturate with IOC, inexact in-range results raise IXC. Result in `cvtOut`.
 */
export function fpToInt(cpu: Cpu, x: number, src64: boolean, rnd: Rnd, unsigned: boolean, to64: boolean, fbits: number): void {
  const out = cvtOut;
  if (x !== x) {
    cpu.fpsr |= FPSR_IOC;
    out[0] = out[1] = 0;
    return;
  }
  if ((cpu.fpcr & FPCR_FZ) !== 0 && x !== 0 && Math.abs(x) < (src64 ? MIN_NORMAL64 : MIN_NORMAL32)) {
    cpu.fpsr |= FPSR_IDC;
    x = 0;
  }
  const v = fbits === 0 ? x : x * 2 ** fbits; // scaling by a power of two is exact (or overflows to a saturating infinity)
  const r = roundToIntegral(v, rnd);
  let lo: number;
  let hi: number;
  if (unsigned) {
    if (r < 0) {
      cpu.fpsr |= FPSR_IOC;
      out[0] = out[1] = 0;
      return;
    }
    if (r >= (to64 ? 2 ** 64 : TWO32)) {
      cpu.fpsr |= FPSR_IOC;
      out[0] = -1;
      out[1] = to64 ? -1 : 0;
      return;
    }
  } else {
    const lim = to64 ? 2 ** 63 : 2 ** 31;
    if (r >= lim || r < -lim) {
      cpu.fpsr |= FPSR_IOC;
      if (to64) {
        out[0] = r > 0 ? -1 : 0;
        out[1] = r > 0 ? 0x7fffffff : -0x80000000;
      } else {
        out[0] = r > 0 ? 0x7fffffff : -0x80000000;
        out[1] = 0;
      }
      return;
    }
  }
  if (r !== v) cpu.fpsr |= FPSR_IXC;
  const mag = Math.abs(r);
  hi = Math.floor(mag / TWO32);
  lo = mag - hi * TWO32;
  if (r < 0) {
    // Two's complement negation of the 64-bit magnitude.
    hi = ~hi + (lo === 0 ? 1 : 0);
    lo = -lo;
  }
  out[0] = lo | 0;
  out[1] = to64 ? hi | 0 : 0;
}

// ------------------------------------------------------------------ rounding a double to single

const f32 = new Float32Array(1);
const f32Bits = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1);
const f64Bits = new Int32Array(f64.buffer);

function bitsToSingle(bits: bigint): number {
  f32Bits[0] = Number(bits);
  return f32[0];
}
function bitsToDouble(bits: bigint): number {
  f64Bits[0] = Number(bits & 0xffffffffn) | 0;
  f64Bits[1] = Number(bits >> 32n) | 0;
  return f64[0];
}

/**
 * Round `x` to single precision under FPCR (mode, FZ), with flags. `x` is the exact value
 * or its round-to-odd approximation (at least two bits beyond single's 24), so the
 * result and flags are those of the exact value. Never a NaN.
 */
export function roundToSingle(cpu: Cpu, x: number): number {
  if ((cpu.fpcr & FPCR_SLOW) === 0) {
    const f = Math.fround(x);
    if (f !== x) {
      cpu.fpsr |= FPSR_IXC;
      if (f - f !== 0) cpu.fpsr |= FPSR_OFC;
      else if (Math.abs(x) < MIN_NORMAL32) cpu.fpsr |= FPSR_UFC;
    }
    return f;
  }
  return bitsToSingle(roundDoubleTo(cpu, x, SINGLE, fpcrRounding(cpu.fpcr), flushes(SINGLE, cpu.fpcr)));
}

/**
 * FixedToFP: the integer (lo, hi) — 32-bit when !from64 — scaled by 2^-fbits, rounded to
 * single or double under FPCR. Returns the value (never NaN).
 */
export function intToFp(cpu: Cpu, lo: number, hi: number, signed: boolean, from64: boolean, to64: boolean, fbits: number): number {
  const scale = fbits === 0 ? 1 : 2 ** -fbits; // |int| >= 1, so scaled values stay normal
  if (!from64) {
    const v = (signed ? lo | 0 : lo >>> 0) * scale; // exact
    return to64 ? v : roundToSingle(cpu, v);
  }
  const h = (signed ? hi | 0 : hi >>> 0) * TWO32;
  const l = lo >>> 0;
  const s = h + l;
  const bb = s - h;
  const err = h - (s - bb) + (l - bb);
  if (!to64) return roundToSingle(cpu, (err === 0 ? s : toOdd(s, err)) * scale);
  if ((cpu.fpcr & FPCR_SLOW) === 0 || err === 0) {
    if (err !== 0) cpu.fpsr |= FPSR_IXC;
    return s * scale;
  }
  // Directed rounding of an inexact 64-bit integer: round the exact value.
  const neg = signed && hi < 0;
  let mag = (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
  if (neg) mag = (1n << 64n) - mag;
  return bitsToDouble(fpRound(cpu, neg ? 1 : 0, mag, -fbits, DOUBLE, fpcrRounding(cpu.fpcr), false));
}

// ------------------------------------------------------------------ round to integral

/**
 * FPRoundInt on element `n` into `d` (same format): NaNs propagate, zeros and infinities
 * pass through, a zero result keeps the operand's sign; FRINTX (`exact`) raises IXC.
 */
export function frint(cpu: Cpu, fmt: FpFormat, d: number, n: number, rnd: Rnd, exact: boolean): void {
  const is64 = fmt.N === 64;
  const x = is64 ? cpu.vF64[n] : cpu.vF32[n];
  if (x !== x) {
    writeElemBits(cpu, fmt, d, processNaN(cpu, unpack(cpu, readElemBits(cpu, fmt, n), fmt), fmt));
    return;
  }
  let v = x;
  if ((cpu.fpcr & FPCR_FZ) !== 0 && v !== 0 && Math.abs(v) < (is64 ? MIN_NORMAL64 : MIN_NORMAL32)) {
    cpu.fpsr |= FPSR_IDC;
    v = v < 0 ? -0 : 0;
  }
  let r = roundToIntegral(v, rnd);
  if (r === 0) r = v < 0 || Object.is(v, -0) ? -0 : 0;
  if (exact && r !== v) cpu.fpsr |= FPSR_IXC;
  if (is64) cpu.vF64[d] = r;
  else cpu.vF32[d] = r;
}

// ------------------------------------------------------------------ between precisions

/**
 * FPConvert of element `n` (format `from`) to element `d` (format `to`), rounding with
 * FPCR's mode. NaNs keep sign and the top of their payload and are quieted.
 */
export function fcvt(cpu: Cpu, from: FpFormat, to: FpFormat, d: number, n: number): void {
  if (from.N === 32 && to.N === 64 && (cpu.fpcr & FPCR_FZ) === 0) {
    const x = cpu.vF32[n];
    if (x === x) {
      cpu.vF64[d] = x; // exact
      return;
    }
  } else if (from.N === 64 && to.N === 32) {
    const x = cpu.vF64[n];
    if (x - x === 0 && (cpu.fpcr & FPCR_FZ) === 0) {
      cpu.vF32[d] = roundToSingle(cpu, x);
      return;
    }
  }
  writeElemBits(cpu, to, d, fcvtSlow(cpu, from, to, readElemBits(cpu, from, n)));
}

function fcvtSlow(cpu: Cpu, from: FpFormat, to: FpFormat, bits: bigint): bigint {
  // Half precision ignores FZ16 in conversions (FPUnpackCV / FPRoundCV) and honours AHP.
  const fpcr = cpu.fpcr;
  const ahpIn = from.N === 16 && (fpcr & FPCR_AHP) !== 0;
  const ahpOut = to.N === 16 && (fpcr & FPCR_AHP) !== 0;
  const u = ahpIn ? unpackAltHalf(bits) : unpack(cpu, bits, from, from.N !== 16 && flushes(from, fpcr));
  switch (u.type) {
    case FpType.SNaN:
    case FpType.QNaN: {
      if (u.type === FpType.SNaN || ahpOut) cpu.fpsr |= FPSR_IOC;
      if (ahpOut) return fpZero(to, u.sign);
      if ((fpcr & FPCR_DN) !== 0) return fpDefaultNaN(to);
      // FPConvertNaN: sign, all-ones exponent, quiet bit, then the payload's top bits.
      const payload = bits & ((1n << BigInt(from.F - 1)) - 1n);
      const shift = BigInt(from.F - to.F);
      const frac = shift >= 0n ? payload >> shift : payload << -shift;
      return (BigInt(u.sign) << BigInt(to.N - 1)) | fpDefaultNaN(to) | frac;
    }
    case FpType.Infinity:
      if (ahpOut) {
        cpu.fpsr |= FPSR_IOC;
        return fpZero(to, u.sign) | 0x7fffn;
      }
      return fpInfinity(to, u.sign);
    case FpType.Zero:
      return fpZero(to, u.sign);
  }
  const fz = to.N !== 16 && flushes(to, fpcr);
  return fpRound(cpu, u.sign, u.mant, u.exp, to, fpcrRounding(fpcr), fz, ahpOut);
}

/** FPUnpack of an alternative-half-precision value: no infinities or NaNs, never flushed. */
function unpackAltHalf(bits: bigint): Unpacked {
  const sign = Number(bits >> 15n) & 1;
  const exp = Number((bits >> 10n) & 31n);
  const frac = bits & 0x3ffn;
  if (exp === 0) {
    return frac === 0n
      ? { type: FpType.Zero, sign, mant: 0n, exp: 0, bits }
      : { type: FpType.Finite, sign, mant: frac, exp: -24, bits };
  }
  return { type: FpType.Finite, sign, mant: frac | 0x400n, exp: exp - 25, bits };
}
