/**
 * Exhaustive check of the disassembler's system-instruction tables against GNU objdump
 * 2.40: every MRS and MSR (register) encoding (all 2^15 op0/op1/CRn/CRm/op2 values each),
 * every SYS encoding with an address register and with XZR (the AT/DC/IC/TLBI/CFP/DVP/CPP
 * aliases), every HINT, barrier and PSTATE (MSR immediate) encoding the CPU decodes.
 * Normalisation as in disasmBinutils.test.ts: objdump's `// …` comments and trailing blanks
 * are dropped.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { a64Table } from '../../engine/cpu/encodings';
import { disassemble } from '../../engine/disasm';

const OBJDUMP = 'aarch64-linux-gnu-objdump';
const BASE = 0x80000000;

const objdumpMissing = ((): string | null => {
  const r = spawnSync(OBJDUMP, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? null : `${OBJDUMP} not installed (Debian: binutils-aarch64-linux-gnu)`;
})();

function systemWords(): number[] {
  const words: number[] = [];
  for (let key = 0; key < 1 << 15; key++) {
    words.push((0xd5300000 | (key << 5) | (key & 31)) >>> 0); // MRS Xt, <reg>
    words.push((0xd5100000 | (key << 5) | (~key & 31)) >>> 0); // MSR <reg>, Xt
  }
  for (let key = 0; key < 1 << 14; key++) {
    words.push((0xd5080000 | (key << 5) | 1) >>> 0); // SYS with X1
    words.push((0xd5080000 | (key << 5) | 31) >>> 0); // SYS with XZR
  }
  for (let k = 0; k < 128; k++) words.push((0xd503201f | (k << 5)) >>> 0); // HINT
  for (const op2 of [2, 4, 5, 6, 7]) for (let crm = 0; crm < 16; crm++) words.push((0xd503301f | (crm << 8) | (op2 << 5)) >>> 0);
  for (let op1 = 0; op1 < 8; op1++) {
    for (let op2 = 0; op2 < 8; op2++) for (let crm = 0; crm < 16; crm++) words.push((0xd500401f | (op1 << 16) | (crm << 8) | (op2 << 5)) >>> 0);
  }
  const table = a64Table();
  return words.filter((w) => table.match(w) !== null);
}

test('system instructions: every MRS/MSR/SYS/HINT/barrier/PSTATE encoding matches objdump', { skip: objdumpMissing ?? false }, (t) => {
  const words = systemWords();
  assert.ok(words.length > 98000, `${words.length} words`);
  const dir = mkdtempSync(join(tmpdir(), 'disasm-sys-'));
  let out: string;
  try {
    writeFileSync(join(dir, 'sys.bin'), new Uint8Array(Uint32Array.from(words).buffer));
    const r = spawnSync(OBJDUMP, ['-D', '-b', 'binary', '-m', 'aarch64', `--adjust-vma=0x${BASE.toString(16)}`, join(dir, 'sys.bin')], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    assert.equal(r.status, 0, r.stderr);
    out = r.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const expected = out
    .split('\n')
    .map((l) => /^\s*[0-9a-f]+:\t[0-9a-f]{8} \t(.*)$/.exec(l)?.[1])
    .filter((s): s is string => s !== undefined)
    .map((s) => s.replace(/\s*\/\/.*$/, '').replace(/\s+$/, ''));
  assert.equal(expected.length, words.length);
  const mismatches: string[] = [];
  words.forEach((w, k) => {
    const ours = disassemble(w, BASE + 4 * k).text;
    if (ours !== expected[k]) mismatches.push(`${w.toString(16)}: objdump '${expected[k]}', ours '${ours}'`);
  });
  t.diagnostic(`${words.length} system-instruction words compared`);
  assert.deepEqual(mismatches.slice(0, 20), [], `${mismatches.length} mismatches`);
});
