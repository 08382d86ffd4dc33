/** The FP/SIMD subset compilers emit for freestanding C. */
import { EncodingSpec } from '../encodingTable';

export const SIMD_FP_ENCODINGS: EncodingSpec[] = [];
