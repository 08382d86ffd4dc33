/**
 * Hovers: what an instruction or directive does, the value of a label or constant and
 * where it is defined (with its doc comment), the macro behind a call, where a numeric
 * local label reference lands, registers and condition names, and — for numbers and
 * constants — the SMCCC/PSCI function they name.
 */
import type { Token } from '../../engine/asm/lexer';
import type { Analysis } from './analyzeDocument';
import { isRegisterName } from './assemblerVocabulary';
import { baseName } from './diagnostics';
import { describeDirective } from './directiveDocs';
import { docComment } from './docComments';
import type { FileIndex, Statement } from './fileIndex';
import { CONDITIONAL_MNEMONICS, describeCondition, describeMnemonic } from './mnemonics';
import { formatValue, hex } from './numbers';
import { REGISTERS } from './registers';
import { FunctionInfo, describeFunctionId, describeFunctionNumber } from './smcccFunctions';
import type { Target } from './symbolModel';
import { symbolValue } from './symbolValue';
import { FileRange, Position, Range, range } from './types';

export interface HoverResult {
  readonly markdown: string;
  readonly range: Range;
}

export function hoverAt(a: Analysis, file: string, pos: Position): HoverResult | undefined {
  const idx = a.files.get(file);
  if (!idx) return undefined;
  const found = tokenAt(idx, pos);
  if (!found) return undefined;
  const { stmt, tok } = found;
  const at = range(stmt.line, tok.start, tok.end);
  const target = a.symbols.targetAt(file, pos);
  if (target) {
    const md = hoverTarget(a, target);
    if (md) return { markdown: md, range: at };
  }
  if (stmt.head && stmt.head.range.start.character === tok.start) {
    const md = hoverWord(tok.text);
    return md ? { markdown: md, range: at } : undefined;
  }
  if (tok.kind === 'num' && tok.value !== undefined) return { markdown: hoverNumber(tok.value), range: at };
  if (tok.kind === 'ident') {
    const md = hoverOperandWord(tok.text, stmt.head?.text.toLowerCase() ?? '');
    if (md) return { markdown: md, range: at };
  }
  return undefined;
}

/** Registers, and condition names in the operands of conditional instructions. */
function hoverOperandWord(word: string, head: string): string | undefined {
  if (isRegisterName(word)) {
    const base = word.toLowerCase().replace(/\..*$/, '');
    const r = REGISTERS.find((x) => x.name === base);
    return r && `**${word}** — ${r.detail}`;
  }
  const cond = CONDITIONAL_MNEMONICS.has(head) ? describeCondition(word) : undefined;
  return cond && `**${word}** (condition) — ${cond}`;
}

/** The statement and token under `pos` (a cursor right after a token still hits it). */
export function tokenAt(idx: FileIndex, pos: Position): { stmt: Statement; tok: Token } | undefined {
  for (const stmt of idx.statements) {
    if (stmt.line !== pos.line || pos.character < stmt.start || pos.character > stmt.end) continue;
    const inside = stmt.tokens.find((t) => t.start <= pos.character && pos.character < t.end);
    const tok = inside ?? stmt.tokens.find((t) => t.end === pos.character && t.kind !== 'punct');
    if (tok) return { stmt, tok };
  }
  return undefined;
}

function hoverWord(word: string): string | undefined {
  if (word.startsWith('.')) {
    const d = describeDirective(word);
    return d && `**${word.toLowerCase()}** (directive) — ${d}`;
  }
  const m = describeMnemonic(word);
  return m && `**${word.toUpperCase()}** — ${m}`;
}

function hoverNumber(v: bigint): string {
  const lines = [`${formatValue(v)}`];
  const f = describeFunctionId(v);
  if (f) lines.push('', functionBlock(f));
  return lines.join('\n');
}

