/* Floating point: Newton square roots, series, a Mandelbrot escape count, conversions. */
#include "pk.h"

static double newton_sqrt(double x) {
  double r = x > 1 ? x / 2 : 1;
  for (int i = 0; i < 30; i++) r = 0.5 * (r + x / r);
  return r;
}

static u64 bits(double d) {
  u64 u;
  memcpy(&u, &d, sizeof u);
  return u;
}

int main(void) {
  u64 acc = 0;
  pk_check("sqrt(16) bits", bits(newton_sqrt(16.0)), 0x4010000000000000ul);
  double pi = 0;
  for (int k = 0; k < 2000 * SCALE; k++) pi += (k & 1 ? -4.0 : 4.0) / (2 * k + 1);
  acc ^= bits(pi);
  int escaped = 0;
  for (int y = 0; y < 24; y++) {
    for (int x = 0; x < 48; x++) {
      double cr = -2.0 + x * (2.6 / 48), ci = -1.2 + y * (2.4 / 24), zr = 0, zi = 0;
      int n = 0;
      while (n < 60 * SCALE && zr * zr + zi * zi < 4.0) {
        double t = zr * zr - zi * zi + cr;
        zi = 2 * zr * zi + ci;
        zr = t;
        n++;
      }
      escaped += n;
    }
  }
  acc = acc * 3 + (u64)escaped;
  float f = 1.0f;
  for (int i = 0; i < 100; i++) f = f * 1.0625f - 0.03125f;
  acc = acc * 3 + (u64)(i64)(f * 1000.0f);
  i64 conv = 0;
  for (int i = -50; i < 50; i++) conv += (i64)(i * 2.75) + (i64)((double)i / 3.0 * 1e6) + (i64)(u32)(i * 1.5f + 100.0f);
  acc = acc * 3 + (u64)conv;
  pk_puts("fp acc ");
  pk_hex(acc);
  pk_putc('\n');
  return (int)pk_result(acc);
}
