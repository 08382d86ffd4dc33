/**
 * Formatters for the single-register, pair and SIMD&FP transfers of
 * engine/cpu/encodings/loadStoreSingle.ts, loadStorePair.ts and loadStoreSimd.ts, in every
 * addressing form: `[Xn|SP{, #imm}]`, `[Xn|SP, #imm]!`, `[Xn|SP], #imm`, register offset
 * with extend, and PC-relative literals (which print their target address).
 * objdump prints load/store offsets in decimal.
 */
import type { Fields } from '../cpu/encodingTable';
import { FormatContext, Formatter, fmt, gr, immHex2, sext, vScalar, wr, xr, xsp } from './operands';

// ------------------------------------------------------------------ addressing forms

const base = (f: Fields): string => xsp(f.n);
const offsetAddr = (f: Fields, imm: number): string => (imm === 0 ? `[${base(f)}]` : `[${base(f)}, #${imm}]`);
const preAddr = (f: Fields, imm: number): string => `[${base(f)}, #${imm}]!`;
const postAddr = (f: Fields, imm: number): string[] => [`[${base(f)}]`, `#${imm}`];

const EXTEND_BY_OPTION: Readonly<Record<number, string>> = { 2: 'uxtw', 3: 'lsl', 6: 'sxtw', 7: 'sxtx' };

/** `[Xn|SP, Wm|Xm{, extend {#amount}}]`: the amount (log2 of the access size) shows whenever S = 1. */
function registerAddr(f: Fields, sizeLog2: number): string {
  const index = f.o & 1 ? xr(f.m) : wr(f.m);
  const ext = EXTEND_BY_OPTION[f.o];
  const suffix = f.h ? `, ${ext} #${sizeLog2}` : f.o === 3 ? '' : `, ${ext}`;
  return `[${base(f)}, ${index}${suffix}]`;
}

const literalTarget = (f: Fields, ctx: FormatContext): string => ctx.label(BigInt.asUintN(64, ctx.address + BigInt(sext(f.i, 19) * 4)));

// ------------------------------------------------------------------ general-register transfers

/** How one mnemonic names its transfer register and scales its offset. */
interface Access {
  readonly mnemonic: string;
  readonly reg: (f: Fields) => string;
  readonly sizeLog2: (f: Fields) => number;
}

const W = (f: Fields): string => wr(f.t);
const X = (f: Fields): string => xr(f.t);
/** Sign-extending loads: opc<0> (`w`) = 1 loads into W, 0 into X. */
const SW = (f: Fields): string => (f.w ? wr(f.t) : xr(f.t));
/** STR/LDR: size<0> (`z`) = 1 for X. */
const ZX = (f: Fields): string => gr(f.z, f.t);

/** PRFM/PRFUM operation: PLD/PLI/PST × L1/L2/L3 × KEEP/STRM; the rest as `#0x..`. */
function prefetchOp(op: number): string {
  const type = op >> 3;
  const target = (op >> 1) & 3;
  if (type === 3 || target === 3) return immHex2(op);
  return `${['pld', 'pli', 'pst'][type]}l${target + 1}${op & 1 ? 'strm' : 'keep'}`;
}

const acc = (mnemonic: string, reg: (f: Fields) => string, sizeLog2: number | ((f: Fields) => number)): Access => ({
  mnemonic,
  reg,
  sizeLog2: typeof sizeLog2 === 'number' ? () => sizeLog2 : sizeLog2,
});
const wordOrDouble = (f: Fields): number => 2 + f.z;
const PRFOP = (f: Fields): string => prefetchOp(f.t);

type Mode = 'unsigned' | 'unscaled' | 'post' | 'pre' | 'reg';

function single(a: Access, mode: Mode): Formatter {
  return (f) => {
    const size = a.sizeLog2(f);
    switch (mode) {
      case 'unsigned':
        return fmt(a.mnemonic, a.reg(f), offsetAddr(f, f.i << size));
      case 'unscaled':
        return fmt(a.mnemonic, a.reg(f), offsetAddr(f, sext(f.i, 9)));
      case 'pre':
        return fmt(a.mnemonic, a.reg(f), preAddr(f, sext(f.i, 9)));
      case 'post':
        return fmt(a.mnemonic, a.reg(f), ...postAddr(f, sext(f.i, 9)));
      case 'reg':
        return fmt(a.mnemonic, a.reg(f), registerAddr(f, size));
    }
  };
}

/** The plain, unscaled (LDUR…) and unprivileged (LDTR…) spellings of each access. */
const ACCESSES: ReadonlyArray<{ name: string; plain: Access; unscaled: Access; unpriv?: Access }> = [
  { name: 'STRB', plain: acc('strb', W, 0), unscaled: acc('sturb', W, 0), unpriv: acc('sttrb', W, 0) },
  { name: 'LDRB', plain: acc('ldrb', W, 0), unscaled: acc('ldurb', W, 0), unpriv: acc('ldtrb', W, 0) },
  { name: 'LDRSB', plain: acc('ldrsb', SW, 0), unscaled: acc('ldursb', SW, 0), unpriv: acc('ldtrsb', SW, 0) },
  { name: 'STRH', plain: acc('strh', W, 1), unscaled: acc('sturh', W, 1), unpriv: acc('sttrh', W, 1) },
  { name: 'LDRH', plain: acc('ldrh', W, 1), unscaled: acc('ldurh', W, 1), unpriv: acc('ldtrh', W, 1) },
  { name: 'LDRSH', plain: acc('ldrsh', SW, 1), unscaled: acc('ldursh', SW, 1), unpriv: acc('ldtrsh', SW, 1) },
  { name: 'STR', plain: acc('str', ZX, wordOrDouble), unscaled: acc('stur', ZX, wordOrDouble), unpriv: acc('sttr', ZX, wordOrDouble) },
  { name: 'LDR', plain: acc('ldr', ZX, wordOrDouble), unscaled: acc('ldur', ZX, wordOrDouble), unpriv: acc('ldtr', ZX, wordOrDouble) },
  { name: 'LDRSW', plain: acc('ldrsw', X, 2), unscaled: acc('ldursw', X, 2), unpriv: acc('ldtrsw', X, 2) },
];

