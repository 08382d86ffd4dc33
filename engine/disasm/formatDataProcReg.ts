/**
 * Formatters for engine/cpu/encodings/dataProcReg.ts: logical and add/subtract (shifted and
 * extended register), with carry, conditional compare/select, 1- and 2-source and
 * multiply — with objdump's aliases (MOV, MVN, TST, NEG(S), CMP, CMN, NGC(S), CSET(M),
 * CINC, CINV, CNEG, LSL/LSR/ASR/ROR, MUL, MNEG, SMULL, UMULL, SMNEGL, UMNEGL).
 */
import type { Fields } from '../cpu/encodingTable';
import { COND, EXTEND, Formatted, Formatter, fmt, gr, grsp, immHex, invCond, shiftSuffix, wr, xr } from './operands';

const shifted = (f: Fields): string => gr(f.z, f.m) + shiftSuffix(f.h, f.i);

function logicalShift(mnemonic: string): Formatter {
  return (f) => {
    const rd = gr(f.z, f.d);
    const rn = gr(f.z, f.n);
    if (mnemonic === 'orr' && f.n === 31 && f.h === 0 && f.i === 0) return fmt('mov', rd, gr(f.z, f.m));
    if (mnemonic === 'orn' && f.n === 31) return fmt('mvn', rd, shifted(f));
    if (mnemonic === 'ands' && f.d === 31) return fmt('tst', rn, shifted(f));
    return fmt(mnemonic, rd, rn, shifted(f));
  };
}

function addSubShift(mnemonic: 'add' | 'adds' | 'sub' | 'subs'): Formatter {
  return (f) => {
    const rd = gr(f.z, f.d);
    const rn = gr(f.z, f.n);
    if (mnemonic === 'adds' && f.d === 31) return fmt('cmn', rn, shifted(f));
    if (mnemonic === 'subs' && f.d === 31) return fmt('cmp', rn, shifted(f));
    if (mnemonic === 'sub' && f.n === 31) return fmt('neg', rd, shifted(f));
    if (mnemonic === 'subs' && f.n === 31) return fmt('negs', rd, shifted(f));
    return fmt(mnemonic, rd, rn, shifted(f));
  };
}

/**
 * The extended-register operand: W for byte/half/word extends, X for UXTX/SXTX (64-bit).
 * With SP as Rd or Rn, UXTX (64-bit) / UXTW (32-bit) print as LSL, omitted when #0.
 */
function extendedOperand(f: Fields, spInvolved: boolean): string {
  const reg = f.z && (f.o & 3) === 3 ? xr(f.m) : wr(f.m);
  let ext: string = EXTEND[f.o];
  if (spInvolved && f.o === (f.z ? 3 : 2)) {
    if (f.i === 0) return reg;
    ext = 'lsl';
  }
  return f.i === 0 ? `${reg}, ${ext}` : `${reg}, ${ext} #${f.i}`;
}

function addSubExt(mnemonic: 'add' | 'adds' | 'sub' | 'subs'): Formatter {
  return (f) => {
    const setFlags = mnemonic === 'adds' || mnemonic === 'subs';
    const rn = grsp(f.z, f.n);
    if (setFlags && f.d === 31) return fmt(mnemonic === 'adds' ? 'cmn' : 'cmp', rn, extendedOperand(f, f.n === 31));
    const rd = setFlags ? gr(f.z, f.d) : grsp(f.z, f.d);
    return fmt(mnemonic, rd, rn, extendedOperand(f, f.n === 31 || (!setFlags && f.d === 31)));
  };
}

const regs3 = (mnemonic: string, f: Fields): Formatted => fmt(mnemonic, gr(f.z, f.d), gr(f.z, f.n), gr(f.z, f.m));
const threeRegs = (mnemonic: string): Formatter => (f) => regs3(mnemonic, f);

function withCarry(mnemonic: string, negAlias: string): Formatter {
  return (f) => (f.n === 31 ? fmt(negAlias, gr(f.z, f.d), gr(f.z, f.m)) : regs3(mnemonic, f));
}

const condCompareReg = (mnemonic: string): Formatter => (f) => fmt(mnemonic, gr(f.z, f.n), gr(f.z, f.m), immHex(f.f), COND[f.c]);
const condCompareImm = (mnemonic: string): Formatter => (f) => fmt(mnemonic, gr(f.z, f.n), immHex(f.i), immHex(f.f), COND[f.c]);

