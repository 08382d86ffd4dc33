/**
 * Flat binaries: the file's bytes placed at one guest address, executed from the
 * first byte (entry = load address), as QEMU's `-kernel` does for raw images.
 */
import type { RamRegion } from '../memory/flatBus';
import { DEFAULT_RAM } from './layout';
import type { LoadedImage } from './loadedImage';
import { LoadError, hex } from './loadError';
import { checkInRam } from './placement';

export interface FlatLoadOptions {
  /** Guest address of the first byte (default: the RAM base). */
  loadAddress?: number;
  ram?: RamRegion;
}

export function loadFlat(bytes: Uint8Array, opts: FlatLoadOptions = {}): LoadedImage {
  const ram = opts.ram ?? DEFAULT_RAM;
  const addr = opts.loadAddress ?? ram.base;
  const where = `load address ${hex(addr)}`;
  if (bytes.length === 0) throw new LoadError('the flat binary is empty: nothing to load', 'file offset 0');
  if (!Number.isSafeInteger(addr) || addr < 0) throw new LoadError(`invalid load address ${addr}`, where);
  if (addr % 4 !== 0) throw new LoadError(`load address ${hex(addr)} is not 4-byte aligned (it is also the entry point)`, where);
  checkInRam({ start: BigInt(addr), end: BigInt(addr) + BigInt(bytes.length), where }, `flat binary (${bytes.length} bytes) at`, ram);
  return {
    format: 'flat',
    entry: addr,
    segments: [
      { addr, data: bytes.slice(), memSize: bytes.length, readable: true, writable: true, executable: true, origin: 'flat binary' },
    ],
    symbols: [],
    mappingSymbols: [],
    sections: [],
    debugSections: new Map(),
  };
}
