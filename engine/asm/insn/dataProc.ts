/**
 * Data processing (immediate and register) with every GNU as alias: ADD/SUB in their
 * immediate, shifted and extended forms (negative immediates flip ADD↔SUB, SP operands
 * select the extended form), CMP/CMN/NEG(S), the logical group with bitmask immediates
 * (BIC #imm is AND #~imm; BICS, ORN and EON have no immediate form), TST, MVN, MOV in all its forms (MOVZ, then MOVN, then ORR
 * bitmask, as GNU as chooses), the bitfield aliases, shifts, conditional select and
 * compare aliases, multiply aliases, ADR/ADRP.
 */
import type { GprOp, ImmOp, Operand } from '../operands';
import { EncodeContext, InsnDef, fail, wantCount, wrongKind } from './context';
import { encodeBitmask } from './bitmask';
import { condOp, gpr, immOp, immValue, inRange, sameWidth } from './operandChecks';

type Defs = Record<string, InsnDef>;
const def = (needs: string[], encode: InsnDef['encode']): InsnDef => ({ needs, encode });
type Ops = ReadonlyArray<Operand>;

const zr = (like: GprOp): GprOp => ({ t: 'gpr', n: 31, x: like.x, sp: false, text: like.x ? 'xzr' : 'wzr', start: like.start, end: like.end });
const sz = (r: GprOp): number => (r.x ? 1 : 0);
const bits = (r: GprOp): number => (r.x ? 64 : 32);

/** Value of an immediate that may use a relocation operator. */
function relocValue(op: ImmOp, cx: EncodeContext, allowed: string[]): { v: bigint; reloc?: string } {
  if (op.reloc && !allowed.includes(op.reloc)) fail(`':${op.reloc}:' is not allowed with '${cx.mnemonic}'`, op);
  return { v: cx.value(op.e), reloc: op.reloc };
}

// ------------------------------------------------------------------ add / sub

const EXTEND_CODES: Record<string, number> = { uxtb: 0, uxth: 1, uxtw: 2, uxtx: 3, sxtb: 4, sxth: 5, sxtw: 6, sxtx: 7 };

/**
 * ADD/ADDS/SUB/SUBS with operands [Rd, Rn, op2, modifier?]. `flags`: the S form (Rd is
 * then the zero register when 31, never SP).
 */
function addSub(sub: boolean, flags: boolean, ops: Ops, cx: EncodeContext): number {
  const rdOp = ops[0];
  const rnOp = ops[1];
  const third = ops[2];
  if (rdOp.t !== 'gpr') wrongKind(0, 'a general-purpose register', rdOp);
  if (rnOp.t !== 'gpr') wrongKind(1, 'a general-purpose register', rnOp);
  sameWidth(ops, rdOp, [1]);

  if (third.t === 'imm') {
    // Register 31 is SP for Rn, and for Rd unless the instruction sets flags (then it is ZR).
    if (flags && rdOp.sp) fail(`operand 1: '${rdOp.text}' is not allowed: '${cx.mnemonic}' cannot write the stack pointer`, rdOp);
    if (!flags && rdOp.n === 31 && !rdOp.sp) fail(`operand 1: '${rdOp.text}' is not allowed with an immediate: register 31 is the stack pointer here`, rdOp);
    if (rnOp.n === 31 && !rnOp.sp) fail(`operand 2: '${rnOp.text}' is not allowed with an immediate: register 31 is the stack pointer here`, rnOp);
    const rd = rdOp;
    const rn = rnOp;
    const { v: raw, reloc } = relocValue(third, cx, cx.mnemonic === 'add' ? ['lo12', 'lo12_nc'] : []);
    let v = reloc ? raw & 0xfffn : raw;
    let isSub = sub;
    let shift: number | undefined;
    if (ops[3]) {
      const s = ops[3];
      if (s.t !== 'shift' || s.op !== 'lsl') wrongKind(3, "'lsl #0' or 'lsl #12'", s);
      const amt = cx.value(s.amount);
      if (amt !== 0n && amt !== 12n) fail(`shift amount must be 0 or 12, not ${amt}`, s);
      shift = Number(amt);
    }
    if (v < 0n && !reloc) {
      // GNU as turns ADD #-n into SUB #n (and the reverse).
      isSub = !isSub;
      v = -v;
    }
    let h = 0;
    let i: bigint;
    if (shift === 12) {
      h = 1;
      i = v;
    } else if (shift === 0 || v <= 4095n) {
      i = v;
    } else if ((v & 0xfffn) === 0n && v >> 12n <= 4095n) {
      h = 1;
      i = v >> 12n;
    } else {
      fail(`immediate out of range: ${raw} is not in 0 to 4095, or a multiple of 4096 up to 16773120 (0xfff000)`, third);
    }
    if (i > 4095n) fail(`immediate out of range: ${i} is not in 0 to 4095`, third);
    const name = (isSub ? 'SUB' : 'ADD') + (flags ? 'S' : '') + '_imm';
    return cx.encode(name, { z: sz(rd), h, i: Number(i), n: rn.n, d: rd.n });
  }

  if (third.t !== 'gpr') wrongKind(2, 'a register or an immediate', third);
  const mod = ops[3];
  if (mod && mod.t !== 'shift' && mod.t !== 'ext') wrongKind(3, 'a shift (lsl, lsr, asr) or an extend (uxtb … sxtx)', mod);
  const useExt = mod?.t === 'ext' || rdOp.sp || rnOp.sp;
  const base = (sub ? 'SUB' : 'ADD') + (flags ? 'S' : '');

  if (!useExt) {
    const rd = gpr(ops, 0);
    const rn = gpr(ops, 1);
    const rm = gpr(ops, 2);
    sameWidth(ops, rd, [1, 2]);
    let h = 0;
    let amount = 0;
    if (mod && mod.t === 'shift') {
      if (mod.op === 'ror' || mod.op === 'msl') fail(`'${mod.op}' is not allowed with '${cx.mnemonic}'; use lsl, lsr or asr`, mod);
      h = { lsl: 0, lsr: 1, asr: 2 }[mod.op];
      amount = inRange(cx.value(mod.amount), 0, bits(rd) - 1, mod, 'shift amount');
    }
    return cx.encode(base + '_shift', { z: sz(rd), h, m: rm.n, i: amount, n: rn.n, d: rd.n });
  }

  // Extended register: Rd may be SP (not for the S forms), Rn may be SP.
  const rd = gpr(ops, 0, { sp: !flags && rdOp.sp });
  if (!flags && rdOp.n === 31 && !rdOp.sp) fail(`operand 1: '${rdOp.text}' is not allowed here: register 31 is the stack pointer in this form`, rdOp);
  if (rnOp.n === 31 && !rnOp.sp) fail(`operand 2: '${rnOp.text}' is not allowed here: register 31 is the stack pointer in this form`, rnOp);
  const rn = gpr(ops, 1, { sp: rnOp.sp });
  const rm = gpr(ops, 2);
  let option: number;
  let amount = 0;
  if (mod && mod.t === 'ext') {
    option = EXTEND_CODES[mod.op];
    if (mod.amount) amount = inRange(cx.value(mod.amount), 0, 4, mod, 'extend amount');
    const needX = rd.x && (option & 3) === 3;
    if (rd.x && rm.x !== needX) {
      fail(`operand 3 must be ${needX ? 'a 64-bit (x)' : 'a 32-bit (w)'} register with '${mod.op}'`, rm);
    }
    if (!rd.x && rm.x) fail("operand 3 must be a 32-bit (w) register", rm);
  } else {
    if (mod && mod.t === 'shift') {
      if (mod.op !== 'lsl') fail(`only 'lsl' is allowed when the stack pointer is an operand, not '${mod.op}'`, mod);
      amount = inRange(cx.value(mod.amount), 0, 4, mod, 'shift amount');
    }
    if (rm.x !== rd.x) fail(`operand 3 must be a ${rd.x ? '64-bit (x)' : '32-bit (w)'} register like operand 1`, rm);
    option = rd.x ? 3 : 2; // LSL here means UXTX (64-bit) / UXTW (32-bit)
  }
  return cx.encode(base + '_ext', { z: sz(rd), m: rm.n, o: option, i: amount, n: rn.n, d: rd.n });
}

