/**
 * Comparing the engine's outcome of a case with an oracle's, and describing the
 * differences in a form a person can act on.
 */
import { CpuState, Outcome } from '../gen/batch';

const h64 = (v: bigint): string => '0x' + v.toString(16).padStart(16, '0');
const h32 = (v: number): string => '0x' + (v >>> 0).toString(16).padStart(8, '0');
const vreg = (v: Uint8Array, k: number): string =>
  '0x' + Array.from(v.subarray(16 * k, 16 * k + 16)).reverse().map((b) => b.toString(16).padStart(2, '0')).join('');

export interface CompareOptions {
  /** FPCR is compared only where sequences write it through MSR (both sides must keep defined bits). */
  fpcr: boolean;
}

/** Differences as "what: expected … actual …" lines; empty when the outcomes agree. */
export function diffOutcomes(expected: Outcome, actual: Outcome, opts: CompareOptions = { fpcr: true }): string[] {
  const out: string[] = [];
  const ef = expected.fault;
  const af = actual.fault;
  if (ef || af) {
    if (!ef) out.push(`engine faulted at 0x${af!.pc.toString(16)} (${af!.what}); the oracle ran to the end`);
    else if (!af) out.push(`the oracle faulted at 0x${ef.pc.toString(16)} (${ef.what}); the engine ran to the end`);
    else if (ef.pc !== af.pc) out.push(`fault PC: oracle 0x${ef.pc.toString(16)} (${ef.what}), engine 0x${af.pc.toString(16)} (${af.what})`);
    return out; // register state after a fault is not comparable across the runners' exception models
  }
  out.push(...diffStates(expected.state, actual.state, opts));
  for (let k = 0; k < expected.scratch.length; k++) {
    if (expected.scratch[k] !== actual.scratch[k]) {
      let end = k;
      while (end < expected.scratch.length && end - k < 16 && expected.scratch[end] !== actual.scratch[end]) end++;
      const hx = (b: Uint8Array): string => Buffer.from(b.subarray(k, end)).toString('hex');
      out.push(`scratch[+0x${k.toString(16)}..+0x${end.toString(16)}): expected ${hx(expected.scratch)} actual ${hx(actual.scratch)}`);
      break;
    }
  }
  return out;
}

export function diffStates(e: CpuState, a: CpuState, opts: CompareOptions): string[] {
  const out: string[] = [];
  for (let r = 0; r < 31; r++) if (e.x[r] !== a.x[r]) out.push(`x${r}: expected ${h64(e.x[r])} actual ${h64(a.x[r])}`);
  if (e.sp !== a.sp) out.push(`sp: expected ${h64(e.sp)} actual ${h64(a.sp)}`);
  if (e.nzcv !== a.nzcv) out.push(`nzcv: expected ${nzcvText(e.nzcv)} actual ${nzcvText(a.nzcv)}`);
  if (e.fpsr !== a.fpsr) out.push(`fpsr: expected ${h32(e.fpsr)} actual ${h32(a.fpsr)}`);
  if (opts.fpcr && e.fpcr !== a.fpcr) out.push(`fpcr: expected ${h32(e.fpcr)} actual ${h32(a.fpcr)}`);
  for (let k = 0; k < 32; k++) {
    const ev = vreg(e.v, k);
    const av = vreg(a.v, k);
    if (ev !== av) out.push(`v${k}: expected ${ev} actual ${av}`);
  }
  return out;
}

export function nzcvText(v: number): string {
  return ['N', 'Z', 'C', 'V'].map((f, k) => ((v >>> (31 - k)) & 1 ? f : f.toLowerCase())).join('');
}

/** The parts of a state a reproducer needs: the named registers and the status registers. */
export function stateSummary(s: CpuState, regs: number[], vregs: number[]): string {
  const parts = regs.map((r) => (r === 31 ? `sp=${h64(s.sp)}` : `x${r}=${h64(s.x[r])}`));
  parts.push(...vregs.map((k) => `v${k}=${vreg(s.v, k)}`));
  parts.push(`nzcv=${nzcvText(s.nzcv)}`, `fpcr=${h32(s.fpcr)}`, `fpsr=${h32(s.fpsr)}`);
  return parts.join(' ');
}
