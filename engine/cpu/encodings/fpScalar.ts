/**
 * Scalar floating-point data processing (Arm ARM C4.1.96 "Data Processing --
 * Scalar Floating-Point and Advanced SIMD", the FP groups): 1-, 2- and 3-source,
 * compare, conditional compare, conditional select and FMOV (immediate / register).
 * Single and double precision; half-precision arithmetic (FEAT_FP16) is not
 * implemented (FCVT to and from half is, in fpConvert.ts).
 */
import { condHolds } from '../conditions';
import type { Cpu } from '../cpu';
import { EncodingSpec } from '../encodingTable';
import { DOUBLE, HALF, Rnd, SINGLE, fpcrRounding } from '../fpu';
import { fcvt, frint } from '../fpuConvert';
import {
  FpBinOp,
  fadd32,
  fadd64,
  fcmp32,
  fcmp64,
  fdiv32,
  fdiv64,
  fma32,
  fma64,
  fmax32,
  fmax64,
  fmaxnm32,
  fmaxnm64,
  fmin32,
  fmin64,
  fminnm32,
  fminnm64,
  fmul32,
  fmul64,
  fnmul32,
  fnmul64,
  fsqrt32,
  fsqrt64,
  fsub32,
  fsub64,
} from '../fpuOps';
import { ExecFn, Insn } from '../insn';
import { zeroFrom } from './simdCommon';

// ------------------------------------------------------------------ 2-source

function scalar2(op: FpBinOp, is64: boolean): ExecFn {
  return is64
    ? (cpu, i) => {
        cpu.checkFpEnabled(i);
        op(cpu, i.rd * 2, i.rn * 2, i.rm * 2);
        zeroFrom(cpu, i.rd, 8);
      }
    : (cpu, i) => {
        cpu.checkFpEnabled(i);
        op(cpu, i.rd * 4, i.rn * 4, i.rm * 4);
        zeroFrom(cpu, i.rd, 4);
      };
}

/** Indexed by opcode: FMUL FDIV FADD FSUB FMAX FMIN FMAXNM FMINNM FNMUL. */
const OPS2_32 = [fmul32, fdiv32, fadd32, fsub32, fmax32, fmin32, fmaxnm32, fminnm32, fnmul32].map((op) => scalar2(op, false));
const OPS2_64 = [fmul64, fdiv64, fadd64, fsub64, fmax64, fmin64, fmaxnm64, fminnm64, fnmul64].map((op) => scalar2(op, true));

// ------------------------------------------------------------------ 3-source (fused)

function execFma32(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  fma32(cpu, i.rd * 4, i.ra * 4, i.rn * 4, i.rm * 4, i.a, i.b);
  zeroFrom(cpu, i.rd, 4);
}
function execFma64(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  fma64(cpu, i.rd * 2, i.ra * 2, i.rn * 2, i.rm * 2, i.a, i.b);
  zeroFrom(cpu, i.rd, 8);
}

// ------------------------------------------------------------------ 1-source

function execFmovReg32(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  cpu.vI32[i.rd * 4] = cpu.vI32[i.rn * 4];
  zeroFrom(cpu, i.rd, 4);
}
function execFmovReg64(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  const v = cpu.vI32;
  v[i.rd * 4] = v[i.rn * 4];
  v[i.rd * 4 + 1] = v[i.rn * 4 + 1];
  zeroFrom(cpu, i.rd, 8);
}
/** FABS/FNEG touch only the sign bit (NaNs included, no exceptions). i.a: AND mask, i.b: XOR mask on the top word. */
function execSign32(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  cpu.vI32[i.rd * 4] = (cpu.vI32[i.rn * 4] & i.a) ^ i.b;
  zeroFrom(cpu, i.rd, 4);
}
function execSign64(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  const v = cpu.vI32;
  v[i.rd * 4] = v[i.rn * 4];
  v[i.rd * 4 + 1] = (v[i.rn * 4 + 1] & i.a) ^ i.b;
  zeroFrom(cpu, i.rd, 8);
}
function execFsqrt32(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  fsqrt32(cpu, i.rd * 4, i.rn * 4);
  zeroFrom(cpu, i.rd, 4);
}
function execFsqrt64(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  fsqrt64(cpu, i.rd * 2, i.rn * 2);
  zeroFrom(cpu, i.rd, 8);
}

const FORMATS = [SINGLE, DOUBLE, null, HALF];
/** Element index units per register for each ftype. */
const PER_REG = [4, 2, 0, 8];

/** FCVT between precisions; i.a = source ftype, i.b = destination ftype. */
function execFcvt(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  fcvt(cpu, FORMATS[i.a]!, FORMATS[i.b]!, i.rd * PER_REG[i.b], i.rn * PER_REG[i.a]);
  zeroFrom(cpu, i.rd, FORMATS[i.b]!.N / 8);
}

