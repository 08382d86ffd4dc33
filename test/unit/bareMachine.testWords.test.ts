import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as A from '../helpers/a64Words';
import { crossGccMissing } from '../helpers/crossGcc';

const missing = crossGccMissing();

test('hand-encoded test instructions assemble as binutils reads them', { skip: missing ?? false }, () => {
  const cases: Array<[number, string]> = [
    [A.movzX(1, 0x0900, 1), 'mov\tx1, #0x9000000'],
    [A.movzW(0, 0x68), 'mov\tw0, #0x68'],
    [A.movkX(0, 0x8400, 1), 'movk\tx0, #0x8400, lsl #16'],
    [A.strb(0, 1), 'strb\tw0, [x1]'],
    [A.strW(2, 3, 8), 'str\tw2, [x3, #8]'],
    [A.ldrW(3, 1, 0x18), 'ldr\tw3, [x1, #24]'],
    [A.ldrX(7, 1, 0), 'ldr\tx7, [x1]'],
    [A.ldrb(6, 1, 0x18), 'ldrb\tw6, [x1, #24]'],
    [A.ldrsbX(4, 1, 0x18), 'ldrsb\tx4, [x1, #24]'],
    [A.ldrsbW(5, 1, 0x18), 'ldrsb\tw5, [x1, #24]'],
    [A.stpX(0, 1, 2), 'stp\tx0, x1, [x2]'],
    [A.br(1), 'br\tx1'],
    [A.hvc(0), 'hvc\t#0x0'],
    [A.smc(1), 'smc\t#0x1'],
    [A.svc(0), 'svc\t#0x0'],
    [A.WFI, 'wfi'],
    [A.WFE, 'wfe'],
    [A.SEV, 'sev'],
  ];
  const dir = mkdtempSync(join(tmpdir(), 'pkvm-words-'));
  const bin = join(dir, 'w.bin');
  writeFileSync(bin, A.wordBytes(cases.map((c) => c[0])));
  const r = spawnSync('aarch64-linux-gnu-objdump', ['-D', '-b', 'binary', '-m', 'aarch64', bin], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.split('\n').filter((l) => /^\s+[0-9a-f]+:\t/.test(l)).map((l) => l.split('\t').slice(2).join('\t').replace(/\s*\/\/.*$/, '').trim());
  assert.deepEqual(lines, cases.map((c) => c[1]));
  // Branches are position-relative: check the offsets separately.
  const rel = spawnSync('aarch64-linux-gnu-objdump', ['-D', '-b', 'binary', '-m', 'aarch64', '--adjust-vma=0x1000', writeTmp(dir, [A.b(-1), A.adr(2, 16)])], { encoding: 'utf8' });
  assert.match(rel.stdout, /b\t0xffc/);
  assert.match(rel.stdout, /adr\tx2, 0x1014/);
});

function writeTmp(dir: string, words: number[]): string {
  const p = join(dir, 'rel.bin');
  writeFileSync(p, A.wordBytes(words));
  return p;
}
