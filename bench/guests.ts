/**
 * The benchmark guests: compute-bound programs from test/compiled/programs, built at
 * -O2 with a work multiplier so each runs tens of millions of instructions. They are
 * built at bench time (the cross compiler is a Debian package every machine of this
 * project installs, see .ci/run); no prebuilt binaries are committed, so the bench can
 * never measure a binary that no longer matches its source. Each program's work per
 * SCALE step is periodic, so work grows linearly with SCALE (main.ts relies on that).
 */
export interface BenchGuest {
  program: string;
  /** -DSCALE for this program (work multiplier over the test size). */
  scale: number;
  what: string;
}

export const BENCH_GUESTS: ReadonlyArray<BenchGuest> = [
  { program: 'sieve', scale: 30, what: 'sieve of Eratosthenes to 100,000, byte array' },
  { program: 'crc32', scale: 120, what: 'CRC-32, bitwise and table-driven' },
  { program: 'sort', scale: 20, what: 'quicksort with a comparator callback' },
  { program: 'interp', scale: 50, what: 'switch-dispatched bytecode interpreter' },
  { program: 'div64', scale: 40, what: '64-bit division, gcd, Miller-Rabin' },
  { program: 'strings', scale: 300, what: 'string copy/compare/search/convert' },
];
