/**
 * examples/unshare-refused.S with its configuration: the VMM keeps the shared page mapped,
 * cannot mark it PRIVATE (EPERM), so host KVM turns its acknowledgement into
 * INVALID_PARAMETER and the page stays shared — and readable by the VMM.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ensureCliBundle } from '../helpers/cliBundle';
import { eventsOf, hypercallExits, hypercallResults, INVALID_PARAMETER, pageStates, runExample, transitionsOn, xreg } from './exampleRun';

const BUFFER = 0x8000_1000;

before(() => ensureCliBundle());

test('unshare-refused: KVM_SET_MEMORY_ATTRIBUTES fails EPERM, the guest gets INVALID_PARAMETER, the page stays shared', () => {
  const { status, report } = runExample('unshare-refused');
  assert.equal(status, 0);
  assert.equal(report.stop.reason, 'system-off', report.stop.detail);
  assert.equal(report.console, 'buffer shared\nMEM_UNSHARE refused: INVALID_PARAMETER\nstill shared: the VMM can read it\n');
  assert.equal(xreg(report, 20), 0n, 'MEM_SHARE succeeded');
  assert.equal(xreg(report, 21), BigInt(INVALID_PARAMETER), 'MEM_UNSHARE was refused');
  assert.deepEqual(hypercallResults(report, 'MEM_UNSHARE'), [{ x0: INVALID_PARAMETER, vcpu: 0 }]);
  assert.deepEqual(hypercallExits(report).map((e) => e.nr), ['0x3', '0x4']);

  const vmm = eventsOf(report, 'vmm');
  assert.equal(vmm.find((e) => e.action === 'KVM_SET_MEMORY_ATTRIBUTES')?.result, '-1 EPERM');
  assert.equal(vmm.find((e) => e.action === 'unshare: keep-mapped')?.result, 'ret 0x0', 'the VMM acknowledged anyway');
  assert.ok(eventsOf(report, 'kernel').some((e) => e.action.startsWith('unshare not acknowledged')));
  // EL2 never unshared the page.
  assert.deepEqual(transitionsOn(report, 'guest_unshare_host', BUFFER), []);
  // After the refusal the VMM reads the page again, successfully.
  const reads = vmm.filter((e) => e.action === 'host action: read');
  assert.deepEqual(reads.map((e) => e.result), ['read 29 bytes']);
  assert.ok(reads[0].seq > eventsOf(report, 'hypercall').find((e) => e.name === 'MEM_UNSHARE' && e.phase === 'return')!.seq);
  assert.deepEqual(eventsOf(report, 'signal'), []);
  assert.deepEqual(pageStates(report, BUFFER), { guest: 'SHARED_OWNED', host: 'SHARED_BORROWED', private: false, notMappable: false, hostMapped: true });
});
