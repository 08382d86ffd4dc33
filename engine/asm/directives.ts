/**
 * Assembler directives (pseudo-ops) in the GNU as dialect: sections, symbols, data,
 * alignment, macros and loops, conditionals, includes and literal pools. Directives that
 * only matter to a linker or a debugger's DWARF (.cfi_*, .file, .ident, .arch, …) are
 * accepted and ignored.
 */
import type { Assembler } from './assembler';
import { AsmError } from './diagnostics';
import { ABS, Expr, evaluate, expected, parseExpr, partial, UndefinedSymbolError } from './expr';
import { LexError, Token, TokenStream, tokenize } from './lexer';
import { MacroDef, parseMacroHeader, splitArgs, substitute } from './macros';
import { Section, truncationWarning } from './section';
import { Stmt, stmtRange } from './statement';

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

type Handler = (a: Assembler, d: DirectiveCall) => void;

const MAX_INCLUDE_DEPTH = 32;

// ------------------------------------------------------------------ argument helpers

function tokens(d: DirectiveCall): TokenStream {
  return new TokenStream(tokenize(d.text, d.column));
}

function argsEnd(d: DirectiveCall): number {
  return d.column + d.text.replace(/\s+$/, '').length;
}

function noArgs(d: DirectiveCall): void {
  if (d.text.trim() !== '') {
    const lead = d.text.length - d.text.trimStart().length;
    throw new AsmError(`'${d.name}' takes no arguments`, d.column + lead, argsEnd(d));
  }
}

function atEnd(ts: TokenStream): void {
  if (!ts.atEnd()) {
    const t = ts.peek();
    throw new AsmError(`unexpected '${t.text}' after the arguments`, t.start, ts.toks[ts.toks.length - 1].start);
  }
}

/** Comma-separated expressions (at least one). */
function exprList(a: Assembler, d: DirectiveCall): Expr[] {
  const ts = tokens(d);
  if (ts.atEnd()) throw new AsmError(`'${d.name}' needs at least one value`, d.span.start, d.span.end);
  const list: Expr[] = [];
  do list.push(parseExpr(ts, a.scope));
  while (ts.eat(','));
  atEnd(ts);
  return list;
}

