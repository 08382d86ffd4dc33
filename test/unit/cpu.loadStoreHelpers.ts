/**
 * Helpers for the load/store instruction tests: a bare machine with a data area, memory
 * and register accessors as BigInt, and a runner that expects the program to end at HVC #0.
 */
import assert from 'node:assert/strict';
import { bareMachine, BareMachine, HVC0, RAM_BASE } from '../helpers/bareCpu';

/** A data area well away from the code (which starts at RAM_BASE). */
export const DATA = RAM_BASE + 0x10000;
export const M64 = (1n << 64n) - 1n;

/** Build a machine for `words` (HVC #0 appended), let `setup` prepare it, run to the HVC. */
export function runProgram(words: number[], setup: (m: BareMachine) => void = () => {}): BareMachine {
  const m = bareMachine([...words, HVC0]);
  setup(m);
  const exit = m.run(1000);
  assert.equal(exit.kind, 'hvc', `expected the program to reach HVC #0, got ${JSON.stringify(exit)}`);
  return m;
}

export function writeBytes(m: BareMachine, addr: number, bytes: number[] | Uint8Array): void {
  m.bus.write(addr, Uint8Array.from(bytes));
}

/** Store `v` little-endian in `size` bytes. */
export function poke(m: BareMachine, addr: number, size: number, v: bigint): void {
  const b = new Uint8Array(size);
  for (let k = 0; k < size; k++) b[k] = Number((v >> BigInt(8 * k)) & 0xffn);
  m.bus.write(addr, b);
}

/** Read `size` bytes little-endian as an unsigned BigInt. */
export function peek(m: BareMachine, addr: number, size: number): bigint {
  const b = m.bus.read(addr, size);
  let v = 0n;
  for (let k = size - 1; k >= 0; k--) v = (v << 8n) | BigInt(b[k]);
  return v;
}

export function x(m: BareMachine, r: number): bigint {
  return m.cpu.getX(r);
}

export function setXs(m: BareMachine, regs: Record<number, bigint | number>): void {
  for (const [r, v] of Object.entries(regs)) m.cpu.setX(Number(r), BigInt(v) & M64);
}

/** V register k as a 128-bit BigInt. */
export function vreg(m: BareMachine, k: number): bigint {
  let v = 0n;
  for (let j = 3; j >= 0; j--) v = (v << 32n) | BigInt(m.cpu.vI32[4 * k + j] >>> 0);
  return v;
}

export function setV(m: BareMachine, k: number, v: bigint): void {
  for (let j = 0; j < 4; j++) m.cpu.vI32[4 * k + j] = Number((v >> BigInt(32 * j)) & 0xffffffffn) | 0;
}

/** Two's-complement helpers for expected values. */
export const u64 = (v: bigint): bigint => v & M64;
export const sextBig = (v: bigint, bits: number): bigint => {
  const m = (1n << BigInt(bits)) - 1n;
  const t = v & m;
  return t >> BigInt(bits - 1) ? t - (1n << BigInt(bits)) : t;
};

export { RAM_BASE, HVC0 };
