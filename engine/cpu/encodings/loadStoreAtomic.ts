/**
 * ARMv8.1 LSE atomics: LDADD/LDCLR/LDEOR/LDSET/LDSMAX/LDSMIN/LDUMAX/LDUMIN and SWP
 * (every size; A/L orderings; the ST<op> aliases are these with Rt = ZR), CAS and CASP.
 *
 * Each is one read-modify-write on a page translated for writing (the Arm ARM treats them,
 * a failing CAS included, as both a load and a store for permission checks): the only
 * access that can fault happens before any register or memory changes. vCPUs run one
 * instruction at a time, so the read-modify-write is atomic and the orderings need nothing
 * more. Results: Rt (Rs for CAS) gets the old memory value, zero-extended.
 */
import type { Cpu } from '../cpu';
import { EncodingSpec, Fields } from '../encodingTable';
import { ExecFn, Insn } from '../insn';
import { spReg, zrRead, zrWrite } from '../regs';
import { baseAddr, rmwPage, setW, setX } from './loadStoreCommon';

const TWO32 = 4294967296;

/** Operation numbers in `Insn.b` (o3:opc of the encoding for the first eight). */
const OP_ADD = 0;
const OP_CLR = 1;
const OP_EOR = 2;
const OP_SET = 3;
const OP_SMAX = 4;
const OP_SMIN = 5;
const OP_UMAX = 6;
const OP_UMIN = 7;
const OP_SWP = 8;

/**
 * The new memory value for a B/H/W operation. `old` and `v` hold the data in their low
 * bits; `sh` = 32 - data bits, so `(x << sh) >> sh` is the signed value and `>>> sh` the
 * unsigned one. Bits above the data size are dropped by the store.
 */
function narrowOp(op: number, old: number, v: number, sh: number): number {
  switch (op) {
    case OP_ADD:
      return (old + v) | 0;
    case OP_CLR:
      return old & ~v;
    case OP_EOR:
      return old ^ v;
    case OP_SET:
      return old | v;
    case OP_SMAX:
      return (old << sh) >> sh > (v << sh) >> sh ? old : v;
    case OP_SMIN:
      return (old << sh) >> sh < (v << sh) >> sh ? old : v;
    case OP_UMAX:
      return (old << sh) >>> sh > (v << sh) >>> sh ? old : v;
    case OP_UMIN:
      return (old << sh) >>> sh < (v << sh) >>> sh ? old : v;
    default:
      return v; // SWP
  }
}

/** Rmw of the 64-bit value at words k, k+1 of `w` with operand (vlo, vhi). */
function wideOp(op: number, w: Int32Array, k: number, vlo: number, vhi: number): void {
  const olo = w[k];
  const ohi = w[k + 1];
  let keepOld: boolean;
  switch (op) {
    case OP_ADD: {
      const s = (olo >>> 0) + (vlo >>> 0);
      w[k] = s | 0;
      w[k + 1] = (ohi + vhi + (s >= TWO32 ? 1 : 0)) | 0;
      return;
    }
    case OP_CLR:
      w[k] = olo & ~vlo;
      w[k + 1] = ohi & ~vhi;
      return;
    case OP_EOR:
      w[k] = olo ^ vlo;
      w[k + 1] = ohi ^ vhi;
      return;
    case OP_SET:
      w[k] = olo | vlo;
      w[k + 1] = ohi | vhi;
      return;
    case OP_SMAX:
      keepOld = ohi > vhi || (ohi === vhi && olo >>> 0 >= vlo >>> 0);
      break;
    case OP_SMIN:
      keepOld = ohi < vhi || (ohi === vhi && olo >>> 0 <= vlo >>> 0);
      break;
    case OP_UMAX:
      keepOld = ohi >>> 0 > vhi >>> 0 || (ohi === vhi && olo >>> 0 >= vlo >>> 0);
      break;
    case OP_UMIN:
      keepOld = ohi >>> 0 < vhi >>> 0 || (ohi === vhi && olo >>> 0 <= vlo >>> 0);
      break;
    default:
      keepOld = false; // SWP
  }
  if (!keepOld) {
    w[k] = vlo;
    w[k + 1] = vhi;
  }
}

