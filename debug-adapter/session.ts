/**
 * The DAP session: translates Debug Adapter Protocol requests into calls on the
 * engine (GuestDebugger over a DebugMachine) and engine stops into DAP events. It
 * knows DAP; the engine does not.
 *
 * Robustness rules: every request gets a response; a handler that throws produces an
 * error response naming the problem (the session stays up); requests that need a
 * launched program are refused clearly before launch and after termination.
 */
import {
  Breakpoint,
  ContinuedEvent,
  DebugSession,
  ExitedEvent,
  InitializedEvent,
  InvalidatedEvent,
  MemoryEvent,
  OutputEvent,
  ProgressEndEvent,
  ProgressStartEvent,
  ProgressUpdateEvent,
  Source,
  StackFrame,
  StoppedEvent,
  TerminatedEvent,
  Thread,
  ThreadEvent,
} from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { basename } from 'node:path';
import { DebugRequestError, DebugStop, GuestDebugger, Granularity, StepKind, CodeBreakpointSpec } from '../engine/debug/guestDebugger';
import { evaluateExpression, ExpressionError, GP_REGISTER_NAMES } from '../engine/debug/expression';
import { findHypercallSites, hypercallIds } from '../engine/debug/hypercallBreakpoints';
import { disassemble } from '../engine/disasm';
import type { HypercallBreakpointSpec } from '../engine/debug/guestDebugger';
import { PkvmMachine } from '../engine/vmm/pkvmMachine';
import { parseLaunchConfig } from '../engine/config/launchConfig';
import { PkvmLaunchArguments, machineSettings, validateLaunchArguments } from './launchArguments';
import { CUSTOM, PAGES_CHANGED_EVENT, BreakOnPageArguments, HostCommandArguments, PageCellsArguments, PageDetailsArguments, SetFormatArguments } from './protocol/customRequests';
import { PkvmView } from './pkvmView';
import { EXCEPTION_FILTERS, FilterMatch, FilterMatcher } from './exceptionFilters';
import { ConsoleCommandError, CONSOLE_COMMANDS, isConsoleCommand, runConsoleCommand } from './consoleCommands';
import { Event } from '@vscode/debugadapter';
import type { LaunchConfig } from '../engine/config/launchConfig';
import { LaunchError, LoadedProgram, loadProgram } from './programLoader';
import { NumberFormat, ScopeContributor, VarNode, VariableHandles, decodeEsr, formatValue, registerNodes, systemRegisterNodes } from './variables';

type Phase = 'new' | 'initialized' | 'launched' | 'terminated';

/** Requests that are valid before a program is launched. */
const PRE_LAUNCH = new Set(['initialize', 'launch', 'attach', 'disconnect', 'terminate', 'setBreakpoints', 'setFunctionBreakpoints', 'setExceptionBreakpoints', 'setInstructionBreakpoints', 'configurationDone', 'threads', 'cancel', 'breakpointLocations']);

/** Instructions per slice of a run: small enough that pause answers promptly. */
const SLICE = 200_000;
/** A progress notification appears once a run has lasted this many slices. */
const PROGRESS_AFTER_SLICES = 25;

interface FrameRef {
  vcpu: number;
  index: number;
  pc: number;
}

export class PkvmDebugSession extends DebugSession {
  protected phase: Phase = 'new';
  private clientCaps: DebugProtocol.InitializeRequestArguments = { adapterID: 'pkvm' };
  private launchArgs: PkvmLaunchArguments | null = null;
  private program: LoadedProgram | null = null;
  private machine: PkvmMachine | null = null;
  private dbg: GuestDebugger | null = null;
  private format: NumberFormat = 'hex';
  private readonly handles = new VariableHandles();
  private readonly frames = new Map<number, FrameRef>();
  private nextFrameId = 1;
  private readonly contributors: ScopeContributor[] = [];
  private configurationDone = false;
  private pendingSourceBps = new Map<string, DebugProtocol.SourceBreakpoint[]>();
  private pendingFunctionBps: DebugProtocol.FunctionBreakpoint[] = [];
  private pendingInstructionBps: DebugProtocol.InstructionBreakpoint[] = [];
  private loopActive = false;
  private consoleSent = 0;
  private knownPower: string[] = [];
  private lastStop: DebugStop | null = null;
  private progressId = 0;
  private view: PkvmView | null = null;
  private config: LaunchConfig | null = null;
  private pagesGeneration = 0;
  /** Pages (by frame number) with a "break when this page changes" data breakpoint. */
  private watchedPages = new Set<number>();
  /** Enabled exception filters and their conditions (defaults until the client says otherwise). */
  private exceptionFilters = new Map<string, string | undefined>(EXCEPTION_FILTERS.filter((f) => f.default).map((f) => [f.filter, undefined]));
  /** The exception filter whose event asked the machine to stop. */
  private pendingException: FilterMatch | null = null;
  private lastException: FilterMatch | null = null;

  constructor() {
    super();
    this.setDebuggerLinesStartAt1(true);
    this.setDebuggerColumnsStartAt1(true);
  }

  // ------------------------------------------------------------------ dispatch

  /** Central dispatch: phase checks and conversion of thrown errors into error responses. */
  protected override dispatchRequest(request: DebugProtocol.Request): void {
    if (this.phase === 'terminated' && request.command !== 'disconnect') {
      return this.fail(request, `the debug session has ended; '${request.command}' cannot run`);
    }
    if (this.phase !== 'launched' && !PRE_LAUNCH.has(request.command)) {
      return this.fail(request, `'${request.command}' needs a launched program (send 'launch' first)`);
    }
    try {
      super.dispatchRequest(request);
    } catch (e) {
      this.fail(request, (e as Error).message);
    }
  }

  private fail(request: DebugProtocol.Request, message: string): void {
    const response: DebugProtocol.Response = {
      seq: 0,
      type: 'response',
      request_seq: request.seq,
      command: request.command,
      success: false,
      message,
      body: { error: { id: 1, format: message.replace(/[{}]/g, (c) => (c === '{' ? '(' : ')')), showUser: true } },
    };
    this.sendResponse(response);
  }

  private get d(): GuestDebugger {
    if (!this.dbg) throw new DebugRequestError('no program is running');
    return this.dbg;
  }

  private vcpuOf(threadId: number | undefined): number {
    const id = (threadId ?? 1) - 1;
    if (!this.machine || !Number.isInteger(id) || id < 0 || id >= this.machine.vcpus.length) {
      throw new DebugRequestError(`unknown thread ${threadId}: threads are vCPUs 1..${this.machine?.vcpus.length ?? 0}`);
    }
    return id;
  }

  private stoppedOrThrow(): void {
    if (this.dbg?.running) throw new DebugRequestError('the guest is running; pause it first');
  }

  // ------------------------------------------------------------------ lifecycle

