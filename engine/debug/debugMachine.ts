/**
 * What the debugger needs from a machine beyond `Machine`: running one vCPU alone
 * (instruction stepping), and reading/writing guest memory as the guest sees it
 * without side effects (views never touch MMIO or fault pages in).
 */
import type { Machine, MachineStop } from '../machine/machine';

export interface DebugMachine extends Machine {
  /**
   * Run only vCPU `id` (the others stay where they are) for at most `maxSteps`
   * instructions, handling the exits it causes exactly as `run` would.
   */
  runVcpu(id: number, maxSteps: number): MachineStop;
  /**
   * Guest-physical bytes as the guest would read them, or null for each byte that is
   * not backed by memory the guest can access right now (MMIO, holes, unfaulted pages
   * are reported, never touched).
   */
  peekGuest(addr: number, len: number): Array<number | null>;
  /** Write guest-physical memory (debugger writes); returns how many bytes were written. */
  pokeGuest(addr: number, data: Uint8Array): number;
  /** Machines with a host behind the guest: the exit a vCPU is in the middle of, if any. */
  pendingExit?(id: number): string | null;
  /** Complete that exit (back into the guest) without running a guest instruction. */
  settle?(id: number): MachineStop | null;
}
