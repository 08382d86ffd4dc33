/**
 * Where a command's output goes. Commands write through this instead of `process`
 * so they can be driven in-process (tests, the debug adapter) as well as from a shell.
 */
export interface CliIo {
  /** Program output: guest console text, JSON reports. */
  out(text: string): void;
  /** Diagnostics: errors, summaries, usage. */
  err(text: string): void;
}

export const processIo: CliIo = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};
