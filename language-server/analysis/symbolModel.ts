/**
 * Names across a program (a document and the files it includes): where labels, `.equ`
 * constants and macros are defined and used, and which definition each numeric local
 * label reference (`1b`, `2f`) reaches, following includes in assembly order.
 */
import type { AsmSymbol } from '../../engine/asm';
import type { FileIndex, LocalLabelDef, LocalLabelRef, MacroInfo, Occurrence } from './fileIndex';
import { FileRange, Position, Range, contains } from './types';

export interface Definition {
  readonly name: string;
  readonly kind: 'label' | 'equ';
  readonly file: string;
  readonly range: Range;
  /** A constant defined as a plain number: its exact value. */
  readonly literal?: bigint;
}

export interface MacroDefinition {
  readonly file: string;
  readonly info: MacroInfo;
}

/** What a position in the source names. */
export type Target =
  | { readonly kind: 'symbol'; readonly name: string; readonly range: Range }
  | { readonly kind: 'macro'; readonly name: string; readonly range: Range }
  | { readonly kind: 'local'; readonly n: number; readonly dir?: 'b' | 'f'; readonly range: Range; readonly def?: FileRange };

export interface OccurrenceAt extends FileRange {
  readonly isDefinition: boolean;
}

const key = (file: string, r: Range): string => `${file}\u0000${r.start.line}:${r.start.character}`;

export class SymbolModel {
  private readonly defs = new Map<string, Definition[]>();
  private readonly macroDefs = new Map<string, MacroDefinition>();
  private readonly asm = new Map<string, AsmSymbol>();
  /** Numeric local label reference → the definition it reaches. */
  private readonly localTargets = new Map<string, FileRange>();

  constructor(
    readonly files: ReadonlyMap<string, FileIndex>,
    symbols: ReadonlyArray<AsmSymbol>,
    /** The file an `.include` in `from` resolved to. */
    private readonly includeTarget: (from: string, path: string) => string | undefined,
    main: string,
  ) {
    for (const s of symbols) this.asm.set(s.name, s);
    for (const [file, idx] of files) {
      for (const o of idx.occurrences) {
        if (o.kind === 'label-def' || o.kind === 'equ-def') {
          const list = this.defs.get(o.name) ?? [];
          list.push({ name: o.name, kind: o.kind === 'label-def' ? 'label' : 'equ', file, range: o.range, literal: o.literal });
          this.defs.set(o.name, list);
        }
      }
      for (const m of idx.macros) {
        const lower = m.name.toLowerCase();
        if (!this.macroDefs.has(lower)) this.macroDefs.set(lower, { file, info: m });
      }
    }
    this.resolveLocalLabels(main);
  }

  /** Label and `.equ` definitions of `name` (several for `.set` redefinitions). */
  definitionsOf(name: string): ReadonlyArray<Definition> {
    return this.defs.get(name) ?? [];
  }

  macro(name: string): MacroDefinition | undefined {
    return this.macroDefs.get(name.toLowerCase());
  }

  /** The assembler's value for a (non-local) symbol. */
  asmSymbol(name: string): AsmSymbol | undefined {
    return this.asm.get(name);
  }

  /** Every defined label and constant name. */
  definedNames(): IterableIterator<string> {
    return this.defs.keys();
  }

  macros(): IterableIterator<MacroDefinition> {
    return this.macroDefs.values();
  }

  /** The name at `pos` in `file`, if any. */
  targetAt(file: string, pos: Position): Target | undefined {
    const idx = this.files.get(file);
    if (!idx) return undefined;
    const o = idx.occurrences.find((x) => contains(x.range, pos));
    if (o) return this.targetOf(o);
    const d = idx.localDefs.find((x) => contains(x.range, pos));
    if (d) return { kind: 'local', n: d.n, range: d.range, def: { file, range: d.range } };
    const r = idx.localRefs.find((x) => contains(x.range, pos));
    if (r) return { kind: 'local', n: r.n, dir: r.dir, range: r.range, def: this.localTargets.get(key(file, r.range)) };
    return undefined;
  }

