/**
 * Advanced SIMD: vector and scalar integer and floating-point arithmetic, shifts by
 * immediate, widening/narrowing, by-element forms, permutes and table lookups, element
 * moves (DUP, INS, UMOV/SMOV and their MOV aliases), modified immediates (MOVI, MVNI,
 * ORR/BIC #imm, FMOV), and the structure loads/stores LD1-LD4/ST1-ST4/LD1R-LD4R.
 *
 * Which arrangements each instruction allows is the CPU decoder's call: the assembler
 * encodes what was written and the check in the assembler core reports combinations the
 * decoder does not accept.
 */
import type { Fields } from '../../cpu/encodingTable';
import type { FprOp, ListOp, Operand, VecOp } from '../operands';
import { kindName } from '../operands';
import { EncodeContext, InsnDef, fail, wantCount, wrongKind } from './context';
import { fpImm8 } from './fpScalar';
import { gpr, immValue, inRange } from './operandChecks';

type Defs = Record<string, InsnDef>;
type Ops = ReadonlyArray<Operand>;
const def = (needs: ReadonlyArray<string>, encode: InsnDef['encode']): InsnDef => ({ needs, encode });

/** Arrangement → element size code (b 0 … d 3, q 4), Q bit, lane count. */
const ARR: Record<string, { size: number; q: number; lanes: number }> = {
  '8b': { size: 0, q: 0, lanes: 8 }, '16b': { size: 0, q: 1, lanes: 16 },
  '4h': { size: 1, q: 0, lanes: 4 }, '8h': { size: 1, q: 1, lanes: 8 },
  '2s': { size: 2, q: 0, lanes: 2 }, '4s': { size: 2, q: 1, lanes: 4 },
  '1d': { size: 3, q: 0, lanes: 1 }, '2d': { size: 3, q: 1, lanes: 2 },
  '1q': { size: 4, q: 0, lanes: 1 },
};
const ESIZE: Record<string, number> = { b: 0, h: 1, s: 2, d: 3, q: 4 };
const ARR_OF = (size: number, q: number): string => Object.entries(ARR).find(([, a]) => a.size === size && a.q === q)?.[0] ?? '?';

interface Vec {
  readonly op: VecOp;
  readonly n: number;
  readonly arr: string;
  readonly size: number;
  readonly q: number;
}

/** A vector register with an arrangement (`v0.4s`). */
function vec(ops: Ops, i: number, allowed?: string[]): Vec {
  const op = ops[i];
  const want = `a vector register with an arrangement (like v0.4s)${allowed ? `: ${allowed.map((a) => `.${a}`).join(', ')}` : ''}`;
  if (!op) fail(`operand ${i + 1} is missing: expected ${want}`);
  if (op.t !== 'vec' || !op.arr || op.index !== undefined) wrongKind(i, want, op);
  const a = ARR[op.arr];
  if (!a) fail(`'${op.text}': unknown arrangement '.${op.arr}' (expected .8b, .16b, .4h, .8h, .2s, .4s, .1d or .2d)`, op);
  if (allowed && !allowed.includes(op.arr)) fail(`operand ${i + 1} must be ${want}, not '${op.text}'`, op);
  return { op, n: op.n, arr: op.arr, size: a.size, q: a.q };
}

/** A vector element `v0.s[1]`. */
function elem(ops: Ops, i: number, sizes = 'bhsd'): { n: number; size: number; index: number; op: VecOp } {
  const op = ops[i];
  const want = `a vector element (like v0.s[1])`;
  if (!op) fail(`operand ${i + 1} is missing: expected ${want}`);
  if (op.t !== 'vec' || op.index === undefined) wrongKind(i, want, op);
  const letter = op.elem ?? (op.arr ? op.arr.slice(-1) : undefined);
  if (!letter || !sizes.includes(letter)) fail(`operand ${i + 1}: element size must be ${sizes.split('').join(', ')}, not '${op.text}'`, op);
  const size = ESIZE[letter];
  const max = (16 >> size) - 1;
  if (op.index < 0 || op.index > max) fail(`element index out of range: ${op.index} is not in 0 to ${max} for .${letter} elements`, op);
  return { n: op.n, size, index: op.index, op };
}

/** A SIMD scalar register b/h/s/d/q. */
function scalar(ops: Ops, i: number, sizes = 'bhsd'): FprOp {
  const op = ops[i];
  const want = `a SIMD scalar register (${sizes.split('').map((c) => `${c}0-${c}31`).join(', ')})`;
  if (!op) fail(`operand ${i + 1} is missing: expected ${want}`);
  if (op.t !== 'fpr' || !sizes.includes(op.size)) wrongKind(i, want, op);
  return op;
}

function same(a: Vec, b: Vec, i: number): void {
  if (a.arr !== b.arr) fail(`operand ${i + 1} must have the same arrangement as operand 1 (.${a.arr}), not '${b.op.text}'`, b.op);
}

function sameScalar(a: FprOp, b: FprOp, i: number): void {
  if (a.size !== b.size) fail(`operand ${i + 1} must be a ${a.size} register like operand 1, not '${b.text}'`, b);
}

const isVec = (op: Operand | undefined): boolean => op?.t === 'vec';

/** The FP size bit for arrangements .2s/.4s (0) and .2d (1). */
function fpSz(v: Vec): number {
  if (v.size !== 2 && v.size !== 3) fail(`'${v.op.text}': floating-point vectors are .2s, .4s or .2d`, v.op);
  return v.size - 2;
}

function fpScalarSz(r: FprOp): number {
  if (r.size !== 's' && r.size !== 'd') fail(`'${r.text}': expected an s or d register`, r);
  return r.size === 'd' ? 1 : 0;
}

