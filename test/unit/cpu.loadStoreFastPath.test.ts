/**
 * The single-register load/store fast path (`Cpu.rfast`/`wfast`, taken on a TLB hit)
 * must hand every address it cannot compute exactly in 32 bits to the general path:
 * here RAM starts at 0, so a wrong wrap-around would land in a page the TLB holds.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Cpu } from '../../engine/cpu/cpu';
import { a64Table } from '../../engine/cpu/encodings';
import { FlatBus } from '../../engine/memory/flatBus';

const HVC0 = 0xd4000002;

function lowRamCpu(words: number[]): Cpu {
  const bus = new FlatBus([{ base: 0, size: 1 << 20 }]);
  bus.write(0x1000, new Uint8Array(new Uint32Array(words).buffer));
  bus.write(0, new Uint8Array(new BigUint64Array([0x1111n, 0x2222n, 0x3333n]).buffer));
  const cpu = new Cpu(0, bus, a64Table());
  cpu.reset(0x1000);
  return cpu;
}

test('an unsigned offset that carries out of the low word faults at the 64-bit address, not in a cached page', () => {
  // ldr x2, [x3] (x3 = 0: page 0 enters the TLB); ldr x1, [x0, #16] with x0 = 0xfffffff8
  const cpu = lowRamCpu([0xf9400062, 0xf9400801, HVC0]);
  cpu.setX(3, 0n);
  cpu.setX(0, 0xfffffff8n);
  const exit = cpu.run(10);
  assert.equal(cpu.getX(2), 0x1111n);
  assert.equal(exit.kind, 'stage2-abort');
  if (exit.kind !== 'stage2-abort') return;
  assert.equal(exit.ipa, 0x1_0000_0008);
  assert.equal(cpu.pc, 0x1004);
});

test('a negative offset that borrows below zero is a fault beyond the address space', () => {
  // ldr x2, [x3]; ldur x4, [x5, #-16] with x5 = 8
  const cpu = lowRamCpu([0xf9400062, 0xf85f00a4, HVC0]);
  cpu.setX(3, 0n);
  cpu.setX(5, 8n);
  const exit = cpu.run(10);
  assert.equal(exit.kind, 'unhandled-exception');
  if (exit.kind !== 'unhandled-exception') return;
  assert.equal(exit.elr, 0x1004);
  assert.equal(exit.far, 2 ** 64 - 8);
});

test('register offsets too large for the fast path, or with the high word set, take the general path', () => {
  // ldr x2, [x3]; ldrb w6, [x7, x8] with x7 = 0 and x8 = 2^32 + 16 (LSL: the whole register)
  const cpu = lowRamCpu([0xf9400062, 0x386868e6, HVC0]);
  cpu.setX(3, 0n);
  cpu.setX(7, 0n);
  cpu.setX(8, (1n << 32n) + 16n);
  const exit = cpu.run(10);
  assert.equal(exit.kind, 'stage2-abort');
  if (exit.kind !== 'stage2-abort') return;
  assert.equal(exit.ipa, 0x1_0000_0010);
});

test('a post-index store on the fast path stores at the base, then writes the base back', () => {
  // ldr x2, [x3] (x3 = 8: page 0 enters both paths' view); str x9, [x3], #8; hvc
  const cpu = lowRamCpu([0xf9400062, 0xf8008469, HVC0]);
  cpu.setX(3, 8n);
  cpu.setX(9, 0xabcdn);
  assert.equal(cpu.run(1).kind, 'budget');
  cpu.flushTlb();
  assert.equal(cpu.run(1).kind, 'budget'); // the store's page enters the write TLB
  cpu.pc = 0x1004;
  cpu.setX(3, 16n);
  assert.equal(cpu.run(10).kind, 'hvc'); // this store takes the fast path
  assert.equal(cpu.getX(2), 0x2222n);
  assert.equal(cpu.getX(3), 24n);
  const ram = (cpu.bus as FlatBus).read(8, 16);
  assert.deepEqual([...new BigUint64Array(ram.buffer)], [0xabcdn, 0xabcdn]);
});
