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
import type { VecOp } from '../operands';
import { EncodeContext, InsnDef, fail, wantCount } from './context';
import { immValue, inRange } from './operandChecks';
import { dup, fmovVector, ins, modImm, simdMov, umov } from './simdMoves';
import { ARR_OF, ESIZE, Ops, Vec, def, elem, fpScalarSz, fpSz, isVec, listOp, same, sameScalar, scalar, vec, zeroImm } from './simdOperands';
import { structMultiple, structReplicate, structSingle } from './simdStructures';

type Defs = Record<string, InsnDef>;


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
function shiftImm(vname: string, sname: string | undefined, right: boolean, scalarSizes = 'd'): InsnDef['encode'] {
  return (ops, cx) => {
    wantCount(ops, cx, 3, `${cx.mnemonic} <Vd>.<T>, <Vn>.<T>, #shift`);
    if (!isVec(ops[0]) && sname) {
      const d = scalar(ops, 0, scalarSizes);
      const n = scalar(ops, 1, scalarSizes);
      sameScalar(d, n, 1);
      return cx.encode(sname, { n: n.n, d: d.n, i: shiftField(ops, 2, 8 << ESIZE[d.size], right, cx) });
    }
    const d = vec(ops, 0);
    const n = vec(ops, 1);
    same(d, n, 1);
    return cx.encode(vname, { q: d.q, n: n.n, d: d.n, i: shiftField(ops, 2, 8 << d.size, right, cx) });
  };
}

/** Saturating narrowing shift to a scalar: `sqshrn Bd, Hn, #shift` (the field encodes the destination size). */
function shiftNarrowScalar(name: string): InsnDef['encode'] {
  return (ops, cx) => {
    wantCount(ops, cx, 3, `${cx.mnemonic} <V>d, <V>n, #shift`);
    const d = scalar(ops, 0, 'bhs');
    const n = scalar(ops, 1, 'hsd');
    if (ESIZE[n.size] !== ESIZE[d.size] + 1) fail(`operand 2 must be a ${'bhsd'[ESIZE[d.size] + 1]} register, twice the width of '${d.text}'`, n);
    return cx.encode(name, { n: n.n, d: d.n, i: shiftField(ops, 2, 8 << ESIZE[d.size], true, cx) });
  };
}

/** Saturating doubling long multiply on scalars: `sqdmull Sd, Hn, Hm` (or by element). */
function longScalar(name: string, byElem: boolean): InsnDef['encode'] {
  return (ops, cx) => {
    wantCount(ops, cx, 3, `${cx.mnemonic} <Va>d, <Vb>n, <Vb>m${byElem ? '[<index>]' : ''}`);
    const d = scalar(ops, 0, 'sd');
    const n = scalar(ops, 1, 'hs');
    if (ESIZE[d.size] !== ESIZE[n.size] + 1) fail(`operand 1 must be a ${'bhsd'[ESIZE[n.size] + 1]} register, twice the width of '${n.text}'`, d);
    if (byElem) {
      const e = elem(ops, 2, n.size);
      return cx.encode(name, { S: ESIZE[n.size], n: n.n, d: d.n, ...indexFields(e) });
    }
    const m = scalar(ops, 2, 'hs');
    sameScalar(n, m, 2);
    return cx.encode(name, { S: ESIZE[n.size], m: m.n, n: n.n, d: d.n });
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
  // Saturating shifts: by register (three-same) and by immediate, vector and scalar.
  for (const N of ['SQSHL', 'UQSHL', 'SQRSHL', 'UQRSHL']) {
    if (!tableHas(`${N}_reg_vector`)) continue;
    const reg = threeSame('int', `${N}_reg_vector`, opt(`${N}_reg_scalar`));
    const imm = tableHas(`${N}_imm_vector`) ? shiftImm(`${N}_imm_vector`, opt(`${N}_imm_scalar`), false, 'bhsd') : undefined;
    d[N.toLowerCase()] = def([`${N}_reg_vector`], (ops, cx) => (imm && ops[2]?.t === 'imm' ? imm(ops, cx) : reg(ops, cx)));
  }
  if (tableHas('SQSHLU_imm_vector')) d.sqshlu = def(['SQSHLU_imm_vector'], shiftImm('SQSHLU_imm_vector', opt('SQSHLU_imm_scalar'), false, 'bhsd'));
  for (const N of ['SQSHRN', 'SQRSHRN', 'UQSHRN', 'UQRSHRN', 'SQSHRUN', 'SQRSHRUN']) {
    if (!tableHas(`${N}_vector`)) continue;
    const sname = opt(`${N}_scalar`);
    const vector = shiftNarrowWide(`${N}_vector`, false, true);
    d[N.toLowerCase()] = def([`${N}_vector`], (ops, cx) => (sname && ops[0]?.t === 'fpr' ? shiftNarrowScalar(sname)(ops, cx) : vector(ops, cx)));
    d[`${N.toLowerCase()}2`] = def([`${N}_vector`], shiftNarrowWide(`${N}_vector`, true, true));
  }
  for (const N of ['SQDMULL', 'SQDMLAL', 'SQDMLSL']) {
    if (!tableHas(`${N}_vector`)) continue;
    for (const second of [false, true]) {
      const reg = threeDiff(`${N}_vector`, 'L', second);
      const byElem = tableHas(`${N}_elem`) ? byElement(`${N}_elem`, 'long', second) : undefined;
      const sReg = !second && opt(`${N}_scalar`) ? longScalar(`${N}_scalar`, false) : undefined;
      const sElem = !second && opt(`${N}_elem_scalar`) ? longScalar(`${N}_elem_scalar`, true) : undefined;
      d[N.toLowerCase() + (second ? '2' : '')] = def([`${N}_vector`], (ops, cx) => {
        const indexed = ops[2]?.t === 'vec' && ops[2].index !== undefined;
        if (ops[0]?.t === 'fpr') {
          const f = indexed ? sElem : sReg;
          if (!f) fail(`'${cx.mnemonic}' has no scalar form here`, cx.operandSpan);
          return f(ops, cx);
        }
        if (indexed && byElem) return byElem(ops, cx);
        return reg(ops, cx);
      });
    }
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
