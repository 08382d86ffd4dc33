// two-vcpus.S — vCPU 0 starts vCPU 1 with PSCI CPU_ON; each shares a page with the host.
//
// The story
//   A protected VM with two vCPUs (two-vcpus.json: "vcpus": 2). Only vCPU 0 runs at first;
//   the secondary is powered off until the guest asks for it. This guest
//     1. on vCPU 0: starts vCPU 1 with PSCI CPU_ON, passing the IPA of `page1` as the
//        context ID (vCPU 1 receives it in x0), then waits for vCPU 1,
//     2. on vCPU 1: writes a message into page1, shares it (MEM_SHARE), raises a flag in
//        private memory and powers itself off (PSCI CPU_OFF),
//     3. on vCPU 0: sees the flag, shares `page0` the same way, waits until AFFINITY_INFO
//        says vCPU 1 is OFF, and powers the VM off.
//   Both vCPUs see the same guest memory: the flag is private to the VM, not to a vCPU.
//
// What each layer does (profile rfc-2024)
//   PSCI         pKVM (EL2) does not handle PSCI for a protected VM: it passes CPU_ON,
//                AFFINITY_INFO and CPU_OFF to host KVM, which powers vCPU 1 on at `vcpu1_entry`
//                with x0 = the context ID, and the VMM's thread for vCPU 1 starts running it.
//                EL2 copies back x0 only: the guest's x1..x3 survive the call.
//   MEM_SHARE    On whichever vCPU issues it: EL2 shares the page (host SHARED_BORROWED,
//                guest SHARED_OWNED), host KVM clears NOT_MAPPABLE and returns
//                KVM_EXIT_HYPERCALL (nr 3) on that vCPU's kvm_run; the VMM maps the page.
//   Scheduling   The machine runs the vCPU threads round-robin, "quantum" instructions each
//                (200 here). vCPU 0 waits in a WFE loop; each WFE traps to KVM, which
//                lets other vCPUs run (kvm_vcpu_on_spin), and vCPU 1 gets its turn. The
//                console order below is fixed by the flag, whatever the quantum.
//
// Watch it in the debugger
//   Use two-vcpus.json as the launch configuration (examples/README.md shows how). F5 on
//   this file alone runs the defaults, with one vCPU: CPU_ON(1) fails with INVALID_PARAMS.
//   * The Threads view lists vCPU 0 and vCPU 1; vCPU 1 is "off" until CPU_ON powers it on.
//   * Add function breakpoints on PSCI_CPU_ON and MEM_SHARE (labels `start_vcpu1`,
//     `vcpu1_share`, `vcpu0_share` here): the first MEM_SHARE stop is on vCPU 1, the
//     second on vCPU 0.
//   * The memory map shows page0 (0x80001000) and page1 (0x80002000) go guest SHARED_OWNED
//     / host SHARED_BORROWED, mapped by the VMM; the event log stamps each exit with its vCPU.
//   * On vCPU 0, x22 = CPU_ON's result, x20 = its MEM_SHARE result, x23 = the last
//     AFFINITY_INFO (1 = OFF); on vCPU 1, x20 = its MEM_SHARE result.
//
// Run it
//   npx pkvm-debug run examples/two-vcpus.S --config examples/two-vcpus.json
//   (add --json for the event log, page states and both vCPUs' registers)
//
// Console:
//   vCPU 0: starting vCPU 1
//   vCPU 1: up, sharing page1
//   vCPU 0: vCPU 1 shared page1, sharing page0
//   vCPU 0: vCPU 1 is off, both pages shared

    .include "include/pkvm.S"

    .text
    .global _start
_start:                                 // vCPU 0 starts here
    print   "vCPU 0: starting vCPU 1\n"

    // PSCI CPU_ON(target MPIDR 1, entry vcpu1_entry, context ID = page1): host KVM powers
    // vCPU 1 on; it starts at vcpu1_entry with x0 = page1.
    adr     x19, page1
start_vcpu1:
    psci_cpu_on #1, vcpu1_entry, x19
    mov     x22, x0                 // x22: CPU_ON's result (0 = PSCI_RET_SUCCESS)
    cbnz    x22, cpu_on_failed

    // Wait for vCPU 1 to raise `vcpu1_done`. WFE traps to KVM, which runs other vCPUs.
    adr     x1, vcpu1_done
1:  ldar    w2, [x1]
    cbnz    w2, 2f
    wfe
    b       1b
2:  print   "vCPU 0: vCPU 1 shared page1, sharing page0\n"

    // Now vCPU 0's own page: fill it, then MEM_SHARE it (exit nr 3 on vCPU 0).
    adr     x19, page0
    adr     x1, message0
    mov     x2, x19
    bl      copy_string
vcpu0_share:
    mem_share x19
    mov     x20, x0                 // x20 (vCPU 0): MEM_SHARE's result
    cbnz    x20, share_failed

    // AFFINITY_INFO(1) until vCPU 1 has gone OFF (its CPU_OFF may not have run yet).
3:  mov     x1, #1
    mov     x2, xzr
    mov     x3, xzr
    smccc_hvc PSCI_0_2_FN64_AFFINITY_INFO
    mov     x23, x0                 // x23: 0 ON, 1 OFF, 2 ON_PENDING
    cmp     x23, #PSCI_0_2_AFFINITY_LEVEL_OFF
    b.eq    4f
    wfe
    b       3b
4:  print   "vCPU 0: vCPU 1 is off, both pages shared\n"
    system_off

cpu_on_failed:
    print   "vCPU 0: CPU_ON failed (see x22)\n"
    system_off
share_failed:
    print   "MEM_SHARE failed (see x20 on this vCPU)\n"
    system_off

vcpu1_entry:                            // vCPU 1 starts here, x0 = context ID = page1
    mov     x19, x0
    print   "vCPU 1: up, sharing page1\n"
    adr     x1, message1
    mov     x2, x19
    bl      copy_string
vcpu1_share:
    mem_share x19                   // exit nr 3 on vCPU 1's kvm_run
    mov     x20, x0                 // x20 (vCPU 1): MEM_SHARE's result
    cbnz    x20, share_failed

    // Tell vCPU 0 (release store: the page contents are written before the flag), then
    // power this vCPU off. CPU_OFF does not return.
    mov     w1, #1
    adr     x2, vcpu1_done
    stlr    w1, [x2]
    sev
    psci_cpu_off

// Copy the NUL-terminated string at x1 to x2 (x1, x2, w3 clobbered).
copy_string:
    ldrb    w3, [x1], #1
    strb    w3, [x2], #1
    cbnz    w3, copy_string
    ret

    .section .rodata
message0:
    .asciz  "from vCPU 0"
message1:
    .asciz  "from vCPU 1"

    .data
    .balign 4
vcpu1_done:
    .word   0

    .bss
    .balign 4096
page0:
    .space  4096
page1:
    .space  4096
