/**
 * Single general-register loads and stores (Arm ARM C4.1.94 "Loads and Stores"):
 * unsigned scaled offset, unscaled (LDUR/STUR), pre- and post-index, unprivileged
 * (LDTR/STTR), register offset, literal, and PRFM/PRFUM.
 *
 * The forms without writeback carry the ISV syndrome (`Insn.ls`) so a stage-2 abort on
 * them can be emulated as MMIO. Writeback with Rt == Rn (CONSTRAINED UNPREDICTABLE) does
 * what qemu-aarch64 does: a load's writeback overwrites the loaded value, a store stores
 * the register's value from before the writeback.
 *
 * Unprivileged forms run as normal accesses: with the stage-1 MMU off there are no
 * EL0/EL1 permissions to tell them apart.
 */
import { EncodingSpec, Fields } from '../encodingTable';
import { ExecFn, Insn, lsSyndrome } from '../insn';
import { spReg, zrRead, zrWrite } from '../regs';
import {
  baseAddr,
  decodeExtend,
  execNop,
  ldB,
  ldH,
  ldSBw,
  ldSBx,
  ldSHw,
  ldSHx,
  ldSW,
  ldW,
  ldX,
  literalAddr,
  regAddr,
  regOffset,
  setW,
  setX,
  sext,
  stB,
  stH,
  stW,
  stX,
  writeback,
} from './loadStoreCommon';

/**
 * One access kind with its three handlers. `off`: X[n] + imm; `wb`: access at
 * X[n] + i.c, then X[n] = that + i.imm (pre: c = imm, imm = 0; post: c = 0, imm = imm);
 * `reg`: register offset.
 */
interface Kind {
  readonly sizeLog2: number;
  readonly load: boolean;
  readonly signed: boolean;
  /** The register is an X register (SF in the syndrome). */
  readonly wide: boolean;
  readonly off: ExecFn;
  readonly wb: ExecFn;
  readonly reg: ExecFn;
}

function kind(sizeLog2: number, load: boolean, signed: boolean, wide: boolean, off: ExecFn, wb: ExecFn, reg: ExecFn): Kind {
  return { sizeLog2, load, signed, wide, off, wb, reg };
}

// Each kind spelled out so every handler calls one known access function (inlinable).
const STRB = kind(0, false, false, false,
  (c, i) => {
    const p = c.wfast(i.rn, i.imm, 1);
    if (p !== null) p.u8[c.hitOff] = c.x[2 * i.rd];
    else stB(c, i.rd, baseAddr(c, i, i.imm));
  },
  (c, i) => {
    const p = c.wfast(i.rn, i.c, 1);
    if (p === null) {
      const a = baseAddr(c, i, i.c);
      stB(c, i.rd, a);
      writeback(c, i.rn, a + i.imm);
      return;
    }
    const wb = (c.x[2 * i.rn] >>> 0) + i.c + i.imm; // the base before a load can overwrite it
    p.u8[c.hitOff] = c.x[2 * i.rd];
    writeback(c, i.rn, wb);
  },
  (c, i) => {
    const o = regOffset(c, i);
    const p = o < 0 ? null : c.wfast(i.rn, o, 1);
    if (p !== null) p.u8[c.hitOff] = c.x[2 * i.rd];
    else stB(c, i.rd, regAddr(c, i));
  });
const LDRB = kind(0, true, false, false,
  (c, i) => {
    const p = c.rfast(i.rn, i.imm, 1);
    if (p !== null) setW(c, i.rd, p.u8[c.hitOff]);
    else ldB(c, i.rd, baseAddr(c, i, i.imm));
  },
  (c, i) => {
    const p = c.rfast(i.rn, i.c, 1);
    if (p === null) {
      const a = baseAddr(c, i, i.c);
      ldB(c, i.rd, a);
      writeback(c, i.rn, a + i.imm);
      return;
    }
    const wb = (c.x[2 * i.rn] >>> 0) + i.c + i.imm; // the base before a load can overwrite it
    setW(c, i.rd, p.u8[c.hitOff]);
    writeback(c, i.rn, wb);
  },
  (c, i) => {
    const o = regOffset(c, i);
    const p = o < 0 ? null : c.rfast(i.rn, o, 1);
    if (p !== null) setW(c, i.rd, p.u8[c.hitOff]);
    else ldB(c, i.rd, regAddr(c, i));
  });
