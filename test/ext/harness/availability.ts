// Decides whether the slow real-workbench tests can run here. Without Chromium or code-server they
// are skipped with the reason, except where they are required (CI=true or PKVM_REQUIRE_WORKBENCH=1):
// there a missing install step must fail the run rather than hide behind a skip.
import { chromiumPath, ensureCodeServer } from './prerequisites';

let checked: Promise<string | undefined> | undefined;

function required(): boolean {
  const ci = process.env.CI;
  return process.env.PKVM_REQUIRE_WORKBENCH === '1' || (ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0');
}

async function check(): Promise<string | undefined> {
  try {
    chromiumPath();
    await ensureCodeServer();
    return undefined;
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    if (required()) throw new Error(`${reason}\n(the real-workbench tests are required here: CI or PKVM_REQUIRE_WORKBENCH=1)`);
    return `real VS Code workbench unavailable: ${reason}`;
  }
}

/** Undefined when the workbench tests can run, else why they are skipped. Installs code-server once. */
export function workbenchUnavailable(): Promise<string | undefined> {
  checked ??= check();
  return checked;
}
