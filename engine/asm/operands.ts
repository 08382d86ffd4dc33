/**
 * Operand syntax of A64 assembly as GNU as reads it: registers, immediates (with or
 * without '#'), relocation operators (`:lo12:sym`), shifts and extends, memory operands
 * with every addressing form, SIMD register lists and elements, `=literal`.
 *
 * Parsing knows nothing about which mnemonic the operands belong to; the instruction
 * handlers check kinds and ranges and say what they expected.
 */
import { AsmError } from './diagnostics';
import { Expr, ExprScope, expected, parseExpr } from './expr';
import { Token, TokenStream } from './lexer';

interface Span {
  readonly start: number;
  readonly end: number;
}

/** General-purpose register. `n` = 31 is SP when `sp`, else the zero register. */
export interface GprOp extends Span {
  readonly t: 'gpr';
  readonly n: number;
  readonly x: boolean;
  readonly sp: boolean;
  readonly text: string;
}

export type FpSize = 'b' | 'h' | 's' | 'd' | 'q';

/** Scalar SIMD&FP register: b0, h1, s2, d3, q4. */
export interface FprOp extends Span {
  readonly t: 'fpr';
  readonly n: number;
  readonly size: FpSize;
  readonly text: string;
}

/** Vector register: `v0.4s` (arrangement), `v0.s[1]` (element), or bare `v0`. */
export interface VecOp extends Span {
  readonly t: 'vec';
  readonly n: number;
  /** Arrangement like '4s', or undefined. */
  readonly arr?: string;
  /** Element size for `v0.s` / `v0.s[1]`. */
  readonly elem?: FpSize;
  readonly index?: number;
  readonly text: string;
}

export interface ListOp extends Span {
  readonly t: 'list';
  readonly regs: ReadonlyArray<VecOp>;
  readonly index?: number;
}

export type Reloc =
  | 'lo12'
  | 'lo12_nc'
  | 'pg_hi21'
  | 'pg_hi21_nc'
  | 'abs_g0'
  | 'abs_g0_nc'
  | 'abs_g0_s'
  | 'abs_g1'
  | 'abs_g1_nc'
  | 'abs_g1_s'
  | 'abs_g2'
  | 'abs_g2_nc'
  | 'abs_g2_s'
  | 'abs_g3';

const RELOCS: ReadonlySet<string> = new Set<Reloc>([
  'lo12', 'lo12_nc', 'pg_hi21', 'pg_hi21_nc',
  'abs_g0', 'abs_g0_nc', 'abs_g0_s', 'abs_g1', 'abs_g1_nc', 'abs_g1_s', 'abs_g2', 'abs_g2_nc', 'abs_g2_s', 'abs_g3',
]);

export interface ImmOp extends Span {
  readonly t: 'imm';
  readonly e: Expr;
  /** Written with '#'. */
  readonly hash: boolean;
  readonly reloc?: Reloc;
  /** The identifier, when the operand is exactly one identifier (condition, option and register names). */
  readonly name?: string;
}

export interface FloatOp extends Span {
  readonly t: 'fimm';
  readonly value: number;
  readonly text: string;
}

export type ShiftKind = 'lsl' | 'lsr' | 'asr' | 'ror' | 'msl';
export type ExtendKind = 'uxtb' | 'uxth' | 'uxtw' | 'uxtx' | 'sxtb' | 'sxth' | 'sxtw' | 'sxtx';

export interface ShiftOp extends Span {
  readonly t: 'shift';
  readonly op: ShiftKind;
  readonly amount: Expr;
}

export interface ExtendOp extends Span {
  readonly t: 'ext';
  readonly op: ExtendKind;
  readonly amount?: Expr;
}

export interface MemOp extends Span {
  readonly t: 'mem';
  readonly base: GprOp;
  /** `[xn, #imm]` / `[xn, :lo12:sym]` */
  readonly imm?: ImmOp;
  /** `[xn, xm{, extend/shift}]` */
  readonly index?: GprOp;
  readonly indexMod?: ShiftOp | ExtendOp;
  /** `]!` */
  readonly writeback: boolean;
}

export interface PoolOp extends Span {
  readonly t: 'pool';
  readonly e: Expr;
}

export type Operand = GprOp | FprOp | VecOp | ListOp | ImmOp | FloatOp | ShiftOp | ExtendOp | MemOp | PoolOp;

