/** The test encoders agree with aarch64-linux-gnu-as (expected words copied from its objdump). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { b, hvc, ldrb, ldrX, movk, movz, strb, strW, strX, WFI } from './helpers/guestCode';

test('guest-code encoders match the GNU assembler', () => {
  assert.equal(movz(0, 8), 0xd2800100); // mov x0, #0x8
  assert.equal(movk(0, 0x8400, 1), 0xf2b08000); // movk x0, #0x8400, lsl #16
  assert.equal(movz(1, 1, 2), 0xd2c00021); // mov x1, #0x100000000
  assert.equal(hvc(0), 0xd4000002);
  assert.equal(ldrb(5, 1), 0x39400025);
  assert.equal(strb(6, 1), 0x39000026);
  assert.equal(ldrX(5, 1), 0xf9400025);
  assert.equal(strX(6, 1), 0xf9000026);
  assert.equal(strW(6, 1), 0xb9000026);
  assert.equal(b(0), 0x14000000);
  assert.equal(WFI, 0xd503207f);
});
