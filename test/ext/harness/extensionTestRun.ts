// Runs an extension's integration tests in a real VS Code workbench: code-server serves the workbench,
// headless Chromium opens it with extensionDevelopmentPath/extensionTestsPath in the URL payload, and
// the workbench reports the tests' output and exit code through two functions we expose on the page.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, type ChromiumSession } from './browser';
import { startCodeServer, type RunningCodeServer } from './codeServer';
import { limitFromEnv, withDeadline } from './deadline';
import { ensureCodeServer } from './prerequisites';
import type { ShimRequest } from './shimArgs';

export interface TestRunOutput {
  /** Test output lines, in order (the extension host's console, as VS Code forwards it). */
  line(text: string): void;
  /** The harness's own progress and diagnostics. */
  note(text: string): void;
}

interface AutomationLog {
  relativePath: string;
  contents: string;
}

/** Renders one codeAutomationLog call: (level, [message, ...args]) from VS Code's logger adapter. */
function formatLog(level: unknown, args: unknown): string {
  const parts = Array.isArray(args) ? args : [args];
  const text = parts.map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join(' ');
  return level === 'error' || level === 'warn' ? `[${String(level)}] ${text}` : text;
}

function saveAutomationLogs(userDataDir: string, logs: unknown, output: TestRunOutput): void {
  if (!Array.isArray(logs) || logs.length === 0) return;
  const dir = join(userDataDir, 'automation-logs');
  for (const log of logs as AutomationLog[]) {
    if (typeof log?.relativePath !== 'string' || typeof log.contents !== 'string') continue;
    const file = join(dir, log.relativePath.replace(/\.\.+/g, '_'));
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, log.contents);
  }
  output.note(`workbench logs saved in ${dir}`);
}

/**
 * Returns the exit code the workbench reported (0 when every test passed). `cancelled`, when it
 * rejects (e.g. on SIGINT), ends the run early; everything started is still cleaned up.
 */
export async function runExtensionTests(request: ShimRequest, output: TestRunOutput, cancelled?: Promise<never>): Promise<number> {
  if (!request.extensionTestsPath) throw new Error('no --extensionTestsPath given: nothing to run');
  const startupLimit = limitFromEnv('PKVM_VSCODE_STARTUP_TIMEOUT_MS', 60_000);
  const testLimit = limitFromEnv('PKVM_VSCODE_TEST_TIMEOUT_MS', 180_000);
  if (request.ignored.length) output.note(`ignoring Electron-only flags: ${request.ignored.join(' ')}`);

  const install = await ensureCodeServer();
  let server: RunningCodeServer | undefined;
  let browser: ChromiumSession | undefined;
  try {
    server = await startCodeServer({
      install,
      folder: request.folder,
      userDataDir: request.userDataDir,
      extensionsDir: request.extensionsDir,
      readyLimitMs: startupLimit,
    });
    browser = await launchChromium(undefined, startupLimit);
    const page = browser.page;
    const userDataDir = server.userDataDir;
    let reportExit!: (code: number) => void;
    const reported = new Promise<number>((resolve) => (reportExit = resolve));
    await page.exposeFunction('codeAutomationLog', (level: unknown, args: unknown) => output.line(formatLog(level, args)));
    await page.exposeFunction('codeAutomationExit', (code: unknown, logs: unknown) => {
      const exitCode = typeof code === 'number' && Number.isInteger(code) ? code : 1;
      if (exitCode !== 0) saveAutomationLogs(userDataDir, logs, output);
      reportExit(exitCode);
    });
    const crashed = new Promise<never>((_, reject) => {
      page.once('crash', () => reject(new Error('the workbench page crashed')));
      void server!.exited.then((code) => reject(new Error(`code-server exited (code ${code}) before the tests finished; log ${server!.logFile}`)));
    });
    const url = server.workbenchUrl({
      folder: request.folder,
      extensionDevelopmentPaths: request.extensionDevelopmentPaths,
      extensionTestsPath: request.extensionTestsPath,
    });
    output.note(`code-server ${install.version} (VS Code ${install.vscodeVersion}) at ${server.origin}; opening the workbench`);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: startupLimit });
    return await withDeadline(
      Promise.race([reported, crashed, ...(cancelled ? [cancelled] : [])]),
      testLimit,
      `extension tests ${request.extensionTestsPath} did not report an exit code (set PKVM_VSCODE_TEST_TIMEOUT_MS to allow longer)`,
    );
  } finally {
    await browser?.close();
    await server?.stop();
  }
}
