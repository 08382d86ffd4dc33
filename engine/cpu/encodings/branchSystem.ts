/**
 * Branches, exception generation and system instructions (Arm ARM C4.1.65 group
 * "Branches, Exception Generating and System instructions").
 */
import { Cpu } from '../cpu';
import { EncodingSpec, Fields } from '../encodingTable';
import { EC, FSC, esr } from '../exits';
import { ExecFn, Insn } from '../insn';
import { hi32, lo32, regNum, zrRead, zrWrite } from '../regs';
import { SYSREG_BY_KEY, sysregKey } from '../sysregs';

const sext = (v: number, bits: number): number => (v << (32 - bits)) >> (32 - bits);

// ------------------------------------------------------------------ branches

function execB(cpu: Cpu, i: Insn): void {
  cpu.pc = i.imm;
}
function execBL(cpu: Cpu, i: Insn): void {
  const ret = i.addr + 4;
  cpu.x[60] = lo32(ret);
  cpu.x[61] = hi32(ret);
  cpu.pc = i.imm;
}
// B.cond: one handler per condition (chosen at decode), so the flags test is inline
// rather than a switch on the condition at every execution.
function execBeq(cpu: Cpu, i: Insn): void {
  if (cpu.z === 1) cpu.pc = i.imm;
}
function execBne(cpu: Cpu, i: Insn): void {
  if (cpu.z === 0) cpu.pc = i.imm;
}
function execBcs(cpu: Cpu, i: Insn): void {
  if (cpu.c === 1) cpu.pc = i.imm;
}
function execBcc(cpu: Cpu, i: Insn): void {
  if (cpu.c === 0) cpu.pc = i.imm;
}
function execBmi(cpu: Cpu, i: Insn): void {
  if (cpu.n === 1) cpu.pc = i.imm;
}
function execBpl(cpu: Cpu, i: Insn): void {
  if (cpu.n === 0) cpu.pc = i.imm;
}
function execBvs(cpu: Cpu, i: Insn): void {
  if (cpu.v === 1) cpu.pc = i.imm;
}
function execBvc(cpu: Cpu, i: Insn): void {
  if (cpu.v === 0) cpu.pc = i.imm;
}
function execBhi(cpu: Cpu, i: Insn): void {
  if (cpu.c === 1 && cpu.z === 0) cpu.pc = i.imm;
}
function execBls(cpu: Cpu, i: Insn): void {
  if (cpu.c === 0 || cpu.z === 1) cpu.pc = i.imm;
}
function execBge(cpu: Cpu, i: Insn): void {
  if (cpu.n === cpu.v) cpu.pc = i.imm;
}
function execBlt(cpu: Cpu, i: Insn): void {
  if (cpu.n !== cpu.v) cpu.pc = i.imm;
}
function execBgt(cpu: Cpu, i: Insn): void {
  if (cpu.z === 0 && cpu.n === cpu.v) cpu.pc = i.imm;
}
function execBle(cpu: Cpu, i: Insn): void {
  if (cpu.z === 1 || cpu.n !== cpu.v) cpu.pc = i.imm;
}
/** By condition code: EQ NE CS CC MI PL VS VC HI LS GE LT GT LE AL NV (AL and NV both always branch). */
const BCOND: readonly ExecFn[] = [
  execBeq, execBne, execBcs, execBcc, execBmi, execBpl, execBvs, execBvc,
  execBhi, execBls, execBge, execBlt, execBgt, execBle, execB, execB,
];
function execCBZ(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  if ((x[2 * i.rd] | (i.sf ? x[2 * i.rd + 1] : 0)) === 0) cpu.pc = i.imm;
}
function execCBNZ(cpu: Cpu, i: Insn): void {
  const x = cpu.x;
  if ((x[2 * i.rd] | (i.sf ? x[2 * i.rd + 1] : 0)) !== 0) cpu.pc = i.imm;
}
function execTBZ(cpu: Cpu, i: Insn): void {
  if (((cpu.x[2 * i.rd + (i.a >> 5)] >>> (i.a & 31)) & 1) === 0) cpu.pc = i.imm;
}
function execTBNZ(cpu: Cpu, i: Insn): void {
  if (((cpu.x[2 * i.rd + (i.a >> 5)] >>> (i.a & 31)) & 1) !== 0) cpu.pc = i.imm;
}
function execBR(cpu: Cpu, i: Insn): void {
  cpu.pc = regNum(cpu, i.rn);
}
function execBLR(cpu: Cpu, i: Insn): void {
  const target = regNum(cpu, i.rn); // read before writing x30 (BLR x30 is valid)
  const ret = i.addr + 4;
  cpu.x[60] = lo32(ret);
  cpu.x[61] = hi32(ret);
  cpu.pc = target;
}

