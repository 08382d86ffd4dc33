/* Output helpers and the memory/string functions GCC may call even when freestanding. */
#include "pk.h"

void pk_puts(const char *s) {
  while (*s) pk_putc(*s++);
}

void pk_hex(u64 v) {
  pk_puts("0x");
  for (int i = 60; i >= 0; i -= 4) pk_putc("0123456789abcdef"[(v >> i) & 15]);
}

void pk_dec(i64 v) {
  char buf[24];
  int n = 0;
  u64 u = v < 0 ? -(u64)v : (u64)v;
  do {
    buf[n++] = (char)('0' + u % 10);
    u /= 10;
  } while (u);
  if (v < 0) pk_putc('-');
  while (n) pk_putc(buf[--n]);
}

int pk_check(const char *what, u64 got, u64 want) {
  pk_puts(what);
  if (got == want) {
    pk_puts(": ok\n");
    return 1;
  }
  pk_puts(": FAIL got ");
  pk_hex(got);
  pk_puts(" want ");
  pk_hex(want);
  pk_putc('\n');
  return 0;
}

u64 pk_result(u64 v) {
  pk_puts("result=");
  pk_hex(v);
  pk_putc('\n');
  pk_flush();
  return v;
}

void *memcpy(void *d, const void *s, size_t n) {
  u8 *dp = d;
  const u8 *sp = s;
  while (n--) *dp++ = *sp++;
  return d;
}

void *memmove(void *d, const void *s, size_t n) {
  u8 *dp = d;
  const u8 *sp = s;
  if (dp < sp) {
    while (n--) *dp++ = *sp++;
  } else {
    while (n--) dp[n] = sp[n];
  }
  return d;
}

void *memset(void *d, int c, size_t n) {
  u8 *dp = d;
  while (n--) *dp++ = (u8)c;
  return d;
}

int memcmp(const void *a, const void *b, size_t n) {
  const u8 *x = a, *y = b;
  for (; n; n--, x++, y++)
    if (*x != *y) return *x - *y;
  return 0;
}

size_t strlen(const char *s) {
  const char *p = s;
  while (*p) p++;
  return (size_t)(p - s);
}
