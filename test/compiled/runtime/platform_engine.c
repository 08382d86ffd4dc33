/* Console for the engine's bare machine: the PL011 UART data register at 0x09000000. */
#include "pk.h"

#define UART_DR ((volatile u32 *)0x09000000UL)

void pk_putc(int c) { *UART_DR = (u32)(u8)c; }
void pk_flush(void) {}
