/**
 * `pkvm-debug asm` end to end: ELF and flat-binary output (checked byte for byte against
 * GNU as/ld/objcopy where installed, and by running the result), the listing, includes,
 * and diagnostics as `file:line:column: message` with exit status 1.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isElf, loadElf } from '../../engine/loader';
import { ensureCliBundle, pkvmDebug } from '../helpers/cliBundle';

const dir = mkdtempSync(join(tmpdir(), 'pkvm-asm-'));
const file = (name: string, content: string): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

const binutilsMissing = ((): string | null => {
  for (const tool of ['aarch64-linux-gnu-as', 'aarch64-linux-gnu-ld', 'aarch64-linux-gnu-objcopy']) {
    if (spawnSync(tool, ['--version']).status !== 0) return `${tool} not installed (Debian: binutils-aarch64-linux-gnu)`;
  }
  return null;
})();

/** Prints "hi" on the bare machine's PL011 and powers off through PSCI. */
const HELLO = `
    .global _start
    .text
_start:
    movz    x1, #0x0900, lsl #16    // PL011 data register
    adr     x2, msg
1:  ldrb    w0, [x2], #1
    cbz     w0, 2f
    strb    w0, [x1]
    b       1b
2:  ldr     x0, =0x84000008         // PSCI SYSTEM_OFF
    hvc     #0
    .ltorg
    .data
msg: .asciz "hi\\n"
`;

before(() => ensureCliBundle());

test('asm -o X.elf writes an ELF the loader, objdump and the run command accept', () => {
  const src = file('hello.S', HELLO);
  const elf = join(dir, 'hello.elf');
  const r = pkvmDebug(['asm', src, '-o', elf]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.equal(r.stdout, '');
  const bytes = new Uint8Array(readFileSync(elf));
  assert.ok(isElf(bytes));
  const image = loadElf(bytes);
  assert.equal(image.entry, 0x80000000);
  assert.ok(image.symbols.some((s) => s.name === '_start' && s.addr === 0x80000000));
  assert.ok(image.mappingSymbols.some((m) => m.kind === 'data'), 'the literal pool is marked as data');

  const run = pkvmDebug(['run', elf]);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, 'hi\n');
});

test('asm -o X.bin writes the same bytes as GNU as, ld and objcopy -O binary', { skip: binutilsMissing ?? false }, () => {
  const src = file('flat.S', HELLO);
  const bin = join(dir, 'flat.bin');
  const r = pkvmDebug(['asm', src, '--output', bin]);
  assert.equal(r.status, 0, r.stderr);

  const obj = join(dir, 'flat.o');
  const elf = join(dir, 'flat-gnu.elf');
  const gnuBin = join(dir, 'flat-gnu.bin');
  for (const [tool, args] of [
    ['aarch64-linux-gnu-as', ['-o', obj, src]],
    ['aarch64-linux-gnu-ld', ['-Ttext=0x80000000', '-Tdata=0x80000028', '-o', elf, obj]],
    ['aarch64-linux-gnu-objcopy', ['-O', 'binary', elf, gnuBin]],
  ] as const) {
    const g = spawnSync(tool, args, { encoding: 'utf8' });
    assert.equal(g.status, 0, `${tool}: ${g.stderr}`);
  }
  const ours = new Uint8Array(readFileSync(bin));
  const theirs = new Uint8Array(readFileSync(gnuBin));
  // The guest assembler places .data right after .text (aligned); GNU ld was told the same address.
  assert.deepEqual(ours, theirs);

  const run = pkvmDebug(['run', bin]);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, 'hi\n');
});

test('asm --listing prints address, bytes, file:line and source text under sections and labels', () => {
  const src = file('list.S', HELLO);
  const r = pkvmDebug(['asm', src, '--listing']);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.split('\n');
  assert.equal(lines[0], '.text (40 bytes at 0x80000000):');
  assert.equal(lines[1], '80000000 <_start>:');
  assert.equal(lines[2], `80000000  d2a12001           ${src}:5  movz    x1, #0x0900, lsl #16    // PL011 data register`);
  assert.ok(lines.includes(`80000020  08000084 00000000  ${src}:11  2:  ldr     x0, =0x84000008         // PSCI SYSTEM_OFF`), r.stdout);
  const data = lines.indexOf('.data (4 bytes at 0x80000028):');
  assert.ok(data > 0, r.stdout);
  assert.equal(lines[data + 1], '80000028 <msg>:');
  assert.equal(lines[data + 2], `80000028  68690a00           ${src}:15  msg: .asciz "hi\\n"`);
});

test('asm resolves .include relative to the including file and lists the included lines', () => {
  mkdirSync(join(dir, 'inc'), { recursive: true });
  file('inc/defs.S', '.macro off\n    hvc #0\n.endm\n.equ GREETING, 0x2a\n');
  const src = file('main.S', '.include "inc/defs.S"\n_start:\n    mov x0, #GREETING\n    off\n');
  const r = pkvmDebug(['asm', src, '--listing']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^80000000  d2800540 {11}.*main\.S:3  mov x0, #GREETING$/m);
  assert.match(r.stdout, /^80000004  d4000002 {11}.*main\.S:4  off$/m);
});

test('asm without -o or --listing checks the source and summarises the result', () => {
  const src = file('summary.S', HELLO);
  const r = pkvmDebug(['asm', src]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, `${src}: .text 40 bytes at 0x80000000, .data 4 bytes at 0x80000028; entry 0x80000000\n`);
  const based = pkvmDebug(['asm', src, '--base', '0x40080000']);
  assert.equal(based.status, 0, based.stderr);
  assert.equal(based.stdout, `${src}: .text 40 bytes at 0x40080000, .data 4 bytes at 0x40080028; entry 0x40080000\n`);
});

test('asm prints every diagnostic as file:line:column: message and exits 1 on errors', () => {
  const src = file('bad.S', '_start:\n    add x0, x1\n    bogus x1\n    b nowhere\n');
  const out = join(dir, 'bad.bin');
  const r = pkvmDebug(['asm', src, '-o', out]);
  assert.equal(r.status, 1);
  assert.equal(r.stdout, '');
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 3, r.stderr);
  assert.ok(lines[0].startsWith(`${src}:2:9: 'add' takes 3 or 4 operands`), lines[0]);
  assert.match(lines[1], /bad\.S:3:5: unknown mnemonic 'bogus'/);
  assert.match(lines[2], /bad\.S:4:7: undefined symbol 'nowhere'/);
  assert.equal(existsSync(out), false, 'no output file for a source with errors');

  const warn = file('warn.S', '_start:\n    msr midr_el1, x0\n');
  const w = pkvmDebug(['asm', warn]);
  assert.equal(w.status, 0, w.stderr);
  assert.match(w.stderr, /warn\.S:2:\d+: warning: /);
});

test('asm reports usage problems with exit status 2', () => {
  const missing = pkvmDebug(['asm', join(dir, 'absent.S')]);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /absent\.S: cannot read: no such file/);
  assert.equal(pkvmDebug(['asm']).status, 2);
  const unknown = pkvmDebug(['asm', file('u.S', 'nop\n'), '--bogus']);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /unknown option --bogus for asm/);
  const help = pkvmDebug(['asm', '--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /usage: pkvm-debug asm FILE\.S \[-o OUT\] \[--listing\] \[--base ADDR\]/);
});
