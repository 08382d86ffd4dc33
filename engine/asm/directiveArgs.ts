/** What a directive handler receives, and the argument parsing the handlers share. */
import type { Assembler } from './assembler';
import { AsmError } from './diagnostics';
import { Expr, expected, parseExpr } from './expr';
import { Token, TokenStream, tokenize } from './lexer';
import type { Stmt } from './statement';

export interface DirectiveCall {
  /** Lower-case name with the dot. */
  readonly name: string;
  /** Argument text after the name, and the column of its first character. */
  readonly text: string;
  readonly column: number;
  readonly stmt: Stmt;
  /** Columns of the directive name. */
  readonly span: { start: number; end: number };
}

export type Handler = (a: Assembler, d: DirectiveCall) => void;

export function tokens(d: DirectiveCall): TokenStream {
  return new TokenStream(tokenize(d.text, d.column));
}

export function argsEnd(d: DirectiveCall): number {
  return d.column + d.text.replace(/\s+$/, '').length;
}

export function noArgs(d: DirectiveCall): void {
  if (d.text.trim() !== '') {
    const lead = d.text.length - d.text.trimStart().length;
    throw new AsmError(`'${d.name}' takes no arguments`, d.column + lead, argsEnd(d));
  }
}

export function atEnd(ts: TokenStream): void {
  if (!ts.atEnd()) {
    const t = ts.peek();
    throw new AsmError(`unexpected '${t.text}' after the arguments`, t.start, ts.toks[ts.toks.length - 1].start);
  }
}

/** Comma-separated expressions (at least one). */
export function exprList(a: Assembler, d: DirectiveCall): Expr[] {
  const ts = tokens(d);
  if (ts.atEnd()) throw new AsmError(`'${d.name}' needs at least one value`, d.span.start, d.span.end);
  const list: Expr[] = [];
  do list.push(parseExpr(ts, a.scope));
  while (ts.eat(','));
  atEnd(ts);
  return list;
}

/** Optional comma-separated arguments: each may be empty (`.p2align 4,,8`). */
export function optionalArgs(a: Assembler, d: DirectiveCall, max: number): Array<Expr | undefined> {
  const ts = tokens(d);
  const out: Array<Expr | undefined> = [];
  if (ts.atEnd()) return out;
  for (;;) {
    if (ts.isPunct(',') || ts.atEnd()) out.push(undefined);
    else out.push(parseExpr(ts, a.scope));
    if (!ts.eat(',')) break;
    if (out.length >= max) throw new AsmError(`'${d.name}' takes at most ${max} arguments`, ts.peek().start, argsEnd(d));
  }
  atEnd(ts);
  return out;
}

export function symbolName(ts: TokenStream, what: string): Token {
  const t = ts.next();
  if (t.kind !== 'ident') throw expected(what, t);
  return t;
}
