/**
 * System registers a bare-metal EL1 guest uses, keyed by their MRS/MSR encoding
 * (op0:op1:CRn:CRm:op2). Values are BigInt: system-register accesses are off the hot path.
 *
 * ID registers advertise exactly what the CPU implements (FP, AdvSIMD, LSE atomics,
 * CRC32; 40-bit PA) so guest feature checks match behaviour.
 */
import type { Cpu } from './cpu';

export function sysregKey(op0: number, op1: number, crn: number, crm: number, op2: number): number {
  return ((op0 & 3) << 14) | (op1 << 11) | (crn << 7) | (crm << 3) | op2;
}

export interface SysRegDef {
  readonly name: string;
  readonly key: number;
  /** Lowest EL allowed to access it (0 for EL0-accessible registers). */
  readonly minEl: 0 | 1;
  read(cpu: Cpu): bigint;
  /** Absent for read-only registers (writes are UNDEFINED). */
  write?(cpu: Cpu, v: bigint): void;
}

/** Backing store for plain read/write registers. */
export class SysRegFile {
  elr_el1 = 0n;
  spsr_el1 = 0n;
  esr_el1 = 0n;
  far_el1 = 0n;
  vbar_el1 = 0n;
  /** KVM's vCPU reset value (arch/arm64/kvm/sys_regs.c): MMU, caches and alignment checks off; SA/SA0 on. */
  sctlr_el1 = 0x00c50078n;
  /** KVM resets CPACR_EL1 to 0: FP/SIMD traps at EL1 until the guest enables it. */
  cpacr_el1 = 0n;
  tpidr_el0 = 0n;
  tpidr_el1 = 0n;
  tpidrro_el0 = 0n;
  mair_el1 = 0n;
  tcr_el1 = 0n;
  ttbr0_el1 = 0n;
  ttbr1_el1 = 0n;
  contextidr_el1 = 0n;
  cntkctl_el1 = 0n;
  cntv_ctl_el0 = 0n;
  cntv_cval_el0 = 0n;
  mdscr_el1 = 0n;
  amair_el1 = 0n;
  afsr0_el1 = 0n;
  afsr1_el1 = 0n;
  par_el1 = 0n;
}

export const MIDR_VALUE = 0x410fd034n; // Arm Cortex-A53 r0p4: a plain ARMv8.0 part, plus the LSE/CRC the ID registers advertise
/** Counter frequency: CNTVCT_EL0 advances one tick per retired instruction of the reading vCPU. */
export const CNTFRQ_VALUE = 100_000_000n;

type RegName = keyof SysRegFile;
const M64 = (1n << 64n) - 1n;

function rw(name: string, key: number, field: RegName, minEl: 0 | 1 = 1, writeMask = M64): SysRegDef {
  return {
    name,
    key,
    minEl,
    read: (cpu) => cpu.sys[field],
    write: (cpu, v) => {
      cpu.sys[field] = (v & writeMask) | (cpu.sys[field] & ~writeMask & M64);
    },
  };
}
function ro(name: string, key: number, value: (cpu: Cpu) => bigint, minEl: 0 | 1 = 1): SysRegDef {
  return { name, key, minEl, read: value };
}

