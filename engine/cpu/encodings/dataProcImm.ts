/**
 * Data processing (immediate): ADR/ADRP, ADD/SUB(S) immediate, logical with bitmask
 * immediates, MOVN/MOVZ/MOVK, bitfield (SBFM/BFM/UBFM: ASR, LSL, LSR, SXT*, UXT*, SBFX,
 * UBFX, SBFIZ, UBFIZ, BFI, BFXIL are all aliases of these) and EXTR (ROR immediate).
 *
 * Field letters beyond the common ones: 'N' the N bit, 'r' immr, 's' imms; ADR/ADRP
 * split their offset into 'l' immlo and 'h' immhi.
 *
 * Operands are fully precomputed at decode: immediates as (lo, hi) int32 halves in
 * `imm`/`immHi`, bitfield masks and rotations in `imm`/`immHi`/`a`/`b`/`c`/`d`. Hot
 * aliases (MOV immediate, LSL/LSR/ASR immediate) get handlers of their own.
 */
import type { Cpu } from '../cpu';
import { EncodingSpec, Fields } from '../encodingTable';
import { ExecFn, Insn } from '../insn';
import { spReg, zrRead, zrWrite } from '../regs';
import { addFlags32, addFlags64, bigHi, bigLo, decodeBitMasks, logicFlags32, logicFlags64, pair, ror64 } from '../alu';

const TWO32 = 4294967296;

/** Store a (possibly negative) integer below 2^53 in magnitude as 64-bit two's complement halves. */
function setImm64(i: Insn, v: number): void {
  const hi = Math.floor(v / TWO32);
  i.imm = (v - hi * TWO32) | 0;
  i.immHi = hi | 0;
}

// ------------------------------------------------------------------ constants (MOVZ, MOVN, MOV bitmask, ADR, ADRP)

function execMovConst(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  x[2 * i.rd] = i.imm;
  x[2 * i.rd + 1] = i.immHi;
}

/** MOVK: `a` is the half (0 low, 1 high) holding the 16 bits, `b` the mask of bits kept. */
function execMOVK64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const k = 2 * i.rd + i.a;
  x[k] = (x[k] & i.b) | i.imm;
}
function execMOVK32(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const k = 2 * i.rd;
  x[k] = (x[k] & i.b) | i.imm;
  x[k + 1] = 0;
}

// ------------------------------------------------------------------ add / subtract immediate

/** ADD/SUB without flags: `imm`/`immHi` hold the addend (the negated immediate for SUB). */
function execAddImm64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  const lo = x[n];
  const hi = x[n + 1];
  const s = (lo >>> 0) + (i.imm >>> 0);
  x[2 * i.rd] = s | 0;
  x[2 * i.rd + 1] = (hi + i.immHi + (s > 0xffffffff ? 1 : 0)) | 0;
}
function execAddImm32(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  x[2 * i.rd] = (x[2 * i.rn] + i.imm) | 0;
  x[2 * i.rd + 1] = 0;
}
/** ADDS/SUBS: `imm`/`immHi` hold the operand (NOT imm for SUBS), `a` the carry-in. */
function execAddsImm64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  addFlags64(cpu, i.rd, x[n], x[n + 1], i.imm, i.immHi, i.a);
}
function execAddsImm32(cpu: Cpu, i: Insn): void {
  addFlags32(cpu, i.rd, cpu.x[2 * i.rn], i.imm, i.a);
}

// ------------------------------------------------------------------ logical immediate

