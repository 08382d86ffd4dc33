/**
 * Builds the differential batch: for each sequence a flavour (which instruction
 * classes it mixes), a random initial state, base registers pointing into its scratch
 * buffer, and a list of items laid out in its code slot with forward branch targets
 * resolved. Everything derives from (batch seed, sequence index).
 */
import type { EncodingTable } from '../../../engine/cpu/encodingTable';
import { DiffCase, END_OFF, LITERAL_SIZE, MAX_INSNS, SCRATCH_SIZE, SEQ_OFF, scratchAddr, slotAddr } from './batch';
import { branch } from './branches';
import { addBase, dpWord, freeReg, Item, SeqCtx } from './context';
import * as M from './memory';
import { Prng } from './prng';
import { busyFpcr, randomState } from './state';
import { systemOp } from './system';
import { TablePool } from './tablePool';

export type Flavor = 'alu' | 'fp' | 'fpctl' | 'mem' | 'simdmem' | 'excl' | 'atomic' | 'branch' | 'mixed';

/**
 * Sequences per flavour in the standard batch (3,000 in all). FP/SIMD has the most
 * classes; 'fpctl' runs the FPCR-sensitive ones (conversions, rounding, estimates,
 * fused multiply-add) under every combination of AHP, DN, FZ, FZ16 and RMode.
 */
export const STANDARD_MIX: ReadonlyArray<[Flavor, number]> = [
  ['alu', 450],
  ['fp', 800],
  ['fpctl', 300],
  ['mem', 350],
  ['simdmem', 150],
  ['excl', 200],
  ['atomic', 250],
  ['branch', 250],
  ['mixed', 250],
];

export const STANDARD_COUNT = STANDARD_MIX.reduce((n, [, k]) => n + k, 0);

export interface BatchOptions {
  seed: number;
  mix: ReadonlyArray<[Flavor, number]>;
  /** LDSMAX/LDSMIN/LDUMAX/LDUMIN: off for unicorn 2.0.1, which computes them wrongly. */
  minMaxAtomics: boolean;
}

export interface Pools {
  dp: TablePool;
  simd: TablePool;
  /** SIMD&FP lines whose results depend most on FPCR. */
  fpctl: TablePool;
  /** One-word probes of the constrained generators' classes, checked against the decoder. */
  table: EncodingTable;
}

export function makePools(table: EncodingTable): Pools {
  return {
    dp: new TablePool(table, ['dpImm', 'dpReg']),
    simd: new TablePool(table, ['simdFp']),
    fpctl: new TablePool(table, ['simdFp'], /CVT|FRINT|RECP|RSQRT|SQRT|FM[LA]|FMAD|FMSUB|FNM|FDIV|FMUL|FADD|FSUB|FMAX|FMIN|FABD/),
    table,
  };
}

export function buildBatch(pools: Pools, opts: BatchOptions): DiffCase[] {
  const cases: DiffCase[] = [];
  for (const [flavor, count] of opts.mix) {
    for (let k = 0; k < count; k++) {
      const index = cases.length;
      const seed = Prng.derive(opts.seed, index);
      cases.push(buildCase(pools, index, seed, flavor, opts.minMaxAtomics));
    }
  }
  return cases;
}

type Maker = (ctx: SeqCtx) => Item | null;
const dp: Maker = (c) => wordItem(dpWord(c, c.dp));
const fp: Maker = (c) => wordItem(dpWord(c, c.simd));
/** Makers whose words come from the table already decoded. */
const fpc: Maker = (c) => wordItem(dpWord(c, c.fpctl));
const fromTable = new Set<Maker>([dp, fp, fpc]);

function makersFor(flavor: Flavor, minMax: boolean): Array<[Maker, number]> {
  const atomics: Maker = (c) => M.atomicRmw(c, minMax);
  switch (flavor) {
    case 'alu':
      return [[dp, 10], [systemOp, 1]];
    case 'fp':
      return [[fp, 10], [dp, 1], [systemOp, 1]];
    case 'fpctl':
      return [[fpc, 8], [fp, 2]];
    case 'mem':
      return [[(c) => M.singleLdSt(c, false), 5], [(c) => M.pairLdSt(c, false), 2], [dp, 2]];
    case 'simdmem':
      return [[(c) => M.singleLdSt(c, true), 3], [(c) => M.pairLdSt(c, true), 2], [M.simdStructure, 3], [fp, 1]];
    case 'excl':
      return [[M.exclusiveBlock, 4], [M.orderedLdSt, 2], [dp, 2]];
    case 'atomic':
      return [[atomics, 5], [M.compareAndSwap, 3], [dp, 2]];
    case 'branch':
      return [[branch, 3], [dp, 5], [systemOp, 1]];
    case 'mixed':
      return [
        [dp, 4], [fp, 3], [(c) => M.singleLdSt(c, true), 2], [(c) => M.pairLdSt(c, true), 1], [M.exclusiveBlock, 1],
        [atomics, 1], [M.compareAndSwap, 1], [M.simdStructure, 1], [branch, 2], [systemOp, 1],
      ];
  }
}

const usesMemory = (f: Flavor): boolean => f !== 'alu' && f !== 'fp' && f !== 'branch';

