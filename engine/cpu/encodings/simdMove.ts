/**
 * Advanced SIMD moves: the copy group (DUP element/general, INS element/general,
 * UMOV, SMOV, and the scalar DUP `mov b0, v1.b[3]`) and the modified-immediate group
 * (MOVI, MVNI, ORR/BIC immediate, FMOV vector immediate).
 */
import type { Cpu } from '../cpu';
import { EncodingSpec, Fields } from '../encodingTable';
import { ExecFn, Insn } from '../insn';
import { zrRead, zrWrite } from '../regs';
import { commit, laneU, setLane, setTmp, tmpI32, zeroFrom } from './simdCommon';
import { fpImm8DoubleHi, fpImm8SingleBits } from './fpScalar';

/** Element size (log2 bytes) from imm5's lowest set bit, or -1 when reserved. */
function imm5Size(imm5: number): number {
  for (let s = 0; s < 4; s++) if (imm5 & (1 << s)) return s;
  return -1;
}

// ------------------------------------------------------------------ copy group

/** DUP Vd.T, Vn.Ts[idx]: i.a = size, i.b = index, i.c = Q. */
function execDupElement(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  const size = i.a;
  if (size === 3) {
    const v = cpu.vI32;
    const lo = v[i.rn * 4 + i.b * 2];
    const hi = v[i.rn * 4 + i.b * 2 + 1];
    tmpI32[0] = tmpI32[2] = lo;
    tmpI32[1] = tmpI32[3] = hi;
  } else {
    const x = laneU(cpu, i.rn, size, i.b);
    const lanes = 16 >> size;
    for (let k = 0; k < lanes; k++) setTmp(size, k, x);
  }
  commit(cpu, i.rd, i.c);
}

/** DUP Vd.T, <R>n: i.a = size, i.c = Q. */
function execDupGeneral(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  const lo = cpu.x[2 * i.rn];
  if (i.a === 3) {
    const hi = cpu.x[2 * i.rn + 1];
    tmpI32[0] = tmpI32[2] = lo;
    tmpI32[1] = tmpI32[3] = hi;
  } else {
    const lanes = 16 >> i.a;
    for (let k = 0; k < lanes; k++) setTmp(i.a, k, lo);
  }
  commit(cpu, i.rd, i.c);
}

/** INS Vd.Ts[idx], <R>n: i.a = size, i.b = index. Other lanes are kept. */
function execInsGeneral(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  if (i.a === 3) {
    cpu.vI32[i.rd * 4 + i.b * 2] = cpu.x[2 * i.rn];
    cpu.vI32[i.rd * 4 + i.b * 2 + 1] = cpu.x[2 * i.rn + 1];
  } else setLane(cpu, i.rd, i.a, i.b, cpu.x[2 * i.rn]);
}

/** INS Vd.Ts[idx1], Vn.Ts[idx2]: i.a = size, i.b = dst index, i.c = src index. */
function execInsElement(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  if (i.a === 3) {
    cpu.vI32[i.rd * 4 + i.b * 2] = cpu.vI32[i.rn * 4 + i.c * 2];
    cpu.vI32[i.rd * 4 + i.b * 2 + 1] = cpu.vI32[i.rn * 4 + i.c * 2 + 1];
  } else setLane(cpu, i.rd, i.a, i.b, laneU(cpu, i.rn, i.a, i.c));
}

/** UMOV <R>d, Vn.Ts[idx] (zero-extended): i.a = size, i.b = index. */
function execUmov(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  if (i.a === 3) {
    cpu.x[2 * i.rd] = cpu.vI32[i.rn * 4 + i.b * 2];
    cpu.x[2 * i.rd + 1] = cpu.vI32[i.rn * 4 + i.b * 2 + 1];
  } else {
    cpu.x[2 * i.rd] = laneU(cpu, i.rn, i.a, i.b);
    cpu.x[2 * i.rd + 1] = 0;
  }
}

/** SMOV <R>d, Vn.Ts[idx] (sign-extended to 32 or 64 bits): i.a = size, i.b = index, i.sf. */
function execSmov(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  const shift = 32 - (8 << i.a);
  const v = (laneU(cpu, i.rn, i.a, i.b) << shift) >> shift;
  cpu.x[2 * i.rd] = v;
  cpu.x[2 * i.rd + 1] = i.sf ? v >> 31 : 0;
}

