import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LoadError, copyImage, loadElf, loadFlat, isElf } from '../../engine/loader';
import { FlatBus } from '../../engine/memory/flatBus';
import { writeElf, words } from '../helpers/elfWriter';

const RAM = 0x80000000;
const NOP = 0xd503201f;
const HVC0 = 0xd4000002;

/** A well-formed two-segment program: code at the RAM base, data with .bss tail a page later. */
function goodSpec() {
  return {
    entry: RAM + 4,
    segments: [
      { addr: RAM, data: words(NOP, NOP, HVC0), flags: 5, section: '.text' },
      { addr: RAM + 0x1000, data: Uint8Array.from([1, 2, 3, 4, 5]), memSize: 0x2000, flags: 6, section: '.data' },
    ],
    symbols: [
      { name: '_start', value: RAM + 4, size: 8, type: 2, bind: 1, section: '.text' },
      { name: 'counter', value: RAM + 0x1000, size: 4, type: 1, bind: 1, section: '.data' },
      { name: 'loop', value: RAM + 8, type: 0, bind: 0, section: '.text' },
      { name: 'weak_hook', value: RAM, type: 2, bind: 2, section: '.text' },
      { name: '$x', value: RAM, type: 0, bind: 0, section: '.text' },
      { name: '$d.1', value: RAM + 0x1000, type: 0, bind: 0, section: '.data' },
      { name: 'undefined_ref', value: 0, type: 0, bind: 1, section: 0 },
      { name: 'a_section_sym', value: RAM, type: 3, bind: 0, section: '.text' },
      { name: 'STACK_SIZE', value: 0x4000, type: 0, bind: 1, section: 0xfff1 },
    ],
    debugSections: { '.debug_info': Uint8Array.from([9, 8, 7]), '.debug_line': Uint8Array.from([6, 5]) },
  };
}

