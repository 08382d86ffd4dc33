/**
 * A small, strict option parser for subcommands: `--name value`, `--name=value` and
 * boolean `--flag`; anything unknown is a UsageError naming it. `--` ends options.
 */
import { UsageError } from './command';

export interface OptionSpec {
  /** Without the leading dashes, e.g. "max-steps". */
  readonly name: string;
  /** True when the option takes a value. */
  readonly value: boolean;
}

export interface ParsedArgs {
  positionals: string[];
  /** Value options by name (last occurrence wins); boolean flags map to "". */
  options: Map<string, string>;
}

export function parseArgs(args: ReadonlyArray<string>, specs: ReadonlyArray<OptionSpec>, command: string): ParsedArgs {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const parsed: ParsedArgs = { positionals: [], options: new Map() };
  for (let k = 0; k < args.length; k++) {
    const arg = args[k];
    if (arg === '--') {
      parsed.positionals.push(...args.slice(k + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg} for ${command} (see pkvm-debug ${command} --help)`);
      parsed.positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const spec = byName.get(name);
    if (!spec) throw new UsageError(`unknown option --${name} for ${command} (see pkvm-debug ${command} --help)`);
    if (!spec.value) {
      if (eq >= 0) throw new UsageError(`option --${name} takes no value`);
      parsed.options.set(name, '');
      continue;
    }
    let value: string;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      if (k + 1 >= args.length) throw new UsageError(`option --${name} needs a value`);
      value = args[++k];
    }
    parsed.options.set(name, value);
  }
  return parsed;
}

/**
 * A non-negative integer option: decimal or 0x-hex, `_` allowed as a digit separator
 * (`--max-steps 1_000_000`, `--load-address 0x8008_0000`).
 */
export function parseInteger(text: string, option: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const t = text.trim().replace(/_/g, '');
  const ok = /^0x[0-9a-f]+$/i.test(t) || /^[0-9]+$/.test(t);
  const n = ok ? Number(t) : NaN;
  if (!Number.isSafeInteger(n)) throw new UsageError(`--${option} needs an integer (decimal or 0x… hex), not '${text}'`);
  if (n < min || n > max) throw new UsageError(`--${option} must be between ${min} and ${max}, not ${text}`);
  return n;
}
