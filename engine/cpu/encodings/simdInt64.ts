/**
 * 64-bit lane arithmetic on (lo, hi) int32 halves for the Advanced SIMD integer
 * instructions, without BigInt. Results go to `R64` ([lo, hi]).
 */
export const R64 = new Int32Array(2);

export function set64(lo: number, hi: number): void {
  R64[0] = lo;
  R64[1] = hi;
}

export function add64(alo: number, ahi: number, blo: number, bhi: number): void {
  const lo = (alo >>> 0) + (blo >>> 0);
  R64[0] = lo | 0;
  R64[1] = (ahi + bhi + (lo > 0xffffffff ? 1 : 0)) | 0;
}

export function sub64(alo: number, ahi: number, blo: number, bhi: number): void {
  const lo = (alo >>> 0) - (blo >>> 0);
  R64[0] = lo | 0;
  R64[1] = (ahi - bhi - (lo < 0 ? 1 : 0)) | 0;
}

/** Signed a > b. */
export function gt64s(alo: number, ahi: number, blo: number, bhi: number): boolean {
  return ahi !== bhi ? ahi > bhi : alo >>> 0 > blo >>> 0;
}
/** Unsigned a > b. */
export function gt64u(alo: number, ahi: number, blo: number, bhi: number): boolean {
  return ahi !== bhi ? ahi >>> 0 > bhi >>> 0 : alo >>> 0 > blo >>> 0;
}

/** Logical shift left by s (any non-negative amount; >= 64 gives 0). */
export function shl64(lo: number, hi: number, s: number): void {
  if (s === 0) set64(lo, hi);
  else if (s < 32) set64(lo << s, (hi << s) | (lo >>> (32 - s)));
  else if (s < 64) set64(0, lo << (s - 32));
  else set64(0, 0);
}

/** Logical shift right by s (>= 64 gives 0). */
export function lsr64(lo: number, hi: number, s: number): void {
  if (s === 0) set64(lo, hi);
  else if (s < 32) set64((lo >>> s) | (hi << (32 - s)), hi >>> s);
  else if (s < 64) set64(hi >>> (s - 32), 0);
  else set64(0, 0);
}

/** Arithmetic shift right by s (>= 64 fills with the sign). */
export function asr64(lo: number, hi: number, s: number): void {
  if (s > 63) s = 63;
  if (s === 0) set64(lo, hi);
  else if (s < 32) set64((lo >>> s) | (hi << (32 - s)), hi >> s);
  else set64(hi >> (s - 32), hi >> 31);
}
