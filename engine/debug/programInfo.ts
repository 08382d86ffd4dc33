/**
 * What the debugger knows about the program beyond its bytes: symbols and the
 * address ↔ source map, whichever loader produced them (the assembler for `.S`,
 * ELF symbols and DWARF lines for compiled guests).
 */

export interface SourcePosition {
  /** Absolute path (or the name the program was given). */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

export type SymbolKind = 'function' | 'object' | 'label' | 'other';

export interface ProgramSymbol {
  name: string;
  address: number;
  /** 0 when unknown (labels). */
  size: number;
  kind: SymbolKind;
  global: boolean;
}

export class ProgramInfo {
  /** Sorted by address; ties keep functions before labels. */
  readonly symbols: ProgramSymbol[];
  private readonly byName = new Map<string, ProgramSymbol>();
  private readonly lineByAddr = new Map<number, SourcePosition>();
  private readonly addrsByLine = new Map<string, number[]>();
  /** Sorted line-start addresses, for instructions between starts (compiled code). */
  private readonly starts: number[];

  /**
   * `lines`: the source position of each line start (every instruction for assembly).
   * `ranges`: where line starts also cover the following instructions up to the next
   * start (DWARF sequences); outside them only exact addresses have a line.
   * `locations`: every (address, line) pair a breakpoint may bind to, when it differs
   * from `lines` (optimised code puts several lines at one address).
   */
  constructor(
    symbols: ProgramSymbol[],
    lines: Iterable<[number, SourcePosition]> = [],
    private readonly ranges: ReadonlyArray<{ start: number; end: number }> = [],
    locations?: Iterable<[number, SourcePosition]>,
  ) {
    const rank = (k: SymbolKind): number => (k === 'function' ? 0 : k === 'object' ? 1 : k === 'label' ? 2 : 3);
    this.symbols = [...symbols].sort((a, b) => a.address - b.address || rank(a.kind) - rank(b.kind));
    for (const s of this.symbols) if (!this.byName.has(s.name) || s.global) this.byName.set(s.name, s);
    const lineList = [...lines];
    for (const [addr, pos] of lineList) this.lineByAddr.set(addr, pos);
    for (const [addr, pos] of locations ?? lineList) {
      const key = `${pos.file}:${pos.line}`;
      const list = this.addrsByLine.get(key);
      if (!list) this.addrsByLine.set(key, [addr]);
      else if (!list.includes(addr)) list.push(addr);
    }
    for (const list of this.addrsByLine.values()) list.sort((a, b) => a - b);
    this.starts = [...this.lineByAddr.keys()].sort((a, b) => a - b);
  }

  symbol(name: string): ProgramSymbol | undefined {
    return this.byName.get(name);
  }

  /**
   * The symbol containing `addr`: the nearest at or below it, preferring one whose
   * size covers it; numeric local labels (.L*, digits) never name a frame.
   */
  symbolAt(addr: number): { symbol: ProgramSymbol; offset: number } | undefined {
    let lo = 0;
    let hi = this.symbols.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.symbols[mid].address <= addr) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    for (let k = best; k >= 0; k--) {
      const s = this.symbols[k];
      if (s.name.startsWith('.L') || /^\d/.test(s.name) || s.kind === 'object') continue;
      if (s.size > 0 && addr >= s.address + s.size) continue;
      return { symbol: s, offset: addr - s.address };
    }
    return undefined;
  }

  /** "name+0x10", or undefined when no symbol covers it. */
  describe(addr: number): string | undefined {
    const s = this.symbolAt(addr);
    if (!s) return undefined;
    return s.offset === 0 ? s.symbol.name : `${s.symbol.name}+0x${s.offset.toString(16)}`;
  }

  lineAt(addr: number): SourcePosition | undefined {
    const exact = this.lineByAddr.get(addr);
    if (exact || this.ranges.length === 0) return exact;
    if (!this.ranges.some((r) => addr >= r.start && addr < r.end)) return undefined;
    let lo = 0;
    let hi = this.starts.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid] <= addr) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return best < 0 ? undefined : this.lineByAddr.get(this.starts[best]);
  }

  /** Instruction addresses generated from `file:line` (empty if none). */
  addressesFor(file: string, line: number): number[] {
    return this.addrsByLine.get(`${file}:${line}`) ?? [];
  }

  /** Lines in `file` that have code, for moving a breakpoint on a blank line to the next one. */
  linesWithCode(file: string): number[] {
    const out: number[] = [];
    for (const key of this.addrsByLine.keys()) {
      const idx = key.lastIndexOf(':');
      if (key.slice(0, idx) === file) out.push(Number(key.slice(idx + 1)));
    }
    return out.sort((a, b) => a - b);
  }

  get sourceFiles(): string[] {
    return [...new Set([...this.lineByAddr.values()].map((p) => p.file))];
  }
}
