/**
 * Scalar floating point: arithmetic, fused multiply-add, compare, conditional select and
 * compare, rounding, precision conversion, FMOV (register, immediate, to/from general
 * registers) and the FP↔integer conversions, fixed-point forms included.
 */
import type { FprOp, Operand } from '../operands';
import { kindName } from '../operands';
import { EncodeContext, InsnDef, fail, wantCount, wrongKind } from './context';
import { condOp, gpr, immValue, inRange } from './operandChecks';

type Defs = Record<string, InsnDef>;
type Ops = ReadonlyArray<Operand>;
const def = (needs: string[], encode: InsnDef['encode']): InsnDef => ({ needs, encode });

/** ftype field: 00 single, 01 double, 11 half. */
const FTYPE: Record<string, number> = { s: 0, d: 1, h: 3 };

/** An FP scalar register of size h/s/d (or only s/d); returns it with its ftype. */
function fpReg(ops: Ops, i: number, sizes = 'sd'): FprOp {
  const op = ops[i];
  const want = `a floating-point register (${sizes.split('').map((c) => `${c}0-${c}31`).join(', ')})`;
  if (!op) fail(`operand ${i + 1} is missing: expected ${want}`);
  if (op.t !== 'fpr' || !sizes.includes(op.size)) wrongKind(i, want, op);
  return op;
}

function sameFp(ops: Ops, first: FprOp, idx: number[]): void {
  for (const i of idx) {
    const op = ops[i] as FprOp;
    if (op.size !== first.size) fail(`operand ${i + 1} must be a ${first.size} register like operand 1, not '${op.text}'`, op);
  }
}

function regsN(ops: Ops, n: number): FprOp[] {
  const regs: FprOp[] = [];
  for (let k = 0; k < n; k++) regs.push(fpReg(ops, k));
  sameFp(ops, regs[0], regs.map((_, k) => k).slice(1));
  return regs;
}

/** The 8-bit FMOV immediate for `v`, or undefined: ±(16+f)/16 × 2^e, e in -3..4, f in 0..15. */
export function fpImm8(v: number): number | undefined {
  for (let imm = 0; imm < 256; imm++) {
    const sign = imm & 0x80 ? -1 : 1;
    const b = (imm >> 6) & 1;
    const cd = (imm >> 4) & 3;
    const exp = b ? cd - 3 : cd + 1;
    const value = sign * (1 + (imm & 15) / 16) * 2 ** exp;
    if (value === v) return imm;
  }
  return undefined;
}

const TWO_SRC: Record<string, number> = { fmul: 0, fdiv: 1, fadd: 2, fsub: 3, fmax: 4, fmin: 5, fmaxnm: 6, fminnm: 7, fnmul: 8 };
const THREE_SRC: Record<string, [number, number]> = { fmadd: [0, 0], fmsub: [0, 1], fnmadd: [1, 0], fnmsub: [1, 1] };
const FRINT: Record<string, number> = { frintn: 0, frintp: 1, frintm: 2, frintz: 3, frinta: 4, frintx: 6, frinti: 7 };
const TO_INT = ['ns', 'nu', 'ps', 'pu', 'ms', 'mu', 'zs', 'zu', 'as', 'au'];

