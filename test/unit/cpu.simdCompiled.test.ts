/**
 * End to end: freestanding C kernels compiled by aarch64-linux-gnu-gcc 12.2 at -O2 and -Os
 * (vectorized loops, FP conversions, fused multiply-add, popcount via CNT/ADDV, ...), run
 * on the bare CPU. The expected results were produced by running the same binaries in
 * unicorn; both optimisation levels must give the same values.
 *
 * Built with: gcc -O2|-Os -ffreestanding -nostdlib -fno-math-errno -fno-pic -fno-stack-protector
 *   -static -march=armv8-a -Wl,-Ttext=0x80000000 -Wl,-e,start; objcopy -O binary.
 * Source:
 *   /* Freestanding FP/SIMD kernels: gcc -O2 -ffreestanding -nostdlib -fno-math-errno * /
 *   typedef unsigned long u64;
 *   typedef long i64;
 *   typedef unsigned int u32;
 *   typedef unsigned short u16;
 *   typedef unsigned char u8;
 *
 *   __attribute__((noinline)) double poly(double x) { return ((x * 0.5 + 1.25) * x - 3.0) * x + 0.1; }
 *   __attribute__((noinline)) i64 to_i64(double x) { return (i64)x; }
 *   __attribute__((noinline)) u32 to_u32(float x) { return (u32)x; }
 *   __attribute__((noinline)) double from_u64(u64 x) { return (double)x; }
 *   __attribute__((noinline)) float from_i64(i64 x) { return (float)x; }
 *   __attribute__((noinline)) double floor_(double x) { return __builtin_floor(x); }
 *   __attribute__((noinline)) i64 lround_(double x) { return __builtin_lround(x); }
 *   __attribute__((noinline)) double fmax_(double a, double b) { return __builtin_fmax(a, b); }
 *   __attribute__((noinline)) float clampf(float x, float lo, float hi) { return x < lo ? lo : x > hi ? hi : x; }
 *   __attribute__((noinline)) double sqrt_(double x) { return __builtin_sqrt(x); }
 *   __attribute__((noinline)) int popcount(u64 x) { return __builtin_popcountll(x); }
 *   __attribute__((noinline)) float tofloat(double x) { return (float)x; }
 *
 *   __attribute__((noinline)) u32 sum_u8(const u8 *p) { u32 s = 0; for (int i = 0; i < 64; i++) s += p[i]; return s; }
 *   __attribute__((noinline)) u32 max_u32(const u32 *p) { u32 m = 0; for (int i = 0; i < 32; i++) m = p[i] > m ? p[i] : m; return m; }
 *   __attribute__((noinline)) void saxpy(float *y, const float *x, float a) { for (int i = 0; i < 16; i++) y[i] += a * x[i]; }
 *   __attribute__((noinline)) void widen(int *o, const short *a) { for (int i = 0; i < 16; i++) o[i] = a[i] * 3; }
 *   __attribute__((noinline)) void add_arrays(int *a, const int *b) { for (int i = 0; i < 32; i++) a[i] = a[i] - b[i] * 5; }
 *   __attribute__((noinline)) u64 sum_u32_64(const u32 *p) { u64 s = 0; for (int i = 0; i < 32; i++) s += p[i]; return s; }
 *   __attribute__((noinline)) void bytes_to_float(float *o, const u8 *p) { for (int i = 0; i < 16; i++) o[i] = p[i] * 0.5f; }
 *   __attribute__((noinline)) void shorts_narrow(u8 *o, const u16 *p) { for (int i = 0; i < 16; i++) o[i] = (u8)(p[i] >> 4); }
 *   __attribute__((noinline)) double dot(const double *a, const double *b) { double s = 0; for (int i = 0; i < 8; i++) s += a[i] * b[i]; return s; }
 *   __attribute__((noinline)) void cmp_select(int *o, const float *a, const float *b) { for (int i = 0; i < 16; i++) o[i] = a[i] < b[i] ? 7 : -1; }
 *   __attribute__((noinline)) void minmax_i16(short *o, const short *a, const short *b) { for (int i = 0; i < 16; i++) { short x = a[i] < b[i] ? a[i] : b[i]; o[i] = x < 0 ? -x : x; } }
 *
 *   #define A16 __attribute__((aligned(16)))
 *   A16 u8 bytes[64];
 *   A16 u32 words[32];
 *   A16 float fx[16]; A16 float fy[16]; A16 float fz[16];
 *   A16 short sa[16]; A16 short sb[16];
 *   A16 u16 us[16];
 *   A16 int ia[32]; A16 int ib[32]; A16 int io[32];
 *   A16 double da[8]; A16 double db[8];
 *   A16 u64 out[64];
 *   A16 u8 ob[16];
 *   A16 short os[16];
 *
 *   void start(void) {
 *     for (int i = 0; i < 64; i++) bytes[i] = (u8)(i * 37 + 11);
 *     for (int i = 0; i < 32; i++) { words[i] = 0x9e3779b9u * (u32)(i + 1); ia[i] = i * 1000 - 7; ib[i] = 31 - i * i; }
 *     for (int i = 0; i < 16; i++) { fx[i] = (float)i * 0.75f - 3.0f; fy[i] = 1.0f / (float)(i + 1); fz[i] = (float)(i & 3) - 1.5f;
 *       sa[i] = (short)(i * 2999 - 20000); sb[i] = (short)(7000 - i * 1500); us[i] = (u16)(i * 4099); }
 *     for (int i = 0; i < 8; i++) { da[i] = 1.0 / (i + 3); db[i] = (i - 4) * 0.3; }
 *     int k = 0;
 *     volatile u64 *res = out;
 *     union { double d; u64 u; } c;
 *     union { float f; u32 u; } cf;
 *     c.d = poly(1.7); res[k++] = c.u;
 *     c.d = poly(-2.25); res[k++] = c.u;
 *     res[k++] = (u64)to_i64(-12345.99);
 *     res[k++] = (u64)to_i64(1e300);
 *     res[k++] = to_u32(-3.5f);
 *     res[k++] = to_u32(4e9f);
 *     c.d = from_u64(0xfffffffffffff801ul); res[k++] = c.u;
 *     cf.f = from_i64(0x10000001000000l + 1); res[k++] = cf.u;
 *     c.d = floor_(-2.5); res[k++] = c.u;
 *     res[k++] = (u64)lround_(-2.5);
 *     res[k++] = (u64)lround_(1e19);
 *     c.d = fmax_(-0.0, 0.0); res[k++] = c.u;
 *     cf.f = clampf(5.5f, -1.0f, 2.0f); res[k++] = cf.u;
 *     cf.f = clampf(-0.25f, -1.0f, 2.0f); res[k++] = cf.u;
 *     c.d = sqrt_(2.0); res[k++] = c.u;
 *     res[k++] = (u64)popcount(0xf0f0ffff00001234ul);
 *     cf.f = tofloat(0.1); res[k++] = cf.u;
 *     res[k++] = sum_u8(bytes);
 *     res[k++] = max_u32(words);
 *     saxpy(fy, fx, 1.5f);
 *     for (int i = 0; i < 16; i += 5) { cf.f = fy[i]; res[k++] = cf.u; }
 *     widen(io, sa);
 *     res[k++] = (u64)(u32)io[3]; res[k++] = (u64)(u32)io[15];
 *     add_arrays(ia, ib);
 *     res[k++] = (u64)(u32)ia[0]; res[k++] = (u64)(u32)ia[31];
 *     res[k++] = sum_u32_64(words);
 *     bytes_to_float(fz, bytes);
 *     cf.f = fz[13]; res[k++] = cf.u;
 *     shorts_narrow(ob, us);
 *     res[k++] = ((u64 *)ob)[0]; res[k++] = ((u64 *)ob)[1];
 *     c.d = dot(da, db); res[k++] = c.u;
 *     cmp_select(io, fx, fz);
 *     res[k++] = ((u64 *)io)[0]; res[k++] = ((u64 *)io)[7];
 *     minmax_i16(os, sa, sb);
 *     res[k++] = ((u64 *)os)[0]; res[k++] = ((u64 *)os)[3];
 *     res[k++] = 0x5a5a5a5a;
 *     __asm__ volatile("hvc #0\n.global done\ndone: b done");
 *   }
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bareMachine } from '../helpers/bareCpu';

/** out[0..36] after `start` runs (see the source above). */
const EXPECTED = [
  0x3ff11a9fbe76c8b5n,
  0x401dee6666666666n,
  0xffffffffffffcfc7n,
  0x7fffffffffffffffn,
  0x0n,
  0xee6b2800n,
  0x43efffffffffffffn,
  0x59800000n,
  0xc008000000000000n,
  0xfffffffffffffffdn,
  0x7fffffffffffffffn,
  0x0n,
  0x40000000n,
  0xbe800000n,
  0x3ff6a09e667f3bcdn,
  0x1dn,
  0x3dcccccdn,
  0x2020n,
  0xfa8cfc2dn,
  0xc0600000n,
  0x3fa55555n,
  0x40dae8ban,
  0x41470000n,
  0xffff7f0fn,
  0x124cbn,
  0xffffff5en,
  0x8b3bn,
  0x10526b0d90n,
  0x42ec0000n,
  0x101000000000000n,
  0x202020202010101n,
  0xbfe33a06d3a06d3bn,
  0x700000007n,
  0x700000007n,
  0x2afb36b242694e20n,
  0x3c8c36b030d42af8n,
  0x5a5a5a5an,
];

