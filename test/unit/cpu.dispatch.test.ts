/**
 * The run loop's block dispatch keeps instruction-exact semantics: budgets, breakpoints,
 * faults and exits in the middle of a block, self-modifying code in the running block,
 * and stage-2 changes seen by code reached through a block link.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Cpu } from '../../engine/cpu/cpu';
import { a64Table } from '../../engine/cpu/encodings';
import { Stage2Bus } from '../../engine/memory/bus';
import { PAGE_SIZE, PhysPage } from '../../engine/memory/physPage';
import { bareMachine, HVC0, RAM_BASE } from '../helpers/bareCpu';

const ADD_X1_1 = 0x91000421; // add x1, x1, #1
const ADD_X1_5 = 0x91001421; // add x1, x1, #5
const STR_W2_X0 = 0xb9000002; // str w2, [x0]
const LDR_W3_X0 = 0xb9400003; // ldr w3, [x0]
const MRS_X4_CNTVCT = 0xd53be044; // mrs x4, cntvct_el0
const UDF = 0x00000000;
const RET = 0xd65f03c0;

const straight = (n: number): number[] => [...new Array<number>(n).fill(ADD_X1_1), HVC0];

test('a budget that ends inside a block retires exactly that many instructions', () => {
  const m = bareMachine(straight(10));
  assert.equal(m.run(3).kind, 'budget');
  assert.equal(m.cpu.retired, 3);
  assert.equal(m.cpu.pc, RAM_BASE + 12);
  assert.equal(m.cpu.getX(1), 3n);
  assert.equal(m.run(1).kind, 'budget');
  assert.equal(m.cpu.getX(1), 4n);
  assert.equal(m.run().kind, 'hvc');
  assert.equal(m.cpu.retired, 11);
  assert.equal(m.cpu.getX(1), 10n);
});

test('chunked and single-stepped runs retire the same instructions as one run', () => {
  // x1 = 0; x2 = 100; loop: x1 += 3 (add x1, x1, #3); subs x2, x2, #1; b.ne loop; hvc
  const prog = [0xd2800001, 0xd2800c82, 0x91000c21, 0xf1000442, 0x54ffffc1, MRS_X4_CNTVCT, HVC0];
  const whole = bareMachine(prog);
  assert.equal(whole.run().kind, 'hvc');
  for (const chunk of [1, 2, 3, 5, 7]) {
    const m = bareMachine(prog);
    let exit;
    let runs = 0;
    do {
      exit = m.run(chunk);
      runs++;
    } while (exit.kind === 'budget');
    assert.equal(exit.kind, 'hvc');
    assert.equal(m.cpu.retired, whole.cpu.retired, `chunk ${chunk}`);
    assert.equal(runs, Math.ceil(whole.cpu.retired / chunk), `chunk ${chunk}`);
    assert.equal(m.cpu.getX(1), 300n);
    assert.equal(m.cpu.getX(4), whole.cpu.getX(4), 'CNTVCT_EL0 reads the same count');
  }
  assert.equal(whole.cpu.getX(4), BigInt(whole.cpu.retired - 2));
});

test('a breakpoint inside a block stops before it, and resuming executes it once', () => {
  const m = bareMachine(straight(10));
  assert.equal(m.run(1).kind, 'budget'); // the block from the entry is built and cached
  m.cpu.setBreakpoints([RAM_BASE + 16]);
  const stop = m.run();
  assert.deepEqual(stop, { kind: 'breakpoint', pc: RAM_BASE + 16 });
  assert.equal(m.cpu.retired, 4);
  assert.equal(m.cpu.getX(1), 4n);
  assert.equal(m.run().kind, 'hvc');
  assert.equal(m.cpu.getX(1), 10n);
  assert.equal(m.cpu.retired, 11);
});

test('a store that rewrites a later instruction of the running block takes effect', () => {
  // str w2, [x0] rewrites the second add (at +8) into add x1, x1, #5 before it runs.
  const m = bareMachine([STR_W2_X0, ADD_X1_1, ADD_X1_1, HVC0]);
  m.cpu.setX(0, BigInt(RAM_BASE + 8));
  m.cpu.setX(2, BigInt(ADD_X1_5));
  assert.equal(m.run().kind, 'hvc');
  assert.equal(m.cpu.getX(1), 6n);
  assert.equal(m.cpu.retired, 4);
});

test('a store that rewrites an instruction already run in a cached block is seen on the next pass', () => {
  // loop: add x1, x1, #1; str w2, [x0] (x0 = the add); subs x3, x3, #1; b.ne loop; hvc
  const m = bareMachine([ADD_X1_1, STR_W2_X0, 0xf1000463, 0x54ffffa1, HVC0]);
  m.cpu.setX(0, BigInt(RAM_BASE));
  m.cpu.setX(2, BigInt(ADD_X1_5));
  m.cpu.setX(3, 3n);
  assert.equal(m.run().kind, 'hvc');
  assert.equal(m.cpu.getX(1), 1n + 5n + 5n);
});

test('a stage-2 abort inside a block leaves PC at the faulting load with the syndrome from it', () => {
  const m = bareMachine([ADD_X1_1, ADD_X1_1, LDR_W3_X0, ADD_X1_1, HVC0]);
  m.cpu.setX(0, 0x0900_0000n); // outside RAM
  const exit = m.run();
  assert.equal(exit.kind, 'stage2-abort');
  if (exit.kind !== 'stage2-abort') return;
  assert.equal(exit.ipa, 0x0900_0000);
  assert.equal(exit.isv, true);
  assert.equal(exit.srt, 3);
  assert.equal(m.cpu.pc, RAM_BASE + 8);
  assert.equal(m.cpu.retired, 2);
});

test('an UNDEFINED instruction inside a block reports its own address and retires what came before', () => {
  const m = bareMachine([ADD_X1_1, ADD_X1_1, ADD_X1_1, UDF, HVC0]);
  const exit = m.run();
  assert.equal(exit.kind, 'unhandled-exception');
  if (exit.kind !== 'unhandled-exception') return;
  assert.equal(exit.elr, RAM_BASE + 12);
  assert.equal(m.cpu.retired, 3);
  assert.equal(m.cpu.getX(1), 3n);
});

/** A stage-2 whose pages can be unmapped, bumping the generation as a TLBI would. */
class MutableBus implements Stage2Bus {
  generation = 0;
  readonly pages = new Map<number, PhysPage>();
  translate(gfn: number): PhysPage | null {
    return this.pages.get(gfn) ?? null;
  }
  unmap(gfn: number): void {
    this.pages.delete(gfn);
    this.generation++;
  }
}

