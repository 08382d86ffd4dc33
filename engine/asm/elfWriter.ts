/**
 * An ELF64 little-endian AArch64 executable (ET_EXEC) from an assembled program: one
 * PT_LOAD per loaded section, section headers, and a `.symtab` with the program's symbols
 * plus the AArch64 mapping symbols ($x code, $d data) that disassemblers rely on.
 * The result loads in QEMU, objdump/readelf read it, and the project's ELF loader takes it.
 * Sections that share a page share it in every page-granular loader too (the last PT_LOAD's
 * permissions win there); page-align .data if its permissions must hold for real.
 */
import type { AssembledProgram, Segment } from './types';

const EHDR = 64;
const PHDR = 56;
const SHDR = 64;
const SYM = 24;
const PAGE = 4096;

const PT_LOAD = 1;
const PF_X = 1;
const PF_W = 2;
const PF_R = 4;
const SHT_PROGBITS = 1;
const SHT_SYMTAB = 2;
const SHT_STRTAB = 3;
const SHT_NOBITS = 8;
const SHF_WRITE = 1;
const SHF_ALLOC = 2;
const SHF_EXECINSTR = 4;
const SHN_ABS = 0xfff1;
const STB_LOCAL = 0;
const STB_GLOBAL = 1;
const STT_NOTYPE = 0;
const STT_OBJECT = 1;
const STT_FUNC = 2;

class StringTable {
  private readonly parts: number[] = [0];
  private readonly index = new Map<string, number>();
  add(s: string): number {
    const hit = this.index.get(s);
    if (hit !== undefined) return hit;
    const off = this.parts.length;
    for (const b of new TextEncoder().encode(s)) this.parts.push(b);
    this.parts.push(0);
    this.index.set(s, off);
    return off;
  }
  bytes(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

interface SymEntry {
  name: number;
  info: number;
  shndx: number;
  value: bigint;
  size: bigint;
}

/** Serialize `program` as an executable. Only meaningful when `program.ok`. */
export function writeElf(program: AssembledProgram): Uint8Array {
  const segs = program.segments.filter((s) => s.flags.alloc);
  const shstr = new StringTable();
  const str = new StringTable();

  // File layout: headers, then the section contents laid out exactly as in memory (each
  // offset ≡ address modulo the page size, so page-granular loaders such as Linux and QEMU
  // can map every PT_LOAD), then the symbol and string tables, then the section headers.
  const headers = EHDR + PHDR * segs.length;
  const first = segs.length ? segs[0].address : 0;
  const delta = headers + ((first - headers) % PAGE + PAGE) % PAGE - first;
  const fileOff = segs.map((s) => s.address + delta);
  let off = headers;
  for (const [k, s] of segs.entries()) if (!s.flags.nobits) off = Math.max(off, fileOff[k] + s.bytes.length);

  // Symbols: null, mapping symbols and local symbols, then globals (ELF requires locals first).
  const secIndex = (name: string | null): number => (name === null ? SHN_ABS : segs.findIndex((s) => s.name === name) + 1);
  const locals: SymEntry[] = [];
  const globals: SymEntry[] = [];
  for (const m of program.mappingSymbols) {
    const seg = segs.findIndex((s) => m.address >= s.address && m.address < s.address + Math.max(s.bytes.length, 1));
    if (seg < 0) continue;
    locals.push({ name: str.add(m.kind === 'code' ? '$x' : '$d'), info: (STB_LOCAL << 4) | STT_NOTYPE, shndx: seg + 1, value: BigInt(m.address), size: 0n });
  }
  for (const s of program.symbols) {
    const shndx = secIndex(s.section);
    if (shndx === 0) continue; // defined in a section that is not loaded
    const type = s.type === 'function' ? STT_FUNC : s.type === 'object' ? STT_OBJECT : STT_NOTYPE;
    const e: SymEntry = { name: str.add(s.name), info: ((s.global ? STB_GLOBAL : STB_LOCAL) << 4) | type, shndx, value: s.value, size: BigInt(s.size) };
    (s.global ? globals : locals).push(e);
  }
  const syms: SymEntry[] = [{ name: 0, info: 0, shndx: 0, value: 0n, size: 0n }, ...locals, ...globals];

  off = align(off, 8);
  const symOff = off;
  off += syms.length * SYM;
  const strBytes = str.bytes();
  const strOff = off;
  off += strBytes.length;

  const names = segs.map((s) => shstr.add(s.name));
  const symtabName = shstr.add('.symtab');
  const strtabName = shstr.add('.strtab');
  const shstrtabName = shstr.add('.shstrtab');
  const shstrBytes = shstr.bytes();
  const shstrOff = off;
  off += shstrBytes.length;
  off = align(off, 8);
  const shOff = off;
  const shnum = segs.length + 4;
  const total = shOff + shnum * SHDR;

  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  // ELF header
  out.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0], 0);
  dv.setUint16(0x10, 2, true); // ET_EXEC
  dv.setUint16(0x12, 183, true); // EM_AARCH64
  dv.setUint32(0x14, 1, true);
  dv.setBigUint64(0x18, BigInt(program.entry), true);
  dv.setBigUint64(0x20, BigInt(EHDR), true);
  dv.setBigUint64(0x28, BigInt(shOff), true);
  dv.setUint32(0x30, 0, true);
  dv.setUint16(0x34, EHDR, true);
  dv.setUint16(0x36, PHDR, true);
  dv.setUint16(0x38, segs.length, true);
  dv.setUint16(0x3a, SHDR, true);
  dv.setUint16(0x3c, shnum, true);
  dv.setUint16(0x3e, shnum - 1, true);

