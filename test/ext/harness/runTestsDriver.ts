// Runs @vscode/test-electron's runTests in a process of its own and reports how it ended, so a test
// can read everything the run printed without touching its own stdout (which node's test runner
// uses to report results). Usage: node runTestsDriver.js '<TestOptions as JSON>'
import { execFile } from 'node:child_process';
import { runTests, TestRunFailedError, type TestOptions } from '@vscode/test-electron';

export type RunTestsOutcome =
  | { resolved: number }
  | { failed: 'TestRunFailedError'; code: number | null; signal: string | null }
  | { failed: 'other'; message: string };

const OUTCOME_MARK = 'runTestsDriver outcome: ';

export interface DriverRun {
  outcome: RunTestsOutcome;
  /** Everything the run printed, stdout and stderr interleaved as they arrived. */
  output: string;
}

/** Spawns the driver with these options and waits for it. */
export function runTestsInChild(options: TestOptions, limitMs = 10 * 60_000): Promise<DriverRun> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [__filename, JSON.stringify(options)], { timeout: limitMs, maxBuffer: 64 * 1024 * 1024 }, (error) => {
      const marked = output.split('\n').find((l) => l.startsWith(OUTCOME_MARK));
      if (!marked) {
        reject(new Error(`runTests driver ended without an outcome (${error?.message ?? 'no error'}):\n${output}`));
        return;
      }
      resolve({ outcome: JSON.parse(marked.slice(OUTCOME_MARK.length)) as RunTestsOutcome, output });
    });
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString('utf8')));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString('utf8')));
  });
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as TestOptions;
  let outcome: RunTestsOutcome;
  try {
    outcome = { resolved: await runTests(options) };
  } catch (e) {
    outcome = e instanceof TestRunFailedError
      ? { failed: 'TestRunFailedError', code: e.code ?? null, signal: e.signal ?? null }
      : { failed: 'other', message: e instanceof Error ? e.message : String(e) };
  }
  process.stdout.write(`\n${OUTCOME_MARK}${JSON.stringify(outcome)}\n`);
}

if (require.main === module) void main();