const GPR_ALIASES: Record<string, number> = { fp: 29, lr: 30, ip0: 16, ip1: 17 };

/** Recognise a register name (any case). */
export function parseRegisterName(text: string, span: Span): GprOp | FprOp | VecOp | undefined {
  const s = text.toLowerCase();
  let m: RegExpExecArray | null;
  const gpr = (n: number, x: boolean, sp: boolean): GprOp => ({ t: 'gpr', n, x, sp, text, ...span });
  if ((m = /^([xw])([0-9]|[12][0-9]|30)$/.exec(s))) return gpr(Number(m[2]), m[1] === 'x', false);
  if (s === 'sp') return gpr(31, true, true);
  if (s === 'wsp') return gpr(31, false, true);
  if (s === 'xzr') return gpr(31, true, false);
  if (s === 'wzr') return gpr(31, false, false);
  if (s in GPR_ALIASES) return gpr(GPR_ALIASES[s], true, false);
  if ((m = /^([bhsdq])([0-9]|[12][0-9]|3[01])$/.exec(s))) return { t: 'fpr', n: Number(m[2]), size: m[1] as FpSize, text, ...span };
  if ((m = /^v([0-9]|[12][0-9]|3[01])(?:\.([0-9]*)([bhsdq]))?$/.exec(s))) {
    const n = Number(m[1]);
    if (m[3] === undefined) return { t: 'vec', n, text, ...span };
    if (m[2] === '') return { t: 'vec', n, elem: m[3] as FpSize, text, ...span };
    return { t: 'vec', n, arr: m[2] + m[3], text, ...span };
  }
  return undefined;
}

const SHIFTS: ReadonlySet<string> = new Set(['lsl', 'lsr', 'asr', 'ror', 'msl']);
const EXTENDS: ReadonlySet<string> = new Set(['uxtb', 'uxth', 'uxtw', 'uxtx', 'sxtb', 'sxth', 'sxtw', 'sxtx']);

/** Split operand tokens at top-level commas (not inside [] or {}). */
export function splitOperands(toks: Token[]): Token[][] {
  const groups: Token[][] = [];
  let cur: Token[] = [];
  let depth = 0;
  for (const t of toks) {
    if (t.kind === 'eol') break;
    if (t.kind === 'punct') {
      if (t.text === '[' || t.text === '{') depth++;
      else if (t.text === ']' || t.text === '}') depth = Math.max(0, depth - 1);
      else if (t.text === ',' && depth === 0) {
        groups.push(cur);
        cur = [];
        continue;
      }
    }
    cur.push(t);
  }
  if (cur.length > 0 || groups.length > 0) groups.push(cur);
  return groups;
}

function withEol(toks: Token[], after: Token | undefined): TokenStream {
  const pos = toks.length ? toks[toks.length - 1].end : after ? after.end : 1;
  return new TokenStream([...toks, { kind: 'eol', text: '', start: pos, end: pos }]);
}

/**
 * Parse the operand list. `toks` is everything after the mnemonic (ending with 'eol').
 * Throws AsmError with the position of the first malformed operand.
 */
export function parseOperands(toks: Token[], scope: ExprScope): Operand[] {
  const groups = splitOperands(toks);
  const ops: Operand[] = [];
  for (let g = 0; g < groups.length; g++) {
    const grp = groups[g];
    if (grp.length === 0) {
      const prev = g > 0 ? groups[g - 1][groups[g - 1].length - 1] : undefined;
      const at = prev ? prev.end : toks[0].start;
      throw new AsmError(`operand ${g + 1} is missing`, at, at + 1);
    }
    const ts = withEol(grp, undefined);
    const op = parseOperand(ts, scope);
    if (!ts.atEnd()) {
      const t = ts.peek();
      throw new AsmError(`unexpected '${t.text}' in operand ${g + 1}`, t.start, grp[grp.length - 1].end);
    }
    ops.push(op);
  }
  return ops;
}

