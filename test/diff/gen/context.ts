/**
 * What a sequence generator knows while it builds one sequence: the registers it must
 * not overwrite (memory bases, index registers, indirect-branch targets), the exact
 * values of the base registers (so every access lands, aligned, inside the scratch
 * buffer), and the items it has emitted so far.
 */
import { CpuState, SCRATCH_SIZE } from './batch';
import { Prng } from './prng';
import { TablePool } from './tablePool';

export interface Base {
  reg: number; // 0..30, or 31 for SP
  value: number;
}

export interface IndexReg {
  reg: number;
  value: bigint;
}

/**
 * One unit of a sequence. Branch targets and PC-relative offsets depend on where the
 * item lands, so items encode themselves once the layout is known.
 */
export type Item =
  | { kind: 'words'; words: number[]; names: string[]; block: boolean }
  | { kind: 'pcrel'; name: string; make: (pc: number) => number }
  | { kind: 'branch'; name: string; make: (pc: number, target: number) => number; targetReg?: number };

export interface SeqCtx {
  rng: Prng;
  slot: number;
  scratch: number;
  init: CpuState;
  reserved: Set<number>;
  bases: Base[];
  indexes: IndexReg[];
  dp: TablePool;
  simd: TablePool;
  fpctl: TablePool;
}

/** A register in 0..29 that nothing reserves (X30 is left for BL/BLR links). */
export function freeReg(ctx: SeqCtx, exclude: number[] = []): number {
  for (let k = 0; k < 100; k++) {
    const r = ctx.rng.below(30);
    if (!ctx.reserved.has(r) && !exclude.includes(r)) return r;
  }
  throw new Error('generator: no free register');
}

/** A destination register for a load (may be 31 = XZR) that is not reserved. */
export function destReg(ctx: SeqCtx, exclude: number[] = []): number {
  for (let k = 0; k < 100; k++) {
    const r = ctx.rng.below(32);
    if ((r === 31 || !ctx.reserved.has(r)) && !exclude.includes(r)) return r;
  }
  throw new Error('generator: no destination register');
}

/** True when [addr, addr + bytes) lies inside the scratch buffer and addr is aligned. */
export function accessOk(ctx: SeqCtx, addr: number, bytes: number, align: number): boolean {
  return addr >= ctx.scratch && addr + bytes <= ctx.scratch + SCRATCH_SIZE && addr % align === 0;
}

/**
 * Base values stay well inside the buffer, so later accesses have room either side.
 * SP stays 16-byte aligned: with SCTLR_EL1.SA set (the engine's reset state) an access
 * based on a misaligned SP faults, which neither oracle models.
 */
export function baseOk(ctx: SeqCtx, base: Base, value: number): boolean {
  return value >= ctx.scratch + 32 && value <= ctx.scratch + SCRATCH_SIZE - 32 && value % (base.reg === 31 ? 16 : 8) === 0;
}

/** Reserve `reg` and make it a base register pointing at `value`. */
export function addBase(ctx: SeqCtx, reg: number, value: number): void {
  ctx.reserved.add(reg);
  ctx.bases.push({ reg, value });
  if (reg === 31) ctx.init.sp = BigInt(value);
  else ctx.init.x[reg] = BigInt(value);
}

/** A table-drawn data-processing word that writes no reserved register. */
export function dpWord(ctx: SeqCtx, pool: TablePool): { word: number; name: string } | null {
  return pool.draw(ctx.rng, (w) => !ctx.reserved.has(w & 31));
}
