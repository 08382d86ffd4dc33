/**
 * The property test's independent oracle: per page, what the reference's rules alone
 * predict (guest state, VMM mapping, PRIVATE / NOT_MAPPABLE), and `checkSequence`, which
 * runs a step sequence on a real machine and compares after every step.
 */
import assert from 'node:assert/strict';
import type { Profile } from '../../../engine/config/profile';
import {
  SMCCC_RET_INVALID_PARAMETER as INVALID,
  SMCCC_RET_NOT_SUPPORTED as NOT_SUPPORTED,
  VENDOR_HYP_KVM_MEM_RELINQUISH_FUNC_ID as RELINQUISH,
  VENDOR_HYP_KVM_MEM_SHARE_FUNC_ID as SHARE,
  VENDOR_HYP_KVM_MEM_UNSHARE_FUNC_ID as UNSHARE,
} from '../../../engine/hyp/smccc';
import { hvcCall, load, SAVE_RESULT, touch, WFI } from './guestCode';
import { CODE, machine, saved } from './machineFixture';

export const PAGES = [0x8010_0000, 0x8010_1000, 0x8010_2000];

export type GuestOp = { kind: 'touch' | 'read' | 'share' | 'unshare' | 'relinquish'; page: number };
export type HostOp =
  | { kind: 'read' | 'write' | 'madvise-dontneed' | 'kernel-read' | 'kernel-write'; page: number }
  | { kind: 'set-attributes'; page: number; private: boolean };
export type Step = { who: 'guest'; op: GuestOp } | { who: 'host'; op: HostOp };

export interface VmmChoice {
  onShare: 'access' | 'ignore';
  onUnshare: 'cooperative' | 'keep-mapped' | 'skip-private' | 'return-error';
  exits: ('MEM_SHARE' | 'MEM_UNSHARE')[];
}

// ------------------------------------------------------------------------------------------
// The oracle: per page, what the reference says the state is.

interface OraclePage {
  guest: 'none' | 'owned' | 'shared' | 'poison';
  /** The VMM has a page-table entry for it. */
  mapped: boolean;
  private: boolean;
  notMappable: boolean;
}

type Outcome =
  | { kind: 'ok'; regs?: bigint[]; host?: string }
  | { kind: 'stop'; errno: 'EPERM' | 'EFAULT' }
  /** The run breaks an invariant (a hole in the design the model reports): it must stop naming the rule. */
  | { kind: 'violation'; rule: string };

class Oracle {
  readonly pages: OraclePage[] = PAGES.map(() => ({ guest: 'none', mapped: false, private: false, notMappable: false }));
  started = false;

  constructor(
    readonly profile: Profile,
    readonly vmm: VmmChoice,
  ) {}

  private get rfc(): boolean {
    return this.profile === 'rfc-2024';
  }

  /** The first KVM_RUN marks every guest_memfd page NOT_MAPPABLE (RFC). */
  start(): void {
    if (this.started) return;
    this.started = true;
    if (this.rfc) for (const p of this.pages) p.notMappable = true;
  }

  /** Guest stage-2 fault on page k: RFC refuses a NOT_MAPPABLE page the VMM maps; upstream a poisoned one. */
  private fault(k: number): Outcome | null {
    const p = this.pages[k];
    if (p.guest === 'poison') return { kind: 'stop', errno: 'EFAULT' };
    if (p.guest !== 'none') return null;
    if (this.rfc && p.notMappable && p.mapped) return { kind: 'stop', errno: 'EPERM' };
    // RFC: guest-private memory must be NOT_MAPPABLE. A page whose NOT_MAPPABLE was cleared by
    // an unacknowledged UNSHARE is donated without it: the design lets that happen.
    if (this.rfc && !p.notMappable) return { kind: 'violation', rule: 'guest-private-not-mappable' };
    p.guest = 'owned';
    return null;
  }

