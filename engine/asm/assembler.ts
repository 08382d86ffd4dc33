/**
 * The guest assembler: GNU as (aarch64-linux-gnu-as) dialect in, a relocation-free
 * memory image out.
 *
 * Pass 1 reads statements in order — expanding macros, loops, conditionals and
 * includes as GNU as does, in one pass — and emits bytes into sections. Anything that
 * depends on a value not known yet (forward labels, addresses) is recorded as pending
 * with its expressions partially evaluated, so `.set` symbols keep the value they had
 * where they were used. After the last statement, literal pools are flushed, sections
 * are laid out from the base address and the pending items are encoded.
 *
 * Every problem becomes a Diagnostic; assembly always runs to the end.
 */
import { a64Table } from '../cpu/encodings';
import type { EncodingTable } from '../cpu/encodingTable';
import { AsmError, DiagnosticList, didYouMean } from './diagnostics';
import { DIRECTIVE_NAMES, isDirective, runDirective } from './directives';
import { ABS, Expr, ExprScope, NotConstantError, UndefinedSymbolError, Val, evaluate, parseExpr, partial, wrap } from './expr';
import { instructionSet, InstructionSet } from './insn/registry';
import { LexError, TokenStream, tokenize } from './lexer';
import { MacroDef, bindArgs, substitute } from './macros';
import { Operand, parseOperands } from './operands';
import { finalize } from './finalize';
import { LiteralPools, poolSize } from './literalPool';
import { Section, SectionFlags } from './section';
import { scrubSource } from './sourceText';
import { Stmt, fileStmt, stmtRange } from './statement';
import { SymbolTable, displayName } from './symbols';
import type { AssembleOptions, AssembledProgram, Diagnostic, RelatedInformation, SourceRange } from './types';

const MAX_MACRO_DEPTH = 100;
/** Guard against runaway `.rept` counts and recursive macros. */
const MAX_STATEMENTS = 2_000_000;

interface Frame {
  readonly kind: 'file' | 'macro' | 'loop';
  readonly stmts: Stmt[];
  pos: number;
  readonly name: string;
  /** Conditional-stack depth when the frame started (unbalanced .if inside is reported at its end). */
  readonly condBase: number;
}

export interface CondState {
  /** Statements are assembled. */
  active: boolean;
  /** Some branch of this .if has been taken (later .elseif/.else are skipped). */
  taken: boolean;
  sawElse: boolean;
  readonly parentActive: boolean;
  readonly at: Stmt;
}

export interface Collecting {
  readonly kind: 'macro' | 'loop';
  readonly opener: Stmt;
  readonly body: Stmt[];
  depth: number;
  readonly frameDepth: number;
  readonly finish: (body: Stmt[]) => void;
}

const LABEL_RE = /^\s*([A-Za-z_.$][A-Za-z0-9_.$]*|[0-9]+)\s*:(?![:=])/;
const WORD_RE = /^\s*([A-Za-z_.$][A-Za-z0-9_.$]*)/;
const ASSIGN_RE = /^\s*([A-Za-z_.$][A-Za-z0-9_.$]*)\s*=(?!=)/;

const OPENERS_MACRO = new Set(['.macro']);
const OPENERS_LOOP = new Set(['.rept', '.irp', '.irpc']);

export class Assembler {
  readonly diags = new DiagnosticList();
  readonly symbols = new SymbolTable();
  readonly sections: Section[] = [];
  cur: Section;
  /** `.pushsection` stack (current and previous section) and the section before the last switch (`.previous`). */
  readonly sectionStack: Array<{ cur: Section; previous: Section | null }> = [];
  previous: Section | null = null;
  readonly macros = new Map<string, MacroDef>();
  /** `\@`: number of macro expansions so far. */
  macroCounter = 0;
  readonly conds: CondState[] = [];
  collecting: Collecting | null = null;
  private readonly frames: Frame[] = [];
  private statementsRun = 0;
  readonly pools = new LiteralPools();
  ended = false;
  readonly table: EncodingTable;
  readonly isa: InstructionSet;
  /** The statement being assembled (for `.` and diagnostics). */
  current: Stmt | null = null;

