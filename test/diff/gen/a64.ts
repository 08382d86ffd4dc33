/**
 * Hand-written A64 encoders for the instructions the differential harness and the
 * constrained generators (memory, branches, system) emit. They are written from the
 * Arm ARM bit layouts, independently of the engine's encoding table, so the table is
 * checked rather than trusted.
 */

const u = (w: number): number => w >>> 0;

function field(v: number, bits: number, what: string): number {
  const max = 2 ** bits;
  if (!Number.isInteger(v) || v < 0 || v >= max) throw new Error(`a64: ${what} = ${v} does not fit ${bits} bits`);
  return v;
}
/** Two's-complement field of `bits` bits from a signed value. */
function sfield(v: number, bits: number, what: string): number {
  const lim = 2 ** (bits - 1);
  if (!Number.isInteger(v) || v < -lim || v >= lim) throw new Error(`a64: ${what} = ${v} out of signed ${bits}-bit range`);
  return v < 0 ? v + 2 ** bits : v;
}

// ------------------------------------------------------------------ moves and arithmetic

/** MOVZ Xd/Wd, #imm16, LSL #(16*hw). */
export const movz = (sf: number, rd: number, imm16: number, hw = 0): number =>
  u((sf << 31) | (0b10100101 << 23) | (field(hw, 2, 'hw') << 21) | (field(imm16, 16, 'imm16') << 5) | rd);
/** MOVK Xd/Wd, #imm16, LSL #(16*hw). */
export const movk = (sf: number, rd: number, imm16: number, hw = 0): number =>
  u((sf << 31) | (0b11100101 << 23) | (field(hw, 2, 'hw') << 21) | (field(imm16, 16, 'imm16') << 5) | rd);

/** Load a 64-bit constant into Xd with MOVZ + MOVKs (skipping zero chunks after the first). */
export function movImm64(rd: number, value: bigint): number[] {
  const out = [movz(1, rd, Number(value & 0xffffn), 0)];
  for (let hw = 1; hw < 4; hw++) {
    const chunk = Number((value >> BigInt(16 * hw)) & 0xffffn);
    if (chunk !== 0) out.push(movk(1, rd, chunk, hw));
  }
  return out;
}

/** ADD Xd|SP, Xn|SP, #imm12 (MOV to/from SP when imm = 0). */
export const addImm = (rd: number, rn: number, imm12: number): number =>
  u((1 << 31) | (0b00100010 << 23) | (field(imm12, 12, 'imm12') << 10) | (rn << 5) | rd);
/** ADD Xd, Xn, Xm, LSL #amount. */
export const addShifted = (rd: number, rn: number, rm: number, lsl: number): number =>
  u((1 << 31) | (0b0001011 << 24) | (rm << 16) | (field(lsl, 6, 'lsl') << 10) | (rn << 5) | rd);
/** SUB Xd, Xn, Xm. */
export const subReg = (rd: number, rn: number, rm: number): number => u((1 << 31) | (0b1001011 << 24) | (rm << 16) | (rn << 5) | rd);
/** SUBS Xd, Xn, Xm. */
export const subsReg = (rd: number, rn: number, rm: number): number => u((1 << 31) | (0b1101011 << 24) | (rm << 16) | (rn << 5) | rd);
/** LSR Xd, Xn, #shift (UBFM). */
export const lsrImm = (rd: number, rn: number, shift: number): number =>
  u((1 << 31) | (0b10100110 << 23) | (1 << 22) | (field(shift, 6, 'shift') << 16) | (63 << 10) | (rn << 5) | rd);
/** CMP Xn, #imm12. */
export const cmpImm = (rn: number, imm12: number): number => u((1 << 31) | (0b11100010 << 23) | (field(imm12, 12, 'imm12') << 10) | (rn << 5) | 31);

// ------------------------------------------------------------------ branches

export const b = (offsetBytes: number): number => u((0b000101 << 26) | sfield(offsetBytes / 4, 26, 'b offset'));
export const bl = (offsetBytes: number): number => u((0b100101 << 26) | sfield(offsetBytes / 4, 26, 'bl offset'));
export const bcond = (cond: number, offsetBytes: number): number =>
  u((0b01010100 << 24) | (sfield(offsetBytes / 4, 19, 'b.cond offset') << 5) | field(cond, 4, 'cond'));
