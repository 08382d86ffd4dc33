/**
 * The A64 encoding table: every encoding class the CPU implements, one line each,
 * gathered from the per-group files. Add an instruction by adding a line to its group.
 */
import { EncodingSpec, EncodingTable } from '../encodingTable';
import { BRANCH_SYSTEM_ENCODINGS } from './branchSystem';
import { DATA_PROC_IMM_ENCODINGS } from './dataProcImm';
import { DATA_PROC_REG_ENCODINGS } from './dataProcReg';
import { LOAD_STORE_ENCODINGS } from './loadStore';
import { SIMD_FP_ENCODINGS } from './simdFp';

export const A64_ENCODINGS: ReadonlyArray<EncodingSpec> = [
  ...BRANCH_SYSTEM_ENCODINGS,
  ...DATA_PROC_IMM_ENCODINGS,
  ...DATA_PROC_REG_ENCODINGS,
  ...LOAD_STORE_ENCODINGS,
  ...SIMD_FP_ENCODINGS,
];

let table: EncodingTable | null = null;
/** The shared, lazily built A64 table (building it sorts and buckets every line once). */
export function a64Table(): EncodingTable {
  return (table ??= new EncodingTable(A64_ENCODINGS));
}
