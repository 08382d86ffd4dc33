/**
 * Scripted host actions: things the host (VMM or kernel) does to guest memory at chosen
 * moments, to reproduce races and misbehaviour. A trigger says when (at start, after N
 * instructions, on the n-th occurrence of a hypercall or exit, when the console prints
 * some text); an action says what, on the page at an IPA (or, for hypercall triggers,
 * the IPA the hypercall passed in x1).
 */
import { functionIdByName } from '../hyp/smccc';
import { ConfigErrors, expectBool, expectInt, expectObject, expectOneOf, expectString, knownKeys, parseAddress } from './fields';

export const EXIT_NAMES = ['HYPERCALL', 'MMIO', 'SYSTEM_EVENT', 'MEMORY_FAULT', 'ARM_NISV'] as const;
export type ExitName = (typeof EXIT_NAMES)[number];

export type Trigger =
  | { kind: 'start' }
  | { kind: 'instructions'; count: number }
  /** The guest issues function `fn` (checked as EL2 receives it); fires on the `occurrence`-th call. */
  | { kind: 'hypercall'; fn: number; occurrence: number }
  /** KVM_RUN returns to the VMM with this exit reason, for the `occurrence`-th time. */
  | { kind: 'exit'; reason: ExitName; occurrence: number }
  /** The console output contains `text` (first time only). */
  | { kind: 'console'; text: string };

/** A page address, or "x1": the IPA argument of the hypercall that fired the trigger. */
export type ActionAddress = number | 'x1';

export type HostAction =
  /** The VMM reads through its mapping of guest memory. */
  | { kind: 'read'; ipa: ActionAddress; length: number }
  /** The VMM writes `bytes` (repeated to `length`) through its mapping. */
  | { kind: 'write'; ipa: ActionAddress; length: number; bytes: number[] }
  /** The VMM maps the region's backing at the page's usual address again. */
  | { kind: 'mmap'; ipa: ActionAddress; length: number }
  | { kind: 'munmap'; ipa: ActionAddress; length: number }
  /** MADV_DONTNEED: drop the VMM's page-table entries, keep the mapping. */
  | { kind: 'madvise-dontneed'; ipa: ActionAddress; length: number }
  /** KVM_SET_MEMORY_ATTRIBUTES with PRIVATE set or clear. */
  | { kind: 'set-attributes'; ipa: ActionAddress; length: number; private: boolean }
  /** fallocate(PUNCH_HOLE | KEEP_SIZE) on the region's guest_memfd. */
  | { kind: 'punch-hole'; ipa: ActionAddress; length: number }
  /** The kernel reads the page (kvm_read_guest_page), as for a syscall or stolen time. */
  | { kind: 'kernel-read'; ipa: ActionAddress; length: number }
  | { kind: 'kernel-write'; ipa: ActionAddress; length: number; bytes: number[] };

export type HostActionKind = HostAction['kind'];
export const ACTION_KINDS: ReadonlyArray<HostActionKind> = [
  'read', 'write', 'mmap', 'munmap', 'madvise-dontneed', 'set-attributes', 'punch-hole', 'kernel-read', 'kernel-write',
];
const TRIGGER_KINDS = ['start', 'instructions', 'hypercall', 'exit', 'console'] as const;

export interface ScriptedAction {
  trigger: Trigger;
  action: HostAction;
}

export function parseTrigger(errs: ConfigErrors, field: string, raw: unknown): Trigger | undefined {
  const o = expectObject(errs, field, raw);
  if (!o) return undefined;
  const kind = expectOneOf(errs, `${field}.kind`, o.kind, TRIGGER_KINDS);
  switch (kind) {
    case 'start':
      knownKeys(errs, field, o, ['kind']);
      return { kind };
    case 'instructions': {
      knownKeys(errs, field, o, ['kind', 'count']);
      const count = expectInt(errs, `${field}.count`, o.count, 0, Number.MAX_SAFE_INTEGER);
      return count === undefined ? undefined : { kind, count };
    }
    case 'hypercall': {
      knownKeys(errs, field, o, ['kind', 'function', 'occurrence']);
      const fn = parseFunction(errs, `${field}.function`, o.function);
      const occurrence = o.occurrence === undefined ? 1 : expectInt(errs, `${field}.occurrence`, o.occurrence, 1, Number.MAX_SAFE_INTEGER);
      return fn === undefined || occurrence === undefined ? undefined : { kind, fn, occurrence };
    }
    case 'exit': {
      knownKeys(errs, field, o, ['kind', 'reason', 'occurrence']);
      const reason = expectOneOf(errs, `${field}.reason`, o.reason, EXIT_NAMES);
      const occurrence = o.occurrence === undefined ? 1 : expectInt(errs, `${field}.occurrence`, o.occurrence, 1, Number.MAX_SAFE_INTEGER);
      return reason === undefined || occurrence === undefined ? undefined : { kind, reason, occurrence };
    }
    case 'console': {
      knownKeys(errs, field, o, ['kind', 'text']);
      const text = expectString(errs, `${field}.text`, o.text);
      return text === undefined ? undefined : { kind, text };
    }
    default:
      return undefined;
  }
}

