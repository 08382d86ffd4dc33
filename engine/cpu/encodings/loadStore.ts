/**
 * Loads and stores (Arm ARM C4.1 "Loads and Stores"): every addressing form of the single
 * general-register and SIMD&FP transfers, pairs, exclusives, acquire/release, LSE atomics,
 * and the Advanced SIMD structure loads/stores (LD1–LD4, ST1–ST4, LD1R–LD4R).
 * Shared address generation and access kinds live in loadStoreCommon.ts.
 */
import { EncodingSpec } from '../encodingTable';
import { LOAD_STORE_ATOMIC_ENCODINGS } from './loadStoreAtomic';
import { LOAD_STORE_EXCLUSIVE_ENCODINGS } from './loadStoreExclusive';
import { LOAD_STORE_PAIR_ENCODINGS } from './loadStorePair';
import { LOAD_STORE_SIMD_ENCODINGS } from './loadStoreSimd';
import { LOAD_STORE_SIMD_STRUCT_ENCODINGS } from './loadStoreSimdStruct';
import { LOAD_STORE_SINGLE_ENCODINGS } from './loadStoreSingle';

export const LOAD_STORE_ENCODINGS: EncodingSpec[] = [
  ...LOAD_STORE_SINGLE_ENCODINGS,
  ...LOAD_STORE_PAIR_ENCODINGS,
  ...LOAD_STORE_EXCLUSIVE_ENCODINGS,
  ...LOAD_STORE_ATOMIC_ENCODINGS,
  ...LOAD_STORE_SIMD_ENCODINGS,
  ...LOAD_STORE_SIMD_STRUCT_ENCODINGS,
];
