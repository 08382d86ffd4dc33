/**
 * SIMD&FP register loads and stores (B/H/S/D/Q): unsigned offset, unscaled, pre/post
 * index, register offset, literal, and the pairs LDP/STP/LDNP/STNP (S/D/Q).
 *
 * Every handler first checks CPACR_EL1.FPEN. A load of B/H/S/D zeroes the rest of the
 * 128-bit register. 128-bit accesses must be 16-byte aligned: the MMU is off, so memory
 * is Device and the Arm ARM checks a Q access against its full size. None of these set
 * the ISV syndrome (SIMD&FP transfers have ISV = 0 on hardware).
 */
import type { Cpu } from '../cpu';
import { EncodingSpec, Fields } from '../encodingTable';
import { ExecFn, Insn } from '../insn';
import { spReg, zrRead } from '../regs';
import { baseAddr, decodeExtend, literalAddr, regAddr, sext, writeback } from './loadStoreCommon';

/** Set V[t] to the four words (w0 = lowest). */
function vset(c: Cpu, t: number, w0: number, w1: number, w2: number, w3: number): void {
  const q = c.vI32;
  const k = t << 2;
  q[k] = w0;
  q[k + 1] = w1;
  q[k + 2] = w2;
  q[k + 3] = w3;
}

type VAccess = (c: Cpu, t: number, a: number) => void;

const vldB: VAccess = (c, t, a) => vset(c, t, c.ld8(a), 0, 0, 0);
const vldH: VAccess = (c, t, a) => vset(c, t, c.ld16(a), 0, 0, 0);
const vldS: VAccess = (c, t, a) => vset(c, t, c.ld32(a), 0, 0, 0);
const vldD: VAccess = (c, t, a) => vset(c, t, c.ld64(a), c.ldHi, 0, 0);
/** 128-bit: one 16-byte access (`rpage`/`wpage` check the 16-byte alignment). */
const vldQ: VAccess = (c, t, a) => {
  const w = c.rpage(a, 16).i32;
  const k = (a & 4095) >> 2;
  vset(c, t, w[k], w[k + 1], w[k + 2], w[k + 3]);
};
const vstB: VAccess = (c, t, a) => c.st8(a, c.vU8[t << 4]);
const vstH: VAccess = (c, t, a) => c.st16(a, c.vU16[t << 3]);
const vstS: VAccess = (c, t, a) => c.st32(a, c.vI32[t << 2]);
const vstD: VAccess = (c, t, a) => c.st64(a, c.vI32[t << 2], c.vI32[(t << 2) + 1]);
const vstQ: VAccess = (c, t, a) => {
  const w = c.wpage(a, 16).i32;
  const k = (a & 4095) >> 2;
  const q = c.vI32;
  const r = t << 2;
  w[k] = q[r];
  w[k + 1] = q[r + 1];
  w[k + 2] = q[r + 2];
  w[k + 3] = q[r + 3];
};

/** Handlers of one single-register kind; `wb` as in loadStoreSingle (access at X[n] + c, then X[n] = that + imm). */
interface VKind {
  readonly sizeLog2: number;
  readonly off: ExecFn;
  readonly wb: ExecFn;
  readonly reg: ExecFn;
  /** Literal form (loads of S/D/Q only). */
  readonly lit: ExecFn | null;
}

const vk = (sizeLog2: number, off: ExecFn, wb: ExecFn, reg: ExecFn, lit: ExecFn | null = null): VKind => ({ sizeLog2, off, wb, reg, lit });

const LDR_B = vk(0,
  (c, i) => { c.checkFpEnabled(i); vldB(c, i.rd, baseAddr(c, i, i.imm)); },
  (c, i) => { c.checkFpEnabled(i); const a = baseAddr(c, i, i.c); vldB(c, i.rd, a); writeback(c, i.rn, a + i.imm); },
  (c, i) => { c.checkFpEnabled(i); vldB(c, i.rd, regAddr(c, i)); });
const LDR_H = vk(1,
  (c, i) => { c.checkFpEnabled(i); vldH(c, i.rd, baseAddr(c, i, i.imm)); },
  (c, i) => { c.checkFpEnabled(i); const a = baseAddr(c, i, i.c); vldH(c, i.rd, a); writeback(c, i.rn, a + i.imm); },
  (c, i) => { c.checkFpEnabled(i); vldH(c, i.rd, regAddr(c, i)); });
