/** Punching a hole in guest_memfd under a running guest. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { b, mov64, movz, strX, touch, WFI, load } from './helpers/guestCode';
import { CODE, machine, P } from './helpers/machineFixture';

test('non-protected guest: the host takes the page back (T8) and the guest later faults in a fresh zero page', () => {
  const write = [...mov64(1, P), movz(6, 0x44), strX(6, 1)];
  const m = machine({ profile: 'upstream', protected: false, memory: [{ base: '0x80000000', size: '4M', backing: 'guest_memfd' }] }, [...write, b(0), ...load(P), WFI]);
  const spin = CODE + 4 * write.length;
  m.vcpus[0].cpu.setBreakpoints([spin]);
  assert.equal(m.run(10_000).reason, 'breakpoint');
  const before = m.pageRecord(P)!;
  assert.deepEqual([before.guest.state, before.host], ['SHARED_BORROWED', 'SHARED_OWNED']);
  assert.equal(m.hostAction({ kind: 'punch-hole', ipa: P }).result, '0');
  const after = m.pageRecord(P)!;
  assert.deepEqual([after.guest.state, after.hostFrame, after.tracked], ['NOPAGE', null, null]);
  assert.ok(m.log.events.some((e) => e.type === 'transition' && e.op === 'host_unshare_guest' && e.ret === 0));
  // Skip the spin and let the guest read the page again: a new, zeroed folio.
  m.vcpus[0].cpu.setBreakpoints([]);
  m.vcpus[0].cpu.pc = spin + 4;
  assert.equal(m.run(10_000).reason, 'idle');
  assert.equal(m.vcpus[0].cpu.getX(5), 0n);
  assert.equal(m.violation, null);
});

test('RFC protected guest: the guest keeps its page; the file gets a new folio the host still cannot map', () => {
  const m = machine({ vmm: { onSignal: 'continue' } }, [...touch(P), WFI]);
  assert.equal(m.run(10_000).reason, 'idle');
  const frame = m.pageRecord(P)!.guest.pa;
  assert.equal(m.hostAction({ kind: 'punch-hole', ipa: P }).result, '0');
  const r = m.pageRecord(P)!;
  assert.deepEqual([r.guest.state, r.guest.pa, r.host, r.hostFrame], ['OWNED', frame, 'NOPAGE', null]);
  assert.ok(m.log.events.some((e) => e.type === 'warning' && /the protected guest keeps/.test(e.message)));
  assert.equal(m.hostAction({ kind: 'read', ipa: P }).result, 'SIGBUS');
  m.shutdown();
  assert.equal(m.violation, null);
});