function hoverTarget(a: Analysis, t: Target): string | undefined {
  if (t.kind === 'local') {
    if (!t.def) return `Numeric local label \`${t.n}\`: no definition ${t.dir === 'f' ? 'after' : 'before'} this point.`;
    const dir = t.dir === 'b' ? ' (the nearest one before)' : t.dir === 'f' ? ' (the nearest one after)' : '';
    return `Numeric local label \`${t.n}\`${dir}, defined at ${where(t.def)}${addressOnLine(a, t.def)}.`;
  }
  if (t.kind === 'macro') {
    const m = a.symbols.macro(t.name);
    if (!m) return undefined;
    const line = m.info.nameRange.start.line;
    const header = a.texts.get(m.file)?.split(/\r?\n/)[line]?.trim() ?? `.macro ${m.info.name}`;
    const out = ['```arm64-asm', header, '```'];
    const doc = documentation(a, { file: m.file, range: m.info.nameRange }, 'both');
    if (doc) out.push(doc, '');
    out.push(`Macro defined at ${where({ file: m.file, range: m.info.nameRange })}.`);
    return out.join('\n');
  }
  const defs = a.symbols.definitionsOf(t.name);
  const sym = a.symbols.asmSymbol(t.name);
  if (defs.length === 0 && !sym) return undefined;
  const kind = defs.length ? defs[0].kind : sym!.section === null ? 'equ' : 'label';
  const lines: string[] = [];
  if (sym) {
    const { value, exact } = symbolValue(sym, defs);
    const what = sym.section === null ? 'constant' : sym.type === 'function' ? 'function' : sym.type === 'object' ? 'data object' : 'label';
    lines.push(`**${what}** \`${t.name}\` = ${formatValue(value)}${exact ? '' : ' (approximate: the assembler reports values as doubles)'}`);
    const attrs = [sym.section ? `in ${sym.section}` : '', sym.global ? 'global' : '', sym.size ? `size ${sym.size} (${hex(BigInt(sym.size))})` : ''].filter(Boolean);
    if (attrs.length) lines.push('', attrs.join(', '));
  } else {
    const at = defs.length === 1 && kind === 'label' ? addressOnLine(a, defs[0]) : '';
    const why = t.name.startsWith('.L') ? 'local: not in the symbol table' : 'the symbol did not assemble';
    lines.push(`**${kind === 'equ' ? 'constant' : 'label'}** \`${t.name}\`${at || ` (no value: ${why})`}`);
  }
  if (defs.length) {
    const doc = documentation(a, defs[0], kind === 'equ' ? 'trailing-else-above' : 'label');
    if (doc) lines.push('', doc);
  }
  if (defs.length === 1) lines.push('', `Defined at ${where(defs[0])}.`);
  else if (defs.length > 1) lines.push('', `Defined ${defs.length} times (the value is the last one): ${defs.map(where).join(', ')}.`);
  if (sym && sym.section === null) {
    const value = symbolValue(sym, defs).value;
    const byId = describeFunctionId(value);
    const byNumber = byId ? undefined : describeFunctionNumber(t.name, value);
    if (byId) lines.push('', functionBlock(byId));
    else if (byNumber) lines.push('', functionBlock(byNumber, true));
  }
  return lines.join('\n');
}

/** What an SMCCC function does; `asNumber` when the constant is its function number, not its ID. */
function functionBlock(f: FunctionInfo, asNumber = false): string {
  const number = f.numberName ? ` (function number ${f.numberName} = ${f.id & 0xffff})` : '';
  const title = asNumber
    ? `**${f.numberName}** — KVM function number ${f.id & 0xffff}: the ${f.convention} function ID is ${hex(BigInt(f.id))} (${f.name}), ${f.service}`
    : `**${f.name}** — SMCCC function ID ${hex(BigInt(f.id))}${number}, ${f.convention}, ${f.service}`;
  const lines = [title, '', f.meaning];
  if (f.args) lines.push('', `Arguments: ${f.args}`);
  if (f.result) lines.push('', `Result: ${f.result}`);
  return lines.join('\n');
}

/**
 * The comment documenting a definition: for labels the lines above (and the end-of-line
 * comment when the label stands alone: otherwise it is about the instruction); for
 * constants the end-of-line comment, or the lines above; for macros both.
 */
function documentation(a: Analysis, def: FileRange, style: 'label' | 'trailing-else-above' | 'both'): string {
  const idx = a.files.get(def.file);
  const text = a.texts.get(def.file);
  if (!idx || text === undefined) return '';
  const line = def.range.start.line;
  const { above, trailing } = docComment(idx, text, line);
  if (style === 'trailing-else-above') return trailing || above;
  const alone = style === 'both' || idx.statements.filter((s) => s.line === line).every((s) => !s.head);
  return [above, alone ? trailing : ''].filter(Boolean).join('\n\n');
}

/**
 * Labels the assembler does not list (numeric and `.L` ones): their address when an
 * instruction shares their line, from the source map.
 */
function addressOnLine(a: Analysis, def: FileRange): string {
  const addrs = a.program.sourceMap.addressesFor(def.file, def.range.start.line + 1);
  return addrs.length === 1 ? `, at ${hex(BigInt(addrs[0]))}` : '';
}

function where(r: FileRange): string {
  return `${baseName(r.file)}:${r.range.start.line + 1}`;
}
