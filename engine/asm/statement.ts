/**
 * A statement on its way through the assembler, with where it came from: the file and
 * line it was written on, and — for statements produced by a macro expansion — the
 * statement the user wrote (the outermost macro invocation), which is where the source
 * map and diagnostics point.
 */
import type { SourceRange } from './types';

export interface MacroFrameInfo {
  readonly name: string;
  /** The `.macro` line. */
  readonly definedAt: SourceRange;
  /** The statement in the macro body this one came from. */
  readonly bodyAt: SourceRange;
}

export interface Stmt {
  readonly text: string;
  /** 1-based column of text[0]. */
  readonly column: number;
  readonly file: string;
  readonly line: number;
  /** Text was changed by argument substitution, so columns inside it are approximate. */
  readonly substituted: boolean;
  /** The user-written statement this one stands for (itself unless it comes from a macro). */
  readonly user: SourceRange;
  /** Macros being expanded, innermost first (empty outside macros). */
  readonly macros: ReadonlyArray<MacroFrameInfo>;
}

/** The range of the statement's non-blank text. */
export function stmtRange(file: string, line: number, text: string, column: number): SourceRange {
  const lead = text.length - text.trimStart().length;
  return { file, line, column: column + lead, endColumn: column + text.length };
}

export function fileStmt(file: string, line: number, text: string, column: number): Stmt {
  return { text, column, file, line, substituted: false, user: stmtRange(file, line, text, column), macros: [] };
}
