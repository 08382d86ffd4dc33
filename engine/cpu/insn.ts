/**
 * A decoded instruction: the handler to run plus its operands, extracted once at
 * decode time and cached per code page. Every Insn has the same shape (all fields
 * are numbers set in the constructor) so property access in handlers stays monomorphic.
 *
 * Register operands hold register-file slots, already resolved for the encoding's
 * meaning of register 31 (see `R_SP`, `R_ZR_READ`, `R_ZR_WRITE` in cpuState.ts).
 */
import type { Cpu } from './cpu';
import type { EncodingSpec } from './encodingTable';

export type ExecFn = (cpu: Cpu, i: Insn) => void;

export class Insn {
  exec: ExecFn;
  /** The encoding this came from (null for the undefined-instruction placeholder). */
  spec: EncodingSpec | null = null;
  /** Raw fields by pattern letter, kept for the disassembler and the debugger. */
  fields: Readonly<Record<string, number>> = EMPTY_FIELDS;
  word = 0;
  /** Address the instruction was decoded at (PC-relative forms precompute targets from it). */
  addr = 0;
  rd = 0;
  rn = 0;
  rm = 0;
  ra = 0;
  rt2 = 0;
  rs = 0;
  /** 64-bit immediate or target, as low/high 32-bit halves. */
  imm = 0;
  immHi = 0;
  /** Handler-specific small operands (shift type/amount, size, condition, option, …). */
  a = 0;
  b = 0;
  c = 0;
  d = 0;
  /** 1 for the 64-bit form (sf), 0 for 32-bit. */
  sf = 0;
  /** 1 when the instruction sets NZCV. */
  s = 0;
  /**
   * Load/store syndrome for stage-2 aborts (ESR_EL2.ISS when ISV = 1), set at decode by
   * single general-register loads/stores without writeback; 0 for everything else
   * (pairs, exclusives, atomics, SIMD, writeback forms: ISV = 0, as on hardware).
   * Build it with `lsSyndrome`.
   */
  ls = 0;
  /** For a breakpoint trap: the instruction it stands in for. */
  inner: Insn | null = null;

  constructor(exec: ExecFn) {
    this.exec = exec;
  }
}

const EMPTY_FIELDS: Readonly<Record<string, number>> = Object.freeze({});

/**
 * Pack the ISV details of a single-register load/store: access size log2 (SAS),
 * sign extension (SSE), 64-bit destination (SF); the register is taken from `rd`/`rt`
 * by the caller (`srt`).
 */
export function lsSyndrome(sasLog2: number, signExtend: boolean, sixtyFour: boolean, srt: number): number {
  return 1 | (sasLog2 << 1) | ((signExtend ? 1 : 0) << 3) | ((sixtyFour ? 1 : 0) << 4) | ((srt & 31) << 5);
}
