/**
 * Running a built program: on the engine through the `pkvm-debug run --json` command
 * (driven in-process, as the debug adapter and tests do), and under qemu-aarch64.
 */
import { spawnSync } from 'node:child_process';
import { main } from '../../cli/main';
import type { RunReport } from '../../cli/runReport';

export async function runOnEngine(elf: string, maxSteps = 200_000_000): Promise<RunReport> {
  let out = '';
  let err = '';
  const status = await main(['run', '--json', '--max-steps', String(maxSteps), elf], {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
  });
  if (out.trim() === '') throw new Error(`pkvm-debug run ${elf} printed no report (status ${status}): ${err}`);
  return JSON.parse(out) as RunReport;
}

export interface QemuRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runOnQemu(elf: string): QemuRun {
  const r = spawnSync('qemu-aarch64', ['-cpu', 'max', elf], { encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The `result=0x…` line every program prints last (its return value). */
export function printedResult(console: string): string | null {
  const m = /result=(0x[0-9a-f]{16})/.exec(console);
  return m ? m[1] : null;
}
