/**
 * examples/host-touches-private.S with its configuration: the VMM reads a page the guest
 * never shared and is killed by SIGBUS (rfc-2024: guest_memfd refuses the fault) or
 * SIGSEGV (upstream: pKVM refuses the access at the host stage-2).
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ensureCliBundle } from '../helpers/cliBundle';
import { eventsOf, pageStates, runExample } from './exampleRun';

const SECRET = 0x8000_1000;

before(() => ensureCliBundle());

for (const [profile, signal, why, mapped] of [
  ['rfc-2024', 'SIGBUS', /NOT_MAPPABLE/, false],
  ['upstream', 'SIGSEGV', /host stage-2 fault: .*donated to the guest/, true],
] as const) {
  test(`host-touches-private (${profile}): the VMM's read of the secret page is answered with ${signal}`, () => {
    const { status, report } = runExample('host-touches-private', ['--profile', profile]);
    assert.equal(status, 1, 'the VMM died');
    assert.equal(report.profile, profile);
    assert.equal(report.stop.reason, 'error');
    assert.match(report.stop.detail, new RegExp(`^VMM killed by ${signal} at VA 0x[0-9a-f]+ \\(guest IPA 0x80001000\\) during host action: read`));
    assert.equal(report.console, 'secret stored\n', 'the guest got as far as the trigger, no further');

    const signals = eventsOf(report, 'signal');
    assert.equal(signals.length, 1);
    assert.equal(signals[0].signal, signal);
    assert.equal(signals[0].ipa, '0x80001000');
    assert.match(signals[0].why, why);
    assert.equal(eventsOf(report, 'vmm').find((e) => e.action === 'host action: read')?.result, signal);
    // The secret page stayed the guest's: donated, never shared.
    assert.deepEqual(pageStates(report, SECRET), { guest: 'OWNED', host: 'NOPAGE', private: false, notMappable: profile === 'rfc-2024', hostMapped: mapped });
    assert.ok(!eventsOf(report, 'transition').some((e) => e.op === 'guest_share_host'));
  });
}
