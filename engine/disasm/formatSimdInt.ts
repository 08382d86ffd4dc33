/**
 * Formatters for the Advanced SIMD integer lines: engine/cpu/encodings/simdInt.ts (three
 * same, two-register misc, across lanes, shifts by immediate), simdSaturate.ts,
 * simdSatShift.ts (saturating shifts and doubling long multiplies) and simdWiden.ts (three
 * different: long, wide and high-narrow forms, `2` for the upper half).
 * Aliases as objdump prints them: MOV (ORR with Vn = Vm), MVN (NOT), SXTL/UXTL (shift #0).
 */
import type { Fields } from '../cpu/encodingTable';
import { Formatter, fmt, immDec, vReg, vScalar } from './operands';

/** The mnemonic of an encoding name: 'SQADD_vector' → 'sqadd', 'SQSHL_imm_scalar' → 'sqshl'. */
const mnemonicOf = (name: string): string => name.replace(/(_(reg|imm))?(_(vector|scalar))?$/, '').toLowerCase();
/** `2` suffix of the upper-half (Q = 1) widening and narrowing forms. */
const upper = (f: Fields): string => (f.q ? '2' : '');

const same3 = (m: string): Formatter => (f) => fmt(m, vReg(f.d, f.S, f.q), vReg(f.n, f.S, f.q), vReg(f.m, f.S, f.q));
const scalar3 = (m: string): Formatter => (f) => fmt(m, vScalar(f.S, f.d), vScalar(f.S, f.n), vScalar(f.S, f.m));
const same2 = (m: string): Formatter => (f) => fmt(m, vReg(f.d, f.S, f.q), vReg(f.n, f.S, f.q));
const bytes2 = (m: string): Formatter => (f) => fmt(m, vReg(f.d, 0, f.q), vReg(f.n, 0, f.q));
const compareZero = (m: string): Formatter => (f) => fmt(m, vReg(f.d, f.S, f.q), vReg(f.n, f.S, f.q), '#0');
const scalarCompareZero = (m: string): Formatter => (f) => fmt(m, vScalar(f.S, f.d), vScalar(f.S, f.n), '#0');
const scalar2 = (m: string): Formatter => (f) => fmt(m, vScalar(f.S, f.d), vScalar(f.S, f.n));
const bitwise = (m: string): Formatter => (f) => fmt(m, vReg(f.d, 0, f.q), vReg(f.n, 0, f.q), vReg(f.m, 0, f.q));
const across = (m: string, widen: number): Formatter => (f) => fmt(m, vScalar(f.S + widen, f.d), vReg(f.n, f.S, f.q));
/** Pairwise long add: Vd has half as many lanes of twice the width. */
const pairwiseLong = (m: string): Formatter => (f) => fmt(m, vReg(f.d, f.S + 1, f.q), vReg(f.n, f.S, f.q));
/** XTN-style narrowing: Vd.<Tb> (lower or upper half), Vn.<Ta> of twice the width. */
const narrow = (m: string): Formatter => (f) => fmt(m + upper(f), vReg(f.d, f.S, f.q), vReg(f.n, f.S + 1, 1));

const orr = bitwise('orr');

// ------------------------------------------------------------------ three different

const long3 = (m: string): Formatter => (f) => fmt(m + upper(f), vReg(f.d, f.S + 1, 1), vReg(f.n, f.S, f.q), vReg(f.m, f.S, f.q));
/** Scalar long (SQDMULL s0, h1, h2). */
const scalarLong3 = (m: string): Formatter => (f) => fmt(m, vScalar(f.S + 1, f.d), vScalar(f.S, f.n), vScalar(f.S, f.m));
const wide3 = (m: string): Formatter => (f) => fmt(m + upper(f), vReg(f.d, f.S + 1, 1), vReg(f.n, f.S + 1, 1), vReg(f.m, f.S, f.q));
const narrow3 = (m: string): Formatter => (f) => fmt(m + upper(f), vReg(f.d, f.S, f.q), vReg(f.n, f.S + 1, 1), vReg(f.m, f.S + 1, 1));

