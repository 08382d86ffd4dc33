/**
 * System instructions whose effect is architectural state both the engine and the
 * oracles expose: NZCV, FPCR, FPSR (MRS/MSR), the FlagM flag manipulations, hints and
 * barriers. FPCR/FPSR are only written with defined bits (RES0 bits may read back
 * either way on real implementations).
 */
import * as A from './a64';
import { destReg, freeReg, Item, SeqCtx } from './context';
import { randomFpcr, randomFpsr } from './state';

export function systemOp(ctx: SeqCtx): Item {
  const rng = ctx.rng;
  const w = (words: number[], name: string): Item => ({ kind: 'words', words, names: [name], block: false });
  switch (rng.below(9)) {
    case 0:
      return w([A.mrs(destReg(ctx), rng.pick([A.SYSREG.NZCV, A.SYSREG.FPCR, A.SYSREG.FPSR]))], 'MRS');
    case 1:
      return w([A.msr(A.SYSREG.NZCV, rng.below(32))], 'MSR_nzcv');
    case 2:
    case 3: {
      const fpcr = rng.below(2) === 0;
      const value = fpcr ? randomFpcr(rng) : randomFpsr(rng);
      const r = freeReg(ctx);
      return w([A.movz(0, r, value >>> 16, 1), A.movk(0, r, value & 0xffff, 0), A.msr(fpcr ? A.SYSREG.FPCR : A.SYSREG.FPSR, r)], fpcr ? 'MSR_fpcr' : 'MSR_fpsr');
    }
    case 4:
      return w([rng.pick([0xd500401f, 0xd500403f, 0xd500405f])], 'FlagM'); // CFINV, XAFLAG, AXFLAG
    case 5:
      return w([rng.pick([A.NOP, 0xd503203f /* YIELD */, 0xd5033bbf /* DMB ISH */, 0xd5033f9f /* DSB SY */, 0xd5033fdf /* ISB */])], 'hint/barrier');
    default:
      return w([A.mrs(destReg(ctx), A.SYSREG.NZCV), A.msr(A.SYSREG.NZCV, rng.below(32))], 'MRS/MSR nzcv');
  }
}