/** Optional comma-separated arguments: each may be empty (`.p2align 4,,8`). */
function optionalArgs(a: Assembler, d: DirectiveCall, max: number): Array<Expr | undefined> {
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

function symbolName(ts: TokenStream, what: string): Token {
  const t = ts.next();
  if (t.kind !== 'ident') throw expected(what, t);
  return t;
}

// ------------------------------------------------------------------ data

function dataDirective(size: 1 | 2 | 4 | 8 | 16): Handler {
  return (a, d) => {
    const sec = a.cur;
    const list = exprList(a, d);
    const start = sec.size;
    for (const e of list) {
      const p = partial(e, a.resolveNow);
      const offset = sec.emitFill(size, 0);
      if (p.k === 'num') storeConst(a, sec, offset, size, p.v, d.stmt, e);
      else sec.pending.push({ kind: 'data', offset, size, e: p, stmt: d.stmt });
    }
    mapData(sec, start, d.stmt);
  };
}

function storeConst(a: Assembler, sec: Section, offset: number, size: number, v: bigint, st: Stmt, e: Expr): void {
  const warning = truncationWarning(v, size);
  if (warning) a.warn(st, warning, e.start, e.end);
  if (sec.flags.nobits) {
    if (v !== 0n) throw new AsmError(`non-zero data in ${sec.name} (a section without contents)`, e.start, e.end);
    return;
  }
  sec.store(offset, size, v);
}

function mapData(sec: Section, start: number, st: Stmt): void {
  if (sec.size > start) sec.map.push({ offset: start, size: sec.size - start, kind: 'data', stmt: st });
}

function stringDirective(zero: boolean): Handler {
  return (a, d) => {
    const ts = tokens(d);
    if (ts.atEnd()) throw new AsmError(`'${d.name}' needs a string`, d.span.start, d.span.end);
    const sec = a.cur;
    const start = sec.size;
    do {
      const t = ts.next();
      if (t.kind !== 'string') throw expected('a string in double quotes', t);
      if (sec.flags.nobits && (t.bytes!.length || zero)) {
        throw new AsmError(`strings cannot go in ${sec.name} (a section without contents)`, t.start, t.end);
      }
      sec.emitBytes(t.bytes!);
      if (zero) sec.emitFill(1, 0);
    } while (ts.eat(','));
    atEnd(ts);
    mapData(sec, start, d.stmt);
  };
}

function floatDirective(size: 4 | 8): Handler {
  return (a, d) => {
    const ts = tokens(d);
    const sec = a.cur;
    const start = sec.size;
    do {
      let sign = 1;
      const first = ts.peek();
      while (ts.isPunct('-') || ts.isPunct('+')) if (ts.next().text === '-') sign = -sign;
      const t = ts.next();
      let v: number;
      if (t.kind === 'float') v = Number(t.text);
      else if (t.kind === 'num') v = Number(t.value);
      else if (t.kind === 'ident' && /^(inf|infinity|nan)$/i.test(t.text)) v = /^nan$/i.test(t.text) ? NaN : Infinity;
      else throw expected('a floating-point number', t);
      const buf = new DataView(new ArrayBuffer(size));
      if (size === 4) buf.setFloat32(0, sign * v, true);
      else buf.setFloat64(0, sign * v, true);
      const bytes = new Uint8Array(buf.buffer);
      if (sec.flags.nobits && bytes.some((b) => b !== 0)) throw new AsmError(`non-zero data in ${sec.name}`, first.start, t.end);
      sec.emitBytes(bytes);
    } while (ts.eat(','));
    atEnd(ts);
    mapData(sec, start, d.stmt);
  };
}

function leb128(signed: boolean): Handler {
  return (a, d) => {
    const sec = a.cur;
    const start = sec.size;
    for (const e of exprList(a, d)) {
      let v = a.valueNow(e, `'${d.name}' value`);
      const out: number[] = [];
      for (;;) {
        const byte = Number(BigInt.asUintN(7, v));
        v = signed ? v >> 7n : BigInt.asUintN(64, v) >> 7n;
        const done = signed ? (v === 0n && (byte & 0x40) === 0) || (v === -1n && (byte & 0x40) !== 0) : v === 0n;
        out.push(done ? byte : byte | 0x80);
        if (done) break;
      }
      if (sec.flags.nobits && out.some((b) => b !== 0)) throw new AsmError(`non-zero data in ${sec.name}`, e.start, e.end);
      sec.emitBytes(out);
    }
    mapData(sec, start, d.stmt);
  };
}

/** `.skip size [, fill]` (also .space, .zero with one argument). */
function skip(a: Assembler, d: DirectiveCall, allowFill: boolean): void {
  const args = optionalArgs(a, d, allowFill ? 2 : 1);
  if (!args[0]) throw new AsmError(`'${d.name}' needs a size`, d.span.start, d.span.end);
  const n = a.valueNow(args[0], `'${d.name}' size`);
  if (n < 0n) throw new AsmError(`'${d.name}' size must not be negative (it is ${n})`, args[0].start, args[0].end);
  if (n > 0x10000000n) throw new AsmError(`'${d.name}' size ${n} is too large (more than 256 MiB)`, args[0].start, args[0].end);
  const fill = args[1] ? a.valueNow(args[1], `'${d.name}' fill value`) : 0n;
  if (a.cur.flags.nobits && fill !== 0n) throw new AsmError(`non-zero fill in ${a.cur.name}`, args[1]!.start, args[1]!.end);
  const start = a.cur.emitFill(Number(n), Number(fill & 0xffn));
  mapData(a.cur, start, d.stmt);
}

/** `.fill repeat [, size [, value]]`: value is stored as a 4-byte number, high bytes zero. */
function fill(a: Assembler, d: DirectiveCall): void {
  const args = optionalArgs(a, d, 3);
  if (!args[0]) throw new AsmError("'.fill' needs a repeat count", d.span.start, d.span.end);
  const repeat = a.valueNow(args[0], "'.fill' repeat count");
  if (repeat < 0n) throw new AsmError(`'.fill' repeat count must not be negative (it is ${repeat})`, args[0].start, args[0].end);
  let size = args[1] ? a.valueNow(args[1], "'.fill' size") : 1n;
  if (size < 0n) throw new AsmError(`'.fill' size must not be negative (it is ${size})`, args[1]!.start, args[1]!.end);
  if (size > 8n) {
    a.warn(d.stmt, `'.fill' size ${size} clamped to 8`, args[1]!.start, args[1]!.end);
    size = 8n;
  }
  const value = args[2] ? BigInt.asUintN(32, a.valueNow(args[2], "'.fill' value")) : 0n;
  if (repeat * size > 0x10000000n) throw new AsmError(`'.fill' of ${repeat * size} bytes is too large`, args[0].start, args[0].end);
  if (a.cur.flags.nobits && value !== 0n && size > 0n) throw new AsmError(`non-zero fill in ${a.cur.name}`, args[2]!.start, args[2]!.end);
  const sec = a.cur;
  const start = sec.size;
  for (let k = 0n; k < repeat; k++) {
    const at = sec.emitFill(Number(size), 0);
    if (!sec.flags.nobits) sec.store(at, Number(size), value);
  }
  mapData(sec, start, d.stmt);
}

function org(a: Assembler, d: DirectiveCall): void {
  const args = optionalArgs(a, d, 2);
  if (!args[0]) throw new AsmError("'.org' needs an address", d.span.start, d.span.end);
  const v = evaluate(args[0], a.resolveNow);
  if (v.sec !== ABS && v.sec !== a.cur.index) throw new AsmError("'.org' must stay in the current section", args[0].start, args[0].end);
  const target = Number(v.v);
  if (target < a.cur.size) {
    throw new AsmError(`'.org' cannot move the location counter backwards (from ${a.cur.size} to ${target})`, args[0].start, args[0].end);
  }
  const fillV = args[1] ? a.valueNow(args[1], "'.org' fill value") : 0n;
  a.cur.emitFill(target - a.cur.size, Number(fillV & 0xffn));
}

// ------------------------------------------------------------------ alignment

/**
 * `.balign`/`.p2align` family: alignment, optional fill and optional maximum skip.
 * `pow2`: the first argument is a power of two (on AArch64 `.align` is `.p2align`).
 */
function align(pow2: boolean, fillSize: 1 | 2 | 4): Handler {
  return (a, d) => {
    const args = optionalArgs(a, d, 3);
    if (!args[0]) throw new AsmError(`'${d.name}' needs an alignment`, d.span.start, d.span.end);
    const v = a.valueNow(args[0], `'${d.name}' alignment`);
    let bytes: number;
    if (pow2) {
      if (v < 0n || v > 16n) throw new AsmError(`alignment 2^${v} is out of range (0 to 16)`, args[0].start, args[0].end);
      bytes = 1 << Number(v);
    } else {
      if (v <= 0n || v > 65536n || (v & (v - 1n)) !== 0n) {
        throw new AsmError(`alignment ${v} is not a power of two between 1 and 65536`, args[0].start, args[0].end);
      }
      bytes = Number(v);
    }
    const fillV = args[1] ? Number(BigInt.asUintN(fillSize * 8, a.valueNow(args[1], 'fill value'))) : undefined;
    const max = args[2] ? Number(a.valueNow(args[2], 'maximum skip')) : undefined;
    const pad = (bytes - (a.cur.size % bytes)) % bytes;
    if (fillV !== undefined && fillSize > 1 && pad % fillSize !== 0 && (max === undefined || pad <= max)) {
      throw new AsmError(`alignment padding (${pad} bytes) is not a multiple of ${fillSize}`, d.span.start, argsEnd(d));
    }
    if (a.cur.flags.nobits && fillV) throw new AsmError(`non-zero fill in ${a.cur.name}`, args[1]!.start, args[1]!.end);
    a.cur.alignTo(bytes, fillV, fillSize, max, d.stmt);
  };
}

// ------------------------------------------------------------------ sections

function switchSection(a: Assembler, d: DirectiveCall, name: string): void {
  if (d.text.trim() !== '') {
    const ts = tokens(d);
    const e = parseExpr(ts, a.scope);
    if (a.valueNow(e, 'subsection') !== 0n) throw new AsmError('subsections other than 0 are not supported', e.start, e.end);
    atEnd(ts);
  }
  a.switchTo(a.section(name));
}

function sectionDirective(a: Assembler, d: DirectiveCall, push: boolean): void {
  const m = /^\s*("([^"]*)"|[A-Za-z0-9_.$-]+)\s*(?:,\s*"([^"]*)")?\s*(?:,\s*([%@][A-Za-z_]+))?(.*)$/.exec(d.text);
  if (!m || m[1] === undefined) throw new AsmError(`'${d.name}' needs a section name`, d.span.start, d.span.end);
  const name = m[2] ?? m[1];
  const flagsText = m[3];
  const type = m[4]?.slice(1).toLowerCase();
  if (m[5] && !/^\s*(,.*)?$/.test(m[5])) throw new AsmError(`unexpected '${m[5].trim()}' in '${d.name}'`, d.column, argsEnd(d));
  if (type && !['progbits', 'nobits', 'note', 'init_array', 'fini_array', 'preinit_array'].includes(type)) {
    throw new AsmError(`unknown section type '${m[4]}' (expected %progbits or %nobits)`, d.column, argsEnd(d));
  }
  const existing = a.sections.find((s) => s.name === name);
  let sec: Section;
  if (existing) sec = existing;
  else {
    let flags = {};
    if (flagsText !== undefined) {
      const bad = flagsText.replace(/[awxMSGTRo?d0-9]/g, '');
      if (bad) throw new AsmError(`unknown section flag '${bad[0]}' (expected a, w, x, M, S, G or T)`, d.column, argsEnd(d));
      flags = { alloc: flagsText.includes('a'), write: flagsText.includes('w'), exec: flagsText.includes('x') };
    }
    if (type) flags = { ...flags, nobits: type === 'nobits' };
    sec = a.section(name, flags);
  }
  if (push) a.sectionStack.push({ cur: a.cur, previous: a.previous });
  a.switchTo(sec);
}

// ------------------------------------------------------------------ symbols

function globalDirective(a: Assembler, d: DirectiveCall): void {
  const ts = tokens(d);
  do a.symbols.setAttr(symbolName(ts, 'a symbol name').text, { global: true });
  while (ts.eat(','));
  atEnd(ts);
}

function localDirective(a: Assembler, d: DirectiveCall): void {
  const ts = tokens(d);
  do a.symbols.setAttr(symbolName(ts, 'a symbol name').text, { global: false });
  while (ts.eat(','));
  atEnd(ts);
}

function typeDirective(a: Assembler, d: DirectiveCall): void {
  const m = /^\s*([A-Za-z_.$][A-Za-z0-9_.$]*)\s*,\s*[%@#]?("?)([A-Za-z_]+)\2\s*$/.exec(d.text);
  if (!m) throw new AsmError("'.type' expects 'symbol, %function' or 'symbol, %object'", d.column, argsEnd(d));
  const t = m[3].toLowerCase();
  const type = t === 'function' || t === 'stt_func' ? 'function' : t === 'object' || t === 'stt_object' ? 'object' : t === 'notype' || t === 'stt_notype' ? 'notype' : null;
  if (!type) throw new AsmError(`unknown symbol type '${m[3]}' (expected function, object or notype)`, d.column, argsEnd(d));
  a.symbols.setAttr(m[1], { type });
}

function sizeDirective(a: Assembler, d: DirectiveCall): void {
  const ts = tokens(d);
  const name = symbolName(ts, 'a symbol name');
  const comma = ts.next();
  if (comma.kind !== 'punct' || comma.text !== ',') throw expected("',' and the size", comma);
  const e = parseExpr(ts, a.scope);
  atEnd(ts);
  a.symbols.setAttr(name.text, { size: partial(e, a.resolveNow) });
}

function equDirective(redefinable: boolean, equiv: boolean): Handler {
  return (a, d) => {
    const m = /^(\s*)([A-Za-z_.$][A-Za-z0-9_.$]*)\s*,/.exec(d.text);
    if (!m) throw new AsmError(`'${d.name}' expects 'name, value'`, d.span.start, Math.max(argsEnd(d), d.span.end));
    a.assign(m[2], d.text.slice(m[0].length), d.column + m[0].length, redefinable, equiv, d.stmt, d.column + m[1].length);
  };
}

// ------------------------------------------------------------------ macros and loops

function macroDirective(a: Assembler, d: DirectiveCall): void {
  const { name, params } = parseMacroHeader(d.text, { start: d.span.start, end: argsEnd(d) });
  const lower = name.toLowerCase();
  const definedAt = stmtRange(d.stmt.file, d.stmt.line, d.stmt.text, d.stmt.column);
  a.startCollecting('macro', d.stmt, (body) => {
    if (a.macros.has(lower)) {
      a.report(d.stmt, new AsmError(`macro '${name}' is already defined (use .purgem first to redefine it)`, d.span.start, argsEnd(d)));
      return;
    }
    const def: MacroDef = { name, params, body, definedAt };
    a.macros.set(lower, def);
  });
}

function purgem(a: Assembler, d: DirectiveCall): void {
  const name = d.text.trim();
  if (!a.macros.delete(name.toLowerCase())) throw new AsmError(`'.purgem': no macro named '${name}'`, d.column, argsEnd(d));
}

function rept(a: Assembler, d: DirectiveCall): void {
  const ts = tokens(d);
  if (ts.atEnd()) throw new AsmError("'.rept' needs a repeat count", d.span.start, d.span.end);
  const e = parseExpr(ts, a.scope);
  atEnd(ts);
  let n = a.valueNow(e, "'.rept' count");
  if (n < 0n) {
    a.warn(d.stmt, `'.rept' count ${n} is negative; treated as 0`, e.start, e.end);
    n = 0n;
  }
  const count = Number(n);
  a.startCollecting('loop', d.stmt, (body) => {
    const all: Stmt[] = [];
    for (let k = 0; k < count; k++) all.push(...body);
    a.pushLoop(all, '.rept');
  });
}

function irp(chars: boolean): Handler {
  return (a, d) => {
    const m = /^\s*([A-Za-z_.$][A-Za-z0-9_.$]*)\s*,?\s*(.*)$/.exec(d.text);
    if (!m) throw new AsmError(`'${d.name}' needs a parameter name and values`, d.span.start, Math.max(d.span.end, argsEnd(d)));
    const param = m[1];
    let values: string[];
    if (chars) {
      const v = m[2].trim();
      const s = v.startsWith('"') && v.endsWith('"') && v.length >= 2 ? v.slice(1, -1) : v;
      values = s.length ? [...s] : [''];
    } else {
      values = splitArgs(m[2]);
      if (values.length === 0) values = [''];
    }
    a.startCollecting('loop', d.stmt, (body) => {
      const all: Stmt[] = [];
      for (const v of values) {
        const vals = new Map([[param, v]]);
        for (const b of body) {
          const text = substitute(b.text, vals, undefined);
          all.push(text === b.text ? b : { ...b, text, substituted: true });
        }
      }
      a.pushLoop(all, d.name);
    });
  };
}

function unexpectedEnd(what: string, opener: string): Handler {
  return (_a, d) => {
    throw new AsmError(`'${what}' without a matching '${opener}'`, d.span.start, d.span.end);
  };
}

// ------------------------------------------------------------------ conditionals

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

// ------------------------------------------------------------------ include and the rest

function include(a: Assembler, d: DirectiveCall): void {
  const ts = tokens(d);
  const t = ts.next();
  if (t.kind !== 'string') throw expected('a file name in double quotes', t);
  atEnd(ts);
  const path = String.fromCharCode(...t.bytes!);
  const resolver = a.options.includeResolver;
  if (!resolver) throw new AsmError(`cannot include "${path}": no file access was given to the assembler`, t.start, t.end);
  if (a.includeDepth() >= MAX_INCLUDE_DEPTH) {
    throw new AsmError(`cannot include "${path}": includes nested more than ${MAX_INCLUDE_DEPTH} deep (does it include itself?)`, t.start, t.end);
  }
  const found = resolver(path, d.stmt.file);
  if (!found) throw new AsmError(`cannot include "${path}": file not found`, t.start, t.end);
  a.pushFile(found.file, found.text, d.stmt);
}

function message(kind: 'error' | 'warning'): Handler {
  return (a, d) => {
    const ts = tokens(d);
    let msg = d.name === '.err' ? "'.err' directive reached" : `'${d.name}' directive reached`;
    if (!ts.atEnd()) {
      const t = ts.next();
      if (t.kind !== 'string') throw expected('a message in double quotes', t);
      msg = String.fromCharCode(...t.bytes!);
    }
    if (kind === 'warning') a.warn(d.stmt, msg, d.span.start, argsEnd(d));
    else throw new AsmError(msg, d.span.start, argsEnd(d));
  };
}

function inst(a: Assembler, d: DirectiveCall): void {
  const sec = a.cur;
  if (sec.size % 4 !== 0) sec.emitFill(4 - (sec.size % 4), 0);
  sec.requireAlign(4);
  for (const e of exprList(a, d)) {
    const p = partial(e, a.resolveNow);
    const offset = sec.emitFill(4, 0);
    if (p.k === 'num') storeConst(a, sec, offset, 4, p.v, d.stmt, e);
    else sec.pending.push({ kind: 'data', offset, size: 4, e: p, stmt: d.stmt });
    sec.map.push({ offset, size: 4, kind: 'instruction', stmt: d.stmt });
  }
}

const ignore: Handler = () => {};

const TABLE: Record<string, Handler> = {
  '.text': (a, d) => switchSection(a, d, '.text'),
  '.data': (a, d) => switchSection(a, d, '.data'),
  '.bss': (a, d) => switchSection(a, d, '.bss'),
  '.section': (a, d) => sectionDirective(a, d, false),
  '.pushsection': (a, d) => sectionDirective(a, d, true),
  '.popsection': (a, d) => {
    noArgs(d);
    const s = a.sectionStack.pop();
    if (!s) throw new AsmError("'.popsection' without a matching '.pushsection'", d.span.start, d.span.end);
    a.cur = s.cur;
    a.previous = s.previous;
  },
  '.previous': (a, d) => {
    noArgs(d);
    if (!a.previous) throw new AsmError("'.previous' with no previous section", d.span.start, d.span.end);
    a.switchTo(a.previous);
  },

  '.global': globalDirective,
  '.globl': globalDirective,
  '.weak': globalDirective,
  '.local': localDirective,
  '.type': typeDirective,
  '.size': sizeDirective,
  '.equ': equDirective(true, false),
  '.set': equDirective(true, false),
  '.eqv': equDirective(true, false),
  '.equiv': equDirective(false, true),

  '.align': align(true, 1),
  '.p2align': align(true, 1),
  '.p2alignw': align(true, 2),
  '.p2alignl': align(true, 4),
  '.balign': align(false, 1),
  '.balignw': align(false, 2),
  '.balignl': align(false, 4),

  '.byte': dataDirective(1),
  '.hword': dataDirective(2),
  '.short': dataDirective(2),
  '.half': dataDirective(2),
  '.2byte': dataDirective(2),
  '.word': dataDirective(4),
  '.long': dataDirective(4),
  '.int': dataDirective(4),
  '.4byte': dataDirective(4),
  '.quad': dataDirective(8),
  '.xword': dataDirective(8),
  '.dword': dataDirective(8),
  '.8byte': dataDirective(8),
  '.octa': octa,
  '.ascii': stringDirective(false),
  '.asciz': stringDirective(true),
  '.string': stringDirective(true),
  '.float': floatDirective(4),
  '.single': floatDirective(4),
  '.double': floatDirective(8),
  '.uleb128': leb128(false),
  '.sleb128': leb128(true),
  '.skip': (a, d) => skip(a, d, true),
  '.space': (a, d) => skip(a, d, true),
  '.zero': (a, d) => skip(a, d, false),
  '.fill': fill,
  '.org': org,
  '.inst': inst,

  '.macro': macroDirective,
  '.endm': unexpectedEnd('.endm', '.macro'),
  '.exitm': (a, d) => {
    noArgs(d);
    if (!a.exitMacro()) throw new AsmError("'.exitm' outside a macro", d.span.start, d.span.end);
  },
  '.purgem': purgem,
  '.rept': rept,
  '.irp': irp(false),
  '.irpc': irp(true),
  '.endr': unexpectedEnd('.endr', '.rept/.irp/.irpc'),

  '.else': elseDirective,
  '.elseif': elseif,
  '.endif': endif,

  '.include': include,
  '.ltorg': (a, d) => {
    noArgs(d);
    a.pools.flush(a.cur, a.symbols);
  },
  '.pool': (a, d) => {
    noArgs(d);
    a.pools.flush(a.cur, a.symbols);
  },
  '.end': (a) => {
    a.ended = true;
  },
  '.err': message('error'),
  '.error': message('error'),
  '.warning': message('warning'),
  '.print': ignore,
};
for (const n of IF_NAMES) TABLE[n] = ifDirective;

/** Accepted with no effect on the image: linker, DWARF and target-selection directives. */
const IGNORED = [
  '.arch', '.arch_extension', '.cpu', '.file', '.ident', '.loc', '.loc_mark_labels', '.hidden', '.protected',
  '.internal', '.func', '.endfunc', '.variant_pcs', '.addrsig', '.addrsig_sym', '.gnu_attribute', '.aeabi_subsection',
  '.aeabi_attribute', '.tlsdesccall', '.cfi_sections', '.cfi_startproc', '.cfi_endproc', '.cfi_def_cfa',
  '.cfi_def_cfa_offset', '.cfi_def_cfa_register', '.cfi_offset', '.cfi_rel_offset', '.cfi_restore',
  '.cfi_remember_state', '.cfi_restore_state', '.cfi_adjust_cfa_offset', '.cfi_register', '.cfi_same_value',
  '.cfi_undefined', '.cfi_return_column', '.cfi_signal_frame', '.cfi_window_save', '.cfi_negate_ra_state',
  '.cfi_escape', '.cfi_personality', '.cfi_lsda', '.cfi_b_key_frame', '.cfi_mte_tagged_frame', '.size_of_stack',
];
for (const n of IGNORED) TABLE[n] = ignore;

function octa(a: Assembler, d: DirectiveCall): void {
  const sec = a.cur;
  const start = sec.size;
  for (const e of exprList(a, d)) {
    const offset = sec.emitFill(16, 0);
    const v = octaValue(a, e, d);
    if (sec.flags.nobits && v !== 0n) throw new AsmError(`non-zero data in ${sec.name}`, e.start, e.end);
    if (!sec.flags.nobits) sec.store(offset, 16, v);
  }
  mapData(sec, start, d.stmt);
}

/** `.octa`: a plain literal keeps all 128 bits; anything else is a 64-bit expression, sign-extended. */
function octaValue(a: Assembler, e: Expr, d: DirectiveCall): bigint {
  const src = d.text.slice(e.start - d.column, e.end - d.column).trim();
  if (/^(0[xX][0-9A-Fa-f]+|[0-9]+)$/.test(src)) return BigInt.asUintN(128, BigInt(src));
  return a.valueNow(e, "'.octa' value");
}

export const DIRECTIVE_NAMES: ReadonlyArray<string> = Object.keys(TABLE);

export function isDirective(name: string): boolean {
  return name in TABLE;
}

export function runDirective(a: Assembler, d: DirectiveCall): void {
  try {
    TABLE[d.name](a, d);
  } catch (err) {
    if (err instanceof LexError) throw new AsmError(err.message, err.start, err.end);
    if (err instanceof UndefinedSymbolError) throw new AsmError(`${err.message}`, err.start, err.end);
    throw err;
  }
}
