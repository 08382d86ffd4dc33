/**
 * Formatters for engine/cpu/encodings/simdIndexed.ts (and the by-element saturating
 * doubling multiplies of simdSaturate.ts and simdSatShift.ts): multiplies by element. The element
 * index and Vm come from H:L:M (halfwords: Vm is 4 bits) or H:L with M:Rm (words), and for
 * FP from H:L (single) or H (double).
 */
import type { Fields } from '../cpu/encodingTable';
import { Formatter, fmt, vLane, vReg, vScalar } from './operands';

/** The by-element operand for integer lines (size 01 H or 10 S). */
function intElement(f: Fields): string {
  if (f.S === 1) return vLane(f.m, 1, (f.H << 2) | (f.L << 1) | f.M);
  return vLane((f.M << 4) | f.m, 2, (f.H << 1) | f.L);
}

/** The by-element operand for FP lines (sz 0 single, 1 double). */
function fpElement(f: Fields): string {
  const rm = (f.M << 4) | f.m;
  return f.b ? vLane(rm, 3, f.H) : vLane(rm, 2, (f.H << 1) | f.L);
}

const upper = (f: Fields): string => (f.q ? '2' : '');

const sameInt = (m: string): Formatter => (f) => fmt(m, vReg(f.d, f.S, f.q), vReg(f.n, f.S, f.q), intElement(f));
const scalarInt = (m: string): Formatter => (f) => fmt(m, vScalar(f.S, f.d), vScalar(f.S, f.n), intElement(f));
const scalarLongInt = (m: string): Formatter => (f) => fmt(m, vScalar(f.S + 1, f.d), vScalar(f.S, f.n), intElement(f));
const longInt = (m: string): Formatter => (f) => fmt(m + upper(f), vReg(f.d, f.S + 1, 1), vReg(f.n, f.S, f.q), intElement(f));
const vecFp = (m: string): Formatter => (f) => fmt(m, vReg(f.d, 2 + f.b, f.q), vReg(f.n, 2 + f.b, f.q), fpElement(f));
const scalarFp = (m: string): Formatter => (f) => fmt(m, vScalar(2 + f.b, f.d), vScalar(2 + f.b, f.n), fpElement(f));

export const SIMD_INDEXED_FORMATTERS: Readonly<Record<string, Formatter>> = {
  MUL_elem: sameInt('mul'),
  MLA_elem: sameInt('mla'),
  MLS_elem: sameInt('mls'),
  SQDMULH_elem: sameInt('sqdmulh'),
  SQRDMULH_elem: sameInt('sqrdmulh'),
  SQDMULH_elem_scalar: scalarInt('sqdmulh'),
  SQRDMULH_elem_scalar: scalarInt('sqrdmulh'),
  SQDMULL_elem: longInt('sqdmull'),
  SQDMLAL_elem: longInt('sqdmlal'),
  SQDMLSL_elem: longInt('sqdmlsl'),
  SQDMULL_elem_scalar: scalarLongInt('sqdmull'),
  SQDMLAL_elem_scalar: scalarLongInt('sqdmlal'),
  SQDMLSL_elem_scalar: scalarLongInt('sqdmlsl'),
  SMULL_elem: longInt('smull'),
  UMULL_elem: longInt('umull'),
  SMLAL_elem: longInt('smlal'),
  UMLAL_elem: longInt('umlal'),
  SMLSL_elem: longInt('smlsl'),
  UMLSL_elem: longInt('umlsl'),
  FMLA_elem: vecFp('fmla'),
  FMLS_elem: vecFp('fmls'),
  FMUL_elem: vecFp('fmul'),
  FMULX_elem: vecFp('fmulx'),
  FMLA_elem_scalar: scalarFp('fmla'),
  FMLS_elem_scalar: scalarFp('fmls'),
  FMUL_elem_scalar: scalarFp('fmul'),
  FMULX_elem_scalar: scalarFp('fmulx'),
};
