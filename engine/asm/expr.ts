/**
 * Constant expressions with GNU as semantics: 64-bit two's-complement arithmetic,
 * comparisons yielding -1 (true) or 0, `&&`/`||` yielding 1 or 0, logical `>>`, binary
 * `!` meaning "or not". Precedence, highest first (all binary operators left-associative):
 *
 *   unary - ~ ! +
 *   * / % << >>
 *   | & ^ !
 *   + -
 *   == != <> < > <= >=
 *   &&
 *   ||
 *
 * A value is absolute or an offset into a section (a label). Labels become absolute
 * addresses once sections are laid out, so every expression is resolvable in the end;
 * directives that need a value immediately (.if, .rept, .skip, .align) accept absolute
 * values and same-section label differences.
 */
import { AsmError } from './diagnostics';
import { Token, TokenStream } from './lexer';

export const ABS = -1;

/** A value: `sec === ABS` for a plain number, else an offset into section number `sec`. */
export interface Val {
  readonly sec: number;
  readonly v: bigint;
}

interface Span {
  readonly start: number;
  readonly end: number;
}

export type Expr =
  | ({ readonly k: 'num'; readonly v: bigint } & Span)
  | ({ readonly k: 'rel'; readonly sec: number; readonly v: bigint } & Span)
  | ({ readonly k: 'sym'; readonly name: string } & Span)
  | ({ readonly k: 'un'; readonly op: string; readonly a: Expr } & Span)
  | ({ readonly k: 'bin'; readonly op: string; readonly a: Expr; readonly b: Expr } & Span);

export const wrap = (v: bigint): bigint => BigInt.asIntN(64, v);

/** What the parser needs from the assembler: `.` and numeric local labels. */
export interface ExprScope {
  /** The current location, as a value. */
  dot(): Val;
  /** Symbol name for `Nb` / `Nf`, or an error message when `Nb` has no earlier definition. */
  localLabel(n: number, dir: 'b' | 'f'): string | { error: string };
}

const BINARY_PREC: Record<string, number> = {
  '*': 5, '/': 5, '%': 5, '<<': 5, '>>': 5,
  '|': 4, '&': 4, '^': 4, '!': 4,
  '+': 3, '-': 3,
  '==': 2, '!=': 2, '<>': 2, '<': 2, '>': 2, '<=': 2, '>=': 2,
  '&&': 1,
  '||': 0,
};

export function parseExpr(ts: TokenStream, scope: ExprScope, minPrec = 0): Expr {
  let left = parseUnary(ts, scope);
  for (;;) {
    const t = ts.peek();
    if (t.kind !== 'punct') break;
    const prec = BINARY_PREC[t.text];
    if (prec === undefined || prec < minPrec) break;
    ts.next();
    const right = parseExpr(ts, scope, prec + 1);
    left = { k: 'bin', op: t.text, a: left, b: right, start: left.start, end: right.end };
  }
  return left;
}

function parseUnary(ts: TokenStream, scope: ExprScope): Expr {
  const t = ts.peek();
  if (t.kind === 'punct' && (t.text === '-' || t.text === '~' || t.text === '!' || t.text === '+')) {
    ts.next();
    const a = parseUnary(ts, scope);
    return { k: 'un', op: t.text, a, start: t.start, end: a.end };
  }
  return parsePrimary(ts, scope);
}

