/**
 * Exception breakpoints over the model's event log: each filter names a kind of event
 * (a SIGBUS in the VMM, a refused unshare, a KVM_RUN error…) that stops the run right
 * after it happens. Conditions are expressions over the event's fields and the vCPU's
 * registers, e.g. `ipa == 0x80004000` or `x1 == buffer`.
 */
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { TraceEvent } from '../engine/trace/events';

export interface FilterMatch {
  filter: string;
  /** One line for the stop: what happened. */
  text: string;
  /** Named values the condition may use (ipa, gfn, fn, ret…). */
  fields: Record<string, bigint>;
  event: TraceEvent;
}

export const EXCEPTION_FILTERS: DebugProtocol.ExceptionBreakpointsFilter[] = [
  { filter: 'sigbus', label: 'Host SIGBUS (guest_memfd fault)', description: 'The VMM touched guest memory it may not map (rfc-2024: the page is NOT_MAPPABLE)', default: true, supportsCondition: true, conditionDescription: 'e.g. ipa == 0x80004000' },
  { filter: 'sigsegv', label: 'Host SIGSEGV (upstream)', description: 'The VMM touched memory donated to the guest (upstream profile)', default: true, supportsCondition: true, conditionDescription: 'e.g. ipa == 0x80004000' },
  { filter: 'unshare-refused', label: 'Unshare refused or failed', description: 'MEM_UNSHARE returned an error to the guest (the VMM did not unmap and mark the page PRIVATE)', default: true, supportsCondition: true, conditionDescription: 'e.g. ipa == 0x80004000' },
  { filter: 'hypercall-error', label: 'Hypercall returned an error', description: 'Any SMCCC/PSCI call whose x0 result is negative', default: false, supportsCondition: true, conditionDescription: 'e.g. fn == 0xc6000003' },
  { filter: 'stage2-exit', label: 'Guest stage-2 abort / exit to host', description: 'The guest left EL2 for the host: a stage-2 fault (page fault-in, MMIO) or a forwarded call', default: false, supportsCondition: true, conditionDescription: 'e.g. ipa == 0x9000000' },
  { filter: 'kvm-run-error', label: 'KVM_RUN error', description: 'KVM_RUN returned -1 with an errno (EPERM, EFAULT…)', default: true, supportsCondition: true, conditionDescription: 'e.g. ret == -1' },
  { filter: 'invariant', label: 'Invariant violation', description: 'Memory private to the guest became mapped or accessible by the host (always stops)', default: true },
];

const big = (s: string | null | undefined): bigint | undefined => {
  if (s === null || s === undefined) return undefined;
  try {
    return BigInt(s);
  } catch {
    return undefined;
  }
};
const isErrorResult = (x0: string | undefined): boolean => x0 !== undefined && (big(x0) ?? 0n) >= 0x8000000000000000n;

/**
 * Matches events against the enabled filters. Remembers each vCPU's last hypercall,
 * because a return (x0..x3) no longer carries the call's arguments (the IPA in x1).
 */
export class FilterMatcher {
  private readonly lastCall = new Map<number | null, string[]>();

  match(e: TraceEvent, enabled: ReadonlySet<string>): FilterMatch | null {
    if (e.type === 'hypercall' && e.phase === 'call') this.lastCall.set(e.vcpu, e.regs);
    const call = e.type === 'hypercall' && e.phase === 'return' ? this.lastCall.get(e.vcpu) : undefined;
    return matchFilter(e, enabled, call);
  }
}

/** Which enabled filter (if any) an event triggers; `callRegs` are the x0..x3 of the call a return answers. */
export function matchFilter(e: TraceEvent, enabled: ReadonlySet<string>, callRegs?: string[]): FilterMatch | null {
  const withIpa = (filter: string, text: string, ipa: string | null | undefined, extra: Record<string, bigint> = {}): FilterMatch => {
    const fields: Record<string, bigint> = {};
    // Conditions use unsigned 64-bit arithmetic, like registers: -1 is 0xffff…ffff.
    for (const [k, v] of Object.entries(extra)) fields[k] = BigInt.asUintN(64, v);
    const v = big(ipa);
    if (v !== undefined) {
      fields.ipa = v;
      fields.gfn = v >> 12n;
    }
    return { filter, text, fields, event: e };
  };
  switch (e.type) {
    case 'signal': {
      const f = e.signal === 'SIGBUS' ? 'sigbus' : 'sigsegv';
      return enabled.has(f) ? withIpa(f, `${e.signal} to the VMM at VA ${e.va}${e.ipa ? ` (IPA ${e.ipa})` : ''} during ${e.during}: ${e.why}`, e.ipa) : null;
    }
    case 'hypercall': {
      if (e.phase !== 'return') return null;
      const x0 = e.regs[0];
      const fn = BigInt(e.fn);
      if (e.name === 'MEM_UNSHARE' && isErrorResult(x0) && enabled.has('unshare-refused')) {
        const ipa = callRegs?.[1];
        return withIpa('unshare-refused', `MEM_UNSHARE(${ipa ?? '?'}) returned ${x0} to the guest (refused)`, ipa, { fn, x0: big(x0) ?? 0n });
      }
      if (isErrorResult(x0) && enabled.has('hypercall-error')) return withIpa('hypercall-error', `${e.name}(${callRegs?.slice(1).join(', ') ?? ''}) returned ${x0}`, callRegs?.[1], { fn, x0: big(x0) ?? 0n });
      return null;
    }
    case 'guest-exit':
      if (!enabled.has('stage2-exit')) return null;
      return withIpa('stage2-exit', `guest exit to host: ${e.what} (ESR_EL2 ${e.esr}, FAR_EL2 ${e.far}, HPFAR_EL2 ${e.hpfar})`, big(e.hpfar) !== undefined ? `0x${((big(e.hpfar)! >> 4n) << 12n).toString(16)}` : null, { esr: big(e.esr) ?? 0n });
    case 'kvm-run':
      if (e.ret >= 0 || !enabled.has('kvm-run-error')) return null;
      return { filter: 'kvm-run-error', text: `KVM_RUN failed: ${e.result} (exit ${e.exitName})`, fields: { ret: BigInt.asUintN(64, BigInt(e.ret)) }, event: e };
    case 'invariant-violation':
      return withIpa('invariant', `invariant violated (${e.rule}): ${e.message}`, e.page.ipa);
    default:
      return null;
  }
}
