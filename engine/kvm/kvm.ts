/**
 * The host kernel side of the machine: physical RAM, the pKVM hypervisor it booted, the
 * page allocator, and `/dev/kvm` (KVM_CHECK_EXTENSION, KVM_CREATE_VM). One instance per
 * modelled machine.
 */
import type { Profile } from '../config/profile';
import { EINVAL } from '../hyp/errno';
import { PhysMemory } from '../hyp/physMemory';
import { Pkvm } from '../hyp/pkvm';
import { HostMemory } from './hostMemory';
import { KvmObserver } from './kvmObserver';
import { KvmHost, KvmVm } from './kvmVm';
import { KVM_CAP, KVM_VM_TYPE_ARM_IPA_SIZE_MASK, KVM_VM_TYPE_ARM_PROTECTED } from './uapi';

export interface KvmOptions {
  profile: Profile;
  /** Host RAM base physical address (page aligned). */
  ramBase: number;
  ramPages: number;
  /** Frames at the start of RAM the hypervisor owns from boot. */
  hypCarveoutPages: number;
}

export class Kvm implements KvmHost {
  readonly mem: PhysMemory;
  readonly hyp: Pkvm;
  readonly hostMem: HostMemory;
  readonly vms: KvmVm[] = [];
  observer: KvmObserver | null = null;
  private inode = 0x1000;

  constructor(readonly opts: KvmOptions) {
    const basePfn = opts.ramBase / 4096;
    this.mem = new PhysMemory(basePfn, opts.ramPages);
    this.hyp = new Pkvm(this.mem, opts.profile, opts.hypCarveoutPages > 0 ? { pfn: basePfn, pages: opts.hypCarveoutPages } : null);
    this.hostMem = new HostMemory(this.mem, basePfn + opts.hypCarveoutPages);
  }

  get profile(): Profile {
    return this.opts.profile;
  }

  nextInode(): number {
    return this.inode++;
  }

  /** KVM_CHECK_EXTENSION on /dev/kvm: answers for a default (non-protected) VM. */
  checkExtension(cap: number): bigint {
    if (cap === KVM_CAP.VM_TYPES) return 0n;
    return new KvmVm(this, 0, false).checkExtension(cap);
  }

  /** KVM_CREATE_VM(type): the IPA size in bits 7:0 (0 = the 40-bit default) and KVM_VM_TYPE_ARM_PROTECTED. */
  createVm(type: number): KvmVm | number {
    if (!Number.isInteger(type) || type < 0) return -EINVAL;
    const rest = type - (type >= KVM_VM_TYPE_ARM_PROTECTED ? KVM_VM_TYPE_ARM_PROTECTED : 0);
    if (rest & ~KVM_VM_TYPE_ARM_IPA_SIZE_MASK) return -EINVAL;
    const ipaBits = rest & KVM_VM_TYPE_ARM_IPA_SIZE_MASK;
    if (ipaBits !== 0 && ipaBits !== 40) return -EINVAL; // the model implements the 40-bit IPA space only
    const vm = new KvmVm(this, this.vms.length + 1, type >= KVM_VM_TYPE_ARM_PROTECTED);
    this.vms.push(vm);
    return vm;
  }
}
