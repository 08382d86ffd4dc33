/**
 * The pKVM machine: host RAM, the pKVM hypervisor, host KVM and the VMM, running the
 * guest image on N vCPUs with a deterministic round-robin scheduler (each runnable vCPU
 * thread gets `quantum` instructions per turn; secondaries start powered off until PSCI
 * CPU_ON). Implements the `Machine` / `DebugMachine` interfaces the CLI and debugger
 * drive, plus the richer API of the model: the event log, page-state queries, host
 * actions, and the invariant report.
 */
import type { LaunchConfig } from '../config/launchConfig';
import { HostAction, parseHostAction } from '../config/scriptedActions';
import type { CpuExit } from '../cpu/exits';
import type { DebugMachine } from '../debug/debugMachine';
import { errnoName } from '../hyp/errno';
import { ModelError } from '../hyp/hypContext';
import { accessible, PageState } from '../hyp/pageState';
import { Kvm } from '../kvm/kvm';
import { KvmVcpu } from '../kvm/kvmVcpu';
import { KvmVm } from '../kvm/kvmVm';
import { exitReasonName, KVM_EXIT } from '../kvm/uapi';
import type { LoadedImage } from '../loader/loadedImage';
import type { MachineStop, StopReason, Vcpu, VcpuPowerState } from '../machine/machine';
import { PAGE_SIZE } from '../memory/physPage';
import { EventLog } from '../trace/eventLog';
import { hex } from '../trace/events';
import { InvariantChecker } from '../trace/invariant';
import { PageQuery, PageRecord, PageRun } from '../trace/pageQuery';
import { RecordedViolation, TraceRecorder } from '../trace/recorder';
import { ActionOutcome, performHostAction } from './hostActions';
import { TriggerEngine } from './triggers';
import { Vmm } from './vmm';

/** Host RAM begins at 1 GiB, as on QEMU's virt board. */
const HOST_RAM_BASE = 0x4000_0000;
/** Host RAM beyond the guest's memory: hypervisor carve-out, VM metadata, VMM pages. */
const HOST_RAM_SLACK = 32 * 1024 * 1024;
const HYP_CARVEOUT_PAGES = 16;

class PkvmVcpu implements Vcpu {
  constructor(readonly kv: KvmVcpu) {}
  get id(): number {
    return this.kv.id;
  }
  get cpu(): KvmVcpu['cpu'] {
    return this.kv.cpu;
  }
  get power(): VcpuPowerState {
    if (this.kv.power === 'off' && !this.kv.resetPending) return 'off';
    return this.kv.waiting ? 'waiting' : 'on';
  }
  get runnable(): boolean {
    return this.power === 'on';
  }
}

export class PkvmMachine implements DebugMachine {
  readonly kvm: Kvm;
  readonly log: EventLog;
  readonly recorder: TraceRecorder;
  readonly vmm: Vmm;
  readonly triggers: TriggerEngine;
  readonly vcpus: PkvmVcpu[];
  /** Page-state queries over the VM's IPA space (null only if the VM could not be created). */
  readonly pages: PageQuery | null;
  private readonly buildError: string | null;
  private started = false;
  private finalStop: MachineStop | null = null;
  /** The vCPU the scheduler is giving its quantum to. */
  private current: number | null = null;
  /** The vCPU whose thread is running right now (stamps log events), or null. */
  private acting: number | null = null;
  private next = 0;
  private sliceLeft = 0;
  private stage2Hooked = false;
  /** A stop asked for from outside the run (a debugger watching the event log). */
  private stopRequest: { detail: string } | null = null;

