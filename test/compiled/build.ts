/**
 * Builds the freestanding C test programs with Debian's aarch64-linux-gnu-gcc, for
 * the engine's bare machine (crt0_engine.S: EL1, PL011 console, PSCI SYSTEM_OFF) and
 * for qemu-aarch64 user mode (crt0_qemu.S: Linux write/exit_group). Used by the
 * compiled-code tests and by `npm run bench`. Outputs go to a caller-chosen directory.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../diff/oracles/tools';

export const GCC = 'aarch64-linux-gnu-gcc';
export const OPT_LEVELS = ['-O0', '-O2', '-Os'] as const;
export type OptLevel = (typeof OPT_LEVELS)[number];
export type Platform = 'engine' | 'qemu';

/** The MMU is off in the guest (Device memory): unaligned accesses fault, so GCC must not emit them. */
const CFLAGS = ['-ffreestanding', '-nostdlib', '-static', '-mstrict-align', '-fno-pic', '-no-pie', '-fno-stack-protector', '-mno-outline-atomics', '-fno-asynchronous-unwind-tables', '-Wall', '-Werror'];

export function compiledDir(): string {
  return join(repoRoot(), 'test', 'compiled');
}

export function programNames(): string[] {
  return readdirSync(join(compiledDir(), 'programs'))
    .filter((f) => f.endsWith('.c'))
    .map((f) => f.slice(0, -2))
    .sort();
}

export function gccMissing(): string | null {
  const r = spawnSync(GCC, ['--version'], { encoding: 'utf8' });
  if (r.error) return `${GCC} not found (install gcc-aarch64-linux-gnu)`;
  return r.status === 0 ? null : `${GCC} --version exited with ${r.status}`;
}

export interface BuildRequest {
  program: string;
  opt: OptLevel;
  platform: Platform;
  /** Work multiplier passed as -DSCALE (default 1). */
  scale?: number;
}

export const outputName = (r: BuildRequest): string => `${r.program}${r.opt}${r.scale && r.scale !== 1 ? `-x${r.scale}` : ''}.${r.platform}.elf`;

function run(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(GCC, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${GCC} ${args.join(' ')} failed:\n${err}`))));
  });
}

/** Run jobs two at a time (the machines have two cores). */
async function inParallel(jobs: Array<() => Promise<void>>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) await jobs[next++]();
  };
  await Promise.all([worker(), worker()]);
}

/**
 * Build every request into `outDir`; resolves to the ELF paths in request order.
 * Each program is compiled once per optimisation level and scale, then linked with
 * each platform's entry and console; the runtime is compiled once per platform.
 */
export async function buildAll(reqs: BuildRequest[], outDir: string): Promise<string[]> {
  const dir = compiledDir();
  const rt = join(dir, 'runtime');
  const inc = `-I${rt}`;
  const platforms = [...new Set(reqs.map((r) => r.platform))];
  const runtimeJobs = [
    () => run([...CFLAGS, '-O2', '-fno-builtin', '-fno-tree-loop-distribute-patterns', inc, '-c', '-o', join(outDir, 'rt.o'), join(rt, 'rt.c')]),
    ...platforms.flatMap((p) => [
      () => run([...CFLAGS, '-O2', inc, '-c', '-o', join(outDir, `crt0_${p}.o`), join(rt, `crt0_${p}.S`)]),
      () => run([...CFLAGS, '-O2', inc, '-c', '-o', join(outDir, `platform_${p}.o`), join(rt, `platform_${p}.c`)]),
    ]),
  ];
  const objName = (r: BuildRequest): string => join(outDir, `${r.program}${r.opt}-x${r.scale ?? 1}.o`);
  const objects = new Map<string, BuildRequest>();
  for (const r of reqs) objects.set(objName(r), r);
  const compileJobs = [...objects].map(
    ([obj, r]) => () => run([...CFLAGS, r.opt, `-DSCALE=${r.scale ?? 1}`, inc, '-c', '-o', obj, join(dir, 'programs', `${r.program}.c`)]),
  );
  const outputs = reqs.map((r) => join(outDir, outputName(r)));
  const linkJobs = reqs.map(
    (r, k) => () =>
      run([
        ...CFLAGS,
        '-Wl,--no-warn-rwx-segments',
        '-Wl,--build-id=none',
        '-T',
        join(rt, 'link.ld'),
        '-o',
        outputs[k],
        join(outDir, `crt0_${r.platform}.o`),
        join(outDir, `platform_${r.platform}.o`),
        join(outDir, 'rt.o'),
        objName(r),
      ]),
  );
  await inParallel([...runtimeJobs, ...compileJobs]);
  await inParallel(linkJobs);
  return outputs;
}
