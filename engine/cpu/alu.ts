/**
 * Integer arithmetic shared by the data-processing handlers, on 64-bit values held as
 * (lo, hi) int32 pairs the way the register file stores them.
 *
 * Everything here runs on the hot path: no allocation and no BigInt (except the
 * decode-time `decodeBitMasks`). Functions that produce a 64-bit value write it to
 * `pair` (low half in pair[0], high half in pair[1]); the caller copies it out at once.
 */
import type { Cpu } from './cpu';

/** Result of the functions that produce a 64-bit value: [0] low half, [1] high half. */
export const pair = new Int32Array(2);

const TWO32 = 4294967296;

// ------------------------------------------------------------------ add with carry

/**
 * AddWithCarry(a, b, cin) for 64 bits: writes the sum to register slot `d` and sets NZCV.
 * Subtraction passes ~b and cin = 1, as the Arm ARM does.
 */
export function addFlags64(cpu: Cpu, d: number, alo: number, ahi: number, blo: number, bhi: number, cin: number): void {
  const sLo = (alo >>> 0) + (blo >>> 0) + cin;
  const sHi = (ahi >>> 0) + (bhi >>> 0) + (sLo > 0xffffffff ? 1 : 0);
  const rLo = sLo | 0;
  const rHi = sHi | 0;
  const x = cpu.x;
  x[2 * d] = rLo;
  x[2 * d + 1] = rHi;
  cpu.n = rHi >>> 31;
  cpu.z = (rLo | rHi) === 0 ? 1 : 0;
  cpu.c = sHi > 0xffffffff ? 1 : 0;
  cpu.v = ((ahi ^ rHi) & (bhi ^ rHi)) >>> 31;
}

/** AddWithCarry for 32 bits: writes the zero-extended sum to slot `d` and sets NZCV. */
export function addFlags32(cpu: Cpu, d: number, a: number, b: number, cin: number): void {
  const s = (a >>> 0) + (b >>> 0) + cin;
  const r = s | 0;
  const x = cpu.x;
  x[2 * d] = r;
  x[2 * d + 1] = 0;
  cpu.n = r >>> 31;
  cpu.z = r === 0 ? 1 : 0;
  cpu.c = s > 0xffffffff ? 1 : 0;
  cpu.v = ((a ^ r) & (b ^ r)) >>> 31;
}

/** NZCV after a flag-setting logical operation (C and V cleared). */
export function logicFlags64(cpu: Cpu, lo: number, hi: number): void {
  cpu.n = hi >>> 31;
  cpu.z = (lo | hi) === 0 ? 1 : 0;
  cpu.c = 0;
  cpu.v = 0;
}

export function logicFlags32(cpu: Cpu, r: number): void {
  cpu.n = r >>> 31;
  cpu.z = r === 0 ? 1 : 0;
  cpu.c = 0;
  cpu.v = 0;
}

/** Set NZCV from a 4-bit immediate (CCMP/CCMN when the condition fails). */
export function setNzcv4(cpu: Cpu, f: number): void {
  cpu.n = (f >> 3) & 1;
  cpu.z = (f >> 2) & 1;
  cpu.c = (f >> 1) & 1;
  cpu.v = f & 1;
}

// ------------------------------------------------------------------ shifts

/** Shift types as encoded in the `shift` field. */
export const SHIFT_LSL = 0;
export const SHIFT_LSR = 1;
export const SHIFT_ASR = 2;
export const SHIFT_ROR = 3;

/** (lo, hi) << n for n in 0..63, into `pair`. */
export function lsl64(lo: number, hi: number, n: number): void {
  if (n === 0) {
    pair[0] = lo;
    pair[1] = hi;
  } else if (n < 32) {
    pair[0] = lo << n;
    pair[1] = (hi << n) | (lo >>> (32 - n));
  } else {
    pair[0] = 0;
    pair[1] = lo << (n - 32);
  }
}

