/**
 * What one source file says, statement by statement, for navigation: label, `.equ` and
 * macro definitions, names used in operands and expressions, numeric local labels,
 * `.include`s and section switches. Built from the assembler's own scrubber (comments,
 * `;` statements) and lexer, so columns match the assembler's diagnostics exactly.
 *
 * The index is syntactic: whether a name in an operand really refers to a symbol is
 * decided with the whole program's definitions (see symbolModel.ts).
 */
import type { Token } from '../../engine/asm/lexer';
import { scrubSource } from '../../engine/asm/sourceText';
import { isRegisterName } from './assemblerVocabulary';
import { labelTokenCount, lenientTokens } from './lenientTokens';
import { Range, range } from './types';

export type OccurrenceKind =
  /** `name:` */
  | 'label-def'
  /** `.equ/.set/.eqv/.equiv name, …` and `name = …` */
  | 'equ-def'
  /** `.macro name …` */
  | 'macro-def'
  /** A name in an operand or expression. */
  | 'symbol-ref'
  /** The statement's first word when it is not a directive: a mnemonic or a macro call. */
  | 'head'
  /** `.purgem name` */
  | 'macro-ref';

export interface Occurrence {
  readonly name: string;
  readonly kind: OccurrenceKind;
  readonly range: Range;
  /** 0 outside macro bodies; k inside the body of the file's k-th `.macro`. */
  readonly scope: number;
  /** Order of appearance in the file (for numeric local labels and includes). */
  readonly seq: number;
  /** 'equ-def' of a plain number (`.equ X, -1`): its exact 64-bit value. */
  readonly literal?: bigint;
}

export interface LocalLabelDef {
  readonly n: number;
  readonly range: Range;
  readonly scope: number;
  readonly seq: number;
}

export interface LocalLabelRef extends LocalLabelDef {
  readonly dir: 'b' | 'f';
}

export interface IncludeDirective {
  readonly path: string;
  /** The quoted file name. */
  readonly range: Range;
  readonly seq: number;
}

export type SectionSwitchKind = 'switch' | 'push' | 'pop' | 'previous';

export interface SectionSwitch {
  readonly kind: SectionSwitchKind;
  /** Section name for 'switch' and 'push'. */
  readonly name?: string;
  /** The directive word. */
  readonly range: Range;
}

export interface MacroInfo {
  readonly name: string;
  readonly params: ReadonlyArray<string>;
  readonly nameRange: Range;
  /** From the `.macro` line to the `.endm` line (or the end of the file). */
  readonly range: Range;
  readonly scope: number;
}

export interface TypeAttribute {
  readonly name: string;
  readonly type: 'function' | 'object' | 'notype';
}

/** One statement (a line holds one or more, separated by `;`). */
export interface Statement {
  readonly line: number;
  /** Characters of the statement's non-blank text. */
  readonly start: number;
  readonly end: number;
  /** Every token, positions in 0-based characters. */
  readonly tokens: ReadonlyArray<Token>;
  /** The first word after the labels (a directive, mnemonic or macro name). */
  readonly head?: { readonly text: string; readonly range: Range };
  readonly scope: number;
}

export interface FileIndex {
  readonly file: string;
  readonly lineCount: number;
  readonly statements: ReadonlyArray<Statement>;
  readonly occurrences: ReadonlyArray<Occurrence>;
  readonly localDefs: ReadonlyArray<LocalLabelDef>;
  readonly localRefs: ReadonlyArray<LocalLabelRef>;
  readonly includes: ReadonlyArray<IncludeDirective>;
  readonly sections: ReadonlyArray<SectionSwitch>;
  readonly macros: ReadonlyArray<MacroInfo>;
  readonly types: ReadonlyArray<TypeAttribute>;
}

const EQU_DIRECTIVES = new Set(['.equ', '.set', '.eqv', '.equiv']);
const IFDEF_DIRECTIVES = new Set(['.ifdef', '.ifndef', '.ifnotdef']);
/** Directives whose arguments are never symbol references. */
const NO_REFS = new Set(['.section', '.pushsection', '.include', '.macro', '.irp', '.irpc', '.ascii', '.asciz', '.string', '.print', '.err', '.error', '.warning', '.arch', '.arch_extension', '.cpu', '.file', '.ident']);

export function indexFile(file: string, text: string): FileIndex {
  const scrub = scrubSource(text);
  const b = new Builder(file);
  for (const l of scrub.lines) for (const s of l.statements) b.statement(l.line - 1, s.text, s.column - 1);
  b.finish(scrub.lines.length);
  return b.result(scrub.lines.length);
}

