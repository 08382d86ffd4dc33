/**
 * Scopes and variables. A variablesReference names a container (a scope or an
 * expandable value); references are valid until the next resume, as DAP specifies.
 * Registers and system registers are built in; other parts of the system (the pKVM
 * model's Hypercall, Pages and KVM/VMM scopes) plug in as ScopeContributors.
 */
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { Cpu } from '../engine/cpu/cpu';
import { EC } from '../engine/cpu/exits';
import { evaluateExpression, ExpressionContext } from '../engine/debug/expression';

export type NumberFormat = 'hex' | 'decimal';

/** One expandable thing a contributor shows; `children` is called when the user expands it. */
export interface VarNode {
  name: string;
  value: string;
  type?: string;
  memoryReference?: string;
  /** Lazily listed children (named). */
  children?: () => VarNode[];
  /** Paged children (indexed): the client asks for slices. */
  indexed?: { count: number; slice(start: number, count: number): VarNode[] };
  /** Editable nodes accept a new value (an expression); return the new display value. */
  set?: (value: string) => string;
  presentationHint?: DebugProtocol.VariablePresentationHint;
}

export interface ScopeContributor {
  /** Scopes for a frame of `vcpu` (frame 0 is the innermost). */
  scopes(vcpu: number, frameIndex: number, fmt: NumberFormat): Array<{ name: string; expensive: boolean; presentationHint?: string; root: () => VarNode[] }>;
}

export const hex64 = (v: bigint): string => '0x' + v.toString(16).padStart(16, '0');
export function formatValue(v: bigint, fmt: NumberFormat, bits = 64): string {
  if (fmt === 'decimal') return v.toString(10);
  return '0x' + v.toString(16).padStart(bits / 4, '0');
}

export const EC_NAMES: Record<number, string> = {
  [EC.UNKNOWN]: 'Unknown reason (undefined instruction)',
  [EC.WFX]: 'WFI/WFE trapped',
  [EC.FP_ACCESS]: 'FP/SIMD access trapped (CPACR_EL1.FPEN)',
  [EC.ILLEGAL_STATE]: 'Illegal execution state',
  [EC.SVC64]: 'SVC (AArch64)',
  [EC.HVC64]: 'HVC (AArch64)',
  [EC.SMC64]: 'SMC (AArch64)',
  [EC.SYS64]: 'MSR/MRS/system instruction trapped',
  [EC.IABT_LOW]: 'Instruction abort from a lower EL',
  [EC.IABT_CUR]: 'Instruction abort, same EL',
  [EC.PC_ALIGN]: 'PC alignment fault',
  [EC.DABT_LOW]: 'Data abort from a lower EL',
  [EC.DABT_CUR]: 'Data abort, same EL',
  [EC.SP_ALIGN]: 'SP alignment fault',
  [EC.BRK64]: 'BRK (AArch64)',
};

const DFSC_NAMES: Record<number, string> = {
  0x00: 'address size fault, level 0',
  0x04: 'translation fault, level 0',
  0x05: 'translation fault, level 1',
  0x06: 'translation fault, level 2',
  0x07: 'translation fault, level 3',
  0x0f: 'permission fault, level 3',
  0x10: 'synchronous external abort',
  0x21: 'alignment fault',
};

/** ESR_ELx decoded into named fields (shared with exceptionInfo). */
export function decodeEsr(esr: bigint): Array<[string, string]> {
  const v = Number(esr & 0xffffffffn);
  const ec = (v >>> 26) & 0x3f;
  const iss = v & 0x1ffffff;
  const out: Array<[string, string]> = [
    ['EC', `0x${ec.toString(16).padStart(2, '0')} ${EC_NAMES[ec] ?? ''}`.trim()],
    ['IL', String((v >>> 25) & 1)],
    ['ISS', `0x${iss.toString(16).padStart(7, '0')}`],
  ];
  if (ec === EC.DABT_CUR || ec === EC.DABT_LOW || ec === EC.IABT_CUR || ec === EC.IABT_LOW) {
    const fsc = iss & 0x3f;
    out.push(['FSC', `0x${fsc.toString(16).padStart(2, '0')} ${DFSC_NAMES[fsc] ?? ''}`.trim()]);
    if (ec === EC.DABT_CUR || ec === EC.DABT_LOW) {
      out.push(['WnR', (iss >>> 6) & 1 ? '1 (write)' : '0 (read)']);
      if ((iss >>> 24) & 1) {
        out.push(['ISV', '1'], ['SAS', `${1 << ((iss >>> 22) & 3)} bytes`], ['SSE', String((iss >>> 21) & 1)], ['SRT', `x${(iss >>> 16) & 31}`], ['SF', String((iss >>> 15) & 1)]);
      } else out.push(['ISV', '0 (no instruction syndrome)']);
    }
  } else if (ec === EC.SVC64 || ec === EC.HVC64 || ec === EC.SMC64 || ec === EC.BRK64) {
    out.push(['imm16', `0x${(iss & 0xffff).toString(16)}`]);
  }
  return out;
}

