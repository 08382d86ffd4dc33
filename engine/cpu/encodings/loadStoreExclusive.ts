/**
 * Exclusives (LDXR/STXR, LDAXR/STLXR and the pair forms, every size) and ordered
 * accesses (LDAR/STLR, LDAPR, LDLAR/STLLR).
 *
 * The vCPUs of a machine run interleaved one instruction at a time, so every access is
 * already sequentially consistent: acquire/release semantics need nothing beyond a plain
 * access. Exclusives use the CPU's monitor: a load-exclusive sets this vCPU's reservation
 * (64-byte granule), a store-exclusive succeeds only if it still holds, and any store by
 * another vCPU to the granule clears it (in `Cpu.wpage`). The status register gets 0 on
 * success, 1 on failure; the reservation is cleared either way.
 *
 * Ordered single-register accesses carry the ISV syndrome; exclusives do not (as on
 * hardware). CONSTRAINED UNPREDICTABLE cases follow qemu-aarch64: LDXP with Rt == Rt2
 * keeps the second element; STXR with Rs == Rt stores the old value of Rt.
 */
import type { Cpu } from '../cpu';
import { EncodingSpec, Fields } from '../encodingTable';
import { ExecFn, Insn, lsSyndrome } from '../insn';
import { spReg, zrRead, zrWrite } from '../regs';
import { baseAddr, checkAligned, ldB, ldH, ldW, ldX, setW, setX, stB, stH, stW, stX } from './loadStoreCommon';

// ------------------------------------------------------------------ load/store exclusive register
// Operands: rd = Rt, rn = base, rs = status register (write slot), rt2 = Rt2 (pairs).

const execLDXR_B: ExecFn = (c, i) => {
  const a = baseAddr(c, i, 0);
  const v = c.ld8(a);
  c.setExclusive(a);
  setW(c, i.rd, v);
};
const execLDXR_H: ExecFn = (c, i) => {
  const a = baseAddr(c, i, 0);
  const v = c.ld16(a);
  c.setExclusive(a);
  setW(c, i.rd, v);
};
const execLDXR_W: ExecFn = (c, i) => {
  const a = baseAddr(c, i, 0);
  const v = c.ld32(a);
  c.setExclusive(a);
  setW(c, i.rd, v);
};
const execLDXR_X: ExecFn = (c, i) => {
  const a = baseAddr(c, i, 0);
  const lo = c.ld64(a);
  c.setExclusive(a);
  setX(c, i.rd, lo, c.ldHi);
};

/**
 * The store-exclusive protocol around `store`: a failing store-exclusive writes nothing
 * but still checks alignment (Arm ARM AArch64.ExclusiveMonitorsPass aligns first).
 */
function storeExclusive(c: Cpu, a: number, size: number): boolean {
  if (c.checkExclusive(a)) return true;
  checkAligned(c, a, size, true);
  return false;
}
function finishStoreExclusive(c: Cpu, i: Insn, ok: boolean): void {
  c.clearExclusive();
  setW(c, i.rs, ok ? 0 : 1);
}

const execSTXR_B: ExecFn = (c, i) => {
  const a = baseAddr(c, i, 0);
  const ok = storeExclusive(c, a, 1);
  if (ok) c.st8(a, c.x[2 * i.rd]);
  finishStoreExclusive(c, i, ok);
};
const execSTXR_H: ExecFn = (c, i) => {
  const a = baseAddr(c, i, 0);
  const ok = storeExclusive(c, a, 2);
  if (ok) c.st16(a, c.x[2 * i.rd]);
  finishStoreExclusive(c, i, ok);
};
const execSTXR_W: ExecFn = (c, i) => {
  const a = baseAddr(c, i, 0);
  const ok = storeExclusive(c, a, 4);
  if (ok) c.st32(a, c.x[2 * i.rd]);
  finishStoreExclusive(c, i, ok);
};
const execSTXR_X: ExecFn = (c, i) => {
  const a = baseAddr(c, i, 0);
  const ok = storeExclusive(c, a, 8);
  if (ok) c.st64(a, c.x[2 * i.rd], c.x[2 * i.rd + 1]);
  finishStoreExclusive(c, i, ok);
};

