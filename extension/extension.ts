/**
 * Extension activation: the `pkvm` debugger (adapter hosting, launch configurations),
 * the memory-map view, commands, and the language client for guest assembly.
 * VS Code glue only: everything that can be tested without VS Code lives elsewhere.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CUSTOM, HostCommandResponseBody } from '../debug-adapter/protocol/customRequests';
import { PkvmAdapterFactory } from './adapterFactory';
import { DEBUG_TYPE, PkvmConfigurationProvider } from './debugConfiguration';
import { startLanguageClient } from './languageClient';
import { MemoryMapManager } from './memoryMapPanel';

/** What `activate` returns: used by the extension's own integration tests. */
export interface PkvmExtensionApi {
  memoryMap: MemoryMapManager;
}

function activePkvmSession(): vscode.DebugSession | undefined {
  const s = vscode.debug.activeDebugSession;
  if (s?.type !== DEBUG_TYPE) {
    void vscode.window.showWarningMessage('pKVM: no active pKVM debug session.');
    return undefined;
  }
  return s;
}

function focusedThreadId(): number | undefined {
  const item = vscode.debug.activeStackItem;
  if (!item) return undefined;
  return item.threadId;
}

export function activate(context: vscode.ExtensionContext): PkvmExtensionApi {
  const log = vscode.window.createOutputChannel('pKVM Debug');
  const memoryMap = new MemoryMapManager(context, log);
  let hex = true;

  context.subscriptions.push(
    log,
    vscode.debug.registerDebugAdapterDescriptorFactory(DEBUG_TYPE, new PkvmAdapterFactory(context)),
    vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, new PkvmConfigurationProvider()),
    vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, new PkvmConfigurationProvider(), vscode.DebugConfigurationProviderTriggerKind.Dynamic),
    vscode.window.registerWebviewViewProvider(MemoryMapManager.viewType, memoryMap, { webviewOptions: { retainContextWhenHidden: true } }),
    vscode.commands.registerCommand('pkvm.showMemoryMap', () => memoryMap.show()),
    vscode.commands.registerCommand('pkvm.stepInstruction', async () => {
      const s = activePkvmSession();
      const threadId = focusedThreadId();
      if (!s || threadId === undefined) return;
      // VS Code has no "step one instruction" button; this is the request the Disassembly view sends.
      await s.customRequest('stepIn', { threadId, granularity: 'instruction' });
    }),
    vscode.commands.registerCommand('pkvm.toggleHex', async () => {
      const s = activePkvmSession();
      if (!s) return;
      hex = !hex;
      await s.customRequest(CUSTOM.setFormat, { format: hex ? 'hex' : 'decimal' });
    }),
    vscode.commands.registerCommand('pkvm.hostCommand', async (command?: string) => {
      const s = activePkvmSession();
      if (!s) return;
      const text =
        command ??
        (await vscode.window.showInputBox({
          title: 'Host command (acts as the VMM would)',
          prompt: 'host read|write|mmap|munmap|set-attr|punch-hole …, kvm read-guest-page …',
          placeHolder: 'host read 0x80004000 16',
        }));
      if (!text) return;
      const body = (await s.customRequest(CUSTOM.hostCommand, { command: text })) as HostCommandResponseBody;
      vscode.debug.activeDebugConsole.appendLine(`> ${text}\n${body.output}`);
      return body.output;
    }),
    vscode.commands.registerCommand('pkvm.openExample', async (name?: string) => {
      const dir = context.asAbsolutePath('examples');
      const examples = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /\.(S|s|c)$/.test(f)).sort() : [];
      const pick = name ?? (await vscode.window.showQuickPick(examples, { title: 'Open a pKVM example guest' }));
      if (!pick) return;
      const doc = await vscode.workspace.openTextDocument(path.join(dir, pick));
      await vscode.window.showTextDocument(doc);
    }),
  );

  startLanguageClient(context, log);
  return { memoryMap };
}

export function deactivate(): void {
  // Disposables registered in activate are released by VS Code.
}
