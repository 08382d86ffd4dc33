/**
 * Guest-physical layout every machine model starts from (the bare machine and the
 * pKVM VMM): one RAM region, where loaders place programs. 0x80000000 keeps the low
 * 2 GiB free for devices, as on most arm64 boards (QEMU's `virt` puts RAM at 1 GiB;
 * the UART address is QEMU's, see devices/pl011.ts).
 */
import type { RamRegion } from '../memory/flatBus';

export const DEFAULT_RAM_BASE = 0x8000_0000;
export const DEFAULT_RAM_SIZE = 64 * 1024 * 1024;
export const DEFAULT_RAM: Readonly<RamRegion> = Object.freeze({ base: DEFAULT_RAM_BASE, size: DEFAULT_RAM_SIZE });
