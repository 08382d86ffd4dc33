/**
 * The event log's vocabulary: everything that happens between the guest, the
 * hypervisor, host KVM and the VMM. Events are plain JSON-safe objects (64-bit values
 * as "0x…" strings, states by name), so a log serialises with JSON.stringify as is.
 */
import type { PageStateName } from '../hyp/pageState';

export interface EventStamp {
  /** Position in the log (0, 1, 2 … across the whole run, including dropped events). */
  seq: number;
  /** vCPU on whose behalf it happened, or null (VMM setup, scripted actions outside a vCPU). */
  vcpu: number | null;
  /** Instructions that vCPU had retired. */
  icount: number;
  /** Instructions retired by all vCPUs. */
  total: number;
}

export interface StatesJson {
  host: PageStateName | null;
  hyp: PageStateName | null;
  guest: PageStateName | null;
}

export interface PageChangeJson {
  pfn: number | null;
  /** Host physical address of the frame. */
  pa: string | null;
  vm: number | null;
  gfn: number | null;
  ipa: string | null;
  before: StatesJson;
  after: StatesJson;
}

export type TraceEventBody =
  | { type: 'hypercall'; phase: 'call' | 'return'; fn: string; name: string; regs: string[]; path: 'el2' | 'host' | 'fault-in' }
  | { type: 'transition'; op: string; args: Record<string, number>; ret: number; result: string; pages: PageChangeJson[] }
  | { type: 'guest-exit'; what: string; esr: string; far: string; hpfar: string; regs: string[] }
  | { type: 'kvm-run'; ret: number; result: string; exitReason: number; exitName: string; run: Record<string, unknown> }
  | { type: 'kernel'; action: string; detail: Record<string, string | number | boolean> }
  | { type: 'vmm'; action: string; detail: Record<string, string | number | boolean>; result: string }
  | { type: 'signal'; signal: 'SIGBUS' | 'SIGSEGV'; va: string; ipa: string | null; why: string; during: string }
  | { type: 'console'; text: string }
  | { type: 'warning'; message: string }
  | { type: 'invariant-violation'; rule: string; message: string; page: InvariantPage; causeSeq: number | null }
  | { type: 'machine'; what: string; detail: string };

export type TraceEvent = EventStamp & TraceEventBody;
export type TraceEventType = TraceEventBody['type'];

/** The states of one page at the moment an invariant failed. */
export interface InvariantPage {
  pfn: number | null;
  pa: string | null;
  vm: number | null;
  gfn: number | null;
  ipa: string | null;
  host: PageStateName | null;
  hyp: PageStateName | null;
  guest: PageStateName | null;
  hostMapcount: number | null;
  notMappable: boolean | null;
  private: boolean | null;
}

export const hex = (v: number | bigint): string => `0x${v.toString(16)}`;