function parseOperand(ts: TokenStream, scope: ExprScope): Operand {
  const t = ts.peek();
  if (t.kind === 'punct' && t.text === '[') return parseMem(ts, scope);
  if (t.kind === 'punct' && t.text === '{') return parseList(ts);
  if (t.kind === 'punct' && t.text === '=') {
    ts.next();
    const e = parseExpr(ts, scope);
    return { t: 'pool', e, start: t.start, end: e.end };
  }
  if (t.kind === 'ident') {
    const low = t.text.toLowerCase();
    const reg = parseRegisterName(t.text, t);
    if (reg) {
      ts.next();
      if (reg.t === 'vec' && ts.isPunct('[')) return parseElementIndex(ts, reg, scope);
      return reg;
    }
    if (SHIFTS.has(low) && !isEndOrComma(ts.peek(1))) {
      ts.next();
      const amount = parseImmValue(ts, scope);
      return { t: 'shift', op: low as ShiftKind, amount: amount.e, start: t.start, end: amount.end };
    }
    if (EXTENDS.has(low)) {
      ts.next();
      if (ts.atEnd()) return { t: 'ext', op: low as ExtendKind, start: t.start, end: t.end };
      const amount = parseImmValue(ts, scope);
      return { t: 'ext', op: low as ExtendKind, amount: amount.e, start: t.start, end: amount.end };
    }
  }
  return parseImm(ts, scope);
}

const isEndOrComma = (t: Token): boolean => t.kind === 'eol' || (t.kind === 'punct' && t.text === ',');

function parseElementIndex(ts: TokenStream, reg: VecOp, scope: ExprScope): VecOp {
  ts.next(); // '['
  const e = parseExpr(ts, scope);
  const close = ts.next();
  if (close.kind !== 'punct' || close.text !== ']') throw expected("']'", close);
  if (e.k !== 'num') throw new AsmError('element index must be a constant', e.start, e.end);
  return { ...reg, index: Number(e.v), end: close.end };
}

/** `#imm`, `imm`, `#:lo12:sym`, `:lo12:sym`, floating-point `#1.5`. */
function parseImm(ts: TokenStream, scope: ExprScope): ImmOp | FloatOp {
  const first = ts.peek();
  const hash = ts.eat('#') !== null;
  let neg = false;
  const f0 = ts.peek();
  if (f0.kind === 'punct' && (f0.text === '-' || f0.text === '+') && ts.peek(1).kind === 'float') {
    neg = f0.text === '-';
    ts.next();
  }
  const ft = ts.peek();
  if (ft.kind === 'float') {
    ts.next();
    return { t: 'fimm', value: (neg ? -1 : 1) * Number(ft.text), text: (neg ? '-' : '') + ft.text, start: first.start, end: ft.end };
  }
  let reloc: Reloc | undefined;
  if (ts.isPunct(':')) {
    const colon = ts.next();
    const name = ts.next();
    const low = name.text.toLowerCase();
    if (name.kind !== 'ident' || !RELOCS.has(low)) {
      throw new AsmError(
        `unknown relocation operator ':${name.text}:' (a relocation-free image supports :lo12:, :pg_hi21: and :abs_g0: … :abs_g3:)`,
        colon.start,
        name.end + 1,
      );
    }
    if (!ts.eat(':')) throw expected("':' after the relocation operator", ts.peek());
    reloc = low as Reloc;
  }
  const exprStart = ts.pos;
  const e = parseExpr(ts, scope);
  const single = ts.pos === exprStart + 1 && ts.toks[exprStart].kind === 'ident' ? ts.toks[exprStart].text : undefined;
  return { t: 'imm', e, hash, reloc, name: reloc ? undefined : single, start: first.start, end: e.end };
}

/** The amount of a shift/extend: `#n` or `n`. */
function parseImmValue(ts: TokenStream, scope: ExprScope): { e: Expr; end: number } {
  ts.eat('#');
  const e = parseExpr(ts, scope);
  return { e, end: e.end };
}

