/**
 * The launch configuration of a pKVM machine: which design (profile), the VM, its
 * memory regions and their backing, vCPUs and scheduling, and how the VMM behaves
 * (exit handling, scripted host actions). `parseLaunchConfig` validates raw JSON (a
 * launch.json entry, a CLI file) and fills defaults; every error names its field.
 */
import { DEFAULT_PROFILE, isProfile, Profile, PROFILES } from './profile';
import { parseAction, parseTrigger, ScriptedAction } from './scriptedActions';
import { ConfigErrors, expectBool, expectInt, expectObject, expectOneOf, expectString, knownKeys, parseAddress, parseSize } from './fields';

export const GMEM_FLAG_NAMES = ['MMAP', 'INIT_SHARED'] as const;
export type GmemFlagName = (typeof GMEM_FLAG_NAMES)[number];
export const BACKINGS = ['guest_memfd', 'anonymous'] as const;
export type Backing = (typeof BACKINGS)[number];
export const ON_SHARE = ['access', 'ignore'] as const;
export const ON_UNSHARE = ['cooperative', 'keep-mapped', 'skip-private', 'return-error'] as const;
export const ON_SIGNAL = ['stop', 'continue'] as const;
export const EXIT_HYPERCALLS = ['MEM_SHARE', 'MEM_UNSHARE'] as const;

export interface MemoryRegionConfig {
  name: string;
  /** Guest physical base address (page aligned). */
  base: number;
  /** Bytes (page aligned). */
  size: number;
  backing: Backing;
  /** guest_memfd creation flags (guest_memfd backing only). */
  gmemFlags: GmemFlagName[];
}

export interface VmmConfig {
  /** MEM_SHARE exit: fault the page in through the VMM's mapping and touch it, or only acknowledge. */
  onShare: (typeof ON_SHARE)[number];
  /**
   * MEM_UNSHARE exit: `cooperative` unmaps the page and marks it PRIVATE; `keep-mapped` tries
   * PRIVATE while still mapping it; `skip-private` unmaps but never sets PRIVATE;
   * `return-error` answers with a non-zero `ret`.
   */
  onUnshare: (typeof ON_UNSHARE)[number];
  /** Which RFC hypercall exits the VMM enables with KVM_CAP_EXIT_HYPERCALL. */
  exitHypercalls: (typeof EXIT_HYPERCALLS)[number][];
  /** Drop the VMM's page-table entries of guest memory after loading the image, before the first run. */
  unmapImageBeforeRun: boolean;
  /** A SIGBUS/SIGSEGV in the VMM: stop the machine (the VMM would die), or log it and go on. */
  onSignal: (typeof ON_SIGNAL)[number];
  actions: ScriptedAction[];
}

export interface LaunchConfig {
  profile: Profile;
  /** Create the VM with KVM_VM_TYPE_ARM_PROTECTED. */
  protected: boolean;
  memory: MemoryRegionConfig[];
  vcpus: number;
  /** Instructions a vCPU runs per scheduling turn. */
  quantum: number;
  vmm: VmmConfig;
  /** Events kept in the log (older ones are dropped). */
  traceLimit: number;
}

export const MAX_VCPUS = 64;
export const DEFAULT_RAM_BASE = 0x8000_0000;
export const DEFAULT_RAM_SIZE = 64 * 1024 * 1024;
/** The console UART the VMM emulates (kvmtool/QEMU virt PL011). */
export const UART_BASE = 0x0900_0000;
export const UART_SIZE = 0x1000;
const IPA_LIMIT = 2 ** 40;

export type ParseResult = { ok: true; config: LaunchConfig } | { ok: false; errors: string[] };

