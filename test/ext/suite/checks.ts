/**
 * A mocha-free runner for the extension host: runs named async checks in order, logs each
 * outcome on the test output, and rejects if any failed (the workbench then exits with 1).
 */
export type Check = [name: string, run: () => Promise<void> | void];

export async function runChecks(suite: string, checks: Check[]): Promise<void> {
  const failures: string[] = [];
  for (const [name, check] of checks) {
    try {
      await check();
      console.log(`${suite}: ok - ${name}`);
    } catch (e) {
      failures.push(name);
      console.log(`${suite}: FAILED - ${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  console.log(`${suite}: ${checks.length - failures.length} passed, ${failures.length} failed`);
  if (failures.length) throw new Error(`${suite}: failed checks: ${failures.join(', ')}`);
}

/** Resolves with what `until` yields, or rejects naming what never happened (no hang on a broken run). */
export function waitFor<T>(what: string, until: Promise<T>, limitMs = 90_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${limitMs / 1000} s waiting for ${what}`)), limitMs);
  });
  return Promise.race([until, timeout]).finally(() => clearTimeout(timer));
}

/** Polls `probe` until it returns a value other than undefined. */
export async function poll<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, limitMs = 90_000): Promise<T> {
  const end = Date.now() + limitMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out after ${limitMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
