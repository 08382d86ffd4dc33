/**
 * What the debugger shows of the pKVM model beyond the CPU: the Hypercall, Pages and
 * KVM/VMM scopes, and the memory-map requests (layout, cells, page details). Reads
 * the model through its query API; never changes it.
 */
import type { LaunchConfig } from '../engine/config/launchConfig';
import { UART_BASE, UART_SIZE } from '../engine/config/launchConfig';
import { functionName } from '../engine/hyp/smccc';
import { isHypercallInstruction } from '../engine/debug/hypercallBreakpoints';
import { PAGE_SIZE } from '../engine/memory/physPage';
import type { TraceEvent } from '../engine/trace/events';
import type { PageRecord } from '../engine/trace/pageQuery';
import { CATEGORY_NAMES, CELL_CATEGORY_MASK, summariseCells } from '../engine/view/pageCell';
import type { PkvmMachine } from '../engine/vmm/pkvmMachine';
import type { LayoutRegion, LayoutResponseBody, PageCellsArguments, PageCellsResponseBody, PageDetailsResponseBody } from './protocol/customRequests';
import type { NumberFormat, ScopeContributor, VarNode } from './variables';
import { formatValue } from './variables';

const hex = (n: number | bigint): string => `0x${n.toString(16)}`;
/** Pages listed per level when a run of pages is expanded (indexed, paged by the client). */
const PAGE_LIST_LIMIT = 1 << 20;

export class PkvmView implements ScopeContributor {
  constructor(
    private readonly machine: PkvmMachine,
    private readonly config: LaunchConfig,
  ) {}

  // ------------------------------------------------------------------ memory map

  regions(): LayoutRegion[] {
    const ram: LayoutRegion[] = this.config.memory.map((r, k) => ({
      name: `${r.name} (slot ${k}, ${r.backing === 'guest_memfd' ? 'guest_memfd' : 'anonymous memory'})`,
      base: r.base,
      pages: r.size / PAGE_SIZE,
      kind: 'ram',
    }));
    return [...ram, { name: 'PL011 UART (MMIO, emulated by the VMM)', base: UART_BASE, pages: UART_SIZE / PAGE_SIZE, kind: 'mmio' }];
  }

  layout(): LayoutResponseBody {
    return { pageSize: PAGE_SIZE, regions: this.regions(), profile: this.config.profile };
  }

  cells(args: PageCellsArguments): PageCellsResponseBody {
    const regions = this.regions();
    const r = regions[args.region];
    if (!r) throw new Error(`region ${args.region} does not exist (the layout has ${regions.length})`);
    const stride = Math.max(1, Math.floor(args.stride));
    const totalCells = Math.ceil(r.pages / stride);
    if (!Number.isInteger(args.firstCell) || args.firstCell < 0 || args.firstCell >= totalCells) throw new Error(`firstCell ${args.firstCell} is outside region ${args.region} (0..${totalCells - 1})`);
    const count = Math.max(0, Math.min(args.count, totalCells - args.firstCell));
    const firstPage = args.firstCell * stride;
    const pages = Math.min(count * stride, r.pages - firstPage);
    const q = this.machine.pages;
    const violationIpa = this.violationIpa();
    const pageCells = q ? q.cells(r.base + firstPage * PAGE_SIZE, pages, violationIpa) : new Uint8Array(pages);
    const cells = summariseCells(pageCells, stride, new Uint8Array(count));
    return { region: args.region, stride, firstCell: args.firstCell, cells: Buffer.from(cells).toString('base64'), summary: this.regionSummary(r) };
  }

  private violationIpa(): number | null {
    const v = this.machine.violation;
    const ipa = v?.violation.page?.ipa;
    return ipa ? Number(ipa) : null;
  }

  /** Pages per category over a whole region, from the run-length summary. */
  private regionSummary(r: LayoutRegion): Record<string, number> {
    const q = this.machine.pages;
    const out: Record<string, number> = {};
    if (!q || r.kind === 'mmio') {
      out[r.kind === 'mmio' ? 'MMIO' : 'unbacked'] = r.pages;
      return out;
    }
    const cells = q.cells(r.base, r.pages);
    for (let k = 0; k < cells.length; ) {
      const cat = cells[k] & CELL_CATEGORY_MASK;
      let n = 1;
      while (k + n < cells.length && (cells[k + n] & CELL_CATEGORY_MASK) === cat) n++;
      const name = CATEGORY_NAMES[cat];
      out[name] = (out[name] ?? 0) + n;
      k += n;
    }
    return out;
  }