/** Validate raw JSON and fill in defaults (some depend on the profile). */
export function parseLaunchConfig(raw: unknown): ParseResult {
  const errs = new ConfigErrors();
  const o = raw === undefined ? {} : expectObject(errs, '', raw);
  if (!o) return { ok: false, errors: errs.list };
  knownKeys(errs, '', o, ['profile', 'protected', 'memory', 'vcpus', 'quantum', 'vmm', 'traceLimit']);

  let profile: Profile = DEFAULT_PROFILE;
  if (o.profile !== undefined) {
    if (isProfile(o.profile)) profile = o.profile;
    else errs.add('profile', `expected one of ${PROFILES.map((p) => `"${p}"`).join(', ')}`);
  }
  const rfc = profile === 'rfc-2024';
  const isProtected = o.protected === undefined ? true : (expectBool(errs, 'protected', o.protected) ?? true);
  const memory = parseMemory(errs, o.memory, profile, isProtected);
  const vcpus = o.vcpus === undefined ? 1 : (expectInt(errs, 'vcpus', o.vcpus, 1, MAX_VCPUS) ?? 1);
  const quantum = o.quantum === undefined ? 10_000 : (expectInt(errs, 'quantum', o.quantum, 1, 1e9) ?? 10_000);
  const traceLimit = o.traceLimit === undefined ? 200_000 : (expectInt(errs, 'traceLimit', o.traceLimit, 100, 1e8) ?? 200_000);

  const v = o.vmm === undefined ? {} : expectObject(errs, 'vmm', o.vmm);
  const vmm: VmmConfig = {
    onShare: 'access',
    onUnshare: 'cooperative',
    exitHypercalls: rfc ? ['MEM_SHARE', 'MEM_UNSHARE'] : [],
    unmapImageBeforeRun: rfc,
    onSignal: 'stop',
    actions: [],
  };
  if (v) {
    knownKeys(errs, 'vmm', v, ['onShare', 'onUnshare', 'exitHypercalls', 'unmapImageBeforeRun', 'onSignal', 'actions']);
    if (v.onShare !== undefined) vmm.onShare = expectOneOf(errs, 'vmm.onShare', v.onShare, ON_SHARE) ?? vmm.onShare;
    if (v.onUnshare !== undefined) vmm.onUnshare = expectOneOf(errs, 'vmm.onUnshare', v.onUnshare, ON_UNSHARE) ?? vmm.onUnshare;
    if (v.onSignal !== undefined) vmm.onSignal = expectOneOf(errs, 'vmm.onSignal', v.onSignal, ON_SIGNAL) ?? vmm.onSignal;
    if (v.unmapImageBeforeRun !== undefined) vmm.unmapImageBeforeRun = expectBool(errs, 'vmm.unmapImageBeforeRun', v.unmapImageBeforeRun) ?? vmm.unmapImageBeforeRun;
    if (v.exitHypercalls !== undefined) {
      if (!Array.isArray(v.exitHypercalls)) errs.add('vmm.exitHypercalls', 'expected an array');
      else {
        vmm.exitHypercalls = [];
        v.exitHypercalls.forEach((x, k) => {
          const name = expectOneOf(errs, `vmm.exitHypercalls[${k}]`, x, EXIT_HYPERCALLS);
          if (name && !vmm.exitHypercalls.includes(name)) vmm.exitHypercalls.push(name);
        });
        if (!rfc && vmm.exitHypercalls.length > 0) {
          errs.add('vmm.exitHypercalls', 'the upstream profile has no KVM_CAP_EXIT_HYPERCALL on arm64 (the VMM is never told about SHARE/UNSHARE); use []');
        }
      }
    }
    if (v.actions !== undefined) {
      if (!Array.isArray(v.actions)) errs.add('vmm.actions', 'expected an array of { "trigger": …, "action": … }');
      else {
        v.actions.forEach((a, k) => {
          const f = `vmm.actions[${k}]`;
          const ao = expectObject(errs, f, a);
          if (!ao) return;
          knownKeys(errs, f, ao, ['trigger', 'action']);
          const trigger = parseTrigger(errs, `${f}.trigger`, ao.trigger);
          const action = parseAction(errs, `${f}.action`, ao.action, trigger?.kind === 'hypercall');
          if (trigger && action) vmm.actions.push({ trigger, action });
        });
      }
    }
  }
  if (errs.list.length) return { ok: false, errors: errs.list };
  return { ok: true, config: { profile, protected: isProtected, memory, vcpus, quantum, vmm, traceLimit } };
}