  protected override initializeRequest(response: DebugProtocol.InitializeResponse, args: DebugProtocol.InitializeRequestArguments): void {
    this.clientCaps = args;
    response.body = {
      supportsConfigurationDoneRequest: true,
      supportsTerminateRequest: true,
      supportsRestartRequest: true,
      supportsConditionalBreakpoints: true,
      supportsHitConditionalBreakpoints: true,
      supportsLogPoints: true,
      supportsFunctionBreakpoints: true,
      supportsSteppingGranularity: true,
      supportsSetVariable: true,
      supportsReadMemoryRequest: true,
      supportsDisassembleRequest: true,
      supportsInstructionBreakpoints: true,
      supportsWriteMemoryRequest: true,
      supportsGotoTargetsRequest: true,
      supportsCancelRequest: true,
      supportsCompletionsRequest: true,
      supportsExceptionInfoRequest: true,
      supportsEvaluateForHovers: true,
      supportsBreakpointLocationsRequest: true,
      supportsValueFormattingOptions: true,
      supportSuspendDebuggee: true,
      supportTerminateDebuggee: true,
      exceptionBreakpointFilters: EXCEPTION_FILTERS,
      supportsExceptionFilterOptions: true,
      supportsDataBreakpoints: true,
      supportsDataBreakpointBytes: true,
      completionTriggerCharacters: [' ', '.'],
    };
    this.phase = 'initialized';
    this.sendResponse(response);
    this.sendEvent(new InitializedEvent());
  }

  protected override launchRequest(response: DebugProtocol.LaunchResponse, args: DebugProtocol.LaunchRequestArguments): void {
    const launch = args as PkvmLaunchArguments;
    const problems = validateLaunchArguments(launch);
    if (problems.length > 0) {
      this.sendErrorResponse(response, { id: 2, format: `invalid launch configuration: ${problems.join('; ')}`.replace(/[{}]/g, ''), showUser: true });
      return;
    }
    try {
      this.startProgram(launch);
    } catch (e) {
      const msg = e instanceof LaunchError ? e.message : `cannot launch: ${(e as Error).message}`;
      this.sendErrorResponse(response, { id: 3, format: msg.replace(/[{}]/g, ''), showUser: true });
      return;
    }
    this.sendResponse(response);
    if (this.configurationDone) this.afterConfiguration();
  }

  private startProgram(launch: PkvmLaunchArguments): void {
    const loadAddress = launch.loadAddress === undefined ? undefined : Number(launch.loadAddress);
    const parsed = parseLaunchConfig(machineSettings(launch));
    if (!parsed.ok) throw new LaunchError(`invalid launch configuration: ${parsed.errors.join('; ')}`);
    const config = parsed.config;
    // The program is placed in the first RAM region (the default 64 MiB at 0x80000000).
    const ram = config.memory[0];
    const program = loadProgram(launch.program, { base: ram.base, size: ram.size }, loadAddress);
    const machine = new PkvmMachine(config, program.image);
    this.launchArgs = launch;
    this.program = program;
    this.machine = machine;
    this.dbg = new GuestDebugger(machine, program.info);
    this.hypercallSites = findHypercallSites(program.image);
    this.config = config;
    this.view = new PkvmView(machine, config);
    this.contributors.length = 0;
    this.contributors.push(this.view);
    this.watchedPages.clear();
    this.mapPages.clear();
    this.dataPages.clear();
    machine.log.onEvent((e) => {
      // Page-state data breakpoints: stop right after a transition touches a watched page.
      if (this.watchedPages.size === 0 || e.type !== 'transition') return;
      const hit = e.pages.find((p) => p.gfn !== null && this.watchedPages.has(p.gfn));
      if (hit) machine.requestStop(`page ${hit.ipa} changed: ${e.op} → ${e.result}`);
    });
    const matcher = new FilterMatcher();
    machine.log.onEvent((e) => {
      const m = matcher.match(e, new Set(this.exceptionFilters.keys()));
      if (!m || !this.filterConditionHolds(m)) return;
      this.pendingException = m;
      machine.requestStop(m.text);
    });
    if (launch.traceHypercalls) {
      machine.log.onEvent((e) => {
        if (e.type === 'hypercall' && e.phase === 'call') this.sendEvent(new OutputEvent(`[vCPU ${e.vcpu ?? '-'}] ${e.name}(${e.regs.slice(1).join(', ')})\n`, 'console'));
        if (e.type === 'hypercall' && e.phase === 'return') this.sendEvent(new OutputEvent(`[vCPU ${e.vcpu ?? '-'}]   → ${e.regs[0] ?? ''} (${e.path})\n`, 'console'));
      });
    }
    this.format = launch.format ?? 'hex';
    this.phase = 'launched';
    this.consoleSent = 0;
    this.knownPower = machine.vcpus.map(() => 'off');
    for (const w of program.warnings) this.sendEvent(new OutputEvent(`${w}\n`, 'console'));
    this.applyPendingBreakpoints();
  }

  protected override configurationDoneRequest(response: DebugProtocol.ConfigurationDoneResponse): void {
    this.configurationDone = true;
    this.sendResponse(response);
    if (this.phase === 'launched') this.afterConfiguration();
  }

  /** Both launch and configurationDone have arrived: report threads and start or stop on entry. */
  private afterConfiguration(): void {
    this.reportThreadChanges();
    if (this.launchArgs?.stopOnEntry) {
      this.lastStop = { reason: 'entry', vcpu: 0, description: 'entry' };
      this.sendEvent(new StoppedEvent('entry', 1));
      this.sendStoppedRefresh();
    } else {
      this.d.continue();
      void this.runLoop();
    }
  }

  protected override restartRequest(response: DebugProtocol.RestartResponse, args: DebugProtocol.RestartArguments): void {
    const launch = ((args?.arguments as PkvmLaunchArguments | undefined) ?? this.launchArgs)!;
    try {
      this.startProgram(launch); // rebinds every breakpoint the client has set
    } catch (e) {
      throw new DebugRequestError(e instanceof LaunchError ? e.message : (e as Error).message);
    }
    this.sendResponse(response);
    this.afterConfiguration();
  }

  protected override terminateRequest(response: DebugProtocol.TerminateResponse): void {
    this.dbg?.pause();
    this.phase = 'terminated';
    this.sendResponse(response);
    this.sendEvent(new TerminatedEvent());
  }

  protected override disconnectRequest(response: DebugProtocol.DisconnectResponse): void {
    this.dbg?.pause();
    this.phase = 'terminated';
    this.sendResponse(response);
  }

  protected override cancelRequest(response: DebugProtocol.CancelResponse): void {
    // Every other request is answered synchronously, so by the time a cancel arrives
    // there is nothing left in flight to cancel.
    this.sendResponse(response);
  }

  // ------------------------------------------------------------------ threads and stack

