/**
 * Completion by context: at the start of a statement, mnemonics (aliases included),
 * directives and the program's macros; in operands, registers, the program's labels and
 * constants (only constants after '#'), and condition, shift and extend keywords.
 */
import type { Analysis } from './analyzeDocument';
import { assemblerDirectives, assemblerMnemonics } from './assemblerVocabulary';
import { CursorContext, cursorContext } from './cursorContext';
import { baseName } from './diagnostics';
import { describeDirective } from './directiveDocs';
import { docComment } from './docComments';
import { CONDITIONAL_MNEMONICS, CONDITION_NAMES, describeCondition, describeMnemonic } from './mnemonics';
import { hex } from './numbers';
import { REGISTERS } from './registers';
import { describeFunctionId, describeFunctionNumber } from './smcccFunctions';
import { symbolValue } from './symbolValue';
import { Position, Range } from './types';

export type CompletionKind = 'mnemonic' | 'directive' | 'macro' | 'register' | 'label' | 'constant' | 'keyword';

export interface Completion {
  readonly label: string;
  readonly kind: CompletionKind;
  readonly detail?: string;
  readonly documentation?: string;
}

export interface CompletionResult {
  /** The word being typed, which a chosen item replaces. */
  readonly replace: Range;
  readonly items: ReadonlyArray<Completion>;
}

const SHIFTS_EXTENDS = ['lsl', 'lsr', 'asr', 'ror', 'uxtb', 'uxth', 'uxtw', 'uxtx', 'sxtb', 'sxth', 'sxtw', 'sxtx'];
/** Directives whose operands are not symbols (file names, section names, new names, strings). */
const NO_SYMBOL_OPERANDS = new Set(['.include', '.section', '.pushsection', '.macro', '.ascii', '.asciz', '.string', '.error', '.warning', '.print', '.arch', '.cpu', '.file', '.ident']);
const DEFINING = new Set(['.equ', '.set', '.eqv', '.equiv']);

/**
 * Items at `pos` of `text` (the document as it is now); names come from `a`, the latest
 * analysis of the document, which may lag a keystroke behind.
 */
export function completeAt(text: string, pos: Position, a: Analysis | undefined): CompletionResult | undefined {
  const cx = cursorContext(text, pos);
  if (!cx) return undefined;
  return { replace: cx.word, items: cx.kind === 'statement-start' ? statementStart(a) : operands(cx, a) };
}

function statementStart(a: Analysis | undefined): Completion[] {
  const items: Completion[] = [];
  for (const m of assemblerMnemonics()) items.push({ label: m, kind: 'mnemonic', detail: 'instruction', documentation: describeMnemonic(m) });
  for (const d of assemblerDirectives()) items.push({ label: d, kind: 'directive', detail: 'directive', documentation: describeDirective(d) });
  if (a) {
    for (const m of a.symbols.macros()) {
      const params = m.info.params.length ? ` ${m.info.params.join(', ')}` : '';
      const idx = a.files.get(m.file);
      const text = a.texts.get(m.file);
      const doc = idx && text !== undefined ? docComment(idx, text, m.info.nameRange.start.line) : undefined;
      const where = `Defined at ${baseName(m.file)}:${m.info.nameRange.start.line + 1}.`;
      items.push({ label: m.info.name, kind: 'macro', detail: `macro${params}`, documentation: [doc?.above, doc?.trailing, where].filter(Boolean).join('\n\n') });
    }
  }
  return items;
}

function operands(cx: Extract<CursorContext, { kind: 'operands' }>, a: Analysis | undefined): Completion[] {
  const prev = cx.before[cx.before.length - 1];
  const afterHash = prev?.kind === 'punct' && prev.text === '#';
  if (cx.head.startsWith('.')) {
    if (NO_SYMBOL_OPERANDS.has(cx.head)) return [];
    if (DEFINING.has(cx.head) && !cx.before.some((t) => t.kind === 'punct' && t.text === ',')) return [];
    return symbols(a, false);
  }
  if (afterHash) return symbols(a, true);
  const items: Completion[] = REGISTERS.map((r) => ({ label: r.name, kind: 'register' as const, detail: r.detail }));
  items.push(...symbols(a, false));
  if (CONDITIONAL_MNEMONICS.has(cx.head)) for (const c of CONDITION_NAMES) items.push({ label: c, kind: 'keyword', detail: `condition: ${describeCondition(c)}` });
  for (const s of SHIFTS_EXTENDS) items.push({ label: s, kind: 'keyword', detail: 'shift or extend' });
  return items;
}

function symbols(a: Analysis | undefined, constantsOnly: boolean): Completion[] {
  if (!a) return [];
  const items: Completion[] = [];
  for (const name of a.symbols.definedNames()) {
    const kind = a.symbols.definitionsOf(name)[0].kind;
    if (constantsOnly && kind !== 'equ') continue;
    const sym = a.symbols.asmSymbol(name);
    const v = sym ? symbolValue(sym, a.symbols.definitionsOf(name)) : undefined;
    const value = v ? ` = ${v.exact ? '' : '≈ '}${hex(v.value)}` : '';
    const byId = v && sym!.section === null ? describeFunctionId(v.value) : undefined;
    const byNumber = v && sym!.section === null && !byId ? describeFunctionNumber(name, v.value) : undefined;
    const fn = byId ? ` (${byId.name})` : byNumber ? ` (function number of ${byNumber.name})` : '';
    items.push({
      label: name,
      kind: kind === 'equ' ? 'constant' : 'label',
      detail: `${kind === 'equ' ? 'constant' : 'label'}${value}${fn}`,
      documentation: (byId ?? byNumber)?.meaning,
    });
  }
  return items;
}
