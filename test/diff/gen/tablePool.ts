/**
 * Random instruction words drawn from the engine's own encoding table, for the
 * register-only groups (data processing immediate/register, SIMD&FP data processing).
 * Each line of the table is picked with equal weight and its free bits are filled at
 * random, so every class the CPU implements gets exercised, including classes added
 * after this generator was written. A word counts only if the table decodes it and it
 * falls in the wanted top-level group (Arm ARM C4.1: op0 = bits 28:25).
 */
import type { EncodingTable, CompiledEncoding } from '../../../engine/cpu/encodingTable';
import { Prng } from './prng';

export type A64Group = 'dpImm' | 'dpReg' | 'simdFp' | 'branchSys' | 'ldst' | 'unallocated';

export function groupOf(word: number): A64Group {
  const op0 = (word >>> 25) & 0xf;
  if ((op0 & 0b1110) === 0b1000) return 'dpImm';
  if ((op0 & 0b1110) === 0b1010) return 'branchSys';
  if ((op0 & 0b0101) === 0b0100) return 'ldst';
  if ((op0 & 0b0111) === 0b0101) return 'dpReg';
  if ((op0 & 0b0111) === 0b0111) return 'simdFp';
  return 'unallocated';
}

export interface Drawn {
  word: number;
  /** The table line that decodes the word (a carve-out may win over the line drawn). */
  name: string;
}

export class TablePool {
  /** Lines that produced at least one decodable word in the wanted groups. */
  readonly lines: CompiledEncoding[];

  constructor(
    private readonly table: EncodingTable,
    private readonly groups: ReadonlyArray<A64Group>,
    /** Only lines whose name matches (a directed sub-pool). */
    nameFilter: RegExp | null = null,
    probeSeed = 1,
  ) {
    const rng = new Prng(probeSeed);
    this.lines = table.entries.filter((e) => {
      if (nameFilter && !nameFilter.test(e.spec.name)) return false;
      for (let k = 0; k < 256; k++) if (this.tryLine(rng, e) !== null) return true;
      return false;
    });
  }

  private tryLine(rng: Prng, e: CompiledEncoding): Drawn | null {
    const word = (e.value | (rng.u32() & ~e.mask)) >>> 0;
    if (!this.groups.includes(groupOf(word))) return null;
    const m = this.table.match(word);
    return m === null ? null : { word, name: m.enc.spec.name };
  }

  /** A random decodable word accepted by `accept`, or null if none turned up. */
  draw(rng: Prng, accept: (word: number) => boolean): Drawn | null {
    if (this.lines.length === 0) return null;
    for (let attempt = 0; attempt < 64; attempt++) {
      const e = rng.pick(this.lines);
      for (let k = 0; k < 16; k++) {
        const d = this.tryLine(rng, e);
        if (d !== null && accept(d.word)) return d;
      }
    }
    return null;
  }
}
