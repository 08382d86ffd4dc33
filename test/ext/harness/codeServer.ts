// Starts and stops code-server: the VS Code workbench served over HTTP, with the ordinary Node
// extension host on the server side, on a free loopback port and in its own process group.
import { spawn, execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CodeServerInstall } from './prerequisites';

/** Settings that keep the workbench quiet and offline: no welcome page, telemetry, updates, trust prompt or git scan. */
export const quietSettings: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  // Test folders live inside this repository: the git extension would scan it for nothing.
  'git.enabled': false,
};

export interface CodeServerOptions {
  install: CodeServerInstall;
  /** Folder opened on the server side (also given in the workbench URL). */
  folder?: string;
  /** Defaults to a fresh temporary folder, removed on stop. */
  userDataDir?: string;
  extensionsDir?: string;
  /** Merged over `quietSettings` into the user settings file (which is written anew). */
  settings?: Record<string, unknown>;
  /** Extra environment for the server and so for the extension host (e.g. extensionTestsEnv). */
  env?: Record<string, string | undefined>;
  /** .vsix files installed into the extensions folder before the server starts. */
  vsixFiles?: string[];
  readyLimitMs?: number;
}

export interface WorkbenchPayload {
  folder?: string;
  extensionDevelopmentPaths?: string[];
  extensionTestsPath?: string;
}

export interface RunningCodeServer {
  /** "127.0.0.1:PORT": the remote authority of every `vscode-remote://` URI. */
  readonly authority: string;
  readonly origin: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  /** The server's own log (stdout and stderr), for failure messages. */
  readonly logFile: string;
  /** The URL that opens a folder, with development extensions and a test entry point if given. */
  workbenchUrl(payload: WorkbenchPayload): string;
  /** Resolves when the server process has exited (for whatever reason). */
  readonly exited: Promise<number | null>;
  stop(): Promise<void>;
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not get a free loopback port'))));
    });
  });
}

/** The environment code-server runs in: XDG folders in our temp folder so nothing lands in $HOME. */
function serverEnv(root: string, extra: Record<string, string | undefined> | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  env.XDG_CONFIG_HOME = join(root, 'xdg-config');
  env.XDG_DATA_HOME = join(root, 'xdg-data');
  env.XDG_CACHE_HOME = join(root, 'xdg-cache');
  // $PORT overrides --bind-addr; VSCODE_IPC_HOOK_CLI (set inside a VS Code terminal) would make
  // code-server hand the folder to that other instance instead of serving it.
  delete env.PORT;
  delete env.VSCODE_IPC_HOOK_CLI;
  // No extension marketplace: the machine is offline, and lookups would only log errors and wait.
  env.EXTENSIONS_GALLERY ??= '{}';
  return env;
}

function readTail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export function installVsix(install: CodeServerInstall, vsix: string, dirs: { userDataDir: string; extensionsDir: string; root: string }): Promise<void> {
  const args = [install.entry, '--user-data-dir', dirs.userDataDir, '--extensions-dir', dirs.extensionsDir, '--force', '--install-extension', vsix];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { env: serverEnv(dirs.root, undefined), timeout: 120_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`installing ${vsix} into code-server failed: ${stderr.trim() || stdout.trim() || error.message}`));
      else resolve();
    });
  });
}

async function waitForHealth(origin: string, exited: Promise<number | null>, limitMs: number, logFile: string): Promise<void> {
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  const deadline = Date.now() + limitMs;
  do {
    if (exitCode !== undefined) throw new Error(`code-server exited (code ${exitCode}) before it was ready; its log:\n${readTail(logFile)}`);
    try {
      const res = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  } while (Date.now() < deadline);
  throw new Error(`code-server at ${origin} did not answer /healthz within ${Math.round(limitMs / 1000)} s; its log:\n${readTail(logFile)}`);
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is already gone
  }
}

export async function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer> {
  const root = mkdtempSync(join(tmpdir(), 'pkvm-code-server-'));
  const userDataDir = options.userDataDir ?? join(root, 'user-data');
  const extensionsDir = options.extensionsDir ?? join(root, 'extensions');
  for (const dir of [userDataDir, extensionsDir, join(userDataDir, 'User')]) mkdirSync(dir, { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), `${JSON.stringify({ ...quietSettings, ...options.settings }, null, 2)}\n`);
  try {
    for (const vsix of options.vsixFiles ?? []) await installVsix(options.install, vsix, { userDataDir, extensionsDir, root });
  } catch (e) {
    rmSync(root, { recursive: true, force: true });
    throw e;
  }

  const port = await freeLoopbackPort();
  const authority = `127.0.0.1:${port}`;
  const origin = `http://${authority}`;
  const logFile = join(root, 'code-server.log');
  mkdirSync(dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile);
  const args = [
    options.install.entry,
    '--auth', 'none',
    '--bind-addr', authority,
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    ...(options.folder ? [options.folder] : []),
  ];
  // detached: its own process group, because it forks file watchers and the extension host,
  // which outlive the parent unless the whole group is killed.
  const child = spawn(process.execPath, args, { detached: true, env: serverEnv(root, options.env), stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start code-server (${options.install.entry})`);

  let stopped = false;
  // A server that failed to start keeps its folder, so its log can still be read.
  let keep = Boolean(process.env.PKVM_KEEP_CODE_SERVER_DIR);
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    killGroup(pid, 'SIGTERM');
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise((r) => (grace = setTimeout(r, 5000)))]);
    clearTimeout(grace);
    // Children that ignored SIGTERM (or were still starting) go now.
    killGroup(pid, 'SIGKILL');
    log.end();
    if (keep) process.stderr.write(`code-server files kept in ${root}\n`);
    else rmSync(root, { recursive: true, force: true });
  };

  try {
    await waitForHealth(origin, exited, options.readyLimitMs ?? 30_000, logFile);
  } catch (e) {
    keep = true;
    await stop();
    throw e;
  }

  const remote = (path: string): string => `vscode-remote://${authority}${path}`;
  return {
    authority,
    origin,
    userDataDir,
    extensionsDir,
    logFile,
    exited,
    stop,
    workbenchUrl(payload: WorkbenchPayload): string {
      const params = new URLSearchParams();
      if (payload.folder) params.set('folder', payload.folder);
      else params.set('ew', 'true');
      const entries: [string, string][] = (payload.extensionDevelopmentPaths ?? []).map((p) => ['extensionDevelopmentPath', remote(p)]);
      if (payload.extensionTestsPath) entries.push(['extensionTestsPath', remote(payload.extensionTestsPath)]);
      if (entries.length) params.set('payload', JSON.stringify(entries));
      return `${origin}/?${params.toString()}`;
    },
  };
}
