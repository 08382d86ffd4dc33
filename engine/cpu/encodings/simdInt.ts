/**
 * Advanced SIMD integer arithmetic: three-same (vector and the scalar D forms),
 * pairwise, across-lanes reductions, two-register miscellaneous, and shifts by
 * immediate (vector and scalar D). Lanes of 8/16/32 bits are computed as JS numbers
 * through small lane functions; 64-bit lanes use simdInt64.ts.
 *
 * Vector forms with Q = 0 operate on the low 64 bits and zero the upper half; the
 * scalar D forms are the same handlers with one 64-bit lane.
 */
import type { Cpu } from '../cpu';
import { EncodingSpec, Fields } from '../encodingTable';
import { ExecFn, Insn } from '../insn';
import { commit, laneS, laneU, setTmp, tmpI32, tmpU16, tmpU8, zeroFrom } from './simdCommon';
import { R64, add64, asr64, gt64s, gt64u, lsr64, set64, shl64, sub64 } from './simdInt64';

/** A lane operation on 8/16/32-bit values: (a, b, esize bits, accumulator lane of Vd). */
type Lane = (a: number, b: number, esize: number, acc: number) => number;
/** A 64-bit lane operation: result in R64. */
type Lane64 = (alo: number, ahi: number, blo: number, bhi: number, dlo: number, dhi: number) => void;

const ones = (c: boolean): number => (c ? -1 : 0);

// ------------------------------------------------------------------ shifts by a register (SSHL/USHL)

function ushlLane(a: number, b: number, esize: number): number {
  const sh = (b << 24) >> 24;
  if (sh >= 0) return sh >= esize ? 0 : a << sh;
  return -sh >= esize ? 0 : a >>> -sh;
}
function sshlLane(a: number, b: number, esize: number): number {
  const sh = (b << 24) >> 24;
  if (sh >= 0) return sh >= esize ? 0 : a << sh;
  return a >> Math.min(-sh, 31); // a is sign-extended, so large shifts fill with the sign
}
function ushl64(alo: number, ahi: number, blo: number): void {
  const sh = (blo << 24) >> 24;
  if (sh >= 0) shl64(alo, ahi, sh);
  else lsr64(alo, ahi, -sh);
}
function sshl64(alo: number, ahi: number, blo: number): void {
  const sh = (blo << 24) >> 24;
  if (sh >= 0) shl64(alo, ahi, sh);
  else asr64(alo, ahi, -sh);
}

/** URSHL/SRSHL: like USHL/SSHL, but right shifts round (add 2^(n-1) before shifting, unbounded). */
function rshlLane(a: number, b: number, esize: number): number {
  const sh = (b << 24) >> 24;
  if (sh >= 0) return sh >= esize ? 0 : a << sh;
  return Math.floor((a + 2 ** (-sh - 1)) / 2 ** -sh); // exact for |a| < 2^32; tiny quotients floor to 0
}
function rshl64(signed: boolean) {
  return (alo: number, ahi: number, blo: number): void => {
    const sh = (blo << 24) >> 24;
    if (sh >= 0) return shl64(alo, ahi, sh);
    const s = -sh;
    if (s > 64) return set64(0, 0);
    const bit = s - 1 < 32 ? (alo >>> (s - 1)) & 1 : (ahi >>> (s - 33)) & 1;
    if (signed) asr64(alo, ahi, s);
    else lsr64(alo, ahi, s);
    add64(R64[0], R64[1], bit, 0);
  };
}

// ------------------------------------------------------------------ three same

function vec3(op: Lane | null, signed: boolean, op64: Lane64 | null): ExecFn {
  return (cpu, i) => {
    cpu.checkFpEnabled(i);
    const size = i.a;
    const n = i.rn;
    const m = i.rm;
    const d = i.rd;
    const lanes = (i.c ? 16 : 8) >> size;
    // Lane loops per size with direct typed-array access (one call per lane).
    switch (size) {
      case 0: {
        const u8 = cpu.vU8;
        for (let k = 0; k < lanes; k++) {
          const a = u8[n * 16 + k];
          const b = u8[m * 16 + k];
          tmpU8[k] = signed ? op!((a << 24) >> 24, (b << 24) >> 24, 8, u8[d * 16 + k]) : op!(a, b, 8, u8[d * 16 + k]);
        }
        break;
      }
      case 1: {
        const u16 = cpu.vU16;
        for (let k = 0; k < lanes; k++) {
          const a = u16[n * 8 + k];
          const b = u16[m * 8 + k];
          tmpU16[k] = signed ? op!((a << 16) >> 16, (b << 16) >> 16, 16, u16[d * 8 + k]) : op!(a, b, 16, u16[d * 8 + k]);
        }
        break;
      }
      case 2: {
        const v = cpu.vI32;
        for (let k = 0; k < lanes; k++) {
          const a = v[n * 4 + k];
          const b = v[m * 4 + k];
          tmpI32[k] = signed ? op!(a, b, 32, v[d * 4 + k]) : op!(a >>> 0, b >>> 0, 32, v[d * 4 + k] >>> 0);
        }
        break;
      }
      default: {
        const v = cpu.vI32;
        for (let k = 0; k < lanes; k++) {
          const o = 2 * k;
          op64!(v[n * 4 + o], v[n * 4 + o + 1], v[m * 4 + o], v[m * 4 + o + 1], v[d * 4 + o], v[d * 4 + o + 1]);
          tmpI32[o] = R64[0];
          tmpI32[o + 1] = R64[1];
        }
      }
    }
    commit(cpu, d, i.c);
  };
}

/**
 * ADD/SUB without lane loops: SWAR on 32-bit words for 8- and 16-bit lanes (carries are
 * kept from crossing lane boundaries by masking the top bit of each lane), plain int32
 * arithmetic for 32-bit lanes, add64/sub64 for 64-bit lanes. i.b = 1 for SUB.
 */
