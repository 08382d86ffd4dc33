/**
 * Turn a program file named on the command line into a LoadedImage:
 *   *.S / *.s                      → the guest assembler (assembleProgram.ts)
 *   starts with "\x7fELF"          → ELF64 loader
 *   *.bin / *.img, or --load-address → flat binary at the load address
 * Every failure is a UsageError naming the file and the problem.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { LoadError, isElf, loadElf, loadFlat } from '../engine/loader';
import type { LoadedImage } from '../engine/loader';
import type { RamRegion } from '../engine/memory/flatBus';
import { assembleProgram } from './assembleProgram';
import { UsageError } from './command';

export interface ProgramFileOptions {
  ram: RamRegion;
  /** Set by --load-address: the file is a flat binary placed there. */
  loadAddress?: number;
  /** Receives non-fatal messages (assembler warnings), one line each. */
  warn: (line: string) => void;
}

const FLAT_EXTENSIONS = new Set(['.bin', '.img', '.raw']);

export function loadProgramFile(path: string, opts: ProgramFileOptions): LoadedImage {
  const bytes = readProgram(path);
  const ext = extname(path);
  try {
    if (ext === '.S' || ext === '.s') {
      if (opts.loadAddress !== undefined) throw new UsageError(`${path}: --load-address applies to flat binaries, not assembly sources`);
      return assembleProgram(path, new TextDecoder('utf-8').decode(bytes), opts.ram, opts.warn);
    }
    if (isElf(bytes)) {
      if (opts.loadAddress !== undefined) {
        throw new UsageError(`${path}: --load-address applies to flat binaries; this is an ELF executable, which carries its own load addresses`);
      }
      return loadElf(bytes, { ram: opts.ram });
    }
    if (FLAT_EXTENSIONS.has(ext.toLowerCase()) || opts.loadAddress !== undefined) {
      return loadFlat(bytes, { ram: opts.ram, loadAddress: opts.loadAddress });
    }
    return loadElf(bytes, { ram: opts.ram }); // reports "not an ELF file" with what the file starts with
  } catch (e) {
    if (e instanceof LoadError) {
      const hint = e.problem.startsWith('not an ELF file') ? '; to run a raw binary, name it *.bin or pass --load-address' : '';
      throw new UsageError(`${path}: ${e.message}${hint}`);
    }
    throw e;
  }
}

function readProgram(path: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new UsageError(`${path}: cannot read the program: ${why}`);
  }
}
