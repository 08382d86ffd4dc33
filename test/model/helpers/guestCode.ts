/**
 * A few A64 encoders for guest programs in model tests, and small program builders.
 * Each encoder is checked against aarch64-linux-gnu-as output in guestCode.test.ts.
 */
const reg = (r: number): number => {
  if (!Number.isInteger(r) || r < 0 || r > 31) throw new Error(`register ${r}`);
  return r;
};

/** MOVZ Xd, #imm16, LSL #(16*hw) */
export const movz = (d: number, imm16: number, hw = 0): number => (0xd2800000 | (hw << 21) | ((imm16 & 0xffff) << 5) | reg(d)) >>> 0;
/** MOVK Xd, #imm16, LSL #(16*hw) */
export const movk = (d: number, imm16: number, hw: number): number => (0xf2800000 | (hw << 21) | ((imm16 & 0xffff) << 5) | reg(d)) >>> 0;
/** LDR Xt, [Xn] */
export const ldrX = (t: number, n: number): number => (0xf9400000 | (reg(n) << 5) | reg(t)) >>> 0;
/** STR Xt, [Xn] */
export const strX = (t: number, n: number): number => (0xf9000000 | (reg(n) << 5) | reg(t)) >>> 0;
/** LDRB Wt, [Xn] */
export const ldrb = (t: number, n: number): number => (0x39400000 | (reg(n) << 5) | reg(t)) >>> 0;
/** STRB Wt, [Xn] */
export const strb = (t: number, n: number): number => (0x39000000 | (reg(n) << 5) | reg(t)) >>> 0;
/** STR Wt, [Xn] */
export const strW = (t: number, n: number): number => (0xb9000000 | (reg(n) << 5) | reg(t)) >>> 0;
/** HVC #imm */
export const hvc = (imm = 0): number => (0xd4000002 | ((imm & 0xffff) << 5)) >>> 0;
/** B by a word offset */
export const b = (wordOffset: number): number => (0x14000000 | (wordOffset & 0x3ffffff)) >>> 0;
export const WFI = 0xd503207f;

/** Load a 64-bit constant into Xd (MOVZ + up to three MOVK). */
export function mov64(d: number, value: bigint | number): number[] {
  const v = BigInt(value) & ((1n << 64n) - 1n);
  const out = [movz(d, Number(v & 0xffffn), 0)];
  for (let hw = 1; hw < 4; hw++) {
    const part = Number((v >> BigInt(16 * hw)) & 0xffffn);
    if (part !== 0) out.push(movk(d, part, hw));
  }
  return out;
}

/** x0..x3 = function id and arguments, then HVC #0. */
export function hvcCall(fn: number, x1: bigint | number = 0, x2: bigint | number = 0, x3: bigint | number = 0): number[] {
  return [...mov64(0, fn), ...mov64(1, x1), ...mov64(2, x2), ...mov64(3, x3), hvc(0)];
}

export const PSCI_SYSTEM_OFF = 0x84000008;

/** Little-endian bytes of instruction words. */
export function wordBytes(words: ReadonlyArray<number>): Uint8Array {
  return new Uint8Array(Uint32Array.from(words.map((w) => w >>> 0)).buffer);
}

/** MOV Xd, Xm (ORR Xd, XZR, Xm) */
export const movReg = (d: number, m: number): number => (0xaa0003e0 | (reg(m) << 16) | reg(d)) >>> 0;

/** Store x1 to [x1] after loading `ipa` into x1: the guest writes (and so faults in) the page. */
export function touch(ipa: number): number[] {
  return [...mov64(1, ipa), strX(1, 1)];
}

/** x5 = [ipa] (64-bit load). */
export function load(ipa: number): number[] {
  return [...mov64(1, ipa), ldrX(5, 1)];
}

/** Write one byte to the PL011 data register for each character of `text`. */
export function print(text: string): number[] {
  const out = mov64(1, 0x0900_0000);
  for (const ch of Buffer.from(text, 'utf8')) out.push(movz(6, ch), strb(6, 1));
  return out;
}

/** Save x0..x3 of a hypercall's result into x10..x13 so later code does not disturb them. */
export const SAVE_RESULT = [movReg(10, 0), movReg(11, 1), movReg(12, 2), movReg(13, 3)];

/** SUBS Xd, Xn, #imm12 */
export const subsImm = (d: number, n: number, imm: number): number => (0xf1000000 | ((imm & 0xfff) << 10) | (reg(n) << 5) | reg(d)) >>> 0;
/** ADD Xd, Xn, #imm12 */
export const addImm = (d: number, n: number, imm: number): number => (0x91000000 | ((imm & 0xfff) << 10) | (reg(n) << 5) | reg(d)) >>> 0;
/** CBNZ Xt, by a word offset */
export const cbnz = (t: number, wordOffset: number): number => (0xb5000000 | ((wordOffset & 0x7ffff) << 5) | reg(t)) >>> 0;
/** STP Xt, Xt2, [Xn] */
export const stpX = (t: number, t2: number, n: number): number => (0xa9000000 | (reg(t2) << 10) | (reg(n) << 5) | reg(t)) >>> 0;
/** LDR Wt, [Xn, #off] (off a multiple of 4) */
export const ldrWoff = (t: number, n: number, off: number): number => (0xb9400000 | ((off / 4) << 10) | (reg(n) << 5) | reg(t)) >>> 0;
/** BR Xn */
export const br = (n: number): number => (0xd61f0000 | (reg(n) << 5)) >>> 0;
