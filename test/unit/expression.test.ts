import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateExpression, ExpressionContext, ExpressionError } from '../../engine/debug/expression';

const mem = new Map<bigint, number>();
for (let k = 0; k < 16; k++) mem.set(0x80004000n + BigInt(k), 0xf0 + k);

const ctx: ExpressionContext = {
  register: (n) => ({ x1: 0x80004000n, w2: 0xffffffffn, sp: 0x80ff0000n, pc: 0x80000010n } as Record<string, bigint>)[n],
  symbol: (n) => (n === 'buf' ? 0x80004000n : n === 'mem_share' ? 0x80000120n : undefined),
  readMemory(addr, size) {
    let v = 0n;
    for (let k = 0; k < size; k++) {
      const b = mem.get(addr + BigInt(k));
      if (b === undefined) throw new Error(`cannot read 0x${(addr + BigInt(k)).toString(16)}`);
      v |= BigInt(b) << BigInt(8 * k);
    }
    return v;
  },
};

test('registers, symbols and arithmetic with C precedence', () => {
  assert.equal(evaluateExpression('x1 + 8', ctx).value, 0x80004008n);
  assert.equal(evaluateExpression('(x1 >> 12) & 0xff', ctx).value, 0x04n);
  assert.equal(evaluateExpression('1 + 2 * 3', ctx).value, 7n);
  assert.equal(evaluateExpression('mem_share', ctx).address, 0x80000120n);
  assert.equal(evaluateExpression('-1', ctx).value, (1n << 64n) - 1n);
  assert.equal(evaluateExpression('$pc - 0x10', ctx).value, 0x80000000n);
  assert.equal(evaluateExpression('w2', ctx).size, 4);
});

test('typed memory reads, little-endian, with sign extension for signed types', () => {
  assert.equal(evaluateExpression('*(u64*)0x80004000', ctx).value, 0xf7f6f5f4f3f2f1f0n);
  assert.equal(evaluateExpression('*(u32*)(buf + 4)', ctx).value, 0xf7f6f5f4n);
  assert.equal(evaluateExpression('*(u8*)x1', ctx).value, 0xf0n);
  assert.equal(evaluateExpression('*(i8*)x1', ctx).value, (1n << 64n) - 16n);
  assert.equal(evaluateExpression('*(u16*)x1', ctx).address, 0x80004000n);
});

test('errors name the problem and the column', () => {
  assert.throws(() => evaluateExpression('x1 + foo', ctx), (e: ExpressionError) => /unknown register or symbol 'foo' at column 6/.test(e.message));
  assert.throws(() => evaluateExpression('x1 / 0', ctx), /division by zero/);
  assert.throws(() => evaluateExpression('(x1 + 1', ctx), /expected '\)'/);
  assert.throws(() => evaluateExpression('*(u32*)0x10', ctx), /cannot read 0x10/);
  assert.throws(() => evaluateExpression('x1 @ 2', ctx), /unexpected character '@' at column 4/);
  assert.throws(() => evaluateExpression('', ctx), /incomplete/);
});
