/**
 * The outline of one file: sections, with the labels (functions, data objects), `.equ`
 * constants and macros written in them. A label's range runs to the next label, so the
 * breadcrumb shows the function the cursor is in.
 */
import type { Analysis } from './analyzeDocument';
import type { FileIndex } from './fileIndex';
import { hex } from './numbers';
import { symbolValue } from './symbolValue';
import { Range, range } from './types';

export type OutlineKind = 'section' | 'function' | 'object' | 'label' | 'constant' | 'macro';

export interface OutlineSymbol {
  readonly name: string;
  readonly kind: OutlineKind;
  readonly detail?: string;
  readonly range: Range;
  readonly selectionRange: Range;
  readonly children: OutlineSymbol[];
}

interface Event {
  readonly kind: 'section' | 'label' | 'constant' | 'macro';
  readonly name: string;
  readonly sel: Range;
  /** Macros: from `.macro` to `.endm`. */
  readonly range?: Range;
  readonly params?: ReadonlyArray<string>;
}

const DATA_SECTIONS = /^\.(data|bss|rodata|sdata|sbss|tbss)(\.|$)/;

export function documentSymbols(a: Analysis, file: string): OutlineSymbol[] {
  const idx = a.files.get(file);
  const text = a.texts.get(file);
  if (!idx || text === undefined) return [];
  const lines = text.split(/\r?\n/);
  const endOf = (l: number): { line: number; character: number } => ({ line: l, character: lines[l]?.length ?? 0 });
  const events = [...sectionEvents(idx), ...nameEvents(idx)].sort((x, y) => x.sel.start.line - y.sel.start.line || x.sel.start.character - y.sel.start.character);
  const types = new Map(idx.types.map((t) => [t.name, t.type]));

  const top: OutlineSymbol[] = [];
  let section: OutlineSymbol | null = null;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    const line = e.sel.start.line;
    if (e.kind === 'section') {
      // A section runs until the next switch.
      const next = events.slice(i + 1).find((x) => x.kind === 'section');
      section = { name: e.name, kind: 'section', range: { start: e.sel.start, end: endOf(next ? Math.max(line, next.sel.start.line - 1) : lines.length - 1) }, selectionRange: e.sel, children: [] };
      top.push(section);
      continue;
    }
    const into = section ? section.children : top;
    if (e.kind === 'macro') {
      into.push({ name: e.name, kind: 'macro', detail: e.params?.join(', '), range: e.range!, selectionRange: e.sel, children: [] });
      continue;
    }
    const sym = a.symbols.asmSymbol(e.name);
    const v = sym ? symbolValue(sym, a.symbols.definitionsOf(e.name)) : undefined;
    const detail = v ? `${v.exact ? '' : '≈ '}${hex(v.value)}` : undefined;
    if (e.kind === 'constant') {
      into.push({ name: e.name, kind: 'constant', detail, range: range(line, 0, endOf(line).character), selectionRange: e.sel, children: [] });
      continue;
    }
    // A label runs until the next label, macro or section.
    const next = events.slice(i + 1).find((x) => x.kind !== 'constant');
    const type = types.get(e.name) ?? sym?.type;
    const inData = DATA_SECTIONS.test(sym?.section ?? section?.name ?? '.text');
    const kind: OutlineKind = type === 'function' ? 'function' : type === 'object' || inData ? 'object' : 'label';
    into.push({ name: e.name, kind, detail, range: { start: e.sel.start, end: endOf(next ? Math.max(line, next.sel.start.line - 1) : lines.length - 1) }, selectionRange: e.sel, children: [] });
  }
  return top;
}

/** Section switches with the section each one enters (`.popsection` and `.previous` followed). */
function sectionEvents(idx: FileIndex): Event[] {
  const out: Event[] = [];
  const stack: string[] = [];
  let current = '.text';
  let previous: string | null = null;
  for (const s of idx.sections) {
    let name: string | undefined;
    if (s.kind === 'switch') name = s.name;
    else if (s.kind === 'push') {
      stack.push(current);
      name = s.name;
    } else if (s.kind === 'pop') name = stack.pop();
    else name = previous ?? undefined;
    if (!name) continue;
    if (name !== current) previous = current;
    current = name;
    out.push({ kind: 'section', name, sel: s.range });
  }
  return out;
}

/** Labels, constants and macros defined outside macro bodies. */
function nameEvents(idx: FileIndex): Event[] {
  const out: Event[] = [];
  for (const o of idx.occurrences) {
    if (o.scope !== 0) continue;
    if (o.kind === 'label-def') out.push({ kind: 'label', name: o.name, sel: o.range });
    else if (o.kind === 'equ-def') out.push({ kind: 'constant', name: o.name, sel: o.range });
  }
  for (const m of idx.macros) out.push({ kind: 'macro', name: m.name, sel: m.nameRange, range: m.range, params: m.params });
  return out;
}