  details(ipa: number): PageDetailsResponseBody {
    const rec = this.machine.pageRecord(ipa);
    const pageIpa = Math.floor(ipa / PAGE_SIZE) * PAGE_SIZE;
    const fields = rec ? recordFields(rec) : [{ label: 'state', value: 'not guest RAM (no memslot)' }];
    return { ipa: pageIpa, fields, history: this.history(pageIpa) };
  }

  /** Events that touched the page, oldest first (bounded by the log's limit). */
  history(pageIpa: number, limit = 50): Array<{ at: string; text: string }> {
    const gfn = pageIpa / PAGE_SIZE;
    const ipaText = hex(pageIpa);
    const out: Array<{ at: string; text: string }> = [];
    for (const e of this.machine.log.events) {
      const text = describeForPage(e, gfn, ipaText);
      if (text) out.push({ at: `#${e.seq} ${e.vcpu === null ? 'host' : `vCPU ${e.vcpu}`} @${e.total}`, text });
    }
    return out.slice(-limit);
  }

  // ------------------------------------------------------------------ scopes

  scopes(vcpu: number, frameIndex: number, fmt: NumberFormat): Array<{ name: string; expensive: boolean; presentationHint?: string; root: () => VarNode[] }> {
    const out: Array<{ name: string; expensive: boolean; presentationHint?: string; root: () => VarNode[] }> = [];
    const hc = frameIndex === 0 ? this.pendingHypercall(vcpu) : null;
    if (hc) out.push({ name: 'Hypercall', expensive: false, root: () => hc });
    out.push({ name: 'Pages', expensive: false, root: () => this.pageNodes() });
    out.push({ name: 'KVM / VMM', expensive: false, root: () => this.kvmNodes(vcpu, fmt) });
    return out;
  }

  /** When the vCPU is stopped on an HVC/SMC: the call it is about to make. */
  private pendingHypercall(vcpu: number): VarNode[] | null {
    const cpu = this.machine.vcpus[vcpu].cpu;
    const insn = cpu.insnAt(cpu.pc);
    if (!insn || !isHypercallInstruction(insn.word)) return null;
    const fn = Number(cpu.getX(0) & 0xffffffffn);
    const args = [1, 2, 3].map((r) => cpu.getX(r));
    const nodes: VarNode[] = [
      { name: 'function', value: `${functionName(fn)} (${hex(fn)})` },
      ...args.map((v, k) => ({ name: `x${k + 1}`, value: hex(v), memoryReference: hex(v) })),
    ];
    const explain = explainCall(fn, this.config.profile);
    if (explain) nodes.push({ name: 'path', value: explain });
    if (/^MEM_(UN)?SHARE$|^MEM_RELINQUISH$/.test(functionName(fn))) {
      const rec = this.machine.pageRecord(Number(args[0]));
      if (rec) {
        nodes.push({ name: 'page now', value: `guest ${rec.guest.state}, host ${rec.host ?? '—'}, PRIVATE ${rec.attributes.private ? 1 : 0}, NOT_MAPPABLE ${rec.attributes.notMappable ? 1 : 0}, host map count ${rec.hostMapcount}` });
        const pre = preconditions(functionName(fn), rec);
        if (pre) nodes.push({ name: 'preconditions', value: pre.summary, children: () => pre.items.map(([n, v]) => ({ name: n, value: v })) });
      }
    }
    return nodes;
  }

  private pageNodes(): VarNode[] {
    return this.config.memory.map((r, k) => {
      const runs = this.machine.pageSummary(r.base, r.base + r.size);
      return {
        name: `slot ${k}: ${r.name}`,
        value: `${hex(r.base)}–${hex(r.base + r.size - 1)}, ${r.size / PAGE_SIZE} pages, ${r.backing}, ${runs.length} range${runs.length === 1 ? '' : 's'}`,
        children: () =>
          runs.map((run) => {
            const start = Number(run.startIpa);
            const label = `${hex(start)}–${hex(start + run.pages * PAGE_SIZE - 1)}`;
            const attrs = [run.private ? 'PRIVATE' : '', run.notMappable ? 'NOT_MAPPABLE' : '', run.hostMapped ? 'host-mapped' : ''].filter(Boolean).join(' ');
            return {
              name: label,
              value: `${run.pages} page${run.pages === 1 ? '' : 's'}: guest ${run.guest}, host ${run.host ?? '—'}${attrs ? `, ${attrs}` : ''}`,
              memoryReference: hex(start),
              indexed: {
                count: Math.min(run.pages, PAGE_LIST_LIMIT),
                slice: (s: number, n: number) => Array.from({ length: n }, (_, j) => this.pageNode(start + (s + j) * PAGE_SIZE, s + j)),
              },
            };
          }),
      };
    });
  }

