/**
 * examples/kernel-touches-private.S with its configuration: the host kernel reads a page the
 * guest never shared (kvm_read_guest_page). rfc-2024: EPERM, nothing changes, the guest
 * finds its secret intact. upstream: forced reclaim zeroes the page and poisons the IPA,
 * and the guest's next access makes KVM_RUN fail with EFAULT.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ensureCliBundle } from '../helpers/cliBundle';
import { eventsOf, pageStates, runExample, transitionsOn, xreg } from './exampleRun';

const SECRET = 0x8000_1000;

before(() => ensureCliBundle());

const kernelRead = (report: Parameters<typeof eventsOf>[0]) => eventsOf(report, 'vmm').filter((e) => e.action === 'host action: kernel-read').map((e) => e.result);

test('kernel-touches-private (rfc-2024): kvm_read_guest_page fails with EPERM and the secret stays the guest\'s', () => {
  const { status, report } = runExample('kernel-touches-private');
  assert.equal(status, 0);
  assert.equal(report.stop.reason, 'system-off', report.stop.detail);
  assert.equal(report.console, 'secret stored\nsecret intact\n');
  assert.deepEqual(kernelRead(report), ['-1 EPERM']);
  assert.equal(xreg(report, 20), 0x5ec2e75ec2e75ec2n, 'the guest read its secret back');
  assert.deepEqual(transitionsOn(report, 'host_force_reclaim_page_guest', SECRET), []);
  assert.deepEqual(pageStates(report, SECRET), { guest: 'OWNED', host: 'NOPAGE', private: false, notMappable: true, hostMapped: false });
});

test('kernel-touches-private (upstream): forced reclaim wipes and poisons the page; the guest\'s next load fails KVM_RUN with EFAULT', () => {
  const { status, report } = runExample('kernel-touches-private', ['--profile', 'upstream']);
  assert.equal(status, 1);
  assert.equal(report.stop.reason, 'error');
  assert.match(report.stop.detail, /^KVM_RUN on vCPU 0 failed: -1 EFAULT \(KVM_EXIT_MEMORY_FAULT at GPA 0x80001000, size 0x1000\)/);
  assert.equal(report.console, 'secret stored\n');
  assert.deepEqual(transitionsOn(report, 'host_force_reclaim_page_guest', SECRET), [{ result: '0', after: { host: 'OWNED', guest: 'POISON' } }]);
  assert.deepEqual(kernelRead(report), ['read 8 bytes'], 'the kernel read succeeds once the page is the host\'s (zeroed)');
  const fault = eventsOf(report, 'guest-exit').filter((e) => e.what === 'data abort (read) at IPA 0x80001000');
  assert.equal(fault.length, 1, 'the guest\'s load of its secret');
  const run = eventsOf(report, 'kvm-run').at(-1)!;
  assert.deepEqual([run.result, run.exitName], ['-1 EFAULT', 'KVM_EXIT_MEMORY_FAULT']);
  assert.equal(xreg(report, 20), 0n, 'the load never completed');
  assert.deepEqual(pageStates(report, SECRET), { guest: 'POISON', host: 'OWNED', private: false, notMappable: false, hostMapped: true });
});
