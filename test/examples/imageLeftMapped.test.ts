/**
 * examples/image-left-mapped.S with its configuration: the VMM keeps its mapping of the
 * image, so under rfc-2024 the first instruction fetch cannot be given a page (EPERM) and
 * the guest never runs; under upstream the same configuration runs to the end.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ensureCliBundle } from '../helpers/cliBundle';
import { eventsOf, pageStates, runExample } from './exampleRun';

const CODE = 0x8000_0000;

before(() => ensureCliBundle());

test('image-left-mapped (rfc-2024): KVM_RUN fails with EPERM on the first fetch, nothing runs', () => {
  const { status, report } = runExample('image-left-mapped');
  assert.equal(status, 1);
  assert.equal(report.stop.reason, 'error');
  assert.equal(report.stop.detail, 'KVM_RUN on vCPU 0 failed: -1 EPERM at PC 0x80000000');
  assert.equal(report.instructions, 0);
  assert.equal(report.console, '');
  assert.ok(!eventsOf(report, 'vmm').some((e) => e.action === 'madvise'), 'the VMM never dropped its mapping');
  assert.deepEqual(eventsOf(report, 'guest-exit').map((e) => e.what), ['instruction abort at IPA 0x80000000']);
  const refused = eventsOf(report, 'kernel').filter((e) => e.action.startsWith('guestmem_abort refused'));
  assert.deepEqual(refused.map((e) => e.detail.ipa), ['0x80000000']);
  assert.deepEqual(eventsOf(report, 'kvm-run').map((e) => e.result), ['-1 EPERM']);
  assert.ok(!eventsOf(report, 'transition').some((e) => e.op === 'host_donate_guest'), 'pKVM was never asked to donate');
  assert.deepEqual(pageStates(report, CODE), { guest: 'NOPAGE', host: 'OWNED', private: false, notMappable: true, hostMapped: true });
});

test('image-left-mapped (upstream): anonymous memory stays mapped by design and the guest runs', () => {
  const { status, report } = runExample('image-left-mapped', ['--profile', 'upstream']);
  assert.equal(status, 0);
  assert.equal(report.stop.reason, 'system-off', report.stop.detail);
  assert.equal(report.console, 'the guest runs\n');
  assert.deepEqual(pageStates(report, CODE), { guest: 'OWNED', host: 'NOPAGE', private: false, notMappable: false, hostMapped: true });
});
