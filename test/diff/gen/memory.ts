/**
 * Loads and stores on the scratch buffer, in every addressing mode: unsigned offset,
 * unscaled, pre/post-index, register offset (LSL/UXTW/SXTW/SXTX), literal,
 * unprivileged; pairs; exclusives and ordered accesses; LSE atomics and CAS/CASP;
 * SIMD single registers and structures. Every generated access is naturally aligned
 * and inside the buffer, because the generator tracks the base registers' values.
 */
import * as A from './a64';
import { LITERAL_OFF, LITERAL_SIZE } from './batch';
import { accessOk, baseOk, Base, destReg, dpWord, freeReg, Item, SeqCtx } from './context';

const M64 = (1n << 64n) - 1n;

function pickBase(ctx: SeqCtx): Base {
  return ctx.rng.pick(ctx.bases);
}

/** Single-register load/store: returns null when no valid parameters turned up. */
export function singleLdSt(ctx: SeqCtx, allowSimd: boolean): Item | null {
  const rng = ctx.rng;
  for (let attempt = 0; attempt < 30; attempt++) {
    const v = allowSimd && rng.bool(0.35) ? 1 : 0;
    let size: number;
    let opc: number;
    let bytes: number;
    if (v === 0) {
      size = rng.below(4);
      opc = rng.pick(size === 3 ? [0, 1, 1, 2] : size === 2 ? [0, 1, 2] : [0, 1, 2, 3]);
      bytes = 1 << size;
    } else if (rng.bool(0.25)) {
      size = 0;
      opc = rng.pick([2, 3]);
      bytes = 16;
    } else {
      size = rng.below(4);
      opc = rng.below(2);
      bytes = 1 << size;
    }
    const load = v === 0 ? opc !== 0 : (opc & 1) === 1;
    const prfm = v === 0 && size === 3 && opc === 2;
    const rt = v === 1 || prfm ? rng.below(32) : load ? destReg(ctx) : srcReg(ctx);
    const mode = rng.pick(['uimm', 'uimm', 'imm9', 'post', 'pre', 'reg', 'reg', 'literal', 'unpriv']);
    if (mode === 'literal') {
      if (!load) continue;
      // LDR literal exists for W, X, SW, PRFM and S, D, Q.
      const litOpc = v === 0 ? (size === 2 && opc === 1 ? 0 : size === 3 && opc === 1 ? 1 : size === 2 && opc === 2 ? 2 : prfm ? 3 : -1) : bytes === 4 ? 0 : bytes === 8 ? 1 : bytes === 16 ? 2 : -1;
      if (litOpc < 0) continue;
      const target = ctx.slot + LITERAL_OFF + bytes * rng.below(LITERAL_SIZE / bytes);
      return { kind: 'pcrel', name: 'LDR_lit', make: (pc) => A.ldrLiteral(litOpc, v, target - pc, rt) };
    }
    const base = pickBase(ctx);
    const B = base.value;
    if (mode === 'uimm') {
      const maxK = Math.floor((ctx.scratch + 512 - bytes - B) / bytes);
      if (maxK < 0) continue;
      const k = rng.below(maxK + 1);
      if (!accessOk(ctx, B + k * bytes, bytes, bytes)) continue;
      return words([A.ldstUimm(size, v, opc, k, base.reg, rt)], 'LDST_uimm');
    }
    if (mode === 'imm9' || mode === 'unpriv') {
      if (mode === 'unpriv' && (v === 1 || prfm)) continue;
      const off = bytes * rng.range(Math.ceil(-256 / bytes), Math.floor(255 / bytes));
      if (!accessOk(ctx, B + off, bytes, bytes)) continue;
      return words([A.ldstImm9(size, v, opc, off, mode === 'imm9' ? 0 : 2, base.reg, rt)], mode === 'imm9' ? 'LDST_unscaled' : 'LDST_unpriv');
    }
    if (mode === 'post' || mode === 'pre') {
      if (prfm) continue;
      const off = 8 * rng.range(-32, 31);
      const addr = mode === 'pre' ? B + off : B;
      if (!accessOk(ctx, addr, bytes, bytes) || !baseOk(ctx, base, B + off)) continue;
      base.value = B + off;
      return words([A.ldstImm9(size, v, opc, off, mode === 'post' ? 1 : 3, base.reg, rt)], `LDST_${mode}`);
    }
    // Register offset.
    if (ctx.indexes.length === 0) continue;
    const ix = rng.pick(ctx.indexes);
    const option = rng.pick([2, 3, 6, 7]);
    const s = rng.below(2);
    const lo = ix.value & 0xffffffffn;
    let ext = option === 2 ? lo : option === 6 ? BigInt.asIntN(32, lo) : BigInt.asIntN(64, ix.value);
    ext = ext << BigInt(s ? size + (bytes === 16 ? 4 - size : 0) : 0);
    const addrBig = (BigInt(B) + ext) & M64;
    if (addrBig > BigInt(Number.MAX_SAFE_INTEGER)) continue;
    if (!accessOk(ctx, Number(addrBig), bytes, bytes)) continue;
    return words([A.ldstReg(size, v, opc, ix.reg, option, s, base.reg, rt)], 'LDST_reg');
  }
  return null;
}

