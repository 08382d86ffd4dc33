/**
 * Locating the oracles (unicorn through /usr/bin/python3, qemu-aarch64) and this
 * repository's own helper files from compiled test code.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root (the nearest directory above this file with a package.json). */
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${__dirname}`);
    dir = up;
  }
  return dir;
}

export const PYTHON = '/usr/bin/python3';

/** Null when unicorn is usable, else why not (for the skip message). */
export function unicornMissing(): string | null {
  if (!existsSync(PYTHON)) return `${PYTHON} not found (install python3-unicorn)`;
  const r = spawnSync(PYTHON, ['-c', 'import unicorn, capstone; print(unicorn.__version__)'], { encoding: 'utf8' });
  if (r.status !== 0) return `unicorn/capstone not importable by ${PYTHON}: ${(r.stderr || '').trim().split('\n').pop()}`;
  return null;
}

/** Null when `tool` runs, else why not. */
export function toolMissing(tool: string, args: string[] = ['--version']): string | null {
  const r = spawnSync(tool, args, { encoding: 'utf8' });
  if (r.error) return `${tool} not found (${r.error.message})`;
  return r.status === 0 ? null : `${tool} ${args.join(' ')} exited with ${r.status}`;
}
