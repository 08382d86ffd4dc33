/** Every `pkvm-debug` subcommand, in the order `--help` lists them. Add new ones here. */
import type { CliCommand } from '../command';
import { runCommand } from './run';

export const COMMANDS: ReadonlyArray<CliCommand> = [runCommand];
