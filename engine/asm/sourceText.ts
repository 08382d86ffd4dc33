/**
 * The first step over a source file, as GNU as's input scrubber does it: comments become
 * blanks (so columns stay exact) and each line splits into `;`-separated statements.
 *
 * Comments: `//` to end of line, `/* … *\/` (may span lines), and a line whose first
 * non-blank character is `#`. Strings ("…" with backslash escapes) and character
 * constants (`'c`, `'\n`) are opaque to all of this.
 */

export interface RawStatement {
  /** The statement text, trimmed of trailing blanks (leading blanks kept: `column` is exact). */
  readonly text: string;
  /** 1-based column of text[0] in the line. */
  readonly column: number;
}

export interface RawLine {
  readonly line: number;
  readonly statements: RawStatement[];
}

export interface ScrubResult {
  readonly lines: RawLine[];
  /** Position of a `/*` that is never closed, if any. */
  readonly unterminatedComment?: { line: number; column: number };
  /** Lines with a string that is not closed before the end of the line. */
  readonly unterminatedStrings: Array<{ line: number; column: number; endColumn: number }>;
}

export function scrubSource(text: string): ScrubResult {
  const srcLines = text.split(/\r?\n/);
  const lines: RawLine[] = [];
  const unterminatedStrings: ScrubResult['unterminatedStrings'] = [];
  let inBlock: { line: number; column: number } | null = null;

  for (let ln = 0; ln < srcLines.length; ln++) {
    const src = srcLines[ln];
    if (!inBlock && /^\s*#/.test(src)) {
      lines.push({ line: ln + 1, statements: [] });
      continue;
    }
    if (!inBlock && !/["'\/;]/.test(src)) {
      // Nothing to strip or split: the common case.
      lines.push({ line: ln + 1, statements: src.trim() === '' ? [] : [{ text: src.replace(/\s+$/, ''), column: 1 }] });
      continue;
    }
    const out: string[] = [];
    let k = 0;
    while (k < src.length) {
      const ch = src[k];
      if (inBlock) {
        if (ch === '*' && src[k + 1] === '/') {
          out.push('  ');
          k += 2;
          inBlock = null;
        } else {
          out.push(ch === '\t' ? '\t' : ' ');
          k++;
        }
        continue;
      }
      if (ch === '/' && src[k + 1] === '/') break;
      if (ch === '/' && src[k + 1] === '*') {
        inBlock = { line: ln + 1, column: k + 1 };
        out.push('  ');
        k += 2;
        continue;
      }
      if (ch === '"') {
        const start = k;
        k++;
        while (k < src.length && src[k] !== '"') k += src[k] === '\\' ? 2 : 1;
        if (k >= src.length) {
          unterminatedStrings.push({ line: ln + 1, column: start + 1, endColumn: src.length + 1 });
          out.push(src.slice(start));
          k = src.length;
          continue;
        }
        k++;
        out.push(src.slice(start, k));
        continue;
      }
      if (ch === "'") {
        // A character constant: the next character (or escape) is literal.
        const len = src[k + 1] === '\\' ? 3 : 2;
        out.push(src.slice(k, k + len));
        k += len;
        continue;
      }
      out.push(ch);
      k++;
    }
    lines.push({ line: ln + 1, statements: splitStatements(out.join('')) });
  }
  return { lines, unterminatedComment: inBlock ?? undefined, unterminatedStrings };
}

/** Split a comment-free line at `;` outside strings and character constants. */
export function splitStatements(line: string): RawStatement[] {
  const result: RawStatement[] = [];
  let start = 0;
  const push = (end: number): void => {
    const text = line.slice(start, end).replace(/\s+$/, '');
    if (text.trim() !== '') result.push({ text, column: start + 1 });
  };
  for (let k = 0; k < line.length; k++) {
    const ch = line[k];
    if (ch === '"') {
      k++;
      while (k < line.length && line[k] !== '"') k += line[k] === '\\' ? 2 : 1;
    } else if (ch === "'") {
      k += line[k + 1] === '\\' ? 2 : 1;
    } else if (ch === ';') {
      push(k);
      start = k + 1;
    }
  }
  push(line.length);
  return result;
}
