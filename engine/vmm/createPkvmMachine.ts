/**
 * The one entry point for the CLI and the debugger: validate a raw launch configuration
 * (launch.json / CLI file contents) and build the pKVM machine for a loaded image.
 */
import { parseLaunchConfig } from '../config/launchConfig';
import type { LoadedImage } from '../loader/loadedImage';
import { PkvmMachine } from './pkvmMachine';

export type CreateResult = { ok: true; machine: PkvmMachine } | { ok: false; errors: string[] };

export function createPkvmMachine(rawConfig: unknown, image: LoadedImage): CreateResult {
  const parsed = parseLaunchConfig(rawConfig);
  if (!parsed.ok) return parsed;
  return { ok: true, machine: new PkvmMachine(parsed.config, image) };
}
