#!/usr/bin/env node
// Installs code-server (the VS Code workbench served to a browser) into .cache/code-server/<version>/
// on first use, for the real-VS-Code test harness. It is kept out of the product's node_modules so
// that `npm install` of the extension stays light (code-server is ~300 MB).
//
// Usage: node scripts/code-server-install.mjs        installs if needed, prints {"entry", …} JSON
//        node scripts/code-server-install.mjs --check exits 0 if installed, 3 if not (no install)
//
// Offline constraints handled here (see shared reference "testing-in-real-vscode"):
// - code-server 4.100.x is the last line that runs on Node 20 (newer lines need Node 22+).
// - Its postinstall refuses root without npm_config_unsafe_perm=true, and runs a nested
//   `npx node-gyp` that would prompt without npm_config_yes=true.
// - kerberos (a VS Code dependency) compiles against gssapi headers: Debian's libkrb5-dev.
// - @vscode/ripgrep's postinstall downloads rg from GitHub, which is unreachable. It first looks in
//   $TMPDIR/vscode-ripgrep-cache-<version>/ for the tarball, so we put one made from Debian's rg there.
// - npm 11 warns about (and a future npm will block) install scripts not listed in `allowScripts`.
//   The top-level scripts are allowed through the cache folder's package.json; the nested installs
//   that code-server's postinstall runs in lib/vscode are allowed through a project .npmrc written
//   there before the scripts run (install with --ignore-scripts, then `npm rebuild`).
import { spawnSync } from 'node:child_process';
import {
  existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync, rmSync, renameSync, copyFileSync, linkSync, lstatSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
// What code-server 4.100.3's npm-shrinkwrap pins, and the asset name its postinstall looks for.
const RIPGREP_PACKAGE_VERSION = '1.15.11';
const RIPGREP_ASSET = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';
const INSTALL_TIMEOUT_MS = 15 * 60_000;
const LOCK_WAIT_MS = 20 * 60_000;

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export function codeServerDir() {
  return resolve(process.env.PKVM_CODE_SERVER_DIR ?? join(repoRoot, '.cache', 'code-server', CODE_SERVER_VERSION));
}

function describe(dir) {
  const pkgDir = join(dir, 'node_modules', 'code-server');
  const product = JSON.parse(readFileSync(join(pkgDir, 'lib', 'vscode', 'product.json'), 'utf8'));
  return {
    version: CODE_SERVER_VERSION,
    vscodeVersion: JSON.parse(readFileSync(join(pkgDir, 'lib', 'vscode', 'package.json'), 'utf8')).version,
    commit: product.commit ?? null,
    dir,
    entry: join(pkgDir, 'out', 'node', 'entry.js'),
  };
}

/** Files whose absence means some install step silently did not happen. */
function missingPieces(dir) {
  const pkg = join(dir, 'node_modules', 'code-server');
  const vs = join(pkg, 'lib', 'vscode');
  const needed = [
    [join(pkg, 'out', 'node', 'entry.js'), 'code-server itself'],
    [join(vs, 'node_modules.asar'), "code-server's postinstall (node_modules.asar link)"],
    [join(vs, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg'), '@vscode/ripgrep postinstall (rg binary)'],
    [join(vs, 'node_modules', 'node-pty', 'build', 'Release', 'pty.node'), 'node-pty native build'],
    [join(vs, 'node_modules', '@vscode', 'spdlog', 'build', 'Release', 'spdlog.node'), '@vscode/spdlog native build'],
    [join(vs, 'node_modules', 'kerberos', 'build', 'Release', 'kerberos.node'), 'kerberos native build (needs libkrb5-dev)'],
  ];
  return needed.filter(([p]) => !pathExists(p)).map(([p, what]) => `${what}: ${p}`);
}

function pathExists(p) {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

export function isInstalled(dir = codeServerDir()) {
  return existsSync(join(dir, '.installed')) && missingPieces(dir).length === 0;
}

function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

function checkPrerequisites() {
  const problems = [];
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== 20) problems.push(`code-server ${CODE_SERVER_VERSION} needs Node 20, this is Node ${process.versions.node}`);
  if (!which('rg')) problems.push('no `rg` on PATH (Debian package: ripgrep)');
  if (!existsSync('/usr/include/gssapi/gssapi.h') && !which('krb5-config')) {
    problems.push('no gssapi headers (Debian package: libkrb5-dev)');
  }
  for (const tool of ['make', 'g++', 'python3']) if (!which(tool)) problems.push(`no \`${tool}\` for node-gyp (Debian: build-essential python3)`);
  if (!which('npm')) problems.push('no `npm` on PATH');
  return problems;
}

function run(cmd, args, opts, log) {
  const r = spawnSync(cmd, args, { ...opts, encoding: 'utf8', timeout: INSTALL_TIMEOUT_MS, maxBuffer: 256 * 1024 * 1024 });
  writeFileSync(log, `\n$ ${cmd} ${args.join(' ')}\n${r.stdout ?? ''}${r.stderr ?? ''}`, { flag: 'a' });
  if (r.error) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.error.message} (log: ${log})`);
  if (r.status !== 0) {
    const tail = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-25).join('\n');
    throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status} (log: ${log}):\n${tail}`);
  }
}

/** Packages of an npm-shrinkwrap.json that declare install scripts, for an allow-list. */
function packagesWithInstallScripts(shrinkwrapPath) {
  const packages = JSON.parse(readFileSync(shrinkwrapPath, 'utf8')).packages ?? {};
  const names = new Set();
  for (const [key, meta] of Object.entries(packages)) {
    if (key === '' || !meta.hasInstallScript) continue;
    names.add(key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length));
  }
  return [...names].sort();
}