  segs.forEach((s, k) => {
    const p = EHDR + k * PHDR;
    dv.setUint32(p, PT_LOAD, true);
    dv.setUint32(p + 4, segFlags(s), true);
    dv.setBigUint64(p + 8, BigInt(fileOff[k]), true);
    dv.setBigUint64(p + 16, BigInt(s.address), true);
    dv.setBigUint64(p + 24, BigInt(s.address), true);
    dv.setBigUint64(p + 32, BigInt(s.flags.nobits ? 0 : s.bytes.length), true);
    dv.setBigUint64(p + 40, BigInt(s.bytes.length), true);
    dv.setBigUint64(p + 48, BigInt(PAGE), true);
    if (!s.flags.nobits) out.set(s.bytes, fileOff[k]);
  });

  syms.forEach((s, k) => {
    const p = symOff + k * SYM;
    dv.setUint32(p, s.name, true);
    out[p + 4] = s.info;
    out[p + 5] = 0;
    dv.setUint16(p + 6, s.shndx, true);
    dv.setBigUint64(p + 8, s.value, true);
    dv.setBigUint64(p + 16, s.size, true);
  });
  out.set(strBytes, strOff);
  out.set(shstrBytes, shstrOff);

  const sh = (k: number, name: number, type: number, flags: number, addr: number, offset: number, size: number, link: number, info: number, alignment: number, entsize: number): void => {
    const p = shOff + k * SHDR;
    dv.setUint32(p, name, true);
    dv.setUint32(p + 4, type, true);
    dv.setBigUint64(p + 8, BigInt(flags), true);
    dv.setBigUint64(p + 16, BigInt(addr), true);
    dv.setBigUint64(p + 24, BigInt(offset), true);
    dv.setBigUint64(p + 32, BigInt(size), true);
    dv.setUint32(p + 40, link, true);
    dv.setUint32(p + 44, info, true);
    dv.setBigUint64(p + 48, BigInt(alignment), true);
    dv.setBigUint64(p + 56, BigInt(entsize), true);
  };
  segs.forEach((s, k) => {
    const flags = SHF_ALLOC | (s.flags.write ? SHF_WRITE : 0) | (s.flags.exec ? SHF_EXECINSTR : 0);
    sh(k + 1, names[k], s.flags.nobits ? SHT_NOBITS : SHT_PROGBITS, flags, s.address, fileOff[k], s.bytes.length, 0, 0, Math.max(s.align, 1), 0);
  });
  const symtab = segs.length + 1;
  sh(symtab, symtabName, SHT_SYMTAB, 0, 0, symOff, syms.length * SYM, symtab + 1, 1 + locals.length, 8, SYM);
  sh(symtab + 1, strtabName, SHT_STRTAB, 0, 0, strOff, strBytes.length, 0, 0, 1, 0);
  sh(symtab + 2, shstrtabName, SHT_STRTAB, 0, 0, shstrOff, shstrBytes.length, 0, 0, 1, 0);
  return out;
}

function segFlags(s: Segment): number {
  return PF_R | (s.flags.write ? PF_W : 0) | (s.flags.exec ? PF_X : 0);
}

const align = (v: number, a: number): number => Math.ceil(v / a) * a;
