/**
 * Completion by context: what is offered at the start of a statement (after labels and
 * `;` too), in operands (after '#' only constants), in directive arguments, and nothing
 * in comments and strings; and which word a chosen item replaces.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completeAt, CompletionResult } from '../../language-server/analysis/completion';
import type { Position } from '../../language-server/analysis/types';
import { GUEST, analyzeGuest, read } from './helpers/project';

const a = analyzeGuest();
const guestText = read(GUEST);

/** Complete with the fixture's names in `text` at the '|' marker. */
function complete(text: string): CompletionResult | undefined {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes('|'));
  const pos: Position = { line, character: lines[line].indexOf('|') };
  return completeAt(text.replace('|', ''), pos, a);
}
const labels = (r: CompletionResult | undefined): string[] => (r?.items ?? []).map((i) => i.label);
const kinds = (r: CompletionResult | undefined): Set<string> => new Set((r?.items ?? []).map((i) => i.kind));

test('at the start of a statement: mnemonics with aliases, directives and macros', () => {
  const r = complete(`${guestText}\n    |`)!;
  const got = labels(r);
  for (const m of ['ldr', 'hvc', 'mov', 'cmp', 'b.eq', 'ldaddal', '.equ', '.include', 'hvc_call']) assert.ok(got.includes(m), m);
  assert.deepEqual(kinds(r), new Set(['mnemonic', 'directive', 'macro']));
  assert.match(r.items.find((i) => i.label === 'cmp')!.documentation!, /alias of SUBS/);
  assert.equal(r.items.find((i) => i.label === 'hvc_call')!.detail, 'macro fn, arg');
  assert.equal(r.items.find((i) => i.label === 'hvc_call')!.documentation, 'Call the hypervisor with function ID `fn` and one argument.\n\nDefined at guest.S:8.');
});

test('the word being typed is what a chosen item replaces, dots included', () => {
  assert.deepEqual(complete('    ld|')!.replace, { start: { line: 0, character: 4 }, end: { line: 0, character: 6 } });
  assert.deepEqual(complete('  .eq|')!.replace, { start: { line: 0, character: 2 }, end: { line: 0, character: 5 } });
  assert.deepEqual(complete('  b.n|')!.replace, { start: { line: 0, character: 2 }, end: { line: 0, character: 5 } });
  assert.deepEqual(complete('    |')!.replace, { start: { line: 0, character: 4 }, end: { line: 0, character: 4 } });
});

test('after a label and after a ";" it is still the start of a statement', () => {
  assert.ok(labels(complete('loop: |')).includes('subs'));
  assert.ok(labels(complete('  nop; |')).includes('ret'));
  assert.ok(labels(complete('  nop ; mo|')).includes('movk'));
});

test('after an instruction: registers, labels and constants, not mnemonics', () => {
  const r = complete(`${guestText}\n    mov x1, |`)!;
  const got = labels(r);
  for (const n of ['x0', 'w30', 'sp', 'wsp', 'xzr', 'wzr', 'v31', 'q0', 'd7', 's3', 'h1', 'b2', 'shared_page', 'power_off', 'PAGE_SIZE', 'ARM_SMCCC_KVM_FUNC_MEM_UNSHARE']) assert.ok(got.includes(n), n);
  assert.ok(!got.includes('ldr') && !got.includes('.equ'));
  assert.equal(r.items.find((i) => i.label === 'ARM_SMCCC_VENDOR_HYP_KVM_MEM_SHARE_FUNC_ID')!.detail, 'constant = 0xC6000003 (ARM_SMCCC_VENDOR_HYP_KVM_MEM_SHARE_FUNC_ID)');
  assert.equal(r.items.find((i) => i.label === 'ARM_SMCCC_KVM_FUNC_MEM_UNSHARE')!.detail, 'constant = 0x4 (function number of ARM_SMCCC_VENDOR_HYP_KVM_MEM_UNSHARE_FUNC_ID)');
  assert.match(r.items.find((i) => i.label === 'ARM_SMCCC_KVM_FUNC_MEM_UNSHARE')!.documentation!, /^MEM_UNSHARE: take back/);
  assert.equal(r.items.find((i) => i.label === 'shared_page')!.detail, 'label = 0x80001000');
  assert.match(r.items.find((i) => i.label === 'x0')!.detail!, /SMCCC function ID/);
});

test('condition names after conditional instructions only', () => {
  assert.ok(labels(complete('  csel x0, x1, x2, |')).includes('eq'));
  assert.ok(!labels(complete('  add x0, x1, |')).includes('eq'));
});

test("after '#' only constants", () => {
  const got = labels(complete(`${guestText}\n    mov x1, #|`));
  assert.ok(got.includes('PAGE_SIZE'));
  assert.ok(!got.includes('x0') && !got.includes('shared_page'));
});

test('directive arguments: symbols where a value goes, nothing for file names or a new name', () => {
  assert.ok(labels(complete(`${guestText}\n    .quad |`)).includes('shared_page'));
  assert.deepEqual(labels(complete('    .include "|')), []);
  assert.deepEqual(labels(complete('    .include |')), []);
  assert.deepEqual(labels(complete('    .equ |')), []);
  assert.ok(labels(complete(`${guestText}\n    .equ TWO_PAGES, |`)).includes('PAGE_SIZE'));
});

test('nothing inside comments and strings', () => {
  assert.equal(complete('    mov x0, x1 // mo|'), undefined);
  assert.equal(complete('    /* mo|'), undefined);
  assert.equal(complete('    /* a\n  mo|'), undefined);
  assert.equal(complete('# mo|'), undefined);
  assert.equal(complete('    .ascii "mo|'), undefined);
  assert.ok(labels(complete('    /* a */ mo|')).includes('mov'));
});

test('without an analysis, mnemonics and registers are still offered', () => {
  assert.ok(labels(completeAt('  ', { line: 0, character: 2 }, undefined)).includes('ldr'));
  assert.ok(labels(completeAt('  ldr ', { line: 0, character: 6 }, undefined)).includes('x0'));
});
