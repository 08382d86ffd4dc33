/**
 * The guest-assembly language server (LSP over IPC from the extension, or `--stdio`).
 * Thin wiring: documents in, analyses (language-server/analysis) out, converted to LSP.
 * Diagnostics follow typing after a short pause; other requests analyse on demand.
 */
import type * as Lsp from 'vscode-languageserver/lib/node/main';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analysis, analyzeDocument } from './analysis/analyzeDocument';
import { CompletionKind, completeAt } from './analysis/completion';
import { documentDiagnostics } from './analysis/diagnostics';
import { OutlineKind, OutlineSymbol, documentSymbols } from './analysis/documentSymbols';
import { hoverAt } from './analysis/hover';
import { definitionAt, prepareRenameAt, referencesAt, renameAt } from './analysis/navigation';
import type { FileRange } from './analysis/types';
import { WorkspaceFiles, uriToFile } from './workspaceFiles';

// The package publishes its Node entry only through its `exports` map, which the project's
// `moduleResolution: node` cannot read: types come from the file behind it, the value from
// the exported name (which esbuild resolves when bundling).
const lsp = require('vscode-languageserver/node') as typeof Lsp;
const { CompletionItemKind, DiagnosticSeverity, LSPErrorCodes, MarkupKind, ProposedFeatures, ResponseError, SymbolKind, TextDocuments, TextDocumentSyncKind, TextEdit } = lsp;

/** Pause after the last keystroke before re-assembling for diagnostics. */
const DIAGNOSTICS_DELAY_MS = 250;

const connection = lsp.createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const files = new WorkspaceFiles();

/** Bumped on every change: an analysis also depends on the open documents it includes. */
let generation = 0;
const cache = new Map<string, { generation: number; analysis: Analysis }>();
const timers = new Map<string, ReturnType<typeof setTimeout>>();

function analysisFor(uri: string): Analysis | undefined {
  const doc = documents.get(uri);
  if (!doc) return undefined;
  const hit = cache.get(uri);
  if (hit && hit.generation === generation) return hit.analysis;
  const analysis = analyzeDocument(uriToFile(uri), doc.getText(), files.resolveInclude);
  cache.set(uri, { generation, analysis });
  return analysis;
}

/** Analyses of every open document that contains `file` (the document's own first). */
function analysesContaining(uri: string): Analysis[] {
  const file = uriToFile(uri);
  const own = analysisFor(uri);
  const others = documents
    .all()
    .filter((d) => d.uri !== uri)
    .map((d) => analysisFor(d.uri))
    .filter((a): a is Analysis => a !== undefined && a.files.has(file));
  return own ? [own, ...others] : others;
}

function validate(uri: string): void {
  const version = documents.get(uri)?.version;
  const a = analysisFor(uri);
  if (!a) return;
  const diagnostics: Lsp.Diagnostic[] = documentDiagnostics(a).map((d) => ({
    range: d.range,
    severity: d.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    source: 'pkvm-asm',
    message: d.message,
    relatedInformation: d.related.map((r) => ({ location: location(r), message: r.message })),
  }));
  void connection.sendDiagnostics({ uri, version, diagnostics });
}

