/**
 * Load the launch configuration's program from disk: `.S`/`.s` through the guest
 * assembler (with its source map), ELF executables (with DWARF lines), flat binaries.
 * Failures are LaunchErrors naming the file and, for assembly, the first errors with
 * their positions; the adapter shows them and stays up.
 */
import { readFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { assemble } from '../engine/asm';
import type { IncludeResolver } from '../engine/asm';
import { LoadError, imageFromAssembly, isElf, loadElf, loadFlat } from '../engine/loader';
import type { LoadedImage } from '../engine/loader';
import type { RamRegion } from '../engine/memory/flatBus';
import type { ProgramInfo } from '../engine/debug/programInfo';
import { programInfoFromAssembly, programInfoFromElf } from '../engine/debug/programInfoFrom';

export class LaunchError extends Error {}

export interface LoadedProgram {
  path: string;
  image: LoadedImage;
  info: ProgramInfo;
  /** Non-fatal messages (assembler warnings, missing line info). */
  warnings: string[];
}

const includeFromDisk: IncludeResolver = (path, fromFile) => {
  const file = resolve(dirname(fromFile), path);
  try {
    return { file, text: readFileSync(file, 'utf8') };
  } catch {
    return undefined;
  }
};

export function loadProgram(path: string, ram: RamRegion, loadAddress?: number): LoadedProgram {
  const abs = resolve(path);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(abs));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (e as Error).message;
    throw new LaunchError(`program: cannot read ${abs}: ${why}`);
  }
  const warnings: string[] = [];
  try {
    const ext = extname(abs);
    if (ext === '.S' || ext === '.s') {
      const program = assemble(abs, new TextDecoder().decode(bytes), { base: ram.base, includeResolver: includeFromDisk });
      for (const d of program.diagnostics) if (d.severity === 'warning') warnings.push(`${d.file}:${d.line}:${d.column}: warning: ${d.message}`);
      if (!program.ok) {
        const errors = program.diagnostics.filter((d) => d.severity === 'error');
        const shown = errors.slice(0, 5).map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`);
        const more = errors.length > 5 ? `\n… and ${errors.length - 5} more` : '';
        throw new LaunchError(`${abs} does not assemble:\n${shown.join('\n')}${more}`);
      }
      const image = imageFromAssembly(program, ram);
      return { path: abs, image, info: programInfoFromAssembly(image, program.sourceMap), warnings };
    }
    if (isElf(bytes)) {
      const image = loadElf(bytes, { ram });
      return { path: abs, image, info: programInfoFromElf(image, (w) => warnings.push(w)), warnings };
    }
    const image = loadFlat(bytes, { ram, loadAddress });
    return { path: abs, image, info: programInfoFromElf(image), warnings };
  } catch (e) {
    if (e instanceof LoadError) throw new LaunchError(`${abs}: ${e.message}`);
    throw e;
  }
}
