/**
 * Several vCPUs: secondaries start powered off and come up through PSCI CPU_ON (handled
 * by host KVM, forwarded by EL2 for a protected guest); the round-robin scheduler is
 * deterministic and its quantum decides the interleaving.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PSCI } from '../../engine/hyp/smccc';
import { cbnz, hvcCall, mov64, movReg, print, PSCI_SYSTEM_OFF, subsImm, WFI } from './helpers/guestCode';
import { CODE, machine } from './helpers/machineFixture';

const SECONDARY = CODE + 0x1000;
const u64 = (v: number): bigint => BigInt.asUintN(64, BigInt(v));

/** Main code at CODE, secondary code at SECONDARY (the gap is zero-filled). */
function twoPart(main: number[], secondary: number[]): number[] {
  const words = [...main];
  while (words.length < 0x400) words.push(0);
  return [...words, ...secondary];
}

const delay = (n: number): number[] => [...mov64(7, n), subsImm(7, 7, 1), cbnz(7, -1)];

test('PSCI CPU_ON / AFFINITY_INFO / CPU_OFF across two vCPUs', () => {
  const main = [
    ...hvcCall(PSCI.CPU_ON64, 1, SECONDARY, 0x1234),
    movReg(10, 0),
    ...hvcCall(PSCI.AFFINITY_INFO64, 1, 0),
    movReg(11, 0),
    ...hvcCall(PSCI.CPU_ON64, 1, SECONDARY, 0),
    movReg(12, 0),
    ...hvcCall(PSCI.CPU_ON64, 7, SECONDARY, 0),
    movReg(13, 0),
    ...delay(30_000),
    ...hvcCall(PSCI.AFFINITY_INFO64, 1, 0),
    movReg(14, 0),
    WFI,
  ];
  const secondary = [movReg(20, 0), ...print('B'), ...hvcCall(PSCI.CPU_OFF)];
  for (const profile of ['rfc-2024', 'upstream'] as const) {
    const m = machine({ profile, vcpus: 2, quantum: 1000 }, twoPart(main, secondary));
    assert.equal(m.vcpus[1].power, 'off', 'secondaries start powered off');
    const stop = m.run(1_000_000);
    assert.equal(stop.reason, 'idle', stop.detail);
    const x = (r: number, v = 0) => m.vcpus[v].cpu.getX(r);
    assert.equal(x(10), 0n, 'CPU_ON succeeded');
    assert.equal(x(11), 0n, 'AFFINITY_INFO: ON (pending power-on counts as on)');
    assert.equal(x(12), u64(-5), 'CPU_ON again before it ran: ON_PENDING');
    assert.equal(x(13), u64(-2), 'CPU_ON of a vCPU that does not exist: INVALID_PARAMS');
    assert.equal(x(14), 1n, 'AFFINITY_INFO after CPU_OFF: OFF');
    assert.equal(x(20, 1), 0x1234n, 'the context ID arrives in x0');
    assert.equal(m.consoleText, 'B');
    assert.equal(m.vcpus[1].power, 'off');
    assert.equal(m.vcpus[0].power, 'waiting');
  }
});

test('a protected guest keeps x1..x3 across a PSCI call (EL2 copies back x0 only); a non-protected one gets 0', () => {
  const prog = [...hvcCall(PSCI.VERSION, 5, 6, 7), WFI];
  const p = machine({ profile: 'upstream' }, prog);
  assert.equal(p.run(10_000).reason, 'idle');
  assert.deepEqual([0, 1, 2, 3].map((r) => p.vcpus[0].cpu.getX(r)), [0x10001n, 5n, 6n, 7n]);
  const np = machine({ profile: 'upstream', protected: false }, prog);
  assert.equal(np.run(10_000).reason, 'idle');
  assert.deepEqual([0, 1, 2, 3].map((r) => np.vcpus[0].cpu.getX(r)), [0x10001n, 0n, 0n, 0n]);
});

test('SYSTEM_RESET stops the machine with a system event', () => {
  const m = machine({}, hvcCall(PSCI.SYSTEM_RESET));
  const stop = m.run(10_000);
  assert.equal(stop.reason, 'system-off');
  assert.match(stop.detail, /SYSTEM_RESET/);
});

test('the scheduler is deterministic, and the quantum decides the interleaving', () => {
  const letters = (ch: string) => {
    const out: number[] = [];
    for (let k = 0; k < 6; k++) out.push(...print(ch), ...delay(40));
    return out;
  };
  const prog = twoPart([...hvcCall(PSCI.CPU_ON64, 1, SECONDARY, 0), ...letters('a'), WFI], [...letters('b'), WFI]);
  const text = (quantum: number) => {
    const m = machine({ vcpus: 2, quantum }, prog);
    assert.equal(m.run(1_000_000).reason, 'idle');
    return m.consoleText;
  };
  const fine = text(50);
  assert.equal(fine, text(50), 'same configuration, same run');
  const coarse = text(100_000);
  assert.equal(coarse, 'aaaaaabbbbbb');
  assert.notEqual(fine, coarse);
  assert.equal([...fine].filter((c) => c === 'a').length, 6);
  assert.equal([...fine].filter((c) => c === 'b').length, 6);
});

test('runVcpu runs one vCPU alone; the others stay where they are', () => {
  const prog = twoPart([...hvcCall(PSCI.CPU_ON64, 1, SECONDARY, 0), ...delay(1000), ...hvcCall(PSCI_SYSTEM_OFF)], [...delay(1_000_000), WFI]);
  const m = machine({ vcpus: 2, quantum: 100 }, prog);
  assert.equal(m.runVcpu(0, 20).reason, 'max-steps');
  const pc1 = m.vcpus[1].cpu.pc;
  assert.equal(m.runVcpu(0, 50).reason, 'max-steps');
  assert.equal(m.vcpus[1].cpu.pc, pc1);
  assert.equal(m.vcpus[1].cpu.retired, 0);
});
