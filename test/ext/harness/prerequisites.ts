// Locates the two outside pieces a real-workbench run needs: code-server (installed on first use by
// scripts/code-server-install.mjs into .cache/) and Debian's Chromium.
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';
import { scriptsDir } from './paths';

export interface CodeServerInstall {
  version: string;
  vscodeVersion: string;
  dir: string;
  /** code-server's Node entry point, run with this process's `node`. */
  entry: string;
}

const INSTALL_LIMIT_MS = 20 * 60_000;

/**
 * Installs code-server if needed (about two minutes the first time, instant afterwards). The installer
 * is an ES module script so that CI can also run it on its own; it prints its result as JSON.
 */
export function ensureCodeServer(): Promise<CodeServerInstall> {
  const script = join(scriptsDir, 'code-server-install.mjs');
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [script], { timeout: INSTALL_LIMIT_MS, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`code-server is not available: ${stderr.trim() || error.message}`));
        return;
      }
      const lines = stdout.trim().split('\n');
      try {
        const parsed = JSON.parse(lines[lines.length - 1] ?? '') as CodeServerInstall;
        resolve(parsed);
      } catch {
        reject(new Error(`code-server installer printed no result JSON:\n${stdout}\n${stderr}`));
      }
    });
  });
}

/** Debian's chromium package (never a Playwright-downloaded build: the download host is unreachable). */
export function chromiumPath(): string {
  const path = process.env.PKVM_CHROMIUM ?? '/usr/bin/chromium';
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new Error(`Chromium is not available at ${path} (Debian package: chromium; or set PKVM_CHROMIUM)`);
  }
  return path;
}
