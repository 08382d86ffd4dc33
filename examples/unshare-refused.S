// unshare-refused.S — the VMM keeps the shared page mapped, so the unshare is refused.
//
// The story
//   Under the 2024 RFC a guest cannot take a shared page back on its own: the VMM must
//   first stop using it (unmap it) and say so by marking it PRIVATE. This VMM
//   (vmm.onUnshare "keep-mapped" in unshare-refused.json) forgets to unmap. The guest
//     1. writes a message into `buffer` and shares the page (MEM_SHARE: SUCCESS),
//     2. asks for it back (MEM_UNSHARE) and is refused with INVALID_PARAMETER,
//     3. must now treat the page as visible to the host — and indeed, when it prints
//        "still shared", the VMM reads the page again without any trouble.
//
// What each layer does (profile rfc-2024)
//   MEM_SHARE    As in share-unshare.S: pKVM shares the page at EL2 (host SHARED_BORROWED,
//                guest SHARED_OWNED), host KVM clears NOT_MAPPABLE and exits to the VMM,
//                which maps the page and reads it.
//   MEM_UNSHARE  pKVM (EL2) changes nothing yet ("handled on the way back in") and exits;
//                host KVM sets NOT_MAPPABLE (no new VMM faults) and returns
//                KVM_EXIT_HYPERCALL nr 4 to the VMM. The VMM still maps the page and calls
//                KVM_SET_MEMORY_ATTRIBUTES(PRIVATE): the kernel refuses with EPERM (a page
//                mapped by userspace cannot become private). The VMM answers ret = 0
//                anyway and runs the vCPU. On that KVM_RUN host KVM checks the
//                acknowledgement, finds the page not PRIVATE, turns ret into
//                INVALID_PARAMETER and clears NOT_MAPPABLE again; EL2 sees the error, does
//                not unshare, and gives the guest x0 = INVALID_PARAMETER (x1..x3 = 0).
//   Afterwards   The page stays (host SHARED_BORROWED, guest SHARED_OWNED), mapped by the
//                VMM and mappable again: the VMM's second read succeeds.
//   With --profile upstream nobody asks the VMM: pKVM unshares at EL2 at once and the guest
//   gets SUCCESS however the VMM behaves (its mapping then faults with SIGSEGV).
//
// Watch it in the debugger
//   Use unshare-refused.json as the launch configuration (examples/README.md shows how).
//   F5 on this file alone runs the defaults, whose VMM cooperates: the unshare succeeds.
//   * Add a function breakpoint on MEM_UNSHARE (label `unshare_buffer` here) and step over
//     the call: x0 comes back 0xfffffffffffffffd (SMCCC_RET_INVALID_PARAMETER); x21 keeps it.
//   * The event log shows the VMM's KVM_SET_MEMORY_ATTRIBUTES failing with -1 EPERM and
//     host KVM's "unshare not acknowledged".
//   * The memory map shows `buffer` (0x80001000) still SHARED_OWNED / SHARED_BORROWED and
//     mapped by the VMM after the refused call, and not PRIVATE.
//
// Run it
//   npx pkvm-debug run examples/unshare-refused.S --config examples/unshare-refused.json
//   (add --json for the event log and page states)
//
// Console:
//   buffer shared
//   MEM_UNSHARE refused: INVALID_PARAMETER
//   still shared: the VMM can read it

    .include "include/pkvm.S"

    .text
    .global _start
_start:
    // Put a message in the buffer page (first touch: the page becomes guest-private).
    adr     x1, message
    adr     x2, buffer
1:  ldrb    w3, [x1], #1
    strb    w3, [x2], #1
    cbnz    w3, 1b

    // MEM_SHARE(buffer): EL2 shares it, the VMM is told (exit nr 3) and maps it.
    adr     x19, buffer
share_buffer:
    mem_share x19
    mov     x20, x0                 // x20: MEM_SHARE's result (0 = SUCCESS)
    cbnz    x20, share_failed
    print   "buffer shared\n"

    // MEM_UNSHARE(buffer): the VMM is told (exit nr 4) but keeps the page mapped, so it
    // cannot mark it PRIVATE, and pKVM refuses the unshare when the vCPU runs again.
unshare_buffer:
    mem_unshare x19
    mov     x21, x0                 // x21: MEM_UNSHARE's result
    cbz     x21, unshared
    mov     x1, #SMCCC_RET_INVALID_PARAMETER
    cmp     x21, x1
    b.ne    unexpected
    print   "MEM_UNSHARE refused: INVALID_PARAMETER\n"

    // The page is still the host's to read: never put anything private in it now.
    // unshare-refused.json: the VMM reads the buffer when this line is printed.
    print   "still shared: the VMM can read it\n"
    system_off

unshared:
    print   "MEM_UNSHARE: SUCCESS, the page is private again\n"
    system_off
share_failed:
    print   "MEM_SHARE failed (see x20)\n"
    system_off
unexpected:
    print   "MEM_UNSHARE: unexpected result (see x21)\n"
    system_off

    .section .rodata
message:
    .asciz  "shared with the VMM, for now"

    .bss
    .balign 4096
buffer:
    .space  4096
