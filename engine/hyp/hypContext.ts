/**
 * What the transition functions operate on: physical memory, the per-frame metadata,
 * the VM table and the observer every transition reports to. `runTransition` is the
 * single place a transition's before/after states are captured and reported, and where
 * the "an error changes nothing" rule is checked.
 */
import { HypVm } from './hypVm';
import { HypVmemmap } from './hypVmemmap';
import { PhysMemory } from './physMemory';
import { ComponentStates, HypObserver, PageChange, TransitionOp } from './transitionRecord';

export interface HypContext {
  readonly mem: PhysMemory;
  readonly vmemmap: HypVmemmap;
  vmByHandle(handle: number): HypVm | undefined;
  readonly observer: HypObserver | null;
  /** Set by the host when it wants the running vCPU back as soon as possible (e.g. a scripted action is due). */
  preemptRequested?: boolean;
}

/** A page a transition examines: a host frame, a guest entry, or both. */
export interface PageRef {
  pfn?: number;
  vm?: HypVm;
  gfn?: number;
}

/** A bug in the model itself (a transition broke its own rules); never a guest or host error. */
export class ModelError extends Error {}

function snapshot(ctx: HypContext, r: PageRef): ComponentStates {
  const ram = r.pfn !== undefined && ctx.mem.isRam(r.pfn);
  return {
    host: ram ? ctx.vmemmap.host(r.pfn!) : null,
    hyp: ram ? ctx.vmemmap.hyp(r.pfn!) : null,
    guest: r.vm && r.gfn !== undefined ? r.vm.stage2.state(r.gfn) : null,
  };
}

const same = (a: ComponentStates, b: ComponentStates): boolean => a.host === b.host && a.hyp === b.hyp && a.guest === b.guest;

/**
 * Run one transition: `body` checks every precondition and returns an error without
 * touching anything, or applies every change and returns 0 (mem_protect.c's
 * "check all, then apply").
 */
export function runTransition(
  ctx: HypContext,
  op: TransitionOp,
  args: Record<string, number>,
  refs: PageRef[],
  body: () => number,
): number {
  const before = refs.map((r) => snapshot(ctx, r));
  const ret = body();
  const pages: PageChange[] = refs.map((r, k) => ({
    pfn: r.pfn ?? null,
    vm: r.vm ? r.vm.handle : null,
    gfn: r.gfn ?? null,
    before: before[k],
    after: snapshot(ctx, r),
  }));
  if (ret < 0) {
    const moved = pages.find((p) => !same(p.before, p.after));
    if (moved) throw new ModelError(`${op} returned ${ret} but changed the state of pfn ${moved.pfn} / gfn ${moved.gfn}`);
  }
  ctx.observer?.onTransition({ op, args, ret, pages });
  return ret;
}
