import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../cli/main';
import { CliIo } from '../../cli/io';
import { SYSTEM_OFF_X0, UART_X1, b, hvc, movzW, movzX, strW, strb, wordBytes } from '../helpers/a64Words';
import { ensureCliBundle, pkvmDebug } from '../helpers/cliBundle';
import { writeElf } from '../helpers/elfWriter';

const dir = mkdtempSync(join(tmpdir(), 'pkvm-cli-'));
const file = (name: string, bytes: Uint8Array): string => {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
};
const print = (text: string): number[] => [...text].flatMap((c) => [movzW(0, c.charCodeAt(0)), strb(0, 1)]);

const HELLO = [UART_X1, ...print('hi\n'), ...SYSTEM_OFF_X0, hvc(0)];
const helloBin = file('hello.bin', wordBytes(HELLO));
const helloElf = file('hello.elf', writeElf({ entry: 0x80001000, segments: [{ addr: 0x80001000, data: wordBytes(HELLO) }] }).bytes);
const spinBin = file('spin.bin', wordBytes([b(0)]));
const faultBin = file('fault.bin', wordBytes([movzX(1, 0x1000), strW(0, 1)]));
const x86Elf = file('x86.elf', writeElf({ entry: 0x80000000, segments: [{ addr: 0x80000000, data: wordBytes(HELLO) }], machine: 62 }).bytes);
const asmSource = file('idle.S', new TextEncoder().encode('.global _start\n_start:\n    hvc #0\n    wfi\n'));
const badAsm = file('bad.S', new TextEncoder().encode('_start:\n    hvc #0\n    bogus x1\n    b nowhere\n'));

before(() => ensureCliBundle());

interface Report {
  stop: { reason: string; detail: string; vcpu?: number };
  instructions: number;
  vcpus: Array<{ id: number; state: string; pc: string; sp: string; nzcv: string; x: string[] }>;
  console: string;
}

/** These tests pin the CLI's mechanics on the bare board (--bare); run.pkvm.test.ts covers the default pKVM machine. */
function runJson(args: string[]): { status: number | null; report: Report } {
  const r = pkvmDebug(['run', '--bare', ...args, '--json']);
  assert.equal(r.stderr, '');
  return { status: r.status, report: JSON.parse(r.stdout) as Report };
}

const HEX64 = /^0x[0-9a-f]{16}$/;

test('run --json on a flat binary: system-off, exit 0, console text and final registers', () => {
  const { status, report } = runJson([helloBin]);
  assert.equal(status, 0);
  assert.equal(report.stop.reason, 'system-off');
  assert.match(report.stop.detail, /PSCI SYSTEM_OFF from vCPU 0 at 0x80000024/);
  assert.equal(report.instructions, 10);
  assert.equal(report.console, 'hi\n');
  assert.equal(report.vcpus.length, 1);
  const v = report.vcpus[0];
  assert.equal(v.id, 0);
  assert.equal(v.state, 'on');
  assert.equal(v.pc, '0x0000000080000028');
  assert.equal(v.sp, '0x0000000084000000');
  assert.equal(v.nzcv, '0x00000000');
  assert.equal(v.x.length, 31);
  assert.ok(v.x.every((x) => HEX64.test(x)));
  assert.equal(v.x[0], '0x0000000084000008');
  assert.equal(v.x[1], '0x0000000009000000');
});

test('run --json on an ELF executable starts at its entry point', () => {
  const { status, report } = runJson([helloElf]);
  assert.equal(status, 0);
  assert.equal(report.console, 'hi\n');
  assert.equal(report.vcpus[0].pc, '0x0000000080001028');
});

test('--max-steps stops a spinning guest (exit 0); --vcpus adds powered-off vCPUs', () => {
  const { status, report } = runJson([spinBin, '--max-steps', '5_000', '--vcpus=3']);
  assert.equal(status, 0);
  assert.equal(report.stop.reason, 'max-steps');
  assert.equal(report.instructions, 5000);
  assert.deepEqual(report.vcpus.map((v) => [v.id, v.state]), [[0, 'on'], [1, 'off'], [2, 'off']]);
});

test('--load-address places a flat binary elsewhere in RAM', () => {
  const { report } = runJson([spinBin, '--max-steps', '3', '--load-address', '0x80200000']);
  assert.equal(report.vcpus[0].pc, '0x0000000080200000');
});