/** Logical (lo, hi) >> n for n in 0..63, into `pair`. */
export function lsr64(lo: number, hi: number, n: number): void {
  if (n === 0) {
    pair[0] = lo;
    pair[1] = hi;
  } else if (n < 32) {
    pair[0] = (lo >>> n) | (hi << (32 - n));
    pair[1] = hi >>> n;
  } else {
    pair[0] = hi >>> (n - 32);
    pair[1] = 0;
  }
}

/** Arithmetic (lo, hi) >> n for n in 0..63, into `pair`. */
export function asr64(lo: number, hi: number, n: number): void {
  if (n === 0) {
    pair[0] = lo;
    pair[1] = hi;
  } else if (n < 32) {
    pair[0] = (lo >>> n) | (hi << (32 - n));
    pair[1] = hi >> n;
  } else {
    pair[0] = hi >> (n - 32);
    pair[1] = hi >> 31;
  }
}

/** (lo, hi) rotated right by n for n in 0..63, into `pair`. */
export function ror64(lo: number, hi: number, n: number): void {
  if (n === 0) {
    pair[0] = lo;
    pair[1] = hi;
  } else if (n < 32) {
    pair[0] = (lo >>> n) | (hi << (32 - n));
    pair[1] = (hi >>> n) | (lo << (32 - n));
  } else if (n === 32) {
    pair[0] = hi;
    pair[1] = lo;
  } else {
    const k = n - 32;
    pair[0] = (hi >>> k) | (lo << (32 - k));
    pair[1] = (lo >>> k) | (hi << (32 - k));
  }
}

/** ShiftReg for 64 bits: `type` is SHIFT_*, n in 0..63; result in `pair`. */
export function shift64(lo: number, hi: number, type: number, n: number): void {
  switch (type) {
    case SHIFT_LSL:
      lsl64(lo, hi, n);
      return;
    case SHIFT_LSR:
      lsr64(lo, hi, n);
      return;
    case SHIFT_ASR:
      asr64(lo, hi, n);
      return;
    default:
      ror64(lo, hi, n);
  }
}

/** ShiftReg for 32 bits, n in 0..31 (JS shift counts are taken mod 32, which is exact here). */
export function shift32(v: number, type: number, n: number): number {
  switch (type) {
    case SHIFT_LSL:
      return v << n;
    case SHIFT_LSR:
      return (v >>> n) | 0;
    case SHIFT_ASR:
      return v >> n;
    default:
      return (v >>> n) | (v << (32 - n)); // n = 0: v << 32 is v << 0, so the result is v
  }
}

/**
 * ExtendReg for 64 bits: option 0..7 = UXTB, UXTH, UXTW, UXTX, SXTB, SXTH, SXTW, SXTX,
 * then LSL by `sh` (0..4). Result in `pair`.
 */
export function extend64(lo: number, hi: number, option: number, sh: number): void {
  let l: number;
  let h: number;
  switch (option) {
    case 0:
      l = lo & 0xff;
      h = 0;
      break;
    case 1:
      l = lo & 0xffff;
      h = 0;
      break;
    case 2:
      l = lo;
      h = 0;
      break;
    case 4:
      l = (lo << 24) >> 24;
      h = l >> 31;
      break;
    case 5:
      l = (lo << 16) >> 16;
      h = l >> 31;
      break;
    case 6:
      l = lo;
      h = lo >> 31;
      break;
    default: // UXTX, SXTX
      l = lo;
      h = hi;
  }
  lsl64(l, h, sh);
}

/** ExtendReg for 32 bits (the low word of the 64-bit extension), then LSL by `sh`. */
export function extend32(v: number, option: number, sh: number): number {
  switch (option) {
    case 0:
      return (v & 0xff) << sh;
    case 1:
      return (v & 0xffff) << sh;
    case 4:
      return ((v << 24) >> 24) << sh;
    case 5:
      return ((v << 16) >> 16) << sh;
    default: // UXTW, UXTX, SXTW, SXTX: all 32 bits
      return v << sh;
  }
}

