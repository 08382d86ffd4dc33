/**
 * Loads and stores: single registers (general and SIMD&FP) in every addressing form,
 * choosing the scaled unsigned-offset form or the unscaled (LDUR) form for `[Xn, #imm]`
 * as GNU as does; literals (`label` and `=value`, placed by the assembler); pairs;
 * exclusives and acquire/release; LSE atomics (LD<op>, ST<op>, SWP, CAS, CASP); PRFM.
 */
import type { Fields } from '../../cpu/encodingTable';
import type { GprOp, MemOp, Operand } from '../operands';
import { kindName } from '../operands';
import { EncodeContext, InsnDef, fail, wantCount, wrongKind } from './context';
import { field, gpr, immValue, inRange, nameOf, pcRel } from './operandChecks';

type Defs = Record<string, InsnDef>;
type Ops = ReadonlyArray<Operand>;
const def = (needs: string[], encode: InsnDef['encode']): InsnDef => ({ needs, encode });

/** Encoding names of one single-register access kind, by addressing form. */
interface Access {
  readonly unsigned?: string;
  readonly unscaled?: string;
  readonly pre?: string;
  readonly post?: string;
  readonly reg?: string;
  readonly lit?: string;
  /** log2 of the access size. */
  readonly scale: number;
  /** Fields fixed by the register kind (z, w, S/q). */
  readonly fields: Fields;
  /** Fields of the literal form when they differ (SIMD&FP: opc 00 S, 01 D, 10 Q). */
  readonly litFields?: Fields;
}

function memOp(ops: Ops, i: number): MemOp {
  const op = ops[i];
  if (!op) fail(`operand ${i + 1} is missing: expected a memory operand like [x0, #8]`);
  if (op.t !== 'mem') wrongKind(i, 'a memory operand like [x0, #8]', op);
  if (op.base.n === 31 && !op.base.sp) fail(`the base register must be x0-x30 or sp, not '${op.base.text}'`, op.base);
  return op;
}

const OPTION: Record<string, number> = { uxtw: 2, lsl: 3, uxtx: 3, sxtw: 6, sxtx: 7 };

/** The register-offset form `[Xn, Rm{, extend #amount}]`: option, S and m fields. */
function regOffset(m: MemOp, scale: number, cx: EncodeContext): Fields {
  const rm = m.index!;
  const mod = m.indexMod;
  let option: number;
  let s = 0;
  if (!mod) {
    if (!rm.x) fail(`a 32-bit index register needs an extend: [${m.base.text}, ${rm.text}, uxtw] or sxtw`, rm);
    option = 3;
  } else {
    if (!(mod.op in OPTION)) fail(`'${mod.op}' is not allowed for an index register; use lsl, uxtw, sxtw or sxtx`, mod);
    option = OPTION[mod.op];
    const wantX = (option & 1) === 1;
    if (rm.x !== wantX) fail(`'${mod.op}' needs a ${wantX ? '64-bit (x)' : '32-bit (w)'} index register, not '${rm.text}'`, rm);
    if (mod.amount) {
      const a = cx.value(mod.amount);
      if (a !== 0n && a !== BigInt(scale)) fail(`shift amount must be 0 or ${scale} for this access size, not ${a}`, mod);
      // For byte accesses an explicit amount (#0) sets S; otherwise S means "shifted by the size".
      s = scale === 0 ? 1 : a === 0n ? 0 : 1;
    } else if (mod.t === 'shift') {
      fail(`'${mod.op}' needs an amount (#0 or #${scale})`, mod);
    }
  }
  if (rm.n === 31 && rm.sp) fail(`the index register cannot be '${rm.text}'`, rm);
  return { m: rm.n, o: option, h: s };
}

/**
 * One general or SIMD&FP register transfer: `[Xn]`, `[Xn, #imm]`, `[Xn, :lo12:sym]`,
 * `[Xn, #imm]!`, `[Xn], #imm`, `[Xn, Rm{, ext}]`, or a literal label.
 */
