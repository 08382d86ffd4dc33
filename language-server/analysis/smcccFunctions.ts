/**
 * SMCCC function IDs a pKVM guest passes in x0 before `hvc #0`: the KVM vendor-hypervisor
 * services (memory sharing with the host) and PSCI, with their kernel names and what
 * they do (from the project reference, pkvm-guest-memfd.md sections 2.1-2.3 and 5).
 */

export interface FunctionInfo {
  readonly id: number;
  /** The kernel's name for the ID. */
  readonly name: string;
  /** KVM services: the kernel's name for the function number (bits 15:0), e.g. ARM_SMCCC_KVM_FUNC_MEM_SHARE = 3. */
  readonly numberName?: string;
  /** Who implements it. */
  readonly service: string;
  /** SMC32 or SMC64 calling convention. */
  readonly convention: 'SMC32' | 'SMC64';
  readonly meaning: string;
  readonly args?: string;
  readonly result?: string;
}

const KVM_SERVICE = 'KVM vendor hypervisor service (owner 6)';
const PSCI_SERVICE = 'PSCI (standard service, owner 4)';
const ARCH_SERVICE = 'SMCCC architecture call (owner 0)';

const KVM: ReadonlyArray<FunctionInfo> = [
  { id: 0x80000000, name: 'ARM_SMCCC_VERSION_FUNC_ID', service: ARCH_SERVICE, convention: 'SMC32', meaning: 'SMCCC version implemented by the firmware/hypervisor.', result: 'x0 = version (0x10001 for 1.1)' },
  { id: 0x80000001, name: 'ARM_SMCCC_ARCH_FEATURES_FUNC_ID', service: ARCH_SERVICE, convention: 'SMC32', meaning: 'Is the SMCCC function in x1 implemented?', args: 'x1 = function ID to query', result: 'x0 = 0 if implemented, NOT_SUPPORTED (-1) otherwise' },
  { id: 0x8600ff01, name: 'ARM_SMCCC_VENDOR_HYP_CALL_UID_FUNC_ID', service: KVM_SERVICE, convention: 'SMC32', meaning: 'UID of the vendor hypervisor: identifies KVM (28b46fb6-2ec5-11e9-a9ca-4b564d003a74).', result: 'x0..x3 = 0xb66fb428, 0xe911c52e, 0x564bcaa9, 0x743a004d' },
  { id: 0x86000000, name: 'ARM_SMCCC_VENDOR_HYP_KVM_FEATURES_FUNC_ID', numberName: 'ARM_SMCCC_KVM_FUNC_FEATURES', service: KVM_SERVICE, convention: 'SMC32', meaning: 'Which KVM vendor services are available.', result: 'x0..x3 = bitmaps of available function numbers 0-31, 32-63, 64-95, 96-127 (a pVM sees 0x21D in the RFC design, 0x1D upstream)' },
  { id: 0x86000001, name: 'ARM_SMCCC_VENDOR_HYP_KVM_PTP_FUNC_ID', numberName: 'ARM_SMCCC_KVM_FUNC_PTP', service: KVM_SERVICE, convention: 'SMC32', meaning: 'KVM PTP: read the host’s wall clock and counter (for time synchronisation).' },
  { id: 0xc6000002, name: 'ARM_SMCCC_VENDOR_HYP_KVM_HYP_MEMINFO_FUNC_ID', numberName: 'ARM_SMCCC_KVM_FUNC_HYP_MEMINFO', service: KVM_SERVICE, convention: 'SMC64', meaning: 'Memory-protection granule of the hypervisor: the unit MEM_SHARE/MEM_UNSHARE work in (pVM only).', args: 'x1, x2, x3 must be 0', result: 'x0 = granule in bytes (PAGE_SIZE, 4096) or INVALID_PARAMETER (-3)' },
  { id: 0xc6000003, name: 'ARM_SMCCC_VENDOR_HYP_KVM_MEM_SHARE_FUNC_ID', numberName: 'ARM_SMCCC_KVM_FUNC_MEM_SHARE', service: KVM_SERVICE, convention: 'SMC64', meaning: 'MEM_SHARE: share one granule of guest memory with the host: the guest keeps it, the host (VMM) may map it. In the RFC design the VMM sees a KVM_EXIT_HYPERCALL (nr 3) and the guest gets SUCCESS either way.', args: 'x1 = IPA (granule aligned); x2, x3 must be 0', result: 'x0 = SUCCESS (0) or INVALID_PARAMETER (-3)' },
  { id: 0xc6000004, name: 'ARM_SMCCC_VENDOR_HYP_KVM_MEM_UNSHARE_FUNC_ID', numberName: 'ARM_SMCCC_KVM_FUNC_MEM_UNSHARE', service: KVM_SERVICE, convention: 'SMC64', meaning: 'MEM_UNSHARE: take back a granule shared with MEM_SHARE: the host loses access. In the RFC design the VMM sees a KVM_EXIT_HYPERCALL (nr 4) and must unmap the page and make it private before acknowledging.', args: 'x1 = IPA (granule aligned, not 0); x2, x3 must be 0', result: 'x0 = SUCCESS (0) or INVALID_PARAMETER (-3); x1..x3 = 0' },
  { id: 0xc6000007, name: 'ARM_SMCCC_VENDOR_HYP_KVM_MMIO_GUARD_FUNC_ID', numberName: 'ARM_SMCCC_KVM_FUNC_MMIO_GUARD', service: KVM_SERVICE, convention: 'SMC64', meaning: 'MMIO_GUARD: declare an IPA as MMIO the guest expects to be emulated (not handled by the upstream pKVM EL2 handler).', args: 'x1 = MMIO IPA; x2, x3 must be 0', result: 'x0 = SUCCESS or INVALID_PARAMETER (NOT_SUPPORTED when unhandled)' },
  { id: 0xc6000009, name: 'ARM_SMCCC_VENDOR_HYP_KVM_MEM_RELINQUISH_FUNC_ID', numberName: 'ARM_SMCCC_KVM_FUNC_MEM_RELINQUISH', service: KVM_SERVICE, convention: 'SMC64', meaning: 'MEM_RELINQUISH: give a page back to the host for good (e.g. a balloon): the hypervisor unmaps it from the guest and the host reclaims it; no VMM exit. RFC/Android only (slot 9 is reserved upstream).', args: 'x1 = IPA; x2, x3 must be 0', result: 'x0 = SUCCESS (0) or INVALID_PARAMETER (-3)' },
];

