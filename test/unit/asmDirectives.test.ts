/**
 * Guest assembler directives, one behaviour per test. Expected bytes were checked against
 * aarch64-linux-gnu-as (the same directives are in test/fixtures/asm/corpus/directives.S,
 * compared byte for byte by the differential test).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assemble } from '../../engine/asm';
import type { AssembledProgram } from '../../engine/asm';

const NOP = [0x1f, 0x20, 0x03, 0xd5];

function ok(text: string): AssembledProgram {
  const p = assemble('t.S', text);
  assert.deepEqual(p.diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`), []);
  return p;
}

function bytes(p: AssembledProgram, name = '.text'): number[] {
  const s = p.segments.find((x) => x.name === name);
  assert.ok(s, `no ${name} section`);
  return Array.from(s.bytes);
}

const hex = (b: number[]): string => b.map((x) => x.toString(16).padStart(2, '0')).join('');

test('.byte .hword .short .2byte .word .long .int .4byte .quad .xword .dword .8byte .octa store little-endian', () => {
  const p = ok(['.byte 1, -1', '.hword 0x1122', '.short -2', '.2byte 3', '.word 0x11223344', '.long 5', '.int 6', '.4byte 7', '.quad -2', '.xword 3', '.dword 4', '.8byte 5', '.octa 0x112233445566778899aabbccddeeff00'].join('\n'));
  assert.equal(
    hex(bytes(p)),
    '01ff' + '2211' + 'feff' + '0300' + '44332211' + '05000000' + '06000000' + '07000000' +
      'feffffffffffffff' + '0300000000000000' + '0400000000000000' + '0500000000000000' + '00ffeeddccbbaa998877665544332211',
  );
});

test('data values that do not fit warn and are truncated, as GNU as does', () => {
  const p = assemble('t.S', '.byte 256, -129, -128\n.hword 0x12345');
  assert.deepEqual(bytes(p), [0x00, 0x7f, 0x80, 0x45, 0x23]);
  assert.deepEqual(
    p.diagnostics.map((d) => [d.severity, d.line, d.column, d.endColumn, d.message]),
    [
      ['warning', 1, 7, 10, 'value 0x100 does not fit in 1 byte; truncated to 0x0'],
      ['warning', 2, 8, 15, 'value 0x12345 does not fit in 2 bytes; truncated to 0x2345'],
    ],
  );
  assert.equal(p.ok, true);
});

test('.ascii .asciz .string, .float .single .double, .uleb128 .sleb128', () => {
  assert.equal(hex(bytes(ok('.ascii "ab"\n.asciz "c"\n.string "d", "e"'))), '6162' + '6300' + '6400' + '6500');
  assert.equal(hex(bytes(ok('.float 1.5, -2\n.single 3\n.double 0.1'))), '0000c03f' + '000000c0' + '00004040' + '9a9999999999b93f');
  assert.equal(hex(bytes(ok('.uleb128 300, 1, 0\n.sleb128 -2, 64, -65'))), 'ac02' + '01' + '00' + '7e' + 'c000' + 'bf7f');
});

test('.skip .space .zero .fill, and .org forward with a fill byte', () => {
  assert.equal(hex(bytes(ok('.skip 3, 5\n.space 2\n.zero 2\n.fill 3, 2, 0x1234\n.fill 2, 3, 0x11223344\n.fill 1, 8, -1'))),
    '050505' + '0000' + '0000' + '341234123412' + '443322443322' + 'ffffffff00000000');
  assert.equal(hex(bytes(ok('.byte 1\n.org 4, 0xee\n.byte 2\n.org . + 2'))), '01eeeeee' + '02' + '0000');
});

test('.align/.p2align take a power of two, .balign bytes; code pads with zeros then NOPs, data with the fill value', () => {
  assert.deepEqual(bytes(ok('nop\n.byte 1\n.align 4\n.byte 2')), [...NOP, 1, 0, 0, 0, ...NOP, ...NOP, 2]);
  assert.deepEqual(bytes(ok('.byte 2\n.balign 8, 0xff\n.byte 3')), [2, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 3]);
  assert.deepEqual(bytes(ok('.data\n.byte 1\n.p2align 2\n.byte 2'), '.data'), [1, 0, 0, 0, 2]);
});

test('.p2align with a maximum skip does nothing when more padding would be needed', () => {
  assert.deepEqual(bytes(ok('.byte 1\n.p2align 4,,4\n.byte 2\n.p2align 2,,3\n.byte 3')), [1, 2, 0, 0, 3]);
});

test('.balignw/.balignl fill with 2- and 4-byte patterns', () => {
  assert.equal(hex(bytes(ok('.hword 1\n.balignw 8, 0x1234\n.byte 2\n.balign 4\n.balignl 16, 0xaabbccdd'))), '0100' + '341234123412' + '02000000' + 'ddccbbaa');
});

test('a section takes the largest alignment asked in it, and starts aligned', () => {
  const p = ok('nop\n.data\n.byte 1\n.balign 16\n.byte 2');
  const data = p.segments.find((s) => s.name === '.data')!;
  assert.equal(data.align, 16);
  assert.equal(data.address, 0x80000010);
});

test('sections: .text first, then other sections, .data, then .bss; .section flags and type; .pushsection/.popsection/.previous', () => {
  const p = ok([
    '.bss', '.skip 8', '.data', '.byte 1', '.text', 'nop',
    '.section .rodata', '.byte 2', '.section .mine, "ax", %progbits', 'nop',
    '.pushsection .data', '.byte 3', '.popsection', '.byte 4', '.previous', '.byte 5',
    '.section .notloaded', '.byte 9',
  ].join('\n'));
  assert.deepEqual(p.segments.map((s) => [s.name, s.address.toString(16)]), [
    ['.text', '80000000'], ['.rodata', '80000004'], ['.mine', '80000008'], ['.data', '8000000d'], ['.bss', '8000000f'],
  ]);
  assert.deepEqual(bytes(p, '.mine'), [...NOP, 4]);
  assert.deepEqual(bytes(p, '.data'), [1, 3]);
  assert.deepEqual(bytes(p, '.rodata'), [2, 5]);
  const mine = p.segments.find((s) => s.name === '.mine')!;
  assert.deepEqual(mine.flags, { alloc: true, write: false, exec: true, nobits: false });
  assert.deepEqual(p.segments.find((s) => s.name === '.bss')!.flags, { alloc: true, write: true, exec: false, nobits: true });
});

test('.bss holds only zeros: reserved space is zero-filled in the image', () => {
  const p = ok('.bss\nbuf: .skip 16\n.zero 4\n.balign 8\nend:');
  assert.deepEqual(bytes(p, '.bss'), new Array(24).fill(0));
  const bad = assemble('t.S', '.bss\n.byte 1');
  assert.deepEqual(bad.diagnostics.map((d) => d.message), ['non-zero data in .bss (a section without contents)']);
});

test('.global/.globl/.weak/.local, .type and .size set symbol attributes (also before the definition)', () => {
  const p = ok(['.globl f', '.type f, %function', 'f: nop', 'nop', '.size f, . - f', '.global g', '.weak h', 'g: h: .word 1', '.type g, @object', '.size g, 4', 'l: .local l'].join('\n'));
  const sym = Object.fromEntries(p.symbols.map((s) => [s.name, s]));
  assert.deepEqual([sym.f.global, sym.f.type, sym.f.size], [true, 'function', 8]);
  assert.deepEqual([sym.g.global, sym.g.type, sym.g.size], [true, 'object', 4]);
  assert.equal(sym.h.global, true);
  assert.equal(sym.l.global, false);
});

test('.equ/.set/= constants appear as absolute symbols; .equiv refuses a redefinition', () => {
  const p = ok('.equ UART, 0x09000000\nN = 4\n.set M, N * 2');
  const sym = Object.fromEntries(p.symbols.map((s) => [s.name, s]));
  assert.deepEqual([sym.UART.address, sym.UART.section], [0x09000000, null]);
  assert.equal(sym.M.address, 8);
  const bad = assemble('t.S', '.equiv E, 1\n.equiv E, 2');
  assert.deepEqual(bad.diagnostics.map((d) => [d.line, d.column, d.message]), [[2, 8, "symbol 'E' is already defined (at t.S:1)"]]);
});

test('.inst emits a 32-bit instruction word; .end stops assembly', () => {
  const p = ok('.inst 0xd503201f, 0xd65f03c0\n.end\nthis is not assembled');
  assert.deepEqual(bytes(p), [...NOP, 0xc0, 0x03, 0x5f, 0xd6]);
  assert.equal(p.sourceMap.at(0x80000004)?.kind, 'instruction');
});

test('.error and .warning report at the directive; .err reports without text', () => {
  const p = assemble('t.S', '  .warning "check this"\n  .error "stop here"\n  .err');
  assert.deepEqual(p.diagnostics.map((d) => [d.severity, d.line, d.column, d.message]), [
    ['warning', 1, 3, 'check this'],
    ['error', 2, 3, 'stop here'],
    ['error', 3, 3, "'.err' directive reached"],
  ]);
});

test('.arch, .cpu, .file, .ident, .cfi_* and friends are accepted and change nothing', () => {
  const p = ok(['.arch armv8.2-a+crc', '.arch_extension lse', '.cpu cortex-a53', '.file "x.c"', '.ident "GCC"', '.cfi_startproc', 'nop', '.cfi_def_cfa_offset 16', '.cfi_endproc', '.loc 1 2 3', '.hidden f', '.variant_pcs f'].join('\n'));
  assert.deepEqual(bytes(p), NOP);
});
