/**
 * Run control for a debug session, independent of DAP: breakpoints with conditions,
 * hit counts and log points; continue, pause, and stepping in/over/out at instruction
 * or line granularity. The adapter drives it in slices (`advance(budget)`) so that a
 * pause or a new request is noticed promptly; all of this is deterministic.
 */
import type { MachineStop } from '../machine/machine';
import type { DebugMachine } from './debugMachine';
import { evaluateExpression, ExpressionContext } from './expression';
import type { ProgramInfo } from './programInfo';
import { unwind } from './unwind';

export type BreakpointKind = 'source' | 'instruction' | 'function';

export interface CodeBreakpointSpec {
  address: number;
  condition?: string;
  hitCondition?: string;
  logMessage?: string;
}

export interface CodeBreakpoint extends CodeBreakpointSpec {
  readonly id: number;
  readonly kind: BreakpointKind;
  hits: number;
}

export type StepKind = 'in' | 'over' | 'out';
export type Granularity = 'instruction' | 'line';

export type DebugStopReason =
  | 'entry'
  | 'step'
  | 'breakpoint'
  | 'function breakpoint'
  | 'instruction breakpoint'
  | 'data breakpoint'
  | 'pause'
  | 'exception'
  | 'goto';

export type DebugStop =
  | {
      reason: DebugStopReason;
      vcpu: number;
      description: string;
      /** Longer explanation (exception text). */
      text?: string;
      hitBreakpointIds?: number[];
      machineStop?: MachineStop;
    }
  | { reason: 'exited'; vcpu?: number; description: string; machineStop: MachineStop };

type Plan =
  | { kind: 'continue' }
  | {
      kind: 'step';
      vcpu: number;
      step: StepKind;
      granularity: Granularity;
      /** "file:line" the step started on (line granularity). */
      startLine?: string;
      /** Return-address breakpoint for stepping over a call or out of a frame. */
      returnTo?: number;
      returnSp?: bigint;
      /** True while running to `returnTo` (other vCPUs run too). */
      runningToReturn: boolean;
    };

export interface HypercallBreakpointSpec {
  /** What the user typed: `MEM_UNSHARE`, `hvc:0xC6000004`, … */
  name: string;
  /** Function IDs it matches (see hypercallBreakpoints.ts). */
  ids: number[];
  condition?: string;
  hitCondition?: string;
}

export interface HypercallBreakpoint extends HypercallBreakpointSpec {
  readonly id: number;
  hits: number;
}

/** Thrown for requests that cannot be carried out (shown to the user as an error). */
export class DebugRequestError extends Error {}

const CALL_ENCODINGS = new Set(['BL', 'BLR']);

export class GuestDebugger {
  private readonly bps = new Map<BreakpointKind, CodeBreakpoint[]>([
    ['source', []],
    ['instruction', []],
    ['function', []],
  ]);
  private nextId = 1;
  private hypercallBps: HypercallBreakpoint[] = [];
  private hypercallSites = new Set<number>();
  private plan: Plan | null = null;
  private pauseRequested = false;
  /** Messages from log points, drained by the adapter after each `advance`. */
  readonly logOutput: string[] = [];

  constructor(
    readonly machine: DebugMachine,
    readonly program: ProgramInfo,
  ) {}

  get running(): boolean {
    return this.plan !== null;
  }

  // ------------------------------------------------------------------ breakpoints

  /** Replace all breakpoints of one kind; returns them with ids, in the order given. */
  setBreakpoints(kind: BreakpointKind, specs: readonly CodeBreakpointSpec[]): CodeBreakpoint[] {
    const old = this.bps.get(kind)!;
    const list = specs.map((s) => {
      // Keep ids (and hit counts) for breakpoints that did not move, as VS Code expects.
      const prev = old.find((b) => b.address === s.address);
      return { ...s, kind, id: prev?.id ?? this.nextId++, hits: prev?.hits ?? 0 };
    });
    this.bps.set(kind, list);
    this.syncCpuBreakpoints();
    return list;
  }

  allBreakpoints(): CodeBreakpoint[] {
    return [...this.bps.values()].flat();
  }

  /**
   * Replace the hypercall breakpoints. `sites` are the program's HVC/SMC instructions:
   * the vCPU stops there when x0 holds one of a breakpoint's function IDs.
   */
  setHypercallBreakpoints(specs: readonly HypercallBreakpointSpec[], sites: readonly number[]): HypercallBreakpoint[] {
    const old = this.hypercallBps;
    this.hypercallBps = specs.map((s) => {
      const prev = old.find((b) => b.name === s.name);
      return { ...s, id: prev?.id ?? this.nextId++, hits: prev?.hits ?? 0 };
    });
    this.hypercallSites = new Set(sites);
    this.syncCpuBreakpoints();
    return this.hypercallBps;
  }

