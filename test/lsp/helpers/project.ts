/**
 * Shared setup for the language-server tests: analyses of in-memory sources (a tiny
 * file system of path → text) and of the fixtures on disk, and positions found by text
 * (a marker comment names the line, a needle the column) so tests do not hard-code them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IncludeResolver } from '../../../engine/asm';
import { Analysis, analyzeDocument } from '../../../language-server/analysis/analyzeDocument';
import type { Position } from '../../../language-server/analysis/types';

export const ROOT = path.resolve(__dirname, '../../../..');
export const FIXTURES = path.join(ROOT, 'test/lsp/fixtures');
export const GUEST = path.join(FIXTURES, 'guest.S');
export const SMCCC = path.join(FIXTURES, 'include/smccc.S');

/** Includes resolved in `files` (POSIX paths), relative to the including file. */
export function memoryResolver(files: Readonly<Record<string, string>>): IncludeResolver {
  return (p, from) => {
    const file = path.posix.resolve(path.posix.dirname(from), p);
    return file in files ? { file, text: files[file] } : undefined;
  };
}

/** Analyse `main` of an in-memory file set. */
export function analyzeMemory(files: Readonly<Record<string, string>>, main: string): Analysis {
  return analyzeDocument(main, files[main], memoryResolver(files));
}

export const diskResolver: IncludeResolver = (p, from) => {
  const file = path.resolve(path.dirname(from), p);
  try {
    return { file, text: fs.readFileSync(file, 'utf8') };
  } catch {
    return undefined; // missing, a directory (`.include ""`), unreadable
  }
};

/** Analyse the fixture guest (test/lsp/fixtures/guest.S and its include). */
export function analyzeGuest(): Analysis {
  return analyzeDocument(GUEST, read(GUEST), diskResolver);
}

export function read(file: string): string {
  return fs.readFileSync(file, 'utf8');
}

/**
 * The position of `needle` on the line of `text` that holds the comment `// marker`
 * (or, with no marker, on the first line containing the needle), plus `offset` characters.
 */
export function positionOf(text: string, needle: string, marker?: string, offset = 0): Position {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => (marker ? new RegExp(`//\\s*${marker}\\b`).test(l) : true) && l.includes(needle));
  if (line < 0) throw new Error(`'${needle}'${marker ? ` on the line marked ${marker}` : ''} not found`);
  return { line, character: lines[line].indexOf(needle) + offset };
}
