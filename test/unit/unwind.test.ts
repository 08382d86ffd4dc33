import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProgramInfo } from '../../engine/debug/programInfo';
import { unwind, UnwindInput } from '../../engine/debug/unwind';

const STP_FRAME = 0xa9bf7bfd; // stp x29, x30, [sp, #-16]!
const MOV_FP = 0x910003fd; // mov x29, sp
const NOP = 0xd503201f;

// Code: main at 0x1000 (frame record), helper at 0x2000 (frame record), leaf at 0x3000 (none).
const code = new Map<number, number>();
for (let a = 0x1000; a < 0x4000; a += 4) code.set(a, NOP);
code.set(0x1000, STP_FRAME);
code.set(0x1004, MOV_FP);
code.set(0x2000, STP_FRAME);
code.set(0x2004, MOV_FP);
const program = new ProgramInfo([
  { name: 'main', address: 0x1000, size: 0x100, kind: 'function', global: true },
  { name: 'helper', address: 0x2000, size: 0x100, kind: 'function', global: true },
  { name: 'leaf', address: 0x3000, size: 0x100, kind: 'function', global: true },
]);
// Stack: main's record at 0x8ff0 {0, ret into start 0x1ff0? no: 0 = outermost}; helper's at 0x8fe0 {0x8ff0, 0x1024}.
const stack = new Map<bigint, bigint>([
  [0x8ff0n, 0n],
  [0x8ff8n, 0n],
  [0x8fe0n, 0x8ff0n],
  [0x8fe8n, 0x1024n],
]);
const base = (pc: number, lr: bigint, fp: bigint): UnwindInput => ({
  pc,
  lr,
  fp,
  sp: 0x8f00n,
  read64: (a) => stack.get(a),
  readInsn: (a) => code.get(a),
  program,
});

test('a leaf function returns through LR, then the frame-record chain', () => {
  const frames = unwind(base(0x3008, 0x2010n, 0x8fe0n));
  assert.deepEqual(frames.map((f) => [f.pc, f.via]), [
    [0x3008, 'pc'],
    [0x2010, 'lr'],
    [0x1024, 'frame-record'],
  ]);
});

test('a function past its prologue unwinds through its own record', () => {
  const frames = unwind(base(0x2010, 0x3000n /* stale */, 0x8fe0n));
  assert.deepEqual(frames.map((f) => f.pc), [0x2010, 0x1024]);
});

test('garbage frame pointers stop the walk instead of inventing frames', () => {
  assert.equal(unwind(base(0x2010, 0n, 0x1234567n)).length, 1);
  assert.equal(unwind({ ...base(0x3008, 0n, 0n) }).length, 1);
});

test('symbolAt skips local labels and respects sizes', () => {
  const p = new ProgramInfo([
    { name: 'f', address: 0x100, size: 0x10, kind: 'function', global: true },
    { name: '.Lloop', address: 0x104, size: 0, kind: 'label', global: false },
    { name: 'g', address: 0x200, size: 0, kind: 'label', global: false },
  ]);
  assert.equal(p.describe(0x108), 'f+0x8');
  assert.equal(p.describe(0x180), undefined);
  assert.equal(p.describe(0x204), 'g+0x4');
});
