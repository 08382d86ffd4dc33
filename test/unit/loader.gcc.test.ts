import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadElf } from '../../engine/loader';
import { UART_HELLO_C, binutils, buildElf, crossGccMissing } from '../helpers/crossGcc';

const missing = crossGccMissing();

test('an executable built by aarch64-linux-gnu-gcc loads as readelf and nm describe it', { skip: missing ?? false }, () => {
  const elf = buildElf(UART_HELLO_C);
  const img = loadElf(elf.bytes);

  // Program headers: every PT_LOAD with its physical address, file size and memory size.
  const loads = binutils('readelf', ['-lW', elf.path])
    .split('\n')
    .filter((l) => /^\s*LOAD\s/.test(l))
    .map((l) => l.trim().split(/\s+/))
    .map((f) => ({ paddr: parseInt(f[3], 16), filesz: parseInt(f[4], 16), memsz: parseInt(f[5], 16) }))
    .filter((s) => s.memsz > 0);
  assert.deepEqual(
    img.segments.map((s) => ({ paddr: s.addr, filesz: s.data.length, memsz: s.memSize })),
    loads,
  );
  const entry = parseInt(/Entry point address:\s+(0x[0-9a-f]+)/.exec(binutils('readelf', ['-h', elf.path]))![1], 16);
  assert.equal(img.entry, entry);

  // Symbols: nm's defined functions and objects (T/t text, R/r rodata, B/b bss, D/d data).
  const nm = new Map(
    binutils('nm', ['-S', elf.path])
      .split('\n')
      .map((l) => l.trim().split(/\s+/))
      .filter((f) => f.length === 4)
      .map((f) => [f[3], { addr: parseInt(f[0], 16), size: parseInt(f[1], 16), kind: f[2] }]),
  );
  for (const name of ['_start', 'message', 'counter', 'uart']) {
    const sym = img.symbols.find((s) => s.name === name);
    assert.ok(sym, `symbol ${name} missing`);
    assert.equal(sym.addr, nm.get(name)!.addr, name);
    assert.equal(sym.size, nm.get(name)!.size, name);
  }
  assert.equal(img.symbols.find((s) => s.name === '_start')!.type, 'func');
  assert.equal(img.symbols.find((s) => s.name === 'counter')!.type, 'object');
  assert.equal(img.symbols.find((s) => s.name === 'counter')!.section, '.bss');
  assert.equal(img.entry, nm.get('_start')!.addr);

  // The first instruction word at the entry point matches objdump.
  const firstWord = /^\s*80000000:\s+([0-9a-f]{8})/m.exec(binutils('objdump', ['-d', elf.path]))![1];
  const text = img.segments.find((s) => s.addr <= img.entry && img.entry < s.addr + s.memSize)!;
  const off = img.entry - text.addr;
  const word = new DataView(text.data.buffer, text.data.byteOffset).getUint32(off, true);
  assert.equal(word, parseInt(firstWord, 16));

  // DWARF sections are kept byte-for-byte, with readelf's sizes.
  const sizes = new Map(
    [...binutils('readelf', ['-SW', elf.path]).matchAll(/\]\s+(\.debug_\w+)\s+PROGBITS\s+[0-9a-f]+\s+[0-9a-f]+\s+([0-9a-f]+)/g)].map((m) => [m[1], parseInt(m[2], 16)]),
  );
  assert.ok(sizes.has('.debug_info') && sizes.has('.debug_line'));
  assert.deepEqual(new Map([...img.debugSections].map(([k, v]) => [k, v.data.length])), sizes);
});
