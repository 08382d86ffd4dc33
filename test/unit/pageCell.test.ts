import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CELL_CHANGED, CELL_NOT_MAPPABLE, PageCategory, describeCell, summariseCells } from '../../engine/view/pageCell';
import { computeLayout, hitTest, visibleCells, ZOOMS } from '../../extension/webview/mapLayout';

test('summarising keeps the most notable category and ORs the flags', () => {
  const pages = new Uint8Array([PageCategory.NotFaulted, PageCategory.GuestPrivate | CELL_NOT_MAPPABLE, PageCategory.NotFaulted, PageCategory.Poisoned | CELL_CHANGED, PageCategory.NotFaulted]);
  const cells = summariseCells(pages, 2);
  assert.deepEqual(Array.from(cells), [PageCategory.GuestPrivate | CELL_NOT_MAPPABLE, PageCategory.Poisoned | CELL_CHANGED, PageCategory.NotFaulted]);
  assert.equal(describeCell(cells[0]), 'guest-private, NOT_MAPPABLE');
});

test('summarising a million pages at stride 256 gives 4096 cells', () => {
  const pages = new Uint8Array(1 << 20).fill(PageCategory.NotFaulted);
  pages[300000] = PageCategory.SharedMapped;
  const cells = summariseCells(pages, 256);
  assert.equal(cells.length, 4096);
  assert.equal(cells[Math.floor(300000 / 256)], PageCategory.SharedMapped);
  assert.equal(cells.filter((c) => c !== PageCategory.NotFaulted).length, 1);
});

test('layout hit-testing and visible ranges agree with each other', () => {
  const regions = [{ name: 'RAM', base: 0x80000000, pages: 1000, kind: 'ram' as const }, { name: 'UART', base: 0x9000000, pages: 1, kind: 'mmio' as const }];
  const L = computeLayout(regions, 100, ZOOMS[5]); // 8 px cells, pitch 9: 11 columns
  assert.equal(L.columns, 11);
  const h = hitTest(L, regions, 9 * 3 + 1, L.boxes[0].gridTop + 9 * 2 + 1);
  assert.deepEqual(h, { region: 0, cell: 25, firstPage: 25, pages: 1 });
  assert.equal(hitTest(L, regions, 1, L.boxes[1].gridTop + 1)?.region, 1);
  const vis = visibleCells(L, 0, 50);
  assert.equal(vis[0].first, 0);
  assert.ok(vis[0].count > 0 && vis[0].count % 11 === 0);
});