  private pageNode(ipa: number, index: number): VarNode {
    const rec = this.machine.pageRecord(ipa);
    // Named by IPA, so "Break on Value Change" on the row is a page-state data breakpoint.
    if (!rec) return { name: hex(ipa), value: `page ${index}: no memslot` };
    return {
      name: rec.ipa,
      value: `page ${index}: guest ${rec.guest.state}, host ${rec.host ?? '—'}${rec.attributes.private ? ', PRIVATE' : ''}${rec.attributes.notMappable ? ', NOT_MAPPABLE' : ''}`,
      memoryReference: rec.ipa,
      children: () => {
        const last = this.history(ipa, 1)[0];
        return [...recordFields(rec).map((f) => ({ name: f.label, value: f.value })), { name: 'last change', value: last ? `${last.at}: ${last.text}` : 'none logged' }];
      },
    };
  }

  private kvmNodes(vcpu: number, fmt: NumberFormat): VarNode[] {
    const vm = this.machine.vm;
    const kv = this.machine.vmm.vcpus[vcpu];
    const run = kv?.run;
    const nodes: VarNode[] = [
      { name: 'profile', value: this.config.profile },
      { name: 'VM type', value: this.config.protected ? 'protected (KVM_VM_TYPE_ARM_PROTECTED)' : 'non-protected' },
    ];
    if (run) {
      nodes.push({
        name: 'kvm_run (this vCPU)',
        value: `exit_reason ${run.exit_reason}`,
        children: () => Object.entries(JSON.parse(JSON.stringify(run, (_k, v: unknown) => (typeof v === 'bigint' ? hex(v) : v))) as Record<string, unknown>).map(([k, v]) => ({ name: k, value: typeof v === 'object' ? JSON.stringify(v) : String(v) })),
      });
    }
    if (vm) {
      nodes.push({ name: 'hypercall exits enabled (KVM_CAP_EXIT_HYPERCALL)', value: formatValue(vm.hypercallExitEnabled, fmt, 32) });
      nodes.push({
        name: 'memslots',
        value: `${vm.memslots.length}`,
        children: () =>
          vm.memslots.map((s) => ({
            name: `slot ${s.id}`,
            value: `gfn ${hex(s.baseGfn)} +${s.npages} pages, flags ${hex(s.flags)}${s.gmem ? `, guest_memfd inode ${s.gmem.file.ino}` : ''}`,
          })),
      });
    }
    const v = this.config.vmm;
    nodes.push({
      name: 'VMM behaviour',
      value: `onShare ${v.onShare}, onUnshare ${v.onUnshare}`,
      children: () => [
        { name: 'onShare', value: v.onShare },
        { name: 'onUnshare', value: v.onUnshare },
        { name: 'exitHypercalls', value: v.exitHypercalls.join(', ') || '(none)' },
        { name: 'unmapImageBeforeRun', value: String(v.unmapImageBeforeRun) },
        { name: 'onSignal', value: v.onSignal },
        { name: 'scripted actions', value: String(v.actions.length) },
      ],
    });
    return nodes;
  }
}

export function recordFields(r: PageRecord): Array<{ label: string; value: string }> {
  return [
    { label: 'IPA', value: r.ipa },
    { label: 'guest state', value: `${r.guest.state}${r.guest.pa ? ` → PA ${r.guest.pa}` : ''}${r.guest.prot ? ` (${r.guest.prot})` : ''}` },
    { label: 'host state', value: r.host ?? '— (no frame)' },
    { label: 'hyp state', value: r.hyp ?? '—' },
    { label: 'PRIVATE (user attribute)', value: String(r.attributes.private) },
    { label: 'NOT_MAPPABLE (kernel attribute, RFC)', value: String(r.attributes.notMappable) },
    { label: 'host mappings (map count)', value: String(r.hostMapcount) },
    { label: 'host can access', value: String(r.hostAccessible) },
    { label: 'memslot', value: r.slot === null ? 'none' : `slot ${r.slot} (${r.backing})` },
    { label: 'guest_memfd offset', value: r.gmem ? `${r.gmem.offset} (inode ${r.gmem.inode})` : '—' },
    { label: 'VMM address', value: r.hostVa ?? '—' },
    { label: 'pinned / tracked', value: r.tracked ? `${r.tracked.pinned ? 'pinned' : 'not pinned'}, PA ${r.tracked.pa}` : 'not tracked' },
    { label: 'hyp page flags', value: r.hypFlags.join(', ') || 'none' },
    { label: 'owner annotation', value: r.owner ? `${r.owner.component} (vm ${r.owner.vm}, gfn ${hex(r.owner.gfn)})` : '—' },
  ];
}