  constructor(readonly options: AssembleOptions) {
    this.table = a64Table();
    this.isa = instructionSet(this.table);
    this.cur = this.section('.text');
    for (const [name, v] of Object.entries(options.defines ?? {})) {
      const e = this.symbols.define(name, 'equ', true, undefined);
      e.val = { sec: ABS, v: wrap(BigInt(v)) };
    }
  }

  // ------------------------------------------------------------------ sections

  section(name: string, flags?: Partial<SectionFlags>): Section {
    let s = this.sections.find((x) => x.name === name);
    if (!s) {
      s = new Section(this.sections.length, name, { ...defaultFlags(name), ...flags });
      this.sections.push(s);
    }
    return s;
  }

  switchTo(s: Section): void {
    if (s !== this.cur) this.previous = this.cur;
    this.cur = s;
  }

  // ------------------------------------------------------------------ input

  run(file: string, text: string): void {
    this.pushFile(file, text, null);
    this.loop();
    if (this.collecting) {
      const c = this.collecting;
      this.report(c.opener, new AsmError(c.kind === 'macro' ? `unterminated .macro: missing .endm` : `unterminated ${firstWord(c.opener.text)}: missing .endr`));
      this.collecting = null;
    }
    for (const c of this.conds.splice(0)) this.report(c.at, new AsmError(`unterminated ${firstWord(c.at.text)}: missing .endif`));
  }

  /** Push a file's statements; `from` is the `.include` statement (null for the main file). */
  pushFile(file: string, text: string, from: Stmt | null): void {
    const scrub = scrubSource(text);
    const stmts: Stmt[] = [];
    for (const l of scrub.lines) for (const s of l.statements) stmts.push(fileStmt(file, l.line, s.text, s.column));
    if (scrub.unterminatedComment) {
      const u = scrub.unterminatedComment;
      this.diags.add({ file, line: u.line, column: u.column, endColumn: u.column + 2, severity: 'error', message: "unterminated comment: '/*' without '*/'" });
    }
    for (const u of scrub.unterminatedStrings) {
      this.diags.add({ file, line: u.line, column: u.column, endColumn: u.endColumn, severity: 'error', message: 'missing closing quote of string' });
    }
    const macros = from ? from.macros : [];
    const user = from && from.macros.length ? from.user : undefined;
    const mapped = user || macros.length ? stmts.map((s) => ({ ...s, macros, user: user ?? s.user })) : stmts;
    this.frames.push({ kind: 'file', stmts: mapped, pos: 0, name: file, condBase: this.conds.length });
  }

  includeDepth(): number {
    return this.frames.filter((f) => f.kind === 'file').length;
  }

  pushLoop(stmts: Stmt[], name: string): void {
    this.frames.push({ kind: 'loop', stmts, pos: 0, name, condBase: this.conds.length });
  }

  private loop(): void {
    while (this.frames.length && !this.ended) {
      const f = this.frames[this.frames.length - 1];
      if (f.pos >= f.stmts.length) {
        this.frames.pop();
        this.endFrame(f);
        continue;
      }
      const st = f.stmts[f.pos++];
      if (++this.statementsRun > MAX_STATEMENTS) {
        this.report(st, new AsmError(`more than ${MAX_STATEMENTS} statements after expansion: runaway .rept or recursive macro?`));
        this.frames.length = 0;
        break;
      }
      this.statement(st);
    }
  }

