/**
 * One `pkvm-debug` subcommand. Each lives in its own file under cli/commands/ and is
 * listed in cli/commands/index.ts; the dispatcher (cli/main.ts) does the rest.
 */
import type { CliIo } from './io';

export interface CliCommand {
  /** The word after `pkvm-debug`, e.g. "run". */
  readonly name: string;
  /** One line for `pkvm-debug --help`. */
  readonly summary: string;
  /** Full help text for `pkvm-debug <name> --help`. */
  readonly help: string;
  /** Run with the arguments after the command name; resolves to the process exit status. */
  run(args: string[], io: CliIo): Promise<number>;
}

/** Exit statuses shared by every command. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
/** Bad arguments, or an input file that cannot be used. */
export const EXIT_USAGE = 2;

/**
 * A problem with how the command was invoked or with its input file: printed as one
 * line ("pkvm-debug: <message>") and the command exits with EXIT_USAGE.
 */
export class UsageError extends Error {
  override name = 'UsageError';
}
