/**
 * Assembler directives (pseudo-ops) in the GNU as dialect: sections, symbols, macros and
 * loops, includes, literal pools and messages here; data and alignment in dataDirectives.ts,
 * conditionals in conditionals.ts. Directives that only matter to a linker or to DWARF
 * (.cfi_*, .file, .ident, .arch, …) are accepted and ignored.
 */
import type { Assembler } from './assembler';
import { CONDITIONAL_DIRECTIVES } from './conditionals';
import { DATA_DIRECTIVES } from './dataDirectives';
import { AsmError } from './diagnostics';
import { DirectiveCall, Handler, argsEnd, atEnd, noArgs, symbolName, tokens } from './directiveArgs';
import { expected, parseExpr, partial, UndefinedSymbolError } from './expr';
import { LexError } from './lexer';
import { MacroDef, parseMacroHeader, splitArgs, substitute } from './macros';
import type { Section } from './section';
import { Stmt, stmtRange } from './statement';

export type { DirectiveCall } from './directiveArgs';

const MAX_INCLUDE_DEPTH = 32;

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

const ignore: Handler = () => {};

const TABLE: Record<string, Handler> = {
  ...DATA_DIRECTIVES,
  ...CONDITIONAL_DIRECTIVES,
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
