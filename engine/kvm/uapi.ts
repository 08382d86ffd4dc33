/**
 * KVM user-space ABI constants (include/uapi/linux/kvm.h, arch/arm64 uapi, fcntl/mman)
 * as the reference lists them. RFC-only names are marked.
 */
export const KVM_EXIT = {
  UNKNOWN: 0,
  HYPERCALL: 3,
  MMIO: 6,
  FAIL_ENTRY: 9,
  INTR: 10,
  INTERNAL_ERROR: 17,
  SYSTEM_EVENT: 24,
  ARM_NISV: 28,
  MEMORY_FAULT: 39,
} as const;

const EXIT_NAMES: Record<number, string> = Object.fromEntries(Object.entries(KVM_EXIT).map(([k, v]) => [v, `KVM_EXIT_${k}`]));
export function exitReasonName(r: number): string {
  return EXIT_NAMES[r] ?? `KVM_EXIT_${r}`;
}

export const KVM_CAP = {
  EXIT_HYPERCALL: 201,
  USER_MEMORY2: 231,
  MEMORY_FAULT_INFO: 232,
  MEMORY_ATTRIBUTES: 233,
  GUEST_MEMFD: 234,
  VM_TYPES: 235,
  GUEST_MEMFD_FLAGS: 244,
} as const;

/** [RFC] arm64 KVM_CAP_EXIT_HYPERCALL mask: MEM_SHARE (bit 3) and MEM_UNSHARE (bit 4). */
export const RFC_HYPERCALL_EXIT_MASK = (1n << 3n) | (1n << 4n);

export const KVM_VM_TYPE_ARM_PROTECTED = 2 ** 31;
export const KVM_VM_TYPE_ARM_IPA_SIZE_MASK = 0xff;

export const KVM_MEM_LOG_DIRTY_PAGES = 1;
export const KVM_MEM_READONLY = 2;
export const KVM_MEM_GUEST_MEMFD = 4;
/** KVM_USER_MEM_SLOTS on arm64. */
export const KVM_USER_MEM_SLOTS = 512;

export const KVM_MEMORY_ATTRIBUTE_PRIVATE = 1n << 3n;
/** [RFC] only: bits 63..16 are kernel-only attributes. */
export const KVM_MEMORY_ATTRIBUTES_KERNEL_SHIFT = 16n;
/** [RFC] only: kernel attribute, "the host may not map this gfn". */
export const KVM_MEMORY_ATTRIBUTE_NOT_MAPPABLE = 1n << 16n;

export const GUEST_MEMFD_FLAG_MMAP = 1n << 0n;
export const GUEST_MEMFD_FLAG_INIT_SHARED = 1n << 1n;

export const KVM_MEMORY_EXIT_FLAG_PRIVATE = 1n << 3n;

export const KVM_SYSTEM_EVENT = { SHUTDOWN: 1, RESET: 2, CRASH: 3 } as const;

export const FALLOC_FL_KEEP_SIZE = 1;
export const FALLOC_FL_PUNCH_HOLE = 2;

export const PROT_READ = 1;
export const PROT_WRITE = 2;
export const MAP_SHARED = 1;
export const MAP_PRIVATE = 2;
export const MADV_DONTNEED = 4;
export const MADV_COLLAPSE = 25;
