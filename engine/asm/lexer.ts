/**
 * Tokens of one statement's operand text. Identifiers include '.', so `v0.4s`, `b.eq`
 * and `.Lfoo` are single tokens; numeric local-label references (`1b`, `2f`) are their
 * own kind. Columns are 1-based positions in the source line (end exclusive).
 */

export type TokenKind = 'ident' | 'num' | 'float' | 'string' | 'localref' | 'punct' | 'eol';

export interface Token {
  readonly kind: TokenKind;
  /** Source text of the token (for 'string': the raw text including quotes). */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** Numeric value for 'num' (also character constants). */
  readonly value?: bigint;
  /** Decoded bytes for 'string'. */
  readonly bytes?: number[];
  /** For 'localref': the label number and direction. */
  readonly local?: { n: number; dir: 'b' | 'f' };
}

export class LexError extends Error {
  constructor(
    message: string,
    readonly start: number,
    readonly end: number,
  ) {
    super(message);
  }
}

const PUNCT2 = ['<<', '>>', '<=', '>=', '==', '!=', '<>', '&&', '||'];
const PUNCT1 = '()[]{},!#:=+-*/%<>&|^~@';

export function isIdentStart(c: string): boolean {
  const k = c.charCodeAt(0);
  return (k >= 97 && k <= 122) || (k >= 65 && k <= 90) || k === 95 || k === 46 || k === 36;
}
export function isIdentChar(c: string): boolean {
  const k = c.charCodeAt(0);
  return isIdentStart(c) || (k >= 48 && k <= 57);
}
const isDigit = (c: string): boolean => c >= '0' && c <= '9';

/**
 * Tokenize `text`, whose first character is at source column `column`.
 * Throws LexError on a character that cannot start a token or a malformed literal.
 */
export function tokenize(text: string, column: number): Token[] {
  const toks: Token[] = [];
  let k = 0;
  const col = (i: number): number => column + i;
  while (k < text.length) {
    const c = text[k];
    if (c === ' ' || c === '\t') {
      k++;
      continue;
    }
    const start = k;
    if (isIdentStart(c)) {
      while (k < text.length && isIdentChar(text[k])) k++;
      toks.push({ kind: 'ident', text: text.slice(start, k), start: col(start), end: col(k) });
      continue;
    }
    if (isDigit(c)) {
      toks.push(lexNumber(text, k, column));
      k += toks[toks.length - 1].text.length;
      continue;
    }
    if (c === '"') {
      const { bytes, end } = lexString(text, k, column);
      toks.push({ kind: 'string', text: text.slice(k, end), start: col(k), end: col(end), bytes });
      k = end;
      continue;
    }
    if (c === "'") {
      if (k + 1 >= text.length) throw new LexError('character constant is missing its character', col(k), col(k + 1));
      let v: number;
      let len: number;
      if (text[k + 1] === '\\') {
        const esc = readEscape(text, k + 1, column);
        v = esc.value;
        len = esc.end - k;
      } else {
        v = text.charCodeAt(k + 1);
        len = 2;
      }
      // GNU as ignores a closing quote after the character ('a' is accepted like 'a).
      if (text[k + len] === "'") len++;
      toks.push({ kind: 'num', text: text.slice(k, k + len), start: col(k), end: col(k + len), value: BigInt(v) });
      k += len;
      continue;
    }
    const two = text.slice(k, k + 2);
    if (PUNCT2.includes(two)) {
      toks.push({ kind: 'punct', text: two, start: col(k), end: col(k + 2) });
      k += 2;
      continue;
    }
    if (PUNCT1.includes(c)) {
      toks.push({ kind: 'punct', text: c, start: col(k), end: col(k + 1) });
      k++;
      continue;
    }
    throw new LexError(`unexpected character '${c}'`, col(k), col(k + 1));
  }
  toks.push({ kind: 'eol', text: '', start: col(text.length), end: col(text.length) });
  return toks;
}

