/**
 * The qemu-aarch64 (user mode, EL0) side of the differential suite: one static ELF per
 * batch whose harness, for each case, loads the initial state from a state block,
 * branches to the case's slot (at the same address the engine uses), and on return
 * dumps every register into an output block. Synchronous signals (SIGILL, SIGSEGV,
 * SIGBUS, …) are caught on an alternate stack: the handler records the signal and the
 * faulting PC and resumes at the slot's end, so one bad case does not end the batch.
 * At the end the output blocks and the scratch buffers go to stdout with write(2).
 */
import * as A from '../gen/a64';
import { DiffCase, END_OFF, layoutSpan, SCRATCH_BASE, SCRATCH_SIZE, SLOT_SIZE, SLOTS_BASE, scratchAddr, slotAddr, slotImage } from '../gen/batch';
import { buildElf } from './elf';

const HARNESS_BASE = 0x10000000;
const CODE_START = HARNESS_BASE + 0x1000;
const MISC_BASE = 0x11000000; // sigaction + stack_t, then the state blocks
const STATE_BASE = MISC_BASE + 0x100;
const OUT_BASE = 0x12000000; // output blocks, then signal records, then the alternate signal stack

/** State/output block: X0..X30, SP, NZCV, FPCR, FPSR, then Q0..Q31 at 288. */
export const BLOCK = { x: 0, sp: 248, nzcv: 256, fpcr: 264, fpsr: 272, q: 288, size: 800 } as const;
export const SIGREC_SIZE = 16;
const ALTSTACK_SIZE = 0x10000;
const UC_PC = 440; // offsetof(struct ucontext, uc_mcontext.pc) on arm64
const SIGNALS = [4, 5, 7, 8, 11]; // SIGILL, SIGTRAP, SIGBUS, SIGFPE, SIGSEGV
const SA_SIGINFO = 4;
const SA_RESTORER = 0x04000000;
const SA_ONSTACK = 0x08000000;

/**
 * Output: one register block per case (in batch order), then one signal record per
 * layout position, then the scratch buffers of every layout position.
 */
export interface QemuLayout {
  count: number;
  span: number;
  sigBase: number;
  /** Bytes of register blocks and signal records. */
  outLength: number;
}

export function qemuLayout(cases: ReadonlyArray<DiffCase>): QemuLayout {
  const span = layoutSpan(cases);
  if (new Set(cases.map((c) => c.at)).size !== cases.length) throw new Error('qemu harness: two cases share a layout position');
  return { count: cases.length, span, sigBase: OUT_BASE + cases.length * BLOCK.size, outLength: cases.length * BLOCK.size + span * SIGREC_SIZE };
}