  protected override threadsRequest(response: DebugProtocol.ThreadsResponse): void {
    const m = this.machine;
    response.body = {
      threads: m ? m.vcpus.map((v) => new Thread(v.id + 1, `vCPU ${v.id} (MPIDR 0x${((0x80000000 | v.cpu.mpidrAff) >>> 0).toString(16)}, ${v.power})`)) : [],
    };
    this.sendResponse(response);
  }

  private reportThreadChanges(): void {
    const m = this.machine!;
    m.vcpus.forEach((v, k) => {
      const now = v.power === 'off' ? 'off' : 'on';
      if (now !== this.knownPower[k]) {
        this.sendEvent(new ThreadEvent(now === 'on' ? 'started' : 'exited', k + 1));
        this.knownPower[k] = now;
      }
    });
  }

  protected override stackTraceRequest(response: DebugProtocol.StackTraceResponse, args: DebugProtocol.StackTraceArguments): void {
    this.stoppedOrThrow();
    const vcpu = this.vcpuOf(args.threadId);
    const info = this.program!.info;
    const all = this.d.frames(vcpu);
    const start = args.startFrame ?? 0;
    const slice = all.slice(start, args.levels ? start + args.levels : undefined);
    const inExit = start === 0 && !!this.machine!.pendingExit(vcpu);
    const frames = slice.map((f, k) => {
      const id = this.nextFrameId++;
      this.frames.set(id, { vcpu, index: start + k, pc: f.pc });
      const name = info.describe(f.pc) ?? `0x${f.pc.toString(16)}`;
      // Inside an exit the guest frame shows the trapping HVC/access, like a caller's call site.
      const pos = (inExit && start + k === 0 ? info.lineAt(f.pc - 4) : undefined) ?? info.lineAt(f.pc);
      const src = pos ? new Source(basename(pos.file), pos.file) : undefined;
      const frame = new StackFrame(id, name, src, pos?.line ?? 0, pos?.column ?? 0);
      frame.instructionPointerReference = `0x${f.pc.toString(16)}`;
      if (!pos) frame.presentationHint = 'subtle';
      return frame;
    });
    const layers = start === 0 ? this.layerFrames(vcpu) : [];
    response.body = { stackFrames: [...layers, ...frames], totalFrames: all.length + layers.length };
    this.sendResponse(response);
  }

  /** Read-only virtual sources explaining the layers of a pending exit, by sourceReference. */
  private readonly virtualSources = new Map<number, string>();
  private nextSourceRef = 1;

  /**
   * When a vCPU is inside an exit (the VMM handled it; KVM_RUN has not yet completed it),
   * frames above the guest's show the layers that handled it — EL2, host KVM, the VMM —
   * each with a virtual source telling what it did and the states it checked.
   */
  private layerFrames(vcpu: number): StackFrame[] {
    const pending = this.machine!.pendingExit(vcpu);
    if (!pending) return [];
    const events = this.machine!.log.events;
    // The exit the VMM handled, and the hypercall call (at EL2) that led to it, if one did.
    let k = events.length - 1;
    while (k >= 0 && !(events[k].vcpu === vcpu && events[k].type === 'guest-exit')) k--;
    for (let j = k - 1; j >= 0 && k >= 0; j--) {
      const e = events[j];
      if (e.vcpu !== vcpu) continue;
      if (e.type === 'kvm-run' || e.type === 'guest-exit') break;
      if (e.type === 'hypercall' && e.phase === 'call') {
        k = j;
        break;
      }
    }
    const mine = events.slice(Math.max(0, k)).filter((e) => e.vcpu === vcpu || e.vcpu === null);
    const line = (e: (typeof events)[number]): string => `#${e.seq} ${JSON.stringify(e, (key, v: unknown) => (key === 'seq' || key === 'vcpu' || key === 'icount' || key === 'total' ? undefined : v))}`;
    const el2 = mine.filter((e) => e.type === 'hypercall' || e.type === 'transition' || e.type === 'guest-exit');
    const kvm = mine.filter((e) => e.type === 'kernel' || e.type === 'kvm-run');
    const vmm = mine.filter((e) => e.type === 'vmm' || e.type === 'signal' || e.type === 'console');
    const call = mine.find((e) => e.type === 'hypercall');
    const what = call && call.type === 'hypercall' ? `${call.name}(${call.regs.slice(1).join(', ')})` : pending === 'mmio' ? 'MMIO access' : 'exit';
    const layer = (title: string, intro: string, evs: typeof events, next: string): StackFrame => {
      const ref = this.nextSourceRef++;
      this.virtualSources.set(ref, [`${title}`, '', intro, '', 'What happened (event log):', ...(evs.length ? evs.map(line) : ['  (nothing logged at this layer)']), '', next].join('\n'));
      const id = this.nextFrameId++;
      this.frames.set(id, { vcpu, index: -1, pc: this.machine!.vcpus[vcpu].cpu.pc });
      const f = new StackFrame(id, title, new Source(title, undefined, ref), 1, 1);
      f.presentationHint = 'label';
      return f;
    };
    return [
      layer(`VMM: handled ${what}`, 'Host userspace (kvmtool-like VMM) received KVM_RUN\'s exit and acted on it as configured; it will call KVM_RUN again.', vmm, 'Step (F11) to let KVM_RUN complete the exit and return to the guest.'),
      layer(`host KVM: exit to userspace for ${what}`, `KVM_RUN returned to the VMM with kvm_run describing the exit (${pending}). On the next KVM_RUN it completes it: for an RFC MEM_UNSHARE it checks the page is PRIVATE and no longer mapped by the host.`, kvm, 'Then EL2 enters the guest.'),
      layer(`pKVM EL2: ${what}`, 'The hypervisor took the guest\'s exit, checked every component\'s page state for the transition it performs, and forwarded the call to the host. On re-entry it applies the entry fixups (the result in x0..x3; for RFC UNSHARE, transition T11).', el2, 'The guest resumes after the HVC.'),
    ];
  }

  protected override sourceRequest(response: DebugProtocol.SourceResponse, args: DebugProtocol.SourceArguments): void {
    const ref = args.source?.sourceReference ?? args.sourceReference;
    const text = this.virtualSources.get(ref);
    if (text === undefined) throw new DebugRequestError(`no source with reference ${ref} (layer sources last until the guest resumes)`);
    response.body = { content: text, mimeType: 'text/plain' };
    this.sendResponse(response);
  }

  private frame(frameId: number | undefined): FrameRef {
    if (frameId === undefined) return { vcpu: this.lastStop?.vcpu ?? 0, index: 0, pc: this.machine!.vcpus[this.lastStop?.vcpu ?? 0].cpu.pc };
    const f = this.frames.get(frameId);
    if (!f) throw new DebugRequestError(`frameId ${frameId} is not valid (stale after the guest resumed, or never issued)`);
    return f;
  }

  // ------------------------------------------------------------------ variables

