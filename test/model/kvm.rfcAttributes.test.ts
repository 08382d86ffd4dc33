/**
 * RFC mode, ioctl level: the hypercall-exit capability (RF-01), the attribute refusal
 * rules (RF-10), kernel accesses (RF-11) and private memslot changes (RF-14).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { E2BIG, EINVAL, EPERM } from '../../engine/hyp/errno';
import {
  GUEST_MEMFD_FLAG_MMAP,
  KVM_CAP,
  KVM_MEM_GUEST_MEMFD,
  KVM_MEM_LOG_DIRTY_PAGES,
  KVM_MEMORY_ATTRIBUTE_NOT_MAPPABLE,
  KVM_MEMORY_ATTRIBUTE_PRIVATE,
  KVM_VM_TYPE_ARM_PROTECTED,
} from '../../engine/kvm/uapi';
import { KvmVm } from '../../engine/kvm/kvmVm';
import { mov64, hvc, PSCI_SYSTEM_OFF, wordBytes } from './helpers/guestCode';
import { KvmFixture, kvmFixture, PS } from './helpers/kvmFixture';

const BASE = 0x8000_0000;

/** A protected VM with a 4-page guest_memfd slot at BASE holding a program that powers off, run once. */
function firstRun(f: KvmFixture): { vm: KvmVm; fd: number; va: number } {
  const vm = f.createVm(KVM_VM_TYPE_ARM_PROTECTED);
  const { fd } = f.gmem(vm, 4 * PS, GUEST_MEMFD_FLAG_MMAP);
  const va = f.mmapFile(fd, 4 * PS);
  assert.equal(vm.setUserMemoryRegion2({ slot: 0, flags: KVM_MEM_GUEST_MEMFD, guest_phys_addr: BASE, memory_size: 4 * PS, userspace_addr: va, guest_memfd_offset: 0, guest_memfd: fd }, f.fds), 0);
  f.write(va, wordBytes([...mov64(0, PSCI_SYSTEM_OFF), hvc(0)]));
  assert.equal(f.mm.munmap(va, 4 * PS), 0);
  const vcpu = vm.createVcpu(0, false);
  assert.ok(typeof vcpu !== 'number');
  vcpu.cpu.reset(BASE);
  assert.deepEqual(vcpu.ioctlRun(1000), { kind: 'returned', ret: 0 });
  return { vm, fd, va: f.mmapFile(fd, 4 * PS) };
}

test('RF-01: KVM_CAP_EXIT_HYPERCALL reports 0x18 and validates KVM_ENABLE_CAP', () => {
  const f = kvmFixture('rfc-2024');
  const vm = f.createVm(KVM_VM_TYPE_ARM_PROTECTED);
  assert.equal(vm.checkExtension(KVM_CAP.EXIT_HYPERCALL), 0x18n);
  assert.equal(vm.enableCap(KVM_CAP.EXIT_HYPERCALL, 0, [0x18n, 0n, 0n, 0n]), 0);
  assert.equal(vm.hypercallExitEnabled, 0x18n);
  assert.equal(vm.enableCap(KVM_CAP.EXIT_HYPERCALL, 0, [0x20n, 0n, 0n, 0n]), -EINVAL);
  assert.equal(vm.enableCap(KVM_CAP.EXIT_HYPERCALL, 1, [0x18n, 0n, 0n, 0n]), -EINVAL);
  assert.equal(vm.enableCap(KVM_CAP.EXIT_HYPERCALL, 0, [0x18n, 1n, 0n, 0n]), -EINVAL);
  assert.equal(vm.hypercallExitEnabled, 0x18n, 'refused calls change nothing');
  // The upstream profile has no arm64 KVM_CAP_EXIT_HYPERCALL.
  const up = kvmFixture('upstream').createVm(KVM_VM_TYPE_ARM_PROTECTED);
  assert.equal(up.checkExtension(KVM_CAP.EXIT_HYPERCALL), 0n);
  assert.equal(up.enableCap(KVM_CAP.EXIT_HYPERCALL, 0, [0x18n, 0n, 0n, 0n]), -EINVAL);
});

