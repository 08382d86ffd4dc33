/**
 * The hypervisor's view of a VM and its vCPUs (`struct pkvm_hyp_vm` / `pkvm_hyp_vcpu`):
 * handle, protection, teardown state, guest stage-2, and per vCPU the architectural
 * state (the `Cpu`), the fault registers of the last exit and what must be done on the
 * next entry to complete a call that went to the host.
 */
import type { Cpu } from '../cpu/cpu';
import { GuestStage2 } from './guestStage2';

/** Fault information of the last exit (`vcpu->arch.fault`), as EL2 recorded it. */
export interface FaultInfo {
  esr: number;
  far: number;
  hpfar: number;
}

/** What the hypervisor finishes on the next entry after a call handed to the host. */
export type PendingEntry =
  /** A hypercall went to the host; `fn` decides the entry fixup (handle_pvm_entry_hvc64). */
  | { kind: 'hvc'; fn: number }
  /** An MMIO access is being emulated by the host: loads get Rt written, both skip the instruction. */
  | { kind: 'mmio'; write: boolean; srt: number; sas: number; sse: boolean; sf: boolean }
  /** A stage-2 fault or WFx the host dealt with; nothing to fix up. */
  | { kind: 'none' };

export class HypVcpu {
  loaded = false;
  fault: FaultInfo = { esr: 0, far: 0, hpfar: 0 };
  pending: PendingEntry = { kind: 'none' };

  constructor(
    readonly vm: HypVm,
    readonly index: number,
    readonly cpu: Cpu,
    /** Host page donated for this vCPU's hyp state. */
    readonly metadataPfn: number,
  ) {}
}

export class HypVm {
  isDying = false;
  readonly vcpus: HypVcpu[] = [];

  constructor(
    readonly handle: number,
    readonly isProtected: boolean,
    readonly stage2: GuestStage2,
    /** Host pages donated for the VM's hyp state and page tables (returned at finalize). */
    readonly metadataPfns: number[],
  ) {}

  /** VMID: table index + 1 (0 is the host). */
  get vmid(): number {
    return this.handle - 0x1000 + 1;
  }
}