const LDR_S = vk(2,
  (c, i) => { c.checkFpEnabled(i); vldS(c, i.rd, baseAddr(c, i, i.imm)); },
  (c, i) => { c.checkFpEnabled(i); const a = baseAddr(c, i, i.c); vldS(c, i.rd, a); writeback(c, i.rn, a + i.imm); },
  (c, i) => { c.checkFpEnabled(i); vldS(c, i.rd, regAddr(c, i)); },
  (c, i) => { c.checkFpEnabled(i); vldS(c, i.rd, i.imm); });
const LDR_D = vk(3,
  (c, i) => { c.checkFpEnabled(i); vldD(c, i.rd, baseAddr(c, i, i.imm)); },
  (c, i) => { c.checkFpEnabled(i); const a = baseAddr(c, i, i.c); vldD(c, i.rd, a); writeback(c, i.rn, a + i.imm); },
  (c, i) => { c.checkFpEnabled(i); vldD(c, i.rd, regAddr(c, i)); },
  (c, i) => { c.checkFpEnabled(i); vldD(c, i.rd, i.imm); });
const LDR_Q = vk(4,
  (c, i) => { c.checkFpEnabled(i); vldQ(c, i.rd, baseAddr(c, i, i.imm)); },
  (c, i) => { c.checkFpEnabled(i); const a = baseAddr(c, i, i.c); vldQ(c, i.rd, a); writeback(c, i.rn, a + i.imm); },
  (c, i) => { c.checkFpEnabled(i); vldQ(c, i.rd, regAddr(c, i)); },
  (c, i) => { c.checkFpEnabled(i); vldQ(c, i.rd, i.imm); });
const STR_B = vk(0,
  (c, i) => { c.checkFpEnabled(i); vstB(c, i.rd, baseAddr(c, i, i.imm)); },
  (c, i) => { c.checkFpEnabled(i); const a = baseAddr(c, i, i.c); vstB(c, i.rd, a); writeback(c, i.rn, a + i.imm); },
  (c, i) => { c.checkFpEnabled(i); vstB(c, i.rd, regAddr(c, i)); });
const STR_H = vk(1,
  (c, i) => { c.checkFpEnabled(i); vstH(c, i.rd, baseAddr(c, i, i.imm)); },
  (c, i) => { c.checkFpEnabled(i); const a = baseAddr(c, i, i.c); vstH(c, i.rd, a); writeback(c, i.rn, a + i.imm); },
  (c, i) => { c.checkFpEnabled(i); vstH(c, i.rd, regAddr(c, i)); });
const STR_S = vk(2,
  (c, i) => { c.checkFpEnabled(i); vstS(c, i.rd, baseAddr(c, i, i.imm)); },
  (c, i) => { c.checkFpEnabled(i); const a = baseAddr(c, i, i.c); vstS(c, i.rd, a); writeback(c, i.rn, a + i.imm); },
  (c, i) => { c.checkFpEnabled(i); vstS(c, i.rd, regAddr(c, i)); });
const STR_D = vk(3,
  (c, i) => { c.checkFpEnabled(i); vstD(c, i.rd, baseAddr(c, i, i.imm)); },
  (c, i) => { c.checkFpEnabled(i); const a = baseAddr(c, i, i.c); vstD(c, i.rd, a); writeback(c, i.rn, a + i.imm); },
  (c, i) => { c.checkFpEnabled(i); vstD(c, i.rd, regAddr(c, i)); });
const STR_Q = vk(4,
  (c, i) => { c.checkFpEnabled(i); vstQ(c, i.rd, baseAddr(c, i, i.imm)); },
  (c, i) => { c.checkFpEnabled(i); const a = baseAddr(c, i, i.c); vstQ(c, i.rd, a); writeback(c, i.rn, a + i.imm); },
  (c, i) => { c.checkFpEnabled(i); vstQ(c, i.rd, regAddr(c, i)); });

const LOADS = [LDR_B, LDR_H, LDR_S, LDR_D, LDR_Q];
const STORES = [STR_B, STR_H, STR_S, STR_D, STR_Q];

/** size:opc<1> → kind; null for the unallocated combinations (opc<1> = 1 with size != 00). */
function single(f: Fields, load: boolean): VKind | null {
  if (f.q === 1 && f.S !== 0) return null;
  return (load ? LOADS : STORES)[f.q ? 4 : f.S];
}