function singleFormatters(): Record<string, Formatter> {
  const out: Record<string, Formatter> = {};
  for (const { name, plain, unscaled, unpriv } of ACCESSES) {
    out[`${name}_imm_unsigned`] = single(plain, 'unsigned');
    out[`${name}_imm_post`] = single(plain, 'post');
    out[`${name}_imm_pre`] = single(plain, 'pre');
    out[`${name}_reg`] = single(plain, 'reg');
    out[unscaled.mnemonic.toUpperCase()] = single(unscaled, 'unscaled');
    if (unpriv) out[unpriv.mnemonic.toUpperCase()] = single(unpriv, 'unscaled');
  }
  const prfm = acc('prfm', PRFOP, 3);
  out.PRFM_imm = single(prfm, 'unsigned');
  out.PRFM_reg = single(prfm, 'reg');
  out.PRFUM = single(acc('prfum', PRFOP, 3), 'unscaled');
  out.LDR_lit = (f, ctx) => fmt('ldr', gr(f.z, f.t), literalTarget(f, ctx));
  out.LDRSW_lit = (f, ctx) => fmt('ldrsw', xr(f.t), literalTarget(f, ctx));
  out.PRFM_lit = (f, ctx) => fmt('prfm', prefetchOp(f.t), literalTarget(f, ctx));
  return out;
}

// ------------------------------------------------------------------ pairs

type PairMode = 'off' | 'pre' | 'post';

/** A pair transfer: `reg` names Rt/Rt2 (field letters 't'/'u'), `sizeLog2` scales imm7. */
function pair(mnemonic: string, mode: PairMode, reg: (f: Fields, r: number) => string, sizeLog2: (f: Fields) => number): Formatter {
  return (f) => {
    const imm = sext(f.i, 7) << sizeLog2(f);
    const regs = [reg(f, f.t), reg(f, f.u)];
    if (mode === 'off') return fmt(mnemonic, ...regs, offsetAddr(f, imm));
    if (mode === 'pre') return fmt(mnemonic, ...regs, preAddr(f, imm));
    return fmt(mnemonic, ...regs, ...postAddr(f, imm));
  };
}

const gpPair = (f: Fields, r: number): string => gr(f.z, r);
const gpPairSize = (f: Fields): number => 2 + f.z;
/** SIMD&FP pairs: opc (`S`) 00 S, 01 D, 10 Q. */
const fpPair = (f: Fields, r: number): string => vScalar(f.S + 2, r);
const fpPairSize = (f: Fields): number => f.S + 2;

function pairFormatters(): Record<string, Formatter> {
  const out: Record<string, Formatter> = {};
  for (const [op, mnemonic] of [['ST', 'st'], ['LD', 'ld']] as const) {
    out[`${op}NP`] = pair(`${mnemonic}np`, 'off', gpPair, gpPairSize);
    out[`${op}NP_fpsimd`] = pair(`${mnemonic}np`, 'off', fpPair, fpPairSize);
    for (const mode of ['off', 'pre', 'post'] as const) {
      out[`${op}P_${mode}`] = pair(`${mnemonic}p`, mode, gpPair, gpPairSize);
      out[`${op}P_fpsimd_${mode}`] = pair(`${mnemonic}p`, mode, fpPair, fpPairSize);
    }
  }
  for (const mode of ['off', 'pre', 'post'] as const) out[`LDPSW_${mode}`] = pair('ldpsw', mode, (_f, r) => xr(r), () => 2);
  return out;
}

// ------------------------------------------------------------------ SIMD&FP single registers

/** B/H/S/D by size, or Q when opc<1> (`q`) is set with size 00. */
const fpSize = (f: Fields): number => (f.q ? 4 : f.S);
const fpAccess = (mnemonic: string): Access => acc(mnemonic, (f) => vScalar(fpSize(f), f.t), fpSize);

function simdFormatters(): Record<string, Formatter> {
  const out: Record<string, Formatter> = {};
  for (const [op, mnemonic] of [['STR', 'str'], ['LDR', 'ldr']] as const) {
    out[`${op}_fpsimd_imm_unsigned`] = single(fpAccess(mnemonic), 'unsigned');
    out[`${op}_fpsimd_imm_post`] = single(fpAccess(mnemonic), 'post');
    out[`${op}_fpsimd_imm_pre`] = single(fpAccess(mnemonic), 'pre');
    out[`${op}_fpsimd_reg`] = single(fpAccess(mnemonic), 'reg');
  }
  out.STUR_fpsimd = single(fpAccess('stur'), 'unscaled');
  out.LDUR_fpsimd = single(fpAccess('ldur'), 'unscaled');
  out.LDR_fpsimd_lit = (f, ctx) => fmt('ldr', vScalar(f.S + 2, f.t), literalTarget(f, ctx));
  return out;
}

export const LOAD_STORE_FORMATTERS: Readonly<Record<string, Formatter>> = {
  ...singleFormatters(),
  ...pairFormatters(),
  ...simdFormatters(),
};