  constructor(
    readonly config: LaunchConfig,
    readonly image: LoadedImage,
  ) {
    const guestBytes = config.memory.reduce((n, r) => n + r.size, 0);
    this.kvm = new Kvm({
      profile: config.profile,
      ramBase: HOST_RAM_BASE,
      ramPages: (guestBytes + HOST_RAM_SLACK) / PAGE_SIZE,
      hypCarveoutPages: HYP_CARVEOUT_PAGES,
    });
    this.log = new EventLog(
      {
        currentVcpu: () => this.acting,
        retired: (id) => this.vmm.vcpus[id]?.cpu.retired ?? 0,
        total: () => this.instructions,
      },
      config.traceLimit,
    );
    const checker = new InvariantChecker({
      profile: config.profile,
      hyp: this.kvm.hyp,
      hostMem: this.kvm.hostMem,
      kvmVm: (handle) => (this.vmm.vm?.hypVm?.handle === handle ? this.vmm.vm : undefined),
    });
    this.recorder = new TraceRecorder(this.log, checker);
    this.kvm.hyp.observer = this.recorder;
    this.kvm.observer = this.recorder;
    this.kvm.hostMem.onFrameChange = (pfn) => this.recorder.onFrameChange(pfn);
    this.vmm = new Vmm(this.kvm, config, this.log);
    this.log.add({ type: 'machine', what: 'build', detail: `profile ${config.profile}, ${config.protected ? 'protected' : 'non-protected'} VM, ${config.vcpus} vCPU(s)` });
    this.buildError = this.vmm.build(image);
    const vm = this.vmm.vm;
    this.pages = vm ? this.attachQueries(vm) : null;
    this.vcpus = this.vmm.vcpus.map((v) => new PkvmVcpu(v));
    this.triggers = new TriggerEngine(config.vmm.actions, this.log, () => this.vmm.uart.text, this.kvm.hyp);
  }

  private attachQueries(vm: KvmVm): PageQuery {
    const pq = new PageQuery(vm, this.vmm.devices);
    this.recorder.pageQuery = pq;
    vm.attrs.onChange = (gfn, n) => this.recorder.onAttributesChange(vm.hypVm ? vm.hypVm.handle : null, gfn, n);
    this.vmm.mm.onPteChange = (va, pfn, file, index) => {
      pq.markPfn(pfn);
      const gfn = file ? file.gfnOf(index) : -1;
      if (gfn >= 0) pq.markGfn(gfn);
      const ipa = this.vmm.vaToIpa(va);
      if (ipa !== null) pq.markGfn(Math.floor(ipa / PAGE_SIZE));
    };
    return pq;
  }

  // ------------------------------------------------------------------ Machine

  get instructions(): number {
    let n = 0;
    for (const v of this.vmm.vcpus) n += v.cpu.retired;
    return n;
  }

  get consoleText(): string {
    return this.vmm.uart.text;
  }

  /** The VM as host KVM holds it. */
  get vm(): KvmVm | null {
    return this.vmm.vm;
  }

  get violation(): RecordedViolation | null {
    return this.recorder.violation;
  }

  run(maxSteps: number): MachineStop {
    return this.stopped(this.loop(maxSteps, null));
  }

  /**
   * The exit a vCPU is in the middle of: KVM_RUN returned to the VMM, which handled it,
   * and the next KVM_RUN will complete it (the RFC UNSHARE check, an MMIO load's data, the
   * hypercall's `ret`) before the guest runs again. Null when the vCPU is in the guest.
   */
  pendingExit(id: number): 'hypercall' | 'mmio' | null {
    return this.vmm.vcpus[id]?.awaitingCompletion ?? null;
  }

  /**
   * Finish a pending exit without running a guest instruction: KVM_RUN completes it and
   * EL2 applies its entry fixups (the guest's x0..x3), then the vCPU stops at its next
   * instruction. Returns a stop if that fails (e.g. KVM_RUN -EPERM), else null.
   */
  settle(id: number): MachineStop | null {
    const t = this.vcpus[id];
    if (!t || !this.vmm.vcpus[id].awaitingCompletion) return null;
    return this.slice(t, 0);
  }

  runVcpu(id: number, maxSteps: number): MachineStop {
    if (!this.vcpus[id]) throw new Error(`no vCPU ${id} (this machine has ${this.vcpus.length})`);
    return this.stopped(this.loop(maxSteps, id));
  }

  /** Every stop starts a new "changed since the last stop" period for the page views. */
  private stopped(stop: MachineStop): MachineStop {
    this.pages?.endEpoch();
    return stop;
  }

