/*
 * Entry for the engine's bare machine: EL1 with the MMU off. Sets SP, enables FP/SIMD
 * (CPACR_EL1.FPEN = 0b11), zeroes .bss, calls main, keeps its result in x19 and
 * powers off with PSCI SYSTEM_OFF (HVC #0, x0 = 0x84000008).
 */
    .section .text.start, "ax"
    .global _start
_start:
    adrp    x0, __stack_top
    add     x0, x0, :lo12:__stack_top
    mov     sp, x0
    mov     x0, #(3 << 20)
    msr     cpacr_el1, x0
    isb
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
    movz    x0, #0x0008
    movk    x0, #0x8400, lsl #16
    hvc     #0
3:  b       3b
