// hello.S — the smallest pKVM guest: print a line on the console UART, power off.
//
// Run it:   npx pkvm-debug run examples/hello.S
// Debug it: open this file in VS Code and press F5.
//
// The console is a PL011 UART at IPA 0x09000000 emulated by the VMM: each store to
// its data register traps to the host (a stage-2 abort with a valid syndrome), the
// VMM prints the byte, and the guest resumes after the store.

    .equ UART_DR,          0x09000000
    .equ PSCI_SYSTEM_OFF,  0x84000008

    .text
    .global _start
_start:
    ldr     x1, =UART_DR
    adr     x2, message
1:  ldrb    w3, [x2], #1            // next character
    cbz     w3, 2f
    str     w3, [x1]                // MMIO store: exits to the VMM
    b       1b
2:  ldr     x0, =PSCI_SYSTEM_OFF
    hvc     #0                      // PSCI SYSTEM_OFF: the VMM ends the run

message:
    .asciz  "Hello from a pKVM guest!\n"
