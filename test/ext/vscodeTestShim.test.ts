// Runs a fixture extension's tests in a real VS Code workbench through @vscode/test-electron's
// runTests, with scripts/vscode-test-shim.mjs standing in for the VS Code executable: the same seam
// the product's own integration tests use. Slow (a workbench start per test).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workbenchUnavailable } from './harness/availability';
import { repoRoot } from './harness/paths';
import { runTestsInChild } from './harness/runTestsDriver';

const shim = join(repoRoot, 'scripts', 'vscode-test-shim.mjs');
const fixture = join(repoRoot, 'test', 'ext', 'fixtures', 'hello-ext');

async function runFixture(testsDir: string) {
  const profile = mkdtempSync(join(tmpdir(), 'pkvm-shim-test-'));
  try {
    return await runTestsInChild({
      vscodeExecutablePath: shim,
      extensionDevelopmentPath: fixture,
      extensionTestsPath: join(fixture, testsDir, 'index.js'),
      extensionTestsEnv: { HELLO_EXT_ENV: 'from-runTests' },
      launchArgs: [join(fixture, 'workspace'), `--user-data-dir=${join(profile, 'user-data')}`, `--extensions-dir=${join(profile, 'extensions')}`],
    });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

test('a passing extension test suite, run by runTests through the shim, reports success and its output', async (t) => {
  const why = await workbenchUnavailable();
  if (why) return t.skip(why);
  const run = await runFixture('test');
  assert.deepEqual(run.outcome, { resolved: 0 }, run.output);
  for (const check of ['runs inside VS Code 1.100 or later', 'opened the workspace folder given on the command line',
    'the development extension is loaded and activates', 'its command is registered and returns the greeting',
    'sees the environment runTests was given (extensionTestsEnv)', 'reads a workspace file through the file system API']) {
    assert.ok(run.output.includes(`hello-ext: ok - ${check}`), `missing "${check}" in:\n${run.output}`);
  }
  assert.match(run.output, /hello-ext: 6 passed, 0 failed/);
});

test('a failing extension test suite, run by runTests through the shim, reports failure with the failing check', async (t) => {
  const why = await workbenchUnavailable();
  if (why) return t.skip(why);
  const run = await runFixture('test-failing');
  assert.deepEqual(run.outcome, { failed: 'TestRunFailedError', code: 1, signal: null }, run.output);
  assert.match(run.output, /hello-ext-failing: ok - the development extension is loaded/);
  assert.match(run.output, /hello-ext-failing: FAILED - a command that does not exist returns a greeting \(expected to fail\): command 'helloExt.noSuchCommand' not found/);
  assert.match(run.output, /hello-ext-failing: 1 passed, 1 failed/);
});
