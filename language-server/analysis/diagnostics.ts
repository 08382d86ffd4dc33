/**
 * The assembler's diagnostics as a document shows them: its own at their exact ranges;
 * those inside an included file at the `.include` that brings the file in (the editor
 * shows the document, not the include), pointing at the real place as related information.
 */
import type { SourceRange } from '../../engine/asm';
import type { Analysis } from './analyzeDocument';
import { FileRange, Range } from './types';

export interface RelatedMessage extends FileRange {
  readonly message: string;
}

export interface DocumentDiagnostic {
  readonly range: Range;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly related: ReadonlyArray<RelatedMessage>;
}

/** An assembler range (1-based line and columns, end exclusive) as a 0-based range. */
export function fromSourceRange(r: SourceRange): Range {
  const start = Math.max(0, r.column - 1);
  return { start: { line: r.line - 1, character: start }, end: { line: r.line - 1, character: Math.max(start + 1, r.endColumn - 1) } };
}

export function documentDiagnostics(a: Analysis): DocumentDiagnostic[] {
  const via = includeEntryPoints(a);
  const out: DocumentDiagnostic[] = [];
  for (const d of a.program.diagnostics) {
    const related = (d.related ?? []).map((r) => ({ file: r.file, range: fromSourceRange(r), message: r.message }));
    if (d.file === a.main) {
      out.push({ range: fromSourceRange(d), severity: d.severity, message: d.message, related });
      continue;
    }
    const at = via.get(d.file);
    if (!at) continue;
    out.push({
      range: at,
      severity: d.severity,
      message: `in included file ${baseName(d.file)}:${d.line}: ${d.message}`,
      related: [{ file: d.file, range: fromSourceRange(d), message: d.message }, ...related],
    });
  }
  return out;
}

/** For each included file, the `.include` in the document through which it is reached. */
function includeEntryPoints(a: Analysis): Map<string, Range> {
  const via = new Map<string, Range>();
  const main = a.files.get(a.main);
  if (!main) return via;
  for (const inc of main.includes) {
    const queue = [a.includeTarget(a.main, inc.path)];
    while (queue.length) {
      const f = queue.shift();
      if (!f || via.has(f) || f === a.main) continue;
      via.set(f, inc.range);
      for (const next of a.files.get(f)?.includes ?? []) queue.push(a.includeTarget(f, next.path));
    }
  }
  return via;
}

export function baseName(file: string): string {
  return file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
}