/** LDP/STP/LDPSW/LDNP/STNP for W, X and S, D, Q. */
export function pairLdSt(ctx: SeqCtx, allowSimd: boolean): Item | null {
  const rng = ctx.rng;
  for (let attempt = 0; attempt < 30; attempt++) {
    const v = allowSimd && rng.bool(0.35) ? 1 : 0;
    const opc = v === 0 ? rng.pick([0, 1, 2]) : rng.below(3);
    const load = v === 0 && opc === 1 ? 1 : rng.below(2);
    const bytes = v === 0 ? (opc === 2 ? 8 : 4) : 4 << opc;
    const mode = rng.pick([0, 1, 2, 2, 3]);
    if (v === 0 && opc === 1 && mode === 0) continue; // no non-temporal LDPSW
    let rt: number;
    let rt2: number;
    if (v === 1) {
      rt = rng.below(32);
      rt2 = rng.below(32);
      if (load && rt === rt2) continue;
    } else if (load) {
      rt = destReg(ctx);
      rt2 = destReg(ctx, [rt]);
      if (rt === 31 && rt2 === 31) continue;
    } else {
      rt = srcReg(ctx);
      rt2 = srcReg(ctx);
    }
    const base = pickBase(ctx);
    const B = base.value;
    const imm7 = rng.range(-64, 63);
    const off = imm7 * bytes;
    const addr = mode === 1 ? B : B + off;
    if (!accessOk(ctx, addr, 2 * bytes, bytes)) continue;
    if (mode === 1 || mode === 3) {
      if (!baseOk(ctx, base, B + off)) continue;
      base.value = B + off;
    }
    return words([A.ldstPair(opc, v, mode, load, imm7, rt2, base.reg, rt)], 'LDST_pair');
  }
  return null;
}

/**
 * An exclusive block: load-exclusive, up to two data-processing instructions, then a
 * store-exclusive of the same size to the same address (which must succeed); or a
 * lone store-exclusive with no reservation (which must fail). No other store sits
 * between the pair, and branches never land inside the block.
 */