function runProgram(base64: string, start: number, out: number): bigint[] {
  const bytes = Buffer.from(base64, 'base64');
  const words: number[] = [];
  for (let k = 0; k < bytes.length; k += 4) words.push(bytes.readUInt32LE(k));
  const m = bareMachine(words);
  m.cpu.pc = start;
  const exit = m.run(1_000_000);
  assert.equal(exit.kind, 'hvc', `program ended with ${JSON.stringify(exit)}`);
  const page = m.bus.page(out);
  assert.ok(page);
  const results: bigint[] = [];
  for (let k = 0; k < EXPECTED.length; k++) {
    const off = (out + 8 * k) & 4095;
    let v = 0n;
    for (let j = 7; j >= 0; j--) v = (v << 8n) | BigInt(page.u8[off + j]);
    results.push(v);
  }
  return results;
}

const O2 =
  'BBBsHgKQbh4BEHEeAAAAkAIIRB8D8EP9QQRAHyAMQB/AA1/WAAB4nsADX9YfIAPVAAA5HsADX9YfIAPVHyAD1QAAY57AA1/WHyAD' +
  '1R8gA9UAACKewANf1h8gA9UfIAPVAEBlHsADX9YfIAPVHyAD1QAAZJ7AA1/WHyAD1R8gA9UAaGEewANf1h8gA9UfIAPVA0AgHiBA' +
  'IB5wICEeZAAAVHAgIh5AzCMewANf1h8gA9UAwGEewANf1h8gA9UfIAPVAABnngBYIA4AuDEOAAAmHsADX9YAQGIewANf1h8gA9UD' +
  'BABPAQCA0gFo4TwhQACRIqQILyGkCG9ApBBvABBiLgAQYS4AEGFuY4SgTj8AAfHB/v9UYLixTgAAJh7AA1/WAAQATwEAApEBBME8' +
  'AGShbj8AAOuh//9UAKiwbgAAJh7AA1/WAgCA0iJoYrwBaGK8QQQAHwFoIrxCEACRXwAB8UH//1TAA1/WHyAD1R8gA9UhAECtYoQA' +
  'TyTAYg4DwGIOIcBiTgDAYk4EBACtAwABrcADX9YCAIDSI2hiuARoYrhjCAMLgwADSwNoIrhCEACRXwAC8SH//1TAA1/WHyAD1QAE' +
  'AE8BAAKRAQTBPAAQoS4AEKFuPwAA64H//1QAuPFeAABmnsADX9YfIAPVHyAD1QIAgNIBECweIGhiPADYIV4ACCEeAHgivEIEAJFf' +
  'QADxQf//VMADX9YfIAPVHyAD1QIAgNIfIAPVI3hieGN8BFMDaCI4QgQAkV9AAPFh//9UwANf1gDkAC8CAIDSHyAD1QJoYvwhaGL8' +
  'QiAAkUAAQR9fAAHxYf//VMADX9YfIAPV4gQATwMAgNIhaOM8QGjjPADkoW5AHOBOAGijPGNAAJF/AAHxIf//VMADX9YfIAPVBACA' +
  '0h8gA9UlaGR4RmjkeENoZHjfoCVrY9CFGmM8ABN/AABxY6SDWgNoJHiECACRn4AA8aH+/1TAA1/WHyAD1f17v6kAAACQ5wAA8BIG' +
  'AE/nwD+RkQQAT/0DAJEQBQBPhwUAT+EAAZGm5AFPZeUATwIAwj3gAweqQByiTkKEsk4BhLBOA4SnTgSEsU4hGENOABhETgAYAU6h' +
  'HKVOAZQmTgEEgTwfAAHrgf7/VAAAAJDjAAGRkQQAT+IAA5EBAMI9AAAAkMcEAG/hAAWRAgTCPQAAAJDmBwBPEAjCPQAAgNIgHKFO' +
  'RRyiTuQcp07DHKZOIYSxTgWUok4ElLBOA5SgbgVoozwEaKI8A2ihPABAAJEfAALxYf7/VAgAAJAEAACQHQUAT+MAB5EZDcI9CAAA' +
  'kJwEAE/iAAiRGBHCPQgAAJAS9QNP4QAJkRcVwj0IAACQEfUET+YACpEWGcI9CAAAkDsEAE/lgAqREPYDTwAAgNK6BABPZwQATwb3' +
  'B08VHcI9gADCPeQAC5EBhLxOBYS7TgSEuk4zHrFOPtghTqXYIU6E2CFOFNghTtPPMk4F/iVuPh6xTgMcJ04E/iRuIhwnTp7OMk5j' +
  '2CFOARhBTkLYIU4UH7hOfkwArWOAAJHTHrZOQtQmTmPUJk40lHlOM5R3biGcdU4AhL1ORRAArUKAAJEjCACtIYAAkRRopjwTaKU8' +
  'AWikPCAZALQDAACQAgAAkOGADJHggAuRkQQAT3AEAE8G9gNvZwQAb2Ugwj1EAMI94gMBqoAcpE6EhLFOAYSwTgCEp04jpCAPIaQg' +
  'TwKkIA8ApCBPY9hhTiHYYU5C2GFOANhhTsP8Y25C3GVuwfxhbgDcZW4jBACtIYAAkQIAAK0AgACRXwAA62H9/1Tg5wCy6IANkWD/' +
  '5/IAAGeeAQAAkO0AAZGr/v+XAUBgHgBQcB7rAAeR4wAIkeWAFZHpAAqR7AADkeGwAf2i/v+XAAAAkANAYB4B5AAvAhAgHgD0Q/3m' +
  'AAmR6sAXkQMFAP2i/v+XIPhD/QAJAPkBZY1Swe2pcp3+/5cAkDEeAA0A+Z3+/5fgAwAqIAAnHgARAPmZ/v+X4QMAKsD/gJIBFQD5' +
  'mf7/lyAAgNIAIKDyABkA/QAC4PKY/v+XA0AgHgCQcB4BAACQYAAmHgAdAPmW/v+XA0BgHgCQcB4DIQD9lv7/lyD8Q/0BAPDSACUA' +
  '+ZL+/5cgAGeeACkA+YBGgtKS/v+XA0BgHgEQPh4A0CIe4P/f8gAe/vIDLQD9j/7/lwNAIB4AEDoeYQAmHgExAPmK/v+XAUAgHgAQ' +
  'YB4hACYeATUA+Y3+/5cAOQD9j/7/lwF8QJMAAACQAT0A+QDwQ/3gAweqjv7/lwEAJh4BQQD5jv7/l+EDACrgAw2qAUUA+Zr+/5fi' +
  'AwAqABAvHuEDC6rgAwOqAkkA+Z3+/5fhAEK54hRCueADBaoBTQD54QMJquQoQrkCUQD54jxCuQRVAPkCWQD5nf7/l+NsRbnhAAWR' +
  '4pxFueADDKoDXQD5AmEA+Z/+/5fhPEG54sBAueADDaoCZQD5AWkA+aT+/5fiAwCq4QMHquADBqoCbQD5q/7/l+EAC5HidEK54IAX' +
  'kQJxAPmy/v+X4YALkeL0Qvng8EL5AHUA+eCADJECeQD5tP7/l+ADBariAwaq4QMLqgB9AP26/v+XoxxA+eEDCarisEL5AoEA+eKA' +
  'CpHgAwqqA4UA+b7+/5fi+EL5AokA+UANQPlBS4vSAI0A+UFLq/IBkQD5AgAA1AAAABT9e8GowANf1gACgNIT//8XmpmZmZmZuT+F' +
  '61G4/hzIwJx1AIg85Dd+AD2RYORY4UMAAAAAAQAAAAIAAAADAAAAuXk3nrl5N565eTeeuXk3nugDAADoAwAA6AMAAOgDAAC3C7cL' +
  'twu3C7cLtwu3C7cL4LHgseCx4LHgseCx4LHgsdwF3AXcBdwF3AXcBdwF3AVYG1gbWBtYG1gbWBtYG1gbAxADEAMQAxADEAMQAxAD' +
  'EDMzMzMzM9M/MzMzMzMz0z8QAAAAAAAAAAF6UgAEeB4BGwwfABAAAAAYAAAAVPf//yQAAAAAAAAAEAAAACwAAABk9///CAAAAAAA' +
  'AAAQAAAAQAAAAFz3//8IAAAAAAAAABAAAABUAAAAWPf//wgAAAAAAAAAEAAAAGgAAABU9///CAAAAAAAAAAQAAAAfAAAAFD3//8I' +
  'AAAAAAAAABAAAACQAAAATPf//wgAAAAAAAAAEAAAAKQAAABI9///CAAAAAAAAAAQAAAAuAAAAET3//8cAAAAAAAAABAAAADMAAAA' +
  'UPf//wgAAAAAAAAAEAAAAOAAAABM9///FAAAAAAAAAAQAAAA9AAAAEz3//8IAAAAAAAAABAAAAAIAQAARPf//0AAAAAAAAAAEAAA' +
  'ABwBAABw9///JAAAAAAAAAAQAAAAMAEAAID3//8kAAAAAAAAABAAAABEAQAAmPf//yQAAAAAAAAAEAAAAFgBAACo9///KAAAAAAA' +
  'AAAQAAAAbAEAAMD3//8oAAAAAAAAABAAAACAAQAA3Pf//ygAAAAAAAAAEAAAAJQBAAD49///JAAAAAAAAAAQAAAAqAEAAAj4//8o' +
  'AAAAAAAAABAAAAC8AQAAIPj//ywAAAAAAAAAEAAAANABAAA8+P//PAAAAAAAAAAgAAAA5AEAAGj4//8ABQAAAEEOEJ0CngEDPAEK' +
  '3t0OAEELAAA=';

