/**
 * Branches, exception generation, hints, barriers and system instructions, with the
 * GNU as aliases: `b.hs`/`b.lo` and the old `beq` spelling, `ret` without operand, the
 * named hints, DC/IC/AT/TLBI on top of SYS, and MRS/MSR by register name or
 * `S<op0>_<op1>_C<n>_C<m>_<op2>`.
 */
import { didYouMean } from '../diagnostics';
import type { Operand } from '../operands';
import { kindName } from '../operands';
import { EncodeContext, InsnDef, fail, wantCount, wrongKind } from './context';
import { COND_CODES, field, gpr, immOp, immValue, inRange, nameOf, pcRel } from './operandChecks';
import { SYSREG_NAMES } from './sysregNames';
import { SYS_OPS } from './sysOps';

type Defs = Record<string, InsnDef>;

const def = (needs: string[], encode: InsnDef['encode']): InsnDef => ({ needs, encode });

function imm16(ops: ReadonlyArray<Operand>, cx: EncodeContext): number {
  wantCount(ops, cx, 1, `${cx.mnemonic} #imm16`);
  return inRange(immValue(ops, 0, cx), 0, 65535, ops[0]);
}

const BARRIER_OPTIONS: Record<string, number> = {
  oshld: 1, oshst: 2, osh: 3, nshld: 5, nshst: 6, nsh: 7, ishld: 9, ishst: 10, ish: 11, ld: 13, st: 14, sy: 15,
};

function barrierOption(ops: ReadonlyArray<Operand>, cx: EncodeContext, allowed: Record<string, number>, dflt?: number): number {
  if (ops.length === 0 && dflt !== undefined) return dflt;
  wantCount(ops, cx, dflt !== undefined ? [0, 1] : 1, `${cx.mnemonic} <option>|#imm`);
  const op = ops[0];
  const name = nameOf(op);
  if (name !== undefined && name in allowed) return allowed[name];
  if (op.t === 'imm' && op.hash) return inRange(immValue(ops, 0, cx), 0, 15, op);
  fail(`operand 1 must be a barrier option (${Object.keys(allowed).join(', ')}) or #0-15, not ${kindName(op)}`, op);
}

const HINTS: Record<string, number> = { nop: 0, yield: 1, wfe: 2, wfi: 3, sev: 4, sevl: 5, esb: 16, csdb: 20 };

/** `S<op0>_<op1>_C<n>_C<m>_<op2>` or a named register; returns o0:op1:CRn:CRm:op2. */
function sysReg(op: Operand | undefined, index: number, write: boolean, cx: EncodeContext): number {
  const name = nameOf(op);
  if (!op || name === undefined) {
    if (!op) fail(`operand ${index + 1} is missing: expected a system register name`);
    wrongKind(index, 'a system register name (like sctlr_el1 or s3_0_c1_c0_0)', op);
  }
  const m = /^s([23])_([0-7])_c([0-9]|1[0-5])_c([0-9]|1[0-5])_([0-7])$/.exec(name);
  if (m) return ((Number(m[1]) - 2) << 14) | (Number(m[2]) << 11) | (Number(m[3]) << 7) | (Number(m[4]) << 3) | Number(m[5]);
  const r = SYSREG_NAMES.get(name);
  if (!r) fail(`unknown system register '${name}'${didYouMean(name, SYSREG_NAMES.keys())}`, op);
  if (write && !r.write) cx.warn(`system register '${name}' is read-only; writing it is UNDEFINED`, op);
  if (!write && !r.read) cx.warn(`system register '${name}' is write-only; reading it is UNDEFINED`, op);
  return r.key;
}

function sysFields(key15: number, t: number): Record<string, number> {
  return { o: (key15 >> 14) & 1, a: (key15 >> 11) & 7, n: (key15 >> 7) & 15, m: (key15 >> 3) & 15, b: key15 & 7, t };
}

const PSTATE_FIELDS: Record<string, { a: number; b: number; max: number }> = {
  spsel: { a: 0, b: 5, max: 15 },
  daifset: { a: 3, b: 6, max: 15 },
  daifclr: { a: 3, b: 7, max: 15 },
};

/** `Cn` operand of SYS. */
function crOp(ops: ReadonlyArray<Operand>, i: number): number {
  const name = nameOf(ops[i]);
  const m = name ? /^c([0-9]|1[0-5])$/.exec(name) : null;
  if (!m) wrongKind(i, 'a control register name C0-C15', ops[i]);
  return Number(m[1]);
}