function execAddSub(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  const v = cpu.vI32;
  const n = i.rn * 4;
  const m = i.rm * 4;
  const words = i.c ? 4 : 2;
  const sub = i.b === 1;
  switch (i.a) {
    case 0:
    case 1: {
      const hi = i.a === 0 ? 0x80808080 | 0 : 0x80008000 | 0;
      const lo = ~hi;
      for (let k = 0; k < words; k++) {
        const a = v[n + k];
        const b = v[m + k];
        tmpI32[k] = sub ? ((a | hi) - (b & lo)) ^ ((a ^ ~b) & hi) : ((a & lo) + (b & lo)) ^ ((a ^ b) & hi);
      }
      break;
    }
    case 2:
      for (let k = 0; k < words; k++) tmpI32[k] = sub ? (v[n + k] - v[m + k]) | 0 : (v[n + k] + v[m + k]) | 0;
      break;
    default:
      for (let k = 0; k < words; k += 2) {
        if (sub) sub64(v[n + k], v[n + k + 1], v[m + k], v[m + k + 1]);
        else add64(v[n + k], v[n + k + 1], v[m + k], v[m + k + 1]);
        tmpI32[k] = R64[0];
        tmpI32[k + 1] = R64[1];
      }
  }
  commit(cpu, i.rd, i.c);
}

/** Pairwise over the concatenation Vm:Vn (ADDP, [SU]MAXP, [SU]MINP). */
function pairwise(op: Lane | null, signed: boolean, op64: Lane64 | null): ExecFn {
  return (cpu, i) => {
    cpu.checkFpEnabled(i);
    const size = i.a;
    if (size === 3) {
      const v = cpu.vI32;
      op64!(v[i.rn * 4], v[i.rn * 4 + 1], v[i.rn * 4 + 2], v[i.rn * 4 + 3], 0, 0);
      const lo = R64[0];
      const hi = R64[1];
      op64!(v[i.rm * 4], v[i.rm * 4 + 1], v[i.rm * 4 + 2], v[i.rm * 4 + 3], 0, 0);
      tmpI32[0] = lo;
      tmpI32[1] = hi;
      tmpI32[2] = R64[0];
      tmpI32[3] = R64[1];
    } else {
      const esize = 8 << size;
      const lanes = (i.c ? 16 : 8) >> size;
      const half = lanes >> 1;
      const get = signed ? laneS : laneU;
      for (let k = 0; k < lanes; k++) {
        const src = k < half ? i.rn : i.rm;
        const j = 2 * (k < half ? k : k - half);
        setTmp(size, k, op!(get(cpu, src, size, j), get(cpu, src, size, j + 1), esize, 0));
      }
    }
    commit(cpu, i.rd, i.c);
  };
}

/** ADDP Dd, Vn.2D (scalar pairwise). */
function execAddpScalar(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  const v = cpu.vI32;
  add64(v[i.rn * 4], v[i.rn * 4 + 1], v[i.rn * 4 + 2], v[i.rn * 4 + 3]);
  v[i.rd * 4] = R64[0];
  v[i.rd * 4 + 1] = R64[1];
  zeroFrom(cpu, i.rd, 8);
}

// Bitwise three-same: whole 32-bit words, i.c = Q.
function bitwise(op: (n: number, m: number, d: number) => number): ExecFn {
  return (cpu, i) => {
    cpu.checkFpEnabled(i);
    const v = cpu.vI32;
    const words = i.c ? 4 : 2;
    for (let k = 0; k < words; k++) tmpI32[k] = op(v[i.rn * 4 + k], v[i.rm * 4 + k], v[i.rd * 4 + k]);
    commit(cpu, i.rd, i.c);
  };
}

// Lane operations.
const L = {
  add: (a: number, b: number) => a + b,
  mul: (a: number, b: number) => Math.imul(a, b),
  mla: (a: number, b: number, _e: number, acc: number) => acc + Math.imul(a, b),
  mls: (a: number, b: number, _e: number, acc: number) => acc - Math.imul(a, b),
  eq: (a: number, b: number) => ones(a === b),
  tst: (a: number, b: number) => ones((a & b) !== 0),
  gt: (a: number, b: number) => ones(a > b),
  ge: (a: number, b: number) => ones(a >= b),
  max: (a: number, b: number) => (a > b ? a : b),
  min: (a: number, b: number) => (a < b ? a : b),
  abd: (a: number, b: number) => Math.abs(a - b),
  aba: (a: number, b: number, _e: number, acc: number) => acc + Math.abs(a - b),
  hadd: (a: number, b: number) => Math.floor((a + b) / 2),
  rhadd: (a: number, b: number) => Math.floor((a + b + 1) / 2),
  hsub: (a: number, b: number) => Math.floor((a - b) / 2),
};

const L64 = {
  add: (alo: number, ahi: number, blo: number, bhi: number) => add64(alo, ahi, blo, bhi),
  eq: (alo: number, ahi: number, blo: number, bhi: number) => {
    const r = ones(alo === blo && ahi === bhi);
    set64(r, r);
  },
  tst: (alo: number, ahi: number, blo: number, bhi: number) => {
    const r = ones(((alo & blo) | (ahi & bhi)) !== 0);
    set64(r, r);
  },
  gt: (alo: number, ahi: number, blo: number, bhi: number) => {
    const r = ones(gt64s(alo, ahi, blo, bhi));
    set64(r, r);
  },
  ge: (alo: number, ahi: number, blo: number, bhi: number) => {
    const r = ones(!gt64s(blo, bhi, alo, ahi));
    set64(r, r);
  },
  hi: (alo: number, ahi: number, blo: number, bhi: number) => {
    const r = ones(gt64u(alo, ahi, blo, bhi));
    set64(r, r);
  },
  hs: (alo: number, ahi: number, blo: number, bhi: number) => {
    const r = ones(!gt64u(blo, bhi, alo, ahi));
    set64(r, r);
  },
  ushl: (alo: number, ahi: number, blo: number) => ushl64(alo, ahi, blo),
  sshl: (alo: number, ahi: number, blo: number) => sshl64(alo, ahi, blo),
};