/** PSCI functions: number, name, the PSCI version that added it (its uapi prefix), whether a 64-bit (0xC4…) ID exists, meaning. */
const PSCI_FUNCS: ReadonlyArray<readonly [number, string, string, boolean, string]> = [
  [0x00, 'PSCI_VERSION', '0_2', false, 'PSCI version (major << 16 | minor).'],
  [0x01, 'CPU_SUSPEND', '0_2', true, 'Suspend the calling CPU to a power state.'],
  [0x02, 'CPU_OFF', '0_2', false, 'Power the calling CPU off.'],
  [0x03, 'CPU_ON', '0_2', true, 'Power a CPU on at an entry point: x1 = target MPIDR, x2 = entry address, x3 = context ID (x0 at entry).'],
  [0x04, 'AFFINITY_INFO', '0_2', true, 'Power state of a CPU or cluster: x1 = target affinity, x2 = lowest affinity level (0 ON, 1 OFF, 2 ON_PENDING).'],
  [0x05, 'MIGRATE', '0_2', true, 'Migrate a Trusted OS to another CPU.'],
  [0x06, 'MIGRATE_INFO_TYPE', '0_2', false, 'Does a Trusted OS need migration (2 = none present).'],
  [0x07, 'MIGRATE_INFO_UP_CPU', '0_2', true, 'The CPU a uniprocessor Trusted OS runs on.'],
  [0x08, 'SYSTEM_OFF', '0_2', false, 'Power the whole system off (the VMM ends the run).'],
  [0x09, 'SYSTEM_RESET', '0_2', false, 'Reset the whole system.'],
  [0x0a, 'PSCI_FEATURES', '1_0', false, 'Is the PSCI function in x1 implemented (0) or not (NOT_SUPPORTED)?'],
  [0x0b, 'CPU_FREEZE', '1_0', false, 'Put the calling CPU in a low-power freeze state.'],
  [0x0c, 'CPU_DEFAULT_SUSPEND', '1_0', true, 'Suspend the calling CPU to the default power state.'],
  [0x0d, 'NODE_HW_STATE', '1_0', true, 'Hardware power state of a node.'],
  [0x0e, 'SYSTEM_SUSPEND', '1_0', true, 'Suspend the whole system to RAM.'],
  [0x0f, 'SET_SUSPEND_MODE', '1_0', false, 'Choose platform-coordinated or OS-initiated suspend.'],
  [0x10, 'STAT_RESIDENCY', '1_0', true, 'Time spent in a power state.'],
  [0x11, 'STAT_COUNT', '1_0', true, 'Number of times a power state was entered.'],
  [0x12, 'SYSTEM_RESET2', '1_1', true, 'Architectural or vendor-specific system reset.'],
  [0x13, 'MEM_PROTECT', '1_1', false, 'Enable memory protection across resets.'],
  [0x14, 'MEM_PROTECT_CHECK_RANGE', '1_1', true, 'Is a memory range protected across resets?'],
  [0x15, 'SYSTEM_OFF2', '1_3', true, 'Power off to a given state, e.g. hibernate.'],
];