/** A function ID by name ("MEM_SHARE", "PSCI_CPU_ON") or number ("0xc6000003"). */
function parseFunction(errs: ConfigErrors, field: string, v: unknown): number | undefined {
  if (typeof v === 'string') {
    const byName = functionIdByName(v);
    if (byName !== undefined) return byName;
    if (/^0x[0-9a-f]{1,8}$/i.test(v)) return Number(v) >>> 0;
  }
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0xffffffff) return v;
  errs.add(field, 'expected a function name (e.g. "MEM_SHARE", "MEM_UNSHARE", "PSCI_CPU_ON") or a 32-bit function ID');
  return undefined;
}

export function parseAction(errs: ConfigErrors, field: string, raw: unknown, hypercallTrigger: boolean): HostAction | undefined {
  const o = expectObject(errs, field, raw);
  if (!o) return undefined;
  const kind = expectOneOf(errs, `${field}.kind`, o.kind, ACTION_KINDS);
  if (!kind) return undefined;
  const keys = ['kind', 'ipa', 'length'];
  if (kind === 'write' || kind === 'kernel-write') keys.push('bytes');
  if (kind === 'set-attributes') keys.push('private');
  knownKeys(errs, field, o, keys);
  let ipa: ActionAddress | undefined;
  if (o.ipa === 'x1') {
    if (hypercallTrigger) ipa = 'x1';
    else errs.add(`${field}.ipa`, '"x1" (the hypercall\'s argument) needs a hypercall trigger');
  } else {
    ipa = parseAddress(errs, `${field}.ipa`, o.ipa);
  }
  const pageLike = kind === 'mmap' || kind === 'munmap' || kind === 'madvise-dontneed' || kind === 'set-attributes' || kind === 'punch-hole';
  const defaultLength = pageLike ? 4096 : 8;
  const length = o.length === undefined ? defaultLength : expectInt(errs, `${field}.length`, o.length, 1, 2 ** 40);
  if (ipa === undefined || length === undefined) return undefined;
  if (pageLike && (length % 4096 !== 0 || (typeof ipa === 'number' && ipa % 4096 !== 0))) {
    errs.add(field, `${kind} works on whole pages: ipa and length must be 4 KiB aligned`);
  }
  if ((kind === 'kernel-read' || kind === 'kernel-write') && typeof ipa === 'number' && (ipa % 4096) + length > 4096) {
    errs.add(`${field}.length`, 'kvm_read/write_guest_page stays within one page');
  }
  switch (kind) {
    case 'write':
    case 'kernel-write': {
      let bytes = [0xaa];
      if (o.bytes !== undefined) {
        if (!Array.isArray(o.bytes) || o.bytes.length === 0 || !o.bytes.every((b) => Number.isInteger(b) && b >= 0 && b <= 255)) {
          errs.add(`${field}.bytes`, 'expected a non-empty array of byte values 0..255');
        } else bytes = o.bytes as number[];
      }
      return { kind, ipa, length, bytes };
    }
    case 'set-attributes': {
      const priv = expectBool(errs, `${field}.private`, o.private);
      return priv === undefined ? undefined : { kind, ipa, length, private: priv };
    }
    default:
      return { kind, ipa, length };
  }
}

/** Validate one host action given as raw JSON (e.g. a debugger request); defaults filled in. */
export function parseHostAction(raw: unknown): { ok: true; action: HostAction } | { ok: false; errors: string[] } {
  const errs = new ConfigErrors();
  const action = parseAction(errs, 'action', raw, false);
  return action && errs.list.length === 0 ? { ok: true, action } : { ok: false, errors: errs.list };
}