function execANDimm64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  const lo = x[n] & i.imm;
  const hi = x[n + 1] & i.immHi;
  x[2 * i.rd] = lo;
  x[2 * i.rd + 1] = hi;
}
function execANDimm32(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  x[2 * i.rd] = x[2 * i.rn] & i.imm;
  x[2 * i.rd + 1] = 0;
}
function execORRimm64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  const lo = x[n] | i.imm;
  const hi = x[n + 1] | i.immHi;
  x[2 * i.rd] = lo;
  x[2 * i.rd + 1] = hi;
}
function execORRimm32(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  x[2 * i.rd] = x[2 * i.rn] | i.imm;
  x[2 * i.rd + 1] = 0;
}
function execEORimm64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  const lo = x[n] ^ i.imm;
  const hi = x[n + 1] ^ i.immHi;
  x[2 * i.rd] = lo;
  x[2 * i.rd + 1] = hi;
}
function execEORimm32(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  x[2 * i.rd] = x[2 * i.rn] ^ i.imm;
  x[2 * i.rd + 1] = 0;
}
function execANDSimm64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  const lo = x[n] & i.imm;
  const hi = x[n + 1] & i.immHi;
  x[2 * i.rd] = lo;
  x[2 * i.rd + 1] = hi;
  logicFlags64(cpu, lo, hi);
}
function execANDSimm32(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const r = x[2 * i.rn] & i.imm;
  x[2 * i.rd] = r;
  x[2 * i.rd + 1] = 0;
  logicFlags32(cpu, r);
}

// ------------------------------------------------------------------ bitfield

/** LSL #a (UBFM with imms + 1 = immr). */
function execLSLimm64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  const lo = x[n];
  const hi = x[n + 1];
  const a = i.a;
  if (a < 32) {
    x[2 * i.rd] = lo << a;
    x[2 * i.rd + 1] = (hi << a) | (lo >>> (32 - a)); // a >= 1 for this alias
  } else {
    x[2 * i.rd] = 0;
    x[2 * i.rd + 1] = lo << (a - 32);
  }
}
function execLSLimm32(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  x[2 * i.rd] = x[2 * i.rn] << i.a;
  x[2 * i.rd + 1] = 0;
}
/** LSR #a (UBFM with imms = datasize - 1). */
function execLSRimm64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  const lo = x[n];
  const hi = x[n + 1];
  const a = i.a;
  if (a === 0) {
    x[2 * i.rd] = lo;
    x[2 * i.rd + 1] = hi;
  } else if (a < 32) {
    x[2 * i.rd] = (lo >>> a) | (hi << (32 - a));
    x[2 * i.rd + 1] = hi >>> a;
  } else {
    x[2 * i.rd] = hi >>> (a - 32);
    x[2 * i.rd + 1] = 0;
  }
}
function execLSRimm32(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  x[2 * i.rd] = x[2 * i.rn] >>> i.a;
  x[2 * i.rd + 1] = 0;
}
/** ASR #a (SBFM with imms = datasize - 1). */
function execASRimm64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  const lo = x[n];
  const hi = x[n + 1];
  const a = i.a;
  if (a === 0) {
    x[2 * i.rd] = lo;
    x[2 * i.rd + 1] = hi;
  } else if (a < 32) {
    x[2 * i.rd] = (lo >>> a) | (hi << (32 - a));
    x[2 * i.rd + 1] = hi >> a;
  } else {
    x[2 * i.rd] = hi >> (a - 32);
    x[2 * i.rd + 1] = hi >> 31;
  }
}
function execASRimm32(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  x[2 * i.rd] = x[2 * i.rn] >> i.a;
  x[2 * i.rd + 1] = 0;
}

/**
 * General UBFM: ROR(src, a) AND (wmask AND tmask), the mask in `imm`/`immHi`.
 * General SBFM: the same, then bits outside tmask (`c`/`d` hold NOT tmask) are copies of
 * src bit `b` (imms).
 * General BFM: `imm`/`immHi` wmask, `c`/`d` tmask; bits outside the masks keep Rd.
 */
