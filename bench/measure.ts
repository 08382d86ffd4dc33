/** Timing one guest on the engine (in-process) and under qemu-aarch64 (a child process). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_RAM, loadElf } from '../engine/loader';
import { BareMachine } from '../engine/machine/bareMachine';

export interface EngineRun {
  instructions: number;
  seconds: number;
  stop: string;
  console: string;
}

/**
 * Run to the end on a bare machine. Time is this process's CPU time (user + system,
 * all threads, so garbage collection counts): on a shared machine wall-clock time
 * mostly measures the neighbours.
 */
export function runEngine(elf: string, maxSteps = 2_000_000_000): EngineRun {
  const image = loadElf(new Uint8Array(readFileSync(elf)), { ram: DEFAULT_RAM });
  const machine = new BareMachine(image, { ram: DEFAULT_RAM });
  const t0 = process.cpuUsage();
  const stop = machine.run(maxSteps);
  const used = process.cpuUsage(t0);
  const seconds = (used.user + used.system) / 1e6;
  return { instructions: machine.instructions, seconds, stop: `${stop.reason}: ${stop.detail}`, console: machine.consoleText };
}

export interface QemuRun {
  /** CPU time (user + system) of the qemu-aarch64 process. */
  seconds: number;
  stdout: string;
}

/** Best of `repeats` runs, timed by bash's `time` (the child's CPU time, start-up included). */
export function runQemu(elf: string, repeats = 3): QemuRun {
  let best = Infinity;
  let stdout = '';
  const dir = mkdtempSync(join(tmpdir(), 'pkvm-bench-'));
  try {
    const out = join(dir, 'stdout');
    for (let k = 0; k < repeats; k++) {
      const r = spawnSync('bash', ['-c', 'TIMEFORMAT="%3U %3S"; time qemu-aarch64 -cpu max "$1" > "$2"', 'bench', elf, out], { encoding: 'utf8' });
      if (r.error || r.status !== 0) throw new Error(`qemu-aarch64 ${elf} failed: ${r.error?.message ?? r.stderr}`);
      const m = /([0-9.]+) ([0-9.]+)\s*$/.exec(r.stderr);
      if (!m) throw new Error(`bench: no timing from bash for ${elf}: ${r.stderr}`);
      best = Math.min(best, Number(m[1]) + Number(m[2]));
      stdout = readFileSync(out, 'utf8');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { seconds: best, stdout };
}
