/**
 * The A64 encoding table machinery, in the style of dynarmic's decoder table and
 * QEMU's decodetree: each encoding class is one line — a name, a 32-character bit
 * pattern and a decode function — and dispatch is generated from the patterns.
 *
 * Pattern syntax (bit 31 first): '0'/'1' fixed bits, '-' ignored, a letter names a
 * field. A letter's bits must be contiguous; split fields use two letters (ADR's
 * immlo/immhi are 'l' and 'h'). The same table drives decoding (CPU), encoding
 * (assembler: `encodeFields`) and naming (disassembler: `Insn.spec.name`).
 */
import { ExecFn, Insn } from './insn';

export type Fields = Record<string, number>;

export interface EncodingSpec {
  /** Unique name, e.g. 'ADD_imm', 'LDR_imm_unsigned'. */
  readonly name: string;
  readonly pattern: string;
  /**
   * Fill `i`'s operands from the raw fields and return the handler, or null when these
   * field values are unallocated/reserved (the word then decodes as UNDEFINED unless a
   * later line matches).
   */
  readonly decode: (i: Insn, f: Fields) => ExecFn | null;
  /**
   * What the line's handlers do besides registers, flags and memory (see codeCache.ts):
   * 'branch' — may write PC, so it ends a block; 'system' — reads or changes other state
   * (system registers and counters, PSTATE.EL/SP/DAIF, exits, the event register), so it
   * runs as a block of its own with the retired count exact. Omitted otherwise: such a
   * handler must leave PC as the run loop set it (the next instruction) and leaves the
   * loop only by throwing (a fault) or through a watchpoint.
   */
  readonly control?: 'branch' | 'system';
}

export interface CompiledEncoding {
  readonly spec: EncodingSpec;
  readonly mask: number;
  readonly value: number;
  readonly fields: ReadonlyArray<{ readonly name: string; readonly shift: number; readonly width: number }>;
}

export function compileEncoding(spec: EncodingSpec): CompiledEncoding {
  const p = spec.pattern.replace(/ /g, '');
  if (p.length !== 32) throw new Error(`encoding ${spec.name}: pattern has ${p.length} bits, expected 32`);
  let mask = 0;
  let value = 0;
  const spans = new Map<string, { hi: number; lo: number }>();
  for (let k = 0; k < 32; k++) {
    const bit = 31 - k;
    const ch = p[k];
    if (ch === '0' || ch === '1') {
      mask |= 1 << bit;
      if (ch === '1') value |= 1 << bit;
    } else if (ch !== '-') {
      const s = spans.get(ch);
      if (!s) spans.set(ch, { hi: bit, lo: bit });
      else {
        if (s.lo !== bit + 1) throw new Error(`encoding ${spec.name}: field '${ch}' is not contiguous`);
        s.lo = bit;
      }
    }
  }
  const fields = [...spans].map(([name, s]) => ({ name, shift: s.lo, width: s.hi - s.lo + 1 }));
  return { spec, mask: mask >>> 0, value: value >>> 0, fields };
}

export function extractFields(c: CompiledEncoding, word: number): Fields {
  const f: Fields = {};
  for (const fd of c.fields) {
    f[fd.name] = fd.width === 32 ? word >>> 0 : ((word >>> fd.shift) & ((1 << fd.width) - 1)) >>> 0;
  }
  return f;
}

/** Fixed-bit count: more specific lines are tried first, so carve-outs beat the general form. */
function specificity(c: CompiledEncoding): number {
  let n = 0;
  for (let m = c.mask; m !== 0; m &= m - 1) n++;
  return n;
}

const BUCKET_SHIFT = 21; // dispatch on bits [31:21]
const BUCKETS = 1 << (32 - BUCKET_SHIFT);

export class EncodingTable {
  readonly entries: CompiledEncoding[];
  private readonly buckets: CompiledEncoding[][];
  private readonly byName = new Map<string, CompiledEncoding>();

  constructor(specs: ReadonlyArray<EncodingSpec>) {
    this.entries = specs.map(compileEncoding);
    for (const e of this.entries) {
      if (this.byName.has(e.spec.name)) throw new Error(`duplicate encoding name ${e.spec.name}`);
      this.byName.set(e.spec.name, e);
    }
    const sorted = [...this.entries].sort((a, b) => specificity(b) - specificity(a));
    this.buckets = [];
    const topMask = ~((1 << BUCKET_SHIFT) - 1) >>> 0;
    for (let k = 0; k < BUCKETS; k++) {
      const top = (k << BUCKET_SHIFT) >>> 0;
      this.buckets.push(sorted.filter((e) => ((top ^ e.value) & e.mask & topMask) >>> 0 === 0));
    }
  }

  /**
   * Decode `word` (at `addr`) into `i`. Returns false when no line accepts it; `i` is
   * then left for the caller to turn into an UNDEFINED instruction.
   */
  decodeInto(i: Insn, word: number, addr: number): boolean {
    const w = word >>> 0;
    for (const e of this.buckets[w >>> BUCKET_SHIFT]) {
      if (((w & e.mask) >>> 0) !== e.value) continue;
      const f = extractFields(e, w);
      i.word = w;
      i.addr = addr;
      const exec = e.spec.decode(i, f);
      if (exec) {
        i.exec = exec;
        i.spec = e.spec;
        i.fields = f;
        return true;
      }
    }
    return false;
  }

  /** The line that would decode `word`, with its fields (no side effects on any Insn). */
  match(word: number): { enc: CompiledEncoding; fields: Fields } | null {
    const scratch = new Insn(NOP_EXEC);
    const w = word >>> 0;
    for (const e of this.buckets[w >>> BUCKET_SHIFT]) {
      if (((w & e.mask) >>> 0) !== e.value) continue;
      const f = extractFields(e, w);
      if (e.spec.decode(scratch, f)) return { enc: e, fields: f };
    }
    return null;
  }

  get(name: string): CompiledEncoding {
    const e = this.byName.get(name);
    if (!e) throw new Error(`no encoding named ${name}`);
    return e;
  }

  /** Assemble: the line's fixed bits with the given fields inserted. Throws on a missing or oversized field. */
  encodeFields(name: string, fields: Fields): number {
    const e = this.get(name);
    let w = e.value;
    for (const fd of e.fields) {
      const v = fields[fd.name];
      if (v === undefined) throw new Error(`encoding ${name}: field '${fd.name}' missing`);
      const max = fd.width === 32 ? 0xffffffff : (1 << fd.width) - 1;
      if (v < 0 || v > max || !Number.isInteger(v)) {
        throw new Error(`encoding ${name}: field '${fd.name}' = ${v} does not fit ${fd.width} bits`);
      }
      w = (w | (v << fd.shift)) >>> 0;
    }
    return w >>> 0;
  }
}

const NOP_EXEC: ExecFn = () => {};
