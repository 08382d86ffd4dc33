/**
 * A PL011-style console UART, the device the VMM (host userspace) emulates on MMIO
 * exits. It sits at IPA 0x09000000 with a 4 KiB register window, where QEMU's `virt`
 * board puts its PL011, so guest code written for QEMU prints unchanged.
 *
 * Only what a polled console needs is modelled: writing UARTDR transmits a byte
 * (instantly: the TX FIFO is always empty), UARTFR reports TX-empty and RX-empty
 * (nothing is ever received), and every other register reads as zero and ignores
 * writes. No interrupts. The device knows nothing about CPUs: the machine decodes
 * the abort syndrome and calls `mmio`.
 */

export const PL011_BASE = 0x0900_0000;
export const PL011_SIZE = 0x1000;

/** Register offsets (PL011 TRM, DDI 0183). */
export const UARTDR = 0x000;
export const UARTFR = 0x018;
/** UARTFR bits: TXFE (transmit FIFO empty) and RXFE (receive FIFO empty). */
export const UARTFR_TXFE = 1 << 7;
export const UARTFR_RXFE = 1 << 4;

export class Pl011 {
  private bytes = new Uint8Array(256);
  private length = 0;
  private decoded = '';
  private decodedLength = 0;
  /** Called with every transmitted byte, e.g. to stream console output while the guest runs. */
  onTransmit: ((byte: number) => void) | null = null;

  /**
   * One guest access at `offset` (0 … PL011_SIZE-1) of `size` bytes (1, 2, 4 or 8).
   * Returns the value a load reads (0 for stores).
   */
  mmio(offset: number, size: number, isWrite: boolean, value: bigint): bigint {
    if (isWrite) {
      if (offset === UARTDR) this.transmit(Number(value & 0xffn));
      return 0n;
    }
    if (offset === UARTFR) return BigInt(UARTFR_TXFE | UARTFR_RXFE) & sizeMask(size);
    return 0n;
  }

  /** Everything transmitted so far, decoded as UTF-8 (invalid sequences become U+FFFD). */
  get text(): string {
    if (this.decodedLength !== this.length) {
      this.decoded = new TextDecoder('utf-8').decode(this.bytes.subarray(0, this.length));
      this.decodedLength = this.length;
    }
    return this.decoded;
  }

  /** Everything transmitted so far, as raw bytes. */
  get output(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }

  private transmit(byte: number): void {
    if (this.length === this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    this.bytes[this.length++] = byte;
    this.onTransmit?.(byte);
  }
}

function sizeMask(size: number): bigint {
  return size >= 8 ? 0xffff_ffff_ffff_ffffn : (1n << BigInt(size * 8)) - 1n;
}