  protected override scopesRequest(response: DebugProtocol.ScopesResponse, args: DebugProtocol.ScopesArguments): void {
    this.stoppedOrThrow();
    const f = this.frame(args.frameId);
    const cpu = this.machine!.vcpus[f.vcpu].cpu;
    const ctx = this.d.expressionContext(f.vcpu);
    const scopes: DebugProtocol.Scope[] = [
      { name: 'Registers', presentationHint: 'registers', variablesReference: this.handles.add(() => registerNodes(cpu, this.format, ctx)), expensive: false },
      { name: 'System registers', variablesReference: this.handles.add(() => systemRegisterNodes(cpu, this.format)), expensive: false },
    ];
    for (const c of this.contributors) {
      for (const s of c.scopes(f.vcpu, f.index, this.format)) {
        const scope: DebugProtocol.Scope = { name: s.name, variablesReference: this.handles.add(s.root), expensive: s.expensive };
        if (s.presentationHint) scope.presentationHint = s.presentationHint;
        scopes.push(scope);
      }
    }
    response.body = { scopes };
    this.sendResponse(response);
  }

  protected override variablesRequest(response: DebugProtocol.VariablesResponse, args: DebugProtocol.VariablesArguments): void {
    this.stoppedOrThrow();
    const saved = this.format;
    if (args.format?.hex !== undefined) this.format = args.format.hex ? 'hex' : 'decimal';
    try {
      response.body = { variables: this.handles.variables(args.variablesReference, args.start, args.count) };
    } finally {
      this.format = saved;
    }
    this.sendResponse(response);
  }

  protected override setVariableRequest(response: DebugProtocol.SetVariableResponse, args: DebugProtocol.SetVariableArguments): void {
    this.stoppedOrThrow();
    const v = this.handles.set(args.variablesReference, args.name, args.value);
    response.body = { value: v.value };
    this.sendResponse(response);
    this.sendEvent(new InvalidatedEvent(['variables', 'stacks']));
  }

  // ------------------------------------------------------------------ breakpoints

  private applyPendingBreakpoints(): void {
    for (const [path, bps] of this.pendingSourceBps) this.bindSourceBreakpoints(path, bps);
    this.bindFunctionBreakpoints(this.pendingFunctionBps);
    this.bindInstructionBreakpoints(this.pendingInstructionBps);
  }

  private sourceBpsByPath = new Map<string, CodeBreakpointSpec[]>();

  private bindSourceBreakpoints(path: string, bps: DebugProtocol.SourceBreakpoint[]): DebugProtocol.Breakpoint[] {
    const info = this.program?.info;
    const specs: CodeBreakpointSpec[] = [];
    const out: DebugProtocol.Breakpoint[] = [];
    for (const bp of bps) {
      if (!info) {
        const b: DebugProtocol.Breakpoint = new Breakpoint(false, bp.line);
        b.message = 'not bound yet: the program is not loaded';
        out.push(b);
        continue;
      }
      let line = bp.line;
      let addrs = info.addressesFor(path, line);
      if (addrs.length === 0) {
        // Move a breakpoint on a blank line, comment or label to the next line with code (as gdb does).
        const next = info.linesWithCode(path).find((l) => l > bp.line && l <= bp.line + 20);
        if (next !== undefined) {
          line = next;
          addrs = info.addressesFor(path, next);
        }
      }
      if (addrs.length === 0) {
        const b: DebugProtocol.Breakpoint = new Breakpoint(false, bp.line);
        b.message = info.sourceFiles.includes(path) ? `no code at line ${bp.line} of ${basename(path)}` : `${basename(path)} is not part of the program`;
        out.push(b);
        continue;
      }
      specs.push({ address: addrs[0], condition: bp.condition, hitCondition: bp.hitCondition, logMessage: bp.logMessage });
      const b: DebugProtocol.Breakpoint = new Breakpoint(true, line, 1, new Source(basename(path), path));
      b.instructionReference = `0x${addrs[0].toString(16)}`;
      out.push(b);
    }
    if (this.dbg) {
      this.sourceBpsByPath.set(path, specs);
      const bound = this.dbg.setBreakpoints('source', [...this.sourceBpsByPath.values()].flat());
      for (const b of out) {
        if (!b.verified) continue;
        const addr = Number(b.instructionReference);
        const match = bound.find((x) => x.address === addr);
        if (match) b.id = match.id;
      }
    }
    return out;
  }

  protected override setBreakPointsRequest(response: DebugProtocol.SetBreakpointsResponse, args: DebugProtocol.SetBreakpointsArguments): void {
    const path = args.source.path;
    if (!path) throw new DebugRequestError('setBreakpoints: the source has no path (only files on disk can hold breakpoints)');
    const bps = args.breakpoints ?? (args.lines ?? []).map((line) => ({ line }));
    this.pendingSourceBps.set(path, bps);
    response.body = { breakpoints: this.bindSourceBreakpoints(path, bps) };
    this.sendResponse(response);
  }

  private hypercallSites: number[] = [];

  /**
   * Function breakpoints: a hypercall name (`MEM_UNSHARE`, `PSCI_CPU_ON`, `hvc:0x…`)
   * stops on the HVC that makes that call; any other name is a symbol.
   */
  private bindFunctionBreakpoints(bps: DebugProtocol.FunctionBreakpoint[]): DebugProtocol.Breakpoint[] {
    const info = this.program?.info;
    const specs: CodeBreakpointSpec[] = [];
    const hypercalls: HypercallBreakpointSpec[] = [];
    const hypercallOut: Array<{ b: DebugProtocol.Breakpoint; name: string }> = [];
    const out = bps.map((bp) => {
      const ids = info?.symbol(bp.name.trim()) ? undefined : hypercallIds(bp.name);
      if (ids) {
        hypercalls.push({ name: bp.name.trim(), ids, condition: bp.condition, hitCondition: bp.hitCondition });
        const b: DebugProtocol.Breakpoint = new Breakpoint(this.program !== null);
        if (this.program && this.hypercallSites.length === 0) {
          b.verified = false;
          b.message = `the program has no HVC/SMC instruction, so ${bp.name} can never be called`;
        } else if (!this.program) b.message = 'not bound yet: the program is not loaded';
        hypercallOut.push({ b, name: bp.name.trim() });
        return b;
      }
      const sym = info?.symbol(bp.name.trim());
      if (!sym) {
        const b: DebugProtocol.Breakpoint = new Breakpoint(false);
        b.message = info ? `no function or label named '${bp.name}', and not a hypercall name (MEM_SHARE, MEM_UNSHARE, MEM_RELINQUISH, HYP_MEMINFO, PSCI_CPU_ON, SYSTEM_OFF, hvc:0x…)` : 'not bound yet: the program is not loaded';
        return b;
      }
      specs.push({ address: sym.address, condition: bp.condition, hitCondition: bp.hitCondition });
      const pos = info!.lineAt(sym.address);
      const b: DebugProtocol.Breakpoint = pos ? new Breakpoint(true, pos.line, pos.column, new Source(basename(pos.file), pos.file)) : new Breakpoint(true);
      b.instructionReference = `0x${sym.address.toString(16)}`;
      return b;
    });
    if (this.dbg) {
      const bound = this.dbg.setBreakpoints('function', specs);
      for (const b of out) if (b.verified && b.instructionReference) b.id = bound.find((x) => x.address === Number(b.instructionReference))?.id;
      const hc = this.dbg.setHypercallBreakpoints(hypercalls, this.hypercallSites);
      for (const { b, name } of hypercallOut) b.id = hc.find((x) => x.name === name)?.id;
    }
    return out;
  }

