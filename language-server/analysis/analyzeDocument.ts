/**
 * One analysis of a document: the assembler's result (diagnostics, symbol values, source
 * map) plus an index of the document and every file it includes, and the names across
 * them. Include resolution is injected, so this module has no file system access.
 */
import { assemble } from '../../engine/asm';
import type { AssembledProgram, IncludeResolver } from '../../engine/asm';
import { FileIndex, indexFile } from './fileIndex';
import { SymbolModel } from './symbolModel';

/** More includes than any real guest has: a guard against include storms. */
const MAX_FILES = 256;

export interface Analysis {
  /** The analysed document (its path as given to the assembler). */
  readonly main: string;
  readonly program: AssembledProgram;
  /** The document first, then included files in the order they were reached. */
  readonly files: ReadonlyMap<string, FileIndex>;
  readonly texts: ReadonlyMap<string, string>;
  readonly symbols: SymbolModel;
  /** The file an `.include "path"` written in `from` resolved to. */
  includeTarget(from: string, path: string): string | undefined;
}

export function analyzeDocument(file: string, text: string, resolve: IncludeResolver): Analysis {
  // Both the assembler and the index see each include exactly once, with the same text.
  const resolved = new Map<string, { file: string; text: string } | undefined>();
  const cached: IncludeResolver = (path, fromFile) => {
    const k = `${fromFile}\u0000${path}`;
    if (!resolved.has(k)) resolved.set(k, resolve(path, fromFile));
    return resolved.get(k);
  };
  const program = assemble(file, text, { includeResolver: cached });

  const files = new Map<string, FileIndex>();
  const texts = new Map<string, string>([[file, text]]);
  const queue: string[] = [file];
  files.set(file, indexFile(file, text));
  // Includes the assembler skipped (inside a false `.if`, in a macro never expanded) are indexed too.
  while (queue.length && files.size < MAX_FILES) {
    const from = queue.shift()!;
    for (const inc of files.get(from)!.includes) {
      const found = cached(inc.path, from);
      if (!found || files.has(found.file)) continue;
      files.set(found.file, indexFile(found.file, found.text));
      texts.set(found.file, found.text);
      queue.push(found.file);
    }
  }
  const includeTarget = (from: string, path: string): string | undefined => resolved.get(`${from}\u0000${path}`)?.file;
  const symbols = new SymbolModel(files, program.symbols, includeTarget, file);
  return { main: file, program, files, texts, symbols, includeTarget };
}
