// pkvm.S — constants and call macros for protected-VM guests on pKVM/arm64.
//
//     .include "pkvm.S"
//
// A guest talks to the hypervisor with SMCCC 1.1 calls over HVC #0: x0 holds the function
// ID, x1..x3 the arguments; results come back in x0..x3. pKVM handles the memory-sharing
// calls itself at EL2 (and, in the RFC 2024 design this project models, tells the host's
// VMM about them); PSCI calls are passed on to the host.
//
// Function IDs are (fast << 31) | (smc64 << 30) | (owner << 24) | function number:
// owner 4 is "standard service" (PSCI), owner 6 "vendor-specific hypervisor" (KVM).
// Names follow the Linux kernel (include/linux/arm-smccc.h, include/uapi/linux/psci.h).
//
// Macros clobber x0-x3 (the SMCCC argument/result registers) unless noted.

// ----------------------------------------------------------------------- SMCCC

// Return codes, as the guest sees them in x0 (64-bit two's complement).
    .equ SMCCC_RET_SUCCESS,              0
    .equ SMCCC_RET_NOT_SUPPORTED,        -1     // 0xffffffffffffffff
    .equ SMCCC_RET_NOT_REQUIRED,         -2
    .equ SMCCC_RET_INVALID_PARAMETER,    -3

// Service owners (bits 29:24 of a function ID).
    .equ ARM_SMCCC_OWNER_ARCH,           0
    .equ ARM_SMCCC_OWNER_CPU,            1
    .equ ARM_SMCCC_OWNER_SIP,            2
    .equ ARM_SMCCC_OWNER_OEM,            3
    .equ ARM_SMCCC_OWNER_STANDARD,       4      // PSCI
    .equ ARM_SMCCC_OWNER_STANDARD_HYP,   5
    .equ ARM_SMCCC_OWNER_VENDOR_HYP,     6      // KVM / pKVM

// ----------------------------------------------------------------------- KVM vendor-hypervisor services

// Function numbers (bits 15:0).
    .equ ARM_SMCCC_KVM_FUNC_FEATURES,        0      // which KVM services exist (bitmap)
    .equ ARM_SMCCC_KVM_FUNC_PTP,             1      // PTP clock; not used by pKVM guests
    .equ ARM_SMCCC_KVM_FUNC_HYP_MEMINFO,     2      // memory-protection granule
    .equ ARM_SMCCC_KVM_FUNC_MEM_SHARE,       3      // share a granule with the host
    .equ ARM_SMCCC_KVM_FUNC_MEM_UNSHARE,     4      // take a shared granule back
    .equ ARM_SMCCC_KVM_FUNC_MMIO_GUARD,      7      // defined upstream, not handled at EL2
    .equ ARM_SMCCC_KVM_FUNC_MEM_RELINQUISH,  9      // give a granule back to the host (RFC / Android)
    .equ ARM_SMCCC_KVM_FUNC_FEATURES_2,      127
    .equ ARM_SMCCC_KVM_NUM_FUNCS,            128

// Full IDs: 32-bit calling convention 0x86xxxxxx, 64-bit 0xC6xxxxxx.
    .equ ARM_SMCCC_VENDOR_HYP_CALL_UID_FUNC_ID,          0x8600FF01
    .equ ARM_SMCCC_VENDOR_HYP_KVM_FEATURES_FUNC_ID,      0x86000000
    .equ ARM_SMCCC_VENDOR_HYP_KVM_PTP_FUNC_ID,           0x86000001
    .equ ARM_SMCCC_VENDOR_HYP_KVM_HYP_MEMINFO_FUNC_ID,   0xC6000002
    .equ ARM_SMCCC_VENDOR_HYP_KVM_MEM_SHARE_FUNC_ID,     0xC6000003
    .equ ARM_SMCCC_VENDOR_HYP_KVM_MEM_UNSHARE_FUNC_ID,   0xC6000004
    .equ ARM_SMCCC_VENDOR_HYP_KVM_MMIO_GUARD_FUNC_ID,    0xC6000007
    .equ ARM_SMCCC_VENDOR_HYP_KVM_MEM_RELINQUISH_FUNC_ID, 0xC6000009

// CALL_UID answer for KVM (x0..x3): UUID 28b46fb6-2ec5-11e9-a9ca-4b564d003a74.
    .equ ARM_SMCCC_VENDOR_HYP_UID_KVM_REG_0,  0xb66fb428
    .equ ARM_SMCCC_VENDOR_HYP_UID_KVM_REG_1,  0xe911c52e
    .equ ARM_SMCCC_VENDOR_HYP_UID_KVM_REG_2,  0x564bcaa9
    .equ ARM_SMCCC_VENDOR_HYP_UID_KVM_REG_3,  0x743a004d

