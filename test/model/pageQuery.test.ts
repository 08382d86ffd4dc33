/**
 * Page-state queries: one page's full record, and run-length summaries that stay cheap
 * for a 4 GiB guest (a million pages) because only chunks touched since the last query
 * are recomputed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VENDOR_HYP_KVM_MEM_SHARE_FUNC_ID as SHARE } from '../../engine/hyp/smccc';
import { hvcCall, SAVE_RESULT, touch, WFI } from './helpers/guestCode';
import { CODE, machine, P, Q } from './helpers/machineFixture';

const GiB = 2 ** 30;

test('a 4 GiB guest: summaries cover a million pages and recompute only what changed', () => {
  const m = machine({ memory: [{ name: 'ram', base: '0x80000000', size: '4G' }], vmm: { onShare: 'access' } }, [...touch(P), ...hvcCall(SHARE, P), ...touch(Q), WFI]);
  assert.equal(m.run(100_000).reason, 'idle');
  const runs = m.pageSummary(CODE, CODE + 4 * GiB);
  assert.equal(runs.reduce((n, r) => n + r.pages, 0), 1 << 20);
  assert.equal(m.pages!.recomputedChunks, 2048, 'the first summary computes every 512-page chunk once');
  const code = runs[0];
  assert.deepEqual([code.startIpa, code.pages, code.guest, code.host, code.notMappable], ['0x80000000', 1, 'OWNED', 'NOPAGE', true]);
  const shared = runs.find((r) => r.startIpa === '0x80100000')!;
  assert.deepEqual([shared.pages, shared.guest, shared.host, shared.notMappable, shared.hostMapped], [1, 'SHARED_OWNED', 'SHARED_BORROWED', false, true]);
  const q = runs.find((r) => r.startIpa === '0x80101000')!;
  assert.deepEqual([q.pages, q.guest, q.host, q.tracked], [1, 'OWNED', 'NOPAGE', true]);
  const rest = runs[runs.length - 1];
  assert.deepEqual([rest.guest, rest.host, rest.notMappable, rest.backing], ['NOPAGE', null, true, 'guest_memfd']);
  assert.ok(runs.length <= 8, `few runs: ${runs.length}`);

  // Nothing changed: nothing is recomputed.
  m.pageSummary(CODE, CODE + 4 * GiB);
  assert.equal(m.pages!.recomputedChunks, 2048);
  // One host action on one page: one chunk.
  assert.equal(m.hostAction({ kind: 'madvise-dontneed', ipa: P }).result, '0');
  const after = m.pageSummary(CODE, CODE + 4 * GiB);
  assert.equal(m.pages!.recomputedChunks, 2049);
  assert.equal(after.find((r) => r.startIpa === '0x80100000')!.hostMapped, false);
  // A window query only touches its own chunks.
  const window = m.pageSummary(CODE + 3 * GiB, CODE + 3 * GiB + 8192);
  assert.deepEqual(window.map((r) => r.pages), [2]);
});

test('the page record of a shared page names every layer', () => {
  const m = machine({}, [...touch(P), ...hvcCall(SHARE, P), ...SAVE_RESULT, WFI]);
  assert.equal(m.run(100_000).reason, 'idle');
  const r = m.pageRecord(P + 0x123)!;
  assert.equal(r.ipa, '0x80100000');
  assert.equal(r.slot, 0);
  assert.equal(r.backing, 'guest_memfd');
  assert.deepEqual(r.gmem && { offset: r.gmem.offset }, { offset: '0x100000' });
  assert.equal(r.guest.state, 'SHARED_OWNED');
  assert.equal(r.guest.prot, 'rwx');
  assert.equal(r.host, 'SHARED_BORROWED');
  assert.equal(r.hyp, 'NOPAGE');
  assert.equal(r.hostAccessible, true);
  assert.equal(r.hostMapcount, 1);
  assert.deepEqual(r.attributes, { private: false, notMappable: false });
  assert.equal(r.tracked?.pa, r.guest.pa);
  assert.equal(r.tracked?.pinned, false);
  assert.equal(r.hostFrame, r.guest.pa, 'guest_memfd folio and guest frame are the same page');
  // Outside every memslot: no backing.
  const hole = m.pageSummary(0x7fff_e000, 0x8000_1000);
  assert.deepEqual(hole.map((x) => [x.backing, x.pages]), [['none', 2], ['guest_memfd', 1]]);
  assert.equal(m.pageRecord(0x1000)!.backing, 'none');
});

test('the event log serialises to JSON and every event carries vCPU and instruction stamps', () => {
  const m = machine({}, [...touch(P), ...hvcCall(SHARE, P), WFI]);
  assert.equal(m.run(100_000).reason, 'idle');
  const json = JSON.parse(JSON.stringify(m.log)) as { dropped: number; events: Record<string, unknown>[] };
  assert.equal(json.dropped, 0);
  const types = new Set(json.events.map((e) => e.type));
  for (const t of ['vmm', 'machine', 'transition', 'hypercall', 'guest-exit', 'kvm-run', 'kernel']) assert.ok(types.has(t), `has ${t} events`);
  const donate = json.events.find((e) => e.type === 'transition' && e.op === 'host_donate_guest') as Record<string, unknown>;
  assert.equal(donate.vcpu, 0);
  assert.equal(typeof donate.icount, 'number');
  assert.equal(typeof donate.total, 'number');
  assert.deepEqual(json.events.map((e) => e.seq), json.events.map((_, k) => k));
});

test('memory-map cells: categories, flags, MMIO, and what changed in the last run', async () => {
  const { PageCategory, CELL_CHANGED, CELL_HOST_MAPPED, CELL_NOT_MAPPABLE, cellCategory } = await import('../../engine/view/pageCell');
  const { VENDOR_HYP_KVM_MEM_RELINQUISH_FUNC_ID: RELINQUISH } = await import('../../engine/hyp/smccc');
  const R = P + 0x2000;
  const part1 = [...touch(P), ...hvcCall(SHARE, P), ...touch(Q)];
  const m = machine({}, [...part1, ...touch(R), ...hvcCall(RELINQUISH, R), WFI]);
  m.vcpus[0].cpu.setBreakpoints([CODE + 4 * part1.length]);
  assert.equal(m.run(100_000).reason, 'breakpoint');
  let cells = m.pageCells(P, 3);
  assert.equal(cellCategory(cells[0]), PageCategory.SharedMapped);
  assert.equal(cells[0] & CELL_HOST_MAPPED, CELL_HOST_MAPPED);
  assert.equal(cellCategory(cells[1]), PageCategory.GuestPrivate);
  assert.equal(cells[1] & CELL_NOT_MAPPABLE, CELL_NOT_MAPPABLE);
  assert.equal(cellCategory(cells[2]), PageCategory.NotFaulted);
  assert.ok(cells.every((c) => c & CELL_CHANGED), 'the first run changed every page (NOT_MAPPABLE was set on the whole slot)');
  m.vcpus[0].cpu.setBreakpoints([]);
  assert.equal(m.run(100_000).reason, 'idle');
  cells = m.pageCells(P, 3);
  assert.equal(cells[0] & CELL_CHANGED, 0, 'untouched in the second run');
  assert.equal(cellCategory(cells[2]), PageCategory.Relinquished);
  assert.equal(cells[2] & CELL_CHANGED, CELL_CHANGED);
  assert.equal(cellCategory(m.pageCells(0x0900_0000, 1)[0]), PageCategory.Mmio);
  assert.equal(cellCategory(m.pageCells(0x1000, 1)[0]), PageCategory.Unbacked);
  assert.deepEqual(m.layout(), [
    { name: 'pl011', base: 0x0900_0000, pages: 1, kind: 'mmio' },
    { name: 'ram (slot 0, guest_memfd)', base: 0x8000_0000, pages: 1024, kind: 'ram' },
  ]);
});

