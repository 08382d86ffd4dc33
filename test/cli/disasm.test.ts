/**
 * `pkvm-debug disasm` end to end: its output for ELF executables (built by GNU as/ld and by
 * the guest assembler) and flat binaries equals `aarch64-linux-gnu-objdump -d` (resp.
 * `-D -b binary -m aarch64`) after dropping objdump's trailing `// …` comments and trailing
 * blanks; bad input is reported with the file name and exit status 2.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCliBundle, pkvmDebug } from '../helpers/cliBundle';

const dir = mkdtempSync(join(tmpdir(), 'pkvm-disasm-'));
const file = (name: string, content: string | Uint8Array): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

const binutilsMissing = ((): string | null => {
  for (const tool of ['aarch64-linux-gnu-as', 'aarch64-linux-gnu-ld', 'aarch64-linux-gnu-objdump']) {
    if (spawnSync(tool, ['--version']).status !== 0) return `${tool} not installed (Debian: binutils-aarch64-linux-gnu)`;
  }
  return null;
})();

/** A guest with labels, calls, a literal pool, data in .text, zero padding and data in .data. */
const GUEST = `
    .global _start
    .text
_start:
    mov     x0, #0
    adr     x1, msg
    adrp    x2, msg
    ldr     x3, =0x123456789
    bl      mem_share
loop:
    subs    x0, x0, #1
    b.ne    loop
    cbz     x0, 1f
    tbnz    w3, #5, loop
1:  ldp     x29, x30, [sp], #16
    ret
    .word   0x11223344
    .hword  0x5566
    .balign 16
    .type   mem_share, %function
mem_share:
    stp     x29, x30, [sp, #-16]!
    mrs     x4, mpidr_el1
    dsb     ish
    tlbi    vmalle1
    hvc     #0
    cset    w5, ne
    ubfx    x6, x7, #4, #8
    fmov    d0, #1.0
    movi    v1.2d, #0xff00ff00ff00ff00
    ld1     {v2.16b-v4.16b}, [x0], #48
    .inst   0, 0, 0
    ret
    .ltorg
    .data
msg: .asciz "hello"
`;

/** objdump's text with the normalisation the disassembler's tests document. */
function objdump(args: string[]): string {
  const r = spawnSync('aarch64-linux-gnu-objdump', args, { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout
    .split('\n')
    .map((l) => l.replace(/\s*\/\/.*$/, '').replace(/[ \t]+$/, ''))
    .join('\n');
}

function gnuElf(name: string, source: string): string {
  const src = file(`${name}.S`, source);
  const obj = join(dir, `${name}.o`);
  const elf = join(dir, `${name}.elf`);
  const as = spawnSync('aarch64-linux-gnu-as', ['-o', obj, src], { encoding: 'utf8' });
  assert.equal(as.status, 0, as.stderr);
  const ld = spawnSync('aarch64-linux-gnu-ld', ['-Ttext=0x80000000', '-o', elf, obj], { encoding: 'utf8' });
  assert.equal(ld.status, 0, ld.stderr);
  return elf;
}

before(() => ensureCliBundle());

test('disasm of a GNU-built ELF prints what objdump -d prints', { skip: binutilsMissing ?? false }, () => {
  const elf = gnuElf('guest', GUEST);
  const r = pkvmDebug(['disasm', elf]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.equal(r.stdout, objdump(['-d', elf]));
  // The features the issue names, as they appear in the output.
  assert.match(r.stdout, /\tbl\t80000040 <mem_share>\n/);
  assert.match(r.stdout, /\tb\.ne\t80000014 <loop>\n/);
  assert.match(r.stdout, /\tldr\tx3, 800000[0-9a-f]{2} <mem_share\+0x[0-9a-f]+>\n/);
  assert.match(r.stdout, /\t\.word\t0x11223344\n/);
  assert.match(r.stdout, /\n\t\.\.\.\n/);
});

test('disasm of an ELF written by the guest assembler uses its $x/$d mapping symbols', { skip: binutilsMissing ?? false }, () => {
  const src = file('own.S', GUEST);
  const elf = join(dir, 'own.elf');
  const asm = pkvmDebug(['asm', src, '-o', elf]);
  assert.equal(asm.status, 0, asm.stderr);
  const r = pkvmDebug(['disasm', elf]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, objdump(['-d', elf]));
  assert.match(r.stdout, /\t11223344 \t\.word\t0x11223344\n/);
});

test('disasm of a flat binary: at 0x80000000 by default, or at --base, like objdump -b binary', { skip: binutilsMissing ?? false }, () => {
  const words = [0xd2800540, 0x94000002, 0x17ffffff, 0xd65f03c0, 0xffffffff, 0xdac10020];
  const bin = file('flat.bin', new Uint8Array(Uint32Array.from(words).buffer));
  const r = pkvmDebug(['disasm', bin]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, objdump(['-D', '-b', 'binary', '-m', 'aarch64', '--adjust-vma=0x80000000', bin]).replace('\tpacia\tx0, x1', '\t.inst\t0xdac10020 ; undefined'));
  assert.match(r.stdout, /    80000004:\t94000002 \tbl\t0x8000000c\n/);
  assert.match(r.stdout, /\t\.inst\t0xffffffff ; undefined\n/);

  const at = pkvmDebug(['disasm', bin, '--base', '0x4000']);
  assert.equal(at.status, 0, at.stderr);
  assert.match(at.stdout, /^    4004:\t94000002 \tbl\t0x400c$/m);
});

test('disasm reports unusable input with the file name and exit status 2', () => {
  const missing = pkvmDebug(['disasm', join(dir, 'nope.elf')]);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /nope\.elf: cannot read: no such file/);

  const source = pkvmDebug(['disasm', file('prog.S', 'nop\n')]);
  assert.equal(source.status, 2);
  assert.match(source.stderr, /prog\.S: disasm reads ELF executables and flat binaries; for an assembly source use 'pkvm-debug asm .*prog\.S --listing'/);

  const broken = file('broken.elf', Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]));
  const bad = pkvmDebug(['disasm', broken]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /broken\.elf: /);

  const noArgs = pkvmDebug(['disasm']);
  assert.equal(noArgs.status, 2);
  assert.match(noArgs.stderr, /disasm takes one FILE/);

  const badBase = pkvmDebug(['disasm', file('x.bin', new Uint8Array(4)), '--base', 'zero']);
  assert.equal(badBase.status, 2);
  assert.match(badBase.stderr, /--base needs an integer/);
});

test('disasm --help describes the command; the dispatcher lists it', () => {
  const help = pkvmDebug(['disasm', '--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /usage: pkvm-debug disasm FILE \[--base ADDR\]/);
  assert.match(pkvmDebug(['--help']).stdout, /\n  disasm +disassemble an ELF or flat binary like objdump -d\n/);
});
