/**
 * Differential tests: the guest assembler against GNU binutils (aarch64-linux-gnu-as,
 * linked by aarch64-linux-gnu-ld at the same base address with the same section order).
 * Every section must match byte for byte and start at the same address. Skipped, with a
 * message, when binutils is not installed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { assemble, writeElf } from '../../engine/asm';
import type { AssembledProgram } from '../../engine/asm';
import { decodeBitmask } from '../../engine/asm/insn/bitmask';
import { SYSREG_NAMES } from '../../engine/asm/insn/sysregNames';
import { SYS_OPS } from '../../engine/asm/insn/sysOps';
import { a64Table } from '../../engine/cpu/encodings';

const FIXTURES = resolve(__dirname, '../../../test/fixtures/asm');
const EXAMPLE_INCLUDE = resolve(__dirname, '../../../examples/include');
const CORPUS = join(FIXTURES, 'corpus');
const BASE = 0x80000000;

const haveBinutils = ((): boolean => {
  for (const tool of ['aarch64-linux-gnu-as', 'aarch64-linux-gnu-ld']) {
    const r = spawnSync(tool, ['--version'], { encoding: 'utf8' });
    if (r.status !== 0) return false;
  }
  return true;
})();
const skip = haveBinutils ? false : 'GNU binutils for aarch64 (aarch64-linux-gnu-as, -ld) not installed';

interface GnuSection {
  addr: number;
  bytes: Uint8Array;
}

/** Section headers of an ELF64 little-endian file: allocated sections with their contents. */
function elfSections(file: Uint8Array): Map<string, GnuSection> {
  const dv = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const shoff = Number(dv.getBigUint64(0x28, true));
  const shentsize = dv.getUint16(0x3a, true);
  const shnum = dv.getUint16(0x3c, true);
  const shstrndx = dv.getUint16(0x3e, true);
  const sh = (k: number) => {
    const o = shoff + k * shentsize;
    return {
      name: dv.getUint32(o, true),
      type: dv.getUint32(o + 4, true),
      flags: Number(dv.getBigUint64(o + 8, true)),
      addr: Number(dv.getBigUint64(o + 16, true)),
      offset: Number(dv.getBigUint64(o + 24, true)),
      size: Number(dv.getBigUint64(o + 32, true)),
    };
  };
  const strtab = sh(shstrndx);
  const name = (off: number): string => {
    let e = strtab.offset + off;
    while (file[e] !== 0) e++;
    return Buffer.from(file.subarray(strtab.offset + off, e)).toString('latin1');
  };
  const out = new Map<string, GnuSection>();
  for (let k = 1; k < shnum; k++) {
    const s = sh(k);
    if (!(s.flags & 2)) continue; // SHF_ALLOC
    const bytes = s.type === 8 ? new Uint8Array(s.size) : file.slice(s.offset, s.offset + s.size);
    out.set(name(s.name), { addr: s.addr, bytes });
  }
  return out;
}

