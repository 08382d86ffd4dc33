/**
 * Naming addresses the way objdump does: the nearest symbol at or below the address,
 * `name` or `name+0x<offset>`. Among symbols at one address objdump prefers functions, then
 * objects, then globals over locals, then names not starting with '.', then the
 * alphabetically first — `preferredSymbol` applies the same order, so labels and targets
 * read like `objdump -d`.
 */
import type { Symbolizer } from './disassemble';

export interface DisasmSymbol {
  readonly name: string;
  readonly addr: number;
  /** 'func' / 'object' / anything else (labels). */
  readonly type?: string;
  /** 'local' / 'global' / 'weak'. */
  readonly binding?: string;
}

/** Negative when `a` is objdump's better name for an address than `b`. */
function compareSymbolPreference(a: DisasmSymbol, b: DisasmSymbol): number {
  const rank = (s: DisasmSymbol): number[] => [
    s.type === 'func' ? 0 : 1,
    s.type === 'object' ? 0 : 1,
    s.binding === 'local' || s.binding === undefined ? 1 : 0,
    s.name.startsWith('.') ? 1 : 0,
  ];
  const ra = rank(a);
  const rb = rank(b);
  for (let k = 0; k < ra.length; k++) if (ra[k] !== rb[k]) return ra[k] - rb[k];
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** One name per address (the preferred one), sorted by address. */
export function preferredSymbols(symbols: ReadonlyArray<DisasmSymbol>): DisasmSymbol[] {
  const best = new Map<number, DisasmSymbol>();
  for (const s of symbols) {
    if (s.name === '') continue;
    const cur = best.get(s.addr);
    if (!cur || compareSymbolPreference(s, cur) < 0) best.set(s.addr, s);
  }
  return [...best.values()].sort((a, b) => a.addr - b.addr);
}

/** A symbolizer over `symbols`: `name` at a symbol's address, `name+0x<off>` above it, undefined below all. */
export function createSymbolizer(symbols: ReadonlyArray<DisasmSymbol>): Symbolizer {
  const sorted = preferredSymbols(symbols);
  return (address) => {
    let lo = 0;
    let hi = sorted.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid].addr <= address) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found < 0) return undefined;
    const s = sorted[found];
    return s.addr === address ? s.name : `${s.name}+0x${(address - s.addr).toString(16)}`;
  };
}
