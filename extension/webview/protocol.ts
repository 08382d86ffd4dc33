/**
 * Messages between the extension (memoryMapPanel.ts) and the memory-map webview.
 * The webview pulls cells for what is visible; the extension answers from the debug
 * adapter's `pkvm/pageCells` request and pushes `stopped` when state may have changed.
 */

export interface MapRegion {
  /** Memslot or device name, e.g. "RAM (slot 0, guest_memfd)". */
  name: string;
  /** First IPA of the region (bytes). */
  base: number;
  pages: number;
  kind: 'ram' | 'mmio';
}

export type ToWebview =
  | { type: 'session'; session: { id: string; name: string } | null }
  | { type: 'layout'; pageSize: number; regions: MapRegion[] }
  /** Cells for `count` cells starting at cell `firstCell` of a region at `stride` pages per cell. */
  | { type: 'cells'; region: number; stride: number; firstCell: number; cells: Uint8Array | number[] }
  /** State changed (a stop, a host command): drop cached cells and fetch what is visible again. */
  | { type: 'stopped'; generation: number }
  | {
      type: 'details';
      ipa: number;
      fields: Array<{ label: string; value: string }>;
      history: Array<{ at: string; text: string }>;
    };

export type FromWebview =
  | { type: 'ready' }
  | { type: 'requestCells'; region: number; stride: number; firstCell: number; count: number }
  | { type: 'requestDetails'; ipa: number }
  | { type: 'breakOnPage'; ipa: number };

/** Cells are requested in tiles of this many, so scrolling reuses what was fetched. */
export const TILE_CELLS = 16384;
