/**
 * Exits host KVM handles or hands to the VMM: MMIO loads (register written per the
 * syndrome), accesses KVM cannot emulate, instruction fetches from nowhere, SMCCC calls
 * forwarded to the host, and a vCPU that makes no progress.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ARM_SMCCC_VERSION_FUNC_ID,
  SMCCC_RET_NOT_SUPPORTED,
  VENDOR_HYP_CALL_UID_FUNC_ID,
  VENDOR_HYP_KVM_MMIO_GUARD_FUNC_ID,
} from '../../engine/hyp/smccc';
import { br, hvcCall, ldrWoff, mov64, SAVE_RESULT, stpX, touch, WFI } from './helpers/guestCode';
import { machine, P } from './helpers/machineFixture';

test('an MMIO load from the UART flag register returns TXFE|RXFE in the destination register', () => {
  for (const profile of ['rfc-2024', 'upstream'] as const) {
    const m = machine({ profile }, [...mov64(1, 0x0900_0000), ...mov64(5, -1n & ((1n << 64n) - 1n)), ldrWoff(5, 1, 0x18), WFI]);
    assert.equal(m.run(10_000).reason, 'idle');
    assert.equal(m.vcpus[0].cpu.getX(5), 0x90n, 'a W load zero-extends');
    const run = m.log.events.find((e) => e.type === 'kvm-run' && e.exitName === 'KVM_EXIT_MMIO');
    assert.ok(run && run.type === 'kvm-run');
    assert.deepEqual((run.run.mmio as { phys_addr: string; len: number; is_write: number }).phys_addr, '0x9000018');
  }
});

test('a store pair to MMIO has no valid syndrome: KVM_RUN fails with ENOSYS', () => {
  const m = machine({}, [...mov64(1, 0x0900_0000), stpX(0, 1, 1), WFI]);
  const stop = m.run(10_000);
  assert.equal(stop.reason, 'error');
  assert.match(stop.detail, /KVM_RUN on vCPU 0 failed: -1 ENOSYS/);
});

test('a jump to an IPA with no memory gets an external instruction abort from KVM', () => {
  const m = machine({}, [...mov64(1, 0x1000_0000), br(1)]);
  const stop = m.run(10_000);
  assert.equal(stop.reason, 'exception');
  assert.match(stop.detail, /external instruction abort injected by KVM at 0x10000000/);
  // With a vector table the guest takes it: ESR_EL1 = IABT (same EL), FSC = synchronous external abort.
  const m2 = machine({}, [...mov64(1, 0x1000_0000), br(1)]);
  m2.vcpus[0].cpu.sys.vbar_el1 = 0x8000_0800n;
  m2.vcpus[0].cpu.setBreakpoints([0x8000_0a00]); // current EL with SP_ELx, synchronous
  assert.equal(m2.run(100).reason, 'breakpoint');
  assert.equal(m2.vcpus[0].cpu.sys.esr_el1, 0x86000010n);
  assert.equal(m2.vcpus[0].cpu.sys.far_el1, 0x1000_0000n);
  assert.equal(m2.vcpus[0].cpu.sys.elr_el1, 0x1000_0000n);
});

test('SMCCC VERSION and the KVM UID reach the guest; MMIO_GUARD is not supported', () => {
  for (const profile of ['rfc-2024', 'upstream'] as const) {
    const v = machine({ profile }, [...hvcCall(ARM_SMCCC_VERSION_FUNC_ID), ...SAVE_RESULT, WFI]);
    v.run(10_000);
    assert.equal(v.vcpus[0].cpu.getX(10), 0x10001n);
    const u = machine({ profile }, [...hvcCall(VENDOR_HYP_CALL_UID_FUNC_ID), ...SAVE_RESULT, WFI]);
    u.run(10_000);
    assert.deepEqual([10, 11, 12, 13].map((r) => u.vcpus[0].cpu.getX(r)), [0xb66fb428n, 0xe911c52en, 0x564bcaa9n, 0x743a004dn]);
    const g = machine({ profile }, [...hvcCall(VENDOR_HYP_KVM_MMIO_GUARD_FUNC_ID, P), ...SAVE_RESULT, WFI]);
    g.run(10_000);
    assert.equal(g.vcpus[0].cpu.getX(10), SMCCC_RET_NOT_SUPPORTED);
  }
});

test('a vCPU whose fault KVM keeps "handling" without effect is reported as stuck', () => {
  const m = machine({ profile: 'upstream' }, [...touch(P), WFI]);
  // Corrupt host KVM's record: it believes gfn P is already given to the guest.
  m.run(1); // first run: the hypervisor VM exists
  const slot = m.vm!.slotFor(P / 4096)!;
  slot.track(P / 4096, m.kvm.hostMem.alloc(2), true);
  const stop = m.run(10_000);
  assert.equal(stop.reason, 'error');
  assert.match(stop.detail, /vCPU 0 makes no progress: data abort \(write\) at IPA 0x80100000 repeated 64 times/);
});
