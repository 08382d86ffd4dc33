/**
 * Formatters for engine/cpu/encodings/loadStoreSimdStruct.ts: LD1–LD4/ST1–ST4 (multiple
 * structures and single lanes) and LD1R–LD4R, with objdump's register lists and the
 * post-index forms `[Xn|SP], #<transfer size>` (Rm = 31) or `[Xn|SP], Xm`.
 */
import type { Fields } from '../cpu/encodingTable';
import { Formatted, Formatter, arrangement, fmt, immDec, vList, xr, xsp } from './operands';

/** LD1/ST1 multiple-structure opcode → number of registers. */
const LD1_REGISTERS: Readonly<Record<number, number>> = { 0b0111: 1, 0b1010: 2, 0b0110: 3, 0b0010: 4 };

function transfer(mnemonic: string, list: string, f: Fields, post: boolean, bytes: number): Formatted {
  const address = `[${xsp(f.n)}]`;
  if (!post) return fmt(mnemonic, list, address);
  return fmt(mnemonic, list, address, f.m === 31 ? immDec(bytes) : xr(f.m));
}

/** `count` = registers for LD2–LD4/ST2–ST4, or null for LD1/ST1 (taken from the opcode field). */
function multiple(mnemonic: string, count: number | null, post: boolean): Formatter {
  return (f) => {
    const regs = count ?? LD1_REGISTERS[f.o];
    return transfer(mnemonic, vList(f.t, regs, arrangement(f.S, f.q)), f, post, regs * (f.q ? 16 : 8));
  };
}

/** Element size (log2) and lane index of a single-structure transfer (opcode<2:1>, Q, S, size). */
function laneOf(f: Fields): { esize: number; index: number } {
  switch (f.o) {
    case 0:
      return { esize: 0, index: (f.q << 3) | (f.x << 2) | f.S };
    case 1:
      return { esize: 1, index: (f.q << 2) | (f.x << 1) | (f.S >> 1) };
    default:
      return f.S === 0 ? { esize: 2, index: (f.q << 1) | f.x } : { esize: 3, index: f.q };
  }
}

function single(mnemonic: string, selem: number, post: boolean): Formatter {
  return (f) => {
    const { esize, index } = laneOf(f);
    const list = `${vList(f.t, selem, 'bhsd'[esize])}[${index}]`;
    return transfer(mnemonic, list, f, post, selem << esize);
  };
}

const replicate = (mnemonic: string, selem: number, post: boolean): Formatter => (f) =>
  transfer(mnemonic, vList(f.t, selem, arrangement(f.S, f.q)), f, post, selem << f.S);

function structFormatters(): Record<string, Formatter> {
  const out: Record<string, Formatter> = {};
  for (const op of ['LD', 'ST']) {
    for (const n of [1, 2, 3, 4]) {
      const m = `${op.toLowerCase()}${n}`;
      for (const post of [false, true]) {
        const suffix = post ? '_post' : '';
        out[`${op}${n}_mult${suffix}`] = multiple(m, n === 1 ? null : n, post);
        out[`${op}${n}_single${suffix}`] = single(m, n, post);
        if (op === 'LD') out[`LD${n}R${suffix}`] = replicate(`ld${n}r`, n, post);
      }
    }
  }
  return out;
}

export const LOAD_STORE_STRUCT_FORMATTERS: Readonly<Record<string, Formatter>> = structFormatters();