function execUBFM64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  ror64(x[n], x[n + 1], i.a);
  x[2 * i.rd] = pair[0] & i.imm;
  x[2 * i.rd + 1] = pair[1] & i.immHi;
}
function execUBFM32(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const v = x[2 * i.rn];
  x[2 * i.rd] = ((v >>> i.a) | (v << (32 - i.a))) & i.imm;
  x[2 * i.rd + 1] = 0;
}
function execSBFM64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  const lo = x[n];
  const hi = x[n + 1];
  const sign = ((i.b < 32 ? lo : hi) << (31 - (i.b & 31))) >> 31;
  ror64(lo, hi, i.a);
  x[2 * i.rd] = (pair[0] & i.imm) | (sign & i.c);
  x[2 * i.rd + 1] = (pair[1] & i.immHi) | (sign & i.d);
}
function execSBFM32(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const v = x[2 * i.rn];
  const sign = (v << (31 - i.b)) >> 31;
  x[2 * i.rd] = (((v >>> i.a) | (v << (32 - i.a))) & i.imm) | (sign & i.c);
  x[2 * i.rd + 1] = 0;
}
function execBFM64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  const d = 2 * i.rd;
  ror64(x[n], x[n + 1], i.a);
  const dlo = x[d];
  const dhi = x[d + 1];
  const botLo = (dlo & ~i.imm) | (pair[0] & i.imm);
  const botHi = (dhi & ~i.immHi) | (pair[1] & i.immHi);
  x[d] = (dlo & ~i.c) | (botLo & i.c);
  x[d + 1] = (dhi & ~i.d) | (botHi & i.d);
}
function execBFM32(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const v = x[2 * i.rn];
  const d = 2 * i.rd;
  const dst = x[d];
  const bot = (dst & ~i.imm) | (((v >>> i.a) | (v << (32 - i.a))) & i.imm);
  x[d] = (dst & ~i.c) | (bot & i.c);
  x[d + 1] = 0;
}

// ------------------------------------------------------------------ extract

/** EXTR: bits [lsb + 63 : lsb] of Rn:Rm, lsb in `a`. */
function execEXTR64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const m = 2 * i.rm;
  const n = 2 * i.rn;
  const mlo = x[m];
  const mhi = x[m + 1];
  const nlo = x[n];
  const nhi = x[n + 1];
  const a = i.a;
  let lo: number;
  let hi: number;
  if (a === 0) {
    lo = mlo;
    hi = mhi;
  } else if (a < 32) {
    lo = (mlo >>> a) | (mhi << (32 - a));
    hi = (mhi >>> a) | (nlo << (32 - a));
  } else if (a === 32) {
    lo = mhi;
    hi = nlo;
  } else {
    const k = a - 32;
    lo = (mhi >>> k) | (nlo << (32 - k));
    hi = (nlo >>> k) | (nhi << (32 - k));
  }
  x[2 * i.rd] = lo;
  x[2 * i.rd + 1] = hi;
}
function execEXTR32(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const a = i.a;
  const m = x[2 * i.rm];
  x[2 * i.rd] = a === 0 ? m : (m >>> a) | (x[2 * i.rn] << (32 - a));
  x[2 * i.rd + 1] = 0;
}

// ------------------------------------------------------------------ decoders

const sext = (v: number, bits: number): number => (v << (32 - bits)) >> (32 - bits);

function decodeADR(i: Insn, f: Fields, page: boolean): ExecFn {
  const off = sext((f.h << 2) | f.l, 21);
  i.rd = zrWrite(f.d);
  // ADRP: the 4KB page of this instruction plus off pages. Addresses stay far below 2^53.
  setImm64(i, page ? Math.floor(i.addr / 4096) * 4096 + off * 4096 : i.addr + off);
  i.sf = 1;
  return execMovConst;
}

function decodeAddSubImm(i: Insn, f: Fields, sub: boolean, setFlags: boolean): ExecFn {
  const v = f.i << (f.h * 12);
  i.sf = f.z;
  i.s = setFlags ? 1 : 0;
  i.rn = spReg(f.n);
  if (setFlags) {
    i.rd = zrWrite(f.d);
    if (sub) {
      i.imm = ~v;
      i.immHi = -1;
      i.a = 1;
    } else {
      i.imm = v;
      i.immHi = 0;
      i.a = 0;
    }
    return f.z ? execAddsImm64 : execAddsImm32;
  }
  i.rd = spReg(f.d);
  setImm64(i, sub ? -v : v);
  return f.z ? execAddImm64 : execAddImm32;
}

type LogicOp = 'and' | 'orr' | 'eor' | 'ands';

