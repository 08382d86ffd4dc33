/**
 * Entering and leaving the guest at EL2 (`__pkvm_vcpu_run` with the pVM entry/exit
 * handlers of hyp-main.c). The host asks to run a vCPU, passing its copy of x0..x3 and
 * what it did about the previous exit; EL2 completes that exit (entry fixups), runs the
 * guest, handles what it can at EL2 (HVCs above) and otherwise returns to the host with
 * the exception syndrome (ESR_EL2 / FAR_EL2 / HPFAR_EL2) and only the registers the host
 * is allowed to see.
 */
import type { CpuExit } from '../cpu/exits';
import { EC, esr as makeEsr, FSC } from '../cpu/exits';
import type { Profile } from '../config/profile';
import { HypContext } from './hypContext';
import { HypVcpu } from './hypVm';
import { completeForwardedHvc, handleGuestHvc } from './guestHypercalls';

/** What the host tells EL2 when it runs the vCPU again. */
export interface HostEntry {
  /** The host's copy of x0..x3 (results of a forwarded hypercall). */
  x: bigint[];
  /** Completion of an MMIO access the host emulated: loads receive `data`; both skip the instruction. */
  mmio: { data: bigint } | null;
  /** Inject an external abort into the guest (an access KVM cannot handle). */
  inject: { fetch: boolean; addr: number } | null;
}

export const NO_ENTRY_ACTION: HostEntry = { x: [0n, 0n, 0n, 0n], mmio: null, inject: null };

/** A trap to the host (ARM_EXCEPTION_TRAP) with the syndrome the host decodes. */
export interface HypTrap {
  kind: 'trap';
  esr: number;
  far: number;
  hpfar: number;
  /** x0..x3 as the host may see them (hidden registers read as zero). */
  x: bigint[];
  /** For a data abort with a valid syndrome: the value of Rt (what a store writes). */
  rt: bigint;
}

export type HypRunResult =
  /** The host's timer interrupted the guest (the slice is over); nothing to handle. */
  | { kind: 'preempted' }
  | HypTrap
  /** The guest raised an exception it cannot take, or hit a debugger breakpoint/watchpoint. */
  | { kind: 'stop'; exit: CpuExit };

/** ESR_EL2 of `__pkvm_memshare_page_req`: DABT_LOW, WnR, level-3 translation fault (IL is not set). */
const MEMSHARE_FAULT_ESR = ((EC.DABT_LOW << 26) | (1 << 6) | FSC.TRANSLATION_L3) >>> 0;

export function vcpuRun(ctx: HypContext, profile: Profile, vcpu: HypVcpu, budget: number, entry: HostEntry): HypRunResult {
  const cpu = vcpu.cpu;
  const injected = applyEntry(ctx, profile, vcpu, entry);
  if (injected) return injected;
  vcpu.loaded = true;
  try {
    let left = budget;
    for (;;) {
      const start = cpu.retired;
      const exit = cpu.run(left);
      left -= cpu.retired - start;
      switch (exit.kind) {
        case 'budget':
          return { kind: 'preempted' };
        case 'smc':
          cpu.pc += 4; // a trapped SMC is skipped by the handler, then handled like an HVC
          {
            const r = hypercall(ctx, profile, vcpu, exit.esr);
            if (r) return r;
          }
          if (left <= 0 || ctx.preemptRequested) return { kind: 'preempted' };
          continue;
        case 'hvc': {
          const r = hypercall(ctx, profile, vcpu, exit.esr);
          if (r) return r;
          if (left <= 0 || ctx.preemptRequested) return { kind: 'preempted' };
          continue;
        }
        case 'stage2-abort': {
          vcpu.fault = { esr: exit.esr, far: exit.far, hpfar: exit.hpfar };
          vcpu.pending = exit.isv
            ? { kind: 'mmio', write: exit.write, srt: exit.srt, sas: exit.sas, sse: exit.sse, sf: exit.sf }
            : { kind: 'none' };
          const rt = exit.isv && exit.write ? cpu.getX(exit.srt) : 0n;
          return trap(vcpu, [0n, 0n, 0n, 0n], rt);
        }
        case 'wfi':
        case 'wfe':
          vcpu.fault = { esr: makeEsr(EC.WFX, 1, exit.kind === 'wfe' ? 1 : 0), far: 0, hpfar: 0 };
          vcpu.pending = { kind: 'none' };
          return trap(vcpu, [0n, 0n, 0n, 0n], 0n);
        case 'unhandled-exception':
        case 'breakpoint':
        case 'watchpoint':
          return { kind: 'stop', exit };
      }
    }
  } finally {
    vcpu.loaded = false;
  }
}

