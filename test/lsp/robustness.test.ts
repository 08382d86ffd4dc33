/**
 * Half-typed and broken sources never make the analysis throw: the fixture guest with
 * random edits (assembly punctuation, macro backslashes, quotes, comment markers, line
 * breaks) is analysed, and every query answers at positions all over it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeDocument } from '../../language-server/analysis/analyzeDocument';
import { completeAt } from '../../language-server/analysis/completion';
import { documentDiagnostics } from '../../language-server/analysis/diagnostics';
import { documentSymbols } from '../../language-server/analysis/documentSymbols';
import { hoverAt } from '../../language-server/analysis/hover';
import { definitionAt, prepareRenameAt, referencesAt, renameAt } from '../../language-server/analysis/navigation';
import { GUEST, diskResolver, read } from './helpers/project';

const guest = read(GUEST);
const PIECES = [':', '.', '\\', '"', "'", '//', '/*', '*/', '#', ';', '[', ']', '{', '}', '=', ',', '\n', ' ', '1', '1b', '2f', 'x0', '.macro m a', '.endm', '.include "', '.if 1', '.endif', 'fail', '\\@', '0x', '%'];

type Edit = { at: number; del: number; insert: string };
const edit = fc.record({ at: fc.nat(), del: fc.nat({ max: 6 }), insert: fc.constantFrom(...PIECES) });

function apply(text: string, edits: ReadonlyArray<Edit>): string {
  let t = text;
  for (const e of edits) {
    const at = e.at % (t.length + 1);
    t = t.slice(0, at) + e.insert + t.slice(at + e.del);
  }
  return t;
}

test('random edits of the fixture: every query answers without throwing', () => {
  fc.assert(
    fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), fc.array(fc.nat(), { minLength: 8, maxLength: 8 }), (edits, spots) => {
      const text = apply(guest, edits);
      const a = analyzeDocument(GUEST, text, diskResolver);
      documentDiagnostics(a);
      documentSymbols(a, GUEST);
      const lines = text.split('\n');
      for (const spot of spots) {
        const line = spot % lines.length;
        const pos = { line, character: (spot >> 5) % (lines[line].length + 1) };
        hoverAt(a, GUEST, pos);
        completeAt(text, pos, a);
        definitionAt(a, GUEST, pos);
        referencesAt([a], GUEST, pos, true);
        prepareRenameAt([a], GUEST, pos);
        renameAt([a], GUEST, pos, 'renamed');
      }
    }),
    { seed: 20240222, numRuns: 150 },
  );
});

test('positions past the end of a line or of the file answer nothing', () => {
  const a = analyzeDocument(GUEST, guest, diskResolver);
  for (const pos of [{ line: 0, character: 500 }, { line: 5000, character: 0 }]) {
    assert.equal(hoverAt(a, GUEST, pos), undefined);
    assert.deepEqual(definitionAt(a, GUEST, pos), []);
  }
  assert.equal(completeAt(guest, { line: 5000, character: 0 }, a), undefined);
});
