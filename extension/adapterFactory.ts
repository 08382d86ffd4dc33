/**
 * Where the debug adapter runs. The emulator must never block the extension host, so
 * by default the adapter is a separate Node process (the extension host's own runtime
 * started as Node). `pkvm.adapter.mode` can instead attach to an adapter already
 * running as a TCP server (`npx pkvm-debug dap --port N`), or run it inline (fast
 * tests; the guest then shares the extension host's thread).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';

export type AdapterMode = 'process' | 'server' | 'inline';

export class PkvmAdapterFactory implements vscode.DebugAdapterDescriptorFactory {
  constructor(private readonly context: vscode.ExtensionContext) {}

  async createDebugAdapterDescriptor(session: vscode.DebugSession): Promise<vscode.DebugAdapterDescriptor> {
    const cfg = vscode.workspace.getConfiguration('pkvm');
    const mode = (session.configuration.adapterMode as AdapterMode | undefined) ?? cfg.get<AdapterMode>('adapter.mode', 'process');
    const adapterJs = this.context.asAbsolutePath(path.join('dist', 'debugAdapter.js'));
    switch (mode) {
      case 'server': {
        const port = cfg.get<number>('adapter.port', 4711);
        const host = cfg.get<string>('adapter.host', '127.0.0.1');
        return new vscode.DebugAdapterServer(port, host);
      }
      case 'inline': {
        // Loaded lazily so the default mode never pulls the emulator into the extension host.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { PkvmDebugSession } = require(adapterJs) as typeof import('../debug-adapter/session');
        return new vscode.DebugAdapterInlineImplementation(new PkvmDebugSession() as unknown as vscode.DebugAdapter);
      }
      default:
        // The extension host's runtime is Electron on desktop and Node in code-server;
        // ELECTRON_RUN_AS_NODE makes either behave as plain Node.
        return new vscode.DebugAdapterExecutable(process.execPath, [adapterJs], {
          env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } as Record<string, string>,
        });
    }
  }
}
