/**
 * The comment that documents a definition, as assembly files write them: `//` lines
 * directly above it, and a `//` comment at the end of its line.
 */
import type { FileIndex } from './fileIndex';

export interface DocComment {
  /** The `//` lines directly above (no blank line between), without the slashes. */
  readonly above: string;
  /** The `//` comment at the end of the definition's line. */
  readonly trailing: string;
}

export function docComment(idx: FileIndex, text: string, line: number): DocComment {
  const lines = text.split(/\r?\n/);
  const stmtsOn = (l: number): number => idx.statements.filter((s) => s.line === l).length;
  const codeEnd = Math.max(0, ...idx.statements.filter((s) => s.line === line).map((s) => s.end));
  const rest = (lines[line] ?? '').slice(codeEnd);
  const k = rest.indexOf('//');
  const trailing = k >= 0 ? rest.slice(k + 2).trim() : '';
  const above: string[] = [];
  for (let l = line - 1; l >= 0 && stmtsOn(l) === 0; l--) {
    const m = /^\s*\/\/ ?(.*)$/.exec(lines[l]);
    if (!m) break;
    above.unshift(m[1].trimEnd());
  }
  return { above: above.join('\n'), trailing };
}
