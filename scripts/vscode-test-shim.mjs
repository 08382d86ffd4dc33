#!/usr/bin/env node
// A stand-in VS Code executable for @vscode/test-electron's runTests({ vscodeExecutablePath }) and
// @vscode/test-cli's useInstallation.fromPath: it accepts their command line, runs the extension tests
// in code-server's workbench opened by headless Debian Chromium, and exits with the tests' exit code.
// The work is done by the compiled harness in out/test/ext/harness (build with `npx tsc -p .`).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const compiled = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'test', 'ext', 'harness', 'shimMain.js');
if (!existsSync(compiled)) {
  process.stderr.write(`vscode-test-shim: ${compiled} is missing; build the tests first (npx tsc -p .)\n`);
  process.exit(1);
}
const { shimMain } = createRequire(import.meta.url)(compiled);
process.exit(await shimMain(process.argv.slice(2)));
