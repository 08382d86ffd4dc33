/**
 * Shared pieces of the load/store handlers: address generation (base register, SP
 * alignment check, register-offset extension, 64-bit wrap-around), writeback, register
 * writes, and the general-register access kinds (one tiny function per size/sign/width,
 * so each handler calls a known function that V8 can inline).
 *
 * Operand conventions for every load/store Insn: `rd` = Rt, `rt2` = Rt2, `rn` = base
 * (register 31 resolved to SP), `rm` = offset register, `rs` = Rs; `imm` = byte offset.
 */
import { Cpu, R_SP } from '../cpu';
import { EC } from '../exits';
import { ExecFn, Insn } from '../insn';
import { IPA_LIMIT } from '../../memory/bus';
import { PhysPage } from '../../memory/physPage';

const TWO32 = 4294967296;

// ------------------------------------------------------------------ address generation

/**
 * SP alignment check (Arm ARM CheckSPAlignment): only when the base is SP and SP is not
 * 16-byte aligned, and only if SCTLR_EL1.SA (EL1) / SA0 (EL0) enables it. KVM resets
 * SCTLR_EL1 to 0x00C50078, which sets both, so real guests get the fault; the check
 * follows whatever SCTLR_EL1 value this CPU holds.
 */
function spAlignmentFault(cpu: Cpu, i: Insn): void {
  const bit = cpu.el === 0 ? 4n : 3n;
  if (((cpu.sys.sctlr_el1 >> bit) & 1n) === 0n) return;
  const sp = cpu.getX(R_SP);
  cpu.raise(
    EC.SP_ALIGN,
    0,
    1,
    null,
    i.addr,
    `SP alignment fault: SP=0x${sp.toString(16)} is not 16-byte aligned at the load/store at 0x${i.addr.toString(16)} (SCTLR_EL1.${cpu.el === 0 ? 'SA0' : 'SA'}=1)`,
  );
}

/** Exact 64-bit X[r] + offset, as a number (exact below 2^53; larger addresses fault anyway). */
function wrappedAddr(cpu: Cpu, r: number, offset: number): number {
  const x = cpu.x;
  const s = (x[2 * r] >>> 0) + (offset >>> 0); // offset >>> 0: its low 32 bits
  const hi = (x[2 * r + 1] + Math.floor(offset / TWO32) + (s >= TWO32 ? 1 : 0)) >>> 0;
  return hi * TWO32 + (s >>> 0);
}

/**
 * The address X[n]/SP + `offset` (offset a small signed number), with the SP alignment
 * check. `cpu.addrOf` is exact for every in-range address; a result outside the IPA space
 * is recomputed modulo 2^64, so a base "below zero" plus a positive offset still wraps.
 */
export function baseAddr(cpu: Cpu, i: Insn, offset: number): number {
  if (i.rn === R_SP && (cpu.x[62] & 15) !== 0) spAlignmentFault(cpu, i);
  const a = cpu.addrOf(i.rn, offset);
  return a >= 0 && a < IPA_LIMIT ? a : wrappedAddr(cpu, i.rn, offset);
}

/** Extend types of the register-offset forms, in `Insn.a`. */
export const EXT_UXTW = 0;
export const EXT_SXTW = 1;
/** UXTX/LSL and SXTX: the whole 64-bit register (signedness is irrelevant modulo 2^64). */
export const EXT_X = 2;

/**
 * Register-offset address: X[n]/SP + (extend(X[m]) << shift), computed in 64-bit
 * two's complement with (lo, hi) halves. `i.a` = extend type, `i.b` = shift (0..4).
 */
export function regAddr(cpu: Cpu, i: Insn): number {
  if (i.rn === R_SP && (cpu.x[62] & 15) !== 0) spAlignmentFault(cpu, i);
  const x = cpu.x;
  let olo = x[2 * i.rm];
  let ohi = i.a === EXT_UXTW ? 0 : i.a === EXT_SXTW ? olo >> 31 : x[2 * i.rm + 1];
  const sh = i.b;
  if (sh !== 0) {
    ohi = (ohi << sh) | (olo >>> (32 - sh));
    olo <<= sh;
  }
  const s = (x[2 * i.rn] >>> 0) + (olo >>> 0);
  const hi = (x[2 * i.rn + 1] + ohi + (s >= TWO32 ? 1 : 0)) >>> 0;
  return hi * TWO32 + (s >>> 0);
}

/**
 * The register offset (extend(X[m]) << shift) when it is in [0, 2^30), for the fast
 * path (`Cpu.rfast`); -1 otherwise (the general path takes any offset).
 */
