/** Loads and stores: every addressing form, pairs, exclusives, acquire/release, LSE atomics. */
import { EncodingSpec } from '../encodingTable';

export const LOAD_STORE_ENCODINGS: EncodingSpec[] = [];