// ------------------------------------------------------------------ logical

const SHIFT_CODES: Record<string, number> = { lsl: 0, lsr: 1, asr: 2, ror: 3 };

function logicalValue(v: bigint, rd: GprOp, at: Operand): bigint {
  if (!rd.x && (v < -(1n << 31n) || v >= 1n << 32n)) fail(`immediate out of range: ${v} does not fit in 32 bits`, at);
  return rd.x ? BigInt.asUintN(64, v) : BigInt.asUintN(32, v);
}

/**
 * AND/ORR/EOR/ANDS (imm or shifted register) and BIC/BICS/ORN/EON (register; BIC #imm
 * assembles as AND with the inverted immediate, as in GNU as).
 */
function logical(name: string, ops: Ops, cx: EncodeContext): number {
  wantCount(ops, cx, [3, 4], `${cx.mnemonic} <Rd>, <Rn>, <Rm>{, <shift> #amount} or #imm`);
  const third = ops[2];
  const setsFlags = name === 'ANDS' || name === 'BICS';
  if (third.t === 'imm') {
    let immName = name;
    let invert = false;
    if (name === 'BIC') {
      immName = 'AND';
      invert = true;
    } else if (name === 'ORN' || name === 'EON' || name === 'BICS') {
      fail(`'${cx.mnemonic}' has no immediate form; operand 3 must be a register`, third);
    }
    if (ops.length > 3) fail(`too many operands for '${cx.mnemonic}' with an immediate`, ops[3]);
    const rdOp = ops[0];
    const rd = gpr(ops, 0, { sp: !setsFlags && rdOp?.t === 'gpr' && rdOp.sp });
    const rn = gpr(ops, 1);
    sameWidth(ops, rd, [1]);
    let v = logicalValue(immValue(ops, 2, cx), rd, third);
    if (invert) v = rd.x ? BigInt.asUintN(64, ~v) : BigInt.asUintN(32, ~v);
    const bm = encodeBitmask(v, rd.x);
    if (!bm) fail(`immediate 0x${v.toString(16)} cannot be encoded as a logical immediate (it must be a repeating pattern of a rotated run of ones)`, third);
    return cx.encode(immName + '_imm', { z: sz(rd), N: bm.N, r: bm.immr, s: bm.imms, n: rn.n, d: rd.n });
  }
  const rd = gpr(ops, 0);
  const rn = gpr(ops, 1);
  const rm = gpr(ops, 2);
  sameWidth(ops, rd, [1, 2]);
  const [h, amount] = logicalShift(ops, 3, rd, cx);
  return cx.encode(name + '_shift', { z: sz(rd), h, m: rm.n, i: amount, n: rn.n, d: rd.n });
}

