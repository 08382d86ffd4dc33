/**
 * A bare board: flat RAM, N vCPUs, a PL011 console UART, and a minimal firmware that
 * answers SMCCC calls the way host KVM's PSCI does. No hypervisor sits between the
 * guest and its memory; the pKVM stack (engine/hyp, engine/kvm, engine/vmm) replaces
 * this machine as the default once it exists.
 *
 * Exits are handled as KVM handles them for a VMM:
 * - stage-2 data abort in the UART window with a valid syndrome (ISV): emulate the
 *   access, write a load's value (sign/zero-extended per SSE/SF) into SRT, step PC
 *   past the instruction (kvm_handle_mmio_return);
 * - HVC / SMC #0: SMCCC. PSCI SYSTEM_OFF and SYSTEM_RESET stop the machine, CPU_ON and
 *   CPU_OFF start and stop vCPUs, everything else returns NOT_SUPPORTED (-1);
 * - WFI parks the vCPU (nothing on this board can interrupt it); WFE parks it until an
 *   event (SEV, or its exclusive reservation being cleared by another vCPU's store).
 *
 * Scheduling is deterministic round-robin: each runnable vCPU runs up to `quantum`
 * instructions per turn, so the same program gives the same interleaving every time.
 */
import { Cpu, CpuShared } from '../cpu/cpu';
import { a64Table } from '../cpu/encodings';
import type { CpuExit } from '../cpu/exits';
import { PL011_BASE, PL011_SIZE, Pl011 } from '../devices/pl011';
import { copyImage } from '../loader/loadedImage';
import type { LoadedImage } from '../loader/loadedImage';
import { DEFAULT_RAM } from '../loader/layout';
import { FlatBus, RamRegion } from '../memory/flatBus';
import type { DebugMachine } from '../debug/debugMachine';
import type { MachineStop, StopReason, Vcpu, VcpuPowerState } from './machine';

/** SMCCC / PSCI function IDs and return values (include/uapi/linux/psci.h, SMCCC DEN0028). */
const PSCI_CPU_OFF = 0x8400_0002;
const PSCI_CPU_ON_32 = 0x8400_0003;
const PSCI_CPU_ON_64 = 0xc400_0003;
const PSCI_SYSTEM_OFF = 0x8400_0008;
const PSCI_SYSTEM_RESET = 0x8400_0009;
const PSCI_RET_SUCCESS = 0n;
const PSCI_RET_INVALID_PARAMS = -2n;
const PSCI_RET_ALREADY_ON = -4n;
const SMCCC_RET_NOT_SUPPORTED = -1n;
/** MPIDR affinity fields Aff3..Aff0 (MPIDR_HWID_BITMASK). */
const MPIDR_HWID_BITMASK = 0xff_00ff_ffffn;

const U64 = (1n << 64n) - 1n;

export const MAX_VCPUS = 64;
export const DEFAULT_QUANTUM = 10_000;

export interface BareMachineOptions {
  /** Number of vCPUs (1 … 64, default 1). vCPU 0 starts at the entry point; the others start off (PSCI CPU_ON starts them). */
  vcpus?: number;
  /** Guest RAM (default: 64 MiB at 0x80000000). */
  ram?: RamRegion;
  /** Instructions a vCPU runs per scheduling turn (default 10,000). */
  quantum?: number;
}

export class BareVcpu implements Vcpu {
  power: VcpuPowerState = 'off';
  /** What a 'waiting' vCPU waits for. */
  waitingFor: 'wfi' | 'wfe' = 'wfi';
  /** Exclusive reservation held when it entered WFE: another vCPU clearing it is a wake-up event. */
  reservationAtWait = -1;

  constructor(
    readonly id: number,
    readonly cpu: Cpu,
  ) {}
}

export class BareMachine implements DebugMachine {
  readonly bus: FlatBus;
  readonly uart = new Pl011();
  readonly vcpus: ReadonlyArray<BareVcpu>;
  readonly ram: Readonly<RamRegion>;
  readonly quantum: number;
  /** Round-robin cursor: the vCPU to consider first at the next turn. */
  private next = 0;
  /**
   * The vCPU whose turn it is and what is left of its quantum. Kept across `run` calls
   * so that splitting a run into pieces (stepping, chunked CLI runs) never changes the
   * interleaving.
   */
  private current: BareVcpu | null = null;
  private sliceLeft = 0;
  /** Set once the guest powers the machine off; later runs report the same stop. */
  private poweredOff: MachineStop | null = null;

