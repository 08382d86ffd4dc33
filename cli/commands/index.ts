/** Every `pkvm-debug` subcommand, in the order `--help` lists them. Add new ones here. */
import type { CliCommand } from '../command';
import { asmCommand } from './asm';
import { dapCommand } from './dap';
import { disasmCommand } from './disasm';
import { runCommand } from './run';

export const COMMANDS: ReadonlyArray<CliCommand> = [runCommand, asmCommand, disasmCommand, dapCommand];
