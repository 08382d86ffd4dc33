/**
 * A minimal LSP client for protocol tests: starts the bundled server
 * (dist/languageServer.js) over stdio or Node IPC, as an editor does, and speaks JSON-RPC
 * through vscode-jsonrpc's message connection.
 */
import { ChildProcess, execFileSync, fork, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { IPCMessageReader, IPCMessageWriter, MessageConnection, StreamMessageReader, StreamMessageWriter, createMessageConnection } from 'vscode-jsonrpc/node';
import type { InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { ROOT } from './project';

export const SERVER = path.join(ROOT, 'dist/languageServer.js');

export const uriOf = (file: string): string => pathToFileURL(file).href;

/** Build the bundles once if a test run starts without them. */
function ensureBuilt(): void {
  if (!fs.existsSync(SERVER)) execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'inherit' });
}

export class LspClient {
  private readonly diagnostics: PublishDiagnosticsParams[] = [];
  private readonly waiters: Array<{ match: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }> = [];
  stderr = '';

  private constructor(
    private readonly proc: ChildProcess,
    readonly connection: MessageConnection,
  ) {
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.diagnostics.push(p);
      for (const w of [...this.waiters]) {
        if (w.match(p)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(p);
        }
      }
    });
    connection.listen();
  }

  /** Start the server and run the initialize handshake. */
  static async start(transport: 'stdio' | 'ipc' = 'stdio'): Promise<{ client: LspClient; init: InitializeResult }> {
    ensureBuilt();
    let client: LspClient;
    if (transport === 'stdio') {
      const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
      client = new LspClient(proc, createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!)));
    } else {
      const proc = fork(SERVER, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
      client = new LspClient(proc, createMessageConnection(new IPCMessageReader(proc), new IPCMessageWriter(proc)));
    }
    client.proc.stderr?.on('data', (d: Buffer) => (client.stderr += d.toString()));
    const init = await client.request<InitializeResult>('initialize', { processId: process.pid, rootUri: uriOf(ROOT), capabilities: {} });
    client.notify('initialized', {});
    return { client, init };
  }

  request<R>(method: string, params?: object): Promise<R> {
    return (params === undefined ? this.connection.sendRequest(method) : this.connection.sendRequest(method, params)) as Promise<R>;
  }

  notify(method: string, params?: object): void {
    void (params === undefined ? this.connection.sendNotification(method) : this.connection.sendNotification(method, params));
  }

  open(file: string, text: string, version = 1): void {
    this.notify('textDocument/didOpen', { textDocument: { uri: uriOf(file), languageId: 'arm64-asm', version, text } });
  }

  /** Replace the whole text (a full-document change). */
  change(file: string, text: string, version: number): void {
    this.notify('textDocument/didChange', { textDocument: { uri: uriOf(file), version }, contentChanges: [{ text }] });
  }

  /** The next (or an already received) diagnostics notification for `file` that matches. */
  diagnosticsFor(file: string, match: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    const uri = uriOf(file);
    const m = (p: PublishDiagnosticsParams): boolean => p.uri === uri && match(p);
    const seen = this.diagnostics.find(m);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ match: m, resolve }));
  }

  async stop(): Promise<void> {
    await this.request('shutdown').catch(() => undefined);
    this.notify('exit');
    await new Promise<void>((resolve) => {
      if (this.proc.exitCode !== null) return resolve();
      const timer = setTimeout(() => this.proc.kill(), 2000);
      this.proc.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.connection.dispose();
  }
}
