/**
 * Why a program could not be loaded, and where in the file (or the guest address
 * space) the problem is. `message` reads as one line: "<problem> (at <where>)".
 */
export class LoadError extends Error {
  constructor(
    /** What is wrong, e.g. "not AArch64: e_machine is EM_X86_64 (62)". */
    readonly problem: string,
    /** Where: "ELF header offset 0x12 (e_machine)", "program header 2 (file offset 0xb0)", … */
    readonly where: string,
  ) {
    super(`${problem} (at ${where})`);
    this.name = 'LoadError';
  }
}

/** `0x…` for addresses, offsets and sizes in messages (BigInt for values that may exceed 2^53). */
export function hex(v: number | bigint): string {
  return `0x${v.toString(16)}`;
}

/** Half-open range [start, end) as "0x…-0x…" (inclusive end, as people read memory maps). */
export function hexRange(start: number | bigint, end: number | bigint): string {
  const s = BigInt(start);
  const e = BigInt(end);
  return e > s ? `${hex(s)}-${hex(e - 1n)}` : `${hex(s)} (empty)`;
}
