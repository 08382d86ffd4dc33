/**
 * `pkvm-debug` command line: dispatches to the subcommands in cli/commands/. Bundled
 * into dist/cli.js; bin/pkvm-debug.js calls `main` and exits with its result.
 */
import { CliCommand, EXIT_OK, EXIT_USAGE, UsageError } from './command';
import { COMMANDS } from './commands';
import { CliIo, processIo } from './io';

export function usage(commands: ReadonlyArray<CliCommand> = COMMANDS): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `usage: pkvm-debug <command> [options]\n\ncommands:\n${lines.join('\n')}\n\nRun 'pkvm-debug <command> --help' for a command's options.`;
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.err(`${usage()}\n`);
    return EXIT_USAGE;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.out(`${usage()}\n`);
    return EXIT_OK;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`pkvm-debug: unknown command '${name}' (commands: ${COMMANDS.map((c) => c.name).join(', ')}; see pkvm-debug --help)\n`);
    return EXIT_USAGE;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`pkvm-debug: ${e.message}\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
}