function logicalShift(ops: Ops, i: number, rd: GprOp, cx: EncodeContext): [number, number] {
  const s = ops[i];
  if (!s) return [0, 0];
  if (s.t !== 'shift' || s.op === 'msl') wrongKind(i, 'a shift (lsl, lsr, asr or ror #amount)', s);
  return [SHIFT_CODES[s.op], inRange(cx.value(s.amount), 0, bits(rd) - 1, s, 'shift amount')];
}

// ------------------------------------------------------------------ move

/** The 16-bit chunk index when `v` (within `width` bits) has at most one non-zero chunk. */
function singleChunk(v: bigint, width: number): number | undefined {
  if (v === 0n) return 0;
  for (let hw = 0; hw < width / 16; hw++) {
    if ((v & ~(0xffffn << BigInt(16 * hw))) === 0n) return hw;
  }
  return undefined;
}

function movImmediate(ops: Ops, cx: EncodeContext): number {
  const rdOp = ops[0] as GprOp;
  const rd = gpr(ops, 0, { sp: rdOp.sp });
  const imm = ops[1] as ImmOp;
  if (imm.reloc) return moveWide('MOVZ', ops, cx);
  const raw = immValue(ops, 1, cx);
  const width = bits(rd);
  if (!rd.x && (raw < -(1n << 31n) || raw >= 1n << 32n)) fail(`immediate out of range: ${raw} does not fit in 32 bits`, imm);
  const v = BigInt.asUintN(width, raw);
  if (!rd.sp) {
    const z = singleChunk(v, width);
    if (z !== undefined) return cx.encode('MOVZ', { z: sz(rd), h: z, i: Number((v >> BigInt(16 * z)) & 0xffffn), d: rd.n });
    const inv = BigInt.asUintN(width, ~v);
    const n = singleChunk(inv, width);
    if (n !== undefined) return cx.encode('MOVN', { z: sz(rd), h: n, i: Number((inv >> BigInt(16 * n)) & 0xffffn), d: rd.n });
  }
  const bm = encodeBitmask(v, rd.x);
  if (bm) return cx.encode('ORR_imm', { z: sz(rd), N: bm.N, r: bm.immr, s: bm.imms, n: 31, d: rd.n });
  fail(
    `immediate 0x${v.toString(16)} cannot be moved by one instruction (it is not a 16-bit value at a 16-bit position, the inverse of one, or a logical immediate); use movz/movk or 'ldr ${rd.text}, =0x${v.toString(16)}'`,
    imm,
  );
}

function mov(ops: Ops, cx: EncodeContext): number {
  wantCount(ops, cx, 2, 'mov <Rd>, <Rm>|#imm');
  const dst = ops[0];
  const src = ops[1];
  if (dst.t !== 'gpr') wrongKind(0, 'a general-purpose register', dst);
  if (src.t === 'imm') return movImmediate(ops, cx);
  if (src.t !== 'gpr') wrongKind(1, 'a register or an immediate', src);
  sameWidth(ops, dst, [1]);
  if (dst.sp || src.sp) {
    // MOV to or from SP is ADD #0.
    if (dst.n === 31 && !dst.sp) fail(`operand 1: '${dst.text}' cannot be used with the stack pointer`, dst);
    if (src.n === 31 && !src.sp) fail(`operand 2: '${src.text}' cannot be used with the stack pointer`, src);
    return cx.encode('ADD_imm', { z: sz(dst), h: 0, i: 0, n: src.n, d: dst.n });
  }
  return cx.encode('ORR_shift', { z: sz(dst), h: 0, m: src.n, i: 0, n: 31, d: dst.n });
}

const ABS_GROUP: Record<string, { hw: number; check: 'u' | 's' | 'nc' }> = {
  abs_g0: { hw: 0, check: 'u' }, abs_g0_nc: { hw: 0, check: 'nc' }, abs_g0_s: { hw: 0, check: 's' },
  abs_g1: { hw: 1, check: 'u' }, abs_g1_nc: { hw: 1, check: 'nc' }, abs_g1_s: { hw: 1, check: 's' },
  abs_g2: { hw: 2, check: 'u' }, abs_g2_nc: { hw: 2, check: 'nc' }, abs_g2_s: { hw: 2, check: 's' },
  abs_g3: { hw: 3, check: 'u' },
};

