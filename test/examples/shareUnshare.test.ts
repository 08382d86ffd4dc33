/**
 * examples/share-unshare.S with its configuration: the guest shares a buffer, the VMM
 * reads it, the guest unshares it cooperatively — under rfc-2024 through the SHARE and
 * UNSHARE exits, under upstream at EL2 alone.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ensureCliBundle } from '../helpers/cliBundle';
import { eventsOf, hypercallExits, hypercallResults, pageStates, runExample, transitionsOn, xreg } from './exampleRun';

const BUFFER = 0x8000_1000;
const CONSOLE = 'granule: 4096 bytes\nbuffer shared\nbuffer unshared: private again\n';

before(() => ensureCliBundle());

test('share-unshare (rfc-2024): SHARE and UNSHARE exits, the VMM reads the buffer, unmaps it and marks it PRIVATE', () => {
  const { status, report } = runExample('share-unshare');
  assert.equal(status, 0);
  assert.equal(report.profile, 'rfc-2024');
  assert.equal(report.stop.reason, 'system-off', report.stop.detail);
  assert.equal(report.console, CONSOLE);
  assert.deepEqual(hypercallResults(report, 'HYP_MEMINFO').map((r) => r.x0), ['0x1000']);
  assert.equal(xreg(report, 20), 0n, 'MEM_SHARE returned SUCCESS');
  assert.equal(xreg(report, 21), 0n, 'MEM_UNSHARE returned SUCCESS');

  assert.deepEqual(hypercallExits(report), [
    { nr: '0x3', ipa: '0x80001000', vcpu: 0 },
    { nr: '0x4', ipa: '0x80001000', vcpu: 0 },
  ]);
  const vmm = eventsOf(report, 'vmm');
  // The VMM faults the shared page in and reads its first byte: 'a' of "a message for the VMM…".
  assert.equal(vmm.find((e) => e.action === 'share: map and access')?.result, 'read 0x61');
  const read = vmm.find((e) => e.action === 'host action: read');
  assert.deepEqual([read?.detail.ipa, read?.result], ['0x80001000', 'read 41 bytes']);
  // The cooperative answer to UNSHARE: unmap, then PRIVATE, then ret 0.
  const unshare = vmm.filter((e) => ['madvise', 'KVM_SET_MEMORY_ATTRIBUTES', 'unshare: cooperative'].includes(e.action) && e.vcpu === 0);
  assert.deepEqual(unshare.map((e) => `${e.action}=${e.result}`), ['madvise=0', 'KVM_SET_MEMORY_ATTRIBUTES=0', 'unshare: cooperative=ret 0x0']);

  assert.deepEqual(transitionsOn(report, 'guest_share_host', BUFFER), [{ result: '0', after: { host: 'SHARED_BORROWED', guest: 'SHARED_OWNED' } }]);
  assert.deepEqual(transitionsOn(report, 'guest_unshare_host', BUFFER), [{ result: '0', after: { host: 'NOPAGE', guest: 'OWNED' } }]);
  assert.deepEqual(pageStates(report, BUFFER), { guest: 'OWNED', host: 'NOPAGE', private: true, notMappable: true, hostMapped: false });
});

test('share-unshare (upstream): the same results with no exit to the VMM', () => {
  const { status, report } = runExample('share-unshare', ['--profile', 'upstream']);
  assert.equal(status, 0);
  assert.equal(report.profile, 'upstream');
  assert.equal(report.console, CONSOLE);
  assert.deepEqual([xreg(report, 20), xreg(report, 21)], [0n, 0n]);
  assert.deepEqual(hypercallExits(report), []);
  assert.equal(eventsOf(report, 'vmm').find((e) => e.action === 'host action: read')?.result, 'read 41 bytes');
  assert.deepEqual(pageStates(report, BUFFER), { guest: 'OWNED', host: 'NOPAGE', private: false, notMappable: false, hostMapped: true });
});
