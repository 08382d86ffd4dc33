/**
 * ELF64 little-endian AArch64 executables (ET_EXEC): PT_LOAD segments, entry point,
 * symbols and raw DWARF sections. Anything else is rejected with a LoadError naming
 * the problem and where it is.
 *
 * Segments are placed at their physical address (p_paddr), as QEMU's ELF loader does:
 * guests run with the MMU off, so that is where their bytes must be. For ordinary
 * links p_paddr equals p_vaddr.
 */
import type { RamRegion } from '../memory/flatBus';
import {
  EHDR_SIZE,
  ELFCLASS32,
  ELFCLASS64,
  ELFDATA2LSB,
  ELFDATA2MSB,
  EM_AARCH64,
  ET_DYN,
  ET_EXEC,
  ET_REL,
  EV_CURRENT,
  PF_R,
  PF_W,
  PF_X,
  PHDR_SIZE,
  PN_XNUM,
  PT_INTERP,
  PT_LOAD,
  machineName,
  typeName,
} from './elfConstants';
import { ElfFile } from './elfFile';
import { readSections } from './elfSections';
import { DEFAULT_RAM } from './layout';
import type { ImageSegment, LoadedImage } from './loadedImage';
import { LoadError, hex } from './loadError';
import { SegmentRange, checkEntry, checkInRam, checkNoOverlap } from './placement';

export interface ElfLoadOptions {
  /** Guest RAM the segments must fit in (default: 64 MiB at 0x80000000). */
  ram?: RamRegion;
}

const ELF_MAGIC = [0x7f, 0x45, 0x4c, 0x46];

/** True when `bytes` starts with the ELF magic (used to tell ELF files from flat binaries). */
export function isElf(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && ELF_MAGIC.every((b, k) => bytes[k] === b);
}

interface ElfHeader {
  entry: bigint;
  phoff: bigint;
  phnum: number;
  shoff: bigint;
  shnum: number;
  shentsize: number;
  shstrndx: number;
}

export function loadElf(bytes: Uint8Array, opts: ElfLoadOptions = {}): LoadedImage {
  const ram = opts.ram ?? DEFAULT_RAM;
  const f = new ElfFile(bytes);
  const hdr = readHeader(f);
  const segments = readSegments(f, hdr, ram);
  checkEntry(hdr.entry, segments, 'ELF header offset 0x18 (e_entry)');
  const sections = readSections(f, hdr.shoff, hdr.shnum, hdr.shentsize, hdr.shstrndx);
  return {
    format: 'elf',
    entry: Number(hdr.entry),
    segments,
    symbols: sections.symbols,
    mappingSymbols: sections.mappingSymbols,
    sections: sections.sections,
    debugSections: sections.debugSections,
  };
}

