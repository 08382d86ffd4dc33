/**
 * Why `Cpu.run` returned. Exits that leave the guest for EL2 carry the syndrome the
 * hypervisor would read from ESR_EL2 / FAR_EL2 / HPFAR_EL2, so the model above the
 * CPU decodes them the way pKVM and KVM do.
 */

/** Exception classes (ESR_ELx.EC) used by this CPU. */
export const EC = {
  UNKNOWN: 0x00,
  WFX: 0x01,
  FP_ACCESS: 0x07,
  ILLEGAL_STATE: 0x0e,
  SVC64: 0x15,
  HVC64: 0x16,
  SMC64: 0x17,
  SYS64: 0x18,
  IABT_LOW: 0x20,
  IABT_CUR: 0x21,
  PC_ALIGN: 0x22,
  DABT_LOW: 0x24,
  DABT_CUR: 0x25,
  SP_ALIGN: 0x26,
  BRK64: 0x3c,
} as const;

/** Data/instruction fault status codes (DFSC/IFSC) used here. */
export const FSC = {
  ADDR_SIZE_L0: 0x00,
  TRANSLATION_L3: 0x07,
  PERMISSION_L3: 0x0f,
  SYNC_EXTERNAL: 0x10,
  ALIGNMENT: 0x21,
} as const;

export type CpuExit =
  /** The instruction budget ran out. */
  | { kind: 'budget' }
  /** HVC #imm at EL1: ESR_EL2.EC = 0x16, ISS = imm16. PC already points after the HVC. */
  | { kind: 'hvc'; imm: number; esr: number }
  /** SMC #imm trapped to EL2 (HCR_EL2.TSC): EC 0x17. PC still points at the SMC; the handler skips it. */
  | { kind: 'smc'; imm: number; esr: number }
  /**
   * A stage-2 abort: the bus had no mapping allowing the access. PC points at the
   * faulting instruction, which has not retired. For single-register loads/stores
   * `isv` is set and `srt`/`sas`/`sse`/`sf` describe the transfer, so the host can
   * emulate MMIO (as KVM does from ESR_EL2.ISS).
   */
  | {
      kind: 'stage2-abort';
      ipa: number;
      write: boolean;
      fetch: boolean;
      esr: number;
      far: number;
      hpfar: number;
      isv: boolean;
      /** log2 of the access size (0..3). */
      sas: number;
      sse: boolean;
      srt: number;
      sf: boolean;
    }
  /** WFI trapped to EL2 (HCR_EL2.TWI); PC points after it. */
  | { kind: 'wfi' }
  /** WFE trapped (HCR_EL2.TWE) with no pending event; PC points after it. */
  | { kind: 'wfe' }
  /** An exception for EL1 that the guest cannot take because VBAR_EL1 is still zero. */
  | { kind: 'unhandled-exception'; ec: number; esr: number; far: number; elr: number; description: string }
  /** A debugger breakpoint at PC (the instruction has not executed). */
  | { kind: 'breakpoint'; pc: number }
  /** A watched address was accessed (the access has completed). */
  | { kind: 'watchpoint'; addr: number; size: number; write: boolean; pc: number };

export type CpuExitKind = CpuExit['kind'];

export function esr(ec: number, il: number, iss: number): number {
  return ((ec << 26) | ((il & 1) << 25) | (iss & 0x1ffffff)) >>> 0;
}
