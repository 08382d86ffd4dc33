/**
 * The `run --json` report: one object describing how the run ended and the final
 * architectural state. Field names are a stable interface (scripts and tests parse
 * them); add fields, never rename or remove them.
 */
import type { Machine, MachineStop, StopReason, VcpuPowerState } from '../engine/machine/machine';

export interface VcpuReport {
  id: number;
  state: VcpuPowerState;
  /** "0x" + 16 hex digits. */
  pc: string;
  sp: string;
  /** NZCV as PSTATE bits [31:28]: "0x" + 8 hex digits, e.g. "0x60000000" for Z and C set. */
  nzcv: string;
  /** x0 … x30, "0x" + 16 hex digits each. */
  x: string[];
}

export interface RunReport {
  stop: { reason: StopReason; detail: string; vcpu?: number };
  /** Instructions retired by all vCPUs. */
  instructions: number;
  vcpus: VcpuReport[];
  /** Guest console (UART) output. */
  console: string;
}

const hex64 = (v: bigint | number): string => `0x${BigInt.asUintN(64, BigInt(v)).toString(16).padStart(16, '0')}`;

export function runReport(machine: Machine, stop: MachineStop): RunReport {
  return {
    stop: stop.vcpu === undefined ? { reason: stop.reason, detail: stop.detail } : { reason: stop.reason, detail: stop.detail, vcpu: stop.vcpu },
    instructions: machine.instructions,
    vcpus: machine.vcpus.map((v) => ({
      id: v.id,
      state: v.power,
      pc: hex64(v.cpu.pc),
      sp: hex64(v.cpu.sp),
      nzcv: `0x${v.cpu.nzcv.toString(16).padStart(8, '0')}`,
      x: Array.from({ length: 31 }, (_, r) => hex64(v.cpu.getX(r))),
    })),
    console: machine.consoleText,
  };
}

/** Process exit status for a finished run: 0 when the guest ended normally or ran out of steps, 1 otherwise. */
export function exitStatusFor(reason: StopReason): number {
  switch (reason) {
    case 'system-off':
    case 'max-steps':
    case 'idle':
      return 0;
    case 'exception':
    case 'error':
    case 'breakpoint':
      return 1;
  }
}