  private loop(maxSteps: number, only: number | null): MachineStop {
    if (this.finalStop) return this.finalStop;
    const begun = this.begin();
    if (begun) return begun;
    const target = this.instructions + maxSteps;
    for (;;) {
      const pending = this.runDueActions();
      if (pending) return pending;
      const total = this.instructions;
      if (total >= target) return this.stop('max-steps', `instruction limit reached (${total} instructions)`, only ?? this.current);
      const t = only === null ? this.pick() : this.vcpus[only].runnable ? this.vcpus[only] : null;
      if (!t) return this.idle(only);
      const mark = this.triggers.nextInstructionMark(total);
      const budget = Math.max(1, Math.min(only === null ? this.sliceLeft : Infinity, target - total, mark - total));
      const stop = this.slice(t, budget);
      if (stop) return stop;
    }
  }

  private begin(): MachineStop | null {
    if (this.started) return null;
    this.started = true;
    if (this.buildError) {
      this.finalStop = this.stop('error', `the VMM could not build the VM: ${this.buildError}`, null);
      return this.finalStop;
    }
    this.log.add({ type: 'machine', what: 'start', detail: `entry ${hex(this.image.entry)}` });
    this.triggers.start();
    return null;
  }

  /** The next vCPU: the current one while its quantum lasts, else the next runnable one in order. */
  private pick(): PkvmVcpu | null {
    if (this.current !== null && this.sliceLeft > 0 && this.vcpus[this.current].runnable) return this.vcpus[this.current];
    const n = this.vcpus.length;
    for (let k = 0; k < n; k++) {
      const v = this.vcpus[(this.next + k) % n];
      if (v.runnable) {
        this.next = (v.id + 1) % n;
        this.current = v.id;
        this.sliceLeft = this.config.quantum;
        return v;
      }
    }
    return null;
  }

  /** Run one vCPU thread: KVM_RUN, and the VMM handling what it returns, for up to `budget` instructions. */
  private slice(t: PkvmVcpu, budget: number): MachineStop | null {
    const kv = t.kv;
    this.acting = t.id;
    const start = kv.cpu.retired;
    try {
      for (;;) {
        const before = kv.cpu.retired;
        const out = kv.ioctlRun(budget - (kv.cpu.retired - start));
        this.hookStage2();
        const acted = this.runDueActions();
        if (acted) return acted;
        if (out.kind === 'stop') return this.cpuStop(kv, out.exit);
        if (out.kind === 'blocked') return null;
        if (out.kind === 'preempted') {
          if (kv.yieldRequested && this.current === t.id) {
            this.sliceLeft = 0; // WFE spin: give the rest of the quantum to another vCPU
            return null;
          }
          if (kv.stuck && kv.cpu.retired === before) return this.stop('error', `vCPU ${kv.id} makes no progress: ${kv.stuck} (PC ${hex(kv.cpu.pc)})`, kv.id);
          if (kv.cpu.retired - start >= budget) return null;
          continue;
        }
        if (out.ret < 0) return this.runFailed(kv, out.ret);
        const s = this.vmm.handleExit(kv);
        const after = this.runDueActions();
        if (s) {
          if (s.reason === 'system-off') this.finalStop = s;
          return s;
        }
        if (after) return after;
        if (kv.cpu.retired - start >= budget) return null;
      }
    } catch (e) {
      if (e instanceof ModelError) return this.stop('error', `model error: ${e.message}`, kv.id);
      throw e;
    } finally {
      if (this.current === t.id) this.sliceLeft -= kv.cpu.retired - start;
      this.acting = null;
    }
  }

  private hookStage2(): void {
    const vm = this.vmm.vm;
    if (this.stage2Hooked || !vm?.hypVm || !this.pages) return;
    this.stage2Hooked = true;
    const pq = this.pages;
    vm.hypVm.stage2.onChange = (gfn) => pq.markGfn(gfn);
    pq.markAll();
  }

  /** Run the scripted actions that are due; returns a stop if one of them (or an invariant) demands it. */
  private runDueActions(): MachineStop | null {
    this.kvm.hyp.preemptRequested = false;
    this.triggers.checkInstructions(this.instructions);
    for (const due of this.triggers.take()) {
      this.log.add({ type: 'machine', what: 'trigger', detail: due.reason });
      performHostAction(this.vmm, due.action, due.x1);
      if (this.vmm.fatal) break;
    }
    return this.pendingStop();
  }

