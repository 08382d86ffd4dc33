// Time limits for the slow steps of a workbench run, each failing with a message that says which
// step hung, so a stuck run ends with a diagnosis instead of a test-runner timeout.

export class HarnessTimeoutError extends Error {
  override readonly name = 'HarnessTimeoutError';
}

export async function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HarnessTimeoutError(`${what}: no result after ${Math.round(ms / 1000)} s`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Reads a millisecond limit from the environment, so slow machines can raise it without code changes. */
export function limitFromEnv(name: string, fallbackMs: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallbackMs;
  const ms = Number(raw);
  if (!Number.isFinite(ms) || ms <= 0) throw new Error(`${name}=${raw} is not a positive number of milliseconds`);
  return ms;
}
