/**
 * Operation names of the SYS aliases DC, IC, AT and TLBI that GNU as 2.40 accepts by default,
 * with their encodings. Generated once by disassembling every SYS encoding with
 * aarch64-linux-gnu-objdump and keeping the names the assembler takes; the differential
 * test re-checks every entry against the assembler.
 *
 * Each entry is `alias.op:key[:r]`: key is op1:CRn:CRm:op2 (instruction bits 18:5) in hex;
 * ':r' means the operation takes an address register (otherwise Rt is 31 and no operand is written).
 */
const DATA =
  'at.s12e0r:23c6:r at.s12e0w:23c7:r at.s12e1r:23c4:r at.s12e1w:23c5:r at.s1e0r:3c2:r at.s1e0w:3c3:r ' +
  'at.s1e1r:3c0:r at.s1e1w:3c1:r at.s1e2r:23c0:r at.s1e2w:23c1:r at.s1e3r:33c0:r at.s1e3w:33c1:r ' +
  'dc.cigdpapa:33f5:r dc.cipapa:33f1:r dc.cisw:3f2:r dc.civac:1bf1:r dc.csw:3d2:r dc.cvac:1bd1:r ' +
  'dc.cvau:1bd9:r dc.isw:3b2:r dc.ivac:3b1:r dc.zva:1ba1:r ic.iallu:3a8 ic.ialluis:388 ic.ivau:1ba9:r ' +
  'tlbi.alle1:243c tlbi.alle1is:241c tlbi.alle2:2438 tlbi.alle2is:2418 tlbi.alle3:3438 tlbi.alle3is:3418 ' +
  'tlbi.aside1:43a:r tlbi.aside1is:41a:r tlbi.ipas2e1:2421:r tlbi.ipas2e1is:2401:r tlbi.ipas2le1:2425:r ' +
  'tlbi.ipas2le1is:2405:r tlbi.paall:343c tlbi.paallos:340c tlbi.rpalos:3427:r tlbi.rpaos:3423:r ' +
  'tlbi.vaae1:43b:r tlbi.vaae1is:41b:r tlbi.vaale1:43f:r tlbi.vaale1is:41f:r tlbi.vae1:439:r ' +
  'tlbi.vae1is:419:r tlbi.vae2:2439:r tlbi.vae2is:2419:r tlbi.vae3:3439:r tlbi.vae3is:3419:r ' +
  'tlbi.vale1:43d:r tlbi.vale1is:41d:r tlbi.vale2:243d:r tlbi.vale2is:241d:r tlbi.vale3:343d:r ' +
  'tlbi.vale3is:341d:r tlbi.vmalle1:438 tlbi.vmalle1is:418 tlbi.vmalls12e1:243e tlbi.vmalls12e1is:241e';

export interface SysOp {
  /** op1:CRn:CRm:op2. */
  readonly key: number;
  readonly takesRegister: boolean;
}

/** Keyed by alias ('dc', 'ic', 'at', 'tlbi'), then operation name. */
export const SYS_OPS: ReadonlyMap<string, ReadonlyMap<string, SysOp>> = (() => {
  const m = new Map<string, Map<string, SysOp>>();
  for (const ent of DATA.split(/\s+/)) {
    const [full, key, reg] = ent.split(':');
    const [alias, op] = full.split('.');
    if (!m.has(alias)) m.set(alias, new Map());
    m.get(alias)!.set(op, { key: parseInt(key, 16), takesRegister: reg === 'r' });
  }
  return m;
})();