export function buildHarnessElf(cases: ReadonlyArray<DiffCase>): Uint8Array {
  const L = qemuLayout(cases);
  const altStack = OUT_BASE + Math.ceil(L.outLength / 0x1000) * 0x1000;
  const code: number[] = [];
  const here = (): number => CODE_START + 4 * code.length;
  const emit = (...w: number[]): void => void code.push(...w);
  const fixups: Array<() => void> = [];

  // Signal set-up: alternate stack, then one handler for every synchronous signal.
  emit(...A.movImm64(0, BigInt(MISC_BASE + 32)), A.movz(1, 1, 0), A.movz(1, 8, 132), A.svc(0)); // sigaltstack
  for (const sig of SIGNALS) {
    emit(A.movz(1, 0, sig), ...A.movImm64(1, BigInt(MISC_BASE)), A.movz(1, 2, 0), A.movz(1, 3, 8), A.movz(1, 8, 134), A.svc(0));
  }

  const dumpAddrs: number[] = [];
  cases.forEach((c, i) => {
    const st = STATE_BASE + i * BLOCK.size;
    emit(...A.movImm64(30, BigInt(st)));
    for (let q = 0; q < 32; q += 2) emit(A.ldpQ(q, q + 1, 30, BLOCK.q + 16 * q));
    emit(A.ldrX(0, 30, BLOCK.nzcv), A.msr(A.SYSREG.NZCV, 0));
    emit(A.ldrX(0, 30, BLOCK.fpcr), A.msr(A.SYSREG.FPCR, 0));
    emit(A.ldrX(0, 30, BLOCK.fpsr), A.msr(A.SYSREG.FPSR, 0));
    emit(A.ldrX(0, 30, BLOCK.sp), A.addImm(31, 0, 0));
    for (let r = 0; r < 30; r += 2) emit(A.ldpX(r, r + 1, 30, 8 * r));
    emit(A.ldrX(30, 30, 8 * 30));
    emit(A.b(slotAddr(c.at) - here()));
    dumpAddrs.push(here());
    const out = OUT_BASE + i * BLOCK.size;
    emit(A.msr(A.SYSREG.TPIDR_EL0, 30), ...A.movImm64(30, BigInt(out)));
    for (let r = 0; r < 30; r += 2) emit(A.stpX(r, r + 1, 30, 8 * r));
    emit(A.mrs(0, A.SYSREG.TPIDR_EL0), A.strX(0, 30, 8 * 30));
    emit(A.addImm(0, 31, 0), A.strX(0, 30, BLOCK.sp));
    emit(A.mrs(0, A.SYSREG.NZCV), A.strX(0, 30, BLOCK.nzcv));
    emit(A.mrs(0, A.SYSREG.FPCR), A.strX(0, 30, BLOCK.fpcr));
    emit(A.mrs(0, A.SYSREG.FPSR), A.strX(0, 30, BLOCK.fpsr));
    for (let q = 0; q < 32; q += 2) emit(A.stpQ(q, q + 1, 30, BLOCK.q + 16 * q));
  });

  // Output: write(1, …) until everything is out, twice; then exit_group(0).
  const writeAll = (addr: number, len: number): void => {
    emit(...A.movImm64(19, BigInt(addr)), ...A.movImm64(20, BigInt(len)));
    const loop = here();
    emit(A.movz(1, 0, 1), A.addImm(1, 19, 0), A.addImm(2, 20, 0), A.movz(1, 8, 64), A.svc(0), A.cmpImm(0, 0));
    const ble = code.length;
    emit(0);
    emit(A.addShifted(19, 19, 0, 0), A.subReg(20, 20, 0), A.cbz(1, 1, 20, loop - here()));
    fixups.push(() => (code[ble] = A.bcond(0b1101 /* LE */, failAddr - (CODE_START + 4 * ble))));
  };
  writeAll(OUT_BASE, L.outLength);
  writeAll(SCRATCH_BASE, L.span * SCRATCH_SIZE);
  emit(A.movz(1, 0, 0), A.movz(1, 8, 94), A.svc(0));
  const failAddr = here();
  emit(A.movz(1, 0, 3), A.movz(1, 8, 94), A.svc(0));

  // The signal handler: record (signal, PC) for the slot the PC is in, resume at its end.
  const handler = here();
  emit(
    A.ldrX(3, 2, UC_PC),
    ...A.movImm64(4, BigInt(SLOTS_BASE)),
    A.subReg(5, 3, 4),
    A.lsrImm(5, 5, Math.log2(SLOT_SIZE)),
    ...A.movImm64(6, BigInt(L.sigBase)),
    A.addShifted(6, 6, 5, Math.log2(SIGREC_SIZE)),
    A.strX(0, 6, 0),
    A.strX(3, 6, 8),
    A.addShifted(4, 4, 5, Math.log2(SLOT_SIZE)),
    A.addImm(4, 4, END_OFF),
    A.strX(4, 2, UC_PC),
    A.ret(),
  );
  const restorer = here();
  emit(A.movz(1, 8, 139), A.svc(0)); // rt_sigreturn
  for (const f of fixups) f();

  // Slots end by branching back to their dump code.
  const slots = new Uint8Array(L.span * SLOT_SIZE);
  cases.forEach((c, i) => {
    const end = slotAddr(c.at) + END_OFF;
    slots.set(slotImage(c, A.b(dumpAddrs[i] - end)), c.at * SLOT_SIZE);
  });
  const scratch = new Uint8Array(L.span * SCRATCH_SIZE);
  cases.forEach((c) => scratch.set(c.scratch, scratchAddr(c.at) - SCRATCH_BASE));

  const misc = new Uint8Array(0x100 + cases.length * BLOCK.size);
  const dv = new DataView(misc.buffer);
  dv.setBigUint64(0, BigInt(handler), true);
  dv.setBigUint64(8, BigInt(SA_SIGINFO | SA_RESTORER | SA_ONSTACK), true);
  dv.setBigUint64(16, BigInt(restorer), true);
  dv.setBigUint64(32, BigInt(altStack), true); // stack_t: ss_sp, ss_flags, ss_size
  dv.setBigUint64(48, BigInt(ALTSTACK_SIZE), true);
  cases.forEach((c, i) => {
    const o = 0x100 + i * BLOCK.size;
    c.init.x.forEach((v, r) => dv.setBigUint64(o + 8 * r, v, true));
    dv.setBigUint64(o + BLOCK.sp, c.init.sp, true);
    dv.setBigUint64(o + BLOCK.nzcv, BigInt(c.init.nzcv), true);
    dv.setBigUint64(o + BLOCK.fpcr, BigInt(c.init.fpcr), true);
    dv.setBigUint64(o + BLOCK.fpsr, BigInt(c.init.fpsr), true);
    misc.set(c.init.v, o + BLOCK.q);
  });

  const header = new Uint8Array(0x1000 + 4 * code.length);
  header.set(new Uint8Array(new Uint32Array(code).buffer), 0x1000);
  if (HARNESS_BASE + header.length > SLOTS_BASE) throw new Error(`qemu harness: ${cases.length} cases need more code space than the layout has`);
  return buildElf(CODE_START, [
    { vaddr: HARNESS_BASE, data: header },
    { vaddr: SLOTS_BASE, data: slots },
    { vaddr: SCRATCH_BASE, data: scratch },
    { vaddr: MISC_BASE, data: misc },
    { vaddr: OUT_BASE, data: new Uint8Array(0), memSize: altStack - OUT_BASE + ALTSTACK_SIZE },
  ]);
}