function single(a: Access, rt: number, ops: Ops, cx: EncodeContext): number {
  const size = 1 << a.scale;
  const base = { ...a.fields, t: rt };
  const second = ops[1];
  if (!second) fail(`operand 2 is missing: expected a memory operand like [x0, #8]`, cx.operandSpan);
  if (second.t === 'imm' && !second.hash) {
    if (!a.lit) fail(`'${cx.mnemonic}' has no literal (PC-relative) form; operand 2 must be a memory operand`, second);
    wantCount(ops, cx, 2, `${cx.mnemonic} <Rt>, <label>`);
    return cx.encode(a.lit, { ...(a.litFields ?? a.fields), t: rt, i: field(pcRel(ops, 1, cx, 19, 4, 'literal load'), 19) });
  }
  const m = memOp(ops, 1);
  if (ops.length === 3) {
    // Post-index: [Xn], #imm
    if (m.imm || m.index || m.writeback) fail('a post-indexed address is written [Xn], #imm', m);
    if (!a.post) fail(`'${cx.mnemonic}' has no post-indexed form`, ops[2]);
    if (ops[2].t !== 'imm') wrongKind(2, 'an immediate post-index offset', ops[2]);
    const v = inRange(immValue(ops, 2, cx), -256, 255, ops[2], 'post-index offset');
    return cx.encode(a.post, { ...base, n: m.base.n, i: field(v, 9) });
  }
  wantCount(ops, cx, 2, `${cx.mnemonic} <Rt>, <address>`);
  if (m.index) {
    if (m.writeback) fail('a register offset cannot be written back', m);
    if (!a.reg) fail(`'${cx.mnemonic}' has no register-offset form`, m);
    return cx.encode(a.reg, { ...base, n: m.base.n, ...regOffset(m, a.scale, cx) });
  }
  const immOp = m.imm;
  if (m.writeback) {
    if (!a.pre) fail(`'${cx.mnemonic}' has no pre-indexed form`, m);
    if (!immOp) fail('a pre-indexed address needs an offset: [Xn, #imm]!', m);
    if (immOp.reloc) fail(`':${immOp.reloc}:' cannot be used with writeback`, immOp);
    const v = inRange(cx.value(immOp.e), -256, 255, immOp, 'pre-index offset');
    return cx.encode(a.pre, { ...base, n: m.base.n, i: field(v, 9) });
  }
  if (immOp?.reloc) {
    if (immOp.reloc !== 'lo12' && immOp.reloc !== 'lo12_nc') fail(`':${immOp.reloc}:' is not allowed in an address; use :lo12:`, immOp);
    if (!a.unsigned) fail(`'${cx.mnemonic}' cannot take a :lo12: offset`, immOp);
    const lo = Number(BigInt.asUintN(12, cx.value(immOp.e)));
    if (lo % size !== 0) fail(`':lo12:' offset 0x${lo.toString(16)} is not a multiple of ${size}, the access size (align the symbol)`, immOp);
    return cx.encode(a.unsigned, { ...base, n: m.base.n, i: lo / size });
  }
  const v = immOp ? cx.value(immOp.e) : 0n;
  const at = immOp ?? m;
  if (a.unsigned && v >= 0n && v % BigInt(size) === 0n && v / BigInt(size) <= 4095n) {
    return cx.encode(a.unsigned, { ...base, n: m.base.n, i: Number(v / BigInt(size)) });
  }
  if (a.unscaled && v >= -256n && v <= 255n) return cx.encode(a.unscaled, { ...base, n: m.base.n, i: field(Number(v), 9) });
  if (!a.unsigned) fail(`offset out of range: ${v} is not in -256 to 255`, at);
  fail(`offset out of range: ${v} must be a multiple of ${size} in 0 to ${4095 * size}, or in -256 to 255`, at);
}

// ------------------------------------------------------------------ access kinds

