/** Runs a differential batch under qemu-aarch64 (user mode, `-cpu max`) through the harness ELF. */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiffCase, Outcome, SCRATCH_SIZE } from '../gen/batch';
import { BLOCK, buildHarnessElf, qemuLayout, SIGREC_SIZE } from './qemuHarness';

const SIGNAL_NAMES: Record<number, string> = { 4: 'SIGILL', 5: 'SIGTRAP', 7: 'SIGBUS', 8: 'SIGFPE', 11: 'SIGSEGV' };

export function runQemu(cases: ReadonlyArray<DiffCase>): Outcome[] {
  const dir = mkdtempSync(join(tmpdir(), 'pkvm-diff-qemu-'));
  try {
    const elf = join(dir, 'batch.elf');
    writeFileSync(elf, buildHarnessElf(cases));
    chmodSync(elf, 0o755);
    const r = spawnSync('qemu-aarch64', ['-cpu', 'max', elf], { maxBuffer: 1 << 30 });
    if (r.error) throw r.error;
    const L = qemuLayout(cases);
    const expected = L.outLength + L.span * SCRATCH_SIZE;
    if (r.status !== 0 || r.stdout.length !== expected) {
      throw new Error(`qemu harness exited with ${r.status} (signal ${r.signal}) after ${r.stdout.length}/${expected} bytes: ${r.stderr.toString()}`);
    }
    const out = r.stdout;
    const dv = new DataView(out.buffer, out.byteOffset, out.byteLength);
    return cases.map((c, i) => {
      const o = i * BLOCK.size;
      const x: bigint[] = [];
      for (let k = 0; k < 31; k++) x.push(dv.getBigUint64(o + 8 * k, true));
      const rec = cases.length * BLOCK.size + c.at * SIGREC_SIZE;
      const sig = Number(dv.getBigUint64(rec, true));
      const pc = Number(dv.getBigUint64(rec + 8, true));
      const s0 = L.outLength + c.at * SCRATCH_SIZE;
      return {
        state: {
          x,
          sp: dv.getBigUint64(o + BLOCK.sp, true),
          nzcv: Number(dv.getBigUint64(o + BLOCK.nzcv, true)) >>> 0,
          fpcr: Number(dv.getBigUint64(o + BLOCK.fpcr, true)) >>> 0,
          fpsr: Number(dv.getBigUint64(o + BLOCK.fpsr, true)) >>> 0,
          v: new Uint8Array(out.subarray(o + BLOCK.q, o + BLOCK.q + 512)),
        },
        scratch: new Uint8Array(out.subarray(s0, s0 + SCRATCH_SIZE)),
        fault: sig === 0 ? null : { pc, what: SIGNAL_NAMES[sig] ?? `signal ${sig}` },
      };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
