// The pkvm-debug extension's integration tests in a real VS Code workbench: runTests through
// scripts/vscode-test-shim.mjs runs test/ext/suite in code-server's extension host (one workbench
// start for the whole suite; see test/ext/suite/index.ts for what it checks).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workbenchUnavailable } from './harness/availability';
import { repoRoot } from './harness/paths';
import { runTestsInChild } from './harness/runTestsDriver';

const CHECKS = [
  'the extension activates and returns its test API',
  'a debug session on share-unshare.S stops at the MEM_UNSHARE function breakpoint',
  'threads: one vCPU, the stopped one',
  'the top stack frame is the mem_unshare call in share-unshare.S',
  'the Pages scope shows the buffer page shared by the guest and borrowed by the host',
  'the memory map opens and its webview receives the session and the cells the adapter reports',
  'Debug Console: a host command reads the shared buffer through the VMM, and `page` shows its state',
  'continuing runs the unshare to completion and the session ends',
  'diagnostics: the language server reports a misspelt mnemonic and an undefined label',
  'hover: an instruction and a hypercall macro explain themselves',
  'completion: operands offer registers and the program’s labels',
];

test('in a real VS Code: debug share-unshare.S to MEM_UNSHARE, memory map, host command, diagnostics, hover, completion', async (t) => {
  const why = await workbenchUnavailable();
  if (why) return t.skip(why);
  const tmp = mkdtempSync(join(tmpdir(), 'pkvm-ext-test-'));
  try {
    const workspace = join(tmp, 'workspace');
    mkdirSync(workspace);
    // A guest with two mistakes for the diagnostics check (line 1: a misspelt mnemonic).
    writeFileSync(join(workspace, 'broken.S'), '_start:\n    movx x0, #1\n    b nowhere\n');
    const run = await runTestsInChild({
      vscodeExecutablePath: join(repoRoot, 'scripts', 'vscode-test-shim.mjs'),
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: join(repoRoot, 'out', 'test', 'ext', 'suite', 'index.js'),
      launchArgs: [workspace, `--user-data-dir=${join(tmp, 'user-data')}`, `--extensions-dir=${join(tmp, 'extensions')}`],
    });
    assert.deepEqual(run.outcome, { resolved: 0 }, run.output);
    for (const check of CHECKS) assert.ok(run.output.includes(`pkvm-ext: ok - ${check}`), `missing "${check}" in:\n${run.output}`);
    assert.match(run.output, new RegExp(`pkvm-ext: ${CHECKS.length} passed, 0 failed`));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
