/**
 * A64 logical (bitmask) immediates: a value is encodable when it is a 2-, 4-, 8-, 16-,
 * 32- or 64-bit element, replicated, whose bits are one rotated run of ones (neither all
 * zeros nor all ones). The encoding is N:immr:imms (Arm ARM DecodeBitMasks, inverted).
 */

export interface Bitmask {
  readonly N: number;
  readonly immr: number;
  readonly imms: number;
}

const M64 = (1n << 64n) - 1n;

/** Encode `value` (taken modulo 2^64, or 2^32 for 32-bit operations) or return undefined. */
export function encodeBitmask(value: bigint, is64: boolean): Bitmask | undefined {
  let v = is64 ? BigInt.asUintN(64, value) : BigInt.asUintN(32, value);
  if (!is64) v |= v << 32n; // a 32-bit pattern is the 64-bit one with 32-bit (or smaller) elements
  if (v === 0n || v === M64) return undefined;
  // Smallest element size whose replication gives v.
  let size = 64;
  while (size > 2) {
    const half = size / 2;
    const mask = (1n << BigInt(half)) - 1n;
    if ((v & mask) !== ((v >> BigInt(half)) & mask)) break;
    size = half;
  }
  if (!is64 && size === 64) return undefined;
  const emask = (1n << BigInt(size)) - 1n;
  const elem = v & emask;
  const ones = popcount(elem);
  // The run of ones starts at bit `start` (possibly wrapping past the top of the element).
  let start: number;
  if (isShiftedMask(elem)) start = ctz(elem);
  else {
    const zeros = ~elem & emask;
    if (!isShiftedMask(zeros)) return undefined;
    start = ctz(zeros) + (size - ones);
  }
  // elem = ROR(Ones(ones), immr) within the element.
  const immr = (size - start) % size;
  const imms = ((~(size - 1) << 1) & 0x3f) | (ones - 1);
  return { N: size === 64 ? 1 : 0, immr, imms };
}

const ctz = (x: bigint): number => (x & -x).toString(2).length - 1;

/** A single run of ones, anywhere (x non-zero). */
function isShiftedMask(x: bigint): boolean {
  if (x === 0n) return false;
  const y = x >> BigInt(ctz(x));
  return (y & (y + 1n)) === 0n;
}

function popcount(x: bigint): number {
  let n = 0;
  for (const c of x.toString(2)) if (c === '1') n++;
  return n;
}

/** Decode N:immr:imms back to the value (for tests and messages). */
export function decodeBitmask(b: Bitmask, is64: boolean): bigint | undefined {
  const len = 31 - Math.clz32(((b.N << 6) | (~b.imms & 0x3f)) >>> 0);
  if (len < 1) return undefined;
  const size = 1 << len;
  const levels = size - 1;
  const s = b.imms & levels;
  const r = b.immr & levels;
  if (s === levels) return undefined;
  const emask = (1n << BigInt(size)) - 1n;
  const welem = (1n << BigInt(s + 1)) - 1n;
  const rotated = ((welem >> BigInt(r)) | (welem << BigInt(size - r))) & emask;
  let out = 0n;
  for (let k = 0; k < (is64 ? 64 : 32); k += size) out |= rotated << BigInt(k);
  return out;
}
