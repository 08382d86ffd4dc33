/**
 * The SYS aliases (AT, DC, IC, TLBI and the prediction-restriction CFP/DVP/CPP) as GNU
 * objdump 2.40 prints them, keyed by op1:CRn:CRm:op2 (instruction bits 18:5). Generated
 * once by disassembling every SYS encoding with aarch64-linux-gnu-objdump;
 * test/diff/disasmSystem.test.ts re-checks every encoding against objdump.
 *
 * Each entry is `mnemonic.operation:key[:r]`; `r` marks operations that take an address
 * register (printed even when it is XZR). Operations without `r` print no register,
 * whatever Rt holds.
 */
const DATA =
  'ic.ialluis:388 ic.iallu:3a8 dc.ivac:3b1:r dc.isw:3b2:r dc.igvac:3b3:r dc.igsw:3b4:r dc.igdvac:3b5:r ' +
  'dc.igdsw:3b6:r at.s1e1r:3c0:r at.s1e1w:3c1:r at.s1e0r:3c2:r at.s1e0w:3c3:r at.s1e1rp:3c8:r ' +
  'at.s1e1wp:3c9:r dc.csw:3d2:r dc.cgsw:3d4:r dc.cgdsw:3d6:r dc.cisw:3f2:r dc.cigsw:3f4:r ' +
  'dc.cigdsw:3f6:r tlbi.vmalle1os:408 tlbi.vae1os:409:r tlbi.aside1os:40a:r tlbi.vaae1os:40b:r ' +
  'tlbi.vale1os:40d:r tlbi.vaale1os:40f:r tlbi.rvae1is:411:r tlbi.rvaae1is:413:r tlbi.rvale1is:415:r ' +
  'tlbi.rvaale1is:417:r tlbi.vmalle1is:418 tlbi.vae1is:419:r tlbi.aside1is:41a:r tlbi.vaae1is:41b:r ' +
  'tlbi.vale1is:41d:r tlbi.vaale1is:41f:r tlbi.rvae1os:429:r tlbi.rvaae1os:42b:r tlbi.rvale1os:42d:r ' +
  'tlbi.rvaale1os:42f:r tlbi.rvae1:431:r tlbi.rvaae1:433:r tlbi.rvale1:435:r tlbi.rvaale1:437:r ' +
  'tlbi.vmalle1:438 tlbi.vae1:439:r tlbi.aside1:43a:r tlbi.vaae1:43b:r tlbi.vale1:43d:r ' +
  'tlbi.vaale1:43f:r cfp.rctx:1b9c:r dvp.rctx:1b9d:r cpp.rctx:1b9f:r dc.zva:1ba1:r dc.gva:1ba3:r ' +
  'dc.gzva:1ba4:r ic.ivau:1ba9:r dc.cvac:1bd1:r dc.cgvac:1bd3:r dc.cgdvac:1bd5:r dc.cvau:1bd9:r ' +
  'dc.cvap:1be1:r dc.cgvap:1be3:r dc.cgdvap:1be5:r dc.cvadp:1be9:r dc.cgvadp:1beb:r dc.cgdvadp:1bed:r ' +
  'dc.civac:1bf1:r dc.cigvac:1bf3:r dc.cigdvac:1bf5:r at.s1e2r:23c0:r at.s1e2w:23c1:r at.s12e1r:23c4:r ' +
  'at.s12e1w:23c5:r at.s12e0r:23c6:r at.s12e0w:23c7:r tlbi.ipas2e1is:2401:r tlbi.ripas2e1is:2402:r ' +
  'tlbi.ipas2le1is:2405:r tlbi.ripas2le1is:2406:r tlbi.alle2os:2408 tlbi.vae2os:2409:r ' +
  'tlbi.alle1os:240c tlbi.vale2os:240d:r tlbi.vmalls12e1os:240e tlbi.rvae2is:2411:r ' +
  'tlbi.rvale2is:2415:r tlbi.alle2is:2418 tlbi.vae2is:2419:r tlbi.alle1is:241c tlbi.vale2is:241d:r ' +
  'tlbi.vmalls12e1is:241e tlbi.ipas2e1os:2420:r tlbi.ipas2e1:2421:r tlbi.ripas2e1:2422:r ' +
  'tlbi.ripas2e1os:2423:r tlbi.ipas2le1os:2424:r tlbi.ipas2le1:2425:r tlbi.ripas2le1:2426:r ' +
  'tlbi.ripas2le1os:2427:r tlbi.rvae2os:2429:r tlbi.rvale2os:242d:r tlbi.rvae2:2431:r ' +
  'tlbi.rvale2:2435:r tlbi.alle2:2438 tlbi.vae2:2439:r tlbi.alle1:243c tlbi.vale2:243d:r ' +
  'tlbi.vmalls12e1:243e at.s1e3r:33c0:r at.s1e3w:33c1:r dc.cipapa:33f1:r dc.cigdpapa:33f5:r ' +
  'tlbi.alle3os:3408 tlbi.vae3os:3409:r tlbi.paallos:340c tlbi.vale3os:340d:r tlbi.rvae3is:3411:r ' +
  'tlbi.rvale3is:3415:r tlbi.alle3is:3418 tlbi.vae3is:3419:r tlbi.vale3is:341d:r tlbi.rpaos:3423:r ' +
  'tlbi.rpalos:3427:r tlbi.rvae3os:3429:r tlbi.rvale3os:342d:r tlbi.rvae3:3431:r tlbi.rvale3:3435:r ' +
  'tlbi.alle3:3438 tlbi.vae3:3439:r tlbi.paall:343c tlbi.vale3:343d:r ';
export interface SysAlias {
  readonly mnemonic: string;
  readonly operation: string;
  readonly takesRegister: boolean;
}

const ALIASES = new Map<number, SysAlias>();
for (const ent of DATA.trim().split(/\s+/)) {
  const [full, key, reg] = ent.split(':');
  const [mnemonic, operation] = full.split('.');
  ALIASES.set(parseInt(key, 16), { mnemonic, operation, takesRegister: reg === 'r' });
}

/** The alias objdump uses for SYS with this op1:CRn:CRm:op2, if any. */
export function sysAlias(key: number): SysAlias | undefined {
  return ALIASES.get(key);
}
