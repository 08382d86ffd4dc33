/**
 * The differential batch: memory layout shared by every runner (engine, unicorn,
 * qemu-aarch64), the per-sequence case record and the observed outcome.
 *
 * Each sequence owns a 512-byte code slot and a 512-byte scratch buffer at fixed
 * addresses, so PC-relative results (ADR, BL, literal loads) and memory contents are
 * identical in every runner:
 *   slot + 0      CLREX (every sequence starts with no exclusive reservation)
 *   slot + 4      the generated instructions (at most MAX_INSNS)
 *   ...           NOP padding
 *   slot + 252    the end instruction (HVC for the engine; a branch back to the qemu harness)
 *   slot + 256    a 256-byte literal pool of random data (LDR literal targets)
 */
export const SLOT_SIZE = 512;
export const SEQ_OFF = 4;
export const END_OFF = 252;
export const LITERAL_OFF = 256;
export const LITERAL_SIZE = 256;
export const MAX_INSNS = (END_OFF - SEQ_OFF) / 4;
export const SCRATCH_SIZE = 512;

export const SLOTS_BASE = 0x10400000;
export const SCRATCH_BASE = 0x10800000;
/** Largest batch the fixed layout holds (slots must stay below the scratch area). */
export const MAX_CASES = (SCRATCH_BASE - SLOTS_BASE) / SLOT_SIZE;
/** Layout positions used by a batch (slots and scratch buffers to map). */
export const layoutSpan = (cases: ReadonlyArray<{ at: number }>): number => cases.reduce((m, c) => Math.max(m, c.at + 1), 0);

export const slotAddr = (index: number): number => SLOTS_BASE + index * SLOT_SIZE;
export const scratchAddr = (index: number): number => SCRATCH_BASE + index * SCRATCH_SIZE;

export interface CpuState {
  /** X0..X30. */
  x: bigint[];
  sp: bigint;
  /** NZCV in bits 31:28. */
  nzcv: number;
  fpcr: number;
  fpsr: number;
  /** V0..V31, 16 bytes each, little-endian. */
  v: Uint8Array;
}

export interface DiffCase {
  /** Position in the generated batch (what failure reports name). */
  index: number;
  /** Layout position: the slot and scratch buffer the case runs in (see `relocate`). */
  at: number;
  /** Seed of this sequence's own PRNG stream (derived from the batch seed and index). */
  seed: number;
  flavor: string;
  insns: number[];
  literals: Uint8Array;
  scratch: Uint8Array;
  init: CpuState;
  /** Registers (31 = SP) that hold scratch-buffer addresses in `init`. */
  scratchRegs: number[];
  /** Registers that hold code-slot addresses in `init` (indirect branch targets). */
  slotRegs: number[];
}

/** The same case moved to layout position `at` (address-holding registers adjusted). */
export function relocate(c: DiffCase, at: number, insns: number[] = c.insns): DiffCase {
  const init = cloneState(c.init);
  const move = (r: number, delta: number): void => {
    if (r === 31) init.sp += BigInt(delta);
    else init.x[r] += BigInt(delta);
  };
  for (const r of c.scratchRegs) move(r, scratchAddr(at) - scratchAddr(c.at));
  for (const r of c.slotRegs) move(r, slotAddr(at) - slotAddr(c.at));
  return { ...c, at, insns, init };
}

/** A synchronous exception raised by the sequence (the oracle's signal or error, the engine's exit). */
export interface Fault {
  pc: number;
  what: string;
}

export interface Outcome {
  state: CpuState;
  scratch: Uint8Array;
  fault: Fault | null;
}

/** The slot image: CLREX, the sequence, NOP padding, `endWord` and the literal pool. */
export function slotImage(c: DiffCase, endWord: number): Uint8Array {
  if (c.insns.length > MAX_INSNS) throw new Error(`sequence ${c.index}: ${c.insns.length} instructions exceed the slot`);
  if (c.at >= MAX_CASES) throw new Error(`sequence ${c.index}: layout position ${c.at} is beyond the layout`);
  const words = new Uint32Array(SLOT_SIZE / 4);
  words.fill(0xd503201f, 0, END_OFF / 4); // NOP
  words[0] = 0xd503305f; // CLREX
  c.insns.forEach((w, k) => (words[SEQ_OFF / 4 + k] = w));
  words[END_OFF / 4] = endWord;
  const bytes = new Uint8Array(words.buffer);
  bytes.set(c.literals, LITERAL_OFF);
  return bytes;
}

export function cloneState(s: CpuState): CpuState {
  return { x: [...s.x], sp: s.sp, nzcv: s.nzcv, fpcr: s.fpcr, fpsr: s.fpsr, v: s.v.slice() };
}

export const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
export const unhex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'));