/** Run `fn`, expect a LoadError, and return it for further checks. */
function loadErrorOf(fn: () => unknown): LoadError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof LoadError, `expected LoadError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected the load to fail');
}

test('an AArch64 ELF executable loads: segments, entry, bss, symbols, mapping symbols, debug sections', () => {
  const { bytes } = writeElf(goodSpec());
  assert.ok(isElf(bytes));
  const img = loadElf(bytes);
  assert.equal(img.format, 'elf');
  assert.equal(img.entry, RAM + 4);
  assert.equal(img.segments.length, 2);
  const [text, data] = img.segments;
  assert.equal(text.addr, RAM);
  assert.deepEqual(Array.from(text.data), Array.from(words(NOP, NOP, HVC0)));
  assert.equal(text.memSize, 12);
  assert.deepEqual([text.readable, text.writable, text.executable], [true, false, true]);
  assert.equal(data.addr, RAM + 0x1000);
  assert.equal(data.data.length, 5);
  assert.equal(data.memSize, 0x2000);
  assert.deepEqual([data.readable, data.writable, data.executable], [true, true, false]);

  assert.deepEqual(
    img.symbols.map((s) => [s.name, s.addr, s.size, s.type, s.binding, s.section]),
    [
      ['STACK_SIZE', 0x4000, 0, 'notype', 'global', '*ABS*'],
      ['weak_hook', RAM, 0, 'func', 'weak', '.text'],
      ['_start', RAM + 4, 8, 'func', 'global', '.text'],
      ['loop', RAM + 8, 0, 'notype', 'local', '.text'],
      ['counter', RAM + 0x1000, 4, 'object', 'global', '.data'],
    ],
  );
  assert.deepEqual(img.mappingSymbols, [
    { addr: RAM, kind: 'code' },
    { addr: RAM + 0x1000, kind: 'data' },
  ]);
  assert.deepEqual(
    img.sections.map((s) => [s.name, s.addr, s.size, s.executable, s.writable]),
    [
      ['.text', RAM, 12, true, false],
      ['.data', RAM + 0x1000, 5, false, true],
    ],
  );
  assert.deepEqual([...img.debugSections.keys()].sort(), ['.debug_info', '.debug_line']);
  assert.deepEqual(Array.from(img.debugSections.get('.debug_info')!.data), [9, 8, 7]);
  assert.equal(img.debugSections.get('.debug_info')!.compressed, false);
});

test('copyImage writes file bytes and zero-fills .bss even over dirty memory', () => {
  const img = loadElf(writeElf(goodSpec()).bytes);
  const bus = new FlatBus([{ base: RAM, size: 0x10000 }]);
  bus.write(RAM + 0x1000, new Uint8Array(0x2000).fill(0xee));
  copyImage(img, (a, b) => bus.write(a, b));
  assert.deepEqual(Array.from(bus.read(RAM + 0x1000, 8)), [1, 2, 3, 4, 5, 0, 0, 0]);
  assert.ok(bus.read(RAM + 0x1005, 0x2000 - 5).every((b) => b === 0));
  assert.equal(bus.read(RAM + 0x3000, 1)[0], 0);
  assert.deepEqual(Array.from(bus.read(RAM + 8, 4)), Array.from(words(HVC0)));
});

test('a stripped executable (no section headers) still loads', () => {
  const spec = goodSpec();
  const img = loadElf(writeElf({ ...spec, symbols: undefined, debugSections: undefined, noSections: true }).bytes);
  assert.equal(img.entry, RAM + 4);
  assert.equal(img.symbols.length, 0);
  assert.equal(img.sections.length, 0);
});

test('segments are placed at p_paddr (the load address), as QEMU does', () => {
  const img = loadElf(writeElf({ entry: RAM + 0x100, segments: [{ addr: 0x1000, paddr: RAM + 0x100, data: words(HVC0) }] }).bytes);
  assert.equal(img.segments[0].addr, RAM + 0x100);
});

test('rejects a file that is not ELF, naming what it starts with', () => {
  const e = loadErrorOf(() => loadElf(new TextEncoder().encode('hello world\n')));
  assert.match(e.message, /not an ELF file: it starts with 68 65 6c 6c/);
  assert.match(e.where, /file offset 0/);
  assert.match(loadErrorOf(() => loadElf(new Uint8Array(0))).message, /not an ELF file: the file is empty/);
});

test('rejects 32-bit and big-endian ELF files', () => {
  const c32 = loadErrorOf(() => loadElf(writeElf({ ...goodSpec(), eiClass: 1 }).bytes));
  assert.match(c32.message, /wrong ELF class: 32-bit ELF \(ELFCLASS32\)/);
  assert.match(c32.where, /EI_CLASS/);
  const be = loadErrorOf(() => loadElf(writeElf({ ...goodSpec(), eiData: 2 }).bytes));
  assert.match(be.message, /big-endian ELF \(ELFDATA2MSB\)/);
  assert.match(be.where, /EI_DATA/);
});

test('rejects other architectures, naming the machine', () => {
  const e = loadErrorOf(() => loadElf(writeElf({ ...goodSpec(), machine: 62 }).bytes));
  assert.match(e.message, /not an AArch64 program: e_machine is EM_X86_64 \(62\)/);
  assert.match(e.where, /offset 0x12 \(e_machine\)/);
  assert.match(loadErrorOf(() => loadElf(writeElf({ ...goodSpec(), machine: 40 }).bytes)).message, /EM_ARM \(40\)/);
  assert.match(loadErrorOf(() => loadElf(writeElf({ ...goodSpec(), machine: 4242 }).bytes)).message, /unknown machine 4242/);
});

test('rejects position-independent (ET_DYN) and relocatable (ET_REL) files', () => {
  const dyn = loadErrorOf(() => loadElf(writeElf({ ...goodSpec(), type: 3 }).bytes));
  assert.match(dyn.message, /ET_DYN\) is not supported.*-no-pie/);
  assert.match(dyn.where, /e_type/);
  assert.match(loadErrorOf(() => loadElf(writeElf({ ...goodSpec(), type: 1 }).bytes)).message, /relocatable object file \(ET_REL\)/);
});

test('rejects truncated headers, saying which structure and which bytes', () => {
  const { bytes, phoff } = writeElf(goodSpec());
  const hdr = loadErrorOf(() => loadElf(bytes.slice(0, 40)));
  assert.match(hdr.message, /truncated file: ELF64 header at file bytes 0x0-0x3f extends past the end of the file \(40 bytes\)/);
  const ph = loadErrorOf(() => loadElf(bytes.slice(0, phoff + 60)));
  assert.match(ph.message, /truncated file: program header table \(2 × 56 bytes\) at file bytes 0x40-0xaf/);
  assert.match(ph.where, /e_phoff/);
});

test('rejects a segment whose file bytes are cut off', () => {
  const { bytes, segmentOffsets } = writeElf({ entry: RAM, segments: [{ addr: RAM, data: new Uint8Array(0x100) }], noSections: true });
  const e = loadErrorOf(() => loadElf(bytes.slice(0, segmentOffsets[0] + 0xf0)));
  assert.match(e.message, /truncated file: PT_LOAD segment contents at file bytes 0x80-0x17f/);
  assert.match(e.where, /program header 0 \(file offset 0x40\)/);
});

test('rejects overlapping PT_LOAD segments, naming both ranges', () => {
  const spec = {
    entry: RAM,
    segments: [
      { addr: RAM, data: new Uint8Array(0x100) },
      { addr: RAM + 0x80, data: new Uint8Array(0x10) },
    ],
  };
  const e = loadErrorOf(() => loadElf(writeElf(spec).bytes));
  assert.match(e.message, /overlapping PT_LOAD segments: 0x80000000-0x800000ff \(program header 0.*\) and 0x80000080-0x8000008f \(program header 1/);
  // .bss counts: a segment's memory size, not just its file bytes, may collide.
  const bss = { entry: RAM, segments: [{ addr: RAM, data: new Uint8Array(0x10), memSize: 0x1000 }, { addr: RAM + 0x800, data: new Uint8Array(4) }] };
  assert.match(loadErrorOf(() => loadElf(writeElf(bss).bytes)).message, /0x80000000-0x80000fff .* and 0x80000800-0x80000803/);
});

test('rejects segments outside RAM, giving the segment and RAM ranges', () => {
  const low = loadErrorOf(() => loadElf(writeElf({ entry: 0x400000, segments: [{ addr: 0x400000, data: words(NOP) }] }).bytes));
  assert.match(low.message, /PT_LOAD segment 0x400000-0x400003 is outside guest RAM: RAM is 0x80000000-0x83ffffff \(64 MiB\)/);
  assert.match(low.where, /program header 0/);
  const tail = { entry: RAM + 0x3fff000, segments: [{ addr: RAM + 0x3fff000, data: words(NOP), memSize: 0x2000 }] };
  assert.match(loadErrorOf(() => loadElf(writeElf(tail).bytes)).message, /0x83fff000-0x84000fff is outside guest RAM/);
  const huge = { entry: RAM, segments: [{ addr: RAM, data: words(NOP) }, { addr: 0xffff_ffff_0000, data: words(NOP) }] };
  assert.match(loadErrorOf(() => loadElf(writeElf(huge).bytes)).message, /0xffffffff0000-0xffffffff0003 is outside/);
  // A larger RAM accepts what the default rejects.
  const img = loadElf(writeElf(tail).bytes, { ram: { base: RAM, size: 0x8000000 } });
  assert.equal(img.segments[0].memSize, 0x2000);
});

test('rejects an entry point outside loaded memory or misaligned', () => {
  const out = loadErrorOf(() => loadElf(writeElf({ ...goodSpec(), entry: RAM + 0x800 }).bytes));
  assert.match(out.message, /entry point 0x80000800 is outside loaded memory \(loaded: 0x80000000-0x8000000b, 0x80001000-0x80002fff\)/);
  assert.match(out.where, /e_entry/);
  assert.match(loadErrorOf(() => loadElf(writeElf({ ...goodSpec(), entry: RAM + 2 }).bytes)).message, /not 4-byte aligned/);
});

test('rejects p_filesz > p_memsz, dynamic linking and files with nothing to load', () => {
  const fs = loadErrorOf(() => loadElf(writeElf({ entry: RAM, segments: [{ addr: RAM, data: new Uint8Array(8), memSize: 4 }] }).bytes));
  assert.match(fs.message, /p_filesz 0x8 larger than p_memsz 0x4/);
  const interp = { entry: RAM, segments: [{ addr: 0, data: new TextEncoder().encode('/lib/ld.so\0'), type: 3, section: 'none' }, { addr: RAM, data: words(NOP) }] };
  assert.match(loadErrorOf(() => loadElf(writeElf(interp).bytes)).message, /dynamically linked executable \(PT_INTERP\)/);
  const noLoad = { entry: RAM, segments: [{ addr: RAM, data: words(NOP), type: 4 /* PT_NOTE */ }] };
  assert.match(loadErrorOf(() => loadElf(writeElf(noLoad).bytes)).message, /no PT_LOAD segment/);
});

test('rejects a truncated section header table and a corrupt symbol table', () => {
  const { bytes, shoff, symtabOffset } = writeElf(goodSpec());
  const cut = loadErrorOf(() => loadElf(bytes.slice(0, shoff + 100)));
  assert.match(cut.message, /truncated file: section header table \(\d+ × 64 bytes\)/);
  assert.match(cut.where, /e_shoff/);
  const bad = bytes.slice();
  new DataView(bad.buffer).setUint32(symtabOffset + 24, 0x7fff, true); // symbol 1's name offset
  const sym = loadErrorOf(() => loadElf(bad));
  assert.match(sym.message, /symbol name: string offset 0x7fff is beyond its string table/);
  assert.match(sym.where, /symbol 1 of '\.symtab'/);
});

test('flat binaries load at the RAM base or --load-address; entry is the load address', () => {
  const code = words(NOP, HVC0);
  const img = loadFlat(code);
  assert.equal(img.format, 'flat');
  assert.equal(img.entry, RAM);
  assert.deepEqual(img.segments.map((s) => [s.addr, s.memSize]), [[RAM, 8]]);
  const at = loadFlat(code, { loadAddress: RAM + 0x10000 });
  assert.equal(at.entry, RAM + 0x10000);
  assert.equal(at.segments[0].addr, RAM + 0x10000);
});

test('flat binaries outside RAM, misaligned or empty are rejected', () => {
  const out = loadErrorOf(() => loadFlat(new Uint8Array(16), { loadAddress: 0x40000000 }));
  assert.match(out.message, /flat binary \(16 bytes\) at 0x40000000-0x4000000f is outside guest RAM: RAM is 0x80000000-0x83ffffff/);
  assert.match(out.where, /load address 0x40000000/);
  assert.match(loadErrorOf(() => loadFlat(new Uint8Array(16), { loadAddress: RAM + 0x3fffff8 })).message, /0x83fffff8-0x84000007 is outside/);
  assert.match(loadErrorOf(() => loadFlat(new Uint8Array(16), { loadAddress: RAM + 2 })).message, /not 4-byte aligned/);
  assert.match(loadErrorOf(() => loadFlat(new Uint8Array(0))).message, /empty/);
});
