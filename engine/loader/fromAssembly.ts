/**
 * A LoadedImage from the guest assembler's output (engine/asm), checked like every
 * other program: sections inside RAM, no overlaps, entry point in loaded memory.
 * The assembler's mapping symbols ($x/$d) pass through, so disassembly and hypercall
 * scanning skip literal pools and data.
 */
import type { AssembledProgram, AsmSymbol } from '../asm';
import type { RamRegion } from '../memory/flatBus';
import { DEFAULT_RAM } from './layout';
import type { ImageSection, ImageSegment, ImageSymbol, LoadedImage } from './loadedImage';
import { SegmentRange, checkEntry, checkInRam, checkNoOverlap } from './placement';

export function imageFromAssembly(program: AssembledProgram, ram: RamRegion = DEFAULT_RAM): LoadedImage {
  const loaded = program.segments.filter((s) => s.flags.alloc && s.bytes.length > 0);
  const ranges: SegmentRange[] = [];
  const segments: ImageSegment[] = [];
  const sections: ImageSection[] = [];
  for (const s of loaded) {
    const where = `section ${s.name}`;
    const range = { start: BigInt(s.address), end: BigInt(s.address) + BigInt(s.bytes.length), where };
    checkInRam(range, `section ${s.name}`, ram);
    ranges.push(range);
    segments.push({
      addr: s.address,
      data: s.flags.nobits ? new Uint8Array(0) : s.bytes,
      memSize: s.bytes.length,
      readable: true,
      writable: s.flags.write,
      executable: s.flags.exec,
      origin: where,
    });
    sections.push({ name: s.name, addr: s.address, size: s.bytes.length, executable: s.flags.exec, writable: s.flags.write, nobits: s.flags.nobits });
  }
  checkNoOverlap(ranges, 'sections');
  segments.sort((a, b) => a.addr - b.addr);
  checkEntry(BigInt(program.entry), segments, 'the entry point (_start, or the start of .text)');
  return {
    format: 'assembly',
    entry: program.entry,
    segments,
    symbols: program.symbols.map(toImageSymbol).sort((a, b) => a.addr - b.addr || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    mappingSymbols: program.mappingSymbols.map((m) => ({ addr: m.address, kind: m.kind })),
    sections: sections.sort((a, b) => a.addr - b.addr),
    debugSections: new Map(),
  };
}

function toImageSymbol(s: AsmSymbol): ImageSymbol {
  return {
    name: s.name,
    addr: s.address,
    size: s.size,
    type: s.type === 'function' ? 'func' : s.type,
    binding: s.global ? 'global' : 'local',
    section: s.section ?? '*ABS*',
  };
}
