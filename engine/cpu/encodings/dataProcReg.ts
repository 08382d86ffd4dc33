/**
 * Data processing (register): logical and ADD/SUB(S) with shifted register, ADD/SUB(S)
 * with extended register, ADC/SBC(S), CCMN/CCMP, conditional select, 1-source (RBIT,
 * REV*, CLZ, CLS), 2-source (UDIV, SDIV, shifts by register, CRC32*) and 3-source
 * (multiply-add) instructions.
 *
 * Field letters beyond the common ones: 'h' the shift type, 'i' the shift amount (imm6),
 * extend amount (imm3) or CCMP's imm5, 'o' the extend option, 'f' CCMP's nzcv.
 *
 * Handlers: separate 32- and 64-bit forms; the 64-bit shifted-register forms also have a
 * plain-register handler for shift amount 0 (any shift type by 0 is the identity), and
 * MOV (register) has its own. Shift type and amount are in `b` and `a`, the condition in `a`.
 */
import { R_ZR_WRITE } from '../cpu';
import type { Cpu } from '../cpu';
import { condHolds } from '../conditions';
import { EncodingSpec, Fields } from '../encodingTable';
import { ExecFn, Insn } from '../insn';
import { spReg, zrRead, zrWrite } from '../regs';
import {
  CRC32C_TABLE,
  CRC32_TABLE,
  SHIFT_ROR,
  addFlags32,
  addFlags64,
  asr64,
  bswap32,
  cls32,
  cls64,
  clz64,
  crc32Update,
  extend32,
  extend64,
  logicFlags32,
  logicFlags64,
  lsl64,
  lsr64,
  mul64,
  pair,
  rbit32,
  rev16w,
  ror64,
  sdiv64,
  setNzcv4,
  shift32,
  shift64,
  smulh64,
  udiv64,
  umulh64,
} from '../alu';

/** The shifted second operand of a 64-bit shifted-register form, into `pair`. */
function shiftedRm(x: Int32Array, i: Insn): void {
  const m = 2 * i.rm;
  shift64(x[m], x[m + 1], i.b, i.a);
}

// ------------------------------------------------------------------ logical (shifted register)

function execMOV64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const m = 2 * i.rm;
  const lo = x[m];
  const hi = x[m + 1];
  x[2 * i.rd] = lo;
  x[2 * i.rd + 1] = hi;
}
function execMOV32(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  x[2 * i.rd] = x[2 * i.rm];
  x[2 * i.rd + 1] = 0;
}

function execAND64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  const m = 2 * i.rm;
  const lo = x[n] & x[m];
  const hi = x[n + 1] & x[m + 1];
  x[2 * i.rd] = lo;
  x[2 * i.rd + 1] = hi;
}
function execAND64s(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  shiftedRm(x, i);
  const lo = x[n] & pair[0];
  const hi = x[n + 1] & pair[1];
  x[2 * i.rd] = lo;
  x[2 * i.rd + 1] = hi;
}
function execAND32(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  x[2 * i.rd] = x[2 * i.rn] & shift32(x[2 * i.rm], i.b, i.a);
  x[2 * i.rd + 1] = 0;
}

function execBIC64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  const m = 2 * i.rm;
  const lo = x[n] & ~x[m];
  const hi = x[n + 1] & ~x[m + 1];
  x[2 * i.rd] = lo;
  x[2 * i.rd + 1] = hi;
}
function execBIC64s(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  shiftedRm(x, i);
  const lo = x[n] & ~pair[0];
  const hi = x[n + 1] & ~pair[1];
  x[2 * i.rd] = lo;
  x[2 * i.rd + 1] = hi;
}
function execBIC32(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  x[2 * i.rd] = x[2 * i.rn] & ~shift32(x[2 * i.rm], i.b, i.a);
  x[2 * i.rd + 1] = 0;
}

function execORR64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  const m = 2 * i.rm;
  const lo = x[n] | x[m];
  const hi = x[n + 1] | x[m + 1];
  x[2 * i.rd] = lo;
  x[2 * i.rd + 1] = hi;
}
function execORR64s(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  shiftedRm(x, i);
  const lo = x[n] | pair[0];
  const hi = x[n + 1] | pair[1];
  x[2 * i.rd] = lo;
  x[2 * i.rd + 1] = hi;
}
function execORR32(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  x[2 * i.rd] = x[2 * i.rn] | shift32(x[2 * i.rm], i.b, i.a);
  x[2 * i.rd + 1] = 0;
}

function execORN64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  const m = 2 * i.rm;
  const lo = x[n] | ~x[m];
  const hi = x[n + 1] | ~x[m + 1];
  x[2 * i.rd] = lo;
  x[2 * i.rd + 1] = hi;
}
function execORN64s(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  shiftedRm(x, i);
  const lo = x[n] | ~pair[0];
  const hi = x[n + 1] | ~pair[1];
  x[2 * i.rd] = lo;
  x[2 * i.rd + 1] = hi;
}
function execORN32(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  x[2 * i.rd] = x[2 * i.rn] | ~shift32(x[2 * i.rm], i.b, i.a);
  x[2 * i.rd + 1] = 0;
}

function execEOR64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  const m = 2 * i.rm;
  const lo = x[n] ^ x[m];
  const hi = x[n + 1] ^ x[m + 1];
  x[2 * i.rd] = lo;
  x[2 * i.rd + 1] = hi;
}
function execEOR64s(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  shiftedRm(x, i);
  const lo = x[n] ^ pair[0];
  const hi = x[n + 1] ^ pair[1];
  x[2 * i.rd] = lo;
  x[2 * i.rd + 1] = hi;
}
function execEOR32(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  x[2 * i.rd] = x[2 * i.rn] ^ shift32(x[2 * i.rm], i.b, i.a);
  x[2 * i.rd + 1] = 0;
}

