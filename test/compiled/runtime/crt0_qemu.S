/*
 * Entry for qemu-aarch64 user mode (EL0, Linux): the kernel has set SP and zeroed
 * .bss already (zeroed again for symmetry with the engine's entry), then main, then
 * exit_group(0).
 */
    .section .text.start, "ax"
    .global _start
_start:
    adrp    x0, __bss_start
    add     x0, x0, :lo12:__bss_start
    adrp    x1, __bss_end
    add     x1, x1, :lo12:__bss_end
1:  cmp     x0, x1
    b.hs    2f
    str     xzr, [x0], #8
    b       1b
2:  bl      main
    mov     x19, x0
    mov     x0, #0
    mov     x8, #94
    svc     #0
3:  b       3b