function schedule(uri: string): void {
  clearTimeout(timers.get(uri));
  timers.set(
    uri,
    setTimeout(() => {
      timers.delete(uri);
      try {
        validate(uri);
      } catch (err) {
        connection.console.error(`analysis of ${uri} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      }
    }, DIAGNOSTICS_DELAY_MS),
  );
}

/** `uri` changed: re-check it and every open document that includes it. */
function changed(uri: string): void {
  const file = uriToFile(uri);
  const dependents = documents.all().filter((d) => d.uri !== uri && cache.get(d.uri)?.analysis.files.has(file));
  generation++;
  schedule(uri);
  for (const d of dependents) schedule(d.uri);
}

function location(r: FileRange): Lsp.Location {
  return { uri: files.uriOf(r.file), range: r.range };
}

connection.onInitialize(
  (): Lsp.InitializeResult => ({
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      completionProvider: { triggerCharacters: ['.'] },
      definitionProvider: true,
      referencesProvider: true,
      renameProvider: { prepareProvider: true },
      documentSymbolProvider: true,
    },
    serverInfo: { name: 'pkvm-asm' },
  }),
);

documents.onDidOpen((e) => {
  files.track(e.document.uri, () => e.document.getText());
  changed(e.document.uri);
});
documents.onDidChangeContent((e) => changed(e.document.uri));
documents.onDidClose((e) => {
  files.untrack(e.document.uri);
  clearTimeout(timers.get(e.document.uri));
  timers.delete(e.document.uri);
  cache.delete(e.document.uri);
  generation++;
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});
connection.onDidChangeWatchedFiles(() => {
  generation++;
  for (const d of documents.all()) schedule(d.uri);
});

connection.onHover((p) => {
  const a = analysisFor(p.textDocument.uri);
  const h = a && hoverAt(a, uriToFile(p.textDocument.uri), p.position);
  return h ? { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: h.range } : null;
});

const COMPLETION_KINDS: Record<CompletionKind, Lsp.CompletionItemKind> = {
  mnemonic: CompletionItemKind.Keyword,
  directive: CompletionItemKind.Keyword,
  macro: CompletionItemKind.Function,
  register: CompletionItemKind.Variable,
  label: CompletionItemKind.Reference,
  constant: CompletionItemKind.Constant,
  keyword: CompletionItemKind.EnumMember,
};

connection.onCompletion((p): Lsp.CompletionItem[] => {
  const doc = documents.get(p.textDocument.uri);
  if (!doc) return [];
  // Names from the latest analysis, even one a keystroke old: completion must not wait for the assembler.
  const a = cache.get(p.textDocument.uri)?.analysis ?? analysisFor(p.textDocument.uri);
  const r = completeAt(doc.getText(), p.position, a);
  if (!r) return [];
  return r.items.map((c) => ({
    label: c.label,
    kind: COMPLETION_KINDS[c.kind],
    detail: c.detail,
    documentation: c.documentation ? { kind: MarkupKind.Markdown, value: c.documentation } : undefined,
    textEdit: TextEdit.replace(r.replace, c.label),
  }));
});

connection.onDefinition((p) => {
  const a = analysisFor(p.textDocument.uri);
  return a ? definitionAt(a, uriToFile(p.textDocument.uri), p.position).map(location) : [];
});

connection.onReferences((p) => referencesAt(analysesContaining(p.textDocument.uri), uriToFile(p.textDocument.uri), p.position, p.context.includeDeclaration).map(location));

connection.onPrepareRename((p) => {
  const r = prepareRenameAt(analysesContaining(p.textDocument.uri), uriToFile(p.textDocument.uri), p.position);
  if (!r.ok) throw new ResponseError(LSPErrorCodes.RequestFailed, r.error);
  return { range: r.range, placeholder: r.placeholder };
});

connection.onRenameRequest((p) => {
  const r = renameAt(analysesContaining(p.textDocument.uri), uriToFile(p.textDocument.uri), p.position, p.newName);
  if (!r.ok) throw new ResponseError(LSPErrorCodes.RequestFailed, r.error);
  const changes: Record<string, Lsp.TextEdit[]> = {};
  for (const [file, ranges] of r.edits) changes[files.uriOf(file)] = ranges.map((range) => TextEdit.replace(range, p.newName));
  return { changes };
});

const SYMBOL_KINDS: Record<OutlineKind, Lsp.SymbolKind> = {
  section: SymbolKind.Namespace,
  function: SymbolKind.Function,
  object: SymbolKind.Variable,
  label: SymbolKind.Field,
  constant: SymbolKind.Constant,
  macro: SymbolKind.Function,
};

function toDocumentSymbol(s: OutlineSymbol): Lsp.DocumentSymbol {
  const detail = s.kind === 'macro' ? `macro${s.detail ? ` ${s.detail}` : ''}` : s.detail;
  return { name: s.name, kind: SYMBOL_KINDS[s.kind], detail, range: s.range, selectionRange: s.selectionRange, children: s.children.map(toDocumentSymbol) };
}

connection.onDocumentSymbol((p) => {
  const a = analysisFor(p.textDocument.uri);
  return a ? documentSymbols(a, uriToFile(p.textDocument.uri)).map(toDocumentSymbol) : [];
});

documents.listen(connection);
connection.listen();
