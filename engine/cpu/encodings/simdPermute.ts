/**
 * Advanced SIMD permutes: ZIP1/ZIP2, UZP1/UZP2, TRN1/TRN2, EXT and table lookup
 * TBL/TBX with 1-4 table registers. All work on bytes of the source registers, so any
 * operand may alias the destination.
 */
import type { Cpu } from '../cpu';
import { EncodingSpec, Fields } from '../encodingTable';
import { ExecFn, Insn } from '../insn';
import { commit, tmpU8 } from './simdCommon';

/** Copy element `from` (byte offset into the 32-byte concatenation Vn:Vm, Vn first) to result byte `to`. */
function copyElem(cpu: Cpu, n: number, m: number, from: number, to: number, esz: number): void {
  const u8 = cpu.vU8;
  for (let j = 0; j < esz; j++) {
    const b = from + j;
    tmpU8[to + j] = b < 16 ? u8[n * 16 + b] : u8[m * 16 + b - 16];
  }
}

/** i.a = size, i.b = part (0 for *1, 1 for *2), i.c = Q. */
function execZip(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  const esz = 1 << i.a;
  const pairs = (i.c ? 8 : 4) >> i.a;
  const base = i.b * pairs; // element index of the first pair
  for (let p = 0; p < pairs; p++) {
    copyElem(cpu, i.rn, i.rm, (base + p) * esz, 2 * p * esz, esz);
    copyElem(cpu, i.rn, i.rm, 16 + (base + p) * esz, (2 * p + 1) * esz, esz);
  }
  commit(cpu, i.rd, i.c);
}

function execUzp(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  const esz = 1 << i.a;
  const lanes = (i.c ? 16 : 8) >> i.a;
  for (let k = 0; k < lanes; k++) {
    const e = 2 * k + i.b; // element of the concatenation (n's lanes, then m's)
    const from = e < lanes ? e * esz : 16 + (e - lanes) * esz;
    copyElem(cpu, i.rn, i.rm, from, k * esz, esz);
  }
  commit(cpu, i.rd, i.c);
}

function execTrn(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  const esz = 1 << i.a;
  const pairs = (i.c ? 8 : 4) >> i.a;
  for (let p = 0; p < pairs; p++) {
    const e = 2 * p + i.b;
    copyElem(cpu, i.rn, i.rm, e * esz, 2 * p * esz, esz);
    copyElem(cpu, i.rn, i.rm, 16 + e * esz, (2 * p + 1) * esz, esz);
  }
  commit(cpu, i.rd, i.c);
}

/** EXT: bytes index..index+len-1 of Vm:Vn (Vn low); i.b = index, i.c = Q. */
function execExt(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  const len = i.c ? 16 : 8;
  const u8 = cpu.vU8;
  for (let k = 0; k < len; k++) {
    const b = i.b + k;
    tmpU8[k] = b < len ? u8[i.rn * 16 + b] : u8[i.rm * 16 + b - len];
  }
  commit(cpu, i.rd, i.c);
}

/** TBL/TBX: i.a = table registers, i.b = 1 for TBX (out-of-range indices keep Vd), i.c = Q. */
function execTbl(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  const len = i.c ? 16 : 8;
  const u8 = cpu.vU8;
  const limit = i.a * 16;
  for (let k = 0; k < len; k++) {
    const idx = u8[i.rm * 16 + k];
    if (idx < limit) tmpU8[k] = u8[((i.rn + (idx >> 4)) & 31) * 16 + (idx & 15)];
    else tmpU8[k] = i.b ? u8[i.rd * 16 + k] : 0;
  }
  commit(cpu, i.rd, i.c);
}

function permDecode(exec: ExecFn, part: number) {
  return (i: Insn, f: Fields): ExecFn | null => {
    if (f.S === 3 && !f.q) return null;
    i.rd = f.d;
    i.rn = f.n;
    i.rm = f.m;
    i.a = f.S;
    i.b = part;
    i.c = f.q ?? 0;
    return exec;
  };
}

export const SIMD_PERMUTE_ENCODINGS: EncodingSpec[] = [
  // UZP1/TRN1/ZIP1/UZP2/TRN2/ZIP2 <Vd>.<T>, <Vn>.<T>, <Vm>.<T>
  { name: 'UZP1', pattern: '0q001110SS0mmmmm000110nnnnnddddd', decode: permDecode(execUzp, 0) },
  { name: 'TRN1', pattern: '0q001110SS0mmmmm001010nnnnnddddd', decode: permDecode(execTrn, 0) },
  { name: 'ZIP1', pattern: '0q001110SS0mmmmm001110nnnnnddddd', decode: permDecode(execZip, 0) },
  { name: 'UZP2', pattern: '0q001110SS0mmmmm010110nnnnnddddd', decode: permDecode(execUzp, 1) },
  { name: 'TRN2', pattern: '0q001110SS0mmmmm011010nnnnnddddd', decode: permDecode(execTrn, 1) },
  { name: 'ZIP2', pattern: '0q001110SS0mmmmm011110nnnnnddddd', decode: permDecode(execZip, 1) },
  // EXT <Vd>.<T>, <Vn>.<T>, <Vm>.<T>, #<index>
  {
    name: 'EXT',
    pattern: '0q101110000mmmmm0jjjj0nnnnnddddd',
    decode: (i, f) => {
      if (!f.q && f.j >= 8) return null;
      i.rd = f.d;
      i.rn = f.n;
      i.rm = f.m;
      i.b = f.j;
      i.c = f.q ?? 0;
      return execExt;
    },
  },
  // TBL/TBX <Vd>.<Ta>, { <Vn>.16B, ... }, <Vm>.<Ta>   (l = len - 1, p = op: TBX)
  {
    name: 'TBL',
    pattern: '0q001110000mmmmm0ll000nnnnnddddd',
    decode: (i, f) => ((i.rd = f.d), (i.rn = f.n), (i.rm = f.m), (i.a = f.l + 1), (i.b = 0), (i.c = f.q), execTbl),
  },
  {
    name: 'TBX',
    pattern: '0q001110000mmmmm0ll100nnnnnddddd',
    decode: (i, f) => ((i.rd = f.d), (i.rn = f.n), (i.rm = f.m), (i.a = f.l + 1), (i.b = 1), (i.c = f.q), execTbl),
  },
];
