/**
 * Where the cursor is in the statement being typed: at its start (a mnemonic, directive
 * or macro goes here) or in its operands, and which word is being typed. Comments and
 * strings are found by the assembler's own scrubber on the text up to the cursor.
 */
import type { Token } from '../../engine/asm/lexer';
import { scrubSource } from '../../engine/asm/sourceText';
import { labelTokenCount, lenientTokens } from './lenientTokens';
import { Position, Range, range } from './types';

export type CursorContext =
  /** Nothing but labels before the cursor in this statement. */
  | { readonly kind: 'statement-start'; readonly word: Range }
  | {
      readonly kind: 'operands';
      /** The statement's first word (lower case): mnemonic, directive or macro name. */
      readonly head: string;
      /** Operand tokens before the word being typed. */
      readonly before: ReadonlyArray<Token>;
      readonly word: Range;
    };

/** The context at `pos`, or undefined inside a comment or a string. */
export function cursorContext(text: string, pos: Position): CursorContext | undefined {
  const lines = text.split(/\r?\n/);
  if (pos.line >= lines.length) return undefined;
  const prefix = lines[pos.line].slice(0, pos.character);
  const scrub = scrubSource([...lines.slice(0, pos.line), prefix].join('\n'));
  if (scrub.unterminatedComment) return undefined;
  if (scrub.unterminatedStrings.some((u) => u.line === pos.line + 1)) return undefined;
  if (/^\s*#/.test(prefix)) return undefined;
  const empty = range(pos.line, pos.character, pos.character);
  const stmts = scrub.lines[pos.line]?.statements ?? [];
  const last = stmts[stmts.length - 1];
  const tailStart = last ? last.column - 1 + last.text.length : 0;
  const tail = prefix.slice(tailStart);
  if (tail.trim() !== '') {
    // What the scrubber dropped after the last statement: a ';' starts a new one, anything else is a comment.
    return /^[\s;]*$/.test(tail) && tail.includes(';') ? { kind: 'statement-start', word: empty } : undefined;
  }
  if (!last) return { kind: 'statement-start', word: empty };

  const { tokens } = lenientTokens(last.text, last.column - 1);
  const rest = tokens.slice(labelTokenCount(tokens));
  const lastTok = rest[rest.length - 1];
  const typing = lastTok && lastTok.end === pos.character && lastTok.kind === 'ident' ? lastTok : undefined;
  const word = typing ? range(pos.line, typing.start, typing.end) : empty;
  if (rest.length === 0 || (rest.length === 1 && typing)) return { kind: 'statement-start', word };
  const head = rest[0].kind === 'ident' ? rest[0].text.toLowerCase() : '';
  return { kind: 'operands', head, before: rest.slice(1, typing ? -1 : undefined), word };
}
