/**
 * One VM's guest stage-2 as the hypervisor keeps it: per IPA frame a leaf entry with
 * the guest page state in its software bits, the output frame and the permissions;
 * invalid entries are NOPAGE, or POISON when annotated after a forced reclaim.
 *
 * Stored as last-level tables of 512 entries (typed arrays) created on demand, which is
 * also the granule of a level-2 block: a table can be marked as one block mapping
 * (non-protected guests only). This is the `Stage2Bus` the guest's vCPUs translate
 * through, so the CPU sees exactly what the hypervisor mapped.
 */
import { Stage2Bus } from '../memory/bus';
import { PhysPage } from '../memory/physPage';
import { PhysMemory } from './physMemory';
import { PageState, PROT_R, PROT_RWX, PROT_W, PROT_X, PTRS_PER_TABLE } from './pageState';

/** Access flag kept beside the permissions (test_clear_young / mkyoung). */
export const PTE_YOUNG = 8;

class LeafTable {
  readonly state = new Uint8Array(PTRS_PER_TABLE).fill(PageState.NOPAGE);
  readonly pfn = new Int32Array(PTRS_PER_TABLE).fill(-1);
  readonly prot = new Uint8Array(PTRS_PER_TABLE);
  /** Valid entries (OWNED / SHARED_*), to drop empty tables and count mappings. */
  valid = 0;
  /** Mapped as one level-2 block (all 512 entries share it). */
  block = false;
}

export interface GuestPte {
  state: PageState;
  pfn: number;
  prot: number;
  /** 3 for a page, 2 for a block. */
  level: 2 | 3;
}

export class GuestStage2 implements Stage2Bus {
  private readonly tables = new Map<number, LeafTable>();
  generation = 0;
  /** Called with the frame whenever an entry changes (dirty tracking for page queries). */
  onChange: ((gfn: number) => void) | null = null;

  constructor(readonly mem: PhysMemory) {}

  translate(gfn: number, write: boolean, fetch: boolean): PhysPage | null {
    const t = this.tables.get(Math.floor(gfn / PTRS_PER_TABLE));
    if (!t) return null;
    const k = gfn % PTRS_PER_TABLE;
    if (t.state[k] >= PageState.NOPAGE) return null;
    const need = fetch ? PROT_X : write ? PROT_W : PROT_R;
    if ((t.prot[k] & need) === 0) return null;
    return this.mem.page(t.pfn[k]);
  }

  /** The entry at `gfn`: NOPAGE/POISON entries report pfn -1 (POISON keeps no output address). */
  get(gfn: number): GuestPte {
    const t = this.tables.get(Math.floor(gfn / PTRS_PER_TABLE));
    if (!t) return { state: PageState.NOPAGE, pfn: -1, prot: 0, level: 3 };
    const k = gfn % PTRS_PER_TABLE;
    return { state: t.state[k] as PageState, pfn: t.pfn[k], prot: t.prot[k], level: t.block ? 2 : 3 };
  }

  state(gfn: number): PageState {
    const t = this.tables.get(Math.floor(gfn / PTRS_PER_TABLE));
    return t ? (t.state[gfn % PTRS_PER_TABLE] as PageState) : PageState.NOPAGE;
  }

  /** Install a valid level-3 entry. */
  map(gfn: number, pfn: number, state: PageState, prot: number = PROT_RWX): void {
    const t = this.table(gfn);
    const k = gfn % PTRS_PER_TABLE;
    if (t.state[k] >= PageState.NOPAGE) t.valid++;
    else this.generation++; // replacing a valid entry: vCPUs must drop cached translations
    t.state[k] = state;
    t.pfn[k] = pfn;
    t.prot[k] = prot;
    this.onChange?.(gfn);
  }

  /** Map a whole 512-page block (gfn and pfn block aligned). */
  mapBlock(gfn: number, pfn: number, state: PageState, prot: number): void {
    for (let k = 0; k < PTRS_PER_TABLE; k++) this.map(gfn + k, pfn + k, state, prot);
    this.table(gfn).block = true;
  }

  /** Change the software state of a valid entry, keeping its output and permissions. */
  setState(gfn: number, state: PageState): void {
    const t = this.table(gfn);
    t.state[gfn % PTRS_PER_TABLE] = state;
    this.onChange?.(gfn);
  }

  setProt(gfn: number, prot: number): void {
    const t = this.table(gfn);
    const k = gfn % PTRS_PER_TABLE;
    const removed = t.prot[k] & ~prot & PROT_RWX;
    t.prot[k] = prot;
    if (removed) this.generation++;
    this.onChange?.(gfn);
  }

  /** Invalidate the entry (NOPAGE), or annotate it POISON. */
  unmap(gfn: number, annotate: typeof PageState.NOPAGE | typeof PageState.POISON = PageState.NOPAGE): void {
    const key = Math.floor(gfn / PTRS_PER_TABLE);
    const t = this.tables.get(key);
    if (!t && annotate === PageState.NOPAGE) return;
    const table = t ?? this.table(gfn);
    const k = gfn % PTRS_PER_TABLE;
    if (table.state[k] < PageState.NOPAGE) {
      table.valid--;
      this.generation++;
    }
    table.state[k] = annotate;
    table.pfn[k] = -1;
    table.prot[k] = 0;
    if (table.valid === 0) table.block = false;
    if (table.valid === 0 && annotate === PageState.NOPAGE && !table.state.includes(PageState.POISON)) {
      this.tables.delete(key);
    }
    this.onChange?.(gfn);
  }

  /** States and frames of `n` consecutive entries from `gfn` (fast path for range queries). */
  readRange(gfn: number, n: number, states: Uint8Array, pfns: Int32Array): void {
    for (let k = 0; k < n; ) {
      const g = gfn + k;
      const t = this.tables.get(Math.floor(g / PTRS_PER_TABLE));
      const i0 = g % PTRS_PER_TABLE;
      const m = Math.min(n - k, PTRS_PER_TABLE - i0);
      if (t) {
        states.set(t.state.subarray(i0, i0 + m), k);
        pfns.set(t.pfn.subarray(i0, i0 + m), k);
      } else {
        states.fill(PageState.NOPAGE, k, k + m);
        pfns.fill(-1, k, k + m);
      }
      k += m;
    }
  }

  /** Every frame with a valid or annotated entry, in IPA order (teardown, queries). */
  *entries(): Generator<{ gfn: number } & GuestPte> {
    const keys = [...this.tables.keys()].sort((a, b) => a - b);
    for (const key of keys) {
      const t = this.tables.get(key);
      if (!t) continue;
      for (let k = 0; k < PTRS_PER_TABLE; k++) {
        if (t.state[k] === PageState.NOPAGE) continue;
        yield { gfn: key * PTRS_PER_TABLE + k, state: t.state[k] as PageState, pfn: t.pfn[k], prot: t.prot[k], level: t.block ? 2 : 3 };
      }
    }
  }

  /** Number of valid entries. */
  get mappedPages(): number {
    let n = 0;
    for (const t of this.tables.values()) n += t.valid;
    return n;
  }

  /** Destroy the whole table (teardown): every entry becomes NOPAGE. */
  destroy(): void {
    const gfns = [...this.entries()].map((e) => e.gfn);
    this.tables.clear();
    this.generation++;
    for (const g of gfns) this.onChange?.(g);
  }

  private table(gfn: number): LeafTable {
    const key = Math.floor(gfn / PTRS_PER_TABLE);
    let t = this.tables.get(key);
    if (!t) {
      t = new LeafTable();
      this.tables.set(key, t);
    }
    return t;
  }
}
