/**
 * Include resolution as the server does it: relative to the including file, from the
 * editor's open documents first (unsaved text wins), then from disk; nothing for
 * directories, missing files or documents without a directory.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { WorkspaceFiles, uriToFile } from '../../language-server/workspaceFiles';
import { FIXTURES, GUEST, SMCCC, read } from './helpers/project';

test('an include resolves from disk relative to the including file', () => {
  const files = new WorkspaceFiles();
  assert.deepEqual(files.resolveInclude('include/smccc.S', GUEST), { file: SMCCC, text: read(SMCCC) });
  assert.deepEqual(files.resolveInclude('../include/smccc.S', path.join(FIXTURES, 'include/x.S')), { file: SMCCC, text: read(SMCCC) });
});

test('an open document’s unsaved text wins over the disk', () => {
  const files = new WorkspaceFiles();
  const uri = pathToFileURL(SMCCC).href;
  files.track(uri, () => '  .equ EDITED, 1\n');
  assert.deepEqual(files.resolveInclude('include/smccc.S', GUEST), { file: SMCCC, text: '  .equ EDITED, 1\n' });
  assert.equal(files.uriOf(SMCCC), uri);
  files.untrack(uri);
  assert.equal(files.resolveInclude('include/smccc.S', GUEST)?.text, read(SMCCC));
});

test('missing files, directories and untitled documents resolve to nothing', () => {
  const files = new WorkspaceFiles();
  assert.equal(files.resolveInclude('include/none.S', GUEST), undefined);
  assert.equal(files.resolveInclude('', GUEST), undefined);
  assert.equal(files.resolveInclude('include', GUEST), undefined);
  assert.equal(files.resolveInclude('defs.S', 'untitled:Untitled-1'), undefined);
});

test('URIs and paths convert both ways', () => {
  assert.equal(uriToFile(pathToFileURL(GUEST).href), GUEST);
  assert.equal(uriToFile('untitled:Untitled-1'), 'untitled:Untitled-1');
  assert.equal(new WorkspaceFiles().uriOf(GUEST), pathToFileURL(GUEST).href);
});