/** MOVZ/MOVN/MOVK #imm16{, lsl #shift}, or #:abs_gN…:expr. */
function moveWide(name: 'MOVZ' | 'MOVN' | 'MOVK', ops: Ops, cx: EncodeContext): number {
  wantCount(ops, cx, [2, 3], `${cx.mnemonic} <Rd>, #imm16{, lsl #shift}`);
  const rd = gpr(ops, 0);
  const imm = immOp(ops, 1);
  const width = bits(rd);
  if (imm.reloc) {
    const g = ABS_GROUP[imm.reloc];
    if (!g) fail(`':${imm.reloc}:' is not allowed with '${cx.mnemonic}'; use :abs_g0: … :abs_g3:`, imm);
    if (ops[2]) fail('no shift is allowed with a relocation operator: the group sets it', ops[2]);
    if (g.hw * 16 >= width) fail(`':${imm.reloc}:' selects bits ${g.hw * 16}+ of a 32-bit register`, imm);
    const v = cx.value(imm.e);
    let target = name;
    let chunk = BigInt.asUintN(64, v) >> BigInt(16 * g.hw);
    if (g.check === 'u' && BigInt.asUintN(64, v) >> BigInt(16 * (g.hw + 1)) !== 0n && g.hw < 3) {
      fail(`value 0x${BigInt.asUintN(64, v).toString(16)} does not fit in ${16 * (g.hw + 1)} bits as ':${imm.reloc}:' requires`, imm);
    }
    if (g.check === 's') {
      const lim = 1n << BigInt(16 * (g.hw + 1));
      if (v < -lim || v >= lim) fail(`value ${v} does not fit in ${16 * (g.hw + 1) + 1} signed bits as ':${imm.reloc}:' requires`, imm);
      if (v < 0n) {
        // Like the linker: a negative value turns MOVZ into MOVN of the inverted value.
        target = 'MOVN';
        chunk = BigInt.asUintN(64, ~v) >> BigInt(16 * g.hw);
      }
    }
    return cx.encode(target, { z: sz(rd), h: g.hw, i: Number(chunk & 0xffffn), d: rd.n });
  }
  const v = inRange(immValue(ops, 1, cx), 0, 65535, imm);
  let hw = 0;
  if (ops[2]) {
    const s = ops[2];
    if (s.t !== 'shift' || s.op !== 'lsl') wrongKind(2, "'lsl #0', 'lsl #16', 'lsl #32' or 'lsl #48'", s);
    const amt = cx.value(s.amount);
    const allowed = width === 64 ? [0n, 16n, 32n, 48n] : [0n, 16n];
    if (!allowed.includes(amt)) fail(`shift amount must be ${allowed.join(', ')} for a ${width}-bit register, not ${amt}`, s);
    hw = Number(amt) / 16;
  }
  return cx.encode(name, { z: sz(rd), h: hw, i: v, d: rd.n });
}

// ------------------------------------------------------------------ bitfield and shifts

function bitfield(name: 'SBFM' | 'BFM' | 'UBFM', rd: GprOp, rn: GprOp, immr: number, imms: number, cx: EncodeContext): number {
  return cx.encode(name, { z: sz(rd), N: sz(rd), r: immr, s: imms, n: rn.n, d: rd.n });
}

function twoRegs(ops: Ops): [GprOp, GprOp] {
  const rd = gpr(ops, 0);
  const rn = gpr(ops, 1);
  sameWidth(ops, rd, [1]);
  return [rd, rn];
}

/** lsl/lsr/asr/ror: immediate forms are bitfield/EXTR aliases, register forms the *V instructions. */
function shiftInsn(kind: 'lsl' | 'lsr' | 'asr' | 'ror', ops: Ops, cx: EncodeContext): number {
  wantCount(ops, cx, 3, `${kind} <Rd>, <Rn>, #amount|<Rm>`);
  const [rd, rn] = twoRegs(ops);
  const w = bits(rd);
  if (ops[2].t === 'gpr') {
    const rm = gpr(ops, 2);
    sameWidth(ops, rd, [2]);
    return cx.encode(kind.toUpperCase() + 'V', { z: sz(rd), m: rm.n, n: rn.n, d: rd.n });
  }
  const sh = inRange(immValue(ops, 2, cx, 'a shift amount or a register'), 0, w - 1, ops[2], 'shift amount');
  switch (kind) {
    case 'lsl':
      return bitfield('UBFM', rd, rn, (w - sh) % w, w - 1 - sh, cx);
    case 'lsr':
      return bitfield('UBFM', rd, rn, sh, w - 1, cx);
    case 'asr':
      return bitfield('SBFM', rd, rn, sh, w - 1, cx);
    case 'ror':
      return cx.encode('EXTR', { z: sz(rd), N: sz(rd), m: rn.n, s: sh, n: rn.n, d: rd.n });
  }
}

/** ubfx/sbfx/bfxil (extract) and ubfiz/sbfiz/bfi (insert): `Rd, Rn, #lsb, #width`. */
function bitfieldAlias(name: 'SBFM' | 'BFM' | 'UBFM', insert: boolean, ops: Ops, cx: EncodeContext): number {
  wantCount(ops, cx, 4, `${cx.mnemonic} <Rd>, <Rn>, #lsb, #width`);
  const [rd, rn] = twoRegs(ops);
  const w = bits(rd);
  const lsb = inRange(immValue(ops, 2, cx), 0, w - 1, ops[2], 'lsb');
  const width = inRange(immValue(ops, 3, cx), 1, w - lsb, ops[3], 'width');
  if (insert) return bitfield(name, rd, rn, (w - lsb) % w, width - 1, cx);
  return bitfield(name, rd, rn, lsb, lsb + width - 1, cx);
}

/** bfc Rd, #lsb, #width: BFM Rd, ZR (an ARMv8.2 alias; the CPU has BFM, so it is accepted regardless of .arch). */
function bfc(ops: Ops, cx: EncodeContext): number {
  wantCount(ops, cx, 3, 'bfc <Rd>, #lsb, #width');
  const rd = gpr(ops, 0);
  const w = bits(rd);
  const lsb = inRange(immValue(ops, 1, cx), 0, w - 1, ops[1], 'lsb');
  const width = inRange(immValue(ops, 2, cx), 1, w - lsb, ops[2], 'width');
  return bitfield('BFM', rd, zr(rd), (w - lsb) % w, width - 1, cx);
}