const PSCI_RESULT = 'x0 = 0 (SUCCESS) or a PSCI error: NOT_SUPPORTED -1, INVALID_PARAMS -2, DENIED -3, ALREADY_ON -4, ON_PENDING -5, INTERNAL_FAILURE -6, NOT_PRESENT -7, DISABLED -8, INVALID_ADDRESS -9';

function buildTable(): Map<number, FunctionInfo> {
  const t = new Map<number, FunctionInfo>(KVM.map((f) => [f.id, f]));
  for (const [n, name, version, has64, meaning] of PSCI_FUNCS) {
    const service = `${PSCI_SERVICE}, PSCI ${version.replace('_', '.')}`;
    t.set(0x84000000 + n, { id: 0x84000000 + n, name: `PSCI_${version}_FN_${name}`, service, convention: 'SMC32', meaning, result: PSCI_RESULT });
    if (has64) t.set(0xc4000000 + n, { id: 0xc4000000 + n, name: `PSCI_${version}_FN64_${name}`, service, convention: 'SMC64', meaning, result: PSCI_RESULT });
  }
  return t;
}

const TABLE = buildTable();

/**
 * The SMCCC function `value` names, if it is a known function ID; KVM function numbers
 * reserved for pKVM (5-63 without a defined service) are reported as such.
 */
export function describeFunctionId(value: bigint): FunctionInfo | undefined {
  if (value < 0n || value > 0xffffffffn) return undefined;
  const id = Number(value);
  const known = TABLE.get(id);
  if (known) return known;
  const n = id & 0xffff;
  if (id >>> 16 === 0xc600 && n >= 5 && n <= 63) {
    return { id, name: `ARM_SMCCC_KVM_FUNC_PKVM_RESV_${n}`, service: KVM_SERVICE, convention: 'SMC64', meaning: 'Reserved for pKVM: no service is defined for this function number.' };
  }
  return undefined;
}

const BY_NUMBER_NAME = new Map(KVM.filter((f) => f.numberName).map((f) => [f.numberName!, f]));

/**
 * The KVM service a constant names by its function number, as the kernel's
 * `ARM_SMCCC_KVM_FUNC_MEM_SHARE = 3` does: the name must match and the value be that number.
 */
export function describeFunctionNumber(name: string, value: bigint): FunctionInfo | undefined {
  const f = BY_NUMBER_NAME.get(name);
  return f && BigInt(f.id & 0xffff) === value ? f : undefined;
}

