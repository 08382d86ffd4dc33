// kernel-touches-private.S — the host kernel reads guest-private memory: refused, or wiped.
//
// The story
//   host-touches-private.S shows the VMM's own loads being stopped. The host kernel can
//   touch guest memory too — a syscall handed a guest buffer, stolen-time updates — through
//   kvm_read_guest_page. This guest writes a secret into a page of its own and never shares
//   it. When the console prints "secret stored", the host kernel reads that page (a
//   scripted "kernel-read" in kernel-touches-private.json). The two designs differ:
//     * rfc-2024 (the default): the page is NOT_MAPPABLE, so the read fails with EPERM and
//       nothing changes. The guest reads its secret back intact and powers off.
//     * upstream: the kernel's access faults at the host stage-2 and the host asks pKVM to
//       reclaim the page by force. pKVM zeroes it (the secret is gone, not leaked), gives it
//       to the host and leaves a POISON mark in the guest's stage-2. The kernel reads zeros.
//       When the guest then reads its secret, host KVM finds the IPA poisoned and KVM_RUN
//       fails with EFAULT: the VM cannot go on.
//
// What each layer does
//   rfc-2024   Host KVM: kvm_read_guest_page goes through guest_memfd, which checks the
//              kernel-only NOT_MAPPABLE attribute (set on all RAM at the first KVM_RUN) and
//              returns -EPERM. pKVM is not involved; the page stays host NOPAGE, guest OWNED.
//   upstream   Host kernel: the access through the VMM's anonymous mapping hits a page donated
//              to the guest; the host stage-2 fault handler calls pKVM's forced reclaim
//              (__pkvm_host_force_reclaim_page_guest): the frame is zeroed, host OWNED, guest
//              POISON. The read is retried and returns zeros. On the guest's next load from
//              the page, EL2 reports a stage-2 fault; host KVM asks pKVM whether the IPA is
//              poisoned (it is) and fails KVM_RUN with -1 EFAULT.
//
// Watch it in the debugger
//   Use kernel-touches-private.json as the launch configuration (examples/README.md shows
//   how). F5 on this file alone runs the defaults, which never touch the page: at the
//   breakpoint, run the host command `kvm read-guest-page 0x80001000 8` instead.
//   * Set a breakpoint on `secret_stored`, open the memory map, and continue.
//   * rfc-2024: the event log shows the scripted kernel-read answered -1 EPERM;
//     `secret` (0x80001000) stays guest OWNED / host NOPAGE; the guest prints "secret intact".
//   * upstream (add "profile": "upstream"): the transition host_force_reclaim_page_guest
//     turns the page guest POISON / host OWNED; the memory view of `secret` is unreadable
//     from the guest's side; the session then stops with "KVM_RUN on vCPU 0 failed: -1 EFAULT".
//
// Run it
//   npx pkvm-debug run examples/kernel-touches-private.S --config examples/kernel-touches-private.json
//   npx pkvm-debug run examples/kernel-touches-private.S --config examples/kernel-touches-private.json --profile upstream
//   (the upstream run exits with status 1; add --json for the event log and page states)
//
// Console (rfc-2024):
//   secret stored
//   secret intact
// Console (upstream):
//   secret stored

    .include "include/pkvm.S"

    .equ SECRET_VALUE, 0x5ec2e75ec2e75ec2

    .text
    .global _start
_start:
    // Store the secret: the first store makes `secret` a private page of the guest.
    ldr     x1, =SECRET_VALUE
    adr     x19, secret
    str     x1, [x19]
secret_stored:
    print   "secret stored\n"       // kernel-touches-private.json: the kernel reads `secret` now

    // Read the secret back. Under upstream this load never completes: the page was
    // reclaimed and poisoned, and KVM_RUN fails with EFAULT.
    ldr     x1, =SECRET_VALUE
    ldr     x20, [x19]              // x20: what the guest reads back
    cmp     x20, x1
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