const gprAccess = (name: string, scale: number, fields: Fields, opts: { lit?: string; unscaled: string }): Access => ({
  unsigned: `${name}_imm_unsigned`,
  unscaled: opts.unscaled,
  pre: `${name}_imm_pre`,
  post: `${name}_imm_post`,
  reg: `${name}_reg`,
  lit: opts.lit,
  scale,
  fields,
});

const FP_SCALE: Record<string, number> = { b: 0, h: 1, s: 2, d: 3, q: 4 };
const fpFields = (size: string): Fields => (size === 'q' ? { S: 0, q: 1 } : { S: FP_SCALE[size], q: 0 });

function fpAccess(load: boolean, size: string): Access {
  const L = load ? 'LDR' : 'STR';
  return {
    unsigned: `${L}_fpsimd_imm_unsigned`,
    unscaled: `${load ? 'LDUR' : 'STUR'}_fpsimd`,
    pre: `${L}_fpsimd_imm_pre`,
    post: `${L}_fpsimd_imm_post`,
    reg: `${L}_fpsimd_reg`,
    lit: load && size !== 'b' && size !== 'h' ? 'LDR_fpsimd_lit' : undefined,
    scale: FP_SCALE[size],
    fields: fpFields(size),
    litFields: { S: FP_SCALE[size] - 2 },
  };
}

/** ldr/str: the register kind picks the encoding. */
function ldrStr(load: boolean, ops: Ops, cx: EncodeContext): number {
  const rt = ops[0];
  if (!rt) fail(`'${cx.mnemonic}' needs a register and an address`, cx.operandSpan);
  if (rt.t === 'fpr') return single(fpAccess(load, rt.size), rt.n, ops, cx);
  if (rt.t !== 'gpr') wrongKind(0, 'a register (x, w, b, h, s, d or q)', rt);
  const r = gpr(ops, 0);
  const L = load ? 'LDR' : 'STR';
  return single(gprAccess(L, r.x ? 3 : 2, { z: r.x ? 1 : 0 }, { lit: load ? 'LDR_lit' : undefined, unscaled: load ? 'LDUR' : 'STUR' }), r.n, ops, cx);
}

