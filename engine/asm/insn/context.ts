/**
 * What an instruction encoder gets: its operands (already parsed, expressions with every
 * symbol known at that point substituted) and a context that evaluates the remaining
 * expressions once layout is done, inserts fields through the CPU's encoding table and
 * reports problems at the operand they concern.
 */
import { AsmError } from '../diagnostics';
import type { Fields } from '../../cpu/encodingTable';
import type { Expr } from '../expr';
import type { Operand } from '../operands';
import { kindName } from '../operands';

export interface EncodeContext {
  /** The mnemonic in lower case, as looked up (e.g. 'b.eq', 'ldr'). */
  readonly mnemonic: string;
  /** Address of the instruction. */
  readonly pc: bigint;
  /** The final value of an expression (64-bit two's complement, signed). */
  value(e: Expr): bigint;
  /** Insert fields into the named encoding line of the CPU table. */
  encode(name: string, fields: Fields): number;
  /** A non-fatal problem (GNU as warns and assembles). */
  warn(message: string, at?: { start: number; end: number }): void;
  /** Column range of the whole operand list, for "wrong number of operands". */
  readonly operandSpan: { start: number; end: number };
}

export interface InsnDef {
  /** Encoding lines (in the CPU table) this mnemonic can produce; it is available when all exist. */
  readonly needs: ReadonlyArray<string>;
  encode(ops: ReadonlyArray<Operand>, cx: EncodeContext): number;
}

export function fail(message: string, at?: { start: number; end: number }): never {
  throw new AsmError(message, at?.start ?? 0, at?.end ?? 0);
}

/** "operand N must be X, not Y". */
export function wrongKind(index: number, want: string, got: Operand): never {
  fail(`operand ${index + 1} must be ${want}, not ${kindName(got)}`, got);
}

export function wantCount(ops: ReadonlyArray<Operand>, cx: EncodeContext, counts: number | number[], syntax: string): void {
  const ok = Array.isArray(counts) ? counts.includes(ops.length) : ops.length === counts;
  if (!ok) {
    const n = ops.length;
    fail(`'${cx.mnemonic}' takes ${Array.isArray(counts) ? counts.join(' or ') : counts} operand${(Array.isArray(counts) ? Math.max(...counts) : counts) === 1 ? '' : 's'} (${syntax}), found ${n}`, cx.operandSpan);
  }
}
