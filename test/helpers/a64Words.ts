/**
 * Hand-encoded A64 instructions for guest programs in machine and CLI tests (until the
 * assembler can be used). Each encoder is checked against aarch64-linux-gnu-objdump in
 * test/unit/bareMachine.testWords.test.ts.
 */

const reg = (r: number): number => {
  if (!Number.isInteger(r) || r < 0 || r > 31) throw new Error(`register ${r}`);
  return r;
};

/** MOVZ Xd, #imm16, LSL #(16*hw) */
export const movzX = (d: number, imm16: number, hw = 0): number => (0xd2800000 | (hw << 21) | (imm16 << 5) | reg(d)) >>> 0;
/** MOVZ Wd, #imm16 */
export const movzW = (d: number, imm16: number): number => (0x52800000 | (imm16 << 5) | reg(d)) >>> 0;
/** MOVK Xd, #imm16, LSL #(16*hw) */
export const movkX = (d: number, imm16: number, hw: number): number => (0xf2800000 | (hw << 21) | (imm16 << 5) | reg(d)) >>> 0;
/** STRB Wt, [Xn, #off] */
export const strb = (t: number, n: number, off = 0): number => (0x39000000 | (off << 10) | (reg(n) << 5) | reg(t)) >>> 0;
/** STR Wt, [Xn, #off] (off multiple of 4) */
export const strW = (t: number, n: number, off = 0): number => (0xb9000000 | ((off / 4) << 10) | (reg(n) << 5) | reg(t)) >>> 0;
/** LDR Wt, [Xn, #off] (off multiple of 4) */
export const ldrW = (t: number, n: number, off = 0): number => (0xb9400000 | ((off / 4) << 10) | (reg(n) << 5) | reg(t)) >>> 0;
/** LDR Xt, [Xn, #off] (off multiple of 8) */
export const ldrX = (t: number, n: number, off = 0): number => (0xf9400000 | ((off / 8) << 10) | (reg(n) << 5) | reg(t)) >>> 0;
/** LDRB Wt, [Xn, #off] */
export const ldrb = (t: number, n: number, off = 0): number => (0x39400000 | (off << 10) | (reg(n) << 5) | reg(t)) >>> 0;
/** LDRSB Xt, [Xn, #off] */
export const ldrsbX = (t: number, n: number, off = 0): number => (0x39800000 | (off << 10) | (reg(n) << 5) | reg(t)) >>> 0;
/** LDRSB Wt, [Xn, #off] */
export const ldrsbW = (t: number, n: number, off = 0): number => (0x39c00000 | (off << 10) | (reg(n) << 5) | reg(t)) >>> 0;
/** STP Xt, Xt2, [Xn] */
export const stpX = (t: number, t2: number, n: number): number => (0xa9000000 | (reg(t2) << 10) | (reg(n) << 5) | reg(t)) >>> 0;
/** B to a word offset relative to this instruction */
export const b = (wordOffset: number): number => (0x14000000 | (wordOffset & 0x3ffffff)) >>> 0;
/** BR Xn */
export const br = (n: number): number => (0xd61f0000 | (reg(n) << 5)) >>> 0;
/** ADR Xd, byte offset (±1 MiB) */
export const adr = (d: number, off: number): number => (0x10000000 | ((off & 3) << 29) | (((off >> 2) & 0x7ffff) << 5) | reg(d)) >>> 0;
/** HVC #imm16 */
export const hvc = (imm = 0): number => (0xd4000002 | (imm << 5)) >>> 0;
/** SMC #imm16 */
export const smc = (imm = 0): number => (0xd4000003 | (imm << 5)) >>> 0;
/** SVC #imm16 */
export const svc = (imm = 0): number => (0xd4000001 | (imm << 5)) >>> 0;
export const WFI = 0xd503207f;
export const WFE = 0xd503205f;
export const SEV = 0xd503209f;
export const NOP = 0xd503201f;

/** x0 = PSCI SYSTEM_OFF (0x84000008); then `hvc(0)` powers off. */
export const SYSTEM_OFF_X0 = [movzX(0, 0x0008), movkX(0, 0x8400, 1)];
/** x1 = the PL011 base (0x09000000). */
export const UART_X1 = movzX(1, 0x0900, 1);

/** Little-endian bytes of instruction words (a flat binary). */
export function wordBytes(words: ReadonlyArray<number>): Uint8Array {
  return new Uint8Array(Uint32Array.from(words.map((w) => w >>> 0)).buffer);
}
