/**
 * Formatters for engine/cpu/encodings/simdFpVector.ts: Advanced SIMD floating point in
 * vector and scalar form (three same, two-register misc, compares with #0.0, pairwise and
 * across-lanes reductions, FCVTL/FCVTN, fixed-point conversions). The element size is
 * single or double by `sz` (`b`), or by immh for the fixed-point forms.
 */
import type { Fields } from '../cpu/encodingTable';
import { Formatter, fmt, vReg, vScalar } from './operands';

const esize = (f: Fields): number => 2 + f.b;
const upper = (f: Fields): string => (f.q ? '2' : '');

const vec3 = (m: string): Formatter => (f) => fmt(m, vReg(f.d, esize(f), f.q), vReg(f.n, esize(f), f.q), vReg(f.m, esize(f), f.q));
const vec2 = (m: string): Formatter => (f) => fmt(m, vReg(f.d, esize(f), f.q), vReg(f.n, esize(f), f.q));
const vecZero = (m: string): Formatter => (f) => fmt(m, vReg(f.d, esize(f), f.q), vReg(f.n, esize(f), f.q), '#0.0');
const scalar3 = (m: string): Formatter => (f) => fmt(m, vScalar(esize(f), f.d), vScalar(esize(f), f.n), vScalar(esize(f), f.m));
const scalar2 = (m: string): Formatter => (f) => fmt(m, vScalar(esize(f), f.d), vScalar(esize(f), f.n));
const scalarZero = (m: string): Formatter => (f) => fmt(m, vScalar(esize(f), f.d), vScalar(esize(f), f.n), '#0.0');
/** Pairwise reduction of a two-lane vector: `faddp s0, v1.2s` / `faddp d0, v1.2d`. */
const pairwise = (m: string): Formatter => (f) => fmt(m, vScalar(esize(f), f.d), vReg(f.n, esize(f), f.b));
/** Across lanes (single precision, 4S only in this table). */
const across = (m: string): Formatter => (f) => fmt(m, vScalar(2, f.d), vReg(f.n, 2, 1));

/** Fixed-point conversions (shift-by-immediate group): lane size from immh, #fbits = 2 * esize - immh:immb. */
function fixedPoint(m: string, scalar: boolean): Formatter {
  return (f) => {
    const size = f.i & 0x40 ? 3 : 2;
    const fbits = `#${(16 << size) - f.i}`;
    if (scalar) return fmt(m, vScalar(size, f.d), vScalar(size, f.n), fbits);
    return fmt(m, vReg(f.d, size, f.q), vReg(f.n, size, f.q), fbits);
  };
}

const THREE = [
  'FADD', 'FSUB', 'FMUL', 'FDIV', 'FMAX', 'FMIN', 'FMAXNM', 'FMINNM', 'FMLA', 'FMLS', 'FABD', 'FADDP',
  'FMAXP', 'FMINP', 'FMAXNMP', 'FMINNMP', 'FACGE', 'FACGT', 'FCMEQ', 'FCMGE', 'FCMGT', 'FMULX',
];
const CONVERT = ['FCVTNS', 'FCVTNU', 'FCVTMS', 'FCVTMU', 'FCVTAS', 'FCVTAU', 'FCVTPS', 'FCVTPU', 'FCVTZS', 'FCVTZU', 'SCVTF', 'UCVTF'];
const MISC = ['FABS', 'FNEG', 'FSQRT', 'FRINTN', 'FRINTM', 'FRINTP', 'FRINTZ', 'FRINTA', 'FRINTX', 'FRINTI', ...CONVERT];
const COMPARE_ZERO = ['FCMGT', 'FCMEQ', 'FCMLT', 'FCMGE', 'FCMLE'];
const SCALAR_THREE = ['FCMEQ', 'FCMGE', 'FCMGT', 'FACGE', 'FACGT', 'FABD', 'FMULX'];
const PAIRWISE = ['FADDP', 'FMAXNMP', 'FMAXP', 'FMINNMP', 'FMINP'];
const ACROSS = ['FMAXNMV', 'FMAXV', 'FMINNMV', 'FMINV'];

function tableFormatters(): Record<string, Formatter> {
  const out: Record<string, Formatter> = {};
  for (const op of THREE) out[`${op}_vector`] = vec3(op.toLowerCase());
  for (const op of MISC) out[`${op}_vector`] = vec2(op.toLowerCase());
  for (const op of CONVERT) out[`${op}_scalar`] = scalar2(op.toLowerCase());
  for (const op of COMPARE_ZERO) {
    out[`${op}_zero_vector`] = vecZero(op.toLowerCase());
    out[`${op}_zero_scalar`] = scalarZero(op.toLowerCase());
  }
  for (const op of SCALAR_THREE) out[`${op}_scalar`] = scalar3(op.toLowerCase());
  for (const op of PAIRWISE) out[`${op}_scalar`] = pairwise(op.toLowerCase());
  for (const op of ACROSS) out[op] = across(op.toLowerCase());
  for (const op of ['SCVTF', 'UCVTF', 'FCVTZS', 'FCVTZU']) {
    out[`${op}_fix_vector`] = fixedPoint(op.toLowerCase(), false);
    out[`${op}_fix_scalar`] = fixedPoint(op.toLowerCase(), true);
  }
  return out;
}

export const SIMD_FP_FORMATTERS: Readonly<Record<string, Formatter>> = {
  ...tableFormatters(),
  FCVTL: (f) => fmt(`fcvtl${upper(f)}`, vReg(f.d, esize(f), 1), vReg(f.n, esize(f) - 1, f.q)),
  FCVTN: (f) => fmt(`fcvtn${upper(f)}`, vReg(f.d, esize(f) - 1, f.q), vReg(f.n, esize(f), 1)),
};

