/**
 * General-register pairs: LDP/STP (signed offset, pre- and post-index), LDPSW, and the
 * no-allocate LDNP/STNP (a cache hint only, so executed like LDP/STP with an offset).
 *
 * Each element is its own access (ARMv8.0: aligned to the element size, not the pair).
 * Loads read both elements before writing a register. The CONSTRAINED UNPREDICTABLE cases
 * follow qemu-aarch64: Rt == Rt2 keeps the first element (Rt is written last); a load
 * whose writeback base is Rt or Rt2 ends with the written-back address; a store with
 * writeback stores the registers' values from before the writeback.
 * Pairs never carry the ISV syndrome.
 */
import type { Cpu } from '../cpu';
import { EncodingSpec, Fields } from '../encodingTable';
import { ExecFn, Insn } from '../insn';
import { spReg, zrRead, zrWrite } from '../regs';
import { baseAddr, sext, setW, setX, writeback } from './loadStoreCommon';

function ldpW(c: Cpu, i: Insn, a: number): void {
  const v0 = c.ld32(a);
  const v1 = c.ld32(a + 4);
  setW(c, i.rt2, v1);
  setW(c, i.rd, v0);
}
function ldpX(c: Cpu, i: Insn, a: number): void {
  const l0 = c.ld64(a);
  const h0 = c.ldHi;
  const l1 = c.ld64(a + 8);
  setX(c, i.rt2, l1, c.ldHi);
  setX(c, i.rd, l0, h0);
}
function ldpSW(c: Cpu, i: Insn, a: number): void {
  const v0 = c.ld32(a);
  const v1 = c.ld32(a + 4);
  setX(c, i.rt2, v1, v1 >> 31);
  setX(c, i.rd, v0, v0 >> 31);
}
function stpW(c: Cpu, i: Insn, a: number): void {
  c.st32(a, c.x[2 * i.rd]);
  c.st32(a + 4, c.x[2 * i.rt2]);
}
function stpX(c: Cpu, i: Insn, a: number): void {
  const x = c.x;
  c.st64(a, x[2 * i.rd], x[2 * i.rd + 1]);
  c.st64(a + 8, x[2 * i.rt2], x[2 * i.rt2 + 1]);
}

/** `off`: at X[n] + imm. `wb`: at X[n] + c, then X[n] = that + imm (pre: c = imm, imm = 0; post: c = 0). */
interface PairKind {
  readonly sizeLog2: number;
  readonly load: boolean;
  readonly off: ExecFn;
  readonly wb: ExecFn;
}

const LDP_W: PairKind = {
  sizeLog2: 2,
  load: true,
  off: (c, i) => ldpW(c, i, baseAddr(c, i, i.imm)),
  wb: (c, i) => { const a = baseAddr(c, i, i.c); ldpW(c, i, a); writeback(c, i.rn, a + i.imm); },
};
const LDP_X: PairKind = {
  sizeLog2: 3,
  load: true,
  off: (c, i) => ldpX(c, i, baseAddr(c, i, i.imm)),
  wb: (c, i) => { const a = baseAddr(c, i, i.c); ldpX(c, i, a); writeback(c, i.rn, a + i.imm); },
};
const LDPSW: PairKind = {
  sizeLog2: 2,
  load: true,
  off: (c, i) => ldpSW(c, i, baseAddr(c, i, i.imm)),
  wb: (c, i) => { const a = baseAddr(c, i, i.c); ldpSW(c, i, a); writeback(c, i.rn, a + i.imm); },
};
const STP_W: PairKind = {
  sizeLog2: 2,
  load: false,
  off: (c, i) => stpW(c, i, baseAddr(c, i, i.imm)),
  wb: (c, i) => { const a = baseAddr(c, i, i.c); stpW(c, i, a); writeback(c, i.rn, a + i.imm); },
};
const STP_X: PairKind = {
  sizeLog2: 3,
  load: false,
  off: (c, i) => stpX(c, i, baseAddr(c, i, i.imm)),
  wb: (c, i) => { const a = baseAddr(c, i, i.c); stpX(c, i, a); writeback(c, i.rn, a + i.imm); },
};