function pcRel(i: Insn, offsetBytes: number): void {
  i.imm = i.addr + offsetBytes;
  if (i.imm < 0) i.imm += 2 ** 64; // wraps below zero: unreachable address, faults on fetch
}

// ------------------------------------------------------------------ exception generation

function execSVC(cpu: Cpu, i: Insn): void {
  cpu.raise(EC.SVC64, i.imm, 1, null, i.addr + 4, `SVC #0x${i.imm.toString(16)} at 0x${i.addr.toString(16)}`);
}
function execHVC(cpu: Cpu, i: Insn): void {
  if (cpu.el === 0) cpu.undefinedInstruction(i, 'HVC at EL0 is undefined');
  cpu.exit = { kind: 'hvc', imm: i.imm, esr: esr(EC.HVC64, 1, i.imm) };
}
function execSMC(cpu: Cpu, i: Insn): void {
  if (cpu.el === 0) cpu.undefinedInstruction(i, 'SMC at EL0 is undefined');
  cpu.pc = i.addr; // a trapped SMC's preferred return address is the SMC itself
  cpu.exit = { kind: 'smc', imm: i.imm, esr: esr(EC.SMC64, 1, i.imm) };
}
function execBRK(cpu: Cpu, i: Insn): void {
  cpu.raise(EC.BRK64, i.imm, 1, null, i.addr, `BRK #0x${i.imm.toString(16)} at 0x${i.addr.toString(16)}`);
}
function execHLT(cpu: Cpu, i: Insn): void {
  // Halting debug is not enabled (EDSCR.HDE = 0), so HLT is UNDEFINED.
  cpu.undefinedInstruction(i, 'HLT with halting debug disabled is undefined');
}

function execERET(cpu: Cpu, i: Insn): void {
  if (cpu.el === 0) cpu.undefinedInstruction(i, 'ERET at EL0 is undefined');
  const spsr = Number(cpu.sys.spsr_el1 & 0xffffffffn);
  const m = spsr & 0x1f;
  // Legal targets from EL1: EL1h (0b00101), EL1t (0b00100), EL0t (0b00000).
  if (m !== 0b00101 && m !== 0b00100 && m !== 0b00000) {
    cpu.raise(EC.ILLEGAL_STATE, 0, 1, null, i.addr, `illegal exception return: SPSR_EL1.M=0x${m.toString(16)} is not EL0t, EL1t or EL1h`);
  }
  cpu.nzcv = spsr & 0xf0000000;
  cpu.daif = (spsr >>> 6) & 0xf;
  cpu.setPstateElSp(m >> 2, m & 1);
  cpu.pc = Number(cpu.sys.elr_el1 & ((1n << 64n) - 1n));
  cpu.clearExclusive();
}

// ------------------------------------------------------------------ hints and barriers

