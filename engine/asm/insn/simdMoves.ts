/**
 * SIMD element moves and immediates: DUP, INS, UMOV/SMOV and the MOV aliases GNU as
 * accepts for them; MOVI/MVNI/ORR/BIC (vector, immediate) with their cmode selection;
 * FMOV (vector, immediate).
 */
import { EncodeContext, InsnDef, fail, wantCount, wrongKind } from './context';
import { fpImm8 } from './fpScalar';
import { gpr, immValue, inRange } from './operandChecks';
import { Ops, elem, same, scalar, vec } from './simdOperands';

/** imm5 of an element of size code `size` at `index`: index, then a one-hot size marker. */
const imm5 = (size: number, index: number): number => ((index << (size + 1)) | (1 << size)) & 31;

export function dup(ops: Ops, cx: EncodeContext): number {
  wantCount(ops, cx, 2, 'dup <Vd>.<T>, <Vn>.<Ts>[<index>] | <Rn>');
  if (ops[0].t === 'fpr') return dupScalar(ops, cx);
  const d = vec(ops, 0);
  if (d.size > 3 || d.arr === '1d') fail(`'${d.op.text}': expected .8b, .16b, .4h, .8h, .2s, .4s or .2d`, d.op);
  if (ops[1].t === 'gpr') {
    const r = gpr(ops, 1, { size: d.size === 3 ? 'x' : 'w' });
    return cx.encode('DUP_general', { q: d.q, i: imm5(d.size, 0), n: r.n, d: d.n });
  }
  const e = elem(ops, 1, 'bhsd'[d.size]);
  return cx.encode('DUP_element', { q: d.q, i: imm5(e.size, e.index), n: e.n, d: d.n });
}

/** `dup <V>d, Vn.Ts[i]` / `mov <V>d, Vn.Ts[i]`. */
function dupScalar(ops: Ops, cx: EncodeContext): number {
  const d = scalar(ops, 0, 'bhsd');
  const e = elem(ops, 1, d.size);
  return cx.encode('DUP_element_scalar', { i: imm5(e.size, e.index), n: e.n, d: d.n });
}

export function ins(ops: Ops, cx: EncodeContext): number {
  wantCount(ops, cx, 2, 'ins <Vd>.<Ts>[<index>], <Rn> | <Vn>.<Ts>[<index>]');
  const d = elem(ops, 0);
  if (ops[1].t === 'gpr') {
    const r = gpr(ops, 1, { size: d.size === 3 ? 'x' : 'w' });
    return cx.encode('INS_general', { i: imm5(d.size, d.index), n: r.n, d: d.n });
  }
  const s = elem(ops, 1, 'bhsd'[d.size]);
  return cx.encode('INS_element', { i: imm5(d.size, d.index), j: (s.index << d.size) & 15, n: s.n, d: d.n });
}

export function umov(signed: boolean, viaMov: boolean): InsnDef['encode'] {
  return (ops, cx) => {
    wantCount(ops, cx, 2, `${cx.mnemonic} <Rd>, <Vn>.<Ts>[<index>]`);
    const r = gpr(ops, 0);
    const e = elem(ops, 1, signed ? (r.x ? 'bhs' : 'bh') : viaMov ? (r.x ? 'd' : 's') : r.x ? 'd' : 'bhs');
    return cx.encode(signed ? 'SMOV' : 'UMOV', { q: r.x ? 1 : 0, i: imm5(e.size, e.index), n: e.n, d: r.n });
  };
}

/** The MOV alias: vector copy (ORR), element insert/extract, scalar from element; else the general-register forms. */
export function simdMov(general: InsnDef['encode']): InsnDef['encode'] {
  return (ops, cx) => {
    const [a, b] = ops;
    if (ops.length === 2 && a?.t === 'vec' && a.index === undefined && b?.t === 'vec' && b.index === undefined) {
      const d = vec(ops, 0, ['8b', '16b']);
      const n = vec(ops, 1);
      same(d, n, 1);
      return cx.encode('ORR_vector_reg', { q: d.q, m: n.n, n: n.n, d: d.n });
    }
    if (ops.length === 2 && a?.t === 'vec' && a.index !== undefined) return ins(ops, cx);
    if (ops.length === 2 && a?.t === 'gpr' && b?.t === 'vec') return umov(false, true)(ops, cx);
    if (ops.length === 2 && a?.t === 'fpr' && b?.t === 'vec') return dupScalar(ops, cx);
    return general(ops, cx);
  };
}

/**
 * MOVI/MVNI/ORR/BIC (vector, immediate): the cmode for the arrangement and shift, imm8 split
 * into abc:defgh. MOVI also takes a 64-bit byte mask (`movi d0, #0xff00…`, `movi v0.2d, #…`).
 */
