// host-touches-private.S — the VMM reads guest-private memory and the kernel stops it.
//
// The story
//   The point of a protected VM: the host cannot read what the guest did not share. This
//   guest writes a secret into a page of its own and never shares it. When the console
//   prints "secret stored", the VMM (a scripted action in host-touches-private.json) reads
//   that page through its mapping of guest memory — and the host kernel answers with a
//   signal instead of the secret:
//     * SIGBUS under the rfc-2024 profile (the default): guest_memfd refuses the fault;
//     * SIGSEGV under the upstream profile: pKVM refuses the access at stage 2.
//   The VMM is killed by the signal (vmm.onSignal "stop"), so the run ends there.
//
// What each layer does
//   rfc-2024 (guest_memfd, the 2024 RFC)
//     First touch   The guest's store to `secret` faults at stage 2; host KVM takes the
//                   page from guest_memfd and pKVM donates it: host NOPAGE, guest OWNED.
//                   Since the first KVM_RUN every RAM page is NOT_MAPPABLE (a kernel-only
//                   memory attribute), and the VMM dropped its mapping of the image.
//     The VMM reads The read faults in the VMM's guest_memfd mapping; guest_memfd's fault
//                   handler finds the page NOT_MAPPABLE and raises SIGBUS. The host never
//                   gets a page-table entry for it, so pKVM is not even asked.
//   upstream (anonymous memory, the 2026 design)
//     First touch   Host KVM pins the VMM's anonymous page and pKVM donates it: host NOPAGE
//                   (a "donated to guest" annotation in the host stage-2), guest OWNED. The
//                   VMM's page-table entry for it stays.
//     The VMM reads The load reaches the host stage-2, which has no valid entry: pKVM
//                   injects an abort into the host, and the kernel sends SIGSEGV.
//
// Watch it in the debugger
//   Use host-touches-private.json as the launch configuration (examples/README.md shows
//   how). F5 on this file alone runs the defaults, whose VMM never reads the page: read it
//   by hand with the host command below.
//   * Set a breakpoint on `secret_stored` and open the memory map: `secret` (0x80001000)
//     is guest OWNED, host NOPAGE; under rfc-2024 also NOT_MAPPABLE and not mapped by the
//     VMM, under upstream still mapped by the VMM (hostMapped) but inaccessible.
//   * Continue: the console prints "secret stored", the VMM reads, and the session ends
//     with "VMM killed by SIGBUS at VA … (guest IPA 0x80001000)". The event log shows the
//     signal event with the reason.
//   * Try it yourself instead: at the breakpoint run "pKVM: Run Host Command" with
//     `host read 0x80001000 8`.
//   * Set "onSignal": "continue" in the configuration to let the VMM survive the signal:
//     the guest then goes on, finds its secret intact and powers off.
//
// Run it
//   npx pkvm-debug run examples/host-touches-private.S --config examples/host-touches-private.json
//   npx pkvm-debug run examples/host-touches-private.S --config examples/host-touches-private.json --profile upstream
//   (exit status 1: the VMM died; add --json for the signal event and page states)
//
// Console:
//   secret stored
//   (with "onSignal": "continue" also: secret intact)

    .include "include/pkvm.S"

    .equ SECRET_VALUE, 0x5ec2e75ec2e75ec2

    .text
    .global _start
_start:
    // Store the secret. The first store to the page faults it in as a private page:
    // pKVM donates it to the guest and the host loses access.
    ldr     x1, =SECRET_VALUE
    adr     x2, secret
    str     x1, [x2]
secret_stored:
    print   "secret stored\n"       // host-touches-private.json: the VMM reads `secret` now

    // Only reached if the VMM survives (onSignal "continue"): the host could not read
    // the page, and it could not change it either.
    ldr     x1, =SECRET_VALUE
    adr     x2, secret
    ldr     x3, [x2]
    cmp     x3, x1
    b.ne    secret_changed
    print   "secret intact\n"
    system_off
secret_changed:
    print   "secret changed!\n"
    system_off

    // A page of its own: it is never shared.
    .bss
    .balign 4096
secret:
    .space  4096
