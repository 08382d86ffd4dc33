/**
 * The VMM: host userspace, kvmtool-like. It builds the VM from the launch configuration
 * through the KVM ioctls (guest_memfd or anonymous memory per region, memslots, the
 * hypercall-exit capability, vCPUs), loads the image through its own mapping of guest
 * memory before the first run, and handles what KVM_RUN returns: console MMIO, the RFC's
 * SHARE/UNSHARE exits (with the configured behaviour), system events, errors.
 *
 * Every access it makes to guest memory goes through its address space (`HostMm`), so
 * SIGBUS and SIGSEGV come out of the modelled fault paths. Each step is logged.
 */
import type { LaunchConfig, MemoryRegionConfig } from '../config/launchConfig';
import { errnoName, HostSignal, signalName } from '../hyp/errno';
import { SMCCC_RET_NOT_SUPPORTED, KVM_FUNC } from '../hyp/smccc';
import { FdTable } from '../kvm/fdTable';
import { GuestMemfd } from '../kvm/guestMemfd';
import { HostMm } from '../kvm/hostMm';
import { Kvm } from '../kvm/kvm';
import { KvmVcpu } from '../kvm/kvmVcpu';
import { KvmVm } from '../kvm/kvmVm';
import {
  GUEST_MEMFD_FLAG_INIT_SHARED,
  GUEST_MEMFD_FLAG_MMAP,
  KVM_CAP,
  KVM_EXIT,
  KVM_MEM_GUEST_MEMFD,
  KVM_MEMORY_ATTRIBUTE_PRIVATE,
  KVM_SYSTEM_EVENT,
  KVM_VM_TYPE_ARM_PROTECTED,
  MADV_DONTNEED,
  MAP_PRIVATE,
  MAP_SHARED,
  PROT_READ,
  PROT_WRITE,
  exitReasonName,
} from '../kvm/uapi';
import { copyImage, LoadedImage } from '../loader/loadedImage';
import type { MachineStop } from '../machine/machine';
import { PAGE_SIZE } from '../memory/physPage';
import { EventLog } from '../trace/eventLog';
import { hex } from '../trace/events';
import { MmioDevice, UartDevice } from './mmioDevice';

export interface VmmRegion {
  readonly config: MemoryRegionConfig;
  readonly slot: number;
  /** Where the VMM maps the region (the memslot's userspace_addr). */
  readonly va: number;
  readonly fd: number | null;
  readonly file: GuestMemfd | null;
}

type Detail = Record<string, string | number | boolean>;

export class Vmm {
  readonly fds = new FdTable();
  readonly mm: HostMm;
  vm: KvmVm | null = null;
  readonly regions: VmmRegion[] = [];
  readonly vcpus: KvmVcpu[] = [];
  readonly uart = new UartDevice();
  readonly devices: MmioDevice[] = [this.uart];
  /** Set when the VMM cannot go on (it would have exited): the machine stops with this. */
  fatal: MachineStop | null = null;

  constructor(
    readonly kvm: Kvm,
    readonly config: LaunchConfig,
    readonly log: EventLog,
  ) {
    this.mm = new HostMm(kvm.hostMem, kvm.hyp, config.profile);
  }

  // ------------------------------------------------------------------ logging helpers

  note(action: string, detail: Detail, result: string): void {
    this.log.add({ type: 'vmm', action, detail, result });
  }

  /** Run an ioctl-like call and log it with its result as userspace sees it (-1 / errno). */
  ioctl(name: string, detail: Detail, call: () => number): number {
    const r = call();
    this.note(name, detail, r < 0 ? `-1 ${errnoName(-r)}` : String(r));
    return r;
  }

  /** A signal reached the VMM. Returns true if the VMM survives it (onSignal: continue). */
  signal(sig: HostSignal, va: number, why: string, during: string): boolean {
    const ipa = this.vaToIpa(va);
    this.log.add({ type: 'signal', signal: signalName(sig), va: hex(va), ipa: ipa === null ? null : hex(ipa), why, during });
    if (this.config.vmm.onSignal === 'continue') return true;
    this.fatal = {
      reason: 'error',
      detail: `VMM killed by ${signalName(sig)} at VA ${hex(va)}${ipa === null ? '' : ` (guest IPA ${hex(ipa)})`} during ${during}: ${why}`,
    };
    return false;
  }

