/**
 * The guest assembler's public interface: `assemble` a GNU as (AArch64) source into a
 * relocation-free program image with symbols, a source map and diagnostics.
 */
import { Assembler } from './assembler';
import type { AssembleOptions, AssembledProgram } from './types';

export { DEFAULT_BASE } from './finalize';
export { SourceMap } from './sourceMap';
export { writeElf } from './elfWriter';
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