function execNop(): void {}
function execWFI(cpu: Cpu): void {
  cpu.exit = { kind: 'wfi' };
}
function execWFE(cpu: Cpu): void {
  if (cpu.eventRegister) cpu.eventRegister = 0;
  else cpu.exit = { kind: 'wfe' };
}
function execSEV(cpu: Cpu): void {
  for (const c of cpu.shared.cpus) c.eventRegister = 1;
}
function execSEVL(cpu: Cpu): void {
  cpu.eventRegister = 1;
}
function execCLREX(cpu: Cpu): void {
  cpu.clearExclusive();
}

// ------------------------------------------------------------------ system registers

function execMRS(cpu: Cpu, i: Insn): void {
  const v = readSysReg(cpu, i);
  cpu.x[2 * i.rd] = Number(v & 0xffffffffn) | 0;
  cpu.x[2 * i.rd + 1] = Number((v >> 32n) & 0xffffffffn) | 0;
}
function execMSR(cpu: Cpu, i: Insn): void {
  const v = (BigInt(cpu.x[2 * i.rd + 1] >>> 0) << 32n) | BigInt(cpu.x[2 * i.rd] >>> 0);
  writeSysReg(cpu, i, v);
}

/** Special-purpose registers that live in PSTATE or the register file rather than SysRegFile. */
const K_NZCV = sysregKey(3, 3, 4, 2, 0);
const K_DAIF = sysregKey(3, 3, 4, 2, 1);
const K_SPSEL = sysregKey(3, 0, 4, 2, 0);
const K_SP_EL0 = sysregKey(3, 0, 4, 1, 0);
const K_FPCR = sysregKey(3, 3, 4, 4, 0);
const K_FPSR = sysregKey(3, 3, 4, 4, 1);

function sysRegUndefined(cpu: Cpu, i: Insn, write: boolean): never {
  const f = i.fields;
  cpu.undefinedInstruction(
    i,
    `${write ? 'MSR' : 'MRS'} S${f.o0 + 2}_${f.a}_C${f.n}_C${f.m}_${f.b} is not an implemented system register`,
  );
}

function readSysReg(cpu: Cpu, i: Insn): bigint {
  switch (i.imm) {
    case K_NZCV:
      return BigInt(cpu.nzcv);
    case K_DAIF:
      return BigInt(cpu.daif << 6);
    case K_FPCR:
      return BigInt(cpu.fpcr >>> 0);
    case K_FPSR:
      return BigInt(cpu.fpsr >>> 0);
    case K_SPSEL:
      if (cpu.el === 0) break;
      return BigInt(cpu.spsel);
    case K_SP_EL0:
      if (cpu.el === 0 || cpu.spsel === 0) break; // UNDEFINED at EL0; trapped when SP_EL0 is the current SP
      return cpu.getSpEl(0);
  }
  const def = SYSREG_BY_KEY.get(i.imm);
  if (!def || cpu.el < def.minEl) sysRegUndefined(cpu, i, false);
  return def.read(cpu);
}

function writeSysReg(cpu: Cpu, i: Insn, v: bigint): void {
  switch (i.imm) {
    case K_NZCV:
      cpu.nzcv = Number(v & 0xf0000000n);
      return;
    case K_DAIF:
      if (cpu.el === 0) break;
      cpu.daif = Number((v >> 6n) & 0xfn);
      return;
    case K_FPCR:
      cpu.fpcr = Number(v & 0x07ff9f00n);
      return;
    case K_FPSR:
      cpu.fpsr = Number(v & 0xf800009fn);
      return;
    case K_SPSEL:
      if (cpu.el === 0) break;
      cpu.setPstateElSp(cpu.el, Number(v & 1n));
      return;
    case K_SP_EL0:
      if (cpu.el === 0 || cpu.spsel === 0) break;
      cpu.setSpEl(0, v);
      return;
  }
  const def = SYSREG_BY_KEY.get(i.imm);
  if (!def || !def.write || cpu.el < def.minEl) sysRegUndefined(cpu, i, true);
  if (i.imm === sysregKey(3, 0, 1, 0, 0) && (v & 1n) !== 0n) {
    cpu.undefinedInstruction(i, 'SCTLR_EL1.M=1: the stage-1 MMU is not modelled (guests run with the MMU off)');
  }
  def.write(cpu, v);
}

