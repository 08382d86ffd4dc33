/**
 * Address ↔ source line mapping for the debugger: which statement produced the bytes at
 * an address, and which instruction addresses a line produced (for breakpoints).
 */
import type { SourceMapEntry } from './types';

export class SourceMap {
  private readonly entries: SourceMapEntry[] = [];
  private sorted = true;
  private byLine: Map<string, Map<number, number[]>> | null = null;

  add(e: SourceMapEntry): void {
    const last = this.entries[this.entries.length - 1];
    if (last && last.address > e.address) this.sorted = false;
    this.entries.push(e);
    this.byLine = null;
  }

  /** All entries in address order. */
  all(): ReadonlyArray<SourceMapEntry> {
    this.sort();
    return this.entries;
  }

  /** The entry whose bytes contain `address`, if any. */
  at(address: number): SourceMapEntry | undefined {
    this.sort();
    let lo = 0;
    let hi = this.entries.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const e = this.entries[mid];
      if (address < e.address) hi = mid - 1;
      else if (address >= e.address + e.size) lo = mid + 1;
      else return e;
    }
    return undefined;
  }

  /**
   * Instruction addresses produced by `line` of `file`, in address order (a macro call
   * produces several; a `.rept` body line one per iteration). Data lines are not included.
   */
  addressesFor(file: string, line: number): number[] {
    return this.lineIndex().get(file)?.get(line) ?? [];
  }

  /** Lines of `file` that produced at least one instruction (where a breakpoint can bind). */
  linesWithCode(file: string): number[] {
    return [...(this.lineIndex().get(file)?.keys() ?? [])].sort((a, b) => a - b);
  }

  /** Files that produced bytes. */
  files(): string[] {
    return [...new Set(this.entries.map((e) => e.file))];
  }

  private sort(): void {
    if (this.sorted) return;
    this.entries.sort((a, b) => a.address - b.address);
    this.sorted = true;
  }

  private lineIndex(): Map<string, Map<number, number[]>> {
    if (this.byLine) return this.byLine;
    this.sort();
    const idx = new Map<string, Map<number, number[]>>();
    for (const e of this.entries) {
      if (e.kind !== 'instruction') continue;
      let f = idx.get(e.file);
      if (!f) idx.set(e.file, (f = new Map()));
      const list = f.get(e.line);
      if (list) list.push(e.address);
      else f.set(e.line, [e.address]);
    }
    return (this.byLine = idx);
  }
}