/** FRINT*: i.a = rounding (-1: FPCR's), i.b = 1 for FRINTX (signals inexact). */
function execFrint32(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  frint(cpu, SINGLE, i.rd * 4, i.rn * 4, i.a < 0 ? fpcrRounding(cpu.fpcr) : (i.a as Rnd), i.b === 1);
  zeroFrom(cpu, i.rd, 4);
}
function execFrint64(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  frint(cpu, DOUBLE, i.rd * 2, i.rn * 2, i.a < 0 ? fpcrRounding(cpu.fpcr) : (i.a as Rnd), i.b === 1);
  zeroFrom(cpu, i.rd, 8);
}
/** FRINT opcode low bits 000..111 -> N P M Z A - X I. */
const FRINT_MODES = [Rnd.TieEven, Rnd.PosInf, Rnd.NegInf, Rnd.Zero, Rnd.TieAway, null, -1, -1];

// ------------------------------------------------------------------ compare and select

function setNzcv(cpu: Cpu, f: number): void {
  cpu.n = f >> 3;
  cpu.z = (f >> 2) & 1;
  cpu.c = (f >> 1) & 1;
  cpu.v = f & 1;
}

/** FCMP/FCMPE: i.rm = -1 for the #0.0 forms; i.b = 1 for FCMPE. */
function execFcmp32(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  setNzcv(cpu, fcmp32(cpu, i.rn * 4, i.rm < 0 ? -1 : i.rm * 4, i.b === 1));
}
function execFcmp64(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  setNzcv(cpu, fcmp64(cpu, i.rn * 2, i.rm < 0 ? -1 : i.rm * 2, i.b === 1));
}
/** FCCMP/FCCMPE: compare if i.c holds, else NZCV = i.a. */
function execFccmp32(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  setNzcv(cpu, condHolds(cpu, i.c) ? fcmp32(cpu, i.rn * 4, i.rm * 4, i.b === 1) : i.a);
}
function execFccmp64(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  setNzcv(cpu, condHolds(cpu, i.c) ? fcmp64(cpu, i.rn * 2, i.rm * 2, i.b === 1) : i.a);
}

function execFcsel32(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  cpu.vI32[i.rd * 4] = cpu.vI32[(condHolds(cpu, i.c) ? i.rn : i.rm) * 4];
  zeroFrom(cpu, i.rd, 4);
}
function execFcsel64(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  const v = cpu.vI32;
  const s = (condHolds(cpu, i.c) ? i.rn : i.rm) * 4;
  v[i.rd * 4] = v[s];
  v[i.rd * 4 + 1] = v[s + 1];
  zeroFrom(cpu, i.rd, 8);
}

// ------------------------------------------------------------------ FMOV (immediate)

/**
 * VFPExpandImm's top 32 bits for imm8 = a:b:c:d:e:f:g:h as a double (the low word is 0);
 * the single form is derived from it (same value, exactly representable).
 */
export function fpImm8Double(imm8: number): number {
  const a = imm8 >> 7;
  const b = (imm8 >> 6) & 1;
  const cd = (imm8 >> 4) & 3;
  const efgh = imm8 & 15;
  const mant = (16 + efgh) / 16;
  // exponent = NOT(b):Replicate(b,8):c:d - 1023, i.e. in [-3, 4]
  const exp = b ? cd - 3 : cd + 1;
  return (a ? -1 : 1) * mant * 2 ** exp;
}

function execFmovImm32(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  cpu.vI32[i.rd * 4] = i.imm;
  zeroFrom(cpu, i.rd, 4);
}
function execFmovImm64(cpu: Cpu, i: Insn): void {
  cpu.checkFpEnabled(i);
  cpu.vI32[i.rd * 4] = 0;
  cpu.vI32[i.rd * 4 + 1] = i.imm;
  zeroFrom(cpu, i.rd, 8);
}

const f32 = new Float32Array(1);
const f32Bits = new Int32Array(f32.buffer);
const f64 = new Float64Array(1);
const f64Bits = new Int32Array(f64.buffer);

/** Single-precision encoding of an FP immediate (exact). */
export function fpImm8SingleBits(imm8: number): number {
  f32[0] = fpImm8Double(imm8);
  return f32Bits[0];
}
/** High word of the double-precision encoding of an FP immediate (the low word is 0). */
export function fpImm8DoubleHi(imm8: number): number {
  f64[0] = fpImm8Double(imm8);
  return f64Bits[1];
}

// ------------------------------------------------------------------ the table

const single = (y: number): boolean => y === 0;
const dbl = (y: number): boolean => y === 1;

