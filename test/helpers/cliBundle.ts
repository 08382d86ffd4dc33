/**
 * Spawning the real `pkvm-debug` launcher (bin/pkvm-debug.js → dist/cli.js) for CLI
 * tests. `ensureCliBundle` builds dist/ once when the bundle is missing or older than
 * the CLI and engine sources, so the tests never exercise stale code.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO = resolve(__dirname, '..', '..', '..');
const BUNDLE = join(REPO, 'dist', 'cli.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    newest = Math.max(newest, st.isDirectory() ? newestMtime(p) : name.endsWith('.ts') ? st.mtimeMs : 0);
  }
  return newest;
}

export function ensureCliBundle(): void {
  const sources = Math.max(newestMtime(join(REPO, 'cli')), newestMtime(join(REPO, 'engine')));
  if (existsSync(BUNDLE) && statSync(BUNDLE).mtimeMs >= sources) return;
  const r = spawnSync(process.execPath, [join(REPO, 'scripts', 'build.mjs')], { cwd: REPO, encoding: 'utf8', env: { ...process.env, QUIET_BUILD: '1' } });
  if (r.status !== 0) throw new Error(`build failed:\n${r.stderr}`);
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function pkvmDebug(args: string[]): CliResult {
  const r = spawnSync(process.execPath, [join(REPO, 'bin', 'pkvm-debug.js'), ...args], { cwd: REPO, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