export function regOffset(cpu: Cpu, i: Insn): number {
  const x = cpu.x;
  const o = x[2 * i.rm];
  if (o < 0 || (i.a === EXT_X && x[2 * i.rm + 1] !== 0)) return -1;
  return o < 0x40000000 >> i.b ? o << i.b : -1;
}

/**
 * Decode the option/S fields of a register-offset form into `i.a`/`i.b`; false for the
 * reserved options (option<1> = 0).
 */
export function decodeExtend(i: Insn, option: number, s: number, sizeLog2: number): boolean {
  if ((option & 2) === 0) return false;
  i.a = option === 0b010 ? EXT_UXTW : option === 0b110 ? EXT_SXTW : EXT_X;
  i.b = s ? sizeLog2 : 0;
  return true;
}

/** Writeback of an address (a number from a completed access, or that plus an imm9/imm7 offset: may be negative). */
export function writeback(cpu: Cpu, r: number, a: number): void {
  cpu.x[2 * r] = a | 0;
  cpu.x[2 * r + 1] = Math.floor(a / TWO32) | 0;
}

/** Sign-extend a field of `bits` bits. */
export const sext = (v: number, bits: number): number => (v << (32 - bits)) >> (32 - bits);

/** PC-relative literal address (negative results wrap to the top of the address space, which faults). */
export function literalAddr(i: Insn, imm19: number): number {
  const a = i.addr + sext(imm19, 19) * 4;
  return a < 0 ? a + 2 ** 64 : a;
}

/**
 * Alignment check without an access: a failing store-exclusive writes nothing but still
 * faults when misaligned. `translateSlow` raises the same alignment fault (DFSC 0x21) as
 * every other access. (Accesses wider than 8 bytes — Q registers, exclusive pairs, CASP X —
 * go through `rpage`/`wpage` with their full size, which checks alignment against it.)
 */
export function checkAligned(cpu: Cpu, a: number, size: number, write: boolean): void {
  if (a % size !== 0) cpu.translateSlow(a, size, write);
}

/**
 * The page for a read-modify-write (atomics, CAS, SWP): translated for writing, since the
 * Arm ARM treats these as both a load and a store for permission checks (a failing CAS
 * included). A read watchpoint is honoured too.
 */
export function rmwPage(cpu: Cpu, a: number, size: number): PhysPage {
  if (cpu.shared.watchedPages.size !== 0) cpu.rpage(a, size);
  return cpu.wpage(a, size);
}

// ------------------------------------------------------------------ register writes

export function setW(cpu: Cpu, r: number, v: number): void {
  cpu.x[2 * r] = v;
  cpu.x[2 * r + 1] = 0;
}
export function setX(cpu: Cpu, r: number, lo: number, hi: number): void {
  cpu.x[2 * r] = lo;
  cpu.x[2 * r + 1] = hi;
}

// ------------------------------------------------------------------ general-register access kinds

/** One access kind: load into / store from register slot `r` at `a`. */
export type Access = (cpu: Cpu, r: number, a: number) => void;

export const ldB: Access = (cpu, r, a) => setW(cpu, r, cpu.ld8(a));
export const ldH: Access = (cpu, r, a) => setW(cpu, r, cpu.ld16(a));
export const ldW: Access = (cpu, r, a) => setW(cpu, r, cpu.ld32(a));
export const ldX: Access = (cpu, r, a) => setX(cpu, r, cpu.ld64(a), cpu.ldHi);
export const ldSBw: Access = (cpu, r, a) => setW(cpu, r, (cpu.ld8(a) << 24) >> 24);
export const ldSBx: Access = (cpu, r, a) => {
  const v = (cpu.ld8(a) << 24) >> 24;
  setX(cpu, r, v, v >> 31);
};
export const ldSHw: Access = (cpu, r, a) => setW(cpu, r, (cpu.ld16(a) << 16) >> 16);
export const ldSHx: Access = (cpu, r, a) => {
  const v = (cpu.ld16(a) << 16) >> 16;
  setX(cpu, r, v, v >> 31);
};
export const ldSW: Access = (cpu, r, a) => {
  const v = cpu.ld32(a);
  setX(cpu, r, v, v >> 31);
};
export const stB: Access = (cpu, r, a) => cpu.st8(a, cpu.x[2 * r]);
export const stH: Access = (cpu, r, a) => cpu.st16(a, cpu.x[2 * r]);
export const stW: Access = (cpu, r, a) => cpu.st32(a, cpu.x[2 * r]);
export const stX: Access = (cpu, r, a) => cpu.st64(a, cpu.x[2 * r], cpu.x[2 * r + 1]);

/** An executed-as-NOP handler (prefetches). */
export const execNop: ExecFn = () => {};