export function loadStoreDefs(): Defs {
  const GPR_NEEDS = (n: string, u: string): string[] => [`${n}_imm_unsigned`, u, `${n}_imm_pre`, `${n}_imm_post`, `${n}_reg`];
  const FP_NEEDS = ['LDR_fpsimd_imm_unsigned', 'STR_fpsimd_imm_unsigned', 'LDUR_fpsimd', 'STUR_fpsimd', 'LDR_fpsimd_imm_pre', 'STR_fpsimd_imm_pre', 'LDR_fpsimd_imm_post', 'STR_fpsimd_imm_post', 'LDR_fpsimd_reg', 'STR_fpsimd_reg', 'LDR_fpsimd_lit'];
  const d: Defs = {
    ldr: def([...GPR_NEEDS('LDR', 'LDUR'), 'LDR_lit', ...FP_NEEDS], (ops, cx) => (wantCount(ops, cx, [2, 3], 'ldr <Rt>, <address>|<label>|=<value>'), ldrStr(true, ops, cx))),
    str: def([...GPR_NEEDS('STR', 'STUR'), ...FP_NEEDS], (ops, cx) => (wantCount(ops, cx, [2, 3], 'str <Rt>, <address>'), ldrStr(false, ops, cx))),
  };
  // Byte and halfword transfers: W registers only; the sign-extending loads take W or X.
  for (const [mn, name, scale, signed, unscaled] of [
    ['ldrb', 'LDRB', 0, false, 'LDURB'],
    ['strb', 'STRB', 0, false, 'STURB'],
    ['ldrh', 'LDRH', 1, false, 'LDURH'],
    ['strh', 'STRH', 1, false, 'STURH'],
    ['ldrsb', 'LDRSB', 0, true, 'LDURSB'],
    ['ldrsh', 'LDRSH', 1, true, 'LDURSH'],
  ] as const) {
    d[mn] = def(GPR_NEEDS(name, unscaled), (ops, cx) => {
      wantCount(ops, cx, [2, 3], `${mn} <${signed ? 'Wt|Xt' : 'Wt'}>, <address>`);
      const r = gpr(ops, 0, signed ? {} : { size: 'w' });
      return single(gprAccess(name, scale, signed ? { w: r.x ? 0 : 1 } : {}, { unscaled }), r.n, ops, cx);
    });
  }
  d.ldrsw = def([...GPR_NEEDS('LDRSW', 'LDURSW'), 'LDRSW_lit'], (ops, cx) => {
    wantCount(ops, cx, [2, 3], 'ldrsw <Xt>, <address>|<label>');
    const r = gpr(ops, 0, { size: 'x' });
    return single(gprAccess('LDRSW', 2, {}, { lit: 'LDRSW_lit', unscaled: 'LDURSW' }), r.n, ops, cx);
  });

  // Unscaled and unprivileged forms: [Xn{, #simm9}] only.
  const unscaledOnly = (mn: string, name: string, scale: number, kind: 'w' | 'wx' | 'x' | 'sx', fp?: 'ld' | 'st'): void => {
    d[mn] = def([name, ...(fp ? [`${fp === 'ld' ? 'LDUR' : 'STUR'}_fpsimd`] : [])], (ops, cx) => {
      wantCount(ops, cx, 2, `${mn} <Rt>, [<Xn|SP>{, #simm}]`);
      const rtOp = ops[0];
      if (fp && rtOp.t === 'fpr') {
        return single({ unscaled: `${fp === 'ld' ? 'LDUR' : 'STUR'}_fpsimd`, scale: FP_SCALE[rtOp.size], fields: fpFields(rtOp.size) }, rtOp.n, ops, cx);
      }
      const r = gpr(ops, 0, kind === 'w' ? { size: 'w' } : kind === 'x' ? { size: 'x' } : {});
      const fields: Fields = kind === 'wx' ? { z: r.x ? 1 : 0 } : kind === 'sx' ? { w: r.x ? 0 : 1 } : {};
      return single({ unscaled: name, scale: kind === 'wx' ? (r.x ? 3 : 2) : scale, fields }, r.n, ops, cx);
    });
  };
  unscaledOnly('ldur', 'LDUR', 3, 'wx', 'ld');
  unscaledOnly('stur', 'STUR', 3, 'wx', 'st');
  unscaledOnly('ldurb', 'LDURB', 0, 'w');
  unscaledOnly('sturb', 'STURB', 0, 'w');
  unscaledOnly('ldurh', 'LDURH', 1, 'w');
  unscaledOnly('sturh', 'STURH', 1, 'w');
  unscaledOnly('ldursb', 'LDURSB', 0, 'sx');
  unscaledOnly('ldursh', 'LDURSH', 1, 'sx');
  unscaledOnly('ldursw', 'LDURSW', 2, 'x');
  unscaledOnly('ldtr', 'LDTR', 3, 'wx');
  unscaledOnly('sttr', 'STTR', 3, 'wx');
  unscaledOnly('ldtrb', 'LDTRB', 0, 'w');
  unscaledOnly('sttrb', 'STTRB', 0, 'w');
  unscaledOnly('ldtrh', 'LDTRH', 1, 'w');
  unscaledOnly('sttrh', 'STTRH', 1, 'w');
  unscaledOnly('ldtrsb', 'LDTRSB', 0, 'sx');
  unscaledOnly('ldtrsh', 'LDTRSH', 1, 'sx');
  unscaledOnly('ldtrsw', 'LDTRSW', 2, 'x');

  d.prfm = def(['PRFM_imm', 'PRFUM', 'PRFM_reg', 'PRFM_lit'], (ops, cx) => {
    wantCount(ops, cx, 2, 'prfm <prfop>, <address>|<label>');
    return single({ unsigned: 'PRFM_imm', unscaled: 'PRFUM', reg: 'PRFM_reg', lit: 'PRFM_lit', scale: 3, fields: {} }, prefetchOp(ops[0]), ops, cx);
  });
  d.prfum = def(['PRFUM'], (ops, cx) => {
    wantCount(ops, cx, 2, 'prfum <prfop>, [<Xn|SP>{, #simm}]');
    return single({ unscaled: 'PRFUM', scale: 0, fields: {} }, prefetchOp(ops[0]), ops, cx);
  });

  pairDefs(d);
  exclusiveDefs(d);
  atomicDefs(d);
  return d;
}