class Builder {
  readonly statements: Statement[] = [];
  readonly occurrences: Occurrence[] = [];
  readonly localDefs: LocalLabelDef[] = [];
  readonly localRefs: LocalLabelRef[] = [];
  readonly includes: IncludeDirective[] = [];
  readonly sections: SectionSwitch[] = [];
  readonly macros: MacroInfo[] = [];
  readonly types: TypeAttribute[] = [];
  private seq = 0;
  /** The `.macro` being collected (the outermost one) and the nesting depth inside it. */
  private openMacro: { info: Omit<MacroInfo, 'range'> & { startLine: number; startChar: number }; depth: number } | null = null;
  private scope = 0;

  constructor(readonly file: string) {}

  statement(line: number, text: string, col0: number): void {
    const { tokens, substituted } = lenientTokens(text, col0);
    const lead = text.length - text.trimStart().length;
    const start = col0 + lead;
    const end = col0 + text.length;
    const k = labelTokenCount(tokens);
    const labels = tokens.slice(0, k).filter((t) => t.kind !== 'punct');
    const headTok = tokens[k]?.kind === 'ident' ? tokens[k] : undefined;
    const word = headTok?.text.toLowerCase() ?? '';

    // Macro bodies are collected verbatim by the assembler: track nesting before anything else.
    if (this.openMacro) {
      if (word === '.macro') this.openMacro.depth++;
      else if (word === '.endm' && --this.openMacro.depth === 0) {
        const m = this.openMacro.info;
        this.macros.push({ name: m.name, params: m.params, nameRange: m.nameRange, scope: m.scope, range: { start: { line: m.startLine, character: m.startChar }, end: { line, character: end } } });
        this.openMacro = null;
        this.scope = 0;
        this.statements.push({ line, start, end, tokens, head: headTok && { text: headTok.text, range: tokRange(line, headTok) }, scope: 0 });
        return;
      }
    }
    const scope = this.scope;
    this.statements.push({ line, start, end, tokens, head: headTok && { text: headTok.text, range: tokRange(line, headTok) }, scope });

    for (const l of labels) {
      if (substituted.has(l)) continue;
      if (l.kind === 'num') this.localDefs.push({ n: Number(l.value), range: tokRange(line, l), scope, seq: this.seq++ });
      else this.occ(l.text, 'label-def', line, l, scope);
    }
    if (!headTok) return;
    const rest = tokens.slice(k + 1);

    // `name = expr`
    if (rest[0]?.kind === 'punct' && rest[0].text === '=') {
      if (!substituted.has(headTok)) this.occ(headTok.text, 'equ-def', line, headTok, scope, literalValue(rest.slice(1)));
      this.refs(line, rest.slice(1), substituted, scope);
      return;
    }
    if (!word.startsWith('.')) {
      if (!substituted.has(headTok)) this.occ(headTok.text, 'head', line, headTok, scope);
      this.refs(line, rest, substituted, scope);
      return;
    }
    this.directive(line, word, headTok, rest, text, col0, substituted, scope);
  }

  private directive(line: number, word: string, headTok: Token, rest: Token[], text: string, col0: number, substituted: ReadonlySet<Token>, scope: number): void {
    const first = rest[0];
    if (EQU_DIRECTIVES.has(word)) {
      if (first?.kind === 'ident' && !substituted.has(first)) this.occ(first.text, 'equ-def', line, first, scope, literalValue(rest.slice(2)));
      this.refs(line, rest.slice(1), substituted, scope);
      return;
    }
    if (word === '.macro') {
      if (first?.kind !== 'ident') return;
      const params = rest.slice(1).filter((t, i, all) => t.kind === 'ident' && !isAfter(all, i, ['=', ':'])).map((t) => t.text);
      if (this.openMacro) return; // nested definition: part of the outer body
      const info = { name: first.text, params, nameRange: tokRange(line, first), scope: this.macros.length + 1, startLine: line, startChar: headTok.start };
      this.occ(first.text, 'macro-def', line, first, scope);
      this.openMacro = { info, depth: 1 };
      this.scope = info.scope;
      return;
    }
    if (word === '.purgem') {
      if (first?.kind === 'ident') this.occ(first.text, 'macro-ref', line, first, scope);
      return;
    }
    if (word === '.include') {
      if (first?.kind === 'string' && first.bytes) this.includes.push({ path: String.fromCharCode(...first.bytes), range: tokRange(line, first), seq: this.seq++ });
      return;
    }
    // Section switches inside a macro body happen where the macro is used, not here.
    if ((word === '.text' || word === '.data' || word === '.bss') && scope === 0) {
      this.sections.push({ kind: 'switch', name: word, range: tokRange(line, headTok) });
      return;
    }
    if ((word === '.section' || word === '.pushsection') && scope === 0) {
      const argStart = headTok.end - col0;
      const name = sectionName(text.slice(argStart));
      this.sections.push({ kind: word === '.section' ? 'switch' : 'push', name, range: tokRange(line, headTok) });
      return;
    }
    if ((word === '.popsection' || word === '.previous') && scope === 0) {
      this.sections.push({ kind: word === '.popsection' ? 'pop' : 'previous', range: tokRange(line, headTok) });
      return;
    }
    if (word === '.type' && first?.kind === 'ident') {
      const kind = rest.slice(1).find((t) => t.kind === 'ident')?.text.toLowerCase();
      const type = kind === 'function' || kind === 'stt_func' ? 'function' : kind === 'object' || kind === 'stt_object' ? 'object' : 'notype';
      this.types.push({ name: first.text, type });
      this.refs(line, [first], substituted, scope);
      return;
    }
    if (IFDEF_DIRECTIVES.has(word)) {
      this.refs(line, rest.slice(0, 1), substituted, scope);
      return;
    }
    if (NO_REFS.has(word)) return;
    this.refs(line, rest, substituted, scope);
  }

