/**
 * Conversions between floating-point and integer (Arm ARM "Conversion between
 * floating-point and integer" / "... and fixed-point"): FCVT{N,P,M,Z,A}{S,U},
 * SCVTF/UCVTF (general registers, integer and fixed-point), and FMOV between general
 * and SIMD&FP registers (including the upper half, `fmov v0.d[1], x1`).
 */
import type { Cpu } from '../cpu';
import { EncodingSpec, Fields } from '../encodingTable';
import { Rnd } from '../fpu';
import { cvtOut, fpToInt, intToFp } from '../fpuConvert';
import { ExecFn, Insn } from '../insn';
import { zrRead, zrWrite } from '../regs';
import { zeroFrom } from './simdCommon';

/**
 * FP -> integer: i.a = rounding, i.b = 1 unsigned, i.sf = 64-bit destination,
 * i.c = 1 double source, i.d = fraction bits.
 */
function execFpToInt(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  const x = i.c ? cpu.vF64[i.rn * 2] : cpu.vF32[i.rn * 4];
  fpToInt(cpu, x, i.c === 1, i.a as Rnd, i.b === 1, i.sf === 1, i.d);
  cpu.x[2 * i.rd] = cvtOut[0];
  cpu.x[2 * i.rd + 1] = cvtOut[1];
}

/** Integer -> FP: i.b = 1 unsigned, i.sf = 64-bit source, i.c = 1 double result, i.d = fraction bits. */
function execIntToFp(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  const r = intToFp(cpu, cpu.x[2 * i.rn], i.sf ? cpu.x[2 * i.rn + 1] : 0, i.b === 0, i.sf === 1, i.c === 1, i.d);
  if (i.c) {
    cpu.vF64[i.rd * 2] = r;
    zeroFrom(cpu, i.rd, 8);
  } else {
    cpu.vF32[i.rd * 4] = r;
    zeroFrom(cpu, i.rd, 4);
  }
}

// FMOV between register files copies bits.
function execFmovToW(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  cpu.x[2 * i.rd] = cpu.vI32[i.rn * 4];
  cpu.x[2 * i.rd + 1] = 0;
}
function execFmovToWfromH(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  cpu.x[2 * i.rd] = cpu.vU16[i.rn * 8];
  cpu.x[2 * i.rd + 1] = 0;
}
/** i.a = word offset within V[n]: 0 for Dn, 2 for Vn.D[1]. */
function execFmovToX(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  cpu.x[2 * i.rd] = cpu.vI32[i.rn * 4 + i.a];
  cpu.x[2 * i.rd + 1] = cpu.vI32[i.rn * 4 + i.a + 1];
}
function execFmovFromW(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  cpu.vI32[i.rd * 4] = cpu.x[2 * i.rn];
  zeroFrom(cpu, i.rd, 4);
}
function execFmovFromWtoH(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  cpu.vU16[i.rd * 8] = cpu.x[2 * i.rn];
  zeroFrom(cpu, i.rd, 2);
}
function execFmovFromX(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  cpu.vI32[i.rd * 4] = cpu.x[2 * i.rn];
  cpu.vI32[i.rd * 4 + 1] = cpu.x[2 * i.rn + 1];
  zeroFrom(cpu, i.rd, 8);
}
/** FMOV Vd.D[1], Xn writes only the upper half. */
function execFmovFromXTop(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  cpu.vI32[i.rd * 4 + 2] = cpu.x[2 * i.rn];
  cpu.vI32[i.rd * 4 + 3] = cpu.x[2 * i.rn + 1];
}

/** Decode for FP -> integer lines (y: single or double only; half arithmetic is not implemented). */
function toInt(rnd: Rnd, unsigned: boolean, fixed: boolean) {
  return (i: Insn, f: Fields): ExecFn | null => {
    if (f.y > 1) return null;
    if (fixed && f.z === 0 && f.i < 32) return null; // 32-bit forms allow at most 32 fraction bits
    i.rd = zrWrite(f.d);
    i.rn = f.n;
    i.a = rnd;
    i.b = unsigned ? 1 : 0;
    i.sf = f.z;
    i.c = f.y;
    i.d = fixed ? 64 - f.i : 0;
    return execFpToInt;
  };
}

function toFp(unsigned: boolean, fixed: boolean) {
  return (i: Insn, f: Fields): ExecFn | null => {
    if (f.y > 1) return null;
    if (fixed && f.z === 0 && f.i < 32) return null;
    i.rd = f.d;
    i.rn = zrRead(f.n);
    i.b = unsigned ? 1 : 0;
    i.sf = f.z;
    i.c = f.y;
    i.d = fixed ? 64 - f.i : 0;
    return execIntToFp;
  };
}

const INT = 'z0011110yy1';
const TAIL = '000000nnnnnddddd';

