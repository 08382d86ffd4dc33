// Bundles every entry point with esbuild into dist/. Entries whose source does not
// exist yet are skipped, so partial checkouts still build.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const entries = [
  { in: 'cli/main.ts', out: 'dist/cli.js' },
  { in: 'debug-adapter/main.ts', out: 'dist/debugAdapter.js' },
  { in: 'language-server/server.ts', out: 'dist/languageServer.js' },
  { in: 'extension/extension.ts', out: 'dist/extension.js' },
  { in: 'bench/main.ts', out: 'dist/bench.js' },
];
const webEntries = [{ in: 'extension/webview/memoryMap.ts', out: 'dist/webview/memoryMap.js' }];

const started = Date.now();
await Promise.all([
  ...entries.filter((e) => existsSync(e.in)).map((e) =>
    build({
      entryPoints: [e.in],
      outfile: e.out,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      sourcemap: true,
      external: ['vscode'],
      logLevel: 'warning',
    }),
  ),
  ...webEntries.filter((e) => existsSync(e.in)).map((e) =>
    build({ entryPoints: [e.in], outfile: e.out, bundle: true, platform: 'browser', target: 'es2022', format: 'iife', sourcemap: true, logLevel: 'warning' }),
  ),
]);
if (!process.env.QUIET_BUILD) console.error(`build: bundled in ${Date.now() - started} ms`);
