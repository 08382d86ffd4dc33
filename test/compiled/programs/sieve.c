/* Sieve of Eratosthenes: prime counts and sums, checked against known values. */
#include "pk.h"

#define LIMIT 100000
static u8 composite[LIMIT + 1];

static u64 sieve(u32 limit, u64 *sum) {
  memset(composite, 0, limit + 1);
  u64 count = 0;
  *sum = 0;
  for (u32 i = 2; i <= limit; i++) {
    if (composite[i]) continue;
    count++;
    *sum += i;
    for (u64 j = (u64)i * i; j <= limit; j += i) composite[j] = 1;
  }
  return count;
}

int main(void) {
  u64 sum, acc = 0;
  pk_check("pi(100)", sieve(100, &sum), 25);
  pk_check("sum of primes < 100", sum, 1060);
  for (int round = 0; round < SCALE; round++) {
    pk_check("pi(100000)", sieve(LIMIT, &sum), 9592);
    acc = acc * 7 + sum;
  }
  /* Twin primes below the limit, from the last sieve. */
  u64 twins = 0;
  for (u32 i = 3; i + 2 <= LIMIT; i += 2) twins += !composite[i] && !composite[i + 2];
  pk_puts("twin pairs ");
  pk_dec((i64)twins);
  pk_putc('\n');
  return (int)pk_result(acc ^ twins);
}
