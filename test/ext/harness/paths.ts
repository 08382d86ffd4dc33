// Where the harness finds the repository, its scripts and the folder for test artifacts.
import { resolve } from 'node:path';

/** The repository root (this file runs compiled, from out/test/ext/harness/). */
export const repoRoot = resolve(__dirname, '../../../..');
export const scriptsDir = resolve(repoRoot, 'scripts');
/** Screenshots and logs a person may want to look at after a run (gitignored). */
export const testResultsDir = resolve(repoRoot, 'test-results');