test('code reached through a block link is fetched again once its page is unmapped', () => {
  const bus = new MutableBus();
  const gfnA = RAM_BASE / PAGE_SIZE;
  const a = new PhysPage(0);
  const b = new PhysPage(1);
  bus.pages.set(gfnA, a);
  bus.pages.set(gfnA + 1, b);
  a.i32[0] = 0x94000400; // bl +0x1000 (the first word of page B)
  a.i32[1] = HVC0;
  b.i32[0] = RET;
  const cpu = new Cpu(0, bus, a64Table());
  cpu.reset(RAM_BASE);
  assert.equal(cpu.run(100).kind, 'hvc');
  cpu.pc = RAM_BASE;
  assert.equal(cpu.run(100).kind, 'hvc'); // now through the link from the BL block
  bus.unmap(gfnA + 1);
  cpu.pc = RAM_BASE;
  const exit = cpu.run(100);
  assert.equal(exit.kind, 'stage2-abort');
  if (exit.kind !== 'stage2-abort') return;
  assert.equal(exit.fetch, true);
  assert.equal(exit.ipa, RAM_BASE + PAGE_SIZE);
});

// Blocks that run COMPILE_AFTER times become call-threaded functions (blockCompiler.ts):
// the same contract must hold inside them.

test('a store inside a compiled loop block that rewrites a later instruction of it takes effect at once', () => {
  // loop: cmp x3, #10; csel x0, x6, x7, eq; str w2, [x0]; add x1, x1, #1; subs x3, x3, #1; b.ne loop; hvc
  // For x3 = 50 … 11 the store hits a scratch word; at x3 = 10 it turns the add into add x1, x1, #5.
  const m = bareMachine([0xf100287f, 0x9a8700c0, STR_W2_X0, ADD_X1_1, 0xf1000463, 0x54ffff61, HVC0]);
  m.cpu.setX(2, BigInt(ADD_X1_5));
  m.cpu.setX(3, 50n);
  m.cpu.setX(6, BigInt(RAM_BASE + 12));
  m.cpu.setX(7, BigInt(RAM_BASE + 0x10000));
  assert.equal(m.run().kind, 'hvc');
  assert.equal(m.cpu.getX(1), 40n + 10n * 5n);
  assert.equal(m.cpu.retired, 50 * 6 + 1);
});

test('a stage-2 abort inside a compiled loop block reports the load and the exact count', () => {
  // loop: add x0, x0, x5; ldr w3, [x0]; subs x4, x4, #1; b.ne loop — x0 walks off the end of RAM.
  const m = bareMachine([0x8b050000, LDR_W3_X0, 0xf1000484, 0x54ffffa1, HVC0]);
  const stride = 4096;
  const inRam = 40;
  m.cpu.setX(0, BigInt(RAM_BASE + 16 * 1024 * 1024 - (inRam + 1) * stride));
  m.cpu.setX(5, BigInt(stride));
  m.cpu.setX(4, 1000n);
  const exit = m.run();
  assert.equal(exit.kind, 'stage2-abort');
  if (exit.kind !== 'stage2-abort') return;
  assert.equal(exit.ipa, RAM_BASE + 16 * 1024 * 1024);
  assert.equal(exit.srt, 3);
  assert.equal(m.cpu.pc, RAM_BASE + 4);
  assert.equal(m.cpu.retired, inRam * 4 + 1);
});