  /**
   * Replace the memory data breakpoints (watchpoints): accesses that overlap a range
   * stop the run after the access. Watched pages bypass the vCPUs' TLBs.
   */
  setWatchpoints(list: ReadonlyArray<{ addr: number; size: number; read: boolean; write: boolean }>): void {
    const cpus = this.machine.vcpus.map((v) => v.cpu);
    if (cpus.length === 0) return;
    const shared = cpus[0].shared;
    shared.watchpoints.length = 0;
    shared.watchedPages.clear();
    for (const w of list) {
      shared.watchpoints.push({ ...w });
      for (let p = Math.floor(w.addr / 4096); p <= Math.floor((w.addr + w.size - 1) / 4096); p++) shared.watchedPages.add(p);
    }
    for (const c of cpus) c.flushTlb();
  }

  get hypercallBreakpoints(): readonly HypercallBreakpoint[] {
    return this.hypercallBps;
  }

  private syncCpuBreakpoints(): void {
    const addrs = new Set<number>();
    for (const b of this.allBreakpoints()) addrs.add(b.address);
    if (this.hypercallBps.length > 0) for (const a of this.hypercallSites) addrs.add(a);
    if (this.plan?.kind === 'step' && this.plan.returnTo !== undefined) addrs.add(this.plan.returnTo);
    const cpu = this.machine.vcpus[0]?.cpu;
    if (cpu) cpu.setBreakpoints(addrs);
  }

  // ------------------------------------------------------------------ run control

  continue(): void {
    this.plan = { kind: 'continue' };
    this.pauseRequested = false;
  }

  step(vcpu: number, step: StepKind, granularity: Granularity): void {
    const v = this.machine.vcpus[vcpu];
    if (!v) throw new DebugRequestError(`there is no vCPU ${vcpu}`);
    if (v.power === 'off') throw new DebugRequestError(`vCPU ${vcpu} is off: it cannot step until PSCI CPU_ON starts it`);
    const pc = v.cpu.pc;
    const line = this.program.lineAt(pc);
    if (granularity === 'line' && !line) granularity = 'instruction'; // no source here: step the instruction
    const plan: Extract<Plan, { kind: 'step' }> = {
      kind: 'step',
      vcpu,
      step,
      granularity,
      startLine: line ? `${line.file}:${line.line}` : undefined,
      runningToReturn: false,
    };
    if (step === 'out') {
      const frames = this.frames(vcpu);
      if (frames.length < 2) throw new DebugRequestError('cannot step out: this is the outermost frame (no return address on the stack or in LR)');
      plan.returnTo = frames[1].pc;
      plan.returnSp = v.cpu.sp;
      plan.runningToReturn = true;
    }
    this.plan = plan;
    this.pauseRequested = false;
    this.syncCpuBreakpoints();
  }

  /** Ask a running plan to stop at the next slice boundary. */
  pause(): void {
    this.pauseRequested = true;
  }

  /**
   * Advance the current plan by at most `budget` instructions. Returns a stop, or
   * null when the plan is still running (call again).
   */
  advance(budget: number): DebugStop | null {
    const plan = this.plan;
    if (!plan) throw new DebugRequestError('nothing to run: continue or step first');
    if (this.pauseRequested) return this.finish(this.pausedStop(plan));
    if (plan.kind === 'continue' || (plan.kind === 'step' && plan.runningToReturn)) {
      const stop = this.machine.run(budget);
      return this.onMachineStop(stop);
    }
    // Instruction-by-instruction stepping of one vCPU.
    const v = this.machine.vcpus[plan.vcpu];
    if (plan.granularity === 'instruction' && plan.step !== 'out' && this.machine.pendingExit?.(plan.vcpu)) {
      // Stopped in the host layers of an exit: the step finishes it and returns to the guest.
      const stop = this.machine.settle!(plan.vcpu);
      if (stop) return this.onMachineStop(stop);
      return this.finish({ reason: 'step', vcpu: plan.vcpu, description: 'step' });
    }
    for (let n = 0; n < budget; n++) {
      const pc = v.cpu.pc;
      if (plan.step === 'over') {
        const insn = v.cpu.insnAt(pc);
        if (insn?.spec && CALL_ENCODINGS.has(insn.spec.name)) {
          // Run every vCPU until this one returns from the call at the same stack depth.
          plan.returnTo = pc + 4;
          plan.returnSp = v.cpu.sp;
          plan.runningToReturn = true;
          this.syncCpuBreakpoints();
          return null;
        }
      }
      const stop = this.machine.runVcpu(plan.vcpu, 1);
      if (stop.reason !== 'max-steps') return this.onMachineStop(stop);
      if (plan.granularity === 'instruction' || this.lineStepDone(plan, v.cpu.pc)) {
        return this.finish({ reason: 'step', vcpu: plan.vcpu, description: 'step' });
      }
    }
    return null;
  }