// Pairs: one access of twice the register size, aligned to it (W pair: one 64-bit access).
const execLDXP_W: ExecFn = (c, i) => {
  const a = baseAddr(c, i, 0);
  const lo = c.ld64(a);
  c.setExclusive(a);
  setW(c, i.rd, lo);
  setW(c, i.rt2, c.ldHi);
};
const execLDXP_X: ExecFn = (c, i) => {
  const a = baseAddr(c, i, 0);
  const w = c.rpage(a, 16).i32; // one 16-byte access: faults unless 16-byte aligned
  const k = (a & 4095) >> 2;
  c.setExclusive(a);
  const l1 = w[k + 2];
  const h1 = w[k + 3];
  setX(c, i.rd, w[k], w[k + 1]);
  setX(c, i.rt2, l1, h1);
};
const execSTXP_W: ExecFn = (c, i) => {
  const a = baseAddr(c, i, 0);
  const ok = storeExclusive(c, a, 8);
  if (ok) c.st64(a, c.x[2 * i.rd], c.x[2 * i.rt2]);
  finishStoreExclusive(c, i, ok);
};
const execSTXP_X: ExecFn = (c, i) => {
  const a = baseAddr(c, i, 0);
  const ok = storeExclusive(c, a, 16);
  if (ok) {
    const w = c.wpage(a, 16).i32;
    const k = (a & 4095) >> 2;
    const x = c.x;
    w[k] = x[2 * i.rd];
    w[k + 1] = x[2 * i.rd + 1];
    w[k + 2] = x[2 * i.rt2];
    w[k + 3] = x[2 * i.rt2 + 1];
  }
  finishStoreExclusive(c, i, ok);
};

const LDXR = [execLDXR_B, execLDXR_H, execLDXR_W, execLDXR_X];
const STXR = [execSTXR_B, execSTXR_H, execSTXR_W, execSTXR_X];

/** `sizeLog2` from the line (B, H) or from z (W/X). */
function loadExclusive(i: Insn, f: Fields, sizeLog2: number): ExecFn {
  i.rd = zrWrite(f.t);
  i.rn = spReg(f.n);
  return LDXR[sizeLog2];
}
function storeExclusiveReg(i: Insn, f: Fields, sizeLog2: number): ExecFn {
  i.rd = zrRead(f.t);
  i.rs = zrWrite(f.s);
  i.rn = spReg(f.n);
  return STXR[sizeLog2];
}
function loadExclusivePair(i: Insn, f: Fields): ExecFn {
  i.rd = zrWrite(f.t);
  i.rt2 = zrWrite(f.u);
  i.rn = spReg(f.n);
  return f.z ? execLDXP_X : execLDXP_W;
}
function storeExclusivePair(i: Insn, f: Fields): ExecFn {
  i.rd = zrRead(f.t);
  i.rt2 = zrRead(f.u);
  i.rs = zrWrite(f.s);
  i.rn = spReg(f.n);
  return f.z ? execSTXP_X : execSTXP_W;
}

// ------------------------------------------------------------------ ordered (acquire/release)

const ORDERED_LOAD: ExecFn[] = [
  (c, i) => ldB(c, i.rd, baseAddr(c, i, 0)),
  (c, i) => ldH(c, i.rd, baseAddr(c, i, 0)),
  (c, i) => ldW(c, i.rd, baseAddr(c, i, 0)),
  (c, i) => ldX(c, i.rd, baseAddr(c, i, 0)),
];
const ORDERED_STORE: ExecFn[] = [
  (c, i) => stB(c, i.rd, baseAddr(c, i, 0)),
  (c, i) => stH(c, i.rd, baseAddr(c, i, 0)),
  (c, i) => stW(c, i.rd, baseAddr(c, i, 0)),
  (c, i) => stX(c, i.rd, baseAddr(c, i, 0)),
];

