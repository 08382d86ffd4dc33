/**
 * Operand checks shared by the instruction encoders: register kinds and widths,
 * immediates with their allowed ranges, condition codes and branch targets. Each failure
 * names the operand, what was found and what was expected.
 */
import type { ExtendOp, GprOp, ImmOp, Operand, ShiftOp } from '../operands';
import { kindName } from '../operands';
import { EncodeContext, fail, wrongKind } from './context';

export interface RegOpts {
  /** Register 31 may be SP (written sp/wsp); otherwise it must be the zero register. */
  sp?: boolean;
  /** Required width: 'x' 64-bit, 'w' 32-bit; undefined accepts both. */
  size?: 'x' | 'w';
}

const regDesc = (o: RegOpts): string => {
  const w = o.size === 'x' ? '64-bit register (x0-x30' : o.size === 'w' ? '32-bit register (w0-w30' : 'general-purpose register (x0-x30, w0-w30';
  const z = o.sp ? (o.size === 'w' ? ' or wsp' : o.size === 'x' ? ' or sp' : ', sp or wsp') : o.size === 'w' ? ' or wzr' : o.size === 'x' ? ' or xzr' : ', xzr or wzr';
  return `a ${w}${z})`;
};

/** A general-purpose register operand; returns the register number (31 = SP or ZR as allowed). */
export function gpr(ops: ReadonlyArray<Operand>, i: number, o: RegOpts = {}): GprOp {
  const op = ops[i];
  if (!op) fail(`operand ${i + 1} is missing: expected ${regDesc(o)}`);
  if (op.t !== 'gpr') wrongKind(i, regDesc(o), op);
  if (op.n === 31 && op.sp && !o.sp) fail(`operand ${i + 1}: '${op.text}' is not allowed here; expected ${regDesc(o)}`, op);
  if (op.n === 31 && !op.sp && o.sp) fail(`operand ${i + 1}: '${op.text}' is not allowed here; expected ${regDesc(o)}`, op);
  if (o.size === 'x' && !op.x) fail(`operand ${i + 1} must be ${regDesc(o)}, not '${op.text}'`, op);
  if (o.size === 'w' && op.x) fail(`operand ${i + 1} must be ${regDesc(o)}, not '${op.text}'`, op);
  return op;
}

/** Registers after the first must have the first one's width. */
export function sameWidth(ops: ReadonlyArray<Operand>, first: GprOp, indices: number[]): void {
  for (const i of indices) {
    const op = ops[i];
    if (op && op.t === 'gpr' && op.x !== first.x) {
      fail(`operand ${i + 1} must be a ${first.x ? '64-bit (x)' : '32-bit (w)'} register like operand 1, not '${op.text}'`, op);
    }
  }
}

/** An immediate operand (with or without '#'), evaluated; no relocation operator allowed. */
export function immOp(ops: ReadonlyArray<Operand>, i: number, what = 'an immediate'): ImmOp {
  const op = ops[i];
  if (!op) fail(`operand ${i + 1} is missing: expected ${what}`);
  if (op.t !== 'imm') wrongKind(i, what, op);
  return op;
}

export function immValue(ops: ReadonlyArray<Operand>, i: number, cx: EncodeContext, what = 'an immediate'): bigint {
  const op = immOp(ops, i, what);
  if (op.reloc) fail(`operand ${i + 1}: ':${op.reloc}:' is not allowed here`, op);
  return cx.value(op.e);
}

/** Check lo <= v <= hi, with the allowed range in the message. */
export function inRange(v: bigint, lo: bigint | number, hi: bigint | number, at: { start: number; end: number }, what = 'immediate'): number {
  if (v < BigInt(lo) || v > BigInt(hi)) fail(`${what} out of range: ${v} is not in ${lo} to ${hi}`, at);
  return Number(v);
}

export function multipleOf(v: bigint, m: number, at: { start: number; end: number }, what = 'immediate'): void {
  if (v % BigInt(m) !== 0n) fail(`${what} ${v} is not a multiple of ${m}`, at);
}