  /**
   * Stop the run as soon as the current exit or hypercall is handled, with reason
   * 'breakpoint' (e.g. a data breakpoint on a page's state, seen in the event log).
   */
  requestStop(detail: string): void {
    this.stopRequest = { detail };
    this.kvm.hyp.preemptRequested = true; // leave the guest right after the current EL2 handling
  }

  private pendingStop(): MachineStop | null {
    if (this.stopRequest) {
      const r = this.stopRequest;
      this.stopRequest = null;
      return { ...this.stop('breakpoint', r.detail, this.acting), requested: true };
    }
    const v = this.recorder.violation;
    if (v) return this.stop('error', v.event.type === 'invariant-violation' ? v.event.message : v.violation.message, this.acting);
    if (this.vmm.fatal) return this.stop(this.vmm.fatal.reason, this.vmm.fatal.detail, this.acting);
    return null;
  }

  private runFailed(kv: KvmVcpu, ret: number): MachineStop {
    const run = kv.run;
    let why = `KVM_RUN on vCPU ${kv.id} failed: -1 ${errnoName(-ret)}`;
    if (run.exit_reason === KVM_EXIT.MEMORY_FAULT) {
      why += ` (KVM_EXIT_MEMORY_FAULT at GPA ${hex(run.memory_fault.gpa)}, size ${hex(run.memory_fault.size)})`;
    } else if (kv.awaitingCompletion) {
      why += ` (completing ${exitReasonName(run.exit_reason)}; run again once the cause is fixed)`;
    }
    return this.stop('error', `${why} at PC ${hex(kv.cpu.pc)}`, kv.id);
  }

  private cpuStop(kv: KvmVcpu, exit: CpuExit): MachineStop {
    switch (exit.kind) {
      case 'breakpoint':
        return { ...this.stop('breakpoint', `breakpoint at ${hex(exit.pc)} on vCPU ${kv.id}`, kv.id), exit };
      case 'watchpoint':
        return { ...this.stop('breakpoint', `watchpoint: ${exit.write ? 'write' : 'read'} of ${exit.size} bytes at ${hex(exit.addr)} (PC ${hex(exit.pc)}) on vCPU ${kv.id}`, kv.id), exit };
      case 'unhandled-exception':
        return { ...this.stop('exception', `vCPU ${kv.id}: ${exit.description} (ESR ${hex(exit.esr)}, ELR ${hex(exit.elr)}; VBAR_EL1 is 0, so the guest cannot handle it)`, kv.id), exit };
      default:
        return { ...this.stop('error', `vCPU ${kv.id} stopped: ${exit.kind}`, kv.id), exit };
    }
  }

  private idle(only: number | null): MachineStop {
    const list = only === null ? this.vcpus : [this.vcpus[only]];
    const states = list.map((v) => `vCPU ${v.id} ${v.power === 'off' ? 'is off' : `waits (WFI) at ${hex(v.cpu.pc)}`}`);
    return this.stop('idle', `${states.join('; ')}: nothing can wake ${list.length > 1 ? 'them' : 'it'}`, only);
  }

  private stop(reason: StopReason, detail: string, vcpu: number | null): MachineStop {
    this.log.add({ type: 'machine', what: `stop: ${reason}`, detail });
    return vcpu === null ? { reason, detail } : { reason, detail, vcpu };
  }

  // ------------------------------------------------------------------ DebugMachine memory views

  /**
   * Guest-physical bytes as the guest would read them: through its stage-2 where mapped,
   * else the frame the host holds for the page (what a fault would give the guest), else
   * zero for a memslot page with no frame yet. Null outside memslots and for poisoned pages.
   */
  peekGuest(addr: number, len: number): Array<number | null> {
    const out: Array<number | null> = new Array<number | null>(len).fill(null);
    for (let k = 0; k < len; ) {
      const a = addr + k;
      const off = a % PAGE_SIZE;
      const n = Math.min(PAGE_SIZE - off, len - k);
      const view = this.frameFor(Math.floor(a / PAGE_SIZE));
      if (view === 'zero') out.fill(0, k, k + n);
      else if (view !== null) for (let j = 0; j < n; j++) out[k + j] = view.u8[off + j];
      k += n;
    }
    return out;
  }

