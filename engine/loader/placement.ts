/**
 * Checks shared by every loader: segments inside RAM, no two segments overlapping,
 * and an entry point that lands in loaded memory.
 */
import type { RamRegion } from '../memory/flatBus';
import type { ImageSegment } from './loadedImage';
import { LoadError, hex, hexRange } from './loadError';

/** A segment's guest range as BigInt (ELF fields are 64-bit and may exceed 2^53). */
export interface SegmentRange {
  start: bigint;
  end: bigint;
  where: string;
}

export function ramDescription(ram: RamRegion): string {
  return `RAM is ${hexRange(ram.base, ram.base + ram.size)} (${ram.size / (1024 * 1024)} MiB)`;
}

export function checkInRam(r: SegmentRange, what: string, ram: RamRegion): void {
  if (r.start < BigInt(ram.base) || r.end > BigInt(ram.base) + BigInt(ram.size)) {
    throw new LoadError(`${what} ${hexRange(r.start, r.end)} is outside guest RAM: ${ramDescription(ram)}`, r.where);
  }
}

/** Throws for the first pair of overlapping ranges (empty ranges never overlap). */
export function checkNoOverlap(ranges: ReadonlyArray<SegmentRange>, what = 'PT_LOAD segments'): void {
  const sorted = ranges.filter((r) => r.end > r.start).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  for (let k = 1; k < sorted.length; k++) {
    const a = sorted[k - 1];
    const b = sorted[k];
    if (b.start < a.end) {
      throw new LoadError(
        `overlapping ${what}: ${hexRange(a.start, a.end)} (${a.where}) and ${hexRange(b.start, b.end)} (${b.where})`,
        b.where,
      );
    }
  }
}

export function checkEntry(entry: bigint, segments: ReadonlyArray<ImageSegment>, where: string): void {
  const inside = segments.some((s) => entry >= BigInt(s.addr) && entry < BigInt(s.addr + s.memSize));
  if (!inside) {
    const loaded = segments.map((s) => hexRange(s.addr, s.addr + s.memSize)).join(', ');
    throw new LoadError(`entry point ${hex(entry)} is outside loaded memory (loaded: ${loaded || 'nothing'})`, where);
  }
  if (entry % 4n !== 0n) {
    throw new LoadError(`entry point ${hex(entry)} is not 4-byte aligned (A64 instructions are 4 bytes)`, where);
  }
}
