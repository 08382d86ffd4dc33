/**
 * `pkvm-debug run` on the default pKVM machine: the JSON report's model fields, launch
 * settings from --config (same names as launch.json) with errors naming the field,
 * profile override, and a host that touches private memory (SIGBUS → exit status 1).
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureCliBundle, pkvmDebug } from '../helpers/cliBundle';

const ROOT = resolve(__dirname, '../../..');
const HELLO = join(ROOT, 'examples/hello.S');
const dir = mkdtempSync(join(tmpdir(), 'pkvm-cli-pkvm-'));
const config = (name: string, value: unknown): string => {
  const p = join(dir, name);
  writeFileSync(p, JSON.stringify(value));
  return p;
};

before(() => ensureCliBundle());

interface PkvmReport {
  stop: { reason: string; detail: string };
  profile: string;
  console: string;
  events: Array<{ type: string; seq: number; name?: string; signal?: string }>;
  pages: Array<{ startIpa: string; pages: number; guest: string; host: string | null; notMappable: boolean; backing: string }>;
}

function run(args: string[]): { status: number | null; report: PkvmReport; stderr: string } {
  const r = pkvmDebug(['run', ...args, '--json']);
  return { status: r.status, report: JSON.parse(r.stdout) as PkvmReport, stderr: r.stderr };
}

test('the default machine is a protected VM under rfc-2024 with a log and page states', () => {
  const { status, report } = run([HELLO]);
  assert.equal(status, 0);
  assert.equal(report.stop.reason, 'system-off');
  assert.equal(report.profile, 'rfc-2024');
  assert.equal(report.console, 'Hello from a pKVM guest!\n');
  assert.ok(report.events.some((e) => e.type === 'hypercall'), 'the SYSTEM_OFF hypercall is logged');
  assert.ok(report.events.some((e) => e.type === 'transition'), 'the code page was donated to the guest');
  assert.deepEqual(report.events.map((e) => e.seq), report.events.map((_, k) => k + report.events[0].seq));
  // The code page is guest-private (donated: host NOPAGE); the rest of RAM was never faulted in.
  const code = report.pages.find((p) => p.startIpa === '0x80000000')!;
  assert.equal(code.guest, 'OWNED');
  assert.equal(code.host, 'NOPAGE');
  assert.equal(code.notMappable, true);
  assert.equal(code.backing, 'guest_memfd');
  assert.equal(report.pages.reduce((n, p) => n + p.pages, 0), 16384);
});

test('--profile upstream runs the same guest on anonymous memory', () => {
  const { status, report } = run([HELLO, '--profile', 'upstream']);
  assert.equal(status, 0);
  assert.equal(report.profile, 'upstream');
  assert.equal(report.console, 'Hello from a pKVM guest!\n');
  assert.ok(report.pages.every((p) => p.backing === 'anonymous'));
});

test('a bad configuration is refused naming the field', () => {
  const bad = config('bad.json', { program: 'ignored.S', vmm: { onUnshare: 'sometimes' }, vcpus: 0 });
  const r = pkvmDebug(['run', HELLO, '--config', bad]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /vmm\.onUnshare/);
  assert.match(r.stderr, /vcpus/);
  const notJson = config('notjson.json', 'just a string');
  assert.match(pkvmDebug(['run', HELLO, '--config', notJson]).stderr, /not a valid configuration: expected a JSON object/);
});

test('a host read of guest-private memory gets SIGBUS, and the run fails', () => {
  const cfg = config('sigbus.json', { vmm: { actions: [{ trigger: { kind: 'console', text: 'Hello' }, action: { kind: 'read', ipa: '0x80000000' } }] } });
  const { status, report } = run([HELLO, '--config', cfg]);
  assert.equal(status, 1);
  assert.equal(report.stop.reason, 'error');
  assert.match(report.stop.detail, /SIGBUS/);
  assert.ok(report.events.some((e) => e.type === 'signal' && e.signal === 'SIGBUS'));
});

test('a config file that names its program runs without PROGRAM on the command line', () => {
  const r = pkvmDebug(['run', '--config', join(ROOT, 'examples/share-unshare.json'), '--json']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal((JSON.parse(r.stdout) as PkvmReport).stop.reason, 'system-off');
  assert.match(pkvmDebug(['run']).stderr, /needs a PROGRAM, or a --config file/);
});