function zeroImm(op: Operand | undefined, i: number, fp: boolean): void {
  const ok = op && ((op.t === 'imm' && op.hash && op.e.k === 'num' && op.e.v === 0n) || (op.t === 'fimm' && op.value === 0));
  if (!ok) fail(`operand ${i + 1} must be #0${fp ? ' or #0.0' : ''}${op ? `, not ${kindName(op)}` : ''}`, op ?? { start: 0, end: 0 });
}

// ------------------------------------------------------------------ shapes

/** `op Vd.T, Vn.T, Vm.T` (integer: size field S; FP: b; logical: no size), or the scalar form. */
function threeSame(kind: 'int' | 'fp' | 'logic', vname: string, sname?: string): InsnDef['encode'] {
  return (ops, cx) => {
    wantCount(ops, cx, 3, `${cx.mnemonic} <Vd>.<T>, <Vn>.<T>, <Vm>.<T>`);
    if (!isVec(ops[0]) && sname) {
      const d = scalar(ops, 0, kind === 'fp' ? 'sd' : 'bhsd');
      const n = scalar(ops, 1, 'bhsd');
      const m = scalar(ops, 2, 'bhsd');
      sameScalar(d, n, 1);
      sameScalar(d, m, 2);
      const f: Fields = kind === 'fp' ? { b: fpScalarSz(d) } : { S: ESIZE[d.size] };
      return cx.encode(sname, { ...f, m: m.n, n: n.n, d: d.n });
    }
    const d = vec(ops, 0, kind === 'logic' ? ['8b', '16b'] : undefined);
    const n = vec(ops, 1);
    const m = vec(ops, 2);
    same(d, n, 1);
    same(d, m, 2);
    const f: Fields = kind === 'fp' ? { b: fpSz(d) } : kind === 'int' ? { S: d.size } : {};
    return cx.encode(vname, { ...f, q: d.q, m: m.n, n: n.n, d: d.n });
  };
}

/** `op Vd.T, Vn.T` (and `, #0` for compares against zero), or the scalar form. */
function twoMisc(kind: 'int' | 'fp' | 'nosize', vname: string, sname?: string, zero = false): InsnDef['encode'] {
  return (ops, cx) => {
    wantCount(ops, cx, zero ? 3 : 2, `${cx.mnemonic} <Vd>.<T>, <Vn>.<T>${zero ? ', #0' : ''}`);
    if (zero) zeroImm(ops[2], 2, kind === 'fp');
    if (!isVec(ops[0]) && sname) {
      const d = scalar(ops, 0, kind === 'fp' ? 'sd' : 'bhsd');
      const n = scalar(ops, 1, 'bhsd');
      sameScalar(d, n, 1);
      const f: Fields = kind === 'fp' ? { b: fpScalarSz(d) } : { S: ESIZE[d.size] };
      return cx.encode(sname, { ...f, n: n.n, d: d.n });
    }
    const d = vec(ops, 0, kind === 'nosize' ? ['8b', '16b'] : undefined);
    const n = vec(ops, 1);
    same(d, n, 1);
    const f: Fields = kind === 'fp' ? { b: fpSz(d) } : kind === 'int' ? { S: d.size } : {};
    return cx.encode(vname, { ...f, q: d.q, n: n.n, d: d.n });
  };
}

/** Across lanes: `op <V>d, Vn.T`; `widen`: the result is twice the element size (SADDLV). */
function acrossLanes(name: string, widen: boolean, fp: boolean): InsnDef['encode'] {
  return (ops, cx) => {
    wantCount(ops, cx, 2, `${cx.mnemonic} <V>d, <Vn>.<T>`);
    const d = scalar(ops, 0, fp ? 's' : 'bhsd');
    const n = vec(ops, 1, fp ? ['4s'] : undefined);
    const want = n.size + (widen ? 1 : 0);
    if (ESIZE[d.size] !== want) fail(`operand 1 must be a ${'bhsd'[want] ?? '?'} register for .${n.arr} elements, not '${d.text}'`, d);
    return cx.encode(name, fp ? { n: n.n, d: d.n } : { S: n.size, q: n.q, n: n.n, d: d.n });
  };
}

/** Pairwise to scalar: `addp d0, v1.2d`, `faddp s0, v1.2s`, `faddp d0, v1.2d`. */
function pairScalar(name: string, fp: boolean): InsnDef['encode'] {
  return (ops, cx) => {
    wantCount(ops, cx, 2, `${cx.mnemonic} <V>d, <Vn>.<T>`);
    const d = scalar(ops, 0, fp ? 'sd' : 'd');
    const n = vec(ops, 1, fp ? [d.size === 's' ? '2s' : '2d'] : ['2d']);
    return cx.encode(name, fp ? { b: n.size - 2, n: n.n, d: d.n } : { n: n.n, d: d.n });
  };
}

/** Shift by immediate: right shifts encode 2*esize - shift, left shifts esize + shift (immh:immb). */
function shiftImm(vname: string, sname: string | undefined, right: boolean): InsnDef['encode'] {
  return (ops, cx) => {
    wantCount(ops, cx, 3, `${cx.mnemonic} <Vd>.<T>, <Vn>.<T>, #shift`);
    let esize: number;
    let f: Fields;
    if (!isVec(ops[0]) && sname) {
      const d = scalar(ops, 0, 'd');
      const n = scalar(ops, 1, 'd');
      esize = 64;
      f = { n: n.n, d: d.n };
      return cx.encode(sname, { ...f, i: shiftField(ops, 2, esize, right, cx) });
    }
    const d = vec(ops, 0);
    const n = vec(ops, 1);
    same(d, n, 1);
    esize = 8 << d.size;
    return cx.encode(vname, { q: d.q, n: n.n, d: d.n, i: shiftField(ops, 2, esize, right, cx) });
  };
}

function shiftField(ops: Ops, i: number, esize: number, right: boolean, cx: EncodeContext): number {
  const v = immValue(ops, i, cx, 'a shift amount');
  if (right) return 2 * esize - inRange(v, 1, esize, ops[i], 'shift amount');
  return esize + inRange(v, 0, esize - 1, ops[i], 'shift amount');
}

