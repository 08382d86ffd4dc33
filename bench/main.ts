/**
 * `npm run bench`: compute-bound guests on the engine and, where qemu-aarch64 is
 * installed, under qemu-aarch64 (user mode, same program, same work). Prints per
 * guest the guest instruction count, engine MIPS, qemu time, and engine speed as a
 * fraction of qemu's, then the geometric mean of those ratios.
 *
 * qemu finishes these guests in tens of milliseconds, so its start-up and translation
 * would dominate a single run. Its time for the engine's amount of work is therefore
 * measured by difference: (time at SCALE×K − time at SCALE) / (K − 1).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAll, BuildRequest, gccMissing } from '../test/compiled/build';
import { toolMissing } from '../test/diff/oracles/tools';
import { BENCH_GUESTS } from './guests';
import { runEngine, runQemu } from './measure';

const K = 21;

async function main(): Promise<number> {
  const noGcc = gccMissing();
  if (noGcc) {
    console.error(`bench: the guests are built from test/compiled/programs at bench time, and ${noGcc}`);
    return 1;
  }
  const noQemu = toolMissing('qemu-aarch64');
  const dir = mkdtempSync(join(tmpdir(), 'pkvm-bench-'));
  try {
    const reqs: BuildRequest[] = BENCH_GUESTS.flatMap((g) => [
      { program: g.program, opt: '-O2' as const, platform: 'engine' as const, scale: g.scale },
      ...(noQemu
        ? []
        : [
            { program: g.program, opt: '-O2' as const, platform: 'qemu' as const, scale: g.scale },
            { program: g.program, opt: '-O2' as const, platform: 'qemu' as const, scale: g.scale * K },
          ]),
    ]);
    const paths = await buildAll(reqs, dir);
    const elf = (program: string, platform: string, scale: number): string =>
      paths[reqs.findIndex((r) => r.program === program && r.platform === platform && r.scale === scale)];
    console.log(`engine vs ${noQemu ? `(qemu-aarch64 unavailable: ${noQemu})` : 'qemu-aarch64 -cpu max'}; guests built -O2; times are CPU seconds`);
    console.log(`${'guest'.padEnd(10)}${'instructions'.padStart(14)}${'engine s'.padStart(10)}${'MIPS'.padStart(8)}${'qemu s'.padStart(9)}${'qemu MIPS'.padStart(11)}${'engine/qemu'.padStart(13)}`);

    // Warm the engine's code paths once so the first guest is not charged for it.
    runEngine(elf(BENCH_GUESTS[0].program, 'engine', BENCH_GUESTS[0].scale), 2_000_000);
    const ratios: number[] = [];
    let totalInsns = 0;
    let totalSeconds = 0;
    for (const g of BENCH_GUESTS) {
      const e = runEngine(elf(g.program, 'engine', g.scale));
      if (!e.stop.startsWith('system-off')) {
        console.log(`${g.program.padEnd(10)} did not finish on the engine: ${e.stop}`);
        continue;
      }
      totalInsns += e.instructions;
      totalSeconds += e.seconds;
      const mips = e.instructions / e.seconds / 1e6;
      let qemuCols = `${'-'.padStart(9)}${'-'.padStart(11)}${'-'.padStart(13)}`;
      if (!noQemu) {
        const q = runQemu(elf(g.program, 'qemu', g.scale));
        const qk = runQemu(elf(g.program, 'qemu', g.scale * K));
        if (q.stdout !== e.console) console.log(`  note: ${g.program} console differs between the engine and qemu`);
        const net = Math.max((qk.seconds - q.seconds) / (K - 1), 1e-4);
        const ratio = net / e.seconds;
        ratios.push(ratio);
        qemuCols = `${net.toFixed(3).padStart(9)}${(e.instructions / net / 1e6).toFixed(0).padStart(11)}${ratio.toFixed(4).padStart(12)}x`;
      }
      console.log(`${g.program.padEnd(10)}${e.instructions.toLocaleString('en-US').padStart(14)}${e.seconds.toFixed(2).padStart(10)}${mips.toFixed(1).padStart(8)}${qemuCols}`);
    }
    console.log(`engine overall: ${(totalInsns / totalSeconds / 1e6).toFixed(1)} MIPS over ${totalInsns.toLocaleString('en-US')} instructions`);
    if (ratios.length > 0) {
      const geo = Math.exp(ratios.reduce((s, r) => s + Math.log(r), 0) / ratios.length);
      console.log(`geometric mean engine/qemu: ${geo.toFixed(4)}x (target 0.06x)`);
    }
    return 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`bench: ${(e as Error).stack ?? String(e)}`);
    process.exit(1);
  },
);
