/**
 * The words the assembler accepts: mnemonics it can encode, directives, register names.
 * `engine/asm/index.ts` does not export these yet, so they come from the modules that
 * define them (one place to change when the public API gains them).
 */
import { a64Table } from '../../engine/cpu/encodings';
import { DIRECTIVE_NAMES } from '../../engine/asm/directives';
import { instructionSet } from '../../engine/asm/insn/registry';
import { parseRegisterName } from '../../engine/asm/operands';

let mnemonics: ReadonlyArray<string> | null = null;

/** Mnemonics (aliases included) the assembler encodes for the emulated CPU, lower case. */
export function assemblerMnemonics(): ReadonlyArray<string> {
  return (mnemonics ??= [...instructionSet(a64Table()).names()].sort());
}

/** Directive names with their dot, lower case. */
export function assemblerDirectives(): ReadonlyArray<string> {
  return DIRECTIVE_NAMES;
}

/** True for any register name the operand parser accepts (x0, w3, sp, fp, v1.4s, q2, …). */
export function isRegisterName(text: string): boolean {
  return parseRegisterName(text, { start: 0, end: 0 }) !== undefined;
}
