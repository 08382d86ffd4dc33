/**
 * Scripted (or debugger-requested) host actions on guest memory, performed the way the
 * host would: VMM reads/writes go through its own mapping (and may take SIGBUS/SIGSEGV),
 * mmap/munmap/madvise change that mapping, set-attributes and punch-hole are the real
 * ioctl / fallocate, and kernel reads/writes are `kvm_read/write_guest_page`.
 */
import type { HostAction } from '../config/scriptedActions';
import { errnoName, signalName } from '../hyp/errno';
import { FALLOC_FL_KEEP_SIZE, FALLOC_FL_PUNCH_HOLE, KVM_MEMORY_ATTRIBUTE_PRIVATE, MADV_DONTNEED, MAP_PRIVATE, MAP_SHARED, PROT_READ, PROT_WRITE } from '../kvm/uapi';
import { PAGE_SIZE } from '../memory/physPage';
import { hex } from '../trace/events';
import { Vmm } from './vmm';

export interface ActionOutcome {
  ok: boolean;
  /** What happened, as a person would say it: "read 8 bytes", "-1 EPERM", "SIGBUS". */
  result: string;
  /** Bytes read, for read actions that succeeded. */
  data?: number[];
}

function fill(bytes: number[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let k = 0; k < length; k++) out[k] = bytes[k % bytes.length];
  return out;
}

/** Perform `action`; `x1` is the triggering hypercall's argument when the action names "x1". */
export function performHostAction(vmm: Vmm, action: HostAction, x1: bigint | null): ActionOutcome {
  const ipa = action.ipa === 'x1' ? Number((x1 ?? 0n) & ((1n << 52n) - 1n)) : action.ipa;
  const out = perform(vmm, action, ipa);
  vmm.note(`host action: ${action.kind}`, { ipa: hex(ipa), length: action.length }, out.result);
  return out;
}

function perform(vmm: Vmm, action: HostAction, ipa: number): ActionOutcome {
  const vm = vmm.vm;
  const region = vmm.regionFor(ipa);
  if (!vm || !region) return { ok: false, result: `no guest memory at ${hex(ipa)}` };
  const va = region.va + (ipa - region.config.base);
  const page = Math.floor(ipa / PAGE_SIZE) * PAGE_SIZE;
  const errno = (r: number): ActionOutcome => ({ ok: r >= 0, result: r < 0 ? `-1 ${errnoName(-r)}` : '0' });
  switch (action.kind) {
    case 'read': {
      const r = vmm.mm.userAccess(va, action.length, false);
      if (!r.ok) {
        vmm.signal(r.signal, r.addr, r.why, 'host action: read');
        return { ok: false, result: signalName(r.signal) };
      }
      return { ok: true, result: `read ${action.length} bytes`, data: Array.from(r.data) };
    }
    case 'write': {
      const r = vmm.mm.userAccess(va, action.length, true, fill(action.bytes, action.length));
      if (!r.ok) {
        vmm.signal(r.signal, r.addr, r.why, 'host action: write');
        return { ok: false, result: signalName(r.signal) };
      }
      return { ok: true, result: `wrote ${action.length} bytes` };
    }
    case 'mmap': {
      const file = region.file;
      const offset = ipa - region.config.base;
      const r = vmm.mm.mmap(va, action.length, PROT_READ | PROT_WRITE, file ? MAP_SHARED : MAP_PRIVATE, file, file ? offset : 0);
      return errno(r < 0 ? r : 0);
    }
    case 'munmap':
      return errno(vmm.mm.munmap(va, action.length));
    case 'madvise-dontneed':
      return errno(vmm.mm.madvise(va, action.length, MADV_DONTNEED));
    case 'set-attributes':
      return errno(vm.setMemoryAttributes({ address: page, size: action.length, attributes: action.private ? KVM_MEMORY_ATTRIBUTE_PRIVATE : 0n, flags: 0n }));
    case 'punch-hole': {
      if (!region.file) return { ok: false, result: `region "${region.config.name}" is not backed by guest_memfd` };
      return errno(region.file.fallocate(FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE, ipa - region.config.base, action.length));
    }
    case 'kernel-read': {
      const r = vm.accessGuestPage(Math.floor(ipa / PAGE_SIZE), ipa % PAGE_SIZE, action.length, null);
      if (typeof r === 'number') return errno(r);
      return { ok: true, result: `read ${action.length} bytes`, data: Array.from(r) };
    }
    case 'kernel-write': {
      const r = vm.accessGuestPage(Math.floor(ipa / PAGE_SIZE), ipa % PAGE_SIZE, action.length, fill(action.bytes, action.length));
      return typeof r === 'number' ? errno(r) : { ok: true, result: `wrote ${action.length} bytes` };
    }
  }
}
