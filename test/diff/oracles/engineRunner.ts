/**
 * Runs a differential batch on the engine: one bare vCPU over flat RAM holding every
 * slot and scratch buffer at the shared layout's addresses, each sequence started
 * from its initial state at its slot and stopped by the HVC at the slot's end.
 */
import { Cpu } from '../../../engine/cpu/cpu';
import { a64Table } from '../../../engine/cpu/encodings';
import { CpuExit } from '../../../engine/cpu/exits';
import { FlatBus } from '../../../engine/memory/flatBus';
import * as A from '../gen/a64';
import { CpuState, DiffCase, layoutSpan, END_OFF, Outcome, SCRATCH_BASE, SCRATCH_SIZE, SLOT_SIZE, SLOTS_BASE, scratchAddr, slotAddr, slotImage } from '../gen/batch';

const pageRound = (n: number): number => Math.ceil(n / 4096) * 4096;

export function runEngine(cases: ReadonlyArray<DiffCase>): Outcome[] {
  const n = layoutSpan(cases);
  const bus = new FlatBus([
    { base: SLOTS_BASE, size: pageRound(n * SLOT_SIZE) },
    { base: SCRATCH_BASE, size: pageRound(n * SCRATCH_SIZE) },
  ]);
  for (const c of cases) {
    bus.write(slotAddr(c.at), slotImage(c, A.hvc(0)));
    bus.write(scratchAddr(c.at), c.scratch);
  }
  const cpu = new Cpu(0, bus, a64Table());
  return cases.map((c) => {
    const start = slotAddr(c.at);
    cpu.reset(start);
    cpu.sys.cpacr_el1 = 3n << 20n;
    loadState(cpu, c.init);
    const exit = cpu.run(10000);
    const fault = exit.kind === 'hvc' && cpu.pc === start + END_OFF + 4 ? null : { pc: faultPc(cpu, exit), what: describe(exit) };
    return { state: saveState(cpu), scratch: bus.read(scratchAddr(c.at), SCRATCH_SIZE), fault };
  });
}

export function loadState(cpu: Cpu, s: CpuState): void {
  s.x.forEach((v, r) => cpu.setX(r, v));
  cpu.sp = s.sp;
  cpu.nzcv = s.nzcv;
  cpu.fpcr = s.fpcr;
  cpu.fpsr = s.fpsr;
  cpu.vU8.set(s.v);
}

export function saveState(cpu: Cpu): CpuState {
  const x: bigint[] = [];
  for (let r = 0; r < 31; r++) x.push(cpu.getX(r));
  return { x, sp: cpu.sp, nzcv: cpu.nzcv, fpcr: cpu.fpcr >>> 0, fpsr: cpu.fpsr >>> 0, v: cpu.vU8.slice() };
}

function faultPc(cpu: Cpu, exit: CpuExit): number {
  if (exit.kind === 'unhandled-exception') return exit.elr;
  return cpu.pc;
}

function describe(exit: CpuExit): string {
  switch (exit.kind) {
    case 'unhandled-exception':
      return `exception EC=0x${exit.ec.toString(16)}: ${exit.description}`;
    case 'stage2-abort':
      return `stage-2 abort at 0x${exit.ipa.toString(16)} (${exit.write ? 'write' : 'read'})`;
    case 'budget':
      return 'did not reach the end of the sequence within 10000 instructions';
    default:
      return `stopped with ${exit.kind}`;
  }
}
