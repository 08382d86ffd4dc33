/**
 * Run an example guest the way its header tells a user to: the real `pkvm-debug run`
 * launcher with the example's own configuration file and `--json`, and read the report
 * (stop, console, registers, event log, page runs).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { RunReport } from '../../cli/runReport';
import type { TraceEvent } from '../../engine/trace/events';
import type { PageRun } from '../../engine/trace/pageQuery';
import { pkvmDebug, REPO } from '../helpers/cliBundle';

export const EXAMPLES = join(REPO, 'examples');

export interface ExampleReport extends RunReport {
  profile: string;
  events: TraceEvent[];
  pages: PageRun[];
}

export interface ExampleRun {
  /** Process exit status of the CLI. */
  status: number | null;
  report: ExampleReport;
}

/** `pkvm-debug run examples/NAME.S --config examples/NAME.json --json [extra…]`. */
export function runExample(name: string, extra: string[] = []): ExampleRun {
  const r = pkvmDebug(['run', join(EXAMPLES, `${name}.S`), '--config', join(EXAMPLES, `${name}.json`), '--json', ...extra]);
  assert.ok(r.stdout.trim().startsWith('{'), `no JSON report from ${name}: status ${r.status}\n${r.stderr}`);
  return { status: r.status, report: JSON.parse(r.stdout) as ExampleReport };
}

/** Events of one type, typed. */
export function eventsOf<T extends TraceEvent['type']>(report: ExampleReport, type: T): Extract<TraceEvent, { type: T }>[] {
  return report.events.filter((e): e is Extract<TraceEvent, { type: T }> => e.type === type);
}

/** Register x`r` of vCPU `vcpu` at the end of the run. */
export function xreg(report: ExampleReport, r: number, vcpu = 0): bigint {
  return BigInt(report.vcpus[vcpu].x[r]);
}

/** The page run covering `ipa`. */
export function pageAt(report: ExampleReport, ipa: number): PageRun {
  const run = report.pages.find((p) => ipa >= Number(p.startIpa) && ipa < Number(p.startIpa) + p.pages * 4096);
  assert.ok(run, `no page run covers 0x${ipa.toString(16)}`);
  return run;
}

/** The states of the page at `ipa` that the stories talk about. */
export function pageStates(report: ExampleReport, ipa: number): Pick<PageRun, 'guest' | 'host' | 'private' | 'notMappable' | 'hostMapped'> {
  const p = pageAt(report, ipa);
  return { guest: p.guest, host: p.host, private: p.private, notMappable: p.notMappable, hostMapped: p.hostMapped };
}

/** `nr` of every KVM_EXIT_HYPERCALL the VMM received, in order ("0x3" MEM_SHARE, "0x4" MEM_UNSHARE). */
export function hypercallExits(report: ExampleReport): { nr: string; ipa: string; vcpu: number | null }[] {
  return eventsOf(report, 'kvm-run')
    .filter((e) => e.exitName === 'KVM_EXIT_HYPERCALL' && e.ret === 0)
    .map((e) => {
      const h = e.run.hypercall as { nr: string; args: string[] };
      return { nr: h.nr, ipa: h.args[0], vcpu: e.vcpu };
    });
}

/** x0 the guest got back from each completed call of hypercall `name` (by vCPU, in order). */
export function hypercallResults(report: ExampleReport, name: string): { x0: string; vcpu: number | null }[] {
  return eventsOf(report, 'hypercall')
    .filter((e) => e.name === name && e.phase === 'return' && e.path !== 'fault-in')
    .map((e) => ({ x0: e.regs[0], vcpu: e.vcpu }));
}

/** Transitions of one operation on the page at `ipa`: their results and the page's states after. */
export function transitionsOn(report: ExampleReport, op: string, ipa: number): { result: string; after: { host: string | null; guest: string | null } }[] {
  const ipaHex = `0x${ipa.toString(16)}`;
  return eventsOf(report, 'transition')
    .filter((e) => e.op === op && e.pages.some((p) => p.ipa === ipaHex))
    .map((e) => {
      const p = e.pages.find((x) => x.ipa === ipaHex)!;
      return { result: e.result, after: { host: p.after.host, guest: p.after.guest } };
    });
}

export const INVALID_PARAMETER = '0xfffffffffffffffd';