/** sxtb/sxth/sxtw/uxtb/uxth: `Rd, Wn`. */
function extendAlias(signed: boolean, from: 8 | 16 | 32, ops: Ops, cx: EncodeContext): number {
  wantCount(ops, cx, 2, `${cx.mnemonic} <Rd>, <Wn>`);
  const rd = gpr(ops, 0, signed ? (from === 32 ? { size: 'x' } : {}) : { size: 'w' });
  const rn = gpr(ops, 1, { size: 'w' });
  return bitfield(signed ? 'SBFM' : 'UBFM', rd, rn, 0, from - 1, cx);
}

// ------------------------------------------------------------------ conditional

function condSelect(name: string, ops: Ops, cx: EncodeContext): number {
  wantCount(ops, cx, 4, `${cx.mnemonic} <Rd>, <Rn>, <Rm>, <cond>`);
  const rd = gpr(ops, 0);
  const rn = gpr(ops, 1);
  const rm = gpr(ops, 2);
  sameWidth(ops, rd, [1, 2]);
  return cx.encode(name, { z: sz(rd), m: rm.n, c: condOp(ops, 3), n: rn.n, d: rd.n });
}

function invertibleCond(ops: Ops, i: number): number {
  const c = condOp(ops, i);
  if (c >= 14) fail(`condition '${(ops[i] as ImmOp).name}' is not allowed here (al and nv cannot be inverted)`, ops[i]);
  return c ^ 1;
}

/** cset/csetm Rd, cond  → csinc/csinv Rd, zr, zr, !cond. */
function condSet(name: string, ops: Ops, cx: EncodeContext): number {
  wantCount(ops, cx, 2, `${cx.mnemonic} <Rd>, <cond>`);
  const rd = gpr(ops, 0);
  return cx.encode(name, { z: sz(rd), m: 31, c: invertibleCond(ops, 1), n: 31, d: rd.n });
}

/** cinc/cinv/cneg Rd, Rn, cond  → csinc/csinv/csneg Rd, Rn, Rn, !cond. */
function condOp1(name: string, ops: Ops, cx: EncodeContext): number {
  wantCount(ops, cx, 3, `${cx.mnemonic} <Rd>, <Rn>, <cond>`);
  const [rd, rn] = twoRegs(ops);
  return cx.encode(name, { z: sz(rd), m: rn.n, c: invertibleCond(ops, 2), n: rn.n, d: rd.n });
}

function condCompare(neg: boolean, ops: Ops, cx: EncodeContext): number {
  wantCount(ops, cx, 4, `${cx.mnemonic} <Rn>, <Rm>|#imm5, #nzcv, <cond>`);
  const rn = gpr(ops, 0);
  const nzcv = inRange(immValue(ops, 2, cx, 'an #nzcv value'), 0, 15, ops[2], 'nzcv');
  const c = condOp(ops, 3);
  const base = neg ? 'CCMN' : 'CCMP';
  if (ops[1].t === 'gpr') {
    const rm = gpr(ops, 1);
    sameWidth(ops, rn, [1]);
    return cx.encode(base + '_reg', { z: sz(rn), m: rm.n, c, n: rn.n, f: nzcv });
  }
  const imm = inRange(immValue(ops, 1, cx, 'a register or #imm5'), 0, 31, ops[1]);
  return cx.encode(base + '_imm', { z: sz(rn), i: imm, c, n: rn.n, f: nzcv });
}

// ------------------------------------------------------------------ simple register forms

function regs3(name: string, ops: Ops, cx: EncodeContext): number {
  wantCount(ops, cx, 3, `${cx.mnemonic} <Rd>, <Rn>, <Rm>`);
  const rd = gpr(ops, 0);
  const rn = gpr(ops, 1);
  const rm = gpr(ops, 2);
  sameWidth(ops, rd, [1, 2]);
  return cx.encode(name, { z: sz(rd), m: rm.n, n: rn.n, d: rd.n });
}

function regs2(name: string, ops: Ops, cx: EncodeContext, only?: 'x'): number {
  wantCount(ops, cx, 2, `${cx.mnemonic} <Rd>, <Rn>`);
  const rd = gpr(ops, 0, only ? { size: only } : {});
  const rn = gpr(ops, 1, only ? { size: only } : {});
  sameWidth(ops, rd, [1]);
  return cx.encode(name, { z: sz(rd), n: rn.n, d: rd.n });
}

function multiplyAdd(name: 'MADD' | 'MSUB', ops: Ops, cx: EncodeContext, withRa: boolean): number {
  wantCount(ops, cx, withRa ? 4 : 3, withRa ? `${cx.mnemonic} <Rd>, <Rn>, <Rm>, <Ra>` : `${cx.mnemonic} <Rd>, <Rn>, <Rm>`);
  const rd = gpr(ops, 0);
  const rn = gpr(ops, 1);
  const rm = gpr(ops, 2);
  const ra = withRa ? gpr(ops, 3).n : 31;
  sameWidth(ops, rd, withRa ? [1, 2, 3] : [1, 2]);
  return cx.encode(name, { z: sz(rd), m: rm.n, a: ra, n: rn.n, d: rd.n });
}

