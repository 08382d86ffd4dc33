// The body of scripts/vscode-test-shim.mjs: a stand-in "VS Code executable" for
// runTests({ vscodeExecutablePath }) that runs the tests in code-server + headless Chromium.
import { runExtensionTests } from './extensionTestRun';
import { parseShimArgs } from './shimArgs';

/** Resolves to the process exit code: the tests' own, or 1 when the harness itself failed. */
export async function shimMain(argv: readonly string[]): Promise<number> {
  // test-electron forwards Ctrl+C as SIGINT: stop the run but still kill code-server's process group.
  const cancelled = new Promise<never>((_, reject) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => reject(new Error(`stopped by ${signal}`)));
  });
  cancelled.catch(() => undefined);
  try {
    const request = parseShimArgs(argv);
    const output = {
      line: (text: string) => process.stdout.write(`${text}\n`),
      note: (text: string) => process.stderr.write(`vscode-test-shim: ${text}\n`),
    };
    return await runExtensionTests(request, output, cancelled);
  } catch (e) {
    process.stderr.write(`vscode-test-shim: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}