  private endFrame(f: Frame): void {
    if (f.kind !== 'file') return;
    if (this.collecting && this.collecting.frameDepth > this.frames.length) {
      const c = this.collecting;
      this.report(c.opener, new AsmError(c.kind === 'macro' ? 'unterminated .macro: missing .endm before the end of the file' : `unterminated ${firstWord(c.opener.text)}: missing .endr before the end of the file`));
      this.collecting = null;
    }
    while (this.conds.length > f.condBase) {
      const c = this.conds.pop()!;
      this.report(c.at, new AsmError(`unterminated ${firstWord(c.at.text)}: missing .endif before the end of the file`));
    }
  }

  /** Stop the innermost macro expansion (`.exitm`). */
  exitMacro(): boolean {
    for (let k = this.frames.length - 1; k >= 0; k--) {
      if (this.frames[k].kind === 'file') return false;
      if (this.frames[k].kind === 'macro') {
        const base = this.frames[k].condBase;
        this.frames.length = k;
        this.conds.length = Math.min(this.conds.length, base);
        return true;
      }
    }
    return false;
  }

  get active(): boolean {
    return this.conds.length === 0 || this.conds[this.conds.length - 1].active;
  }

  // ------------------------------------------------------------------ statements

  private statement(st: Stmt): void {
    this.current = st;
    try {
      this.statementInner(st);
    } catch (err) {
      if (err instanceof AsmError) this.report(st, err);
      else if (err instanceof LexError) this.report(st, new AsmError(err.message, err.start, err.end));
      else throw err;
    }
  }

  private statementInner(st: Stmt): void {
    // Strip labels textually first: collection and skipping look at the first word after them.
    let rest = st.text;
    let restCol = st.column;
    const labels: Array<{ name: string; start: number; end: number }> = [];
    for (;;) {
      const m = LABEL_RE.exec(rest);
      if (!m) break;
      const lead = m[0].indexOf(m[1]);
      labels.push({ name: m[1], start: restCol + lead, end: restCol + lead + m[1].length });
      rest = rest.slice(m[0].length);
      restCol += m[0].length;
    }
    const wm = WORD_RE.exec(rest);
    const word = wm ? wm[1].toLowerCase() : '';

    if (this.collecting) {
      this.collect(st, word);
      return;
    }
    if (!this.active) {
      if (word.startsWith('.if') || word === '.else' || word === '.elseif' || word === '.endif') {
        this.directive(st, word, rest.slice(wm![0].length), restCol + wm![0].length);
      }
      return;
    }

    for (const l of labels) this.defineLabel(l.name, st, l.start, l.end);
    if (rest.trim() === '') return;

    const am = ASSIGN_RE.exec(rest);
    if (am) {
      const after = am[0].length;
      this.assign(am[1], rest.slice(after), restCol + after, true, false, st, restCol + am[0].indexOf(am[1]));
      return;
    }
    if (!wm) {
      const lead = rest.length - rest.trimStart().length;
      throw new AsmError(`expected a label, directive or instruction, found '${rest.trim()}'`, restCol + lead, restCol + rest.length);
    }
    const argText = rest.slice(wm[0].length);
    const argCol = restCol + wm[0].length;
    const wordStart = restCol + wm[0].indexOf(wm[1]);
    const macro = this.macros.get(word);
    if (macro) {
      this.expandMacro(macro, st, argText, { start: wordStart, end: wordStart + wm[1].length });
      return;
    }
    if (word.startsWith('.')) {
      this.directive(st, word, argText, argCol, { start: wordStart, end: wordStart + wm[1].length });
      return;
    }
    this.instruction(st, wm[1], word, { start: wordStart, end: wordStart + wm[1].length }, argText, argCol);
  }

  private directive(st: Stmt, word: string, args: string, argCol: number, span?: { start: number; end: number }): void {
    const at = span ?? { start: st.column, end: st.column + st.text.length };
    if (!isDirective(word)) {
      throw new AsmError(`unknown directive '${word}'${didYouMean(word, DIRECTIVE_NAMES)}`, at.start, at.end);
    }
    runDirective(this, { name: word, text: args, column: argCol, stmt: st, span: at });
  }