export const COND_CODES: Record<string, number> = {
  eq: 0, ne: 1, cs: 2, hs: 2, cc: 3, lo: 3, mi: 4, pl: 5, vs: 6, vc: 7,
  hi: 8, ls: 9, ge: 10, lt: 11, gt: 12, le: 13, al: 14, nv: 15,
};

export function condOp(ops: ReadonlyArray<Operand>, i: number): number {
  const op = ops[i];
  if (!op) fail(`operand ${i + 1} is missing: expected a condition (eq, ne, cs, cc, mi, pl, vs, vc, hi, ls, ge, lt, gt, le, al, nv)`);
  const name = op.t === 'imm' && !op.hash ? op.name?.toLowerCase() : undefined;
  if (name === undefined || !(name in COND_CODES)) {
    fail(`operand ${i + 1} must be a condition (eq, ne, cs/hs, cc/lo, mi, pl, vs, vc, hi, ls, ge, lt, gt, le, al, nv), not ${kindName(op)}`, op);
  }
  return COND_CODES[name];
}

/**
 * A PC-relative target: `label` (or an expression). Returns the byte offset from the
 * instruction after checking alignment (`scale`) and the signed range of `bits` (in units of scale).
 */
export function pcRel(ops: ReadonlyArray<Operand>, i: number, cx: EncodeContext, bits: number, scale: number, what: string): number {
  const op = ops[i];
  if (!op) fail(`operand ${i + 1} is missing: expected a label`);
  if (op.t !== 'imm') wrongKind(i, 'a label', op);
  if (op.reloc) fail(`operand ${i + 1}: ':${op.reloc}:' is not allowed in a ${what}`, op);
  const target = BigInt.asUintN(64, cx.value(op.e));
  const off = BigInt.asIntN(64, target - cx.pc);
  if (scale > 1 && off % BigInt(scale) !== 0n) {
    fail(`${what} target 0x${target.toString(16)} is not ${scale}-byte aligned (offset ${off} from this instruction)`, op);
  }
  const units = off / BigInt(scale);
  const lim = 1n << BigInt(bits - 1);
  if (units < -lim || units >= lim) {
    const range = lim * BigInt(scale);
    fail(`${what} target out of range: offset ${off} is not in -${range} to ${range - BigInt(scale)} (±${fmtSize(range)})`, op);
  }
  return Number(units);
}

function fmtSize(n: bigint): string {
  if (n >= 1n << 30n) return `${n >> 30n} GiB`;
  if (n >= 1n << 20n) return `${n >> 20n} MiB`;
  if (n >= 1n << 10n) return `${n >> 10n} KiB`;
  return `${n} bytes`;
}

/** Two's-complement field of `bits` bits for a signed value already range-checked. */
export const field = (v: number, bits: number): number => (bits === 32 ? v >>> 0 : v & ((1 << bits) - 1)) >>> 0;

export function shiftOp(ops: ReadonlyArray<Operand>, i: number): ShiftOp | undefined {
  const op = ops[i];
  if (!op) return undefined;
  if (op.t !== 'shift') wrongKind(i, 'a shift (lsl, lsr, asr or ror #amount)', op);
  return op;
}

export function extendOp(ops: ReadonlyArray<Operand>, i: number): ExtendOp | ShiftOp | undefined {
  const op = ops[i];
  if (!op) return undefined;
  if (op.t !== 'ext' && op.t !== 'shift') wrongKind(i, 'an extend (uxtb, uxth, uxtw, uxtx, sxtb, sxth, sxtw, sxtx, lsl)', op);
  return op;
}

/** The symbol-like name of an operand written as a bare identifier (option and register names). */
export function nameOf(op: Operand | undefined): string | undefined {
  return op && op.t === 'imm' && !op.hash && op.name ? op.name.toLowerCase() : undefined;
}
