// Drives a real workbench as a person would, through the harness the product's end-to-end tests use:
// a command from F1 shows a notification, a webview's content is found in its frame, and screenshots
// land in test-results/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { workbenchUnavailable } from './harness/availability';
import { repoRoot } from './harness/paths';
import { Workbench } from './harness/workbench';

const fixture = join(repoRoot, 'test', 'ext', 'fixtures', 'hello-ext');

test('runs a development extension\'s commands through F1 and sees its notification and webview', async (t) => {
  const why = await workbenchUnavailable();
  if (why) return t.skip(why);
  const workbench = await Workbench.open({ folder: join(fixture, 'workspace'), extensionDevelopmentPaths: [fixture] });
  try {
    await workbench.runCommand('Hello Ext: Say Hello');
    await workbench.waitFor('.notifications-toasts', { hasText: 'Hello from hello-ext in workspace' });
    assert.ok((await workbench.notifications()).includes('Hello from hello-ext in workspace'));
    const shot = await workbench.screenshot('harness-hello-notification');
    assert.ok(statSync(shot).size > 10_000, `${shot} is suspiciously small`);

    await workbench.runCommand('Hello Ext: Show Panel');
    await workbench.waitFor('.tabs-container .tab.active', { hasText: 'Hello Panel' });
    const frame = await workbench.findFrame('#hello-webview');
    assert.equal(await frame.locator('#hello-webview').innerText(), 'Hello from a webview');
    await workbench.screenshot('harness-hello-webview');
  } finally {
    await workbench.close();
  }
});
