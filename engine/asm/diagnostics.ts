/** Structured diagnostics: collected per statement, never thrown past the statement. */
import type { Diagnostic, Severity } from './types';

/**
 * A problem inside one statement, thrown by parsers/encoders and caught by the statement
 * loop, which turns it into a Diagnostic at the statement's file and line. `start`/`end`
 * are source columns (1-based, end exclusive); 0 means "the whole statement".
 */
export class AsmError extends Error {
  constructor(
    message: string,
    readonly start = 0,
    readonly end = 0,
    readonly severity: Severity = 'error',
  ) {
    super(message);
  }
}

export class DiagnosticList {
  readonly items: Diagnostic[] = [];
  private readonly seen = new Set<string>();

  add(d: Diagnostic): void {
    // The same problem reported twice at one place (e.g. by both passes) is shown once.
    const key = `${d.file}:${d.line}:${d.column}:${d.message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.items.push(d);
  }

  get errorCount(): number {
    return this.items.filter((d) => d.severity === 'error').length;
  }

  sorted(): Diagnostic[] {
    return [...this.items].sort((a, b) => (a.file === b.file ? a.line - b.line || a.column - b.column : 0));
  }
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/**
 * The closest candidate to `word` (ties go to the first in `candidates`), or undefined when
 * nothing is close enough to be a plausible typo.
 */
export function nearest(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestKey: number[] = [];
  // Rank by edit distance, then prefer a candidate the word starts (a truncated mnemonic),
  // then the one closest in length; ties keep the candidates' order.
  for (const c of candidates) {
    const lc = c.toLowerCase();
    const key = [editDistance(w, lc), lc.startsWith(w) ? 0 : 1, Math.abs(lc.length - w.length)];
    if (best === undefined || key[0] < bestKey[0] || (key[0] === bestKey[0] && (key[1] < bestKey[1] || (key[1] === bestKey[1] && key[2] < bestKey[2])))) {
      best = c;
      bestKey = key;
    }
  }
  const limit = Math.max(1, Math.min(3, Math.floor(w.length / 3)));
  return best !== undefined && bestKey[0] <= limit ? best : undefined;
}

export function didYouMean(word: string, candidates: Iterable<string>): string {
  const n = nearest(word, candidates);
  return n ? `; did you mean '${n}'?` : '';
}
