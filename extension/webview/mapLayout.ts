/**
 * Geometry of the memory map: regions stacked vertically, each a header row and a
 * grid of square cells, one cell per `stride` pages. Pure functions so they are
 * testable without a browser; the renderer and hit-testing share them.
 */
import type { MapRegion } from './protocol';

export interface Zoom {
  /** Pages summarised per cell. */
  stride: number;
  /** Cell edge in CSS pixels. */
  px: number;
}

/** From whole-VM overview to single, large pages. */
export const ZOOMS: readonly Zoom[] = [
  { stride: 256, px: 3 },
  { stride: 64, px: 3 },
  { stride: 16, px: 3 },
  { stride: 4, px: 4 },
  { stride: 1, px: 4 },
  { stride: 1, px: 8 },
  { stride: 1, px: 14 },
  { stride: 1, px: 22 },
];

export const HEADER_PX = 22;
export const GAP = 1;

export interface RegionBox {
  region: number;
  /** Top of the header, in content coordinates. */
  top: number;
  gridTop: number;
  rows: number;
  cells: number;
  bottom: number;
}

export interface Layout {
  zoom: Zoom;
  columns: number;
  boxes: RegionBox[];
  height: number;
}

export function computeLayout(regions: readonly MapRegion[], width: number, zoom: Zoom): Layout {
  const pitch = zoom.px + (zoom.px >= 4 ? GAP : 0);
  const columns = Math.max(1, Math.floor(width / pitch));
  const boxes: RegionBox[] = [];
  let y = 0;
  regions.forEach((r, region) => {
    const cells = Math.ceil(r.pages / zoom.stride);
    const rows = Math.ceil(cells / columns);
    const gridTop = y + HEADER_PX;
    const bottom = gridTop + rows * pitch + 8;
    boxes.push({ region, top: y, gridTop, rows, cells, bottom });
    y = bottom;
  });
  return { zoom, columns, boxes, height: y };
}

export function pitchOf(zoom: Zoom): number {
  return zoom.px + (zoom.px >= 4 ? GAP : 0);
}

/** The zoom that shows every page of the VM in `height` pixels (the overview), or the coarsest. */
export function overviewZoom(regions: readonly MapRegion[], width: number, height: number): number {
  for (let z = ZOOMS.length - 1; z >= 0; z--) {
    if (computeLayout(regions, width, ZOOMS[z]).height <= height) return z;
  }
  return 0;
}

export interface Hit {
  region: number;
  cell: number;
  /** First page (index within the region) the cell covers, and how many. */
  firstPage: number;
  pages: number;
}

/** The cell under content coordinates (x, y), if any. */
export function hitTest(layout: Layout, regions: readonly MapRegion[], x: number, y: number): Hit | null {
  const pitch = pitchOf(layout.zoom);
  for (const b of layout.boxes) {
    if (y < b.gridTop || y >= b.gridTop + b.rows * pitch) continue;
    const col = Math.floor(x / pitch);
    if (col < 0 || col >= layout.columns) return null;
    const cell = Math.floor((y - b.gridTop) / pitch) * layout.columns + col;
    if (cell >= b.cells) return null;
    const firstPage = cell * layout.zoom.stride;
    const pages = Math.min(layout.zoom.stride, regions[b.region].pages - firstPage);
    return { region: b.region, cell, firstPage, pages };
  }
  return null;
}

/** Content-space rectangle of a cell. */
export function cellRect(layout: Layout, region: number, cell: number): { x: number; y: number; size: number } {
  const pitch = pitchOf(layout.zoom);
  const b = layout.boxes[region];
  return {
    x: (cell % layout.columns) * pitch,
    y: b.gridTop + Math.floor(cell / layout.columns) * pitch,
    size: layout.zoom.px,
  };
}

/** Cell ranges of each region intersecting the viewport [top, top + height). */
export function visibleCells(layout: Layout, top: number, height: number): Array<{ region: number; first: number; count: number }> {
  const pitch = pitchOf(layout.zoom);
  const out: Array<{ region: number; first: number; count: number }> = [];
  for (const b of layout.boxes) {
    const gridBottom = b.gridTop + b.rows * pitch;
    if (gridBottom <= top || b.gridTop >= top + height) continue;
    const r0 = Math.max(0, Math.floor((top - b.gridTop) / pitch));
    const r1 = Math.min(b.rows, Math.ceil((top + height - b.gridTop) / pitch));
    const first = r0 * layout.columns;
    const count = Math.min(b.cells, r1 * layout.columns) - first;
    if (count > 0) out.push({ region: b.region, first, count });
  }
  return out;
}

export function hex(n: number): string {
  return '0x' + n.toString(16).padStart(8, '0');
}
