// The shim must understand the command line test-electron and test-cli give a VS Code executable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseShimArgs } from './harness/shimArgs';

test('reads the arguments runTests passes, in its order, and sets Electron-only flags aside', () => {
  const argv = [
    '/work/ws', '--disable-extensions',
    '--no-sandbox', '--disable-gpu-sandbox', '--disable-updates', '--skip-welcome', '--skip-release-notes', '--disable-workspace-trust',
    '--extensionTestsPath=/work/ext/out/test/index', '--extensionDevelopmentPath=/work/ext',
    '--extensions-dir=/tmp/p/extensions', '--user-data-dir=/tmp/p/user-data',
  ];
  assert.deepEqual(parseShimArgs(argv, '/cwd'), {
    extensionDevelopmentPaths: ['/work/ext'],
    extensionTestsPath: '/work/ext/out/test/index',
    userDataDir: '/tmp/p/user-data',
    extensionsDir: '/tmp/p/extensions',
    folder: '/work/ws',
    ignored: ['--disable-extensions', '--no-sandbox', '--disable-gpu-sandbox', '--disable-updates', '--skip-welcome', '--skip-release-notes', '--disable-workspace-trust'],
  });
});

test('accepts space-separated values, several development paths and relative paths', () => {
  const r = parseShimArgs(['--extensionDevelopmentPath', 'a', '--extensionDevelopmentPath=b', '--user-data-dir', 'ud', '--locale', 'en', 'folder'], '/cwd');
  assert.deepEqual(r.extensionDevelopmentPaths, ['/cwd/a', '/cwd/b']);
  assert.equal(r.userDataDir, '/cwd/ud');
  assert.equal(r.folder, '/cwd/folder');
  assert.deepEqual(r.ignored, ['--locale en']);
  assert.equal(r.extensionTestsPath, undefined);
});

test('rejects a value flag without its value and more than one folder', () => {
  assert.throws(() => parseShimArgs(['--extensionTestsPath']), /--extensionTestsPath needs a value/);
  assert.throws(() => parseShimArgs(['one', 'two'], '/cwd'), /at most one folder.*one two/);
});
