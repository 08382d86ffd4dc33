import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bareMachine, HVC0, RAM_BASE } from '../helpers/bareCpu';

test('B and BL compute PC-relative targets; BL links x30', () => {
  // 0: bl +8 ; 4: hvc ; 8: b -4 (to the hvc)
  const m = bareMachine([0x94000002, HVC0, 0x17ffffff]);
  const exit = m.run();
  assert.equal(exit.kind, 'hvc');
  assert.equal(m.cpu.getX(30), BigInt(RAM_BASE + 4));
  assert.equal(m.cpu.pc, RAM_BASE + 8);
});

test('CBZ/CBNZ test 32 bits for W registers and 64 for X', () => {
  // x0 = 1<<32 via sysreg-free path: set directly; cbz w0 taken, cbz x0 not
  const m = bareMachine([0x34000040 /* cbz w0, +8 */, HVC0, 0xb4000040 /* cbz x0, +8 */, HVC0, HVC0]);
  m.cpu.setX(0, 1n << 32n);
  assert.equal(m.run().kind, 'hvc');
  assert.equal(m.cpu.pc, RAM_BASE + 16); // cbz w0 taken to +8; cbz x0 not taken; hvc at +12 leaves PC after it
});

test('TBZ/TBNZ on bit 63 and bit 0', () => {
  // tbnz x1, #63, +8 ; hvc ; tbz x1, #0, +8 ; hvc ; hvc
  const m = bareMachine([0xb7f80041, HVC0, 0x36000041, HVC0, HVC0]);
  m.cpu.setX(1, 1n << 63n);
  m.run();
  assert.equal(m.cpu.pc, RAM_BASE + 20);
});

test('SVC with VBAR_EL1 = 0 stops with a clear unhandled-exception report', () => {
  const m = bareMachine([0xd4000021 /* svc #1 */]);
  const exit = m.run();
  assert.equal(exit.kind, 'unhandled-exception');
  if (exit.kind !== 'unhandled-exception') return;
  assert.equal(exit.ec, 0x15);
  assert.equal(exit.esr, (0x15 << 26 | 1 << 25 | 1) >>> 0);
  assert.match(exit.description, /SVC #0x1/);
});

test('SVC with a vector table enters EL1h sync vector and ERET returns', () => {
  const vbar = RAM_BASE + 0x800;
  const words = new Array(0x800 / 4 + 0x200 / 4 + 1).fill(0xd503201f);
  words[0] = 0xd4000021; // svc #1
  words[1] = HVC0;
  words[(0x800 + 0x200) / 4] = 0xd69f03e0; // eret
  const m = bareMachine(words);
  m.cpu.sys.vbar_el1 = BigInt(vbar);
  const exit = m.run();
  assert.equal(exit.kind, 'hvc');
  assert.equal(m.cpu.sys.elr_el1, BigInt(RAM_BASE + 4));
  assert.equal(m.cpu.sys.esr_el1, BigInt((0x15 << 26 | 1 << 25 | 1) >>> 0));
  assert.equal(m.cpu.sys.spsr_el1, 0x3c5n);
});

test('MRS reads MPIDR_EL1, CurrentEL and CNTVCT_EL0 from the instruction count', () => {
  const m = bareMachine([0xd53800a0 /* mrs x0, mpidr_el1 */, 0xd5384241 /* mrs x1, currentel */, 0xd503201f, 0xd53be042 /* mrs x2, cntvct_el0 */, HVC0]);
  m.run();
  assert.equal(m.cpu.getX(0), 0x80000000n);
  assert.equal(m.cpu.getX(1), 4n);
  assert.equal(m.cpu.getX(2), 3n);
});

test('an undefined encoding stops with its address and word', () => {
  const m = bareMachine([0x00000000]);
  const exit = m.run();
  assert.equal(exit.kind, 'unhandled-exception');
  if (exit.kind === 'unhandled-exception') assert.match(exit.description, /0x00000000 at 0x80000000/);
});

test('breakpoints stop before the instruction and resume over it', () => {
  const m = bareMachine([0xd503201f, 0xd503201f, HVC0]);
  m.cpu.setBreakpoints([RAM_BASE + 4]);
  let exit = m.run();
  assert.deepEqual(exit, { kind: 'breakpoint', pc: RAM_BASE + 4 });
  assert.equal(m.cpu.retired, 1);
  exit = m.run();
  assert.equal(exit.kind, 'hvc');
  assert.equal(m.cpu.retired, 3);
});


test('a run that ends just before a breakpoint still stops at it next time', () => {
  const m = bareMachine([0xd503201f, 0xd503201f, HVC0]);
  m.cpu.setBreakpoints([RAM_BASE + 4]);
  assert.equal(m.run(1).kind, 'budget'); // quantum ends with PC on the breakpoint
  assert.deepEqual(m.run(), { kind: 'breakpoint', pc: RAM_BASE + 4 });
  assert.equal(m.run().kind, 'hvc'); // resuming from the stop executes it
});
