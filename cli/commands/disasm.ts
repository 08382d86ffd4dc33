/**
 * `pkvm-debug disasm FILE [--base ADDR]`: disassemble an ELF's executable sections (with
 * its symbols and $x/$d mapping symbols, so literal pools print as data) or a flat binary
 * loaded at ADDR, in the layout of `aarch64-linux-gnu-objdump -d`.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { sectionText } from '../../engine/disasm';
import type { SectionBytes } from '../../engine/disasm';
import { DEFAULT_RAM_BASE, LoadError, isElf, loadElf, loadFlat } from '../../engine/loader';
import type { LoadedImage } from '../../engine/loader';
import { parseArgs, parseInteger } from '../args';
import { CliCommand, EXIT_OK, UsageError } from '../command';

const HELP = `usage: pkvm-debug disasm FILE [--base ADDR]

Disassemble FILE the way aarch64-linux-gnu-objdump -d prints it, with the CPU's own
decoder: every instruction the emulator executes is shown by name; anything else
prints as '.inst 0x… ; undefined'.

FILE is an ELF64 AArch64 executable (its executable sections are disassembled, with
symbols as labels and branch targets, and literal data between $d/$x mapping symbols
shown as .word/.short/.byte) or a flat binary (every byte is code).

  --base ADDR  address of the first byte of a flat binary (default 0x${DEFAULT_RAM_BASE.toString(16)})

To see the code an assembly source produces, use 'pkvm-debug asm FILE.S --listing'.`;

const OPTIONS = [
  { name: 'base', value: true },
  { name: 'help', value: false },
];

/** Disassembly has no RAM to fit in: accept any address below 2^52 (the loaders still check everything else). */
const ANYWHERE = { base: 0, size: 2 ** 52 };

export const disasmCommand: CliCommand = {
  name: 'disasm',
  summary: 'disassemble an ELF or flat binary like objdump -d',
  help: HELP,
  run: async (args, io) => {
    const parsed = parseArgs(args, OPTIONS, 'disasm');
    if (parsed.options.has('help')) {
      io.out(`${HELP}\n`);
      return EXIT_OK;
    }
    if (parsed.positionals.length !== 1) throw new UsageError(`disasm takes one FILE (see pkvm-debug disasm --help)`);
    const path = parsed.positionals[0];
    const baseOpt = parsed.options.get('base');
    const base = baseOpt === undefined ? undefined : parseInteger(baseOpt, 'base');
    const ext = extname(path);
    if (ext === '.S' || ext === '.s') {
      throw new UsageError(`${path}: disasm reads ELF executables and flat binaries; for an assembly source use 'pkvm-debug asm ${path} --listing'`);
    }
    const bytes = readInput(path);
    const image = load(path, bytes, base);
    const lines = [''];
    lines.push(`${path}:     file format ${image.format === 'elf' ? 'elf64-littleaarch64' : 'binary'}`, '');
    for (const section of codeSections(image, path)) {
      lines.push(...sectionText(section, { symbols: image.symbols, mappingSymbols: image.mappingSymbols }));
    }
    io.out(`${lines.join('\n')}\n`);
    return EXIT_OK;
  },
};

function readInput(path: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (e as Error).message;
    throw new UsageError(`${path}: cannot read: ${why}`);
  }
}

function load(path: string, bytes: Uint8Array, base: number | undefined): LoadedImage {
  try {
    if (isElf(bytes)) {
      if (base !== undefined) throw new UsageError(`${path}: --base applies to flat binaries; an ELF file carries its own addresses`);
      return loadElf(bytes, { ram: ANYWHERE });
    }
    return loadFlat(bytes, { ram: ANYWHERE, loadAddress: base ?? DEFAULT_RAM_BASE });
  } catch (e) {
    if (e instanceof LoadError) throw new UsageError(`${path}: ${e.message}`);
    throw e;
  }
}

/**
 * The bytes of every executable section (objdump -d's choice). A flat binary is one
 * section, named `.data` as objdump -b binary names it; an ELF without section headers
 * falls back to its executable segments.
 */
function codeSections(image: LoadedImage, path: string): SectionBytes[] {
  if (image.format === 'flat') return [{ name: '.data', address: image.segments[0].addr, bytes: image.segments[0].data }];
  const sections = image.sections.filter((s) => s.executable && !s.nobits && s.size > 0);
  if (sections.length === 0) {
    return image.segments.filter((s) => s.executable).map((s, k) => ({ name: `segment${k}`, address: s.addr, bytes: s.data }));
  }
  return sections.map((s) => {
    const seg = image.segments.find((g) => s.addr >= g.addr && s.addr + s.size <= g.addr + g.data.length);
    if (!seg) throw new UsageError(`${path}: section ${s.name} (0x${s.addr.toString(16)}, ${s.size} bytes) is not inside a loaded segment's file bytes`);
    return { name: s.name, address: s.addr, bytes: seg.data.subarray(s.addr - seg.addr, s.addr - seg.addr + s.size) };
  });
}