  constructor(image: LoadedImage, opts: BareMachineOptions = {}) {
    const n = opts.vcpus ?? 1;
    if (!Number.isInteger(n) || n < 1 || n > MAX_VCPUS) throw new Error(`vCPU count must be 1 … ${MAX_VCPUS}, not ${n}`);
    this.quantum = opts.quantum ?? DEFAULT_QUANTUM;
    if (!Number.isInteger(this.quantum) || this.quantum < 1) throw new Error(`scheduling quantum must be a positive integer, not ${this.quantum}`);
    this.ram = { ...(opts.ram ?? DEFAULT_RAM) };
    this.bus = new FlatBus([this.ram]);
    copyImage(image, (addr, bytes) => this.bus.write(addr, bytes));

    const shared = new CpuShared();
    const table = a64Table();
    const vcpus: BareVcpu[] = [];
    for (let k = 0; k < n; k++) {
      const cpu = new Cpu(k, this.bus, table, shared);
      cpu.reset(image.entry);
      vcpus.push(new BareVcpu(k, cpu));
    }
    vcpus[0].power = 'on';
    vcpus[0].cpu.sp = BigInt(this.ram.base + this.ram.size);
    this.vcpus = vcpus;
  }

  get instructions(): number {
    let total = 0;
    for (const v of this.vcpus) total += v.cpu.retired;
    return total;
  }

  get consoleText(): string {
    return this.uart.text;
  }

  run(maxSteps: number): MachineStop {
    if (this.poweredOff) return this.poweredOff;
    const stopAt = this.instructions + maxSteps;
    for (;;) {
      if (this.current === null || this.current.power !== 'on' || this.sliceLeft <= 0) {
        this.wakeWaiters();
        this.current = this.pickNext();
        this.sliceLeft = this.quantum;
        if (this.current === null) return this.idleStop();
      }
      const v = this.current;
      const left = stopAt - this.instructions;
      if (left <= 0) {
        return { reason: 'max-steps', detail: `instruction limit reached with vCPU ${v.id} at ${hex(v.cpu.pc)}`, vcpu: v.id };
      }
      const before = v.cpu.retired;
      // With a single vCPU there is nobody to interleave with: one slice for the whole run.
      const budget = this.vcpus.length === 1 ? left : Math.min(this.sliceLeft, left);
      let exit: CpuExit;
      try {
        exit = v.cpu.run(budget);
      } catch (e) {
        return this.stop('error', v, `internal error while running vCPU ${v.id} at ${hex(v.cpu.pc)}: ${e instanceof Error ? e.message : String(e)}`);
      }
      const stop = this.handleExit(v, exit);
      this.sliceLeft -= v.cpu.retired - before; // after the exit: an emulated MMIO access retires too
      if (stop) return stop;
    }
  }

  /**
   * Run only vCPU `id` (debugger stepping). Its exits are handled as in `run`; when it
   * is the vCPU whose turn it is, the steps count against its quantum, so stepping and
   * then continuing keeps the scheduling of an uninterrupted run as far as possible.
   */
  runVcpu(id: number, maxSteps: number): MachineStop {
    if (this.poweredOff) return this.poweredOff;
    const v = this.vcpus[id];
    if (!v) throw new Error(`no vCPU ${id} (this machine has ${this.vcpus.length})`);
    const stopAt = v.cpu.retired + maxSteps;
    for (;;) {
      this.wakeWaiters();
      if (v.power !== 'on') {
        const why = v.power === 'off' ? 'is off' : `is waiting in ${v.waitingFor.toUpperCase()} at ${hex(v.cpu.pc - 4)} with nothing to wake it`;
        return this.stop('idle', v, `vCPU ${id} ${why}`);
      }
      const left = stopAt - v.cpu.retired;
      if (left <= 0) return this.stop('max-steps', v, `instruction limit reached with vCPU ${id} at ${hex(v.cpu.pc)}`);
      const before = v.cpu.retired;
      let exit: CpuExit;
      try {
        exit = v.cpu.run(left);
      } catch (e) {
        return this.stop('error', v, `internal error while running vCPU ${id} at ${hex(v.cpu.pc)}: ${e instanceof Error ? e.message : String(e)}`);
      }
      const stop = this.handleExit(v, exit);
      if (v === this.current) this.sliceLeft -= v.cpu.retired - before;
      if (stop) return stop;
    }
  }

  /** RAM bytes (unwritten RAM reads as zero); null for everything else, including the UART, which is never touched. */
  peekGuest(addr: number, len: number): Array<number | null> {
    const out: Array<number | null> = new Array<number | null>(len).fill(null);
    let k = 0;
    while (k < len) {
      const a = addr + k;
      const run = this.ramRunLength(a, len - k);
      if (run === 0) {
        k++;
        continue;
      }
      const bytes = this.bus.read(a, run);
      for (let j = 0; j < run; j++) out[k + j] = bytes[j];
      k += run;
    }
    return out;
  }

