/**
 * Advanced SIMD structure loads and stores: LD1–LD4/ST1–ST4 (multiple structures, and
 * single structure to one lane) and LD1R–LD4R, with and without post-index.
 *
 * Every element is its own access, aligned to the element size (Device memory, MMU off).
 * Loads read every element into a scratch buffer before writing any register, so a fault
 * part-way leaves the registers unchanged. A 64-bit (Q = 0) load of whole registers
 * zeroes their upper halves; a lane load keeps the other lanes. Register numbers wrap
 * modulo 32 (LD4 {v30-v1}). None of these set the ISV syndrome.
 *
 * Operands: rd = first register, rn = base, rm = post-index register (-1 when the
 * post-index amount is the transfer size, in `imm`; -2 without post-index);
 * a = element size log2, b = repeat count (multiple) or lane index (single),
 * c = structure elements (selem), d = register bytes (8 or 16).
 */
import type { Cpu } from '../cpu';
import { EncodingSpec, Fields } from '../encodingTable';
import { ExecFn, Insn } from '../insn';
import { spReg } from '../regs';
import { baseAddr, writeback } from './loadStoreCommon';

const TWO32 = 4294967296;
const NO_WRITEBACK = -2;
const IMM_WRITEBACK = -1;

/** Loaded elements in memory order (at most 4 registers × 16 bytes). */
const scratch = new ArrayBuffer(64);
const sU8 = new Uint8Array(scratch);
const sU16 = new Uint16Array(scratch);
const sI32 = new Int32Array(scratch);

/** Read the element at `a` into the scratch buffer at byte `off`. */
function loadElement(c: Cpu, esize: number, a: number, off: number): void {
  switch (esize) {
    case 0:
      sU8[off] = c.ld8(a);
      return;
    case 1:
      sU16[off >> 1] = c.ld16(a);
      return;
    case 2:
      sI32[off >> 2] = c.ld32(a);
      return;
    default:
      sI32[off >> 2] = c.ld64(a);
      sI32[(off >> 2) + 1] = c.ldHi;
  }
}

/** Store the element at byte `at` of the register file (`vU8` index) to `a`. */
function storeElement(c: Cpu, esize: number, a: number, at: number): void {
  switch (esize) {
    case 0:
      c.st8(a, c.vU8[at]);
      return;
    case 1:
      c.st16(a, c.vU16[at >> 1]);
      return;
    case 2:
      c.st32(a, c.vI32[at >> 2]);
      return;
    default:
      c.st64(a, c.vI32[at >> 2], c.vI32[(at >> 2) + 1]);
  }
}

function copyToReg(c: Cpu, off: number, at: number, ebytes: number): void {
  const v = c.vU8;
  for (let k = 0; k < ebytes; k++) v[at + k] = sU8[off + k];
}

/** Post-index: X[n] = a + (transfer size, or X[m]) modulo 2^64. */
function postIndex(c: Cpu, i: Insn, a: number): void {
  if (i.rm === NO_WRITEBACK) return;
  if (i.rm === IMM_WRITEBACK) {
    writeback(c, i.rn, a + i.imm);
    return;
  }
  const x = c.x;
  const s = (a % TWO32) + (x[2 * i.rm] >>> 0);
  const hi = Math.floor(a / TWO32) + x[2 * i.rm + 1] + (s >= TWO32 ? 1 : 0);
  x[2 * i.rn] = s | 0;
  x[2 * i.rn + 1] = hi | 0;
}

// ------------------------------------------------------------------ multiple structures

const execLoadMultiple: ExecFn = (c, i) => {
  c.checkFpEnabled(i);
  const a = baseAddr(c, i, 0);
  const esize = i.a;
  const ebytes = 1 << esize;
  const regBytes = i.d;
  const total = i.b * i.c * regBytes;
  for (let off = 0; off < total; off += ebytes) loadElement(c, esize, a + off, off);
  // Scatter in the Arm ARM's order: repeat r, element e, structure member s.
  const elements = regBytes >> esize;
  let off = 0;
  for (let r = 0; r < i.b; r++) {
    for (let e = 0; e < elements; e++) {
      for (let s = 0; s < i.c; s++) {
        copyToReg(c, off, ((i.rd + r + s) & 31) * 16 + e * ebytes, ebytes);
        off += ebytes;
      }
    }
  }
  if (regBytes === 8) {
    const n = i.b * i.c;
    for (let k = 0; k < n; k++) {
      const t = (i.rd + k) & 31;
      c.vI32[t * 4 + 2] = 0;
      c.vI32[t * 4 + 3] = 0;
    }
  }
  postIndex(c, i, a);
};

