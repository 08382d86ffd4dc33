/**
 * The section side of an ELF executable: section names, allocated sections, the
 * symbol table (.symtab/.strtab) and the raw `.debug_*` sections for the DWARF reader.
 * An executable may have no section headers at all (fully stripped); that is fine.
 */
import {
  SHDR_SIZE,
  SHF_ALLOC,
  SHF_COMPRESSED,
  SHF_EXECINSTR,
  SHF_WRITE,
  SHN_ABS,
  SHN_COMMON,
  SHN_LORESERVE,
  SHN_UNDEF,
  SHN_XINDEX,
  SHT_NOBITS,
  SHT_SYMTAB,
  STB_GLOBAL,
  STB_LOCAL,
  STB_WEAK,
  STT_FUNC,
  STT_GNU_IFUNC,
  STT_NOTYPE,
  STT_OBJECT,
  STT_TLS,
  SYM_SIZE,
} from './elfConstants';
import { ElfFile } from './elfFile';
import type { DebugSection, ImageSection, ImageSymbol, MappingSymbol, SymbolBinding, SymbolType } from './loadedImage';
import { LoadError, hex } from './loadError';

interface SectionHeader {
  index: number;
  /** File offset of the header itself (for messages). */
  headerOffset: number;
  nameOffset: number;
  name: string;
  type: number;
  flags: bigint;
  addr: bigint;
  offset: bigint;
  size: bigint;
  link: number;
  entsize: bigint;
  where: string;
}

export interface ElfSectionInfo {
  sections: ImageSection[];
  symbols: ImageSymbol[];
  mappingSymbols: MappingSymbol[];
  debugSections: Map<string, DebugSection>;
}

const SYMBOL_TYPES: ReadonlyMap<number, SymbolType> = new Map([
  [STT_NOTYPE, 'notype'],
  [STT_OBJECT, 'object'],
  [STT_FUNC, 'func'],
  [STT_TLS, 'tls'],
  [STT_GNU_IFUNC, 'ifunc'],
]);
const SYMBOL_BINDINGS: ReadonlyMap<number, SymbolBinding> = new Map([
  [STB_LOCAL, 'local'],
  [STB_GLOBAL, 'global'],
  [STB_WEAK, 'weak'],
]);

