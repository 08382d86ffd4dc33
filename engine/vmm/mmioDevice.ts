/**
 * What the VMM emulates on KVM_EXIT_MMIO: devices at guest-physical windows. The console
 * is the PL011 UART (engine/devices/pl011.ts) at 0x09000000, as kvmtool and QEMU place it.
 */
import { PL011_BASE, PL011_SIZE, Pl011 } from '../devices/pl011';

export interface MmioDevice {
  readonly name: string;
  readonly base: number;
  readonly size: number;
  /** One access of `size` bytes at `offset`; returns what a load reads (ignored for stores). */
  access(offset: number, size: number, isWrite: boolean, value: bigint): bigint;
}

export class UartDevice implements MmioDevice {
  readonly name = 'pl011';
  readonly base = PL011_BASE;
  readonly size = PL011_SIZE;
  readonly uart = new Pl011();
  private readonly pending: number[] = [];
  private readonly decoder = new TextDecoder('utf-8');

  constructor() {
    this.uart.onTransmit = (byte) => this.pending.push(byte);
  }

  /** Text transmitted since the last call (a UTF-8 sequence split across calls is kept for the next). */
  takeNewText(): string {
    if (this.pending.length === 0) return '';
    const text = this.decoder.decode(Uint8Array.from(this.pending), { stream: true });
    this.pending.length = 0;
    return text;
  }

  access(offset: number, size: number, isWrite: boolean, value: bigint): bigint {
    return this.uart.mmio(offset, size, isWrite, value);
  }

  get text(): string {
    return this.uart.text;
  }
}
