/**
 * The A64 disassembler: one instruction word at an address to objdump-style text.
 *
 * The encoding is identified by the CPU's own table (`a64Table().match`), so decoding and
 * disassembly share one definition of every encoding; the formatter for that line (by
 * encoding name) spells the operands. Results for position-independent instructions are
 * cached by word, since a Disassembly view asks for the same code again and again.
 */
import { a64Table } from '../cpu/encodings';
import { FORMATTERS } from './formatters';
import type { FormatContext } from './operands';

/** Names an address for branch/literal targets, e.g. `mem_share` or `loop+0x8`; undefined when unknown. */
export type Symbolizer = (address: number) => string | undefined;

export interface DisassembleOptions {
  readonly symbolizer?: Symbolizer;
}

export interface Disassembly {
  /** objdump's text: `mnemonic\toperands` (or just the mnemonic). */
  readonly text: string;
  readonly mnemonic: string;
  /** The operands as printed, comma-separated. */
  readonly operands: string;
  /** Branch, ADR/ADRP or literal target address (absent when it lies beyond 2^53). */
  readonly target?: number;
  /** True when the CPU does not decode this word (it would raise an Undefined Instruction exception). */
  readonly invalid: boolean;
  /** The encoding line (`ADD_imm`, `LDR_imm_post`, …), absent for invalid words. */
  readonly encoding?: string;
}

const CACHE_LIMIT = 1 << 16;
const cache = new Map<number, Disassembly>();

export function disassemble(word: number, address: number, options: DisassembleOptions = {}): Disassembly {
  if (!Number.isSafeInteger(address) || address < 0) throw new RangeError(`disassemble: address ${address} is not a non-negative integer`);
  const w = word >>> 0;
  const hit = cache.get(w);
  if (hit) return hit;

  const m = a64Table().match(w);
  if (!m) return undefinedWord(w);
  const name = m.enc.spec.name;
  const formatter = FORMATTERS.get(name);
  // A line added to the CPU table without a formatter (test/unit/disasm.coverage.test.ts
  // catches that): still show the word, and say which encoding it is.
  if (!formatter) return unformatted(w, name);

  let target: bigint | undefined;
  const ctx: FormatContext = {
    address: BigInt(address),
    label(t) {
      target = t;
      const n = Number(t);
      const symbol = n <= Number.MAX_SAFE_INTEGER ? options.symbolizer?.(n) : undefined;
      return symbol === undefined ? `0x${t.toString(16)}` : `${t.toString(16)} <${symbol}>`;
    },
  };
  const { mnemonic, operands } = formatter(m.fields, ctx);
  const ops = operands.join(', ');
  const result: Disassembly = {
    text: ops ? `${mnemonic}\t${ops}` : mnemonic,
    mnemonic,
    operands: ops,
    invalid: false,
    encoding: name,
    ...(target !== undefined && target <= BigInt(Number.MAX_SAFE_INTEGER) ? { target: Number(target) } : {}),
  };
  if (target === undefined) remember(w, result);
  return result;
}

/** Words no encoding line accepts: objdump's `udf #imm16` for the permanently undefined space, else `.inst`. */
function undefinedWord(w: number): Disassembly {
  const result: Disassembly =
    w >>> 16 === 0
      ? { text: `udf\t#${w}`, mnemonic: 'udf', operands: `#${w}`, invalid: true }
      : { text: `.inst\t0x${w.toString(16).padStart(8, '0')} ; undefined`, mnemonic: '.inst', operands: `0x${w.toString(16).padStart(8, '0')}`, invalid: true };
  remember(w, result);
  return result;
}

function unformatted(w: number, encoding: string): Disassembly {
  const operands = `0x${w.toString(16).padStart(8, '0')}`;
  return { text: `.inst\t${operands} ; ${encoding} (no disassembler formatter)`, mnemonic: '.inst', operands, invalid: false, encoding };
}

/** Cached results are shared between callers, so they are frozen. */
function remember(w: number, d: Disassembly): void {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(w, Object.freeze(d));
}