  // ------------------------------------------------------------------ address translation

  regionFor(ipa: number): VmmRegion | undefined {
    return this.regions.find((r) => ipa >= r.config.base && ipa < r.config.base + r.config.size);
  }

  ipaToVa(ipa: number): number | null {
    const r = this.regionFor(ipa);
    return r ? r.va + (ipa - r.config.base) : null;
  }

  vaToIpa(va: number): number | null {
    const r = this.regions.find((x) => va >= x.va && va < x.va + x.config.size);
    return r ? r.config.base + (va - r.va) : null;
  }

  // ------------------------------------------------------------------ building the VM

  /** Create the VM, its memory and vCPUs, and load the image. Returns an error message, or null. */
  build(image: LoadedImage): string | null {
    const cfg = this.config;
    const type = cfg.protected ? KVM_VM_TYPE_ARM_PROTECTED : 0;
    const vm = this.kvm.createVm(type);
    this.note('KVM_CREATE_VM', { type: hex(type), protected: cfg.protected }, typeof vm === 'number' ? `-1 ${errnoName(-vm)}` : 'vm fd');
    if (typeof vm === 'number') return `KVM_CREATE_VM failed: ${errnoName(-vm)}`;
    vm.mm = this.mm;
    this.vm = vm;

    if (cfg.vmm.exitHypercalls.length > 0) {
      const want = cfg.vmm.exitHypercalls.reduce((m, n) => m | (1n << BigInt(n === 'MEM_SHARE' ? KVM_FUNC.MEM_SHARE : KVM_FUNC.MEM_UNSHARE)), 0n);
      const have = vm.checkExtension(KVM_CAP.EXIT_HYPERCALL);
      this.note('KVM_CHECK_EXTENSION', { cap: 'KVM_CAP_EXIT_HYPERCALL' }, hex(have));
      const r = this.ioctl('KVM_ENABLE_CAP', { cap: 'KVM_CAP_EXIT_HYPERCALL', args0: hex(want) }, () => vm.enableCap(KVM_CAP.EXIT_HYPERCALL, 0, [want, 0n, 0n, 0n]));
      if (r < 0) return `KVM_ENABLE_CAP(KVM_CAP_EXIT_HYPERCALL, ${hex(want)}) failed: ${errnoName(-r)}`;
    }

    for (const [slot, region] of cfg.memory.entries()) {
      const err = this.addRegion(vm, slot, region);
      if (err) return err;
    }

    for (let id = 0; id < cfg.vcpus; id++) {
      const v = vm.createVcpu(id, id > 0);
      this.note('KVM_CREATE_VCPU', { id, powerOff: id > 0 }, typeof v === 'number' ? `-1 ${errnoName(-v)}` : 'vcpu fd');
      if (typeof v === 'number') return `KVM_CREATE_VCPU(${id}) failed: ${errnoName(-v)}`;
      this.vcpus.push(v);
    }
    this.vcpus[0].cpu.reset(image.entry);
    this.note('KVM_SET_ONE_REG', { vcpu: 0, reg: 'PC', value: hex(image.entry) }, '0');

    const loadErr = this.loadImage(image);
    if (loadErr) return loadErr;
    if (cfg.vmm.unmapImageBeforeRun) {
      for (const r of this.regions) {
        this.ioctl('madvise', { addr: hex(r.va), length: hex(r.config.size), advice: 'MADV_DONTNEED', region: r.config.name }, () =>
          this.mm.madvise(r.va, r.config.size, MADV_DONTNEED),
        );
      }
    }
    return null;
  }