// ------------------------------------------------------------------ LD<op>, SWP
// Operands: rd = Rt (old value, write slot), rs = Rs (operand, read slot), b = operation.

const execAtomicB: ExecFn = (c, i) => {
  const a = baseAddr(c, i, 0);
  const v = c.x[2 * i.rs];
  const m = rmwPage(c, a, 1).u8;
  const k = a & 4095;
  const old = m[k];
  m[k] = narrowOp(i.b, old, v, 24);
  setW(c, i.rd, old);
};
const execAtomicH: ExecFn = (c, i) => {
  const a = baseAddr(c, i, 0);
  const v = c.x[2 * i.rs];
  const m = rmwPage(c, a, 2).u16;
  const k = (a & 4095) >> 1;
  const old = m[k];
  m[k] = narrowOp(i.b, old, v, 16);
  setW(c, i.rd, old);
};
const execAtomicW: ExecFn = (c, i) => {
  const a = baseAddr(c, i, 0);
  const v = c.x[2 * i.rs];
  const m = rmwPage(c, a, 4).i32;
  const k = (a & 4095) >> 2;
  const old = m[k];
  m[k] = narrowOp(i.b, old, v, 0);
  setW(c, i.rd, old);
};
const execAtomicX: ExecFn = (c, i) => {
  const a = baseAddr(c, i, 0);
  const vlo = c.x[2 * i.rs];
  const vhi = c.x[2 * i.rs + 1];
  const m = rmwPage(c, a, 8).i32;
  const k = (a & 4095) >> 2;
  const olo = m[k];
  const ohi = m[k + 1];
  wideOp(i.b, m, k, vlo, vhi);
  setX(c, i.rd, olo, ohi);
};

const ATOMIC = [execAtomicB, execAtomicH, execAtomicW, execAtomicX];

function atomic(i: Insn, f: Fields, sizeLog2: number, op: number): ExecFn {
  i.rd = zrWrite(f.t);
  i.rs = zrRead(f.s);
  i.rn = spReg(f.n);
  i.b = op;
  return ATOMIC[sizeLog2];
}

// ------------------------------------------------------------------ CAS
// Operands: rs = Rs read slot (compare value), ra = Rs write slot (old value), rd = Rt (new value).

const execCasB: ExecFn = (c, i) => {
  const a = baseAddr(c, i, 0);
  const m = rmwPage(c, a, 1).u8;
  const k = a & 4095;
  const old = m[k];
  if (old === (c.x[2 * i.rs] & 0xff)) m[k] = c.x[2 * i.rd];
  setW(c, i.ra, old);
};
const execCasH: ExecFn = (c, i) => {
  const a = baseAddr(c, i, 0);
  const m = rmwPage(c, a, 2).u16;
  const k = (a & 4095) >> 1;
  const old = m[k];
  if (old === (c.x[2 * i.rs] & 0xffff)) m[k] = c.x[2 * i.rd];
  setW(c, i.ra, old);
};
const execCasW: ExecFn = (c, i) => {
  const a = baseAddr(c, i, 0);
  const m = rmwPage(c, a, 4).i32;
  const k = (a & 4095) >> 2;
  const old = m[k];
  if (old === c.x[2 * i.rs]) m[k] = c.x[2 * i.rd];
  setW(c, i.ra, old);
};
const execCasX: ExecFn = (c, i) => {
  const a = baseAddr(c, i, 0);
  const m = rmwPage(c, a, 8).i32;
  const k = (a & 4095) >> 2;
  const olo = m[k];
  const ohi = m[k + 1];
  const x = c.x;
  if (olo === x[2 * i.rs] && ohi === x[2 * i.rs + 1]) {
    m[k] = x[2 * i.rd];
    m[k + 1] = x[2 * i.rd + 1];
  }
  setX(c, i.ra, olo, ohi);
};