/** Assemble and link with binutils; sections are placed in the order the guest assembler chose. */
function gnuAssemble(text: string, order: string[], includeDirs: string[] = []): { sections?: Map<string, GnuSection>; errors: string } {
  const dir = mkdtempSync(join(tmpdir(), 'asmdiff-'));
  try {
    writeFileSync(join(dir, 'in.S'), text);
    const script = `SECTIONS { . = ${BASE}; ${order.map((s) => `${s} : { *(${s}) }`).join(' ')} }`;
    writeFileSync(join(dir, 'link.ld'), script);
    const as = spawnSync('aarch64-linux-gnu-as', [...includeDirs.flatMap((d) => ['-I', d]), '-o', join(dir, 'in.o'), join(dir, 'in.S')], { encoding: 'utf8' });
    if (as.status !== 0) return { errors: as.stderr };
    const ld = spawnSync('aarch64-linux-gnu-ld', ['--no-warn-rwx-segments', '-T', join(dir, 'link.ld'), '-o', join(dir, 'out.elf'), join(dir, 'in.o')], { encoding: 'utf8' });
    if (ld.status !== 0) return { errors: ld.stderr };
    return { sections: elfSections(readFileSync(join(dir, 'out.elf'))), errors: as.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const word = (b: Uint8Array, k: number): string =>
  Array.from(b.subarray(k, k + 4)).reverse().map((x) => x.toString(16).padStart(2, '0')).join('');

/** Compare every section; report the first differences with the source line that produced them. */
function compare(name: string, text: string, mine: AssembledProgram, includeDirs: string[] = []): void {
  const errors = mine.diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(errors.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`), [], `${name}: the guest assembler reported errors`);
  const order = mine.segments.map((s) => s.name);
  const gnu = gnuAssemble(text, order, includeDirs);
  assert.ok(gnu.sections, `${name}: binutils rejected the corpus:\n${gnu.errors}`);
  const lines = text.split('\n');
  const problems: string[] = [];
  for (const seg of mine.segments) {
    const g = gnu.sections.get(seg.name);
    if (!g) {
      problems.push(`${seg.name}: missing in the binutils output`);
      continue;
    }
    if (g.addr !== seg.address) problems.push(`${seg.name}: address 0x${seg.address.toString(16)}, binutils 0x${g.addr.toString(16)}`);
    if (g.bytes.length !== seg.bytes.length) problems.push(`${seg.name}: size ${seg.bytes.length}, binutils ${g.bytes.length}`);
    const n = Math.min(g.bytes.length, seg.bytes.length);
    for (let k = 0; k < n && problems.length < 12; k++) {
      if (g.bytes[k] === seg.bytes[k]) continue;
      const at = seg.address + k;
      const src = mine.sourceMap.at(at);
      const where = src ? `${src.file}:${src.line}: ${lines[src.line - 1]?.trim()}` : '(no source)';
      const aligned = k & ~3;
      problems.push(`${seg.name}+0x${k.toString(16)} (0x${at.toString(16)}): mine ${word(seg.bytes, aligned)}, binutils ${word(g.bytes, aligned)}  ${where}`);
      k = aligned + 3;
    }
  }
  for (const [sname, g] of gnu.sections) {
    if (!order.includes(sname) && g.bytes.length > 0) problems.push(`${sname}: only in the binutils output`);
  }
  assert.deepEqual(problems, [], `${name}: differs from binutils`);
}

function assembleFixture(path: string): { text: string; program: AssembledProgram } {
  const text = readFileSync(path, 'utf8');
  const program = assemble(path, text, {
    includeResolver: (p, from) => {
      for (const dir of [dirname(from), FIXTURES, EXAMPLE_INCLUDE]) {
        const f = join(dir, p);
        if (existsSync(f)) return { file: f, text: readFileSync(f, 'utf8') };
      }
      return undefined;
    },
  });
  return { text, program };
}

for (const f of readdirSync(CORPUS).filter((n) => n.endsWith('.S')).sort()) {
  test(`corpus ${f} assembles to the same bytes as binutils`, { skip }, () => {
    const path = join(CORPUS, f);
    const { text, program } = assembleFixture(path);
    compare(f, text, program, [FIXTURES, EXAMPLE_INCLUDE]);
  });
}

const EXAMPLES = resolve(__dirname, '../../../examples');
for (const f of existsSync(EXAMPLES) ? readdirSync(EXAMPLES).filter((n) => n.endsWith('.S')).sort() : []) {
  test(`example ${f} assembles to the same bytes as binutils`, { skip }, () => {
    const path = join(EXAMPLES, f);
    const { text, program } = assembleFixture(path);
    compare(f, text, program, [EXAMPLES, EXAMPLE_INCLUDE]);
  });
}

function generated(name: string, text: string): void {
  const program = assemble(name, text);
  compare(name, text, program);
}

test('every 64-bit and 32-bit logical immediate encodes like binutils (and/orr/eor/ands/mov)', { skip }, () => {
  const lines: string[] = [];
  const ops = ['and', 'orr', 'eor', 'ands'];
  let k = 0;
  for (let N = 0; N <= 1; N++) {
    for (let immr = 0; immr < 64; immr++) {
      for (let imms = 0; imms < 64; imms++) {
        for (const is64 of [true, false]) {
          if (!is64 && (N === 1 || immr >= 32)) continue;
          const v = decodeBitmask({ N, immr, imms }, is64);
          if (v === undefined || (immr + imms) % 2 === 1) continue; // half of them keeps the test quick
          const r = is64 ? 'x' : 'w';
          lines.push(`  ${ops[k++ % 4]} ${r}${k % 31}, ${r}${(k * 7) % 31}, #0x${v.toString(16)}`);
          if (k % 3 === 0) lines.push(`  mov ${r}${k % 31}, #0x${v.toString(16)}`);
        }
      }
    }
  }
  assert.ok(lines.length > 2500);
  generated('bitmask.S', lines.join('\n') + '\n');
});

test('mov immediates pick MOVZ, MOVN or ORR exactly as binutils does', { skip }, () => {
  const lines: string[] = [];
  // Deterministic spread of 16-bit chunks at every position, their inverses, and edge values.
  const chunks = [0x0n, 0x1n, 0x8000n, 0xffffn, 0x1234n, 0xfffen, 0x7fffn];
  for (const c of chunks) {
    for (let hw = 0; hw < 4; hw++) {
      const v = c << BigInt(16 * hw);
      lines.push(`  mov x${hw + 1}, #0x${v.toString(16)}`);
      lines.push(`  mov x${hw + 5}, #0x${BigInt.asUintN(64, ~v).toString(16)}`);
      if (hw < 2) {
        lines.push(`  mov w${hw + 9}, #0x${v.toString(16)}`);
        lines.push(`  mov w${hw + 11}, #0x${BigInt.asUintN(32, ~v).toString(16)}`);
      }
    }
  }
  for (const v of [-1n, -2n, -65536n, -65537n, 0x100000000n, 0xffffffffn, 0x7fffffffn, -0x80000000n]) {
    lines.push(`  mov x0, #${v}`);
    if (v >= -0x80000000n && v <= 0xffffffffn) lines.push(`  mov w0, #${v}`);
  }
  generated('movimm.S', lines.join('\n') + '\n');
});

