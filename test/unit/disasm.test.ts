/**
 * The disassembler's behaviour a debugger relies on: objdump's preferred aliases, symbolic
 * branch/ADR/literal targets, `.inst` for words the CPU does not decode, the result fields,
 * and whole sections in objdump -d layout (labels, literal data, skipped zeros).
 * Every expected text here is what aarch64-linux-gnu-objdump 2.40 prints (comments dropped).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { disassemble } from '../../engine/disasm';
import { sectionText } from '../../engine/disasm/sectionText';
import { createSymbolizer } from '../../engine/disasm/symbols';

const BASE = 0x80000000;
const text = (word: number, address = BASE): string => disassemble(word, address).text;

test('aliases: objdump picks the preferred form exactly when the fields allow it', () => {
  const cases: Array<[number, string]> = [
    [0xaa0103e0, 'mov\tx0, x1'],
    [0x9100003f, 'mov\tsp, x1'],
    [0xd2800200, 'mov\tx0, #0x10'],
    [0x92800000, 'mov\tx0, #0xffffffffffffffff'],
    [0x12bfffe0, 'movn\tw0, #0xffff, lsl #16'], // MOVZ could build it: no MOV alias
    [0xb2400fe0, 'orr\tx0, xzr, #0xf'], // likewise for ORR with a MOVZ-able immediate
    [0xf100403f, 'cmp\tx1, #0x10'],
    [0x3100045f, 'cmn\tw2, #0x1'],
    [0xf2401c1f, 'tst\tx0, #0xff'],
    [0xcb0103e0, 'neg\tx0, x1'],
    [0x2a2103e0, 'mvn\tw0, w1'],
    [0xcb2163ff, 'sub\tsp, sp, x1'], // UXTX with SP prints as LSL, omitted at #0
    [0xd37df020, 'lsl\tx0, x1, #3'],
    [0x53047c20, 'lsr\tw0, w1, #4'],
    [0x937ffc20, 'asr\tx0, x1, #63'],
    [0x93c12020, 'ror\tx0, x1, #8'],
    [0xd3442c20, 'ubfx\tx0, x1, #4, #8'],
    [0x13021020, 'sbfx\tw0, w1, #2, #3'],
    [0xb3780c20, 'bfi\tx0, x1, #8, #4'],
    [0x33010820, 'bfxil\tw0, w1, #1, #2'],
    [0xd37c1c20, 'ubfiz\tx0, x1, #4, #8'],
    [0x937c1c20, 'sbfiz\tx0, x1, #4, #8'],
    [0x53001c20, 'uxtb\tw0, w1'],
    [0x93407c20, 'sxtw\tx0, w1'],
    [0x1a9f17e0, 'cset\tw0, eq'],
    [0xda9fa3e0, 'csetm\tx0, lt'],
    [0x9a810420, 'cinc\tx0, x1, ne'],
    [0xda811020, 'cinv\tx0, x1, eq'],
    [0x5a815420, 'cneg\tw0, w1, mi'],
    [0x9b027c20, 'mul\tx0, x1, x2'],
    [0x1b02fc20, 'mneg\tw0, w1, w2'],
    [0x9b227c20, 'smull\tx0, w1, w2'],
    [0x9ba27c20, 'umull\tx0, w1, w2'],
    [0xb820003f, 'stadd\tw0, [x1]'],
    [0xf8e20020, 'ldaddal\tx2, x0, [x1]'],
    [0x4ea11c20, 'mov\tv0.16b, v1.16b'],
    [0x0e0c3c20, 'mov\tw0, v1.s[1]'],
    [0x0f08a420, 'sxtl\tv0.8h, v1.8b'],
    [0x2f10a420, 'uxtl\tv0.4s, v1.4h'],
    [0xd503201f, 'nop'],
    [0xd65f03c0, 'ret'],
  ];
  for (const [word, expected] of cases) assert.equal(text(word), expected, `0x${word.toString(16)}`);
});

test('system instructions: register names, generic encodings, barriers and SYS aliases', () => {
  const cases: Array<[number, string]> = [
    [0xd53800a0, 'mrs\tx0, mpidr_el1'],
    [0xd538f201, 'mrs\tx1, s3_0_c15_c2_0'],
    [0xd5184005, 'msr\tspsr_el1, x5'],
    [0xd50342df, 'msr\tdaifset, #0x2'],
    [0xd5033bbf, 'dmb\tish'],
    [0xd5033f9f, 'dsb\tsy'],
    [0xd50338bf, 'dmb\t#0x08'],
    [0xd5033fdf, 'isb'],
    [0xd50b7e20, 'dc\tcivac, x0'],
    [0xd508871f, 'tlbi\tvmalle1'],
    [0xd508751f, 'ic\tiallu'],
    [0xd5087800, 'at\ts1e1r, x0'],
    [0xd5086738, 'sys\t#0, C6, C7, #1, x24'],
  ];
  for (const [word, expected] of cases) assert.equal(text(word), expected, `0x${word.toString(16)}`);
});

test('operands: addressing forms, extends, vectors and FP immediates', () => {
  const cases: Array<[number, string]> = [
    [0xf9400420, 'ldr\tx0, [x1, #8]'],
    [0xa9bf7bfd, 'stp\tx29, x30, [sp, #-16]!'],
    [0xa8c17bfd, 'ldp\tx29, x30, [sp], #16'],
    [0xb8627820, 'ldr\tw0, [x1, x2, lsl #2]'],
    [0xfa40a824, 'ccmp\tx1, #0x0, #0x4, ge'],
    [0x6f07e7e0, 'movi\tv0.2d, #0xffffffffffffffff'],
    [0x1e6e1000, 'fmov\td0, #1.000000000000000000e+00'],
    [0x4c40a000, 'ld1\t{v0.16b, v1.16b}, [x0]'],
  ];
  for (const [word, expected] of cases) assert.equal(text(word), expected, `0x${word.toString(16)}`);
});

test('branch targets: bare address without symbols, objdump style <symbol+0xoff> with them', () => {
  const bl = 0x94000048; // bl +0x120
  assert.equal(text(bl), 'bl\t0x80000120');
  const names = new Map([[0x80000120, 'mem_share']]);
  const d = disassemble(bl, BASE, { symbolizer: (a) => names.get(a) });
  assert.equal(d.text, 'bl\t80000120 <mem_share>');
  assert.equal(d.mnemonic, 'bl');
  assert.equal(d.operands, '80000120 <mem_share>');
  assert.equal(d.target, 0x80000120);
  assert.equal(d.invalid, false);
  assert.equal(d.encoding, 'BL');

  const symbolizer = createSymbolizer([{ name: 'loop', addr: 0x80000000, type: 'notype', binding: 'local' }]);
  const bne = 0x54ffffc1; // b.ne -8
  assert.equal(disassemble(bne, 0x80000010, { symbolizer }).text, 'b.ne\t80000008 <loop+0x8>');
  assert.equal(disassemble(0x36180041, 0x80000004, { symbolizer }).text, 'tbz\tw1, #3, 8000000c <loop+0xc>');
  // The same word elsewhere branches elsewhere (PC-relative results are never cached by word).
  assert.equal(disassemble(bne, 0x80000020, { symbolizer }).target, 0x80000018);
  // Below every symbol: just the address.
  assert.equal(disassemble(0x17fffffe, 0x80000000, { symbolizer }).text, 'b\t0x7ffffff8');
});

test('ADR, ADRP and literal loads show their target address', () => {
  const symbolizer = createSymbolizer([{ name: 'msg', addr: 0x80002000, type: 'object', binding: 'global' }]);
  assert.equal(disassemble(0x90000000 | (1 << 29), 0x80001234, { symbolizer }).text, 'adrp\tx0, 80002000 <msg>');
  assert.equal(disassemble(0x58000801, BASE).text, 'ldr\tx1, 0x80000100');
  const adr = disassemble(0x10000041, 0x80001ffc, { symbolizer });
  assert.equal(adr.text, 'adr\tx1, 80002004 <msg+0x4>');
  assert.equal(adr.target, 0x80002004);
  // A target that wraps below zero is printed modulo 2^64 and has no numeric target.
  const wrapped = disassemble(0x97ffffff, 0);
  assert.equal(wrapped.text, 'bl\t0xfffffffffffffffc');
  assert.equal(wrapped.target, undefined);
});

test('words the CPU does not decode print as .inst and are flagged invalid', () => {
  const d = disassemble(0xffffffff, BASE);
  assert.deepEqual(d, { text: '.inst\t0xffffffff ; undefined', mnemonic: '.inst', operands: '0xffffffff', invalid: true });
  // PACIA is a real A64 instruction (objdump names it) that this CPU does not implement.
  assert.equal(text(0xdac10020), '.inst\t0xdac10020 ; undefined');
  assert.equal(disassemble(0xdac10020, BASE).invalid, true);
  // The permanently undefined space reads as objdump's UDF.
  assert.deepEqual(disassemble(0x0000002a, BASE), { text: 'udf\t#42', mnemonic: 'udf', operands: '#42', invalid: true });
  assert.throws(() => disassemble(0xd503201f, -4), /address -4/);
});

test('symbolizer: objdump prefers functions, then objects, then globals, at one address', () => {
  const s = createSymbolizer([
    { name: 'local_label', addr: 0x1000, type: 'notype', binding: 'local' },
    { name: 'entry', addr: 0x1000, type: 'func', binding: 'local' },
    { name: 'data', addr: 0x2000, type: 'notype', binding: 'local' },
    { name: 'table', addr: 0x2000, type: 'notype', binding: 'global' },
  ]);
  assert.equal(s(0x1000), 'entry');
  assert.equal(s(0x1010), 'entry+0x10');
  assert.equal(s(0x2004), 'table+0x4');
  assert.equal(s(0xfff), undefined);
});

test('sectionText: objdump -d layout with labels, literal data, and skipped zeros', () => {
  const words = [0xd2800000, 0x94000002, 0xd65f03c0, 0x11223344, 0, 0, 0, 0x91000400, 0xd65f03c0, 0];
  const bytes = new Uint8Array(Uint32Array.from(words).buffer);
  const lines = sectionText(
    { name: '.text', address: BASE, bytes },
    {
      symbols: [
        { name: '_start', addr: BASE, type: 'notype', binding: 'global' },
        { name: 'func', addr: BASE + 0x1c, type: 'func', binding: 'local' },
      ],
      mappingSymbols: [
        { addr: BASE, kind: 'code' },
        { addr: BASE + 0xc, kind: 'data' },
        { addr: BASE + 0x1c, kind: 'code' },
      ],
    },
  );
  assert.deepEqual(lines, [
    '',
    'Disassembly of section .text:',
    '',
    '0000000080000000 <_start>:',
    '    80000000:\td2800000 \tmov\tx0, #0x0',
    '    80000004:\t94000002 \tbl\t8000000c <_start+0xc>',
    '    80000008:\td65f03c0 \tret',
    '    8000000c:\t11223344 \t.word\t0x11223344',
    '\t...',
    '',
    '000000008000001c <func>:',
    '    8000001c:\t91000400 \tadd\tx0, x0, #0x1',
    '    80000020:\td65f03c0 \tret',
    '    80000024:\t00000000 \tudf\t#0',
  ]);
});

test('sectionText: data chunks stop at symbols; a section without a symbol at its start gets its own name', () => {
  const bytes = Uint8Array.from([0x07, 0x34, 0x12, 0x09, 0xef, 0xbe, 0xad, 0xde, 1, 2, 3]);
  const lines = sectionText(
    { name: '.rodata', address: 0x4000, bytes },
    {
      symbols: [
        { name: 'b', addr: 0x4001, binding: 'local' },
        { name: 'c', addr: 0x4003, binding: 'local' },
      ],
      mappingSymbols: [{ addr: 0x4000, kind: 'data' }],
    },
  );
  assert.deepEqual(lines, [
    '',
    'Disassembly of section .rodata:',
    '',
    '0000000000004000 <.rodata>:',
    '    4000:\t07          \t.byte\t0x07',
    '',
    '0000000000004001 <b>:',
    '    4001:\t1234      \t.short\t0x1234',
    '',
    '0000000000004003 <c>:',
    '    4003:\t09          \t.byte\t0x09',
    '    4004:\tdeadbeef \t.word\t0xdeadbeef',
    '    4008:\t0201      \t.short\t0x0201',
    '    400a:\t03          \t.byte\t0x03',
  ]);
});