const CAS = [execCasB, execCasH, execCasW, execCasX];

function cas(i: Insn, f: Fields, sizeLog2: number): ExecFn {
  i.rs = zrRead(f.s);
  i.ra = zrWrite(f.s);
  i.rd = zrRead(f.t);
  i.rn = spReg(f.n);
  return CAS[sizeLog2];
}

// ------------------------------------------------------------------ CASP
// Operands: rs/ra = Rs read/write slots, rm/d = Rs+1 read/write slots, rd/rt2 = Rt, Rt+1.
// One access of the whole pair, aligned to its size (8 bytes for W, 16 for X).

function caspResult32(c: Cpu, i: Insn, old0: number, old1: number): void {
  setW(c, i.ra, old0);
  setW(c, i.d, old1);
}

const execCaspW: ExecFn = (c, i) => {
  const a = baseAddr(c, i, 0);
  const m = rmwPage(c, a, 8).i32;
  const k = (a & 4095) >> 2;
  const old0 = m[k];
  const old1 = m[k + 1];
  const x = c.x;
  if (old0 === x[2 * i.rs] && old1 === x[2 * i.rm]) {
    m[k] = x[2 * i.rd];
    m[k + 1] = x[2 * i.rt2];
  }
  caspResult32(c, i, old0, old1);
};
const execCaspX: ExecFn = (c, i) => {
  const a = baseAddr(c, i, 0);
  const m = rmwPage(c, a, 16).i32;
  const k = (a & 4095) >> 2;
  const o0 = m[k];
  const o1 = m[k + 1];
  const o2 = m[k + 2];
  const o3 = m[k + 3];
  const x = c.x;
  if (o0 === x[2 * i.rs] && o1 === x[2 * i.rs + 1] && o2 === x[2 * i.rm] && o3 === x[2 * i.rm + 1]) {
    m[k] = x[2 * i.rd];
    m[k + 1] = x[2 * i.rd + 1];
    m[k + 2] = x[2 * i.rt2];
    m[k + 3] = x[2 * i.rt2 + 1];
  }
  setX(c, i.ra, o0, o1);
  setX(c, i.d, o2, o3);
};

/** Rs and Rt must be even (UNDEFINED otherwise); Rs+1/Rt+1 of register 30 is ZR. */
function casp(i: Insn, f: Fields): ExecFn | null {
  if ((f.s & 1) !== 0 || (f.t & 1) !== 0) return null;
  i.rs = f.s;
  i.ra = f.s;
  i.rm = zrRead(f.s + 1);
  i.d = zrWrite(f.s + 1);
  i.rd = f.t;
  i.rt2 = zrRead(f.t + 1);
  i.rn = spReg(f.n);
  return f.z ? execCaspX : execCaspW;
}

const wx = (f: Fields): number => 2 + f.z;

// ------------------------------------------------------------------ the table
// A = acquire, R = release (the A/L/AL mnemonic suffixes); s = Rs.