  /** Write RAM from `addr` on; stops at the first byte outside RAM and returns how many were written. */
  pokeGuest(addr: number, data: Uint8Array): number {
    const n = this.ramRunLength(addr, data.length);
    if (n > 0) this.bus.write(addr, data.subarray(0, n));
    return n;
  }

  /** How many of the `len` bytes from `addr` lie in RAM before the first one that does not. */
  private ramRunLength(addr: number, len: number): number {
    const start = this.ram.base;
    const end = this.ram.base + this.ram.size;
    if (addr < start || addr >= end) return 0;
    return Math.min(len, end - addr);
  }

  private pickNext(): BareVcpu | null {
    const n = this.vcpus.length;
    for (let k = 0; k < n; k++) {
      const v = this.vcpus[(this.next + k) % n];
      if (v.power === 'on') {
        this.next = (v.id + 1) % n;
        return v;
      }
    }
    return null;
  }

  private wakeWaiters(): void {
    for (const v of this.vcpus) {
      if (v.power !== 'waiting' || v.waitingFor !== 'wfe') continue;
      const cpu = v.cpu;
      if (cpu.eventRegister !== 0) {
        cpu.eventRegister = 0; // the WFE consumes the event
        v.power = 'on';
      } else if (v.reservationAtWait !== -1 && cpu.shared.reservations[v.id] !== v.reservationAtWait) {
        v.power = 'on'; // clearing the global monitor generates an event for this PE
      }
    }
  }

  private idleStop(): MachineStop {
    const states = this.vcpus.map((v) => `vCPU ${v.id} ${v.power === 'waiting' ? `waiting in ${v.waitingFor.toUpperCase()} at ${hex(v.cpu.pc - 4)}` : 'off'}`);
    return { reason: 'idle', detail: `every vCPU is off or waiting with nothing to wake it: ${states.join(', ')}` };
  }

  private stop(reason: StopReason, v: BareVcpu, detail: string): MachineStop {
    return { reason, detail, vcpu: v.id };
  }

  /** Handle one exit; a returned stop ends the run. */
  private handleExit(v: BareVcpu, exit: CpuExit): MachineStop | null {
    const cpu = v.cpu;
    switch (exit.kind) {
      case 'budget':
        return null;
      case 'hvc':
        return this.smccc(v);
      case 'smc':
        cpu.pc += 4; // KVM skips a trapped SMC before handling it, like an HVC
        if (exit.imm !== 0) {
          cpu.setX(0, SMCCC_RET_NOT_SUPPORTED & U64); // SMCCC: SMC with a non-zero immediate is reserved
          return null;
        }
        return this.smccc(v);
      case 'stage2-abort':
        return this.stage2Abort(v, exit);
      case 'wfi':
        v.power = 'waiting';
        v.waitingFor = 'wfi';
        return null;
      case 'wfe':
        v.power = 'waiting';
        v.waitingFor = 'wfe';
        v.reservationAtWait = cpu.shared.reservations[v.id] ?? -1;
        return null;
      case 'unhandled-exception':
        return this.stop(
          'exception',
          v,
          `vCPU ${v.id}: ${exit.description} (ESR=${hex(exit.esr, 8)} ELR=${hex(exit.elr)} FAR=${hex(exit.far)}; VBAR_EL1 is 0, so the guest has no exception vectors)`,
        );
      case 'breakpoint':
        return this.stop('breakpoint', v, `vCPU ${v.id}: breakpoint at ${hex(exit.pc)}`);
      case 'watchpoint':
        return this.stop(
          'breakpoint',
          v,
          `vCPU ${v.id}: watchpoint: ${exit.size}-byte ${exit.write ? 'store to' : 'load from'} ${hex(exit.addr)} by the instruction at ${hex(exit.pc)}`,
        );
    }
  }

