/**
 * Loads and stores (Arm ARM C4.1 "Loads and Stores"): every addressing form of the single
 * general-register and SIMD&FP transfers, pairs, exclusives, acquire/release, LSE atomics.
 * Shared address generation and access kinds live in loadStoreCommon.ts.
 */
import { EncodingSpec } from '../encodingTable';
import { LOAD_STORE_ATOMIC_ENCODINGS } from './loadStoreAtomic';
import { LOAD_STORE_EXCLUSIVE_ENCODINGS } from './loadStoreExclusive';
import { LOAD_STORE_PAIR_ENCODINGS } from './loadStorePair';
import { LOAD_STORE_SIMD_ENCODINGS } from './loadStoreSimd';
import { LOAD_STORE_SINGLE_ENCODINGS } from './loadStoreSingle';

export const LOAD_STORE_ENCODINGS: EncodingSpec[] = [
  ...LOAD_STORE_SINGLE_ENCODINGS,
  ...LOAD_STORE_PAIR_ENCODINGS,
  ...LOAD_STORE_EXCLUSIVE_ENCODINGS,
  ...LOAD_STORE_ATOMIC_ENCODINGS,
  ...LOAD_STORE_SIMD_ENCODINGS,
];