/** Element sizes a line accepts: 'bhs' = 8/16/32, 'all' = 8..64 (64 only with Q=1), 'd' = 64 only (scalar). */
type Sizes = 'bhs' | 'all' | 'bh' | 's';

interface Three {
  name: string;
  u: number;
  opcode: number;
  sizes: Sizes;
  exec: ExecFn;
  /** Scalar D form exists (same handler, one 64-bit lane). */
  scalar?: string;
  /** Decode-time operand for handlers shared by several lines (i.b). */
  b?: number;
}

const THREE: Three[] = [
  { name: 'ADD_vector', u: 0, opcode: 0b10000, sizes: 'all', exec: execAddSub, scalar: 'ADD_scalar', b: 0 },
  { name: 'SUB_vector', u: 1, opcode: 0b10000, sizes: 'all', exec: execAddSub, scalar: 'SUB_scalar', b: 1 },
  { name: 'MUL_vector', u: 0, opcode: 0b10011, sizes: 'bhs', exec: vec3(L.mul, false, null) },
  { name: 'MLA_vector', u: 0, opcode: 0b10010, sizes: 'bhs', exec: vec3(L.mla, false, null) },
  { name: 'MLS_vector', u: 1, opcode: 0b10010, sizes: 'bhs', exec: vec3(L.mls, false, null) },
  { name: 'CMTST_vector', u: 0, opcode: 0b10001, sizes: 'all', exec: vec3(L.tst, false, L64.tst), scalar: 'CMTST_scalar' },
  { name: 'CMEQ_vector', u: 1, opcode: 0b10001, sizes: 'all', exec: vec3(L.eq, false, L64.eq), scalar: 'CMEQ_scalar' },
  { name: 'CMGT_vector', u: 0, opcode: 0b00110, sizes: 'all', exec: vec3(L.gt, true, L64.gt), scalar: 'CMGT_scalar' },
  { name: 'CMHI_vector', u: 1, opcode: 0b00110, sizes: 'all', exec: vec3(L.gt, false, L64.hi), scalar: 'CMHI_scalar' },
  { name: 'CMGE_vector', u: 0, opcode: 0b00111, sizes: 'all', exec: vec3(L.ge, true, L64.ge), scalar: 'CMGE_scalar' },
  { name: 'CMHS_vector', u: 1, opcode: 0b00111, sizes: 'all', exec: vec3(L.ge, false, L64.hs), scalar: 'CMHS_scalar' },
  { name: 'SSHL_vector', u: 0, opcode: 0b01000, sizes: 'all', exec: vec3(sshlLane, true, L64.sshl), scalar: 'SSHL_scalar' },
  { name: 'USHL_vector', u: 1, opcode: 0b01000, sizes: 'all', exec: vec3(ushlLane, false, L64.ushl), scalar: 'USHL_scalar' },
  { name: 'SRSHL_vector', u: 0, opcode: 0b01010, sizes: 'all', exec: vec3(rshlLane, true, rshl64(true)), scalar: 'SRSHL_scalar' },
  { name: 'URSHL_vector', u: 1, opcode: 0b01010, sizes: 'all', exec: vec3(rshlLane, false, rshl64(false)), scalar: 'URSHL_scalar' },
  { name: 'SMAX_vector', u: 0, opcode: 0b01100, sizes: 'bhs', exec: vec3(L.max, true, null) },
  { name: 'UMAX_vector', u: 1, opcode: 0b01100, sizes: 'bhs', exec: vec3(L.max, false, null) },
  { name: 'SMIN_vector', u: 0, opcode: 0b01101, sizes: 'bhs', exec: vec3(L.min, true, null) },
  { name: 'UMIN_vector', u: 1, opcode: 0b01101, sizes: 'bhs', exec: vec3(L.min, false, null) },
  { name: 'SABD_vector', u: 0, opcode: 0b01110, sizes: 'bhs', exec: vec3(L.abd, true, null) },
  { name: 'UABD_vector', u: 1, opcode: 0b01110, sizes: 'bhs', exec: vec3(L.abd, false, null) },
  { name: 'SABA_vector', u: 0, opcode: 0b01111, sizes: 'bhs', exec: vec3(L.aba, true, null) },
  { name: 'UABA_vector', u: 1, opcode: 0b01111, sizes: 'bhs', exec: vec3(L.aba, false, null) },
  { name: 'SHADD_vector', u: 0, opcode: 0b00000, sizes: 'bhs', exec: vec3(L.hadd, true, null) },
  { name: 'UHADD_vector', u: 1, opcode: 0b00000, sizes: 'bhs', exec: vec3(L.hadd, false, null) },
  { name: 'SRHADD_vector', u: 0, opcode: 0b00010, sizes: 'bhs', exec: vec3(L.rhadd, true, null) },
  { name: 'URHADD_vector', u: 1, opcode: 0b00010, sizes: 'bhs', exec: vec3(L.rhadd, false, null) },
  { name: 'SHSUB_vector', u: 0, opcode: 0b00100, sizes: 'bhs', exec: vec3(L.hsub, true, null) },
  { name: 'UHSUB_vector', u: 1, opcode: 0b00100, sizes: 'bhs', exec: vec3(L.hsub, false, null) },
  { name: 'ADDP_vector', u: 0, opcode: 0b10111, sizes: 'all', exec: pairwise(L.add, false, L64.add) },
  { name: 'SMAXP_vector', u: 0, opcode: 0b10100, sizes: 'bhs', exec: pairwise(L.max, true, null) },
  { name: 'UMAXP_vector', u: 1, opcode: 0b10100, sizes: 'bhs', exec: pairwise(L.max, false, null) },
  { name: 'SMINP_vector', u: 0, opcode: 0b10101, sizes: 'bhs', exec: pairwise(L.min, true, null) },
  { name: 'UMINP_vector', u: 1, opcode: 0b10101, sizes: 'bhs', exec: pairwise(L.min, false, null) },
];

