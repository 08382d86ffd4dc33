/**
 * Turns what the hypervisor and host KVM report into log events, and after every page
 * transition (and every change to a frame's host mappings) runs the invariant checker
 * and marks the touched pages dirty for the page queries. The first violation is kept
 * so the machine can stop on it.
 */
import { errnoName } from '../hyp/errno';
import { stateName } from '../hyp/pageState';
import { functionName } from '../hyp/smccc';
import { HypercallRecord, HypObserver, TransitionRecord, ComponentStates } from '../hyp/transitionRecord';
import type { HypTrap } from '../hyp/vcpuRun';
import type { KvmObserver } from '../kvm/kvmObserver';
import type { KvmRun } from '../kvm/kvmRun';
import { exitReasonName } from '../kvm/uapi';
import { PAGE_SIZE } from '../memory/physPage';
import { EventLog } from './eventLog';
import { hex, StatesJson, TraceEvent } from './events';
import { InvariantChecker, Violation } from './invariant';
import type { PageQuery } from './pageQuery';

export interface RecordedViolation {
  violation: Violation;
  event: TraceEvent;
  cause: TraceEvent | null;
}

const states = (s: ComponentStates): StatesJson => ({
  host: s.host === null ? null : stateName(s.host),
  hyp: s.hyp === null ? null : stateName(s.hyp),
  guest: s.guest === null ? null : stateName(s.guest),
});

/** JSON-safe copy of a kvm_run description (BigInt → hex, byte arrays kept as numbers). */
function jsonSafe(v: unknown): unknown {
  if (typeof v === 'bigint') return hex(v);
  if (Array.isArray(v)) return v.map(jsonSafe);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, jsonSafe(x)]));
  return v;
}

export class TraceRecorder implements HypObserver, KvmObserver {
  violation: RecordedViolation | null = null;
  pageQuery: PageQuery | null = null;

  constructor(
    readonly log: EventLog,
    readonly checker: InvariantChecker,
  ) {}

  onTransition(rec: TransitionRecord): void {
    const e = this.log.add({
      type: 'transition',
      op: rec.op,
      args: { ...rec.args },
      ret: rec.ret,
      // Positive returns are values (a VM handle, "poisoned" = 1), not error numbers.
      result: rec.ret <= 0 ? errnoName(rec.ret) : String(rec.ret),
      pages: rec.pages.map((p) => ({
        pfn: p.pfn,
        pa: p.pfn !== null ? hex(p.pfn * PAGE_SIZE) : null,
        vm: p.vm,
        gfn: p.gfn,
        ipa: p.gfn !== null ? hex(p.gfn * PAGE_SIZE) : null,
        before: states(p.before),
        after: states(p.after),
      })),
    });
    for (const p of rec.pages) {
      if (p.gfn !== null && p.vm !== null) this.pageQuery?.markGfn(p.gfn);
      if (p.pfn !== null) this.pageQuery?.markPfn(p.pfn);
    }
    if (this.violation) return;
    for (const p of rec.pages) {
      const v =
        (p.pfn !== null ? this.checker.checkFrame(p.pfn) : null) ??
        (p.vm !== null && p.gfn !== null ? this.checker.checkGuestOf(p.vm, p.gfn) : null);
      if (v) {
        this.report(v, e);
        return;
      }
    }
  }

  /** A frame's host mappings or use changed (mapcount, allocation). */
  onFrameChange(pfn: number): void {
    this.pageQuery?.markPfn(pfn);
    if (this.violation) return;
    const v = this.checker.checkFrame(pfn);
    if (v) this.report(v, null);
  }

  /**
   * Memory attributes of [gfn, gfn + n) changed (a kernel NOT_MAPPABLE update or the
   * userspace ioctl): re-check the guest pages of the range.
   */
  onAttributesChange(vmHandle: number | null, gfn: number, n: number): void {
    this.pageQuery?.markRange(gfn, n);
    if (this.violation || vmHandle === null) return;
    const vm = this.checker.hypVm(vmHandle);
    if (!vm) return;
    for (let g = gfn; g < gfn + n; g++) {
      if (vm.stage2.state(g) !== 0 /* OWNED */) continue;
      const v = this.checker.checkGuest(vm, g);
      if (v) {
        this.report(v, this.lastEvent());
        return;
      }
    }
  }

  private lastEvent(): TraceEvent | null {
    const ev = this.log.events;
    return ev.length ? ev[ev.length - 1] : null;
  }

  onHypercall(rec: HypercallRecord): void {
    this.log.add(
      {
        type: 'hypercall',
        phase: rec.phase,
        fn: hex(rec.fn),
        name: functionName(rec.fn),
        regs: rec.regs.map(hex),
        path: rec.path,
      },
      rec.vcpu,
    );
  }

  onGuestExit(vcpu: number, trap: HypTrap, what: string): void {
    this.log.add({ type: 'guest-exit', what, esr: hex(trap.esr), far: hex(trap.far), hpfar: hex(trap.hpfar), regs: trap.x.map(hex) }, vcpu);
  }

  onRunReturn(vcpu: number, ret: number, run: KvmRun): void {
    this.log.add(
      {
        type: 'kvm-run',
        ret: ret < 0 ? -1 : ret,
        result: ret < 0 ? `-1 ${errnoName(-ret)}` : '0',
        exitReason: run.exit_reason,
        exitName: exitReasonName(run.exit_reason),
        run: jsonSafe(run.describe()) as Record<string, unknown>,
      },
      vcpu,
    );
  }

  onKernel(vcpu: number | null, action: string, detail: Record<string, number | bigint | string | boolean>): void {
    const d: Record<string, string | number | boolean> = {};
    for (const [k, v] of Object.entries(detail)) d[k] = typeof v === 'bigint' ? hex(v) : v;
    if (typeof detail.gfn === 'number') d.ipa = hex(detail.gfn * PAGE_SIZE);
    this.log.add({ type: 'kernel', action, detail: d }, vcpu);
    if (typeof detail.gfn === 'number') this.pageQuery?.markGfn(detail.gfn);
  }

  onWarning(message: string): void {
    this.log.add({ type: 'warning', message });
  }

  private report(v: Violation, cause: TraceEvent | null): void {
    const where = v.page.ipa ? `IPA ${v.page.ipa}` : `PA ${v.page.pa}`;
    const st = `host ${v.page.host ?? '-'}, hyp ${v.page.hyp ?? '-'}, guest ${v.page.guest ?? '-'}`;
    const causeText = !cause ? '' : cause.type === 'transition' ? ` after ${cause.op} (event #${cause.seq})` : cause.type === 'kernel' ? ` after "${cause.action}" (event #${cause.seq})` : ` (event #${cause.seq})`;
    const message = `invariant "${v.rule}" violated at ${where} (${st})${causeText}: ${v.message}`;
    const event = this.log.add({ type: 'invariant-violation', rule: v.rule, message, page: v.page, causeSeq: cause ? cause.seq : null });
    this.violation = { violation: v, event, cause };
  }
}
