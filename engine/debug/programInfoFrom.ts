/**
 * Build the debugger's ProgramInfo from what a loader produced: symbols from the
 * image, source lines from the assembler's source map (`.S`) or from DWARF
 * `.debug_line` (compiled C).
 */
import type { SourceMap } from '../asm';
import type { LoadedImage } from '../loader';
import { lineMapFromRows, readDwarfLines } from './dwarfLines';
import { ProgramInfo, ProgramSymbol, SourcePosition, SymbolKind } from './programInfo';

function symbolsOf(image: LoadedImage): ProgramSymbol[] {
  return image.symbols
    .filter((s) => s.name !== '' && s.section !== '*ABS*')
    .map((s) => ({
      name: s.name,
      address: s.addr,
      size: s.size,
      kind: (s.type === 'func' ? 'function' : s.type === 'object' ? 'object' : 'label') as SymbolKind,
      global: s.binding !== 'local',
    }));
}

export function programInfoFromAssembly(image: LoadedImage, sourceMap: SourceMap): ProgramInfo {
  const lines: Array<[number, SourcePosition]> = [];
  for (const e of sourceMap.all()) {
    if (e.kind === 'instruction') lines.push([e.address, { file: e.file, line: e.line, column: e.column }]);
  }
  return new ProgramInfo(symbolsOf(image), lines);
}

/** Symbols, plus DWARF lines when the ELF carries `.debug_line` (a broken table costs the lines, not the session). */
export function programInfoFromElf(image: LoadedImage, warn: (message: string) => void = () => {}): ProgramInfo {
  const line = image.debugSections.get('.debug_line');
  if (!line) return new ProgramInfo(symbolsOf(image));
  if (line.compressed) {
    warn('.debug_line is compressed (SHF_COMPRESSED); source lines are unavailable — link with --compress-debug-sections=none');
    return new ProgramInfo(symbolsOf(image));
  }
  try {
    const rows = readDwarfLines(line.data, image.debugSections.get('.debug_line_str')?.data, image.debugSections.get('.debug_str')?.data);
    const map = lineMapFromRows(rows);
    return new ProgramInfo(symbolsOf(image), map.lines, map.sequences, map.locations);
  } catch (e) {
    warn(`cannot read source lines: ${(e as Error).message}`);
    return new ProgramInfo(symbolsOf(image));
  }
}
