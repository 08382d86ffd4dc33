// Packages an extension folder into a .vsix with @vscode/vsce's command line (in a child process,
// so its progress output does not mix with the test runner's), for installing into code-server.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './paths';

export interface PackageOptions {
  /** Extra vsce flags; the default suits a bundled extension without a repository or licence file. */
  flags?: string[];
}

export function packageVsix(extensionDir: string, outFile: string, options: PackageOptions = {}): Promise<string> {
  const vsce = join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  const flags = options.flags ?? ['--no-dependencies', '--allow-missing-repository', '--skip-license'];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [vsce, 'package', ...flags, '--out', outFile], { cwd: extensionDir, timeout: 180_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`vsce package in ${extensionDir} failed: ${stderr.trim() || stdout.trim() || error.message}`));
      else resolve(outFile);
    });
  });
}
