import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateMessage, definitionFor } from './helpers/validatingClient';

test('the vendored DAP schema accepts a well-formed stopped event', () => {
  const ok = { seq: 3, type: 'event', event: 'stopped', body: { reason: 'breakpoint', threadId: 1 } };
  assert.equal(definitionFor(ok), 'StoppedEvent');
  assert.equal(validateMessage(ok), null);
});

test('the validator rejects a stopped event without a reason and a response without success', () => {
  assert.match(validateMessage({ seq: 3, type: 'event', event: 'stopped', body: { threadId: 1 } } as never) ?? '', /StoppedEvent/);
  assert.notEqual(validateMessage({ seq: 4, type: 'response', request_seq: 1, command: 'threads' } as never), null);
});

test('custom requests and events are checked against the base message types', () => {
  assert.equal(definitionFor({ type: 'event', event: 'pkvm/pagesChanged' }), 'Event');
  assert.equal(validateMessage({ seq: 1, type: 'event', event: 'pkvm/pagesChanged', body: {} } as never), null);
});
