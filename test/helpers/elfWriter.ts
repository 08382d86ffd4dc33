/**
 * A tiny ELF64 writer for loader tests: executables with chosen program headers,
 * sections, symbols and debug sections, plus the offsets of each structure so a test
 * can corrupt exactly one of them. Header fields can be overridden to produce the
 * malformed files the loader must reject.
 */

export interface SegmentSpec {
  /** p_vaddr and (unless `paddr` is given) p_paddr. */
  addr: number;
  paddr?: number;
  data: Uint8Array;
  /** p_memsz (default data.length). */
  memSize?: number;
  /** p_flags (default R+X). */
  flags?: number;
  /** p_type (default PT_LOAD = 1). */
  type?: number;
  /** Name of the section covering the file bytes (default ".seg<k>"); 'none' for no section. */
  section?: string;
}

export interface SymbolSpec {
  name: string;
  value: number | bigint;
  size?: number;
  /** STT_* (default STT_FUNC = 2). */
  type?: number;
  /** STB_* (default STB_GLOBAL = 1). */
  bind?: number;
  /** Section name, or a raw section index (0 = undefined, 0xfff1 = absolute). Default: the first segment's section. */
  section?: string | number;
}

export interface ElfSpec {
  entry: number | bigint;
  segments: SegmentSpec[];
  symbols?: SymbolSpec[];
  debugSections?: Record<string, Uint8Array>;
  /** Raw header overrides. */
  eiClass?: number;
  eiData?: number;
  machine?: number;
  type?: number;
  /** Omit the section header table entirely (e_shoff = 0). */
  noSections?: boolean;
}

export interface ElfLayout {
  bytes: Uint8Array;
  phoff: number;
  shoff: number;
  /** File offset of each segment's data. */
  segmentOffsets: number[];
  /** File offset of the .symtab contents (or -1). */
  symtabOffset: number;
}

const SHT_PROGBITS = 1;
const SHT_SYMTAB = 2;
const SHT_STRTAB = 3;
const SHT_NOBITS = 8;
const SHF_WRITE = 1;
const SHF_ALLOC = 2;
const SHF_EXECINSTR = 4;

