/**
 * Random initial CPU state, biased towards the values where implementations go wrong:
 * zero, all-ones, sign boundaries, small numbers, and for the vector registers
 * floating-point specials (signed zeros, infinities, quiet and signalling NaNs,
 * subnormals) next to ordinary values.
 */
import { CpuState } from './batch';
import { Prng } from './prng';

const M64 = (1n << 64n) - 1n;

const BOUNDARIES: bigint[] = [
  0n, 1n, 2n, M64, M64 - 1n, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x100000000n, 0x7fffffffffffffffn,
  0x8000000000000000n, 0xffffffff00000000n, 0x00000000ffff0000n, 0x8000000080000000n,
];

export function randomX(rng: Prng): bigint {
  const r = rng.below(100);
  if (r < 15) return BigInt(rng.below(256));
  if (r < 25) return (-BigInt(rng.range(1, 256))) & M64;
  if (r < 40) return rng.pick(BOUNDARIES);
  if (r < 50) return BigInt(rng.u32()); // 32-bit value, upper half clear
  if (r < 55) return (BigInt(rng.u32()) | 0xffffffff00000000n) & M64;
  return rng.u64();
}

const F32_SPECIALS = [
  0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00001, 0x7f800001,
  0x7fa00000, 0x00000001, 0x80400000, 0x007fffff, 0x7f7fffff, 0x00800000, 0x4f000000, 0xcf000000, 0x5f000000,
  0x3f000000, 0x3fc00000, 0x40200000, 0x4b800001,
];
const F64_SPECIALS: bigint[] = [
  0n, 0x8000000000000000n, 0x3ff0000000000000n, 0xbff0000000000000n, 0x7ff0000000000000n, 0xfff0000000000000n,
  0x7ff8000000000000n, 0xfff8000000000001n, 0x7ff0000000000001n, 0x7ff4000000000000n, 1n, 0x800fffffffffffffn,
  0x7fefffffffffffffn, 0x0010000000000000n, 0x43e0000000000000n, 0xc3e0000000000000n, 0x41e0000000000000n,
  0x3fe0000000000000n, 0x3ff8000000000000n, 0x4004000000000000n, 0x4330000000000001n,
];
const F16_SPECIALS = [0x0000, 0x8000, 0x3c00, 0xbc00, 0x7c00, 0xfc00, 0x7e00, 0xfe01, 0x7c01, 0x0001, 0x03ff, 0x7bff, 0x0400, 0x3800, 0x3e00];

// Shared conversion buffers (the generator makes ~10^5 lanes per batch).
const F32 = new Float32Array(1);
const F32_BITS = new Uint32Array(F32.buffer);
const F64 = new Float64Array(1);
const F64_BITS = new BigUint64Array(F64.buffer);

function f32Lane(rng: Prng): number {
  const r = rng.below(10);
  if (r < 4) return rng.pick(F32_SPECIALS);
  if (r < 8) {
    F32[0] = (rng.range(-4096, 4096) / rng.pick([1, 2, 4, 8, 3, 10, 1024])) * (rng.bool(0.2) ? 2 ** rng.range(-40, 40) : 1);
    return F32_BITS[0];
  }
  return rng.u32();
}

function f64Chunk(rng: Prng): bigint {
  const r = rng.below(10);
  if (r < 4) return rng.pick(F64_SPECIALS);
  if (r < 8) {
    F64[0] = (rng.range(-65536, 65536) / rng.pick([1, 2, 4, 8, 3, 10, 1024])) * (rng.bool(0.2) ? 2 ** rng.range(-300, 300) : 1);
    return F64_BITS[0];
  }
  return rng.u64();
}

/** One 8-byte chunk of a vector register. */
function vectorChunk(rng: Prng, out: DataView, off: number): void {
  const r = rng.below(10);
  if (r < 3) out.setBigUint64(off, rng.u64(), true);
  else if (r < 5) out.setBigUint64(off, f64Chunk(rng), true);
  else if (r < 8) {
    out.setUint32(off, f32Lane(rng), true);
    out.setUint32(off + 4, f32Lane(rng), true);
  } else if (r < 9) {
    for (let k = 0; k < 4; k++) out.setUint16(off + 2 * k, rng.bool(0.5) ? rng.pick(F16_SPECIALS) : rng.u32() & 0xffff, true);
  } else {
    for (let k = 0; k < 8; k++) out.setUint8(off + k, rng.pick([0, 1, 0x7f, 0x80, 0xff, rng.u32() & 0xff]));
  }
}

/** FPCR values with only architecturally defined, implemented controls (AHP, DN, FZ, RMode, FZ16). */
export function randomFpcr(rng: Prng): number {
  if (rng.bool(0.5)) return 0;
  let v = rng.below(4) << 22; // RMode
  if (rng.bool(0.3)) v |= 1 << 24; // FZ
  if (rng.bool(0.3)) v |= 1 << 25; // DN
  if (rng.bool(0.15)) v |= 1 << 26; // AHP
  if (rng.bool(0.15)) v |= 1 << 19; // FZ16
  return v >>> 0;
}

/** FPCR with every control drawn independently (for the FPCR-directed sequences). */
export function busyFpcr(rng: Prng): number {
  let v = rng.below(4) << 22;
  for (const bit of [19, 24, 25, 26]) if (rng.bool(0.5)) v |= 1 << bit;
  return v >>> 0;
}

/** FPSR cumulative exception bits and QC. */
export function randomFpsr(rng: Prng): number {
  if (rng.bool(0.5)) return 0;
  const bits = [0, 1, 2, 3, 4, 7, 27];
  let v = 0;
  for (const b of bits) if (rng.bool(0.3)) v |= 1 << b;
  return v >>> 0;
}

export function randomState(rng: Prng): CpuState {
  const x: bigint[] = [];
  for (let r = 0; r < 31; r++) x.push(randomX(rng));
  const v = new Uint8Array(512);
  const dv = new DataView(v.buffer);
  for (let k = 0; k < 64; k++) vectorChunk(rng, dv, 8 * k);
  const sp = rng.bool(0.5) ? rng.u64() & ~0xfn : randomX(rng);
  return { x, sp, nzcv: (rng.below(16) << 28) >>> 0, fpcr: randomFpcr(rng), fpsr: randomFpsr(rng), v };
}