test('RF-10: userspace cannot clear PRIVATE (attributes = 0) on a NOT_MAPPABLE gfn', () => {
  const f = kvmFixture('rfc-2024');
  const { vm } = firstRun(f);
  const gfn = BASE / PS + 1;
  assert.equal(vm.attrs.getUapi(gfn), KVM_MEMORY_ATTRIBUTE_NOT_MAPPABLE, 'first run marked the slot');
  assert.equal(vm.setMemoryAttributes({ address: gfn * PS, size: PS, attributes: 0n, flags: 0n }), -EPERM);
  // Setting PRIVATE is allowed (nothing maps it); the kernel bit is preserved.
  assert.equal(vm.setMemoryAttributes({ address: gfn * PS, size: PS, attributes: KVM_MEMORY_ATTRIBUTE_PRIVATE, flags: 0n }), 0);
  assert.equal(vm.attrs.getUapi(gfn), KVM_MEMORY_ATTRIBUTE_NOT_MAPPABLE | KVM_MEMORY_ATTRIBUTE_PRIVATE);
  // Userspace may not name the kernel bit, nor pass flags, nor unaligned or empty ranges.
  assert.equal(vm.setMemoryAttributes({ address: gfn * PS, size: PS, attributes: KVM_MEMORY_ATTRIBUTE_NOT_MAPPABLE, flags: 0n }), -EINVAL);
  assert.equal(vm.setMemoryAttributes({ address: gfn * PS, size: PS, attributes: KVM_MEMORY_ATTRIBUTE_PRIVATE, flags: 1n }), -EINVAL);
  assert.equal(vm.setMemoryAttributes({ address: gfn * PS + 1, size: PS, attributes: KVM_MEMORY_ATTRIBUTE_PRIVATE, flags: 0n }), -EINVAL);
  assert.equal(vm.setMemoryAttributes({ address: gfn * PS, size: 0, attributes: KVM_MEMORY_ATTRIBUTE_PRIVATE, flags: 0n }), -EINVAL);
});

test('RF-10 (companion): setting PRIVATE on a page host userspace maps is EPERM', () => {
  const f = kvmFixture('rfc-2024');
  const vm = f.createVm(KVM_VM_TYPE_ARM_PROTECTED);
  const { fd } = f.gmem(vm, PS, GUEST_MEMFD_FLAG_MMAP);
  const va = f.mmapFile(fd, PS);
  assert.equal(vm.setUserMemoryRegion2({ slot: 0, flags: KVM_MEM_GUEST_MEMFD, guest_phys_addr: BASE, memory_size: PS, userspace_addr: va, guest_memfd_offset: 0, guest_memfd: fd }, f.fds), 0);
  f.write(va, [1]);
  assert.equal(vm.setMemoryAttributes({ address: BASE, size: PS, attributes: KVM_MEMORY_ATTRIBUTE_PRIVATE, flags: 0n }), -EPERM);
  assert.equal(f.mm.munmap(va, PS), 0);
  assert.equal(vm.setMemoryAttributes({ address: BASE, size: PS, attributes: KVM_MEMORY_ATTRIBUTE_PRIVATE, flags: 0n }), 0);
});

test('RF-11: kvm_read_guest_page on a NOT_MAPPABLE gfn is -EPERM; past the page end -E2BIG', () => {
  const f = kvmFixture('rfc-2024');
  const { vm } = firstRun(f);
  const gfn = BASE / PS + 2;
  assert.equal(vm.accessGuestPage(gfn, 0, 8, null), -EPERM);
  assert.equal(vm.accessGuestPage(gfn, 0, 8, new Uint8Array(8)), -EPERM);
  assert.equal(vm.accessGuestPage(gfn, PS - 4, 8, null), -E2BIG);
  // Once NOT_MAPPABLE is cleared (as a SHARE exit does), the kernel reads through guest_memfd.
  vm.setNotMappable(gfn, 1, false);
  assert.equal(vm.accessGuestPage(gfn, 0, 4, new Uint8Array([1, 2, 3, 4])) instanceof Uint8Array, true);
  assert.deepEqual(Array.from(vm.accessGuestPage(gfn, 0, 4, null) as Uint8Array), [1, 2, 3, 4]);
});