// FEATURES (x0) as a protected VM sees it from EL2: bits 0, 2, 3, 4 upstream; the RFC adds 9.
    .equ KVM_FEATURES_PVM_UPSTREAM,  0x1D
    .equ KVM_FEATURES_PVM_RFC,       0x21D

// ----------------------------------------------------------------------- PSCI

// 32-bit function IDs (0x84000000 | n).
    .equ PSCI_0_2_FN_PSCI_VERSION,            0x84000000
    .equ PSCI_0_2_FN_CPU_SUSPEND,             0x84000001
    .equ PSCI_0_2_FN_CPU_OFF,                 0x84000002
    .equ PSCI_0_2_FN_CPU_ON,                  0x84000003
    .equ PSCI_0_2_FN_AFFINITY_INFO,           0x84000004
    .equ PSCI_0_2_FN_MIGRATE,                 0x84000005
    .equ PSCI_0_2_FN_MIGRATE_INFO_TYPE,       0x84000006
    .equ PSCI_0_2_FN_MIGRATE_INFO_UP_CPU,     0x84000007
    .equ PSCI_0_2_FN_SYSTEM_OFF,              0x84000008
    .equ PSCI_0_2_FN_SYSTEM_RESET,            0x84000009
    .equ PSCI_1_0_FN_PSCI_FEATURES,           0x8400000A
    .equ PSCI_1_0_FN_CPU_FREEZE,              0x8400000B
    .equ PSCI_1_0_FN_CPU_DEFAULT_SUSPEND,     0x8400000C
    .equ PSCI_1_0_FN_NODE_HW_STATE,           0x8400000D
    .equ PSCI_1_0_FN_SYSTEM_SUSPEND,          0x8400000E
    .equ PSCI_1_0_FN_SET_SUSPEND_MODE,        0x8400000F
    .equ PSCI_1_0_FN_STAT_RESIDENCY,          0x84000010
    .equ PSCI_1_0_FN_STAT_COUNT,              0x84000011
    .equ PSCI_1_1_FN_SYSTEM_RESET2,           0x84000012
    .equ PSCI_1_1_FN_MEM_PROTECT,             0x84000013
    .equ PSCI_1_1_FN_MEM_PROTECT_CHECK_RANGE, 0x84000014
    .equ PSCI_1_3_FN_SYSTEM_OFF2,             0x84000015

// 64-bit function IDs (0xC4000000 | n), for the calls that take 64-bit arguments.
    .equ PSCI_0_2_FN64_CPU_SUSPEND,             0xC4000001
    .equ PSCI_0_2_FN64_CPU_ON,                  0xC4000003
    .equ PSCI_0_2_FN64_AFFINITY_INFO,           0xC4000004
    .equ PSCI_0_2_FN64_MIGRATE,                 0xC4000005
    .equ PSCI_0_2_FN64_MIGRATE_INFO_UP_CPU,     0xC4000007
    .equ PSCI_1_0_FN64_CPU_DEFAULT_SUSPEND,     0xC400000C
    .equ PSCI_1_0_FN64_NODE_HW_STATE,           0xC400000D
    .equ PSCI_1_0_FN64_SYSTEM_SUSPEND,          0xC400000E
    .equ PSCI_1_0_FN64_STAT_RESIDENCY,          0xC4000010
    .equ PSCI_1_0_FN64_STAT_COUNT,              0xC4000011
    .equ PSCI_1_1_FN64_SYSTEM_RESET2,           0xC4000012
    .equ PSCI_1_1_FN64_MEM_PROTECT_CHECK_RANGE, 0xC4000014
    .equ PSCI_1_3_FN64_SYSTEM_OFF2,             0xC4000015

// Return codes (x0).
    .equ PSCI_RET_SUCCESS,           0
    .equ PSCI_RET_NOT_SUPPORTED,     -1
    .equ PSCI_RET_INVALID_PARAMS,    -2
    .equ PSCI_RET_DENIED,            -3
    .equ PSCI_RET_ALREADY_ON,        -4
    .equ PSCI_RET_ON_PENDING,        -5
    .equ PSCI_RET_INTERNAL_FAILURE,  -6
    .equ PSCI_RET_NOT_PRESENT,       -7
    .equ PSCI_RET_DISABLED,          -8
    .equ PSCI_RET_INVALID_ADDRESS,   -9

// AFFINITY_INFO results.
    .equ PSCI_0_2_AFFINITY_LEVEL_ON,          0
    .equ PSCI_0_2_AFFINITY_LEVEL_OFF,         1
    .equ PSCI_0_2_AFFINITY_LEVEL_ON_PENDING,  2

