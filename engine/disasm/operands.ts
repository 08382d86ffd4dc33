/**
 * Operand spelling shared by every formatter, in the style of GNU objdump (binutils 2.40)
 * for AArch64: register names, condition codes, shifts and extends, immediates and
 * SIMD&FP arrangements. Everything here is a pure function of field values.
 */
import type { Fields } from '../cpu/encodingTable';

/** What a formatter produces: the mnemonic and the operands in printed order. */
export interface Formatted {
  readonly mnemonic: string;
  readonly operands: ReadonlyArray<string>;
}

/** PC-relative forms resolve their target through this (it also records the target). */
export interface FormatContext {
  /** Address of the instruction being formatted (64-bit, exact). */
  readonly address: bigint;
  /** The printed form of a code/data address: `0x…`, or `… <symbol+0x…>` when a symbol is known. */
  label(target: bigint): string;
}

export type Formatter = (f: Fields, ctx: FormatContext) => Formatted;

export const fmt = (mnemonic: string, ...operands: string[]): Formatted => ({ mnemonic, operands });

// ------------------------------------------------------------------ general-purpose registers

/** X register with 31 = XZR. */
export const xr = (r: number): string => (r === 31 ? 'xzr' : `x${r}`);
/** W register with 31 = WZR. */
export const wr = (r: number): string => (r === 31 ? 'wzr' : `w${r}`);
/** X register with 31 = SP. */
export const xsp = (r: number): string => (r === 31 ? 'sp' : `x${r}`);
/** W register with 31 = WSP. */
export const wsp = (r: number): string => (r === 31 ? 'wsp' : `w${r}`);
/** X or W (sf = 1 / 0), 31 = the zero register. */
export const gr = (sf: number, r: number): string => (sf ? xr(r) : wr(r));
/** X or W (sf = 1 / 0), 31 = the stack pointer. */
export const grsp = (sf: number, r: number): string => (sf ? xsp(r) : wsp(r));

// ------------------------------------------------------------------ conditions, shifts, extends

export const COND = ['eq', 'ne', 'cs', 'cc', 'mi', 'pl', 'vs', 'vc', 'hi', 'ls', 'ge', 'lt', 'gt', 'le', 'al', 'nv'] as const;
/** The condition with its sense inverted (used by CSET, CINC, …). */
export const invCond = (c: number): string => COND[c ^ 1];

const SHIFT = ['lsl', 'lsr', 'asr', 'ror'] as const;
/** `, <shift> #<amount>` for a shifted-register operand; nothing for LSL #0. */
export function shiftSuffix(type: number, amount: number): string {
  return type === 0 && amount === 0 ? '' : `, ${SHIFT[type]} #${amount}`;
}

export const EXTEND = ['uxtb', 'uxth', 'uxtw', 'uxtx', 'sxtb', 'sxth', 'sxtw', 'sxtx'] as const;

// ------------------------------------------------------------------ immediates

/** Lower-case hexadecimal with a 0x prefix, for any non-negative integer. */
export const hex = (v: number | bigint): string => `0x${v.toString(16)}`;
/** `#0x…` */
export const immHex = (v: number | bigint): string => `#${hex(v)}`;
/** `#…` in decimal (shift amounts, bit numbers, load/store offsets). */
export const immDec = (v: number): string => `#${v}`;
/** objdump's two-digit `#0x0c` form for unnamed barrier and prefetch options. */
export const immHex2 = (v: number): string => `#0x${v.toString(16).padStart(2, '0')}`;

export const sext = (v: number, bits: number): number => (v << (32 - bits)) >> (32 - bits);

/**
 * An FP immediate as objdump prints it: C's `%.18e` of the (exactly representable) value,
 * e.g. `#1.000000000000000000e+00`.
 */
export function fpImmText(value: number): string {
  const s = value.toExponential(18);
  return `#${s.replace(/e([+-])(\d)$/, 'e$10$2')}`;
}

/** VFPExpandImm: the value of an 8-bit FP immediate a:b:c:d:e:f:g:h. */
export function fpImm8Value(imm8: number): number {
  const sign = imm8 & 0x80 ? -1 : 1;
  const b = (imm8 >> 6) & 1;
  const cd = (imm8 >> 4) & 3;
  const mant = 1 + (imm8 & 15) / 16;
  return sign * mant * 2 ** (b ? cd - 3 : cd + 1);
}

// ------------------------------------------------------------------ SIMD&FP registers

/** Scalar SIMD&FP register by element size log2 (0 b, 1 h, 2 s, 3 d, 4 q). */
export const vScalar = (sizeLog2: number, r: number): string => `${'bhsdq'[sizeLog2]}${r}`;

/** FP register by ftype (00 single, 01 double, 11 half). */
export const fpReg = (ftype: number, r: number): string => `${ftype === 0 ? 's' : ftype === 1 ? 'd' : 'h'}${r}`;

const ARRANGEMENTS = ['8b', '16b', '4h', '8h', '2s', '4s', '1d', '2d'] as const;
/** Arrangement specifier for element size log2 `size` (0..3) and Q. */
export const arrangement = (size: number, q: number): string => ARRANGEMENTS[size * 2 + q];
/** `v<r>.<T>` */
export const vReg = (r: number, size: number, q: number): string => `v${r}.${arrangement(size, q)}`;
/** `v<r>.<b|h|s|d>[<index>]` */
export const vLane = (r: number, size: number, index: number): string => `v${r}.${'bhsd'[size]}[${index}]`;

/** Element size (log2 bytes) and index encoded by an INS/DUP/UMOV `imm5`; size -1 when reserved. */
export function imm5Lane(imm5: number): { size: number; index: number } {
  const size = imm5 === 0 ? -1 : 31 - Math.clz32(imm5 & -imm5);
  return { size: size > 3 ? -1 : size, index: imm5 >> (size + 1) };
}

/**
 * A SIMD register list: `{v1.4s, v2.4s}`, or objdump's range form `{v1.4s-v3.4s}` for three
 * or more registers that do not wrap past v31 (wrapping lists are spelled out).
 */
export function vList(first: number, count: number, suffix: string): string {
  if (count >= 3 && first + count - 1 <= 31) return `{v${first}.${suffix}-v${first + count - 1}.${suffix}}`;
  const regs: string[] = [];
  for (let k = 0; k < count; k++) regs.push(`v${(first + k) & 31}.${suffix}`);
  return `{${regs.join(', ')}}`;
}
