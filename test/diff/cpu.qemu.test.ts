/**
 * Differential test of the CPU against qemu-aarch64 7.2 (user mode, `-cpu max`): the
 * same kind of batch as the unicorn suite, with a different seed and all LSE atomics
 * including LDSMAX/LDSMIN/LDUMAX/LDUMIN. The batch runs as one static ELF (see
 * oracles/qemuHarness.ts). Reproduce a failure with DIFF_SEED=<batch seed>.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { STANDARD_COUNT, STANDARD_MIX } from './gen/compose';
import { runDifferential } from './oracles/differential';
import { runQemu } from './oracles/qemuRunner';
import { toolMissing } from './oracles/tools';

const seed = Number(process.env.DIFF_SEED ?? 0x5eed0002);
const missing = toolMissing('qemu-aarch64');

test(`engine agrees with qemu-aarch64 on ${STANDARD_COUNT.toLocaleString('en-US')} generated sequences (seed ${seed})`, { skip: missing ?? false }, (t) => {
  const r = runDifferential('qemu-aarch64', runQemu, { seed, mix: STANDARD_MIX, minMaxAtomics: true });
  t.diagnostic(`${r.cases} sequences (${[...r.flavors].map(([f, n]) => `${f} ${n}`).join(', ')}); qemu ${r.oracleMs} ms, engine ${r.engineMs} ms`);
  t.diagnostic(`${r.coverage.size} classes: ${[...r.coverage].sort((a, b) => a[0].localeCompare(b[0])).map(([n, c]) => `${n}:${c}`).join(' ')}`);
  t.diagnostic(`table lines not exercised (${r.unexercised.length}): ${r.unexercised.join(' ')}`);
  assert.equal(r.failures.length, 0, `${r.failures.length} of ${r.cases} sequences differ from qemu-aarch64 (seed ${seed}):\n\n${r.failures.slice(0, 12).join('\n\n')}`);
});
