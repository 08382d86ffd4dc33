/**
 * Register-31 resolution and small helpers for (lo, hi) register pairs, used by the
 * decode functions and handlers of every encoding class.
 */
import { R_SP, R_ZR_READ, R_ZR_WRITE } from './cpu';
import type { Cpu } from './cpu';

/** Source register where 31 means XZR. */
export const zrRead = (r: number): number => (r === 31 ? R_ZR_READ : r);
/** Destination register where 31 means XZR (the write is discarded). */
export const zrWrite = (r: number): number => (r === 31 ? R_ZR_WRITE : r);
/** Register where 31 means SP (either direction). */
export const spReg = (r: number): number => (r === 31 ? R_SP : r);

const TWO32 = 4294967296;

/** Register value as an unsigned number (exact below 2^53). */
export function regNum(cpu: Cpu, r: number): number {
  return (cpu.x[2 * r + 1] >>> 0) * TWO32 + (cpu.x[2 * r] >>> 0);
}

/** Write a non-negative number below 2^53 to a 64-bit register. */
export function setRegNum(cpu: Cpu, r: number, v: number): void {
  cpu.x[2 * r] = v % TWO32 | 0;
  cpu.x[2 * r + 1] = Math.floor(v / TWO32) | 0;
}

/** Split a non-negative number into (lo, hi) int32 halves. */
export function lo32(v: number): number {
  return v % TWO32 | 0;
}
export function hi32(v: number): number {
  return Math.floor(v / TWO32) | 0;
}
