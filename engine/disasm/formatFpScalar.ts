/**
 * Formatters for engine/cpu/encodings/fpScalar.ts and fpConvert.ts: scalar FP arithmetic,
 * compares, selects, FMOV (register, immediate, general) and FP↔integer/fixed-point
 * conversions. Register prefixes follow ftype (`y`: 00 S, 01 D, 11 H).
 */
import type { Fields } from '../cpu/encodingTable';
import { COND, Formatter, fmt, fpImm8Value, fpImmText, fpReg, gr, immDec, immHex, xr } from './operands';

const FP_2SRC = ['fmul', 'fdiv', 'fadd', 'fsub', 'fmax', 'fmin', 'fmaxnm', 'fminnm', 'fnmul'];
/** Indexed by o1:o0. */
const FP_3SRC = ['fmadd', 'fmsub', 'fnmadd', 'fnmsub'];
/** Indexed by rmode:opcode<0> of FRINT (5 is unallocated). */
const FRINT = ['frintn', 'frintp', 'frintm', 'frintz', 'frinta', '', 'frintx', 'frinti'];

const unary = (mnemonic: string): Formatter => (f) => fmt(mnemonic, fpReg(f.y, f.d), fpReg(f.y, f.n));

/** FP → general register (`z` = sf), optionally with #fbits = 64 - scale. */
function toInt(mnemonic: string, fixed: boolean): Formatter {
  return (f) => {
    const ops = [gr(f.z, f.d), fpReg(f.y, f.n)];
    if (fixed) ops.push(immDec(64 - f.i));
    return fmt(mnemonic, ...ops);
  };
}

/** General register → FP, optionally with #fbits. */
function toFp(mnemonic: string, fixed: boolean): Formatter {
  return (f) => {
    const ops = [fpReg(f.y, f.d), gr(f.z, f.n)];
    if (fixed) ops.push(immDec(64 - f.i));
    return fmt(mnemonic, ...ops);
  };
}

const CONVERSIONS: ReadonlyArray<string> = ['FCVTNS', 'FCVTNU', 'FCVTPS', 'FCVTPU', 'FCVTMS', 'FCVTMU', 'FCVTZS', 'FCVTZU', 'FCVTAS', 'FCVTAU'];

function conversionFormatters(): Record<string, Formatter> {
  const out: Record<string, Formatter> = {};
  for (const name of CONVERSIONS) out[`${name}_int`] = toInt(name.toLowerCase(), false);
  out.FCVTZS_fix = toInt('fcvtzs', true);
  out.FCVTZU_fix = toInt('fcvtzu', true);
  out.SCVTF_int = toFp('scvtf', false);
  out.UCVTF_int = toFp('ucvtf', false);
  out.SCVTF_fix = toFp('scvtf', true);
  out.UCVTF_fix = toFp('ucvtf', true);
  return out;
}

const fcmp = (f: Fields): ReturnType<Formatter> =>
  fmt(f.o & 2 ? 'fcmpe' : 'fcmp', fpReg(f.y, f.n), f.o & 1 ? '#0.0' : fpReg(f.y, f.m));

export const FP_SCALAR_FORMATTERS: Readonly<Record<string, Formatter>> = {
  FP_2src: (f) => fmt(FP_2SRC[f.o], fpReg(f.y, f.d), fpReg(f.y, f.n), fpReg(f.y, f.m)),
  FP_3src: (f) => fmt(FP_3SRC[(f.o << 1) | f.O], fpReg(f.y, f.d), fpReg(f.y, f.n), fpReg(f.y, f.m), fpReg(f.y, f.a)),
  FMOV_reg: unary('fmov'),
  FABS_scalar: unary('fabs'),
  FNEG_scalar: unary('fneg'),
  FSQRT_scalar: unary('fsqrt'),
  FCVT_scalar: (f) => fmt('fcvt', fpReg(f.o, f.d), fpReg(f.y, f.n)),
  FRINT_scalar: (f) => fmt(FRINT[f.o], fpReg(f.y, f.d), fpReg(f.y, f.n)),
  FCMP: fcmp,
  FCCMP: (f) => fmt(f.p ? 'fccmpe' : 'fccmp', fpReg(f.y, f.n), fpReg(f.y, f.m), immHex(f.i), COND[f.c]),
  FCSEL: (f) => fmt('fcsel', fpReg(f.y, f.d), fpReg(f.y, f.n), fpReg(f.y, f.m), COND[f.c]),
  FMOV_imm: (f) => fmt('fmov', fpReg(f.y, f.d), fpImmText(fpImm8Value(f.i))),

  ...conversionFormatters(),
  FMOV_to_general: (f) => fmt('fmov', gr(f.z, f.d), fpReg(f.y, f.n)),
  FMOV_from_general: (f) => fmt('fmov', fpReg(f.y, f.d), gr(f.z, f.n)),
  FMOV_to_general_top: (f) => fmt('fmov', xr(f.d), `v${f.n}.d[1]`),
  FMOV_from_general_top: (f) => fmt('fmov', `v${f.d}.d[1]`, xr(f.n)),
};