function execEON64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  const m = 2 * i.rm;
  const lo = x[n] ^ ~x[m];
  const hi = x[n + 1] ^ ~x[m + 1];
  x[2 * i.rd] = lo;
  x[2 * i.rd + 1] = hi;
}
function execEON64s(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  shiftedRm(x, i);
  const lo = x[n] ^ ~pair[0];
  const hi = x[n + 1] ^ ~pair[1];
  x[2 * i.rd] = lo;
  x[2 * i.rd + 1] = hi;
}
function execEON32(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  x[2 * i.rd] = x[2 * i.rn] ^ ~shift32(x[2 * i.rm], i.b, i.a);
  x[2 * i.rd + 1] = 0;
}

function execANDS64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  const m = 2 * i.rm;
  const lo = x[n] & x[m];
  const hi = x[n + 1] & x[m + 1];
  x[2 * i.rd] = lo;
  x[2 * i.rd + 1] = hi;
  logicFlags64(cpu, lo, hi);
}
function execANDS64s(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  shiftedRm(x, i);
  const lo = x[n] & pair[0];
  const hi = x[n + 1] & pair[1];
  x[2 * i.rd] = lo;
  x[2 * i.rd + 1] = hi;
  logicFlags64(cpu, lo, hi);
}
function execANDS32(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const r = x[2 * i.rn] & shift32(x[2 * i.rm], i.b, i.a);
  x[2 * i.rd] = r;
  x[2 * i.rd + 1] = 0;
  logicFlags32(cpu, r);
}

function execBICS64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  const m = 2 * i.rm;
  const lo = x[n] & ~x[m];
  const hi = x[n + 1] & ~x[m + 1];
  x[2 * i.rd] = lo;
  x[2 * i.rd + 1] = hi;
  logicFlags64(cpu, lo, hi);
}
function execBICS64s(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  shiftedRm(x, i);
  const lo = x[n] & ~pair[0];
  const hi = x[n + 1] & ~pair[1];
  x[2 * i.rd] = lo;
  x[2 * i.rd + 1] = hi;
  logicFlags64(cpu, lo, hi);
}
function execBICS32(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const r = x[2 * i.rn] & ~shift32(x[2 * i.rm], i.b, i.a);
  x[2 * i.rd] = r;
  x[2 * i.rd + 1] = 0;
  logicFlags32(cpu, r);
}

// ------------------------------------------------------------------ add / subtract (shifted register)

function execADD64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  const m = 2 * i.rm;
  const s = (x[n] >>> 0) + (x[m] >>> 0);
  const hi = (x[n + 1] + x[m + 1] + (s > 0xffffffff ? 1 : 0)) | 0;
  x[2 * i.rd] = s | 0;
  x[2 * i.rd + 1] = hi;
}
function execADD64s(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  shiftedRm(x, i);
  const s = (x[n] >>> 0) + (pair[0] >>> 0);
  const hi = (x[n + 1] + pair[1] + (s > 0xffffffff ? 1 : 0)) | 0;
  x[2 * i.rd] = s | 0;
  x[2 * i.rd + 1] = hi;
}
function execADD32(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  x[2 * i.rd] = (x[2 * i.rn] + shift32(x[2 * i.rm], i.b, i.a)) | 0;
  x[2 * i.rd + 1] = 0;
}
function execSUB64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  const m = 2 * i.rm;
  const s = (x[n] >>> 0) - (x[m] >>> 0);
  const hi = (x[n + 1] - x[m + 1] - (s < 0 ? 1 : 0)) | 0;
  x[2 * i.rd] = s | 0;
  x[2 * i.rd + 1] = hi;
}
function execSUB64s(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  shiftedRm(x, i);
  const s = (x[n] >>> 0) - (pair[0] >>> 0);
  const hi = (x[n + 1] - pair[1] - (s < 0 ? 1 : 0)) | 0;
  x[2 * i.rd] = s | 0;
  x[2 * i.rd + 1] = hi;
}
function execSUB32(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  x[2 * i.rd] = (x[2 * i.rn] - shift32(x[2 * i.rm], i.b, i.a)) | 0;
  x[2 * i.rd + 1] = 0;
}
function execADDS64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  const m = 2 * i.rm;
  addFlags64(cpu, i.rd, x[n], x[n + 1], x[m], x[m + 1], 0);
}
function execADDS64s(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  shiftedRm(x, i);
  addFlags64(cpu, i.rd, x[n], x[n + 1], pair[0], pair[1], 0);
}
function execADDS32(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  addFlags32(cpu, i.rd, x[2 * i.rn], shift32(x[2 * i.rm], i.b, i.a), 0);
}
function execSUBS64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  const m = 2 * i.rm;
  addFlags64(cpu, i.rd, x[n], x[n + 1], ~x[m], ~x[m + 1], 1);
}
function execSUBS64s(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  shiftedRm(x, i);
  addFlags64(cpu, i.rd, x[n], x[n + 1], ~pair[0], ~pair[1], 1);
}
function execSUBS32(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  addFlags32(cpu, i.rd, x[2 * i.rn], ~shift32(x[2 * i.rm], i.b, i.a), 1);
}

// ------------------------------------------------------------------ add / subtract (extended register)

/** Extend option in `b`, left shift 0..4 in `a`. */
function execADDext64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  const m = 2 * i.rm;
  extend64(x[m], x[m + 1], i.b, i.a);
  const s = (x[n] >>> 0) + (pair[0] >>> 0);
  const hi = (x[n + 1] + pair[1] + (s > 0xffffffff ? 1 : 0)) | 0;
  x[2 * i.rd] = s | 0;
  x[2 * i.rd + 1] = hi;
}
function execADDext32(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  x[2 * i.rd] = (x[2 * i.rn] + extend32(x[2 * i.rm], i.b, i.a)) | 0;
  x[2 * i.rd + 1] = 0;
}
function execSUBext64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  const m = 2 * i.rm;
  extend64(x[m], x[m + 1], i.b, i.a);
  const s = (x[n] >>> 0) - (pair[0] >>> 0);
  const hi = (x[n + 1] - pair[1] - (s < 0 ? 1 : 0)) | 0;
  x[2 * i.rd] = s | 0;
  x[2 * i.rd + 1] = hi;
}
function execSUBext32(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  x[2 * i.rd] = (x[2 * i.rn] - extend32(x[2 * i.rm], i.b, i.a)) | 0;
  x[2 * i.rd + 1] = 0;
}
function execADDSext64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  const m = 2 * i.rm;
  extend64(x[m], x[m + 1], i.b, i.a);
  addFlags64(cpu, i.rd, x[n], x[n + 1], pair[0], pair[1], 0);
}
function execADDSext32(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  addFlags32(cpu, i.rd, x[2 * i.rn], extend32(x[2 * i.rm], i.b, i.a), 0);
}
function execSUBSext64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  const m = 2 * i.rm;
  extend64(x[m], x[m + 1], i.b, i.a);
  addFlags64(cpu, i.rd, x[n], x[n + 1], ~pair[0], ~pair[1], 1);
}
function execSUBSext32(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  addFlags32(cpu, i.rd, x[2 * i.rn], ~extend32(x[2 * i.rm], i.b, i.a), 1);
}

