/** Data processing (register): shifted/extended ADD/SUB(S), logical, ADC/SBC, CCMP/CCMN, conditional select, 1- and 2-source, CRC32, multiply. */
import { EncodingSpec } from '../encodingTable';

export const DATA_PROC_REG_ENCODINGS: EncodingSpec[] = [];
