// relinquish.S — give a page back to the host for good: it returns zeroed.
//
// The story
//   A balloon driver hands memory the guest no longer needs back to the host, so the host
//   can run other things in it. For a protected VM that page may hold secrets, so the
//   hypervisor must wipe it before the host gets it. This guest
//     1. checks that pKVM offers MEM_RELINQUISH (bit 9 of the KVM FEATURES bitmap),
//     2. fills `balloon` (a page of its own) with a pattern — private data,
//     3. relinquishes the page (MEM_RELINQUISH): SUCCESS, and the page is gone from the
//        guest. The host owns it again, and it is all zeros.
//
// What each layer does (profile rfc-2024: MEM_RELINQUISH exists only in the RFC / Android)
//   FEATURES         Answered at EL2: 0x21D, bits 0, 2, 3, 4 and 9 (RELINQUISH).
//   First touch      The store faults the page in: host KVM takes it from guest_memfd and
//                    records it (a kvm_guest_page in its rb-tree), pKVM donates it: host
//                    NOPAGE, guest OWNED.
//   MEM_RELINQUISH   pKVM (EL2) unmaps the page from the guest (guest NOPAGE), flags the
//                    frame NEED_POISONING and PENDING_RECLAIM, and forwards the call to host
//                    KVM — no exit reaches the VMM. Host KVM finds its record of the page and
//                    asks pKVM to reclaim it: pKVM zeroes the frame and gives it back (host
//                    OWNED, flags cleared); KVM drops its record. The guest gets x0 = SUCCESS.
//   Afterwards       The page is the host's, zeroed. It is still NOT_MAPPABLE for the VMM (the
//                    RFC does not clear the attribute on relinquish). Touching the IPA again
//                    would fault a page in afresh.
//   With --profile upstream FEATURES is 0x1D (no bit 9): the guest says so and stops. Upstream
//   pKVM has no MEM_RELINQUISH; calling it anyway returns NOT_SUPPORTED.
//
// Watch it in the debugger
//   Use relinquish.json as the launch configuration (examples/README.md shows how), or
//   just press F5 on this file: the defaults are all this example needs.
//   * Add a function breakpoint on MEM_RELINQUISH (label `relinquish_balloon` here); before
//     it, the memory view of `balloon` (0x80001000) shows the 0xa5 pattern and the memory map
//     shows it guest OWNED / host NOPAGE.
//   * Step over the call: the memory map shows the page guest NOPAGE / host OWNED, no longer
//     tracked by KVM, and the memory view shows zeros (the host's frame, wiped by pKVM). The
//     event log shows guest_relinquish_to_host, then host_reclaim_page.
//   * x20 keeps the FEATURES bitmap, x21 what MEM_RELINQUISH returned.
//
// Run it
//   npx pkvm-debug run examples/relinquish.S --config examples/relinquish.json
//   (add --json for the event log and page states; --profile upstream to see it missing)
//
// Console:
//   MEM_RELINQUISH offered
//   balloon filled
//   balloon relinquished: the host owns the page again

    .include "include/pkvm.S"

    .text
    .global _start
_start:
    // FEATURES: which KVM vendor-hypervisor calls does this hypervisor offer?
    smccc_hvc ARM_SMCCC_VENDOR_HYP_KVM_FEATURES_FUNC_ID
    mov     x20, x0                 // x20: the FEATURES bitmap
    tbz     x20, #ARM_SMCCC_KVM_FUNC_MEM_RELINQUISH, no_relinquish
    print   "MEM_RELINQUISH offered\n"

    // Fill the balloon page with 0xa5: the first store makes it a private guest page.
    adr     x19, balloon
    mov     x1, x19
    add     x2, x19, #4096
    ldr     x3, =0xa5a5a5a5a5a5a5a5
1:  str     x3, [x1], #8
    cmp     x1, x2
    b.ne    1b
    print   "balloon filled\n"

    // MEM_RELINQUISH(balloon): the page leaves the guest for good. pKVM wipes it before the
    // host gets it back; the guest must not touch it again (it would get a new page).
relinquish_balloon:
    mem_relinquish x19
    mov     x21, x0                 // x21: MEM_RELINQUISH's result (0 = SUCCESS)
    cbnz    x21, relinquish_failed
    print   "balloon relinquished: the host owns the page again\n"
    system_off

no_relinquish:
    print   "MEM_RELINQUISH not offered (upstream pKVM has no relinquish)\n"
    system_off
relinquish_failed:
    print   "MEM_RELINQUISH failed (see x21)\n"
    system_off

    .bss
    .balign 4096
balloon:
    .space  4096
