/**
 * Formatters for engine/cpu/encodings/dataProcImm.ts: ADR/ADRP, add/subtract, logical and
 * move-wide immediates, bitfields and EXTR — with objdump's alias choices (MOV, CMP, CMN,
 * TST, LSL/LSR/ASR, ROR, SBFIZ/SBFX/SXT*, UBFIZ/UBFX/UXT*, BFC/BFI/BFXIL).
 */
import { decodeBitMasks } from '../cpu/alu';
import type { Fields } from '../cpu/encodingTable';
import { Formatter, fmt, gr, grsp, immDec, immHex, sext, wr, xr } from './operands';

const MASK32 = 0xffffffffn;

/** MOVZ can build `value` (binutils' aarch64_wide_constant_p). */
function wideConstant(value: bigint, is32: boolean): boolean {
  let v = BigInt.asUintN(64, value);
  if (is32) {
    const top = v >> 32n;
    if (top !== 0n && top !== MASK32) return false;
    v &= MASK32;
  }
  for (let shift = 0n; shift < (is32 ? 32n : 64n); shift += 16n) {
    if ((v & (0xffffn << shift)) === v) return true;
  }
  return false;
}

function bitmaskValue(f: Fields): bigint {
  const masks = decodeBitMasks(f.N, f.s, f.r, true, f.z ? 64 : 32);
  if (!masks) throw new Error('logical immediate rejected by the decoder reached the formatter');
  return masks.wmask;
}

function addSubImm(mnemonic: string, setFlags: boolean): Formatter {
  return (f) => {
    const ops = [grsp(f.z, f.n), immHex(f.i)];
    if (f.h) ops.push('lsl #12');
    if (setFlags && f.d === 31) return fmt(mnemonic === 'adds' ? 'cmn' : 'cmp', ...ops);
    if (mnemonic === 'add' && f.i === 0 && f.h === 0 && (f.d === 31 || f.n === 31)) return fmt('mov', grsp(f.z, f.d), grsp(f.z, f.n));
    return fmt(mnemonic, setFlags ? gr(f.z, f.d) : grsp(f.z, f.d), ...ops);
  };
}

function logicalImm(mnemonic: 'and' | 'orr' | 'eor' | 'ands'): Formatter {
  return (f) => {
    const value = bitmaskValue(f);
    const imm = immHex(value);
    if (mnemonic === 'ands') {
      return f.d === 31 ? fmt('tst', gr(f.z, f.n), imm) : fmt('ands', gr(f.z, f.d), gr(f.z, f.n), imm);
    }
    if (mnemonic === 'orr' && f.n === 31) {
      const is32 = f.z === 0;
      const inverted = is32 ? ~value & MASK32 : BigInt.asUintN(64, ~value);
      if (f.d === 31 || !(wideConstant(value, is32) || wideConstant(inverted, is32))) return fmt('mov', grsp(f.z, f.d), imm);
    }
    return fmt(mnemonic, grsp(f.z, f.d), gr(f.z, f.n), imm);
  };
}

function moveWide(op: 'n' | 'z'): Formatter {
  return (f) => {
    const is32 = f.z === 0;
    const shift = f.h * 16;
    if (!(f.i === 0 && shift !== 0)) {
      let value = BigInt(f.i) << BigInt(shift);
      if (op === 'n') value = is32 ? ~value & MASK32 : BigInt.asUintN(64, ~value);
      if (op === 'z' || !wideConstant(value, is32)) return fmt('mov', gr(f.z, f.d), immHex(value));
    }
    return moveWideRaw(`mov${op}`, f);
  };
}

function moveWideRaw(mnemonic: string, f: Fields): ReturnType<Formatter> {
  const ops = [gr(f.z, f.d), immHex(f.i)];
  if (f.h) ops.push(`lsl #${f.h * 16}`);
  return fmt(mnemonic, ...ops);
}

/** BFXPreferred() of the Arm ARM: whether the extract (SBFX/UBFX) alias is used. */
function bfxPreferred(sf: number, unsigned: boolean, imms: number, immr: number): boolean {
  if (imms < immr) return false;
  if (imms === (sf ? 63 : 31)) return false;
  if (immr === 0) {
    if (sf === 0 && (imms === 7 || imms === 15)) return false;
    if (sf === 1 && !unsigned && (imms === 7 || imms === 15 || imms === 31)) return false;
  }
  return true;
}

const EXTEND_BY_IMMS: Readonly<Record<number, string>> = { 7: 'b', 15: 'h', 31: 'w' };

function bitfield(kind: 's' | 'b' | 'u'): Formatter {
  return (f) => {
    const size = f.z ? 64 : 32;
    const rd = gr(f.z, f.d);
    const rn = gr(f.z, f.n);
    const { r: immr, s: imms } = f;
    const insert = [immDec((size - immr) & (size - 1)), immDec(imms + 1)];
    const extract = [immDec(immr), immDec(imms - immr + 1)];
    switch (kind) {
      case 's':
        if (imms === size - 1) return fmt('asr', rd, rn, immDec(immr));
        if (imms < immr) return fmt('sbfiz', rd, rn, ...insert);
        if (bfxPreferred(f.z, false, imms, immr)) return fmt('sbfx', rd, rn, ...extract);
        return fmt(`sxt${EXTEND_BY_IMMS[imms]}`, rd, wr(f.n));
      case 'u':
        if (imms !== size - 1 && imms + 1 === immr) return fmt('lsl', rd, rn, immDec(size - 1 - imms));
        if (imms === size - 1) return fmt('lsr', rd, rn, immDec(immr));
        if (imms < immr) return fmt('ubfiz', rd, rn, ...insert);
        if (bfxPreferred(f.z, true, imms, immr)) return fmt('ubfx', rd, rn, ...extract);
        return fmt(`uxt${EXTEND_BY_IMMS[imms]}`, rd, wr(f.n));
      case 'b':
        if (imms < immr) return f.n === 31 ? fmt('bfc', rd, ...insert) : fmt('bfi', rd, rn, ...insert);
        return fmt('bfxil', rd, rn, ...extract);
    }
  };
}

export const DATA_PROC_IMM_FORMATTERS: Readonly<Record<string, Formatter>> = {
  ADR: (f, ctx) => fmt('adr', xr(f.d), ctx.label(BigInt.asUintN(64, ctx.address + BigInt(sext((f.h << 2) | f.l, 21))))),
  ADRP: (f, ctx) => {
    const page = ctx.address & ~0xfffn;
    return fmt('adrp', xr(f.d), ctx.label(BigInt.asUintN(64, page + BigInt(sext((f.h << 2) | f.l, 21)) * 4096n)));
  },

  ADD_imm: addSubImm('add', false),
  ADDS_imm: addSubImm('adds', true),
  SUB_imm: addSubImm('sub', false),
  SUBS_imm: addSubImm('subs', true),

  AND_imm: logicalImm('and'),
  ORR_imm: logicalImm('orr'),
  EOR_imm: logicalImm('eor'),
  ANDS_imm: logicalImm('ands'),

  MOVN: moveWide('n'),
  MOVZ: moveWide('z'),
  MOVK: (f) => moveWideRaw('movk', f),

  SBFM: bitfield('s'),
  BFM: bitfield('b'),
  UBFM: bitfield('u'),

  EXTR: (f) => (f.n === f.m ? fmt('ror', gr(f.z, f.d), gr(f.z, f.n), immDec(f.s)) : fmt('extr', gr(f.z, f.d), gr(f.z, f.n), gr(f.z, f.m), immDec(f.s))),
};
