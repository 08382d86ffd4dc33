/**
 * Fires scripted host actions. Watches the event log for the configured moments
 * (hypercalls as EL2 receives them, KVM_RUN exits to the VMM, console text) and the
 * instruction count, and queues each action once, on the requested occurrence. Queued
 * actions run as soon as the host has control again; for a hypercall the running vCPU
 * is asked to come back right after EL2 has handled it.
 *
 * A MEM_SHARE that EL2 turns into a fault (page not yet mapped) is re-executed by the
 * guest; only the attempt that completes counts as an occurrence.
 */
import type { HostAction, ScriptedAction } from '../config/scriptedActions';
import type { HypContext } from '../hyp/hypContext';
import type { EventLog } from '../trace/eventLog';
import type { TraceEvent } from '../trace/events';

export interface DueAction {
  index: number;
  action: HostAction;
  /** The triggering hypercall's x1, if any. */
  x1: bigint | null;
  /** Why it fired, for the log. */
  reason: string;
}

export class TriggerEngine {
  private queue: DueAction[] = [];
  private readonly fired = new Set<number>();
  private readonly seen = new Map<number, number>();
  /** Per vCPU, the actions whose count its last hypercall call event advanced. */
  private readonly lastCall = new Map<number, number[]>();

  constructor(
    private readonly actions: ReadonlyArray<ScriptedAction>,
    log: EventLog,
    private readonly consoleText: () => string,
    private readonly hyp: HypContext,
  ) {
    log.onEvent((e) => this.onEvent(e));
  }

  /** Queue the "at start" actions. */
  start(): void {
    this.actions.forEach((a, i) => {
      if (a.trigger.kind === 'start') this.fire(i, null, 'at start');
    });
  }

  /** The next instruction count at which an action is due (Infinity if none). */
  nextInstructionMark(total: number): number {
    let next = Infinity;
    this.actions.forEach((a, i) => {
      if (a.trigger.kind === 'instructions' && !this.fired.has(i) && a.trigger.count >= total) next = Math.min(next, a.trigger.count);
    });
    return next;
  }

  /** Queue instruction-count actions that are due at `total`. */
  checkInstructions(total: number): void {
    this.actions.forEach((a, i) => {
      if (a.trigger.kind === 'instructions' && a.trigger.count <= total) this.fire(i, null, `after ${a.trigger.count} instructions`);
    });
  }

  /** Take the queued actions. */
  take(): DueAction[] {
    const q = this.queue;
    this.queue = [];
    return q;
  }

  private fire(index: number, x1: bigint | null, reason: string): void {
    if (this.fired.has(index)) return;
    this.fired.add(index);
    this.queue.push({ index, action: this.actions[index].action, x1, reason });
    this.hyp.preemptRequested = true;
  }

  private count(index: number): number {
    const n = (this.seen.get(index) ?? 0) + 1;
    this.seen.set(index, n);
    return n;
  }

  private onEvent(e: TraceEvent): void {
    if (e.type === 'hypercall') {
      const fn = Number(e.fn) >>> 0;
      if (e.phase === 'call') {
        const counted: number[] = [];
        this.actions.forEach((a, i) => {
          if (a.trigger.kind !== 'hypercall' || a.trigger.fn !== fn || this.fired.has(i)) return;
          counted.push(i);
          if (this.count(i) === a.trigger.occurrence) this.fire(i, BigInt(e.regs[1]), `${e.name} #${a.trigger.occurrence}`);
        });
        this.lastCall.set(e.vcpu ?? -1, counted);
      } else if (e.path === 'fault-in') {
        // The call did not happen yet: the guest will issue it again once the page is mapped.
        for (const i of this.lastCall.get(e.vcpu ?? -1) ?? []) {
          this.seen.set(i, (this.seen.get(i) ?? 1) - 1);
          const q = this.queue.findIndex((d) => d.index === i);
          if (q >= 0) {
            this.queue.splice(q, 1);
            this.fired.delete(i);
          }
        }
        this.lastCall.delete(e.vcpu ?? -1);
      }
      return;
    }
    if (e.type === 'kvm-run' && e.ret === 0) {
      this.actions.forEach((a, i) => {
        if (a.trigger.kind === 'exit' && `KVM_EXIT_${a.trigger.reason}` === e.exitName && this.count(i) === a.trigger.occurrence) {
          this.fire(i, null, `${e.exitName} #${a.trigger.occurrence}`);
        }
      });
      return;
    }
    if (e.type === 'console' && this.actions.some((a, i) => a.trigger.kind === 'console' && !this.fired.has(i))) {
      const text = this.consoleText();
      this.actions.forEach((a, i) => {
        if (a.trigger.kind === 'console' && text.includes(a.trigger.text)) this.fire(i, null, `console printed "${a.trigger.text}"`);
      });
    }
  }
}