const LDRSBx = kind(0, true, true, true,
  (c, i) => ldSBx(c, i.rd, baseAddr(c, i, i.imm)),
  (c, i) => { const a = baseAddr(c, i, i.c); ldSBx(c, i.rd, a); writeback(c, i.rn, a + i.imm); },
  (c, i) => ldSBx(c, i.rd, regAddr(c, i)));
const LDRSBw = kind(0, true, true, false,
  (c, i) => ldSBw(c, i.rd, baseAddr(c, i, i.imm)),
  (c, i) => { const a = baseAddr(c, i, i.c); ldSBw(c, i.rd, a); writeback(c, i.rn, a + i.imm); },
  (c, i) => ldSBw(c, i.rd, regAddr(c, i)));
const STRH = kind(1, false, false, false,
  (c, i) => {
    const p = c.wfast(i.rn, i.imm, 2);
    if (p !== null) p.u16[c.hitOff >> 1] = c.x[2 * i.rd];
    else stH(c, i.rd, baseAddr(c, i, i.imm));
  },
  (c, i) => {
    const p = c.wfast(i.rn, i.c, 2);
    if (p === null) {
      const a = baseAddr(c, i, i.c);
      stH(c, i.rd, a);
      writeback(c, i.rn, a + i.imm);
      return;
    }
    const wb = (c.x[2 * i.rn] >>> 0) + i.c + i.imm; // the base before a load can overwrite it
    p.u16[c.hitOff >> 1] = c.x[2 * i.rd];
    writeback(c, i.rn, wb);
  },
  (c, i) => {
    const o = regOffset(c, i);
    const p = o < 0 ? null : c.wfast(i.rn, o, 2);
    if (p !== null) p.u16[c.hitOff >> 1] = c.x[2 * i.rd];
    else stH(c, i.rd, regAddr(c, i));
  });
const LDRH = kind(1, true, false, false,
  (c, i) => {
    const p = c.rfast(i.rn, i.imm, 2);
    if (p !== null) setW(c, i.rd, p.u16[c.hitOff >> 1]);
    else ldH(c, i.rd, baseAddr(c, i, i.imm));
  },
  (c, i) => {
    const p = c.rfast(i.rn, i.c, 2);
    if (p === null) {
      const a = baseAddr(c, i, i.c);
      ldH(c, i.rd, a);
      writeback(c, i.rn, a + i.imm);
      return;
    }
    const wb = (c.x[2 * i.rn] >>> 0) + i.c + i.imm; // the base before a load can overwrite it
    setW(c, i.rd, p.u16[c.hitOff >> 1]);
    writeback(c, i.rn, wb);
  },
  (c, i) => {
    const o = regOffset(c, i);
    const p = o < 0 ? null : c.rfast(i.rn, o, 2);
    if (p !== null) setW(c, i.rd, p.u16[c.hitOff >> 1]);
    else ldH(c, i.rd, regAddr(c, i));
  });
const LDRSHx = kind(1, true, true, true,
  (c, i) => ldSHx(c, i.rd, baseAddr(c, i, i.imm)),
  (c, i) => { const a = baseAddr(c, i, i.c); ldSHx(c, i.rd, a); writeback(c, i.rn, a + i.imm); },
  (c, i) => ldSHx(c, i.rd, regAddr(c, i)));
const LDRSHw = kind(1, true, true, false,
  (c, i) => ldSHw(c, i.rd, baseAddr(c, i, i.imm)),
  (c, i) => { const a = baseAddr(c, i, i.c); ldSHw(c, i.rd, a); writeback(c, i.rn, a + i.imm); },
  (c, i) => ldSHw(c, i.rd, regAddr(c, i)));