function decodeLogicalImm(i: Insn, f: Fields, op: LogicOp): ExecFn | null {
  if (f.z === 0 && f.N !== 0) return null;
  const masks = decodeBitMasks(f.N, f.s, f.r, true, f.z ? 64 : 32);
  if (masks === null) return null;
  i.sf = f.z;
  i.imm = bigLo(masks.wmask);
  i.immHi = bigHi(masks.wmask);
  i.rn = zrRead(f.n);
  i.rd = op === 'ands' ? zrWrite(f.d) : spReg(f.d);
  switch (op) {
    case 'and':
      return f.z ? execANDimm64 : execANDimm32;
    case 'orr':
      if (f.n === 31) return execMovConst; // MOV (bitmask immediate)
      return f.z ? execORRimm64 : execORRimm32;
    case 'eor':
      return f.z ? execEORimm64 : execEORimm32;
    case 'ands':
      i.s = 1;
      return f.z ? execANDSimm64 : execANDSimm32;
  }
}

function decodeMoveWide(i: Insn, f: Fields, op: 'n' | 'z' | 'k'): ExecFn | null {
  if (f.z === 0 && f.h >= 2) return null;
  const shift = f.h * 16;
  i.sf = f.z;
  i.rd = zrWrite(f.d);
  if (op === 'k') {
    i.a = f.h >> 1;
    i.imm = f.i << (shift & 31);
    i.b = ~(0xffff << (shift & 31));
    return f.z ? execMOVK64 : execMOVK32;
  }
  const lo = shift < 32 ? f.i << shift : 0;
  const hi = shift >= 32 ? f.i << (shift - 32) : 0;
  if (op === 'z') {
    i.imm = lo;
    i.immHi = hi;
  } else {
    i.imm = ~lo;
    i.immHi = f.z ? ~hi : 0;
  }
  return execMovConst;
}

function decodeBitfield(i: Insn, f: Fields, op: 's' | 'b' | 'u'): ExecFn | null {
  const sf = f.z;
  if (f.N !== sf) return null;
  if (sf === 0 && (f.r >= 32 || f.s >= 32)) return null;
  const size = sf ? 64 : 32;
  const masks = decodeBitMasks(f.N, f.s, f.r, false, size);
  if (masks === null) return null;
  const r = f.r;
  const s = f.s;
  i.sf = sf;
  i.rd = zrWrite(f.d);
  i.rn = zrRead(f.n);
  i.a = r;
  i.b = s;
  if (op === 'u' && s + 1 === r) {
    i.a = size - 1 - s;
    return sf ? execLSLimm64 : execLSLimm32;
  }
  if (op === 'u' && s === size - 1) return sf ? execLSRimm64 : execLSRimm32;
  if (op === 's' && s === size - 1) return sf ? execASRimm64 : execASRimm32;
  const { wmask, tmask } = masks;
  if (op === 'b') {
    i.imm = bigLo(wmask);
    i.immHi = bigHi(wmask);
    i.c = bigLo(tmask);
    i.d = bigHi(tmask);
    return sf ? execBFM64 : execBFM32;
  }
  const wt = wmask & tmask;
  i.imm = bigLo(wt);
  i.immHi = bigHi(wt);
  if (op === 'u') return sf ? execUBFM64 : execUBFM32;
  i.c = ~bigLo(tmask);
  i.d = sf ? ~bigHi(tmask) : 0;
  return sf ? execSBFM64 : execSBFM32;
}

function decodeEXTR(i: Insn, f: Fields): ExecFn | null {
  if (f.N !== f.z) return null;
  if (f.z === 0 && f.s >= 32) return null;
  i.sf = f.z;
  i.rd = zrWrite(f.d);
  i.rn = zrRead(f.n);
  i.rm = zrRead(f.m);
  i.a = f.s;
  return f.z ? execEXTR64 : execEXTR32;
}

// ------------------------------------------------------------------ the table

