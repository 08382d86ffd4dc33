/* String functions: copy, compare, search, reverse, number conversion, a small tokenizer. */
#include "pk.h"

static char *pk_strcpy(char *d, const char *s) {
  char *r = d;
  while ((*d++ = *s++)) {}
  return r;
}
static int pk_strcmp(const char *a, const char *b) {
  while (*a && *a == *b) a++, b++;
  return (u8)*a - (u8)*b;
}
static const char *pk_strchr(const char *s, int c) {
  for (; *s; s++)
    if (*s == (char)c) return s;
  return c == 0 ? s : 0;
}
static const char *pk_strstr(const char *h, const char *n) {
  size_t ln = strlen(n);
  for (; *h; h++)
    if (memcmp(h, n, ln) == 0) return h;
  return ln == 0 ? h : 0;
}
static void reverse(char *s) {
  size_t n = strlen(s);
  for (size_t i = 0; i < n / 2; i++) {
    char t = s[i];
    s[i] = s[n - 1 - i];
    s[n - 1 - i] = t;
  }
}
static char *utoa(u64 v, char *buf, unsigned base) {
  char *p = buf;
  do {
    *p++ = "0123456789abcdefghijklmnopqrstuvwxyz"[v % base];
    v /= base;
  } while (v);
  *p = 0;
  reverse(buf);
  return buf;
}
static i64 pk_atoi(const char *s) {
  i64 sign = 1, v = 0;
  while (*s == ' ') s++;
  if (*s == '-') sign = -1, s++;
  while (*s >= '0' && *s <= '9') v = v * 10 + (*s++ - '0');
  return sign * v;
}
static u64 hash(const char *s) {
  u64 h = 1469598103934665603ul;
  while (*s) h = (h ^ (u8)*s++) * 1099511628211ul;
  return h;
}

static const char *words[] = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa"};

int main(void) {
  char buf[256], num[72];
  u64 acc = 0;
  pk_check("strlen", strlen("hello, world"), 12);
  pk_check("strcmp", pk_strcmp("abc", "abd") < 0, 1);
  pk_check("strstr", (u64)(pk_strstr("the quick brown fox", "brown") - "the quick brown fox"), 10);
  pk_check("atoi", (u64)pk_atoi("  -123456789"), (u64)-123456789l);
  pk_check("utoa base 36", hash(utoa(0xdeadbeefcafeul, num, 36)), hash("2escxszj0e"));
  for (int round = 0; round < 40 * SCALE; round++) {
    pk_strcpy(buf, "");
    for (int k = 0; k < 10; k++) {
      const char *w = words[(round + k * 3) % 10];
      size_t n = strlen(buf);
      pk_strcpy(buf + n, w);
      buf[n + strlen(w)] = k == 9 ? 0 : ' ';
      buf[n + strlen(w) + 1] = 0;
    }
    reverse(buf);
    acc = acc * 3 + hash(buf);
    reverse(buf);
    /* Tokenize on spaces and fold every word. */
    const char *p = buf;
    while (p && *p) {
      const char *sp = pk_strchr(p, ' ');
      size_t n = sp ? (size_t)(sp - p) : strlen(p);
      memcpy(num, p, n);
      num[n] = 0;
      acc += hash(num) >> (n & 7);
      p = sp ? sp + 1 : 0;
    }
    utoa((u64)round * 0x123456789ul, num, 10 + round % 27);
    acc ^= (u64)pk_atoi(num) + hash(num);
    const char *hit = pk_strstr(buf, words[round % 10]);
    acc += hit ? (u64)(hit - buf) : 999;
    memmove(buf + 1, buf, strlen(buf) + 1);
    acc += (u64)pk_strcmp(buf + 1, buf);
  }
  pk_puts("strings acc ");
  pk_hex(acc);
  pk_putc('\n');
  return (int)pk_result(acc);
}