export const FP_SCALAR_ENCODINGS: EncodingSpec[] = [
  // FMUL/FDIV/FADD/FSUB/FMAX/FMIN/FMAXNM/FMINNM/FNMUL <Sd|Dd>, <Sn|Dn>, <Sm|Dm>
  {
    name: 'FP_2src',
    pattern: '00011110yy1mmmmmoooo10nnnnnddddd',
    decode: (i, f) => {
      if (f.o > 8 || (f.y !== 0 && f.y !== 1)) return null;
      i.rd = f.d;
      i.rn = f.n;
      i.rm = f.m;
      return (f.y ? OPS2_64 : OPS2_32)[f.o];
    },
  },
  // FMADD/FMSUB/FNMADD/FNMSUB <Sd|Dd>, <n>, <m>, <a>   (o = o1 negates the addend, O = o0 selects sub)
  {
    name: 'FP_3src',
    pattern: '00011111yyommmmmOaaaaannnnnddddd',
    decode: (i, f) => {
      if (f.y !== 0 && f.y !== 1) return null;
      i.rd = f.d;
      i.rn = f.n;
      i.rm = f.m;
      i.ra = f.a;
      i.a = f.o; // negate addend: FNMADD, FNMSUB
      i.b = f.o ^ f.O; // negate product: FMSUB, FNMADD
      return f.y ? execFma64 : execFma32;
    },
  },
  // FMOV <Sd>, <Sn>
  { name: 'FMOV_reg', pattern: '00011110yy100000010000nnnnnddddd', decode: (i, f) => ((i.rd = f.d), (i.rn = f.n), single(f.y) ? execFmovReg32 : dbl(f.y) ? execFmovReg64 : null) },
  // FABS <Sd>, <Sn>
  {
    name: 'FABS_scalar',
    pattern: '00011110yy100000110000nnnnnddddd',
    decode: (i, f) => ((i.rd = f.d), (i.rn = f.n), (i.a = 0x7fffffff), (i.b = 0), single(f.y) ? execSign32 : dbl(f.y) ? execSign64 : null),
  },
  // FNEG <Sd>, <Sn>
  {
    name: 'FNEG_scalar',
    pattern: '00011110yy100001010000nnnnnddddd',
    decode: (i, f) => ((i.rd = f.d), (i.rn = f.n), (i.a = -1), (i.b = -0x80000000), single(f.y) ? execSign32 : dbl(f.y) ? execSign64 : null),
  },
  // FSQRT <Sd>, <Sn>
  { name: 'FSQRT_scalar', pattern: '00011110yy100001110000nnnnnddddd', decode: (i, f) => ((i.rd = f.d), (i.rn = f.n), single(f.y) ? execFsqrt32 : dbl(f.y) ? execFsqrt64 : null) },
  // FCVT <Sd|Dd|Hd>, <Sn|Dn|Hn>   (o = destination ftype)
  {
    name: 'FCVT_scalar',
    pattern: '00011110yy10001oo10000nnnnnddddd',
    decode: (i, f) => {
      if (f.y === 2 || f.o === 2 || f.y === f.o) return null;
      i.rd = f.d;
      i.rn = f.n;
      i.a = f.y;
      i.b = f.o;
      return execFcvt;
    },
  },
  // FRINTN/FRINTP/FRINTM/FRINTZ/FRINTA/FRINTX/FRINTI <Sd>, <Sn>
  {
    name: 'FRINT_scalar',
    pattern: '00011110yy1001ooo10000nnnnnddddd',
    decode: (i, f) => {
      const mode = FRINT_MODES[f.o];
      if (mode === null || (f.y !== 0 && f.y !== 1)) return null;
      i.rd = f.d;
      i.rn = f.n;
      i.a = mode;
      i.b = f.o === 6 ? 1 : 0;
      return f.y ? execFrint64 : execFrint32;
    },
  },
  // FCMP/FCMPE <Sn>, <Sm> | #0.0   (o<1> = E: signal on quiet NaNs, o<0> = compare with zero)
  {
    name: 'FCMP',
    pattern: '00011110yy1mmmmm001000nnnnnoo000',
    decode: (i, f) => {
      if (f.y !== 0 && f.y !== 1) return null;
      i.rn = f.n;
      i.rm = f.o & 1 ? -1 : f.m;
      i.b = f.o >> 1;
      return f.y ? execFcmp64 : execFcmp32;
    },
  },
  // FCCMP/FCCMPE <Sn>, <Sm>, #<nzcv>, <cond>   (p = E)
  {
    name: 'FCCMP',
    pattern: '00011110yy1mmmmmcccc01nnnnnpiiii',
    decode: (i, f) => {
      if (f.y !== 0 && f.y !== 1) return null;
      i.rn = f.n;
      i.rm = f.m;
      i.c = f.c;
      i.a = f.i;
      i.b = f.p;
      return f.y ? execFccmp64 : execFccmp32;
    },
  },
  // FCSEL <Sd>, <Sn>, <Sm>, <cond>
  {
    name: 'FCSEL',
    pattern: '00011110yy1mmmmmcccc11nnnnnddddd',
    decode: (i, f) => ((i.rd = f.d), (i.rn = f.n), (i.rm = f.m), (i.c = f.c), single(f.y) ? execFcsel32 : dbl(f.y) ? execFcsel64 : null),
  },
  // FMOV <Sd>, #<imm>
  {
    name: 'FMOV_imm',
    pattern: '00011110yy1iiiiiiii10000000ddddd',
    decode: (i, f) => {
      i.rd = f.d;
      if (single(f.y)) return (i.imm = fpImm8SingleBits(f.i)), execFmovImm32;
      if (dbl(f.y)) return (i.imm = fpImm8DoubleHi(f.i)), execFmovImm64;
      return null;
    },
  },
];
