/**
 * The guest assembler's public interface: `assemble` a GNU as (AArch64) source into a
 * relocation-free program image with symbols, a source map and diagnostics; `writeElf`
 * for an executable; and the vocabulary (mnemonics, directives, registers) editors need.
 */
import { a64Table } from '../cpu/encodings';
import { Assembler } from './assembler';
import { instructionSet } from './insn/registry';
import { SYSREG_NAMES } from './insn/sysregNames';
import type { AssembleOptions, AssembledProgram } from './types';

export { DEFAULT_BASE } from './finalize';
export { SourceMap } from './sourceMap';
export { writeElf } from './elfWriter';
export { DIRECTIVE_NAMES } from './directives';
export { parseRegisterName } from './operands';
export { LexError, tokenize } from './lexer';
export type { Token } from './lexer';
export { scrubSource } from './sourceText';
export type * from './types';

/**
 * Assemble `text` (the contents of `file`). Never throws for bad input: problems are in
 * `diagnostics`, and `ok` says whether the image is complete.
 */
export function assemble(file: string, text: string, options: AssembleOptions = {}): AssembledProgram {
  const a = new Assembler(options);
  a.run(file, text);
  return a.finish();
}

let mnemonicList: ReadonlyArray<string> | null = null;

/** Every mnemonic (aliases included, lower case, sorted) the assembler encodes for the emulated CPU. */
export function mnemonics(): ReadonlyArray<string> {
  return (mnemonicList ??= [...instructionSet(a64Table()).names()].sort());
}

/** System register names MRS/MSR accept (lower case), besides the generic S<op0>_<op1>_C<n>_C<m>_<op2>. */
export function systemRegisterNames(): ReadonlyArray<string> {
  return [...SYSREG_NAMES.keys()];
}
