import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assemble } from '../../engine/asm';
import { LoadError, imageFromAssembly } from '../../engine/loader';

const SOURCE = `
    .text
    .global _start
    .type _start, %function
_start:
    nop
    hvc #0
    .size _start, . - _start
    .data
    .global table
    .type table, %object
table:
    .word 1, 2, 3
    .size table, 12
    .bss
scratch:
    .space 64
`;

test('an assembled program becomes a LoadedImage with its sections, entry and symbols', () => {
  const program = assemble('prog.S', SOURCE);
  assert.ok(program.ok, JSON.stringify(program.diagnostics));
  const img = imageFromAssembly(program);
  assert.equal(img.format, 'assembly');
  assert.equal(img.entry, 0x80000000);
  const text = img.segments.find((s) => s.origin === 'section .text')!;
  assert.equal(text.addr, 0x80000000);
  assert.deepEqual(Array.from(new Uint32Array(text.data.slice().buffer)), [0xd503201f, 0xd4000002]);
  assert.ok(text.executable && !text.writable);
  const bss = img.segments.find((s) => s.origin === 'section .bss')!;
  assert.equal(bss.data.length, 0);
  assert.equal(bss.memSize, 64);
  const start = img.symbols.find((s) => s.name === '_start')!;
  assert.deepEqual([start.addr, start.size, start.type, start.binding, start.section], [0x80000000, 8, 'func', 'global', '.text']);
  const table = img.symbols.find((s) => s.name === 'table')!;
  assert.deepEqual([table.size, table.type, table.section], [12, 'object', '.data']);
  assert.equal(img.symbols.find((s) => s.name === 'scratch')!.binding, 'local');
});

test('an assembled program that does not fit in RAM is rejected like any other program', () => {
  const program = assemble('big.S', '_start: nop\n.space 0x5000000\n');
  assert.ok(program.ok);
  assert.throws(
    () => imageFromAssembly(program),
    (e: unknown) => e instanceof LoadError && /section \.text 0x80000000-0x85000003 is outside guest RAM/.test(e.message),
  );
});
