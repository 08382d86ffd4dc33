/**
 * The reference tables behind hovers and completion stay complete and right: every
 * mnemonic the assembler accepts and every instruction the CPU implements has a
 * description, every directive too, the SMCCC table agrees with the hypervisor model's
 * function IDs, and every register offered parses as a register.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { a64Table } from '../../engine/cpu/encodings';
import { KNOWN_FUNCTION_NAMES, functionIdByName } from '../../engine/hyp/smccc';
import { assemblerDirectives, assemblerMnemonics, isRegisterName } from '../../language-server/analysis/assemblerVocabulary';
import { describeDirective } from '../../language-server/analysis/directiveDocs';
import { describeMnemonic } from '../../language-server/analysis/mnemonics';
import { REGISTERS } from '../../language-server/analysis/registers';
import { describeFunctionId } from '../../language-server/analysis/smcccFunctions';

/** Encoding classes whose name is not `MNEMONIC_form`, and the mnemonics they cover. */
const GROUPED: Record<string, string[]> = {
  FP_2src: ['fmul', 'fdiv', 'fadd', 'fsub', 'fmax', 'fmin', 'fmaxnm', 'fminnm', 'fnmul'],
  FP_3src: ['fmadd', 'fmsub', 'fnmadd', 'fnmsub'],
  FRINT_scalar: ['frinta', 'frinti', 'frintm', 'frintn', 'frintp', 'frintx', 'frintz'],
  CRC32: ['crc32b', 'crc32h', 'crc32w', 'crc32x'],
  CRC32C: ['crc32cb', 'crc32ch', 'crc32cw', 'crc32cx'],
  B_cond: ['b.eq', 'b.ne', 'b.hs', 'b.lo', 'b.ge', 'b.lt', 'b.al'],
};

test('every mnemonic the assembler accepts has a one-line description', () => {
  const missing = assemblerMnemonics().filter((m) => !describeMnemonic(m));
  assert.deepEqual(missing, []);
  assert.ok(assemblerMnemonics().length > 300);
});

test('every instruction the CPU implements has a description', () => {
  const names = new Set(a64Table().entries.map((e) => e.spec.name));
  const missing: string[] = [];
  for (const n of names) {
    const mnemonics = GROUPED[n] ?? [n.split('_')[0].toLowerCase()];
    for (const m of mnemonics) if (!describeMnemonic(m)) missing.push(`${m} (${n})`);
  }
  assert.deepEqual(missing, []);
});

test('mnemonic descriptions are one line and aliases name what they stand for', () => {
  for (const m of [...assemblerMnemonics(), 'sxtl', 'uxtl2', 'bfc', 'ror']) {
    const d = describeMnemonic(m)!;
    assert.ok(d && !d.includes('\n') && d.endsWith('.'), m);
  }
  for (const [alias, of] of [['cmp', 'SUBS'], ['tst', 'ANDS'], ['mul', 'MADD'], ['cset', 'CSINC'], ['lsl', 'UBFM'], ['staddl', 'LDADD'], ['sxtl', 'SSHLL']]) {
    assert.match(describeMnemonic(alias)!, new RegExp(`alias of ${of}`), alias);
  }
  assert.equal(describeMnemonic('LDR'), describeMnemonic('ldr'));
  assert.equal(describeMnemonic('frobnicate'), undefined);
});

test('every directive has a description', () => {
  assert.deepEqual(assemblerDirectives().filter((d) => !describeDirective(d)), []);
  assert.match(describeDirective('.cfi_startproc')!, /ignored/);
});

test('the SMCCC table knows every function ID the hypervisor model names', () => {
  for (const short of KNOWN_FUNCTION_NAMES) {
    const id = functionIdByName(short)!;
    const f = describeFunctionId(BigInt(id));
    assert.ok(f, `${short} (0x${id.toString(16)})`);
    const bare = short.replace(/^PSCI_/, '').replace(/64$/, '').replace(/_$/, '');
    assert.ok(f.name.includes(bare), `${f.name} names ${short}`);
  }
});

test('SMCCC IDs from the reference: KVM vendor services and PSCI in both conventions', () => {
  const name = (id: bigint): string | undefined => describeFunctionId(id)?.name;
  assert.equal(name(0xc6000003n), 'ARM_SMCCC_VENDOR_HYP_KVM_MEM_SHARE_FUNC_ID');
  assert.equal(name(0xc6000004n), 'ARM_SMCCC_VENDOR_HYP_KVM_MEM_UNSHARE_FUNC_ID');
  assert.equal(name(0xc6000002n), 'ARM_SMCCC_VENDOR_HYP_KVM_HYP_MEMINFO_FUNC_ID');
  assert.equal(name(0xc6000009n), 'ARM_SMCCC_VENDOR_HYP_KVM_MEM_RELINQUISH_FUNC_ID');
  assert.equal(describeFunctionId(0xc6000004n)?.numberName, 'ARM_SMCCC_KVM_FUNC_MEM_UNSHARE');
  assert.equal(name(0x8600ff01n), 'ARM_SMCCC_VENDOR_HYP_CALL_UID_FUNC_ID');
  assert.equal(name(0x84000008n), 'PSCI_0_2_FN_SYSTEM_OFF');
  assert.equal(name(0xc4000003n), 'PSCI_0_2_FN64_CPU_ON');
  assert.equal(name(0x8400000an), 'PSCI_1_0_FN_PSCI_FEATURES');
  assert.equal(name(0xc4000012n), 'PSCI_1_1_FN64_SYSTEM_RESET2');
  assert.equal(name(0xc6000005n), 'ARM_SMCCC_KVM_FUNC_PKVM_RESV_5');
  assert.equal(name(0xc4000002n), undefined, 'CPU_OFF has no 64-bit ID');
  assert.equal(name(0xc6000040n), undefined);
  assert.equal(name(0x1c6000003n), undefined);
  assert.equal(name(-1n), undefined);
});

test('every register offered for completion parses as a register', () => {
  assert.deepEqual(REGISTERS.filter((r) => !isRegisterName(r.name)).map((r) => r.name), []);
  const names = new Set(REGISTERS.map((r) => r.name));
  for (const n of ['x0', 'x30', 'w0', 'w30', 'sp', 'wsp', 'xzr', 'wzr', 'v0', 'v31', 'q31', 'd0', 's31', 'h15', 'b7']) assert.ok(names.has(n), n);
  assert.ok(!names.has('x31') && !names.has('w31'));
});
