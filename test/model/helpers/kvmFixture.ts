/**
 * Host KVM and one host process (the VMM's fd table and address space), driven through
 * the ioctl-level API as the kernel selftests drive /dev/kvm.
 */
import type { Profile } from '../../../engine/config/profile';
import { FdTable } from '../../../engine/kvm/fdTable';
import { GuestMemfd } from '../../../engine/kvm/guestMemfd';
import { HostMm } from '../../../engine/kvm/hostMm';
import { Kvm } from '../../../engine/kvm/kvm';
import { KvmVm } from '../../../engine/kvm/kvmVm';
import { MAP_SHARED, PROT_READ, PROT_WRITE } from '../../../engine/kvm/uapi';

export const PS = 4096;

export interface KvmFixture {
  kvm: Kvm;
  fds: FdTable;
  mm: HostMm;
  createVm(type?: number): KvmVm;
  gmem(vm: KvmVm, size: number, flags: bigint): { fd: number; file: GuestMemfd };
  mmapFile(fd: number, len: number, flags?: number, offset?: number): number;
  write(va: number, bytes: Uint8Array | number[]): void;
  read(va: number, len: number): Uint8Array;
}

export function kvmFixture(profile: Profile, ramPages = 8192): KvmFixture {
  const kvm = new Kvm({ profile, ramBase: 0x4000_0000, ramPages, hypCarveoutPages: 16 });
  const fds = new FdTable();
  const mm = new HostMm(kvm.hostMem, kvm.hyp, profile);
  const f: KvmFixture = {
    kvm,
    fds,
    mm,
    createVm(type = 0) {
      const vm = kvm.createVm(type);
      if (typeof vm === 'number') throw new Error(`KVM_CREATE_VM failed: ${vm}`);
      vm.mm = mm;
      return vm;
    },
    gmem(vm, size, flags) {
      const fd = vm.createGuestMemfd(size, flags, fds);
      if (fd < 0) throw new Error(`KVM_CREATE_GUEST_MEMFD failed: ${fd}`);
      return { fd, file: fds.get(fd) as GuestMemfd };
    },
    mmapFile(fd, len, flags = MAP_SHARED, offset = 0) {
      const file = fds.get(fd) as GuestMemfd;
      return mm.mmap(null, len, PROT_READ | PROT_WRITE, flags, file, offset);
    },
    write(va, bytes) {
      const r = mm.userAccess(va, bytes.length, true, Uint8Array.from(bytes));
      if (!r.ok) throw new Error(`write at 0x${va.toString(16)}: signal ${r.signal} (${r.why})`);
    },
    read(va, len) {
      const r = mm.userAccess(va, len, false);
      if (!r.ok) throw new Error(`read at 0x${va.toString(16)}: signal ${r.signal} (${r.why})`);
      return r.data;
    },
  };
  return f;
}