  /** SMCCC call from `v` (PC already past the HVC/SMC). The function ID is W0, as KVM reads it. */
  private smccc(v: BareVcpu): MachineStop | null {
    const cpu = v.cpu;
    const fn = cpu.x[0] >>> 0;
    const callPc = hex(cpu.pc - 4);
    switch (fn) {
      case PSCI_SYSTEM_OFF:
        this.poweredOff = this.stop('system-off', v, `PSCI SYSTEM_OFF from vCPU ${v.id} at ${callPc}`);
        return this.poweredOff;
      case PSCI_SYSTEM_RESET:
        this.poweredOff = this.stop('system-off', v, `PSCI SYSTEM_RESET from vCPU ${v.id} at ${callPc} (reset is not modelled: the machine stops)`);
        return this.poweredOff;
      case PSCI_CPU_ON_32:
      case PSCI_CPU_ON_64:
        cpu.setX(0, this.cpuOn(cpu, fn === PSCI_CPU_ON_32) & U64);
        return null;
      case PSCI_CPU_OFF:
        v.power = 'off';
        return null;
      default:
        cpu.setX(0, SMCCC_RET_NOT_SUPPORTED & U64);
        return null;
    }
  }

  /** PSCI CPU_ON(target MPIDR x1, entry x2, context x3), as KVM's kvm_psci_vcpu_on. */
  private cpuOn(caller: Cpu, smc32: boolean): bigint {
    const arg = (r: number): bigint => (smc32 ? caller.getX(r) & 0xffff_ffffn : caller.getX(r));
    const mpidr = arg(1) & MPIDR_HWID_BITMASK;
    const target = this.vcpus.find((v) => BigInt(v.cpu.mpidrAff) === mpidr);
    if (!target) return PSCI_RET_INVALID_PARAMS;
    if (target.power !== 'off') return PSCI_RET_ALREADY_ON;
    const entry = arg(2);
    // The target resets to the KVM vCPU reset state (EL1h, DAIF masked, MMU off, SP 0) at the entry point.
    target.cpu.reset(Number(entry));
    target.cpu.setX(0, arg(3));
    target.power = 'on';
    return PSCI_RET_SUCCESS;
  }

  private stage2Abort(v: BareVcpu, exit: Extract<CpuExit, { kind: 'stage2-abort' }>): MachineStop | null {
    const cpu = v.cpu;
    const inUart = exit.ipa >= PL011_BASE && exit.ipa < PL011_BASE + PL011_SIZE;
    if (exit.fetch) {
      return this.stop(
        'exception',
        v,
        `vCPU ${v.id}: instruction fetch from ${hex(exit.ipa)}, which is ${inUart ? 'the UART register window' : `outside RAM (${this.ramText()})`}`,
      );
    }
    const size = 1 << exit.sas;
    const access = `${size}-byte ${exit.write ? 'store to' : 'load from'} ${hex(exit.ipa)}`;
    if (!inUart) {
      return this.stop(
        'exception',
        v,
        `vCPU ${v.id}: data abort: ${access} by ${this.insnText(cpu)} hits neither RAM (${this.ramText()}) nor the UART (${hex(PL011_BASE)}-${hex(PL011_BASE + PL011_SIZE - 1)})`,
      );
    }
    if (!exit.isv) {
      return this.stop(
        'exception',
        v,
        `vCPU ${v.id}: UART access (${access}) by ${this.insnText(cpu)} has no valid syndrome (ESR_EL2.ISV=0: a pair, writeback, exclusive, atomic or SIMD access), so it cannot be emulated; use a single LDR/STR without writeback`,
      );
    }
    const mask = size === 8 ? U64 : (1n << BigInt(size * 8)) - 1n;
    const offset = exit.ipa - PL011_BASE;
    // SRT 31 is XZR in a load/store syndrome (stores write zero, loads are discarded).
    if (exit.write) {
      const value = exit.srt === 31 ? 0n : cpu.getX(exit.srt) & mask;
      this.uart.mmio(offset, size, true, value);
    } else {
      let data = this.uart.mmio(offset, size, false, 0n) & mask;
      if (exit.sse && size < 8) {
        const sign = 1n << BigInt(size * 8 - 1);
        data = ((data ^ sign) - sign) & U64;
      }
      if (!exit.sf) data &= 0xffff_ffffn;
      if (exit.srt !== 31) cpu.setX(exit.srt, data);
    }
    cpu.pc += 4;
    cpu.retired++; // the emulated access completes the instruction
    return null;
  }

  private ramText(): string {
    return `RAM is ${hex(this.ram.base)}-${hex(this.ram.base + this.ram.size - 1)}`;
  }

  /** "STR_imm 0xb9000020 at 0x80000010" (the encoding name until the disassembler exists). */
  private insnText(cpu: Cpu): string {
    const insn = cpu.insnAt(cpu.pc);
    if (!insn) return `the instruction at ${hex(cpu.pc)}`;
    return `${insn.spec?.name ?? 'instruction'} ${hex(insn.word, 8)} at ${hex(cpu.pc)}`;
  }
}

function hex(v: number | bigint, digits = 0): string {
  return `0x${v.toString(16).padStart(digits, '0')}`;
}
