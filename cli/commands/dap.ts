/**
 * `pkvm-debug dap [--port N]`: the debug adapter for any DAP client — over stdio (what
 * VS Code's "executable" adapters and most editors use), or as a TCP server on loopback
 * for clients that connect (nvim-dap, dape, vimspector, VS Code's pkvm.adapter.mode
 * "server"). Each TCP connection gets its own session.
 */
import { runDebugAdapter } from '../../debug-adapter/main';
import type { CliCommand } from '../command';

const HELP = `usage: pkvm-debug dap [--port N]

Run the pKVM debug adapter (Debug Adapter Protocol).
  (no option)   speak DAP on stdin/stdout
  --port N      listen on 127.0.0.1:N (0 picks a free port, printed on stderr)`;

export const dapCommand: CliCommand = {
  name: 'dap',
  summary: 'run the debug adapter (stdio, or a TCP server with --port)',
  help: HELP,
  run: async (args, io) => {
    if (args.includes('--help')) {
      io.out(`${HELP}\n`);
      return 0;
    }
    return runDebugAdapter(args);
  },
};
