/**
 * The run's event log: events stamped with the vCPU and instruction counts at the time,
 * kept up to a limit (the oldest are dropped first, and counted), with listeners for
 * consumers that react to events as they happen (triggers, the debugger).
 */
import { TraceEvent, TraceEventBody } from './events';

export interface LogClock {
  /** The vCPU currently acting, or null. */
  currentVcpu(): number | null;
  /** Instructions retired by vCPU `id`. */
  retired(id: number): number;
  /** Instructions retired by all vCPUs. */
  total(): number;
}

export class EventLog {
  private readonly buf: TraceEvent[] = [];
  private nextSeq = 0;
  private readonly listeners: ((e: TraceEvent) => void)[] = [];

  constructor(
    private readonly clock: LogClock,
    readonly maxEvents = 200_000,
  ) {}

  /** Append an event; returns it, stamped. */
  add(body: TraceEventBody, vcpu: number | null = this.clock.currentVcpu()): TraceEvent {
    // Stamp the body in place: callers build a fresh object per event, and copying it
    // (spread) doubles the allocation on the hot exit path.
    const e = body as TraceEvent;
    e.seq = this.nextSeq++;
    e.vcpu = vcpu;
    e.icount = vcpu === null ? 0 : this.clock.retired(vcpu);
    e.total = this.clock.total();
    this.buf.push(e);
    if (this.buf.length > this.maxEvents) this.buf.splice(0, this.buf.length - this.maxEvents);
    for (const l of this.listeners) l(e);
    return e;
  }

  onEvent(l: (e: TraceEvent) => void): void {
    this.listeners.push(l);
  }

  get events(): ReadonlyArray<TraceEvent> {
    return this.buf;
  }

  /** Events dropped because the log was full. */
  get dropped(): number {
    return this.nextSeq - this.buf.length;
  }

  /** Events with seq ≥ `seq` (what happened since a previous look). */
  since(seq: number): TraceEvent[] {
    const first = this.buf.length === 0 ? 0 : this.buf[0].seq;
    return this.buf.slice(Math.max(0, seq - first));
  }

  toJSON(): { dropped: number; events: ReadonlyArray<TraceEvent> } {
    return { dropped: this.dropped, events: this.buf };
  }
}
