/**
 * SMCCC function identifiers and return values the guest uses (include/linux/arm-smccc.h,
 * Documentation/virt/kvm/arm/hypercalls.rst, include/uapi/linux/psci.h). Register values
 * are 64-bit, so results are BigInt: hypercalls are off the hot path.
 */
export const MASK64 = (1n << 64n) - 1n;
/** A signed value as the 64-bit pattern the guest sees in a register. */
export const u64 = (v: bigint | number): bigint => BigInt(v) & MASK64;

export const SMCCC_RET_SUCCESS = 0n;
export const SMCCC_RET_NOT_SUPPORTED = u64(-1);
export const SMCCC_RET_NOT_REQUIRED = u64(-2);
export const SMCCC_RET_INVALID_PARAMETER = u64(-3);

export const ARM_SMCCC_VERSION_FUNC_ID = 0x80000000;
export const ARM_SMCCC_ARCH_FEATURES_FUNC_ID = 0x80000001;
export const ARM_SMCCC_VERSION_1_1 = 0x10001n;

/** KVM vendor-hypervisor service function numbers (owner 6). */
export const KVM_FUNC = {
  FEATURES: 0,
  PTP: 1,
  HYP_MEMINFO: 2,
  MEM_SHARE: 3,
  MEM_UNSHARE: 4,
  MMIO_GUARD: 7,
  /** [RFC]/[ACK] only; upstream slot 9 is PKVM_RESV_9. */
  MEM_RELINQUISH: 9,
} as const;

export const VENDOR_HYP_CALL_UID_FUNC_ID = 0x8600ff01;
export const VENDOR_HYP_KVM_FEATURES_FUNC_ID = 0x86000000;
export const VENDOR_HYP_KVM_HYP_MEMINFO_FUNC_ID = 0xc6000002;
export const VENDOR_HYP_KVM_MEM_SHARE_FUNC_ID = 0xc6000003;
export const VENDOR_HYP_KVM_MEM_UNSHARE_FUNC_ID = 0xc6000004;
export const VENDOR_HYP_KVM_MMIO_GUARD_FUNC_ID = 0xc6000007;
export const VENDOR_HYP_KVM_MEM_RELINQUISH_FUNC_ID = 0xc6000009;
/** UID 28b46fb6-2ec5-11e9-a9ca-4b564d003a74 as returned in x0..x3. */
export const VENDOR_HYP_UID_KVM = [0xb66fb428n, 0xe911c52en, 0x564bcaa9n, 0x743a004dn] as const;

/** PSCI function IDs (32-bit and 64-bit). */
export const PSCI = {
  VERSION: 0x84000000,
  CPU_SUSPEND: 0x84000001,
  CPU_SUSPEND64: 0xc4000001,
  CPU_OFF: 0x84000002,
  CPU_ON: 0x84000003,
  CPU_ON64: 0xc4000003,
  AFFINITY_INFO: 0x84000004,
  AFFINITY_INFO64: 0xc4000004,
  MIGRATE_INFO_TYPE: 0x84000006,
  SYSTEM_OFF: 0x84000008,
  SYSTEM_RESET: 0x84000009,
  FEATURES: 0x8400000a,
  SYSTEM_RESET2: 0x84000012,
  SYSTEM_RESET2_64: 0xc4000012,
} as const;

export const PSCI_RET = {
  SUCCESS: 0,
  NOT_SUPPORTED: -1,
  INVALID_PARAMS: -2,
  DENIED: -3,
  ALREADY_ON: -4,
  ON_PENDING: -5,
  INTERNAL_FAILURE: -6,
  NOT_PRESENT: -7,
  DISABLED: -8,
  INVALID_ADDRESS: -9,
} as const;
export const PSCI_AFFINITY = { ON: 0, OFF: 1, ON_PENDING: 2 } as const;
/** PSCI 1.1, the version KVM reports by default. */
export const PSCI_VERSION_1_1 = 0x10001;
/** MIGRATE_INFO_TYPE: no Trusted OS that needs migration. */
export const PSCI_TOS_NOT_PRESENT_MP = 2;

export function isPsci(fn: number): boolean {
  return (fn & 0x3f000000) === 0x04000000 && (fn & 0xffff) <= 0x1f && (fn >>> 31) === 1;
}

/** Readable names for function IDs, for traces and the debugger. */
const FN_NAMES: Record<number, string> = {
  [ARM_SMCCC_VERSION_FUNC_ID]: 'SMCCC_VERSION',
  [ARM_SMCCC_ARCH_FEATURES_FUNC_ID]: 'SMCCC_ARCH_FEATURES',
  [VENDOR_HYP_CALL_UID_FUNC_ID]: 'VENDOR_HYP_CALL_UID',
  [VENDOR_HYP_KVM_FEATURES_FUNC_ID]: 'KVM_FEATURES',
  [VENDOR_HYP_KVM_HYP_MEMINFO_FUNC_ID]: 'HYP_MEMINFO',
  [VENDOR_HYP_KVM_MEM_SHARE_FUNC_ID]: 'MEM_SHARE',
  [VENDOR_HYP_KVM_MEM_UNSHARE_FUNC_ID]: 'MEM_UNSHARE',
  [VENDOR_HYP_KVM_MMIO_GUARD_FUNC_ID]: 'MMIO_GUARD',
  [VENDOR_HYP_KVM_MEM_RELINQUISH_FUNC_ID]: 'MEM_RELINQUISH',
  [PSCI.VERSION]: 'PSCI_VERSION',
  [PSCI.CPU_SUSPEND]: 'PSCI_CPU_SUSPEND',
  [PSCI.CPU_SUSPEND64]: 'PSCI_CPU_SUSPEND64',
  [PSCI.CPU_OFF]: 'PSCI_CPU_OFF',
  [PSCI.CPU_ON]: 'PSCI_CPU_ON',
  [PSCI.CPU_ON64]: 'PSCI_CPU_ON64',
  [PSCI.AFFINITY_INFO]: 'PSCI_AFFINITY_INFO',
  [PSCI.AFFINITY_INFO64]: 'PSCI_AFFINITY_INFO64',
  [PSCI.MIGRATE_INFO_TYPE]: 'PSCI_MIGRATE_INFO_TYPE',
  [PSCI.SYSTEM_OFF]: 'PSCI_SYSTEM_OFF',
  [PSCI.SYSTEM_RESET]: 'PSCI_SYSTEM_RESET',
  [PSCI.FEATURES]: 'PSCI_FEATURES',
  [PSCI.SYSTEM_RESET2]: 'PSCI_SYSTEM_RESET2',
  [PSCI.SYSTEM_RESET2_64]: 'PSCI_SYSTEM_RESET2_64',
};

export function functionName(fn: number): string {
  return FN_NAMES[fn >>> 0] ?? `0x${(fn >>> 0).toString(16).padStart(8, '0')}`;
}

/** Function ID by the names above (used by configuration triggers). */
export function functionIdByName(name: string): number | undefined {
  for (const [id, n] of Object.entries(FN_NAMES)) if (n === name) return Number(id);
  return undefined;
}

export const KNOWN_FUNCTION_NAMES: ReadonlyArray<string> = Object.values(FN_NAMES);