// ------------------------------------------------------------------ add / subtract with carry

function execADC64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  const m = 2 * i.rm;
  const s = (x[n] >>> 0) + (x[m] >>> 0) + cpu.c;
  const hi = (x[n + 1] + x[m + 1] + (s > 0xffffffff ? 1 : 0)) | 0;
  x[2 * i.rd] = s | 0;
  x[2 * i.rd + 1] = hi;
}
function execADC32(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  x[2 * i.rd] = (x[2 * i.rn] + x[2 * i.rm] + cpu.c) | 0;
  x[2 * i.rd + 1] = 0;
}
function execSBC64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  const m = 2 * i.rm;
  const s = (x[n] >>> 0) + (~x[m] >>> 0) + cpu.c;
  const hi = (x[n + 1] + ~x[m + 1] + (s > 0xffffffff ? 1 : 0)) | 0;
  x[2 * i.rd] = s | 0;
  x[2 * i.rd + 1] = hi;
}
function execSBC32(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  x[2 * i.rd] = (x[2 * i.rn] + ~x[2 * i.rm] + cpu.c) | 0;
  x[2 * i.rd + 1] = 0;
}
function execADCS64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  const m = 2 * i.rm;
  addFlags64(cpu, i.rd, x[n], x[n + 1], x[m], x[m + 1], cpu.c);
}
function execADCS32(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  addFlags32(cpu, i.rd, x[2 * i.rn], x[2 * i.rm], cpu.c);
}
function execSBCS64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  const m = 2 * i.rm;
  addFlags64(cpu, i.rd, x[n], x[n + 1], ~x[m], ~x[m + 1], cpu.c);
}
function execSBCS32(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  addFlags32(cpu, i.rd, x[2 * i.rn], ~x[2 * i.rm], cpu.c);
}

// ------------------------------------------------------------------ conditional compare

/**
 * Condition in `a`, the nzcv used when it fails in `b`. Immediate forms hold the
 * operand (NOT imm5 for CCMP) in `imm`/`immHi` and the carry-in in `c`.
 */
function execCCimm64(cpu: Cpu, i: Insn): void {
  if (condHolds(cpu, i.a)) {
    const n = 2 * i.rn;
    addFlags64(cpu, R_ZR_WRITE, cpu.x[n], cpu.x[n + 1], i.imm, i.immHi, i.c);
  } else setNzcv4(cpu, i.b);
}
function execCCimm32(cpu: Cpu, i: Insn): void {
  if (condHolds(cpu, i.a)) addFlags32(cpu, R_ZR_WRITE, cpu.x[2 * i.rn], i.imm, i.c);
  else setNzcv4(cpu, i.b);
}
function execCCMNreg64(cpu: Cpu, i: Insn): void {
  if (condHolds(cpu, i.a)) {
    const x = cpu.x;
    const n = 2 * i.rn;
    const m = 2 * i.rm;
    addFlags64(cpu, R_ZR_WRITE, x[n], x[n + 1], x[m], x[m + 1], 0);
  } else setNzcv4(cpu, i.b);
}
function execCCMNreg32(cpu: Cpu, i: Insn): void {
  if (condHolds(cpu, i.a)) addFlags32(cpu, R_ZR_WRITE, cpu.x[2 * i.rn], cpu.x[2 * i.rm], 0);
  else setNzcv4(cpu, i.b);
}
function execCCMPreg64(cpu: Cpu, i: Insn): void {
  if (condHolds(cpu, i.a)) {
    const x = cpu.x;
    const n = 2 * i.rn;
    const m = 2 * i.rm;
    addFlags64(cpu, R_ZR_WRITE, x[n], x[n + 1], ~x[m], ~x[m + 1], 1);
  } else setNzcv4(cpu, i.b);
}
function execCCMPreg32(cpu: Cpu, i: Insn): void {
  if (condHolds(cpu, i.a)) addFlags32(cpu, R_ZR_WRITE, cpu.x[2 * i.rn], ~cpu.x[2 * i.rm], 1);
  else setNzcv4(cpu, i.b);
}

// ------------------------------------------------------------------ conditional select (condition in `a`)

