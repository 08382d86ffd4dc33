/* CRC-32 (IEEE 802.3): bitwise and table-driven over pseudo-random data; both must agree. */
#include "pk.h"

static u32 table[256];
static u8 data[4096];

static u32 crc_bitwise(const u8 *p, size_t n) {
  u32 crc = 0xffffffffu;
  while (n--) {
    crc ^= *p++;
    for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
  }
  return ~crc;
}

static void make_table(void) {
  for (u32 i = 0; i < 256; i++) {
    u32 c = i;
    for (int k = 0; k < 8; k++) c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
    table[i] = c;
  }
}

static u32 crc_table(u32 crc, const u8 *p, size_t n) {
  crc = ~crc;
  while (n--) crc = table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
  return ~crc;
}

int main(void) {
  make_table();
  pk_check("crc32(\"123456789\")", crc_table(0, (const u8 *)"123456789", 9), 0xcbf43926u);
  u64 seed = 0x243f6a8885a308d3ul;
  for (size_t i = 0; i < sizeof data; i++) data[i] = (u8)pk_rand(&seed);
  u64 acc = 0;
  for (int round = 0; round < 4 * SCALE; round++) {
    size_t n = 512 + (size_t)round * 97 % 3000;
    u32 a = crc_bitwise(data, n);
    u32 b = crc_table(0, data, n);
    if (a != b) pk_check("bitwise == table", a, b);
    /* Incremental computation over two halves equals the one-shot value. */
    u32 c = crc_table(crc_table(0, data, n / 3), data + n / 3, n - n / 3);
    if (c != b) pk_check("incremental == one-shot", c, b);
    acc = acc * 31 + b;
    data[round % sizeof data] ^= (u8)b;
  }
  pk_puts("crc acc ");
  pk_hex(acc);
  pk_putc('\n');
  return (int)pk_result(acc);
}
