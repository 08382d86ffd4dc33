/**
 * A whole section as `objdump -d` prints it: symbol labels, one line per instruction
 * (`    80000000:\td2800000 \tmov\tx0, #0x0`), literal data between `$d` and `$x` mapping
 * symbols as `.word`/`.short`/`.byte`, and runs of zero bytes as `\t...`.
 *
 * The rules follow binutils 2.40: addresses are printed as wide as the section's end
 * address needs (in steps of four hex digits); data chunks are four bytes up to the next
 * 4-byte boundary, cut short by the next symbol (three bytes print as a `.short` or
 * `.byte`); zero runs of 8 bytes or more, or of fewer than 3 bytes that end the symbol's
 * range, are skipped (in multiples of four unless they reach its end).
 *
 * One objdump behaviour is not reproduced: it hex-dumps the bytes of an object-typed
 * (STT_OBJECT) symbol inside an executable section instead of disassembling them; here
 * such bytes are code unless a `$d` mapping symbol marks them as data (assemblers emit one
 * for data directives, so this only shows where an object symbol covers instructions).
 */
import { disassemble } from './disassemble';
import { DisasmSymbol, createSymbolizer, preferredSymbols } from './symbols';

export interface MappingRegion {
  readonly addr: number;
  readonly kind: 'code' | 'data';
}

export interface SectionBytes {
  readonly name: string;
  readonly address: number;
  readonly bytes: Uint8Array;
}

export interface SectionTextOptions {
  /** Every symbol of the program: labels inside the section and names for branch targets. */
  readonly symbols?: ReadonlyArray<DisasmSymbol>;
  /** $x/$d mapping symbols; without any the whole section is code. */
  readonly mappingSymbols?: ReadonlyArray<MappingRegion>;
}

const SKIP_ZEROES = 8;
const SKIP_ZEROES_AT_END = 3;

const hex16 = (a: number): string => a.toString(16).padStart(16, '0');

/** objdump's address column: leading groups of four zeros dropped (keeping one zero), zeros shown as spaces. */
function addressColumn(sectionEnd: number): (a: number) => string {
  const full = hex16(sectionEnd);
  let skip = 0;
  while (full.startsWith('00000', skip)) skip += 4;
  const width = 16 - skip;
  return (a) => a.toString(16).padStart(width, ' ');
}

/** The lines of one section, starting with the blank line and `Disassembly of section …:` header. */
export function sectionText(section: SectionBytes, options: SectionTextOptions = {}): string[] {
  const { address: start, bytes } = section;
  const end = start + bytes.length;
  const symbols = options.symbols ?? [];
  const symbolizer = createSymbolizer(symbols);
  const labels = preferredSymbols(symbols).filter((s) => s.addr >= start && s.addr < end);
  const mapping = (options.mappingSymbols ?? []).filter((m) => m.addr >= start && m.addr < end).sort((a, b) => a.addr - b.addr);
  /** Every symbol address (labels and mapping symbols): data chunks stop at the next one. */
  const marks = [...new Set([...labels.map((s) => s.addr), ...mapping.map((m) => m.addr)])].sort((a, b) => a - b);
  const column = addressColumn(end);

  const lines = ['', `Disassembly of section ${section.name}:`];
  if (labels.length === 0 || labels[0].addr !== start) lines.push('', `${hex16(start)} <${section.name}>:`);

  let labelIndex = 0;
  let mapIndex = -1;
  let pos = start;
  while (pos < end) {
    while (labelIndex < labels.length && labels[labelIndex].addr <= pos) {
      const s = labels[labelIndex++];
      if (s.addr === pos) lines.push('', `${hex16(pos)} <${s.name}>:`);
    }
    while (mapIndex + 1 < mapping.length && mapping[mapIndex + 1].addr <= pos) mapIndex++;
    const stop = labelIndex < labels.length ? labels[labelIndex].addr : end;

    let z = pos;
    while (z < stop && bytes[z - start] === 0) z++;
    if (z - pos >= SKIP_ZEROES || (z === stop && z > pos && z - pos < SKIP_ZEROES_AT_END)) {
      pos = z === stop ? z : pos + ((z - pos) & ~3);
      lines.push('\t...');
      continue;
    }

    const code = mapIndex < 0 || mapping[mapIndex].kind === 'code';
    if (code && pos + 4 <= stop) {
      const word = readLE(bytes, pos - start, 4);
      const d = disassemble(word, pos, { symbolizer });
      lines.push(`${column(pos)}:\t${word.toString(16).padStart(8, '0')} \t${d.text}`);
      pos += 4;
      continue;
    }
    const size = dataSize(pos, Math.min(stop, nextMark(marks, pos) ?? end));
    const value = readLE(bytes, pos - start, size);
    const digits = value.toString(16).padStart(2 * size, '0');
    const directive = size === 4 ? '.word' : size === 2 ? '.short' : '.byte';
    // Bytes column: one chunk, padded as if the line held four bytes of such chunks.
    const pad = ' '.repeat(((4 - size) / size) * (2 * size + 1));
    lines.push(`${column(pos)}:\t${digits} ${pad}\t${directive}\t0x${digits}`);
    pos += size;
  }
  return lines;
}

/** binutils' data chunk: up to the next 4-byte boundary, cut at the next symbol; 3 → 2 (even) or 1 (odd). */
function dataSize(pos: number, limit: number): number {
  let size = Math.min(4 - (pos & 3), limit - pos);
  if (size === 3) size = pos & 1 ? 1 : 2;
  return size;
}

function nextMark(marks: ReadonlyArray<number>, pos: number): number | undefined {
  for (const m of marks) if (m > pos) return m;
  return undefined;
}

function readLE(bytes: Uint8Array, offset: number, size: number): number {
  let v = 0;
  for (let k = size - 1; k >= 0; k--) v = v * 256 + bytes[offset + k];
  return v;
}
