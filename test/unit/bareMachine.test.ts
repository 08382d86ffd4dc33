import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadFlat } from '../../engine/loader';
import { BareMachine, BareMachineOptions } from '../../engine/machine/bareMachine';
import {
  NOP,
  SEV,
  SYSTEM_OFF_X0,
  UART_X1,
  WFE,
  WFI,
  adr,
  b,
  br,
  hvc,
  ldrW,
  ldrX,
  ldrb,
  ldrsbW,
  ldrsbX,
  movkX,
  movzW,
  movzX,
  smc,
  stpX,
  strW,
  strb,
  svc,
  wordBytes,
} from '../helpers/a64Words';

const RAM = 0x80000000;

function machine(words: number[], opts: BareMachineOptions = {}): BareMachine {
  return new BareMachine(loadFlat(wordBytes(words)), opts);
}

/** Guest code that prints `text` byte by byte through the UART data register (x1 = UART base). */
function printWords(text: string): number[] {
  return [...new TextEncoder().encode(text)].flatMap((c) => [movzW(0, c), strb(0, 1)]);
}

test('a guest prints "hi\\n" through the PL011 data register and powers off with PSCI SYSTEM_OFF', () => {
  const m = machine([UART_X1, ...printWords('hi\n'), ...SYSTEM_OFF_X0, hvc(0)]);
  const stop = m.run(1000);
  assert.equal(stop.reason, 'system-off');
  assert.equal(stop.vcpu, 0);
  assert.match(stop.detail, /PSCI SYSTEM_OFF from vCPU 0 at 0x80000024/);
  assert.equal(m.consoleText, 'hi\n');
  assert.equal(m.instructions, 10); // emulated UART stores count as retired instructions
  const cpu = m.vcpus[0].cpu;
  assert.equal(cpu.pc, RAM + 40);
  assert.equal(cpu.sp, BigInt(RAM + 64 * 1024 * 1024)); // SP starts at the top of RAM
  // A powered-off machine stays off.
  assert.equal(m.run(1000).reason, 'system-off');
  assert.equal(m.instructions, 10);
});

test('UART loads: UARTFR reads TX-empty|RX-empty, sign/zero-extended per the syndrome; other registers read 0', () => {
  const m = machine([
    UART_X1,
    movzX(7, 0xbeef),
    movzX(8, 0xbeef),
    ldrW(3, 1, 0x18), // zero-extended 32-bit
    ldrsbX(4, 1, 0x18), // SSE=1, SF=1: sign-extended to 64 bits
    ldrsbW(5, 1, 0x18), // SSE=1, SF=0: sign-extended to 32 bits, upper half zero
    ldrb(6, 1, 0x18),
    ldrX(7, 1, 0), // UARTDR reads 0 (nothing received)
    ldrW(8, 1, 0x30), // UARTCR: unmodelled, reads 0
    ...SYSTEM_OFF_X0,
    hvc(0),
  ]);
  assert.equal(m.run(1000).reason, 'system-off');
  const cpu = m.vcpus[0].cpu;
  assert.equal(cpu.getX(3), 0x90n);
  assert.equal(cpu.getX(4), 0xffffffffffffff90n);
  assert.equal(cpu.getX(5), 0xffffff90n);
  assert.equal(cpu.getX(6), 0x90n);
  assert.equal(cpu.getX(7), 0n);
  assert.equal(cpu.getX(8), 0n);
  assert.equal(m.consoleText, '');
});

test('a data access outside RAM and devices stops with an exception naming the address and instruction', () => {
  const m = machine([movzX(1, 0x1000), movzW(0, 1), strW(0, 1, 8)]);
  const stop = m.run(1000);
  assert.equal(stop.reason, 'exception');
  assert.match(stop.detail, /data abort: 4-byte store to 0x1008 by STR\w* 0xb9000820 at 0x80000008 hits neither RAM \(RAM is 0x80000000-0x83ffffff\) nor the UART/);
  assert.equal(m.vcpus[0].cpu.pc, RAM + 8); // the faulting instruction did not retire
  assert.equal(m.instructions, 2);
});

test('a branch outside RAM stops with the fetch address', () => {
  const m = machine([movzX(1, 0x4000, 1), br(1)]);
  const stop = m.run(1000);
  assert.equal(stop.reason, 'exception');
  assert.match(stop.detail, /instruction fetch from 0x40000000, which is outside RAM/);
});