/** Fixed-point conversions `scvtf Vd.T, Vn.T, #fbits` / `scvtf Sd, Sn, #fbits`: fbits encode like a right shift. */
function fixedPoint(vname: string, sname: string): InsnDef['encode'] {
  return (ops, cx) => {
    wantCount(ops, cx, 3, `${cx.mnemonic} <Vd>.<T>, <Vn>.<T>, #fbits`);
    if (!isVec(ops[0])) {
      const d = scalar(ops, 0, 'sd');
      const n = scalar(ops, 1, 'sd');
      sameScalar(d, n, 1);
      return cx.encode(sname, { n: n.n, d: d.n, i: shiftField(ops, 2, d.size === 's' ? 32 : 64, true, cx) });
    }
    const d = vec(ops, 0);
    const n = vec(ops, 1);
    same(d, n, 1);
    fpSz(d);
    return cx.encode(vname, { q: d.q, n: n.n, d: d.n, i: shiftField(ops, 2, 8 << d.size, true, cx) });
  };
}

/** Narrow shift `shrn{2} Vd.Tb, Vn.Ta, #shift` and widening `sshll{2} Vd.Ta, Vn.Tb, #shift`. */
function shiftNarrowWide(name: string, second: boolean, narrow: boolean, forcedShift?: number): InsnDef['encode'] {
  return (ops, cx) => {
    wantCount(ops, cx, forcedShift === undefined ? 3 : 2, `${cx.mnemonic} <Vd>.<T>, <Vn>.<T>${forcedShift === undefined ? ', #shift' : ''}`);
    const d = vec(ops, 0);
    const n = vec(ops, 1);
    const small = narrow ? d : n;
    const big = narrow ? n : d;
    checkWidening(small, big, second, narrow ? 0 : 1, narrow ? 1 : 0);
    const esize = 8 << small.size;
    const i = forcedShift === undefined ? shiftField(ops, 2, esize, narrow, cx) : esize + forcedShift;
    return cx.encode(name, { q: second ? 1 : 0, n: n.n, d: d.n, i });
  };
}

/** `small` has the narrow arrangement (8b/4h/2s, or 16b/8h/4s for the "2" forms), `big` the wide one. */
function checkWidening(small: Vec, big: Vec, second: boolean, smallIdx: number, bigIdx: number): void {
  const wantQ = second ? 1 : 0;
  if (small.q !== wantQ || small.size > 2) {
    const allowed = second ? '.16b, .8h or .4s' : '.8b, .4h or .2s';
    fail(`operand ${smallIdx + 1} must be ${allowed}${second ? " (the '2' form uses the upper half)" : ''}, not '${small.op.text}'`, small.op);
  }
  if (big.size !== small.size + 1 || big.q !== 1) {
    fail(`operand ${bigIdx + 1} must be .${ARR_OF(small.size + 1, 1)} to match '${small.op.text}', not '${big.op.text}'`, big.op);
  }
}

/** Three-different: `L` Vd.Ta, Vn.Tb, Vm.Tb; `W` Vd.Ta, Vn.Ta, Vm.Tb; `HN` Vd.Tb, Vn.Ta, Vm.Ta. */
function threeDiff(name: string, shape: 'L' | 'W' | 'HN', second: boolean): InsnDef['encode'] {
  return (ops, cx) => {
    wantCount(ops, cx, 3, `${cx.mnemonic} <Vd>.<T>, <Vn>.<T>, <Vm>.<T>`);
    const d = vec(ops, 0);
    const n = vec(ops, 1);
    const m = vec(ops, 2);
    let small: Vec;
    if (shape === 'L') {
      if (name === 'PMULL' && n.size === 3) {
        // PMULL{2} Vd.1Q, Vn.1D|2D, Vm.1D|2D
        if (d.arr !== '1q') fail(`operand 1 must be .1q for 64-bit polynomial multiply, not '${d.op.text}'`, d.op);
        same(n, m, 2);
        if (n.q !== (second ? 1 : 0)) fail(`operand 2 must be .${second ? '2d' : '1d'}, not '${n.op.text}'`, n.op);
        return cx.encode(name, { S: 3, q: n.q, m: m.n, n: n.n, d: d.n });
      }
      checkWidening(n, d, second, 1, 0);
      same(n, m, 2);
      small = n;
    } else if (shape === 'W') {
      checkWidening(m, d, second, 2, 0);
      if (n.arr !== d.arr) fail(`operand 2 must have the same arrangement as operand 1 (.${d.arr}), not '${n.op.text}'`, n.op);
      small = m;
    } else {
      checkWidening(d, n, second, 0, 1);
      if (m.arr !== n.arr) fail(`operand 3 must have the same arrangement as operand 2 (.${n.arr}), not '${m.op.text}'`, m.op);
      small = d;
    }
    return cx.encode(name, { S: small.size, q: second ? 1 : 0, m: m.n, n: n.n, d: d.n });
  };
}

/** Narrowing / widening two-register: XTN{2} Vd.Tb, Vn.Ta; SADDLP Vd.Ta, Vn.Tb (pairwise, same register width). */
function narrow2(name: string, second: boolean): InsnDef['encode'] {
  return (ops, cx) => {
    wantCount(ops, cx, 2, `${cx.mnemonic} <Vd>.<Tb>, <Vn>.<Ta>`);
    const d = vec(ops, 0);
    const n = vec(ops, 1);
    checkWidening(d, n, second, 0, 1);
    return cx.encode(name, { S: d.size, q: second ? 1 : 0, n: n.n, d: d.n });
  };
}

