/**
 * extensionTestsPath entry for the pkvm-debug extension in a real VS Code workbench
 * (test/ext/extension.test.ts starts it through runTests): a debug session on
 * examples/share-unshare.S stopped at a MEM_UNSHARE function breakpoint, the memory map
 * fed from that session, a host command, and the language server through VS Code's
 * provider commands. Checks run in order and share the session.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { PkvmExtensionApi } from '../../../extension/extension';
import type { ToWebview } from '../../../extension/webview/protocol';
import { runChecks, poll, waitFor } from './checks';

const SUITE = 'pkvm-ext';
const BUFFER = 0x80001000;

type StoppedEvent = DebugProtocol.StoppedEvent['body'];

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension<PkvmExtensionApi>('pkvm-debug.pkvm-debug');
  assert.ok(ext, 'extension pkvm-debug.pkvm-debug is not loaded');
  const example = path.join(ext.extensionPath, 'examples', 'share-unshare.S');
  const exampleLines = fs.readFileSync(example, 'utf8').split('\n');
  const lineOf = (text: string): number => {
    const k = exampleLines.findIndex((l) => l.trim().startsWith(text));
    assert.ok(k >= 0, `"${text}" not found in ${example}`);
    return k; // 0-based
  };

  let api: PkvmExtensionApi | undefined;
  let session: vscode.DebugSession | undefined;
  let stop: StoppedEvent | undefined;
  let frameId = 0;
  const stops: StoppedEvent[] = [];
  const posted: ToWebview[] = [];
  const disposables: vscode.Disposable[] = [
    vscode.debug.registerDebugAdapterTrackerFactory('pkvm', {
      createDebugAdapterTracker: () => ({
        onDidSendMessage: (m: DebugProtocol.ProtocolMessage) => {
          const ev = m as DebugProtocol.Event;
          if (ev.type === 'event' && ev.event === 'stopped') stops.push((ev as DebugProtocol.StoppedEvent).body);
        },
      }),
    }),
  ];
  const request = <T>(command: string, args?: object): Promise<T> => {
    assert.ok(session, 'no debug session');
    return Promise.resolve(session.customRequest(command, args) as Thenable<T>);
  };
  const variables = async (ref: number): Promise<DebugProtocol.Variable[]> =>
    (await request<DebugProtocol.VariablesResponse['body']>('variables', { variablesReference: ref })).variables;

  try {
    await runChecks(SUITE, [
      ['the extension activates and returns its test API', async () => {
        api = await ext.activate();
        assert.ok(api?.memoryMap, 'activate() returned no memoryMap');
        disposables.push(api.memoryMap.onDidPostToWebview((m) => posted.push(m)));
      }],
      ['a debug session on share-unshare.S stops at the MEM_UNSHARE function breakpoint', async () => {
        const settings = JSON.parse(fs.readFileSync(example.replace(/\.S$/, '.json'), 'utf8')) as vscode.DebugConfiguration;
        vscode.debug.addBreakpoints([new vscode.FunctionBreakpoint('MEM_UNSHARE')]);
        const started = new Promise<vscode.DebugSession>((resolve) => {
          const d = vscode.debug.onDidStartDebugSession((s) => {
            if (s.type === 'pkvm') {
              d.dispose();
              resolve(s);
            }
          });
        });
        const ok = await vscode.debug.startDebugging(undefined, { ...settings, name: 'ext test: share-unshare', program: example, stopOnEntry: false });
        assert.equal(ok, true, 'startDebugging refused the launch configuration');
        session = await waitFor('the pkvm session to start', started);
        stop = await poll('a stopped event', () => stops[0]);
        assert.equal(stop.reason, 'function breakpoint', `stopped for ${stop.reason}: ${stop.text ?? ''}`);
        assert.match(stop.text ?? '', /MEM_UNSHARE \(x0=0xc6000004, x1=0x80001000/);
      }],
      ['threads: one vCPU, the stopped one', async () => {
        const { threads } = await request<DebugProtocol.ThreadsResponse['body']>('threads');
        assert.deepEqual(threads.map((t) => t.id), [1], JSON.stringify(threads));
        assert.match(threads[0].name, /^vCPU 0 /);
        assert.equal(stop?.threadId, 1);
      }],
      ['the top stack frame is the mem_unshare call in share-unshare.S', async () => {
        const { stackFrames } = await request<DebugProtocol.StackTraceResponse['body']>('stackTrace', { threadId: 1 });
        assert.ok(stackFrames.length >= 1, 'no stack frames');
        const top = stackFrames[0];
        frameId = top.id;
        // In code-server VS Code hands the adapter's paths back as vscode-remote:// URIs.
        const where = top.source?.path ?? '';
        assert.equal(where.startsWith('vscode-remote:') ? vscode.Uri.parse(where).path : where, example, `top frame source ${JSON.stringify(top.source)}`);
        assert.equal(top.line, lineOf('mem_unshare x19') + 1, `top frame at line ${top.line}`);
      }],
      ['the Pages scope shows the buffer page shared by the guest and borrowed by the host', async () => {
        const { scopes } = await request<DebugProtocol.ScopesResponse['body']>('scopes', { frameId });
        const names = scopes.map((s) => s.name);
        for (const n of ['Registers', 'Hypercall', 'Pages', 'KVM / VMM']) assert.ok(names.includes(n), `scope ${n} missing from ${names.join(', ')}`);
        const slots = await variables(scopes.find((s) => s.name === 'Pages')!.variablesReference);
        assert.equal(slots.length, 1, JSON.stringify(slots));
        assert.match(slots[0].value, /16384 pages, guest_memfd/);
        const ranges = await variables(slots[0].variablesReference);
        const buffer = ranges.find((r) => r.name.startsWith('0x80001000'));
        assert.ok(buffer, `no range at 0x80001000 in ${ranges.map((r) => r.name).join(', ')}`);
        assert.match(buffer.value, /guest SHARED_OWNED, host SHARED_BORROWED/);
        const hypercall = Object.fromEntries((await variables(scopes.find((s) => s.name === 'Hypercall')!.variablesReference)).map((v) => [v.name, v.value]));
        assert.match(hypercall.function ?? '', /MEM_UNSHARE \(0xc6000004\)/);
      }],
      ['the memory map opens and its webview receives the session and the cells the adapter reports', async () => {
        await vscode.commands.executeCommand('pkvm.showMemoryMap');
        const layout = await poll('the layout sent to the memory map', () => posted.find((m) => m.type === 'layout'));
        assert.ok(layout.type === 'layout' && layout.pageSize === 4096 && layout.regions[0]?.pages === 16384, JSON.stringify(layout));
        const sent = posted.find((m) => m.type === 'session');
        assert.ok(sent?.type === 'session' && sent.session?.id === session?.id, `session message ${JSON.stringify(sent)}`);
        const cells = await poll('cells of the RAM region sent to the memory map', () => posted.find((m) => m.type === 'cells' && m.region === 0));
        assert.ok(cells.type === 'cells');
        const got = [...cells.cells];
        assert.ok(got.length > 0, 'no cells');
        const fresh = await request<{ cells: string }>('pkvm/pageCells', { region: 0, stride: cells.stride, firstCell: cells.firstCell, count: got.length });
        assert.deepEqual(got, [...Buffer.from(fresh.cells, 'base64')], 'the webview got other cells than the adapter reports');
        assert.ok(got.some((c) => c !== got[got.length - 1]), 'every cell is the same: the faulted-in pages are not shown');
      }],
      ['Debug Console: a host command reads the shared buffer through the VMM, and `page` shows its state', async () => {
        const out = await vscode.commands.executeCommand<string>('pkvm.hostCommand', 'host read 0x80001000 9');
        assert.match(out ?? '', /^ok: /, `host read answered ${JSON.stringify(out)}`);
        // "a message" is the start of what the guest wrote into the buffer.
        assert.match(out ?? '', /0x80001000: 61 20 6d 65 73 73 61 67 65/);
        const page = await request<DebugProtocol.EvaluateResponse['body']>('evaluate', { expression: `page 0x${BUFFER.toString(16)}`, context: 'repl', frameId });
        assert.match(page.result, /guest state\s+SHARED_OWNED/);
      }],
      ['continuing runs the unshare to completion and the session ends', async () => {
        const ended = new Promise<void>((resolve) => {
          const d = vscode.debug.onDidTerminateDebugSession((s) => {
            if (s.id === session?.id) {
              d.dispose();
              resolve();
            }
          });
        });
        await request('continue', { threadId: 1 });
        await waitFor('the session to end after SYSTEM_OFF', ended);
        assert.equal(stops.length, 1, `unexpected stops: ${JSON.stringify(stops.slice(1))}`);
      }],
      ['diagnostics: the language server reports a misspelt mnemonic and an undefined label', async () => {
        const [folder] = vscode.workspace.workspaceFolders ?? [];
        assert.ok(folder, 'no workspace folder');
        const uri = vscode.Uri.joinPath(folder.uri, 'broken.S');
        const doc = await vscode.workspace.openTextDocument(uri);
        await vscode.window.showTextDocument(doc);
        assert.equal(doc.languageId, 'arm64-asm');
        const diags = await poll('diagnostics for broken.S', () => {
          const d = vscode.languages.getDiagnostics(uri);
          return d.length >= 2 ? d : undefined;
        });
        const movx = diags.find((d) => /movx/.test(d.message));
        assert.ok(movx, `no diagnostic about movx in ${JSON.stringify(diags.map((d) => d.message))}`);
        assert.equal(movx.severity, vscode.DiagnosticSeverity.Error);
        assert.deepEqual([movx.range.start.line, movx.range.start.character, movx.range.end.character], [1, 4, 8]);
        assert.ok(diags.some((d) => /nowhere/.test(d.message)), `no diagnostic about nowhere in ${JSON.stringify(diags.map((d) => d.message))}`);
      }],
      ['hover: an instruction and a hypercall macro explain themselves', async () => {
        const uri = vscode.Uri.file(example);
        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
        const hoverText = async (line: number, word: string): Promise<string> => {
          const pos = new vscode.Position(line, exampleLines[line].indexOf(word) + 1);
          const hovers = await poll(`a hover on ${word}`, async () => {
            const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, pos);
            return h.length > 0 ? h : undefined;
          });
          return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
        };
        assert.match(await hoverText(lineOf('adr     x19, buffer'), 'adr'), /\*\*ADR\*\*/);
        assert.match(await hoverText(lineOf('mem_unshare x19'), 'mem_unshare'), /mem_unshare/i);
      }],
      ['completion: operands offer registers and the program’s labels', async () => {
        const uri = vscode.Uri.file(example);
        const line = lineOf('mov     x20, x0');
        const pos = new vscode.Position(line, exampleLines[line].indexOf('x0'));
        const labels = await poll('completion items', async () => {
          const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, pos);
          const l = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
          return l.includes('buffer') ? l : undefined;
        });
        for (const want of ['x0', 'x19', 'buffer', 'share_buffer', 'unshare_buffer']) assert.ok(labels.includes(want), `${want} not offered`);
        assert.ok(!labels.includes('.equ'), 'directives offered in an operand');
      }],
    ]);
  } finally {
    for (const d of disposables) d.dispose();
    if (vscode.debug.activeDebugSession) await vscode.debug.stopDebugging();
  }
}
