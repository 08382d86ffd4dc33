/**
 * Creating and destroying VMs at EL2 (pkvm.c `__pkvm_init_vm`, `__pkvm_init_vcpu`,
 * `__pkvm_start_teardown_vm`, `__pkvm_finalize_teardown_vm`). The host donates pages
 * for the hypervisor's VM and vCPU state; teardown zeroes them and gives them back.
 */
import type { Cpu } from '../cpu/cpu';
import { EBUSY, EINVAL, ENOENT, ENOMEM } from './errno';
import { GuestStage2 } from './guestStage2';
import { HypContext, runTransition } from './hypContext';
import { hostDonateHyp, hypDonateHost } from './hostHypTransitions';
import { HypVcpu, HypVm } from './hypVm';
import { HANDLE_OFFSET } from './pageState';

/** KVM_MAX_PVMS is a build-time constant; the model allows this many VMs at once. */
export const MAX_VMS = 255;

export interface VmTable {
  readonly vms: Map<number, HypVm>;
}

/** `__pkvm_init_vm`: donate the metadata pages, allocate a handle, create the stage-2. Returns the handle or -errno. */
export function initVm(ctx: HypContext, table: VmTable, isProtected: boolean, metadataPfns: number[]): number {
  return runTransition(ctx, 'init_vm', { protected: isProtected ? 1 : 0, pages: metadataPfns.length }, [], () => {
    let slot = 0;
    while (slot < MAX_VMS && table.vms.has(HANDLE_OFFSET + slot)) slot++;
    if (slot === MAX_VMS) return -ENOMEM;
    const donated: number[] = [];
    for (const pfn of metadataPfns) {
      const r = hostDonateHyp(ctx, pfn);
      if (r) {
        for (const d of donated) hypDonateHost(ctx, d);
        return r;
      }
      donated.push(pfn);
    }
    const handle = HANDLE_OFFSET + slot;
    table.vms.set(handle, new HypVm(handle, isProtected, new GuestStage2(ctx.mem), donated));
    return handle;
  });
}

/** `__pkvm_init_vcpu`: donate the vCPU's state page and attach its CPU. */
export function initVcpu(ctx: HypContext, vm: HypVm, cpu: Cpu, metadataPfn: number): HypVcpu | number {
  const r = hostDonateHyp(ctx, metadataPfn);
  if (r) return r;
  const vcpu = new HypVcpu(vm, vm.vcpus.length, cpu, metadataPfn);
  vm.vcpus.push(vcpu);
  cpu.bus = vm.stage2;
  return vcpu;
}

export function startTeardownVm(ctx: HypContext, table: VmTable, handle: number): number {
  return runTransition(ctx, 'start_teardown_vm', { handle }, [], () => {
    const vm = table.vms.get(handle);
    if (!vm) return -ENOENT;
    if (vm.vcpus.some((v) => v.loaded)) return -EBUSY;
    if (vm.isDying) return -EINVAL;
    vm.isDying = true;
    return 0;
  });
}

/** Returns the metadata pages to the host (zeroed) and frees the handle. */
export function finalizeTeardownVm(ctx: HypContext, table: VmTable, handle: number): number {
  const vm = table.vms.get(handle);
  const ret = runTransition(ctx, 'finalize_teardown_vm', { handle }, [], () => {
    if (!vm) return -ENOENT;
    if (!vm.isDying) return -EBUSY;
    return 0;
  });
  if (ret || !vm) return ret;
  vm.stage2.destroy();
  for (const pfn of [...vm.metadataPfns, ...vm.vcpus.map((v) => v.metadataPfn)]) {
    ctx.mem.zero(pfn);
    hypDonateHost(ctx, pfn);
  }
  table.vms.delete(handle);
  return 0;
}
