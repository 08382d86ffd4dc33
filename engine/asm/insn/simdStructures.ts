/**
 * SIMD structure loads and stores: LD1-LD4/ST1-ST4 (multiple structures and single
 * lanes) and LD1R-LD4R, with post-index by the transfer size or a register.
 */
import type { Fields } from '../../cpu/encodingTable';
import { EncodeContext, InsnDef, fail, wrongKind } from './context';
import { gpr, immValue } from './operandChecks';
import { ARR, ESIZE, Ops, listOp } from './simdOperands';

const MULT_OPCODE: Record<number, Record<number, number>> = {
  1: { 1: 0b0111, 2: 0b1010, 3: 0b0110, 4: 0b0010 },
};

/** [Xn|SP] with optional post-index `#imm` (must equal the bytes transferred) or register. */
function structAddress(ops: Ops, i: number, bytes: number, cx: EncodeContext): { n: number; post?: number } {
  const m = ops[i];
  if (!m || m.t !== 'mem') {
    if (!m) fail(`operand ${i + 1} is missing: expected [Xn|SP]`);
    wrongKind(i, 'an address [Xn|SP]', m);
  }
  if (m.imm || m.index || m.writeback) fail('structure loads and stores take [Xn|SP], optionally post-indexed: [Xn], #imm or [Xn], Xm', m);
  if (m.base.n === 31 && !m.base.sp) fail(`the base register must be x0-x30 or sp, not '${m.base.text}'`, m.base);
  const p = ops[i + 1];
  if (!p) return { n: m.base.n };
  if (ops.length > i + 2) fail(`too many operands for '${cx.mnemonic}'`, ops[i + 2]);
  if (p.t === 'gpr') {
    const r = gpr(ops, i + 1, { size: 'x' });
    if (r.n === 31) fail("the post-index register cannot be xzr; write the immediate instead", r);
    return { n: m.base.n, post: r.n };
  }
  const v = immValue(ops, i + 1, cx, 'a post-index immediate or register');
  if (v !== BigInt(bytes)) fail(`post-index immediate must be ${bytes}, the number of bytes transferred, not ${v}`, p);
  return { n: m.base.n, post: 31 };
}

export function structMultiple(load: boolean, count: number): InsnDef['encode'] {
  return (ops, cx) => {
    const L = load ? 'LD' : 'ST';
    const list = listOp(ops, 0);
    const arr = list.regs[0].arr;
    if (!arr || !ARR[arr] || arr === '1q') fail(`'${list.regs[0].text}': the registers need an arrangement like .4s`, list.regs[0]);
    for (const r of list.regs) if (r.arr !== arr) fail(`every register of the list must be .${arr}, not '${r.text}'`, r);
    const regs = list.regs.length;
    if (count === 1 ? regs < 1 || regs > 4 : regs !== count) {
      fail(`'${cx.mnemonic}' takes ${count === 1 ? '1 to 4 registers' : `${count} registers`} in its list, found ${regs}`, list);
    }
    const a = ARR[arr];
    if (count > 1 && arr === '1d') fail(`'${cx.mnemonic}' does not take .1d registers`, list.regs[0]);
    const addr = structAddress(ops, 1, regs * (a.q ? 16 : 8), cx);
    const base = `${L}${count}_mult`;
    const f: Fields = { q: a.q, S: a.size, n: addr.n, t: list.regs[0].n, ...(count === 1 ? { o: MULT_OPCODE[1][regs] } : {}) };
    if (addr.post === undefined) return cx.encode(base, f);
    return cx.encode(`${base}_post`, { ...f, m: addr.post });
  };
}

/** Single structure `{Vt.S, …}[index]` (opcode, S and size fields from the element size and index). */
export function structSingle(load: boolean, count: number): InsnDef['encode'] {
  return (ops, cx) => {
    const L = load ? 'LD' : 'ST';
    const list = listOp(ops, 0);
    if (list.regs.length !== count) fail(`'${cx.mnemonic}' takes ${count} register${count > 1 ? 's' : ''} in its list, found ${list.regs.length}`, list);
    const letter = list.regs[0].elem ?? list.regs[0].arr?.slice(-1);
    if (!letter || !'bhsd'.includes(letter)) fail(`'${list.regs[0].text}': expected an element size (.b, .h, .s or .d)`, list.regs[0]);
    for (const r of list.regs) if ((r.elem ?? r.arr?.slice(-1)) !== letter) fail(`every register of the list must be .${letter}`, r);
    const size = ESIZE[letter];
    const index = list.index!;
    const max = (16 >> size) - 1;
    if (index < 0 || index > max) fail(`element index out of range: ${index} is not in 0 to ${max}`, list);
    // opcode<2:1> = element size class; Q:S:size hold the index.
    let q: number;
    let s: number;
    let sz: number;
    let o: number;
    if (size === 0) [o, q, s, sz] = [0, index >> 3, (index >> 2) & 1, index & 3];
    else if (size === 1) [o, q, s, sz] = [1, index >> 2, (index >> 1) & 1, (index & 1) << 1];
    else if (size === 2) [o, q, s, sz] = [2, index >> 1, index & 1, 0];
    else [o, q, s, sz] = [2, index, 0, 1];
    const addr = structAddress(ops, 1, count << size, cx);
    const base = `${L}${count}_single`;
    const f: Fields = { q, o, x: s, S: sz, n: addr.n, t: list.regs[0].n };
    if (addr.post === undefined) return cx.encode(base, f);
    return cx.encode(`${base}_post`, { ...f, m: addr.post });
  };
}

export function structReplicate(count: number): InsnDef['encode'] {
  return (ops, cx) => {
    const list = listOp(ops, 0);
    if (list.regs.length !== count) fail(`'${cx.mnemonic}' takes ${count} register${count > 1 ? 's' : ''} in its list, found ${list.regs.length}`, list);
    const arr = list.regs[0].arr;
    if (!arr || !ARR[arr] || arr === '1q') fail(`'${list.regs[0].text}': the registers need an arrangement like .4s`, list.regs[0]);
    for (const r of list.regs) if (r.arr !== arr) fail(`every register of the list must be .${arr}`, r);
    const a = ARR[arr];
    const addr = structAddress(ops, 1, count << a.size, cx);
    const f: Fields = { q: a.q, S: a.size, n: addr.n, t: list.regs[0].n };
    if (addr.post === undefined) return cx.encode(`LD${count}R`, f);
    return cx.encode(`LD${count}R_post`, { ...f, m: addr.post });
  };
}