function unsignedImm(i: Insn, f: Fields, load: boolean): ExecFn | null {
  const k = single(f, load);
  if (!k) return null;
  i.rd = f.t;
  i.rn = spReg(f.n);
  i.imm = f.i << k.sizeLog2;
  return k.off;
}
function unscaledImm(i: Insn, f: Fields, load: boolean): ExecFn | null {
  const k = single(f, load);
  if (!k) return null;
  i.rd = f.t;
  i.rn = spReg(f.n);
  i.imm = sext(f.i, 9);
  return k.off;
}
function indexed(i: Insn, f: Fields, load: boolean, pre: boolean): ExecFn | null {
  const k = single(f, load);
  if (!k) return null;
  i.rd = f.t;
  i.rn = spReg(f.n);
  i.c = pre ? sext(f.i, 9) : 0;
  i.imm = pre ? 0 : sext(f.i, 9);
  return k.wb;
}
function registerOffset(i: Insn, f: Fields, load: boolean): ExecFn | null {
  const k = single(f, load);
  if (!k || !decodeExtend(i, f.o, f.h, k.sizeLog2)) return null;
  i.rd = f.t;
  i.rn = spReg(f.n);
  i.rm = zrRead(f.m);
  return k.reg;
}
function literal(i: Insn, f: Fields): ExecFn | null {
  if (f.S === 3) return null;
  i.rd = f.t;
  i.imm = literalAddr(i, f.i);
  return [LDR_S, LDR_D, LDR_Q][f.S].lit;
}

// ------------------------------------------------------------------ pairs

/** Pair handlers: `off` at X[n] + imm (LDP offset, LDNP); `wb` at X[n] + c then X[n] = that + imm. */
interface VPair {
  readonly sizeLog2: number;
  readonly off: ExecFn;
  readonly wb: ExecFn;
}

// Loads read both elements before writing either register. Rt == Rt2 (CONSTRAINED
// UNPREDICTABLE) leaves the second element there, as qemu-aarch64 does.
function ldpS(c: Cpu, i: Insn, a: number): void {
  const w0 = c.ld32(a);
  const w1 = c.ld32(a + 4);
  vset(c, i.rd, w0, 0, 0, 0);
  vset(c, i.rt2, w1, 0, 0, 0);
}
function ldpD(c: Cpu, i: Insn, a: number): void {
  const l0 = c.ld64(a);
  const h0 = c.ldHi;
  const l1 = c.ld64(a + 8);
  vset(c, i.rd, l0, h0, 0, 0);
  vset(c, i.rt2, l1, c.ldHi, 0, 0);
}
function ldpQ(c: Cpu, i: Insn, a: number): void {
  const w0 = c.rpage(a, 16).i32;
  const w1 = c.rpage(a + 16, 16).i32; // may be the next page
  const k0 = (a & 4095) >> 2;
  const k1 = ((a + 16) & 4095) >> 2;
  vset(c, i.rd, w0[k0], w0[k0 + 1], w0[k0 + 2], w0[k0 + 3]);
  vset(c, i.rt2, w1[k1], w1[k1 + 1], w1[k1 + 2], w1[k1 + 3]);
}
function stpS(c: Cpu, i: Insn, a: number): void {
  c.st32(a, c.vI32[i.rd << 2]);
  c.st32(a + 4, c.vI32[i.rt2 << 2]);
}
function stpD(c: Cpu, i: Insn, a: number): void {
  vstD(c, i.rd, a);
  vstD(c, i.rt2, a + 8);
}
function stpQ(c: Cpu, i: Insn, a: number): void {
  vstQ(c, i.rd, a);
  vstQ(c, i.rt2, a + 16);
}