  /** Line stepping ends on the first statement of a different line (or where no line is known). */
  private lineStepDone(plan: Extract<Plan, { kind: 'step' }>, pc: number): boolean {
    const pos = this.program.lineAt(pc);
    if (!pos) return true;
    const key = `${pos.file}:${pos.line}`;
    return key !== plan.startLine && this.program.addressesFor(pos.file, pos.line).includes(pc);
  }

  private pausedStop(plan: Plan): DebugStop {
    const vcpu = plan.kind === 'step' ? plan.vcpu : this.firstRunnable();
    return { reason: 'pause', vcpu, description: 'paused' };
  }

  private firstRunnable(): number {
    return this.machine.vcpus.find((v) => v.power === 'on')?.id ?? 0;
  }

  private finish(stop: DebugStop): DebugStop {
    this.plan = null;
    this.pauseRequested = false;
    this.syncCpuBreakpoints();
    return stop;
  }

  private onMachineStop(stop: MachineStop): DebugStop | null {
    const plan = this.plan!;
    switch (stop.reason) {
      case 'max-steps':
        return null;
      case 'breakpoint':
        return this.onBreakpoint(plan, stop);
      case 'system-off':
      case 'idle':
        return this.finish({ reason: 'exited', vcpu: stop.vcpu, description: stop.detail, machineStop: stop });
      case 'exception':
      case 'error':
        return this.finish({ reason: 'exception', vcpu: stop.vcpu ?? 0, description: stop.reason === 'error' ? 'error' : 'exception', text: stop.detail, machineStop: stop });
    }
  }

  private onBreakpoint(plan: Plan, stop: MachineStop): DebugStop | null {
    const vcpu = stop.vcpu ?? 0;
    const v = this.machine.vcpus[vcpu];
    const pc = v.cpu.pc;
    if (stop.requested) {
      // Stopped by the machine on the debugger's request (a page-state data breakpoint).
      return this.finish({ reason: 'data breakpoint', vcpu, description: 'data breakpoint', text: stop.detail, machineStop: stop });
    }
    if (stop.exit?.kind === 'watchpoint') {
      return this.finish({ reason: 'data breakpoint', vcpu, description: 'data breakpoint', text: stop.detail, machineStop: stop });
    }
    // The return of a step over a call / step out, on the stepping vCPU at the right depth.
    if (plan.kind === 'step' && plan.runningToReturn && pc === plan.returnTo && vcpu === plan.vcpu && v.cpu.sp >= (plan.returnSp ?? 0n)) {
      plan.runningToReturn = false;
      plan.returnTo = undefined;
      this.syncCpuBreakpoints();
      if (plan.granularity === 'instruction' || plan.step === 'out' || this.lineStepDone(plan, pc)) {
        return this.finish({ reason: 'step', vcpu, description: 'step' });
      }
      return null; // keep line-stepping from the return address
    }
    const hc = this.hypercallHit(vcpu, pc);
    if (hc) return hc;
    const hit: CodeBreakpoint[] = [];
    for (const b of this.allBreakpoints()) {
      if (b.address !== pc) continue;
      if (!this.conditionHolds(b, vcpu)) continue;
      b.hits++;
      if (!hitConditionHolds(b.hitCondition, b.hits)) continue;
      if (b.logMessage !== undefined) {
        this.logOutput.push(this.interpolate(b.logMessage, vcpu));
        continue;
      }
      hit.push(b);
    }
    if (hit.length === 0) return null; // condition false, hit count not reached, or a log point: keep going
    const kind = hit[0].kind;
    const reason: DebugStopReason = kind === 'function' ? 'function breakpoint' : kind === 'instruction' ? 'instruction breakpoint' : 'breakpoint';
    return this.finish({ reason, vcpu, description: reason, hitBreakpointIds: hit.map((b) => b.id) });
  }

  /** A hypercall breakpoint matching the HVC/SMC at `pc` (x0 = function ID), if any. */
  private hypercallHit(vcpu: number, pc: number): DebugStop | null {
    if (!this.hypercallSites.has(pc) || this.hypercallBps.length === 0) return null;
    const cpu = this.machine.vcpus[vcpu].cpu;
    const fn = Number(cpu.getX(0) & 0xffffffffn);
    const hit: HypercallBreakpoint[] = [];
    for (const b of this.hypercallBps) {
      if (!b.ids.includes(fn)) continue;
      if (!this.conditionHolds(b, vcpu)) continue;
      b.hits++;
      if (hitConditionHolds(b.hitCondition, b.hits)) hit.push(b);
    }
    if (hit.length === 0) return null;
    const args = [1, 2, 3].map((r) => `x${r}=0x${cpu.getX(r).toString(16)}`).join(', ');
    return this.finish({
      reason: 'function breakpoint',
      vcpu,
      description: `hypercall ${hit[0].name}`,
      text: `${hit[0].name} (x0=0x${fn.toString(16)}, ${args})`,
      hitBreakpointIds: hit.map((b) => b.id),
    });
  }