test('every system register name in the table encodes like binutils', { skip }, () => {
  const lines: string[] = [];
  for (const [name, r] of SYSREG_NAMES) {
    if (r.read) lines.push(`  mrs x1, ${name}`);
    if (r.write) lines.push(`  msr ${name}, x2`);
  }
  generated('sysregs.S', lines.join('\n') + '\n');
});

test('every DC/IC/AT/TLBI operation in the table encodes like binutils', { skip }, () => {
  const lines: string[] = [];
  for (const [alias, ops] of SYS_OPS) for (const [op, o] of ops) lines.push(`  ${alias} ${op}${o.takesRegister ? ', x3' : ''}`);
  generated('sysops.S', lines.join('\n') + '\n');
});

test('written ELF files pass readelf, and objdump decodes code as code and data as data (mapping symbols)', { skip }, () => {
  for (const f of readdirSync(CORPUS).filter((n) => n.endsWith('.S')).sort()) {
    const { program } = assembleFixture(join(CORPUS, f));
    const dir = mkdtempSync(join(tmpdir(), 'asmelf-'));
    try {
      const path = join(dir, 'out.elf');
      writeFileSync(path, writeElf(program));
      const re = spawnSync('aarch64-linux-gnu-readelf', ['--all', '--wide', path], { encoding: 'utf8' });
      assert.equal(re.status, 0, `${f}: readelf failed: ${re.stderr}`);
      assert.doesNotMatch(re.stdout + re.stderr, /warning|error/i, `${f}: readelf complains`);
      const od = spawnSync('aarch64-linux-gnu-objdump', ['-d', path], { encoding: 'utf8' });
      assert.equal(od.status, 0, od.stderr);
      const decoded = new Map<number, string>();
      for (const line of od.stdout.split('\n')) {
        const m = /^\s+([0-9a-f]+):\s+[0-9a-f]+\s+(\S+)/.exec(line);
        if (m) decoded.set(parseInt(m[1], 16), m[2]);
      }
      const dataOps = new Set(['.word', '.inst', '.byte', '.short']);
      for (const e of program.sourceMap.all()) {
        const seg = program.segments.find((s) => e.address >= s.address && e.address < s.address + s.bytes.length);
        if (!seg?.flags.exec) continue;
        const what = decoded.get(e.address);
        if (e.kind === 'instruction') assert.ok(what && !dataOps.has(what), `${f}: ${e.address.toString(16)} (line ${e.line}) should disassemble as code, got ${what}`);
        else if (e.address % 4 === 0 && e.size >= 4) assert.ok(what && dataOps.has(what), `${f}: ${e.address.toString(16)} (line ${e.line}) should be shown as data, got ${what}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});

const haveQemu = spawnSync('qemu-aarch64', ['--version']).status === 0;

test('a written ELF runs under qemu-aarch64 (Linux exit syscall with the computed status)', { skip: haveQemu ? skip : 'qemu-aarch64 not installed' }, () => {
  const program = assemble('exit.S', ['.global _start', '_start: ldr x1, =value', '  ldr x0, [x1]', '  add x0, x0, #2', '  mov x8, #93', '  svc #0', '.data', '.balign 4096', 'value: .quad 40'].join('\n'));
  assert.equal(program.ok, true);
  const dir = mkdtempSync(join(tmpdir(), 'asmqemu-'));
  try {
    const path = join(dir, 'exit.elf');
    writeFileSync(path, writeElf(program), { mode: 0o755 });
    const r = spawnSync('qemu-aarch64', [path], { encoding: 'utf8' });
    assert.equal(r.status, 42, r.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the corpus exercises every encoding line of the CPU table', () => {
  const table = a64Table();
  const seen = new Set<string>();
  for (const f of readdirSync(CORPUS).filter((n) => n.endsWith('.S'))) {
    const { program } = assembleFixture(join(CORPUS, f));
    for (const e of program.sourceMap.all()) {
      if (e.kind !== 'instruction') continue;
      const seg = program.segments.find((s) => e.address >= s.address && e.address < s.address + s.bytes.length)!;
      const word = new DataView(seg.bytes.buffer, seg.bytes.byteOffset).getUint32(e.address - seg.address, true);
      const m = table.match(word);
      if (m) seen.add(m.enc.spec.name);
    }
  }
  const missing = table.entries.map((e) => e.spec.name).filter((n) => !seen.has(n));
  assert.deepEqual(missing, [], 'encodings no corpus line produces: teach the assembler (engine/asm/insn) and add lines to test/fixtures/asm/corpus');
});
