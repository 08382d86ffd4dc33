/**
 * examples/include/pkvm.S: the constants match the protocol reference, and each call macro
 * makes the SMCCC call it names — run on the CPU, the HVC exits carry the right function
 * ID and arguments in x0..x3.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { assemble } from '../../engine/asm';
import type { AssembledProgram } from '../../engine/asm';
import { bareMachine, RAM_BASE } from '../helpers/bareCpu';

const INCLUDE_DIR = resolve(__dirname, '../../../examples/include');

function guest(body: string): AssembledProgram {
  const p = assemble('guest.S', `  .include "pkvm.S"\n${body}\n`, {
    includeResolver: (path) => {
      const file = resolve(INCLUDE_DIR, path);
      return { file, text: readFileSync(file, 'utf8') };
    },
  });
  assert.deepEqual(p.diagnostics.map((d) => `${d.file}:${d.line}: ${d.message}`), []);
  return p;
}

function value(p: AssembledProgram, name: string): bigint {
  const s = p.symbols.find((x) => x.name === name);
  assert.ok(s, `pkvm.S defines no ${name}`);
  return BigInt.asIntN(64, s.value);
}

test('pkvm.S: SMCCC, KVM vendor-hypervisor and PSCI function IDs and return codes', () => {
  const p = guest('nop');
  const expect: Record<string, bigint> = {
    SMCCC_RET_SUCCESS: 0n,
    SMCCC_RET_NOT_SUPPORTED: -1n,
    SMCCC_RET_NOT_REQUIRED: -2n,
    SMCCC_RET_INVALID_PARAMETER: -3n,
    ARM_SMCCC_VENDOR_HYP_CALL_UID_FUNC_ID: 0x8600ff01n,
    ARM_SMCCC_VENDOR_HYP_KVM_FEATURES_FUNC_ID: 0x86000000n,
    ARM_SMCCC_VENDOR_HYP_KVM_PTP_FUNC_ID: 0x86000001n,
    ARM_SMCCC_VENDOR_HYP_KVM_HYP_MEMINFO_FUNC_ID: 0xc6000002n,
    ARM_SMCCC_VENDOR_HYP_KVM_MEM_SHARE_FUNC_ID: 0xc6000003n,
    ARM_SMCCC_VENDOR_HYP_KVM_MEM_UNSHARE_FUNC_ID: 0xc6000004n,
    ARM_SMCCC_VENDOR_HYP_KVM_MMIO_GUARD_FUNC_ID: 0xc6000007n,
    ARM_SMCCC_VENDOR_HYP_KVM_MEM_RELINQUISH_FUNC_ID: 0xc6000009n,
    ARM_SMCCC_KVM_FUNC_FEATURES_2: 127n,
    ARM_SMCCC_KVM_NUM_FUNCS: 128n,
    PSCI_0_2_FN_PSCI_VERSION: 0x84000000n,
    PSCI_0_2_FN_CPU_OFF: 0x84000002n,
    PSCI_0_2_FN64_CPU_ON: 0xc4000003n,
    PSCI_0_2_FN_SYSTEM_OFF: 0x84000008n,
    PSCI_0_2_FN_SYSTEM_RESET: 0x84000009n,
    PSCI_1_0_FN_PSCI_FEATURES: 0x8400000an,
    PSCI_1_1_FN64_SYSTEM_RESET2: 0xc4000012n,
    PSCI_1_3_FN_SYSTEM_OFF2: 0x84000015n,
    PSCI_1_3_FN64_SYSTEM_OFF2: 0xc4000015n,
    PSCI_RET_NOT_SUPPORTED: -1n,
    PSCI_RET_ALREADY_ON: -4n,
    PSCI_RET_INVALID_ADDRESS: -9n,
    PSCI_0_2_AFFINITY_LEVEL_ON_PENDING: 2n,
    PL011_BASE: 0x09000000n,
  };
  for (const [name, v] of Object.entries(expect)) assert.equal(value(p, name), v, name);
  // Every PSCI function of the reference table, 32-bit and 64-bit.
  const psci32 = p.symbols.filter((s) => /^PSCI_\d_\d_FN_/.test(s.name)).map((s) => Number(s.value & 0xffn)).sort((a, b) => a - b);
  assert.deepEqual(psci32, Array.from({ length: 0x16 }, (_, k) => k));
  const psci64 = p.symbols.filter((s) => /^PSCI_\d_\d_FN64_/.test(s.name)).map((s) => Number(s.value & 0xffn)).sort((a, b) => a - b);
  assert.deepEqual(psci64, [1, 3, 4, 5, 7, 0xc, 0xd, 0xe, 0x10, 0x11, 0x12, 0x14, 0x15]);
});

test('pkvm.S macros make the calls they name (run on the CPU: x0..x3 at each HVC)', () => {
  const p = guest([
    '_start:',
    '  hyp_meminfo',
    '  ldr x20, =0x80100000',
    '  mem_share x20',
    '  mem_unshare x20',
    '  mov x1, #0x2000',
    '  mem_relinquish',
    '  psci_cpu_on #1, second, #0x55',
    '  system_off',
    'second: psci_cpu_off',
  ].join('\n'));
  const m = bareMachine(new Uint32Array(Uint8Array.from(p.segments[0].bytes).buffer));
  const calls: bigint[][] = [];
  for (let k = 0; k < 6; k++) {
    assert.equal(m.run().kind, 'hvc');
    calls.push([0, 1, 2, 3].map((r) => m.cpu.getX(r)));
  }
  const second = BigInt(p.symbols.find((s) => s.name === 'second')!.address);
  assert.deepEqual(calls, [
    [0xc6000002n, 0n, 0n, 0n],
    [0xc6000003n, 0x80100000n, 0n, 0n],
    [0xc6000004n, 0x80100000n, 0n, 0n],
    [0xc6000009n, 0x2000n, 0n, 0n],
    [0xc4000003n, 1n, second, 0x55n],
    [0x84000008n, 1n, second, 0x55n],
  ]);
  assert.equal(second - BigInt(RAM_BASE) < 0x1000n, true);
});

test('pkvm.S print/puts store each byte to the UART data register', () => {
  const p = guest('_start: print "Hi!\\n"\n  hvc #0');
  const text = p.segments.find((s) => s.name === '.rodata');
  assert.ok(text);
  assert.equal(Buffer.from(text.bytes).toString('latin1'), 'Hi!\n\0');
  // The loop's store is `strb w11, [x10]` with x10 = 0x09000000: a single-register store without
  // writeback, so a stage-2 abort on it carries a valid syndrome for the VMM.
  const words = Array.from(new Uint32Array(Uint8Array.from(p.segments[0].bytes).buffer));
  assert.ok(words.includes(0xd2a1200a), 'mov x10, #0x09000000');
  assert.ok(words.includes(0x3900014b), 'strb w11, [x10]');
});