function execCSEL64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const s = condHolds(cpu, i.a) ? 2 * i.rn : 2 * i.rm;
  const lo = x[s];
  const hi = x[s + 1];
  x[2 * i.rd] = lo;
  x[2 * i.rd + 1] = hi;
}
function execCSEL32(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  x[2 * i.rd] = condHolds(cpu, i.a) ? x[2 * i.rn] : x[2 * i.rm];
  x[2 * i.rd + 1] = 0;
}
function execCSINC64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  let lo: number;
  let hi: number;
  if (condHolds(cpu, i.a)) {
    lo = x[2 * i.rn];
    hi = x[2 * i.rn + 1];
  } else {
    lo = (x[2 * i.rm] + 1) | 0;
    hi = (x[2 * i.rm + 1] + (lo === 0 ? 1 : 0)) | 0;
  }
  x[2 * i.rd] = lo;
  x[2 * i.rd + 1] = hi;
}
function execCSINC32(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  x[2 * i.rd] = condHolds(cpu, i.a) ? x[2 * i.rn] : (x[2 * i.rm] + 1) | 0;
  x[2 * i.rd + 1] = 0;
}
function execCSINV64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  let lo: number;
  let hi: number;
  if (condHolds(cpu, i.a)) {
    lo = x[2 * i.rn];
    hi = x[2 * i.rn + 1];
  } else {
    lo = ~x[2 * i.rm];
    hi = ~x[2 * i.rm + 1];
  }
  x[2 * i.rd] = lo;
  x[2 * i.rd + 1] = hi;
}
function execCSINV32(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  x[2 * i.rd] = condHolds(cpu, i.a) ? x[2 * i.rn] : ~x[2 * i.rm];
  x[2 * i.rd + 1] = 0;
}
function execCSNEG64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  let lo: number;
  let hi: number;
  if (condHolds(cpu, i.a)) {
    lo = x[2 * i.rn];
    hi = x[2 * i.rn + 1];
  } else {
    lo = -x[2 * i.rm] | 0;
    hi = (~x[2 * i.rm + 1] + (lo === 0 ? 1 : 0)) | 0;
  }
  x[2 * i.rd] = lo;
  x[2 * i.rd + 1] = hi;
}
function execCSNEG32(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  x[2 * i.rd] = condHolds(cpu, i.a) ? x[2 * i.rn] : -x[2 * i.rm] | 0;
  x[2 * i.rd + 1] = 0;
}

// ------------------------------------------------------------------ data processing (1 source)

function execRBIT64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  const lo = rbit32(x[n + 1]);
  const hi = rbit32(x[n]);
  x[2 * i.rd] = lo;
  x[2 * i.rd + 1] = hi;
}
function execRBIT32(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  x[2 * i.rd] = rbit32(x[2 * i.rn]);
  x[2 * i.rd + 1] = 0;
}
function execREV16_64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  const lo = rev16w(x[n]);
  const hi = rev16w(x[n + 1]);
  x[2 * i.rd] = lo;
  x[2 * i.rd + 1] = hi;
}
function execREV16_32(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  x[2 * i.rd] = rev16w(x[2 * i.rn]);
  x[2 * i.rd + 1] = 0;
}
/** REV32 <Xd>, <Xn>: byte-reverse each word. */
function execREV32x(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  const lo = bswap32(x[n]);
  const hi = bswap32(x[n + 1]);
  x[2 * i.rd] = lo;
  x[2 * i.rd + 1] = hi;
}
function execREV64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  const lo = bswap32(x[n + 1]);
  const hi = bswap32(x[n]);
  x[2 * i.rd] = lo;
  x[2 * i.rd + 1] = hi;
}
function execREVw(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  x[2 * i.rd] = bswap32(x[2 * i.rn]);
  x[2 * i.rd + 1] = 0;
}
function execCLZ64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  x[2 * i.rd] = clz64(x[2 * i.rn], x[2 * i.rn + 1]);
  x[2 * i.rd + 1] = 0;
}
function execCLZ32(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  x[2 * i.rd] = Math.clz32(x[2 * i.rn]);
  x[2 * i.rd + 1] = 0;
}
function execCLS64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  x[2 * i.rd] = cls64(x[2 * i.rn], x[2 * i.rn + 1]);
  x[2 * i.rd + 1] = 0;
}
function execCLS32(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  x[2 * i.rd] = cls32(x[2 * i.rn]);
  x[2 * i.rd + 1] = 0;
}

// ------------------------------------------------------------------ data processing (2 source)

function execUDIV64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  const m = 2 * i.rm;
  udiv64(x[n], x[n + 1], x[m], x[m + 1]);
  x[2 * i.rd] = pair[0];
  x[2 * i.rd + 1] = pair[1];
}
function execUDIV32(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const d = x[2 * i.rm] >>> 0;
  // Both below 2^32: truncating the rounded quotient is exact.
  x[2 * i.rd] = d === 0 ? 0 : (x[2 * i.rn] >>> 0) / d;
  x[2 * i.rd + 1] = 0;
}
function execSDIV64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  const m = 2 * i.rm;
  sdiv64(x[n], x[n + 1], x[m], x[m + 1]);
  x[2 * i.rd] = pair[0];
  x[2 * i.rd + 1] = pair[1];
}
function execSDIV32(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const d = x[2 * i.rm];
  // INT32_MIN / -1 = 2^31, which ToInt32 wraps back to INT32_MIN as A64 requires.
  x[2 * i.rd] = d === 0 ? 0 : (x[2 * i.rn] / d) | 0;
  x[2 * i.rd + 1] = 0;
}
function execLSLV64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  lsl64(x[n], x[n + 1], x[2 * i.rm] & 63);
  x[2 * i.rd] = pair[0];
  x[2 * i.rd + 1] = pair[1];
}
function execLSLV32(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  x[2 * i.rd] = x[2 * i.rn] << (x[2 * i.rm] & 31);
  x[2 * i.rd + 1] = 0;
}
function execLSRV64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  lsr64(x[n], x[n + 1], x[2 * i.rm] & 63);
  x[2 * i.rd] = pair[0];
  x[2 * i.rd + 1] = pair[1];
}
function execLSRV32(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  x[2 * i.rd] = x[2 * i.rn] >>> (x[2 * i.rm] & 31);
  x[2 * i.rd + 1] = 0;
}
function execASRV64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  asr64(x[n], x[n + 1], x[2 * i.rm] & 63);
  x[2 * i.rd] = pair[0];
  x[2 * i.rd + 1] = pair[1];
}
function execASRV32(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  x[2 * i.rd] = x[2 * i.rn] >> (x[2 * i.rm] & 31);
  x[2 * i.rd + 1] = 0;
}
function execRORV64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  ror64(x[n], x[n + 1], x[2 * i.rm] & 63);
  x[2 * i.rd] = pair[0];
  x[2 * i.rd + 1] = pair[1];
}
function execRORV32(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  x[2 * i.rd] = shift32(x[2 * i.rn], SHIFT_ROR, x[2 * i.rm] & 31);
  x[2 * i.rd + 1] = 0;
}

