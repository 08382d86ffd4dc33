/**
 * Positions and ranges of the analysis layer. They are 0-based (line, UTF-16 character)
 * like LSP's, so the server passes them through unchanged; the assembler's 1-based lines
 * and columns are converted once, where its results enter the analysis.
 */

export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** A range in a file (a path as given to the assembler, not a URI). */
export interface FileRange {
  readonly file: string;
  readonly range: Range;
}

export function range(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

/** True when `p` is inside `r` (the end character counts, so a cursor right after a word hits it). */
export function contains(r: Range, p: Position): boolean {
  if (p.line < r.start.line || p.line > r.end.line) return false;
  if (p.line === r.start.line && p.character < r.start.character) return false;
  if (p.line === r.end.line && p.character > r.end.character) return false;
  return true;
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}
