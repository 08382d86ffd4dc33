/**
 * The `launch` request's arguments: the debugger's own settings plus the machine
 * configuration, with the same names as the CLI's `--config` file. Validation returns
 * every problem, each naming its field, so the extension can refuse a bad
 * configuration before launch and the adapter can answer with a precise error.
 */

export interface PkvmLaunchArguments {
  /** Guest program: `.S`/`.s` assembly, an AArch64 ELF, or a flat binary. */
  program: string;
  stopOnEntry?: boolean;
  /** Load address for flat binaries (default: the RAM base). */
  loadAddress?: number | string;
  /** Echo every hypercall as a Debug Console line. */
  traceHypercalls?: boolean;
  /** Initial number format for registers and variables. */
  format?: 'hex' | 'decimal';
  /** Where the extension runs the adapter (only read by the extension). */
  adapterMode?: 'process' | 'server' | 'inline';
  /** Machine configuration (profile, vcpus, memory, vmm, hostActions, …), validated by the engine. */
  [machineSetting: string]: unknown;
}

/** Keys VS Code itself adds to every configuration. */
const CLIENT_KEYS = new Set(['type', 'request', 'name', '__sessionId', '__configurationTarget', 'noDebug', 'preLaunchTask', 'postDebugTask', 'internalConsoleOptions', 'debugServer', 'presentation', 'suppressMultipleSessionWarning', '__restart']);

import { parseLaunchConfig } from '../engine/config/launchConfig';

export function validateLaunchArguments(args: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const machine = parseLaunchConfig(machineSettings(args));
  if (!machine.ok) problems.push(...machine.errors);
  if (typeof args.program !== 'string' || args.program.trim() === '') {
    problems.push('program: expected the path of a guest program (.S assembly, AArch64 ELF or flat binary)');
  }
  if (args.stopOnEntry !== undefined && typeof args.stopOnEntry !== 'boolean') problems.push('stopOnEntry: expected true or false');
  if (args.traceHypercalls !== undefined && typeof args.traceHypercalls !== 'boolean') problems.push('traceHypercalls: expected true or false');
  if (args.format !== undefined && args.format !== 'hex' && args.format !== 'decimal') problems.push(`format: expected "hex" or "decimal", got ${JSON.stringify(args.format)}`);
  if (args.adapterMode !== undefined && !['process', 'server', 'inline'].includes(String(args.adapterMode))) {
    problems.push(`adapterMode: expected "process", "server" or "inline", got ${JSON.stringify(args.adapterMode)}`);
  }
  if (args.loadAddress !== undefined) {
    const v = typeof args.loadAddress === 'string' ? Number(args.loadAddress) : args.loadAddress;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v % 4096 !== 0) problems.push('loadAddress: expected a page-aligned address such as "0x80000000"');
  }
  return problems;
}

/** The machine configuration part of the arguments (everything that is not a debugger or client setting). */
export function machineSettings(args: Record<string, unknown>): Record<string, unknown> {
  const own = new Set(['program', 'stopOnEntry', 'loadAddress', 'traceHypercalls', 'format', 'adapterMode']);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) if (!own.has(k) && !CLIENT_KEYS.has(k)) out[k] = v;
  return out;
}