  private targetOf(o: Occurrence): Target | undefined {
    switch (o.kind) {
      case 'macro-def':
      case 'macro-ref':
        return { kind: 'macro', name: o.name, range: o.range };
      case 'head':
        return this.macro(o.name) ? { kind: 'macro', name: o.name, range: o.range } : undefined;
      case 'symbol-ref':
        // Condition codes, shift names, system registers… are names too: only defined ones count.
        return this.defs.has(o.name) || this.asm.has(o.name) ? { kind: 'symbol', name: o.name, range: o.range } : undefined;
      default:
        return { kind: 'symbol', name: o.name, range: o.range };
    }
  }

  /** Where the target is defined. */
  definitionOf(t: Target): FileRange[] {
    if (t.kind === 'symbol') return this.definitionsOf(t.name).map((d) => ({ file: d.file, range: d.range }));
    if (t.kind === 'macro') {
      const m = this.macro(t.name);
      return m ? [{ file: m.file, range: m.info.nameRange }] : [];
    }
    return t.def ? [t.def] : [];
  }

  /** Every occurrence of the target (definitions included), in file order. */
  occurrencesOf(t: Target): OccurrenceAt[] {
    const out: OccurrenceAt[] = [];
    if (t.kind === 'local') {
      if (!t.def) return [];
      const defKey = key(t.def.file, t.def.range);
      out.push({ ...t.def, isDefinition: true });
      for (const [file, idx] of this.files) {
        for (const r of idx.localRefs) {
          const d = this.localTargets.get(key(file, r.range));
          if (d && key(d.file, d.range) === defKey) out.push({ file, range: r.range, isDefinition: false });
        }
      }
      return out;
    }
    const lower = t.name.toLowerCase();
    for (const [file, idx] of this.files) {
      for (const o of idx.occurrences) {
        if (t.kind === 'symbol') {
          if (o.name === t.name && (o.kind === 'label-def' || o.kind === 'equ-def' || o.kind === 'symbol-ref')) {
            out.push({ file, range: o.range, isDefinition: o.kind !== 'symbol-ref' });
          }
        } else if (o.name.toLowerCase() === lower && (o.kind === 'macro-def' || o.kind === 'macro-ref' || o.kind === 'head')) {
          out.push({ file, range: o.range, isDefinition: o.kind === 'macro-def' });
        }
      }
    }
    return out;
  }

  /**
   * Numeric local labels: outside macros, `1b`/`1f` count definitions in assembly order
   * (an `.include` brings its file's labels in at that point); inside a macro body they
   * resolve within the body, as each expansion does.
   */
  private resolveLocalLabels(main: string): void {
    type Item = { file: string; def?: LocalLabelDef; ref?: LocalLabelRef };
    const streams = new Map<string, Item[]>();
    const push = (stream: string, item: Item): void => {
      const s = streams.get(stream);
      if (s) s.push(item);
      else streams.set(stream, [item]);
    };
    const walk = (file: string, stack: string[]): void => {
      const idx = this.files.get(file);
      if (!idx) return;
      const items: Array<{ seq: number; run: () => void }> = [];
      for (const d of idx.localDefs) items.push({ seq: d.seq, run: () => push(d.scope ? `${file}#${d.scope}` : '', { file, def: d }) });
      for (const r of idx.localRefs) items.push({ seq: r.seq, run: () => push(r.scope ? `${file}#${r.scope}` : '', { file, ref: r }) });
      for (const inc of idx.includes) {
        items.push({
          seq: inc.seq,
          run: () => {
            const target = this.includeTarget(file, inc.path);
            if (target && !stack.includes(target)) walk(target, [...stack, target]);
          },
        });
      }
      items.sort((a, b) => a.seq - b.seq);
      for (const it of items) it.run();
    };
    walk(main, [main]);
    for (const items of streams.values()) {
      items.forEach((it, i) => {
        if (!it.ref) return;
        const r = it.ref;
        let found: Item | undefined;
        if (r.dir === 'b') {
          for (let j = i - 1; j >= 0 && !found; j--) if (items[j].def?.n === r.n) found = items[j];
        } else {
          for (let j = i + 1; j < items.length && !found; j++) if (items[j].def?.n === r.n) found = items[j];
        }
        if (found) this.localTargets.set(key(it.file, r.range), { file: found.file, range: found.def!.range });
      });
    }
  }
}
