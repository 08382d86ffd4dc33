import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadElf } from '../../engine/loader';
import { BareMachine } from '../../engine/machine/bareMachine';
import { UART_HELLO_C, buildElf, crossGccMissing } from '../helpers/crossGcc';

const missing = crossGccMissing();

test('a C program built by aarch64-linux-gnu-gcc prints through the UART, updates .bss and powers off', { skip: missing ?? false }, () => {
  const img = loadElf(buildElf(UART_HELLO_C).bytes);
  const m = new BareMachine(img);
  const stop = m.run(10_000);
  assert.equal(stop.reason, 'system-off', stop.detail);
  assert.equal(m.consoleText, 'ok\n');
  const counter = img.symbols.find((s) => s.name === 'counter')!;
  assert.deepEqual(Array.from(m.bus.read(counter.addr, 4)), [1, 0, 0, 0]);
});
