/**
 * pKVM page states and component identifiers (arch/arm64/kvm/hyp/include/nvhe/memory.h
 * and mem_protect.h, upstream values). The host and hyp states live per physical page in
 * the hypervisor's vmemmap; the guest state lives in the guest stage-2 entry.
 */
export const PageState = {
  OWNED: 0,
  SHARED_OWNED: 1,
  SHARED_BORROWED: 2,
  /** Meta-state: not accessible at all (no valid mapping). */
  NOPAGE: 3,
  /** Guest-only meta-state: the entry was replaced by a poison annotation after forced reclaim. */
  POISON: 4,
} as const;
export type PageState = (typeof PageState)[keyof typeof PageState];

export const PAGE_STATE_NAMES = ['OWNED', 'SHARED_OWNED', 'SHARED_BORROWED', 'NOPAGE', 'POISON'] as const;
export type PageStateName = (typeof PAGE_STATE_NAMES)[number];

export function stateName(s: PageState): PageStateName {
  return PAGE_STATE_NAMES[s];
}

/** Whether a component holding this state can access the page. */
export function accessible(s: PageState): boolean {
  return s === PageState.OWNED || s === PageState.SHARED_OWNED || s === PageState.SHARED_BORROWED;
}

/** `enum pkvm_component_id`, also the lock order. */
export const ComponentId = { HOST: 0, HYP: 1, GUEST: 2 } as const;
export type ComponentId = (typeof ComponentId)[keyof typeof ComponentId];

/** Guest stage-2 permissions (KVM_PGTABLE_PROT_X/W/R). */
export const PROT_X = 1;
export const PROT_W = 2;
export const PROT_R = 4;
export const PROT_RWX = PROT_R | PROT_W | PROT_X;

/** [CORE] hyp page flags of the RFC era. */
export const HOST_PAGE_NEED_POISONING = 1;
export const HOST_PAGE_PENDING_RECLAIM = 2;

/** First pKVM VM handle (HANDLE_OFFSET); VMID = table index + 1. */
export const HANDLE_OFFSET = 0x1000;

/** Entries per last-level stage-2 table, i.e. pages per level-2 block with 4 KiB pages. */
export const PTRS_PER_TABLE = 512;
