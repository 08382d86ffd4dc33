/** Timing one guest on the engine (in-process) and under qemu-aarch64 (a child process). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_RAM, loadElf } from '../engine/loader';
import { BareMachine } from '../engine/machine/bareMachine';
import * as A from '../test/diff/gen/a64';
import { buildElf } from '../test/diff/oracles/elf';

export interface EngineRun {
  instructions: number;
  seconds: number;
  stop: string;
  console: string;
}

export function runEngine(elf: string, maxSteps = 2_000_000_000): EngineRun {
  const image = loadElf(new Uint8Array(readFileSync(elf)), { ram: DEFAULT_RAM });
  const machine = new BareMachine(image, { ram: DEFAULT_RAM });
  const t0 = performance.now();
  const stop = machine.run(maxSteps);
  const seconds = (performance.now() - t0) / 1000;
  return { instructions: machine.instructions, seconds, stop: `${stop.reason}: ${stop.detail}`, console: machine.consoleText };
}

export interface QemuRun {
  seconds: number;
  stdout: string;
}

/** Best of `repeats` wall-clock runs (process start-up included; see qemuStartup). */
export function runQemu(elf: string, repeats = 3): QemuRun {
  let best = Infinity;
  let stdout = '';
  for (let k = 0; k < repeats; k++) {
    const t0 = performance.now();
    const r = spawnSync('qemu-aarch64', ['-cpu', 'max', elf], { encoding: 'utf8', maxBuffer: 1 << 24 });
    const s = (performance.now() - t0) / 1000;
    if (r.error || r.status !== 0) throw new Error(`qemu-aarch64 ${elf} failed: ${r.error?.message ?? r.stderr}`);
    best = Math.min(best, s);
    stdout = r.stdout;
  }
  return { seconds: best, stdout };
}

/** qemu-aarch64's own start-up time: best of five runs of a program that only exits. */
export function qemuStartup(): number {
  const dir = mkdtempSync(join(tmpdir(), 'pkvm-bench-'));
  try {
    const code = new Uint8Array(new Uint32Array([A.movz(1, 0, 0), A.movz(1, 8, 94), A.svc(0)]).buffer);
    const file = join(dir, 'exit.elf');
    writeFileSync(file, buildElf(0x400000, [{ vaddr: 0x400000, data: code }]));
    chmodSync(file, 0o755);
    return runQemu(file, 5).seconds;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