  private collect(st: Stmt, word: string): void {
    const c = this.collecting!;
    const opens = c.kind === 'macro' ? OPENERS_MACRO : OPENERS_LOOP;
    const close = c.kind === 'macro' ? '.endm' : '.endr';
    if (opens.has(word)) c.depth++;
    else if (word === close) {
      c.depth--;
      if (c.depth === 0) {
        this.collecting = null;
        c.finish(c.body);
        return;
      }
    } else if (c.kind === 'loop' && word === '.endm') {
      // `.endm` while collecting a loop: the loop is missing its .endr.
      throw new AsmError(`'.endm' inside ${firstWord(c.opener.text)} (missing .endr?)`);
    }
    c.body.push(st);
  }

  startCollecting(kind: 'macro' | 'loop', opener: Stmt, finish: (body: Stmt[]) => void): void {
    this.collecting = { kind, opener, body: [], depth: 1, frameDepth: this.frames.length, finish };
  }

  // ------------------------------------------------------------------ macros

  private expandMacro(def: MacroDef, st: Stmt, argText: string, span: { start: number; end: number }): void {
    const depth = this.frames.filter((f) => f.kind === 'macro').length;
    if (depth >= MAX_MACRO_DEPTH) {
      throw new AsmError(`macros nested more than ${MAX_MACRO_DEPTH} deep: does '${def.name}' invoke itself without end?`, span.start, span.end);
    }
    const vals = bindArgs(def, argText, { start: span.start, end: st.column + st.text.length });
    const counter = this.macroCounter++;
    const user = st.user;
    const body: Stmt[] = def.body.map((b) => {
      const text = substitute(b.text, vals, counter);
      const frame = { name: def.name, definedAt: def.definedAt, bodyAt: stmtRange(b.file, b.line, b.text, b.column) };
      return { ...b, text, substituted: b.substituted || text !== b.text, user, macros: [frame, ...st.macros] };
    });
    this.frames.push({ kind: 'macro', stmts: body, pos: 0, name: def.name, condBase: this.conds.length });
  }

  // ------------------------------------------------------------------ symbols and expressions

  /** Expression scope at the current statement. */
  readonly scope: ExprScope = {
    dot: () => ({ sec: this.cur.index, v: BigInt(this.cur.size) }),
    localLabel: (n, dir) => {
      const name = this.symbols.localRef(n, dir);
      return name ?? { error: `'${n}b' refers back to local label '${n}', which is not defined before this point` };
    },
  };

  readonly resolveNow = (name: string): Val | Expr | undefined => {
    const s = this.symbols.get(name);
    if (!s) return undefined;
    return s.val ?? s.expr;
  };

  parseExprText(text: string, column: number): { e: Expr; ts: TokenStream } {
    const ts = new TokenStream(tokenize(text, column));
    const e = parseExpr(ts, this.scope);
    return { e, ts };
  }

  /** Evaluate now; the value must be known (absolute, or a same-section label difference). */
  valueNow(e: Expr, what: string): bigint {
    let v: Val;
    try {
      v = evaluate(e, this.resolveNow);
    } catch (err) {
      if (err instanceof UndefinedSymbolError) {
        throw new AsmError(`${what} must be known here, but ${describeSym(err.symbol)} is not defined yet`, err.start, err.end);
      }
      if (err instanceof NotConstantError) throw new AsmError(`${what} must be a constant: ${err.message}`, err.start, err.end);
      throw err;
    }
    if (v.sec !== ABS) throw new AsmError(`${what} must be a constant, not an address`, e.start, e.end);
    return v.v;
  }

