/** The test encoders agree with aarch64-linux-gnu-as (expected words copied from its objdump). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addImm, b, br, cbnz, ldrWoff, stpX, hvc, ldrb, ldrX, movk, movReg, movz, strb, strW, strX, subsImm, WFI } from './helpers/guestCode';

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
  assert.equal(subsImm(7, 7, 1), 0xf10004e7);
  assert.equal(cbnz(7, -1), 0xb5ffffe7);
  assert.equal(addImm(8, 8, 1), 0x91000508);
  assert.equal(movReg(10, 0), 0xaa0003ea); // mov x10, x0
  assert.equal(stpX(0, 1, 1), 0xa9000420);
  assert.equal(ldrWoff(5, 1, 0x18), 0xb9401825);
  assert.equal(br(1), 0xd61f0020);
});
