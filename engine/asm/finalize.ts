/**
 * The end of assembly: flush literal pools, lay the sections out from the base address,
 * then evaluate everything that waited for final addresses (instructions and data with
 * symbols) and build the program — image, symbols, source map, mapping symbols.
 */
import type { Fields } from '../cpu/encodingTable';
import type { Assembler } from './assembler';
import { AsmError } from './diagnostics';
import { ABS, Expr, NotConstantError, UndefinedSymbolError, Val, evaluate } from './expr';
import type { EncodeContext } from './insn/context';
import { PendingInsn, Section, truncationWarning } from './section';
import { SourceMap } from './sourceMap';
import type { Stmt } from './statement';
import { isLocalName } from './symbols';
import type { AsmSymbol, AssembledProgram, MappingSymbol, Segment } from './types';

export const DEFAULT_BASE = 0x80000000;

type Resolve = (name: string) => Val | Expr | undefined;
type Base = (sec: number) => bigint;

export function finalize(a: Assembler): AssembledProgram {
  for (const s of a.sections) a.pools.flush(s, a.symbols);
  const placed = layout(a.sections, a.options.base ?? DEFAULT_BASE);
  const base: Base = (sec) => BigInt(a.sections[sec].address);
  const resolve: Resolve = (name) => {
    const s = a.symbols.get(name);
    return s ? (s.val ?? s.expr) : undefined;
  };
  for (const sec of a.sections) {
    for (const p of sec.pending) {
      a.current = p.stmt;
      try {
        if (p.kind === 'data') storeData(a, sec, p.offset, p.size, p.e, p.stmt, resolve, base);
        else sec.store32(p.offset, encodeInsn(a, sec, p, resolve, base));
      } catch (err) {
        if (err instanceof UndefinedSymbolError) a.report(p.stmt, new AsmError(undefinedMessage(err.symbol), err.start, err.end));
        else if (err instanceof AsmError) a.report(p.stmt, err);
        else a.report(p.stmt, new AsmError(`internal assembler error (please report it): ${err instanceof Error ? err.message : String(err)}`));
      }
    }
  }
  const symbols = outputSymbols(a, resolve, base);
  const start = symbols.find((s) => s.name === '_start' && s.section !== null);
  const text = a.sections.find((s) => s.name === '.text')!;
  const { sourceMap, mappingSymbols } = maps(placed);
  const segments: Segment[] = placed.map((s) => ({
    name: s.name,
    address: s.address,
    bytes: s.flags.nobits ? new Uint8Array(s.size) : s.bytes.slice(0, s.size),
    flags: { ...s.flags },
    align: s.align,
  }));
  const diagnostics = a.diags.sorted();
  return {
    segments,
    entry: start ? start.address : text.address,
    symbols,
    sourceMap,
    mappingSymbols,
    diagnostics,
    ok: !diagnostics.some((d) => d.severity === 'error'),
  };
}

/**
 * Sections in image order — .text, other sections with contents in order of appearance,
 * .data, then those without contents (.bss) — each aligned to its largest `.align`, as a
 * linker script listing them in that order would place them. Returns the loaded ones.
 */
function layout(sections: Section[], baseAddress: number): Section[] {
  const alloc = sections.filter((s) => s.flags.alloc && (s.size > 0 || s.name === '.text'));
  const rank = (s: Section): number => (s.flags.nobits ? 3 : s.name === '.text' ? 0 : s.name === '.data' ? 2 : 1);
  const order = [...alloc].sort((x, y) => rank(x) - rank(y) || x.index - y.index);
  let addr = baseAddress;
  for (const s of order) {
    addr = Math.ceil(addr / s.align) * s.align;
    s.address = addr;
    addr += s.size;
  }
  // Sections that are not loaded (no "a" flag) still need an address for their symbols.
  for (const s of sections) if (!order.includes(s)) s.address = 0;
  return order;
}

