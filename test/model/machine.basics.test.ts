/** The pKVM machine end to end: console output, stops, the same guest under both profiles. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hvcCall, print, PSCI_SYSTEM_OFF, touch, WFI } from './helpers/guestCode';
import { machine, P } from './helpers/machineFixture';

for (const profile of ['rfc-2024', 'upstream'] as const) {
  test(`${profile}: a protected guest prints through the VMM's UART and powers off`, () => {
    const m = machine({ profile }, [...print('hello\n'), ...touch(P), ...hvcCall(PSCI_SYSTEM_OFF)]);
    const stop = m.run(100_000);
    assert.equal(stop.reason, 'system-off', stop.detail);
    assert.equal(m.consoleText, 'hello\n');
    const page = m.pageRecord(P)!;
    assert.equal(page.guest.state, 'OWNED');
    assert.equal(page.host, 'NOPAGE');
    assert.equal(page.backing, profile === 'rfc-2024' ? 'guest_memfd' : 'anonymous');
    assert.equal(page.attributes.notMappable, profile === 'rfc-2024');
    // Stopped for good: running again reports the same stop.
    assert.equal(m.run(10).reason, 'system-off');
  });
}

test('a guest waiting in WFI with nothing to wake it stops the machine as idle', () => {
  const m = machine({}, [WFI]);
  const stop = m.run(1000);
  assert.equal(stop.reason, 'idle');
  assert.match(stop.detail, /waits \(WFI\)/);
  assert.equal(m.vcpus[0].power, 'waiting');
});

test('max-steps stops after exactly the requested instructions', () => {
  const m = machine({}, [0x14000000]); // b .
  const stop = m.run(1234);
  assert.equal(stop.reason, 'max-steps');
  assert.equal(m.instructions, 1234);
});
