/**
 * The symbol table: labels (section + offset), `.equ`/`.set` symbols (a value, or an
 * expression over symbols defined later) and their attributes; numeric local labels
 * (`1:` … `1b`/`1f`) get unique internal names, as GNU as gives them.
 */
import { ABS, Expr, Val } from './expr';
import type { SourcePosition } from './types';

export type SymbolKind = 'label' | 'equ';

export interface SymbolEntry {
  readonly name: string;
  kind: SymbolKind;
  /** Value once known (labels always; `.equ` when its expression was resolvable). */
  val?: Val;
  /** `.equ` of an expression with forward references: evaluated when used. */
  expr?: Expr;
  /** `.set`/`=` symbols may be redefined; labels and `.equiv` may not. */
  redefinable: boolean;
  global: boolean;
  type: 'function' | 'object' | 'notype';
  size?: Expr;
  definedAt?: SourcePosition;
}

const LOCAL_SEP = '\u0002';

export class SymbolTable {
  private readonly syms = new Map<string, SymbolEntry>();
  /** Attributes (.global, .type, .size) given before the definition. */
  private readonly pendingAttrs = new Map<string, Partial<Pick<SymbolEntry, 'global' | 'type' | 'size'>>>();
  private readonly localCount = new Map<number, number>();

  get(name: string): SymbolEntry | undefined {
    return this.syms.get(name);
  }

  all(): IterableIterator<SymbolEntry> {
    return this.syms.values();
  }

  isDefined(name: string): boolean {
    return this.syms.has(name);
  }

  define(name: string, kind: SymbolKind, redefinable: boolean, at: SourcePosition | undefined): SymbolEntry {
    const attrs = this.pendingAttrs.get(name);
    this.pendingAttrs.delete(name);
    const e: SymbolEntry = {
      name,
      kind,
      redefinable,
      global: attrs?.global ?? false,
      type: attrs?.type ?? 'notype',
      size: attrs?.size,
      definedAt: at,
    };
    this.syms.set(name, e);
    return e;
  }

  /** Set an attribute on a symbol that may not be defined yet. */
  setAttr(name: string, attr: Partial<Pick<SymbolEntry, 'global' | 'type' | 'size'>>): void {
    const e = this.syms.get(name);
    if (e) Object.assign(e, attr);
    else this.pendingAttrs.set(name, { ...this.pendingAttrs.get(name), ...attr });
  }

  /** Define the next instance of numeric label `n`; returns its internal name. */
  defineLocal(n: number): string {
    const k = this.localCount.get(n) ?? 0;
    this.localCount.set(n, k + 1);
    return localName(n, k);
  }

  /** Internal name for `nb` (most recent definition) or `nf` (next definition). */
  localRef(n: number, dir: 'b' | 'f'): string | undefined {
    const k = this.localCount.get(n) ?? 0;
    if (dir === 'b') return k === 0 ? undefined : localName(n, k - 1);
    return localName(n, k);
  }
}

const localName = (n: number, k: number): string => `.L${n}${LOCAL_SEP}${k}`;

/** True for names that never reach the output symbol table (`.L…` and numeric locals). */
export function isLocalName(name: string): boolean {
  return name.startsWith('.L');
}

/** How a symbol name reads in a message: numeric local labels as `1f`/`1b` style. */
export function displayName(name: string): string {
  const i = name.indexOf(LOCAL_SEP);
  if (i < 0) return name;
  return `local label '${name.slice(2, i)}'`;
}

export const absVal = (v: bigint): Val => ({ sec: ABS, v });
