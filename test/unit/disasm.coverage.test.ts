/**
 * Every encoding line of the CPU's table has a disassembler formatter (and no formatter is
 * left for a line that no longer exists), so a new encoding cannot be forgotten: adding a
 * line to engine/cpu/encodings without a formatter fails here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { A64_ENCODINGS, a64Table } from '../../engine/cpu/encodings';
import { disassemble } from '../../engine/disasm';
import { FORMATTERS } from '../../engine/disasm/formatters';

test('every encoding in A64_ENCODINGS has a formatter', () => {
  const missing = A64_ENCODINGS.map((e) => e.name).filter((name) => !FORMATTERS.has(name));
  assert.deepEqual(missing, [], `encodings without a formatter in engine/disasm: ${missing.join(', ')}`);
});

test('every formatter belongs to an encoding line', () => {
  const names = new Set(A64_ENCODINGS.map((e) => e.name));
  const stale = [...FORMATTERS.keys()].filter((name) => !names.has(name));
  assert.deepEqual(stale, [], `formatters for encodings that do not exist: ${stale.join(', ')}`);
});

test('every encoding line formats its own words: mnemonic, operands and the encoding name', () => {
  const table = a64Table();
  const unformatted: string[] = [];
  for (const enc of table.entries) {
    // Sweep single-field values from the fixed bits until the line accepts a word.
    let word: number | undefined;
    for (let k = 0; k < 4096 && word === undefined; k++) {
      const candidate = (enc.value | (Math.imul(k, 0x9e3779b1) & ~enc.mask)) >>> 0;
      if (table.match(candidate)?.enc === enc) word = candidate;
    }
    if (word === undefined) {
      unformatted.push(`${enc.spec.name}: no accepted word found`);
      continue;
    }
    const d = disassemble(word, 0x80000000);
    if (d.invalid || d.encoding !== enc.spec.name || d.mnemonic.startsWith('.') || d.text !== (d.operands ? `${d.mnemonic}\t${d.operands}` : d.mnemonic)) {
      unformatted.push(`${enc.spec.name} ${word.toString(16)}: ${JSON.stringify(d)}`);
    }
  }
  assert.deepEqual(unformatted, []);
});