const k = sysregKey;
export const SYSREG_DEFS: ReadonlyArray<SysRegDef> = [
  rw('ELR_EL1', k(3, 0, 4, 0, 1), 'elr_el1'),
  rw('SPSR_EL1', k(3, 0, 4, 0, 0), 'spsr_el1', 1, 0xf03003ffn),
  rw('ESR_EL1', k(3, 0, 5, 2, 0), 'esr_el1', 1, 0xffffffffn),
  rw('FAR_EL1', k(3, 0, 6, 0, 0), 'far_el1'),
  rw('VBAR_EL1', k(3, 0, 12, 0, 0), 'vbar_el1', 1, M64 & ~0x7ffn),
  rw('SCTLR_EL1', k(3, 0, 1, 0, 0), 'sctlr_el1'),
  rw('CPACR_EL1', k(3, 0, 1, 0, 2), 'cpacr_el1', 1, 0x00300000n | 0x10000000n),
  rw('TPIDR_EL0', k(3, 3, 13, 0, 2), 'tpidr_el0', 0),
  rw('TPIDR_EL1', k(3, 0, 13, 0, 4), 'tpidr_el1'),
  rw('TPIDRRO_EL0', k(3, 3, 13, 0, 3), 'tpidrro_el0'),
  rw('MAIR_EL1', k(3, 0, 10, 2, 0), 'mair_el1'),
  rw('TCR_EL1', k(3, 0, 2, 0, 2), 'tcr_el1'),
  rw('TTBR0_EL1', k(3, 0, 2, 0, 0), 'ttbr0_el1'),
  rw('TTBR1_EL1', k(3, 0, 2, 0, 1), 'ttbr1_el1'),
  rw('CONTEXTIDR_EL1', k(3, 0, 13, 0, 1), 'contextidr_el1', 1, 0xffffffffn),
  rw('CNTKCTL_EL1', k(3, 0, 14, 1, 0), 'cntkctl_el1', 1, 0xffffffffn),
  rw('CNTV_CTL_EL0', k(3, 3, 14, 3, 1), 'cntv_ctl_el0', 0, 3n),
  rw('CNTV_CVAL_EL0', k(3, 3, 14, 3, 2), 'cntv_cval_el0', 0),
  rw('MDSCR_EL1', k(2, 0, 0, 2, 2), 'mdscr_el1'),
  rw('AMAIR_EL1', k(3, 0, 10, 3, 0), 'amair_el1'),
  rw('AFSR0_EL1', k(3, 0, 5, 1, 0), 'afsr0_el1'),
  rw('AFSR1_EL1', k(3, 0, 5, 1, 1), 'afsr1_el1'),
  rw('PAR_EL1', k(3, 0, 7, 4, 0), 'par_el1'),
  ro('MIDR_EL1', k(3, 0, 0, 0, 0), () => MIDR_VALUE),
  ro('MPIDR_EL1', k(3, 0, 0, 0, 5), (cpu) => 0x80000000n | BigInt(cpu.mpidrAff)),
  ro('REVIDR_EL1', k(3, 0, 0, 0, 6), () => 0n),
  ro('CurrentEL', k(3, 0, 4, 2, 2), (cpu) => BigInt(cpu.el << 2)),
  ro('CNTFRQ_EL0', k(3, 3, 14, 0, 0), () => CNTFRQ_VALUE, 0),
  ro('CNTVCT_EL0', k(3, 3, 14, 0, 2), (cpu) => BigInt(cpu.retired), 0),
  ro('CNTPCT_EL0', k(3, 3, 14, 0, 1), (cpu) => BigInt(cpu.retired), 0),
  ro('CTR_EL0', k(3, 3, 0, 0, 1), () => 0x84448004n, 0),
  ro('DCZID_EL0', k(3, 3, 0, 0, 7), () => 0x4n, 0),
  // PFR0: EL0 and EL1 AArch64-only, FP and AdvSIMD implemented, no EL2/EL3 visible to the guest.
  ro('ID_AA64PFR0_EL1', k(3, 0, 0, 4, 0), () => 0x11n),
  ro('ID_AA64PFR1_EL1', k(3, 0, 0, 4, 1), () => 0n),
  ro('ID_AA64DFR0_EL1', k(3, 0, 0, 5, 0), () => 0x6n),
  ro('ID_AA64DFR1_EL1', k(3, 0, 0, 5, 1), () => 0n),
  // ISAR0: CRC32 (bits 19:16 = 1) and LSE atomics (bits 23:20 = 2).
  ro('ID_AA64ISAR0_EL1', k(3, 0, 0, 6, 0), () => 0x210000n),
  // ISAR1: LRCPC = 1 (LDAPR).
  ro('ID_AA64ISAR1_EL1', k(3, 0, 0, 6, 1), () => 0x100000n),
  ro('ID_AA64ISAR2_EL1', k(3, 0, 0, 6, 2), () => 0n),
  // MMFR0: PARange 40 bits, 4K granule only, 8-bit ASIDs.
  ro('ID_AA64MMFR0_EL1', k(3, 0, 0, 7, 0), () => 0xff000002n),
  // MMFR1: LO = 1 (LDLAR/STLLR, limited-ordering regions).
  ro('ID_AA64MMFR1_EL1', k(3, 0, 0, 7, 1), () => 0x10000n),
  ro('ID_AA64MMFR2_EL1', k(3, 0, 0, 7, 2), () => 0n),
  ro('ID_AA64ZFR0_EL1', k(3, 0, 0, 4, 4), () => 0n),
  ro('ID_AA64AFR0_EL1', k(3, 0, 0, 5, 4), () => 0n),
  ro('ID_AA64AFR1_EL1', k(3, 0, 0, 5, 5), () => 0n),
];

export const SYSREG_BY_KEY: ReadonlyMap<number, SysRegDef> = new Map(SYSREG_DEFS.map((d) => [d.key, d]));
export const SYSREG_BY_NAME: ReadonlyMap<string, SysRegDef> = new Map(SYSREG_DEFS.map((d) => [d.name.toUpperCase(), d]));