test('a UART access without a valid syndrome (STP) cannot be emulated and stops', () => {
  const m = machine([UART_X1, movzX(2, 0x0900, 1), stpX(0, 1, 2)]);
  const stop = m.run(1000);
  assert.equal(stop.reason, 'exception');
  assert.match(stop.detail, /UART access \(8-byte store to 0x9000000\) by STP\w* 0xa9000440 at 0x80000008 has no valid syndrome \(ESR_EL2.ISV=0/);
});

test('an exception the guest cannot take stops with the CPU description and ESR/ELR/FAR', () => {
  const m = machine([NOP, svc(7)]);
  const stop = m.run(1000);
  assert.equal(stop.reason, 'exception');
  assert.match(stop.detail, /SVC #0x7 at 0x80000004 \(ESR=0x56000007 ELR=0x80000008 FAR=0x0/);
});

test('unknown HVC and SMC #0 calls return NOT_SUPPORTED; SMC with an immediate is reserved', () => {
  const m = machine([movzX(0, 0x1234), hvc(0), movzX(2, 0), adr(3, 0), smc(0), movzX(5, 0), smc(1), movzX(6, 0), ...SYSTEM_OFF_X0, hvc(0)]);
  // Check each result before the next call overwrites x0: stop at the instruction after each call.
  assert.equal(m.run(2).reason, 'max-steps');
  assert.equal(m.vcpus[0].cpu.getX(0), 0xffffffffffffffffn);
  m.vcpus[0].cpu.setX(0, 0x1234n);
  assert.equal(m.run(3).reason, 'max-steps');
  assert.equal(m.vcpus[0].cpu.getX(0), 0xffffffffffffffffn);
  assert.equal(m.vcpus[0].cpu.pc, RAM + 20); // the trapped SMC was skipped
  m.vcpus[0].cpu.setX(0, 0x84000008n); // SYSTEM_OFF's ID, but SMC #1 is reserved: not a PSCI call
  assert.equal(m.run(2).reason, 'max-steps');
  assert.equal(m.vcpus[0].cpu.getX(0), 0xffffffffffffffffn);
  assert.equal(m.run(100).reason, 'system-off');
});

test('WFI with nothing to wake the vCPU makes the machine idle', () => {
  const m = machine([NOP, WFI, NOP]);
  const stop = m.run(1000);
  assert.equal(stop.reason, 'idle');
  assert.match(stop.detail, /vCPU 0 waiting in WFI at 0x80000004/);
  assert.equal(m.vcpus[0].power, 'waiting');
  assert.equal(m.instructions, 2);
});

test('the step limit stops a spinning guest at exactly N instructions, and running again continues', () => {
  const m = machine([NOP, b(-1)]);
  const stop = m.run(1001);
  assert.equal(stop.reason, 'max-steps');
  assert.equal(m.instructions, 1001);
  assert.equal(m.run(0).reason, 'max-steps');
  m.run(999);
  assert.equal(m.instructions, 2000);
});

/** vCPU 0 starts vCPU 1 at `secondary` (PSCI CPU_ON with context x3 → its x0), then runs `rest`. */
function twoVcpuProgram(context: number, primaryRest: number[], secondary: number[]): number[] {
  const head = [movzX(0, 3), movkX(0, 0xc400, 1), movzX(1, 1), 0 /* adr x2, secondary */, movzX(3, context), hvc(0)];
  const primary = [...head, ...primaryRest];
  primary[3] = adr(2, (primary.length - 3) * 4);
  return [...primary, ...secondary];
}

test('PSCI CPU_ON starts a secondary vCPU at its entry with the context in x0; it can power the machine off', () => {
  const m = machine(twoVcpuProgram(0x41, [WFI], [UART_X1, strb(0, 1), ...SYSTEM_OFF_X0, hvc(0)]), { vcpus: 2 });
  assert.equal(m.vcpus[1].power, 'off');
  const stop = m.run(1000);
  assert.equal(stop.reason, 'system-off');
  assert.equal(stop.vcpu, 1);
  assert.equal(m.consoleText, 'A');
  assert.equal(m.vcpus[0].cpu.getX(0), 0n); // CPU_ON returned SUCCESS
  assert.equal(m.vcpus[0].power, 'waiting');
});

test('CPU_ON of a running vCPU returns ALREADY_ON and of a missing one INVALID_PARAMS', () => {
  const again = [movzX(0, 3), movkX(0, 0xc400, 1), movzX(1, 1), hvc(0), movzX(9, 0), movzX(0, 3), movkX(0, 0xc400, 1), movzX(1, 7), hvc(0), WFI];
  const m = machine(twoVcpuProgram(0, again, [b(0)]), { vcpus: 2, quantum: 1000 });
  m.run(10);
  assert.equal(m.vcpus[0].cpu.getX(0), 0xfffffffffffffffcn); // -4 ALREADY_ON
  m.run(5);
  assert.equal(m.vcpus[0].cpu.getX(0), 0xfffffffffffffffen); // -2 INVALID_PARAMS
});

test('round-robin scheduling is deterministic and independent of how the run is split', () => {
  const program = twoVcpuProgram(0x42, [movzW(0, 0x41), UART_X1, strb(0, 1), b(-1)], [UART_X1, strb(0, 1), b(-1)]);
  const whole = machine(program, { vcpus: 2, quantum: 4 });
  assert.equal(whole.run(60).reason, 'max-steps');
  const pieces = machine(program, { vcpus: 2, quantum: 4 });
  for (let k = 0; k < 60; k += 7) pieces.run(Math.min(7, 60 - k));
  assert.equal(pieces.instructions, 60);
  assert.equal(pieces.consoleText, whole.consoleText);
  // vCPU 0 spends two turns (8 instructions) starting vCPU 1 and setting up; then each vCPU
  // gets 4 instructions a turn (emulated UART stores count): store, branch, store, branch.
  assert.equal(whole.consoleText, 'BBAA'.repeat(6) + 'BB');
});

test('WFE waits for an event: SEV on another vCPU wakes it', () => {
  const primary = [...SYSTEM_OFF_X0, WFE, hvc(0)];
  const m = machine(twoVcpuProgram(0, primary, [SEV, WFI]), { vcpus: 2 });
  const stop = m.run(1000);
  assert.equal(stop.reason, 'system-off');
  assert.equal(stop.vcpu, 0);
  // Without the SEV nothing wakes it.
  const idle = machine(twoVcpuProgram(0, primary, [NOP, WFI]), { vcpus: 2 });
  const s = idle.run(1000);
  assert.equal(s.reason, 'idle');
  assert.match(s.detail, /vCPU 0 waiting in WFE at 0x80000020, vCPU 1 waiting in WFI/);
});

test('runVcpu steps one vCPU while the others stay where they are', () => {
  const program = twoVcpuProgram(0, [b(0)], [NOP, NOP, b(-2)]);
  const m = machine(program, { vcpus: 2 });
  assert.equal(m.runVcpu(1, 5).reason, 'idle');
  assert.match(m.runVcpu(1, 5).detail, /vCPU 1 is off/);
  assert.equal(m.runVcpu(0, 6).reason, 'max-steps'); // through CPU_ON
  const pc0 = m.vcpus[0].cpu.pc;
  const stop = m.runVcpu(1, 3);
  assert.equal(stop.reason, 'max-steps');
  assert.equal(stop.vcpu, 1);
  assert.equal(m.vcpus[1].cpu.retired, 3);
  assert.equal(m.vcpus[0].cpu.pc, pc0);
  assert.equal(m.instructions, 9);
});

test('peekGuest reads RAM without touching devices; pokeGuest writes RAM and the new code runs', () => {
  const m = machine([NOP, b(-1)]);
  assert.deepEqual(m.peekGuest(RAM - 2, 6), [null, null, 0x1f, 0x20, 0x03, 0xd5]);
  assert.deepEqual(m.peekGuest(0x09000018, 4), [null, null, null, null]); // UARTFR is not read
  assert.deepEqual(m.peekGuest(RAM + 0x100000, 2), [0, 0]); // untouched RAM reads as zero
  assert.equal(m.run(4).reason, 'max-steps'); // the NOP and the branch have been decoded and cached
  assert.equal(m.pokeGuest(RAM, wordBytes([...SYSTEM_OFF_X0, hvc(0)])), 12);
  m.vcpus[0].cpu.pc = RAM;
  assert.equal(m.run(10).reason, 'system-off');
  assert.equal(m.pokeGuest(RAM + 64 * 1024 * 1024 - 2, new Uint8Array(8)), 2);
  assert.equal(m.pokeGuest(0x09000000, new Uint8Array(1)), 0);
  assert.equal(m.consoleText, '');
});