  protected override setFunctionBreakPointsRequest(response: DebugProtocol.SetFunctionBreakpointsResponse, args: DebugProtocol.SetFunctionBreakpointsArguments): void {
    this.pendingFunctionBps = args.breakpoints;
    response.body = { breakpoints: this.bindFunctionBreakpoints(args.breakpoints) };
    this.sendResponse(response);
  }

  private bindInstructionBreakpoints(bps: DebugProtocol.InstructionBreakpoint[]): DebugProtocol.Breakpoint[] {
    const specs: CodeBreakpointSpec[] = [];
    const out = bps.map((bp) => {
      const addr = Number(bp.instructionReference) + (bp.offset ?? 0);
      if (!Number.isFinite(addr) || addr % 4 !== 0 || addr < 0) {
        const b: DebugProtocol.Breakpoint = new Breakpoint(false);
        b.message = `'${bp.instructionReference}'${bp.offset ? ` + ${bp.offset}` : ''} is not an instruction address`;
        return b;
      }
      specs.push({ address: addr, condition: bp.condition, hitCondition: bp.hitCondition });
      const b: DebugProtocol.Breakpoint = new Breakpoint(true);
      b.instructionReference = `0x${addr.toString(16)}`;
      return b;
    });
    if (this.dbg) {
      const bound = this.dbg.setBreakpoints('instruction', specs);
      for (const b of out) if (b.verified) b.id = bound.find((x) => x.address === Number(b.instructionReference))?.id;
    }
    return out;
  }

  protected override setInstructionBreakpointsRequest(response: DebugProtocol.SetInstructionBreakpointsResponse, args: DebugProtocol.SetInstructionBreakpointsArguments): void {
    this.pendingInstructionBps = args.breakpoints;
    response.body = { breakpoints: this.bindInstructionBreakpoints(args.breakpoints) };
    this.sendResponse(response);
  }

  protected override setExceptionBreakPointsRequest(response: DebugProtocol.SetExceptionBreakpointsResponse, args: DebugProtocol.SetExceptionBreakpointsArguments): void {
    const known = new Set(EXCEPTION_FILTERS.map((f) => f.filter));
    const next = new Map<string, string | undefined>();
    const out: DebugProtocol.Breakpoint[] = [];
    const add = (filter: string, condition?: string): void => {
      if (!known.has(filter)) {
        out.push({ verified: false, message: `unknown exception filter '${filter}'` });
        return;
      }
      next.set(filter, condition);
      out.push({ verified: true });
    };
    for (const f of args.filters) add(f);
    for (const o of args.filterOptions ?? []) add(o.filterId, o.condition);
    this.exceptionFilters = next;
    response.body = { breakpoints: out };
    this.sendResponse(response);
  }

  /** An exception filter's condition, over the event's fields and the vCPU's registers. */
  private filterConditionHolds(m: FilterMatch): boolean {
    const cond = this.exceptionFilters.get(m.filter);
    if (!cond || cond.trim() === '' || !this.dbg) return true;
    const vcpu = m.event.vcpu ?? 0;
    const base = this.dbg.expressionContext(vcpu);
    try {
      const ctx = { ...base, register: (name: string) => m.fields[name] ?? base.register(name) };
      return evaluateExpression(cond, ctx).value !== 0n;
    } catch (e) {
      this.sendEvent(new OutputEvent(`exception filter ${m.filter}: condition "${cond}" failed: ${(e as Error).message}\n`, 'console'));
      return true;
    }
  }

  /**
   * Data breakpoints: on memory by address ("Break at address", or a register/page that
   * names one), and on a page's state (`page:0x…`: its ownership or attributes change).
   */
  protected override dataBreakpointInfoRequest(response: DebugProtocol.DataBreakpointInfoResponse, args: DebugProtocol.DataBreakpointInfoArguments): void {
    const memTypes: DebugProtocol.DataBreakpointAccessType[] = ['read', 'write', 'readWrite'];
    if (args.asAddress) {
      const addr = Number(args.name);
      const bytes = Math.max(1, args.bytes ?? 8);
      if (!Number.isFinite(addr) || addr < 0) {
        response.body = { dataId: null, description: `'${args.name}' is not an address` };
      } else {
        response.body = { dataId: `mem:0x${addr.toString(16)}:${bytes}`, description: `${bytes} byte${bytes === 1 ? '' : 's'} at 0x${addr.toString(16)}`, accessTypes: memTypes, canPersist: true };
      }
      this.sendResponse(response);
      return;
    }
    if (/^0x[0-9a-f]+$/.test(args.name) && args.variablesReference !== undefined) {
      // A page row in the Pages scope (named by its IPA): break when that page's state changes.
      const ipa = Number(args.name);
      if (Number.isFinite(ipa)) {
        response.body = { dataId: `page:0x${ipa.toString(16)}`, description: `page 0x${ipa.toString(16)} ownership or attributes`, accessTypes: ['write'] };
        this.sendResponse(response);
        return;
      }
    }
    response.body = { dataId: null, description: 'only memory (Break at Address, or a register holding an address via the Debug Console) and pages can be watched' };
    this.sendResponse(response);
  }

  protected override setDataBreakpointsRequest(response: DebugProtocol.SetDataBreakpointsResponse, args: DebugProtocol.SetDataBreakpointsArguments): void {
    const watches: Array<{ addr: number; size: number; read: boolean; write: boolean }> = [];
    const pages = new Set<number>();
    const out: DebugProtocol.Breakpoint[] = args.breakpoints.map((bp) => {
      const mem = /^mem:(0x[0-9a-f]+):(\d+)$/.exec(bp.dataId);
      const page = /^page:(0x[0-9a-f]+)$/.exec(bp.dataId);
      if (mem) {
        const access = bp.accessType ?? 'write';
        watches.push({ addr: Number(mem[1]), size: Number(mem[2]), read: access !== 'write', write: access !== 'read' });
        return { verified: true, message: `${access} of ${mem[2]} bytes at ${mem[1]}` };
      }
      if (page) {
        pages.add(Math.floor(Number(page[1]) / 4096));
        return { verified: true, message: `page ${page[1]} state` };
      }
      return { verified: false, message: `unknown data breakpoint '${bp.dataId}'` };
    });
    this.d.setWatchpoints(watches);
    this.dataPages = pages;
    this.refreshWatchedPages();
    response.body = { breakpoints: out };
    this.sendResponse(response);
  }

