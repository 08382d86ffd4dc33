/**
 * Shared by the data-processing unit tests: run single instruction words on a bare vCPU,
 * encode test words from Arm ARM field layouts, and BigInt reference semantics to
 * compare against (written from the Arm ARM pseudocode, independent of engine/cpu/alu.ts).
 */
import assert from 'node:assert/strict';
import { Cpu } from '../../engine/cpu/cpu';
import { bareMachine, BareMachine, HVC0, RAM_BASE } from '../helpers/bareCpu';

export const M64 = (1n << 64n) - 1n;
export const M32 = 0xffffffffn;
export const INT64_MIN = 1n << 63n;

export interface State {
  /** Initial X registers (others start at 0). */
  x?: Record<number, bigint>;
  sp?: bigint;
  /** NZCV as a 4-bit value (N = 8, Z = 4, C = 2, V = 1). */
  nzcv?: number;
}

export interface Result {
  cpu: Cpu;
  x(r: number): bigint;
  sp: bigint;
  /** NZCV as a 4-bit value. */
  nzcv: number;
}

/** Executes instruction words one at a time on one reusable bare machine. */
export class Runner {
  private readonly m: BareMachine = bareMachine([HVC0]);

  /** Run `words` followed by HVC #0 from a fresh register state; fails unless the HVC is reached. */
  run(words: number | number[], st: State = {}): Result {
    const exit = this.start(words, st);
    assert.equal(exit.kind, 'hvc', `expected the sequence to run to the HVC, got ${JSON.stringify(exit)}`);
    const cpu = this.m.cpu;
    return { cpu, x: (r: number) => cpu.getX(r), sp: cpu.sp, nzcv: cpu.nzcv >>> 28 };
  }

  /** True when `word` is UNDEFINED (the vCPU reports an EC 0 exception at it). */
  isUndefined(word: number): boolean {
    const exit = this.start([word], {});
    if (exit.kind === 'hvc') return false;
    assert.equal(exit.kind, 'unhandled-exception');
    if (exit.kind === 'unhandled-exception') assert.equal(exit.ec, 0);
    return true;
  }

  private start(words: number | number[], st: State) {
    const list = typeof words === 'number' ? [words] : words;
    const cpu = this.m.cpu;
    this.m.bus.write(RAM_BASE, new Uint8Array(new Uint32Array([...list, HVC0]).buffer));
    cpu.pc = RAM_BASE;
    for (let r = 0; r < 31; r++) cpu.setX(r, st.x?.[r] ?? 0n);
    cpu.sp = st.sp ?? BigInt(RAM_BASE + 0x100000);
    cpu.nzcv = ((st.nzcv ?? 0) << 28) >>> 0;
    return this.m.run(list.length + 1);
  }
}

// ------------------------------------------------------------------ reference semantics

export const mask = (bits: number): bigint => (1n << BigInt(bits)) - 1n;
/** The signed value of the low `bits` bits. */
export function signed(v: bigint, bits: number): bigint {
  return BigInt.asIntN(bits, v);
}

/** Arm ARM AddWithCarry: the `bits`-wide sum and NZCV (4-bit value). */
export function addWithCarry(a: bigint, b: bigint, cin: number, bits: number): { r: bigint; nzcv: number } {
  const m = mask(bits);
  const ua = a & m;
  const ub = b & m;
  const usum = ua + ub + BigInt(cin);
  const ssum = signed(ua, bits) + signed(ub, bits) + BigInt(cin);
  const r = usum & m;
  const n = (r >> BigInt(bits - 1)) & 1n;
  const z = r === 0n ? 1 : 0;
  const c = usum === r ? 0 : 1;
  const v = signed(r, bits) === ssum ? 0 : 1;
  return { r, nzcv: (Number(n) << 3) | (z << 2) | (c << 1) | v };
}

/** ROR within `bits`. */
export function ror(v: bigint, n: number, bits: number): bigint {
  const m = mask(bits);
  v &= m;
  const k = BigInt(n % bits);
  return ((v >> k) | (v << (BigInt(bits) - k))) & m;
}