function ordered(i: Insn, f: Fields, sizeLog2: number, load: boolean): ExecFn {
  i.rd = load ? zrWrite(f.t) : zrRead(f.t);
  i.rn = spReg(f.n);
  i.ls = lsSyndrome(sizeLog2, false, sizeLog2 === 3, f.t);
  return (load ? ORDERED_LOAD : ORDERED_STORE)[sizeLog2];
}

const wx = (f: Fields): number => 2 + f.z;

// ------------------------------------------------------------------ the table

export const LOAD_STORE_EXCLUSIVE_ENCODINGS: EncodingSpec[] = [
  // s = Rs (status), u = Rt2; the unused Rs/Rt2 fields are should-be-one and ignored.
  // STXRB <Ws>, <Wt>, [<Xn|SP>{, #0}]
  { name: 'STXRB', pattern: '00001000000sssss0-----nnnnnttttt', decode: (i, f) => storeExclusiveReg(i, f, 0) },
  // STLXRB <Ws>, <Wt>, [<Xn|SP>{, #0}]
  { name: 'STLXRB', pattern: '00001000000sssss1-----nnnnnttttt', decode: (i, f) => storeExclusiveReg(i, f, 0) },
  // LDXRB <Wt>, [<Xn|SP>{, #0}]
  { name: 'LDXRB', pattern: '00001000010-----0-----nnnnnttttt', decode: (i, f) => loadExclusive(i, f, 0) },
  // LDAXRB <Wt>, [<Xn|SP>{, #0}]
  { name: 'LDAXRB', pattern: '00001000010-----1-----nnnnnttttt', decode: (i, f) => loadExclusive(i, f, 0) },
  // STXRH <Ws>, <Wt>, [<Xn|SP>{, #0}]
  { name: 'STXRH', pattern: '01001000000sssss0-----nnnnnttttt', decode: (i, f) => storeExclusiveReg(i, f, 1) },
  // STLXRH <Ws>, <Wt>, [<Xn|SP>{, #0}]
  { name: 'STLXRH', pattern: '01001000000sssss1-----nnnnnttttt', decode: (i, f) => storeExclusiveReg(i, f, 1) },
  // LDXRH <Wt>, [<Xn|SP>{, #0}]
  { name: 'LDXRH', pattern: '01001000010-----0-----nnnnnttttt', decode: (i, f) => loadExclusive(i, f, 1) },
  // LDAXRH <Wt>, [<Xn|SP>{, #0}]
  { name: 'LDAXRH', pattern: '01001000010-----1-----nnnnnttttt', decode: (i, f) => loadExclusive(i, f, 1) },
  // STXR <Ws>, <Wt|Xt>, [<Xn|SP>{, #0}]
  { name: 'STXR', pattern: '1z001000000sssss0-----nnnnnttttt', decode: (i, f) => storeExclusiveReg(i, f, wx(f)) },
  // STLXR <Ws>, <Wt|Xt>, [<Xn|SP>{, #0}]
  { name: 'STLXR', pattern: '1z001000000sssss1-----nnnnnttttt', decode: (i, f) => storeExclusiveReg(i, f, wx(f)) },
  // LDXR <Wt|Xt>, [<Xn|SP>{, #0}]
  { name: 'LDXR', pattern: '1z001000010-----0-----nnnnnttttt', decode: (i, f) => loadExclusive(i, f, wx(f)) },
  // LDAXR <Wt|Xt>, [<Xn|SP>{, #0}]
  { name: 'LDAXR', pattern: '1z001000010-----1-----nnnnnttttt', decode: (i, f) => loadExclusive(i, f, wx(f)) },

  // STXP <Ws>, <Wt1|Xt1>, <Wt2|Xt2>, [<Xn|SP>{, #0}]
  { name: 'STXP', pattern: '1z001000001sssss0uuuuunnnnnttttt', decode: storeExclusivePair },
  // STLXP <Ws>, <Wt1|Xt1>, <Wt2|Xt2>, [<Xn|SP>{, #0}]
  { name: 'STLXP', pattern: '1z001000001sssss1uuuuunnnnnttttt', decode: storeExclusivePair },
  // LDXP <Wt1|Xt1>, <Wt2|Xt2>, [<Xn|SP>{, #0}]
  { name: 'LDXP', pattern: '1z001000011-----0uuuuunnnnnttttt', decode: loadExclusivePair },
  // LDAXP <Wt1|Xt1>, <Wt2|Xt2>, [<Xn|SP>{, #0}]
  { name: 'LDAXP', pattern: '1z001000011-----1uuuuunnnnnttttt', decode: loadExclusivePair },

  // STLLRB <Wt>, [<Xn|SP>{, #0}]
  { name: 'STLLRB', pattern: '00001000100-----0-----nnnnnttttt', decode: (i, f) => ordered(i, f, 0, false) },
  // STLRB <Wt>, [<Xn|SP>{, #0}]
  { name: 'STLRB', pattern: '00001000100-----1-----nnnnnttttt', decode: (i, f) => ordered(i, f, 0, false) },
  // LDLARB <Wt>, [<Xn|SP>{, #0}]
  { name: 'LDLARB', pattern: '00001000110-----0-----nnnnnttttt', decode: (i, f) => ordered(i, f, 0, true) },
  // LDARB <Wt>, [<Xn|SP>{, #0}]
  { name: 'LDARB', pattern: '00001000110-----1-----nnnnnttttt', decode: (i, f) => ordered(i, f, 0, true) },
  // STLLRH <Wt>, [<Xn|SP>{, #0}]
  { name: 'STLLRH', pattern: '01001000100-----0-----nnnnnttttt', decode: (i, f) => ordered(i, f, 1, false) },
  // STLRH <Wt>, [<Xn|SP>{, #0}]
  { name: 'STLRH', pattern: '01001000100-----1-----nnnnnttttt', decode: (i, f) => ordered(i, f, 1, false) },
  // LDLARH <Wt>, [<Xn|SP>{, #0}]
  { name: 'LDLARH', pattern: '01001000110-----0-----nnnnnttttt', decode: (i, f) => ordered(i, f, 1, true) },
  // LDARH <Wt>, [<Xn|SP>{, #0}]
  { name: 'LDARH', pattern: '01001000110-----1-----nnnnnttttt', decode: (i, f) => ordered(i, f, 1, true) },
  // STLLR <Wt|Xt>, [<Xn|SP>{, #0}]
  { name: 'STLLR', pattern: '1z001000100-----0-----nnnnnttttt', decode: (i, f) => ordered(i, f, wx(f), false) },
  // STLR <Wt|Xt>, [<Xn|SP>{, #0}]
  { name: 'STLR', pattern: '1z001000100-----1-----nnnnnttttt', decode: (i, f) => ordered(i, f, wx(f), false) },
  // LDLAR <Wt|Xt>, [<Xn|SP>{, #0}]
  { name: 'LDLAR', pattern: '1z001000110-----0-----nnnnnttttt', decode: (i, f) => ordered(i, f, wx(f), true) },
  // LDAR <Wt|Xt>, [<Xn|SP>{, #0}]
  { name: 'LDAR', pattern: '1z001000110-----1-----nnnnnttttt', decode: (i, f) => ordered(i, f, wx(f), true) },

  // LDAPR (RCpc): in the atomic-memory-operation space (A=1, R=0, Rs=11111, o3:opc=1100).
  // LDAPRB <Wt>, [<Xn|SP>{, #0}]
  { name: 'LDAPRB', pattern: '0011100010111111110000nnnnnttttt', decode: (i, f) => ordered(i, f, 0, true) },
  // LDAPRH <Wt>, [<Xn|SP>{, #0}]
  { name: 'LDAPRH', pattern: '0111100010111111110000nnnnnttttt', decode: (i, f) => ordered(i, f, 1, true) },
  // LDAPR <Wt|Xt>, [<Xn|SP>{, #0}]
  { name: 'LDAPR', pattern: '1z11100010111111110000nnnnnttttt', decode: (i, f) => ordered(i, f, wx(f), true) },
];