// ------------------------------------------------------------------ multiply

/**
 * `mulU32`'s result: [0] low, [1] high word. A typed array rather than two module
 * variables: V8 would box every double stored to a variable in a fresh heap number.
 */
const mw = new Int32Array(2);

/** Unsigned 32 x 32 -> 64 product of int32 bit patterns into `mw`, from 16-bit halves (every step exact). */
function mulU32(a: number, b: number): void {
  const a0 = a & 0xffff;
  const a1 = a >>> 16;
  const b0 = b & 0xffff;
  const b1 = b >>> 16;
  const p01 = a0 * b1; // each partial product < 2^32
  const p10 = a1 * b0;
  const mid = ((a0 * b0) >>> 16) + (p01 & 0xffff) + (p10 & 0xffff); // < 2^18
  mw[0] = Math.imul(a, b);
  mw[1] = (a1 * b1 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16)) | 0; // the exact high word, < 2^32
}

/** Low 64 bits of (alo, ahi) * (blo, bhi), into `pair`. */
export function mul64(alo: number, ahi: number, blo: number, bhi: number): void {
  mulU32(alo, blo);
  pair[0] = mw[0];
  pair[1] = (mw[1] + Math.imul(alo, bhi) + Math.imul(ahi, blo)) | 0;
}

/** High 64 bits of the unsigned 128-bit product, into `pair`. */
export function umulh64(alo: number, ahi: number, blo: number, bhi: number): void {
  mulU32(alo, blo);
  const llHi = mw[1] >>> 0;
  mulU32(alo, bhi);
  const lhLo = mw[0] >>> 0;
  const lhHi = mw[1] >>> 0;
  mulU32(ahi, blo);
  const hlLo = mw[0] >>> 0;
  const hlHi = mw[1] >>> 0;
  mulU32(ahi, bhi);
  // Column sums in doubles (each < 2^35, exact); carry between 32-bit columns.
  const col1 = llHi + lhLo + hlLo;
  const col2 = (mw[0] >>> 0) + lhHi + hlHi + Math.floor(col1 / TWO32);
  const c2 = Math.floor(col2 / TWO32);
  pair[0] = col2 | 0; // ToInt32 reduces mod 2^32 exactly
  pair[1] = ((mw[1] >>> 0) + c2) | 0;
}

/** High 64 bits of the signed 128-bit product, into `pair`. */
export function smulh64(alo: number, ahi: number, blo: number, bhi: number): void {
  umulh64(alo, ahi, blo, bhi);
  // Signed high = unsigned high - (a < 0 ? b : 0) - (b < 0 ? a : 0), mod 2^64.
  let lo = pair[0];
  let hi = pair[1];
  if (ahi < 0) {
    const s = (lo >>> 0) - (blo >>> 0);
    hi = (hi - bhi - (s < 0 ? 1 : 0)) | 0;
    lo = s | 0;
  }
  if (bhi < 0) {
    const s = (lo >>> 0) - (alo >>> 0);
    hi = (hi - ahi - (s < 0 ? 1 : 0)) | 0;
    lo = s | 0;
  }
  pair[0] = lo;
  pair[1] = hi;
}

// ------------------------------------------------------------------ divide

/**
 * Unsigned 64-bit division (divide by zero gives 0, as A64 UDIV does), into `pair`.
 * Exact in doubles throughout: operands below 2^53 divide directly; otherwise a small
 * divisor divides in two 32-bit steps, a medium one corrects a floating-point estimate,
 * and a divisor of 2^61 or more leaves a quotient below 8.
 */