/** Shift of the `bits`-wide value by `n` (0 LSL, 1 LSR, 2 ASR, 3 ROR). */
export function shiftRef(v: bigint, type: number, n: number, bits: number): bigint {
  const m = mask(bits);
  v &= m;
  const k = BigInt(n);
  switch (type) {
    case 0:
      return (v << k) & m;
    case 1:
      return v >> k;
    case 2:
      return (signed(v, bits) >> k) & m;
    default:
      return ror(v, n, bits);
  }
}

/** A spread of interesting 64-bit values: boundaries of every width, sign bits, and a few mixed patterns. */
export const EDGE64: readonly bigint[] = [
  0n, 1n, 2n, 0x7fn, 0x80n, 0xffn, 0x7fffn, 0x8000n, 0xffffn,
  0x7fffffffn, 0x80000000n, 0xfffffffen, 0xffffffffn, 0x100000000n, 0x1fffffffffffffn, 0x20000000000000n,
  0x7fffffffffffffffn, 0x8000000000000000n, 0x8000000000000001n, 0xfffffffffffffffen, M64,
  0x0123456789abcdefn, 0xfedcba9876543210n, 0xdeadbeefcafef00dn, 0x00000000ffff0000n,
];

/** Deterministic pseudo-random 64-bit values (xorshift64*), for bulk comparisons. */
export function randoms(count: number, seed = 0x9e3779b97f4a7c15n): bigint[] {
  const out: bigint[] = [];
  let s = seed;
  for (let k = 0; k < count; k++) {
    s ^= s >> 12n;
    s ^= (s << 25n) & M64;
    s ^= s >> 27n;
    const v = (s * 0x2545f4914f6cdd1dn) & M64;
    // Vary magnitude so small, 32-bit, 53-bit and full-width values all occur.
    const width = [8n, 32n, 53n, 64n, 64n][k % 5];
    out.push(v & mask(Number(width)));
  }
  return out;
}

export const hex = (v: bigint): string => `0x${v.toString(16)}`;
export const nzcvStr = (f: number): string => ['N', 'Z', 'C', 'V'].map((c, k) => ((f >> (3 - k)) & 1 ? c : c.toLowerCase())).join('');

// ------------------------------------------------------------------ encoders (Arm ARM field layouts)

const w = (v: number): number => v >>> 0;

