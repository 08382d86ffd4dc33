/* 64-bit division-heavy code: gcd, modular exponentiation, integer roots, digit sums, signed/unsigned div and mod. */
#include "pk.h"

static u64 gcd(u64 a, u64 b) {
  while (b) {
    u64 t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/* (a * b) mod m without 128-bit division: double-and-add. */
static u64 mulmod(u64 a, u64 b, u64 m) {
  u64 r = 0;
  a %= m;
  while (b) {
    if (b & 1) r = r >= m - a ? r - (m - a) : r + a;
    a = a >= m - a ? a - (m - a) : a + a;
    b >>= 1;
  }
  return r;
}

static u64 powmod(u64 b, u64 e, u64 m) {
  u64 r = 1 % m;
  while (e) {
    if (e & 1) r = mulmod(r, b, m);
    b = mulmod(b, b, m);
    e >>= 1;
  }
  return r;
}

static u64 isqrt(u64 n) {
  if (n < 2) return n;
  u64 x = n / 2 + 1, y = (x + n / x) / 2;
  while (y < x) {
    x = y;
    y = (x + n / x) / 2;
  }
  return x;
}

static int is_prime(u64 n) {
  if (n < 2) return 0;
  static const u64 bases[] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37};
  u64 d = n - 1;
  int s = 0;
  while (!(d & 1)) d >>= 1, s++;
  for (int i = 0; i < 12; i++) {
    u64 a = bases[i] % n;
    if (a == 0) continue;
    u64 x = powmod(a, d, n);
    if (x == 1 || x == n - 1) continue;
    int composite = 1;
    for (int r = 1; r < s && composite; r++) {
      x = mulmod(x, x, n);
      if (x == n - 1) composite = 0;
    }
    if (composite) return 0;
  }
  return 1;
}

int main(void) {
  u64 seed = 0x0123456789abcdeful, acc = 0;
  pk_check("gcd", gcd(1071, 462), 21);
  pk_check("powmod", powmod(2, 1000000, 1000000007ul), 235042059ul);
  pk_check("isqrt", isqrt(0xfffffffffffffffful), 0xfffffffful);
  pk_check("2^61-1 prime", (u64)is_prime(2305843009213693951ul), 1);
  pk_check("signed div", (u64)(-7l / 2), (u64)-3l);
  pk_check("signed mod", (u64)(-7l % 2), (u64)-1l);
  for (int round = 0; round < 300 * SCALE; round++) {
    u64 a = pk_rand(&seed), b = pk_rand(&seed) >> (round % 60);
    if (b == 0) b = 3;
    i64 sa = (i64)a, sb = (i64)b * ((round & 1) ? -1 : 1);
    acc += a / b + a % b + (u64)(sa / sb) + (u64)(sa % sb);
    acc ^= gcd(a, b) + isqrt(a);
    u32 wa = (u32)a, wb = (u32)b | 1;
    acc += wa / wb + (u32)((i32)wa / (i32)wb) + wa % wb;
    u64 digits = 0;
    for (u64 t = a; t; t /= 10) digits += t % 10;
    acc = acc * 3 + digits;
    if (round % 10 == 0) acc += (u64)is_prime(a | 1) << 32;
  }
  pk_puts("div acc ");
  pk_hex(acc);
  pk_putc('\n');
  return (int)pk_result(acc);
}
