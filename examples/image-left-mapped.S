// image-left-mapped.S — the VMM forgets to unmap the image, and the guest never runs.
//
// The story
//   Under the 2024 RFC the VMM writes the guest image into guest_memfd through its own
//   mapping before the first KVM_RUN — the last moment the host may map protected memory.
//   It must then drop that mapping: a page the VMM still maps cannot be given to the guest.
//   This VMM forgets (vmm.unmapImageBeforeRun false in image-left-mapped.json). The guest
//   below would print a line and power off, but its very first instruction cannot be
//   fetched: KVM_RUN fails with EPERM before one instruction retires, and the console
//   stays empty.
//
// What each layer does (profile rfc-2024)
//   VMM              Creates the guest_memfd (MMAP), mmaps it, binds the memslot, writes the
//                    image through the mapping — and keeps the mapping.
//   First KVM_RUN    Host KVM creates the VM at EL2 and marks every RAM page NOT_MAPPABLE
//                    (new host faults would SIGBUS; existing mappings are not torn down).
//   First fetch      The vCPU fetches from 0x80000000: no stage-2 entry yet, so EL2 reports
//                    an instruction abort to host KVM. Its guest_memfd fault path
//                    (guestmem_abort) finds the page NOT_MAPPABLE but still mapped by the
//                    VMM (mapcount 1) and refuses to donate it: -EPERM. KVM_RUN returns -1
//                    EPERM to the VMM; the guest stays at its entry point.
//   pKVM (EL2)       Never asked to donate the page: host OWNED, guest NOPAGE.
//   With --profile upstream the run succeeds: pVM memory is anonymous, the VMM keeps its
//   mapping by design, and host KVM pins the page and donates it (the VMM's later accesses
//   would get SIGSEGV instead). Set "unmapImageBeforeRun": true to fix the rfc-2024 run.
//
// Watch it in the debugger
//   Use image-left-mapped.json as the launch configuration (examples/README.md shows how).
//   F5 on this file alone runs the defaults, whose VMM does unmap the image: the guest runs.
//   * Stop on entry and open the memory map: the code page (0x80000000) is host OWNED and
//     still mapped by the VMM — the forgotten mapping.
//   * Continue: the session stops with "KVM_RUN on vCPU 0 failed: -1 EPERM at PC
//     0x80000000" and no instruction retired. The memory map now shows every page
//     NOT_MAPPABLE and the code page still host OWNED, mapped, guest NOPAGE; the event log
//     shows the instruction abort at IPA 0x80000000 and host KVM's "guestmem_abort refused".
//
// Run it
//   npx pkvm-debug run examples/image-left-mapped.S --config examples/image-left-mapped.json
//   (exit status 1; --profile upstream runs it to the end)
//
// Console (rfc-2024): nothing.  Console (upstream):
//   the guest runs

    .include "include/pkvm.S"

    .text
    .global _start
_start:                                 // the first fetch from here fails under rfc-2024
    print   "the guest runs\n"
    system_off