const PRF_TYPE: Record<string, number> = { pld: 0, pli: 1, pst: 2 };

function prefetchOp(op: Operand): number {
  const name = nameOf(op);
  const m = name ? /^(pld|pli|pst)l([123])(keep|strm)$/.exec(name) : null;
  if (m) return (PRF_TYPE[m[1]] << 3) | ((Number(m[2]) - 1) << 1) | (m[3] === 'strm' ? 1 : 0);
  if (op.t === 'imm' && op.hash && !op.reloc && op.e.k === 'num') return inRange(op.e.v, 0, 31, op, 'prefetch operation');
  fail(`operand 1 must be a prefetch operation (pld|pli|pst + l1|l2|l3 + keep|strm, e.g. pldl1keep) or #0-31, not ${kindName(op)}`, op);
}

// ------------------------------------------------------------------ pairs

function pairDefs(d: Defs): void {
  const pair = (mn: string, base: string, forms: Array<'off' | 'pre' | 'post'>, kind: 'gpr' | 'sw' | 'fp', fpBase?: string): void => {
    const names = forms.map((f) => (base === 'LDNP' || base === 'STNP' ? base : `${base}_${f}`));
    const fpNames = fpBase ? forms.map((f) => (fpBase.endsWith('NP_fpsimd') ? fpBase : `${fpBase}_${f}`)) : [];
    d[mn] = def([...names, ...fpNames], (ops, cx) => {
      wantCount(ops, cx, [3, 4], `${mn} <Rt1>, <Rt2>, <address>`);
      const r1 = ops[0];
      let scale: number;
      let fields: Fields;
      let name: (f: 'off' | 'pre' | 'post') => string;
      let t1: number;
      let t2: number;
      if (r1.t === 'fpr' && fpBase) {
        const r2 = ops[1];
        if (r2.t !== 'fpr' || r2.size !== r1.size) wrongKind(1, `a register like operand 1 (${r1.size}0-${r1.size}31)`, r2);
        if (r1.size === 'b' || r1.size === 'h') fail(`'${mn}' needs s, d or q registers, not '${r1.text}'`, r1);
        scale = FP_SCALE[r1.size];
        fields = { S: scale - 2 };
        name = (f) => (fpBase.endsWith('NP_fpsimd') ? fpBase : `${fpBase}_${f}`);
        t1 = r1.n;
        t2 = r2.n;
      } else {
        const a = gpr(ops, 0, kind === 'sw' ? { size: 'x' } : {});
        const b = gpr(ops, 1, kind === 'sw' ? { size: 'x' } : {});
        if (a.x !== b.x) fail(`operand 2 must be a ${a.x ? '64-bit (x)' : '32-bit (w)'} register like operand 1`, b);
        scale = kind === 'sw' ? 2 : a.x ? 3 : 2;
        fields = kind === 'sw' ? {} : { z: a.x ? 1 : 0 };
        name = (f) => (base === 'LDNP' || base === 'STNP' ? base : `${base}_${f}`);
        t1 = a.n;
        t2 = b.n;
      }
      const m = memOp(ops, 2);
      if (m.index) fail(`'${mn}' has no register-offset form`, m.index);
      if (m.imm?.reloc) fail(`':${m.imm.reloc}:' is not allowed in '${mn}'`, m.imm);
      const size = 1 << scale;
      let form: 'off' | 'pre' | 'post' = 'off';
      let off = m.imm ? cx.value(m.imm.e) : 0n;
      let at: Operand = m.imm ?? m;
      if (ops.length === 4) {
        if (m.imm || m.writeback) fail('a post-indexed address is written [Xn], #imm', m);
        if (ops[3].t !== 'imm') wrongKind(3, 'an immediate post-index offset', ops[3]);
        off = immValue(ops, 3, cx);
        at = ops[3];
        form = 'post';
      } else if (m.writeback) form = 'pre';
      if (!forms.includes(form)) fail(`'${mn}' has no ${form === 'pre' ? 'pre' : 'post'}-indexed form`, m);
      if (off % BigInt(size) !== 0n) fail(`offset ${off} is not a multiple of ${size}`, at);
      const v = inRange(off, -64 * size, 63 * size, at, 'offset') / size;
      return cx.encode(name(form), { ...fields, i: field(v, 7), u: t2, n: m.base.n, t: t1 });
    });
  };
  pair('ldp', 'LDP', ['off', 'pre', 'post'], 'gpr', 'LDP_fpsimd');
  pair('stp', 'STP', ['off', 'pre', 'post'], 'gpr', 'STP_fpsimd');
  pair('ldnp', 'LDNP', ['off'], 'gpr', 'LDNP_fpsimd');
  pair('stnp', 'STNP', ['off'], 'gpr', 'STNP_fpsimd');
  pair('ldpsw', 'LDPSW', ['off', 'pre', 'post'], 'sw');
}