export function decodeSpsr(spsr: bigint): Array<[string, string]> {
  const v = Number(spsr & 0xffffffffn);
  const m = v & 0x1f;
  const mode = { 0: 'EL0t', 4: 'EL1t', 5: 'EL1h', 8: 'EL2t', 9: 'EL2h' }[m] ?? `0x${m.toString(16)}`;
  return [
    ['N', String((v >>> 31) & 1)],
    ['Z', String((v >>> 30) & 1)],
    ['C', String((v >>> 29) & 1)],
    ['V', String((v >>> 28) & 1)],
    ['D', String((v >>> 9) & 1)],
    ['A', String((v >>> 8) & 1)],
    ['I', String((v >>> 7) & 1)],
    ['F', String((v >>> 6) & 1)],
    ['M', mode],
  ];
}

function fieldNodes(fields: Array<[string, string]>): VarNode[] {
  return fields.map(([name, value]) => ({ name, value, presentationHint: { attributes: ['readOnly'] } }));
}

export function registerNodes(cpu: Cpu, fmt: NumberFormat, ctx: ExpressionContext): VarNode[] {
  const parse = (value: string): bigint => evaluateExpression(value, ctx).value;
  const nodes: VarNode[] = [];
  for (let r = 0; r <= 30; r++) {
    nodes.push({
      name: `x${r}`,
      value: formatValue(cpu.getX(r), fmt),
      type: 'u64',
      memoryReference: hex64(cpu.getX(r)),
      set: (value) => {
        cpu.setX(r, parse(value));
        return formatValue(cpu.getX(r), fmt);
      },
    });
  }
  nodes.push({
    name: 'sp',
    value: formatValue(cpu.sp, fmt),
    type: 'u64',
    memoryReference: hex64(cpu.sp),
    set: (value) => {
      cpu.sp = parse(value);
      return formatValue(cpu.sp, fmt);
    },
  });
  nodes.push({
    name: 'pc',
    value: formatValue(BigInt(cpu.pc), fmt),
    type: 'u64',
    memoryReference: hex64(BigInt(cpu.pc)),
    set: (value) => {
      const v = parse(value);
      if ((v & 3n) !== 0n) throw new Error('pc must be a multiple of 4');
      cpu.pc = Number(v);
      return formatValue(BigInt(cpu.pc), fmt);
    },
  });
  nodes.push({
    name: 'nzcv',
    value: `${cpu.n ? 'N' : '-'}${cpu.z ? 'Z' : '-'}${cpu.c ? 'C' : '-'}${cpu.v ? 'V' : '-'} (${formatValue(BigInt(cpu.nzcv), 'hex', 32)})`,
    type: 'flags',
    children: () =>
      (['n', 'z', 'c', 'v'] as const).map((f) => ({
        name: f.toUpperCase(),
        value: String(cpu[f]),
        set: (value: string) => {
          const b = parse(value);
          if (b !== 0n && b !== 1n) throw new Error(`${f.toUpperCase()} is one bit: 0 or 1`);
          cpu[f] = Number(b);
          return String(cpu[f]);
        },
      })),
  });
  return nodes;
}