function pairwiseLong(name: string): InsnDef['encode'] {
  return (ops, cx) => {
    wantCount(ops, cx, 2, `${cx.mnemonic} <Vd>.<Ta>, <Vn>.<Tb>`);
    const d = vec(ops, 0);
    const n = vec(ops, 1);
    if (n.size > 2 || d.size !== n.size + 1 || d.q !== n.q) {
      fail(`operand 1 must be .${ARR_OF(n.size + 1, n.q)} (half as many lanes, twice as wide as '${n.op.text}'), not '${d.op.text}'`, d.op);
    }
    return cx.encode(name, { S: n.size, q: n.q, n: n.n, d: d.n });
  };
}

/** FCVTL{2} Vd.4s|2d, Vn.4h|2s (or 8h|4s) and FCVTN{2} Vd.4h|2s (8h|4s), Vn.4s|2d. */
function fpWidenNarrow(name: string, second: boolean, widen: boolean): InsnDef['encode'] {
  return (ops, cx) => {
    wantCount(ops, cx, 2, `${cx.mnemonic} <Vd>.<T>, <Vn>.<T>`);
    const d = vec(ops, 0);
    const n = vec(ops, 1);
    const small = widen ? n : d;
    const big = widen ? d : n;
    if (small.size < 1) fail(`'${small.op.text}': half or single precision lanes expected (.4h/.8h or .2s/.4s)`, small.op);
    checkWidening(small, big, second, widen ? 1 : 0, widen ? 0 : 1);
    return cx.encode(name, { b: small.size - 1, q: second ? 1 : 0, n: n.n, d: d.n });
  };
}

/** By element: index bits H:L:M (16-bit elements, Rm v0-v15) or H:L (32-bit) or H (64-bit, FP). */
function indexFields(e: { n: number; size: number; index: number; op: VecOp }): Fields {
  if (e.size === 1) {
    if (e.n > 15) fail(`with 16-bit elements the indexed register must be v0-v15, not '${e.op.text}'`, e.op);
    return { H: (e.index >> 2) & 1, L: (e.index >> 1) & 1, M: e.index & 1, m: e.n };
  }
  if (e.size === 2) return { H: (e.index >> 1) & 1, L: e.index & 1, M: e.n >> 4, m: e.n & 15 };
  return { H: e.index & 1, L: 0, M: e.n >> 4, m: e.n & 15 };
}

function byElement(name: string, kind: 'int' | 'fp' | 'long', second: boolean, scalarName?: string): InsnDef['encode'] {
  return (ops, cx) => {
    wantCount(ops, cx, 3, `${cx.mnemonic} <Vd>.<T>, <Vn>.<T>, <Vm>.<Ts>[<index>]`);
    if (!isVec(ops[0]) && scalarName) {
      const d = scalar(ops, 0, kind === 'fp' ? 'sd' : 'hs');
      const n = scalar(ops, 1, kind === 'fp' ? 'sd' : 'hs');
      sameScalar(d, n, 1);
      const e = elem(ops, 2, d.size);
      const size: Fields = kind === 'fp' ? { b: fpScalarSz(d) } : { S: ESIZE[d.size] };
      return cx.encode(scalarName, { ...size, n: n.n, d: d.n, ...indexFields(e) });
    }
    const d = vec(ops, 0);
    const n = vec(ops, 1);
    if (kind === 'long') {
      checkWidening(n, d, second, 1, 0);
      const e = elem(ops, 2, 'hs'[n.size - 1] ?? 'hs');
      if (e.size !== n.size) fail(`operand 3 must be a .${'bhsd'[n.size]} element to match '${n.op.text}'`, e.op);
      return cx.encode(name, { S: n.size, q: second ? 1 : 0, n: n.n, d: d.n, ...indexFields(e) });
    }
    same(d, n, 1);
    const e = elem(ops, 2, 'bhsd'[d.size]);
    if (kind === 'fp') return cx.encode(name, { b: fpSz(d), q: d.q, n: n.n, d: d.n, ...indexFields(e) });
    return cx.encode(name, { S: d.size, q: d.q, n: n.n, d: d.n, ...indexFields(e) });
  };
}

// ------------------------------------------------------------------ moves and immediates

/** imm5 of an element of size code `size` at `index`: index, then a one-hot size marker. */
const imm5 = (size: number, index: number): number => ((index << (size + 1)) | (1 << size)) & 31;

