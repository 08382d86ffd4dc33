/**
 * Shared setup for DAP tests: a schema-validating DebugClient talking to the bundled
 * adapter (dist/debugAdapter.js) over stdio, as VS Code does, and line markers in
 * fixture sources (`// NAME` comments) so tests do not hard-code line numbers.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { ValidatingDebugClient } from './validatingClient';

export const ROOT = path.resolve(__dirname, '../../../..');
export const ADAPTER = path.join(ROOT, 'dist/debugAdapter.js');
export const FIXTURES = path.join(ROOT, 'test/fixtures/dap');

/** Build the bundles once if a test run starts without them. */
export function ensureBuilt(): void {
  if (!fs.existsSync(ADAPTER)) execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'inherit' });
}

/** The capabilities the adapter answered the last `startClient` with. */
export let lastCapabilities: DebugProtocol.Capabilities = {};

export async function startClient(): Promise<ValidatingDebugClient> {
  ensureBuilt();
  const dc = new ValidatingDebugClient('node', ADAPTER, 'pkvm');
  dc.defaultTimeout = 10000;
  await dc.start();
  const init = await dc.initializeRequest({ adapterID: 'pkvm', linesStartAt1: true, columnsStartAt1: true, supportsVariablePaging: true, supportsMemoryReferences: true, supportsInvalidatedEvent: true, supportsMemoryEvent: true, supportsProgressReporting: true, pathFormat: 'path' });
  lastCapabilities = init.body ?? {};
  return dc;
}

/** 1-based line of the `// MARKER` comment in a fixture. */
export function lineOf(file: string, marker: string): number {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const i = lines.findIndex((l) => new RegExp(`//\\s*${marker}\\b`).test(l));
  if (i < 0) throw new Error(`marker ${marker} not found in ${file}`);
  return i + 1;
}

/** Launch with stopOnEntry and wait for the entry stop. */
export async function launchStopped(dc: ValidatingDebugClient, args: Record<string, unknown>): Promise<void> {
  await Promise.all([
    dc.waitForEvent('stopped'),
    // launchRequest, not DebugClient.launch(): that one sends a second, default initialize.
    dc.launchRequest({ stopOnEntry: true, ...args } as DebugProtocol.LaunchRequestArguments),
    dc.configurationDoneRequest(),
  ]);
}

export async function registers(dc: ValidatingDebugClient, threadId = 1): Promise<Record<string, string>> {
  const st = await dc.stackTraceRequest({ threadId });
  const scopes = await dc.scopesRequest({ frameId: st.body.stackFrames[0].id });
  const regs = scopes.body.scopes.find((s) => s.name === 'Registers')!;
  const vars = await dc.variablesRequest({ variablesReference: regs.variablesReference });
  return Object.fromEntries(vars.body.variables.map((v) => [v.name, v.value]));
}