function parseMem(ts: TokenStream, scope: ExprScope): MemOp {
  const open = ts.next();
  const bt = ts.next();
  const base = bt.kind === 'ident' ? parseRegisterName(bt.text, bt) : undefined;
  if (!base || base.t !== 'gpr' || !base.x) {
    throw new AsmError(`expected a 64-bit base register (x0-x30 or sp) after '[', found ${describe(bt)}`, bt.start, Math.max(bt.end, bt.start + 1));
  }
  let imm: ImmOp | undefined;
  let index: GprOp | undefined;
  let indexMod: ShiftOp | ExtendOp | undefined;
  if (ts.eat(',')) {
    const t = ts.peek();
    const r = t.kind === 'ident' ? parseRegisterName(t.text, t) : undefined;
    if (r) {
      if (r.t !== 'gpr') throw new AsmError(`the index register must be a general-purpose register, found '${t.text}'`, t.start, t.end);
      ts.next();
      index = r;
      if (ts.eat(',')) {
        const mt = ts.next();
        const low = mt.text.toLowerCase();
        if (mt.kind === 'ident' && SHIFTS.has(low)) {
          const a = parseImmValue(ts, scope);
          indexMod = { t: 'shift', op: low as ShiftKind, amount: a.e, start: mt.start, end: a.end };
        } else if (mt.kind === 'ident' && EXTENDS.has(low)) {
          if (ts.isPunct(']')) indexMod = { t: 'ext', op: low as ExtendKind, start: mt.start, end: mt.end };
          else {
            const a = parseImmValue(ts, scope);
            indexMod = { t: 'ext', op: low as ExtendKind, amount: a.e, start: mt.start, end: a.end };
          }
        } else {
          throw new AsmError(`expected 'lsl', 'uxtw', 'sxtw' or 'sxtx' after the index register, found ${describe(mt)}`, mt.start, Math.max(mt.end, mt.start + 1));
        }
      }
    } else {
      const o = parseImm(ts, scope);
      if (o.t !== 'imm') throw new AsmError('a memory offset must be an integer', o.start, o.end);
      imm = o;
    }
  }
  const close = ts.next();
  if (close.kind !== 'punct' || close.text !== ']') throw expected("']'", close);
  const wb = ts.eat('!');
  return { t: 'mem', base, imm, index, indexMod, writeback: wb !== null, start: open.start, end: wb ? wb.end : close.end };
}

function parseList(ts: TokenStream): ListOp {
  const open = ts.next();
  const regs: VecOp[] = [];
  for (;;) {
    const t = ts.next();
    const r = t.kind === 'ident' ? parseRegisterName(t.text, t) : undefined;
    if (!r || r.t !== 'vec') throw new AsmError(`expected a vector register in the register list, found ${describe(t)}`, t.start, Math.max(t.end, t.start + 1));
    if (ts.eat('-')) {
      const t2 = ts.next();
      const r2 = t2.kind === 'ident' ? parseRegisterName(t2.text, t2) : undefined;
      if (!r2 || r2.t !== 'vec') throw new AsmError(`expected a vector register after '-', found ${describe(t2)}`, t2.start, Math.max(t2.end, t2.start + 1));
      const count = ((r2.n - r.n + 32) % 32) + 1;
      for (let k = 0; k < count; k++) regs.push({ ...r, n: (r.n + k) % 32 });
    } else regs.push(r);
    if (ts.eat(',')) continue;
    const close = ts.next();
    if (close.kind !== 'punct' || close.text !== '}') throw expected("',' or '}' in the register list", close);
    let index: number | undefined;
    let end = close.end;
    if (ts.eat('[')) {
      const it = ts.next();
      if (it.kind !== 'num') throw expected('an element index', it);
      index = Number(it.value);
      const cb = ts.next();
      if (cb.kind !== 'punct' || cb.text !== ']') throw expected("']'", cb);
      end = cb.end;
    }
    return { t: 'list', regs, index, start: open.start, end };
  }
}

function describe(t: Token): string {
  return t.kind === 'eol' ? 'end of operand' : `'${t.text}'`;
}

/** Human-readable operand kind for diagnostics. */
export function kindName(op: Operand): string {
  switch (op.t) {
    case 'gpr':
      return op.sp ? `stack pointer '${op.text}'` : `register '${op.text}'`;
    case 'fpr':
      return `FP/SIMD register '${op.text}'`;
    case 'vec':
      return `vector register '${op.text}'`;
    case 'list':
      return 'register list';
    case 'imm':
      return op.hash ? 'immediate' : op.name ? `'${op.name}'` : 'expression';
    case 'fimm':
      return `floating-point immediate '${op.text}'`;
    case 'shift':
      return `shift '${op.op}'`;
    case 'ext':
      return `extend '${op.op}'`;
    case 'mem':
      return 'memory operand';
    case 'pool':
      return "'=' literal";
  }
}
