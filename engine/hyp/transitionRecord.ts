/**
 * What every hypervisor transition reports: its name and arguments, its return value,
 * and for every page it examined the host / hyp / guest state before and after. A
 * failing transition reports identical before and after states (it changes nothing).
 */
import { PageState } from './pageState';

export interface ComponentStates {
  /** Null when the frame is not RAM (or unknown, e.g. an unmapped guest entry's frame). */
  host: PageState | null;
  hyp: PageState | null;
  /** Null when the transition does not involve a guest entry. */
  guest: PageState | null;
}

export interface PageChange {
  /** Host physical frame, or null when no frame is involved (e.g. an empty guest entry). */
  pfn: number | null;
  /** VM handle and guest frame, when a guest entry is involved. */
  vm: number | null;
  gfn: number | null;
  before: ComponentStates;
  after: ComponentStates;
}

export type TransitionOp =
  | 'host_share_hyp'
  | 'host_unshare_hyp'
  | 'host_donate_hyp'
  | 'hyp_donate_host'
  | 'hyp_pin_shared_mem'
  | 'hyp_unpin_shared_mem'
  | 'host_share_ffa'
  | 'host_unshare_ffa'
  | 'host_share_guest'
  | 'host_unshare_guest'
  | 'host_donate_guest'
  | 'guest_share_host'
  | 'guest_unshare_host'
  | 'host_force_reclaim_page_guest'
  | 'host_reclaim_page_guest'
  | 'reclaim_dying_guest_page'
  | 'host_relax_perms_guest'
  | 'host_wrprotect_guest'
  | 'host_test_clear_young_guest'
  | 'host_mkyoung_guest'
  | 'vcpu_in_poison_fault'
  | 'guest_relinquish_to_host'
  | 'host_reclaim_page'
  | 'reclaim_guest_pages'
  | 'init_vm'
  | 'init_vcpu'
  | 'start_teardown_vm'
  | 'finalize_teardown_vm';

export interface TransitionRecord {
  op: TransitionOp;
  args: Readonly<Record<string, number>>;
  /** 0 or a negative errno (a few queries return 1 for "yes"). */
  ret: number;
  pages: PageChange[];
}

/**
 * A guest hypercall as EL2 saw it: `call` when the guest issues it (x0..x3 as passed),
 * `return` when the guest resumes with its result (x0..x3 as the guest sees them).
 */
export interface HypercallRecord {
  phase: 'call' | 'return';
  vm: number;
  vcpu: number;
  fn: number;
  /** x0..x3 (arguments for `call`, results for `return`). */
  regs: bigint[];
  /** Where it was answered: at EL2, by the host (after an exit), or turned into a stage-2 fault. */
  path: 'el2' | 'host' | 'fault-in';
}

export interface HypObserver {
  onTransition(rec: TransitionRecord): void;
  onHypercall?(rec: HypercallRecord): void;
}
