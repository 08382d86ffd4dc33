/**
 * The hook through which `run` (and later `asm`) turn assembly sources (.S / .s) into
 * a LoadedImage. The assembler (engine/asm) is being written separately; until it is
 * wired in here, assembly sources are rejected with a message saying so.
 */
import type { LoadedImage } from '../engine/loader';
import type { RamRegion } from '../engine/memory/flatBus';
import { UsageError } from './command';

export function assembleProgram(path: string, _source: string, _ram: RamRegion): LoadedImage {
  throw new UsageError(
    `${path}: assembler not available yet (engine/asm is not wired into the CLI); assemble and link it with aarch64-linux-gnu-gcc -nostdlib -static -no-pie and run the ELF`,
  );
}