  /** Page-state breakpoints from setDataBreakpoints plus those from the memory map's "break when this page changes". */
  private dataPages = new Set<number>();
  private mapPages = new Set<number>();
  private refreshWatchedPages(): void {
    this.watchedPages = new Set([...this.dataPages, ...this.mapPages]);
  }

  protected override breakpointLocationsRequest(response: DebugProtocol.BreakpointLocationsResponse, args: DebugProtocol.BreakpointLocationsArguments): void {
    const info = this.program?.info;
    const path = args.source.path ?? '';
    const end = args.endLine ?? args.line;
    const lines = info ? info.linesWithCode(path).filter((l) => l >= args.line && l <= end) : [];
    response.body = { breakpoints: lines.map((line) => ({ line })) };
    this.sendResponse(response);
  }

  // ------------------------------------------------------------------ execution control

  private resume(threadId: number | undefined, action: () => void): void {
    if (this.dbg?.running) throw new DebugRequestError('the guest is already running');
    action();
    this.invalidateStopState();
    this.sendEvent(new ContinuedEvent(threadId ?? 1, true));
    void this.runLoop();
  }

  protected override continueRequest(response: DebugProtocol.ContinueResponse, args: DebugProtocol.ContinueArguments): void {
    this.resume(args.threadId, () => this.d.continue());
    response.body = { allThreadsContinued: true };
    this.sendResponse(response);
  }

  private stepRequest(response: DebugProtocol.Response, threadId: number, kind: StepKind, granularity: DebugProtocol.SteppingGranularity | undefined): void {
    const vcpu = this.vcpuOf(threadId);
    const g: Granularity = granularity === 'instruction' ? 'instruction' : 'line';
    this.resume(threadId, () => this.d.step(vcpu, kind, g));
    this.sendResponse(response);
  }

  protected override nextRequest(response: DebugProtocol.NextResponse, args: DebugProtocol.NextArguments): void {
    this.stepRequest(response, args.threadId, 'over', args.granularity);
  }

  protected override stepInRequest(response: DebugProtocol.StepInResponse, args: DebugProtocol.StepInArguments): void {
    this.stepRequest(response, args.threadId, 'in', args.granularity);
  }

  protected override stepOutRequest(response: DebugProtocol.StepOutResponse, args: DebugProtocol.StepOutArguments): void {
    this.stepRequest(response, args.threadId, 'out', args.granularity);
  }

  protected override pauseRequest(response: DebugProtocol.PauseResponse, args: DebugProtocol.PauseArguments): void {
    this.vcpuOf(args.threadId);
    if (!this.d.running) {
      this.sendResponse(response); // already stopped: nothing to do
      return;
    }
    this.d.pause();
    this.sendResponse(response);
  }

  /** Goto target ids are small integers (DAP requires int32); they name addresses until the next stop. */
  private readonly gotoAddresses = new Map<number, number>();

  protected override gotoTargetsRequest(response: DebugProtocol.GotoTargetsResponse, args: DebugProtocol.GotoTargetsArguments): void {
    const path = args.source.path ?? '';
    const addrs = this.program!.info.addressesFor(path, args.line);
    response.body = {
      targets: addrs.slice(0, 1).map((a) => {
        const id = this.gotoAddresses.size + 1;
        this.gotoAddresses.set(id, a);
        return { id, label: `0x${a.toString(16)}`, line: args.line, instructionPointerReference: `0x${a.toString(16)}` };
      }),
    };
    this.sendResponse(response);
  }

  protected override gotoRequest(response: DebugProtocol.GotoResponse, args: DebugProtocol.GotoArguments): void {
    this.stoppedOrThrow();
    const vcpu = this.vcpuOf(args.threadId);
    const addr = this.gotoAddresses.get(args.targetId);
    if (addr === undefined) throw new DebugRequestError(`goto target ${args.targetId} is not valid (ask gotoTargets first)`);
    this.machine!.vcpus[vcpu].cpu.pc = addr;
    this.sendResponse(response);
    this.invalidateStopState();
    this.lastStop = { reason: 'goto', vcpu, description: 'goto' };
    this.sendEvent(new StoppedEvent('goto', vcpu + 1));
  }

  /** The run loop: advance the debugger in slices, yielding so requests (pause) are handled. */
  private async runLoop(): Promise<void> {
    if (this.loopActive) return;
    this.loopActive = true;
    let slices = 0;
    let progress: string | null = null;
    try {
      while (this.dbg?.running && this.phase === 'launched') {
        const stop = this.dbg.advance(SLICE);
        this.flushOutput();
        if (stop) {
          this.onStop(stop);
          break;
        }
        slices++;
        if (this.clientCaps.supportsProgressReporting) {
          if (progress === null && slices >= PROGRESS_AFTER_SLICES) {
            progress = `run-${++this.progressId}`;
            this.sendEvent(new ProgressStartEvent(progress, 'Running guest', `${this.machine!.instructions.toLocaleString('en')} instructions`));
          } else if (progress !== null && slices % PROGRESS_AFTER_SLICES === 0) {
            this.sendEvent(new ProgressUpdateEvent(progress, `${this.machine!.instructions.toLocaleString('en')} instructions`));
          }
        }
        await new Promise<void>((r) => setImmediate(r));
      }
    } catch (e) {
      this.sendEvent(new OutputEvent(`pkvm-debug: internal error while running: ${(e as Error).stack ?? e}\n`, 'stderr'));
      this.onStop({ reason: 'exception', vcpu: 0, description: 'internal error', text: (e as Error).message });
    } finally {
      if (progress !== null) this.sendEvent(new ProgressEndEvent(progress));
      this.loopActive = false;
    }
  }

  private flushOutput(): void {
    const d = this.dbg!;
    for (const line of d.logOutput.splice(0)) this.sendEvent(new OutputEvent(`${line}\n`, 'console'));
    const text = this.machine!.consoleText;
    if (text.length > this.consoleSent) {
      this.sendEvent(new OutputEvent(text.slice(this.consoleSent), 'stdout'));
      this.consoleSent = text.length;
    }
  }

  private onStop(stop: DebugStop): void {
    this.reportThreadChanges();
    if (stop.reason === 'exited') {
      this.sendEvent(new OutputEvent(`${stop.description}\n`, 'console'));
      this.sendEvent(new ExitedEvent(stop.machineStop.reason === 'system-off' ? 0 : 1));
      this.sendEvent(new TerminatedEvent());
      this.phase = 'terminated';
      return;
    }
    if (stop.reason === 'data breakpoint' && this.pendingException) {
      stop = { ...stop, reason: 'exception', description: this.pendingException.filter, text: this.pendingException.text };
    }
    this.lastException = stop.reason === 'exception' ? this.pendingException : null;
    this.pendingException = null;
    this.lastStop = stop;
    this.machine!.pages?.endEpoch();
    const ev = new StoppedEvent(stop.reason, stop.vcpu + 1, stop.text) as DebugProtocol.StoppedEvent;
    ev.body.allThreadsStopped = true;
    ev.body.description = stop.text ? `${stop.description}: ${stop.text}` : stop.description;
    if (stop.hitBreakpointIds) ev.body.hitBreakpointIds = stop.hitBreakpointIds;
    this.sendEvent(ev);
    this.sendStoppedRefresh();
  }

