/**
 * Exhaustive checks against GNU objdump 2.40 of the encodings whose text comes from tables
 * or immediate expansion, where random sampling could miss a value:
 *   - every MRS and MSR (register) encoding (all 2^15 op0/op1/CRn/CRm/op2 values each),
 *     every SYS encoding with an address register and with XZR (AT/DC/IC/TLBI/CFP/DVP/CPP
 *     aliases), every HINT, barrier and PSTATE (MSR immediate) encoding;
 *   - every PRFM operation, every logical (bitmask) immediate, every MOVZ/MOVN/ORR MOV-alias
 *     boundary value, every FMOV immediate and every AdvSIMD modified immediate.
 * Only words the CPU decodes are compared. Normalisation as in disasmBinutils.test.ts:
 * objdump's `// …` comments and trailing blanks are dropped.
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

/** Compare `words` (those the CPU decodes) with objdump; returns how many were compared. */
function compareWithObjdump(words: number[]): { compared: number; mismatches: string[] } {
  const table = a64Table();
  const decoded = words.filter((w) => table.match(w) !== null);
  const dir = mkdtempSync(join(tmpdir(), 'disasm-exh-'));
  let out: string;
  try {
    writeFileSync(join(dir, 'words.bin'), new Uint8Array(Uint32Array.from(decoded).buffer));
    const r = spawnSync(OBJDUMP, ['-D', '-b', 'binary', '-m', 'aarch64', `--adjust-vma=0x${BASE.toString(16)}`, join(dir, 'words.bin')], {
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
  assert.equal(expected.length, decoded.length);
  const mismatches: string[] = [];
  decoded.forEach((w, k) => {
    const ours = disassemble(w, BASE + 4 * k).text;
    if (ours !== expected[k]) mismatches.push(`${w.toString(16).padStart(8, '0')}: objdump '${expected[k]}', ours '${ours}'`);
  });
  return { compared: decoded.length, mismatches };
}

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
  return words;
}

test('system instructions: every MRS/MSR/SYS/HINT/barrier/PSTATE encoding matches objdump', { skip: objdumpMissing ?? false }, (t) => {
  const { compared, mismatches } = compareWithObjdump(systemWords());
  assert.ok(compared > 98000, `${compared} words`);
  t.diagnostic(`${compared} system-instruction words compared`);
  assert.deepEqual(mismatches.slice(0, 20), [], `${mismatches.length} mismatches`);
});

function immediateWords(): number[] {
  const words: number[] = [];
  for (let op = 0; op < 32; op++) words.push((0xf9800000 | (3 << 10) | (1 << 5) | op) >>> 0, (0xf8a06800 | (1 << 5) | op) >>> 0); // PRFM imm / reg
  for (const opc of [0, 1, 2, 3]) {
    for (let nrs = 0; nrs < 1 << 13; nrs++) {
      words.push((0x92000000 | (opc << 29) | (nrs << 10) | (2 << 5) | 1) >>> 0); // 64-bit logical immediate
      if ((nrs & 0x1000) === 0) words.push((0x12000000 | (opc << 29) | (nrs << 10) | (2 << 5) | 1) >>> 0);
    }
  }
  for (const base of [0x12800000, 0x52800000, 0x92800000, 0xd2800000]) {
    for (let hw = 0; hw < 4; hw++) {
      for (const imm of [0, 1, 0x7fff, 0x8000, 0xfffe, 0xffff, 0x1234]) words.push((base | (hw << 21) | (imm << 5) | 3) >>> 0); // MOVN/MOVZ
    }
  }
  for (const ftype of [0, 1, 3]) for (let imm8 = 0; imm8 < 256; imm8++) words.push((0x1e201000 | (ftype << 22) | (imm8 << 13) | 4) >>> 0); // FMOV imm
  for (let q = 0; q < 2; q++) {
    for (let op = 0; op < 2; op++) {
      for (let cmode = 0; cmode < 16; cmode++) {
        for (let imm8 = 0; imm8 < 256; imm8++) {
          words.push((0x0f000400 | (q << 30) | (op << 29) | ((imm8 >> 5) << 16) | (cmode << 12) | ((imm8 & 31) << 5) | 5) >>> 0);
        }
      }
    }
  }
  return words;
}

test('immediates: PRFM operations, bitmask immediates, MOV aliases, FP and SIMD modified immediates match objdump', { skip: objdumpMissing ?? false }, (t) => {
  const { compared, mismatches } = compareWithObjdump(immediateWords());
  assert.ok(compared > 30000, `${compared} words`);
  t.diagnostic(`${compared} immediate-encoding words compared`);
  assert.deepEqual(mismatches.slice(0, 20), [], `${mismatches.length} mismatches`);
});