function sizeOk(sizes: Sizes, size: number, q: number): boolean {
  switch (sizes) {
    case 'bhs':
      return size < 3;
    case 'bh':
      return size < 2;
    case 's':
      return size === 2;
    default:
      return size < 3 || q === 1;
  }
}

const bits5 = (x: number): string => x.toString(2).padStart(5, '0');

function vecDecode(sizes: Sizes, exec: ExecFn, b = 0) {
  return (i: Insn, f: Fields): ExecFn | null => {
    if (!sizeOk(sizes, f.S, f.q)) return null;
    i.rd = f.d;
    i.rn = f.n;
    i.rm = f.m;
    i.a = f.S;
    i.b = b;
    i.c = f.q ?? 0;
    return exec;
  };
}

/** Scalar D forms: the vector handler with one 64-bit lane (Q = 0). */
function scalarDecode(exec: ExecFn, b = 0) {
  return (i: Insn, f: Fields): ExecFn | null => {
    if (f.S !== 3) return null;
    i.rd = f.d;
    i.rn = f.n;
    i.rm = f.m;
    i.a = 3;
    i.b = b;
    i.c = 0;
    return exec;
  };
}

// ------------------------------------------------------------------ bitwise (three same, opcode 00011)

const BITWISE: Array<[string, number, number, (n: number, m: number, d: number) => number]> = [
  // AND/BIC/ORR/ORN <Vd>.<T>, <Vn>.<T>, <Vm>.<T>   (ORR with n == m is MOV)
  ['AND_vector', 0, 0, (n, m) => n & m],
  ['BIC_vector_reg', 0, 1, (n, m) => n & ~m],
  ['ORR_vector_reg', 0, 2, (n, m) => n | m],
  ['ORN_vector', 0, 3, (n, m) => n | ~m],
  // EOR/BSL/BIT/BIF <Vd>.<T>, <Vn>.<T>, <Vm>.<T>
  ['EOR_vector', 1, 0, (n, m) => n ^ m],
  ['BSL', 1, 1, (n, m, d) => (d & n) | (~d & m)],
  ['BIT', 1, 2, (n, m, d) => (m & n) | (~m & d)],
  ['BIF', 1, 3, (n, m, d) => (~m & n) | (m & d)],
];

// ------------------------------------------------------------------ across lanes

/** ADDV/[SU]MAXV/[SU]MINV: i.a = size, i.c = Q, i.b = 0 add, 1 max, 2 min; signedness by handler. */
function across(signed: boolean): ExecFn {
  return (cpu, i) => {
    cpu.checkFpEnabled(i);
    const size = i.a;
    const lanes = (i.c ? 16 : 8) >> size;
    const get = signed ? laneS : laneU;
    let acc = get(cpu, i.rn, size, 0);
    for (let k = 1; k < lanes; k++) {
      const x = get(cpu, i.rn, size, k);
      if (i.b === 0) acc += x;
      else if (i.b === 1 ? x > acc : x < acc) acc = x;
    }
    cpu.vI32[i.rd * 4] = 0;
    if (size === 2) cpu.vI32[i.rd * 4] = acc;
    else if (size === 1) cpu.vU16[i.rd * 8] = acc;
    else cpu.vU8[i.rd * 16] = acc;
    zeroFrom(cpu, i.rd, 1 << size);
  };
}

/** SADDLV/UADDLV: the widened sum (2 * esize bits). */
function addlv(signed: boolean): ExecFn {
  return (cpu, i) => {
    cpu.checkFpEnabled(i);
    const size = i.a;
    const lanes = (i.c ? 16 : 8) >> size;
    const get = signed ? laneS : laneU;
    let acc = 0;
    for (let k = 0; k < lanes; k++) acc += get(cpu, i.rn, size, k); // at most 2^35: exact
    const v = cpu.vI32;
    if (size === 2) {
      const hi = Math.floor(acc / 4294967296);
      v[i.rd * 4] = (acc - hi * 4294967296) | 0;
      v[i.rd * 4 + 1] = hi | 0;
      zeroFrom(cpu, i.rd, 8);
    } else {
      v[i.rd * 4] = acc; // then keep the low 16 (from bytes) or 32 (from halfwords) bits
      zeroFrom(cpu, i.rd, 2 << size);
    }
  };
}

// ------------------------------------------------------------------ two-register miscellaneous

type Unary = (a: number, esize: number) => number;

function vec1(op: Unary, signed: boolean, op64: ((lo: number, hi: number) => void) | null): ExecFn {
  return (cpu, i) => {
    cpu.checkFpEnabled(i);
    const size = i.a;
    const n = i.rn;
    if (size === 3) {
      const v = cpu.vI32;
      const lanes = i.c ? 2 : 1;
      for (let k = 0; k < lanes; k++) {
        op64!(v[n * 4 + 2 * k], v[n * 4 + 2 * k + 1]);
        tmpI32[2 * k] = R64[0];
        tmpI32[2 * k + 1] = R64[1];
      }
    } else {
      const esize = 8 << size;
      const lanes = (i.c ? 16 : 8) >> size;
      const get = signed ? laneS : laneU;
      for (let k = 0; k < lanes; k++) setTmp(size, k, op(get(cpu, n, size, k), esize));
    }
    commit(cpu, i.rd, i.c);
  };
}