  /** Names in operand/expression tokens: not registers, not relocation operators (`:lo12:`). */
  private refs(line: number, toks: ReadonlyArray<Token>, substituted: ReadonlySet<Token>, scope: number): void {
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i];
      if (t.kind === 'localref' && t.local) {
        this.localRefs.push({ n: t.local.n, dir: t.local.dir, range: tokRange(line, t), scope, seq: this.seq++ });
        continue;
      }
      if (t.kind !== 'ident' || substituted.has(t) || t.text === '.') continue;
      if (isRegisterName(t.text)) continue;
      if (isPunct(toks[i - 1], ':') && isPunct(toks[i + 1], ':')) continue;
      this.occ(t.text, 'symbol-ref', line, t, scope);
    }
  }

  private occ(name: string, kind: OccurrenceKind, line: number, t: Token, scope: number, literal?: bigint): void {
    this.occurrences.push({ name, kind, range: tokRange(line, t), scope, seq: this.seq++, ...(literal === undefined ? {} : { literal }) });
  }

  finish(lineCount: number): void {
    if (!this.openMacro) return;
    const m = this.openMacro.info;
    this.macros.push({ name: m.name, params: m.params, nameRange: m.nameRange, scope: m.scope, range: { start: { line: m.startLine, character: m.startChar }, end: { line: Math.max(0, lineCount - 1), character: 0 } } });
    this.openMacro = null;
  }

  result(lineCount: number): FileIndex {
    return {
      file: this.file,
      lineCount,
      statements: this.statements,
      occurrences: this.occurrences,
      localDefs: this.localDefs,
      localRefs: this.localRefs,
      includes: this.includes,
      sections: this.sections,
      macros: this.macros,
      types: this.types,
    };
  }
}

/** The value of an expression that is one number with an optional sign, as 64 bits. */
function literalValue(toks: ReadonlyArray<Token>): bigint | undefined {
  const [a, b] = toks;
  if (toks.length === 1 && a.kind === 'num') return BigInt.asUintN(64, a.value!);
  if (toks.length === 2 && a.kind === 'punct' && (a.text === '-' || a.text === '+') && b.kind === 'num') return BigInt.asUintN(64, a.text === '-' ? -b.value! : b.value!);
  return undefined;
}

function tokRange(line: number, t: Token): Range {
  return range(line, t.start, t.end);
}

function isPunct(t: Token | undefined, p: string): boolean {
  return t !== undefined && t.kind === 'punct' && t.text === p;
}

/** True when the token before `all[i]` is one of `ops` (a macro parameter's default or qualifier). */
function isAfter(all: ReadonlyArray<Token>, i: number, ops: string[]): boolean {
  const prev = all[i - 1];
  return prev !== undefined && prev.kind === 'punct' && ops.includes(prev.text);
}

/** The section name of `.section name, "flags", %type` (quoted or bare). */
function sectionName(args: string): string | undefined {
  const first = args.split(',')[0].trim();
  if (first === '') return undefined;
  return first.startsWith('"') && first.endsWith('"') && first.length >= 2 ? first.slice(1, -1) : first;
}