export function readSections(f: ElfFile, shoff: bigint, shnumField: number, shentsize: number, shstrndxField: number): ElfSectionInfo {
  const info: ElfSectionInfo = { sections: [], symbols: [], mappingSymbols: [], debugSections: new Map() };
  if (shoff === 0n) return info;
  if (shentsize !== SHDR_SIZE) {
    throw new LoadError(`section header entry size is ${shentsize}, expected ${SHDR_SIZE} for ELF64`, 'ELF header offset 0x3a (e_shentsize)');
  }
  // Extended numbering: with 0xff00 or more sections the real count and string-table
  // index live in section header 0 (sh_size, sh_link).
  f.need(shoff, BigInt(SHDR_SIZE), 'section header 0', 'ELF header offset 0x28 (e_shoff)');
  const shnum = shnumField === 0 ? Number(f.u64(Number(shoff) + 32)) : shnumField;
  const shstrndx = shstrndxField === SHN_XINDEX ? f.u32(Number(shoff) + 40) : shstrndxField;
  f.need(shoff, BigInt(shnum) * BigInt(SHDR_SIZE), `section header table (${shnum} × ${SHDR_SIZE} bytes)`, 'ELF header offset 0x28 (e_shoff)');
  const headers = readHeaders(f, Number(shoff), shnum);
  nameSections(f, headers, shstrndx);

  for (const sh of headers) {
    if ((sh.flags & BigInt(SHF_ALLOC)) !== 0n && sh.size > 0n && sh.addr + sh.size <= BigInt(Number.MAX_SAFE_INTEGER)) {
      info.sections.push({
        name: sh.name,
        addr: Number(sh.addr),
        size: Number(sh.size),
        executable: (sh.flags & BigInt(SHF_EXECINSTR)) !== 0n,
        writable: (sh.flags & BigInt(SHF_WRITE)) !== 0n,
        nobits: sh.type === SHT_NOBITS,
      });
    }
    if (sh.name.startsWith('.debug_') && sh.type !== SHT_NOBITS) {
      const off = f.need(sh.offset, sh.size, `contents of section '${sh.name}'`, sh.where);
      info.debugSections.set(sh.name, {
        name: sh.name,
        data: f.slice(off, Number(sh.size)),
        compressed: (sh.flags & BigInt(SHF_COMPRESSED)) !== 0n,
      });
    }
    if (sh.type === SHT_SYMTAB) readSymbols(f, sh, headers, info);
  }
  info.sections.sort((a, b) => a.addr - b.addr);
  info.symbols.sort((a, b) => a.addr - b.addr || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  info.mappingSymbols.sort((a, b) => a.addr - b.addr);
  return info;
}

function readHeaders(f: ElfFile, shoff: number, shnum: number): SectionHeader[] {
  const headers: SectionHeader[] = [];
  for (let k = 0; k < shnum; k++) {
    const off = shoff + k * SHDR_SIZE;
    headers.push({
      index: k,
      headerOffset: off,
      nameOffset: f.u32(off),
      name: '',
      type: f.u32(off + 4),
      flags: f.u64(off + 8),
      addr: f.u64(off + 16),
      offset: f.u64(off + 24),
      size: f.u64(off + 32),
      link: f.u32(off + 40),
      entsize: f.u64(off + 56),
      where: `section header ${k} (file offset ${hex(off)})`,
    });
  }
  return headers;
}

function nameSections(f: ElfFile, headers: SectionHeader[], shstrndx: number): void {
  if (shstrndx === SHN_UNDEF) return; // no section names: sections stay anonymous
  const strtab = headers[shstrndx];
  if (!strtab) {
    throw new LoadError(`section name table index ${shstrndx} is out of range (${headers.length} sections)`, 'ELF header offset 0x3e (e_shstrndx)');
  }
  const tableOff = f.need(strtab.offset, strtab.size, 'section name string table', strtab.where);
  for (const sh of headers) {
    sh.name = f.cstring(tableOff, Number(strtab.size), sh.nameOffset, `name of section ${sh.index}`, sh.where);
    sh.where = `section header ${sh.index} '${sh.name}' (file offset ${hex(sh.headerOffset)})`;
  }
}

function readSymbols(f: ElfFile, symtab: SectionHeader, headers: SectionHeader[], info: ElfSectionInfo): void {
  if (symtab.entsize !== 0n && symtab.entsize !== BigInt(SYM_SIZE)) {
    throw new LoadError(`symbol entry size is ${symtab.entsize}, expected ${SYM_SIZE} for ELF64`, symtab.where);
  }
  const strtab = headers[symtab.link];
  if (!strtab || symtab.link === SHN_UNDEF) {
    throw new LoadError(`symbol table links to string table section ${symtab.link}, which does not exist`, symtab.where);
  }
  const symOff = f.need(symtab.offset, symtab.size, `symbol table '${symtab.name}'`, symtab.where);
  const strOff = f.need(strtab.offset, strtab.size, `string table '${strtab.name}'`, strtab.where);
  const count = Number(symtab.size / BigInt(SYM_SIZE));
  // Entry 0 is the reserved null symbol.
  for (let k = 1; k < count; k++) {
    const off = symOff + k * SYM_SIZE;
    const where = `symbol ${k} of '${symtab.name}' (file offset ${hex(off)})`;
    const infoByte = f.u8(off + 4);
    const shndx = f.u16(off + 6);
    const type = SYMBOL_TYPES.get(infoByte & 0xf);
    const binding = SYMBOL_BINDINGS.get(infoByte >> 4);
    if (type === undefined || binding === undefined || shndx === SHN_UNDEF) continue; // sections, files, undefined refs
    const value = f.u64(off + 8);
    const size = f.u64(off + 16);
    // Absolute symbols may be arbitrary 64-bit constants rather than addresses; those are not kept.
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || size > BigInt(Number.MAX_SAFE_INTEGER)) continue;
    const name = f.cstring(strOff, Number(strtab.size), f.u32(off), 'symbol name', where);
    if (name === '') continue;
    const mapping = mappingKind(name);
    if (mapping !== null) {
      info.mappingSymbols.push({ addr: Number(value), kind: mapping });
      continue;
    }
    info.symbols.push({ name, addr: Number(value), size: Number(size), type, binding, section: sectionName(shndx, headers, where) });
  }
}

/** AArch64 ELF ABI mapping symbols: "$x" / "$x.<any>" start code, "$d" / "$d.<any>" start data. */
function mappingKind(name: string): 'code' | 'data' | null {
  if (name === '$x' || name.startsWith('$x.')) return 'code';
  if (name === '$d' || name.startsWith('$d.')) return 'data';
  return null;
}

function sectionName(shndx: number, headers: SectionHeader[], where: string): string {
  if (shndx === SHN_ABS) return '*ABS*';
  if (shndx === SHN_COMMON) return '*COM*';
  if (shndx >= SHN_LORESERVE) return `*reserved ${hex(shndx)}*`;
  const sh = headers[shndx];
  if (!sh) throw new LoadError(`symbol refers to section ${shndx}, but there are only ${headers.length} sections`, where);
  return sh.name;
}
