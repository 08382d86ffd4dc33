/**
 * pkvm-debug's custom DAP requests and events, shared by the adapter, the extension
 * (memory-map view, commands) and tests. Other DAP clients may use them too.
 * All addresses are numbers (guest IPAs are below 2^40, so they are exact).
 */

export const CUSTOM = {
  /** Memslots/devices of the VM and the page size. */
  layout: 'pkvm/layout',
  /** Compact per-page cells (engine/view/pageCell.ts) for a range of one region. */
  pageCells: 'pkvm/pageCells',
  /** Every field of one page and the events that changed it. */
  pageDetails: 'pkvm/pageDetails',
  /** Break when a page's ownership or attributes change (a data breakpoint on page state). */
  breakOnPage: 'pkvm/breakOnPage',
  /** Events since a given sequence number (the model's event log). */
  events: 'pkvm/events',
  /** Switch register/variable formatting between hex and decimal. */
  setFormat: 'pkvm/setFormat',
  /** Run a host what-if command (`host read …`, `kvm read-guest-page …`) as the Debug Console would. */
  hostCommand: 'pkvm/hostCommand',
} as const;

/** Sent when page state may have changed (a stop, a host command): views refetch what they show. */
export const PAGES_CHANGED_EVENT = 'pkvm/pagesChanged';

export interface LayoutRegion {
  name: string;
  base: number;
  pages: number;
  kind: 'ram' | 'mmio';
}
export interface LayoutResponseBody {
  pageSize: number;
  regions: LayoutRegion[];
  profile: string;
}

export interface PageCellsArguments {
  region: number;
  /** Pages summarised per cell (1 = one cell per page). */
  stride: number;
  firstCell: number;
  count: number;
}
export interface PageCellsResponseBody {
  region: number;
  stride: number;
  firstCell: number;
  /** base64 of one byte per cell. */
  cells: string;
  /** Run-length summary of the whole region by category name, e.g. { "guest-private": 12 }. */
  summary: Record<string, number>;
}

export interface PageDetailsArguments {
  ipa: number;
}
export interface PageDetailsResponseBody {
  ipa: number;
  fields: Array<{ label: string; value: string }>;
  history: Array<{ at: string; text: string }>;
}

export interface BreakOnPageArguments {
  ipa: number;
}

export interface SetFormatArguments {
  format: 'hex' | 'decimal';
}

export interface HostCommandArguments {
  command: string;
}
export interface HostCommandResponseBody {
  output: string;
}

export interface PagesChangedEventBody {
  /** Increases with every change, so a view can drop stale answers. */
  generation: number;
}