test('an assembly source is assembled and run; a vCPU waiting in WFI with nothing to wake it ends the run as idle', () => {
  const { status, report } = runJson([asmSource]);
  assert.equal(status, 0);
  assert.equal(report.stop.reason, 'idle');
  assert.match(report.stop.detail, /vCPU 0 waiting in WFI at 0x80000004/);
  assert.equal(report.vcpus[0].state, 'waiting');
  assert.equal(report.vcpus[0].x[0], '0xffffffffffffffff'); // HVC with an unknown function ID: NOT_SUPPORTED
  assert.equal(report.instructions, 2);
});

test('a guest fault stops with reason exception and exit status 1', () => {
  const { status, report } = runJson([faultBin]);
  assert.equal(status, 1);
  assert.equal(report.stop.reason, 'exception');
  assert.match(report.stop.detail, /4-byte store to 0x1000 by STR\w* 0xb9000020 at 0x80000004/);
});

test('without --json: guest console on stdout, a summary line on stderr', () => {
  const r = pkvmDebug(['run', '--bare', helloBin]);
  assert.equal(r.status, 0);
  assert.equal(r.stdout, 'hi\n');
  assert.match(r.stderr, /^pkvm-debug: system-off after 10 instructions: PSCI SYSTEM_OFF from vCPU 0 at 0x80000024\n$/);
});

test('bad arguments and unloadable programs print one error line and exit 2', () => {
  const cases: Array<[string[], RegExp]> = [
    [['run'], /^pkvm-debug: run needs a PROGRAM/],
    [['run', helloBin, '--bogus'], /^pkvm-debug: unknown option --bogus for run/],
    [['run', helloBin, '--max-steps', 'lots'], /^pkvm-debug: --max-steps needs an integer \(decimal or 0x… hex\), not 'lots'/],
    [['run', helloBin, '--vcpus', '0'], /^pkvm-debug: --vcpus must be between 1 and 64, not 0/],
    [['run', helloBin, '--max-steps'], /^pkvm-debug: option --max-steps needs a value/],
    [['run', helloBin, spinBin], /^pkvm-debug: run takes one PROGRAM, got 2/],
    [['run', join(dir, 'missing.elf')], /missing\.elf: cannot read the program: no such file/],
    [['run', x86Elf], /x86\.elf: not an AArch64 program: e_machine is EM_X86_64 \(62\)/],
    [['run', helloElf, '--load-address', '0x80000000'], /hello\.elf: --load-address applies to flat binaries; this is an ELF executable/],
    [['run', helloBin, '--load-address', '0x1000'], /hello\.bin: flat binary \(40 bytes\) at 0x1000-0x1027 is outside guest RAM/],
    [['run', badAsm], /bad\.S:3:5: unknown mnemonic 'bogus' \(and 1 more error\)$/m],
    [['run', asmSource, '--load-address', '0x80000000'], /idle\.S: --load-address applies to flat binaries, not assembly sources/],
    [['frobnicate'], /^pkvm-debug: unknown command 'frobnicate'/],
  ];
  for (const [args, pattern] of cases) {
    const r = pkvmDebug(args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, pattern, args.join(' '));
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, `one line for ${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stdout, '');
  }
});

test('a text file that is not ELF is rejected with a hint about flat binaries', async () => {
  const notes = file('notes.txt', new TextEncoder().encode('hello'));
  const io = capture();
  assert.equal(await main(['run', notes], io), 2);
  assert.match(io.errText(), /notes\.txt: not an ELF file: it starts with 68 65 6c 6c.*; to run a raw binary, name it \*\.bin or pass --load-address/);
});

test('--help lists the commands; run --help describes the options', async () => {
  const top = pkvmDebug(['--help']);
  assert.equal(top.status, 0);
  assert.match(top.stdout, /usage: pkvm-debug <command>/);
  assert.match(top.stdout, /\n {2}run +run a program headless/);
  const io = capture();
  assert.equal(await main(['run', '--help'], io), 0);
  for (const opt of ['--json', '--max-steps N', '--load-address ADDR', '--vcpus N']) assert.ok(io.outText().includes(opt), opt);
  const none = capture();
  assert.equal(await main([], none), 2);
  assert.match(none.errText(), /usage: pkvm-debug/);
});

function capture(): CliIo & { outText(): string; errText(): string } {
  let out = '';
  let err = '';
  return {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    outText: () => out,
    errText: () => err,
  };
}
