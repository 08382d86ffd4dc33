/**
 * Every mnemonic the assembler knows, by class, and which of them the CPU's encoding
 * table can currently encode: a mnemonic is available when every encoding line it may
 * produce exists in the table, so the assembler never emits an instruction the emulator
 * would not decode.
 */
import type { EncodingTable } from '../../cpu/encodingTable';
import { branchSystemDefs } from './branchSystem';
import { dataProcDefs } from './dataProc';
import { fpScalarDefs } from './fpScalar';
import { loadStoreDefs } from './loadStore';
import { simdDefs } from './simd';
import type { InsnDef } from './context';

export interface InstructionSet {
  get(mnemonic: string): InsnDef | undefined;
  /** Why a known mnemonic cannot be assembled (its encodings are missing), or undefined. */
  unavailable(mnemonic: string): string | undefined;
  /** Available mnemonics, for suggestions. */
  names(): string[];
}

function allDefs(tableHas: (name: string) => boolean): Record<string, InsnDef> {
  const base = { ...branchSystemDefs(), ...dataProcDefs(), ...loadStoreDefs(), ...fpScalarDefs() };
  return { ...base, ...simdDefs(base, tableHas) };
}

const cache = new WeakMap<EncodingTable, InstructionSet>();

export function instructionSet(table: EncodingTable): InstructionSet {
  const hit = cache.get(table);
  if (hit) return hit;
  const present = new Set(table.entries.map((e) => e.spec.name));
  const available = new Map<string, InsnDef>();
  const missing = new Map<string, string[]>();
  for (const [name, d] of Object.entries(allDefs((n) => present.has(n)))) {
    const lack = d.needs.filter((n) => !present.has(n));
    if (lack.length === 0) available.set(name, d);
    else missing.set(name, lack);
  }
  const names = [...available.keys()];
  const set: InstructionSet = {
    get: (m) => available.get(m),
    unavailable: (m) => {
      const lack = missing.get(m);
      return lack ? `'${m}' is not supported yet: the emulated CPU has no ${lack.join(', ')} encoding` : undefined;
    },
    names: () => names,
  };
  cache.set(table, set);
  return set;
}