export function modImm(kind: 'movi' | 'mvni' | 'orr' | 'bic'): InsnDef['encode'] {
  const name = { movi: 'MOVI', mvni: 'MVNI', orr: 'ORR_vector_imm', bic: 'BIC_vector_imm' }[kind];
  return (ops, cx) => {
    wantCount(ops, cx, [2, 3], `${cx.mnemonic} <Vd>.<T>, #imm8{, lsl #shift}`);
    const enc = (q: number, op: number, cmode: number, imm8: number, d: number): number =>
      cx.encode(name, { q, p: op, h: imm8 >> 5, o: cmode, l: imm8 & 31, d });
    if (kind === 'movi' && (ops[0].t === 'fpr' || (ops[0].t === 'vec' && ops[0].arr === '2d'))) {
      // 64-bit mask: every byte 0x00 or 0xff.
      let q = 0;
      let dn: number;
      if (ops[0].t === 'fpr') dn = scalar(ops, 0, 'd').n;
      else {
        q = 1;
        dn = vec(ops, 0).n;
      }
      if (ops.length === 3) fail("a 64-bit MOVI immediate takes no shift", ops[2]);
      const v = BigInt.asUintN(64, immValue(ops, 1, cx));
      let imm8 = 0;
      for (let k = 0; k < 8; k++) {
        const byte = Number((v >> BigInt(8 * k)) & 0xffn);
        if (byte !== 0 && byte !== 0xff) fail(`immediate 0x${v.toString(16)}: every byte of a 64-bit MOVI immediate must be 0x00 or 0xff`, ops[1]);
        if (byte) imm8 |= 1 << k;
      }
      return enc(q, 1, 0b1110, imm8, dn);
    }
    const d = vec(ops, 0);
    const imm8 = inRange(immValue(ops, 1, cx), -128, 255, ops[1]) & 0xff;
    const s = ops[2];
    let shift = 0;
    let msl = false;
    if (s) {
      if (s.t !== 'shift' || (s.op !== 'lsl' && s.op !== 'msl')) wrongKind(2, "'lsl #amount' or 'msl #amount'", s);
      shift = Number(cx.value(s.amount));
      msl = s.op === 'msl';
    }
    const op = kind === 'mvni' || kind === 'bic' ? 1 : 0;
    const orrBic = kind === 'orr' || kind === 'bic' ? 1 : 0;
    if (d.size === 0) {
      if (kind !== 'movi') fail(`'${cx.mnemonic}' has no byte form; use .4h, .8h, .2s or .4s`, d.op);
      if (shift !== 0 || msl) fail('a byte MOVI immediate takes no shift (only lsl #0)', s!);
      return enc(d.q, 0, 0b1110, imm8, d.n);
    }
    if (d.size === 1) {
      if (msl || (shift !== 0 && shift !== 8)) fail(`shift must be lsl #0 or lsl #8 for .${d.arr}`, s!);
      return enc(d.q, op, 0b1000 | ((shift / 8) << 1) | orrBic, imm8, d.n);
    }
    if (d.size === 2) {
      if (msl) {
        if (orrBic) fail(`'${cx.mnemonic}' does not take msl`, s!);
        if (shift !== 8 && shift !== 16) fail('msl shift must be 8 or 16', s!);
        return enc(d.q, op, 0b1100 | (shift === 16 ? 1 : 0), imm8, d.n);
      }
      if (![0, 8, 16, 24].includes(shift)) fail(`shift must be lsl #0, #8, #16 or #24 for .${d.arr}`, s!);
      return enc(d.q, op, ((shift / 8) << 1) | orrBic, imm8, d.n);
    }
    fail(`'${d.op.text}': expected .8b, .16b, .4h, .8h, .2s or .4s${kind === 'movi' ? ' (or .2d / a d register with a byte mask)' : ''}`, d.op);
  };
}

export function fmovVector(scalarFmov: InsnDef['encode']): InsnDef['encode'] {
  return (ops, cx) => {
    if (ops[0]?.t !== 'vec' || ops[0].index !== undefined) return scalarFmov(ops, cx);
    wantCount(ops, cx, 2, 'fmov <Vd>.<T>, #imm');
    const d = vec(ops, 0, ['2s', '4s', '2d']);
    const src = ops[1];
    if (src.t !== 'fimm' && src.t !== 'imm') wrongKind(1, 'a floating-point immediate', src);
    const v = src.t === 'fimm' ? src.value : Number(immValue(ops, 1, cx));
    const imm8 = fpImm8(v);
    if (imm8 === undefined) fail(`${src.t === 'fimm' ? src.text : v} cannot be an FMOV immediate: it must be ±n/16 × 2^e with n in 16..31 and e in -3..4`, src);
    return cx.encode('FMOV_vector_imm', { q: d.q, p: d.size === 3 ? 1 : 0, h: imm8 >> 5, l: imm8 & 31, d: d.n });
  };
}