  /** After a stop: memory views refresh (hex editor needs memory events), the memory map refetches. */
  private sendStoppedRefresh(): void {
    this.sendEvent(new Event(PAGES_CHANGED_EVENT, { generation: ++this.pagesGeneration }));
    if (this.clientCaps.supportsMemoryEvent) {
      const sp = this.machine!.vcpus[this.lastStop?.vcpu ?? 0].cpu.sp;
      this.sendEvent(new MemoryEvent(`0x${(sp - 256n > 0n ? sp - 256n : 0n).toString(16)}`, 0, 512));
    }
  }

  private invalidateStopState(): void {
    this.gotoAddresses.clear();
    this.handles.reset();
    this.frames.clear();
    this.virtualSources.clear();
  }

  // ------------------------------------------------------------------ exceptions

  protected override exceptionInfoRequest(response: DebugProtocol.ExceptionInfoResponse, args: DebugProtocol.ExceptionInfoArguments): void {
    const vcpu = this.vcpuOf(args.threadId);
    const stop = this.lastStop;
    if (!stop || stop.reason !== 'exception' || stop.vcpu !== vcpu) throw new DebugRequestError(`thread ${args.threadId} is not stopped on an exception`);
    const exit = stop.machineStop?.exit;
    const lines: string[] = [stop.text ?? ''];
    const ex = this.lastException;
    if (ex) {
      const filter = EXCEPTION_FILTERS.find((f) => f.filter === ex.filter)!;
      const page = ex.fields.ipa !== undefined ? this.view?.details(Number(ex.fields.ipa)) : undefined;
      const detail = [ex.text, '', `event #${ex.event.seq}: ${JSON.stringify(ex.event)}`];
      if (page) detail.push('', `page ${page.ipa.toString(16)} now:`, ...page.fields.map((f) => `  ${f.label}: ${f.value}`), '', 'history:', ...page.history.slice(-8).map((h) => `  ${h.at} ${h.text}`));
      response.body = { exceptionId: filter.label, description: ex.text, breakMode: 'always', details: { message: ex.text, typeName: ex.filter, stackTrace: detail.join('\n') } };
      this.sendResponse(response);
      return;
    }
    if (exit?.kind === 'unhandled-exception') {
      lines.push('', `ESR=0x${exit.esr.toString(16).padStart(8, '0')}  ELR=0x${exit.elr.toString(16)}  FAR=0x${exit.far.toString(16)}`);
      for (const [k, v] of decodeEsr(BigInt(exit.esr))) lines.push(`  ${k}: ${v}`);
    }
    response.body = {
      exceptionId: exit?.kind === 'unhandled-exception' ? `EC 0x${exit.ec.toString(16)}` : stop.description,
      description: stop.text,
      breakMode: 'always',
      details: { message: stop.text, stackTrace: lines.join('\n') },
    };
    this.sendResponse(response);
  }

  // ------------------------------------------------------------------ console, memory

  protected override evaluateRequest(response: DebugProtocol.EvaluateResponse, args: DebugProtocol.EvaluateArguments): void {
    this.stoppedOrThrow();
    const f = this.frame(args.frameId);
    const fmt: NumberFormat = args.format?.hex === undefined ? this.format : args.format.hex ? 'hex' : 'decimal';
    if (args.context === 'repl' && isConsoleCommand(args.expression)) {
      const r = this.hostCommand(args.expression);
      response.body = { result: r, variablesReference: 0 };
      this.sendResponse(response);
      return;
    }
    try {
      const r = evaluateExpression(args.expression, this.d.expressionContext(f.vcpu));
      const bits = r.size * 8;
      response.body = { result: formatValue(r.value, fmt, bits), type: `u${bits}`, variablesReference: 0 };
      const addr = r.address ?? r.value;
      response.body.memoryReference = `0x${addr.toString(16)}`;
    } catch (e) {
      if (e instanceof ExpressionError || e instanceof Error) throw new DebugRequestError(e.message);
      throw e;
    }
    this.sendResponse(response);
  }

  protected override completionsRequest(response: DebugProtocol.CompletionsResponse, args: DebugProtocol.CompletionsArguments): void {
    const upto = args.text.slice(0, args.column - 1);
    // "host r…" completes whole commands; anything else completes the word at the cursor.
    const command = /^(\s*)((?:host|kvm)\s+\S*)$/.exec(upto);
    if (command) {
      const typed = command[2].replace(/\s+/g, ' ');
      const targets = CONSOLE_COMMANDS.filter((c) => c.startsWith(typed)).map((label) => ({ label, type: 'keyword' as const, start: command[1].length, length: command[2].length }));
      response.body = { targets };
      this.sendResponse(response);
      return;
    }
    const m = /[$\w.]*$/.exec(upto);
    const prefix = m ? m[0] : '';
    const names = [...CONSOLE_COMMANDS.filter((c) => !c.includes(' ')), 'host', 'kvm', 'help', ...GP_REGISTER_NAMES, ...this.program!.info.symbols.map((s) => s.name)];
    const targets = [...new Set(names)].filter((n) => n.startsWith(prefix)).slice(0, 200);
    response.body = { targets: targets.map((label) => ({ label, type: GP_REGISTER_NAMES.includes(label) ? 'variable' : 'function', start: args.column - 1 - prefix.length, length: prefix.length })) };
    this.sendResponse(response);
  }

  /**
   * The Disassembly view: fixed 4-byte instructions, so any instruction offset (negative
   * ones included) maps straight to an address. Words that cannot be read as the guest
   * sees memory are `invalid`, never touched.
   */
  protected override disassembleRequest(response: DebugProtocol.DisassembleResponse, args: DebugProtocol.DisassembleArguments): void {
    const base = Number(args.memoryReference) + (args.offset ?? 0);
    if (!Number.isFinite(base)) throw new DebugRequestError(`'${args.memoryReference}' is not a memory address`);
    const count = Math.min(Math.max(0, args.instructionCount), 4096);
    const info = this.program!.info;
    const symbolizer = (a: number): string | undefined => info.describe(a);
    const start = Math.floor(base / 4) * 4 + (args.instructionOffset ?? 0) * 4;
    let lastFile: string | undefined;
    const instructions: DebugProtocol.DisassembledInstruction[] = [];
    for (let k = 0; k < count; k++) {
      const addr = start + k * 4;
      const ins: DebugProtocol.DisassembledInstruction = { address: `0x${Math.max(0, addr).toString(16)}`, instruction: '' };
      const bytes = addr < 0 ? [null] : this.machine!.peekGuest(addr, 4);
      if (bytes.some((b) => b === null)) {
        ins.instruction = '<no memory>';
        ins.presentationHint = 'invalid';
      } else {
        const word = (bytes[0]! | (bytes[1]! << 8) | (bytes[2]! << 16) | (bytes[3]! << 24)) >>> 0;
        const d = disassemble(word, addr, { symbolizer });
        ins.instruction = d.text.replace('\t', ' ');
        ins.instructionBytes = word.toString(16).padStart(8, '0');
        if (d.invalid) ins.presentationHint = 'invalid';
        const sym = info.symbolAt(addr);
        if (sym && sym.offset === 0) ins.symbol = sym.symbol.name;
        const pos = info.lineAt(addr);
        if (pos) {
          ins.line = pos.line;
          ins.column = pos.column;
          if (pos.file !== lastFile) ins.location = new Source(basename(pos.file), pos.file);
          lastFile = pos.file;
        }
      }
      instructions.push(ins);
    }
    response.body = { instructions };
    this.sendResponse(response);
  }