export const DATA_PROC_IMM_ENCODINGS: EncodingSpec[] = [
  // ADR <Xd>, <label>
  { name: 'ADR', pattern: '0ll10000hhhhhhhhhhhhhhhhhhhddddd', decode: (i, f) => decodeADR(i, f, false) },
  // ADRP <Xd>, <label>
  { name: 'ADRP', pattern: '1ll10000hhhhhhhhhhhhhhhhhhhddddd', decode: (i, f) => decodeADR(i, f, true) },

  // ADD <Xd|SP>, <Xn|SP>, #<imm>{, LSL #12}
  { name: 'ADD_imm', pattern: 'z00100010hiiiiiiiiiiiinnnnnddddd', decode: (i, f) => decodeAddSubImm(i, f, false, false) },
  // ADDS <Xd>, <Xn|SP>, #<imm>{, LSL #12}   (CMN when Rd = ZR)
  { name: 'ADDS_imm', pattern: 'z01100010hiiiiiiiiiiiinnnnnddddd', decode: (i, f) => decodeAddSubImm(i, f, false, true) },
  // SUB <Xd|SP>, <Xn|SP>, #<imm>{, LSL #12}
  { name: 'SUB_imm', pattern: 'z10100010hiiiiiiiiiiiinnnnnddddd', decode: (i, f) => decodeAddSubImm(i, f, true, false) },
  // SUBS <Xd>, <Xn|SP>, #<imm>{, LSL #12}   (CMP when Rd = ZR)
  { name: 'SUBS_imm', pattern: 'z11100010hiiiiiiiiiiiinnnnnddddd', decode: (i, f) => decodeAddSubImm(i, f, true, true) },

  // AND <Xd|SP>, <Xn>, #<imm>
  { name: 'AND_imm', pattern: 'z00100100Nrrrrrrssssssnnnnnddddd', decode: (i, f) => decodeLogicalImm(i, f, 'and') },
  // ORR <Xd|SP>, <Xn>, #<imm>   (MOV bitmask immediate when Rn = ZR)
  { name: 'ORR_imm', pattern: 'z01100100Nrrrrrrssssssnnnnnddddd', decode: (i, f) => decodeLogicalImm(i, f, 'orr') },
  // EOR <Xd|SP>, <Xn>, #<imm>
  { name: 'EOR_imm', pattern: 'z10100100Nrrrrrrssssssnnnnnddddd', decode: (i, f) => decodeLogicalImm(i, f, 'eor') },
  // ANDS <Xd>, <Xn>, #<imm>   (TST when Rd = ZR)
  { name: 'ANDS_imm', pattern: 'z11100100Nrrrrrrssssssnnnnnddddd', decode: (i, f) => decodeLogicalImm(i, f, 'ands') },

  // MOVN <Xd>, #<imm16>{, LSL #<shift>}
  { name: 'MOVN', pattern: 'z00100101hhiiiiiiiiiiiiiiiiddddd', decode: (i, f) => decodeMoveWide(i, f, 'n') },
  // MOVZ <Xd>, #<imm16>{, LSL #<shift>}
  { name: 'MOVZ', pattern: 'z10100101hhiiiiiiiiiiiiiiiiddddd', decode: (i, f) => decodeMoveWide(i, f, 'z') },
  // MOVK <Xd>, #<imm16>{, LSL #<shift>}
  { name: 'MOVK', pattern: 'z11100101hhiiiiiiiiiiiiiiiiddddd', decode: (i, f) => decodeMoveWide(i, f, 'k') },

  // SBFM <Xd>, <Xn>, #<immr>, #<imms>   (ASR, SBFIZ, SBFX, SXTB, SXTH, SXTW)
  { name: 'SBFM', pattern: 'z00100110Nrrrrrrssssssnnnnnddddd', decode: (i, f) => decodeBitfield(i, f, 's') },
  // BFM <Xd>, <Xn>, #<immr>, #<imms>   (BFC, BFI, BFXIL)
  { name: 'BFM', pattern: 'z01100110Nrrrrrrssssssnnnnnddddd', decode: (i, f) => decodeBitfield(i, f, 'b') },
  // UBFM <Xd>, <Xn>, #<immr>, #<imms>   (LSL, LSR, UBFIZ, UBFX, UXTB, UXTH)
  { name: 'UBFM', pattern: 'z10100110Nrrrrrrssssssnnnnnddddd', decode: (i, f) => decodeBitfield(i, f, 'u') },

  // EXTR <Xd>, <Xn>, <Xm>, #<lsb>   (ROR immediate when Rn = Rm)
  { name: 'EXTR', pattern: 'z00100111N0mmmmmssssssnnnnnddddd', decode: decodeEXTR },
];
