/**
 * Assembly sources (.S / .s) on the command line: assemble with the guest assembler
 * (engine/asm), resolving `.include` relative to the including file, and turn the
 * result into a LoadedImage. Errors become one UsageError line: the first error as
 * "file:line:column: message", plus how many more there are. Warnings go to `warn`.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { assemble } from '../engine/asm';
import type { Diagnostic, IncludeResolver } from '../engine/asm';
import { imageFromAssembly } from '../engine/loader';
import type { LoadedImage } from '../engine/loader';
import type { RamRegion } from '../engine/memory/flatBus';
import { UsageError } from './command';

export function assembleProgram(path: string, source: string, ram: RamRegion, warn: (line: string) => void): LoadedImage {
  const program = assemble(path, source, { base: ram.base, includeResolver: includeFromDisk });
  for (const d of program.diagnostics) if (d.severity === 'warning') warn(`warning: ${position(d)}: ${d.message}`);
  if (!program.ok) {
    const errors = program.diagnostics.filter((d) => d.severity === 'error');
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more error${errors.length > 2 ? 's' : ''})` : '';
    throw new UsageError(`${position(errors[0])}: ${errors[0].message}${more}`);
  }
  return imageFromAssembly(program, ram);
}

function position(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}`;
}

const includeFromDisk: IncludeResolver = (path, fromFile) => {
  const file = resolve(dirname(fromFile), path);
  try {
    return { file, text: readFileSync(file, 'utf8') };
  } catch {
    return undefined;
  }
};