export const FP_CONVERT_ENCODINGS: EncodingSpec[] = [
  // FCVTNS <Wd|Xd>, <Sn|Dn>
  { name: 'FCVTNS_int', pattern: `${INT}00000${TAIL}`, decode: toInt(Rnd.TieEven, false, false) },
  // FCVTNU <Wd|Xd>, <Sn|Dn>
  { name: 'FCVTNU_int', pattern: `${INT}00001${TAIL}`, decode: toInt(Rnd.TieEven, true, false) },
  // FCVTPS <Wd|Xd>, <Sn|Dn>
  { name: 'FCVTPS_int', pattern: `${INT}01000${TAIL}`, decode: toInt(Rnd.PosInf, false, false) },
  // FCVTPU <Wd|Xd>, <Sn|Dn>
  { name: 'FCVTPU_int', pattern: `${INT}01001${TAIL}`, decode: toInt(Rnd.PosInf, true, false) },
  // FCVTMS <Wd|Xd>, <Sn|Dn>
  { name: 'FCVTMS_int', pattern: `${INT}10000${TAIL}`, decode: toInt(Rnd.NegInf, false, false) },
  // FCVTMU <Wd|Xd>, <Sn|Dn>
  { name: 'FCVTMU_int', pattern: `${INT}10001${TAIL}`, decode: toInt(Rnd.NegInf, true, false) },
  // FCVTZS <Wd|Xd>, <Sn|Dn>
  { name: 'FCVTZS_int', pattern: `${INT}11000${TAIL}`, decode: toInt(Rnd.Zero, false, false) },
  // FCVTZU <Wd|Xd>, <Sn|Dn>
  { name: 'FCVTZU_int', pattern: `${INT}11001${TAIL}`, decode: toInt(Rnd.Zero, true, false) },
  // FCVTAS <Wd|Xd>, <Sn|Dn>
  { name: 'FCVTAS_int', pattern: `${INT}00100${TAIL}`, decode: toInt(Rnd.TieAway, false, false) },
  // FCVTAU <Wd|Xd>, <Sn|Dn>
  { name: 'FCVTAU_int', pattern: `${INT}00101${TAIL}`, decode: toInt(Rnd.TieAway, true, false) },
  // SCVTF <Sd|Dd>, <Wn|Xn>
  { name: 'SCVTF_int', pattern: `${INT}00010${TAIL}`, decode: toFp(false, false) },
  // UCVTF <Sd|Dd>, <Wn|Xn>
  { name: 'UCVTF_int', pattern: `${INT}00011${TAIL}`, decode: toFp(true, false) },
  // FCVTZS <Wd|Xd>, <Sn|Dn>, #<fbits>
  { name: 'FCVTZS_fix', pattern: 'z0011110yy011000iiiiiinnnnnddddd', decode: toInt(Rnd.Zero, false, true) },
  // FCVTZU <Wd|Xd>, <Sn|Dn>, #<fbits>
  { name: 'FCVTZU_fix', pattern: 'z0011110yy011001iiiiiinnnnnddddd', decode: toInt(Rnd.Zero, true, true) },
  // SCVTF <Sd|Dd>, <Wn|Xn>, #<fbits>
  { name: 'SCVTF_fix', pattern: 'z0011110yy000010iiiiiinnnnnddddd', decode: toFp(false, true) },
  // UCVTF <Sd|Dd>, <Wn|Xn>, #<fbits>
  { name: 'UCVTF_fix', pattern: 'z0011110yy000011iiiiiinnnnnddddd', decode: toFp(true, true) },
  // FMOV <Wd|Xd>, <Hn|Sn|Dn>
  {
    name: 'FMOV_to_general',
    pattern: `${INT}00110${TAIL}`,
    decode: (i, f) => {
      i.rd = zrWrite(f.d);
      i.rn = f.n;
      i.a = 0;
      if (f.y === 3) return execFmovToWfromH;
      if (f.z === 0 && f.y === 0) return execFmovToW;
      if (f.z === 1 && f.y === 1) return execFmovToX;
      return null;
    },
  },
  // FMOV <Hd|Sd|Dd>, <Wn|Xn>
  {
    name: 'FMOV_from_general',
    pattern: `${INT}00111${TAIL}`,
    decode: (i, f) => {
      i.rd = f.d;
      i.rn = zrRead(f.n);
      if (f.y === 3) return execFmovFromWtoH;
      if (f.z === 0 && f.y === 0) return execFmovFromW;
      if (f.z === 1 && f.y === 1) return execFmovFromX;
      return null;
    },
  },
  // FMOV <Xd>, <Vn>.D[1]
  { name: 'FMOV_to_general_top', pattern: `1001111010101110${TAIL}`, decode: (i, f) => ((i.rd = zrWrite(f.d)), (i.rn = f.n), (i.a = 2), execFmovToX) },
  // FMOV <Vd>.D[1], <Xn>
  { name: 'FMOV_from_general_top', pattern: `1001111010101111${TAIL}`, decode: (i, f) => ((i.rd = f.d), (i.rn = zrRead(f.n)), execFmovFromXTop) },
];