/**
 * CSINC/CSINV/CSNEG aliases: with Rn = Rm and a condition other than AL/NV, `setAlias`
 * (CSET/CSETM, when both are the zero register) or `incAlias` (CINC/CINV/CNEG).
 */
function condSelect(mnemonic: string, setAlias: string | null, incAlias: string | null): Formatter {
  return (f) => {
    const rd = gr(f.z, f.d);
    if (f.n === f.m && f.c < 14) {
      if (setAlias && f.n === 31) return fmt(setAlias, rd, invCond(f.c));
      if (incAlias && (f.n !== 31 || !setAlias)) return fmt(incAlias, rd, gr(f.z, f.n), invCond(f.c));
    }
    return fmt(mnemonic, rd, gr(f.z, f.n), gr(f.z, f.m), COND[f.c]);
  };
}

const oneSource = (mnemonic: string): Formatter => (f) => fmt(mnemonic, gr(f.z, f.d), gr(f.z, f.n));

function crc32(castagnoli: boolean): Formatter {
  return (f) => fmt(`crc32${castagnoli ? 'c' : ''}${'bhwx'[f.S]}`, wr(f.d), wr(f.n), f.S === 3 ? xr(f.m) : wr(f.m));
}

function multiplyAdd(mnemonic: string, alias: string): Formatter {
  return (f) => (f.a === 31 ? regs3(alias, f) : fmt(mnemonic, gr(f.z, f.d), gr(f.z, f.n), gr(f.z, f.m), gr(f.z, f.a)));
}

function multiplyLong(mnemonic: string, alias: string): Formatter {
  return (f) => (f.a === 31 ? fmt(alias, xr(f.d), wr(f.n), wr(f.m)) : fmt(mnemonic, xr(f.d), wr(f.n), wr(f.m), xr(f.a)));
}

const multiplyHigh = (mnemonic: string): Formatter => (f) => fmt(mnemonic, xr(f.d), xr(f.n), xr(f.m));

export const DATA_PROC_REG_FORMATTERS: Readonly<Record<string, Formatter>> = {
  AND_shift: logicalShift('and'),
  BIC_shift: logicalShift('bic'),
  ORR_shift: logicalShift('orr'),
  ORN_shift: logicalShift('orn'),
  EOR_shift: logicalShift('eor'),
  EON_shift: logicalShift('eon'),
  ANDS_shift: logicalShift('ands'),
  BICS_shift: logicalShift('bics'),

  ADD_shift: addSubShift('add'),
  ADDS_shift: addSubShift('adds'),
  SUB_shift: addSubShift('sub'),
  SUBS_shift: addSubShift('subs'),

  ADD_ext: addSubExt('add'),
  ADDS_ext: addSubExt('adds'),
  SUB_ext: addSubExt('sub'),
  SUBS_ext: addSubExt('subs'),

  ADC: threeRegs('adc'),
  ADCS: threeRegs('adcs'),
  SBC: withCarry('sbc', 'ngc'),
  SBCS: withCarry('sbcs', 'ngcs'),

  CCMN_reg: condCompareReg('ccmn'),
  CCMN_imm: condCompareImm('ccmn'),
  CCMP_reg: condCompareReg('ccmp'),
  CCMP_imm: condCompareImm('ccmp'),

  CSEL: condSelect('csel', null, null),
  CSINC: condSelect('csinc', 'cset', 'cinc'),
  CSINV: condSelect('csinv', 'csetm', 'cinv'),
  CSNEG: condSelect('csneg', null, 'cneg'),

  RBIT: oneSource('rbit'),
  REV16: oneSource('rev16'),
  REV32: (f) => fmt('rev32', xr(f.d), xr(f.n)),
  REV: oneSource('rev'),
  CLZ: oneSource('clz'),
  CLS: oneSource('cls'),

  UDIV: threeRegs('udiv'),
  SDIV: threeRegs('sdiv'),
  LSLV: threeRegs('lsl'),
  LSRV: threeRegs('lsr'),
  ASRV: threeRegs('asr'),
  RORV: threeRegs('ror'),
  CRC32: crc32(false),
  CRC32C: crc32(true),

  MADD: multiplyAdd('madd', 'mul'),
  MSUB: multiplyAdd('msub', 'mneg'),
  SMADDL: multiplyLong('smaddl', 'smull'),
  SMSUBL: multiplyLong('smsubl', 'smnegl'),
  SMULH: multiplyHigh('smulh'),
  UMADDL: multiplyLong('umaddl', 'umull'),
  UMSUBL: multiplyLong('umsubl', 'umnegl'),
  UMULH: multiplyHigh('umulh'),
};
