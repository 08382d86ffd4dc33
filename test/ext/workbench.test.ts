// Drives a real workbench as a person would, through the harness the product's end-to-end tests use:
// the fixture extension is packaged and installed as a .vsix, a command run from F1 shows a
// notification, a file opens through Quick Open, a webview's content is found in its frame, and
// screenshots land in test-results/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workbenchUnavailable } from './harness/availability';
import { repoRoot } from './harness/paths';
import { packageVsix } from './harness/vsix';
import { Workbench } from './harness/workbench';

const fixture = join(repoRoot, 'test', 'ext', 'fixtures', 'hello-ext');

test('an installed .vsix runs its commands from F1; the workbench shows its notification, a file and its webview', async (t) => {
  const why = await workbenchUnavailable();
  if (why) return t.skip(why);
  const dir = mkdtempSync(join(tmpdir(), 'pkvm-workbench-test-'));
  try {
    const vsix = await packageVsix(fixture, join(dir, 'hello-ext.vsix'));
    const workbench = await Workbench.open({ folder: join(fixture, 'workspace'), vsixFiles: [vsix] });
    try {
      await workbench.runCommand('Hello Ext: Say Hello');
      await workbench.waitFor('.notifications-toasts', { hasText: 'Hello from hello-ext in workspace' });
      assert.ok((await workbench.notifications()).includes('Hello from hello-ext in workspace'));
      const shot = await workbench.screenshot('harness-hello-notification');
      assert.ok(statSync(shot).size > 10_000, `${shot} is suspiciously small`);

      await workbench.openFile('notes.txt');
      await workbench.waitFor('.monaco-editor .view-lines', { hasText: "The folder hello-ext's tests open." });

      await workbench.runCommand('Hello Ext: Show Panel');
      await workbench.waitFor('.tabs-container .tab.active', { hasText: 'Hello Panel' });
      const frame = await workbench.findFrame('#hello-webview');
      assert.equal(await frame.locator('#hello-webview').innerText(), 'Hello from a webview');
      await workbench.screenshot('harness-hello-webview');
    } finally {
      await workbench.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
