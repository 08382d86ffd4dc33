/**
 * Whole programs: layout at the base address, entry point, symbol table, literal pools,
 * :lo12:/adrp addressing, mapping symbols, the ELF writer (read back by the project's
 * ELF loader) and running the result on the CPU.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assemble, writeElf } from '../../engine/asm';
import type { AssembledProgram, AssembleOptions } from '../../engine/asm';
import { loadElf } from '../../engine/loader';
import { bareMachine, RAM_BASE } from '../helpers/bareCpu';

function ok(text: string, options: AssembleOptions = {}): AssembledProgram {
  const p = assemble('prog.S', text, options);
  assert.deepEqual(p.diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`), []);
  return p;
}

const words = (p: AssembledProgram, name = '.text'): number[] => {
  const b = p.segments.find((s) => s.name === name)!.bytes;
  return Array.from(new Uint32Array(Uint8Array.from(b).buffer, 0, b.length >> 2));
};
const sym = (p: AssembledProgram, name: string): number => {
  const s = p.symbols.find((x) => x.name === name);
  assert.ok(s, `no symbol ${name}`);
  return s.address;
};

test('sections are laid out from 0x80000000 by default, or from the given base', () => {
  assert.equal(ok('nop').segments[0].address, 0x80000000);
  const p = ok('nop\n.data\nd: .word 1', { base: 0x40080000 });
  assert.deepEqual(p.segments.map((s) => s.address), [0x40080000, 0x40080004]);
  assert.equal(sym(p, 'd'), 0x40080004);
});

test('entry is _start when defined, else the start of .text', () => {
  assert.equal(ok('nop\n_start: nop').entry, 0x80000004);
  assert.equal(ok('.data\n.word 0\n.text\nnop').entry, 0x80000000);
});

test('literal pools: one per size (4, 8, 16 bytes), each aligned, shared entries, flushed at .ltorg and at the end', () => {
  const p = ok([
    '_start: ldr x0, =0x1234', // pool A (8)
    '  ldr w1, =0x55', // pool A (4)
    '  ldr x2, =0x1234', // shares the first entry
    '  b 1f',
    '  .ltorg',
    '1: ldr x3, =0x99', // final pool
    '  nop',
  ].join('\n'));
  const w = words(p);
  // 0: ldr x0 ; 4: ldr w1 ; 8: ldr x2 ; c: b ; 10: .word 0x55 ; 14: pad ; 18: .quad 0x1234 ; 20: ldr x3 ; 24: nop ; 28: .quad 0x99
  assert.equal(w[4], 0x55);
  assert.deepEqual([w[6], w[7]], [0x1234, 0]);
  assert.equal(w[0], 0x58000000 | ((0x18 >> 2) << 5) | 0); // ldr x0, pc+0x18
  assert.equal(w[1], 0x18000000 | ((0xc >> 2) << 5) | 1); // ldr w1, pc+0xc
  assert.equal(w[2], 0x58000000 | ((0x10 >> 2) << 5) | 2); // ldr x2, the same entry
  assert.deepEqual([w[10], w[11]], [0x99, 0]);
  assert.equal(w[8], 0x58000000 | ((8 >> 2) << 5) | 3);
  assert.deepEqual(
    p.mappingSymbols.map((m) => [m.address - 0x80000000, m.kind]),
    [[0, 'code'], [0x10, 'data'], [0x20, 'code'], [0x28, 'data']],
  );
});

test('ldr =symbol loads an address; the pool entry holds it', () => {
  const p = ok('_start: ldr x0, =msg\n.data\nmsg: .asciz "hi"');
  const w = words(p);
  assert.equal(w[2] + w[3] * 2 ** 32, sym(p, 'msg')); // after 4 bytes of padding: 8-byte entries are 8-aligned
});

test('adrp + add :lo12: and ldr [x, :lo12:] address a symbol in another section', () => {
  const p = ok(['_start: adrp x0, var', '  add x0, x0, :lo12:var', '  ldr x1, [x0, :lo12:var]', '  adrp x2, far', '.data', '.balign 8', 'var: .quad 7', '.bss', '.skip 0x3000', 'far: .skip 8'].join('\n'));
  const var_ = sym(p, 'var');
  const w = words(p);
  const page = (a: number): number => Math.floor(a / 4096);
  const adrp = (rd: number, from: number, to: number): number => {
    const d = page(to) - page(from);
    return (0x90000000 | ((d & 3) << 29) | (((d >> 2) & 0x7ffff) << 5) | rd) >>> 0;
  };
  assert.equal(w[0], adrp(0, 0x80000000, var_));
  assert.equal(w[1], (0x91000000 | ((var_ & 0xfff) << 10)) >>> 0);
  assert.equal(w[2], (0xf9400000 | (((var_ & 0xfff) >> 3) << 10) | 1) >>> 0);
  assert.equal(w[3], adrp(2, 0x8000000c, sym(p, 'far')));
});

test('symbol table: labels with section, size, type and binding; .L and numeric labels are left out', () => {
  const p = ok(['.global main', '.type main, %function', 'main: nop', '.Lhidden: nop', '1: ret', '.size main, . - main', '.data', 'obj: .word 1', '.type obj, %object', '.size obj, 4'].join('\n'));
  assert.deepEqual(
    p.symbols.map((s) => [s.name, s.address - 0x80000000, s.size, s.type, s.global, s.section]),
    [['main', 0, 12, 'function', true, '.text'], ['obj', 12, 4, 'object', false, '.data']],
  );
});

test('the ELF writer produces an executable the loader reads back: segments, entry, symbols, mapping symbols', () => {
  const p = ok(['.global _start', '_start: ldr x0, =0x1122334455667788', '  b .', '.data', 'val: .word 5', '.bss', '.balign 16', 'buf: .skip 32'].join('\n'));
  const elf = writeElf(p);
  const img = loadElf(elf);
  assert.equal(img.format, 'elf');
  assert.equal(img.entry, 0x80000000);
  const text = p.segments[0];
  assert.deepEqual(
    img.segments.map((s) => [s.addr, s.data.length, s.memSize, s.writable, s.executable]),
    [
      [text.address, text.bytes.length, text.bytes.length, false, true],
      [sym(p, 'val'), 4, 4, true, false],
      [sym(p, 'buf'), 0, 32, true, false],
    ],
  );
  assert.deepEqual(Array.from(img.segments[0].data), Array.from(text.bytes));
  assert.deepEqual(img.symbols.map((s) => [s.name, s.addr, s.binding]).sort(), [['_start', 0x80000000, 'global'], ['buf', sym(p, 'buf'), 'local'], ['val', sym(p, 'val'), 'local']].sort());
  assert.deepEqual(img.mappingSymbols.map((m) => [m.addr, m.kind]), [[0x80000000, 'code'], [0x80000008, 'data'], [sym(p, 'val'), 'data']]);
  assert.deepEqual(img.sections.map((s) => s.name), ['.text', '.data', '.bss']);
});

test('an assembled program runs on the CPU: a loop summing 1..10 through memory, result in x0', () => {
  const p = ok([
    '_start: adr x1, table',
    '  mov x0, #0',
    '  mov x2, #10',
    '1: ldr x3, [x1], #8',
    '  add x0, x0, x3',
    '  subs x2, x2, #1',
    '  b.ne 1b',
    '  hvc #0',
    '  .balign 8',
    'table:',
    '  .irp v, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10',
    '  .quad \\v',
    '  .endr',
  ].join('\n'));
  assert.equal(p.segments[0].address, RAM_BASE);
  const m = bareMachine(new Uint32Array(Uint8Array.from(p.segments[0].bytes).buffer));
  assert.equal(m.run().kind, 'hvc');
  assert.equal(m.cpu.getX(0), 55n);
});
