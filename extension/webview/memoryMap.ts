/**
 * The memory-map webview: draws the guest physical address space of the active
 * debug session on a canvas from compact per-page cells (engine/view/pageCell.ts),
 * pulling only the tiles that are visible at the current zoom.
 */
import {
  CATEGORY_NAMES,
  CELL_CATEGORY_MASK,
  CELL_CHANGED,
  CELL_NOT_MAPPABLE,
  CELL_PRIVATE,
  PageCategory,
  describeCell,
} from '../../engine/view/pageCell';
import { Layout, ZOOMS, cellRect, computeLayout, hex, hitTest, overviewZoom, pitchOf, visibleCells, Hit } from './mapLayout';
import { FromWebview, MapRegion, TILE_CELLS, ToWebview } from './protocol';
import { LEGEND_ORDER, Palette, readPalette } from './theme';

interface VsCodeApi {
  postMessage(msg: FromWebview): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const canvas = $<HTMLCanvasElement>('map');
const ctx = canvas.getContext('2d', { alpha: false })!;
const tooltip = $('tooltip');
const details = $('details');

let regions: MapRegion[] = [];
let pageSize = 4096;
let zoomIndex = 4;
let scrollTop = 0;
let layout: Layout | null = null;
let palette: Palette = readPalette();
let paletteRgba: Uint32Array = toRgba(palette);
/** Cached tiles: key `${region}:${stride}:${tile}`. */
let tiles = new Map<string, Uint8Array>();
/** Tiles from before the last stop, drawn until fresh ones arrive (no flicker). */
let staleTiles = new Map<string, Uint8Array>();
const pending = new Set<string>();
let cursor: { region: number; cell: number } | null = null;
let pinnedIpa: number | null = null;
let drawScheduled = false;
let autoOverview = true;

function post(msg: FromWebview): void {
  vscode.postMessage(msg);
}

// ------------------------------------------------------------------ cells

function cellAt(region: number, stride: number, cell: number): number {
  const tile = Math.floor(cell / TILE_CELLS);
  const key = `${region}:${stride}:${tile}`;
  const t = tiles.get(key);
  if (t) return t[cell - tile * TILE_CELLS] ?? -1;
  const stale = staleTiles.get(key);
  if (!pending.has(key)) {
    pending.add(key);
    const first = tile * TILE_CELLS;
    const total = Math.ceil(regions[region].pages / stride);
    post({ type: 'requestCells', region, stride, firstCell: first, count: Math.min(TILE_CELLS, total - first) });
  }
  return stale ? (stale[cell - tile * TILE_CELLS] ?? -1) : -1;
}

// ------------------------------------------------------------------ drawing

function toRgba(p: Palette): Uint32Array {
  const probe = document.createElement('canvas').getContext('2d')!;
  const out = new Uint32Array(p.categories.length + 1);
  const all = [...p.categories, p.background];
  all.forEach((c, k) => {
    probe.fillStyle = '#000';
    probe.fillStyle = c;
    probe.fillRect(0, 0, 1, 1);
    const d = probe.getImageData(0, 0, 1, 1).data;
    out[k] = (255 << 24) | (d[2] << 16) | (d[1] << 8) | d[0]; // little-endian ABGR
  });
  return out;
}

function scheduleDraw(): void {
  if (drawScheduled) return;
  drawScheduled = true;
  requestAnimationFrame(() => {
    drawScheduled = false;
    draw();
  });
}

function relayout(): void {
  const w = canvas.clientWidth - 12; // room for the scrollbar
  if (autoOverview) zoomIndex = overviewZoom(regions, w, canvas.clientHeight);
  layout = computeLayout(regions, w, ZOOMS[zoomIndex]);
  scrollTop = Math.max(0, Math.min(scrollTop, layout.height - canvas.clientHeight));
  const z = ZOOMS[zoomIndex];
  $('zoomLabel').textContent = z.stride === 1 ? `1 page per cell` : `${z.stride} pages per cell`;
}

function draw(): void {
  const dpr = window.devicePixelRatio || 1;
  const cw = canvas.clientWidth;
  const ch = canvas.clientHeight;
  if (canvas.width !== Math.round(cw * dpr) || canvas.height !== Math.round(ch * dpr)) {
    canvas.width = Math.round(cw * dpr);
    canvas.height = Math.round(ch * dpr);
  }
  if (!layout) relayout();
  const L = layout!;
  const W = canvas.width;
  const H = canvas.height;
  // Cells are written straight into an ImageData: a million fillRect calls would not keep up.
  const img = ctx.createImageData(W, H);
  const px32 = new Uint32Array(img.data.buffer);
  px32.fill(paletteRgba[paletteRgba.length - 1]);
  const pitch = pitchOf(L.zoom);
  const size = L.zoom.px;
  const overlays: Array<{ x: number; y: number; cell: number }> = [];
  for (const v of visibleCells(L, scrollTop, ch)) {
    for (let c = v.first; c < v.first + v.count; c++) {
      const cell = cellAt(v.region, L.zoom.stride, c);
      if (cell < 0) continue;
      const cat = cell & CELL_CATEGORY_MASK;
      if (cat === PageCategory.Unbacked) continue;
      const r = cellRect(L, v.region, c);
      const x0 = Math.round(r.x * dpr);
      const y0 = Math.round((r.y - scrollTop) * dpr);
      const s = Math.max(1, Math.round(size * dpr));
      const color = paletteRgba[cat];
      for (let yy = Math.max(0, y0); yy < Math.min(H, y0 + s); yy++) {
        const row = yy * W;
        for (let xx = x0; xx < Math.min(W, x0 + s); xx++) px32[row + xx] = color;
      }
      if (cell & (CELL_CHANGED | CELL_NOT_MAPPABLE | CELL_PRIVATE)) overlays.push({ x: r.x, y: r.y - scrollTop, cell });
    }
  }
  ctx.putImageData(img, 0, 0);
  ctx.save();
  ctx.scale(dpr, dpr);
  for (const o of overlays) {
    if (o.cell & CELL_CHANGED) {
      ctx.strokeStyle = palette.changed;
      ctx.lineWidth = size >= 8 ? 2 : 1;
      ctx.strokeRect(o.x - 0.5, o.y - 0.5, size + 1, size + 1);
    }
    if (size >= 8) {
      ctx.fillStyle = palette.marker;
      if (o.cell & CELL_NOT_MAPPABLE) ctx.fillRect(o.x + 1, o.y + 1, Math.max(2, size / 4), Math.max(2, size / 4));
      if (o.cell & CELL_PRIVATE) ctx.fillRect(o.x + size - 1 - Math.max(2, size / 4), o.y + size - 1 - Math.max(2, size / 4), Math.max(2, size / 4), Math.max(2, size / 4));
    }
  }
  // Region headers.
  ctx.font = `${getComputedStyle(document.body).fontSize} ${getComputedStyle(document.body).fontFamily}`;
  ctx.fillStyle = palette.foreground;
  ctx.textBaseline = 'middle';
  for (const b of L.boxes) {
    const y = b.top - scrollTop;
    if (y + 22 < 0 || y > ch) continue;
    const r = regions[b.region];
    ctx.fillText(`${r.name}   ${hex(r.base)}–${hex(r.base + r.pages * pageSize - 1)}   (${r.pages} pages)`, 2, y + 11);
  }
  // Cursor and pinned page.
  const mark = (region: number, cell: number, color: string): void => {
    const r = cellRect(L, region, cell);
    ctx.strokeStyle = color;
    ctx.lineWidth = 2;
    ctx.strokeRect(r.x - 1, r.y - scrollTop - 1, size + 2, size + 2);
  };
  if (cursor) mark(cursor.region, cursor.cell, palette.cursor);
  if (pinnedIpa !== null) {
    const loc = locate(pinnedIpa);
    if (loc) mark(loc.region, Math.floor(loc.page / L.zoom.stride), palette.marker);
  }
  // Scrollbar.
  if (L.height > ch) {
    const thumbH = Math.max(20, (ch * ch) / L.height);
    const thumbY = (scrollTop / (L.height - ch)) * (ch - thumbH);
    ctx.fillStyle = palette.foreground;
    ctx.globalAlpha = 0.3;
    ctx.fillRect(cw - 8, thumbY, 6, thumbH);
    ctx.globalAlpha = 1;
  }
  ctx.restore();
  // Exposed for tests and for anyone inspecting the view: what was drawn, from where.
  canvas.dataset.drawn = String(Number(canvas.dataset.drawn ?? '0') + 1);
  canvas.dataset.scrollTop = String(scrollTop);
  canvas.dataset.columns = String(L.columns);
}

// ------------------------------------------------------------------ interaction

function locate(ipa: number): { region: number; page: number } | null {
  for (let k = 0; k < regions.length; k++) {
    const r = regions[k];
    if (ipa >= r.base && ipa < r.base + r.pages * pageSize) return { region: k, page: Math.floor((ipa - r.base) / pageSize) };
  }
  return null;
}

function hitAt(ev: MouseEvent): Hit | null {
  if (!layout) return null;
  const rect = canvas.getBoundingClientRect();
  return hitTest(layout, regions, ev.clientX - rect.left, ev.clientY - rect.top + scrollTop);
}

function describeHit(h: Hit): string {
  const r = regions[h.region];
  const start = r.base + h.firstPage * pageSize;
  const end = start + h.pages * pageSize - 1;
  const cell = cellAt(h.region, layout!.zoom.stride, h.cell);
  const state = cell < 0 ? 'loading…' : describeCell(cell);
  const span = h.pages > 1 ? ` (${h.pages} pages, most notable state shown)` : '';
  return `IPA ${hex(start)}–${hex(end)}${span}\n${state}`;
}

function setZoom(z: number, anchorIpa?: number): void {
  autoOverview = false;
  zoomIndex = Math.max(0, Math.min(ZOOMS.length - 1, z));
  relayout();
  if (anchorIpa !== undefined) scrollToIpa(anchorIpa);
  scheduleDraw();
}

function scrollToIpa(ipa: number): void {
  const loc = locate(ipa);
  if (!loc || !layout) return;
  const r = cellRect(layout, loc.region, Math.floor(loc.page / layout.zoom.stride));
  scrollTop = Math.max(0, Math.min(r.y - canvas.clientHeight / 2, layout.height - canvas.clientHeight));
}

function pin(ipa: number): void {
  pinnedIpa = ipa;
  details.classList.add('open');
  details.textContent = `Page ${hex(ipa)}: loading…`;
  post({ type: 'requestDetails', ipa });
  scheduleDraw();
}

function ipaOf(region: number, cell: number): number {
  return regions[region].base + cell * layout!.zoom.stride * pageSize;
}

function announceCursor(): void {
  if (!cursor || !layout) return;
  const h: Hit = {
    region: cursor.region,
    cell: cursor.cell,
    firstPage: cursor.cell * layout.zoom.stride,
    pages: Math.min(layout.zoom.stride, regions[cursor.region].pages - cursor.cell * layout.zoom.stride),
  };
  $('announce').textContent = describeHit(h).replace('\n', ': ');
}

function moveCursor(delta: number): void {
  if (!layout || regions.length === 0) return;
  let { region, cell } = cursor ?? { region: 0, cell: 0 };
  if (cursor) {
    cell += delta;
    while (cell < 0 && region > 0) cell += layout.boxes[--region].cells;
    while (cell >= layout.boxes[region].cells && region < regions.length - 1) cell -= layout.boxes[region++].cells;
    cell = Math.max(0, Math.min(layout.boxes[region].cells - 1, cell));
  }
  cursor = { region, cell };
  const r = cellRect(layout, region, cell);
  if (r.y < scrollTop) scrollTop = r.y - 4;
  else if (r.y + layout.zoom.px > scrollTop + canvas.clientHeight) scrollTop = r.y + layout.zoom.px - canvas.clientHeight + 4;
  announceCursor();
  scheduleDraw();
}

canvas.addEventListener('mousemove', (ev) => {
  const h = hitAt(ev);
  if (!h) {
    tooltip.style.display = 'none';
    return;
  }
  tooltip.textContent = describeHit(h);
  tooltip.style.display = 'block';
  const wrap = canvas.getBoundingClientRect();
  tooltip.style.left = `${Math.min(ev.clientX - wrap.left + 12, wrap.width - 260)}px`;
  tooltip.style.top = `${ev.clientY - wrap.top + 12}px`;
});
canvas.addEventListener('mouseleave', () => (tooltip.style.display = 'none'));
canvas.addEventListener('click', (ev) => {
  const h = hitAt(ev);
  if (!h) return;
  cursor = { region: h.region, cell: h.cell };
  const ipa = regions[h.region].base + h.firstPage * pageSize;
  if (h.pages > 1) setZoom(ZOOMS.findIndex((z) => z.stride === 1), ipa); // a summary cell: zoom to its pages
  pin(ipa);
});
canvas.addEventListener('wheel', (ev) => {
  ev.preventDefault();
  if (ev.ctrlKey) {
    const h = hitAt(ev);
    setZoom(zoomIndex + (ev.deltaY < 0 ? 1 : -1), h ? regions[h.region].base + h.firstPage * pageSize : undefined);
    return;
  }
  if (!layout) return;
  scrollTop = Math.max(0, Math.min(scrollTop + ev.deltaY, layout.height - canvas.clientHeight));
  scheduleDraw();
}, { passive: false });
canvas.addEventListener('keydown', (ev) => {
  if (!layout) return;
  const cols = layout.columns;
  const page = Math.max(1, Math.floor(canvas.clientHeight / pitchOf(layout.zoom))) * cols;
  const keys: Record<string, () => void> = {
    ArrowRight: () => moveCursor(1),
    ArrowLeft: () => moveCursor(-1),
    ArrowDown: () => moveCursor(cols),
    ArrowUp: () => moveCursor(-cols),
    PageDown: () => moveCursor(page),
    PageUp: () => moveCursor(-page),
    Home: () => ((cursor = null), moveCursor(0)),
    End: () => moveCursor(Number.MAX_SAFE_INTEGER),
    Enter: () => cursor && pin(ipaOf(cursor.region, cursor.cell)),
    '+': () => setZoom(zoomIndex + 1, cursor ? ipaOf(cursor.region, cursor.cell) : undefined),
    '=': () => setZoom(zoomIndex + 1, cursor ? ipaOf(cursor.region, cursor.cell) : undefined),
    '-': () => setZoom(zoomIndex - 1, cursor ? ipaOf(cursor.region, cursor.cell) : undefined),
    '0': () => ((autoOverview = true), relayout(), scheduleDraw()),
  };
  const f = keys[ev.key];
  if (f) {
    ev.preventDefault();
    f();
  }
});
$('zoomIn').addEventListener('click', () => setZoom(zoomIndex + 1));
$('zoomOut').addEventListener('click', () => setZoom(zoomIndex - 1));
$('overview').addEventListener('click', () => ((autoOverview = true), relayout(), scheduleDraw()));
new ResizeObserver(() => {
  relayout();
  scheduleDraw();
}).observe(canvas);
// VS Code switches theme by changing the body class: re-read the colours.
new MutationObserver(() => {
  palette = readPalette();
  paletteRgba = toRgba(palette);
  renderLegend();
  scheduleDraw();
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

function renderLegend(): void {
  const ul = $('legend');
  ul.textContent = '';
  for (const cat of LEGEND_ORDER) {
    const li = document.createElement('li');
    const sw = document.createElement('span');
    sw.className = 'swatch';
    sw.style.background = palette.categories[cat];
    li.append(sw, document.createTextNode(CATEGORY_NAMES[cat]));
    li.dataset.category = String(cat);
    ul.append(li);
  }
  const marks = document.createElement('li');
  marks.textContent = '▘ NOT_MAPPABLE  ▗ PRIVATE  □ changed since last stop';
  ul.append(marks);
}

function renderDetails(msg: Extract<ToWebview, { type: 'details' }>): void {
  if (msg.ipa !== pinnedIpa) return;
  details.textContent = '';
  const h = document.createElement('h3');
  h.textContent = `Page ${hex(msg.ipa)}`;
  const table = document.createElement('table');
  for (const f of msg.fields) {
    const tr = table.insertRow();
    tr.insertCell().textContent = f.label;
    tr.insertCell().textContent = f.value;
  }
  const hh = document.createElement('h4');
  hh.textContent = msg.history.length ? 'History' : 'History: no event has changed this page';
  const ol = document.createElement('ol');
  for (const e of msg.history) {
    const li = document.createElement('li');
    li.textContent = `${e.at}: ${e.text}`;
    ol.append(li);
  }
  const btn = document.createElement('button');
  btn.id = 'breakOnPage';
  btn.textContent = 'Break when this page changes';
  btn.addEventListener('click', () => post({ type: 'breakOnPage', ipa: msg.ipa }));
  const close = document.createElement('button');
  close.textContent = 'Close';
  close.addEventListener('click', () => {
    details.classList.remove('open');
    pinnedIpa = null;
    scheduleDraw();
  });
  details.append(h, table, hh, ol, btn, document.createTextNode(' '), close);
}

window.addEventListener('message', (ev: MessageEvent<ToWebview>) => {
  const msg = ev.data;
  switch (msg.type) {
    case 'session':
      document.body.classList.toggle('no-session', msg.session === null);
      $('title').textContent = msg.session ? msg.session.name : '';
      if (!msg.session) {
        regions = [];
        tiles.clear();
        staleTiles.clear();
        pending.clear();
      }
      break;
    case 'layout':
      regions = msg.regions;
      pageSize = msg.pageSize;
      tiles.clear();
      staleTiles.clear();
      pending.clear();
      autoOverview = true;
      relayout();
      scheduleDraw();
      break;
    case 'cells': {
      const key = `${msg.region}:${msg.stride}:${Math.floor(msg.firstCell / TILE_CELLS)}`;
      pending.delete(key);
      tiles.set(key, msg.cells instanceof Uint8Array ? msg.cells : Uint8Array.from(msg.cells));
      scheduleDraw();
      break;
    }
    case 'stopped':
      staleTiles = tiles;
      tiles = new Map();
      pending.clear();
      if (pinnedIpa !== null) post({ type: 'requestDetails', ipa: pinnedIpa });
      scheduleDraw();
      break;
    case 'details':
      renderDetails(msg);
      break;
  }
});

renderLegend();
post({ type: 'ready' });
