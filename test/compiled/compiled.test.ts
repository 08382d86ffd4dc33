/**
 * Real compiler output on the engine: freestanding C programs (CRC-32, a qsort-like
 * sort, a sieve, string functions, 64-bit division, a switch-dispatched bytecode
 * interpreter, floating point) built by aarch64-linux-gnu-gcc at -O0, -O2 and -Os,
 * run with `pkvm-debug run --json`, and compared with the same program under
 * qemu-aarch64 (console output and result). A disassembly pass checks that every
 * instruction GCC emitted decodes in the engine's table.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { a64Table } from '../../engine/cpu/encodings';
import { toolMissing } from '../diff/oracles/tools';
import { buildAll, BuildRequest, gccMissing, OPT_LEVELS, programNames } from './build';
import { OBJDUMP, textWords } from './disassembly';
import { printedResult, runOnEngine, runOnQemu } from './runners';

const missing = gccMissing();
const qemuMissing = toolMissing('qemu-aarch64');
const programs = programNames();
const requests: BuildRequest[] = programs.flatMap((program) =>
  OPT_LEVELS.flatMap((opt) => (['engine', 'qemu'] as const).map((platform) => ({ program, opt, platform }))),
);

describe('compiled C programs', { skip: missing ?? false }, () => {
  let dir = '';
  const elf = new Map<string, string>();
  const key = (r: BuildRequest): string => `${r.program}${r.opt}.${r.platform}`;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pkvm-compiled-'));
    const paths = await buildAll(requests, dir);
    requests.forEach((r, k) => elf.set(key(r), paths[k]));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const program of programs) {
    for (const opt of OPT_LEVELS) {
      test(`${program} ${opt}: the engine's output and result match qemu-aarch64`, async () => {
        const report = await runOnEngine(elf.get(key({ program, opt, platform: 'engine' }))!);
        assert.equal(report.stop.reason, 'system-off', `${program} ${opt} did not power off: ${report.stop.detail}\nconsole so far:\n${report.console}`);
        assert.doesNotMatch(report.console, /FAIL/, `${program} ${opt} failed a self-check on the engine:\n${report.console}`);
        const result = printedResult(report.console);
        assert.ok(result, `no result line in:\n${report.console}`);
        assert.equal(report.vcpus[0].x[19], result, 'x19 holds what main returned (crt0 keeps it there)');
        if (qemuMissing) return;
        const q = runOnQemu(elf.get(key({ program, opt, platform: 'qemu' }))!);
        assert.equal(q.status, 0, `qemu-aarch64 run failed: ${q.stderr}`);
        assert.equal(report.console, q.stdout, `${program} ${opt}: console differs from qemu-aarch64`);
      });
    }
  }

  test('every instruction GCC emitted decodes in the engine table', { skip: toolMissing(OBJDUMP) ?? false }, () => {
    const table = a64Table();
    const unknown = new Map<string, { word: number; where: Set<string> }>();
    let total = 0;
    for (const r of requests.filter((q) => q.platform === 'engine')) {
      for (const w of textWords(elf.get(key(r))!)) {
        total++;
        // UDF (0x0000xxxx) is permanently UNDEFINED by design: GCC plants it on paths it proved unreachable.
        if (table.match(w.word) !== null || w.word >>> 16 === 0) continue;
        const mnemonic = w.text.split(' ')[0];
        const u = unknown.get(mnemonic) ?? { word: w.word, where: new Set<string>() };
        u.where.add(`${r.program}${r.opt}`);
        unknown.set(mnemonic, u);
      }
    }
    const lines = [...unknown].map(([m, u]) => `  ${m.padEnd(8)} e.g. 0x${u.word.toString(16).padStart(8, '0')} in ${[...u.where].join(', ')}`);
    assert.equal(unknown.size, 0, `${unknown.size} instruction kinds among ${total} words do not decode:\n${lines.join('\n')}`);
  });
});