// ----------------------------------------------------------------------- console

// PL011 UART emulated by the VMM, where QEMU's virt board has it. A store to UARTDR is a
// stage-2 abort the VMM emulates: it must be a single-register store without writeback
// (those carry a valid syndrome, ISV = 1).
    .equ PL011_BASE,       0x09000000
    .equ PL011_UARTDR,     0x000
    .equ PL011_UARTFR,     0x018

// ----------------------------------------------------------------------- macros

// Load a 32-bit function ID into a register (MOVZ + MOVK: no literal pool needed).
    .macro smccc_id reg, id
    movz    \reg, #((\id) >> 16) & 0xffff, lsl #16
    movk    \reg, #(\id) & 0xffff
    .endm

// Make an SMCCC call to the hypervisor: x0 = id, arguments already in x1..x3.
    .macro smccc_hvc id
    smccc_id x0, \id
    hvc     #0
    .endm

// x0 = the memory-protection granule in bytes (the hypervisor's PAGE_SIZE), or
// SMCCC_RET_INVALID_PARAMETER. Sharing works granule by granule.
    .macro hyp_meminfo
    mov     x1, xzr
    mov     x2, xzr
    mov     x3, xzr
    smccc_hvc ARM_SMCCC_VENDOR_HYP_KVM_HYP_MEMINFO_FUNC_ID
    .endm

// Share the granule at guest physical address `ipa` (a register, default x1) with the host:
// the page goes from guest-owned to shared, and the host may map it. x0 = SMCCC_RET_SUCCESS
// or SMCCC_RET_INVALID_PARAMETER (not aligned, not owned, or already shared).
    .macro mem_share ipa=x1
    .ifnc \ipa, x1
    mov     x1, \ipa
    .endif
    mov     x2, xzr
    mov     x3, xzr
    smccc_hvc ARM_SMCCC_VENDOR_HYP_KVM_MEM_SHARE_FUNC_ID
    .endm

// Take back a granule shared with mem_share: after success the host can no longer touch it.
    .macro mem_unshare ipa=x1
    .ifnc \ipa, x1
    mov     x1, \ipa
    .endif
    mov     x2, xzr
    mov     x3, xzr
    smccc_hvc ARM_SMCCC_VENDOR_HYP_KVM_MEM_UNSHARE_FUNC_ID
    .endm

// Give a granule back to the host for good (balloon-style): the guest loses it and the
// host may reuse the memory. Part of the RFC 2024 / Android protocol, not upstream.
    .macro mem_relinquish ipa=x1
    .ifnc \ipa, x1
    mov     x1, \ipa
    .endif
    mov     x2, xzr
    mov     x3, xzr
    smccc_hvc ARM_SMCCC_VENDOR_HYP_KVM_MEM_RELINQUISH_FUNC_ID
    .endm

// Start another vCPU: `mpidr` identifies it (a register or #value, e.g. #1), it begins at
// label `entry` with x0 = `context` (a register or #value). x0 = PSCI_RET_SUCCESS,
// PSCI_RET_ALREADY_ON, PSCI_RET_INVALID_PARAMS, …
    .macro psci_cpu_on mpidr, entry, context=xzr
    mov     x1, \mpidr
    adr     x2, \entry
    mov     x3, \context
    smccc_hvc PSCI_0_2_FN64_CPU_ON
    .endm

// Power the calling vCPU off (does not return on success).
    .macro psci_cpu_off
    smccc_hvc PSCI_0_2_FN_CPU_OFF
    .endm

// Power the whole VM off: the VMM ends the run. Does not return.
    .macro system_off
    smccc_hvc PSCI_0_2_FN_SYSTEM_OFF
    .endm

// Write the NUL-terminated string at label `str` to the console, one byte per store to
// UARTDR. The VMM's UART never fills, so UARTFR is not polled. Clobbers x9-x11.
    .macro puts str
    adr     x9, \str
    mov     x10, #PL011_BASE
.Lpkvm_puts_next\@:
    ldrb    w11, [x9], #1
    cbz     w11, .Lpkvm_puts_done\@
    strb    w11, [x10, #PL011_UARTDR]
    b       .Lpkvm_puts_next\@
.Lpkvm_puts_done\@:
    .endm

// Print a string literal: `print "Hello\n"`. The text goes in .rodata. Clobbers x9-x11.
    .macro print text
    .pushsection .rodata
.Lpkvm_print_text\@:
    .asciz  "\text"
    .popsection
    puts    .Lpkvm_print_text\@
    .endm