  guest(op: GuestOp): Outcome {
    this.start();
    const k = op.page;
    const p = this.pages[k];
    const ipa = BigInt(PAGES[k]);
    switch (op.kind) {
      case 'touch':
      case 'read':
        return this.fault(k) ?? { kind: 'ok' };
      case 'share': {
        if (p.guest === 'none') {
          const f = this.fault(k);
          if (f) return f;
        }
        if (p.guest !== 'owned') return { kind: 'ok', regs: [INVALID, 0n, 0n, 0n] };
        p.guest = 'shared';
        if (!this.rfc) return { kind: 'ok', regs: [0n, 0n, 0n, 0n] };
        if (this.vmm.exits.includes('MEM_SHARE')) {
          p.notMappable = false;
          if (this.vmm.onShare === 'access') p.mapped = true;
        }
        return { kind: 'ok', regs: [0n, ipa, 0n, 0n] };
      }
      case 'unshare': {
        if (!this.rfc) {
          if (p.guest !== 'shared') return { kind: 'ok', regs: [INVALID, 0n, 0n, 0n] };
          p.guest = 'owned';
          return { kind: 'ok', regs: [0n, 0n, 0n, 0n] };
        }
        if (!this.vmm.exits.includes('MEM_UNSHARE')) return { kind: 'ok', regs: [INVALID, 0n, 0n, 0n] };
        p.notMappable = true;
        let ack = true;
        switch (this.vmm.onUnshare) {
          case 'cooperative':
            p.mapped = false;
            p.private = true;
            break;
          case 'keep-mapped':
            if (!p.mapped) p.private = true;
            break;
          case 'skip-private':
            p.mapped = false;
            break;
          case 'return-error':
            ack = false;
            break;
        }
        if (ack) {
          if (!p.private) {
            p.notMappable = false;
            // An UNSHARE of a page the guest owns (never shared) clears NOT_MAPPABLE on private memory.
            if (p.guest === 'owned') return { kind: 'violation', rule: 'guest-private-not-mappable' };
            return { kind: 'ok', regs: [INVALID, 0n, 0n, 0n] };
          }
          if (p.mapped) return { kind: 'stop', errno: 'EPERM' };
        }
        if (ack && p.guest === 'shared') {
          p.guest = 'owned';
          return { kind: 'ok', regs: [0n, 0n, 0n, 0n] };
        }
        return { kind: 'ok', regs: [INVALID, 0n, 0n, 0n] };
      }
      case 'relinquish': {
        if (!this.rfc) return { kind: 'ok', regs: [NOT_SUPPORTED, 0n, 0n, 0n] };
        if (p.guest === 'none') return { kind: 'ok', regs: [0n, 0n, 0n, 0n] };
        if (p.guest !== 'owned') return { kind: 'ok', regs: [INVALID, 0n, 0n, 0n] };
        p.guest = 'none';
        return { kind: 'ok', regs: [0n, ipa, 0n, 0n] };
      }
    }
  }

  host(op: HostOp): Outcome {
    const p = this.pages[op.page];
    switch (op.kind) {
      case 'read':
      case 'write':
        if (this.rfc) {
          if (!p.mapped && p.notMappable) return { kind: 'ok', host: 'SIGBUS' };
          p.mapped = true;
          return { kind: 'ok', host: 'ok' };
        }
        p.mapped = true;
        return { kind: 'ok', host: p.guest === 'owned' ? 'SIGSEGV' : 'ok' };
      case 'madvise-dontneed':
        p.mapped = false;
        return { kind: 'ok', host: 'ok' };
      case 'set-attributes':
        if (!this.rfc) return { kind: 'ok', host: op.private ? 'EINVAL' : 'ok' };
        if (op.private && p.mapped) return { kind: 'ok', host: 'EPERM' };
        if (!op.private && p.notMappable) return { kind: 'ok', host: 'EPERM' };
        p.private = op.private;
        return { kind: 'ok', host: 'ok' };
      case 'kernel-read':
      case 'kernel-write':
        if (this.rfc) return { kind: 'ok', host: p.notMappable ? 'EPERM' : 'ok' };
        // Upstream: a kernel access to a donated page makes the hypervisor reclaim it by force.
        p.mapped = true;
        if (p.guest === 'owned') p.guest = 'poison';
        return { kind: 'ok', host: 'ok' };
    }
  }
}

// ------------------------------------------------------------------------------------------

function guestCode(op: GuestOp): number[] {
  const ipa = PAGES[op.page];
  switch (op.kind) {
    case 'touch':
      return touch(ipa);
    case 'read':
      return load(ipa);
    case 'share':
      return [...hvcCall(SHARE, ipa), ...SAVE_RESULT];
    case 'unshare':
      return [...hvcCall(UNSHARE, ipa), ...SAVE_RESULT];
    case 'relinquish':
      return [...hvcCall(RELINQUISH, ipa), ...SAVE_RESULT];
  }
}

