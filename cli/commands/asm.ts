/**
 * `pkvm-debug asm FILE.S [-o OUT] [--listing] [--base ADDR]`: assemble a guest source with
 * the built-in assembler (engine/asm). `-o X.elf` writes an ELF executable, any other name a
 * flat binary (the loaded sections from the lowest address, gaps zero-filled); `--listing`
 * prints address, bytes and source line for everything that produced bytes. Diagnostics go
 * to stderr as `file:line:column: message`; any error makes the exit status 1.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DEFAULT_BASE, assemble, writeElf } from '../../engine/asm';
import type { AssembledProgram, Diagnostic, IncludeResolver, Segment } from '../../engine/asm';
import { parseArgs, parseInteger } from '../args';
import { CliCommand, EXIT_FAILURE, EXIT_OK, UsageError } from '../command';

const HELP = `usage: pkvm-debug asm FILE.S [-o OUT] [--listing] [--base ADDR]

Assemble a GNU as (AArch64) source with pkvm-debug's guest assembler, the one the
debugger uses for .S programs. .include paths are relative to the including file.

  -o, --output OUT  write the program: OUT ending in .elf gets an ELF64 executable
                    (sections, symbols, $x/$d mapping symbols); any other name a flat
                    binary of the loaded sections from the lowest address, gaps zero-filled
  --listing         print each statement that produced bytes: address, bytes, file:line
                    and the source text, under its section and labels
  --base ADDR       address of the first section (default 0x${DEFAULT_BASE.toString(16)})

Errors and warnings are printed as file:line:column: message. Exit status: 0 when the
source assembles, 1 when it has errors, 2 for bad arguments or unreadable files.`;

const OPTIONS = [
  { name: 'output', value: true },
  { name: 'listing', value: false },
  { name: 'base', value: true },
  { name: 'help', value: false },
];

/** A flat binary larger than this means far-apart sections: an ELF is the right container. */
const MAX_FLAT_BYTES = 256 * 1024 * 1024;

export const asmCommand: CliCommand = {
  name: 'asm',
  summary: 'assemble a guest .S file to an ELF or flat binary, or print a listing',
  help: HELP,
  run: async (args, io) => {
    const parsed = parseArgs(args.map((a) => (a === '-o' ? '--output' : a)), OPTIONS, 'asm');
    if (parsed.options.has('help')) {
      io.out(`${HELP}\n`);
      return EXIT_OK;
    }
    if (parsed.positionals.length !== 1) throw new UsageError('asm takes one FILE.S (see pkvm-debug asm --help)');
    const path = parsed.positionals[0];
    const baseOpt = parsed.options.get('base');
    const base = baseOpt === undefined ? DEFAULT_BASE : parseInteger(baseOpt, 'base');
    const output = parsed.options.get('output');
    if (output === '') throw new UsageError('-o needs a file name');

    const sources = new Map<string, string[]>();
    const text = readSource(path);
    sources.set(path, text.split('\n'));
    const includeResolver: IncludeResolver = (inc, fromFile) => {
      const file = resolve(dirname(fromFile), inc);
      try {
        const body = readFileSync(file, 'utf8');
        sources.set(file, body.split('\n'));
        return { file, text: body };
      } catch {
        return undefined;
      }
    };
    const program = assemble(path, text, { base, includeResolver });
    for (const d of program.diagnostics) io.err(diagnosticText(d));
    if (!program.ok) return EXIT_FAILURE;

    if (output !== undefined) writeFileSync(output, output.endsWith('.elf') ? writeElf(program) : flatBinary(program));
    if (parsed.options.has('listing')) io.out(listing(program, sources));
    if (output === undefined && !parsed.options.has('listing')) io.out(summary(path, program));
    return EXIT_OK;
  },
};

function readSource(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (e as Error).message;
    throw new UsageError(`${path}: cannot read: ${why}`);
  }
}

function diagnosticText(d: Diagnostic): string {
  const lines = [`${d.file}:${d.line}:${d.column}: ${d.severity === 'warning' ? 'warning: ' : ''}${d.message}`];
  for (const r of d.related ?? []) lines.push(`${r.file}:${r.line}:${r.column}: note: ${r.message}`);
  return `${lines.join('\n')}\n`;
}

