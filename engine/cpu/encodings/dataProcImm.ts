/** Data processing (immediate): ADD/SUB(S), logical, MOVZ/MOVN/MOVK, ADR/ADRP, bitfield, EXTR. */
import { EncodingSpec } from '../encodingTable';

export const DATA_PROC_IMM_ENCODINGS: EncodingSpec[] = [];