function multiplyLong(name: string, ops: Ops, cx: EncodeContext, withRa: boolean): number {
  wantCount(ops, cx, withRa ? 4 : 3, withRa ? `${cx.mnemonic} <Xd>, <Wn>, <Wm>, <Xa>` : `${cx.mnemonic} <Xd>, <Wn>, <Wm>`);
  const rd = gpr(ops, 0, { size: 'x' });
  const rn = gpr(ops, 1, { size: 'w' });
  const rm = gpr(ops, 2, { size: 'w' });
  const ra = withRa ? gpr(ops, 3, { size: 'x' }).n : 31;
  return cx.encode(name, { m: rm.n, a: ra, n: rn.n, d: rd.n });
}

function multiplyHigh(name: string, ops: Ops, cx: EncodeContext): number {
  wantCount(ops, cx, 3, `${cx.mnemonic} <Xd>, <Xn>, <Xm>`);
  const rd = gpr(ops, 0, { size: 'x' });
  const rn = gpr(ops, 1, { size: 'x' });
  const rm = gpr(ops, 2, { size: 'x' });
  // Ra (bits 14:10) is "should be one" and ignored by the table line; GNU as writes 11111.
  return (cx.encode(name, { m: rm.n, n: rn.n, d: rd.n }) | (31 << 10)) >>> 0;
}

function crc(name: 'CRC32' | 'CRC32C', size: number, ops: Ops, cx: EncodeContext): number {
  wantCount(ops, cx, 3, `${cx.mnemonic} <Wd>, <Wn>, <${size === 3 ? 'Xm' : 'Wm'}>`);
  const rd = gpr(ops, 0, { size: 'w' });
  const rn = gpr(ops, 1, { size: 'w' });
  const rm = gpr(ops, 2, { size: size === 3 ? 'x' : 'w' });
  return cx.encode(name, { z: size === 3 ? 1 : 0, m: rm.n, S: size, n: rn.n, d: rd.n });
}

function adr(page: boolean, ops: Ops, cx: EncodeContext): number {
  wantCount(ops, cx, 2, `${cx.mnemonic} <Xd>, <label>`);
  const rd = gpr(ops, 0, { size: 'x' });
  const op = immOp(ops, 1, 'a label');
  if (op.reloc && !(page && (op.reloc === 'pg_hi21' || op.reloc === 'pg_hi21_nc'))) {
    fail(`':${op.reloc}:' is not allowed with '${cx.mnemonic}'`, op);
  }
  const target = BigInt.asUintN(64, cx.value(op.e));
  let off: bigint;
  if (page) {
    off = BigInt.asIntN(64, (target >> 12n) - (cx.pc >> 12n));
    if (off < -(1n << 20n) || off >= 1n << 20n) fail(`adrp target 0x${target.toString(16)} is out of range (more than ±4 GiB of pages away)`, op);
  } else {
    off = BigInt.asIntN(64, target - cx.pc);
    if (off < -(1n << 20n) || off >= 1n << 20n) fail(`adr target out of range: offset ${off} is not in -1048576 to 1048575 (±1 MiB)`, op);
  }
  const u = Number(BigInt.asUintN(21, off));
  return cx.encode(page ? 'ADRP' : 'ADR', { l: u & 3, h: u >> 2, d: rd.n });
}

function extr(ops: Ops, cx: EncodeContext): number {
  wantCount(ops, cx, 4, 'extr <Rd>, <Rn>, <Rm>, #lsb');
  const rd = gpr(ops, 0);
  const rn = gpr(ops, 1);
  const rm = gpr(ops, 2);
  sameWidth(ops, rd, [1, 2]);
  const lsb = inRange(immValue(ops, 3, cx), 0, bits(rd) - 1, ops[3], 'lsb');
  return cx.encode('EXTR', { z: sz(rd), N: sz(rd), m: rm.n, s: lsb, n: rn.n, d: rd.n });
}

function bitfieldRaw(name: 'SBFM' | 'BFM' | 'UBFM', ops: Ops, cx: EncodeContext): number {
  wantCount(ops, cx, 4, `${cx.mnemonic} <Rd>, <Rn>, #immr, #imms`);
  const [rd, rn] = twoRegs(ops);
  const w = bits(rd);
  const immr = inRange(immValue(ops, 2, cx), 0, w - 1, ops[2], 'immr');
  const imms = inRange(immValue(ops, 3, cx), 0, w - 1, ops[3], 'imms');
  return bitfield(name, rd, rn, immr, imms, cx);
}

// ------------------------------------------------------------------ the mnemonics

