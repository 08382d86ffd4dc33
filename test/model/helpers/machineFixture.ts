/**
 * A pKVM machine running a guest made of instruction words, with a configuration given
 * as raw JSON (validated like a launch configuration).
 */
import { parseLaunchConfig } from '../../../engine/config/launchConfig';
import type { LoadedImage } from '../../../engine/loader/loadedImage';
import { PkvmMachine } from '../../../engine/vmm/pkvmMachine';
import { wordBytes } from './guestCode';

export const CODE = 0x8000_0000;
/** Data pages the scenarios share, unshare and touch. */
export const P = 0x8010_0000;
export const Q = 0x8010_1000;

export function flatImage(words: number[], base = CODE): LoadedImage {
  const data = wordBytes(words);
  return {
    format: 'flat',
    entry: base,
    segments: [{ addr: base, data, memSize: data.length, readable: true, writable: true, executable: true, origin: 'test program' }],
    symbols: [],
    mappingSymbols: [],
    sections: [],
    debugSections: new Map(),
  };
}

export function machine(raw: Record<string, unknown>, words: number[]): PkvmMachine {
  const r = parseLaunchConfig({ memory: [{ name: 'ram', base: '0x80000000', size: '4M' }], ...raw });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return new PkvmMachine(r.config, flatImage(words));
}

/** x0..x3 of a vCPU. */
export function x0to3(m: PkvmMachine, vcpu = 0): bigint[] {
  return [0, 1, 2, 3].map((r) => m.vcpus[vcpu].cpu.getX(r));
}

/** x10..x13 (where SAVE_RESULT keeps a hypercall's result). */
export function saved(m: PkvmMachine, vcpu = 0): bigint[] {
  return [10, 11, 12, 13].map((r) => m.vcpus[vcpu].cpu.getX(r));
}