// ------------------------------------------------------------------ exclusives, acquire/release

/** `[Xn|SP{, #0}]` */
function plainAddress(ops: Ops, i: number, cx: EncodeContext): number {
  const m = memOp(ops, i);
  if (m.index || m.writeback) fail(`'${cx.mnemonic}' takes only a base register: [Xn|SP] or [Xn|SP, #0]`, m);
  if (m.imm && cx.value(m.imm.e) !== 0n) fail(`'${cx.mnemonic}' takes no offset: only [Xn|SP, #0] is allowed`, m.imm);
  return m.base.n;
}

const RS_ONES = 31 << 16;
const RT2_ONES = 31 << 10;

function exclusiveDefs(d: Defs): void {
  // Size from the mnemonic suffix: b, h or none (W/X from the register).
  const sized = (mn: string, name: string, suffix: '' | 'b' | 'h', shape: 'load' | 'store' | 'loadpair' | 'storepair', sbo: number): void => {
    d[mn] = def([name], (ops, cx) => {
      const fixedW = suffix !== '';
      const regOpts = fixedW ? { size: 'w' as const } : {};
      let f: Fields;
      if (shape === 'load') {
        wantCount(ops, cx, 2, `${mn} <Rt>, [<Xn|SP>]`);
        const t = gpr(ops, 0, regOpts);
        f = { t: t.n, n: plainAddress(ops, 1, cx), ...(fixedW ? {} : { z: t.x ? 1 : 0 }) };
      } else if (shape === 'store') {
        wantCount(ops, cx, 3, `${mn} <Ws>, <Rt>, [<Xn|SP>]`);
        const s = gpr(ops, 0, { size: 'w' });
        const t = gpr(ops, 1, regOpts);
        checkStatus(s, [t], ops[2], cx);
        f = { s: s.n, t: t.n, n: plainAddress(ops, 2, cx), ...(fixedW ? {} : { z: t.x ? 1 : 0 }) };
      } else if (shape === 'loadpair') {
        wantCount(ops, cx, 3, `${mn} <Rt1>, <Rt2>, [<Xn|SP>]`);
        const t = gpr(ops, 0);
        const u = gpr(ops, 1);
        if (u.x !== t.x) fail(`operand 2 must be a ${t.x ? '64-bit (x)' : '32-bit (w)'} register like operand 1`, u);
        f = { t: t.n, u: u.n, n: plainAddress(ops, 2, cx), z: t.x ? 1 : 0 };
      } else {
        wantCount(ops, cx, 4, `${mn} <Ws>, <Rt1>, <Rt2>, [<Xn|SP>]`);
        const s = gpr(ops, 0, { size: 'w' });
        const t = gpr(ops, 1);
        const u = gpr(ops, 2);
        if (u.x !== t.x) fail(`operand 3 must be a ${t.x ? '64-bit (x)' : '32-bit (w)'} register like operand 2`, u);
        checkStatus(s, [t, u], ops[3], cx);
        f = { s: s.n, t: t.n, u: u.n, n: plainAddress(ops, 3, cx), z: t.x ? 1 : 0 };
      }
      // Unused Rs/Rt2 fields are "should be one"; the table ignores them and GNU as writes 11111.
      return (cx.encode(name, f) | sbo) >>> 0;
    });
  };
  for (const suffix of ['', 'b', 'h'] as const) {
    const S = suffix.toUpperCase();
    sized(`ldxr${suffix}`, `LDXR${S}`, suffix, 'load', RS_ONES | RT2_ONES);
    sized(`ldaxr${suffix}`, `LDAXR${S}`, suffix, 'load', RS_ONES | RT2_ONES);
    sized(`stxr${suffix}`, `STXR${S}`, suffix, 'store', RT2_ONES);
    sized(`stlxr${suffix}`, `STLXR${S}`, suffix, 'store', RT2_ONES);
    sized(`ldar${suffix}`, `LDAR${S}`, suffix, 'load', RS_ONES | RT2_ONES);
    sized(`stlr${suffix}`, `STLR${S}`, suffix, 'load', RS_ONES | RT2_ONES);
    sized(`ldlar${suffix}`, `LDLAR${S}`, suffix, 'load', RS_ONES | RT2_ONES);
    sized(`stllr${suffix}`, `STLLR${S}`, suffix, 'load', RS_ONES | RT2_ONES);
    sized(`ldapr${suffix}`, `LDAPR${S}`, suffix, 'load', 0);
  }
  sized('ldxp', 'LDXP', '', 'loadpair', RS_ONES);
  sized('ldaxp', 'LDAXP', '', 'loadpair', RS_ONES);
  sized('stxp', 'STXP', '', 'storepair', 0);
  sized('stlxp', 'STLXP', '', 'storepair', 0);
}