const LDP_S: VPair = {
  sizeLog2: 2,
  off: (c, i) => { c.checkFpEnabled(i); ldpS(c, i, baseAddr(c, i, i.imm)); },
  wb: (c, i) => { c.checkFpEnabled(i); const a = baseAddr(c, i, i.c); ldpS(c, i, a); writeback(c, i.rn, a + i.imm); },
};
const LDP_D: VPair = {
  sizeLog2: 3,
  off: (c, i) => { c.checkFpEnabled(i); ldpD(c, i, baseAddr(c, i, i.imm)); },
  wb: (c, i) => { c.checkFpEnabled(i); const a = baseAddr(c, i, i.c); ldpD(c, i, a); writeback(c, i.rn, a + i.imm); },
};
const LDP_Q: VPair = {
  sizeLog2: 4,
  off: (c, i) => { c.checkFpEnabled(i); ldpQ(c, i, baseAddr(c, i, i.imm)); },
  wb: (c, i) => { c.checkFpEnabled(i); const a = baseAddr(c, i, i.c); ldpQ(c, i, a); writeback(c, i.rn, a + i.imm); },
};
const STP_S: VPair = {
  sizeLog2: 2,
  off: (c, i) => { c.checkFpEnabled(i); stpS(c, i, baseAddr(c, i, i.imm)); },
  wb: (c, i) => { c.checkFpEnabled(i); const a = baseAddr(c, i, i.c); stpS(c, i, a); writeback(c, i.rn, a + i.imm); },
};
const STP_D: VPair = {
  sizeLog2: 3,
  off: (c, i) => { c.checkFpEnabled(i); stpD(c, i, baseAddr(c, i, i.imm)); },
  wb: (c, i) => { c.checkFpEnabled(i); const a = baseAddr(c, i, i.c); stpD(c, i, a); writeback(c, i.rn, a + i.imm); },
};
const STP_Q: VPair = {
  sizeLog2: 4,
  off: (c, i) => { c.checkFpEnabled(i); stpQ(c, i, baseAddr(c, i, i.imm)); },
  wb: (c, i) => { c.checkFpEnabled(i); const a = baseAddr(c, i, i.c); stpQ(c, i, a); writeback(c, i.rn, a + i.imm); },
};

const PAIR_LOADS = [LDP_S, LDP_D, LDP_Q];
const PAIR_STORES = [STP_S, STP_D, STP_Q];

/** mode: 'off' (signed offset and no-allocate), 'pre', 'post'. opc (S) 11 is unallocated. */
function pair(i: Insn, f: Fields, load: boolean, mode: 'off' | 'pre' | 'post'): ExecFn | null {
  if (f.S === 3) return null;
  const k = (load ? PAIR_LOADS : PAIR_STORES)[f.S];
  i.rd = f.t;
  i.rt2 = f.u;
  i.rn = spReg(f.n);
  const off = sext(f.i, 7) << k.sizeLog2;
  if (mode === 'off') {
    i.imm = off;
    return k.off;
  }
  i.c = mode === 'pre' ? off : 0;
  i.imm = mode === 'pre' ? 0 : off;
  return k.wb;
}

// ------------------------------------------------------------------ the table