const STRw = kind(2, false, false, false,
  (c, i) => {
    const p = c.wfast(i.rn, i.imm, 4);
    if (p !== null) p.i32[c.hitOff >> 2] = c.x[2 * i.rd];
    else stW(c, i.rd, baseAddr(c, i, i.imm));
  },
  (c, i) => {
    const p = c.wfast(i.rn, i.c, 4);
    if (p === null) {
      const a = baseAddr(c, i, i.c);
      stW(c, i.rd, a);
      writeback(c, i.rn, a + i.imm);
      return;
    }
    const wb = (c.x[2 * i.rn] >>> 0) + i.c + i.imm; // the base before a load can overwrite it
    p.i32[c.hitOff >> 2] = c.x[2 * i.rd];
    writeback(c, i.rn, wb);
  },
  (c, i) => {
    const o = regOffset(c, i);
    const p = o < 0 ? null : c.wfast(i.rn, o, 4);
    if (p !== null) p.i32[c.hitOff >> 2] = c.x[2 * i.rd];
    else stW(c, i.rd, regAddr(c, i));
  });
const LDRw = kind(2, true, false, false,
  (c, i) => {
    const p = c.rfast(i.rn, i.imm, 4);
    if (p !== null) setW(c, i.rd, p.i32[c.hitOff >> 2]);
    else ldW(c, i.rd, baseAddr(c, i, i.imm));
  },
  (c, i) => {
    const p = c.rfast(i.rn, i.c, 4);
    if (p === null) {
      const a = baseAddr(c, i, i.c);
      ldW(c, i.rd, a);
      writeback(c, i.rn, a + i.imm);
      return;
    }
    const wb = (c.x[2 * i.rn] >>> 0) + i.c + i.imm; // the base before a load can overwrite it
    setW(c, i.rd, p.i32[c.hitOff >> 2]);
    writeback(c, i.rn, wb);
  },
  (c, i) => {
    const o = regOffset(c, i);
    const p = o < 0 ? null : c.rfast(i.rn, o, 4);
    if (p !== null) setW(c, i.rd, p.i32[c.hitOff >> 2]);
    else ldW(c, i.rd, regAddr(c, i));
  });
const LDRSW = kind(2, true, true, true,
  (c, i) => ldSW(c, i.rd, baseAddr(c, i, i.imm)),
  (c, i) => { const a = baseAddr(c, i, i.c); ldSW(c, i.rd, a); writeback(c, i.rn, a + i.imm); },
  (c, i) => ldSW(c, i.rd, regAddr(c, i)));
const STRx = kind(3, false, false, true,
  (c, i) => {
    const p = c.wfast(i.rn, i.imm, 8);
    if (p !== null) { const k = c.hitOff >> 2; p.i32[k] = c.x[2 * i.rd]; p.i32[k + 1] = c.x[2 * i.rd + 1]; }
    else stX(c, i.rd, baseAddr(c, i, i.imm));
  },
  (c, i) => {
    const p = c.wfast(i.rn, i.c, 8);
    if (p === null) {
      const a = baseAddr(c, i, i.c);
      stX(c, i.rd, a);
      writeback(c, i.rn, a + i.imm);
      return;
    }
    const wb = (c.x[2 * i.rn] >>> 0) + i.c + i.imm; // the base before a load can overwrite it
    { const k = c.hitOff >> 2; p.i32[k] = c.x[2 * i.rd]; p.i32[k + 1] = c.x[2 * i.rd + 1]; }
    writeback(c, i.rn, wb);
  },
  (c, i) => {
    const o = regOffset(c, i);
    const p = o < 0 ? null : c.wfast(i.rn, o, 8);
    if (p !== null) { const k = c.hitOff >> 2; p.i32[k] = c.x[2 * i.rd]; p.i32[k + 1] = c.x[2 * i.rd + 1]; }
    else stX(c, i.rd, regAddr(c, i));
  });