function execMSRimm(cpu: Cpu, i: Insn): void {
  const imm = i.a;
  switch (i.b) {
    case 0: // SPSel
      if (cpu.el === 0) cpu.undefinedInstruction(i);
      cpu.setPstateElSp(cpu.el, imm & 1);
      return;
    case 1: // DAIFSet
      if (cpu.el === 0) cpu.undefinedInstruction(i);
      cpu.daif |= imm;
      return;
    case 2: // DAIFClr
      if (cpu.el === 0) cpu.undefinedInstruction(i);
      cpu.daif &= ~imm & 0xf;
      return;
  }
}

/** SYS: cache maintenance, TLBI and AT. The decode cache is coherent with stores, so IC is a no-op. */
function execSYS(cpu: Cpu, i: Insn): void {
  const f = i.fields;
  // DC ZVA (op1=3, CRn=7, CRm=4, op2=1) writes Device memory with the MMU off: an alignment fault, as on hardware.
  if (f.a === 3 && f.n === 7 && f.m === 4 && f.b === 1) {
    const addr = regNum(cpu, i.rd);
    cpu.raise(cpu.el === 0 ? EC.DABT_LOW : EC.DABT_CUR, FSC.ALIGNMENT | (1 << 6), 1, addr, i.addr, `DC ZVA to 0x${addr.toString(16)}: Device memory (MMU off) cannot be zeroed by DC ZVA`);
  }
  if (cpu.el === 0 && !(f.a === 3 && f.n === 7)) cpu.undefinedInstruction(i, 'system instruction not permitted at EL0');
}

// ------------------------------------------------------------------ the table

const imm26 = (i: Insn, f: Fields): void => pcRel(i, sext(f.i, 26) * 4);

