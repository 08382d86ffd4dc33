/**
 * A vCPU as host KVM runs it (the vCPU fd and `kvm_arch_vcpu_ioctl_run`). KVM_RUN first
 * completes the previous userspace exit (the RFC's hypercall return path, MMIO loads),
 * then enters the guest through EL2 and handles exits until one needs the VMM.
 *
 * The model runs vCPU threads in slices: `ioctlRun(budget)` either returns to the VMM
 * (like the ioctl), or reports that the thread is still inside KVM_RUN because its slice
 * ended (`preempted`) or it sleeps there (powered off, waiting for an interrupt).
 */
import type { Cpu } from '../cpu/cpu';
import type { CpuExit } from '../cpu/exits';
import { EC } from '../cpu/exits';
import { EINVAL, EPERM } from '../hyp/errno';
import { HypVcpu } from '../hyp/hypVm';
import { SMCCC_RET_INVALID_PARAMETER } from '../hyp/smccc';
import { HostEntry, HypTrap, vcpuRun } from '../hyp/vcpuRun';
import { faultIpa, handleGuestAbort } from './guestAbort';
import { handleHostHypercall } from './hostHypercalls';
import { KvmRun } from './kvmRun';
import type { KvmVm } from './kvmVm';
import { KVM_FUNC } from '../hyp/smccc';

export type KvmRunOutcome =
  /** KVM_RUN returned to the VMM: 0 (see `run.exit_reason`) or -errno. */
  | { kind: 'returned'; ret: number }
  /** Still inside KVM_RUN: the thread's time slice ended. */
  | { kind: 'preempted' }
  /** Still inside KVM_RUN, sleeping: powered off (waiting for CPU_ON) or waiting for an interrupt. */
  | { kind: 'blocked'; why: 'powered-off' | 'wfi' }
  /** A debugger event or an exception the guest cannot take: the machine stops here. */
  | { kind: 'stop'; exit: CpuExit };

export class KvmVcpu {
  readonly kind = 'kvm-vcpu';
  readonly run = new KvmRun();
  power: 'on' | 'off';
  /** WFI (or PSCI CPU_SUSPEND) until an interrupt; no interrupt source is modelled. */
  waiting = false;
  private pendingReset: { pc: number; x0: bigint } | null = null;
  private completion: 'hypercall' | 'mmio' | null = null;
  private entry: HostEntry = freshEntry();
  private yielded = false;
  /** Consecutive exits that retired no instruction (a fault KVM keeps "handling" without effect). */
  private noProgress = 0;
  /** Set when the vCPU makes no progress at all: the last exit, described. */
  stuck: string | null = null;

  constructor(
    readonly vm: KvmVm,
    readonly id: number,
    readonly cpu: Cpu,
    powerOff: boolean,
  ) {
    this.power = powerOff ? 'off' : 'on';
  }

  get hypVcpu(): HypVcpu {
    return this.vm.hypVm!.vcpus[this.id];
  }

  /** The last KVM_RUN ended because the guest spun in WFE (kvm_vcpu_on_spin): schedule another vCPU. */
  get yieldRequested(): boolean {
    return this.yielded;
  }

  get resetPending(): boolean {
    return this.pendingReset !== null;
  }

  /** What KVM_RUN must finish before entering the guest, if the VMM has not yet answered an exit. */
  get awaitingCompletion(): 'hypercall' | 'mmio' | null {
    return this.completion;
  }

  // ---- used by the exit handlers

  setHostResult(x0: bigint, x1 = 0n, x2 = 0n, x3 = 0n): void {
    this.entry.x = [x0, x1, x2, x3];
  }
  expectHypercallCompletion(): void {
    this.completion = 'hypercall';
  }
  expectMmioCompletion(): void {
    this.completion = 'mmio';
  }
  injectAbort(fetch: boolean, addr: number): void {
    this.entry.inject = { fetch, addr };
  }
  powerOff(): void {
    this.power = 'off';
    this.waiting = false;
  }
  waitForInterrupt(): void {
    this.waiting = true;
  }
  /** PSCI CPU_ON: reset to `pc` with x0 = `x0` and power on when the vCPU next runs. */
  requestPowerOn(pc: number, x0: bigint): void {
    this.pendingReset = { pc, x0 };
  }

  // ---- KVM_RUN

