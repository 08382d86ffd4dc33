/**
 * Formatters for engine/cpu/encodings/branchSystem.ts: branches (with symbolic targets),
 * exception generation, hints, barriers, PSTATE and system-register moves, SYS aliases.
 */
import type { Fields } from '../cpu/encodingTable';
import { COND, Formatter, fmt, gr, immDec, immHex, immHex2, sext, xr } from './operands';
import { sysAlias } from './sysAliases';
import { systemRegisterName } from './systemRegisters';

/** Target of a PC-relative branch: address + sign-extended word offset (wraps modulo 2^64). */
const branchTarget = (address: bigint, f: Fields, bits: number): bigint =>
  BigInt.asUintN(64, address + BigInt(sext(f.i, bits) * 4));

/** HINT #imm names (CRm:op2); the rest print as `hint #0x…`. */
const HINTS: Readonly<Record<number, string>> = {
  0: 'nop', 1: 'yield', 2: 'wfe', 3: 'wfi', 4: 'sev', 5: 'sevl', 7: 'xpaclri',
  8: 'pacia1716', 10: 'pacib1716', 12: 'autia1716', 14: 'autib1716',
  16: 'esb', 17: 'psb csync', 18: 'tsb csync', 20: 'csdb', 22: 'clearbhb',
  24: 'paciaz', 25: 'paciasp', 26: 'pacibz', 27: 'pacibsp', 28: 'autiaz', 29: 'autiasp', 30: 'autibz', 31: 'autibsp',
  32: 'bti', 34: 'bti c', 36: 'bti j', 38: 'bti jc',
};

/** DMB/DSB option names by CRm; the unnamed ones print as `#0x0c`. */
const BARRIER_OPTIONS = ['', 'oshld', 'oshst', 'osh', '', 'nshld', 'nshst', 'nsh', '', 'ishld', 'ishst', 'ish', '', 'ld', 'st', 'sy'];
const barrierOption = (crm: number): string => BARRIER_OPTIONS[crm] || immHex2(crm);

/** MSR (immediate) PSTATE field names by op1:op2. */
const PSTATE_FIELDS: Readonly<Record<number, string>> = { 0o03: 'uao', 0o04: 'pan', 0o05: 'spsel', 0o10: 'allint', 0o31: 'ssbs', 0o32: 'dit', 0o34: 'tco', 0o36: 'daifset', 0o37: 'daifclr' };

const sysKey = (f: Fields): number => (f.a << 11) | (f.n << 7) | (f.m << 3) | f.b;

const exception = (mnemonic: string): Formatter => (f) => fmt(mnemonic, immHex(f.i));

export const BRANCH_SYSTEM_FORMATTERS: Readonly<Record<string, Formatter>> = {
  B: (f, ctx) => fmt('b', ctx.label(branchTarget(ctx.address, f, 26))),
  BL: (f, ctx) => fmt('bl', ctx.label(branchTarget(ctx.address, f, 26))),
  B_cond: (f, ctx) => fmt(`b.${COND[f.c]}`, ctx.label(branchTarget(ctx.address, f, 19))),
  CBZ: (f, ctx) => fmt('cbz', gr(f.z, f.t), ctx.label(branchTarget(ctx.address, f, 19))),
  CBNZ: (f, ctx) => fmt('cbnz', gr(f.z, f.t), ctx.label(branchTarget(ctx.address, f, 19))),
  TBZ: (f, ctx) => fmt('tbz', gr(f.B, f.t), immDec((f.B << 5) | f.b), ctx.label(branchTarget(ctx.address, f, 14))),
  TBNZ: (f, ctx) => fmt('tbnz', gr(f.B, f.t), immDec((f.B << 5) | f.b), ctx.label(branchTarget(ctx.address, f, 14))),
  BR: (f) => fmt('br', xr(f.n)),
  BLR: (f) => fmt('blr', xr(f.n)),
  RET: (f) => (f.n === 30 ? fmt('ret') : fmt('ret', xr(f.n))),
  ERET: () => fmt('eret'),

  SVC: exception('svc'),
  HVC: exception('hvc'),
  SMC: exception('smc'),
  BRK: exception('brk'),
  HLT: exception('hlt'),

  HINT: (f) => {
    const name = HINTS[(f.m << 3) | f.o];
    if (name === undefined) return fmt('hint', immHex((f.m << 3) | f.o));
    const [mnemonic, operand] = name.split(' ');
    return operand === undefined ? fmt(mnemonic) : fmt(mnemonic, operand);
  },
  CLREX: (f) => (f.m === 15 ? fmt('clrex') : fmt('clrex', immHex(f.m))),
  DSB: (f) => (f.m === 0 ? fmt('ssbb') : f.m === 4 ? fmt('pssbb') : fmt('dsb', barrierOption(f.m))),
  DMB: (f) => fmt('dmb', barrierOption(f.m)),
  ISB: (f) => (f.m === 15 ? fmt('isb') : fmt('isb', immHex(f.m))),
  SB: () => fmt('sb'),
  MSR_imm: (f) => {
    const field = PSTATE_FIELDS[(f.a << 3) | f.b];
    // SPSel takes a 1-bit immediate; objdump shows other CRm values as a generic MSR (op0 = 0).
    if (field === 'spsel' && f.m > 1) return fmt('msr', `s0_${f.a}_c4_c${f.m}_${f.b}`, 'xzr');
    return fmt('msr', field, immHex(f.m));
  },
  SYS: (f) => {
    const alias = sysAlias(sysKey(f));
    if (alias) return alias.takesRegister ? fmt(alias.mnemonic, alias.operation, xr(f.t)) : fmt(alias.mnemonic, alias.operation);
    const ops = [immDec(f.a), `C${f.n}`, `C${f.m}`, immDec(f.b)];
    if (f.t !== 31) ops.push(xr(f.t));
    return fmt('sys', ...ops);
  },
  MSR_reg: (f) => fmt('msr', systemRegisterName((f.o << 14) | sysKey(f), true), xr(f.t)),
  MRS: (f) => fmt('mrs', xr(f.t), systemRegisterName((f.o << 14) | sysKey(f), false)),
};
