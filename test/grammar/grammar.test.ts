// The arm64 assembly TextMate grammar, checked with vscode-tmgrammar-test (vscode-textmate and
// Oniguruma, the engine VS Code itself uses) against the annotated fixtures in fixtures/*.S, and the
// language configuration's word pattern against the words a person double-clicks in assembly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repoRoot = resolve(__dirname, '../../..');
const grammar = join(repoRoot, 'syntaxes', 'arm64-asm.tmLanguage.json');
const fixtures = join(repoRoot, 'test', 'grammar', 'fixtures');
const runner = join(repoRoot, 'node_modules', 'vscode-tmgrammar-test', 'dist', 'unit.js');

/** Runs vscode-tmgrammar-test on fixture files; its exit status is 0 only when every assertion held. */
function runGrammarTest(files: string[]): { ok: boolean; output: string } {
  const r = spawnSync(process.execPath, [runner, '--compact', '--grammar', grammar, ...files], { cwd: repoRoot, encoding: 'utf8' });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

const fixtureNames = readdirSync(fixtures).filter((f) => f.endsWith('.S')).sort();
// One run for all fixtures (starting the tool dominates), then one test per fixture.
let allFixtures: { ok: boolean; output: string } | undefined;
const fixtureRun = () => (allFixtures ??= runGrammarTest(fixtureNames.map((f) => join(fixtures, f))));

test('the grammar is source.arm64-asm for .S and .s files', () => {
  const g = JSON.parse(readFileSync(grammar, 'utf8')) as { scopeName: string; fileTypes: string[] };
  assert.equal(g.scopeName, 'source.arm64-asm');
  assert.deepEqual(g.fileTypes, ['S', 's']);
});

for (const name of fixtureNames) {
  test(`grammar fixture ${name}: every scope assertion holds`, () => {
    const { output } = fixtureRun();
    const lines = output.split('\n');
    const errors = lines.filter((l) => l.includes(`${name}:`) && l.startsWith('ERROR'));
    assert.deepEqual(errors, []);
    assert.ok(lines.some((l) => l.includes(`${name} run successfuly`)), output);
  });
}

test('the fixture run as a whole succeeds', () => {
  const { ok, output } = fixtureRun();
  assert.ok(ok, output);
});

test('a wrong scope assertion is reported as a failure naming its line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pkvm-grammar-'));
  try {
    const file = join(dir, 'wrong.S');
    writeFileSync(file, [
      '// SYNTAX TEST "source.arm64-asm" "deliberately wrong"',
      '    add     x0, x1, #1',
      '//  ^^^ keyword.control.branch.arm64-asm',
    ].join('\n'));
    const { ok, output } = runGrammarTest([file]);
    assert.equal(ok, false, output);
    assert.match(output, /wrong\.S:2:5:8 Missing required scopes: \[ keyword\.control\.branch\.arm64-asm \] actual scopes: \[source\.arm64-asm keyword\.other\.mnemonic\.arm64-asm\]/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the language configuration comments, brackets and pairs match the grammar', () => {
  const config = JSON.parse(readFileSync(join(repoRoot, 'syntaxes', 'language-configuration.json'), 'utf8')) as {
    comments: { lineComment: string; blockComment: [string, string] };
    brackets: [string, string][];
    autoClosingPairs: { open: string; close: string }[];
    wordPattern: string;
  };
  assert.deepEqual(config.comments, { lineComment: '//', blockComment: ['/*', '*/'] });
  assert.deepEqual(config.brackets, [['[', ']'], ['{', '}'], ['(', ')']]);
  assert.deepEqual(config.autoClosingPairs.map((p) => p.open + p.close), ['[]', '{}', '()', '""', '/* */']);
});

test('the word pattern keeps dotted mnemonics, arrangements, labels, constants and macro arguments whole', () => {
  const config = JSON.parse(readFileSync(join(repoRoot, 'syntaxes', 'language-configuration.json'), 'utf8')) as { wordPattern: string };
  const words = (line: string) => line.match(new RegExp(config.wordPattern, 'g'));
  assert.deepEqual(words('    b.eq    1b'), ['b.eq', '1b']);
  assert.deepEqual(words('    ldr     x0, [x1, #0x10]!'), ['ldr', 'x0', 'x1', '0x10']);
  assert.deepEqual(words('    mov     w0, v1.s[2]'), ['mov', 'w0', 'v1.s', '2']);
  assert.deepEqual(words('.Lloop: mov x0, #PSCI_SYSTEM_OFF // esr_el2'), ['.Lloop', 'mov', 'x0', 'PSCI_SYSTEM_OFF', 'esr_el2']);
  assert.deepEqual(words('    ldr x1, =\\name\\()_table'), ['ldr', 'x1', '\\name', '_table']);
});