  private addRegion(vm: KvmVm, slot: number, region: MemoryRegionConfig): string | null {
    const detail = { region: region.name, base: hex(region.base), size: hex(region.size) };
    let va: number;
    let fd: number | null = null;
    let file: GuestMemfd | null = null;
    if (region.backing === 'guest_memfd') {
      const flags = (region.gmemFlags.includes('MMAP') ? GUEST_MEMFD_FLAG_MMAP : 0n) | (region.gmemFlags.includes('INIT_SHARED') ? GUEST_MEMFD_FLAG_INIT_SHARED : 0n);
      const r = this.ioctl('KVM_CREATE_GUEST_MEMFD', { ...detail, flags: hex(flags) }, () => vm.createGuestMemfd(region.size, flags, this.fds));
      if (r < 0) return `KVM_CREATE_GUEST_MEMFD for region "${region.name}" failed: ${errnoName(-r)}`;
      fd = r;
      file = this.fds.get(fd) as GuestMemfd;
      va = this.ioctl('mmap', { ...detail, fd, flags: 'MAP_SHARED' }, () => this.mm.mmap(null, region.size, PROT_READ | PROT_WRITE, MAP_SHARED, file, 0));
    } else {
      va = this.ioctl('mmap', { ...detail, flags: 'MAP_PRIVATE|MAP_ANONYMOUS' }, () => this.mm.mmap(null, region.size, PROT_READ | PROT_WRITE, MAP_PRIVATE, null, 0));
    }
    if (va < 0) return `mmap of region "${region.name}" failed: ${errnoName(-va)}`;
    const r = this.ioctl('KVM_SET_USER_MEMORY_REGION2', { ...detail, slot, userspace_addr: hex(va), guest_memfd: fd ?? -1 }, () =>
      vm.setUserMemoryRegion2(
        { slot, flags: file ? KVM_MEM_GUEST_MEMFD : 0, guest_phys_addr: region.base, memory_size: region.size, userspace_addr: va, guest_memfd_offset: 0, guest_memfd: fd ?? 0 },
        this.fds,
      ),
    );
    if (r < 0) return `KVM_SET_USER_MEMORY_REGION2 for region "${region.name}" failed: ${errnoName(-r)}`;
    this.regions.push({ config: region, slot, va, fd, file });
    return null;
  }

  /** Copy the image's segments into guest memory through the VMM's mappings. */
  private loadImage(image: LoadedImage): string | null {
    for (const seg of image.segments) {
      if (!this.regionFor(seg.addr) || !this.regionFor(seg.addr + Math.max(seg.memSize, 1) - 1)) {
        return `image segment at ${hex(seg.addr)} (${seg.origin}, ${seg.memSize} bytes) is outside the configured guest memory`;
      }
    }
    let failure: string | null = null;
    copyImage(image, (addr, bytes) => {
      if (failure) return;
      const va = this.ipaToVa(addr)!;
      const r = this.mm.userAccess(va, bytes.length, true, bytes);
      if (!r.ok) {
        this.signal(r.signal, r.addr, r.why, 'image load');
        failure = `loading the image at ${hex(addr)} failed: ${signalName(r.signal)} (${r.why})`;
      }
    });
    this.note('load image', { entry: hex(image.entry), segments: image.segments.length }, failure ? 'failed' : 'ok');
    return failure;
  }

  // ------------------------------------------------------------------ exits

  /** KVM_RUN returned 0: handle `run.exit_reason`. Returns a machine stop, or null to run again. */
  handleExit(v: KvmVcpu): MachineStop | null {
    const run = v.run;
    switch (run.exit_reason) {
      case KVM_EXIT.HYPERCALL:
        this.handleHypercallExit(v);
        return this.fatal;
      case KVM_EXIT.MMIO:
        this.handleMmio(v);
        return null;
      case KVM_EXIT.SYSTEM_EVENT: {
        const what = run.system_event.type === KVM_SYSTEM_EVENT.SHUTDOWN ? 'PSCI SYSTEM_OFF' : run.system_event.type === KVM_SYSTEM_EVENT.RESET ? 'PSCI SYSTEM_RESET' : `system event ${run.system_event.type}`;
        this.note('system event', { vcpu: v.id, type: run.system_event.type }, 'stop');
        return { reason: 'system-off', detail: `${what} from vCPU ${v.id}`, vcpu: v.id };
      }
      default:
        return { reason: 'error', detail: `vCPU ${v.id}: unexpected exit ${exitReasonName(run.exit_reason)}`, vcpu: v.id };
    }
  }

