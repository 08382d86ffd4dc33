/**
 * examples/two-vcpus.S with its configuration: vCPU 0 starts vCPU 1 with PSCI CPU_ON
 * (context ID = the page vCPU 1 shares), each vCPU shares a page with its own SHARE exit,
 * vCPU 1 powers off and vCPU 0 sees it OFF through AFFINITY_INFO.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ensureCliBundle } from '../helpers/cliBundle';
import { eventsOf, hypercallExits, hypercallResults, pageStates, runExample, xreg } from './exampleRun';

const PAGE0 = 0x8000_1000;
const PAGE1 = 0x8000_2000;

before(() => ensureCliBundle());

test('two-vcpus: CPU_ON brings vCPU 1 up with the context ID, each vCPU shares its page, vCPU 1 ends OFF', () => {
  const { status, report } = runExample('two-vcpus');
  assert.equal(status, 0);
  assert.equal(report.stop.reason, 'system-off', report.stop.detail);
  assert.equal(
    report.console,
    'vCPU 0: starting vCPU 1\nvCPU 1: up, sharing page1\nvCPU 0: vCPU 1 shared page1, sharing page0\nvCPU 0: vCPU 1 is off, both pages shared\n',
  );
  assert.equal(report.vcpus.length, 2);

  const cpuOn = eventsOf(report, 'hypercall').filter((e) => e.name === 'PSCI_CPU_ON64');
  assert.deepEqual(cpuOn.map((e) => [e.phase, e.vcpu]), [['call', 0], ['return', 0]]);
  assert.equal(cpuOn[0].regs[1], '0x1', 'target MPIDR 1');
  assert.equal(cpuOn[0].regs[3], '0x80002000', 'context ID = page1');
  assert.equal(cpuOn[1].regs[0], '0x0');
  assert.equal(xreg(report, 22, 0), 0n, 'CPU_ON returned PSCI_RET_SUCCESS');
  const firstOnVcpu1 = report.events.find((e) => e.vcpu === 1)!;
  assert.ok(firstOnVcpu1.seq > cpuOn[1].seq, 'vCPU 1 runs only after CPU_ON');
  assert.equal(xreg(report, 19, 1), BigInt(PAGE1), 'vCPU 1 received the context ID in x0');

  // One SHARE exit per vCPU, each on its own kvm_run: vCPU 1's page first, by the protocol.
  assert.deepEqual(hypercallExits(report), [
    { nr: '0x3', ipa: '0x80002000', vcpu: 1 },
    { nr: '0x3', ipa: '0x80001000', vcpu: 0 },
  ]);
  assert.deepEqual(hypercallResults(report, 'MEM_SHARE'), [{ x0: '0x0', vcpu: 1 }, { x0: '0x0', vcpu: 0 }]);
  assert.deepEqual([xreg(report, 20, 0), xreg(report, 20, 1)], [0n, 0n]);

  assert.deepEqual(eventsOf(report, 'hypercall').filter((e) => e.name === 'PSCI_CPU_OFF').map((e) => e.vcpu), [1]);
  assert.equal(xreg(report, 23, 0), 1n, 'AFFINITY_INFO(1): OFF');
  assert.equal(report.vcpus[1].state, 'off');

  for (const ipa of [PAGE0, PAGE1]) {
    assert.deepEqual(pageStates(report, ipa), { guest: 'SHARED_OWNED', host: 'SHARED_BORROWED', private: false, notMappable: false, hostMapped: true });
  }
});
