/**
 * The invariant checker stops the run with a report naming the rule, the page, every
 * component's state and the event. The model's own transitions never break it (see the
 * property test), so these tests break the state on purpose, as a buggy hypervisor or
 * kernel would.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PageState } from '../../engine/hyp/pageState';
import { VENDOR_HYP_KVM_MEM_SHARE_FUNC_ID as SHARE } from '../../engine/hyp/smccc';
import { hvcCall, SAVE_RESULT, touch, WFI } from './helpers/guestCode';
import { CODE, machine, P } from './helpers/machineFixture';

test('a guest-private page the host can access stops the run at the next transition on it', () => {
  const m = machine({ profile: 'upstream' }, [...touch(P), ...hvcCall(SHARE, P), ...SAVE_RESULT, WFI]);
  m.vcpus[0].cpu.setBreakpoints([CODE + 4 * touch(P).length]);
  assert.equal(m.run(10_000).reason, 'breakpoint');
  const pfn = m.vm!.hypVm!.stage2.get(P / 4096).pfn;
  m.kvm.hyp.vmemmap.setHostState(pfn, PageState.OWNED); // a broken hypervisor hands the page back to the host
  m.vcpus[0].cpu.setBreakpoints([]);
  const stop = m.run(10_000);
  assert.equal(stop.reason, 'error');
  assert.match(stop.detail, /invariant "guest-private-not-host-accessible" violated at IPA 0x80100000 \(host OWNED, hyp NOPAGE, guest OWNED\) after guest_share_host \(event #\d+\)/);
  const v = m.violation!;
  assert.equal(v.violation.page.ipa, '0x80100000');
  assert.equal(v.violation.page.pa, `0x${(pfn * 4096).toString(16)}`);
  assert.equal(v.cause?.type, 'transition');
  // The report is in the log, serialisable.
  const json = JSON.parse(JSON.stringify(m.log)) as { events: { type: string; rule?: string }[] };
  assert.ok(json.events.some((e) => e.type === 'invariant-violation' && e.rule === 'guest-private-not-host-accessible'));
  // The run stays stopped.
  assert.equal(m.run(10).reason, 'error');
});

test('RFC: a host user mapping of a donated guest_memfd page is reported as soon as it appears', () => {
  const m = machine({}, [...touch(P), WFI]);
  assert.equal(m.run(10_000).reason, 'idle');
  const pfn = m.vm!.hypVm!.stage2.get(P / 4096).pfn;
  m.kvm.hostMem.addMapping(pfn); // a kernel bug maps the folio into the VMM
  const v = m.violation!;
  assert.equal(v.violation.rule, 'guest-private-not-host-mapped');
  assert.equal(v.violation.page.hostMapcount, 1);
  assert.equal(v.violation.page.guest, 'OWNED');
  assert.equal(v.violation.page.notMappable, true);
});
