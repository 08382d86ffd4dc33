/* A qsort-like generic sort (median-of-three quicksort + insertion sort, comparator callback). */
#include "pk.h"

typedef int (*cmp_fn)(const void *, const void *);

static void swap_bytes(u8 *a, u8 *b, size_t size) {
  while (size--) {
    u8 t = *a;
    *a++ = *b;
    *b++ = t;
  }
}

static void pk_qsort(void *base, size_t n, size_t size, cmp_fn cmp) {
  u8 *b = base;
  while (n > 12) {
    size_t mid = n / 2;
    if (cmp(b + mid * size, b) < 0) swap_bytes(b + mid * size, b, size);
    if (cmp(b + (n - 1) * size, b) < 0) swap_bytes(b + (n - 1) * size, b, size);
    if (cmp(b + (n - 1) * size, b + mid * size) < 0) swap_bytes(b + (n - 1) * size, b + mid * size, size);
    swap_bytes(b + mid * size, b + (n - 2) * size, size);
    u8 *pivot = b + (n - 2) * size;
    size_t i = 0, j = n - 2;
    for (;;) {
      while (cmp(b + ++i * size, pivot) < 0) {}
      while (j > 0 && cmp(b + --j * size, pivot) > 0) {}
      if (i >= j) break;
      swap_bytes(b + i * size, b + j * size, size);
    }
    swap_bytes(b + i * size, pivot, size);
    /* Recurse into the smaller side, loop on the larger. */
    if (i < n - i - 1) {
      pk_qsort(b, i, size, cmp);
      b += (i + 1) * size;
      n -= i + 1;
    } else {
      pk_qsort(b + (i + 1) * size, n - i - 1, size, cmp);
      n = i;
    }
  }
  for (size_t i = 1; i < n; i++)
    for (size_t j = i; j > 0 && cmp(b + (j - 1) * size, b + j * size) > 0; j--) swap_bytes(b + (j - 1) * size, b + j * size, size);
}

static int cmp_i32(const void *a, const void *b) {
  i32 x = *(const i32 *)a, y = *(const i32 *)b;
  return (x > y) - (x < y);
}

struct rec {
  u64 key;
  u16 tag;
  char name[6];
};

static int cmp_rec(const void *a, const void *b) {
  const struct rec *x = a, *y = b;
  if (x->key != y->key) return x->key < y->key ? -1 : 1;
  return (int)x->tag - (int)y->tag;
}

static i32 ints[3000];
static struct rec recs[600];

int main(void) {
  u64 seed = 0x9e3779b97f4a7c15ul, acc = 0;
  int ok = 1;
  for (int round = 0; round < 3 * SCALE; round++) {
    size_t n = sizeof ints / sizeof ints[0] - (size_t)(round % 40) * 17;
    for (size_t i = 0; i < n; i++) ints[i] = (i32)(pk_rand(&seed) % 20001) - 10000;
    pk_qsort(ints, n, sizeof ints[0], cmp_i32);
    for (size_t i = 1; i < n; i++) ok &= ints[i - 1] <= ints[i];
    for (size_t i = 0; i < n; i += 7) acc = acc * 131 + (u64)(i64)ints[i];

    for (size_t i = 0; i < 600; i++) {
      recs[i].key = pk_rand(&seed) % 50;
      recs[i].tag = (u16)i;
      for (int k = 0; k < 6; k++) recs[i].name[k] = (char)('a' + (i + (size_t)k) % 26);
    }
    pk_qsort(recs, 600, sizeof recs[0], cmp_rec);
    for (size_t i = 1; i < 600; i++) ok &= cmp_rec(&recs[i - 1], &recs[i]) < 0;
    for (size_t i = 0; i < 600; i += 13) acc = acc * 131 + recs[i].key * 1000 + recs[i].tag + (u8)recs[i].name[i % 6];
  }
  pk_check("sorted", (u64)ok, 1);
  pk_puts("sort acc ");
  pk_hex(acc);
  pk_putc('\n');
  return (int)pk_result(acc);
}