function dup(ops: Ops, cx: EncodeContext): number {
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

function ins(ops: Ops, cx: EncodeContext): number {
  wantCount(ops, cx, 2, 'ins <Vd>.<Ts>[<index>], <Rn> | <Vn>.<Ts>[<index>]');
  const d = elem(ops, 0);
  if (ops[1].t === 'gpr') {
    const r = gpr(ops, 1, { size: d.size === 3 ? 'x' : 'w' });
    return cx.encode('INS_general', { i: imm5(d.size, d.index), n: r.n, d: d.n });
  }
  const s = elem(ops, 1, 'bhsd'[d.size]);
  return cx.encode('INS_element', { i: imm5(d.size, d.index), j: (s.index << d.size) & 15, n: s.n, d: d.n });
}

function umov(signed: boolean, viaMov: boolean): InsnDef['encode'] {
  return (ops, cx) => {
    wantCount(ops, cx, 2, `${cx.mnemonic} <Rd>, <Vn>.<Ts>[<index>]`);
    const r = gpr(ops, 0);
    const e = elem(ops, 1, signed ? (r.x ? 'bhs' : 'bh') : viaMov ? (r.x ? 'd' : 's') : r.x ? 'd' : 'bhs');
    return cx.encode(signed ? 'SMOV' : 'UMOV', { q: r.x ? 1 : 0, i: imm5(e.size, e.index), n: e.n, d: r.n });
  };
}

/** The MOV alias: vector copy (ORR), element insert/extract, scalar from element; else the general-register forms. */
function simdMov(general: InsnDef['encode']): InsnDef['encode'] {
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
function modImm(kind: 'movi' | 'mvni' | 'orr' | 'bic'): InsnDef['encode'] {
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

function fmovVector(scalarFmov: InsnDef['encode']): InsnDef['encode'] {
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

// ------------------------------------------------------------------ permutes and tables

function ext(ops: Ops, cx: EncodeContext): number {
  wantCount(ops, cx, 4, 'ext <Vd>.<T>, <Vn>.<T>, <Vm>.<T>, #index');
  const d = vec(ops, 0, ['8b', '16b']);
  const n = vec(ops, 1);
  const m = vec(ops, 2);
  same(d, n, 1);
  same(d, m, 2);
  const idx = inRange(immValue(ops, 3, cx), 0, d.q ? 15 : 7, ops[3], 'index');
  return cx.encode('EXT', { q: d.q, m: m.n, j: idx, n: n.n, d: d.n });
}

function listOp(ops: Ops, i: number): ListOp {
  const op = ops[i];
  if (!op) fail(`operand ${i + 1} is missing: expected a register list like {v0.16b, v1.16b}`);
  if (op.t !== 'list') wrongKind(i, 'a register list like {v0.16b, v1.16b}', op);
  for (let k = 1; k < op.regs.length; k++) {
    if (op.regs[k].n !== (op.regs[k - 1].n + 1) % 32) fail('the registers of a list must be consecutive (v0, v1, … wrapping after v31)', op.regs[k]);
  }
  return op;
}

function table(name: string): InsnDef['encode'] {
  return (ops, cx) => {
    wantCount(ops, cx, 3, `${cx.mnemonic} <Vd>.<T>, {<Vn>.16b, …}, <Vm>.<T>`);
    const d = vec(ops, 0, ['8b', '16b']);
    const list = listOp(ops, 1);
    if (list.regs.length > 4) fail('a table has 1 to 4 registers', list);
    for (const r of list.regs) if (r.arr !== '16b') fail(`table registers are .16b, not '${r.text}'`, r);
    const m = vec(ops, 2);
    same(d, m, 2);
    return cx.encode(name, { q: d.q, m: m.n, l: list.regs.length - 1, n: list.regs[0].n, d: d.n });
  };
}

// ------------------------------------------------------------------ structure loads and stores

const MULT_OPCODE: Record<number, Record<number, number>> = {
  1: { 1: 0b0111, 2: 0b1010, 3: 0b0110, 4: 0b0010 },
};

/** [Xn|SP] with optional post-index `#imm` (must equal the bytes transferred) or register. */
function structAddress(ops: Ops, i: number, bytes: number, cx: EncodeContext): { n: number; post?: number } {
  const m = ops[i];
  if (!m || m.t !== 'mem') {
    if (!m) fail(`operand ${i + 1} is missing: expected [Xn|SP]`);
    wrongKind(i, 'an address [Xn|SP]', m);
  }
  if (m.imm || m.index || m.writeback) fail('structure loads and stores take [Xn|SP], optionally post-indexed: [Xn], #imm or [Xn], Xm', m);
  if (m.base.n === 31 && !m.base.sp) fail(`the base register must be x0-x30 or sp, not '${m.base.text}'`, m.base);
  const p = ops[i + 1];
  if (!p) return { n: m.base.n };
  if (ops.length > i + 2) fail(`too many operands for '${cx.mnemonic}'`, ops[i + 2]);
  if (p.t === 'gpr') {
    const r = gpr(ops, i + 1, { size: 'x' });
    if (r.n === 31) fail("the post-index register cannot be xzr; write the immediate instead", r);
    return { n: m.base.n, post: r.n };
  }
  const v = immValue(ops, i + 1, cx, 'a post-index immediate or register');
  if (v !== BigInt(bytes)) fail(`post-index immediate must be ${bytes}, the number of bytes transferred, not ${v}`, p);
  return { n: m.base.n, post: 31 };
}

function structMultiple(load: boolean, count: number): InsnDef['encode'] {
  return (ops, cx) => {
    const L = load ? 'LD' : 'ST';
    const list = listOp(ops, 0);
    const arr = list.regs[0].arr;
    if (!arr || !ARR[arr] || arr === '1q') fail(`'${list.regs[0].text}': the registers need an arrangement like .4s`, list.regs[0]);
    for (const r of list.regs) if (r.arr !== arr) fail(`every register of the list must be .${arr}, not '${r.text}'`, r);
    const regs = list.regs.length;
    if (count === 1 ? regs < 1 || regs > 4 : regs !== count) {
      fail(`'${cx.mnemonic}' takes ${count === 1 ? '1 to 4 registers' : `${count} registers`} in its list, found ${regs}`, list);
    }
    const a = ARR[arr];
    if (count > 1 && arr === '1d') fail(`'${cx.mnemonic}' does not take .1d registers`, list.regs[0]);
    const addr = structAddress(ops, 1, regs * (a.q ? 16 : 8), cx);
    const base = `${L}${count}_mult`;
    const f: Fields = { q: a.q, S: a.size, n: addr.n, t: list.regs[0].n, ...(count === 1 ? { o: MULT_OPCODE[1][regs] } : {}) };
    if (addr.post === undefined) return cx.encode(base, f);
    return cx.encode(`${base}_post`, { ...f, m: addr.post });
  };
}

/** Single structure `{Vt.S, …}[index]` (opcode, S and size fields from the element size and index). */
function structSingle(load: boolean, count: number): InsnDef['encode'] {
  return (ops, cx) => {
    const L = load ? 'LD' : 'ST';
    const list = listOp(ops, 0);
    if (list.regs.length !== count) fail(`'${cx.mnemonic}' takes ${count} register${count > 1 ? 's' : ''} in its list, found ${list.regs.length}`, list);
    const letter = list.regs[0].elem ?? list.regs[0].arr?.slice(-1);
    if (!letter || !'bhsd'.includes(letter)) fail(`'${list.regs[0].text}': expected an element size (.b, .h, .s or .d)`, list.regs[0]);
    for (const r of list.regs) if ((r.elem ?? r.arr?.slice(-1)) !== letter) fail(`every register of the list must be .${letter}`, r);
    const size = ESIZE[letter];
    const index = list.index!;
    const max = (16 >> size) - 1;
    if (index < 0 || index > max) fail(`element index out of range: ${index} is not in 0 to ${max}`, list);
    // opcode<2:1> = element size class; Q:S:size hold the index.
    let q: number;
    let s: number;
    let sz: number;
    let o: number;
    if (size === 0) [o, q, s, sz] = [0, index >> 3, (index >> 2) & 1, index & 3];
    else if (size === 1) [o, q, s, sz] = [1, index >> 2, (index >> 1) & 1, (index & 1) << 1];
    else if (size === 2) [o, q, s, sz] = [2, index >> 1, index & 1, 0];
    else [o, q, s, sz] = [2, index, 0, 1];
    const addr = structAddress(ops, 1, count << size, cx);
    const base = `${L}${count}_single`;
    const f: Fields = { q, o, x: s, S: sz, n: addr.n, t: list.regs[0].n };
    if (addr.post === undefined) return cx.encode(base, f);
    return cx.encode(`${base}_post`, { ...f, m: addr.post });
  };
}

function structReplicate(count: number): InsnDef['encode'] {
  return (ops, cx) => {
    const list = listOp(ops, 0);
    if (list.regs.length !== count) fail(`'${cx.mnemonic}' takes ${count} register${count > 1 ? 's' : ''} in its list, found ${list.regs.length}`, list);
    const arr = list.regs[0].arr;
    if (!arr || !ARR[arr] || arr === '1q') fail(`'${list.regs[0].text}': the registers need an arrangement like .4s`, list.regs[0]);
    for (const r of list.regs) if (r.arr !== arr) fail(`every register of the list must be .${arr}`, r);
    const a = ARR[arr];
    const addr = structAddress(ops, 1, count << a.size, cx);
    const f: Fields = { q: a.q, S: a.size, n: addr.n, t: list.regs[0].n };
    if (addr.post === undefined) return cx.encode(`LD${count}R`, f);
    return cx.encode(`LD${count}R_post`, { ...f, m: addr.post });
  };
}

// ------------------------------------------------------------------ the mnemonics

const INT_3SAME = [
  'ADD', 'SUB', 'MUL', 'MLA', 'MLS', 'CMTST', 'CMEQ', 'CMGT', 'CMHI', 'CMGE', 'CMHS', 'SSHL', 'USHL', 'SMAX', 'UMAX',
  'SMIN', 'UMIN', 'SABD', 'UABD', 'SABA', 'UABA', 'SHADD', 'UHADD', 'SRHADD', 'URHADD', 'SHSUB', 'UHSUB', 'ADDP',
  'SMAXP', 'UMAXP', 'SMINP', 'UMINP', 'SQADD', 'UQADD', 'SQSUB', 'UQSUB', 'SRSHL', 'URSHL', 'SQDMULH', 'SQRDMULH',
];
const FP_3SAME = [
  'FADD', 'FSUB', 'FMUL', 'FDIV', 'FMAX', 'FMIN', 'FMAXNM', 'FMINNM', 'FMLA', 'FMLS', 'FABD', 'FADDP', 'FMAXP', 'FMINP',
  'FMAXNMP', 'FMINNMP', 'FACGE', 'FACGT', 'FCMEQ', 'FCMGE', 'FCMGT', 'FMULX',
];
const INT_2MISC = ['ABS', 'NEG', 'CLS', 'CLZ', 'REV64', 'REV32', 'REV16', 'SQABS', 'SQNEG'];
const FP_2MISC = [
  'FABS', 'FNEG', 'FSQRT', 'FRINTN', 'FRINTM', 'FRINTP', 'FRINTZ', 'FRINTA', 'FRINTX', 'FRINTI', 'FCVTNS', 'FCVTNU',
  'FCVTMS', 'FCVTMU', 'FCVTAS', 'FCVTAU', 'FCVTPS', 'FCVTPU', 'FCVTZS', 'FCVTZU', 'SCVTF', 'UCVTF',
];

/**
 * The SIMD defs. `scalarDefs` are the scalar FP definitions of the same mnemonics (fadd,
 * fmov, fcvtzs, …): SIMD forms are tried when the operands are vectors, else those.
 */
export function simdDefs(scalarDefs: Readonly<Record<string, InsnDef>>, tableHas: (name: string) => boolean): Defs {
  const d: Defs = {};
  /** Add a SIMD form to a mnemonic that may already have a scalar FP or general form. */
  const add = (mn: string, needs: ReadonlyArray<string>, encode: InsnDef['encode'], vectorFirst = (ops: Ops) => isVec(ops[0]) || isVec(ops[1])): void => {
    const other = scalarDefs[mn];
    if (!other) {
      d[mn] = def(needs, encode);
      return;
    }
    d[mn] = def(other.needs, (ops, cx) => (vectorFirst(ops) && needs.every(tableHas) ? encode(ops, cx) : other.encode(ops, cx)));
  };
  const opt = (name: string): string | undefined => (tableHas(name) ? name : undefined);

  for (const N of INT_3SAME) add(N.toLowerCase(), [`${N}_vector`], threeSame('int', `${N}_vector`, opt(`${N}_scalar`)), (ops) => isVec(ops[0]) || (ops[0]?.t === 'fpr' && !!opt(`${N}_scalar`)));
  for (const N of FP_3SAME) {
    const sname = opt(`${N}_scalar`);
    add(N.toLowerCase(), [`${N}_vector`], threeSame('fp', `${N}_vector`, sname), (ops) => isVec(ops[0]) || (!!sname && !scalarDefs[N.toLowerCase()]));
  }
  for (const [mn, name] of [['and', 'AND_vector'], ['orr', 'ORR_vector_reg'], ['orn', 'ORN_vector'], ['eor', 'EOR_vector'], ['bsl', 'BSL'], ['bit', 'BIT'], ['bif', 'BIF']] as const) {
    if (mn === 'orr') continue; // ORR also has an immediate form; wired below
    add(mn, [name], threeSame('logic', name));
  }
  add('orr', ['ORR_vector_reg', 'ORR_vector_imm'], (ops, cx) => (ops[1]?.t === 'imm' ? modImm('orr')(ops, cx) : threeSame('logic', 'ORR_vector_reg')(ops, cx)), (ops) => isVec(ops[0]));
  add('bic', ['BIC_vector_reg', 'BIC_vector_imm'], (ops, cx) => (ops[1]?.t === 'imm' ? modImm('bic')(ops, cx) : threeSame('logic', 'BIC_vector_reg')(ops, cx)), (ops) => isVec(ops[0]));
  add('movi', ['MOVI'], modImm('movi'));
  add('mvni', ['MVNI'], modImm('mvni'));

  for (const N of INT_2MISC) add(N.toLowerCase(), [`${N}_vector`], twoMisc('int', `${N}_vector`, opt(`${N}_scalar`)), (ops) => isVec(ops[0]) || ops[0]?.t === 'fpr');
  for (const [mn, name] of [['cnt', 'CNT_vector'], ['not', 'NOT_vector'], ['mvn', 'NOT_vector']] as const) add(mn, [name], twoMisc('nosize', name), (ops) => isVec(ops[0]));
  add('rbit', ['RBIT_vector'], twoMisc('nosize', 'RBIT_vector'), (ops) => isVec(ops[0]));
  for (const N of FP_2MISC) {
    // FABS_scalar, FNEG_scalar … in the table are the FP data-processing forms, not SIMD scalar ones.
    const sname = /^(FCVT|SCVTF|UCVTF)/.test(N) ? opt(`${N}_scalar`) : undefined;
    add(N.toLowerCase(), [`${N}_vector`], twoMisc('fp', `${N}_vector`, sname), (ops) => isVec(ops[0]) || (ops.length === 2 && ops[0]?.t === 'fpr' && ops[1]?.t === 'fpr' && !!sname));
  }
  for (const N of ['SCVTF', 'UCVTF', 'FCVTZS', 'FCVTZU']) {
    const prior = d[N.toLowerCase()];
    const fixed = fixedPoint(`${N}_fix_vector`, `${N}_fix_scalar`);
    d[N.toLowerCase()] = def(prior.needs, (ops, cx) =>
      ops.length === 3 && (isVec(ops[0]) || (ops[0]?.t === 'fpr' && ops[1]?.t === 'fpr')) && tableHas(`${N}_fix_vector`) && tableHas(`${N}_fix_scalar`)
        ? fixed(ops, cx)
        : prior.encode(ops, cx),
    );
  }
  for (const N of ['CMGT', 'CMGE', 'CMEQ', 'CMLE', 'CMLT']) {
    const zero = twoMisc('int', `${N}_zero_vector`, opt(`${N}_zero_scalar`), true);
    const reg = d[N.toLowerCase()];
    d[N.toLowerCase()] = def([`${N}_zero_vector`], (ops, cx) => (reg && ops[2]?.t !== 'imm' ? reg.encode(ops, cx) : zero(ops, cx)));
  }
  for (const N of ['FCMGT', 'FCMGE', 'FCMEQ', 'FCMLE', 'FCMLT']) {
    const zero = twoMisc('fp', `${N}_zero_vector`, opt(`${N}_zero_scalar`), true);
    const reg = d[N.toLowerCase()];
    d[N.toLowerCase()] = def([`${N}_zero_vector`], (ops, cx) => (reg && ops[2]?.t !== 'imm' && ops[2]?.t !== 'fimm' ? reg.encode(ops, cx) : zero(ops, cx)));
  }

  for (const [mn, name, widen] of [['addv', 'ADDV', false], ['smaxv', 'SMAXV', false], ['umaxv', 'UMAXV', false], ['sminv', 'SMINV', false], ['uminv', 'UMINV', false], ['saddlv', 'SADDLV', true], ['uaddlv', 'UADDLV', true]] as const) {
    add(mn, [name], acrossLanes(name, widen, false));
  }
  for (const [mn, name] of [['fmaxv', 'FMAXV'], ['fminv', 'FMINV'], ['fmaxnmv', 'FMAXNMV'], ['fminnmv', 'FMINNMV']] as const) add(mn, [name], acrossLanes(name, false, true));
  // Pairwise reductions to a scalar share mnemonics with the vector forms.
  const pairToScalar = (mn: string, name: string, fp: boolean): void => {
    const vector = d[mn];
    d[mn] = def(vector ? vector.needs : [name], (ops, cx) => (ops.length === 2 && ops[0]?.t === 'fpr' && tableHas(name) ? pairScalar(name, fp)(ops, cx) : vector.encode(ops, cx)));
  };
  pairToScalar('addp', 'ADDP_scalar', false);
  for (const N of ['FADDP', 'FMAXP', 'FMINP', 'FMAXNMP', 'FMINNMP']) pairToScalar(N.toLowerCase(), `${N}_scalar`, true);

  for (const [N, right] of [['SSHR', true], ['USHR', true], ['SSRA', true], ['USRA', true], ['SRSHR', true], ['URSHR', true], ['SRSRA', true], ['URSRA', true], ['SRI', true], ['SHL', false], ['SLI', false]] as const) {
    add(N.toLowerCase(), [`${N}_vector`], shiftImm(`${N}_vector`, opt(`${N}_scalar`), right), () => true);
  }
  for (const [N, narrow] of [['SHRN', true], ['RSHRN', true], ['SSHLL', false], ['USHLL', false]] as const) {
    add(N.toLowerCase(), [N], shiftNarrowWide(N, false, narrow));
    add(`${N.toLowerCase()}2`, [N], shiftNarrowWide(N, true, narrow));
  }
  for (const [mn, N] of [['sxtl', 'SSHLL'], ['uxtl', 'USHLL']] as const) {
    add(mn, [N], shiftNarrowWide(N, false, false, 0));
    add(`${mn}2`, [N], shiftNarrowWide(N, true, false, 0));
  }

  const DIFF: Array<[string, 'L' | 'W' | 'HN']> = [
    ['SADDL', 'L'], ['UADDL', 'L'], ['SSUBL', 'L'], ['USUBL', 'L'], ['SABAL', 'L'], ['UABAL', 'L'], ['SABDL', 'L'], ['UABDL', 'L'],
    ['SMLAL', 'L'], ['UMLAL', 'L'], ['SMLSL', 'L'], ['UMLSL', 'L'], ['SMULL', 'L'], ['UMULL', 'L'], ['PMULL', 'L'],
    ['SADDW', 'W'], ['UADDW', 'W'], ['SSUBW', 'W'], ['USUBW', 'W'],
    ['ADDHN', 'HN'], ['RADDHN', 'HN'], ['SUBHN', 'HN'], ['RSUBHN', 'HN'],
  ];
  for (const [N, shape] of DIFF) {
    const name = tableHas(`${N}_vector`) ? `${N}_vector` : N;
    const elemName = opt(`${N}_elem`);
    for (const second of [false, true]) {
      const mn = N.toLowerCase() + (second ? '2' : '');
      const reg = threeDiff(name, shape, second);
      const byElem = elemName ? byElement(elemName, 'long', second) : undefined;
      add(mn, [name], (ops, cx) => (byElem && ops[2]?.t === 'vec' && ops[2].index !== undefined ? byElem(ops, cx) : reg(ops, cx)), (ops) => isVec(ops[0]));
    }
  }
  for (const N of ['MUL', 'MLA', 'MLS', 'SQDMULH', 'SQRDMULH']) {
    const vector = d[N.toLowerCase()];
    const byElem = byElement(`${N}_elem`, 'int', false, opt(`${N}_elem_scalar`));
    d[N.toLowerCase()] = def(vector.needs, (ops, cx) => (ops[2]?.t === 'vec' && ops[2].index !== undefined && tableHas(`${N}_elem`) ? byElem(ops, cx) : vector.encode(ops, cx)));
  }
  for (const N of ['FMLA', 'FMLS', 'FMUL', 'FMULX']) {
    const prior = d[N.toLowerCase()];
    const byElem = byElement(`${N}_elem`, 'fp', false, opt(`${N}_elem_scalar`));
    d[N.toLowerCase()] = def(prior.needs, (ops, cx) => (ops[2]?.t === 'vec' && ops[2].index !== undefined && tableHas(`${N}_elem`) ? byElem(ops, cx) : prior.encode(ops, cx)));
  }

  for (const [N, second] of [['XTN', false], ['SQXTN', false], ['UQXTN', false], ['SQXTUN', false]] as const) {
    const name = tableHas(`${N}_vector`) ? `${N}_vector` : N;
    add(N.toLowerCase(), [name], narrow2(name, second));
    add(`${N.toLowerCase()}2`, [name], narrow2(name, true));
  }
  for (const N of ['SADDLP', 'UADDLP', 'SADALP', 'UADALP']) add(N.toLowerCase(), [N], pairwiseLong(N));
  add('fcvtl', ['FCVTL'], fpWidenNarrow('FCVTL', false, true));
  add('fcvtl2', ['FCVTL'], fpWidenNarrow('FCVTL', true, true));
  add('fcvtn', ['FCVTN'], fpWidenNarrow('FCVTN', false, false));
  add('fcvtn2', ['FCVTN'], fpWidenNarrow('FCVTN', true, false));

  for (const N of ['UZP1', 'UZP2', 'ZIP1', 'ZIP2', 'TRN1', 'TRN2']) add(N.toLowerCase(), [N], threeSame('int', N));
  add('ext', ['EXT'], ext);
  add('tbl', ['TBL'], table('TBL'));
  add('tbx', ['TBX'], table('TBX'));

  add('dup', ['DUP_element', 'DUP_general', 'DUP_element_scalar'], dup, () => true);
  add('ins', ['INS_general', 'INS_element'], ins, () => true);
  add('umov', ['UMOV'], umov(false, false), () => true);
  add('smov', ['SMOV'], umov(true, false), () => true);
  const generalMov = scalarDefs.mov;
  d.mov = def(generalMov.needs, simdMov(generalMov.encode));
  const scalarFmov = scalarDefs.fmov;
  d.fmov = def(scalarFmov.needs, fmovVector(scalarFmov.encode));

  for (const load of [true, false]) {
    for (const count of [1, 2, 3, 4]) {
      const mn = `${load ? 'ld' : 'st'}${count}`;
      const L = load ? 'LD' : 'ST';
      d[mn] = def([`${L}${count}_mult`, `${L}${count}_mult_post`, `${L}${count}_single`, `${L}${count}_single_post`], (ops, cx) => {
        if (ops.length < 2 || ops.length > 3) wantCount(ops, cx, [2, 3], `${mn} {<Vt>.<T>, …}, [<Xn|SP>]{, #imm|<Xm>}`);
        return (listOp(ops, 0).index !== undefined ? structSingle : structMultiple)(load, count)(ops, cx);
      });
    }
  }
  for (const count of [1, 2, 3, 4]) {
    d[`ld${count}r`] = def([`LD${count}R`, `LD${count}R_post`], (ops, cx) => {
      if (ops.length < 2 || ops.length > 3) wantCount(ops, cx, [2, 3], `ld${count}r {<Vt>.<T>, …}, [<Xn|SP>]{, #imm|<Xm>}`);
      return structReplicate(count)(ops, cx);
    });
  }
  return d;
}
