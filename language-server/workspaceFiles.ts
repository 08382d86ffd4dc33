/**
 * Files as the language server sees them: documents are named by URI, the assembler
 * by path. `.include "x"` resolves relative to the including file, from the editor's
 * open (possibly unsaved) documents first, then from disk.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, normalize, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { IncludeResolver } from '../engine/asm';

/** The path for a `file:` URI; other schemes (untitled:) keep the URI as their name. */
export function uriToFile(uri: string): string {
  return uri.startsWith('file:') ? normalize(fileURLToPath(uri)) : uri;
}

export class WorkspaceFiles {
  /** Open documents: path → URI as the client spelled it (so replies use the same URI). */
  private readonly open = new Map<string, { uri: string; text: () => string }>();

  track(uri: string, text: () => string): void {
    this.open.set(uriToFile(uri), { uri, text });
  }

  untrack(uri: string): void {
    this.open.delete(uriToFile(uri));
  }

  uriOf(file: string): string {
    return this.open.get(file)?.uri ?? (isAbsolute(file) ? pathToFileURL(file).href : file);
  }

  readonly resolveInclude: IncludeResolver = (path, fromFile) => {
    if (!isAbsolute(path) && !isAbsolute(fromFile)) return undefined; // an untitled document has no directory
    const file = normalize(isAbsolute(path) ? path : resolve(dirname(fromFile), path));
    const doc = this.open.get(file);
    if (doc) return { file, text: doc.text() };
    try {
      return { file, text: readFileSync(file, 'utf8') };
    } catch {
      return undefined;
    }
  };
}
