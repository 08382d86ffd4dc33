/**
 * Hosts the memory-map webview (as an editor panel, or docked in Run and Debug) and
 * connects it to the active pkvm debug session: the webview asks for visible cells,
 * this answers through the adapter's custom requests, and pushes `stopped` whenever
 * the session stops or reports that page state changed.
 */
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import { CUSTOM, LayoutResponseBody, PageCellsResponseBody, PageDetailsResponseBody } from '../debug-adapter/protocol/customRequests';
import { memoryMapHtml } from './webview/memoryMapHtml';
import type { FromWebview, ToWebview } from './webview/protocol';
import { DEBUG_TYPE } from './debugConfiguration';

/** One webview (panel or view) bound to whichever pkvm session is active. */
class MemoryMapController {
  private session: vscode.DebugSession | undefined;
  private generation = 0;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly webview: vscode.Webview,
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.OutputChannel,
    private readonly onPosted: (msg: ToWebview) => void,
  ) {
    const scriptRoot = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
    webview.options = { enableScripts: true, localResourceRoots: [scriptRoot] };
    webview.html = memoryMapHtml({
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(scriptRoot, 'memoryMap.js')).toString(),
      cspSource: webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
    });
    this.disposables.push(webview.onDidReceiveMessage((m: FromWebview) => void this.onMessage(m)));
  }

  private post(msg: ToWebview): void {
    void this.webview.postMessage(msg).then((delivered) => {
      if (delivered) this.onPosted(msg);
    });
  }

  /** Follow the active session (or show the empty state). */
  async setSession(session: vscode.DebugSession | undefined): Promise<void> {
    this.session = session?.type === DEBUG_TYPE ? session : undefined;
    if (!this.session) {
      this.post({ type: 'session', session: null });
      return;
    }
    this.post({ type: 'session', session: { id: this.session.id, name: this.session.name } });
    try {
      const layout = (await this.session.customRequest(CUSTOM.layout)) as LayoutResponseBody;
      this.post({ type: 'layout', pageSize: layout.pageSize, regions: layout.regions });
    } catch (e) {
      // The session may not have launched its VM yet; the next stop brings the layout.
      this.log.appendLine(`memory map: layout not available yet (${(e as Error).message})`);
    }
  }

  /** The session stopped or its pages changed. */
  async refresh(session: vscode.DebugSession): Promise<void> {
    if (session.id !== this.session?.id) return;
    this.generation++;
    if (this.generation === 1) await this.setSession(session);
    this.post({ type: 'stopped', generation: this.generation });
  }

  private async onMessage(m: FromWebview): Promise<void> {
    const s = this.session;
    switch (m.type) {
      case 'ready':
        await this.setSession(vscode.debug.activeDebugSession);
        return;
      case 'requestCells': {
        if (!s) return;
        try {
          const body = (await s.customRequest(CUSTOM.pageCells, { region: m.region, stride: m.stride, firstCell: m.firstCell, count: m.count })) as PageCellsResponseBody;
          this.post({ type: 'cells', region: body.region, stride: body.stride, firstCell: body.firstCell, cells: new Uint8Array(Buffer.from(body.cells, 'base64')) });
        } catch (e) {
          this.log.appendLine(`memory map: ${(e as Error).message}`);
        }
        return;
      }
      case 'requestDetails': {
        if (!s) return;
        const body = (await s.customRequest(CUSTOM.pageDetails, { ipa: m.ipa })) as PageDetailsResponseBody;
        this.post({ type: 'details', ipa: body.ipa, fields: body.fields, history: body.history });
        return;
      }
      case 'breakOnPage':
        if (!s) return;
        await s.customRequest(CUSTOM.breakOnPage, { ipa: m.ipa });
        void vscode.window.showInformationMessage(`pKVM: will break when page 0x${m.ipa.toString(16)} changes ownership or attributes.`);
        return;
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** Keeps every open memory-map webview in step with debug sessions. */
export class MemoryMapManager implements vscode.WebviewViewProvider {
  static readonly viewType = 'pkvm.memoryMapView';
  private readonly controllers = new Set<MemoryMapController>();
  private panel: vscode.WebviewPanel | undefined;
  private readonly posted = new vscode.EventEmitter<ToWebview>();
  /** Every message a webview accepted; lets the integration tests see what the map was sent. */
  readonly onDidPostToWebview = this.posted.event;

  constructor(private readonly context: vscode.ExtensionContext, private readonly log: vscode.OutputChannel) {
    context.subscriptions.push(
      this.posted,
      vscode.debug.onDidChangeActiveDebugSession((s) => this.controllers.forEach((c) => void c.setSession(s))),
      vscode.debug.onDidTerminateDebugSession(() => this.controllers.forEach((c) => void c.setSession(vscode.debug.activeDebugSession))),
      vscode.debug.onDidReceiveDebugSessionCustomEvent((e) => {
        if (e.event === 'pkvm/pagesChanged') this.controllers.forEach((c) => void c.refresh(e.session));
      }),
      vscode.debug.registerDebugAdapterTrackerFactory(DEBUG_TYPE, {
        createDebugAdapterTracker: (session) => ({
          onDidSendMessage: (msg: { type?: string; event?: string }) => {
            if (msg.type === 'event' && msg.event === 'stopped') this.controllers.forEach((c) => void c.refresh(session));
          },
        }),
      }),
    );
  }

  /** Command: show the memory map as an editor panel beside the code. */
  show(): void {
    if (this.panel) {
      this.panel.reveal(vscode.ViewColumn.Beside);
      return;
    }
    this.panel = vscode.window.createWebviewPanel('pkvm.memoryMap', 'Guest memory map', vscode.ViewColumn.Beside, { retainContextWhenHidden: true });
    const c = new MemoryMapController(this.panel.webview, this.context.extensionUri, this.log, (m) => this.posted.fire(m));
    this.controllers.add(c);
    this.panel.onDidDispose(() => {
      this.controllers.delete(c);
      c.dispose();
      this.panel = undefined;
    });
  }

  /** The dockable view in Run and Debug. */
  resolveWebviewView(view: vscode.WebviewView): void {
    const c = new MemoryMapController(view.webview, this.context.extensionUri, this.log, (m) => this.posted.fire(m));
    this.controllers.add(c);
    view.onDidDispose(() => {
      this.controllers.delete(c);
      c.dispose();
    });
  }
}