const LDRx = kind(3, true, false, true,
  (c, i) => {
    const p = c.rfast(i.rn, i.imm, 8);
    if (p !== null) { const k = c.hitOff >> 2; setX(c, i.rd, p.i32[k], p.i32[k + 1]); }
    else ldX(c, i.rd, baseAddr(c, i, i.imm));
  },
  (c, i) => {
    const p = c.rfast(i.rn, i.c, 8);
    if (p === null) {
      const a = baseAddr(c, i, i.c);
      ldX(c, i.rd, a);
      writeback(c, i.rn, a + i.imm);
      return;
    }
    const wb = (c.x[2 * i.rn] >>> 0) + i.c + i.imm; // the base before a load can overwrite it
    { const k = c.hitOff >> 2; setX(c, i.rd, p.i32[k], p.i32[k + 1]); }
    writeback(c, i.rn, wb);
  },
  (c, i) => {
    const o = regOffset(c, i);
    const p = o < 0 ? null : c.rfast(i.rn, o, 8);
    if (p !== null) { const k = c.hitOff >> 2; setX(c, i.rd, p.i32[k], p.i32[k + 1]); }
    else ldX(c, i.rd, regAddr(c, i));
  });

// ------------------------------------------------------------------ decode helpers

function operands(i: Insn, f: Fields, k: Kind): void {
  i.rd = k.load ? zrWrite(f.t) : zrRead(f.t);
  i.rn = spReg(f.n);
}

/** [Xn|SP, #imm12 << size]: ISV syndrome, no writeback. */
function unsignedImm(i: Insn, f: Fields, k: Kind): ExecFn {
  operands(i, f, k);
  i.imm = f.i << k.sizeLog2;
  i.ls = lsSyndrome(k.sizeLog2, k.signed, k.wide, f.t);
  return k.off;
}

/** [Xn|SP, #simm9] (LDUR/STUR and LDTR/STTR). */
function unscaledImm(i: Insn, f: Fields, k: Kind): ExecFn {
  operands(i, f, k);
  i.imm = sext(f.i, 9);
  i.ls = lsSyndrome(k.sizeLog2, k.signed, k.wide, f.t);
  return k.off;
}

function preIndex(i: Insn, f: Fields, k: Kind): ExecFn {
  operands(i, f, k);
  i.c = sext(f.i, 9);
  i.imm = 0;
  return k.wb;
}

function postIndex(i: Insn, f: Fields, k: Kind): ExecFn {
  operands(i, f, k);
  i.c = 0;
  i.imm = sext(f.i, 9);
  return k.wb;
}

/** [Xn|SP, (Wm|Xm){, extend {#amount}}]. */
function registerOffset(i: Insn, f: Fields, k: Kind): ExecFn | null {
  if (!decodeExtend(i, f.o, f.h, k.sizeLog2)) return null;
  operands(i, f, k);
  i.rm = zrRead(f.m);
  i.ls = lsSyndrome(k.sizeLog2, k.signed, k.wide, f.t);
  return k.reg;
}

// Literal loads: the address is fixed at decode.
const execLdrLitW: ExecFn = (c, i) => ldW(c, i.rd, i.imm);
const execLdrLitX: ExecFn = (c, i) => ldX(c, i.rd, i.imm);
const execLdrswLit: ExecFn = (c, i) => ldSW(c, i.rd, i.imm);

function literal(i: Insn, f: Fields, exec: ExecFn, sizeLog2: number, signed: boolean, wide: boolean): ExecFn {
  i.rd = zrWrite(f.t);
  i.imm = literalAddr(i, f.i);
  i.ls = lsSyndrome(sizeLog2, signed, wide, f.t);
  return exec;
}

/** PRFM/PRFUM: prefetch hints never fault and have no architectural effect. */
function prefetch(i: Insn, f: Fields): ExecFn {
  i.rd = f.t; // prfop, for the debugger
  return execNop;
}

const xw = (f: Fields, x: Kind, w: Kind): Kind => (f.z ? x : w);
const sw = (f: Fields, w: Kind, x: Kind): Kind => (f.w ? w : x);

// ------------------------------------------------------------------ the table

