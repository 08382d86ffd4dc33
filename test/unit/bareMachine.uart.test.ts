import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PL011_BASE, PL011_SIZE, Pl011, UARTDR, UARTFR } from '../../engine/devices/pl011';

test('the PL011 sits at the QEMU virt address with a 4 KiB window', () => {
  assert.equal(PL011_BASE, 0x09000000);
  assert.equal(PL011_SIZE, 0x1000);
});

test('UARTDR writes transmit the low byte; output is collected as UTF-8 text and streamed', () => {
  const uart = new Pl011();
  const seen: number[] = [];
  uart.onTransmit = (b) => seen.push(b);
  for (const b of new TextEncoder().encode('hé ✓\n')) uart.mmio(UARTDR, 4, true, BigInt(b) | 0xabcd00n);
  assert.equal(uart.text, 'hé ✓\n');
  assert.deepEqual(Array.from(uart.output), seen);
  assert.equal(seen.length, 8);
});

test('UARTFR reads TX-empty and RX-empty; other registers read 0 and ignore writes', () => {
  const uart = new Pl011();
  assert.equal(uart.mmio(UARTFR, 4, false, 0n), 0x90n);
  assert.equal(uart.mmio(UARTFR, 1, false, 0n), 0x90n);
  assert.equal(uart.mmio(UARTDR, 4, false, 0n), 0n);
  uart.mmio(0x030, 4, true, 0x301n); // UARTCR
  assert.equal(uart.mmio(0x030, 4, false, 0n), 0n);
  uart.mmio(UARTFR, 4, true, 0xffn);
  assert.equal(uart.mmio(UARTFR, 4, false, 0n), 0x90n);
  assert.equal(uart.text, '');
});

test('a long transmission grows the buffer without losing bytes', () => {
  const uart = new Pl011();
  for (let k = 0; k < 1000; k++) uart.mmio(UARTDR, 1, true, BigInt(0x30 + (k % 10)));
  assert.equal(uart.text.length, 1000);
  assert.equal(uart.text.slice(0, 12), '012345678901');
});