export const BRANCH_SYSTEM_ENCODINGS: EncodingSpec[] = [
  { name: 'B', control: 'branch', pattern: '000101iiiiiiiiiiiiiiiiiiiiiiiiii', decode: (i, f) => (imm26(i, f), execB) },
  { name: 'BL', control: 'branch', pattern: '100101iiiiiiiiiiiiiiiiiiiiiiiiii', decode: (i, f) => (imm26(i, f), execBL) },
  {
    name: 'B_cond', control: 'branch',
    pattern: '01010100iiiiiiiiiiiiiiiiiii0cccc',
    decode: (i, f) => {
      pcRel(i, sext(f.i, 19) * 4);
      i.a = f.c;
      return BCOND[f.c];
    },
  },
  {
    name: 'CBZ', control: 'branch',
    pattern: 'z0110100iiiiiiiiiiiiiiiiiiittttt',
    decode: (i, f) => {
      pcRel(i, sext(f.i, 19) * 4);
      i.rd = zrRead(f.t);
      i.sf = f.z;
      return execCBZ;
    },
  },
  {
    name: 'CBNZ', control: 'branch',
    pattern: 'z0110101iiiiiiiiiiiiiiiiiiittttt',
    decode: (i, f) => {
      pcRel(i, sext(f.i, 19) * 4);
      i.rd = zrRead(f.t);
      i.sf = f.z;
      return execCBNZ;
    },
  },
  {
    name: 'TBZ', control: 'branch',
    pattern: 'B0110110bbbbbiiiiiiiiiiiiiittttt',
    decode: (i, f) => {
      pcRel(i, sext(f.i, 14) * 4);
      i.rd = zrRead(f.t);
      i.a = (f.B << 5) | f.b;
      return execTBZ;
    },
  },
  {
    name: 'TBNZ', control: 'branch',
    pattern: 'B0110111bbbbbiiiiiiiiiiiiiittttt',
    decode: (i, f) => {
      pcRel(i, sext(f.i, 14) * 4);
      i.rd = zrRead(f.t);
      i.a = (f.B << 5) | f.b;
      return execTBNZ;
    },
  },
  { name: 'BR', control: 'branch', pattern: '1101011000011111000000nnnnn00000', decode: (i, f) => ((i.rn = zrRead(f.n)), execBR) },
  { name: 'BLR', control: 'branch', pattern: '1101011000111111000000nnnnn00000', decode: (i, f) => ((i.rn = zrRead(f.n)), execBLR) },
  { name: 'RET', control: 'branch', pattern: '1101011001011111000000nnnnn00000', decode: (i, f) => ((i.rn = zrRead(f.n)), execBR) },
  { name: 'ERET', control: 'system', pattern: '11010110100111110000001111100000', decode: () => execERET },

  { name: 'SVC', control: 'system', pattern: '11010100000iiiiiiiiiiiiiiii00001', decode: (i, f) => ((i.imm = f.i), execSVC) },
  { name: 'HVC', control: 'system', pattern: '11010100000iiiiiiiiiiiiiiii00010', decode: (i, f) => ((i.imm = f.i), execHVC) },
  { name: 'SMC', control: 'system', pattern: '11010100000iiiiiiiiiiiiiiii00011', decode: (i, f) => ((i.imm = f.i), execSMC) },
  { name: 'BRK', control: 'system', pattern: '11010100001iiiiiiiiiiiiiiii00000', decode: (i, f) => ((i.imm = f.i), execBRK) },
  { name: 'HLT', control: 'system', pattern: '11010100010iiiiiiiiiiiiiiii00000', decode: (i, f) => ((i.imm = f.i), execHLT) },

  {
    name: 'HINT', control: 'system',
    pattern: '11010101000000110010mmmmooo11111',
    decode: (i, f) => {
      if (f.m !== 0) return execNop; // every other hint (BTI, PAC hints, CSDB, …) executes as NOP here
      return [execNop, execNop /* YIELD */, execWFE, execWFI, execSEV, execSEVL, execNop, execNop][f.o];
    },
  },
  { name: 'CLREX', control: 'system', pattern: '11010101000000110011mmmm01011111', decode: () => execCLREX },
  { name: 'DSB', control: 'system', pattern: '11010101000000110011mmmm10011111', decode: () => execNop },
  { name: 'DMB', control: 'system', pattern: '11010101000000110011mmmm10111111', decode: () => execNop },
  { name: 'ISB', control: 'system', pattern: '11010101000000110011mmmm11011111', decode: () => execNop },
  { name: 'SB', control: 'system', pattern: '11010101000000110011000011111111', decode: () => execNop },
  {
    name: 'MSR_imm', control: 'system',
    pattern: '1101010100000aaa0100mmmmbbb11111',
    decode: (i, f) => {
      i.a = f.m;
      if (f.a === 0 && f.b === 5) i.b = 0;
      else if (f.a === 3 && f.b === 6) i.b = 1;
      else if (f.a === 3 && f.b === 7) i.b = 2;
      else return null; // UAO, PAN, SSBS, DIT, TCO: not implemented (ID registers say so)
      return execMSRimm;
    },
  },
  {
    name: 'SYS', control: 'system',
    pattern: '1101010100001aaannnnmmmmbbbttttt',
    decode: (i, f) => ((i.rd = zrRead(f.t)), execSYS),
  },
  {
    name: 'MSR_reg', control: 'system',
    pattern: '110101010001oaaannnnmmmmbbbttttt',
    decode: (i, f) => {
      i.imm = sysregKey(2 + f.o, f.a, f.n, f.m, f.b);
      i.rd = zrRead(f.t);
      return execMSR;
    },
  },
  {
    name: 'MRS', control: 'system',
    pattern: '110101010011oaaannnnmmmmbbbttttt',
    decode: (i, f) => {
      i.imm = sysregKey(2 + f.o, f.a, f.n, f.m, f.b);
      i.rd = zrWrite(f.t);
      return execMRS;
    },
  },
];

