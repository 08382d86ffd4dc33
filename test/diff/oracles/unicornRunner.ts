/**
 * Runs a differential batch in unicorn: the whole batch goes to one python process
 * as one JSON file (see unicorn_runner.py).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as A from '../gen/a64';
import { DiffCase, END_OFF, hex, Outcome, SCRATCH_BASE, SCRATCH_SIZE, SLOT_SIZE, SLOTS_BASE, slotImage, unhex } from '../gen/batch';
import { PYTHON, repoRoot } from './tools';

interface RawState {
  x: string[];
  sp: string;
  nzcv: number;
  fpcr: number;
  fpsr: number;
  v: string;
  scratch: string;
  fault: { pc: number; what: string } | null;
}

export function runUnicorn(cases: ReadonlyArray<DiffCase>): Outcome[] {
  const dir = mkdtempSync(join(tmpdir(), 'pkvm-diff-uc-'));
  try {
    const file = join(dir, 'batch.json');
    writeFileSync(
      file,
      JSON.stringify({
        slotsBase: SLOTS_BASE,
        scratchBase: SCRATCH_BASE,
        slotSize: SLOT_SIZE,
        scratchSize: SCRATCH_SIZE,
        endOff: END_OFF,
        cases: cases.map((c) => ({
          at: c.at,
          slot: hex(slotImage(c, A.NOP)),
          scratch: hex(c.scratch),
          x: c.init.x.map((v) => v.toString(16)),
          sp: c.init.sp.toString(16),
          nzcv: c.init.nzcv,
          fpcr: c.init.fpcr,
          fpsr: c.init.fpsr,
          v: hex(c.init.v),
        })),
      }),
    );
    const r = spawnSync(PYTHON, [join(repoRoot(), 'test/diff/oracles/unicorn_runner.py'), file], {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    });
    if (r.status !== 0) throw new Error(`unicorn runner failed (${r.status}): ${r.stderr}`);
    const raw = JSON.parse(r.stdout) as RawState[];
    if (raw.length !== cases.length) throw new Error(`unicorn runner returned ${raw.length} results for ${cases.length} cases`);
    return raw.map((o) => ({
      state: { x: o.x.map((s) => BigInt('0x' + s)), sp: BigInt('0x' + o.sp), nzcv: o.nzcv >>> 0, fpcr: o.fpcr >>> 0, fpsr: o.fpsr >>> 0, v: unhex(o.v) },
      scratch: unhex(o.scratch),
      fault: o.fault,
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Disassembly of `words` for failure reports: binutils' objdump when installed (it
 * knows every extension), else capstone.
 */
export function disassemble(words: number[]): string[] {
  if (words.length === 0) return [];
  const viaObjdump = objdump(words);
  if (viaObjdump) return viaObjdump;
  const r = spawnSync(PYTHON, [join(repoRoot(), 'test/diff/oracles/disasm.py'), ...words.map((w) => w.toString(16))], { encoding: 'utf8' });
  if (r.status !== 0) return words.map(() => '?');
  return r.stdout.trimEnd().split('\n');
}

function objdump(words: number[]): string[] | null {
  const dir = mkdtempSync(join(tmpdir(), 'pkvm-dis-'));
  try {
    const file = join(dir, 'code.bin');
    writeFileSync(file, new Uint8Array(new Uint32Array(words).buffer));
    const r = spawnSync('aarch64-linux-gnu-objdump', ['-D', '-b', 'binary', '-m', 'aarch64', file], { encoding: 'utf8' });
    if (r.error || r.status !== 0) return null;
    const byOffset = new Map<number, string>();
    for (const line of r.stdout.split('\n')) {
      const m = /^\s*([0-9a-f]+):\s+[0-9a-f]{8}\s+(.*)$/.exec(line);
      if (m) byOffset.set(parseInt(m[1], 16), m[2].replace(/\s+/g, ' ').trim());
    }
    return words.map((_, k) => byOffset.get(4 * k) ?? '?');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