export function exclusiveBlock(ctx: SeqCtx): Item | null {
  const rng = ctx.rng;
  const base = pickBase(ctx);
  const pair = rng.bool(0.3);
  const size = pair ? rng.pick([2, 3]) : rng.below(4);
  const bytes = pair ? 2 << size : 1 << size;
  if (!accessOk(ctx, base.value, bytes, bytes)) return null;
  const o1 = pair ? 1 : 0;
  const rt = destReg(ctx);
  const rt2 = pair ? destReg(ctx, [rt]) : 31;
  if (pair && rt === 31 && rt2 === 31) return null;
  const st = freeReg(ctx);
  const st2 = pair ? freeReg(ctx) : 31;
  const status = freeReg(ctx, [st, st2]);
  const store = A.ldstExcl(size, 0, 0, o1, status, rng.below(2), st2, base.reg, st);
  if (rng.bool(0.15)) return words([store], 'STXR_lone', true);
  const out = [A.ldstExcl(size, 0, 1, o1, 31, rng.below(2), rt2, base.reg, rt)];
  const names = ['LDXR'];
  for (let k = rng.below(3); k > 0; k--) {
    const d = dpWord(ctx, ctx.dp);
    if (d) {
      out.push(d.word);
      names.push(d.name);
    }
  }
  out.push(store);
  names.push('STXR');
  return { kind: 'words', words: out, names, block: true };
}

/** LDAR/STLR/LDLAR/STLLR, LDAPR and LDAPUR/STLUR (no reservation involved). */
export function orderedLdSt(ctx: SeqCtx): Item | null {
  const rng = ctx.rng;
  const base = pickBase(ctx);
  const size = rng.below(4);
  if (rng.bool(0.25)) {
    const opc = rng.pick(size === 3 ? [0, 1] : size === 2 ? [0, 1, 2] : [0, 1, 2, 3]);
    const off = (1 << size) * rng.range(Math.ceil(-256 >> size), Math.floor(255 >> size));
    if (!accessOk(ctx, base.value + off, 1 << size, 1 << size)) return null;
    return words([A.ldapur(size, opc, off, base.reg, opc === 0 ? srcReg(ctx) : destReg(ctx))], opc === 0 ? 'STLUR' : 'LDAPUR');
  }
  if (!accessOk(ctx, base.value, 1 << size, 1 << size)) return null;
  const kind = rng.below(3);
  if (kind === 2) return words([A.atomicOp(size, 1, 0, 31, 12, base.reg, destReg(ctx))], 'LDAPR');
  const load = rng.below(2);
  const rt = load ? destReg(ctx) : srcReg(ctx);
  return words([A.ldstExcl(size, 1, load, 0, 31, kind, 31, base.reg, rt)], load ? 'LDAR' : 'STLR');
}

/** One LSE atomic memory operation (LDADD..LDUMIN, SWP; ST<op> when Rt = XZR). */
export function atomicRmw(ctx: SeqCtx, allowMinMax: boolean): Item | null {
  const rng = ctx.rng;
  const base = pickBase(ctx);
  const size = rng.below(4);
  if (!accessOk(ctx, base.value, 1 << size, 1 << size)) return null;
  const ops = allowMinMax ? [0, 1, 2, 3, 4, 5, 6, 7, 8] : [0, 1, 2, 3, 8];
  const op = rng.pick(ops);
  const rs = rng.below(32);
  const rt = destReg(ctx);
  return words([A.atomicOp(size, rng.below(2), rng.below(2), rs, op, base.reg, rt)], op === 8 ? 'SWP' : 'LD<op>');
}

/** CAS or CASP, half the time preceded by a load of the current value so the compare succeeds. */
export function compareAndSwap(ctx: SeqCtx): Item | null {
  const rng = ctx.rng;
  const base = pickBase(ctx);
  const isPair = rng.bool(0.3);
  const out: number[] = [];
  if (isPair) {
    const sz = rng.below(2);
    const bytes = 4 << sz;
    if (!accessOk(ctx, base.value, 2 * bytes, 2 * bytes)) return null;
    const free = [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28].filter((r) => !ctx.reserved.has(r) && !ctx.reserved.has(r + 1));
    if (free.length === 0) return null;
    const rs = rng.pick(free);
    const rt = 2 * rng.below(15);
    if (rng.bool(0.5)) out.push(A.ldstPair(sz === 1 ? 2 : 0, 0, 2, 1, 0, rs + 1, base.reg, rs));
    out.push(A.casp(sz, rng.below(2), rng.below(2), rs, base.reg, rt));
    return { kind: 'words', words: out, names: out.length === 2 ? ['LDP', 'CASP'] : ['CASP'], block: false };
  }
  const size = rng.below(4);
  if (!accessOk(ctx, base.value, 1 << size, 1 << size)) return null;
  const rs = destReg(ctx);
  const rt = rng.below(32);
  if (rs !== 31 && rng.bool(0.5)) out.push(A.ldstUimm(size, 0, 1, 0, base.reg, rs));
  out.push(A.cas(size, rng.below(2), rng.below(2), rs, base.reg, rt));
  return { kind: 'words', words: out, names: out.length === 2 ? ['LDR', 'CAS'] : ['CAS'], block: false };
}