const execStoreMultiple: ExecFn = (c, i) => {
  c.checkFpEnabled(i);
  const a = baseAddr(c, i, 0);
  const esize = i.a;
  const ebytes = 1 << esize;
  const elements = i.d >> esize;
  let off = 0;
  for (let r = 0; r < i.b; r++) {
    for (let e = 0; e < elements; e++) {
      for (let s = 0; s < i.c; s++) {
        storeElement(c, esize, a + off, ((i.rd + r + s) & 31) * 16 + e * ebytes);
        off += ebytes;
      }
    }
  }
  postIndex(c, i, a);
};

/** opcode → repeat count × structure elements (0 = unallocated). */
const MULTIPLE: ReadonlyArray<readonly [number, number] | null> = [
  [1, 4], null, [4, 1], null, [1, 3], null, [3, 1], [1, 1], [1, 2], null, [2, 1], null, null, null, null, null,
];

/** `opcode`: the line's fixed opcode, or the `o` field of the LD1/ST1 lines (which accept only LD1/ST1 opcodes). */
function multiple(i: Insn, f: Fields, load: boolean, opcode: number, post: boolean): ExecFn | null {
  const shape = MULTIPLE[opcode];
  if (!shape || (f.o !== undefined && shape[1] !== 1)) return null;
  const selem = shape[1];
  if (f.S === 3 && f.q === 0 && selem !== 1) return null; // 1D arrangement only for LD1/ST1
  i.rd = f.t;
  i.rn = spReg(f.n);
  i.a = f.S;
  i.b = shape[0];
  i.c = selem;
  i.d = f.q ? 16 : 8;
  i.rm = !post ? NO_WRITEBACK : f.m === 31 ? IMM_WRITEBACK : f.m;
  i.imm = shape[0] * selem * i.d;
  return load ? execLoadMultiple : execStoreMultiple;
}

// ------------------------------------------------------------------ single structure (one lane) and replicate

const execLoadLane: ExecFn = (c, i) => {
  c.checkFpEnabled(i);
  const a = baseAddr(c, i, 0);
  const esize = i.a;
  const ebytes = 1 << esize;
  for (let s = 0; s < i.c; s++) loadElement(c, esize, a + s * ebytes, s * ebytes);
  for (let s = 0; s < i.c; s++) copyToReg(c, s * ebytes, ((i.rd + s) & 31) * 16 + i.b * ebytes, ebytes);
  postIndex(c, i, a);
};

const execStoreLane: ExecFn = (c, i) => {
  c.checkFpEnabled(i);
  const a = baseAddr(c, i, 0);
  const esize = i.a;
  const ebytes = 1 << esize;
  for (let s = 0; s < i.c; s++) storeElement(c, esize, a + s * ebytes, ((i.rd + s) & 31) * 16 + i.b * ebytes);
  postIndex(c, i, a);
};

const execLoadReplicate: ExecFn = (c, i) => {
  c.checkFpEnabled(i);
  const a = baseAddr(c, i, 0);
  const esize = i.a;
  const ebytes = 1 << esize;
  for (let s = 0; s < i.c; s++) loadElement(c, esize, a + s * ebytes, s * ebytes);
  for (let s = 0; s < i.c; s++) {
    const base = ((i.rd + s) & 31) * 16;
    for (let at = 0; at < i.d; at += ebytes) copyToReg(c, s * ebytes, base + at, ebytes);
    for (let at = i.d; at < 16; at++) c.vU8[base + at] = 0;
  }
  postIndex(c, i, a);
};

/**
 * Lane forms: o = opcode<2:1> (element scale), x = S, S = size. The lane index is Q:S:size
 * for bytes, Q:S:size<1> for halfwords, Q:S for words, Q for doublewords (size = 01).
 */
function lane(i: Insn, f: Fields, load: boolean, selem: number, post: boolean): ExecFn | null {
  let esize = f.o;
  let index: number;
  if (esize === 0) index = (f.q << 3) | (f.x << 2) | f.S;
  else if (esize === 1) {
    if (f.S & 1) return null;
    index = (f.q << 2) | (f.x << 1) | (f.S >> 1);
  } else if (esize === 2) {
    if (f.S & 2) return null;
    if (f.S === 0) index = (f.q << 1) | f.x;
    else {
      if (f.x) return null;
      esize = 3;
      index = f.q;
    }
  } else return null; // opcode<2:1> = 11 is the replicate form (its own line) or unallocated
  i.rd = f.t;
  i.rn = spReg(f.n);
  i.a = esize;
  i.b = index;
  i.c = selem;
  i.rm = !post ? NO_WRITEBACK : f.m === 31 ? IMM_WRITEBACK : f.m;
  i.imm = selem << esize;
  return load ? execLoadLane : execStoreLane;
}

