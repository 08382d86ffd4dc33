// Headless Debian Chromium driven by playwright-core (never a Playwright-downloaded browser).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { chromiumPath } from './prerequisites';

/** Flags that keep Chromium from reaching for the network or a GPU on a headless, offline machine. */
export const chromiumFlags: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-breakpad',
];

export interface ChromiumSession {
  readonly context: BrowserContext;
  readonly page: Page;
  close(): Promise<void>;
}

export async function launchChromium(viewport = { width: 1440, height: 900 }, timeoutMs = 60_000): Promise<ChromiumSession> {
  const profile = mkdtempSync(join(tmpdir(), 'pkvm-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath(),
      headless: true,
      args: [...chromiumFlags],
      // Chromium keeps crash-report state under $XDG_CONFIG_HOME whatever its profile folder is.
      env: { ...process.env, XDG_CONFIG_HOME: join(profile, 'xdg-config'), XDG_CACHE_HOME: join(profile, 'xdg-cache') },
      viewport,
      timeout: timeoutMs,
    });
  } catch (e) {
    rmSync(profile, { recursive: true, force: true });
    throw new Error(`could not start Chromium (${chromiumPath()}): ${e instanceof Error ? e.message : String(e)}`);
  }
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