function fmov(ops: Ops, cx: EncodeContext): number {
  wantCount(ops, cx, 2, 'fmov <Fd>, <Fn>|#imm|<Rn>');
  const [d, n] = ops;
  if (d.t === 'fpr' && (n.t === 'imm' || n.t === 'fimm')) {
    const rd = fpReg(ops, 0, 'sdh');
    if (rd.size === 'h') fail("'fmov' of an immediate to a half-precision register is not supported by the emulated CPU", rd);
    const v = n.t === 'fimm' ? n.value : Number(immValue(ops, 1, cx, 'a floating-point immediate'));
    const imm8 = fpImm8(v);
    if (imm8 === undefined) {
      fail(`${n.t === 'fimm' ? n.text : v} cannot be an FMOV immediate: it must be ±n/16 × 2^e with n in 16..31 and e in -3..4 (e.g. 1.0, 0.5, -2.5, 31.0)`, n);
    }
    return cx.encode('FMOV_imm', { y: FTYPE[rd.size], i: imm8, d: rd.n });
  }
  if (d.t === 'fpr' && n.t === 'fpr') {
    const [rd, rn] = regsN(ops, 2);
    return cx.encode('FMOV_reg', { y: FTYPE[rd.size], n: rn.n, d: rd.n });
  }
  if (d.t === 'gpr') {
    const rd = gpr(ops, 0);
    if (n.t === 'vec' && n.elem === 'd' && n.index === 1) {
      if (!rd.x) fail("moving the upper half of a vector needs a 64-bit register: 'fmov xN, vM.d[1]'", rd);
      return cx.encode('FMOV_to_general_top', { n: n.n, d: rd.n });
    }
    const rn = fpReg(ops, 1, 'sdh');
    if (rn.size !== 'h' && (rn.size === 'd') !== rd.x) fail(`operand 2 must be ${rd.x ? 'a d' : 'an s or h'} register to match '${rd.text}'`, rn);
    return cx.encode('FMOV_to_general', { z: rd.x ? 1 : 0, y: FTYPE[rn.size], n: rn.n, d: rd.n });
  }
  if (d.t === 'vec') {
    if (d.elem !== 'd' || d.index !== 1) fail("the only vector destination of 'fmov' is 'vN.d[1]'", d);
    const rn = gpr(ops, 1, { size: 'x' });
    return cx.encode('FMOV_from_general_top', { n: rn.n, d: d.n });
  }
  const rd = fpReg(ops, 0, 'sdh');
  if (n.t !== 'gpr') wrongKind(1, 'a register or a floating-point immediate', n);
  const rn = gpr(ops, 1);
  if (rd.size !== 'h' && (rd.size === 'd') !== rn.x) fail(`operand 2 must be ${rd.size === 'd' ? 'a 64-bit (x)' : 'a 32-bit (w)'} register to match '${rd.text}'`, rn);
  return cx.encode('FMOV_from_general', { z: rn.x ? 1 : 0, y: FTYPE[rd.size], n: rn.n, d: rd.n });
}

/** `#fbits` of a fixed-point conversion: 1..(32 or 64); the field holds 64 - fbits. */
function fbits(ops: Ops, i: number, intIs64: boolean, cx: EncodeContext): number {
  const v = inRange(immValue(ops, i, cx, 'a number of fraction bits'), 1, intIs64 ? 64 : 32, ops[i], 'fraction bits');
  return 64 - v;
}

function zeroOperand(op: Operand): boolean {
  if (op.t === 'fimm') return op.value === 0 && !Object.is(op.value, -0);
  return op.t === 'imm' && op.hash && op.e.k === 'num' && op.e.v === 0n;
}