function lexNumber(text: string, k: number, column: number): Token {
  const start = k;
  const rest = text.slice(k);
  let m: RegExpMatchArray | null;
  const tok = (kind: TokenKind, len: number, extra: Partial<Token>): Token => ({
    kind,
    text: text.slice(start, start + len),
    start: column + start,
    end: column + start + len,
    ...extra,
  });
  if ((m = /^0[xX]([0-9A-Fa-f]+)/.exec(rest))) {
    return checkTail(text, tok('num', m[0].length, { value: BigInt('0x' + m[1]) }), column);
  }
  if ((m = /^0[bB]([01]+)(?![0-9])/.exec(rest))) {
    return checkTail(text, tok('num', m[0].length, { value: BigInt('0b' + m[1]) }), column);
  }
  if ((m = /^([0-9]+)([bf])(?![A-Za-z0-9_.$])/.exec(rest))) {
    return tok('localref', m[0].length, { local: { n: Number(m[1]), dir: m[2] as 'b' | 'f' } });
  }
  if ((m = /^[0-9]+(\.[0-9]*([eE][+-]?[0-9]+)?|[eE][+-]?[0-9]+)/.exec(rest))) {
    return checkTail(text, tok('float', m[0].length, {}), column);
  }
  m = /^[0-9]+/.exec(rest)!;
  const digits = m[0];
  let value: bigint;
  if (digits.length > 1 && digits[0] === '0') {
    if (/[89]/.test(digits)) throw new LexError(`'${digits}' is not a valid octal number`, column + start, column + start + digits.length);
    value = BigInt('0o' + digits.slice(1));
  } else {
    value = BigInt(digits);
  }
  return checkTail(text, tok('num', digits.length, { value }), column);
}

/** A number directly followed by identifier characters (`12ab`, `0x1g`) is malformed. */
function checkTail(text: string, t: Token, column: number): Token {
  const after = t.end - column;
  if (after < text.length && isIdentChar(text[after]) && text[after] !== '.') {
    let e = after;
    while (e < text.length && isIdentChar(text[e])) e++;
    throw new LexError(`malformed number '${text.slice(t.start - column, e)}'`, t.start, column + e);
  }
  return t;
}

function readEscape(text: string, k: number, column: number): { value: number; end: number } {
  // text[k] === '\\'
  const c = text[k + 1];
  if (c === undefined) throw new LexError('backslash at end of line', column + k, column + k + 1);
  const simple: Record<string, number> = { b: 8, f: 12, n: 10, r: 13, t: 9, '"': 34, '\\': 92, "'": 39 };
  if (c in simple) return { value: simple[c], end: k + 2 };
  if (c === 'x' || c === 'X') {
    let e = k + 2;
    while (e < text.length && /[0-9A-Fa-f]/.test(text[e])) e++;
    if (e === k + 2) throw new LexError("'\\x' escape without hex digits", column + k, column + k + 2);
    return { value: Number(BigInt('0x' + text.slice(k + 2, e)) & 0xffn), end: e };
  }
  if (/[0-7]/.test(c)) {
    let e = k + 1;
    while (e < text.length && e < k + 4 && /[0-7]/.test(text[e])) e++;
    return { value: parseInt(text.slice(k + 1, e), 8) & 0xff, end: e };
  }
  // GNU as keeps an unknown escaped character as itself (with a warning we do not need).
  return { value: c.charCodeAt(0) & 0xff, end: k + 2 };
}

function lexString(text: string, k: number, column: number): { bytes: number[]; end: number } {
  const bytes: number[] = [];
  let e = k + 1;
  while (e < text.length && text[e] !== '"') {
    if (text[e] === '\\') {
      const esc = readEscape(text, e, column);
      bytes.push(esc.value);
      e = esc.end;
    } else {
      const cp = text.codePointAt(e)!;
      for (const b of utf8(cp)) bytes.push(b);
      e += cp > 0xffff ? 2 : 1;
    }
  }
  if (e >= text.length) throw new LexError('missing closing quote of string', column + k, column + text.length);
  return { bytes, end: e + 1 };
}

function utf8(cp: number): number[] {
  if (cp < 0x80) return [cp];
  if (cp < 0x800) return [0xc0 | (cp >> 6), 0x80 | (cp & 63)];
  if (cp < 0x10000) return [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
  return [0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
}

/** A cursor over a token list. */
export class TokenStream {
  pos = 0;
  constructor(readonly toks: Token[]) {}
  peek(o = 0): Token {
    return this.toks[Math.min(this.pos + o, this.toks.length - 1)];
  }
  next(): Token {
    const t = this.peek();
    if (this.pos < this.toks.length - 1) this.pos++;
    return t;
  }
  atEnd(): boolean {
    return this.peek().kind === 'eol';
  }
  isPunct(p: string, o = 0): boolean {
    const t = this.peek(o);
    return t.kind === 'punct' && t.text === p;
  }
  eat(p: string): Token | null {
    if (this.isPunct(p)) return this.next();
    return null;
  }
}