// ------------------------------------------------------------------ shifts by immediate

/** Element size log2 from immh (the top four bits of immh:immb, field `i`). */
const shiftSize = (f: Fields): number => 31 - Math.clz32(f.i >> 3);
const rightShift = (f: Fields): number => (16 << shiftSize(f)) - f.i;
const leftShift = (f: Fields): number => f.i - (8 << shiftSize(f));

function shiftImm(m: string, right: boolean, scalar: boolean): Formatter {
  return (f) => {
    const size = shiftSize(f);
    const amount = immDec(right ? rightShift(f) : leftShift(f));
    if (scalar) return fmt(m, vScalar(size, f.d), vScalar(size, f.n), amount);
    return fmt(m, vReg(f.d, size, f.q), vReg(f.n, size, f.q), amount);
  };
}

const shiftNarrow = (m: string, scalar = false): Formatter => (f) => {
  const size = shiftSize(f);
  if (scalar) return fmt(m, vScalar(size, f.d), vScalar(size + 1, f.n), immDec(rightShift(f)));
  return fmt(m + upper(f), vReg(f.d, size, f.q), vReg(f.n, size + 1, 1), immDec(rightShift(f)));
};

/** SSHLL/USHLL; with shift #0 objdump prints SXTL/UXTL. */
const shiftLong = (m: string, extendAlias: string): Formatter => (f) => {
  const size = shiftSize(f);
  const ops = [vReg(f.d, size + 1, 1), vReg(f.n, size, f.q)];
  const amount = leftShift(f);
  return amount === 0 ? fmt(extendAlias + upper(f), ...ops) : fmt(m + upper(f), ...ops, immDec(amount));
};

// ------------------------------------------------------------------ the table

const THREE_SAME = [
  'ADD', 'SUB', 'MUL', 'MLA', 'MLS', 'CMTST', 'CMEQ', 'CMGT', 'CMHI', 'CMGE', 'CMHS', 'SSHL', 'USHL',
  'SMAX', 'UMAX', 'SMIN', 'UMIN', 'SABD', 'UABD', 'SABA', 'UABA', 'SHADD', 'UHADD', 'SRHADD', 'URHADD',
  'SHSUB', 'UHSUB', 'ADDP', 'SMAXP', 'UMAXP', 'SMINP', 'UMINP', 'SQADD', 'UQADD', 'SQSUB', 'UQSUB',
  'SRSHL', 'URSHL', 'SQDMULH', 'SQRDMULH', 'SQSHL_reg', 'UQSHL_reg', 'SQRSHL_reg', 'UQRSHL_reg',
];
const THREE_SAME_SCALAR = [
  'ADD', 'SUB', 'CMTST', 'CMEQ', 'CMGT', 'CMHI', 'CMGE', 'CMHS', 'SSHL', 'USHL', 'SRSHL', 'URSHL',
  'SQADD', 'UQADD', 'SQSUB', 'UQSUB', 'SQDMULH', 'SQRDMULH', 'SQSHL_reg', 'UQSHL_reg', 'SQRSHL_reg', 'UQRSHL_reg',
];
const COMPARE_ZERO = ['CMGT', 'CMGE', 'CMEQ', 'CMLE', 'CMLT'];
const SHIFTS: ReadonlyArray<[string, boolean]> = [
  ['SSHR', true], ['USHR', true], ['SSRA', true], ['USRA', true], ['SRSHR', true], ['URSHR', true],
  ['SRSRA', true], ['URSRA', true], ['SRI', true], ['SHL', false], ['SLI', false],
  ['SQSHL_imm', false], ['UQSHL_imm', false], ['SQSHLU_imm', false],
];
/** Saturating narrowing right shifts, vector (`2` for the upper half) and scalar. */
const SHIFTS_NARROW = ['SQSHRN', 'SQRSHRN', 'UQSHRN', 'UQRSHRN', 'SQSHRUN', 'SQRSHRUN'];
/** Saturating doubling long multiplies, vector and scalar. */
const DOUBLING_LONG = ['SQDMULL', 'SQDMLAL', 'SQDMLSL'];