function install(finalDir) {
  const problems = checkPrerequisites();
  if (problems.length) throw new Error(`cannot install code-server ${CODE_SERVER_VERSION}:\n  - ${problems.join('\n  - ')}`);

  // We hold the lock, so any other staging folder is left over from an interrupted install.
  const parent = dirname(finalDir);
  for (const name of readdirSync(parent)) {
    if (name.startsWith(`${basename(finalDir)}.partial-`)) rmSync(join(parent, name), { recursive: true, force: true });
  }
  const staging = `${finalDir}.partial-${process.pid}`;
  mkdirSync(staging, { recursive: true });
  const log = join(staging, 'install.log');
  const started = Date.now();
  process.stderr.write(`code-server-install: installing code-server ${CODE_SERVER_VERSION} into ${finalDir} (about a minute, ~300 MB; log ${log})\n`);

  // A private TMPDIR holding the ripgrep tarball @vscode/ripgrep's postinstall would otherwise download.
  const tmp = join(staging, 'tmp');
  const rgCache = join(tmp, `vscode-ripgrep-cache-${RIPGREP_PACKAGE_VERSION}`);
  mkdirSync(rgCache, { recursive: true });
  copyFileSync(which('rg'), join(tmp, 'rg'));
  run('tar', ['-C', tmp, '-czf', join(rgCache, RIPGREP_ASSET), 'rg'], {}, log);
  rmSync(join(tmp, 'rg'));

  writeFileSync(join(staging, 'package.json'), `${JSON.stringify({
    name: 'pkvm-debug-code-server-cache',
    private: true,
    description: 'code-server for the real-VS-Code test harness (written by scripts/code-server-install.mjs)',
    allowScripts: { 'code-server': true, argon2: true },
  }, null, 2)}\n`);

  const env = {
    ...process.env,
    TMPDIR: tmp,
    npm_config_unsafe_perm: 'true',
    npm_config_yes: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  run('npm', ['install', '--ignore-scripts', `code-server@${CODE_SERVER_VERSION}`], { cwd: staging, env }, log);

  const vs = join(staging, 'node_modules', 'code-server', 'lib', 'vscode');
  const shrinkwrap = JSON.parse(readFileSync(join(vs, 'npm-shrinkwrap.json'), 'utf8'));
  const rgVersion = shrinkwrap.packages?.['node_modules/@vscode/ripgrep']?.version;
  if (rgVersion !== RIPGREP_PACKAGE_VERSION) {
    throw new Error(`code-server ${CODE_SERVER_VERSION} pins @vscode/ripgrep ${rgVersion}, the installer prepared ${RIPGREP_PACKAGE_VERSION}: update RIPGREP_* in ${fileURLToPath(import.meta.url)}`);
  }
  for (const sub of [vs, join(vs, 'extensions')]) {
    const list = packagesWithInstallScripts(join(sub, 'npm-shrinkwrap.json'));
    if (list.length) writeFileSync(join(sub, '.npmrc'), `allow-scripts=${list.join(',')}\n`);
  }
  // `npm rebuild` runs the install scripts we skipped: argon2's build and code-server's postinstall,
  // which installs VS Code's own dependencies (native modules, ripgrep) in lib/vscode.
  run('npm', ['rebuild', '--foreground-scripts'], { cwd: staging, env }, log);

  const missing = missingPieces(staging);
  if (missing.length) throw new Error(`code-server install is incomplete (log: ${log}):\n  - ${missing.join('\n  - ')}`);
  rmSync(tmp, { recursive: true, force: true });
  writeFileSync(join(staging, '.installed'), `${JSON.stringify({ version: CODE_SERVER_VERSION, seconds: Math.round((Date.now() - started) / 1000) })}\n`);
  rmSync(finalDir, { recursive: true, force: true });
  renameSync(staging, finalDir);
  process.stderr.write(`code-server-install: done in ${Math.round((Date.now() - started) / 1000)} s\n`);
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Installs unless already present. Several test processes may call this at once: one takes the
 * lock file and installs, the others wait for it.
 */
export function ensureCodeServer() {
  const dir = codeServerDir();
  if (isInstalled(dir)) return describe(dir);
  mkdirSync(dirname(dir), { recursive: true });
  const lock = `${dir}.lock`;
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    // link() creates the lock with our pid already in it, or fails if another process holds it.
    const mine = `${lock}.${process.pid}`;
    writeFileSync(mine, String(process.pid));
    try {
      linkSync(mine, lock);
      break;
    } catch {
      rmSync(mine, { force: true });
      let holder;
      try {
        holder = Number(readFileSync(lock, 'utf8'));
      } catch {
        continue; // released just now: try again
      }
      if (holder && !processAlive(holder)) {
        rmSync(lock, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for another code-server install (lock ${lock}, pid ${holder})`);
      sleep(1000);
      if (isInstalled(dir)) return describe(dir);
    }
  }
  try {
    if (!isInstalled(dir)) install(dir);
  } finally {
    rmSync(lock, { force: true });
    rmSync(`${lock}.${process.pid}`, { force: true });
  }
  return describe(dir);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--check')) {
    const dir = codeServerDir();
    if (isInstalled(dir)) {
      process.stdout.write(`${JSON.stringify(describe(dir))}\n`);
    } else {
      process.stderr.write(`code-server ${CODE_SERVER_VERSION} is not installed in ${dir}\n`);
      process.exit(3);
    }
  } else {
    try {
      process.stdout.write(`${JSON.stringify(ensureCodeServer())}\n`);
    } catch (e) {
      process.stderr.write(`code-server-install: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    }
  }
}