export const LOAD_STORE_SINGLE_ENCODINGS: EncodingSpec[] = [
  // Unsigned scaled offset.
  // STRB <Wt>, [<Xn|SP>{, #<pimm>}]
  { name: 'STRB_imm_unsigned', pattern: '0011100100iiiiiiiiiiiinnnnnttttt', decode: (i, f) => unsignedImm(i, f, STRB) },
  // LDRB <Wt>, [<Xn|SP>{, #<pimm>}]
  { name: 'LDRB_imm_unsigned', pattern: '0011100101iiiiiiiiiiiinnnnnttttt', decode: (i, f) => unsignedImm(i, f, LDRB) },
  // LDRSB <Wt|Xt>, [<Xn|SP>{, #<pimm>}]   (w: 1 = Wt)
  { name: 'LDRSB_imm_unsigned', pattern: '001110011wiiiiiiiiiiiinnnnnttttt', decode: (i, f) => unsignedImm(i, f, sw(f, LDRSBw, LDRSBx)) },
  // STRH <Wt>, [<Xn|SP>{, #<pimm>}]
  { name: 'STRH_imm_unsigned', pattern: '0111100100iiiiiiiiiiiinnnnnttttt', decode: (i, f) => unsignedImm(i, f, STRH) },
  // LDRH <Wt>, [<Xn|SP>{, #<pimm>}]
  { name: 'LDRH_imm_unsigned', pattern: '0111100101iiiiiiiiiiiinnnnnttttt', decode: (i, f) => unsignedImm(i, f, LDRH) },
  // LDRSH <Wt|Xt>, [<Xn|SP>{, #<pimm>}]
  { name: 'LDRSH_imm_unsigned', pattern: '011110011wiiiiiiiiiiiinnnnnttttt', decode: (i, f) => unsignedImm(i, f, sw(f, LDRSHw, LDRSHx)) },
  // STR <Wt|Xt>, [<Xn|SP>{, #<pimm>}]
  { name: 'STR_imm_unsigned', pattern: '1z11100100iiiiiiiiiiiinnnnnttttt', decode: (i, f) => unsignedImm(i, f, xw(f, STRx, STRw)) },
  // LDR <Wt|Xt>, [<Xn|SP>{, #<pimm>}]
  { name: 'LDR_imm_unsigned', pattern: '1z11100101iiiiiiiiiiiinnnnnttttt', decode: (i, f) => unsignedImm(i, f, xw(f, LDRx, LDRw)) },
  // LDRSW <Xt>, [<Xn|SP>{, #<pimm>}]
  { name: 'LDRSW_imm_unsigned', pattern: '1011100110iiiiiiiiiiiinnnnnttttt', decode: (i, f) => unsignedImm(i, f, LDRSW) },
  // PRFM <prfop>, [<Xn|SP>{, #<pimm>}]
  { name: 'PRFM_imm', pattern: '1111100110iiiiiiiiiiiinnnnnttttt', decode: prefetch },

  // Unscaled signed offset.
  // STURB <Wt>, [<Xn|SP>{, #<simm>}]
  { name: 'STURB', pattern: '00111000000iiiiiiiii00nnnnnttttt', decode: (i, f) => unscaledImm(i, f, STRB) },
  // LDURB <Wt>, [<Xn|SP>{, #<simm>}]
  { name: 'LDURB', pattern: '00111000010iiiiiiiii00nnnnnttttt', decode: (i, f) => unscaledImm(i, f, LDRB) },
  // LDURSB <Wt|Xt>, [<Xn|SP>{, #<simm>}]
  { name: 'LDURSB', pattern: '001110001w0iiiiiiiii00nnnnnttttt', decode: (i, f) => unscaledImm(i, f, sw(f, LDRSBw, LDRSBx)) },
  // STURH <Wt>, [<Xn|SP>{, #<simm>}]
  { name: 'STURH', pattern: '01111000000iiiiiiiii00nnnnnttttt', decode: (i, f) => unscaledImm(i, f, STRH) },
  // LDURH <Wt>, [<Xn|SP>{, #<simm>}]
  { name: 'LDURH', pattern: '01111000010iiiiiiiii00nnnnnttttt', decode: (i, f) => unscaledImm(i, f, LDRH) },
  // LDURSH <Wt|Xt>, [<Xn|SP>{, #<simm>}]
  { name: 'LDURSH', pattern: '011110001w0iiiiiiiii00nnnnnttttt', decode: (i, f) => unscaledImm(i, f, sw(f, LDRSHw, LDRSHx)) },
  // STUR <Wt|Xt>, [<Xn|SP>{, #<simm>}]
  { name: 'STUR', pattern: '1z111000000iiiiiiiii00nnnnnttttt', decode: (i, f) => unscaledImm(i, f, xw(f, STRx, STRw)) },
  // LDUR <Wt|Xt>, [<Xn|SP>{, #<simm>}]
  { name: 'LDUR', pattern: '1z111000010iiiiiiiii00nnnnnttttt', decode: (i, f) => unscaledImm(i, f, xw(f, LDRx, LDRw)) },
  // LDURSW <Xt>, [<Xn|SP>{, #<simm>}]
  { name: 'LDURSW', pattern: '10111000100iiiiiiiii00nnnnnttttt', decode: (i, f) => unscaledImm(i, f, LDRSW) },
  // PRFUM <prfop>, [<Xn|SP>{, #<simm>}]
  { name: 'PRFUM', pattern: '11111000100iiiiiiiii00nnnnnttttt', decode: prefetch },

  // Unprivileged.
  // STTRB <Wt>, [<Xn|SP>{, #<simm>}]
  { name: 'STTRB', pattern: '00111000000iiiiiiiii10nnnnnttttt', decode: (i, f) => unscaledImm(i, f, STRB) },
  // LDTRB <Wt>, [<Xn|SP>{, #<simm>}]
  { name: 'LDTRB', pattern: '00111000010iiiiiiiii10nnnnnttttt', decode: (i, f) => unscaledImm(i, f, LDRB) },
  // LDTRSB <Wt|Xt>, [<Xn|SP>{, #<simm>}]
  { name: 'LDTRSB', pattern: '001110001w0iiiiiiiii10nnnnnttttt', decode: (i, f) => unscaledImm(i, f, sw(f, LDRSBw, LDRSBx)) },
  // STTRH <Wt>, [<Xn|SP>{, #<simm>}]
  { name: 'STTRH', pattern: '01111000000iiiiiiiii10nnnnnttttt', decode: (i, f) => unscaledImm(i, f, STRH) },
  // LDTRH <Wt>, [<Xn|SP>{, #<simm>}]
  { name: 'LDTRH', pattern: '01111000010iiiiiiiii10nnnnnttttt', decode: (i, f) => unscaledImm(i, f, LDRH) },
  // LDTRSH <Wt|Xt>, [<Xn|SP>{, #<simm>}]
  { name: 'LDTRSH', pattern: '011110001w0iiiiiiiii10nnnnnttttt', decode: (i, f) => unscaledImm(i, f, sw(f, LDRSHw, LDRSHx)) },
  // STTR <Wt|Xt>, [<Xn|SP>{, #<simm>}]
  { name: 'STTR', pattern: '1z111000000iiiiiiiii10nnnnnttttt', decode: (i, f) => unscaledImm(i, f, xw(f, STRx, STRw)) },
  // LDTR <Wt|Xt>, [<Xn|SP>{, #<simm>}]
  { name: 'LDTR', pattern: '1z111000010iiiiiiiii10nnnnnttttt', decode: (i, f) => unscaledImm(i, f, xw(f, LDRx, LDRw)) },
  // LDTRSW <Xt>, [<Xn|SP>{, #<simm>}]
  { name: 'LDTRSW', pattern: '10111000100iiiiiiiii10nnnnnttttt', decode: (i, f) => unscaledImm(i, f, LDRSW) },

  // Post-index.
  // STRB <Wt>, [<Xn|SP>], #<simm>
  { name: 'STRB_imm_post', pattern: '00111000000iiiiiiiii01nnnnnttttt', decode: (i, f) => postIndex(i, f, STRB) },
  // LDRB <Wt>, [<Xn|SP>], #<simm>
  { name: 'LDRB_imm_post', pattern: '00111000010iiiiiiiii01nnnnnttttt', decode: (i, f) => postIndex(i, f, LDRB) },
  // LDRSB <Wt|Xt>, [<Xn|SP>], #<simm>
  { name: 'LDRSB_imm_post', pattern: '001110001w0iiiiiiiii01nnnnnttttt', decode: (i, f) => postIndex(i, f, sw(f, LDRSBw, LDRSBx)) },
  // STRH <Wt>, [<Xn|SP>], #<simm>
  { name: 'STRH_imm_post', pattern: '01111000000iiiiiiiii01nnnnnttttt', decode: (i, f) => postIndex(i, f, STRH) },
  // LDRH <Wt>, [<Xn|SP>], #<simm>
  { name: 'LDRH_imm_post', pattern: '01111000010iiiiiiiii01nnnnnttttt', decode: (i, f) => postIndex(i, f, LDRH) },
  // LDRSH <Wt|Xt>, [<Xn|SP>], #<simm>
  { name: 'LDRSH_imm_post', pattern: '011110001w0iiiiiiiii01nnnnnttttt', decode: (i, f) => postIndex(i, f, sw(f, LDRSHw, LDRSHx)) },
  // STR <Wt|Xt>, [<Xn|SP>], #<simm>
  { name: 'STR_imm_post', pattern: '1z111000000iiiiiiiii01nnnnnttttt', decode: (i, f) => postIndex(i, f, xw(f, STRx, STRw)) },
  // LDR <Wt|Xt>, [<Xn|SP>], #<simm>
  { name: 'LDR_imm_post', pattern: '1z111000010iiiiiiiii01nnnnnttttt', decode: (i, f) => postIndex(i, f, xw(f, LDRx, LDRw)) },
  // LDRSW <Xt>, [<Xn|SP>], #<simm>
  { name: 'LDRSW_imm_post', pattern: '10111000100iiiiiiiii01nnnnnttttt', decode: (i, f) => postIndex(i, f, LDRSW) },

  // Pre-index.
  // STRB <Wt>, [<Xn|SP>, #<simm>]!
  { name: 'STRB_imm_pre', pattern: '00111000000iiiiiiiii11nnnnnttttt', decode: (i, f) => preIndex(i, f, STRB) },
  // LDRB <Wt>, [<Xn|SP>, #<simm>]!
  { name: 'LDRB_imm_pre', pattern: '00111000010iiiiiiiii11nnnnnttttt', decode: (i, f) => preIndex(i, f, LDRB) },
  // LDRSB <Wt|Xt>, [<Xn|SP>, #<simm>]!
  { name: 'LDRSB_imm_pre', pattern: '001110001w0iiiiiiiii11nnnnnttttt', decode: (i, f) => preIndex(i, f, sw(f, LDRSBw, LDRSBx)) },
  // STRH <Wt>, [<Xn|SP>, #<simm>]!
  { name: 'STRH_imm_pre', pattern: '01111000000iiiiiiiii11nnnnnttttt', decode: (i, f) => preIndex(i, f, STRH) },
  // LDRH <Wt>, [<Xn|SP>, #<simm>]!
  { name: 'LDRH_imm_pre', pattern: '01111000010iiiiiiiii11nnnnnttttt', decode: (i, f) => preIndex(i, f, LDRH) },
  // LDRSH <Wt|Xt>, [<Xn|SP>, #<simm>]!
  { name: 'LDRSH_imm_pre', pattern: '011110001w0iiiiiiiii11nnnnnttttt', decode: (i, f) => preIndex(i, f, sw(f, LDRSHw, LDRSHx)) },
  // STR <Wt|Xt>, [<Xn|SP>, #<simm>]!
  { name: 'STR_imm_pre', pattern: '1z111000000iiiiiiiii11nnnnnttttt', decode: (i, f) => preIndex(i, f, xw(f, STRx, STRw)) },
  // LDR <Wt|Xt>, [<Xn|SP>, #<simm>]!
  { name: 'LDR_imm_pre', pattern: '1z111000010iiiiiiiii11nnnnnttttt', decode: (i, f) => preIndex(i, f, xw(f, LDRx, LDRw)) },
  // LDRSW <Xt>, [<Xn|SP>, #<simm>]!
  { name: 'LDRSW_imm_pre', pattern: '10111000100iiiiiiiii11nnnnnttttt', decode: (i, f) => preIndex(i, f, LDRSW) },

  // Register offset: o = option (UXTW 010, LSL/UXTX 011, SXTW 110, SXTX 111), h = S (shift by the access size).
  // STRB <Wt>, [<Xn|SP>, (<Wm>|<Xm>){, <extend> {#0}}]
  { name: 'STRB_reg', pattern: '00111000001mmmmmoooh10nnnnnttttt', decode: (i, f) => registerOffset(i, f, STRB) },
  // LDRB <Wt>, [<Xn|SP>, (<Wm>|<Xm>){, <extend> {#0}}]
  { name: 'LDRB_reg', pattern: '00111000011mmmmmoooh10nnnnnttttt', decode: (i, f) => registerOffset(i, f, LDRB) },
  // LDRSB <Wt|Xt>, [<Xn|SP>, (<Wm>|<Xm>){, <extend> {#0}}]
  { name: 'LDRSB_reg', pattern: '001110001w1mmmmmoooh10nnnnnttttt', decode: (i, f) => registerOffset(i, f, sw(f, LDRSBw, LDRSBx)) },
  // STRH <Wt>, [<Xn|SP>, (<Wm>|<Xm>){, <extend> {#1}}]
  { name: 'STRH_reg', pattern: '01111000001mmmmmoooh10nnnnnttttt', decode: (i, f) => registerOffset(i, f, STRH) },
  // LDRH <Wt>, [<Xn|SP>, (<Wm>|<Xm>){, <extend> {#1}}]
  { name: 'LDRH_reg', pattern: '01111000011mmmmmoooh10nnnnnttttt', decode: (i, f) => registerOffset(i, f, LDRH) },
  // LDRSH <Wt|Xt>, [<Xn|SP>, (<Wm>|<Xm>){, <extend> {#1}}]
  { name: 'LDRSH_reg', pattern: '011110001w1mmmmmoooh10nnnnnttttt', decode: (i, f) => registerOffset(i, f, sw(f, LDRSHw, LDRSHx)) },
  // STR <Wt|Xt>, [<Xn|SP>, (<Wm>|<Xm>){, <extend> {#2|#3}}]
  { name: 'STR_reg', pattern: '1z111000001mmmmmoooh10nnnnnttttt', decode: (i, f) => registerOffset(i, f, xw(f, STRx, STRw)) },
  // LDR <Wt|Xt>, [<Xn|SP>, (<Wm>|<Xm>){, <extend> {#2|#3}}]
  { name: 'LDR_reg', pattern: '1z111000011mmmmmoooh10nnnnnttttt', decode: (i, f) => registerOffset(i, f, xw(f, LDRx, LDRw)) },
  // LDRSW <Xt>, [<Xn|SP>, (<Wm>|<Xm>){, <extend> {#2}}]
  { name: 'LDRSW_reg', pattern: '10111000101mmmmmoooh10nnnnnttttt', decode: (i, f) => registerOffset(i, f, LDRSW) },
  // PRFM <prfop>, [<Xn|SP>, (<Wm>|<Xm>){, <extend> {#3}}]
  {
    name: 'PRFM_reg',
    pattern: '11111000101mmmmmoooh10nnnnnttttt',
    decode: (i, f) => ((f.o & 2) === 0 ? null : prefetch(i, f)),
  },

  // Literal.
  // LDR <Wt|Xt>, <label>
  { name: 'LDR_lit', pattern: '0z011000iiiiiiiiiiiiiiiiiiittttt', decode: (i, f) => literal(i, f, f.z ? execLdrLitX : execLdrLitW, 2 + f.z, false, f.z === 1) },
  // LDRSW <Xt>, <label>
  { name: 'LDRSW_lit', pattern: '10011000iiiiiiiiiiiiiiiiiiittttt', decode: (i, f) => literal(i, f, execLdrswLit, 2, true, true) },
  // PRFM <prfop>, <label>
  { name: 'PRFM_lit', pattern: '11011000iiiiiiiiiiiiiiiiiiittttt', decode: prefetch },
];