const OS =
  'ARBsHgKQbh4AAACQAghBHwEQcR5BBEAfAghD/SAIQB/AA1/WAAB4nsADX9YAADkewANf1gAAY57AA1/WAAAinsADX9YAQGUewANf' +
  '1gAAZJ7AA1/WAGhhHsADX9YDQCAeIEAgHnAgIR5kAABUcCAiHkDMIx7AA1/WAMBhHsADX9YAAGeeAFggDgC4MQ4AACYewANf1gBA' +
  'Yh7AA1/W4gMAqgEAgNIAAIBSQ2hhOCEEAJEAAAMLPwAB8YH//1TAA1/W4gMAqgEAgNIAAIBSQ3hhuCEEAJEfAANrACCDGj+AAPFh' +
  '//9UwANf1gIAgNIiaGK8AWhivEEEAB8BaCK8QhAAkV8AAfFB//9UwANf1gIAgNIjeOJ4YwQDCwN4IrhCBACRX0AA8WH//1TAA1/W' +
  'AgCA0oUAgBIjaGK4BGhiuGMQBRsDaCK4QhAAkV8AAvFB//9UwANf1uIDAKoBAIDSAACA0kN4YbghBACRAAADiz+AAPGB//9UwANf' +
  '1gIAgNIBECweIGhiPADYIV4ACCEeAHgivEIEAJFfQADxQf//VMADX9YCAIDSI3hieGN8BFMDaCI4QgQAkV9AAPFh//9UwANf1gDk' +
  'AC8CAIDSAmhi/CFoYvxCIACRQABBH18AAfFh//9UwANf1gMAgNLmAIBSBQCAEiFoY7xAaGO8MCAgHsRAhRoEaCO4YxAAkX8AAfEh' +
  '//9UwANf1gQAgNIlaGR4RmjkeENoZHjfoCVrY9CFGmM8ABN/AABxY6SDWgNoJHiECACRn4AA8aH+/1TAA1/W4QAA8CHAP5HoAwGq' +
  '/Xu/qWABgFL9AwCRIBQAOACUABEAHAASHywBcYH//1QiN49SBwEBkQUBA5EDAQWRAACA0uLGs3IGfYBS5AOAUkEIABvheCC4wXwA' +
  'GyEcAFGheCC4AZAAG2F4ILgABACRH4AA8eH+/1QOAQeRDQEIkQwBCZEJAQqRBIEKkQIBC5EAAIDSBBAtHgMQMR4CEC4eARAvHut2' +
  'gVLqw4kSZ7uAEgZrg1JjAIJSAAAiHgEEABEADAQfwHkgvCAAIh4BBAASQBggHqB5ILwgACIeATwAEgA4IR4lKAsbJXkgeCUYBxsh' +
  'fAMbhXggeEF4IHiAeSC8AAQAkR9AAPGB/f9UAQAAkAmBC5EKgQyRAACA0iEMQ/0CEG4eAQwAESAAYh4BEABRQBhgHiB5IPwgAGIe' +
  'AAhhHkB5IPwABACRHyAA8cH+/1QAAACQB4ENkQ0BAZEMAQeRABBD/QaBFZELAQqRE///lwAAZp4AUHAeALEB+Q///5cAAACQ4AQA' +
  '/QHkAC8CECAeABRD/RL//5fgCAD5AAAAkAAYQ/0O//+XAJAxHuAMAPkN//+X4AMAKuAQAPkAAACQAEhGvQj//5fgAwAq4BQA+cD/' +
  'gJIG//+XIACA0gAgoPLgGAD9AALg8gP//5cAACYeAJBwHuAcAPkB//+XAABmngCQcB7gIAD5//7/l+AkAPkAAACQABxD/fv+/5fg' +
  'KAD5AAAAkAAgQ/35/v+XAABmngEQPh4A0CIe4CwA+fb+/5cAACYeABA6HuAwAPny/v+XAAAmHgAQYB7gNAD5gEaC0vT+/5fg/9/y' +
  'AB7+8uA4AP3y/v+XAHxAk+A8APkAAACQAAhD/fL+/5cAACYeABAvHuBAAPngAwiq7/7/l+ADACrgRAD54AMNqvT+/5fgAwAq4EgA' +
  '+QABCJHhAwyq+f7/lwEBQrnhTAD5ARRAueFQAPkBKEC5ADxAueFUAPnhAwuq4FgA+eADBqr3/v+XAG1FuQEBBZHgXAD5AJ1FueBg' +
  'APkAAQOR+P7/lwHBQLnhZAD5BAEJkQB8QLngaAD54AMNqvv+/5fgbAD54AMEquEDCKoA//+XAHVCueBwAPkAgReRAQELkQX//5cA' +
  '8UL54HQA+QD1QvngeAD54AMJquEDCqoG//+X4AMGquEDDKriAwSq4HwA/Qr//5cBsUL54YAA+QAcQPnghAD5AMEXkeEDC6oCgQqR' +
  'Dv//lwH5QvnhiAD5AAxA+eCMAPlAS4vSQEur8uCQAPkCAADUAAAAFP17wajAA1/WAAAAAJqZmZmZmbk/MzMzMzMz0z8zMzMzMzP7' +
  'P4XrUbj+HMjAnHUAiDzkN34APZFg5FjhQwAAAAAAAACAKGtuTwAAAAAQAAAAAAAAAAF6UgAEeB4BGwwfABAAAAAYAAAAlPn//yQA' +
  'AAAAAAAAEAAAACwAAACk+f//CAAAAAAAAAAQAAAAQAAAAJj5//8IAAAAAAAAABAAAABUAAAAjPn//wgAAAAAAAAAEAAAAGgAAACA' +
  '+f//CAAAAAAAAAAQAAAAfAAAAHT5//8IAAAAAAAAABAAAACQAAAAaPn//wgAAAAAAAAAEAAAAKQAAABc+f//CAAAAAAAAAAQAAAA' +
  'uAAAAFD5//8cAAAAAAAAABAAAADMAAAAWPn//wgAAAAAAAAAEAAAAOAAAABM+f//FAAAAAAAAAAQAAAA9AAAAEz5//8IAAAAAAAA' +
  'ABAAAAAIAQAAQPn//yQAAAAAAAAAEAAAABwBAABQ+f//KAAAAAAAAAAQAAAAMAEAAGT5//8kAAAAAAAAABAAAABEAQAAdPn//yAA' +
  'AAAAAAAAEAAAAFgBAACA+f//KAAAAAAAAAAQAAAAbAEAAJT5//8kAAAAAAAAABAAAACAAQAApPn//ygAAAAAAAAAEAAAAJQBAAC4' +
  '+f//IAAAAAAAAAAQAAAAqAEAAMT5//8kAAAAAAAAABAAAAC8AQAA1Pn//zAAAAAAAAAAEAAAANABAADw+f//OAAAAAAAAAAcAAAA' +
  '5AEAABT6///AAwAAAEQOEJ0CngEC697dDgAAAA==';

test('gcc -O2 build of the FP/SIMD kernels computes the reference results', () => {
  assert.deepEqual(runProgram(O2, 0x800002e0, 0x80020350), EXPECTED);
});

test('gcc -Os build of the FP/SIMD kernels computes the reference results', () => {
  assert.deepEqual(runProgram(OS, 0x8000024c, 0x80020350), EXPECTED);
});
