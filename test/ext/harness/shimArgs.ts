// Reads the command line that @vscode/test-electron's runTests (and @vscode/test-cli) give the VS Code
// executable, so the shim can stand in for one.
import { resolve } from 'node:path';

export interface ShimRequest {
  extensionDevelopmentPaths: string[];
  extensionTestsPath?: string;
  userDataDir?: string;
  extensionsDir?: string;
  /** The folder (or .code-workspace file) to open, if one was given. */
  folder?: string;
  /** Flags accepted and deliberately not acted on (they concern the Electron app, not the workbench). */
  ignored: string[];
}

/** Flags whose value is the next argument when not written as --flag=value. */
const valueFlags = new Set(['extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir', 'locale', 'log']);

export function parseShimArgs(argv: readonly string[], cwd = process.cwd()): ShimRequest {
  const request: ShimRequest = { extensionDevelopmentPaths: [], ignored: [] };
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    let value: string | undefined = eq < 0 ? undefined : arg.slice(eq + 1);
    if (value === undefined && valueFlags.has(name)) {
      value = argv[++i];
      if (value === undefined) throw new Error(`${arg} needs a value`);
    }
    switch (name) {
      case 'extensionDevelopmentPath':
        request.extensionDevelopmentPaths.push(resolve(cwd, value!));
        break;
      case 'extensionTestsPath':
        request.extensionTestsPath = resolve(cwd, value!);
        break;
      case 'user-data-dir':
        request.userDataDir = resolve(cwd, value!);
        break;
      case 'extensions-dir':
        request.extensionsDir = resolve(cwd, value!);
        break;
      default:
        request.ignored.push(arg + (eq < 0 && value !== undefined ? ` ${value}` : ''));
    }
  }
  if (positionals.length > 1) throw new Error(`expected at most one folder to open, got: ${positionals.join(' ')}`);
  if (positionals[0] !== undefined) request.folder = resolve(cwd, positionals[0]);
  return request;
}