export const LOAD_STORE_ATOMIC_ENCODINGS: EncodingSpec[] = [
  // LDADD{A|L|AL}B <Ws>, <Wt>, [<Xn|SP>]   (STADD{L}B <Ws>, [<Xn|SP>] when Rt = WZR)
  { name: 'LDADDB', pattern: '00111000AR1sssss000000nnnnnttttt', decode: (i, f) => atomic(i, f, 0, OP_ADD) },
  // LDADD{A|L|AL}H <Ws>, <Wt>, [<Xn|SP>]
  { name: 'LDADDH', pattern: '01111000AR1sssss000000nnnnnttttt', decode: (i, f) => atomic(i, f, 1, OP_ADD) },
  // LDADD{A|L|AL} <Ws|Xs>, <Wt|Xt>, [<Xn|SP>]
  { name: 'LDADD', pattern: '1z111000AR1sssss000000nnnnnttttt', decode: (i, f) => atomic(i, f, wx(f), OP_ADD) },
  // LDCLR{A|L|AL}B <Ws>, <Wt>, [<Xn|SP>]
  { name: 'LDCLRB', pattern: '00111000AR1sssss000100nnnnnttttt', decode: (i, f) => atomic(i, f, 0, OP_CLR) },
  // LDCLR{A|L|AL}H <Ws>, <Wt>, [<Xn|SP>]
  { name: 'LDCLRH', pattern: '01111000AR1sssss000100nnnnnttttt', decode: (i, f) => atomic(i, f, 1, OP_CLR) },
  // LDCLR{A|L|AL} <Ws|Xs>, <Wt|Xt>, [<Xn|SP>]
  { name: 'LDCLR', pattern: '1z111000AR1sssss000100nnnnnttttt', decode: (i, f) => atomic(i, f, wx(f), OP_CLR) },
  // LDEOR{A|L|AL}B <Ws>, <Wt>, [<Xn|SP>]
  { name: 'LDEORB', pattern: '00111000AR1sssss001000nnnnnttttt', decode: (i, f) => atomic(i, f, 0, OP_EOR) },
  // LDEOR{A|L|AL}H <Ws>, <Wt>, [<Xn|SP>]
  { name: 'LDEORH', pattern: '01111000AR1sssss001000nnnnnttttt', decode: (i, f) => atomic(i, f, 1, OP_EOR) },
  // LDEOR{A|L|AL} <Ws|Xs>, <Wt|Xt>, [<Xn|SP>]
  { name: 'LDEOR', pattern: '1z111000AR1sssss001000nnnnnttttt', decode: (i, f) => atomic(i, f, wx(f), OP_EOR) },
  // LDSET{A|L|AL}B <Ws>, <Wt>, [<Xn|SP>]
  { name: 'LDSETB', pattern: '00111000AR1sssss001100nnnnnttttt', decode: (i, f) => atomic(i, f, 0, OP_SET) },
  // LDSET{A|L|AL}H <Ws>, <Wt>, [<Xn|SP>]
  { name: 'LDSETH', pattern: '01111000AR1sssss001100nnnnnttttt', decode: (i, f) => atomic(i, f, 1, OP_SET) },
  // LDSET{A|L|AL} <Ws|Xs>, <Wt|Xt>, [<Xn|SP>]
  { name: 'LDSET', pattern: '1z111000AR1sssss001100nnnnnttttt', decode: (i, f) => atomic(i, f, wx(f), OP_SET) },
  // LDSMAX{A|L|AL}B <Ws>, <Wt>, [<Xn|SP>]
  { name: 'LDSMAXB', pattern: '00111000AR1sssss010000nnnnnttttt', decode: (i, f) => atomic(i, f, 0, OP_SMAX) },
  // LDSMAX{A|L|AL}H <Ws>, <Wt>, [<Xn|SP>]
  { name: 'LDSMAXH', pattern: '01111000AR1sssss010000nnnnnttttt', decode: (i, f) => atomic(i, f, 1, OP_SMAX) },
  // LDSMAX{A|L|AL} <Ws|Xs>, <Wt|Xt>, [<Xn|SP>]
  { name: 'LDSMAX', pattern: '1z111000AR1sssss010000nnnnnttttt', decode: (i, f) => atomic(i, f, wx(f), OP_SMAX) },
  // LDSMIN{A|L|AL}B <Ws>, <Wt>, [<Xn|SP>]
  { name: 'LDSMINB', pattern: '00111000AR1sssss010100nnnnnttttt', decode: (i, f) => atomic(i, f, 0, OP_SMIN) },
  // LDSMIN{A|L|AL}H <Ws>, <Wt>, [<Xn|SP>]
  { name: 'LDSMINH', pattern: '01111000AR1sssss010100nnnnnttttt', decode: (i, f) => atomic(i, f, 1, OP_SMIN) },
  // LDSMIN{A|L|AL} <Ws|Xs>, <Wt|Xt>, [<Xn|SP>]
  { name: 'LDSMIN', pattern: '1z111000AR1sssss010100nnnnnttttt', decode: (i, f) => atomic(i, f, wx(f), OP_SMIN) },
  // LDUMAX{A|L|AL}B <Ws>, <Wt>, [<Xn|SP>]
  { name: 'LDUMAXB', pattern: '00111000AR1sssss011000nnnnnttttt', decode: (i, f) => atomic(i, f, 0, OP_UMAX) },
  // LDUMAX{A|L|AL}H <Ws>, <Wt>, [<Xn|SP>]
  { name: 'LDUMAXH', pattern: '01111000AR1sssss011000nnnnnttttt', decode: (i, f) => atomic(i, f, 1, OP_UMAX) },
  // LDUMAX{A|L|AL} <Ws|Xs>, <Wt|Xt>, [<Xn|SP>]
  { name: 'LDUMAX', pattern: '1z111000AR1sssss011000nnnnnttttt', decode: (i, f) => atomic(i, f, wx(f), OP_UMAX) },
  // LDUMIN{A|L|AL}B <Ws>, <Wt>, [<Xn|SP>]
  { name: 'LDUMINB', pattern: '00111000AR1sssss011100nnnnnttttt', decode: (i, f) => atomic(i, f, 0, OP_UMIN) },
  // LDUMIN{A|L|AL}H <Ws>, <Wt>, [<Xn|SP>]
  { name: 'LDUMINH', pattern: '01111000AR1sssss011100nnnnnttttt', decode: (i, f) => atomic(i, f, 1, OP_UMIN) },
  // LDUMIN{A|L|AL} <Ws|Xs>, <Wt|Xt>, [<Xn|SP>]
  { name: 'LDUMIN', pattern: '1z111000AR1sssss011100nnnnnttttt', decode: (i, f) => atomic(i, f, wx(f), OP_UMIN) },
  // SWP{A|L|AL}B <Ws>, <Wt>, [<Xn|SP>]
  { name: 'SWPB', pattern: '00111000AR1sssss100000nnnnnttttt', decode: (i, f) => atomic(i, f, 0, OP_SWP) },
  // SWP{A|L|AL}H <Ws>, <Wt>, [<Xn|SP>]
  { name: 'SWPH', pattern: '01111000AR1sssss100000nnnnnttttt', decode: (i, f) => atomic(i, f, 1, OP_SWP) },
  // SWP{A|L|AL} <Ws|Xs>, <Wt|Xt>, [<Xn|SP>]
  { name: 'SWP', pattern: '1z111000AR1sssss100000nnnnnttttt', decode: (i, f) => atomic(i, f, wx(f), OP_SWP) },

  // CAS{A|L|AL}B <Ws>, <Wt>, [<Xn|SP>{, #0}]
  { name: 'CASB', pattern: '000010001A1sssssR11111nnnnnttttt', decode: (i, f) => cas(i, f, 0) },
  // CAS{A|L|AL}H <Ws>, <Wt>, [<Xn|SP>{, #0}]
  { name: 'CASH', pattern: '010010001A1sssssR11111nnnnnttttt', decode: (i, f) => cas(i, f, 1) },
  // CAS{A|L|AL} <Ws|Xs>, <Wt|Xt>, [<Xn|SP>{, #0}]
  { name: 'CAS', pattern: '1z0010001A1sssssR11111nnnnnttttt', decode: (i, f) => cas(i, f, wx(f)) },
  // CASP{A|L|AL} <Ws|Xs>, <W(s+1)|X(s+1)>, <Wt|Xt>, <W(t+1)|X(t+1)>, [<Xn|SP>{, #0}]
  { name: 'CASP', pattern: '0z0010000A1sssssR11111nnnnnttttt', decode: casp },
];