export const cbz = (sf: number, nonzero: number, rt: number, offsetBytes: number): number =>
  u((sf << 31) | (0b011010 << 25) | (nonzero << 24) | (sfield(offsetBytes / 4, 19, 'cbz offset') << 5) | rt);
export const tbz = (nonzero: number, rt: number, bit: number, offsetBytes: number): number =>
  u(((bit >> 5) << 31) | (0b011011 << 25) | (nonzero << 24) | ((bit & 31) << 19) | (sfield(offsetBytes / 4, 14, 'tbz offset') << 5) | rt);
/** BR/BLR/RET Xn (op 0, 1, 2). */
export const branchReg = (op: 0 | 1 | 2, rn: number): number => u((0b1101011 << 25) | (op << 21) | (0b11111 << 16) | (rn << 5));
export const ret = (): number => branchReg(2, 30);

// ------------------------------------------------------------------ system

export const NOP = 0xd503201f;
export const CLREX = 0xd503305f;
export const svc = (imm16: number): number => u(0xd4000001 | (field(imm16, 16, 'imm16') << 5));
export const hvc = (imm16: number): number => u(0xd4000002 | (field(imm16, 16, 'imm16') << 5));

/** System register encodings (op0:op1:CRn:CRm:op2 as the 15-bit o0..op2 field of MRS/MSR). */
export const SYSREG = {
  NZCV: (3 << 14) | (3 << 11) | (4 << 7) | (2 << 3) | 0,
  FPCR: (3 << 14) | (3 << 11) | (4 << 7) | (4 << 3) | 0,
  FPSR: (3 << 14) | (3 << 11) | (4 << 7) | (4 << 3) | 1,
  TPIDR_EL0: (3 << 14) | (3 << 11) | (13 << 7) | (0 << 3) | 2,
} as const;
export const mrs = (rt: number, sysreg: number): number => u((0b11010101001 << 21) | (sysreg << 5) | rt);
export const msr = (sysreg: number, rt: number): number => u((0b11010101000 << 21) | (sysreg << 5) | rt);

// ------------------------------------------------------------------ loads and stores

/**
 * Single register, unsigned scaled offset: size (0..3), V (SIMD), opc (00 store,
 * 01 load, 10 signed load to X / 128-bit SIMD store, 11 signed load to W / 128-bit SIMD load).
 */
export const ldstUimm = (size: number, v: number, opc: number, imm12: number, rn: number, rt: number): number =>
  u((size << 30) | (0b111 << 27) | (v << 26) | (0b01 << 24) | (opc << 22) | (field(imm12, 12, 'imm12') << 10) | (rn << 5) | rt);
/** Single register, 9-bit signed offset: kind 0 unscaled (LDUR), 1 post-index, 2 unprivileged, 3 pre-index. */
export const ldstImm9 = (size: number, v: number, opc: number, imm9: number, kind: 0 | 1 | 2 | 3, rn: number, rt: number): number =>
  u((size << 30) | (0b111 << 27) | (v << 26) | (opc << 22) | (sfield(imm9, 9, 'imm9') << 12) | (kind << 10) | (rn << 5) | rt);
/** Single register, register offset: option 010 UXTW, 011 LSL, 110 SXTW, 111 SXTX; s scales by the size. */
export const ldstReg = (size: number, v: number, opc: number, rm: number, option: number, s: number, rn: number, rt: number): number =>
  u((size << 30) | (0b111 << 27) | (v << 26) | (opc << 22) | (1 << 21) | (rm << 16) | (option << 13) | (s << 12) | (0b10 << 10) | (rn << 5) | rt);
/** Load literal: opc 00 W/S, 01 X/D, 10 LDRSW/Q, 11 PRFM. */
export const ldrLiteral = (opc: number, v: number, offsetBytes: number, rt: number): number =>
  u((opc << 30) | (0b011 << 27) | (v << 26) | (sfield(offsetBytes / 4, 19, 'literal offset') << 5) | rt);