function buildCase(pools: Pools, index: number, seed: number, flavor: Flavor, minMax: boolean): DiffCase {
  const rng = new Prng(seed);
  const slot = slotAddr(index);
  const scratch = scratchAddr(index);
  const init = randomState(rng);
  if (flavor === 'fpctl') init.fpcr = busyFpcr(rng);
  const ctx: SeqCtx = { rng, slot, scratch, init, reserved: new Set(), bases: [], indexes: [], dp: pools.dp, simd: pools.simd, fpctl: pools.fpctl };
  if (usesMemory(flavor)) setUpBases(ctx);

  // Decide the kinds first and create branches before anything else, so the registers
  // that hold indirect-branch targets are reserved before any item could write them.
  const makers = makersFor(flavor, minMax);
  const total = makers.reduce((s, [, w]) => s + w, 0);
  const wanted = rng.range(4, 20);
  const plan: Maker[] = [];
  for (let k = 0; k < wanted; k++) {
    let r = rng.below(total);
    for (const [m, w] of makers) {
      if ((r -= w) < 0) {
        plan.push(m);
        break;
      }
    }
  }
  const items: Array<Item | null> = plan.map((m) => (m === branch ? branch(ctx) : null));
  const movesBase: boolean[] = [];
  plan.forEach((m, k) => {
    const saved = ctx.bases.map((b) => b.value);
    if (items[k] === null) items[k] = m(ctx);
    // Classes the CPU does not implement yet are left out (the decoder decides), and
    // a dropped item must not leave its base-register update behind.
    if (items[k] !== null && !fromTable.has(m) && !decodable(pools.table, items[k]!, slot)) {
      items[k] = null;
      ctx.bases.forEach((b, j) => (b.value = saved[j]));
    }
    movesBase[k] = ctx.bases.some((b, j) => b.value !== saved[j]);
  });
  const keptIdx = items.map((it, k) => (it === null ? -1 : k)).filter((k) => k >= 0);
  const kept = keptIdx.map((k) => items[k]!);
  const insns = layOut(ctx, kept, keptIdx.map((k) => movesBase[k]));
  return {
    index,
    at: index,
    seed,
    flavor,
    insns,
    literals: rng.bytes(LITERAL_SIZE),
    scratch: rng.bytes(SCRATCH_SIZE),
    init,
    scratchRegs: ctx.bases.map((b) => b.reg),
    slotRegs: kept.flatMap((it) => (it.kind === 'branch' && it.targetReg !== undefined ? [it.targetReg] : [])),
  };
}

function setUpBases(ctx: SeqCtx): void {
  const rng = ctx.rng;
  const nb = rng.range(2, 3);
  for (let k = 0; k < nb; k++) {
    const reg = k === 0 && rng.bool(0.25) ? 31 : freeReg(ctx);
    addBase(ctx, reg, ctx.scratch + 16 * rng.range(4, 28));
  }
  for (let k = rng.range(1, 2); k > 0; k--) {
    const reg = freeReg(ctx);
    ctx.reserved.add(reg);
    const small = BigInt(rng.range(-24, 24) * rng.pick([1, 2, 4, 8]));
    // Half the time only the low word is meaningful (for UXTW/SXTW); the high word is noise.
    const value = rng.bool(0.5) ? BigInt.asUintN(64, small) : (rng.u64() & 0xffffffff00000000n) | BigInt.asUintN(32, small);
    ctx.indexes.push({ reg, value });
    ctx.init.x[reg] = value;
  }
}

function decodable(table: EncodingTable, it: Item, slot: number): boolean {
  const pc = slot + SEQ_OFF;
  const words = it.kind === 'words' ? it.words : it.kind === 'pcrel' ? [it.make(pc)] : [it.make(pc, pc + 4)];
  return words.every((w) => table.match(w) !== null);
}

function wordItem(d: { word: number; name: string } | null): Item | null {
  return d === null ? null : { kind: 'words', words: [d.word], names: [d.name], block: false };
}

/**
 * Place items from slot+SEQ_OFF, resolve forward branch targets and PC-relative words.
 * A branch may not skip an item that moves a base register (later accesses were
 * generated assuming it ran), except by jumping straight to the end.
 */
function layOut(ctx: SeqCtx, items: Item[], movesBase: boolean[]): number[] {
  const sizes = items.map((it) => (it.kind === 'words' ? it.words.length : 1));
  while (sizes.reduce((a, b) => a + b, 0) > MAX_INSNS) {
    items.pop();
    sizes.pop();
  }
  const starts: number[] = [];
  let pos = 0;
  for (const s of sizes) {
    starts.push(ctx.slot + SEQ_OFF + 4 * pos);
    pos += s;
  }
  const end = ctx.slot + END_OFF;
  const out: number[] = [];
  items.forEach((it, k) => {
    const pc = starts[k];
    if (it.kind === 'words') out.push(...it.words);
    else if (it.kind === 'pcrel') out.push(it.make(pc));
    else {
      const candidates = [items.length];
      for (let j = k + 1; j < items.length; j++) {
        candidates.push(j);
        if (movesBase[j]) break;
      }
      const j = ctx.rng.pick(candidates);
      const target = j < items.length ? starts[j] : end;
      if (it.targetReg !== undefined) ctx.init.x[it.targetReg] = BigInt(target);
      out.push(it.make(pc, target));
    }
  });
  return out;
}
