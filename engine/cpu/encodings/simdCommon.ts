/**
 * Shared helpers for the FP/SIMD encoding files: register-part zeroing, a scratch
 * result register (so every operand may alias the destination), lane access by
 * element size, and the field-letter conventions.
 *
 * Field letters used by the FP/SIMD lines, beyond the common ones (d n m a q S o c i):
 *   y  ftype (00 single, 01 double, 11 half)     U  the U bit (unsigned/alternate op)
 *   z  sf                                         r  rmode
 *   p  op bit(s) besides the main opcode          O  o0 of FP 3-source (o = o1)
 *   h/l split immediate high/low parts            j  second immediate (imm4 of INS/EXT)
 *   x  Q when it is an opcode bit (pairs with q)   b  size bit 'sz' of FP vector forms
 * Register numbers in Insn are plain V or X register numbers (no zero-register slots for V).
 * Decoders shared by vector and scalar lines read `f.q ?? 0`: scalar patterns have no Q
 * field, and every Insn field must stay a number.
 */
import type { Cpu } from '../cpu';

/** Zero bytes [fromByte, 16) of V[reg] (scalar writes clear the rest of the register). */
export function zeroFrom(cpu: Cpu, reg: number, fromByte: number): void {
  const v = cpu.vI32;
  const base = reg * 4;
  if (fromByte < 4) {
    if (fromByte < 2) cpu.vU8[reg * 16 + 1] = 0;
    cpu.vU16[reg * 8 + 1] = 0;
    v[base + 1] = 0;
  } else if (fromByte === 4) v[base + 1] = 0;
  v[base + 2] = 0;
  v[base + 3] = 0;
}

/** Scratch 128-bit result; `commit` copies it to Vd (zeroing the top half for 64-bit forms). */
export const tmpBuf = new ArrayBuffer(16);
export const tmpU8 = new Uint8Array(tmpBuf);
export const tmpU16 = new Uint16Array(tmpBuf);
export const tmpI32 = new Int32Array(tmpBuf);

export function commit(cpu: Cpu, d: number, q: number): void {
  const v = cpu.vI32;
  const b = d * 4;
  v[b] = tmpI32[0];
  v[b + 1] = tmpI32[1];
  v[b + 2] = q ? tmpI32[2] : 0;
  v[b + 3] = q ? tmpI32[3] : 0;
}

/** Lane `k` of V[reg] for element size log2 bytes `size` (0..2), unsigned. */
export function laneU(cpu: Cpu, reg: number, size: number, k: number): number {
  switch (size) {
    case 0:
      return cpu.vU8[reg * 16 + k];
    case 1:
      return cpu.vU16[reg * 8 + k];
    default:
      return cpu.vI32[reg * 4 + k] >>> 0;
  }
}

/** Lane `k` of V[reg], sign-extended (size 0..2). */
export function laneS(cpu: Cpu, reg: number, size: number, k: number): number {
  switch (size) {
    case 0:
      return (cpu.vU8[reg * 16 + k] << 24) >> 24;
    case 1:
      return (cpu.vU16[reg * 8 + k] << 16) >> 16;
    default:
      return cpu.vI32[reg * 4 + k];
  }
}

/** Store the low bits of `v` into lane `k` of the scratch result (size 0..2). */
export function setTmp(size: number, k: number, v: number): void {
  switch (size) {
    case 0:
      tmpU8[k] = v;
      return;
    case 1:
      tmpU16[k] = v;
      return;
    default:
      tmpI32[k] = v;
  }
}

/** Store the low bits of `v` into lane `k` of V[reg] (size 0..2). */
export function setLane(cpu: Cpu, reg: number, size: number, k: number, v: number): void {
  switch (size) {
    case 0:
      cpu.vU8[reg * 16 + k] = v;
      return;
    case 1:
      cpu.vU16[reg * 8 + k] = v;
      return;
    default:
      cpu.vI32[reg * 4 + k] = v;
  }
}
