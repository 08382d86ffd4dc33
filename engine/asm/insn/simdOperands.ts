/** Operand checks for Advanced SIMD instructions: arrangements, elements, scalars, register lists. */
import type { FprOp, ListOp, Operand, VecOp } from '../operands';
import { kindName } from '../operands';
import { InsnDef, fail, wrongKind } from './context';

export type Ops = ReadonlyArray<Operand>;
export const def = (needs: ReadonlyArray<string>, encode: InsnDef['encode']): InsnDef => ({ needs, encode });

/** Arrangement → element size code (b 0 … d 3, q 4), Q bit, lane count. */
export const ARR: Record<string, { size: number; q: number; lanes: number }> = {
  '8b': { size: 0, q: 0, lanes: 8 }, '16b': { size: 0, q: 1, lanes: 16 },
  '4h': { size: 1, q: 0, lanes: 4 }, '8h': { size: 1, q: 1, lanes: 8 },
  '2s': { size: 2, q: 0, lanes: 2 }, '4s': { size: 2, q: 1, lanes: 4 },
  '1d': { size: 3, q: 0, lanes: 1 }, '2d': { size: 3, q: 1, lanes: 2 },
  '1q': { size: 4, q: 0, lanes: 1 },
};
export const ESIZE: Record<string, number> = { b: 0, h: 1, s: 2, d: 3, q: 4 };
export const ARR_OF = (size: number, q: number): string => Object.entries(ARR).find(([, a]) => a.size === size && a.q === q)?.[0] ?? '?';

export interface Vec {
  readonly op: VecOp;
  readonly n: number;
  readonly arr: string;
  readonly size: number;
  readonly q: number;
}

/** A vector register with an arrangement (`v0.4s`). */
export function vec(ops: Ops, i: number, allowed?: string[]): Vec {
  const op = ops[i];
  const want = `a vector register with an arrangement (like v0.4s)${allowed ? `: ${allowed.map((a) => `.${a}`).join(', ')}` : ''}`;
  if (!op) fail(`operand ${i + 1} is missing: expected ${want}`);
  if (op.t !== 'vec' || !op.arr || op.index !== undefined) wrongKind(i, want, op);
  const a = ARR[op.arr];
  if (!a) fail(`'${op.text}': unknown arrangement '.${op.arr}' (expected .8b, .16b, .4h, .8h, .2s, .4s, .1d or .2d)`, op);
  if (allowed && !allowed.includes(op.arr)) fail(`operand ${i + 1} must be ${want}, not '${op.text}'`, op);
  return { op, n: op.n, arr: op.arr, size: a.size, q: a.q };
}

/** A vector element `v0.s[1]`. */
export function elem(ops: Ops, i: number, sizes = 'bhsd'): { n: number; size: number; index: number; op: VecOp } {
  const op = ops[i];
  const want = `a vector element (like v0.s[1])`;
  if (!op) fail(`operand ${i + 1} is missing: expected ${want}`);
  if (op.t !== 'vec' || op.index === undefined) wrongKind(i, want, op);
  const letter = op.elem ?? (op.arr ? op.arr.slice(-1) : undefined);
  if (!letter || !sizes.includes(letter)) fail(`operand ${i + 1}: element size must be ${sizes.split('').join(', ')}, not '${op.text}'`, op);
  const size = ESIZE[letter];
  const max = (16 >> size) - 1;
  if (op.index < 0 || op.index > max) fail(`element index out of range: ${op.index} is not in 0 to ${max} for .${letter} elements`, op);
  return { n: op.n, size, index: op.index, op };
}

/** A SIMD scalar register b/h/s/d/q. */
export function scalar(ops: Ops, i: number, sizes = 'bhsd'): FprOp {
  const op = ops[i];
  const want = `a SIMD scalar register (${sizes.split('').map((c) => `${c}0-${c}31`).join(', ')})`;
  if (!op) fail(`operand ${i + 1} is missing: expected ${want}`);
  if (op.t !== 'fpr' || !sizes.includes(op.size)) wrongKind(i, want, op);
  return op;
}

export function same(a: Vec, b: Vec, i: number): void {
  if (a.arr !== b.arr) fail(`operand ${i + 1} must have the same arrangement as operand 1 (.${a.arr}), not '${b.op.text}'`, b.op);
}

export function sameScalar(a: FprOp, b: FprOp, i: number): void {
  if (a.size !== b.size) fail(`operand ${i + 1} must be a ${a.size} register like operand 1, not '${b.text}'`, b);
}

export const isVec = (op: Operand | undefined): boolean => op?.t === 'vec';

/** The FP size bit for arrangements .2s/.4s (0) and .2d (1). */
export function fpSz(v: Vec): number {
  if (v.size !== 2 && v.size !== 3) fail(`'${v.op.text}': floating-point vectors are .2s, .4s or .2d`, v.op);
  return v.size - 2;
}

export function fpScalarSz(r: FprOp): number {
  if (r.size !== 's' && r.size !== 'd') fail(`'${r.text}': expected an s or d register`, r);
  return r.size === 'd' ? 1 : 0;
}

export function zeroImm(op: Operand | undefined, i: number, fp: boolean): void {
  const ok = op && ((op.t === 'imm' && op.hash && op.e.k === 'num' && op.e.v === 0n) || (op.t === 'fimm' && op.value === 0));
  if (!ok) fail(`operand ${i + 1} must be #0${fp ? ' or #0.0' : ''}${op ? `, not ${kindName(op)}` : ''}`, op ?? { start: 0, end: 0 });
}


export function listOp(ops: Ops, i: number): ListOp {
  const op = ops[i];
  if (!op) fail(`operand ${i + 1} is missing: expected a register list like {v0.16b, v1.16b}`);
  if (op.t !== 'list') wrongKind(i, 'a register list like {v0.16b, v1.16b}', op);
  for (let k = 1; k < op.regs.length; k++) {
    if (op.regs[k].n !== (op.regs[k - 1].n + 1) % 32) fail('the registers of a list must be consecutive (v0, v1, … wrapping after v31)', op.regs[k]);
  }
  return op;
}