function replicate(i: Insn, f: Fields, selem: number, post: boolean): ExecFn {
  i.rd = f.t;
  i.rn = spReg(f.n);
  i.a = f.S;
  i.c = selem;
  i.d = f.q ? 16 : 8;
  i.rm = !post ? NO_WRITEBACK : f.m === 31 ? IMM_WRITEBACK : f.m;
  i.imm = selem << f.S;
  return execLoadReplicate;
}

// ------------------------------------------------------------------ the table
// q = Q, S = size, o = opcode, m = Rm (post-index; 31 = by the transfer size), x = S (lane index bit).

export const LOAD_STORE_SIMD_STRUCT_ENCODINGS: EncodingSpec[] = [
  // LD1 { <Vt>.<T>, ... (1-4 registers) }, [<Xn|SP>]
  { name: 'LD1_mult', pattern: '0q00110001000000ooooSSnnnnnttttt', decode: (i, f) => multiple(i, f, true, f.o, false) },
  // ST1 { <Vt>.<T>, ... (1-4 registers) }, [<Xn|SP>]
  { name: 'ST1_mult', pattern: '0q00110000000000ooooSSnnnnnttttt', decode: (i, f) => multiple(i, f, false, f.o, false) },
  // LD2/LD3/LD4 { <Vt>.<T>, ... }, [<Xn|SP>]
  { name: 'LD2_mult', pattern: '0q001100010000001000SSnnnnnttttt', decode: (i, f) => multiple(i, f, true, 0b1000, false) },
  { name: 'LD3_mult', pattern: '0q001100010000000100SSnnnnnttttt', decode: (i, f) => multiple(i, f, true, 0b0100, false) },
  { name: 'LD4_mult', pattern: '0q001100010000000000SSnnnnnttttt', decode: (i, f) => multiple(i, f, true, 0b0000, false) },
  // ST2/ST3/ST4 { <Vt>.<T>, ... }, [<Xn|SP>]
  { name: 'ST2_mult', pattern: '0q001100000000001000SSnnnnnttttt', decode: (i, f) => multiple(i, f, false, 0b1000, false) },
  { name: 'ST3_mult', pattern: '0q001100000000000100SSnnnnnttttt', decode: (i, f) => multiple(i, f, false, 0b0100, false) },
  { name: 'ST4_mult', pattern: '0q001100000000000000SSnnnnnttttt', decode: (i, f) => multiple(i, f, false, 0b0000, false) },
  // LD1 { <Vt>.<T>, ... }, [<Xn|SP>], <imm>|<Xm>
  { name: 'LD1_mult_post', pattern: '0q001100110mmmmmooooSSnnnnnttttt', decode: (i, f) => multiple(i, f, true, f.o, true) },
  // ST1 { <Vt>.<T>, ... }, [<Xn|SP>], <imm>|<Xm>
  { name: 'ST1_mult_post', pattern: '0q001100100mmmmmooooSSnnnnnttttt', decode: (i, f) => multiple(i, f, false, f.o, true) },
  // LD2/LD3/LD4 { ... }, [<Xn|SP>], <imm>|<Xm>
  { name: 'LD2_mult_post', pattern: '0q001100110mmmmm1000SSnnnnnttttt', decode: (i, f) => multiple(i, f, true, 0b1000, true) },
  { name: 'LD3_mult_post', pattern: '0q001100110mmmmm0100SSnnnnnttttt', decode: (i, f) => multiple(i, f, true, 0b0100, true) },
  { name: 'LD4_mult_post', pattern: '0q001100110mmmmm0000SSnnnnnttttt', decode: (i, f) => multiple(i, f, true, 0b0000, true) },
  // ST2/ST3/ST4 { ... }, [<Xn|SP>], <imm>|<Xm>
  { name: 'ST2_mult_post', pattern: '0q001100100mmmmm1000SSnnnnnttttt', decode: (i, f) => multiple(i, f, false, 0b1000, true) },
  { name: 'ST3_mult_post', pattern: '0q001100100mmmmm0100SSnnnnnttttt', decode: (i, f) => multiple(i, f, false, 0b0100, true) },
  { name: 'ST4_mult_post', pattern: '0q001100100mmmmm0000SSnnnnnttttt', decode: (i, f) => multiple(i, f, false, 0b0000, true) },

  // LD1..LD4 { <Vt>.<T>, ... }[<index>], [<Xn|SP>]   (R = bit 21, opcode<0> = bit 13 give selem)
  { name: 'LD1_single', pattern: '0q00110101000000oo0xSSnnnnnttttt', decode: (i, f) => lane(i, f, true, 1, false) },
  { name: 'LD2_single', pattern: '0q00110101100000oo0xSSnnnnnttttt', decode: (i, f) => lane(i, f, true, 2, false) },
  { name: 'LD3_single', pattern: '0q00110101000000oo1xSSnnnnnttttt', decode: (i, f) => lane(i, f, true, 3, false) },
  { name: 'LD4_single', pattern: '0q00110101100000oo1xSSnnnnnttttt', decode: (i, f) => lane(i, f, true, 4, false) },
  // ST1..ST4 { <Vt>.<T>, ... }[<index>], [<Xn|SP>]
  { name: 'ST1_single', pattern: '0q00110100000000oo0xSSnnnnnttttt', decode: (i, f) => lane(i, f, false, 1, false) },
  { name: 'ST2_single', pattern: '0q00110100100000oo0xSSnnnnnttttt', decode: (i, f) => lane(i, f, false, 2, false) },
  { name: 'ST3_single', pattern: '0q00110100000000oo1xSSnnnnnttttt', decode: (i, f) => lane(i, f, false, 3, false) },
  { name: 'ST4_single', pattern: '0q00110100100000oo1xSSnnnnnttttt', decode: (i, f) => lane(i, f, false, 4, false) },
  // LD1..LD4 { ... }[<index>], [<Xn|SP>], <imm>|<Xm>
  { name: 'LD1_single_post', pattern: '0q001101110mmmmmoo0xSSnnnnnttttt', decode: (i, f) => lane(i, f, true, 1, true) },
  { name: 'LD2_single_post', pattern: '0q001101111mmmmmoo0xSSnnnnnttttt', decode: (i, f) => lane(i, f, true, 2, true) },
  { name: 'LD3_single_post', pattern: '0q001101110mmmmmoo1xSSnnnnnttttt', decode: (i, f) => lane(i, f, true, 3, true) },
  { name: 'LD4_single_post', pattern: '0q001101111mmmmmoo1xSSnnnnnttttt', decode: (i, f) => lane(i, f, true, 4, true) },
  // ST1..ST4 { ... }[<index>], [<Xn|SP>], <imm>|<Xm>
  { name: 'ST1_single_post', pattern: '0q001101100mmmmmoo0xSSnnnnnttttt', decode: (i, f) => lane(i, f, false, 1, true) },
  { name: 'ST2_single_post', pattern: '0q001101101mmmmmoo0xSSnnnnnttttt', decode: (i, f) => lane(i, f, false, 2, true) },
  { name: 'ST3_single_post', pattern: '0q001101100mmmmmoo1xSSnnnnnttttt', decode: (i, f) => lane(i, f, false, 3, true) },
  { name: 'ST4_single_post', pattern: '0q001101101mmmmmoo1xSSnnnnnttttt', decode: (i, f) => lane(i, f, false, 4, true) },

  // LD1R..LD4R { <Vt>.<T>, ... }, [<Xn|SP>]
  { name: 'LD1R', pattern: '0q001101010000001100SSnnnnnttttt', decode: (i, f) => replicate(i, f, 1, false) },
  { name: 'LD2R', pattern: '0q001101011000001100SSnnnnnttttt', decode: (i, f) => replicate(i, f, 2, false) },
  { name: 'LD3R', pattern: '0q001101010000001110SSnnnnnttttt', decode: (i, f) => replicate(i, f, 3, false) },
  { name: 'LD4R', pattern: '0q001101011000001110SSnnnnnttttt', decode: (i, f) => replicate(i, f, 4, false) },
  // LD1R..LD4R { ... }, [<Xn|SP>], <imm>|<Xm>
  { name: 'LD1R_post', pattern: '0q001101110mmmmm1100SSnnnnnttttt', decode: (i, f) => replicate(i, f, 1, true) },
  { name: 'LD2R_post', pattern: '0q001101111mmmmm1100SSnnnnnttttt', decode: (i, f) => replicate(i, f, 2, true) },
  { name: 'LD3R_post', pattern: '0q001101110mmmmm1110SSnnnnnttttt', decode: (i, f) => replicate(i, f, 3, true) },
  { name: 'LD4R_post', pattern: '0q001101111mmmmm1110SSnnnnnttttt', decode: (i, f) => replicate(i, f, 4, true) },
];