function clsLane(a: number, esize: number): number {
  const x = esize === 32 ? a >>> 0 : a & ((1 << esize) - 1);
  const t = ((x >>> 1) ^ x) & (esize === 32 ? 0x7fffffff : (1 << (esize - 1)) - 1);
  return Math.clz32(t) - (33 - esize);
}
function clzLane(a: number, esize: number): number {
  return Math.clz32(a) - (32 - esize);
}
function cntLane(a: number): number {
  a = a - ((a >> 1) & 0x55);
  a = (a & 0x33) + ((a >> 2) & 0x33);
  return (a + (a >> 4)) & 0x0f;
}
function rbitLane(a: number): number {
  let r = 0;
  for (let k = 0; k < 8; k++) if (a & (1 << k)) r |= 0x80 >> k;
  return r;
}

const cmp0 = (pred: (lo: number, hi: number) => boolean) => (lo: number, hi: number) => {
  const r = ones(pred(lo, hi));
  set64(r, r);
};
const U64 = {
  gt0: cmp0((lo, hi) => hi > 0 || (hi === 0 && lo !== 0)),
  ge0: cmp0((_lo, hi) => hi >= 0),
  eq0: cmp0((lo, hi) => (lo | hi) === 0),
  le0: cmp0((lo, hi) => hi < 0 || (lo | hi) === 0),
  lt0: cmp0((_lo, hi) => hi < 0),
  abs: (lo: number, hi: number) => (hi < 0 ? sub64(0, 0, lo, hi) : set64(lo, hi)),
  neg: (lo: number, hi: number) => sub64(0, 0, lo, hi),
};

/** REV16/REV32/REV64: reverse i.a-sized elements within containers of 2^i.b bytes. */
function execRev(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  const bytes = i.c ? 16 : 8;
  const esz = 1 << i.a;
  const flip = (1 << i.b) - esz; // byte offset flip within a container, element-aligned
  const src = i.rn * 16;
  const u8 = cpu.vU8;
  for (let k = 0; k < bytes; k += esz) {
    const from = k ^ flip;
    for (let j = 0; j < esz; j++) tmpU8[k + j] = u8[src + from + j];
  }
  commit(cpu, i.rd, i.c);
}