const hostResult = (r: { ok: boolean; result: string }): string => (r.ok ? 'ok' : r.result.replace(/^-1 /, ''));

export function checkSequence(profile: Profile, vmm: VmmChoice, steps: Step[]): void {
  const words: number[] = [];
  const breakAfter: number[] = [];
  for (const s of steps) {
    if (s.who !== 'guest') continue;
    words.push(...guestCode(s.op));
    breakAfter.push(CODE + 4 * words.length);
  }
  words.push(WFI);
  const m = machine(
    {
      profile,
      vmm: profile === 'rfc-2024' ? { onShare: vmm.onShare, onUnshare: vmm.onUnshare, exitHypercalls: vmm.exits, onSignal: 'continue' } : { onSignal: 'continue' },
    },
    words,
  );
  m.vcpus[0].cpu.setBreakpoints(breakAfter);
  const oracle = new Oracle(profile, vmm);
  const where = (i: number) => `step ${i} of ${JSON.stringify(steps)} with ${JSON.stringify(vmm)}`;

  for (const [i, s] of steps.entries()) {
    if (s.who === 'host') {
      const expect = oracle.host(s.op);
      const raw = s.op.kind === 'set-attributes' ? { kind: s.op.kind, ipa: PAGES[s.op.page], private: s.op.private } : { kind: s.op.kind, ipa: PAGES[s.op.page] };
      const got = hostResult(m.hostAction(raw));
      assert.equal(got, expect.kind === 'ok' ? expect.host : 'stop', `host ${s.op.kind} on page ${s.op.page}: ${where(i)}`);
    } else {
      const expect = oracle.guest(s.op);
      const stop = m.run(100_000);
      if (expect.kind === 'violation') {
        assert.equal(stop.reason, 'error', `expected the invariant "${expect.rule}" to be reported: ${stop.detail}; ${where(i)}`);
        assert.match(stop.detail, new RegExp(`invariant "${expect.rule}" violated at IPA 0x${PAGES[s.op.page].toString(16)}`), where(i));
        assert.equal(m.violation?.violation.rule, expect.rule);
        return;
      }
      if (expect.kind === 'stop') {
        assert.equal(stop.reason, 'error', `expected KVM_RUN to fail with ${expect.errno}: ${stop.detail}; ${where(i)}`);
        assert.match(stop.detail, new RegExp(`KVM_RUN on vCPU 0 failed: -1 ${expect.errno}`), where(i));
        assert.equal(m.violation, null);
        return;
      }
      assert.equal(stop.reason, 'breakpoint', `${stop.detail}; ${where(i)}`);
      if (expect.regs) assert.deepEqual(saved(m), expect.regs, `x0..x3 after ${s.op.kind}: ${where(i)}`);
    }
    assert.equal(m.violation, null, m.violation?.event.type === 'invariant-violation' ? m.violation.event.message : '');
    oracle.pages.forEach((p, k) => {
      const rec = m.pageRecord(PAGES[k])!;
      const guest = { none: 'NOPAGE', owned: 'OWNED', shared: 'SHARED_OWNED', poison: 'POISON' }[p.guest];
      assert.equal(rec.guest.state, guest, `guest state of page ${k}: ${where(i)}`);
      const host = { none: [null, 'OWNED'], owned: ['NOPAGE'], shared: ['SHARED_BORROWED'], poison: ['OWNED'] }[p.guest];
      assert.ok((host as (string | null)[]).includes(rec.host), `host state ${rec.host} of page ${k}: ${where(i)}`);
      if (profile === 'rfc-2024') {
        assert.equal(rec.attributes.notMappable, p.notMappable, `NOT_MAPPABLE of page ${k}: ${where(i)}`);
        assert.equal(rec.attributes.private, p.private, `PRIVATE of page ${k}: ${where(i)}`);
        assert.equal(rec.hostMapcount > 0, p.mapped, `VMM mapping of page ${k}: ${where(i)}`);
      }
    });
  }
  m.vcpus[0].cpu.setBreakpoints([]);
  const end = m.run(100_000);
  assert.equal(end.reason, 'idle', end.detail);
  // Teardown gives every page back to the host without breaking the invariant.
  m.shutdown();
  assert.equal(m.violation, null);
  for (const ipa of PAGES) assert.equal(m.vm!.hypVm!.stage2.state(ipa / 4096), 3 /* NOPAGE */);
}