  defineLabel(name: string, st: Stmt, start: number, end: number): void {
    const at = { file: st.file, line: st.line, column: start };
    if (/^[0-9]+$/.test(name)) {
      const internal = this.symbols.defineLocal(Number(name));
      this.symbols.define(internal, 'label', false, at).val = { sec: this.cur.index, v: BigInt(this.cur.size) };
      return;
    }
    const old = this.symbols.get(name);
    if (old && !(old.kind === 'equ' && old.redefinable)) {
      const where = old.definedAt ? ` (first defined at ${old.definedAt.file}:${old.definedAt.line})` : '';
      throw new AsmError(`duplicate label '${name}'${where}`, start, end);
    }
    const e = this.symbols.define(name, 'label', false, at);
    if (old) {
      e.global = old.global;
      e.type = old.type;
    }
    e.val = { sec: this.cur.index, v: BigInt(this.cur.size) };
  }

  /** `.set` / `.equ` / `=` / `.equiv`. */
  assign(name: string, exprText: string, column: number, redefinable: boolean, equiv: boolean, st: Stmt, nameCol: number): void {
    const nameSpan = { start: nameCol, end: nameCol + name.length };
    const { e, ts } = this.parseExprText(exprText, column);
    if (!ts.atEnd()) throw new AsmError(`unexpected '${ts.peek().text}' after the expression`, ts.peek().start, ts.toks[ts.toks.length - 1].end);
    if (name === '.') {
      this.setDot(e);
      return;
    }
    const old = this.symbols.get(name);
    if (old && (old.kind === 'label' || equiv || !old.redefinable)) {
      const where = old.definedAt ? ` (at ${old.definedAt.file}:${old.definedAt.line})` : '';
      throw new AsmError(`symbol '${name}' is already defined${where}`, nameSpan.start, nameSpan.end);
    }
    const p = partial(e, this.resolveNow);
    const entry = this.symbols.define(name, 'equ', redefinable, { file: st.file, line: st.line, column: nameSpan.start });
    if (old) {
      entry.global = old.global;
      entry.type = old.type;
      entry.size = old.size;
    }
    if (p.k === 'num') entry.val = { sec: ABS, v: p.v };
    else if (p.k === 'rel') entry.val = { sec: p.sec, v: p.v };
    else entry.expr = p;
  }

  /** `. = expr`: advance the location counter. */
  private setDot(e: Expr): void {
    const v = evaluate(e, this.resolveNow);
    if (v.sec !== this.cur.index && v.sec !== ABS) throw new AsmError('`. =` must stay in the current section', e.start, e.end);
    const target = Number(v.v);
    if (target < this.cur.size) throw new AsmError(`cannot move the location counter backwards (from ${this.cur.size} to ${target})`, e.start, e.end);
    this.cur.emitFill(target - this.cur.size, 0);
  }

  // ------------------------------------------------------------------ instructions

  private instruction(st: Stmt, written: string, mnemonic: string, span: { start: number; end: number }, argText: string, argCol: number): void {
    const def = this.isa.get(mnemonic);
    if (!def) {
      const why = this.isa.unavailable(mnemonic);
      if (why) throw new AsmError(why, span.start, span.end);
      throw new AsmError(`unknown mnemonic '${written}'${didYouMean(mnemonic, this.isa.names())}`, span.start, span.end);
    }
    const sec = this.cur;
    if (sec.flags.nobits) throw new AsmError(`instructions cannot go in ${sec.name} (a section without contents)`, span.start, span.end);
    // Instructions are word-aligned: GNU as pads with zeros before an unaligned one.
    if (sec.size % 4 !== 0) sec.emitFill(4 - (sec.size % 4), 0);
    sec.requireAlign(4);
    const toks = tokenize(argText, argCol);
    let operands: Operand[] = parseOperands(toks, this.scope);
    operands = operands.map((o) => this.finishOperand(o, operands, mnemonic));
    const offset = sec.emitFill(4, 0);
    const last = toks.length > 1 ? toks[toks.length - 2].end : span.end;
    sec.pending.push({ kind: 'insn', offset, mnemonic, mnemonicSpan: { ...span, text: written }, operands, stmt: st, operandEnd: last });
    sec.map.push({ offset, size: 4, kind: 'instruction', stmt: st });
  }

