/**
 * A hypervisor on a small RAM, with one VM, for scenarios at the hypervisor level
 * (they call the transition functions directly, as the kernel's ownership selftest does).
 */
import { Cpu } from '../../../engine/cpu/cpu';
import { a64Table } from '../../../engine/cpu/encodings';
import type { Profile } from '../../../engine/config/profile';
import { HypVcpu, HypVm } from '../../../engine/hyp/hypVm';
import { PageState, stateName } from '../../../engine/hyp/pageState';
import { PhysMemory } from '../../../engine/hyp/physMemory';
import { Pkvm } from '../../../engine/hyp/pkvm';
import { TransitionRecord } from '../../../engine/hyp/transitionRecord';

export const RAM_BASE_PFN = 0x80000;
export const RAM_PAGES = 4096;

export interface HypFixture {
  hyp: Pkvm;
  vm: HypVm;
  vcpu: HypVcpu;
  records: TransitionRecord[];
  /** A fresh host-owned frame (never used by anything else in the fixture). */
  freshPfn(): number;
  states(pfn: number, gfn?: number, vm?: HypVm): { host: string; hyp: string; guest: string };
}

export function hypFixture(opts: { protected?: boolean; profile?: Profile } = {}): HypFixture {
  const mem = new PhysMemory(RAM_BASE_PFN, RAM_PAGES);
  const hyp = new Pkvm(mem, opts.profile ?? 'upstream');
  const records: TransitionRecord[] = [];
  hyp.observer = { onTransition: (r) => records.push(r) };
  let next = RAM_BASE_PFN + 16;
  const freshPfn = (): number => next++;
  const handle = hyp.initVm(opts.protected ?? true, [freshPfn()]);
  if (handle < 0) throw new Error(`initVm failed: ${handle}`);
  const vm = hyp.vm(handle);
  const cpu = new Cpu(0, vm.stage2, a64Table());
  const vcpu = hyp.initVcpu(vm, cpu, freshPfn());
  if (typeof vcpu === 'number') throw new Error(`initVcpu failed: ${vcpu}`);
  // Align the first guest-usable frame so block tests have room.
  next = RAM_BASE_PFN + 1024;
  return {
    hyp,
    vm,
    vcpu,
    records,
    freshPfn,
    states(pfn, gfn, v = vm) {
      return {
        host: stateName(hyp.vmemmap.host(pfn)),
        hyp: stateName(hyp.vmemmap.hyp(pfn)),
        guest: gfn === undefined ? 'n/a' : stateName(v.stage2.state(gfn) as PageState),
      };
    },
  };
}

/** Fill a frame with a byte so zeroing is observable. */
export function fill(hyp: Pkvm, pfn: number, byte: number): void {
  hyp.mem.page(pfn).u8.fill(byte);
}