export function systemRegisterNodes(cpu: Cpu, fmt: NumberFormat): VarNode[] {
  const s = cpu.sys;
  const reg = (name: string, v: bigint, fields?: Array<[string, string]>): VarNode => ({
    name,
    value: formatValue(v, fmt),
    type: 'u64',
    children: fields ? () => fieldNodes(fields) : undefined,
    presentationHint: { attributes: ['readOnly'] },
  });
  const el = cpu.el;
  return [
    reg('CurrentEL', BigInt(el << 2), [['EL', String(el)], ['SPSel', String(cpu.spsel)]]),
    reg('DAIF', BigInt(cpu.daif << 6), [['D', String((cpu.daif >> 3) & 1)], ['A', String((cpu.daif >> 2) & 1)], ['I', String((cpu.daif >> 1) & 1)], ['F', String(cpu.daif & 1)]]),
    reg('ESR_EL1', s.esr_el1, decodeEsr(s.esr_el1)),
    reg('ELR_EL1', s.elr_el1),
    reg('SPSR_EL1', s.spsr_el1, decodeSpsr(s.spsr_el1)),
    reg('FAR_EL1', s.far_el1),
    reg('VBAR_EL1', s.vbar_el1),
    reg('SCTLR_EL1', s.sctlr_el1, [['M (MMU)', String(Number(s.sctlr_el1 & 1n))], ['A (alignment check)', String(Number((s.sctlr_el1 >> 1n) & 1n))], ['C', String(Number((s.sctlr_el1 >> 2n) & 1n))], ['SA', String(Number((s.sctlr_el1 >> 3n) & 1n))], ['I', String(Number((s.sctlr_el1 >> 12n) & 1n))]]),
    reg('CPACR_EL1', s.cpacr_el1, [['FPEN', String(Number((s.cpacr_el1 >> 20n) & 3n))]]),
    reg('MPIDR_EL1', 0x80000000n | BigInt(cpu.mpidrAff), [['Aff0', String(cpu.mpidrAff)], ['U', '0'], ['MT', '0']]),
    reg('SP_EL0', cpu.getSpEl(0)),
    reg('SP_EL1', cpu.getSpEl(1)),
    reg('TPIDR_EL1', s.tpidr_el1),
    reg('TPIDR_EL0', s.tpidr_el0),
    reg('FPCR', BigInt(cpu.fpcr >>> 0)),
    reg('FPSR', BigInt(cpu.fpsr >>> 0)),
    reg('CNTVCT_EL0', BigInt(cpu.retired)),
  ];
}

/** Variable references for one stop: containers are dropped when the guest resumes. */
export class VariableHandles {
  private next = 1;
  private readonly containers = new Map<number, () => VarNode[]>();
  private readonly paged = new Map<number, NonNullable<VarNode['indexed']>>();

  reset(): void {
    this.containers.clear();
    this.paged.clear();
  }

  add(list: () => VarNode[]): number {
    const id = this.next++;
    this.containers.set(id, list);
    return id;
  }

  /** DAP variables for a reference; throws for a stale or unknown one. */
  variables(ref: number, start?: number, count?: number): DebugProtocol.Variable[] {
    const pagedList = this.paged.get(ref);
    let nodes: VarNode[];
    if (pagedList) {
      const s = start ?? 0;
      nodes = pagedList.slice(s, Math.min(count ?? pagedList.count, pagedList.count - s));
    } else {
      const list = this.containers.get(ref);
      if (!list) throw new Error(`variablesReference ${ref} is not valid (stale after the guest resumed, or never issued)`);
      nodes = list();
      if (start !== undefined || count !== undefined) nodes = nodes.slice(start ?? 0, (start ?? 0) + (count ?? nodes.length));
    }
    return nodes.map((n) => this.toDap(n));
  }

  private toDap(n: VarNode): DebugProtocol.Variable {
    let variablesReference = 0;
    let indexedVariables: number | undefined;
    if (n.indexed) {
      variablesReference = this.next++;
      this.paged.set(variablesReference, n.indexed);
      indexedVariables = n.indexed.count;
    } else if (n.children) {
      variablesReference = this.add(n.children);
    }
    const v: DebugProtocol.Variable = { name: n.name, value: n.value, variablesReference };
    if (n.type) v.type = n.type;
    if (n.memoryReference) v.memoryReference = n.memoryReference;
    if (indexedVariables !== undefined) v.indexedVariables = indexedVariables;
    const hint = n.presentationHint ?? (n.set ? undefined : { attributes: ['readOnly'] });
    if (hint) v.presentationHint = hint;
    return v;
  }

  /** Set a named variable inside a container. */
  set(ref: number, name: string, value: string): DebugProtocol.Variable {
    const list = this.containers.get(ref);
    if (!list) throw new Error(`variablesReference ${ref} is not valid (stale after the guest resumed, or never issued)`);
    const node = list().find((n) => n.name === name);
    if (!node) throw new Error(`no variable named '${name}' in this scope`);
    if (!node.set) throw new Error(`'${name}' is read-only`);
    const newValue = node.set(value);
    return { name, value: newValue, variablesReference: 0 };
  }
}
