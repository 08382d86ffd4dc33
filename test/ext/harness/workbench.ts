// Drives a real VS Code workbench (code-server in headless Chromium) the way a person would, for
// end-to-end checks and screenshots: open a folder with the extension under test, run commands
// through F1, wait for UI elements, look inside webviews, and keep screenshots in test-results/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { launchChromium, type ChromiumSession } from './browser';
import { startCodeServer, type RunningCodeServer } from './codeServer';
import { limitFromEnv } from './deadline';
import { testResultsDir } from './paths';
import { ensureCodeServer } from './prerequisites';

export interface WorkbenchOptions {
  /** The folder the workbench opens (absolute path). */
  folder: string;
  /** Extensions loaded from source, as with F5 in an extension project. */
  extensionDevelopmentPaths?: string[];
  /** Packaged extensions installed before the workbench starts. */
  vsixFiles?: string[];
  /** User settings, merged over the harness's quiet defaults. */
  settings?: Record<string, unknown>;
  /** Environment for the server and its extension host. */
  env?: Record<string, string | undefined>;
  viewport?: { width: number; height: number };
}

export interface WaitOptions {
  timeoutMs?: number;
  /** Only elements whose text contains this. */
  hasText?: string | RegExp;
  state?: 'attached' | 'visible' | 'hidden' | 'detached';
}

const DEFAULT_WAIT_MS = 20_000;

export class Workbench {
  private constructor(
    readonly page: Page,
    readonly server: RunningCodeServer,
    private readonly browser: ChromiumSession,
    /** Messages the page printed to its console, for diagnosing a failed check. */
    readonly consoleMessages: string[],
  ) {}

  static async open(options: WorkbenchOptions): Promise<Workbench> {
    const startupLimit = limitFromEnv('PKVM_VSCODE_STARTUP_TIMEOUT_MS', 60_000);
    const install = await ensureCodeServer();
    const server = await startCodeServer({
      install,
      folder: options.folder,
      settings: options.settings,
      env: options.env,
      vsixFiles: options.vsixFiles,
      readyLimitMs: startupLimit,
    });
    let browser: ChromiumSession | undefined;
    try {
      browser = await launchChromium(options.viewport, startupLimit);
      const consoleMessages: string[] = [];
      browser.page.on('console', (m) => consoleMessages.push(`[${m.type()}] ${m.text()}`));
      browser.page.on('pageerror', (e) => consoleMessages.push(`[pageerror] ${e.message}`));
      const workbench = new Workbench(browser.page, server, browser, consoleMessages);
      const url = server.workbenchUrl({ folder: options.folder, extensionDevelopmentPaths: options.extensionDevelopmentPaths });
      await browser.page.goto(url, { waitUntil: 'domcontentloaded', timeout: startupLimit });
      await workbench.waitFor('.monaco-workbench', { timeoutMs: startupLimit });
      await workbench.waitFor('.statusbar', { timeoutMs: startupLimit });
      return workbench;
    } catch (e) {
      await browser?.close();
      await server.stop();
      throw e;
    }
  }

  /** The first element matching `selector` (and `hasText`), once it reaches `state` (default visible). */
  async waitFor(selector: string, options: WaitOptions = {}): Promise<Locator> {
    let locator = this.page.locator(selector);
    if (options.hasText !== undefined) locator = locator.filter({ hasText: options.hasText });
    locator = locator.first();
    const timeout = options.timeoutMs ?? DEFAULT_WAIT_MS;
    try {
      await locator.waitFor({ state: options.state ?? 'visible', timeout });
    } catch {
      const shot = await this.screenshot(`timeout-${selector.replace(/[^a-z0-9]+/gi, '_').slice(0, 60)}`).catch(() => '(no screenshot)');
      const text = options.hasText === undefined ? '' : ` with text ${String(options.hasText)}`;
      throw new Error(`no ${options.state ?? 'visible'} element ${selector}${text} after ${timeout} ms (screenshot ${shot})`);
    }
    return locator;
  }

  /** Moves focus back to the workbench itself (out of any webview or input). */
  async focusWorkbench(): Promise<void> {
    await this.page.keyboard.press('Escape');
    // The middle of the status bar is empty space: clicking there focuses nothing interactive.
    const statusbar = this.page.locator('.statusbar');
    const box = await statusbar.boundingBox();
    await statusbar.click({ position: { x: (box?.width ?? 2) / 2, y: (box?.height ?? 2) / 2 } });
  }

  /**
   * Runs a command by its title from the command palette, as a person would with F1. The palette
   * only lists commands of extensions registered when it opens, and the extension host may still be
   * starting, so it reopens the palette until the command shows up (or `timeoutMs` passes).
   */
  async runCommand(title: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.focusWorkbench();
      await this.page.keyboard.press('F1');
      const input = await this.waitFor('.quick-input-widget .quick-input-box input');
      await input.fill(`>${title}`);
      const row = this.page.locator('.quick-input-list .monaco-list-row').filter({ hasText: title }).first();
      const shown = await row.waitFor({ state: 'visible', timeout: 3000 }).then(() => true, () => false);
      if (shown) {
        await row.click();
        await this.waitFor('.quick-input-widget', { state: 'hidden' });
        return;
      }
      if (Date.now() > deadline) {
        const shot = await this.screenshot('no-command').catch(() => '(no screenshot)');
        throw new Error(`the command palette has no command "${title}" after ${timeoutMs} ms (screenshot ${shot})`);
      }
      await this.page.keyboard.press('Escape');
      await new Promise((r) => setTimeout(r, 1000));
    }
  }

  /** Opens a file of the workspace through Quick Open (Ctrl+P) and waits for its editor tab. */
  async openFile(relativePath: string): Promise<void> {
    await this.focusWorkbench();
    await this.page.keyboard.press('Control+P');
    const input = await this.waitFor('.quick-input-widget .quick-input-box input');
    await input.fill(relativePath);
    const name = relativePath.split('/').pop() ?? relativePath;
    await this.waitFor('.quick-input-list .monaco-list-row', { hasText: name });
    await this.page.keyboard.press('Enter');
    await this.waitFor('.tabs-container .tab.active', { hasText: name });
  }

  /** Texts of the notification toasts currently shown. */
  async notifications(): Promise<string[]> {
    return this.page.locator('.notifications-toasts .notification-list-item-message').allInnerTexts();
  }

  /**
   * The frame whose document contains `selector`: webview content lives in nested iframes, so the
   * main page's locators cannot see it.
   */
  async findFrame(selector: string, timeoutMs = DEFAULT_WAIT_MS): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    do {
      for (const frame of this.page.frames()) {
        if (frame.isDetached()) continue;
        const found = await frame.locator(selector).count().catch(() => 0);
        if (found > 0) return frame;
      }
      await new Promise((r) => setTimeout(r, 200));
    } while (Date.now() < deadline);
    const shot = await this.screenshot('no-frame').catch(() => '(no screenshot)');
    throw new Error(`no frame (webview) containing ${selector} after ${timeoutMs} ms (screenshot ${shot})`);
  }

  /** Saves a PNG of the whole window under test-results/ and returns its path. */
  async screenshot(name: string): Promise<string> {
    mkdirSync(testResultsDir, { recursive: true });
    const path = join(testResultsDir, `${name.replace(/[^A-Za-z0-9._-]+/g, '_')}.png`);
    await this.page.screenshot({ path });
    return path;
  }

  async close(): Promise<void> {
    await this.browser.close();
    await this.server.stop();
  }
}
