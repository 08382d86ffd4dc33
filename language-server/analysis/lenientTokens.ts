/**
 * The assembler's lexer, made tolerant for an editor: text that is being typed (or a
 * macro body with `\param` substitutions) must still yield the tokens around the bad
 * spot, so every character the lexer rejects is blanked and lexing is retried.
 */
import { LexError, Token, tokenize } from '../../engine/asm/lexer';

export interface LenientTokens {
  /** Tokens without the final 'eol'; start/end are 0-based characters in the line. */
  readonly tokens: Token[];
  /** Identifier tokens glued to a macro substitution (`foo\@`, `\reg\()_x`): not real names. */
  readonly substituted: ReadonlySet<Token>;
}

/** Macro-argument substitutions: `\name`, `\@`, `\()`. */
const SUBSTITUTION = /\\(?:[A-Za-z_.$][A-Za-z0-9_.$]*|@|\(\))/g;

/** Tokenize statement `text` whose first character is at 0-based character `start`. */
export function lenientTokens(text: string, start: number): LenientTokens {
  const blanks: Array<[number, number]> = [];
  let work = text.replace(SUBSTITUTION, (m, offset: number) => {
    blanks.push([offset, offset + m.length]);
    return ' '.repeat(m.length);
  });
  let toks: Token[] = [];
  for (let attempt = 0; attempt <= text.length; attempt++) {
    try {
      toks = tokenize(work, start);
      break;
    } catch (err) {
      if (!(err instanceof LexError)) throw err;
      const a = Math.max(0, err.start - start);
      const b = Math.max(a + 1, err.end - start);
      work = work.slice(0, a) + ' '.repeat(Math.min(b, work.length) - a) + work.slice(b);
    }
  }
  const tokens = toks.filter((t) => t.kind !== 'eol');
  const substituted = new Set<Token>();
  for (const t of tokens) {
    if (t.kind !== 'ident') continue;
    const a = t.start - start;
    const b = t.end - start;
    if (blanks.some(([s, e]) => e === a || s === b)) substituted.add(t);
  }
  return { tokens, substituted };
}

/**
 * How many tokens at the start are labels with their colons (`name:`, `1:`) — the
 * assembler's rule: a ':' that is not part of '::' or ':='.
 */
export function labelTokenCount(tokens: ReadonlyArray<Token>): number {
  let k = 0;
  while (k + 1 < tokens.length && (tokens[k].kind === 'ident' || tokens[k].kind === 'num') && isLabelColon(tokens[k + 1], tokens[k + 2])) k += 2;
  return k;
}

function isLabelColon(colon: Token, next: Token | undefined): boolean {
  if (colon.kind !== 'punct' || colon.text !== ':') return false;
  return !(next && next.start === colon.end && next.kind === 'punct' && (next.text === ':' || next.text.startsWith('=')));
}