test('a watchpoint hit inside a compiled loop block stops after the access with the exact count', () => {
  // loop: str w3, [x0]; add x0, x0, x5; subs x4, x4, #1; b.ne loop
  const m = bareMachine([0xb9000003, 0x8b050000, 0xf1000484, 0x54ffffa1, HVC0]);
  const data = RAM_BASE + 0x100000;
  m.cpu.setX(0, BigInt(data));
  m.cpu.setX(5, 4n);
  m.cpu.setX(4, 1000n);
  assert.equal(m.run(4 * 100).kind, 'budget'); // 100 iterations: compiled by now
  const target = data + 4 * 150;
  m.cpu.shared.watchpoints.push({ addr: target, size: 4, read: false, write: true });
  m.cpu.shared.watchedPages.add(Math.floor(target / PAGE_SIZE));
  m.cpu.flushTlb();
  const exit = m.run();
  assert.equal(exit.kind, 'watchpoint');
  if (exit.kind !== 'watchpoint') return;
  assert.equal(exit.addr, target);
  assert.equal(exit.pc, RAM_BASE);
  assert.equal(m.cpu.retired, 150 * 4 + 1);
  assert.equal(m.cpu.pc, RAM_BASE + 4);
});

test('single steps, chunked runs and whole runs agree once loop blocks are compiled', () => {
  const prog = [0xd2800001, 0xd2800c82, 0x91000c21, 0xf1000442, 0x54ffffc1, 0xd2800c82, 0x91000c21, 0xf1000442, 0x54ffffc1, MRS_X4_CNTVCT, HVC0];
  const whole = bareMachine(prog);
  assert.equal(whole.run().kind, 'hvc');
  for (const chunk of [1, 3, 4, 64]) {
    const m = bareMachine(prog);
    while (m.run(chunk).kind === 'budget');
    assert.equal(m.cpu.retired, whole.cpu.retired, `chunk ${chunk}`);
    assert.equal(m.cpu.getX(1), 600n);
    assert.equal(m.cpu.getX(4), whole.cpu.getX(4));
  }
});

test('a breakpoint set on an instruction of a compiled block stops there', () => {
  const m = bareMachine([0xd2800001, 0xd2800c82, 0x91000c21, 0xf1000442, 0x54ffffc1, HVC0]);
  assert.equal(m.run(2 + 3 * 60).kind, 'budget');
  m.cpu.setBreakpoints([RAM_BASE + 12]);
  assert.deepEqual(m.run(), { kind: 'breakpoint', pc: RAM_BASE + 12 });
  assert.equal(m.cpu.retired, 2 + 3 * 60 + 1);
  m.cpu.setBreakpoints([]);
  assert.equal(m.run().kind, 'hvc');
  assert.equal(m.cpu.getX(1), 300n);
});

test('a loop of several compiled blocks keeps exact counts at every budget boundary', () => {
  // x1 = 0; x2 = 200; loop: tbz w2, #0, skip; add x1, x1, #3; skip: add x1, x1, #1; subs x2, x2, #1; b.ne loop; mrs x4, cntvct_el0; hvc
  const prog = [0xd2800001, 0xd2801902, 0x36000042, 0x91000c21, 0x91000421, 0xf1000442, 0x54ffff81, MRS_X4_CNTVCT, HVC0];
  const whole = bareMachine(prog);
  assert.equal(whole.run().kind, 'hvc');
  assert.equal(whole.cpu.getX(1), 500n);
  assert.equal(whole.cpu.retired, 2 + 100 * 5 + 100 * 4 + 2);
  assert.equal(whole.cpu.getX(4), BigInt(whole.cpu.retired - 2));
  for (const chunk of [1, 2, 3, 5, 7, 100]) {
    const m = bareMachine(prog);
    let runs = 0;
    while (m.run(chunk).kind === 'budget') runs++;
    assert.equal(m.cpu.retired, whole.cpu.retired, `chunk ${chunk}`);
    assert.equal(runs + 1, Math.ceil(whole.cpu.retired / chunk), `chunk ${chunk}`);
    assert.equal(m.cpu.getX(1), 500n, `chunk ${chunk}`);
    assert.equal(m.cpu.getX(4), whole.cpu.getX(4), `chunk ${chunk}`);
  }
});
