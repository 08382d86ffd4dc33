/* Console for qemu-aarch64 user mode: buffered write(1, …) system calls. */
#include "pk.h"

static char buf[256];
static size_t used;

static long sys_write(long fd, const void *p, size_t n) {
  register long x0 __asm__("x0") = fd;
  register long x1 __asm__("x1") = (long)p;
  register long x2 __asm__("x2") = (long)n;
  register long x8 __asm__("x8") = 64; /* __NR_write */
  __asm__ volatile("svc #0" : "+r"(x0) : "r"(x1), "r"(x2), "r"(x8) : "memory");
  return x0;
}

void pk_flush(void) {
  size_t off = 0;
  while (off < used) {
    long n = sys_write(1, buf + off, used - off);
    if (n <= 0) break;
    off += (size_t)n;
  }
  used = 0;
}

void pk_putc(int c) {
  buf[used++] = (char)c;
  if (c == '\n' || used == sizeof buf) pk_flush();
}
