/**
 * Debug adapter entry point. Hosting modes:
 * - stdio (default): VS Code's "executable" adapter, `npx pkvm-debug dap`;
 * - TCP server on loopback (`--port N`): other DAP clients (nvim-dap, dape, vimspector)
 *   or VS Code's `pkvm.adapter.mode: "server"`; each connection gets its own session;
 * - inline: the extension imports `PkvmDebugSession` from this bundle.
 */
import * as net from 'node:net';
import { PkvmDebugSession } from './session';

export { PkvmDebugSession };

export interface DapServer {
  port: number;
  close(): Promise<void>;
}

/** Serve DAP on 127.0.0.1:`port` (0 picks a free port). */
export function serveTcp(port: number): Promise<DapServer> {
  return new Promise((resolve, reject) => {
    const server = net.createServer((socket) => {
      const session = new PkvmDebugSession();
      session.setRunAsServer(true);
      session.start(socket, socket);
      socket.on('error', () => session.dispose());
    });
    server.on('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const addr = server.address() as net.AddressInfo;
      resolve({ port: addr.port, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

/** `pkvm-debug dap [--port N]`: returns when stdio closes or never (server). */
export async function runDebugAdapter(argv: string[]): Promise<number> {
  const i = argv.indexOf('--port');
  if (i >= 0) {
    const port = Number(argv[i + 1]);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      process.stderr.write(`pkvm-debug dap: --port expects a TCP port number, got ${JSON.stringify(argv[i + 1] ?? '')}\n`);
      return 2;
    }
    const server = await serveTcp(port);
    process.stderr.write(`pkvm-debug: DAP server listening on 127.0.0.1:${server.port}\n`);
    await new Promise<never>(() => {});
  }
  const session = new PkvmDebugSession();
  session.start(process.stdin, process.stdout);
  await new Promise<void>((r) => process.stdin.on('close', r));
  return 0;
}

if (require.main === module) {
  runDebugAdapter(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: Error) => {
      process.stderr.write(`pkvm-debug dap: ${e.stack ?? e.message}\n`);
      process.exit(2);
    },
  );
}