function parsePrimary(ts: TokenStream, scope: ExprScope): Expr {
  const t = ts.next();
  switch (t.kind) {
    case 'num':
      return { k: 'num', v: wrap(t.value!), start: t.start, end: t.end };
    case 'localref': {
      const r = scope.localLabel(t.local!.n, t.local!.dir);
      if (typeof r !== 'string') throw new AsmError(r.error, t.start, t.end);
      return { k: 'sym', name: r, start: t.start, end: t.end };
    }
    case 'ident': {
      if (t.text === '.') {
        const d = scope.dot();
        return { k: 'rel', sec: d.sec, v: d.v, start: t.start, end: t.end };
      }
      return { k: 'sym', name: t.text, start: t.start, end: t.end };
    }
    case 'punct':
      if (t.text === '(') {
        const e = parseExpr(ts, scope);
        const close = ts.next();
        if (close.kind !== 'punct' || close.text !== ')') throw expected("')'", close);
        return { ...e, start: t.start, end: close.end };
      }
      break;
    case 'float':
      throw new AsmError(`floating-point number '${t.text}' where an integer expression was expected`, t.start, t.end);
    case 'string':
      throw new AsmError(`string ${t.text} where an expression was expected`, t.start, t.end);
  }
  throw expected('an expression', t);
}

export function expected(what: string, t: Token): AsmError {
  const got = t.kind === 'eol' ? 'end of line' : `'${t.text}'`;
  return new AsmError(`expected ${what}, found ${got}`, t.start, t.kind === 'eol' ? t.start + 1 : t.end);
}

/** Resolves symbol names: a value, a not-yet-evaluated expression (`.equ` of later symbols), or undefined. */
export type SymbolResolver = (name: string) => Val | Expr | undefined;

export class UndefinedSymbolError extends AsmError {
  constructor(
    readonly symbol: string,
    start: number,
    end: number,
  ) {
    super(`undefined symbol '${symbol}'`, start, end);
  }
}

/** Raised when a value is only known after layout but is needed now. */
export class NotConstantError extends AsmError {}

/**
 * Evaluate completely. Throws UndefinedSymbolError for an unknown symbol and AsmError
 * for an invalid operation. `sectionBase`, when given, turns section offsets into
 * absolute addresses (the final pass).
 */
export function evaluate(e: Expr, resolve: SymbolResolver, sectionBase?: (sec: number) => bigint): Val {
  const active = new Set<string>();
  const norm = (v: Val): Val => (sectionBase && v.sec !== ABS ? { sec: ABS, v: wrap(sectionBase(v.sec) + v.v) } : v);
  const go = (x: Expr): Val => {
    switch (x.k) {
      case 'num':
        return { sec: ABS, v: x.v };
      case 'rel':
        return norm({ sec: x.sec, v: x.v });
      case 'sym': {
        const r = resolve(x.name);
        if (r === undefined) throw new UndefinedSymbolError(x.name, x.start, x.end);
        if ('k' in r) {
          if (active.has(x.name)) throw new AsmError(`symbol '${x.name}' is defined in terms of itself`, x.start, x.end);
          active.add(x.name);
          try {
            return go(r);
          } catch (err) {
            // Report problems of a deferred definition at the place it is used.
            if (err instanceof UndefinedSymbolError) throw new UndefinedSymbolError(err.symbol, x.start, x.end);
            throw err;
          } finally {
            active.delete(x.name);
          }
        }
        return norm(r);
      }
      case 'un':
        return unary(x.op, go(x.a), x);
      case 'bin':
        return binary(x.op, go(x.a), go(x.b), x);
    }
  };
  return go(e);
}

/**
 * Substitute every symbol that is known now and fold what can be folded; unknown symbols
 * (forward references) stay for the final pass. Used so that `.set` symbols redefined later
 * keep the value they had where they were used, as in GNU as.
 */
export function partial(e: Expr, resolve: SymbolResolver): Expr {
  switch (e.k) {
    case 'num':
    case 'rel':
      return e;
    case 'sym': {
      try {
        const v = evaluate(e, resolve);
        return toExpr(v, e);
      } catch (err) {
        if (err instanceof UndefinedSymbolError) return e;
        throw err;
      }
    }
    case 'un': {
      const a = partial(e.a, resolve);
      if (a.k === 'num' || a.k === 'rel') return tryFold(e, () => unary(e.op, asVal(a), e), { ...e, a });
      return { ...e, a };
    }
    case 'bin': {
      const a = partial(e.a, resolve);
      const b = partial(e.b, resolve);
      if ((a.k === 'num' || a.k === 'rel') && (b.k === 'num' || b.k === 'rel')) {
        return tryFold(e, () => binary(e.op, asVal(a), asVal(b), e), { ...e, a, b });
      }
      return { ...e, a, b };
    }
  }
}