/** Source map entries for every instruction and data item, and where code and data alternate. */
function maps(placed: Section[]): { sourceMap: SourceMap; mappingSymbols: MappingSymbol[] } {
  const sourceMap = new SourceMap();
  const mappingSymbols: MappingSymbol[] = [];
  for (const sec of placed) {
    let last: 'code' | 'data' | null = null;
    for (const m of sec.map) {
      const kind = m.kind === 'instruction' ? 'code' : 'data';
      if (kind !== last && !sec.flags.nobits) mappingSymbols.push({ address: sec.address + m.offset, kind });
      last = kind;
      const u = m.stmt.user;
      const macro = m.stmt.macros.length ? m.stmt.macros[m.stmt.macros.length - 1].name : undefined;
      sourceMap.add({ address: sec.address + m.offset, size: m.size, kind: m.kind, file: u.file, line: u.line, column: u.column, macro });
    }
  }
  return { sourceMap, mappingSymbols };
}

function storeData(a: Assembler, sec: Section, offset: number, size: number, e: Expr, st: Stmt, resolve: Resolve, base: Base): void {
  const v = evaluate(e, resolve, base).v;
  const warning = truncationWarning(v, size);
  if (warning) a.warn(st, warning, e.start, e.end);
  if (sec.flags.nobits && v !== 0n) {
    a.report(st, new AsmError(`non-zero data in ${sec.name} (a section without contents)`, e.start, e.end));
    return;
  }
  sec.store(offset, size, v);
}

function encodeInsn(a: Assembler, sec: Section, p: PendingInsn, resolve: Resolve, base: Base): number {
  const def = a.isa.get(p.mnemonic)!;
  const table = a.table;
  const operandSpan = p.operands.length
    ? { start: p.operands[0].start, end: p.operandEnd }
    : { start: p.mnemonicSpan.start, end: p.mnemonicSpan.end };
  const cx: EncodeContext = {
    mnemonic: p.mnemonic,
    pc: BigInt(sec.address + p.offset),
    value: (e: Expr) => evaluate(e, resolve, base).v,
    encode: (name: string, fields: Fields) => {
      const word = table.encodeFields(name, fields);
      // The CPU's decoder is the judge of which field values are allocated (sizes, arrangements…).
      const back = table.match(word);
      if (!back || back.enc.spec.name !== name) {
        const why = back ? '' : ' (the emulated CPU decodes no instruction from it)';
        throw new AsmError(`this combination of operands is not a valid '${p.mnemonicSpan.text}' instruction${why}`, operandSpan.start, operandSpan.end);
      }
      return word;
    },
    warn: (message, at) => a.warn(p.stmt, message, at?.start ?? 0, at?.end ?? 0),
    operandSpan,
  };
  return def.encode(p.operands, cx);
}

function outputSymbols(a: Assembler, resolve: Resolve, base: Base): AsmSymbol[] {
  const out: AsmSymbol[] = [];
  for (const s of a.symbols.all()) {
    if (isLocalName(s.name)) continue;
    let v: Val;
    try {
      try {
        v = s.val ?? evaluate(s.expr!, resolve);
      } catch (err) {
        // e.g. a difference of labels in two sections: known only as an absolute value
        if (!(err instanceof NotConstantError)) throw err;
        v = evaluate(s.expr!, resolve, base);
      }
    } catch (err) {
      if (err instanceof AsmError) continue; // reported where the symbol is used
      throw err;
    }
    const value = BigInt.asUintN(64, v.sec === ABS ? v.v : base(v.sec) + v.v);
    let size = 0;
    if (s.size) {
      try {
        size = Number(evaluate(s.size, resolve, base).v);
      } catch (err) {
        if (!(err instanceof AsmError)) throw err;
        if (s.definedAt) {
          const at = s.definedAt;
          a.diags.add({ file: at.file, line: at.line, column: at.column, endColumn: at.column + s.name.length, severity: 'error', message: `.size of '${s.name}': ${err.message}` });
        }
      }
    }
    const section = v.sec === ABS ? null : a.sections[v.sec].name;
    out.push({ name: s.name, address: Number(value), value, size, type: s.type, global: s.global, section, definedAt: s.definedAt });
  }
  return out.sort((x, y) => x.address - y.address || x.name.localeCompare(y.name));
}

function undefinedMessage(name: string): string {
  const m = /^\.L([0-9]+)\u0002/.exec(name);
  if (m) return `'${m[1]}f' refers forward to local label '${m[1]}', which is not defined after this point`;
  return `undefined symbol '${name}'`;
}
