/**
 * Every formatter, keyed by encoding name: one per line of the CPU's encoding table
 * (engine/cpu/encodings/index.ts), grouped in files that mirror engine/cpu/encodings/*.
 * test/unit/disasm.coverage.test.ts checks that no encoding lacks one.
 */
import { BRANCH_SYSTEM_FORMATTERS } from './formatBranchSystem';
import { DATA_PROC_IMM_FORMATTERS } from './formatDataProcImm';
import { DATA_PROC_REG_FORMATTERS } from './formatDataProcReg';
import { FP_SCALAR_FORMATTERS } from './formatFpScalar';
import { LOAD_STORE_FORMATTERS } from './formatLoadStore';
import { LOAD_STORE_ATOMIC_FORMATTERS } from './formatLoadStoreAtomic';
import { LOAD_STORE_STRUCT_FORMATTERS } from './formatLoadStoreStruct';
import { SIMD_FP_FORMATTERS } from './formatSimdFp';
import { SIMD_INDEXED_FORMATTERS } from './formatSimdIndexed';
import { SIMD_INT_FORMATTERS } from './formatSimdInt';
import { SIMD_MOVE_FORMATTERS } from './formatSimdMove';
import type { Formatter } from './operands';

const GROUPS: ReadonlyArray<Readonly<Record<string, Formatter>>> = [
  BRANCH_SYSTEM_FORMATTERS,
  DATA_PROC_IMM_FORMATTERS,
  DATA_PROC_REG_FORMATTERS,
  LOAD_STORE_FORMATTERS,
  LOAD_STORE_ATOMIC_FORMATTERS,
  LOAD_STORE_STRUCT_FORMATTERS,
  FP_SCALAR_FORMATTERS,
  SIMD_MOVE_FORMATTERS,
  SIMD_INT_FORMATTERS,
  SIMD_INDEXED_FORMATTERS,
  SIMD_FP_FORMATTERS,
];

/** Encoding name → formatter. A name defined by two groups is a bug, reported at load. */
export const FORMATTERS: ReadonlyMap<string, Formatter> = (() => {
  const m = new Map<string, Formatter>();
  for (const group of GROUPS) {
    for (const [name, formatter] of Object.entries(group)) {
      if (m.has(name)) throw new Error(`disassembler: two formatters for encoding ${name}`);
      m.set(name, formatter);
    }
  }
  return m;
})();