function tryFold(span: Span, f: () => Val, fallback: Expr): Expr {
  try {
    return toExpr(f(), span);
  } catch (err) {
    if (err instanceof NotConstantError) return fallback; // e.g. labels in different sections: known after layout
    throw err;
  }
}

const asVal = (x: Expr): Val => (x.k === 'num' ? { sec: ABS, v: x.v } : x.k === 'rel' ? { sec: x.sec, v: x.v } : { sec: ABS, v: 0n });
const toExpr = (v: Val, s: Span): Expr =>
  v.sec === ABS ? { k: 'num', v: v.v, start: s.start, end: s.end } : { k: 'rel', sec: v.sec, v: v.v, start: s.start, end: s.end };

/** True when the expression is fully known (no symbol left). */
export function isResolved(e: Expr): boolean {
  return e.k === 'num' || e.k === 'rel';
}

function unary(op: string, a: Val, s: Span): Val {
  if (a.sec !== ABS && op !== '+') throw notConstant(`operator '${op}' applied to an address`, s);
  switch (op) {
    case '-':
      return { sec: ABS, v: wrap(-a.v) };
    case '~':
      return { sec: ABS, v: wrap(~a.v) };
    case '!':
      return { sec: ABS, v: a.v === 0n ? 1n : 0n };
    default:
      return a;
  }
}

function notConstant(what: string, s: Span): NotConstantError {
  return new NotConstantError(`${what}: the value is not known until sections are laid out`, s.start, s.end);
}

function binary(op: string, a: Val, b: Val, s: Span): Val {
  const abs = (v: bigint): Val => ({ sec: ABS, v: wrap(v) });
  if (op === '+') {
    if (a.sec !== ABS && b.sec !== ABS) throw notConstant('sum of two addresses', s);
    return { sec: a.sec !== ABS ? a.sec : b.sec, v: wrap(a.v + b.v) };
  }
  if (op === '-') {
    if (b.sec === ABS) return { sec: a.sec, v: wrap(a.v - b.v) };
    if (a.sec === b.sec) return abs(a.v - b.v);
    throw notConstant('difference of addresses in different sections', s);
  }
  const cmp = ['==', '!=', '<>', '<', '>', '<=', '>='].includes(op);
  if (a.sec !== b.sec || (!cmp && a.sec !== ABS)) {
    throw notConstant(`operator '${op}' applied to an address`, s);
  }
  const x = a.v;
  const y = b.v;
  const t = (c: boolean): Val => abs(c ? -1n : 0n);
  switch (op) {
    case '*':
      return abs(x * y);
    case '/':
      if (y === 0n) throw new AsmError('division by zero', s.start, s.end);
      return abs(x / y);
    case '%':
      if (y === 0n) throw new AsmError('division by zero', s.start, s.end);
      return abs(x % y);
    case '<<':
      return abs(y < 0n || y >= 64n ? 0n : x << y);
    case '>>':
      return abs(y < 0n || y >= 64n ? 0n : BigInt.asUintN(64, x) >> y);
    case '|':
      return abs(x | y);
    case '&':
      return abs(x & y);
    case '^':
      return abs(x ^ y);
    case '!':
      return abs(x | ~y);
    case '==':
      return t(x === y);
    case '!=':
    case '<>':
      return t(x !== y);
    case '<':
      return t(x < y);
    case '>':
      return t(x > y);
    case '<=':
      return t(x <= y);
    case '>=':
      return t(x >= y);
    case '&&':
      return abs(x !== 0n && y !== 0n ? 1n : 0n);
    case '||':
      return abs(x !== 0n || y !== 0n ? 1n : 0n);
  }
  throw new AsmError(`unknown operator '${op}'`, s.start, s.end);
}
