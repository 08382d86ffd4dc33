/**
 * Formatters for engine/cpu/encodings/loadStoreExclusive.ts and loadStoreAtomic.ts:
 * exclusives, load-acquire/store-release (LDAPR included), LSE atomics with their
 * acquire/release suffixes and ST<op> aliases, CAS and CASP.
 */
import type { Fields } from '../cpu/encodingTable';
import { Formatter, fmt, gr, wr, xsp } from './operands';

const addr = (f: Fields): string => `[${xsp(f.n)}]`;

/** Byte/halfword forms (suffix 'b'/'h') always use W; the rest use `z` (size<0>). */
type Width = 'b' | 'h' | '';
const reg = (width: Width, f: Fields, r: number): string => (width === '' ? gr(f.z, r) : wr(r));

/** The access width an encoding name ends in: 'STLXRB' → 'b', 'LDXRH' → 'h', 'LDXR' → ''. */
const widthOf = (name: string): Width => (name.endsWith('B') ? 'b' : name.endsWith('H') ? 'h' : '');

const EXCLUSIVE_STORES = ['STXRB', 'STLXRB', 'STXRH', 'STLXRH', 'STXR', 'STLXR'];
const EXCLUSIVE_LOADS = ['LDXRB', 'LDAXRB', 'LDXRH', 'LDAXRH', 'LDXR', 'LDAXR'];
const ORDERED = [
  'STLLRB', 'STLRB', 'LDLARB', 'LDARB', 'STLLRH', 'STLRH', 'LDLARH', 'LDARH',
  'STLLR', 'STLR', 'LDLAR', 'LDAR', 'LDAPRB', 'LDAPRH', 'LDAPR',
];

function exclusiveFormatters(): Record<string, Formatter> {
  const out: Record<string, Formatter> = {};
  for (const name of EXCLUSIVE_STORES) {
    const w = widthOf(name);
    out[name] = (f) => fmt(name.toLowerCase(), wr(f.s), reg(w, f, f.t), addr(f));
  }
  for (const name of [...EXCLUSIVE_LOADS, ...ORDERED]) {
    const w = widthOf(name);
    out[name] = (f) => fmt(name.toLowerCase(), reg(w, f, f.t), addr(f));
  }
  for (const name of ['STXP', 'STLXP']) out[name] = (f) => fmt(name.toLowerCase(), wr(f.s), gr(f.z, f.t), gr(f.z, f.u), addr(f));
  for (const name of ['LDXP', 'LDAXP']) out[name] = (f) => fmt(name.toLowerCase(), gr(f.z, f.t), gr(f.z, f.u), addr(f));
  return out;
}

/** Acquire (A) / release (R) suffix: a, l, al. */
const ordering = (acquire: number, release: number): string => (acquire ? 'a' : '') + (release ? 'l' : '');

/** LD<op>{a|l|al}{b|h}; with Rt = ZR and no acquire, objdump prints ST<op>{l}{b|h} Rs, [Xn]. */
function atomic(op: string, width: Width, storeAlias: boolean): Formatter {
  return (f) => {
    if (storeAlias && f.t === 31 && f.A === 0) return fmt(`st${op}${ordering(0, f.R)}${width}`, reg(width, f, f.s), addr(f));
    return fmt(`${storeAlias ? 'ld' : ''}${op}${ordering(f.A, f.R)}${width}`, reg(width, f, f.s), reg(width, f, f.t), addr(f));
  };
}

function atomicFormatters(): Record<string, Formatter> {
  const out: Record<string, Formatter> = {};
  for (const op of ['add', 'clr', 'eor', 'set', 'smax', 'smin', 'umax', 'umin']) {
    for (const width of ['b', 'h', ''] as const) out[`LD${op.toUpperCase()}${width.toUpperCase()}`] = atomic(op, width, true);
  }
  for (const width of ['b', 'h', ''] as const) {
    out[`SWP${width.toUpperCase()}`] = atomic('swp', width, false);
    out[`CAS${width.toUpperCase()}`] = (f) => fmt(`cas${ordering(f.A, f.R)}${width}`, reg(width, f, f.s), reg(width, f, f.t), addr(f));
  }
  out.CASP = (f) => fmt(`casp${ordering(f.A, f.R)}`, gr(f.z, f.s), gr(f.z, f.s + 1), gr(f.z, f.t), gr(f.z, f.t + 1), addr(f));
  return out;
}

export const LOAD_STORE_ATOMIC_FORMATTERS: Readonly<Record<string, Formatter>> = {
  ...exclusiveFormatters(),
  ...atomicFormatters(),
};
