/**
 * Formatters for engine/cpu/encodings/simdMove.ts and simdPermute.ts: DUP, SMOV, UMOV and
 * INS (objdump's MOV aliases), modified immediates (MOVI, MVNI, ORR, BIC, FMOV), permutes,
 * EXT and TBL/TBX.
 */
import type { Fields } from '../cpu/encodingTable';
import { Formatted, Formatter, fmt, fpImm8Value, fpImmText, gr, hex, imm5Lane, immDec, immHex, vLane, vList, vReg, vScalar, wr, xr } from './operands';

const lane = (f: Fields): { size: number; index: number } => imm5Lane(f.i);
/** The general register an element of `size` moves to or from: X for doublewords, else W. */
const elemReg = (size: number, r: number): string => (size === 3 ? xr(r) : wr(r));

// ------------------------------------------------------------------ modified immediate

/** The 64-bit MOVI immediate: each bit of imm8 selects 0x00 or 0xff for one byte. */
function byteMask(imm8: number): bigint {
  let v = 0n;
  for (let k = 0; k < 8; k++) if (imm8 & (1 << k)) v |= 0xffn << BigInt(8 * k);
  return v;
}

/**
 * MOVI/MVNI/ORR/BIC (vector, immediate) by cmode: 32-bit lanes shifted by LSL (0xx0/0xx1),
 * 16-bit lanes (10x0/10x1), 32-bit lanes shifted ones by MSL (110x), bytes and the 64-bit
 * byte mask (1110).
 */
function modifiedImmediate(mnemonic: string, f: Fields): Formatted {
  const cmode = f.o;
  const imm8 = (f.h << 5) | f.l;
  const rd = (size: number): string => vReg(f.d, size, f.q);
  const shifted = (size: number, amount: number): Formatted => (amount ? fmt(mnemonic, rd(size), immHex(imm8), `lsl #${amount}`) : fmt(mnemonic, rd(size), immHex(imm8)));
  if (cmode < 8) return shifted(2, 8 * (cmode >> 1));
  if (cmode < 12) return shifted(1, 8 * ((cmode >> 1) & 1));
  if (cmode < 14) return fmt(mnemonic, rd(2), immHex(imm8), `msl #${cmode & 1 ? 16 : 8}`);
  if (f.p === 0) return fmt(mnemonic, rd(0), immHex(imm8));
  return fmt(mnemonic, f.q ? `v${f.d}.2d` : vScalar(3, f.d), `#${hex(byteMask(imm8))}`);
}

const modImm = (mnemonic: string): Formatter => (f) => modifiedImmediate(mnemonic, f);

// ------------------------------------------------------------------ permutes and tables

const permute = (mnemonic: string): Formatter => (f) => fmt(mnemonic, vReg(f.d, f.S, f.q), vReg(f.n, f.S, f.q), vReg(f.m, f.S, f.q));

const table = (mnemonic: string): Formatter => (f) =>
  fmt(mnemonic, vReg(f.d, 0, f.q), vList(f.n, f.l + 1, '16b'), vReg(f.m, 0, f.q));

export const SIMD_MOVE_FORMATTERS: Readonly<Record<string, Formatter>> = {
  DUP_element: (f) => {
    const { size, index } = lane(f);
    return fmt('dup', vReg(f.d, size, f.q), vLane(f.n, size, index));
  },
  DUP_general: (f) => {
    const { size } = lane(f);
    return fmt('dup', vReg(f.d, size, f.q), elemReg(size, f.n));
  },
  SMOV: (f) => {
    const { size, index } = lane(f);
    return fmt('smov', gr(f.q, f.d), vLane(f.n, size, index));
  },
  UMOV: (f) => {
    const { size, index } = lane(f);
    return fmt(size >= 2 ? 'mov' : 'umov', gr(f.q, f.d), vLane(f.n, size, index));
  },
  INS_general: (f) => {
    const { size, index } = lane(f);
    return fmt('mov', vLane(f.d, size, index), elemReg(size, f.n));
  },
  INS_element: (f) => {
    const { size, index } = lane(f);
    return fmt('mov', vLane(f.d, size, index), vLane(f.n, size, f.j >> size));
  },
  DUP_element_scalar: (f) => {
    const { size, index } = lane(f);
    return fmt('mov', vScalar(size, f.d), vLane(f.n, size, index));
  },
  FMOV_vector_imm: (f) => fmt('fmov', f.p ? `v${f.d}.2d` : vReg(f.d, 2, f.q), fpImmText(fpImm8Value((f.h << 5) | f.l))),
  ORR_vector_imm: modImm('orr'),
  BIC_vector_imm: modImm('bic'),
  MVNI: modImm('mvni'),
  MOVI: modImm('movi'),

  UZP1: permute('uzp1'),
  TRN1: permute('trn1'),
  ZIP1: permute('zip1'),
  UZP2: permute('uzp2'),
  TRN2: permute('trn2'),
  ZIP2: permute('zip2'),
  EXT: (f) => fmt('ext', vReg(f.d, 0, f.q), vReg(f.n, 0, f.q), vReg(f.m, 0, f.q), immDec(f.j)),
  TBL: table('tbl'),
  TBX: table('tbx'),
};