const loaded = (program: AssembledProgram): Segment[] =>
  program.segments.filter((s) => s.flags.alloc && !s.flags.nobits && s.bytes.length > 0).sort((a, b) => a.address - b.address);

function flatBinary(program: AssembledProgram): Uint8Array {
  const segs = loaded(program);
  if (segs.length === 0) return new Uint8Array(0);
  const start = segs[0].address;
  const end = Math.max(...segs.map((s) => s.address + s.bytes.length));
  if (end - start > MAX_FLAT_BYTES) {
    throw new UsageError(`the sections span 0x${start.toString(16)}..0x${end.toString(16)} (${end - start} bytes): write an ELF instead (-o FILE.elf)`);
  }
  const out = new Uint8Array(end - start);
  for (const s of segs) out.set(s.bytes, s.address - start);
  return out;
}

function summary(path: string, program: AssembledProgram): string {
  const segs = program.segments.filter((s) => s.bytes.length > 0);
  const parts = segs.map((s) => `${s.name} ${s.bytes.length} bytes at 0x${s.address.toString(16)}`);
  return `${path}: ${parts.join(', ') || 'no bytes'}; entry 0x${program.entry.toString(16)}\n`;
}

/** Bytes of one listing line: an instruction as its word (objdump's form), data as bytes in memory order. */
const BYTES_PER_LINE = 8;

function listing(program: AssembledProgram, sources: ReadonlyMap<string, string[]>): string {
  const entries = program.sourceMap.all();
  const labels = new Map<number, string[]>();
  for (const s of program.symbols) {
    if (s.section === null) continue;
    labels.set(s.address, [...(labels.get(s.address) ?? []), s.name]);
  }
  const out: string[] = [];
  for (const seg of loaded(program).concat(program.segments.filter((s) => s.flags.nobits && s.bytes.length > 0))) {
    out.push(`${out.length ? '\n' : ''}${seg.name} (${seg.bytes.length} bytes at 0x${seg.address.toString(16)}):`);
    const end = seg.address + seg.bytes.length;
    for (const e of entries) {
      if (e.address < seg.address || e.address >= end) continue;
      for (const name of labels.get(e.address) ?? []) out.push(`${e.address.toString(16).padStart(8, '0')} <${name}>:`);
      labels.delete(e.address);
      const where = `${e.file}:${e.line}`;
      const src = (sources.get(e.file)?.[e.line - 1] ?? '').trim();
      const bytes = seg.bytes.subarray(e.address - seg.address, e.address - seg.address + e.size);
      const chunks = byteColumns(bytes, e.kind === 'instruction', seg.flags.nobits);
      chunks.forEach((col, k) => {
        const addr = (e.address + k * BYTES_PER_LINE).toString(16).padStart(8, '0');
        out.push(k === 0 ? `${addr}  ${col.padEnd(17)}  ${where}  ${src}` : `${addr}  ${col}`);
      });
    }
  }
  return `${out.join('\n')}\n`;
}

function byteColumns(bytes: Uint8Array, instruction: boolean, nobits: boolean): string[] {
  if (nobits) return [`(${bytes.length} zero bytes)`];
  if (instruction && bytes.length === 4) {
    const word = (bytes[0] | (bytes[1] << 8) | (bytes[2] << 16) | (bytes[3] << 24)) >>> 0;
    return [word.toString(16).padStart(8, '0')];
  }
  const cols: string[] = [];
  for (let k = 0; k < bytes.length; k += BYTES_PER_LINE) {
    const groups: string[] = [];
    for (let g = k; g < Math.min(k + BYTES_PER_LINE, bytes.length); g += 4) {
      groups.push([...bytes.subarray(g, Math.min(g + 4, k + BYTES_PER_LINE, bytes.length))].map((b) => b.toString(16).padStart(2, '0')).join(''));
    }
    cols.push(groups.join(' '));
  }
  return cols.length ? cols : [''];
}