export function udiv64(nlo: number, nhi: number, dlo: number, dhi: number): void {
  const nh = nhi >>> 0;
  const nl = nlo >>> 0;
  const dh = dhi >>> 0;
  const dl = dlo >>> 0;
  if (dh === 0 && dl === 0) {
    pair[0] = 0;
    pair[1] = 0;
  } else if (nh < 0x200000) {
    // n < 2^53: either d < 2^53 too and the floor of the rounded quotient is exact
    // (its rounding error stays below 1/d), or d > n and the quotient is 0.
    const q = dh < 0x200000 ? Math.floor((nh * TWO32 + nl) / (dh * TWO32 + dl)) : 0;
    pair[0] = q | 0;
    pair[1] = (q / TWO32) | 0;
  } else if (dh === 0 && dl < 0x200000) {
    const qh = Math.floor(nh / dl);
    const r = nh - qh * dl; // < 2^21, so r:nl < 2^53
    pair[0] = Math.floor((r * TWO32 + nl) / dl) | 0;
    pair[1] = qh | 0;
  } else if (dh < 0x20000000) {
    udivEstimate(nl, nh, dl, dh);
  } else {
    let q = 0;
    let rh = nh;
    let rl = nl;
    while (rh > dh || (rh === dh && rl >= dl)) {
      const s = rl - dl;
      rh = rh - dh - (s < 0 ? 1 : 0);
      rl = s < 0 ? s + TWO32 : s;
      q++;
    }
    pair[0] = q;
    pair[1] = 0;
  }
}

/**
 * 2^21 <= d < 2^61, n >= 2^53: the quotient is below 2^43, so the double estimate is
 * within 1 of it; the remainder n - q*d (exact mod 2^64, and below 2^62 in magnitude)
 * says which way to correct.
 */
function udivEstimate(nl: number, nh: number, dl: number, dh: number): void {
  let q = Math.floor((nh * TWO32 + nl) / (dh * TWO32 + dl));
  for (;;) {
    const qh = Math.floor(q / TWO32);
    mul64(q - qh * TWO32, qh, dl, dh);
    const s = nl - (pair[0] >>> 0);
    const rh = (nh - (pair[1] >>> 0) - (s < 0 ? 1 : 0)) | 0;
    const rl = s < 0 ? s + TWO32 : s;
    if (rh < 0) q--;
    else if (rh > dh || (rh === dh && rl >= dl)) q++;
    else break;
  }
  pair[0] = q | 0;
  pair[1] = (q / TWO32) | 0;
}

/** Signed 64-bit division rounding toward zero; x / 0 = 0 and INT64_MIN / -1 = INT64_MIN. */
export function sdiv64(nlo: number, nhi: number, dlo: number, dhi: number): void {
  const nNeg = nhi < 0;
  const dNeg = dhi < 0;
  if (nNeg) {
    nlo = -nlo | 0;
    nhi = (~nhi + (nlo === 0 ? 1 : 0)) | 0;
  }
  if (dNeg) {
    dlo = -dlo | 0;
    dhi = (~dhi + (dlo === 0 ? 1 : 0)) | 0;
  }
  udiv64(nlo, nhi, dlo, dhi);
  if (nNeg !== dNeg) {
    const lo = -pair[0] | 0;
    pair[1] = ~pair[1] + (lo === 0 ? 1 : 0);
    pair[0] = lo;
  }
}

// ------------------------------------------------------------------ bit manipulation

/** Reverse the bits of a 32-bit value. */
export function rbit32(v: number): number {
  v = ((v >>> 1) & 0x55555555) | ((v & 0x55555555) << 1);
  v = ((v >>> 2) & 0x33333333) | ((v & 0x33333333) << 2);
  v = ((v >>> 4) & 0x0f0f0f0f) | ((v & 0x0f0f0f0f) << 4);
  v = ((v >>> 8) & 0x00ff00ff) | ((v & 0x00ff00ff) << 8);
  return (v >>> 16) | (v << 16);
}

/** Reverse the bytes of a 32-bit value. */
export function bswap32(v: number): number {
  return (v >>> 24) | ((v >> 8) & 0xff00) | ((v & 0xff00) << 8) | (v << 24);
}