  /** [RFC] SHARE / UNSHARE exits, answered as configured; `ret` = 0 acknowledges. */
  private handleHypercallExit(v: KvmVcpu): void {
    const h = v.run.hypercall;
    const ipa = Number(h.args[0] & ~0xfffn);
    const va = this.ipaToVa(ipa);
    const detail: Detail = { vcpu: v.id, nr: Number(h.nr), ipa: hex(ipa) };
    if (h.nr === BigInt(KVM_FUNC.MEM_SHARE)) {
      if (this.config.vmm.onShare === 'access' && va !== null) {
        // Fault the newly shared page in and touch it (read, then write the byte back).
        const r = this.mm.userAccess(va, 1, false);
        if (!r.ok) this.signal(r.signal, r.addr, r.why, 'MEM_SHARE exit');
        else {
          const w = this.mm.userAccess(va, 1, true, r.data);
          if (!w.ok) this.signal(w.signal, w.addr, w.why, 'MEM_SHARE exit');
        }
        this.note('share: map and access', detail, r.ok ? `read ${hex(r.data[0])}` : 'signal');
      }
      h.ret = 0n;
    } else if (h.nr === BigInt(KVM_FUNC.MEM_UNSHARE)) {
      const mode = this.config.vmm.onUnshare;
      const setPrivate = (): void => {
        this.ioctl('KVM_SET_MEMORY_ATTRIBUTES', { ipa: hex(ipa), size: PAGE_SIZE, attributes: 'PRIVATE' }, () =>
          this.vm!.setMemoryAttributes({ address: ipa, size: PAGE_SIZE, attributes: KVM_MEMORY_ATTRIBUTE_PRIVATE, flags: 0n }),
        );
      };
      const unmap = (): void => {
        if (va !== null) this.ioctl('madvise', { addr: hex(va), length: PAGE_SIZE, advice: 'MADV_DONTNEED' }, () => this.mm.madvise(va, PAGE_SIZE, MADV_DONTNEED));
      };
      if (mode === 'cooperative') {
        unmap();
        setPrivate();
        h.ret = 0n;
      } else if (mode === 'keep-mapped') {
        setPrivate();
        h.ret = 0n;
      } else if (mode === 'skip-private') {
        unmap();
        h.ret = 0n;
      } else {
        h.ret = SMCCC_RET_NOT_SUPPORTED;
      }
      this.note(`unshare: ${mode}`, detail, `ret ${hex(h.ret)}`);
    } else {
      h.ret = SMCCC_RET_NOT_SUPPORTED;
      this.note('unknown hypercall exit', detail, `ret ${hex(h.ret)}`);
    }
  }

  private handleMmio(v: KvmVcpu): void {
    const m = v.run.mmio;
    const addr = Number(m.phys_addr);
    const dev = this.devices.find((d) => addr >= d.base && addr < d.base + d.size);
    let value = 0n;
    for (let k = m.len - 1; k >= 0; k--) value = (value << 8n) | BigInt(m.data[k]);
    if (!dev) {
      this.note('MMIO to no device', { vcpu: v.id, addr: hex(addr), len: m.len, write: m.is_write === 1 }, m.is_write ? 'ignored' : 'reads 0');
      if (!m.is_write) m.data.fill(0);
      return;
    }
    const r = dev.access(addr - dev.base, m.len, m.is_write === 1, value);
    if (!m.is_write) for (let k = 0; k < m.len; k++) m.data[k] = Number((r >> BigInt(8 * k)) & 0xffn);
    const text = dev === this.uart ? this.uart.takeNewText() : '';
    if (text) this.log.add({ type: 'console', text });
  }

  // ------------------------------------------------------------------ teardown

  private exited = false;

  /** The VMM exits: close the VM (teardown), its guest_memfd files, and the address space. */
  exit(): void {
    if (this.exited) return;
    this.exited = true;
    if (this.vm && !this.vm.destroyed) {
      this.vm.destroy();
      this.note('close VM', {}, 'teardown done');
    }
    this.mm.exit();
    for (const [fd, f] of this.fds.entries()) {
      if (f instanceof GuestMemfd) f.releaseAll();
      this.fds.close(fd);
    }
  }
}