  /**
   * Memory in one of two address spaces: the guest's IPA view (`0x…`), or the host VMM's
   * view of guest memory (`host:0x…`): pages the host may not access (private to the
   * guest) come back as unreadable bytes, as the VMM would find them.
   */
  protected override readMemoryRequest(response: DebugProtocol.ReadMemoryResponse, args: DebugProtocol.ReadMemoryArguments): void {
    const hostView = args.memoryReference.startsWith('host:');
    const base = Number(hostView ? args.memoryReference.slice(5) : args.memoryReference) + (args.offset ?? 0);
    if (!Number.isFinite(base) || base < 0) throw new DebugRequestError(`'${args.memoryReference}' is not a memory address (use 0x… for the guest view, host:0x… for the VMM's)`);
    const count = Math.min(args.count, 1 << 20);
    const bytes = this.machine!.peekGuest(base, count);
    if (hostView) {
      for (let k = 0; k < count; ) {
        const page = Math.floor((base + k) / 4096) * 4096;
        const rec = this.machine!.pageRecord(page);
        const n = Math.min(page + 4096 - (base + k), count - k);
        if (!rec || !rec.hostAccessible) bytes.fill(null, k, k + n);
        k += n;
      }
    }
    // Report the readable prefix; the rest is unreadable (as the requested view sees it).
    let n = 0;
    while (n < bytes.length && bytes[n] !== null) n++;
    const data = Buffer.from(bytes.slice(0, n) as number[]);
    response.body = { address: `0x${base.toString(16)}`, data: data.toString('base64'), unreadableBytes: count - n };
    this.sendResponse(response);
  }

  protected override writeMemoryRequest(response: DebugProtocol.WriteMemoryResponse, args: DebugProtocol.WriteMemoryArguments): void {
    this.stoppedOrThrow();
    const base = Number(args.memoryReference) + (args.offset ?? 0);
    if (!Number.isFinite(base) || base < 0) throw new DebugRequestError(`'${args.memoryReference}' is not a memory address`);
    const data = new Uint8Array(Buffer.from(args.data, 'base64'));
    const written = this.machine!.pokeGuest(base, data);
    if (written < data.length) {
      const at = base + written;
      const rec = this.machine!.pageRecord(at);
      const why = rec ? 'has not been faulted into the guest yet (writing it would fault it in)' : 'is not guest RAM (no memslot)';
      if (written === 0) throw new DebugRequestError(`guest memory at 0x${at.toString(16)} ${why}`);
    }
    response.body = { bytesWritten: written };
    this.sendResponse(response);
    this.sendEvent(new MemoryEvent(`0x${base.toString(16)}`, 0, written));
    this.sendEvent(new InvalidatedEvent(['variables']));
  }

  // ------------------------------------------------------------------ custom requests

  protected override customRequest(command: string, response: DebugProtocol.Response, args: unknown): void {
    switch (command) {
      case CUSTOM.setFormat: {
        const a = args as SetFormatArguments;
        if (a?.format !== 'hex' && a?.format !== 'decimal') throw new DebugRequestError(`${CUSTOM.setFormat}: format must be "hex" or "decimal"`);
        this.format = a.format;
        this.sendResponse(response);
        this.sendEvent(new InvalidatedEvent(['variables']));
        return;
      }
      case CUSTOM.layout:
        response.body = this.pkvmView().layout();
        this.sendResponse(response);
        return;
      case CUSTOM.pageCells:
        this.stoppedOrThrow();
        response.body = this.pkvmView().cells(args as PageCellsArguments);
        this.sendResponse(response);
        return;
      case CUSTOM.pageDetails:
        response.body = this.pkvmView().details(Number((args as PageDetailsArguments).ipa));
        this.sendResponse(response);
        return;
      case CUSTOM.breakOnPage: {
        const ipa = Number((args as BreakOnPageArguments).ipa);
        if (!this.machine!.pageRecord(ipa)) throw new DebugRequestError(`0x${ipa.toString(16)} is not in any memslot`);
        this.mapPages.add(Math.floor(ipa / 4096));
        this.refreshWatchedPages();
        response.body = { watching: [...this.watchedPages].map((g) => `0x${(g * 4096).toString(16)}`) };
        this.sendResponse(response);
        return;
      }
      case CUSTOM.events: {
        const since = Number((args as { since?: number })?.since ?? 0);
        response.body = { events: this.machine!.log.since(since) };
        this.sendResponse(response);
        return;
      }
      case CUSTOM.hostCommand:
        this.stoppedOrThrow();
        response.body = { output: this.hostCommand(String((args as HostCommandArguments)?.command ?? '')) };
        this.sendResponse(response);
        return;
      default:
        throw new DebugRequestError(`unknown request '${command}'`);
    }
  }

  private pkvmView(): PkvmView {
    if (!this.view) throw new DebugRequestError('no VM: launch a program first');
    return this.view;
  }

  /** A Debug Console host what-if, through the model's real paths; views refresh afterwards. */
  private hostCommand(text: string): string {
    try {
      const r = runConsoleCommand(this.machine!, text);
      this.flushOutput();
      if (r.changed) {
        this.handles.reset();
        this.sendEvent(new InvalidatedEvent(['variables']));
        this.sendEvent(new Event(PAGES_CHANGED_EVENT, { generation: ++this.pagesGeneration }));
      }
      return r.output;
    } catch (e) {
      if (e instanceof ConsoleCommandError) throw new DebugRequestError(`${e.message}\n(type 'help' for the command list)`);
      throw e;
    }
  }

  /** For integrations (the pKVM model) to add scopes. */
  addScopeContributor(c: ScopeContributor): void {
    this.contributors.push(c);
  }

  /** Exposed for VarNode builders in contributors. */
  protected nodesOf(list: VarNode[]): VarNode[] {
    return list;
  }
}
