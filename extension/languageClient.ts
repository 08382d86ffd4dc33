/**
 * Starts the guest-assembly language server (language-server/, bundled as
 * dist/languageServer.js) over IPC for `arm64-asm` documents.
 */
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export function startLanguageClient(context: vscode.ExtensionContext, log: vscode.OutputChannel): void {
  const module = context.asAbsolutePath('dist/languageServer.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'arm64-asm' }],
    outputChannel: log,
    // Includes edited on disk (not open) re-check the documents that include them.
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{S,s}') },
  };
  client = new LanguageClient('pkvmAsm', 'pKVM guest assembly', serverOptions, clientOptions);
  context.subscriptions.push({ dispose: () => void client?.stop() });
  client.start().catch((e: Error) => log.appendLine(`language server failed to start: ${e.message}`));
}