function pair(i: Insn, f: Fields, k: PairKind, mode: 'off' | 'pre' | 'post'): ExecFn {
  const reg = k.load ? zrWrite : zrRead;
  i.rd = reg(f.t);
  i.rt2 = reg(f.u);
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

const ldp = (f: Fields): PairKind => (f.z ? LDP_X : LDP_W);
const stp = (f: Fields): PairKind => (f.z ? STP_X : STP_W);

export const LOAD_STORE_PAIR_ENCODINGS: EncodingSpec[] = [
  // z = opc<1> (1: X registers), u = Rt2, i = imm7 scaled by the register size.
  // STNP <Wt1|Xt1>, <Wt2|Xt2>, [<Xn|SP>{, #<imm>}]
  { name: 'STNP', pattern: 'z010100000iiiiiiiuuuuunnnnnttttt', decode: (i, f) => pair(i, f, stp(f), 'off') },
  // LDNP <Wt1|Xt1>, <Wt2|Xt2>, [<Xn|SP>{, #<imm>}]
  { name: 'LDNP', pattern: 'z010100001iiiiiiiuuuuunnnnnttttt', decode: (i, f) => pair(i, f, ldp(f), 'off') },
  // STP <Wt1|Xt1>, <Wt2|Xt2>, [<Xn|SP>], #<imm>
  { name: 'STP_post', pattern: 'z010100010iiiiiiiuuuuunnnnnttttt', decode: (i, f) => pair(i, f, stp(f), 'post') },
  // LDP <Wt1|Xt1>, <Wt2|Xt2>, [<Xn|SP>], #<imm>
  { name: 'LDP_post', pattern: 'z010100011iiiiiiiuuuuunnnnnttttt', decode: (i, f) => pair(i, f, ldp(f), 'post') },
  // STP <Wt1|Xt1>, <Wt2|Xt2>, [<Xn|SP>{, #<imm>}]
  { name: 'STP_off', pattern: 'z010100100iiiiiiiuuuuunnnnnttttt', decode: (i, f) => pair(i, f, stp(f), 'off') },
  // LDP <Wt1|Xt1>, <Wt2|Xt2>, [<Xn|SP>{, #<imm>}]
  { name: 'LDP_off', pattern: 'z010100101iiiiiiiuuuuunnnnnttttt', decode: (i, f) => pair(i, f, ldp(f), 'off') },
  // STP <Wt1|Xt1>, <Wt2|Xt2>, [<Xn|SP>, #<imm>]!
  { name: 'STP_pre', pattern: 'z010100110iiiiiiiuuuuunnnnnttttt', decode: (i, f) => pair(i, f, stp(f), 'pre') },
  // LDP <Wt1|Xt1>, <Wt2|Xt2>, [<Xn|SP>, #<imm>]!
  { name: 'LDP_pre', pattern: 'z010100111iiiiiiiuuuuunnnnnttttt', decode: (i, f) => pair(i, f, ldp(f), 'pre') },
  // LDPSW <Xt1>, <Xt2>, [<Xn|SP>], #<imm>
  { name: 'LDPSW_post', pattern: '0110100011iiiiiiiuuuuunnnnnttttt', decode: (i, f) => pair(i, f, LDPSW, 'post') },
  // LDPSW <Xt1>, <Xt2>, [<Xn|SP>{, #<imm>}]
  { name: 'LDPSW_off', pattern: '0110100101iiiiiiiuuuuunnnnnttttt', decode: (i, f) => pair(i, f, LDPSW, 'off') },
  // LDPSW <Xt1>, <Xt2>, [<Xn|SP>, #<imm>]!
  { name: 'LDPSW_pre', pattern: '0110100111iiiiiiiuuuuunnnnnttttt', decode: (i, f) => pair(i, f, LDPSW, 'pre') },
];