  ioctlRun(budget: number): KvmRunOutcome {
    const obs = this.vm.host.observer;
    const done = (ret: number): KvmRunOutcome => {
      obs?.onRunReturn(this.id, ret, this.run);
      return { kind: 'returned', ret };
    };
    if (this.vm.destroyed) return done(-EINVAL);
    if (!this.vm.hypVm) {
      const r = this.vm.createHypVm();
      if (r) return done(r);
    }
    if (this.completion) {
      const r = this.complete();
      if (r) return done(r);
    }
    if (this.pendingReset) {
      const { pc, x0 } = this.pendingReset;
      this.pendingReset = null;
      this.cpu.reset(pc);
      this.cpu.setX(0, x0);
      this.power = 'on';
      this.waiting = false;
    }
    const asleep = this.sleeping();
    if (asleep) return asleep;
    this.yielded = false;
    let left = budget;
    const hyp = this.vm.host.hyp;
    for (;;) {
      const start = this.cpu.retired;
      const res = vcpuRun(hyp, this.vm.profile, this.hypVcpu, left, this.entry);
      this.entry = freshEntry();
      left -= this.cpu.retired - start;
      if (res.kind === 'preempted') return { kind: 'preempted' };
      if (res.kind === 'stop') return { kind: 'stop', exit: res.exit };
      obs?.onGuestExit(this.id, res, describeTrap(res));
      this.entry.x = [...res.x];
      const r = this.handleExit(res);
      if (r <= 0) return done(r);
      const now = this.sleeping();
      if (now) return now;
      if (this.cpu.retired !== start) {
        this.noProgress = 0;
        this.stuck = null;
      } else if (++this.noProgress >= STUCK_EXITS) {
        this.stuck = `${describeTrap(res)} repeated ${STUCK_EXITS} times without an instruction retiring`;
        this.noProgress = 0;
        return { kind: 'preempted' };
      }
      if (left <= 0 || this.yielded || hyp.preemptRequested) return { kind: 'preempted' };
    }
  }

  private sleeping(): KvmRunOutcome | null {
    if (this.power === 'off') return { kind: 'blocked', why: 'powered-off' };
    if (this.waiting) return { kind: 'blocked', why: 'wfi' };
    return null;
  }

  private handleExit(trap: HypTrap): number {
    switch (trap.esr >>> 26) {
      case EC.HVC64:
      case EC.SMC64:
        return handleHostHypercall(this, trap.x);
      case EC.DABT_LOW:
      case EC.IABT_LOW:
        return handleGuestAbort(this, trap);
      case EC.WFX:
        if (trap.esr & 1) this.yielded = true; // WFE: kvm_vcpu_on_spin, let another vCPU run
        else this.waiting = true;
        return 1;
      default:
        return -EINVAL;
    }
  }

  /**
   * Finish the exit the VMM just handled: an MMIO load's data, or ([RFC] ABI) the
   * hypercall's `ret`, which for an acknowledged UNSHARE is checked against the page's
   * attributes (`kvm_handle_unshare_return`).
   */
  private complete(): number {
    const run = this.run;
    if (this.completion === 'mmio') {
      let data = 0n;
      if (!run.mmio.is_write) for (let k = run.mmio.len - 1; k >= 0; k--) data = (data << 8n) | BigInt(run.mmio.data[k]);
      this.entry.mmio = { data };
      this.completion = null;
      return 0;
    }
    const h = run.hypercall;
    const regs = [h.ret, h.args[0], h.args[1], h.args[2]];
    if (h.nr === BigInt(KVM_FUNC.MEM_UNSHARE) && h.ret === 0n) {
      const gfn = Number(h.args[0] >> 12n);
      if (this.vm.isPrivate(gfn)) {
        if (this.vm.hostMapped(gfn)) return -EPERM; // still mapped: the VMM must unmap and run again
      } else {
        regs[0] = SMCCC_RET_INVALID_PARAMETER;
        this.vm.host.observer?.onKernel(this.id, 'unshare not acknowledged (page not PRIVATE): clear NOT_MAPPABLE', { gfn });
        this.vm.setNotMappable(gfn, 1, false);
      }
    }
    this.entry.x = regs;
    this.completion = null;
    return 0;
  }
}

/** Exits in a row without progress before the vCPU is reported stuck. */
const STUCK_EXITS = 64;

function freshEntry(): HostEntry {
  return { x: [0n, 0n, 0n, 0n], mmio: null, inject: null };
}

/** One line naming an exit from its syndrome, for traces. */
export function describeTrap(t: HypTrap): string {
  const ec = t.esr >>> 26;
  const hex = (n: number | bigint): string => `0x${n.toString(16)}`;
  switch (ec) {
    case EC.HVC64:
      return `HVC64 function ${hex(t.x[0] & 0xffffffffn)}`;
    case EC.SMC64:
      return `SMC64 function ${hex(t.x[0] & 0xffffffffn)}`;
    case EC.DABT_LOW:
      return `data abort (${t.esr & (1 << 6) ? 'write' : 'read'}) at IPA ${hex(faultIpa(t))}`;
    case EC.IABT_LOW:
      return `instruction abort at IPA ${hex(faultIpa(t))}`;
    case EC.WFX:
      return t.esr & 1 ? 'WFE' : 'WFI';
    default:
      return `exception class ${hex(ec)}`;
  }
}

