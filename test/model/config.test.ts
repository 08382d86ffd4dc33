/** Launch configuration: defaults per profile, and errors that name the field. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultLaunchConfig, parseLaunchConfig } from '../../engine/config/launchConfig';

const errors = (raw: unknown): string[] => {
  const r = parseLaunchConfig(raw);
  assert.equal(r.ok, false, 'expected the configuration to be refused');
  return r.ok ? [] : r.errors;
};

test('defaults: RFC design with guest_memfd, SHARE/UNSHARE exits, image unmapped before the first run', () => {
  const c = defaultLaunchConfig();
  assert.equal(c.profile, 'rfc-2024');
  assert.equal(c.protected, true);
  assert.deepEqual(c.memory, [{ name: 'ram', base: 0x8000_0000, size: 64 << 20, backing: 'guest_memfd', gmemFlags: ['MMAP'] }]);
  assert.deepEqual(c.vmm.exitHypercalls, ['MEM_SHARE', 'MEM_UNSHARE']);
  assert.equal(c.vmm.unmapImageBeforeRun, true);
  assert.equal(c.vmm.onUnshare, 'cooperative');
  assert.equal(c.vcpus, 1);
  const u = defaultLaunchConfig('upstream');
  assert.equal(u.memory[0].backing, 'anonymous');
  assert.deepEqual(u.vmm.exitHypercalls, []);
  assert.equal(u.vmm.unmapImageBeforeRun, false);
});

test('sizes and addresses accept numbers, hex strings and K/M/G suffixes', () => {
  const r = parseLaunchConfig({ memory: [{ base: '0x4000_0000', size: '4GiB' }, { name: 'b', base: 0x2_0000_0000, size: '0x1000' }] });
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.equal(r.config.memory[0].base, 0x4000_0000);
  assert.equal(r.config.memory[0].size, 4 * 2 ** 30);
  assert.equal(r.config.memory[1].size, 4096);
});

test('errors name the field', () => {
  assert.deepEqual(errors({ vmm: { onUnshare: 'polite' } }), ['vmm.onUnshare: expected one of "cooperative", "keep-mapped", "skip-private", "return-error"']);
  assert.deepEqual(errors({ profile: 'android' }), ['profile: expected one of "rfc-2024", "upstream"']);
  assert.match(errors({ vmm: { onUnshre: 'cooperative' } })[0], /^vmm\.onUnshre: unknown field/);
  assert.match(errors({ vcpus: 0 })[0], /^vcpus: expected an integer from 1 to 64/);
  assert.match(errors({ memory: [{ base: 0x8000_0000, size: 100 }] })[0], /^memory\[0\]\.size: must be a non-zero multiple of 4 KiB/);
  assert.match(errors({ memory: [{ base: 0x8000_0000, size: '1M' }, { name: 'x', base: 0x8008_0000, size: '1M' }] })[0], /^memory\[1\]: overlaps region "region0"/);
  assert.match(errors({ memory: [{ base: 0x0900_0000, size: '1M' }] })[0], /^memory\[0\]: overlaps the console UART/);
  assert.match(errors({ memory: [{ base: 0x8000_0000, size: '1M', gmemFlags: ['INIT_SHARED'] }] })[0], /^memory\[0\]\.gmemFlags: must include "MMAP"/);
  assert.match(errors({ profile: 'upstream', vmm: { exitHypercalls: ['MEM_SHARE'] } })[0], /^vmm\.exitHypercalls: the upstream profile has no KVM_CAP_EXIT_HYPERCALL/);
  assert.match(errors({ profile: 'upstream', memory: [{ base: 0x8000_0000, size: '1M', backing: 'guest_memfd' }] })[0], /^memory\[0\]\.backing: the upstream profile backs protected VMs with anonymous memory/);
  assert.match(errors({ vmm: { exitHypercalls: ['MEM_RELINQUISH'] } })[0], /^vmm\.exitHypercalls\[0\]: expected one of "MEM_SHARE", "MEM_UNSHARE"/);
});

test('scripted actions are validated field by field', () => {
  const act = (trigger: unknown, action: unknown) => errors({ vmm: { actions: [{ trigger, action }] } });
  assert.match(act({ kind: 'soon' }, { kind: 'read', ipa: 0 })[0], /^vmm\.actions\[0\]\.trigger\.kind: expected one of "start", "instructions", "hypercall", "exit", "console"/);
  assert.match(act({ kind: 'hypercall', function: 'MEM_SHAER' }, { kind: 'read', ipa: 0 })[0], /^vmm\.actions\[0\]\.trigger\.function: expected a function name/);
  assert.match(act({ kind: 'start' }, { kind: 'read', ipa: 'x1' })[0], /^vmm\.actions\[0\]\.action\.ipa: "x1" .* needs a hypercall trigger/);
  assert.match(act({ kind: 'start' }, { kind: 'munmap', ipa: 0x8000_0100 })[0], /^vmm\.actions\[0\]\.action: munmap works on whole pages/);
  assert.match(act({ kind: 'start' }, { kind: 'kernel-read', ipa: 0x8000_0ffc, length: 8 })[0], /^vmm\.actions\[0\]\.action\.length: kvm_read\/write_guest_page stays within one page/);
  assert.match(act({ kind: 'start' }, { kind: 'set-attributes', ipa: 0x8000_0000 })[0], /^vmm\.actions\[0\]\.action\.private: expected true or false/);
  assert.match(act({ kind: 'start' }, { kind: 'write', ipa: 0, bytes: [256] })[0], /^vmm\.actions\[0\]\.action\.bytes: expected a non-empty array of byte values/);
  const ok = parseLaunchConfig({ vmm: { actions: [{ trigger: { kind: 'hypercall', function: 'MEM_UNSHARE', occurrence: 2 }, action: { kind: 'read', ipa: 'x1' } }] } });
  assert.ok(ok.ok);
  if (ok.ok) assert.deepEqual(ok.config.vmm.actions[0], { trigger: { kind: 'hypercall', fn: 0xc6000004, occurrence: 2 }, action: { kind: 'read', ipa: 'x1', length: 8 } });
});

test('a machine refuses an image outside the configured memory, naming the segment', async () => {
  const { PkvmMachine } = await import('../../engine/vmm/pkvmMachine');
  const { flatImage } = await import('./helpers/machineFixture');
  const m = new PkvmMachine(defaultLaunchConfig(), flatImage([0], 0x1000_0000));
  const stop = m.run(10);
  assert.equal(stop.reason, 'error');
  assert.match(stop.detail, /image segment at 0x10000000 \(test program, 4 bytes\) is outside the configured guest memory/);
});

test('createPkvmMachine validates the raw configuration and builds the machine', async () => {
  const { createPkvmMachine } = await import('../../engine/vmm/createPkvmMachine');
  const { flatImage } = await import('./helpers/machineFixture');
  const bad = createPkvmMachine({ quantum: -1 }, flatImage([0xd503207f]));
  assert.deepEqual(bad, { ok: false, errors: ['quantum: expected an integer from 1 to 1000000000'] });
  const good = createPkvmMachine({ profile: 'upstream', memory: [{ base: '0x80000000', size: '1M' }] }, flatImage([0xd503207f]));
  assert.ok(good.ok);
  if (good.ok) assert.equal(good.machine.run(100).reason, 'idle');
});