class ByteSink {
  private buf = new Uint8Array(4096);
  length = 0;
  private grow(n: number): void {
    while (this.length + n > this.buf.length) {
      const b = new Uint8Array(this.buf.length * 2);
      b.set(this.buf);
      this.buf = b;
    }
  }
  align(a: number): void {
    while (this.length % a !== 0) this.bytes(new Uint8Array(1));
  }
  bytes(b: Uint8Array): number {
    this.grow(b.length);
    const at = this.length;
    this.buf.set(b, at);
    this.length += b.length;
    return at;
  }
  result(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

class StrTab {
  private parts: number[] = [0];
  private index = new Map<string, number>();
  add(s: string): number {
    if (s === '') return 0;
    const known = this.index.get(s);
    if (known !== undefined) return known;
    const at = this.parts.length;
    for (const b of new TextEncoder().encode(s)) this.parts.push(b);
    this.parts.push(0);
    this.index.set(s, at);
    return at;
  }
  bytes(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

interface Section {
  name: string;
  type: number;
  flags: number;
  addr: bigint;
  offset: number;
  size: number;
  link: number;
  info: number;
  entsize: number;
}

export function writeElf(spec: ElfSpec): ElfLayout {
  const out = new ByteSink();
  out.bytes(new Uint8Array(64)); // ELF header, filled in last
  const phoff = out.length;
  out.bytes(new Uint8Array(56 * spec.segments.length));
  const segmentOffsets: number[] = [];
  const sections: Section[] = [{ name: '', type: 0, flags: 0, addr: 0n, offset: 0, size: 0, link: 0, info: 0, entsize: 0 }];
  spec.segments.forEach((seg, k) => {
    out.align(16);
    const off = out.bytes(seg.data);
    segmentOffsets.push(off);
    const name = seg.section ?? `.seg${k}`;
    if (name === 'none') return;
    const flags = seg.flags ?? 5;
    sections.push({
      name,
      type: seg.data.length === 0 ? SHT_NOBITS : SHT_PROGBITS,
      flags: SHF_ALLOC | (flags & 1 ? SHF_EXECINSTR : 0) | (flags & 2 ? SHF_WRITE : 0),
      addr: BigInt(seg.addr),
      offset: off,
      size: seg.data.length === 0 ? (seg.memSize ?? 0) : seg.data.length,
      link: 0,
      info: 0,
      entsize: 0,
    });
  });
  for (const [name, data] of Object.entries(spec.debugSections ?? {})) {
    const off = out.bytes(data);
    sections.push({ name, type: SHT_PROGBITS, flags: 0, addr: 0n, offset: off, size: data.length, link: 0, info: 0, entsize: 0 });
  }

  let symtabOffset = -1;
  if (spec.symbols) {
    const strtab = new StrTab();
    const secIndex = (s: string | number | undefined): number => {
      if (typeof s === 'number') return s;
      const idx = sections.findIndex((x) => x.name === (s ?? sections[1]?.name));
      if (idx < 0) throw new Error(`elfWriter: no section ${s}`);
      return idx;
    };
    const syms = new Uint8Array(24 * (spec.symbols.length + 1));
    const dv = new DataView(syms.buffer);
    spec.symbols.forEach((sym, k) => {
      const o = 24 * (k + 1);
      dv.setUint32(o, strtab.add(sym.name), true);
      dv.setUint8(o + 4, ((sym.bind ?? 1) << 4) | (sym.type ?? 2));
      dv.setUint16(o + 6, secIndex(sym.section), true);
      dv.setBigUint64(o + 8, BigInt(sym.value), true);
      dv.setBigUint64(o + 16, BigInt(sym.size ?? 0), true);
    });
    out.align(8);
    symtabOffset = out.bytes(syms);
    const strBytes = strtab.bytes();
    const strOff = out.bytes(strBytes);
    const strIndex = sections.length + 1;
    sections.push({ name: '.symtab', type: SHT_SYMTAB, flags: 0, addr: 0n, offset: symtabOffset, size: syms.length, link: strIndex, info: 1, entsize: 24 });
    sections.push({ name: '.strtab', type: SHT_STRTAB, flags: 0, addr: 0n, offset: strOff, size: strBytes.length, link: 0, info: 0, entsize: 0 });
  }

  const shstr = new StrTab();
  const shstrIndex = sections.length;
  sections.push({ name: '.shstrtab', type: SHT_STRTAB, flags: 0, addr: 0n, offset: 0, size: 0, link: 0, info: 0, entsize: 0 });
  const nameOffsets = sections.map((s) => shstr.add(s.name));
  const shstrBytes = shstr.bytes();
  sections[shstrIndex].offset = out.bytes(shstrBytes);
  sections[shstrIndex].size = shstrBytes.length;

  out.align(8);
  let shoff = 0;
  if (!spec.noSections) {
    const sh = new Uint8Array(64 * sections.length);
    const dv = new DataView(sh.buffer);
    sections.forEach((s, k) => {
      const o = 64 * k;
      dv.setUint32(o, nameOffsets[k], true);
      dv.setUint32(o + 4, s.type, true);
      dv.setBigUint64(o + 8, BigInt(s.flags), true);
      dv.setBigUint64(o + 16, s.addr, true);
      dv.setBigUint64(o + 24, BigInt(s.offset), true);
      dv.setBigUint64(o + 32, BigInt(s.size), true);
      dv.setUint32(o + 40, s.link, true);
      dv.setUint32(o + 44, s.info, true);
      dv.setBigUint64(o + 56, BigInt(s.entsize), true);
    });
    shoff = out.bytes(sh);
  }

  const bytes = out.result();
  const dv = new DataView(bytes.buffer);
  bytes.set([0x7f, 0x45, 0x4c, 0x46, spec.eiClass ?? 2, spec.eiData ?? 1, 1], 0);
  dv.setUint16(0x10, spec.type ?? 2, true);
  dv.setUint16(0x12, spec.machine ?? 183, true);
  dv.setUint32(0x14, 1, true);
  dv.setBigUint64(0x18, BigInt(spec.entry), true);
  dv.setBigUint64(0x20, BigInt(phoff), true);
  dv.setBigUint64(0x28, BigInt(shoff), true);
  dv.setUint16(0x34, 64, true);
  dv.setUint16(0x36, 56, true);
  dv.setUint16(0x38, spec.segments.length, true);
  dv.setUint16(0x3a, 64, true);
  dv.setUint16(0x3c, spec.noSections ? 0 : sections.length, true);
  dv.setUint16(0x3e, spec.noSections ? 0 : shstrIndex, true);
  spec.segments.forEach((seg, k) => {
    const o = phoff + 56 * k;
    dv.setUint32(o, seg.type ?? 1, true);
    dv.setUint32(o + 4, seg.flags ?? 5, true);
    dv.setBigUint64(o + 8, BigInt(segmentOffsets[k]), true);
    dv.setBigUint64(o + 16, BigInt(seg.addr), true);
    dv.setBigUint64(o + 24, BigInt(seg.paddr ?? seg.addr), true);
    dv.setBigUint64(o + 32, BigInt(seg.data.length), true);
    dv.setBigUint64(o + 40, BigInt(seg.memSize ?? seg.data.length), true);
    dv.setBigUint64(o + 48, 16n, true);
  });
  return { bytes, phoff, shoff, segmentOffsets, symtabOffset };
}

/** Little-endian bytes of 32-bit instruction words. */
export function words(...w: number[]): Uint8Array {
  return new Uint8Array(Uint32Array.from(w.map((x) => x >>> 0)).buffer);
}
