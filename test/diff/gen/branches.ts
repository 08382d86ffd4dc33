/**
 * Forward-only branches (so every sequence terminates): B, BL, B.cond, CBZ/CBNZ,
 * TBZ/TBNZ, and BR/BLR/RET through a reserved register that the initial state points
 * at the target. Targets are item starts later in the sequence, or its end.
 */
import * as A from './a64';
import { freeReg, Item, SeqCtx } from './context';

export function branch(ctx: SeqCtx): Item {
  const rng = ctx.rng;
  const kind = rng.pick(['b', 'bl', 'bcond', 'bcond', 'cbz', 'cbz', 'tbz', 'tbz', 'br', 'blr', 'ret']);
  switch (kind) {
    case 'b':
      return { kind: 'branch', name: 'B', make: (pc, t) => A.b(t - pc) };
    case 'bl':
      return { kind: 'branch', name: 'BL', make: (pc, t) => A.bl(t - pc) };
    case 'bcond': {
      const cond = rng.below(16);
      return { kind: 'branch', name: 'B_cond', make: (pc, t) => A.bcond(cond, t - pc) };
    }
    case 'cbz': {
      const sf = rng.below(2);
      const nz = rng.below(2);
      const rt = rng.below(32);
      return { kind: 'branch', name: nz ? 'CBNZ' : 'CBZ', make: (pc, t) => A.cbz(sf, nz, rt, t - pc) };
    }
    case 'tbz': {
      const nz = rng.below(2);
      const rt = rng.below(32);
      const bit = rng.below(64);
      return { kind: 'branch', name: nz ? 'TBNZ' : 'TBZ', make: (pc, t) => A.tbz(nz, rt, bit, t - pc) };
    }
    default: {
      const op = kind === 'br' ? 0 : kind === 'blr' ? 1 : 2;
      const reg = freeReg(ctx);
      ctx.reserved.add(reg);
      return { kind: 'branch', name: kind.toUpperCase(), make: () => A.branchReg(op, reg), targetReg: reg };
    }
  }
}