  private conditionHolds(b: { id: number; condition?: string }, vcpu: number): boolean {
    if (!b.condition || b.condition.trim() === '') return true;
    try {
      return evaluateExpression(b.condition, this.expressionContext(vcpu)).value !== 0n;
    } catch (e) {
      // A broken condition stops (as gdb does) and says why, rather than being ignored.
      this.logOutput.push(`breakpoint ${b.id}: condition "${b.condition}" failed: ${(e as Error).message}`);
      return true;
    }
  }

  /** Log point text with {expression} parts evaluated. */
  interpolate(message: string, vcpu: number): string {
    return message.replace(/\{([^}]+)\}/g, (_, expr: string) => {
      try {
        return '0x' + evaluateExpression(expr, this.expressionContext(vcpu)).value.toString(16);
      } catch (e) {
        return `<${(e as Error).message}>`;
      }
    });
  }

  // ------------------------------------------------------------------ inspection

  expressionContext(vcpu: number): ExpressionContext {
    const cpu = this.machine.vcpus[vcpu].cpu;
    return {
      register: (name) => registerByName(cpu, name),
      symbol: (name) => {
        const s = this.program.symbol(name);
        return s ? BigInt(s.address) : undefined;
      },
      readMemory: (addr, size) => {
        const bytes = this.machine.peekGuest(Number(addr), size);
        let v = 0n;
        bytes.forEach((b, k) => {
          if (b === null) throw new Error(`cannot read guest memory at 0x${(addr + BigInt(k)).toString(16)}`);
          v |= BigInt(b) << BigInt(8 * k);
        });
        return v;
      },
    };
  }

  /** Guest call stack of a vCPU. */
  frames(vcpu: number): ReturnType<typeof unwind> {
    const cpu = this.machine.vcpus[vcpu].cpu;
    const read64 = (addr: bigint): bigint | undefined => {
      const b = this.machine.peekGuest(Number(addr), 8);
      if (b.some((x) => x === null)) return undefined;
      return b.reduce<bigint>((acc, x, k) => acc | (BigInt(x!) << BigInt(8 * k)), 0n);
    };
    return unwind({
      pc: cpu.pc,
      lr: cpu.getX(30),
      fp: cpu.getX(29),
      sp: cpu.sp,
      read64,
      readInsn: (addr) => cpu.insnAt(addr)?.word,
      program: this.program,
    });
  }
}

function hitConditionHolds(cond: string | undefined, hits: number): boolean {
  if (!cond || cond.trim() === '') return true;
  const m = /^\s*(>=|<=|==|>|<|%)?\s*(\d+)\s*$/.exec(cond);
  if (!m) return true;
  const n = Number(m[2]);
  switch (m[1]) {
    case '>=': return hits >= n;
    case '<=': return hits <= n;
    case '>': return hits > n;
    case '<': return hits < n;
    case '%': return n > 0 && hits % n === 0;
    default: return hits === n; // "3" or "==3": stop on the third hit
  }
}

/** Registers the expression evaluator understands. */
export function registerByName(cpu: import('../cpu/cpu').Cpu, name: string): bigint | undefined {
  const n = name.toLowerCase();
  let m = /^x(\d+)$/.exec(n);
  if (m && Number(m[1]) <= 30) return cpu.getX(Number(m[1]));
  m = /^w(\d+)$/.exec(n);
  if (m && Number(m[1]) <= 30) return cpu.getX(Number(m[1])) & 0xffffffffn;
  switch (n) {
    case 'sp': return cpu.sp;
    case 'wsp': return cpu.sp & 0xffffffffn;
    case 'pc': return BigInt(cpu.pc);
    case 'lr': return cpu.getX(30);
    case 'fp': return cpu.getX(29);
    case 'xzr': case 'wzr': return 0n;
    case 'nzcv': return BigInt(cpu.nzcv);
    case 'elr_el1': return cpu.sys.elr_el1;
    case 'esr_el1': return cpu.sys.esr_el1;
    case 'far_el1': return cpu.sys.far_el1;
    case 'spsr_el1': return cpu.sys.spsr_el1;
    case 'vbar_el1': return cpu.sys.vbar_el1;
  }
  return undefined;
}
