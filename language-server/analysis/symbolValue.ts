/**
 * A symbol's value as the editor shows it. The assembler reports values as doubles
 * (`AsmSymbol.address`), exact below 2^53; above that a constant written as a plain
 * number (the common case: `.equ X, -1`) is read from its definition, and anything else
 * is marked approximate.
 */
import type { AsmSymbol } from '../../engine/asm';
import type { Definition } from './symbolModel';

export function symbolValue(s: AsmSymbol, defs: ReadonlyArray<Definition>): { value: bigint; exact: boolean } {
  if (Number.isSafeInteger(s.address)) return { value: BigInt(s.address), exact: true };
  const literal = defs.length === 1 ? defs[0].literal : undefined;
  if (literal !== undefined) return { value: literal, exact: true };
  return { value: BigInt.asUintN(64, BigInt(s.address)), exact: false };
}
