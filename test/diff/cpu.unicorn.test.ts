/**
 * Differential test of the CPU against unicorn 2.0.1 (AArch64, CPU model MAX): 3,000
 * generated sequences over every implemented class, from random initial state,
 * comparing X0-X30, SP, NZCV, V0-V31, FPSR, FPCR and the scratch memory.
 * LDSMAX/LDSMIN/LDUMAX/LDUMIN are left to the qemu suite: unicorn 2.0.1 stores wrong
 * results for them. Where qemu-aarch64 is installed it confirms every disagreement:
 * a case on which qemu agrees with the engine exactly is an error or a missing
 * feature in unicorn (listed, not failed). Reproduce a failure with DIFF_SEED=<batch seed>.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { STANDARD_COUNT, STANDARD_MIX } from './gen/compose';
import { runDifferential } from './oracles/differential';
import { runQemu } from './oracles/qemuRunner';
import { toolMissing, unicornMissing } from './oracles/tools';
import { runUnicorn } from './oracles/unicornRunner';

const seed = Number(process.env.DIFF_SEED ?? 0x5eed0001);
const missing = unicornMissing();

test(`engine agrees with unicorn on ${STANDARD_COUNT.toLocaleString('en-US')} generated sequences (seed ${seed})`, { skip: missing ?? false }, (t) => {
  const second = toolMissing('qemu-aarch64') ? undefined : { name: 'qemu-aarch64', run: runQemu };
  const r = runDifferential('unicorn', runUnicorn, { seed, mix: STANDARD_MIX, minMaxAtomics: false }, second);
  if (r.oracleErrors.length > 0) t.diagnostic(`unicorn disagrees with both qemu-aarch64 and the engine on ${r.oracleErrors.length} cases:\n${r.oracleErrors.join('\n')}`);
  t.diagnostic(`${r.cases} sequences (${[...r.flavors].map(([f, n]) => `${f} ${n}`).join(', ')}); unicorn ${r.oracleMs} ms, engine ${r.engineMs} ms`);
  t.diagnostic(`${r.coverage.size} classes: ${[...r.coverage].sort((a, b) => a[0].localeCompare(b[0])).map(([n, c]) => `${n}:${c}`).join(' ')}`);
  t.diagnostic(`table lines not exercised (${r.unexercised.length}): ${r.unexercised.join(' ')}`);
  assert.equal(r.failures.length, 0, `${r.failures.length} of ${r.cases} sequences differ from unicorn (seed ${seed}):\n\n${r.failures.slice(0, 12).join('\n\n')}`);
});
