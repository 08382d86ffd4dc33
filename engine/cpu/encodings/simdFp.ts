/**
 * The FP/SIMD subset compilers emit for freestanding C, gathered from the per-group
 * files (scalar FP, FP/integer conversions, Advanced SIMD moves, integer and FP vector
 * arithmetic, permutes). Loads and stores of SIMD&FP registers live with the other
 * loads and stores.
 */
import { EncodingSpec } from '../encodingTable';
import { FP_CONVERT_ENCODINGS } from './fpConvert';
import { FP_SCALAR_ENCODINGS } from './fpScalar';
import { SIMD_FP_VECTOR_ENCODINGS } from './simdFpVector';
import { SIMD_INDEXED_ENCODINGS } from './simdIndexed';
import { SIMD_INT_ENCODINGS } from './simdInt';
import { SIMD_MOVE_ENCODINGS } from './simdMove';
import { SIMD_PERMUTE_ENCODINGS } from './simdPermute';
import { SIMD_SAT_SHIFT_ENCODINGS } from './simdSatShift';
import { SIMD_SATURATE_ENCODINGS } from './simdSaturate';
import { SIMD_WIDEN_ENCODINGS } from './simdWiden';

export const SIMD_FP_ENCODINGS: EncodingSpec[] = [
  ...FP_SCALAR_ENCODINGS,
  ...FP_CONVERT_ENCODINGS,
  ...SIMD_MOVE_ENCODINGS,
  ...SIMD_INT_ENCODINGS,
  ...SIMD_SATURATE_ENCODINGS,
  ...SIMD_SAT_SHIFT_ENCODINGS,
  ...SIMD_WIDEN_ENCODINGS,
  ...SIMD_INDEXED_ENCODINGS,
  ...SIMD_PERMUTE_ENCODINGS,
  ...SIMD_FP_VECTOR_ENCODINGS,
];
