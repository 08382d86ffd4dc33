/**
 * Test harness for the FP/SIMD instruction tests: run instruction words on a bare vCPU
 * with chosen V/X registers, FPCR and NZCV, then read registers back as BigInts.
 */
import assert from 'node:assert/strict';
import { Cpu } from '../../engine/cpu/cpu';
import { bareMachine, HVC0 } from '../helpers/bareCpu';

export interface FpSetup {
  /** V registers as 128-bit values. */
  v?: Record<number, bigint>;
  x?: Record<number, bigint>;
  fpcr?: number;
  /** NZCV as a 4-bit value. */
  nzcv?: number;
}

export interface FpResult {
  cpu: Cpu;
  /** Whole 128-bit V register. */
  q(r: number): bigint;
  /** Low 64 bits of V register. */
  d(r: number): bigint;
  /** Low 32 bits of V register. */
  s(r: number): number;
  x(r: number): bigint;
  fpsr: number;
  nzcv: number;
}

const MASK128 = (1n << 128n) - 1n;

export function setQ(cpu: Cpu, r: number, value: bigint): void {
  const b = value & MASK128;
  for (let j = 0; j < 4; j++) cpu.vI32[r * 4 + j] = Number((b >> BigInt(32 * j)) & 0xffffffffn) | 0;
}

export function getQ(cpu: Cpu, r: number): bigint {
  let b = 0n;
  for (let j = 3; j >= 0; j--) b = (b << 32n) | BigInt(cpu.vI32[r * 4 + j] >>> 0);
  return b;
}

/** Run `words` then HVC #0; fails the test if the run ends any other way. */
export function runFp(words: number[], setup: FpSetup = {}): FpResult {
  const m = bareMachine([...words, HVC0]);
  const cpu = m.cpu;
  for (const [r, v] of Object.entries(setup.v ?? {})) setQ(cpu, Number(r), v);
  for (const [r, v] of Object.entries(setup.x ?? {})) cpu.setX(Number(r), v & ((1n << 64n) - 1n));
  cpu.fpcr = setup.fpcr ?? 0;
  cpu.nzcv = ((setup.nzcv ?? 0) << 28) >>> 0;
  const exit = m.run(1000);
  assert.equal(exit.kind, 'hvc', `run ended with ${JSON.stringify(exit)}`);
  return {
    cpu,
    q: (r) => getQ(cpu, r),
    d: (r) => getQ(cpu, r) & 0xffffffffffffffffn,
    s: (r) => cpu.vI32[r * 4] >>> 0,
    x: (r) => cpu.getX(r),
    fpsr: cpu.fpsr,
    nzcv: cpu.nzcv >>> 28,
  };
}

// FPSR cumulative flags, for readable expectations.
export const IOC = 0x01;
export const DZC = 0x02;
export const OFC = 0x04;
export const UFC = 0x08;
export const IXC = 0x10;
export const IDC = 0x80;

// FPCR fields.
export const RN = 0;
export const RP = 1 << 22;
export const RM = 2 << 22;
export const RZ = 3 << 22;
export const FZ = 1 << 24;
export const DN = 1 << 25;

const dv = new DataView(new ArrayBuffer(8));
/** Encoding of a double. */
export function D(x: number): bigint {
  dv.setFloat64(0, x);
  return dv.getBigUint64(0);
}
/** Encoding of a single (x must be exactly representable). */
export function S(x: number): bigint {
  dv.setFloat32(0, x);
  assert.equal(dv.getFloat32(0), x, `${x} is not a single`);
  return BigInt(dv.getUint32(0));
}
/** A double's value from its encoding. */
export function fromD(bits: bigint): number {
  dv.setBigUint64(0, bits & 0xffffffffffffffffn);
  return dv.getFloat64(0);
}