function sysAlias(alias: string): InsnDef {
  const table = SYS_OPS.get(alias)!;
  return def(['SYS'], (ops, cx) => {
    const name = nameOf(ops[0]);
    if (!ops[0]) fail(`'${alias}' needs an operation (${[...table.keys()].slice(0, 6).join(', ')}, …)`, cx.operandSpan);
    const op = name !== undefined ? table.get(name) : undefined;
    if (!op) fail(`unknown ${alias.toUpperCase()} operation ${kindName(ops[0])}; expected one of ${[...table.keys()].join(', ')}`, ops[0]);
    if (op.takesRegister) wantCount(ops, cx, 2, `${alias} ${name}, <Xt>`);
    else wantCount(ops, cx, 1, `${alias} ${name}`);
    const t = op.takesRegister ? gpr(ops, 1, { size: 'x' }).n : 31;
    const k = op.key;
    return cx.encode('SYS', { a: (k >> 11) & 7, n: (k >> 7) & 15, m: (k >> 3) & 15, b: k & 7, t });
  });
}

export function branchSystemDefs(): Defs {
  const d: Defs = {
    b: def(['B'], (ops, cx) => {
      wantCount(ops, cx, 1, 'b <label>');
      return cx.encode('B', { i: field(pcRel(ops, 0, cx, 26, 4, 'branch'), 26) });
    }),
    bl: def(['BL'], (ops, cx) => {
      wantCount(ops, cx, 1, 'bl <label>');
      return cx.encode('BL', { i: field(pcRel(ops, 0, cx, 26, 4, 'branch'), 26) });
    }),
    cbz: def(['CBZ'], (ops, cx) => cbz('CBZ', ops, cx)),
    cbnz: def(['CBNZ'], (ops, cx) => cbz('CBNZ', ops, cx)),
    tbz: def(['TBZ'], (ops, cx) => tbz('TBZ', ops, cx)),
    tbnz: def(['TBNZ'], (ops, cx) => tbz('TBNZ', ops, cx)),
    br: def(['BR'], (ops, cx) => {
      wantCount(ops, cx, 1, 'br <Xn>');
      return cx.encode('BR', { n: gpr(ops, 0, { size: 'x' }).n });
    }),
    blr: def(['BLR'], (ops, cx) => {
      wantCount(ops, cx, 1, 'blr <Xn>');
      return cx.encode('BLR', { n: gpr(ops, 0, { size: 'x' }).n });
    }),
    ret: def(['RET'], (ops, cx) => {
      wantCount(ops, cx, [0, 1], 'ret {<Xn>}');
      return cx.encode('RET', { n: ops.length ? gpr(ops, 0, { size: 'x' }).n : 30 });
    }),
    eret: def(['ERET'], (ops, cx) => {
      wantCount(ops, cx, 0, 'eret');
      return cx.encode('ERET', {});
    }),
    svc: def(['SVC'], (ops, cx) => cx.encode('SVC', { i: imm16(ops, cx) })),
    hvc: def(['HVC'], (ops, cx) => cx.encode('HVC', { i: imm16(ops, cx) })),
    smc: def(['SMC'], (ops, cx) => cx.encode('SMC', { i: imm16(ops, cx) })),
    brk: def(['BRK'], (ops, cx) => cx.encode('BRK', { i: imm16(ops, cx) })),
    hlt: def(['HLT'], (ops, cx) => cx.encode('HLT', { i: imm16(ops, cx) })),
    hint: def(['HINT'], (ops, cx) => {
      wantCount(ops, cx, 1, 'hint #imm');
      const v = inRange(immValue(ops, 0, cx), 0, 127, ops[0]);
      return cx.encode('HINT', { m: v >> 3, o: v & 7 });
    }),
    clrex: def(['CLREX'], (ops, cx) => {
      wantCount(ops, cx, [0, 1], 'clrex {#imm}');
      return cx.encode('CLREX', { m: ops.length ? inRange(immValue(ops, 0, cx), 0, 15, ops[0]) : 15 });
    }),
    dsb: def(['DSB'], (ops, cx) => cx.encode('DSB', { m: barrierOption(ops, cx, BARRIER_OPTIONS) })),
    dmb: def(['DMB'], (ops, cx) => cx.encode('DMB', { m: barrierOption(ops, cx, BARRIER_OPTIONS) })),
    isb: def(['ISB'], (ops, cx) => cx.encode('ISB', { m: barrierOption(ops, cx, { sy: 15 }, 15) })),
    ssbb: def(['DSB'], (ops, cx) => (wantCount(ops, cx, 0, 'ssbb'), cx.encode('DSB', { m: 0 }))),
    pssbb: def(['DSB'], (ops, cx) => (wantCount(ops, cx, 0, 'pssbb'), cx.encode('DSB', { m: 4 }))),
    sb: def(['SB'], (ops, cx) => (wantCount(ops, cx, 0, 'sb'), cx.encode('SB', {}))),
    mrs: def(['MRS'], (ops, cx) => {
      wantCount(ops, cx, 2, 'mrs <Xt>, <sysreg>');
      const t = gpr(ops, 0, { size: 'x' }).n;
      return cx.encode('MRS', sysFields(sysReg(ops[1], 1, false, cx), t));
    }),
    msr: def(['MSR_reg', 'MSR_imm'], (ops, cx) => {
      wantCount(ops, cx, 2, 'msr <sysreg>, <Xt> or msr <pstatefield>, #imm');
      const name = nameOf(ops[0]);
      if (name !== undefined && name in PSTATE_FIELDS && ops[1].t === 'imm') {
        const p = PSTATE_FIELDS[name];
        return cx.encode('MSR_imm', { a: p.a, b: p.b, m: inRange(immValue(ops, 1, cx), 0, p.max, ops[1]) });
      }
      if (ops[1].t !== 'gpr') wrongKind(1, 'a 64-bit register (x0-x30 or xzr)', ops[1]);
      const t = gpr(ops, 1, { size: 'x' }).n;
      return cx.encode('MSR_reg', sysFields(sysReg(ops[0], 0, true, cx), t));
    }),
    sys: def(['SYS'], (ops, cx) => {
      wantCount(ops, cx, [4, 5], 'sys #op1, Cn, Cm, #op2{, <Xt>}');
      const a = inRange(immValue(ops, 0, cx), 0, 7, ops[0]);
      const n = crOp(ops, 1);
      const m = crOp(ops, 2);
      const b = inRange(immValue(ops, 3, cx), 0, 7, ops[3]);
      const t = ops.length === 5 ? gpr(ops, 4, { size: 'x' }).n : 31;
      return cx.encode('SYS', { a, n, m, b, t });
    }),
  };
  for (const [name, v] of Object.entries(HINTS)) {
    d[name] = def(['HINT'], (ops, cx) => {
      wantCount(ops, cx, 0, name);
      return cx.encode('HINT', { m: v >> 3, o: v & 7 });
    });
  }
  for (const alias of SYS_OPS.keys()) d[alias] = sysAlias(alias);
  for (const [cond, c] of Object.entries(COND_CODES)) {
    const bcond = def(['B_cond'], (ops, cx) => {
      wantCount(ops, cx, 1, `b.${cond} <label>`);
      return cx.encode('B_cond', { i: field(pcRel(ops, 0, cx, 19, 4, 'conditional branch'), 19), c });
    });
    d[`b.${cond}`] = bcond;
    d[`b${cond}`] = bcond;
  }
  return d;
}

function cbz(name: string, ops: ReadonlyArray<Operand>, cx: EncodeContext): number {
  wantCount(ops, cx, 2, `${cx.mnemonic} <Xt|Wt>, <label>`);
  const r = gpr(ops, 0);
  return cx.encode(name, { z: r.x ? 1 : 0, t: r.n, i: field(pcRel(ops, 1, cx, 19, 4, 'branch'), 19) });
}

function tbz(name: string, ops: ReadonlyArray<Operand>, cx: EncodeContext): number {
  wantCount(ops, cx, 3, `${cx.mnemonic} <Xt|Wt>, #bit, <label>`);
  const r = gpr(ops, 0);
  const bitOp = immOp(ops, 1, 'a bit number');
  const bit = inRange(cx.value(bitOp.e), 0, r.x ? 63 : 31, bitOp, 'bit number');
  return cx.encode(name, { B: bit >> 5, b: bit & 31, t: r.n, i: field(pcRel(ops, 2, cx, 14, 4, 'test-and-branch'), 14) });
}