/** One line for an event that concerns page `gfn`, or null. */
function describeForPage(e: TraceEvent, gfn: number, ipa: string): string | null {
  switch (e.type) {
    case 'transition': {
      const p = e.pages.find((x) => x.gfn === gfn);
      if (!p) return null;
      const st = (s: { host: string | null; hyp: string | null; guest: string | null }): string => `host ${s.host ?? '—'}, hyp ${s.hyp ?? '—'}, guest ${s.guest ?? '—'}`;
      return `${e.op} → ${e.result}: (${st(p.before)}) → (${st(p.after)})`;
    }
    case 'hypercall':
      return e.phase === 'call' && e.regs[1] !== undefined && Math.floor(Number(e.regs[1]) / PAGE_SIZE) === gfn ? `guest calls ${e.name}(${e.regs[1]})` : null;
    case 'signal':
      return e.ipa !== null && Math.floor(Number(e.ipa) / PAGE_SIZE) === gfn ? `${e.signal} to the VMM at VA ${e.va}: ${e.why}` : null;
    case 'vmm':
    case 'kernel': {
      const d = e.detail as Record<string, unknown>;
      const hit = d.gfn === gfn || d.ipa === ipa || (typeof d.ipa === 'string' && Math.floor(Number(d.ipa) / PAGE_SIZE) === gfn);
      return hit ? `${e.type === 'vmm' ? 'VMM' : 'host kernel'}: ${e.action}${'result' in e ? ` → ${e.result}` : ''}` : null;
    }
    case 'invariant-violation':
      return e.page.gfn === gfn ? `INVARIANT VIOLATED: ${e.message}` : null;
    default:
      return null;
  }
}

function explainCall(fn: number, profile: string): string | null {
  const name = functionName(fn);
  const rfc = profile === 'rfc-2024';
  switch (name) {
    case 'MEM_SHARE':
      return rfc
        ? 'EL2 shares the page (T10: guest OWNED→SHARED_OWNED, host NOPAGE→SHARED_BORROWED), then exits to host KVM (KVM_EXIT_HYPERCALL nr 3) so the VMM can map it; x0 = SUCCESS on re-entry'
        : 'EL2 shares the page (T10) and returns to the guest; the host is not told';
    case 'MEM_UNSHARE':
      return rfc
        ? 'EL2 exits to host KVM first (nr 4): KVM sets NOT_MAPPABLE, the VMM must munmap and set PRIVATE; on re-entry EL2 runs T11 (guest SHARED_OWNED→OWNED, host SHARED_BORROWED→NOPAGE) or the guest gets INVALID_PARAMETER'
        : 'EL2 unshares at once (T11); no userspace notification';
    case 'MEM_RELINQUISH':
      return rfc ? 'EL2 unmaps the page from the guest (R1); host KVM reclaims and zeroes it (R2); no VMM exit' : 'not part of the upstream interface: forwarded to the host, which does not implement it';
    case 'HYP_MEMINFO':
      return 'answered at EL2: x0 = the protection granule (PAGE_SIZE)';
    default:
      return name.startsWith('PSCI_') ? 'forwarded to host KVM, which implements PSCI (CPU_ON / OFF / SYSTEM_OFF exit to the VMM as SYSTEM_EVENT where applicable)' : null;
  }
}

/** What the call's transition will check on this page, with ✓/✗ for the current state. */
function preconditions(name: string, r: PageRecord): { summary: string; items: Array<[string, string]> } | null {
  const check = (label: string, ok: boolean): [string, string] => [label, ok ? '✓' : '✗'];
  let items: Array<[string, string]>;
  switch (name) {
    case 'MEM_SHARE':
      items = [check('guest OWNED (faulted in, private)', r.guest.state === 'OWNED' || r.guest.state === 'NOPAGE'), check('host NOPAGE', r.host === 'NOPAGE' || r.guest.state === 'NOPAGE'), check('not poisoned', r.guest.state !== 'POISON')];
      if (r.guest.state === 'NOPAGE') items.push(['note', 'not faulted in yet: EL2 first makes the host fault it in, then the guest re-executes the HVC']);
      break;
    case 'MEM_UNSHARE':
      items = [check('guest SHARED_OWNED', r.guest.state === 'SHARED_OWNED'), check('host SHARED_BORROWED', r.host === 'SHARED_BORROWED')];
      break;
    case 'MEM_RELINQUISH':
      items = [check('guest OWNED (or not mapped: a no-op)', r.guest.state === 'OWNED' || r.guest.state === 'NOPAGE')];
      break;
    default:
      return null;
  }
  const bad = items.filter(([, v]) => v === '✗').length;
  return { summary: bad === 0 ? 'all hold' : `${bad} would fail → INVALID_PARAMETER`, items };
}
