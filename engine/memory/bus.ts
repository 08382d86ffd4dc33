/**
 * What a vCPU sees of memory: its stage-2 translation, IPA frame → physical page.
 *
 * The hypervisor model implements this over a VM's guest stage-2; `FlatBus` implements
 * it for a bare machine (tests, differential runs). A `null` answer means the access
 * leaves the CPU as a stage-2 abort (exit to the hypervisor), exactly where hardware
 * would take one; the instruction is not retired and is re-executed after the exit
 * is handled.
 */
import { PhysPage } from './physPage';

export interface Stage2Bus {
  /** The page mapped at guest frame `gfn` allowing this access, or null to take a stage-2 abort. */
  translate(gfn: number, write: boolean, fetch: boolean): PhysPage | null;
  /**
   * Bumped whenever a mapping is removed, replaced or downgraded. A vCPU drops its
   * cached translations (its TLB) when it sees a new value, as after a TLBI.
   */
  readonly generation: number;
}

/** IPA space size: 40 bits, the KVM/arm64 default (KVM_VM_TYPE_ARM_IPA_SIZE 0). */
export const IPA_BITS = 40;
export const IPA_LIMIT = 2 ** IPA_BITS;