  /** Debugger writes go to the same frames `peekGuest` reads; pages with no frame are not written. */
  pokeGuest(addr: number, data: Uint8Array): number {
    let k = 0;
    while (k < data.length) {
      const a = addr + k;
      const off = a % PAGE_SIZE;
      const n = Math.min(PAGE_SIZE - off, data.length - k);
      const view = this.frameFor(Math.floor(a / PAGE_SIZE));
      if (view === null || view === 'zero') break;
      view.u8.set(data.subarray(k, k + n), off);
      view.invalidateCode();
      k += n;
    }
    return k;
  }

  private frameFor(gfn: number): ReturnType<KvmVm['host']['mem']['peek']> | 'zero' | null {
    const vm = this.vmm.vm;
    if (!vm) return null;
    const slot = vm.slotFor(gfn);
    if (!slot) return null;
    const pte = vm.hypVm?.stage2.get(gfn);
    if (pte && pte.state === PageState.POISON) return null;
    const frame = pte && accessible(pte.state) ? pte.pfn : vm.hostFrame(gfn);
    if (frame < 0) return 'zero';
    return this.kvm.mem.page(frame);
  }

  // ------------------------------------------------------------------ the model's own API

  /** Everything known about the page at `ipa`. */
  pageRecord(ipa: number): PageRecord | null {
    return this.pages ? this.pages.page(ipa) : null;
  }

  /**
   * The guest-physical layout for the memory map: each memslot (name, slot, backing) and
   * each device window the VMM emulates.
   */
  layout(): Array<{ name: string; base: number; pages: number; kind: 'ram' | 'mmio' }> {
    const ram = this.vmm.regions.map((r) => ({
      name: `${r.config.name} (slot ${r.slot}, ${r.config.backing === 'guest_memfd' ? 'guest_memfd' : 'anonymous'})`,
      base: r.config.base,
      pages: r.config.size / PAGE_SIZE,
      kind: 'ram' as const,
    }));
    const mmio = this.vmm.devices.map((d) => ({ name: d.name, base: d.base, pages: Math.ceil(d.size / PAGE_SIZE), kind: 'mmio' as const }));
    return [...ram, ...mmio].sort((a, b) => a.base - b.base);
  }

  /**
   * Memory-map cells (engine/view/pageCell.ts: category + NOT_MAPPABLE / PRIVATE /
   * host-mapped / changed-since-the-last-stop) for `pages` pages from `startIpa`.
   */
  pageCells(startIpa: number, pages: number): Uint8Array {
    if (!this.pages) return new Uint8Array(pages);
    const v = this.recorder.violation?.violation.page.ipa;
    return this.pages.cells(startIpa, pages, v ? Number(v) : null);
  }

  /** Run-length summary of page states over [startIpa, endIpa). */
  pageSummary(startIpa: number, endIpa: number): PageRun[] {
    return this.pages ? this.pages.summary(startIpa, endIpa) : [];
  }

  /**
   * Perform a host action now (a debugger request), as scripted ones are performed.
   * Accepts the same JSON as a scripted action's `action` (length optional).
   */
  hostAction(raw: HostAction | Record<string, unknown>): ActionOutcome {
    const parsed = parseHostAction(raw);
    if (!parsed.ok) return { ok: false, result: parsed.errors.join('; ') };
    return performHostAction(this.vmm, parsed.action, null);
  }

  /**
   * The VMM exits: the VM is torn down (every page goes back to the host, guest-owned
   * ones zeroed) and the run is over. Not automatic on SYSTEM_OFF, so the final page
   * states can still be inspected.
   */
  shutdown(): MachineStop {
    this.vmm.exit();
    this.finalStop = this.stop('system-off', 'the VMM exited and the VM was torn down', null);
    return this.finalStop;
  }
}