export function dataProcDefs(): Defs {
  const ADDSUB = ['ADD_imm', 'ADDS_imm', 'SUB_imm', 'SUBS_imm', 'ADD_shift', 'ADDS_shift', 'SUB_shift', 'SUBS_shift', 'ADD_ext', 'ADDS_ext', 'SUB_ext', 'SUBS_ext'];
  const addsub = (sub: boolean, flags: boolean): InsnDef =>
    def(ADDSUB, (ops, cx) => {
      if (ops.length < 3 || ops.length > 4) wantCount(ops, cx, [3, 4], `${cx.mnemonic} <Rd>, <Rn>, <Rm>|#imm{, <shift|extend>}`);
      return addSub(sub, flags, ops, cx);
    });
  const cmp = (neg: boolean): InsnDef =>
    def(ADDSUB, (ops, cx) => {
      wantCount(ops, cx, [2, 3], `${cx.mnemonic} <Rn>, <Rm>|#imm{, <shift|extend>}`);
      const rn = gpr(ops, 0, { sp: ops[0].t === 'gpr' && ops[0].sp });
      return addSub(!neg, true, [zr(rn), ...ops], cx);
    });
  const negate = (flags: boolean): InsnDef =>
    def(ADDSUB, (ops, cx) => {
      wantCount(ops, cx, [2, 3], `${cx.mnemonic} <Rd>, <Rm>{, <shift> #amount}`);
      const rd = gpr(ops, 0);
      if (ops[1].t !== 'gpr') wrongKind(1, 'a register', ops[1]);
      return addSub(true, flags, [ops[0], zr(rd), ...ops.slice(1)], cx);
    });
  const LOGIC = (n: string): string[] => (['AND', 'ORR', 'EOR', 'ANDS'].includes(n) ? [n + '_imm', n + '_shift'] : n === 'BIC' ? ['AND_imm', 'BIC_shift'] : [n + '_shift']);
  const d: Defs = {
    add: addsub(false, false),
    adds: addsub(false, true),
    sub: addsub(true, false),
    subs: addsub(true, true),
    cmp: cmp(false),
    cmn: cmp(true),
    neg: negate(false),
    negs: negate(true),
    tst: def(['ANDS_imm', 'ANDS_shift'], (ops, cx) => {
      wantCount(ops, cx, [2, 3], 'tst <Rn>, <Rm>|#imm{, <shift> #amount}');
      const rn = gpr(ops, 0);
      return logical('ANDS', [zr(rn), ...ops], cx);
    }),
    mvn: def(['ORN_shift'], (ops, cx) => {
      wantCount(ops, cx, [2, 3], 'mvn <Rd>, <Rm>{, <shift> #amount}');
      const rd = gpr(ops, 0);
      return logical('ORN', [ops[0], zr(rd), ...ops.slice(1)], cx);
    }),
    mov: def(['ADD_imm', 'ORR_shift', 'ORR_imm', 'MOVZ', 'MOVN'], mov),
    movz: def(['MOVZ'], (ops, cx) => moveWide('MOVZ', ops, cx)),
    movn: def(['MOVN'], (ops, cx) => moveWide('MOVN', ops, cx)),
    movk: def(['MOVK'], (ops, cx) => moveWide('MOVK', ops, cx)),
    adr: def(['ADR'], (ops, cx) => adr(false, ops, cx)),
    adrp: def(['ADRP'], (ops, cx) => adr(true, ops, cx)),
    sbfm: def(['SBFM'], (ops, cx) => bitfieldRaw('SBFM', ops, cx)),
    bfm: def(['BFM'], (ops, cx) => bitfieldRaw('BFM', ops, cx)),
    ubfm: def(['UBFM'], (ops, cx) => bitfieldRaw('UBFM', ops, cx)),
    sbfx: def(['SBFM'], (ops, cx) => bitfieldAlias('SBFM', false, ops, cx)),
    ubfx: def(['UBFM'], (ops, cx) => bitfieldAlias('UBFM', false, ops, cx)),
    bfxil: def(['BFM'], (ops, cx) => bitfieldAlias('BFM', false, ops, cx)),
    sbfiz: def(['SBFM'], (ops, cx) => bitfieldAlias('SBFM', true, ops, cx)),
    ubfiz: def(['UBFM'], (ops, cx) => bitfieldAlias('UBFM', true, ops, cx)),
    bfi: def(['BFM'], (ops, cx) => bitfieldAlias('BFM', true, ops, cx)),
    bfc: def(['BFM'], bfc),
    sxtb: def(['SBFM'], (ops, cx) => extendAlias(true, 8, ops, cx)),
    sxth: def(['SBFM'], (ops, cx) => extendAlias(true, 16, ops, cx)),
    sxtw: def(['SBFM'], (ops, cx) => extendAlias(true, 32, ops, cx)),
    uxtb: def(['UBFM'], (ops, cx) => extendAlias(false, 8, ops, cx)),
    uxth: def(['UBFM'], (ops, cx) => extendAlias(false, 16, ops, cx)),
    // GNU as accepts `uxtw Xd, Wn` and assembles it as `mov Wd, Wn`.
    uxtw: def(['ORR_shift'], (ops, cx) => {
      wantCount(ops, cx, 2, 'uxtw <Xd>, <Wn>');
      const rd = gpr(ops, 0, { size: 'x' });
      const rn = gpr(ops, 1, { size: 'w' });
      return cx.encode('ORR_shift', { z: 0, h: 0, m: rn.n, i: 0, n: 31, d: rd.n });
    }),
    lsl: def(['UBFM', 'LSLV'], (ops, cx) => shiftInsn('lsl', ops, cx)),
    lsr: def(['UBFM', 'LSRV'], (ops, cx) => shiftInsn('lsr', ops, cx)),
    asr: def(['SBFM', 'ASRV'], (ops, cx) => shiftInsn('asr', ops, cx)),
    ror: def(['EXTR', 'RORV'], (ops, cx) => shiftInsn('ror', ops, cx)),
    extr: def(['EXTR'], extr),
    csel: def(['CSEL'], (ops, cx) => condSelect('CSEL', ops, cx)),
    csinc: def(['CSINC'], (ops, cx) => condSelect('CSINC', ops, cx)),
    csinv: def(['CSINV'], (ops, cx) => condSelect('CSINV', ops, cx)),
    csneg: def(['CSNEG'], (ops, cx) => condSelect('CSNEG', ops, cx)),
    cset: def(['CSINC'], (ops, cx) => condSet('CSINC', ops, cx)),
    csetm: def(['CSINV'], (ops, cx) => condSet('CSINV', ops, cx)),
    cinc: def(['CSINC'], (ops, cx) => condOp1('CSINC', ops, cx)),
    cinv: def(['CSINV'], (ops, cx) => condOp1('CSINV', ops, cx)),
    cneg: def(['CSNEG'], (ops, cx) => condOp1('CSNEG', ops, cx)),
    ccmp: def(['CCMP_reg', 'CCMP_imm'], (ops, cx) => condCompare(false, ops, cx)),
    ccmn: def(['CCMN_reg', 'CCMN_imm'], (ops, cx) => condCompare(true, ops, cx)),
    rbit: def(['RBIT'], (ops, cx) => regs2('RBIT', ops, cx)),
    rev16: def(['REV16'], (ops, cx) => regs2('REV16', ops, cx)),
    rev32: def(['REV32'], (ops, cx) => regs2('REV32', ops, cx, 'x')),
    rev: def(['REV'], (ops, cx) => {
      wantCount(ops, cx, 2, 'rev <Rd>, <Rn>');
      const [rd, rn] = twoRegs(ops);
      return cx.encode('REV', { z: sz(rd), o: sz(rd), n: rn.n, d: rd.n });
    }),
    clz: def(['CLZ'], (ops, cx) => regs2('CLZ', ops, cx)),
    cls: def(['CLS'], (ops, cx) => regs2('CLS', ops, cx)),
    udiv: def(['UDIV'], (ops, cx) => regs3('UDIV', ops, cx)),
    sdiv: def(['SDIV'], (ops, cx) => regs3('SDIV', ops, cx)),
    lslv: def(['LSLV'], (ops, cx) => regs3('LSLV', ops, cx)),
    lsrv: def(['LSRV'], (ops, cx) => regs3('LSRV', ops, cx)),
    asrv: def(['ASRV'], (ops, cx) => regs3('ASRV', ops, cx)),
    rorv: def(['RORV'], (ops, cx) => regs3('RORV', ops, cx)),
    adc: def(['ADC'], (ops, cx) => regs3('ADC', ops, cx)),
    adcs: def(['ADCS'], (ops, cx) => regs3('ADCS', ops, cx)),
    sbc: def(['SBC'], (ops, cx) => regs3('SBC', ops, cx)),
    sbcs: def(['SBCS'], (ops, cx) => regs3('SBCS', ops, cx)),
    ngc: def(['SBC'], (ops, cx) => {
      wantCount(ops, cx, 2, 'ngc <Rd>, <Rm>');
      const rd = gpr(ops, 0);
      return regs3('SBC', [ops[0], zr(rd), ops[1]], cx);
    }),
    ngcs: def(['SBCS'], (ops, cx) => {
      wantCount(ops, cx, 2, 'ngcs <Rd>, <Rm>');
      const rd = gpr(ops, 0);
      return regs3('SBCS', [ops[0], zr(rd), ops[1]], cx);
    }),
    madd: def(['MADD'], (ops, cx) => multiplyAdd('MADD', ops, cx, true)),
    msub: def(['MSUB'], (ops, cx) => multiplyAdd('MSUB', ops, cx, true)),
    mul: def(['MADD'], (ops, cx) => multiplyAdd('MADD', ops, cx, false)),
    mneg: def(['MSUB'], (ops, cx) => multiplyAdd('MSUB', ops, cx, false)),
    smaddl: def(['SMADDL'], (ops, cx) => multiplyLong('SMADDL', ops, cx, true)),
    smsubl: def(['SMSUBL'], (ops, cx) => multiplyLong('SMSUBL', ops, cx, true)),
    umaddl: def(['UMADDL'], (ops, cx) => multiplyLong('UMADDL', ops, cx, true)),
    umsubl: def(['UMSUBL'], (ops, cx) => multiplyLong('UMSUBL', ops, cx, true)),
    smull: def(['SMADDL'], (ops, cx) => multiplyLong('SMADDL', ops, cx, false)),
    umull: def(['UMADDL'], (ops, cx) => multiplyLong('UMADDL', ops, cx, false)),
    smnegl: def(['SMSUBL'], (ops, cx) => multiplyLong('SMSUBL', ops, cx, false)),
    umnegl: def(['UMSUBL'], (ops, cx) => multiplyLong('UMSUBL', ops, cx, false)),
    smulh: def(['SMULH'], (ops, cx) => multiplyHigh('SMULH', ops, cx)),
    umulh: def(['UMULH'], (ops, cx) => multiplyHigh('UMULH', ops, cx)),
  };
  for (const n of ['AND', 'ORR', 'EOR', 'ANDS', 'BIC', 'BICS', 'ORN', 'EON']) {
    d[n.toLowerCase()] = def(LOGIC(n), (ops, cx) => logical(n, ops, cx));
  }
  for (const [suffix, size] of [['b', 0], ['h', 1], ['w', 2], ['x', 3]] as const) {
    d[`crc32${suffix}`] = def(['CRC32'], (ops, cx) => crc('CRC32', size, ops, cx));
    d[`crc32c${suffix}`] = def(['CRC32C'], (ops, cx) => crc('CRC32C', size, ops, cx));
  }
  return d;
}