function readHeader(f: ElfFile): ElfHeader {
  if (!isElf(f.bytes)) {
    const first = Array.from(f.bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new LoadError(
      f.size === 0 ? 'not an ELF file: the file is empty' : `not an ELF file: it starts with ${first}, not 7f 45 4c 46 ("\\x7fELF")`,
      'file offset 0 (ELF magic)',
    );
  }
  f.need(0n, 16n, 'ELF identification (e_ident)', 'ELF header');
  const cls = f.u8(4);
  if (cls === ELFCLASS32) {
    throw new LoadError('wrong ELF class: 32-bit ELF (ELFCLASS32); AArch64 executables are ELFCLASS64', 'ELF header offset 0x4 (EI_CLASS)');
  }
  if (cls !== ELFCLASS64) throw new LoadError(`wrong ELF class: invalid EI_CLASS ${cls} (expected 2, ELFCLASS64)`, 'ELF header offset 0x4 (EI_CLASS)');
  const data = f.u8(5);
  if (data === ELFDATA2MSB) {
    throw new LoadError('big-endian ELF (ELFDATA2MSB): only little-endian AArch64 is supported', 'ELF header offset 0x5 (EI_DATA)');
  }
  if (data !== ELFDATA2LSB) throw new LoadError(`invalid EI_DATA ${data} (expected 1, ELFDATA2LSB)`, 'ELF header offset 0x5 (EI_DATA)');
  if (f.u8(6) !== EV_CURRENT) throw new LoadError(`unsupported ELF version ${f.u8(6)} (expected 1)`, 'ELF header offset 0x6 (EI_VERSION)');
  f.need(0n, BigInt(EHDR_SIZE), 'ELF64 header', 'ELF header');

  const machine = f.u16(0x12);
  if (machine !== EM_AARCH64) {
    throw new LoadError(`not an AArch64 program: e_machine is ${machineName(machine)}, expected EM_AARCH64 (183)`, 'ELF header offset 0x12 (e_machine)');
  }
  const type = f.u16(0x10);
  if (type === ET_DYN) {
    throw new LoadError(
      'position-independent executable or shared object (ET_DYN) is not supported: link a fixed-address executable (gcc -static -no-pie, or ld without -pie)',
      'ELF header offset 0x10 (e_type)',
    );
  }
  if (type === ET_REL) {
    throw new LoadError('relocatable object file (ET_REL): link it into an executable first', 'ELF header offset 0x10 (e_type)');
  }
  if (type !== ET_EXEC) throw new LoadError(`not an executable: e_type is ${typeName(type)}, expected ET_EXEC (2)`, 'ELF header offset 0x10 (e_type)');

  const phentsize = f.u16(0x36);
  const phnum = f.u16(0x38);
  if (phnum === 0) throw new LoadError('no program headers: nothing to load', 'ELF header offset 0x38 (e_phnum)');
  if (phnum === PN_XNUM) throw new LoadError('extended program header numbering (PN_XNUM) is not supported', 'ELF header offset 0x38 (e_phnum)');
  if (phentsize !== PHDR_SIZE) {
    throw new LoadError(`program header entry size is ${phentsize}, expected ${PHDR_SIZE} for ELF64`, 'ELF header offset 0x36 (e_phentsize)');
  }
  return {
    entry: f.u64(0x18),
    phoff: f.u64(0x20),
    phnum,
    shoff: f.u64(0x28),
    shentsize: f.u16(0x3a),
    shnum: f.u16(0x3c),
    shstrndx: f.u16(0x3e),
  };
}

function readSegments(f: ElfFile, hdr: ElfHeader, ram: RamRegion): ImageSegment[] {
  f.need(hdr.phoff, BigInt(hdr.phnum * PHDR_SIZE), `program header table (${hdr.phnum} × ${PHDR_SIZE} bytes)`, 'ELF header offset 0x20 (e_phoff)');
  const segments: ImageSegment[] = [];
  const ranges: SegmentRange[] = [];
  for (let k = 0; k < hdr.phnum; k++) {
    const off = Number(hdr.phoff) + k * PHDR_SIZE;
    const where = `program header ${k} (file offset ${hex(off)})`;
    const type = f.u32(off);
    if (type === PT_INTERP) {
      throw new LoadError('dynamically linked executable (PT_INTERP): link it with -static', where);
    }
    if (type !== PT_LOAD) continue;
    const flags = f.u32(off + 4);
    const fileOff = f.u64(off + 8);
    const paddr = f.u64(off + 24);
    const filesz = f.u64(off + 32);
    const memsz = f.u64(off + 40);
    if (filesz > memsz) {
      throw new LoadError(`PT_LOAD segment has p_filesz ${hex(filesz)} larger than p_memsz ${hex(memsz)}`, where);
    }
    if (memsz === 0n) continue;
    const range = { start: paddr, end: paddr + memsz, where };
    checkInRam(range, 'PT_LOAD segment', ram);
    const start = f.need(fileOff, filesz, 'PT_LOAD segment contents', where);
    ranges.push(range);
    segments.push({
      addr: Number(paddr),
      data: f.slice(start, Number(filesz)),
      memSize: Number(memsz),
      readable: (flags & PF_R) !== 0,
      writable: (flags & PF_W) !== 0,
      executable: (flags & PF_X) !== 0,
      origin: `PT_LOAD program header ${k}`,
    });
  }
  if (segments.length === 0) throw new LoadError('no PT_LOAD segment with a non-zero size: nothing to load', 'program header table');
  checkNoOverlap(ranges);
  return segments.sort((a, b) => a.addr - b.addr);
}