/** Pair: mode 0 non-temporal, 1 post-index, 2 signed offset, 3 pre-index; opc 00 W/S, 01 LDPSW/D, 10 X/Q. */
export const ldstPair = (opc: number, v: number, mode: number, load: number, imm7: number, rt2: number, rn: number, rt: number): number =>
  u((opc << 30) | (0b101 << 27) | (v << 26) | (mode << 23) | (load << 22) | (sfield(imm7, 7, 'imm7') << 15) | (rt2 << 10) | (rn << 5) | rt);

/** Exclusive / ordered / compare-and-swap group (size 001000 o2 L o1 Rs o0 Rt2 Rn Rt). */
export const ldstExcl = (size: number, o2: number, l: number, o1: number, rs: number, o0: number, rt2: number, rn: number, rt: number): number =>
  u((size << 30) | (0b001000 << 24) | (o2 << 23) | (l << 22) | (o1 << 21) | (rs << 16) | (o0 << 15) | (rt2 << 10) | (rn << 5) | rt);
/** LSE atomic memory operation: o3:opc selects LDADD..LDUMIN (0..7), SWP (8), LDAPR (12). */
export const atomicOp = (size: number, a: number, r: number, rs: number, o3opc: number, rn: number, rt: number): number =>
  u((size << 30) | (0b111 << 27) | (a << 23) | (r << 22) | (1 << 21) | (rs << 16) | (o3opc << 12) | (rn << 5) | rt);
/** LDAPUR/STLUR family (RCPC2): opc 00 STLUR, 01 LDAPUR, 10 LDAPURS to X, 11 LDAPURS to W. */
export const ldapur = (size: number, opc: number, imm9: number, rn: number, rt: number): number =>
  u((size << 30) | (0b011001 << 24) | (opc << 22) | (sfield(imm9, 9, 'imm9') << 12) | (rn << 5) | rt);
/** CAS{A}{L}{B,H}: size 0..3. */
export const cas = (size: number, acquire: number, release: number, rs: number, rn: number, rt: number): number =>
  ldstExcl(size, 1, acquire, 1, rs, release, 31, rn, rt);
/** CASP{A}{L}: sz 0 (W pairs) or 1 (X pairs). */
export const casp = (sz: number, acquire: number, release: number, rs: number, rn: number, rt: number): number =>
  ldstExcl(sz, 0, acquire, 1, rs, release, 31, rn, rt);

/** SIMD load/store multiple structures: opcode 0111/1010/0110/0010 (LD1 x1..x4), 1000 LD2, 0100 LD3, 0000 LD4. */
export const simdMulti = (q: number, load: number, post: boolean, rm: number, opcode: number, size: number, rn: number, rt: number): number =>
  u((q << 30) | (0b0011000 << 23) | ((post ? 1 : 0) << 23) | (load << 22) | (post ? rm << 16 : 0) | (opcode << 12) | (size << 10) | (rn << 5) | rt);
/** SIMD load/store single structure (one lane) or LDxR: see the Arm ARM's "Advanced SIMD load/store single structure". */
export const simdSingle = (q: number, load: number, r: number, post: boolean, rm: number, opcode: number, s: number, size: number, rn: number, rt: number): number =>
  u((q << 30) | (0b0011010 << 23) | ((post ? 1 : 0) << 23) | (load << 22) | (r << 21) | (post ? rm << 16 : 0) | (opcode << 13) | (s << 12) | (size << 10) | (rn << 5) | rt);

// Harness helpers (full-width X and Q moves to and from a state block).
export const ldpX = (rt: number, rt2: number, rn: number, offset: number): number => ldstPair(0b10, 0, 2, 1, offset / 8, rt2, rn, rt);
export const stpX = (rt: number, rt2: number, rn: number, offset: number): number => ldstPair(0b10, 0, 2, 0, offset / 8, rt2, rn, rt);
export const ldpQ = (rt: number, rt2: number, rn: number, offset: number): number => ldstPair(0b10, 1, 2, 1, offset / 16, rt2, rn, rt);
export const stpQ = (rt: number, rt2: number, rn: number, offset: number): number => ldstPair(0b10, 1, 2, 0, offset / 16, rt2, rn, rt);
export const ldrX = (rt: number, rn: number, offset: number): number => ldstUimm(3, 0, 1, offset / 8, rn, rt);
export const strX = (rt: number, rn: number, offset: number): number => ldstUimm(3, 0, 0, offset / 8, rn, rt);