function parseMemory(errs: ConfigErrors, raw: unknown, profile: Profile, isProtected: boolean): MemoryRegionConfig[] {
  const defaultBacking: Backing = profile === 'rfc-2024' ? 'guest_memfd' : 'anonymous';
  const defaultFlags: GmemFlagName[] = profile === 'rfc-2024' ? ['MMAP'] : ['MMAP', 'INIT_SHARED'];
  if (raw === undefined) return [{ name: 'ram', base: DEFAULT_RAM_BASE, size: DEFAULT_RAM_SIZE, backing: defaultBacking, gmemFlags: defaultFlags }];
  if (!Array.isArray(raw) || raw.length === 0) {
    errs.add('memory', 'expected a non-empty array of regions');
    return [];
  }
  const out: MemoryRegionConfig[] = [];
  raw.forEach((r, k) => {
    const f = `memory[${k}]`;
    const o = expectObject(errs, f, r);
    if (!o) return;
    knownKeys(errs, f, o, ['name', 'base', 'size', 'backing', 'gmemFlags']);
    const name = o.name === undefined ? `region${k}` : expectString(errs, `${f}.name`, o.name);
    const base = parseAddress(errs, `${f}.base`, o.base);
    const size = parseSize(errs, `${f}.size`, o.size);
    const backing = o.backing === undefined ? defaultBacking : expectOneOf(errs, `${f}.backing`, o.backing, BACKINGS);
    let gmemFlags = defaultFlags;
    if (o.gmemFlags !== undefined) {
      if (!Array.isArray(o.gmemFlags)) errs.add(`${f}.gmemFlags`, 'expected an array of "MMAP" / "INIT_SHARED"');
      else gmemFlags = o.gmemFlags.map((x, j) => expectOneOf(errs, `${f}.gmemFlags[${j}]`, x, GMEM_FLAG_NAMES)).filter((x): x is GmemFlagName => x !== undefined);
    }
    if (name === undefined || base === undefined || size === undefined || backing === undefined) return;
    if (base % 4096 !== 0) errs.add(`${f}.base`, 'must be 4 KiB aligned');
    if (size % 4096 !== 0 || size === 0) errs.add(`${f}.size`, 'must be a non-zero multiple of 4 KiB');
    if (base + size > IPA_LIMIT) errs.add(`${f}`, 'extends beyond the 40-bit IPA space');
    if (base < UART_BASE + UART_SIZE && UART_BASE < base + size) errs.add(`${f}`, 'overlaps the console UART at 0x9000000');
    if (backing === 'guest_memfd' && !gmemFlags.includes('MMAP')) {
      errs.add(`${f}.gmemFlags`, 'must include "MMAP": the VMM loads the image through its guest_memfd mapping');
    }
    if (backing === 'guest_memfd' && profile === 'upstream' && isProtected) {
      errs.add(`${f}.backing`, 'the upstream profile backs protected VMs with anonymous memory (guest_memfd for pVMs is not upstream)');
    }
    for (const p of out) {
      if (base < p.base + p.size && p.base < base + size) errs.add(`${f}`, `overlaps region "${p.name}"`);
      if (p.name === name) errs.add(`${f}.name`, `duplicate region name "${name}"`);
    }
    out.push({ name, base, size, backing, gmemFlags: backing === 'guest_memfd' ? gmemFlags : [] });
  });
  return out;
}

/** The configuration with every default (what `parseLaunchConfig({})` gives). */
export function defaultLaunchConfig(profile: Profile = DEFAULT_PROFILE): LaunchConfig {
  const r = parseLaunchConfig({ profile });
  if (!r.ok) throw new Error(r.errors.join('; '));
  return r.config;
}
