/**
 * What the CLI and the debug adapter drive: a machine of one or more vCPUs and
 * whatever stands behind them (a bare board, or the pKVM / host KVM / VMM stack).
 * Everything here is deterministic: the same program and configuration give the
 * same instruction-by-instruction history.
 */
import type { Cpu } from '../cpu/cpu';
import type { CpuExit } from '../cpu/exits';

export type VcpuPowerState = 'on' | 'off' | 'waiting';

export interface Vcpu {
  readonly id: number;
  readonly cpu: Cpu;
  readonly power: VcpuPowerState;
}

export type StopReason =
  /** PSCI SYSTEM_OFF (or SYSTEM_RESET) reached. */
  | 'system-off'
  /** The instruction limit of this run was reached. */
  | 'max-steps'
  /** A guest exception the guest could not handle, or a fatal architectural event. */
  | 'exception'
  /** The model refused to continue (KVM_RUN error, invariant violation, bad configuration). */
  | 'error'
  /** A debugger breakpoint or watchpoint (set through the machine's debug API). */
  | 'breakpoint'
  /** Every vCPU is off or waiting with nothing to wake it. */
  | 'idle';

export interface MachineStop {
  reason: StopReason;
  /** One line a person can read: what happened and where. */
  detail: string;
  /** The vCPU that caused the stop, when one did. */
  vcpu?: number;
  /** The CPU exit behind the stop (breakpoint, watchpoint, exception), when one caused it. */
  exit?: CpuExit;
  /** True for a stop the debugger asked for while running (e.g. a page-state data breakpoint). */
  requested?: boolean;
}

export interface Machine {
  readonly vcpus: ReadonlyArray<Vcpu>;
  /** Total instructions retired by all vCPUs. */
  readonly instructions: number;
  /** Run until a stop; at most `maxSteps` more instructions in total. */
  run(maxSteps: number): MachineStop;
  /** Console output the guest has produced so far (through the modelled UART). */
  readonly consoleText: string;
}