/** DUP <V>d, Vn.T[idx] (scalar; alias MOV): i.a = size, i.b = index. */
function execDupScalar(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  if (i.a === 3) {
    const lo = cpu.vI32[i.rn * 4 + i.b * 2];
    const hi = cpu.vI32[i.rn * 4 + i.b * 2 + 1];
    cpu.vI32[i.rd * 4] = lo;
    cpu.vI32[i.rd * 4 + 1] = hi;
  } else setLane(cpu, i.rd, i.a, 0, laneU(cpu, i.rn, i.a, i.b));
  zeroFrom(cpu, i.rd, 1 << i.a);
}

function copyFields(i: Insn, f: Fields): number {
  const size = imm5Size(f.i);
  i.rd = f.d;
  i.rn = f.n;
  i.a = size;
  i.b = size < 0 ? 0 : f.i >> (size + 1);
  i.c = f.q ?? 0;
  return size;
}

// ------------------------------------------------------------------ modified immediate

const enum ImmOp {
  Movi,
  Mvni,
  Orr,
  Bic,
}

/** i.a = ImmOp, i.imm/i.immHi = the 64-bit immediate, i.c = Q. */
function execModImm(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  const v = cpu.vI32;
  const b = i.rd * 4;
  const words = i.c ? 4 : 2;
  for (let k = 0; k < words; k++) {
    const imm = k & 1 ? i.immHi : i.imm;
    switch (i.a) {
      case ImmOp.Movi:
        v[b + k] = imm;
        break;
      case ImmOp.Mvni:
        v[b + k] = ~imm;
        break;
      case ImmOp.Orr:
        v[b + k] |= imm;
        break;
      default:
        v[b + k] &= ~imm;
    }
  }
  if (!i.c) v[b + 2] = v[b + 3] = 0;
}

/**
 * AdvSIMDExpandImm for the integer forms: the 64-bit pattern as [lo, hi] words, or null
 * for the FMOV encodings (cmode 1111), which the caller expands itself.
 */
function expandImm(op: number, cmode: number, imm8: number): [number, number] | null {
  let w: number;
  switch (cmode >> 1) {
    case 0:
    case 1:
    case 2:
    case 3:
      w = imm8 << (8 * (cmode >> 1));
      return [w, w];
    case 4:
    case 5:
      w = imm8 << (8 * ((cmode >> 1) & 1));
      w = w | (w << 16);
      return [w, w];
    case 6:
      w = cmode & 1 ? (imm8 << 16) | 0xffff : (imm8 << 8) | 0xff;
      return [w, w];
  }
  if (cmode & 1) return null;
  if (op === 0) {
    w = imm8 * 0x01010101;
    return [w | 0, w | 0];
  }
  // 64-bit byte mask: each bit of imm8 selects 0x00 or 0xff for one byte.
  let lo = 0;
  let hi = 0;
  for (let k = 0; k < 4; k++) {
    if (imm8 & (1 << k)) lo |= 0xff << (8 * k);
    if (imm8 & (1 << (k + 4))) hi |= 0xff << (8 * k);
  }
  return [lo, hi];
}

/** Which ImmOp an (op, cmode) pair encodes, or -1 for FMOV. */
function immOpOf(op: number, cmode: number): number {
  if (cmode === 0b1111) return -1;
  if (cmode === 0b1110) return ImmOp.Movi; // 8-bit (op 0) or 64-bit mask (op 1)
  const orrBic = cmode < 0b1100 && (cmode & 1) === 1;
  if (orrBic) return op ? ImmOp.Bic : ImmOp.Orr;
  return op ? ImmOp.Mvni : ImmOp.Movi;
}

function modImm(want: ImmOp) {
  return (i: Insn, f: Fields): ExecFn | null => {
    const cmode = f.o;
    if (immOpOf(f.p, cmode) !== want) return null;
    const imm8 = (f.h << 5) | f.l;
    const e = expandImm(f.p, cmode, imm8)!;
    i.rd = f.d;
    i.a = want;
    i.imm = e[0];
    i.immHi = e[1];
    i.c = f.q ?? 0;
    return execModImm;
  };
}