/** Swap the bytes within each 16-bit halfword. */
export function rev16w(v: number): number {
  return ((v >>> 8) & 0x00ff00ff) | ((v & 0x00ff00ff) << 8);
}

/** CountLeadingSignBits for 32 bits: leading bits after the sign bit equal to it. */
export function cls32(v: number): number {
  return Math.clz32(v ^ (v >> 1)) - 1;
}

/** CountLeadingZeroBits for 64 bits. */
export function clz64(lo: number, hi: number): number {
  return hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(lo);
}

/** CountLeadingSignBits for 64 bits. */
export function cls64(lo: number, hi: number): number {
  // x XOR (x >> 1) has a zero top bit; its leading zeros minus one count the sign copies.
  return clz64(lo ^ ((lo >>> 1) | (hi << 31)), hi ^ (hi >> 1)) - 1;
}

// ------------------------------------------------------------------ CRC32

function crcTable(poly: number): Int32Array {
  const t = new Int32Array(256);
  for (let b = 0; b < 256; b++) {
    let c = b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ poly : c >>> 1;
    t[b] = c;
  }
  return t;
}

/** Byte tables for the bit-reflected CRC-32 (ISO-HDLC, 0x04C11DB7) and CRC-32C (Castagnoli, 0x1EDC6F41). */
export const CRC32_TABLE = crcTable(0xedb88320);
export const CRC32C_TABLE = crcTable(0x82f63b78);

/**
 * The CRC32* instructions' accumulate step: `bytes` (1, 2 or 4) low bytes of `val`,
 * least significant first, with no pre- or post-inversion.
 */
export function crc32Update(table: Int32Array, acc: number, val: number, bytes: number): number {
  for (let k = 0; k < bytes; k++) {
    acc = table[(acc ^ val) & 0xff] ^ (acc >>> 8);
    val >>>= 8;
  }
  return acc;
}

// ------------------------------------------------------------------ bitmask immediates (decode time)

export interface BitMasks {
  /** The rotated, replicated element (the logical immediate; BFM's source mask). */
  readonly wmask: bigint;
  /** The unrotated run of d + 1 ones (BFM's destination mask). */
  readonly tmask: bigint;
}

/**
 * DecodeBitMasks(immN, imms, immr, immediate, datasize) from the Arm ARM, or null where
 * the combination is reserved: no element size (N:NOT(imms) has no set bit below bit 1), an
 * element wider than the datasize, or — for logical immediates — an all-ones element.
 */
export function decodeBitMasks(immN: number, imms: number, immr: number, immediate: boolean, datasize: 32 | 64): BitMasks | null {
  const combined = (immN << 6) | (~imms & 0x3f);
  if (combined === 0) return null;
  const len = 31 - Math.clz32(combined);
  if (len < 1) return null;
  const esize = 1 << len;
  if (esize > datasize) return null;
  const levels = esize - 1;
  if (immediate && (imms & levels) === levels) return null;
  const s = imms & levels;
  const r = immr & levels;
  const diff = (s - r) & levels;
  const emask = (1n << BigInt(esize)) - 1n;
  const welem = (1n << BigInt(s + 1)) - 1n;
  const telem = (1n << BigInt(diff + 1)) - 1n;
  const wrot = r === 0 ? welem : ((welem >> BigInt(r)) | (welem << BigInt(esize - r))) & emask;
  let wmask = 0n;
  let tmask = 0n;
  for (let k = 0; k < datasize; k += esize) {
    wmask |= wrot << BigInt(k);
    tmask |= telem << BigInt(k);
  }
  return { wmask, tmask };
}

/** Low / high int32 halves of a 64-bit BigInt (decode time). */
export function bigLo(v: bigint): number {
  return Number(BigInt.asUintN(32, v)) | 0;
}
export function bigHi(v: bigint): number {
  return Number(BigInt.asUintN(32, v >> 32n)) | 0;
}
