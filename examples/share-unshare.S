// share-unshare.S — share a buffer with the VMM, let it read the buffer, take it back.
//
// The story
//   A protected guest's memory is private: neither the host kernel nor the VMM can read
//   it. To hand data to a device the VMM emulates (a virtio queue, a console buffer), the
//   guest shares the page holding it, lets the VMM read it, and unshares the page again
//   before it puts anything private there. This guest
//     1. asks pKVM for the sharing granule (HYP_MEMINFO: 4096 bytes),
//     2. writes a message into `buffer` — a private page, given to the guest on first touch,
//     3. shares that page (MEM_SHARE) and prints "buffer shared", at which the VMM reads it,
//     4. unshares it (MEM_UNSHARE); the VMM cooperates, so the guest gets SUCCESS and the
//        page is private again.
//
// What each layer does (profile rfc-2024, the default: the 2024 guest_memfd RFC)
//   Before the run   The VMM creates a guest_memfd (MMAP), binds it as the RAM memslot,
//                    enables KVM_CAP_EXIT_HYPERCALL for MEM_SHARE and MEM_UNSHARE, writes
//                    the image through its mapping and drops that mapping (MADV_DONTNEED).
//                    The first KVM_RUN marks all RAM NOT_MAPPABLE for the host.
//   First touch      The store to `buffer` faults at stage 2; host KVM takes the page from
//                    guest_memfd and pKVM donates it: host NOPAGE, guest OWNED.
//   MEM_SHARE        pKVM (EL2) shares it at once: host SHARED_BORROWED, guest SHARED_OWNED,
//                    then exits to host KVM, which clears NOT_MAPPABLE on the page and
//                    returns KVM_EXIT_HYPERCALL (nr 3, args[0] = the IPA) to the VMM. The
//                    VMM maps the page and reads it, answers ret = 0 and runs the vCPU
//                    again; EL2 hands the guest x0 = SUCCESS (the share already happened:
//                    the host cannot veto it).
//   The VMM reads    A scripted action in share-unshare.json reads the message through the
//                    VMM's guest_memfd mapping when the console prints "buffer shared".
//   MEM_UNSHARE      EL2 changes nothing yet and exits; host KVM sets NOT_MAPPABLE again and
//                    returns KVM_EXIT_HYPERCALL (nr 4). The VMM (onUnshare "cooperative")
//                    drops its mapping (MADV_DONTNEED) and marks the page PRIVATE with
//                    KVM_SET_MEMORY_ATTRIBUTES: that acknowledges the unshare. On the next
//                    entry EL2 completes it: host NOPAGE, guest OWNED, x0 = SUCCESS.
//   With --profile upstream (the 2026 design) the memory is anonymous and no exit reaches
//   the VMM: pKVM shares and unshares on its own, and the guest sees the same results.
//
// Watch it in the debugger
//   Use share-unshare.json as the launch configuration (examples/README.md shows how). F5
//   on this file alone runs the defaults: the same cooperative VMM, minus the scripted read.
//   * Add function breakpoints (Breakpoints view, +) on MEM_SHARE and MEM_UNSHARE: each
//     stops on the HVC before pKVM sees it (x0 = function ID, x1 = the IPA). Step over it
//     and x0 holds the result. The labels `share_buffer` and `unshare_buffer` mark the calls.
//   * Open the memory map (pKVM: Show Guest Memory Map) and pin `buffer` (0x80001000):
//     guest OWNED / host NOPAGE after the first store, SHARED_OWNED / SHARED_BORROWED and
//     mapped by the VMM after MEM_SHARE, OWNED / NOPAGE with PRIVATE and NOT_MAPPABLE after
//     MEM_UNSHARE.
//   * While the page is shared, run "pKVM: Run Host Command" with `host read 0x80001000 32`:
//     the VMM reads the message. After the unshare the same command gets SIGBUS (and the
//     VMM, as configured by onSignal "stop", dies of it).
//   * x20 and x21 keep what MEM_SHARE and MEM_UNSHARE returned (0 = SUCCESS).
//
// Run it
//   npx pkvm-debug run examples/share-unshare.S --config examples/share-unshare.json
//   (add --json for the event log and page states, --profile upstream for the 2026 design)
//
// Console:
//   granule: 4096 bytes
//   buffer shared
//   buffer unshared: private again

    .include "include/pkvm.S"

    .text
    .global _start
_start:
    // HYP_MEMINFO: the hypervisor's page size is the unit of sharing. This guest shares
    // exactly one 4 KiB page, so anything else means it cannot go on.
    hyp_meminfo
    mov     x19, x0
    cmp     x19, #4096
    b.ne    unexpected_granule
    print   "granule: 4096 bytes\n"

    // Write the message into the buffer page. The first store faults the page in: host
    // KVM takes it from guest_memfd and pKVM donates it to the guest (private).
    adr     x1, message
    adr     x2, buffer
1:  ldrb    w3, [x1], #1
    strb    w3, [x2], #1
    cbnz    w3, 1b

    // MEM_SHARE(buffer): the page becomes readable by the host. EL2 shares it, host KVM
    // clears NOT_MAPPABLE and the VMM gets KVM_EXIT_HYPERCALL nr 3 (MEM_SHARE).
    adr     x19, buffer
share_buffer:
    mem_share x19
    mov     x20, x0                 // x20: MEM_SHARE's result
    cbnz    x20, share_failed
    print   "buffer shared\n"       // share-unshare.json: the VMM reads the buffer now

    // MEM_UNSHARE(buffer): take the page back. The VMM must unmap it and mark it PRIVATE
    // before pKVM completes the unshare on the way back into the guest.
unshare_buffer:
    mem_unshare x19
    mov     x21, x0                 // x21: MEM_UNSHARE's result
    cbnz    x21, unshare_refused
    print   "buffer unshared: private again\n"
    system_off

unexpected_granule:
    print   "HYP_MEMINFO: unexpected granule (see x19)\n"
    system_off
share_failed:
    print   "MEM_SHARE failed (see x20)\n"
    system_off
unshare_refused:
    print   "MEM_UNSHARE refused: the page is still shared (see x21)\n"
    system_off

    .section .rodata
message:
    .asciz  "a message for the VMM, shared on purpose"

    // One page of its own, so sharing it exposes nothing else.
    .bss
    .balign 4096
buffer:
    .space  4096
