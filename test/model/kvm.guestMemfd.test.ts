/**
 * Reference section 6.3 (GM-01..GM-15): guest_memfd as upstream defines it, under the
 * `upstream` profile, driven through the ioctl-level API like guest_memfd_test.c.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EBADF, EINVAL, ENODEV, EOPNOTSUPP, SIGBUS } from '../../engine/hyp/errno';
import {
  FALLOC_FL_KEEP_SIZE,
  FALLOC_FL_PUNCH_HOLE,
  GUEST_MEMFD_FLAG_INIT_SHARED,
  GUEST_MEMFD_FLAG_MMAP,
  KVM_CAP,
  KVM_EXIT,
  KVM_MEM_GUEST_MEMFD,
  KVM_SYSTEM_EVENT,
  MADV_COLLAPSE,
  MADV_DONTNEED,
  MAP_PRIVATE,
  MAP_SHARED,
  PROT_READ,
  PROT_WRITE,
} from '../../engine/kvm/uapi';
import { hvc, ldrb, mov64, movz, PSCI_SYSTEM_OFF, strb, wordBytes } from './helpers/guestCode';
import { kvmFixture, PS } from './helpers/kvmFixture';

const MMAP_SHARED_FLAGS = GUEST_MEMFD_FLAG_MMAP | GUEST_MEMFD_FLAG_INIT_SHARED;
const PUNCH = FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE;

test('GM-01: sizes 1 … page_size-1 are refused with EINVAL', () => {
  const f = kvmFixture('upstream');
  const vm = f.createVm();
  for (let size = 1; size < PS; size++) assert.equal(vm.createGuestMemfd(size, 0n, f.fds), -EINVAL, `size ${size}`);
  assert.equal(vm.createGuestMemfd(0, 0n, f.fds), -EINVAL);
  assert.ok(vm.createGuestMemfd(PS, 0n, f.fds) >= 0);
});

test('GM-02: each flag bit is accepted iff KVM_CAP_GUEST_MEMFD_FLAGS reports it', () => {
  const f = kvmFixture('upstream');
  const vm = f.createVm();
  const supported = vm.checkExtension(KVM_CAP.GUEST_MEMFD_FLAGS);
  assert.equal(supported, MMAP_SHARED_FLAGS);
  for (let bit = 0n; bit < 64n; bit++) {
    const flag = 1n << bit;
    const fd = vm.createGuestMemfd(PS, flag, f.fds);
    if (flag & supported) assert.ok(fd >= 0, `bit ${bit}`);
    else assert.equal(fd, -EINVAL, `bit ${bit}`);
  }
});

test('GM-03: read and write on guest_memfd always fail', () => {
  const f = kvmFixture('upstream');
  const vm = f.createVm();
  for (const flags of [0n, GUEST_MEMFD_FLAG_MMAP, MMAP_SHARED_FLAGS]) {
    const { file } = f.gmem(vm, PS, flags);
    assert.ok(file.read() < 0);
    assert.ok(file.write() < 0);
  }
});

test('GM-04: without the MMAP flag, mmap fails with ENODEV', () => {
  const f = kvmFixture('upstream');
  const vm = f.createVm();
  const { fd } = f.gmem(vm, 4 * PS, 0n);
  assert.equal(f.mmapFile(fd, PS), -ENODEV);
  assert.equal(f.mmapFile(fd, 4 * PS), -ENODEV);
});

test('GM-05: a copy-on-write mapping is refused with EINVAL', () => {
  const f = kvmFixture('upstream');
  const vm = f.createVm();
  const { fd } = f.gmem(vm, PS, GUEST_MEMFD_FLAG_MMAP);
  assert.equal(f.mmapFile(fd, PS, MAP_PRIVATE), -EINVAL);
});

test('GM-06: shared mapping fills, punch hole zeroes one page, rewrite works', () => {
  const f = kvmFixture('upstream');
  const vm = f.createVm();
  const { fd, file } = f.gmem(vm, 4 * PS, MMAP_SHARED_FLAGS);
  const va = f.mmapFile(fd, 4 * PS);
  assert.ok(va > 0);
  f.write(va, new Uint8Array(4 * PS).fill(0xaa));
  assert.ok(f.read(va, 4 * PS).every((x) => x === 0xaa));
  assert.equal(file.fallocate(PUNCH, 0, PS), 0);
  assert.ok(f.read(va, PS).every((x) => x === 0));
  assert.ok(f.read(va + PS, 3 * PS).every((x) => x === 0xaa));
  f.write(va, new Uint8Array(PS).fill(0xaa));
  assert.ok(f.read(va, PS).every((x) => x === 0xaa));
});

test('GM-07: a mapping larger than the file faults SIGBUS beyond the end', () => {
  const f = kvmFixture('upstream');
  const vm = f.createVm();
  const { fd } = f.gmem(vm, 4 * PS, MMAP_SHARED_FLAGS);
  const va = f.mmapFile(fd, 16 * PS);
  f.write(va, new Uint8Array(4 * PS).fill(0xaa));
  const w = f.mm.userAccess(va, 16 * PS, true, new Uint8Array(16 * PS).fill(0xaa));
  assert.equal(w.ok, false);
  assert.ok(!w.ok && w.signal === SIGBUS && w.addr === va + 4 * PS);
  const r = f.mm.userAccess(va + 4 * PS, 1, false);
  assert.ok(!r.ok && r.signal === SIGBUS);
  assert.ok(f.read(va, 4 * PS).every((x) => x === 0xaa));
});

test('GM-08: MMAP without INIT_SHARED: any access is SIGBUS', () => {
  const f = kvmFixture('upstream');
  const vm = f.createVm();
  const { fd } = f.gmem(vm, PS, GUEST_MEMFD_FLAG_MMAP);
  const va = f.mmapFile(fd, PS);
  const r = f.mm.userAccess(va, 1, false);
  assert.ok(!r.ok && r.signal === SIGBUS);
  const w = f.mm.userAccess(va, 1, true, new Uint8Array([1]));
  assert.ok(!w.ok && w.signal === SIGBUS);
});

test('GM-09: fstat reports size and page-sized blocks; each file is its own inode', () => {
  const f = kvmFixture('upstream');
  const vm = f.createVm();
  const a = f.gmem(vm, 3 * PS, 0n).file.fstat();
  const b2 = f.gmem(vm, PS, 0n).file.fstat();
  assert.equal(a.st_size, 3 * PS);
  assert.equal(a.st_blksize, PS);
  assert.notEqual(a.st_ino, b2.st_ino);
});

test('GM-10: fallocate and punch-hole boundaries', () => {
  const f = kvmFixture('upstream');
  const vm = f.createVm();
  const size = 4 * PS;
  const { file } = f.gmem(vm, size, 0n);
  assert.equal(file.fallocate(FALLOC_FL_KEEP_SIZE, 0, size), 0);
  assert.ok(file.fallocate(PUNCH, PS - 1, PS) < 0);
  assert.ok(file.fallocate(FALLOC_FL_KEEP_SIZE, size, PS) < 0);
  assert.ok(file.fallocate(FALLOC_FL_KEEP_SIZE, size + PS, PS) < 0);
  assert.equal(file.fallocate(PUNCH, size, PS), 0);
  assert.equal(file.fallocate(PUNCH, size + PS, PS), 0);
  assert.ok(file.fallocate(PUNCH, 0, PS - 1) < 0);
  assert.equal(file.fallocate(PUNCH, PS, PS), 0);
  assert.equal(file.folio(1), -1);
  assert.equal(file.fallocate(FALLOC_FL_KEEP_SIZE, PS, PS), 0);
  assert.ok(file.folio(1) >= 0);
});

test('GM-11: misaligned punch holes are EINVAL', () => {
  const f = kvmFixture('upstream');
  const vm = f.createVm();
  const { file } = f.gmem(vm, 4 * PS, 0n);
  const cases: [number, number][] = [
    [0, 1], [0, PS - 1], [0, PS + 1], [1, 1], [1, PS - 1], [1, PS], [1, PS + 1], [PS, 1], [PS, PS - 1], [PS, PS + 1],
  ];
  for (const [off, len] of cases) assert.equal(file.fallocate(PUNCH, off, len), -EINVAL, `(${off}, ${len})`);
});

test('GM-12: fallocate without KEEP_SIZE is EOPNOTSUPP', () => {
  const f = kvmFixture('upstream');
  const vm = f.createVm();
  const { file } = f.gmem(vm, PS, 0n);
  assert.equal(file.fallocate(0, 0, PS), -EOPNOTSUPP);
  assert.equal(file.fallocate(FALLOC_FL_PUNCH_HOLE, 0, PS), -EOPNOTSUPP);
});

test('GM-13: MADV_COLLAPSE is EINVAL; MADV_DONTNEED then re-read works', () => {
  const f = kvmFixture('upstream');
  const vm = f.createVm();
  const { fd } = f.gmem(vm, 4 * PS, MMAP_SHARED_FLAGS);
  const va = f.mmapFile(fd, 4 * PS);
  f.write(va, new Uint8Array(4 * PS).fill(0x5c));
  assert.equal(f.mm.madvise(va, 4 * PS, MADV_COLLAPSE), -EINVAL);
  assert.equal(f.mm.madvise(va, 4 * PS, MADV_DONTNEED), 0);
  assert.equal(f.mm.translate(va), -1, 'entries zapped');
  assert.ok(f.read(va, 4 * PS).every((x) => x === 0x5c), 'the page cache keeps the data');
});

test('GM-14: a default VM reads what the host wrote through guest_memfd and the host sees its write', () => {
  const f = kvmFixture('upstream');
  const vm = f.createVm();
  // Code in an anonymous slot 0 at 2 GiB; one guest_memfd page at 4 GiB in slot 1.
  const code = [...mov64(1, 0x1_0000_0000), ldrb(5, 1), movz(6, 0xff), strb(6, 1), ...mov64(0, PSCI_SYSTEM_OFF), hvc(0)];
  const codeVa = f.mm.mmap(null, PS, PROT_READ | PROT_WRITE, MAP_SHARED, null, 0);
  f.write(codeVa, wordBytes(code));
  assert.equal(vm.setUserMemoryRegion2({ slot: 0, flags: 0, guest_phys_addr: 0x8000_0000, memory_size: PS, userspace_addr: codeVa, guest_memfd_offset: 0, guest_memfd: 0 }, f.fds), 0);
  const { fd } = f.gmem(vm, PS, MMAP_SHARED_FLAGS);
  const gva = f.mmapFile(fd, PS);
  assert.equal(vm.setUserMemoryRegion2({ slot: 1, flags: KVM_MEM_GUEST_MEMFD, guest_phys_addr: 0x1_0000_0000, memory_size: PS, userspace_addr: gva, guest_memfd_offset: 0, guest_memfd: fd }, f.fds), 0);
  f.write(gva, new Uint8Array(PS).fill(0xaa));
  assert.equal(f.mm.munmap(gva, PS), 0);
  const vcpu = vm.createVcpu(0, false);
  assert.ok(typeof vcpu !== 'number');
  vcpu.cpu.reset(0x8000_0000);
  const out = vcpu.ioctlRun(1000);
  assert.deepEqual(out, { kind: 'returned', ret: 0 });
  assert.equal(vcpu.run.exit_reason, KVM_EXIT.SYSTEM_EVENT);
  assert.equal(vcpu.run.system_event.type, KVM_SYSTEM_EVENT.SHUTDOWN);
  assert.equal(vcpu.cpu.getX(5), 0xaan);
  const again = f.mmapFile(fd, PS);
  assert.equal(f.read(again, 1)[0], 0xff);
});

test('GM-15: binding errors (same range twice, another VM\'s file, beyond the file, bad fd)', () => {
  const f = kvmFixture('upstream');
  const vm = f.createVm();
  const other = f.createVm();
  const { fd } = f.gmem(vm, 2 * PS, 0n);
  const region = (slot: number, gpa: number, size: number, gfd: number, off = 0) => ({
    slot, flags: KVM_MEM_GUEST_MEMFD, guest_phys_addr: gpa, memory_size: size, userspace_addr: 0, guest_memfd_offset: off, guest_memfd: gfd,
  });
  assert.equal(vm.setUserMemoryRegion2(region(1, 0x1_0000_0000, PS, fd), f.fds), 0);
  assert.equal(vm.setUserMemoryRegion2(region(2, 0x2_0000_0000, PS, fd), f.fds), -EINVAL, 'same file range twice');
  assert.equal(vm.setUserMemoryRegion2(region(3, 0x3_0000_0000, PS, fd, PS), f.fds), 0, 'the other page is free');
  assert.equal(other.setUserMemoryRegion2(region(1, 0x1_0000_0000, PS, fd, PS), f.fds), -EINVAL, "another VM's file");
  const { fd: fd2 } = f.gmem(vm, 2 * PS, 0n);
  assert.equal(vm.setUserMemoryRegion2(region(4, 0x4_0000_0000, 2 * PS, fd2, PS), f.fds), -EINVAL, 'offset + size > file size');
  assert.equal(vm.setUserMemoryRegion2(region(5, 0x5_0000_0000, PS, 999), f.fds), -EBADF);
  const vmFd = f.fds.install(vm);
  assert.equal(vm.setUserMemoryRegion2(region(6, 0x6_0000_0000, PS, vmFd), f.fds), -EINVAL, 'not a guest_memfd');
});