  /** Partially evaluate operand expressions now (`.set` semantics) and place `=literal`s in the pool. */
  private finishOperand(o: Operand, all: Operand[], mnemonic: string): Operand {
    const p = (e: Expr): Expr => partial(e, this.resolveNow);
    switch (o.t) {
      case 'imm':
        return { ...o, e: p(o.e) };
      case 'shift':
        return { ...o, amount: p(o.amount) };
      case 'ext':
        return o.amount ? { ...o, amount: p(o.amount) } : o;
      case 'mem':
        return {
          ...o,
          imm: o.imm ? { ...o.imm, e: p(o.imm.e) } : undefined,
          indexMod: o.indexMod ? (o.indexMod.t === 'shift' ? { ...o.indexMod, amount: p(o.indexMod.amount) } : o.indexMod.amount ? { ...o.indexMod, amount: p(o.indexMod.amount) } : o.indexMod) : undefined,
        };
      case 'pool': {
        const size = poolSize(mnemonic, all[0]);
        if (size === undefined) {
          throw new AsmError(`'=' literals are only allowed as the second operand of 'ldr' (x, w, s, d or q register) or 'ldrsw'`, o.start, o.end);
        }
        const label = this.pools.add(this.cur, size, p(o.e), this.current!);
        return { t: 'imm', e: { k: 'sym', name: label, start: o.start, end: o.end }, hash: false, start: o.start, end: o.end };
      }
      default:
        return o;
    }
  }

  // ------------------------------------------------------------------ diagnostics

  report(st: Stmt, err: AsmError): void {
    this.diags.add(diagnosticFor(st, err));
  }

  warn(st: Stmt, message: string, start = 0, end = 0): void {
    this.report(st, new AsmError(message, start, end, 'warning'));
  }

  finish(): AssembledProgram {
    return finalize(this);
  }
}

// ------------------------------------------------------------------ helpers


function defaultFlags(name: string): SectionFlags {
  if (name === '.text' || name.startsWith('.text.')) return { alloc: true, write: false, exec: true, nobits: false };
  if (name === '.bss' || name.startsWith('.bss.') || name === '.sbss' || name.startsWith('.tbss')) return { alloc: true, write: true, exec: false, nobits: true };
  if (name === '.data' || name.startsWith('.data.') || name.startsWith('.sdata')) return { alloc: true, write: true, exec: false, nobits: false };
  if (name === '.rodata' || name.startsWith('.rodata.')) return { alloc: true, write: false, exec: false, nobits: false };
  return { alloc: false, write: false, exec: false, nobits: false };
}

function firstWord(text: string): string {
  const m = WORD_RE.exec(text.replace(LABEL_RE, ''));
  return m ? m[1].toLowerCase() : text.trim();
}

function describeSym(name: string): string {
  const d = displayName(name);
  return d === name ? `symbol '${name}'` : d;
}

/**
 * Place a statement-level error: at its columns in the statement the user wrote; inside a
 * macro expansion at the invocation, with the macro body line as related information.
 */
export function diagnosticFor(st: Stmt, err: AsmError): Diagnostic {
  const whole = stmtRange(st.file, st.line, st.text, st.column);
  let range: SourceRange;
  const related: RelatedInformation[] = [];
  if (st.macros.length) {
    range = st.user;
    for (const m of st.macros) {
      related.push({ ...m.bodyAt, message: `in expansion of macro '${m.name}'` });
    }
  } else if (err.start > 0 && !st.substituted) {
    range = { file: st.file, line: st.line, column: err.start, endColumn: Math.max(err.end, err.start + 1) };
  } else {
    range = whole;
  }
  const d: Diagnostic = { ...range, severity: err.severity, message: err.message };
  return related.length ? { ...d, related } : d;
}