function tableFormatters(): Record<string, Formatter> {
  const out: Record<string, Formatter> = {};
  for (const op of THREE_SAME) out[`${op}_vector`] = same3(mnemonicOf(op));
  for (const op of THREE_SAME_SCALAR) out[`${op}_scalar`] = scalar3(mnemonicOf(op));
  for (const op of COMPARE_ZERO) {
    out[`${op}_zero_vector`] = compareZero(op.toLowerCase());
    out[`${op}_zero_scalar`] = scalarCompareZero(op.toLowerCase());
  }
  for (const [op, right] of SHIFTS) {
    out[`${op}_vector`] = shiftImm(mnemonicOf(op), right, false);
    out[`${op}_scalar`] = shiftImm(mnemonicOf(op), right, true);
  }
  for (const op of SHIFTS_NARROW) {
    out[`${op}_vector`] = shiftNarrow(op.toLowerCase());
    out[`${op}_scalar`] = shiftNarrow(op.toLowerCase(), true);
  }
  for (const op of DOUBLING_LONG) {
    out[`${op}_vector`] = long3(op.toLowerCase());
    out[`${op}_scalar`] = scalarLong3(op.toLowerCase());
  }
  for (const name of ['ABS_vector', 'NEG_vector', 'CLS_vector', 'CLZ_vector', 'SQABS_vector', 'SQNEG_vector', 'REV64_vector', 'REV32_vector', 'REV16_vector']) {
    out[name] = same2(mnemonicOf(name));
  }
  for (const name of ['SADDL', 'UADDL', 'SSUBL', 'USUBL', 'SABAL', 'UABAL', 'SABDL', 'UABDL', 'SMLAL_vector', 'UMLAL_vector', 'SMLSL_vector', 'UMLSL_vector', 'SMULL_vector', 'UMULL_vector', 'PMULL']) {
    out[name] = long3(mnemonicOf(name));
  }
  for (const name of ['SADDW', 'UADDW', 'SSUBW', 'USUBW']) out[name] = wide3(mnemonicOf(name));
  for (const name of ['ADDHN', 'RADDHN', 'SUBHN', 'RSUBHN']) out[name] = narrow3(mnemonicOf(name));
  for (const name of ['XTN', 'SQXTN_vector', 'UQXTN_vector', 'SQXTUN_vector']) out[name] = narrow(mnemonicOf(name));
  for (const name of ['SADDLP', 'UADDLP', 'SADALP', 'UADALP']) out[name] = pairwiseLong(mnemonicOf(name));
  return out;
}

export const SIMD_INT_FORMATTERS: Readonly<Record<string, Formatter>> = {
  ...tableFormatters(),
  ABS_scalar: scalar2('abs'),
  NEG_scalar: scalar2('neg'),
  CNT_vector: bytes2('cnt'),
  NOT_vector: bytes2('mvn'),
  RBIT_vector: bytes2('rbit'),

  AND_vector: bitwise('and'),
  BIC_vector_reg: bitwise('bic'),
  ORR_vector_reg: (f, ctx) => (f.n === f.m ? fmt('mov', vReg(f.d, 0, f.q), vReg(f.n, 0, f.q)) : orr(f, ctx)),
  ORN_vector: bitwise('orn'),
  EOR_vector: bitwise('eor'),
  BSL: bitwise('bsl'),
  BIT: bitwise('bit'),
  BIF: bitwise('bif'),

  ADDP_scalar: (f) => fmt('addp', vScalar(3, f.d), vReg(f.n, 3, 1)),
  ADDV: across('addv', 0),
  SMAXV: across('smaxv', 0),
  UMAXV: across('umaxv', 0),
  SMINV: across('sminv', 0),
  UMINV: across('uminv', 0),
  SADDLV: across('saddlv', 1),
  UADDLV: across('uaddlv', 1),

  SHRN: shiftNarrow('shrn'),
  RSHRN: shiftNarrow('rshrn'),
  SSHLL: shiftLong('sshll', 'sxtl'),
  USHLL: shiftLong('ushll', 'uxtl'),
};