/** CRC32{B,H,W}/CRC32C{B,H,W}: `a` is 1 for the Castagnoli polynomial, `b` the byte count. */
function execCRC32w(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  x[2 * i.rd] = crc32Update(i.a ? CRC32C_TABLE : CRC32_TABLE, x[2 * i.rn], x[2 * i.rm], i.b);
  x[2 * i.rd + 1] = 0;
}
/** CRC32X/CRC32CX: eight bytes of Xm, low word first. */
function execCRC32x(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const t = i.a ? CRC32C_TABLE : CRC32_TABLE;
  const m = 2 * i.rm;
  x[2 * i.rd] = crc32Update(t, crc32Update(t, x[2 * i.rn], x[m], 4), x[m + 1], 4);
  x[2 * i.rd + 1] = 0;
}

// ------------------------------------------------------------------ data processing (3 source)

function execMADD64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  const m = 2 * i.rm;
  const a = 2 * i.ra;
  const alo = x[a];
  const ahi = x[a + 1];
  mul64(x[n], x[n + 1], x[m], x[m + 1]);
  const s = (alo >>> 0) + (pair[0] >>> 0);
  x[2 * i.rd] = s | 0;
  x[2 * i.rd + 1] = (ahi + pair[1] + (s > 0xffffffff ? 1 : 0)) | 0;
}
function execMADD32(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  x[2 * i.rd] = (x[2 * i.ra] + Math.imul(x[2 * i.rn], x[2 * i.rm])) | 0;
  x[2 * i.rd + 1] = 0;
}
function execMSUB64(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  const m = 2 * i.rm;
  const a = 2 * i.ra;
  const alo = x[a];
  const ahi = x[a + 1];
  mul64(x[n], x[n + 1], x[m], x[m + 1]);
  const s = (alo >>> 0) - (pair[0] >>> 0);
  x[2 * i.rd] = s | 0;
  x[2 * i.rd + 1] = (ahi - pair[1] - (s < 0 ? 1 : 0)) | 0;
}
function execMSUB32(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  x[2 * i.rd] = (x[2 * i.ra] - Math.imul(x[2 * i.rn], x[2 * i.rm])) | 0;
  x[2 * i.rd + 1] = 0;
}
/** SMADDL/SMSUBL/UMADDL/UMSUBL: `a` is 1 for signed, `b` is 1 for subtract. */
function execMulLong(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const wn = x[2 * i.rn];
  const wm = x[2 * i.rm];
  const a = 2 * i.ra;
  const alo = x[a];
  const ahi = x[a + 1];
  if (i.a) mul64(wn, wn >> 31, wm, wm >> 31);
  else mul64(wn, 0, wm, 0);
  let lo: number;
  let hi: number;
  if (i.b) {
    const s = (alo >>> 0) - (pair[0] >>> 0);
    lo = s | 0;
    hi = (ahi - pair[1] - (s < 0 ? 1 : 0)) | 0;
  } else {
    const s = (alo >>> 0) + (pair[0] >>> 0);
    lo = s | 0;
    hi = (ahi + pair[1] + (s > 0xffffffff ? 1 : 0)) | 0;
  }
  x[2 * i.rd] = lo;
  x[2 * i.rd + 1] = hi;
}
function execSMULH(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  const m = 2 * i.rm;
  smulh64(x[n], x[n + 1], x[m], x[m + 1]);
  x[2 * i.rd] = pair[0];
  x[2 * i.rd + 1] = pair[1];
}
function execUMULH(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  const n = 2 * i.rn;
  const m = 2 * i.rm;
  umulh64(x[n], x[n + 1], x[m], x[m + 1]);
  x[2 * i.rd] = pair[0];
  x[2 * i.rd + 1] = pair[1];
}

// ------------------------------------------------------------------ decoders

/** Handlers of one operation: 64-bit plain register, 64-bit shifted, 32-bit. */
type Forms = readonly [ExecFn, ExecFn, ExecFn];

const LOGICAL = {
  AND: [execAND64, execAND64s, execAND32],
  BIC: [execBIC64, execBIC64s, execBIC32],
  ORR: [execORR64, execORR64s, execORR32],
  ORN: [execORN64, execORN64s, execORN32],
  EOR: [execEOR64, execEOR64s, execEOR32],
  EON: [execEON64, execEON64s, execEON32],
  ANDS: [execANDS64, execANDS64s, execANDS32],
  BICS: [execBICS64, execBICS64s, execBICS32],
} satisfies Record<string, Forms>;

const ADDSUB = {
  ADD: [execADD64, execADD64s, execADD32],
  ADDS: [execADDS64, execADDS64s, execADDS32],
  SUB: [execSUB64, execSUB64s, execSUB32],
  SUBS: [execSUBS64, execSUBS64s, execSUBS32],
} satisfies Record<string, Forms>;

/** Operands common to the shifted-register forms; null for a shift amount W cannot take. */
function shiftedOperands(i: Insn, f: Fields, setFlags: boolean): boolean {
  if (f.z === 0 && f.i >= 32) return false;
  i.sf = f.z;
  i.s = setFlags ? 1 : 0;
  i.rd = zrWrite(f.d);
  i.rn = zrRead(f.n);
  i.rm = zrRead(f.m);
  i.b = f.h;
  i.a = f.i;
  return true;
}

function decodeLogicalShift(i: Insn, f: Fields, op: keyof typeof LOGICAL): ExecFn | null {
  if (!shiftedOperands(i, f, op === 'ANDS' || op === 'BICS')) return null;
  if (op === 'ORR' && f.n === 31 && f.i === 0) return f.z ? execMOV64 : execMOV32; // MOV (register)
  const forms = LOGICAL[op];
  return f.z === 0 ? forms[2] : f.i === 0 ? forms[0] : forms[1];
}