export const LOAD_STORE_SIMD_ENCODINGS: EncodingSpec[] = [
  // S = size, q = opc<1> (with size 00: the Q form).
  // STR <Bt|Ht|St|Dt|Qt>, [<Xn|SP>{, #<pimm>}]
  { name: 'STR_fpsimd_imm_unsigned', pattern: 'SS111101q0iiiiiiiiiiiinnnnnttttt', decode: (i, f) => unsignedImm(i, f, false) },
  // LDR <Bt|Ht|St|Dt|Qt>, [<Xn|SP>{, #<pimm>}]
  { name: 'LDR_fpsimd_imm_unsigned', pattern: 'SS111101q1iiiiiiiiiiiinnnnnttttt', decode: (i, f) => unsignedImm(i, f, true) },
  // STUR <Bt|Ht|St|Dt|Qt>, [<Xn|SP>{, #<simm>}]
  { name: 'STUR_fpsimd', pattern: 'SS111100q00iiiiiiiii00nnnnnttttt', decode: (i, f) => unscaledImm(i, f, false) },
  // LDUR <Bt|Ht|St|Dt|Qt>, [<Xn|SP>{, #<simm>}]
  { name: 'LDUR_fpsimd', pattern: 'SS111100q10iiiiiiiii00nnnnnttttt', decode: (i, f) => unscaledImm(i, f, true) },
  // STR <Bt|Ht|St|Dt|Qt>, [<Xn|SP>], #<simm>
  { name: 'STR_fpsimd_imm_post', pattern: 'SS111100q00iiiiiiiii01nnnnnttttt', decode: (i, f) => indexed(i, f, false, false) },
  // LDR <Bt|Ht|St|Dt|Qt>, [<Xn|SP>], #<simm>
  { name: 'LDR_fpsimd_imm_post', pattern: 'SS111100q10iiiiiiiii01nnnnnttttt', decode: (i, f) => indexed(i, f, true, false) },
  // STR <Bt|Ht|St|Dt|Qt>, [<Xn|SP>, #<simm>]!
  { name: 'STR_fpsimd_imm_pre', pattern: 'SS111100q00iiiiiiiii11nnnnnttttt', decode: (i, f) => indexed(i, f, false, true) },
  // LDR <Bt|Ht|St|Dt|Qt>, [<Xn|SP>, #<simm>]!
  { name: 'LDR_fpsimd_imm_pre', pattern: 'SS111100q10iiiiiiiii11nnnnnttttt', decode: (i, f) => indexed(i, f, true, true) },
  // STR <Bt|Ht|St|Dt|Qt>, [<Xn|SP>, (<Wm>|<Xm>){, <extend> {<amount>}}]
  { name: 'STR_fpsimd_reg', pattern: 'SS111100q01mmmmmoooh10nnnnnttttt', decode: (i, f) => registerOffset(i, f, false) },
  // LDR <Bt|Ht|St|Dt|Qt>, [<Xn|SP>, (<Wm>|<Xm>){, <extend> {<amount>}}]
  { name: 'LDR_fpsimd_reg', pattern: 'SS111100q11mmmmmoooh10nnnnnttttt', decode: (i, f) => registerOffset(i, f, true) },
  // LDR <St|Dt|Qt>, <label>   (S = opc: 00 S, 01 D, 10 Q)
  { name: 'LDR_fpsimd_lit', pattern: 'SS011100iiiiiiiiiiiiiiiiiiittttt', decode: literal },

  // Pairs: S = opc (00 S, 01 D, 10 Q), u = Rt2, i = imm7 scaled by the element size.
  // STNP <St|Dt|Qt>, <St2|Dt2|Qt2>, [<Xn|SP>{, #<imm>}]
  { name: 'STNP_fpsimd', pattern: 'SS10110000iiiiiiiuuuuunnnnnttttt', decode: (i, f) => pair(i, f, false, 'off') },
  // LDNP <St|Dt|Qt>, <St2|Dt2|Qt2>, [<Xn|SP>{, #<imm>}]
  { name: 'LDNP_fpsimd', pattern: 'SS10110001iiiiiiiuuuuunnnnnttttt', decode: (i, f) => pair(i, f, true, 'off') },
  // STP <St|Dt|Qt>, <St2|Dt2|Qt2>, [<Xn|SP>], #<imm>
  { name: 'STP_fpsimd_post', pattern: 'SS10110010iiiiiiiuuuuunnnnnttttt', decode: (i, f) => pair(i, f, false, 'post') },
  // LDP <St|Dt|Qt>, <St2|Dt2|Qt2>, [<Xn|SP>], #<imm>
  { name: 'LDP_fpsimd_post', pattern: 'SS10110011iiiiiiiuuuuunnnnnttttt', decode: (i, f) => pair(i, f, true, 'post') },
  // STP <St|Dt|Qt>, <St2|Dt2|Qt2>, [<Xn|SP>{, #<imm>}]
  { name: 'STP_fpsimd_off', pattern: 'SS10110100iiiiiiiuuuuunnnnnttttt', decode: (i, f) => pair(i, f, false, 'off') },
  // LDP <St|Dt|Qt>, <St2|Dt2|Qt2>, [<Xn|SP>{, #<imm>}]
  { name: 'LDP_fpsimd_off', pattern: 'SS10110101iiiiiiiuuuuunnnnnttttt', decode: (i, f) => pair(i, f, true, 'off') },
  // STP <St|Dt|Qt>, <St2|Dt2|Qt2>, [<Xn|SP>, #<imm>]!
  { name: 'STP_fpsimd_pre', pattern: 'SS10110110iiiiiiiuuuuunnnnnttttt', decode: (i, f) => pair(i, f, false, 'pre') },
  // LDP <St|Dt|Qt>, <St2|Dt2|Qt2>, [<Xn|SP>, #<imm>]!
  { name: 'LDP_fpsimd_pre', pattern: 'SS10110111iiiiiiiuuuuunnnnnttttt', decode: (i, f) => pair(i, f, true, 'pre') },
];