/** Handle a guest HVC/SMC at EL2: null when the guest simply resumes, else the trap to the host. */
function hypercall(ctx: HypContext, profile: Profile, vcpu: HypVcpu, esr: number): HypTrap | null {
  const cpu = vcpu.cpu;
  const fn = Number(cpu.getX(0) & 0xffffffffn);
  const args = [0, 1, 2, 3].map((r) => cpu.getX(r));
  ctx.observer?.onHypercall?.({ phase: 'call', vm: vcpu.vm.handle, vcpu: vcpu.index, fn, regs: args, path: 'el2' });
  const out = handleGuestHvc(ctx, profile, vcpu);
  if (out.action === 'return') {
    reportReturn(ctx, vcpu, fn, 'el2');
    return null;
  }
  if (out.action === 'fault') {
    cpu.pc -= 4; // replay the HVC once the page is mapped
    vcpu.fault = { esr: MEMSHARE_FAULT_ESR, far: 0, hpfar: Math.floor(out.ipa / 4096) * 16 };
    vcpu.pending = { kind: 'none' };
    ctx.observer?.onHypercall?.({ phase: 'return', vm: vcpu.vm.handle, vcpu: vcpu.index, fn, regs: [], path: 'fault-in' });
    return trap(vcpu, [0n, 0n, 0n, 0n], 0n);
  }
  vcpu.fault = { esr, far: 0, hpfar: 0 };
  vcpu.pending = { kind: 'hvc', fn };
  return trap(vcpu, args.map((v, k) => (k < out.visible ? v : 0n)), 0n);
}

function trap(vcpu: HypVcpu, x: bigint[], rt: bigint): HypTrap {
  return { kind: 'trap', esr: vcpu.fault.esr, far: vcpu.fault.far, hpfar: vcpu.fault.hpfar, x, rt };
}

function reportReturn(ctx: HypContext, vcpu: HypVcpu, fn: number, path: 'el2' | 'host'): void {
  const cpu = vcpu.cpu;
  ctx.observer?.onHypercall?.({ phase: 'return', vm: vcpu.vm.handle, vcpu: vcpu.index, fn, regs: [0, 1, 2, 3].map((r) => cpu.getX(r)), path });
}

/** Finish the previous exit as the host's answer says. Returns a stop if an injected abort cannot be taken. */
function applyEntry(ctx: HypContext, profile: Profile, vcpu: HypVcpu, entry: HostEntry): HypRunResult | null {
  const cpu = vcpu.cpu;
  const pending = vcpu.pending;
  vcpu.pending = { kind: 'none' };
  if (pending.kind === 'hvc') {
    completeForwardedHvc(ctx, profile, vcpu, pending.fn, entry.x);
    reportReturn(ctx, vcpu, pending.fn, 'host');
  } else if (pending.kind === 'mmio' && entry.mmio) {
    if (!pending.write) cpu.setX(pending.srt, extendLoad(entry.mmio.data, pending.sas, pending.sse, pending.sf));
    cpu.pc += 4;
  }
  if (entry.inject) return injectAbort(vcpu, entry.inject.fetch, entry.inject.addr);
  return null;
}

/** Sign- or zero-extend an MMIO load of 2^sas bytes to a W (sf = false) or X register. */
function extendLoad(data: bigint, sas: number, sse: boolean, sf: boolean): bigint {
  const bits = 8n << BigInt(sas);
  let v = data & ((1n << bits) - 1n);
  if (sse && v & (1n << (bits - 1n))) v -= 1n << bits;
  const width = sf ? 64n : 32n;
  return v & ((1n << width) - 1n);
}

/**
 * Inject a synchronous external abort into the guest at EL1 (inject_fault.c
 * `inject_abt64`: IL set, FSC = synchronous external abort). A guest with no vector
 * table cannot take it; that is reported as a stop.
 */
function injectAbort(vcpu: HypVcpu, fetch: boolean, addr: number): HypRunResult | null {
  const cpu = vcpu.cpu;
  const fromEl0 = cpu.el === 0;
  const ec = fetch ? (fromEl0 ? EC.IABT_LOW : EC.IABT_CUR) : fromEl0 ? EC.DABT_LOW : EC.DABT_CUR;
  const esrValue = makeEsr(ec, 1, FSC.SYNC_EXTERNAL);
  const description = `external ${fetch ? 'instruction' : 'data'} abort injected by KVM at 0x${addr.toString(16)} (no memory there)`;
  if (cpu.sys.vbar_el1 === 0n) {
    return { kind: 'stop', exit: { kind: 'unhandled-exception', ec, esr: esrValue, far: addr, elr: cpu.pc, description } };
  }
  const vectorOffset = fromEl0 ? 0x400 : cpu.spsel === 0 ? 0x000 : 0x200;
  cpu.sys.spsr_el1 = BigInt(cpu.spsrValue);
  cpu.sys.elr_el1 = BigInt(cpu.pc);
  cpu.sys.esr_el1 = BigInt(esrValue);
  cpu.sys.far_el1 = BigInt(addr);
  cpu.daif = 0xf;
  cpu.setPstateElSp(1, 1);
  cpu.pc = Number(cpu.sys.vbar_el1) + vectorOffset;
  cpu.clearExclusive();
  return null;
}