function decodeAddSubShift(i: Insn, f: Fields, op: keyof typeof ADDSUB): ExecFn | null {
  if (f.h === SHIFT_ROR) return null;
  if (!shiftedOperands(i, f, op === 'ADDS' || op === 'SUBS')) return null;
  const forms = ADDSUB[op];
  return f.z === 0 ? forms[2] : f.i === 0 ? forms[0] : forms[1];
}

function decodeAddSubExt(i: Insn, f: Fields, sub: boolean, setFlags: boolean): ExecFn | null {
  if (f.i > 4) return null;
  i.sf = f.z;
  i.s = setFlags ? 1 : 0;
  i.rd = setFlags ? zrWrite(f.d) : spReg(f.d);
  i.rn = spReg(f.n);
  i.rm = zrRead(f.m);
  i.b = f.o;
  i.a = f.i;
  if (setFlags) {
    if (sub) return f.z ? execSUBSext64 : execSUBSext32;
    return f.z ? execADDSext64 : execADDSext32;
  }
  if (sub) return f.z ? execSUBext64 : execSUBext32;
  return f.z ? execADDext64 : execADDext32;
}

/** Rd, Rn, Rm all with 31 = ZR, and sf. */
function threeRegs(i: Insn, f: Fields): void {
  i.sf = f.z;
  i.rd = zrWrite(f.d);
  i.rn = zrRead(f.n);
  i.rm = zrRead(f.m);
}

/** Pick the 64- or 32-bit handler after filling Rd/Rn/Rm. */
const regs3 = (h64: ExecFn, h32: ExecFn) => (i: Insn, f: Fields): ExecFn => {
  threeRegs(i, f);
  return f.z ? h64 : h32;
};

const withFlags = (h64: ExecFn, h32: ExecFn) => (i: Insn, f: Fields): ExecFn => {
  threeRegs(i, f);
  i.s = 1;
  return f.z ? h64 : h32;
};

function decodeCondCompareImm(i: Insn, f: Fields, sub: boolean): ExecFn {
  i.sf = f.z;
  i.s = 1;
  i.rn = zrRead(f.n);
  i.a = f.c;
  i.b = f.f;
  if (sub) {
    i.imm = ~f.i;
    i.immHi = -1;
    i.c = 1;
  } else {
    i.imm = f.i;
    i.immHi = 0;
    i.c = 0;
  }
  return f.z ? execCCimm64 : execCCimm32;
}

function decodeCondCompareReg(i: Insn, f: Fields, sub: boolean): ExecFn {
  i.sf = f.z;
  i.s = 1;
  i.rn = zrRead(f.n);
  i.rm = zrRead(f.m);
  i.a = f.c;
  i.b = f.f;
  if (sub) return f.z ? execCCMPreg64 : execCCMPreg32;
  return f.z ? execCCMNreg64 : execCCMNreg32;
}

const condSelect = (h64: ExecFn, h32: ExecFn) => (i: Insn, f: Fields): ExecFn => {
  threeRegs(i, f);
  i.a = f.c;
  return f.z ? h64 : h32;
};

/** Rd, Rn with 31 = ZR. */
const oneSource = (h64: ExecFn, h32: ExecFn) => (i: Insn, f: Fields): ExecFn => {
  i.sf = f.z;
  i.rd = zrWrite(f.d);
  i.rn = zrRead(f.n);
  return f.z ? h64 : h32;
};

function decodeREV(i: Insn, f: Fields): ExecFn | null {
  // opc = 10 with sf = 0 is REV Wd; opc = 11 with sf = 1 is REV Xd (sf = 1, opc = 10 is REV32).
  if (f.o !== f.z) return null;
  i.sf = f.z;
  i.rd = zrWrite(f.d);
  i.rn = zrRead(f.n);
  return f.z ? execREV64 : execREVw;
}

function decodeCRC32(i: Insn, f: Fields, castagnoli: boolean): ExecFn | null {
  // CRC32X/CRC32CX need sf = 1; the B/H/W forms need sf = 0.
  if ((f.S === 3) !== (f.z === 1)) return null;
  threeRegs(i, f);
  i.a = castagnoli ? 1 : 0;
  i.b = 1 << f.S;
  return f.S === 3 ? execCRC32x : execCRC32w;
}

const multiplyAdd = (h64: ExecFn, h32: ExecFn) => (i: Insn, f: Fields): ExecFn => {
  threeRegs(i, f);
  i.ra = zrRead(f.a);
  return f.z ? h64 : h32;
};

const multiplyLong = (signed: boolean, subtract: boolean) => (i: Insn, f: Fields): ExecFn => {
  i.sf = 1;
  i.rd = zrWrite(f.d);
  i.rn = zrRead(f.n);
  i.rm = zrRead(f.m);
  i.ra = zrRead(f.a);
  i.a = signed ? 1 : 0;
  i.b = subtract ? 1 : 0;
  return execMulLong;
};

const multiplyHigh = (h: ExecFn) => (i: Insn, f: Fields): ExecFn => {
  i.sf = 1;
  i.rd = zrWrite(f.d);
  i.rn = zrRead(f.n);
  i.rm = zrRead(f.m);
  return h;
};

// ------------------------------------------------------------------ the table