/** A store-exclusive status register must differ from the data and base registers (else CONSTRAINED UNPREDICTABLE). */
function checkStatus(s: GprOp, data: GprOp[], addr: Operand, cx: EncodeContext): void {
  if (s.n === 31) return;
  data.forEach((t, k) => {
    if (t.n === s.n) cx.warn(`status register '${s.text}' is also operand ${k + 2}: the result is unpredictable`, s);
  });
  if (addr.t === 'mem' && addr.base.n === s.n) cx.warn(`status register '${s.text}' is also the base register: the result is unpredictable`, s);
}

// ------------------------------------------------------------------ LSE atomics

const ATOMIC_OPS = ['add', 'clr', 'eor', 'set', 'smax', 'smin', 'umax', 'umin'];

function atomicDefs(d: Defs): void {
  const orders: Array<[string, number, number]> = [['', 0, 0], ['a', 1, 0], ['l', 0, 1], ['al', 1, 1]];
  for (const size of ['', 'b', 'h'] as const) {
    const S = size.toUpperCase();
    const fixedW = size !== '';
    for (const op of ATOMIC_OPS) {
      const name = `LD${op.toUpperCase()}${S}`;
      for (const [ord, A, R] of orders) {
        d[`ld${op}${ord}${size}`] = def([name], (ops, cx) => {
          wantCount(ops, cx, 3, `${cx.mnemonic} <Rs>, <Rt>, [<Xn|SP>]`);
          const s = gpr(ops, 0, fixedW ? { size: 'w' } : {});
          const t = gpr(ops, 1, fixedW ? { size: 'w' } : {});
          if (s.x !== t.x) fail(`operand 2 must be a ${s.x ? '64-bit (x)' : '32-bit (w)'} register like operand 1`, t);
          return cx.encode(name, { A, R, s: s.n, t: t.n, n: plainAddress(ops, 2, cx), ...(fixedW ? {} : { z: s.x ? 1 : 0 }) });
        });
        // ST<op>{L}: LD<op> with Rt = ZR (no acquire form).
        if (A === 0) {
          d[`st${op}${ord}${size}`] = def([name], (ops, cx) => {
            wantCount(ops, cx, 2, `${cx.mnemonic} <Rs>, [<Xn|SP>]`);
            const s = gpr(ops, 0, fixedW ? { size: 'w' } : {});
            return cx.encode(name, { A: 0, R, s: s.n, t: 31, n: plainAddress(ops, 1, cx), ...(fixedW ? {} : { z: s.x ? 1 : 0 }) });
          });
        }
      }
    }
    for (const [ord, A, R] of orders) {
      d[`swp${ord}${size}`] = def([`SWP${S}`], (ops, cx) => {
        wantCount(ops, cx, 3, `${cx.mnemonic} <Rs>, <Rt>, [<Xn|SP>]`);
        const s = gpr(ops, 0, fixedW ? { size: 'w' } : {});
        const t = gpr(ops, 1, fixedW ? { size: 'w' } : {});
        if (s.x !== t.x) fail(`operand 2 must be a ${s.x ? '64-bit (x)' : '32-bit (w)'} register like operand 1`, t);
        return cx.encode(`SWP${S}`, { A, R, s: s.n, t: t.n, n: plainAddress(ops, 2, cx), ...(fixedW ? {} : { z: s.x ? 1 : 0 }) });
      });
      d[`cas${ord}${size}`] = def([`CAS${S}`], (ops, cx) => {
        wantCount(ops, cx, 3, `${cx.mnemonic} <Rs>, <Rt>, [<Xn|SP>]`);
        const s = gpr(ops, 0, fixedW ? { size: 'w' } : {});
        const t = gpr(ops, 1, fixedW ? { size: 'w' } : {});
        if (s.x !== t.x) fail(`operand 2 must be a ${s.x ? '64-bit (x)' : '32-bit (w)'} register like operand 1`, t);
        return cx.encode(`CAS${S}`, { A, R, s: s.n, t: t.n, n: plainAddress(ops, 2, cx), ...(fixedW ? {} : { z: s.x ? 1 : 0 }) });
      });
    }
  }
  for (const [ord, A, R] of orders) {
    d[`casp${ord}`] = def(['CASP'], (ops, cx) => {
      wantCount(ops, cx, 5, `${cx.mnemonic} <Rs>, <Rs+1>, <Rt>, <Rt+1>, [<Xn|SP>]`);
      const regs = [0, 1, 2, 3].map((k) => gpr(ops, k));
      for (const k of [1, 2, 3]) if (regs[k].x !== regs[0].x) fail(`operand ${k + 1} must be a ${regs[0].x ? '64-bit (x)' : '32-bit (w)'} register like operand 1`, regs[k]);
      for (const k of [0, 2]) {
        if (regs[k].n % 2 !== 0 || regs[k].n === 30) fail(`operand ${k + 1} must be an even-numbered register (x0, x2, … x28)`, regs[k]);
        if (regs[k + 1].n !== regs[k].n + 1) fail(`operand ${k + 2} must be the register after operand ${k + 1} ('${regs[k].x ? 'x' : 'w'}${regs[k].n + 1}')`, regs[k + 1]);
      }
      return cx.encode('CASP', { z: regs[0].x ? 1 : 0, A, R, s: regs[0].n, t: regs[2].n, n: plainAddress(ops, 4, cx) });
    });
  }
}