export function fpScalarDefs(): Defs {
  const d: Defs = {};
  for (const [mn, o] of Object.entries(TWO_SRC)) {
    d[mn] = def(['FP_2src'], (ops, cx) => {
      wantCount(ops, cx, 3, `${mn} <Fd>, <Fn>, <Fm>`);
      const [rd, rn, rm] = regsN(ops, 3);
      return cx.encode('FP_2src', { y: FTYPE[rd.size], m: rm.n, o, n: rn.n, d: rd.n });
    });
  }
  for (const [mn, [o1, o0]] of Object.entries(THREE_SRC)) {
    d[mn] = def(['FP_3src'], (ops, cx) => {
      wantCount(ops, cx, 4, `${mn} <Fd>, <Fn>, <Fm>, <Fa>`);
      const [rd, rn, rm, ra] = regsN(ops, 4);
      return cx.encode('FP_3src', { y: FTYPE[rd.size], o: o1, m: rm.n, O: o0, a: ra.n, n: rn.n, d: rd.n });
    });
  }
  for (const [mn, name] of [['fabs', 'FABS_scalar'], ['fneg', 'FNEG_scalar'], ['fsqrt', 'FSQRT_scalar']] as const) {
    d[mn] = def([name], (ops, cx) => {
      wantCount(ops, cx, 2, `${mn} <Fd>, <Fn>`);
      const [rd, rn] = regsN(ops, 2);
      return cx.encode(name, { y: FTYPE[rd.size], n: rn.n, d: rd.n });
    });
  }
  for (const [mn, o] of Object.entries(FRINT)) {
    d[mn] = def(['FRINT_scalar'], (ops, cx) => {
      wantCount(ops, cx, 2, `${mn} <Fd>, <Fn>`);
      const [rd, rn] = regsN(ops, 2);
      return cx.encode('FRINT_scalar', { y: FTYPE[rd.size], o, n: rn.n, d: rd.n });
    });
  }
  d.fcvt = def(['FCVT_scalar'], (ops, cx) => {
    wantCount(ops, cx, 2, 'fcvt <Fd>, <Fn> (between h, s and d)');
    const rd = fpReg(ops, 0, 'hsd');
    const rn = fpReg(ops, 1, 'hsd');
    if (rd.size === rn.size) fail(`'fcvt' converts between precisions: operands 1 and 2 must differ in size (both are ${rd.size})`, rn);
    return cx.encode('FCVT_scalar', { y: FTYPE[rn.size], o: FTYPE[rd.size], n: rn.n, d: rd.n });
  });
  for (const [mn, e] of [['fcmp', 0], ['fcmpe', 1]] as const) {
    d[mn] = def(['FCMP'], (ops, cx) => {
      wantCount(ops, cx, 2, `${mn} <Fn>, <Fm>|#0.0`);
      const rn = fpReg(ops, 0);
      if (ops[1].t === 'fpr') {
        const rm = fpReg(ops, 1);
        sameFp(ops, rn, [1]);
        return cx.encode('FCMP', { y: FTYPE[rn.size], m: rm.n, n: rn.n, o: e << 1 });
      }
      if (!zeroOperand(ops[1])) fail(`operand 2 must be a register or #0.0, not ${kindName(ops[1])}`, ops[1]);
      return cx.encode('FCMP', { y: FTYPE[rn.size], m: 0, n: rn.n, o: (e << 1) | 1 });
    });
  }
  for (const [mn, p] of [['fccmp', 0], ['fccmpe', 1]] as const) {
    d[mn] = def(['FCCMP'], (ops, cx) => {
      wantCount(ops, cx, 4, `${mn} <Fn>, <Fm>, #nzcv, <cond>`);
      const rn = fpReg(ops, 0);
      const rm = fpReg(ops, 1);
      sameFp(ops, rn, [1]);
      const nzcv = inRange(immValue(ops, 2, cx, 'an #nzcv value'), 0, 15, ops[2], 'nzcv');
      return cx.encode('FCCMP', { y: FTYPE[rn.size], m: rm.n, c: condOp(ops, 3), n: rn.n, p, i: nzcv });
    });
  }
  d.fcsel = def(['FCSEL'], (ops, cx) => {
    wantCount(ops, cx, 4, 'fcsel <Fd>, <Fn>, <Fm>, <cond>');
    const [rd, rn, rm] = regsN(ops, 3);
    return cx.encode('FCSEL', { y: FTYPE[rd.size], m: rm.n, c: condOp(ops, 3), n: rn.n, d: rd.n });
  });
  d.fmov = def(['FMOV_imm', 'FMOV_reg', 'FMOV_to_general', 'FMOV_from_general', 'FMOV_to_general_top', 'FMOV_from_general_top'], fmov);

  for (const suffix of TO_INT) {
    const mn = `fcvt${suffix}`;
    const name = `FCVT${suffix.toUpperCase()}_int`;
    const fixed = suffix === 'zs' || suffix === 'zu' ? `FCVT${suffix.toUpperCase()}_fix` : undefined;
    d[mn] = def(fixed ? [name, fixed] : [name], (ops, cx) => {
      wantCount(ops, cx, fixed ? [2, 3] : 2, `${mn} <Wd|Xd>, <Sn|Dn>${fixed ? '{, #fbits}' : ''}`);
      const rd = gpr(ops, 0);
      const rn = fpReg(ops, 1);
      if (ops.length === 3) return cx.encode(fixed!, { z: rd.x ? 1 : 0, y: FTYPE[rn.size], i: fbits(ops, 2, rd.x, cx), n: rn.n, d: rd.n });
      return cx.encode(name, { z: rd.x ? 1 : 0, y: FTYPE[rn.size], n: rn.n, d: rd.n });
    });
  }
  for (const [mn, name] of [['scvtf', 'SCVTF'], ['ucvtf', 'UCVTF']] as const) {
    d[mn] = def([`${name}_int`, `${name}_fix`], (ops, cx) => {
      wantCount(ops, cx, [2, 3], `${mn} <Sd|Dd>, <Wn|Xn>{, #fbits}`);
      const rd = fpReg(ops, 0);
      const rn = gpr(ops, 1);
      if (ops.length === 3) return cx.encode(`${name}_fix`, { z: rn.x ? 1 : 0, y: FTYPE[rd.size], i: fbits(ops, 2, rn.x, cx), n: rn.n, d: rd.n });
      return cx.encode(`${name}_int`, { z: rn.x ? 1 : 0, y: FTYPE[rd.size], n: rn.n, d: rd.n });
    });
  }
  return d;
}