/** LD1-LD4 / ST1-ST4 (multiple structures and single lanes) and LD1R-LD4R, with or without post-increment. */
export function simdStructure(ctx: SeqCtx): Item | null {
  const rng = ctx.rng;
  for (let attempt = 0; attempt < 20; attempt++) {
    const base = pickBase(ctx);
    const B = base.value;
    const q = rng.below(2);
    const load = rng.below(2);
    const post = rng.bool(0.4);
    const rt = rng.below(32);
    if (rng.bool(0.6)) {
      const [opcode, regs] = rng.pick([[7, 1], [10, 2], [6, 3], [2, 4], [8, 2], [4, 3], [0, 4]] as const);
      const size = rng.below(4);
      if (size === 3 && q === 0 && opcode !== 7 && opcode !== 10 && opcode !== 6 && opcode !== 2) continue; // LD2-4 .1d is reserved
      const regBytes = q ? 16 : 8;
      const total = regs * regBytes;
      if (!accessOk(ctx, B, total, regBytes)) continue;
      if (post && !baseOk(ctx, base, B + total)) continue;
      if (post) base.value = B + total;
      return words([A.simdMulti(q, load, post, 31, opcode, size, base.reg, rt)], 'SIMD_multi');
    }
    // Single structure (one lane of 1-4 registers) or LDnR (load and replicate).
    const replicate = load === 1 && rng.bool(0.3);
    const nregs = rng.range(1, 4);
    const esize = rng.below(4);
    const bytes = nregs << esize;
    if (!accessOk(ctx, B, bytes, 1 << esize)) continue;
    if (post && !baseOk(ctx, base, B + bytes)) continue;
    const r = nregs === 2 || nregs === 4 ? 1 : 0;
    const odd = nregs >= 3 ? 1 : 0;
    let opcode: number;
    let s = 0;
    let size = 0;
    let qq = q;
    if (replicate) {
      opcode = 6 | odd;
      size = esize;
    } else {
      // Lane index bits spread over Q:S:size as the Arm ARM lays them out.
      const lane = rng.below(16 >> esize);
      if (esize === 0) [opcode, qq, s, size] = [0 | odd, lane >> 3, (lane >> 2) & 1, lane & 3];
      else if (esize === 1) [opcode, qq, s, size] = [2 | odd, lane >> 2, (lane >> 1) & 1, (lane & 1) << 1];
      else if (esize === 2) [opcode, qq, s, size] = [4 | odd, lane >> 1, lane & 1, 0];
      else [opcode, qq, s, size] = [4 | odd, lane, 0, 1];
    }
    if (post) base.value = B + bytes;
    return words([A.simdSingle(qq, load, r, post, 31, opcode, s, size, base.reg, rt)], replicate ? 'LDnR' : 'SIMD_single');
  }
  return null;
}

function words(w: number[], name: string, block = false): Item {
  return { kind: 'words', words: w, names: [name], block };
}

/** A store's data register: mostly a free register, sometimes XZR. */
function srcReg(ctx: SeqCtx): number {
  return ctx.rng.bool(0.15) ? 31 : freeReg(ctx);
}