test('RF-14: moving a private memslot, or changing only its flags, is EPERM', () => {
  const f = kvmFixture('rfc-2024');
  const { vm, fd, va } = firstRun(f);
  const base = { slot: 0, flags: KVM_MEM_GUEST_MEMFD, guest_phys_addr: BASE, memory_size: 4 * PS, userspace_addr: va, guest_memfd_offset: 0, guest_memfd: fd };
  assert.equal(vm.setUserMemoryRegion2({ ...base, guest_phys_addr: BASE + 0x10_0000 }, f.fds), -EPERM, 'move');
  assert.equal(vm.setUserMemoryRegion2({ ...base, flags: 0 }, f.fds), -EPERM, 'flags-only change');
  assert.equal(vm.setUserMemoryRegion2({ ...base, flags: KVM_MEM_GUEST_MEMFD | KVM_MEM_LOG_DIRTY_PAGES }, f.fds), -EINVAL, 'guest_memfd with dirty logging is invalid anyway');
  assert.equal(vm.setUserMemoryRegion2({ ...base }, f.fds), -EINVAL, 'private memslots are immutable');
  assert.equal(vm.memslots[0].baseGfn, BASE / PS);
  assert.equal(vm.memslots[0].flags, KVM_MEM_GUEST_MEMFD);
  // Upstream refuses any change to a guest_memfd slot with EINVAL.
  const u = kvmFixture('upstream');
  const uvm = u.createVm();
  const { fd: ufd } = u.gmem(uvm, PS, 0n);
  const ub = { ...base, memory_size: PS, userspace_addr: 0, guest_memfd: ufd };
  assert.equal(uvm.setUserMemoryRegion2(ub, u.fds), 0);
  assert.equal(uvm.setUserMemoryRegion2({ ...ub, guest_phys_addr: BASE + 0x10_0000 }, u.fds), -EINVAL);
});

test('anonymous memslots: a flags-only update keeps the guest pages; a protected VM\'s populated slot cannot move', () => {
  const f = kvmFixture('upstream');
  const vm = f.createVm(KVM_VM_TYPE_ARM_PROTECTED);
  const va = f.mm.mmap(null, 4 * PS, 3, 2, null, 0);
  f.write(va, wordBytes([...mov64(0, PSCI_SYSTEM_OFF), hvc(0)]));
  const region = { slot: 0, flags: 0, guest_phys_addr: BASE, memory_size: 4 * PS, userspace_addr: va, guest_memfd_offset: 0, guest_memfd: 0 };
  assert.equal(vm.setUserMemoryRegion2(region, f.fds), 0);
  const vcpu = vm.createVcpu(0, false);
  assert.ok(typeof vcpu !== 'number');
  vcpu.cpu.reset(BASE);
  assert.deepEqual(vcpu.ioctlRun(1000), { kind: 'returned', ret: 0 });
  assert.equal(vm.memslots[0].trackedPages, 1, 'the code page was given to the guest');
  assert.equal(vm.setUserMemoryRegion2({ ...region, flags: KVM_MEM_LOG_DIRTY_PAGES }, f.fds), 0);
  assert.equal(vm.memslots[0].trackedPages, 1);
  assert.equal(vm.memslots[0].flags, KVM_MEM_LOG_DIRTY_PAGES);
  assert.equal(vm.setUserMemoryRegion2({ ...region, flags: KVM_MEM_LOG_DIRTY_PAGES, guest_phys_addr: BASE + 0x10_0000 }, f.fds), -EPERM);
  assert.equal(vm.setUserMemoryRegion2({ ...region, memory_size: 0 }, f.fds), -EPERM, 'nor be deleted');
});