export const DATA_PROC_REG_ENCODINGS: EncodingSpec[] = [
  // AND <Xd>, <Xn>, <Xm>{, <shift> #<amount>}
  { name: 'AND_shift', pattern: 'z0001010hh0mmmmmiiiiiinnnnnddddd', decode: (i, f) => decodeLogicalShift(i, f, 'AND') },
  // BIC <Xd>, <Xn>, <Xm>{, <shift> #<amount>}
  { name: 'BIC_shift', pattern: 'z0001010hh1mmmmmiiiiiinnnnnddddd', decode: (i, f) => decodeLogicalShift(i, f, 'BIC') },
  // ORR <Xd>, <Xn>, <Xm>{, <shift> #<amount>}   (MOV register when Rn = ZR and no shift)
  { name: 'ORR_shift', pattern: 'z0101010hh0mmmmmiiiiiinnnnnddddd', decode: (i, f) => decodeLogicalShift(i, f, 'ORR') },
  // ORN <Xd>, <Xn>, <Xm>{, <shift> #<amount>}   (MVN when Rn = ZR)
  { name: 'ORN_shift', pattern: 'z0101010hh1mmmmmiiiiiinnnnnddddd', decode: (i, f) => decodeLogicalShift(i, f, 'ORN') },
  // EOR <Xd>, <Xn>, <Xm>{, <shift> #<amount>}
  { name: 'EOR_shift', pattern: 'z1001010hh0mmmmmiiiiiinnnnnddddd', decode: (i, f) => decodeLogicalShift(i, f, 'EOR') },
  // EON <Xd>, <Xn>, <Xm>{, <shift> #<amount>}
  { name: 'EON_shift', pattern: 'z1001010hh1mmmmmiiiiiinnnnnddddd', decode: (i, f) => decodeLogicalShift(i, f, 'EON') },
  // ANDS <Xd>, <Xn>, <Xm>{, <shift> #<amount>}   (TST when Rd = ZR)
  { name: 'ANDS_shift', pattern: 'z1101010hh0mmmmmiiiiiinnnnnddddd', decode: (i, f) => decodeLogicalShift(i, f, 'ANDS') },
  // BICS <Xd>, <Xn>, <Xm>{, <shift> #<amount>}
  { name: 'BICS_shift', pattern: 'z1101010hh1mmmmmiiiiiinnnnnddddd', decode: (i, f) => decodeLogicalShift(i, f, 'BICS') },

  // ADD <Xd>, <Xn>, <Xm>{, <shift> #<amount>}
  { name: 'ADD_shift', pattern: 'z0001011hh0mmmmmiiiiiinnnnnddddd', decode: (i, f) => decodeAddSubShift(i, f, 'ADD') },
  // ADDS <Xd>, <Xn>, <Xm>{, <shift> #<amount>}   (CMN when Rd = ZR)
  { name: 'ADDS_shift', pattern: 'z0101011hh0mmmmmiiiiiinnnnnddddd', decode: (i, f) => decodeAddSubShift(i, f, 'ADDS') },
  // SUB <Xd>, <Xn>, <Xm>{, <shift> #<amount>}   (NEG when Rn = ZR)
  { name: 'SUB_shift', pattern: 'z1001011hh0mmmmmiiiiiinnnnnddddd', decode: (i, f) => decodeAddSubShift(i, f, 'SUB') },
  // SUBS <Xd>, <Xn>, <Xm>{, <shift> #<amount>}   (CMP when Rd = ZR, NEGS when Rn = ZR)
  { name: 'SUBS_shift', pattern: 'z1101011hh0mmmmmiiiiiinnnnnddddd', decode: (i, f) => decodeAddSubShift(i, f, 'SUBS') },

  // ADD <Xd|SP>, <Xn|SP>, <R><m>{, <extend> {#<amount>}}
  { name: 'ADD_ext', pattern: 'z0001011001mmmmmoooiiinnnnnddddd', decode: (i, f) => decodeAddSubExt(i, f, false, false) },
  // ADDS <Xd>, <Xn|SP>, <R><m>{, <extend> {#<amount>}}
  { name: 'ADDS_ext', pattern: 'z0101011001mmmmmoooiiinnnnnddddd', decode: (i, f) => decodeAddSubExt(i, f, false, true) },
  // SUB <Xd|SP>, <Xn|SP>, <R><m>{, <extend> {#<amount>}}
  { name: 'SUB_ext', pattern: 'z1001011001mmmmmoooiiinnnnnddddd', decode: (i, f) => decodeAddSubExt(i, f, true, false) },
  // SUBS <Xd>, <Xn|SP>, <R><m>{, <extend> {#<amount>}}
  { name: 'SUBS_ext', pattern: 'z1101011001mmmmmoooiiinnnnnddddd', decode: (i, f) => decodeAddSubExt(i, f, true, true) },

  // ADC <Xd>, <Xn>, <Xm>
  { name: 'ADC', pattern: 'z0011010000mmmmm000000nnnnnddddd', decode: regs3(execADC64, execADC32) },
  // ADCS <Xd>, <Xn>, <Xm>
  { name: 'ADCS', pattern: 'z0111010000mmmmm000000nnnnnddddd', decode: withFlags(execADCS64, execADCS32) },
  // SBC <Xd>, <Xn>, <Xm>   (NGC when Rn = ZR)
  { name: 'SBC', pattern: 'z1011010000mmmmm000000nnnnnddddd', decode: regs3(execSBC64, execSBC32) },
  // SBCS <Xd>, <Xn>, <Xm>   (NGCS when Rn = ZR)
  { name: 'SBCS', pattern: 'z1111010000mmmmm000000nnnnnddddd', decode: withFlags(execSBCS64, execSBCS32) },

  // CCMN <Xn>, <Xm>, #<nzcv>, <cond>
  { name: 'CCMN_reg', pattern: 'z0111010010mmmmmcccc00nnnnn0ffff', decode: (i, f) => decodeCondCompareReg(i, f, false) },
  // CCMN <Xn>, #<imm>, #<nzcv>, <cond>
  { name: 'CCMN_imm', pattern: 'z0111010010iiiiicccc10nnnnn0ffff', decode: (i, f) => decodeCondCompareImm(i, f, false) },
  // CCMP <Xn>, <Xm>, #<nzcv>, <cond>
  { name: 'CCMP_reg', pattern: 'z1111010010mmmmmcccc00nnnnn0ffff', decode: (i, f) => decodeCondCompareReg(i, f, true) },
  // CCMP <Xn>, #<imm>, #<nzcv>, <cond>
  { name: 'CCMP_imm', pattern: 'z1111010010iiiiicccc10nnnnn0ffff', decode: (i, f) => decodeCondCompareImm(i, f, true) },

  // CSEL <Xd>, <Xn>, <Xm>, <cond>
  { name: 'CSEL', pattern: 'z0011010100mmmmmcccc00nnnnnddddd', decode: condSelect(execCSEL64, execCSEL32) },
  // CSINC <Xd>, <Xn>, <Xm>, <cond>   (CINC, CSET)
  { name: 'CSINC', pattern: 'z0011010100mmmmmcccc01nnnnnddddd', decode: condSelect(execCSINC64, execCSINC32) },
  // CSINV <Xd>, <Xn>, <Xm>, <cond>   (CINV, CSETM)
  { name: 'CSINV', pattern: 'z1011010100mmmmmcccc00nnnnnddddd', decode: condSelect(execCSINV64, execCSINV32) },
  // CSNEG <Xd>, <Xn>, <Xm>, <cond>   (CNEG)
  { name: 'CSNEG', pattern: 'z1011010100mmmmmcccc01nnnnnddddd', decode: condSelect(execCSNEG64, execCSNEG32) },

  // RBIT <Xd>, <Xn>
  { name: 'RBIT', pattern: 'z101101011000000000000nnnnnddddd', decode: oneSource(execRBIT64, execRBIT32) },
  // REV16 <Xd>, <Xn>
  { name: 'REV16', pattern: 'z101101011000000000001nnnnnddddd', decode: oneSource(execREV16_64, execREV16_32) },
  // REV32 <Xd>, <Xn>
  {
    name: 'REV32',
    pattern: '1101101011000000000010nnnnnddddd',
    decode: (i, f) => {
      i.sf = 1;
      i.rd = zrWrite(f.d);
      i.rn = zrRead(f.n);
      return execREV32x;
    },
  },
  // REV <Wd>, <Wn> (opc = 10, sf = 0) | REV <Xd>, <Xn> (opc = 11, sf = 1)
  { name: 'REV', pattern: 'z10110101100000000001onnnnnddddd', decode: decodeREV },
  // CLZ <Xd>, <Xn>
  { name: 'CLZ', pattern: 'z101101011000000000100nnnnnddddd', decode: oneSource(execCLZ64, execCLZ32) },
  // CLS <Xd>, <Xn>
  { name: 'CLS', pattern: 'z101101011000000000101nnnnnddddd', decode: oneSource(execCLS64, execCLS32) },

  // UDIV <Xd>, <Xn>, <Xm>
  { name: 'UDIV', pattern: 'z0011010110mmmmm000010nnnnnddddd', decode: regs3(execUDIV64, execUDIV32) },
  // SDIV <Xd>, <Xn>, <Xm>
  { name: 'SDIV', pattern: 'z0011010110mmmmm000011nnnnnddddd', decode: regs3(execSDIV64, execSDIV32) },
  // LSLV <Xd>, <Xn>, <Xm>   (LSL register)
  { name: 'LSLV', pattern: 'z0011010110mmmmm001000nnnnnddddd', decode: regs3(execLSLV64, execLSLV32) },
  // LSRV <Xd>, <Xn>, <Xm>   (LSR register)
  { name: 'LSRV', pattern: 'z0011010110mmmmm001001nnnnnddddd', decode: regs3(execLSRV64, execLSRV32) },
  // ASRV <Xd>, <Xn>, <Xm>   (ASR register)
  { name: 'ASRV', pattern: 'z0011010110mmmmm001010nnnnnddddd', decode: regs3(execASRV64, execASRV32) },
  // RORV <Xd>, <Xn>, <Xm>   (ROR register)
  { name: 'RORV', pattern: 'z0011010110mmmmm001011nnnnnddddd', decode: regs3(execRORV64, execRORV32) },
  // CRC32B/H/W <Wd>, <Wn>, <Wm> | CRC32X <Wd>, <Wn>, <Xm>   (S = size: B, H, W, X)
  { name: 'CRC32', pattern: 'z0011010110mmmmm0100SSnnnnnddddd', decode: (i, f) => decodeCRC32(i, f, false) },
  // CRC32CB/H/W <Wd>, <Wn>, <Wm> | CRC32CX <Wd>, <Wn>, <Xm>
  { name: 'CRC32C', pattern: 'z0011010110mmmmm0101SSnnnnnddddd', decode: (i, f) => decodeCRC32(i, f, true) },

  // MADD <Xd>, <Xn>, <Xm>, <Xa>   (MUL when Ra = ZR)
  { name: 'MADD', pattern: 'z0011011000mmmmm0aaaaannnnnddddd', decode: multiplyAdd(execMADD64, execMADD32) },
  // MSUB <Xd>, <Xn>, <Xm>, <Xa>   (MNEG when Ra = ZR)
  { name: 'MSUB', pattern: 'z0011011000mmmmm1aaaaannnnnddddd', decode: multiplyAdd(execMSUB64, execMSUB32) },
  // SMADDL <Xd>, <Wn>, <Wm>, <Xa>   (SMULL)
  { name: 'SMADDL', pattern: '10011011001mmmmm0aaaaannnnnddddd', decode: multiplyLong(true, false) },
  // SMSUBL <Xd>, <Wn>, <Wm>, <Xa>   (SMNEGL)
  { name: 'SMSUBL', pattern: '10011011001mmmmm1aaaaannnnnddddd', decode: multiplyLong(true, true) },
  // SMULH <Xd>, <Xn>, <Xm>
  { name: 'SMULH', pattern: '10011011010mmmmm0-----nnnnnddddd', decode: multiplyHigh(execSMULH) },
  // UMADDL <Xd>, <Wn>, <Wm>, <Xa>   (UMULL)
  { name: 'UMADDL', pattern: '10011011101mmmmm0aaaaannnnnddddd', decode: multiplyLong(false, false) },
  // UMSUBL <Xd>, <Wn>, <Wm>, <Xa>   (UMNEGL)
  { name: 'UMSUBL', pattern: '10011011101mmmmm1aaaaannnnnddddd', decode: multiplyLong(false, true) },
  // UMULH <Xd>, <Xn>, <Xm>
  { name: 'UMULH', pattern: '10011011110mmmmm0-----nnnnnddddd', decode: multiplyHigh(execUMULH) },
];