const MOD_IMM = '0qp0111100000hhhoooo01lllllddddd';

export const SIMD_MOVE_ENCODINGS: EncodingSpec[] = [
  // DUP <Vd>.<T>, <Vn>.<Ts>[<index>]
  { name: 'DUP_element', pattern: '0q001110000iiiii000001nnnnnddddd', decode: (i, f) => {
    const size = copyFields(i, f);
    return size < 0 || (size === 3 && !f.q) ? null : execDupElement;
  } },
  // DUP <Vd>.<T>, <R><n>
  { name: 'DUP_general', pattern: '0q001110000iiiii000011nnnnnddddd', decode: (i, f) => {
    const size = copyFields(i, f);
    i.rn = zrRead(f.n);
    return size < 0 || (size === 3 && !f.q) ? null : execDupGeneral;
  } },
  // SMOV <Wd|Xd>, <Vn>.<Ts>[<index>]
  { name: 'SMOV', pattern: '0q001110000iiiii001011nnnnnddddd', decode: (i, f) => {
    const size = copyFields(i, f);
    i.rd = zrWrite(f.d);
    i.sf = f.q;
    return size < 0 || size === 3 || (size === 2 && !f.q) ? null : execSmov;
  } },
  // UMOV <Wd|Xd>, <Vn>.<Ts>[<index>]   (alias MOV for S/D)
  { name: 'UMOV', pattern: '0q001110000iiiii001111nnnnnddddd', decode: (i, f) => {
    const size = copyFields(i, f);
    i.rd = zrWrite(f.d);
    return size < 0 || (f.q ? size !== 3 : size === 3) ? null : execUmov;
  } },
  // INS <Vd>.<Ts>[<index>], <R><n>   (alias MOV)
  { name: 'INS_general', pattern: '01001110000iiiii000111nnnnnddddd', decode: (i, f) => {
    const size = copyFields(i, f);
    i.rn = zrRead(f.n);
    return size < 0 ? null : execInsGeneral;
  } },
  // INS <Vd>.<Ts>[<index1>], <Vn>.<Ts>[<index2>]   (alias MOV)
  { name: 'INS_element', pattern: '01101110000iiiii0jjjj1nnnnnddddd', decode: (i, f) => {
    const size = copyFields(i, f);
    if (size < 0) return null;
    i.c = f.j >> size;
    return execInsElement;
  } },
  // DUP <V><d>, <Vn>.<T>[<index>]   (alias MOV)
  { name: 'DUP_element_scalar', pattern: '01011110000iiiii000001nnnnnddddd', decode: (i, f) => {
    const size = copyFields(i, f);
    return size < 0 ? null : execDupScalar;
  } },
  // FMOV <Vd>.<T>, #<imm>   (cmode 1111: op 0 single lanes, op 1 double lanes)
  { name: 'FMOV_vector_imm', pattern: '0qp0111100000hhh111101lllllddddd', decode: (i, f) => {
    const imm8 = (f.h << 5) | f.l;
    i.rd = f.d;
    i.a = ImmOp.Movi;
    i.c = f.q ?? 0;
    if (f.p === 0) {
      i.imm = i.immHi = fpImm8SingleBits(imm8);
    } else {
      if (!f.q) return null;
      i.imm = 0;
      i.immHi = fpImm8DoubleHi(imm8);
    }
    return execModImm;
  } },
  // ORR <Vd>.<T>, #<imm8>{, LSL #<amount>}
  { name: 'ORR_vector_imm', pattern: MOD_IMM, decode: modImm(ImmOp.Orr) },
  // BIC <Vd>.<T>, #<imm8>{, LSL #<amount>}
  { name: 'BIC_vector_imm', pattern: MOD_IMM, decode: modImm(ImmOp.Bic) },
  // MVNI <Vd>.<T>, #<imm8>{, LSL|MSL #<amount>}
  { name: 'MVNI', pattern: MOD_IMM, decode: modImm(ImmOp.Mvni) },
  // MOVI <Vd>.<T>, #<imm8>{, LSL|MSL #<amount>} | MOVI <Dd>, #<imm> | MOVI <Vd>.2D, #<imm>
  { name: 'MOVI', pattern: MOD_IMM, decode: modImm(ImmOp.Movi) },
];
