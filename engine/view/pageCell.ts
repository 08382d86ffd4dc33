/**
 * The compact per-page state the memory-map view draws: one byte per page (or per
 * group of pages at overview zoom), so a 4 GiB guest (one million pages) is 1 MiB.
 *
 *   bits 0-3  category (PageCategory)
 *   bit  4    NOT_MAPPABLE (rfc-2024 kernel attribute) set on the page
 *   bit  5    PRIVATE (user memory attribute) set on the page
 *   bit  6    changed since the previous stop
 *   bit  7    host userspace has the page mapped (map count > 0)
 *
 * When several pages are summarised into one cell, the category with the highest
 * `CATEGORY_PRIORITY` wins and the flag bits are OR-ed, so nothing notable disappears
 * at low zoom.
 */

export const enum PageCategory {
  /** No memslot: nothing backs this IPA. */
  Unbacked = 0,
  /** Emulated device window (MMIO exits to the VMM). */
  Mmio = 1,
  /** Backed, never faulted into the guest: host owns it (guest NOPAGE). */
  NotFaulted = 2,
  /** Host-owned and mapped by host userspace (e.g. the image before the first run). */
  HostMapped = 3,
  /** Guest-private: guest OWNED, host NOPAGE. */
  GuestPrivate = 4,
  /** Shared by the guest (SHARED_OWNED / host SHARED_BORROWED) and mapped by the VMM. */
  SharedMapped = 5,
  /** Shared by the guest but not mapped by host userspace. */
  SharedUnmapped = 6,
  /** Relinquished by the guest and reclaimed (zeroed) by the host. */
  Relinquished = 7,
  /** Forcibly reclaimed after a host access (upstream profile): guest POISON. */
  Poisoned = 8,
  /** Owned by or shared with the hypervisor. */
  Hyp = 9,
  /** The model's invariant is broken on this page. */
  Violation = 10,
}

export const CATEGORY_COUNT = 11;

export const CATEGORY_NAMES: readonly string[] = [
  'unbacked',
  'MMIO',
  'not faulted in',
  'host-mapped',
  'guest-private',
  'shared, host-mapped',
  'shared, not mapped',
  'relinquished',
  'poisoned',
  'hypervisor',
  'invariant violation',
];

/** Higher wins when pages are summarised into one cell. */
export const CATEGORY_PRIORITY: readonly number[] = [0, 1, 2, 3, 5, 7, 6, 4, 8, 9, 10];

export const CELL_CATEGORY_MASK = 0x0f;
export const CELL_NOT_MAPPABLE = 0x10;
export const CELL_PRIVATE = 0x20;
export const CELL_CHANGED = 0x40;
export const CELL_HOST_MAPPED = 0x80;

export function cellCategory(cell: number): PageCategory {
  return (cell & CELL_CATEGORY_MASK) as PageCategory;
}

/** Merge `cell` into the summary `acc` (category by priority, flags OR-ed). */
export function mergeCell(acc: number, cell: number): number {
  const a = acc & CELL_CATEGORY_MASK;
  const c = cell & CELL_CATEGORY_MASK;
  const cat = CATEGORY_PRIORITY[c] > CATEGORY_PRIORITY[a] ? c : a;
  return ((acc | cell) & ~CELL_CATEGORY_MASK) | cat;
}

/**
 * Summarise `pages` (one byte per page) into cells of `stride` pages each:
 * `out[k]` covers pages [k*stride, (k+1)*stride).
 */
export function summariseCells(pages: Uint8Array, stride: number, out = new Uint8Array(Math.ceil(pages.length / stride))): Uint8Array {
  if (stride <= 1) {
    out.set(pages.subarray(0, out.length));
    return out;
  }
  for (let k = 0, p = 0; k < out.length; k++) {
    const end = Math.min(p + stride, pages.length);
    let acc = pages[p];
    for (let q = p + 1; q < end; q++) {
      const v = pages[q];
      if (v !== acc) acc = mergeCell(acc, v);
    }
    out[k] = acc;
    p = end;
  }
  return out;
}

export function describeCell(cell: number): string {
  const parts = [CATEGORY_NAMES[cell & CELL_CATEGORY_MASK] ?? 'unknown'];
  if (cell & CELL_PRIVATE) parts.push('PRIVATE');
  if (cell & CELL_NOT_MAPPABLE) parts.push('NOT_MAPPABLE');
  if (cell & CELL_HOST_MAPPED) parts.push('host-mapped');
  if (cell & CELL_CHANGED) parts.push('changed');
  return parts.join(', ');
}