export const enc = {
  /** ADD/ADDS/SUB/SUBS (immediate): sf op S 100010 sh imm12 Rn Rd. */
  addSubImm: (sf: number, op: number, s: number, sh: number, imm12: number, rn: number, rd: number) =>
    w((sf << 31) | (op << 30) | (s << 29) | (0b100010 << 23) | (sh << 22) | (imm12 << 10) | (rn << 5) | rd),
  /** AND/ORR/EOR/ANDS (immediate): sf opc 100100 N immr imms Rn Rd. */
  logicalImm: (sf: number, opc: number, n: number, immr: number, imms: number, rn: number, rd: number) =>
    w((sf << 31) | (opc << 29) | (0b100100 << 23) | (n << 22) | (immr << 16) | (imms << 10) | (rn << 5) | rd),
  /** MOVN/MOVZ/MOVK: sf opc 100101 hw imm16 Rd (opc 0 MOVN, 2 MOVZ, 3 MOVK). */
  moveWide: (sf: number, opc: number, hw: number, imm16: number, rd: number) =>
    w((sf << 31) | (opc << 29) | (0b100101 << 23) | (hw << 21) | (imm16 << 5) | rd),
  /** SBFM/BFM/UBFM: sf opc 100110 N immr imms Rn Rd (opc 0 SBFM, 1 BFM, 2 UBFM). */
  bitfield: (sf: number, opc: number, n: number, immr: number, imms: number, rn: number, rd: number) =>
    w((sf << 31) | (opc << 29) | (0b100110 << 23) | (n << 22) | (immr << 16) | (imms << 10) | (rn << 5) | rd),
  /** EXTR: sf 00 100111 N 0 Rm imms Rn Rd. */
  extr: (sf: number, n: number, rm: number, imms: number, rn: number, rd: number) =>
    w((sf << 31) | (0b100111 << 23) | (n << 22) | (rm << 16) | (imms << 10) | (rn << 5) | rd),
  /** ADR/ADRP: op immlo 10000 immhi Rd, with a byte (ADR) or page (ADRP) offset. */
  adr: (page: number, offset: number, rd: number) =>
    w((page << 31) | ((offset & 3) << 29) | (0b10000 << 24) | (((offset >> 2) & 0x7ffff) << 5) | rd),

  /** Logical (shifted register): sf opc 01010 shift N Rm imm6 Rn Rd. */
  logicalShift: (sf: number, opc: number, n: number, shift: number, rm: number, imm6: number, rn: number, rd: number) =>
    w((sf << 31) | (opc << 29) | (0b01010 << 24) | (shift << 22) | (n << 21) | (rm << 16) | (imm6 << 10) | (rn << 5) | rd),
  /** ADD/SUB(S) (shifted register): sf op S 01011 shift 0 Rm imm6 Rn Rd. */
  addSubShift: (sf: number, op: number, s: number, shift: number, rm: number, imm6: number, rn: number, rd: number) =>
    w((sf << 31) | (op << 30) | (s << 29) | (0b01011 << 24) | (shift << 22) | (rm << 16) | (imm6 << 10) | (rn << 5) | rd),
  /** ADD/SUB(S) (extended register): sf op S 01011 00 1 Rm option imm3 Rn Rd. */
  addSubExt: (sf: number, op: number, s: number, rm: number, option: number, imm3: number, rn: number, rd: number) =>
    w((sf << 31) | (op << 30) | (s << 29) | (0b01011 << 24) | (1 << 21) | (rm << 16) | (option << 13) | (imm3 << 10) | (rn << 5) | rd),
  /** ADC/ADCS/SBC/SBCS: sf op S 11010000 Rm 000000 Rn Rd. */
  addSubCarry: (sf: number, op: number, s: number, rm: number, rn: number, rd: number) =>
    w((sf << 31) | (op << 30) | (s << 29) | (0b11010000 << 21) | (rm << 16) | (rn << 5) | rd),
  /** CCMN/CCMP: sf op 1 11010010 Rm|imm5 cond imm 0 Rn 0 nzcv (op 0 CCMN, 1 CCMP). */
  condCompare: (sf: number, op: number, isImm: number, rmOrImm: number, cond: number, rn: number, nzcv: number) =>
    w((sf << 31) | (op << 30) | (1 << 29) | (0b11010010 << 21) | (rmOrImm << 16) | (cond << 12) | (isImm << 11) | (rn << 5) | nzcv),
  /** CSEL/CSINC/CSINV/CSNEG: sf op 0 11010100 Rm cond 0 o2 Rn Rd. */
  condSelect: (sf: number, op: number, o2: number, rm: number, cond: number, rn: number, rd: number) =>
    w((sf << 31) | (op << 30) | (0b11010100 << 21) | (rm << 16) | (cond << 12) | (o2 << 10) | (rn << 5) | rd),
  /** Data-processing (1 source): sf 1 0 11010110 00000 opcode Rn Rd. */
  dp1: (sf: number, opcode: number, rn: number, rd: number) =>
    w((sf << 31) | (1 << 30) | (0b11010110 << 21) | (opcode << 10) | (rn << 5) | rd),
  /** Data-processing (2 source): sf 0 0 11010110 Rm opcode Rn Rd. */
  dp2: (sf: number, opcode: number, rm: number, rn: number, rd: number) =>
    w((sf << 31) | (0b11010110 << 21) | (rm << 16) | (opcode << 10) | (rn << 5) | rd),
  /** Data-processing (3 source): sf 00 11011 op31 Rm o0 Ra Rn Rd. */
  dp3: (sf: number, op31: number, o0: number, rm: number, ra: number, rn: number, rd: number) =>
    w((sf << 31) | (0b11011 << 24) | (op31 << 21) | (rm << 16) | (o0 << 15) | (ra << 10) | (rn << 5) | rd),
};
