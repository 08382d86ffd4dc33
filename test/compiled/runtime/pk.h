/* Freestanding support shared by the compiled test programs (no libc). */
#ifndef PK_H
#define PK_H

typedef unsigned long u64;
typedef long i64;
typedef unsigned int u32;
typedef int i32;
typedef unsigned short u16;
typedef unsigned char u8;
typedef unsigned long size_t;

/* Work multiplier: 1 for the tests, larger for the benchmark (-DSCALE=n). */
#ifndef SCALE
#define SCALE 1
#endif

/* Platform layer (platform_engine.c: PL011 UART; platform_qemu.c: write(2)). */
void pk_putc(int c);
void pk_flush(void);

void pk_puts(const char *s);
void pk_hex(u64 v);
void pk_dec(i64 v);
/* Prints "what: ok" or "what: FAIL got … want …"; returns 1 when it matched. */
int pk_check(const char *what, u64 got, u64 want);
/* Prints "result=0x…" (the value main returns). */
u64 pk_result(u64 v);

void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);
void *memset(void *d, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);

/* xorshift64: deterministic test data. */
static inline u64 pk_rand(u64 *state) {
  u64 x = *state;
  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  return *state = x;
}

#endif
