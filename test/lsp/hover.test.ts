/**
 * Hovers over the fixture guest: instructions and aliases, directives, labels and
 * constants with their values and definitions (also from an include), SMCCC function
 * IDs as numbers and as `.equ` names, numeric local labels and macro calls.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hoverAt } from '../../language-server/analysis/hover';
import { GUEST, analyzeGuest, analyzeMemory, positionOf, read } from './helpers/project';

const guest = read(GUEST);
const a = analyzeGuest();
const hover = (needle: string, marker?: string, offset = 1): string | undefined => hoverAt(a, GUEST, positionOf(guest, needle, marker, offset))?.markdown;

test('a mnemonic shows what the instruction does', () => {
  assert.match(hover('adr', 'REF_SHARED')!, /^\*\*ADR\*\* — Form a PC-relative address/);
  assert.match(hover('b.ne', 'REF_1A')!, /\*\*B\.NE\*\* — Branch to the label if not equal/);
  assert.match(hover('cbnz')!, /non-zero/);
});

test('an alias says what it stands for', () => {
  const files = { '/a.S': '  mov x0, x1\n  cmp x0, #3\n  ldaddal x1, x2, [x3]\n  stclrlb w1, [x3]\n  saddl2 v0.8h, v1.16b, v2.16b\n' };
  const m = analyzeMemory(files, '/a.S');
  const at = (line: number): string => hoverAt(m, '/a.S', { line, character: 3 })!.markdown;
  assert.match(at(0), /alias of ORR/);
  assert.match(at(1), /alias of SUBS/);
  assert.match(at(2), /^\*\*LDADDAL\*\* — Atomic add: memory = \[Xn\] \+ Rs; Rt receives the old value, acquire-release\.$/);
  assert.match(at(3), /^\*\*STCLRLB\*\* — Atomic bit clear.*old value discarded, release \(byte\)/);
  assert.match(at(4), /Signed add long.*upper half/);
});

test('a directive shows what it does', () => {
  assert.match(hover('.include')!, /^\*\*\.include\*\* \(directive\) — Assemble another file here/);
  assert.match(hover('.balign')!, /Align to n bytes/);
});

test('a label shows its address, section and where it is defined', () => {
  const md = hover('shared_page', 'REF_SHARED')!;
  assert.match(md, /^\*\*label\*\* `shared_page` = 0x80001000 \(2147487744\)/);
  assert.match(md, /in \.data/);
  assert.match(md, /Defined at guest\.S:33\./);
  assert.match(hover('_start:')!, /^\*\*function\*\* `_start` = 0x8000000C .*\n\nin \.text, global/);
});

test('a label from an included file shows where it is defined there', () => {
  assert.match(hover('power_off', 'REF_POWER_OFF')!, /`power_off` = 0x80000000 \(2147483648\)[\s\S]*Defined at smccc\.S:8\./);
});

test('an .equ constant naming an SMCCC function shows its value and the function', () => {
  const md = hover('ARM_SMCCC_VENDOR_HYP_KVM_MEM_SHARE_FUNC_ID', 'REF_SHARE_ID')!;
  assert.match(md, /^\*\*constant\*\* `ARM_SMCCC_VENDOR_HYP_KVM_MEM_SHARE_FUNC_ID` = 0xC6000003 \(3321888771\)\n\nshare a granule with the host\n\nDefined at smccc\.S:2\./);
  assert.match(md, /\*\*ARM_SMCCC_VENDOR_HYP_KVM_MEM_SHARE_FUNC_ID\*\* — SMCCC function ID 0xC6000003 \(function number ARM_SMCCC_KVM_FUNC_MEM_SHARE = 3\), SMC64, KVM vendor hypervisor service/);
  assert.match(md, /Arguments: x1 = IPA/);
});

test('a constant holding a KVM function number, named as the kernel names it, shows the function', () => {
  const md = hover('ARM_SMCCC_KVM_FUNC_MEM_UNSHARE', 'REF_UNSHARE_NR')!;
  assert.match(md, /^\*\*constant\*\* `ARM_SMCCC_KVM_FUNC_MEM_UNSHARE` = 0x4 \(4\)/);
  assert.match(md, /\*\*ARM_SMCCC_KVM_FUNC_MEM_UNSHARE\*\* — KVM function number 4: the SMC64 function ID is 0xC6000004 \(ARM_SMCCC_VENDOR_HYP_KVM_MEM_UNSHARE_FUNC_ID\)/);
  const other = analyzeMemory({ '/a.S': '  .equ MY_COUNT, 4\n  mov x0, #MY_COUNT\n' }, '/a.S');
  assert.doesNotMatch(hoverAt(other, '/a.S', { line: 1, character: 12 })!.markdown, /SMCCC|KVM/, 'a plain 4 is not a function');
});

test('comments above a label document it; an instruction’s comment does not', () => {
  assert.match(hover('power_off', 'REF_POWER_OFF')!, /\n\nPower the VM off: the VMM ends the run\.\n\nDefined at smccc\.S:8\./);
  const m = analyzeMemory({ '/a.S': '// Spin here.\nloop: b loop // forever\nalone: // the end\n  b alone\n' }, '/a.S');
  assert.doesNotMatch(hoverAt(m, '/a.S', { line: 1, character: 2 })!.markdown, /forever/);
  assert.match(hoverAt(m, '/a.S', { line: 1, character: 2 })!.markdown, /Spin here\./);
  assert.match(hoverAt(m, '/a.S', { line: 3, character: 5 })!.markdown, /the end/);
});

test('a numeric function ID shows the function: 0xC6000004 is MEM_UNSHARE', () => {
  const md = hover('0xC6000004', 'MACRO_CALL')!;
  assert.match(md, /^0xC6000004 \(3321888772\)/);
  assert.match(md, /\*\*ARM_SMCCC_VENDOR_HYP_KVM_MEM_UNSHARE_FUNC_ID\*\* — SMCCC function ID 0xC6000004 \(function number ARM_SMCCC_KVM_FUNC_MEM_UNSHARE = 4\), SMC64/);
  assert.match(md, /MEM_UNSHARE: take back a granule shared with MEM_SHARE/);
});

test('PSCI IDs in both conventions, and plain numbers, in hex and decimal', () => {
  const m = analyzeMemory({ '/a.S': '  mov x0, #0x84000008\n  ldr x0, =0xC4000003\n  mov x1, #42\n  .quad -3\n' }, '/a.S');
  const at = (line: number, character: number): string => hoverAt(m, '/a.S', { line, character })!.markdown;
  assert.match(at(0, 12), /PSCI_0_2_FN_SYSTEM_OFF\*\* — SMCCC function ID 0x84000008, SMC32, PSCI/);
  assert.match(at(1, 12), /PSCI_0_2_FN64_CPU_ON\*\*.*SMC64/);
  assert.equal(at(2, 12), '0x2A (42)');
  assert.equal(hoverAt(m, '/a.S', { line: 3, character: 9 })?.markdown, '0x3 (3)');
});

test('a numeric local label reference names the definition it reaches', () => {
  assert.match(hover('1b', 'REF_1A')!, /^Numeric local label `1` \(the nearest one before\), defined at guest\.S:23, at 0x80000020\.$/);
  assert.match(hover('1b', 'LOCAL_1B')!, /defined at guest\.S:27/);
});

test('a macro call shows the macro header and where it is defined', () => {
  assert.equal(hover('hvc_call', 'MACRO_CALL'), '```arm64-asm\n.macro hvc_call fn, arg=0\n```\nCall the hypervisor with function ID `fn` and one argument.\n\nMacro defined at guest.S:8.');
});

test('a constant redefined with .set lists every definition', () => {
  const m = analyzeMemory({ '/a.S': '  .set N, 1\n  .set N, 2\n  mov x0, #N\n' }, '/a.S');
  const md = hoverAt(m, '/a.S', { line: 2, character: 12 })!.markdown;
  assert.match(md, /`N` = 0x2 \(2\)/);
  assert.match(md, /Defined 2 times \(the value is the last one\): a\.S:1, a\.S:2\./);
});

test('64-bit constants keep every bit; a computed one the assembler rounded is marked approximate', () => {
  const m = analyzeMemory({ '/a.S': '  .equ NEG, -1\n  .equ BIG, 0x8000000000000001\n  .equ SUM, 0x7FFFFFFFFFFFFFFF + 2\n' }, '/a.S');
  const at = (line: number): string => hoverAt(m, '/a.S', { line, character: 8 })!.markdown.split('\n')[0];
  assert.equal(at(0), '**constant** `NEG` = 0xFFFFFFFFFFFFFFFF (18446744073709551615, signed -1)');
  assert.equal(at(1), '**constant** `BIG` = 0x8000000000000001 (9223372036854775809, signed -9223372036854775807)');
  assert.match(at(2), /`SUM` = .*\(approximate: the assembler reports values as doubles\)$/);
});

test('registers and condition names say what they are; comments and other words have no hover', () => {
  const m = analyzeMemory({ '/a.S': '  csel x0, x1, x2, eq // mov\n  add v0.4s, v1.4s, v2.4s\n  mov x29, lr\n  b.eq eq\n' }, '/a.S');
  const at = (line: number, character: number): string | undefined => hoverAt(m, '/a.S', { line, character })?.markdown;
  assert.match(at(0, 8)!, /^\*\*x0\*\* — 64-bit general-purpose register; argument\/result; SMCCC function ID and return code$/);
  assert.equal(at(0, 20), '**eq** (condition) — equal (Z set)');
  assert.equal(at(0, 25), undefined, 'comment');
  assert.match(at(1, 7)!, /^\*\*v0\.4s\*\* — SIMD&FP register 0 as a vector/);
  assert.match(at(2, 7)!, /frame pointer/);
  assert.match(at(2, 12)!, /^\*\*lr\*\* — link register \(x30\)/);
  assert.equal(at(3, 7), undefined, 'a label operand named like a condition is not one');
});
