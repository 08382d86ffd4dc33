/**
 * Conditional assembly: .if and its variants (.ifdef, .ifb, .ifc, .ifeqs, .ifeq … .iflt),
 * .elseif, .else, .endif. Conditions are evaluated where they appear, with the symbols
 * known at that point, as in GNU as; inside a skipped branch only the nesting is followed.
 */
import type { Assembler } from './assembler';
import { AsmError } from './diagnostics';
import { expected, parseExpr } from './expr';
import { DirectiveCall, Handler, argsEnd, atEnd, symbolName, tokens } from './directiveArgs';

/** Evaluate an .if-family condition; unknown symbols make it an error, as in GNU as. */
function condValue(a: Assembler, d: DirectiveCall): boolean {
  const name = d.name === '.elseif' ? '.if' : d.name;
  const text = d.text;
  switch (name) {
    case '.ifdef':
    case '.ifndef':
    case '.ifnotdef': {
      const ts = tokens(d);
      const t = symbolName(ts, 'a symbol name');
      atEnd(ts);
      const defined = a.symbols.isDefined(t.text);
      return name === '.ifdef' ? defined : !defined;
    }
    case '.ifb':
    case '.ifnb':
      return (text.trim() === '') === (name === '.ifb');
    case '.ifc':
    case '.ifnc': {
      const parts = splitCompareArgs(text);
      if (!parts) throw new AsmError(`'${name}' expects two strings separated by a comma`, d.column, argsEnd(d));
      return (parts[0] === parts[1]) === (name === '.ifc');
    }
    case '.ifeqs':
    case '.ifnes': {
      const ts = tokens(d);
      const s1 = ts.next();
      if (s1.kind !== 'string') throw expected('a string in double quotes', s1);
      if (!ts.eat(',')) throw expected("','", ts.peek());
      const s2 = ts.next();
      if (s2.kind !== 'string') throw expected('a string in double quotes', s2);
      atEnd(ts);
      const eq = s1.bytes!.join(',') === s2.bytes!.join(',');
      return eq === (name === '.ifeqs');
    }
  }
  const ts = tokens(d);
  if (ts.atEnd()) throw new AsmError(`'${d.name}' needs an expression`, d.span.start, d.span.end);
  const e = parseExpr(ts, a.scope);
  atEnd(ts);
  const v = a.valueNow(e, `the '${d.name}' condition`);
  switch (name) {
    case '.if':
    case '.ifne':
      return v !== 0n;
    case '.ifeq':
      return v === 0n;
    case '.ifge':
      return v >= 0n;
    case '.ifgt':
      return v > 0n;
    case '.ifle':
      return v <= 0n;
    case '.iflt':
      return v < 0n;
  }
  throw new AsmError(`unknown conditional '${d.name}'`, d.span.start, d.span.end);
}

/** `.ifc a, b`: strings may be quoted; blanks around the comma are ignored. */
function splitCompareArgs(text: string): [string, string] | null {
  const t = text.trim();
  const one = (s: string): string => {
    const x = s.trim();
    return x.startsWith('"') && x.endsWith('"') && x.length >= 2 ? x.slice(1, -1) : x;
  };
  let inStr = false;
  for (let k = 0; k < t.length; k++) {
    if (t[k] === '"') inStr = !inStr;
    else if (t[k] === ',' && !inStr) return [one(t.slice(0, k)), one(t.slice(k + 1))];
  }
  return null;
}

const IF_NAMES = ['.if', '.ifdef', '.ifndef', '.ifnotdef', '.ifb', '.ifnb', '.ifc', '.ifnc', '.ifeq', '.ifne', '.ifge', '.ifgt', '.ifle', '.iflt', '.ifeqs', '.ifnes'];

function ifDirective(a: Assembler, d: DirectiveCall): void {
  const parentActive = a.active;
  // In a skipped region only nesting matters: the condition is not evaluated.
  let value = false;
  if (parentActive) {
    try {
      value = condValue(a, d);
    } catch (err) {
      a.conds.push({ active: false, taken: true, sawElse: false, parentActive, at: d.stmt });
      throw err;
    }
  }
  a.conds.push({ active: parentActive && value, taken: value, sawElse: false, parentActive, at: d.stmt });
}

function elseif(a: Assembler, d: DirectiveCall): void {
  const c = a.conds[a.conds.length - 1];
  if (!c) throw new AsmError("'.elseif' without a matching '.if'", d.span.start, d.span.end);
  if (c.sawElse) throw new AsmError("'.elseif' after '.else'", d.span.start, d.span.end);
  if (!c.parentActive || c.taken) {
    c.active = false;
    return;
  }
  const v = condValue(a, d);
  c.active = v;
  c.taken = v;
}

function elseDirective(a: Assembler, d: DirectiveCall): void {
  const c = a.conds[a.conds.length - 1];
  if (!c) throw new AsmError("'.else' without a matching '.if'", d.span.start, d.span.end);
  if (c.sawElse) throw new AsmError("duplicate '.else' for the same '.if'", d.span.start, d.span.end);
  c.sawElse = true;
  c.active = c.parentActive && !c.taken;
  c.taken = true;
}

function endif(a: Assembler, d: DirectiveCall): void {
  if (!a.conds.pop()) throw new AsmError("'.endif' without a matching '.if'", d.span.start, d.span.end);
}

export const CONDITIONAL_DIRECTIVES: Record<string, Handler> = {
  '.else': elseDirective,
  '.elseif': elseif,
  '.endif': endif,
};
for (const n of IF_NAMES) CONDITIONAL_DIRECTIVES[n] = ifDirective;