/** XTN/XTN2: narrow 2*esize lanes to esize (i.a = destination size); XTN2 writes the upper half. */
function execXtn(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  const size = i.a;
  const lanes = 8 >> size;
  const v = cpu.vI32;
  // Read every source lane first: Vd may be Vn.
  for (let k = 0; k < lanes; k++) setTmp(size, k, size === 2 ? v[i.rn * 4 + 2 * k] : laneU(cpu, i.rn, size + 1, k));
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

/** [SU]ADDLP / [SU]ADALP: add adjacent pairs into double-width lanes (i.b = accumulate). */
function addlp(signed: boolean): ExecFn {
  return (cpu, i) => {
    cpu.checkFpEnabled(i);
    const size = i.a;
    const outLanes = (i.c ? 8 : 4) >> size;
    const get = signed ? laneS : laneU;
    const v = cpu.vI32;
    for (let k = 0; k < outLanes; k++) {
      const s = get(cpu, i.rn, size, 2 * k) + get(cpu, i.rn, size, 2 * k + 1);
      if (size === 2) {
        let lo = s | 0;
        let hi = Math.floor(s / 4294967296) | 0;
        if (i.b) {
          add64(lo, hi, v[i.rd * 4 + 2 * k], v[i.rd * 4 + 2 * k + 1]);
          lo = R64[0];
          hi = R64[1];
        }
        tmpI32[2 * k] = lo;
        tmpI32[2 * k + 1] = hi;
      } else setTmp(size + 1, k, i.b ? s + laneU(cpu, i.rd, size + 1, k) : s);
    }
    commit(cpu, i.rd, i.c);
  };
}

interface Misc {
  name: string;
  u: number;
  opcode: number;
  sizes: Sizes;
  exec: ExecFn;
  scalar?: string;
  /** Fixed size field (NOT/RBIT share an opcode and differ by size). */
  size?: number;
}

const MISC: Misc[] = [
  { name: 'CMGT_zero_vector', u: 0, opcode: 0b01000, sizes: 'all', exec: vec1((a) => ones(a > 0), true, U64.gt0), scalar: 'CMGT_zero_scalar' },
  { name: 'CMGE_zero_vector', u: 1, opcode: 0b01000, sizes: 'all', exec: vec1((a) => ones(a >= 0), true, U64.ge0), scalar: 'CMGE_zero_scalar' },
  { name: 'CMEQ_zero_vector', u: 0, opcode: 0b01001, sizes: 'all', exec: vec1((a) => ones(a === 0), true, U64.eq0), scalar: 'CMEQ_zero_scalar' },
  { name: 'CMLE_zero_vector', u: 1, opcode: 0b01001, sizes: 'all', exec: vec1((a) => ones(a <= 0), true, U64.le0), scalar: 'CMLE_zero_scalar' },
  { name: 'CMLT_zero_vector', u: 0, opcode: 0b01010, sizes: 'all', exec: vec1((a) => ones(a < 0), true, U64.lt0), scalar: 'CMLT_zero_scalar' },
  { name: 'ABS_vector', u: 0, opcode: 0b01011, sizes: 'all', exec: vec1((a) => Math.abs(a), true, U64.abs), scalar: 'ABS_scalar' },
  { name: 'NEG_vector', u: 1, opcode: 0b01011, sizes: 'all', exec: vec1((a) => -a, true, U64.neg), scalar: 'NEG_scalar' },
  { name: 'CLS_vector', u: 0, opcode: 0b00100, sizes: 'bhs', exec: vec1(clsLane, true, null) },
  { name: 'CLZ_vector', u: 1, opcode: 0b00100, sizes: 'bhs', exec: vec1(clzLane, false, null) },
  { name: 'CNT_vector', u: 0, opcode: 0b00101, sizes: 'bhs', size: 0, exec: vec1(cntLane, false, null) },
  { name: 'NOT_vector', u: 1, opcode: 0b00101, sizes: 'bhs', size: 0, exec: vec1((a) => ~a, false, null) },
  { name: 'RBIT_vector', u: 1, opcode: 0b00101, sizes: 'bhs', size: 1, exec: vec1(rbitLane, false, null) },
  { name: 'SADDLP', u: 0, opcode: 0b00010, sizes: 'bhs', exec: addlp(true) },
  { name: 'UADDLP', u: 1, opcode: 0b00010, sizes: 'bhs', exec: addlp(false) },
  { name: 'SADALP', u: 0, opcode: 0b00110, sizes: 'bhs', exec: addlp(true) },
  { name: 'UADALP', u: 1, opcode: 0b00110, sizes: 'bhs', exec: addlp(false) },
];

// ------------------------------------------------------------------ shifts by immediate

/** Shift-by-immediate fields: size from immh's top set bit; right shifts count down from 2*esize. */
function shiftFields(i: Insn, f: Fields): number {
  const immh = f.i >> 3;
  if (immh === 0) return -1;
  const size = 31 - Math.clz32(immh);
  i.rd = f.d;
  i.rn = f.n;
  i.a = size;
  i.c = f.q ?? 0;
  return size;
}

type ShiftLane = (a: number, sh: number, esize: number, acc: number) => number;
type ShiftLane64 = (lo: number, hi: number, sh: number, dlo: number, dhi: number) => void;

/** Same-width shift: i.b = shift amount. */
function vecShift(op: ShiftLane, signed: boolean, op64: ShiftLane64): ExecFn {
  return (cpu, i) => {
    cpu.checkFpEnabled(i);
    const size = i.a;
    const n = i.rn;
    const d = i.rd;
    const sh = i.b;
    if (size === 3) {
      const v = cpu.vI32;
      const lanes = i.c ? 2 : 1;
      for (let k = 0; k < lanes; k++) {
        const o = 2 * k;
        op64(v[n * 4 + o], v[n * 4 + o + 1], sh, v[d * 4 + o], v[d * 4 + o + 1]);
        tmpI32[o] = R64[0];
        tmpI32[o + 1] = R64[1];
      }
    } else {
      const esize = 8 << size;
      const lanes = (i.c ? 16 : 8) >> size;
      const get = signed ? laneS : laneU;
      for (let k = 0; k < lanes; k++) setTmp(size, k, op(get(cpu, n, size, k), sh, esize, laneU(cpu, d, size, k)));
    }
    commit(cpu, d, i.c);
  };
}

const ushr = (a: number, sh: number, esize: number): number => (sh >= esize ? 0 : a >>> sh);
const sshr = (a: number, sh: number): number => a >> Math.min(sh, 31);
const urshr = (a: number, sh: number): number => Math.floor((a + 2 ** (sh - 1)) / 2 ** sh);
const maskOf = (esize: number): number => (esize === 32 ? -1 : (1 << esize) - 1);

const SH = {
  ushr: vecShift(ushr, false, (lo, hi, sh) => lsr64(lo, hi, sh)),
  sshr: vecShift(sshr, true, (lo, hi, sh) => asr64(lo, hi, sh)),
  usra: vecShift((a, sh, e, acc) => acc + ushr(a, sh, e), false, (lo, hi, sh, dlo, dhi) => {
    lsr64(lo, hi, sh);
    add64(R64[0], R64[1], dlo, dhi);
  }),
  ssra: vecShift((a, sh, _e, acc) => acc + sshr(a, sh), true, (lo, hi, sh, dlo, dhi) => {
    asr64(lo, hi, sh);
    add64(R64[0], R64[1], dlo, dhi);
  }),
  urshr: vecShift(urshr, false, (lo, hi, sh) => {
    // Rounding: add bit (sh-1) of the operand to the shifted value.
    const bit = sh - 1 < 32 ? (lo >>> (sh - 1)) & 1 : (hi >>> (sh - 33)) & 1;
    lsr64(lo, hi, sh);
    add64(R64[0], R64[1], bit, 0);
  }),
  srshr: vecShift(urshr, true, (lo, hi, sh) => {
    const bit = sh - 1 < 32 ? (lo >>> (sh - 1)) & 1 : (hi >>> (sh - 33)) & 1;
    asr64(lo, hi, sh);
    add64(R64[0], R64[1], bit, 0);
  }),
  ursra: vecShift((a, sh, _e, acc) => acc + urshr(a, sh), false, (lo, hi, sh, dlo, dhi) => {
    const bit = sh - 1 < 32 ? (lo >>> (sh - 1)) & 1 : (hi >>> (sh - 33)) & 1;
    lsr64(lo, hi, sh);
    add64(R64[0], R64[1], bit, 0);
    add64(R64[0], R64[1], dlo, dhi);
  }),
  srsra: vecShift((a, sh, _e, acc) => acc + urshr(a, sh), true, (lo, hi, sh, dlo, dhi) => {
    const bit = sh - 1 < 32 ? (lo >>> (sh - 1)) & 1 : (hi >>> (sh - 33)) & 1;
    asr64(lo, hi, sh);
    add64(R64[0], R64[1], bit, 0);
    add64(R64[0], R64[1], dlo, dhi);
  }),
  shl: vecShift((a, sh) => a << sh, false, (lo, hi, sh) => shl64(lo, hi, sh)),
  sli: vecShift((a, sh, e, acc) => (acc & ~(maskOf(e) << sh)) | (a << sh), false, (lo, hi, sh, dlo, dhi) => {
    shl64(-1, -1, sh);
    const mlo = R64[0];
    const mhi = R64[1];
    shl64(lo, hi, sh);
    set64((dlo & ~mlo) | R64[0], (dhi & ~mhi) | R64[1]);
  }),
  sri: vecShift((a, sh, e, acc) => {
    const m = sh >= e ? 0 : maskOf(e) >>> sh;
    return (acc & ~m) | (sh >= e ? 0 : a >>> sh);
  }, false, (lo, hi, sh, dlo, dhi) => {
    lsr64(-1, -1, sh);
    const mlo = R64[0];
    const mhi = R64[1];
    lsr64(lo, hi, sh);
    set64((dlo & ~mlo) | R64[0], (dhi & ~mhi) | R64[1]);
  }),
};

/** SHRN/RSHRN(2): narrow (2*esize >> sh) to esize; i.a = destination size, i.b = shift, i.d = round. */
function execShrn(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  const size = i.a;
  const lanes = 8 >> size;
  const v = cpu.vI32;
  const sh = i.b;
  for (let k = 0; k < lanes; k++) {
    let r: number;
    if (size === 2) {
      const lo = v[i.rn * 4 + 2 * k];
      const hi = v[i.rn * 4 + 2 * k + 1];
      const bit = i.d ? (sh - 1 < 32 ? (lo >>> (sh - 1)) & 1 : (hi >>> (sh - 33)) & 1) : 0;
      lsr64(lo, hi, sh);
      r = (R64[0] + bit) | 0;
    } else {
      const a = laneU(cpu, i.rn, size + 1, k);
      r = i.d ? urshr(a, sh) : a >>> sh;
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

/** SSHLL/USHLL(2) (UXTL/SXTL when the shift is 0): widen the low or high half; i.a = source size, i.b = shift. */
function shll(signed: boolean): ExecFn {
  return (cpu, i) => {
    cpu.checkFpEnabled(i);
    const size = i.a;
    const lanes = 8 >> size;
    const base = i.c ? lanes : 0;
    const sh = i.b;
    const get = signed ? laneS : laneU;
    for (let k = 0; k < lanes; k++) {
      const a = get(cpu, i.rn, size, base + k);
      if (size === 2) {
        shl64(a, signed ? a >> 31 : 0, sh);
        tmpI32[2 * k] = R64[0];
        tmpI32[2 * k + 1] = R64[1];
      } else setTmp(size + 1, k, a << sh);
    }
    commit(cpu, i.rd, 1);
  };
}

type ShiftKind = 'right' | 'left';
interface ShiftLine {
  name: string;
  u: number;
  opcode: number;
  kind: ShiftKind;
  exec: ExecFn;
  scalar?: string;
}

const SHIFTS: ShiftLine[] = [
  { name: 'SSHR_vector', u: 0, opcode: 0b00000, kind: 'right', exec: SH.sshr, scalar: 'SSHR_scalar' },
  { name: 'USHR_vector', u: 1, opcode: 0b00000, kind: 'right', exec: SH.ushr, scalar: 'USHR_scalar' },
  { name: 'SSRA_vector', u: 0, opcode: 0b00010, kind: 'right', exec: SH.ssra, scalar: 'SSRA_scalar' },
  { name: 'USRA_vector', u: 1, opcode: 0b00010, kind: 'right', exec: SH.usra, scalar: 'USRA_scalar' },
  { name: 'SRSHR_vector', u: 0, opcode: 0b00100, kind: 'right', exec: SH.srshr, scalar: 'SRSHR_scalar' },
  { name: 'URSHR_vector', u: 1, opcode: 0b00100, kind: 'right', exec: SH.urshr, scalar: 'URSHR_scalar' },
  { name: 'SRSRA_vector', u: 0, opcode: 0b00110, kind: 'right', exec: SH.srsra, scalar: 'SRSRA_scalar' },
  { name: 'URSRA_vector', u: 1, opcode: 0b00110, kind: 'right', exec: SH.ursra, scalar: 'URSRA_scalar' },
  { name: 'SRI_vector', u: 1, opcode: 0b01000, kind: 'right', exec: SH.sri, scalar: 'SRI_scalar' },
  { name: 'SHL_vector', u: 0, opcode: 0b01010, kind: 'left', exec: SH.shl, scalar: 'SHL_scalar' },
  { name: 'SLI_vector', u: 1, opcode: 0b01010, kind: 'left', exec: SH.sli, scalar: 'SLI_scalar' },
];

function shiftDecode(kind: ShiftKind, exec: ExecFn, scalar: boolean) {
  return (i: Insn, f: Fields): ExecFn | null => {
    const size = shiftFields(i, f);
    if (size < 0 || (size === 3 && !f.q && !scalar) || (scalar && size !== 3)) return null;
    const esize = 8 << size;
    i.b = kind === 'right' ? 2 * esize - f.i : f.i - esize;
    if (scalar) i.c = 0;
    return exec;
  };
}

// ------------------------------------------------------------------ the table

export const SIMD_INT_ENCODINGS: EncodingSpec[] = [
  // <op> <Vd>.<T>, <Vn>.<T>, <Vm>.<T>  (three same)
  ...THREE.map((t) => ({
    name: t.name,
    pattern: `0q${t.u}01110SS1mmmmm${bits5(t.opcode)}1nnnnnddddd`,
    decode: vecDecode(t.sizes, t.exec, t.b),
  })),
  // <op> Dd, Dn, Dm  (scalar three same)
  ...THREE.filter((t) => t.scalar).map((t) => ({
    name: t.scalar!,
    pattern: `01${t.u}11110SS1mmmmm${bits5(t.opcode)}1nnnnnddddd`,
    decode: scalarDecode(t.exec, t.b),
  })),
  ...BITWISE.map(([name, u, size, op]) => {
    const exec = bitwise(op);
    return {
      name,
      pattern: `0q${u}01110${size.toString(2).padStart(2, '0')}1mmmmm000111nnnnnddddd`,
      decode: (i: Insn, f: Fields) => ((i.rd = f.d), (i.rn = f.n), (i.rm = f.m), (i.c = f.q), exec),
    };
  }),
  // ADDP Dd, Vn.2D
  { name: 'ADDP_scalar', pattern: '0101111011110001101110nnnnnddddd', decode: (i, f) => ((i.rd = f.d), (i.rn = f.n), execAddpScalar) },
  // ADDV <V>d, <Vn>.<T>
  { name: 'ADDV', pattern: '0q001110SS110001101110nnnnnddddd', decode: acrossDecode(across(false), 0) },
  // SMAXV/UMAXV/SMINV/UMINV <V>d, <Vn>.<T>
  { name: 'SMAXV', pattern: '0q001110SS110000101010nnnnnddddd', decode: acrossDecode(across(true), 1) },
  { name: 'UMAXV', pattern: '0q101110SS110000101010nnnnnddddd', decode: acrossDecode(across(false), 1) },
  { name: 'SMINV', pattern: '0q001110SS110001101010nnnnnddddd', decode: acrossDecode(across(true), 2) },
  { name: 'UMINV', pattern: '0q101110SS110001101010nnnnnddddd', decode: acrossDecode(across(false), 2) },
  // SADDLV/UADDLV <V>d, <Vn>.<T>
  { name: 'SADDLV', pattern: '0q001110SS110000001110nnnnnddddd', decode: acrossDecode(addlv(true), 0) },
  { name: 'UADDLV', pattern: '0q101110SS110000001110nnnnnddddd', decode: acrossDecode(addlv(false), 0) },
  // <op> <Vd>.<T>, <Vn>.<T>  (two-register misc)
  ...MISC.map((t) => ({
    name: t.name,
    pattern: `0q${t.u}01110${t.size === undefined ? 'SS' : t.size.toString(2).padStart(2, '0')}10000${bits5(t.opcode)}10nnnnnddddd`,
    decode: (i: Insn, f: Fields): ExecFn | null => {
      const size = t.size ?? f.S;
      if (!sizeOk(t.sizes, size, f.q)) return null;
      i.rd = f.d;
      i.rn = f.n;
      i.a = t.size === undefined ? size : 0;
      i.b = t.name.endsWith('ALP') ? 1 : 0;
      i.c = f.q ?? 0;
      return t.exec;
    },
  })),
  ...MISC.filter((t) => t.scalar).map((t) => ({
    name: t.scalar!,
    pattern: `01${t.u}11110SS10000${bits5(t.opcode)}10nnnnnddddd`,
    decode: (i: Insn, f: Fields): ExecFn | null => (f.S !== 3 ? null : ((i.rd = f.d), (i.rn = f.n), (i.a = 3), (i.c = 0), t.exec)),
  })),
  // REV64 / REV32 / REV16 <Vd>.<T>, <Vn>.<T>
  { name: 'REV64_vector', pattern: '0q001110SS100000000010nnnnnddddd', decode: revDecode(3) },
  { name: 'REV32_vector', pattern: '0q101110SS100000000010nnnnnddddd', decode: revDecode(2) },
  { name: 'REV16_vector', pattern: '0q001110SS100000000110nnnnnddddd', decode: revDecode(1) },
  // XTN{2} <Vd>.<Tb>, <Vn>.<Ta>
  { name: 'XTN', pattern: '0q001110SS100001001010nnnnnddddd', decode: (i, f) => (f.S === 3 ? null : ((i.rd = f.d), (i.rn = f.n), (i.a = f.S), (i.c = f.q), execXtn)) },
  // <op> <Vd>.<T>, <Vn>.<T>, #<shift>  (shift by immediate)
  ...SHIFTS.map((s) => ({
    name: s.name,
    pattern: `0q${s.u}011110iiiiiii${bits5(s.opcode)}1nnnnnddddd`,
    decode: shiftDecode(s.kind, s.exec, false),
  })),
  ...SHIFTS.filter((s) => s.scalar).map((s) => ({
    name: s.scalar!,
    pattern: `01${s.u}111110iiiiiii${bits5(s.opcode)}1nnnnnddddd`,
    decode: shiftDecode(s.kind, s.exec, true),
  })),
  // SHRN{2} / RSHRN{2} <Vd>.<Tb>, <Vn>.<Ta>, #<shift>
  { name: 'SHRN', pattern: '0q0011110iiiiiii100001nnnnnddddd', decode: shrnDecode(0) },
  { name: 'RSHRN', pattern: '0q0011110iiiiiii100011nnnnnddddd', decode: shrnDecode(1) },
  // SSHLL{2} / USHLL{2} <Vd>.<Ta>, <Vn>.<Tb>, #<shift>   (SXTL/UXTL with #0)
  { name: 'SSHLL', pattern: '0q0011110iiiiiii101001nnnnnddddd', decode: shllDecode(shll(true)) },
  { name: 'USHLL', pattern: '0q1011110iiiiiii101001nnnnnddddd', decode: shllDecode(shll(false)) },
];

function acrossDecode(exec: ExecFn, kind: number) {
  return (i: Insn, f: Fields): ExecFn | null => {
    if (f.S === 3 || (f.S === 2 && !f.q)) return null; // 2S and 2D are reserved
    i.rd = f.d;
    i.rn = f.n;
    i.a = f.S;
    i.b = kind;
    i.c = f.q ?? 0;
    return exec;
  };
}

function revDecode(containerLog2: number) {
  return (i: Insn, f: Fields): ExecFn | null => {
    if (f.S >= containerLog2) return null;
    i.rd = f.d;
    i.rn = f.n;
    i.a = f.S;
    i.b = containerLog2;
    i.c = f.q ?? 0;
    return execRev;
  };
}

function shrnDecode(round: number) {
  return (i: Insn, f: Fields): ExecFn | null => {
    const size = shiftFields(i, f);
    if (size < 0 || size === 3) return null;
    i.b = 2 * (8 << size) - f.i;
    i.d = round;
    return execShrn;
  };
}

function shllDecode(exec: ExecFn) {
  return (i: Insn, f: Fields): ExecFn | null => {
    const size = shiftFields(i, f);
    if (size < 0 || size === 3) return null;
    i.b = f.i - (8 << size);
    return exec;
  };
}
