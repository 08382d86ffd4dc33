/**
 * One AArch64 vCPU: architectural state, the interpreter loop and the memory fast path.
 *
 * Hot-path rules (see ARCHITECTURE.md): instructions are decoded once per code page
 * into `Insn` objects; general registers live in an Int32Array as (lo, hi) pairs, so
 * no BigInt and no allocation happens per executed instruction; flags are four small
 * ints. Memory goes through a direct-mapped TLB over the stage-2 bus; a miss, a fault
 * or a watched page takes the slow path.
 *
 * Faults abort the current instruction by throwing the preallocated `ABORT` sentinel,
 * which the run loop catches: the instruction does not retire and PC is restored.
 */
import { Stage2Bus, IPA_LIMIT } from '../memory/bus';
import { PAGE_SIZE, PhysPage } from '../memory/physPage';
import { COMPILE_AFTER, compileBlock } from './blockCompiler';
import { CodeBlock, CodeCache, INSNS_PER_PAGE } from './codeCache';
import { EncodingTable } from './encodingTable';
import { CpuExit, EC, FSC, esr } from './exits';
import { Insn } from './insn';
import { SysRegFile } from './sysregs';

/** Register-file slots (pairs in `x`): 0..30 general, 31 current SP, 32 reads as zero, 33 swallows writes. */
export const R_SP = 31;
export const R_ZR_READ = 32;
export const R_ZR_WRITE = 33;

const TLB_SIZE = 256;
const TLB_MASK = TLB_SIZE - 1;

/** Thrown (never allocated per fault) to abandon the current instruction. */
export const ABORT: unique symbol = Symbol('cpu-abort');

/** Never returned: `exit` holds it while the run loop leaves a block whose page a store has just written. */
const CODE_CHANGED: CpuExit = { kind: 'budget' };

/** Source of block-link epochs (unique across vCPUs, so one vCPU never follows another's links across pages). */
let codeEpochs = 0;

/** Shared between the vCPUs of one machine: breakpoints and the global exclusive monitor. */
export class CpuShared {
  /** Addresses with a debugger breakpoint. Change through `Cpu.setBreakpoints` so decoded pages are refreshed. */
  readonly breakpoints = new Set<number>();
  /** Watched ranges; pages containing one always take the slow path. */
  readonly watchpoints: Array<{ addr: number; size: number; read: boolean; write: boolean }> = [];
  readonly watchedPages = new Set<number>();
  /** Exclusive reservations by vCPU index (granule-aligned address, or -1). */
  readonly reservations: number[] = [];
  activeReservations = 0;
  /** Every vCPU of the machine (SEV wakes them all). */
  readonly cpus: Cpu[] = [];
}

/** Exception-entry details for an exception taken to EL1 (or reported when it cannot be). */
interface PendingException {
  ec: number;
  iss: number;
  il: number;
  far: number | null;
  /** Preferred return address. */
  elr: number;
  description: string;
}

export class Cpu {
  /** General registers: x[2n] low half, x[2n+1] high half (int32 each). */
  readonly x = new Int32Array(68);
  /** SIMD&FP registers V0..V31, 16 bytes each, with typed views over one buffer. */
  readonly vbuf = new ArrayBuffer(32 * 16);
  readonly vU8 = new Uint8Array(this.vbuf);
  readonly vU16 = new Uint16Array(this.vbuf);
  readonly vI32 = new Int32Array(this.vbuf);
  readonly vF32 = new Float32Array(this.vbuf);
  readonly vF64 = new Float64Array(this.vbuf);
  fpcr = 0;
  fpsr = 0;

  /**
   * PC lives in a Float64Array element rather than an object field: V8 boxes a double
   * stored to a field in a fresh heap number, which per instruction was most of the
   * garbage the interpreter made.
   */
  private readonly pcCell = new Float64Array(1);
  get pc(): number {
    return this.pcCell[0];
  }
  set pc(v: number) {
    this.pcCell[0] = v;
  }
  n = 0;
  z = 0;
  c = 0;
  v = 0;
  /** PSTATE.{D,A,I,F} as the 4-bit value of DAIF[9:6]. */
  daif = 0xf;
  el = 1;
  spsel = 1;
  /** Banked stack pointers (the current one lives in x[62..63]). */
  spEl0Lo = 0;
  spEl0Hi = 0;
  spEl1Lo = 0;
  spEl1Hi = 0;
  /** Event register for WFE/SEV. */
  eventRegister = 0;

  readonly sys = new SysRegFile();
  /** Instructions retired by this vCPU; also the virtual counter (CNTVCT_EL0). */
  retired = 0;
  /** Set by a handler to end the run after the current instruction. */
  exit: CpuExit | null = null;
  /** Scratch high half for 64-bit loads (`ld64` returns the low half). */
  ldHi = 0;
  /** Byte offset in the page `rfast`/`wfast` returned. */
  hitOff = 0;

  private readonly tlbRTag = new Int32Array(TLB_SIZE).fill(-1);
  private readonly tlbRPage: (PhysPage | null)[] = new Array<PhysPage | null>(TLB_SIZE).fill(null);
  private readonly tlbWTag = new Int32Array(TLB_SIZE).fill(-1);
  private readonly tlbWPage: (PhysPage | null)[] = new Array<PhysPage | null>(TLB_SIZE).fill(null);
  /** Instruction TLB (fetch translations), flushed with the data TLB. */
  private readonly itlbTag = new Int32Array(TLB_SIZE).fill(-1);
  private readonly itlbPage: (PhysPage | null)[] = new Array<PhysPage | null>(TLB_SIZE).fill(null);
  /** Identifies this vCPU's current set of translations: block links made under another epoch are not followed. */
  private codeEpoch = -1;
  /** Set by a compiled block (blockCompiler.ts) as a fault leaves it: instructions it completed before the faulting one. */
  blockIndex = 0;
  private tlbGeneration = -1;
  private pending: PendingException | null = null;
  /**
   * Where this vCPU last stopped at a breakpoint, and its retired count then: resuming
   * executes that instruction instead of stopping again, as long as nothing retired in
   * between (so a quantum ending just before a breakpoint never skips it).
   */
  private bpStopPc = -1;
  private bpStopRetired = -1;

  constructor(
    readonly index: number,
    public bus: Stage2Bus,
    readonly table: EncodingTable,
    readonly shared: CpuShared = new CpuShared(),
  ) {
    this.shared.reservations[index] = -1;
    this.shared.cpus[index] = this;
  }

  /** MPIDR_EL1 affinity: Aff0 = vCPU index. */
  get mpidrAff(): number {
    return this.index & 0xff;
  }

  // ---------------------------------------------------------------- registers (off the hot path)

  getX(r: number): bigint {
    if (r === R_ZR_READ || r === R_ZR_WRITE) return 0n;
    return (BigInt(this.x[2 * r + 1] >>> 0) << 32n) | BigInt(this.x[2 * r] >>> 0);
  }

  setX(r: number, v: bigint): void {
    if (r === R_ZR_READ || r === R_ZR_WRITE) return;
    this.x[2 * r] = Number(v & 0xffffffffn) | 0;
    this.x[2 * r + 1] = Number((v >> 32n) & 0xffffffffn) | 0;
  }

  get sp(): bigint {
    return this.getX(R_SP);
  }
  set sp(v: bigint) {
    this.setX(R_SP, v);
  }

  get nzcv(): number {
    return ((this.n << 31) | (this.z << 30) | (this.c << 29) | (this.v << 28)) >>> 0;
  }
  set nzcv(val: number) {
    this.n = (val >>> 31) & 1;
    this.z = (val >>> 30) & 1;
    this.c = (val >>> 29) & 1;
    this.v = (val >>> 28) & 1;
  }

  /** SP_EL0 regardless of the current selection. */
  getSpEl(el: 0 | 1): bigint {
    if (this.currentSpIsEl0() === (el === 0)) return this.getX(R_SP);
    const lo = el === 0 ? this.spEl0Lo : this.spEl1Lo;
    const hi = el === 0 ? this.spEl0Hi : this.spEl1Hi;
    return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
  }

  setSpEl(el: 0 | 1, v: bigint): void {
    if (this.currentSpIsEl0() === (el === 0)) return this.setX(R_SP, v);
    const lo = Number(v & 0xffffffffn) | 0;
    const hi = Number((v >> 32n) & 0xffffffffn) | 0;
    if (el === 0) {
      this.spEl0Lo = lo;
      this.spEl0Hi = hi;
    } else {
      this.spEl1Lo = lo;
      this.spEl1Hi = hi;
    }
  }

  private currentSpIsEl0(): boolean {
    return this.el === 0 || this.spsel === 0;
  }

  /** Change EL and/or SPSel, swapping the banked stack pointer into x[62..63]. */
  setPstateElSp(el: number, spsel: number): void {
    const wasEl0 = this.currentSpIsEl0();
    const x = this.x;
    if (wasEl0) {
      this.spEl0Lo = x[62];
      this.spEl0Hi = x[63];
    } else {
      this.spEl1Lo = x[62];
      this.spEl1Hi = x[63];
    }
    this.el = el;
    this.spsel = spsel;
    if (this.currentSpIsEl0()) {
      x[62] = this.spEl0Lo;
      x[63] = this.spEl0Hi;
    } else {
      x[62] = this.spEl1Lo;
      x[63] = this.spEl1Hi;
    }
  }

  /** PSTATE as SPSR_ELx lays it out (N Z C V, D A I F, M[3:0]). */
  get spsrValue(): number {
    return (this.nzcv | (this.daif << 6) | (this.el << 2) | (this.el === 0 ? 0 : this.spsel)) >>> 0;
  }

  /** Reset to the architectural state a KVM vCPU enters with (EL1h, DAIF masked) at `pc`. */
  reset(pc: number): void {
    this.x.fill(0);
    this.vU8.fill(0);
    this.fpcr = 0;
    this.fpsr = 0;
    this.pc = pc;
    this.nzcv = 0;
    this.daif = 0xf;
    this.el = 1;
    this.spsel = 1;
    this.spEl0Lo = this.spEl0Hi = this.spEl1Lo = this.spEl1Hi = 0;
    this.eventRegister = 0;
    Object.assign(this.sys, new SysRegFile());
    this.clearExclusive();
    this.flushTlb();
  }

  // ---------------------------------------------------------------- execution

  /**
   * Run until `budget` instructions have retired or something stops the vCPU.
   * Breakpoints stop before the instruction executes; a breakpoint at the starting PC
   * is stepped over (resume semantics).
   *
   * Code runs a block at a time (codeCache.ts): per instruction only the PC store, the
   * handler call and the exit check; the retired count, the page lookup and the decode
   * cache's validity are dealt with per block. A block run COMPILE_AFTER times becomes
   * a call-threaded function (blockCompiler.ts) with the same per-instruction contract,
   * used whenever the whole block fits the budget. `retired` is exact whenever the loop
   * returns and whenever a 'system' instruction runs.
   */
  run(budget: number): CpuExit {
    this.exit = null;
    if (this.tlbGeneration !== this.bus.generation) this.flushTlb();
    const stopAt = this.retired + budget;
    const pcCell = this.pcCell;
    let prev: CodeBlock | null = null;
    let block: CodeBlock | null = null;
    let k = 0;
    let compiledRunning = false;
    for (;;) {
      try {
        for (;;) {
          const left = stopAt - this.retired;
          if (left <= 0) return { kind: 'budget' };
          k = 0;
          block = null;
          block = this.nextBlock(prev);
          const insns = block.insns;
          let n = insns.length;
          const compiled = block.compiled;
          if (compiled !== null && n <= left) {
            compiledRunning = true;
            this.retired += compiled(this, pcCell, left);
            compiledRunning = false;
          } else {
            if (n > left) n = left;
            else if (++block.runs === COMPILE_AFTER && n > 1) block.compiled = compileBlock(block);
            const start = block.start;
            for (; k < n; k++) {
              const insn = insns[k];
              pcCell[0] = start + 4 * k + 4;
              insn.exec(this, insn);
              if (this.exit !== null) break;
            }
            this.retired += k < n ? k + 1 : n;
          }
          prev = block;
          if (this.exit !== null) {
            if (this.exit !== CODE_CHANGED) return this.exit;
            // A store replaced decoded code (maybe this very block): look the next block up afresh.
            this.exit = null;
            prev = null;
          }
        }
      } catch (e) {
        if (e !== ABORT) throw e;
        if (compiledRunning) {
          k = this.blockIndex;
          compiledRunning = false;
        }
        this.retired += k; // the instructions before the faulting one completed
        const insn = block === null ? null : block.insns[k % block.insns.length]; // a compiled loop counts across iterations
        prev = null;
        const ex = this.pending;
        this.pending = null;
        let left = this.exit as CpuExit | null; // set by the faulting handler (TS cannot see that)
        if (left === CODE_CHANGED) left = this.exit = null;
        if (left !== null) {
          // Left for EL2: complete a data abort's syndrome from the instruction (ESR_EL2.ISV and friends).
          if (left.kind === 'stage2-abort' && !left.fetch && insn !== null) fillIsv(left, insn.inner ?? insn);
          return left;
        }
        if (ex === null) throw new Error('cpu: abort without a pending exception');
        if (!this.takeException(ex)) return this.exit!;
        this.retired++; // exception entry counts as a step, so a fault loop still exhausts the budget
      }
    }
  }

  /** Execute exactly one instruction (or stop at a breakpoint-free fault boundary). */
  step(): CpuExit {
    return this.run(1);
  }

  /** The block at PC: a link of the block just run when it still holds, else a lookup (linked for next time). */
  private nextBlock(prev: CodeBlock | null): CodeBlock {
    if (prev === null) return this.blockAt(this.pc);
    // PC is only compared here: passing it to a call would box it in a fresh heap number per block.
    const pc = this.pcCell[0];
    const epoch = this.codeEpoch;
    const l0 = prev.link0;
    if (l0 !== null && l0.start === pc && prev.link0Epoch === epoch && l0.cache.live === true) return l0;
    const l1 = prev.link1;
    if (l1 !== null && l1.start === pc && prev.link1Epoch === epoch && l1.cache.live === true) return l1;
    return this.linkNext(prev);
  }

  private linkNext(prev: CodeBlock): CodeBlock {
    const b = this.blockAt(this.pc);
    if (prev.link0 === null || prev.link1 !== null) {
      prev.link0 = b;
      prev.link0Epoch = this.codeEpoch;
    } else {
      prev.link1 = b;
      prev.link1Epoch = this.codeEpoch;
    }
    return b;
  }

  /** The block starting at `pc`, fetching (instruction TLB), decoding and building as needed. */
  private blockAt(pc: number): CodeBlock {
    const cache = this.codeAt(pc);
    const slot = (pc & (PAGE_SIZE - 1)) >> 2;
    return cache.blocks[slot] ?? (cache.blocks[slot] = this.buildBlock(cache, pc));
  }

  /** The decoded-code cache of the page holding `pc` (fetch permission checked through the instruction TLB). */
  private codeAt(pc: number): CodeCache {
    let page: PhysPage;
    const gfn = Math.floor(pc / PAGE_SIZE);
    const slot = gfn & TLB_MASK;
    const hit = this.itlbPage[slot];
    if (this.itlbTag[slot] === gfn && hit !== null && (pc & 3) === 0) {
      page = hit;
    } else {
      page = this.fetchPage(pc);
      this.itlbTag[slot] = gfn;
      this.itlbPage[slot] = page;
    }
    const cache = page.decoded;
    if (cache !== null && cache.gfn === gfn) return cache;
    // Never decoded, written since, or decoded at another frame (PC-relative operands differ).
    page.invalidateCode();
    return (page.decoded = new CodeCache(page, gfn));
  }

  private buildBlock(cache: CodeCache, start: number): CodeBlock {
    const insns: Insn[] = [];
    let pc = start;
    for (let slot = (start & (PAGE_SIZE - 1)) >> 2; slot < INSNS_PER_PAGE; slot++, pc += 4) {
      let insn = cache.insns[slot];
      if (insn === undefined) insn = cache.insns[slot] = this.decodeAt(cache.page, pc);
      const control = insn.inner !== null ? 'system' : insn.spec?.control;
      if (control === 'system') {
        if (insns.length === 0) insns.push(insn);
        break;
      }
      insns.push(insn);
      if (control === 'branch') break;
    }
    return new CodeBlock(cache, start, insns);
  }

  private fetchPage(pc: number): PhysPage {
    if ((pc & 3) !== 0) {
      this.raise(EC.PC_ALIGN, 0, 1, pc, pc, `PC alignment fault: PC=0x${pc.toString(16)} is not a multiple of 4`);
    }
    if (pc < 0 || pc >= IPA_LIMIT) {
      this.raise(EC.IABT_CUR, FSC.ADDR_SIZE_L0, 1, pc, pc, `instruction fetch from 0x${pc.toString(16)}, beyond the 40-bit physical address space`);
    }
    const page = this.bus.translate(Math.floor(pc / PAGE_SIZE), false, true);
    if (page === null) this.stage2Abort(pc, false, true, 2, false, 0, false, false);
    return page!;
  }

  private decodeAt(page: PhysPage, pc: number): Insn {
    const word = page.i32[(pc & (PAGE_SIZE - 1)) >> 2];
    const insn = new Insn(execUndefined);
    if (!this.table.decodeInto(insn, word, pc)) {
      insn.word = word >>> 0;
      insn.addr = pc;
      insn.exec = execUndefined;
    }
    if (this.shared.breakpoints.has(pc)) {
      const bp = new Insn(execBreakpoint);
      bp.word = insn.word;
      bp.addr = pc;
      bp.inner = insn;
      bp.spec = insn.spec;
      bp.fields = insn.fields;
      return bp;
    }
    return insn;
  }

  /** Replace the breakpoint set; decoded pages are refreshed lazily. */
  setBreakpoints(addrs: Iterable<number>): void {
    const bps = this.shared.breakpoints;
    const touched = new Set<number>();
    for (const a of bps) touched.add(Math.floor(a / PAGE_SIZE));
    bps.clear();
    for (const a of addrs) {
      bps.add(a);
      touched.add(Math.floor(a / PAGE_SIZE));
    }
    for (const gfn of touched) {
      const p = this.bus.translate(gfn, false, true);
      if (p) p.invalidateCode();
    }
  }

  /** The decoded instruction at `addr` (through the decode cache), or null if it cannot be fetched. */
  insnAt(addr: number): Insn | null {
    if ((addr & 3) !== 0 || addr < 0 || addr >= IPA_LIMIT) return null;
    const gfn = Math.floor(addr / PAGE_SIZE);
    const page = this.bus.translate(gfn, false, true);
    if (!page) return null;
    let cache = page.decoded;
    if (cache === null || cache.gfn !== gfn) {
      page.invalidateCode();
      cache = page.decoded = new CodeCache(page, gfn);
    }
    const slot = (addr & (PAGE_SIZE - 1)) >> 2;
    const i = cache.insns[slot] ?? (cache.insns[slot] = this.decodeAt(page, addr));
    return i.inner ?? i;
  }

  // ---------------------------------------------------------------- exceptions

  /**
   * Abandon the current instruction with a synchronous exception for EL1.
   * `elr` is the preferred return address; `far` is recorded for aborts.
   */
  raise(ec: number, iss: number, il: number, far: number | null, elr: number, description: string): never {
    this.pending = { ec, iss, il, far, elr, description };
    throw ABORT;
  }

  /** An UNDEFINED instruction at the current one. */
  undefinedInstruction(i: Insn, why = 'undefined instruction'): never {
    this.raise(EC.UNKNOWN, 0, 1, null, i.addr, `${why}: 0x${i.word.toString(16).padStart(8, '0')} at 0x${i.addr.toString(16)}`);
  }

  /**
   * Enter EL1's synchronous vector. Returns false (and sets `exit`) when the guest has
   * no vector table yet (VBAR_EL1 = 0), so the run stops with a clear report instead
   * of jumping into address 0.
   */
  private takeException(ex: PendingException): boolean {
    const esrValue = esr(ex.ec, ex.il, ex.iss);
    if (this.sys.vbar_el1 === 0n) {
      this.pc = ex.elr;
      this.exit = {
        kind: 'unhandled-exception',
        ec: ex.ec,
        esr: esrValue,
        far: ex.far ?? 0,
        elr: ex.elr,
        description: ex.description,
      };
      return false;
    }
    const fromEl = this.el;
    const vectorOffset = fromEl === 0 ? 0x400 : this.spsel === 0 ? 0x000 : 0x200;
    this.sys.spsr_el1 = BigInt(this.spsrValue);
    this.sys.elr_el1 = BigInt(ex.elr);
    this.sys.esr_el1 = BigInt(esrValue);
    if (ex.far !== null) this.sys.far_el1 = BigInt(ex.far);
    this.daif = 0xf;
    this.setPstateElSp(1, 1);
    this.pc = Number(this.sys.vbar_el1) + vectorOffset;
    this.clearExclusive();
    return true;
  }

  /** Leave the guest for EL2 with a stage-2 abort syndrome (ESR_EL2/FAR_EL2/HPFAR_EL2). */
  stage2Abort(
    addr: number,
    write: boolean,
    fetch: boolean,
    sas: number,
    isv: boolean,
    srt: number,
    sse: boolean,
    sf: boolean,
  ): never {
    const ec = fetch ? EC.IABT_LOW : EC.DABT_LOW;
    let iss = FSC.TRANSLATION_L3;
    if (!fetch) {
      if (write) iss |= 1 << 6; // WnR
      if (isv) iss |= (1 << 24) | (sas << 22) | ((sse ? 1 : 0) << 21) | ((srt & 31) << 16) | ((sf ? 1 : 0) << 15);
    }
    const pageAddr = Math.floor(addr / PAGE_SIZE) * PAGE_SIZE;
    this.exit = {
      kind: 'stage2-abort',
      ipa: addr,
      write,
      fetch,
      esr: esr(ec, 1, iss),
      far: addr,
      hpfar: Math.floor(pageAddr / 256), // HPFAR_EL2.FIPA = IPA[47:12] in bits [39:4]
      isv,
      sas,
      sse,
      srt,
      sf,
    };
    this.pending = null;
    if (!fetch) this.pc -= 4; // handlers access memory before writing PC, so the instruction is at pc - 4
    throw ABORT;
  }

  // ---------------------------------------------------------------- memory

  flushTlb(): void {
    this.tlbRTag.fill(-1);
    this.tlbWTag.fill(-1);
    this.tlbRPage.fill(null);
    this.tlbWPage.fill(null);
    this.itlbTag.fill(-1);
    this.itlbPage.fill(null);
    this.codeEpoch = ++codeEpochs;
    this.tlbGeneration = this.bus.generation;
  }

  /**
   * Slow path: alignment and address-size checks, stage-2 translation, watchpoints.
   * `size` in bytes.
   */
  translateSlow(addr: number, size: number, write: boolean): PhysPage {
    if (addr < 0 || addr >= IPA_LIMIT) {
      this.raise(
        this.el === 0 ? EC.DABT_LOW : EC.DABT_CUR,
        FSC.ADDR_SIZE_L0 | (write ? 1 << 6 : 0),
        1,
        addr,
        this.pc - 4,
        `data access at 0x${addr.toString(16)} beyond the 40-bit physical address space`,
      );
    }
    if (addr % size !== 0) {
      this.raise(
        this.el === 0 ? EC.DABT_LOW : EC.DABT_CUR,
        FSC.ALIGNMENT | (write ? 1 << 6 : 0),
        1,
        addr,
        this.pc - 4,
        `alignment fault: ${size}-byte ${write ? 'store to' : 'load from'} 0x${addr.toString(16)} (the MMU is off, so data accesses are Device memory and must be aligned)`,
      );
    }
    if (this.tlbGeneration !== this.bus.generation) this.flushTlb();
    const gfn = Math.floor(addr / PAGE_SIZE);
    const page = this.bus.translate(gfn, write, false);
    if (page === null) {
      const sas = size === 1 ? 0 : size === 2 ? 1 : size === 4 ? 2 : 3;
      // ISV/SRT/SSE/SF are filled in by the run loop from the instruction's `ls` syndrome.
      this.stage2Abort(addr, write, false, sas, false, 0, false, false);
    }
    if (this.shared.watchedPages.has(gfn)) {
      this.checkWatch(addr, size, write);
    } else {
      const slot = gfn & TLB_MASK;
      if (write) {
        this.tlbWTag[slot] = gfn;
        this.tlbWPage[slot] = page;
      } else {
        this.tlbRTag[slot] = gfn;
        this.tlbRPage[slot] = page;
      }
    }
    return page!;
  }

  private checkWatch(addr: number, size: number, write: boolean): void {
    for (const w of this.shared.watchpoints) {
      if (addr < w.addr + w.size && w.addr < addr + size && (write ? w.write : w.read)) {
        // Data breakpoints report after the access completes: the run loop sees `exit`.
        this.exit = { kind: 'watchpoint', addr, size, write, pc: this.pc - 4 };
      }
    }
  }

  /** A page for reading `size` bytes at `addr` (aligned), through the TLB. */
  rpage(addr: number, size: number): PhysPage {
    // `addr & (size - 1)`: the low bits of the (in-range) address, without a floating-point modulo.
    if (addr >= 0 && addr < IPA_LIMIT && (addr & (size - 1)) === 0) {
      const gfn = (addr / PAGE_SIZE) | 0;
      const slot = gfn & TLB_MASK;
      if (this.tlbRTag[slot] === gfn) return this.tlbRPage[slot]!;
    }
    return this.translateSlow(addr, size, false);
  }

  /** A page for writing `size` bytes at `addr`; clears exclusive reservations and decoded code there. */
  wpage(addr: number, size: number): PhysPage {
    let page: PhysPage;
    hit: {
      if (addr >= 0 && addr < IPA_LIMIT && (addr & (size - 1)) === 0) {
        const gfn = (addr / PAGE_SIZE) | 0;
        const slot = gfn & TLB_MASK;
        if (this.tlbWTag[slot] === gfn) {
          page = this.tlbWPage[slot]!;
          break hit;
        }
      }
      page = this.translateSlow(addr, size, true);
    }
    if (page.decoded !== null) {
      page.invalidateCode();
      if (this.exit === null) this.exit = CODE_CHANGED; // ends the running block after this instruction
    }
    if (this.shared.activeReservations !== 0) this.clearOthersReservation(addr);
    return page;
  }

  /**
   * Fast path of a single-register access at X[n] + `off` (0 <= |off| < 2^30): when the
   * base is below 4 GiB, the sum stays there, the access is naturally aligned and the
   * page is in the read TLB, the page (the byte offset in it left in `hitOff`);
   * otherwise null, and the caller takes the general path, which checks and raises
   * everything. Integers only: a compiled block that calls this rather than inlining it
   * boxes nothing (an address passed or returned as a double is a fresh heap number).
   */
  rfast(n: number, off: number, size: number): PhysPage | null {
    const x = this.x;
    if (x[2 * n + 1] !== 0 || (n === R_SP && (x[62] & 15) !== 0)) return null;
    const base = x[2 * n];
    const a = (base + off) | 0;
    if ((off >= 0 ? (a >>> 0) < (base >>> 0) : (a >>> 0) > (base >>> 0)) || (a & (size - 1)) !== 0) return null;
    const gfn = a >>> 12;
    const slot = gfn & TLB_MASK;
    if (this.tlbRTag[slot] !== gfn) return null;
    this.hitOff = a & 4095;
    return this.tlbRPage[slot];
  }

  /** `rfast` for a write: the write TLB, and a store's effects on decoded code and reservations (as `wpage`). */
  wfast(n: number, off: number, size: number): PhysPage | null {
    const x = this.x;
    if (x[2 * n + 1] !== 0 || (n === R_SP && (x[62] & 15) !== 0)) return null;
    const base = x[2 * n];
    const a = (base + off) | 0;
    if ((off >= 0 ? (a >>> 0) < (base >>> 0) : (a >>> 0) > (base >>> 0)) || (a & (size - 1)) !== 0) return null;
    const gfn = a >>> 12;
    const slot = gfn & TLB_MASK;
    if (this.tlbWTag[slot] !== gfn) return null;
    const page = this.tlbWPage[slot]!;
    if (page.decoded !== null) {
      page.invalidateCode();
      if (this.exit === null) this.exit = CODE_CHANGED;
    }
    if (this.shared.activeReservations !== 0) this.clearOthersReservation(a >>> 0);
    this.hitOff = a & 4095;
    return page;
  }

  ld8(addr: number): number {
    return this.rpage(addr, 1).u8[addr & 4095];
  }
  ld16(addr: number): number {
    return this.rpage(addr, 2).u16[(addr & 4095) >> 1];
  }
  /** Signed 32-bit result. */
  ld32(addr: number): number {
    return this.rpage(addr, 4).i32[(addr & 4095) >> 2];
  }
  /** Returns the low half; the high half is left in `ldHi`. */
  ld64(addr: number): number {
    const p = this.rpage(addr, 8);
    const k = (addr & 4095) >> 2;
    this.ldHi = p.i32[k + 1];
    return p.i32[k];
  }
  st8(addr: number, v: number): void {
    this.wpage(addr, 1).u8[addr & 4095] = v;
  }
  st16(addr: number, v: number): void {
    this.wpage(addr, 2).u16[(addr & 4095) >> 1] = v;
  }
  st32(addr: number, v: number): void {
    this.wpage(addr, 4).i32[(addr & 4095) >> 2] = v;
  }
  st64(addr: number, lo: number, hi: number): void {
    const p = this.wpage(addr, 8);
    const k = (addr & 4095) >> 2;
    p.i32[k] = lo;
    p.i32[k + 1] = hi;
  }

  /** Base register + signed offset as an address number (exact below 2^53; larger values fault anyway). */
  addrOf(r: number, offset: number): number {
    return (this.x[2 * r + 1] >>> 0) * 4294967296 + (this.x[2 * r] >>> 0) + offset;
  }

  // ---------------------------------------------------------------- exclusive monitor

  setExclusive(addr: number): void {
    const res = this.shared.reservations;
    if (res[this.index] === -1) this.shared.activeReservations++;
    res[this.index] = Math.floor(addr / 64) * 64; // reservation granule: 64 bytes (a cache line)
  }

  /** True when this vCPU still holds a reservation covering `addr`. */
  checkExclusive(addr: number): boolean {
    return this.shared.reservations[this.index] === Math.floor(addr / 64) * 64;
  }

  clearExclusive(): void {
    const res = this.shared.reservations;
    if (res[this.index] !== -1 && res[this.index] !== undefined) this.shared.activeReservations--;
    res[this.index] = -1;
  }

  private clearOthersReservation(addr: number): void {
    const g = Math.floor(addr / 64) * 64;
    const res = this.shared.reservations;
    for (let k = 0; k < res.length; k++) {
      if (k !== this.index && res[k] === g) {
        res[k] = -1;
        this.shared.activeReservations--;
      }
    }
  }

  /** Raise the FP/SIMD access trap unless CPACR_EL1.FPEN allows the current EL. */
  checkFpEnabled(i: Insn): void {
    const fpen = Number((this.sys.cpacr_el1 >> 20n) & 3n);
    if (fpen === 3 || (fpen === 1 && this.el === 1)) return;
    this.raise(
      EC.FP_ACCESS,
      0,
      1,
      null,
      i.addr,
      `FP/SIMD instruction at 0x${i.addr.toString(16)} trapped: CPACR_EL1.FPEN=${fpen} (the guest must set CPACR_EL1 bits [21:20] before using FP/SIMD)`,
    );
  }

  /** True when resuming from a breakpoint stop at `pc`: the instruction executes instead of stopping again. */
  isResumingFrom(pc: number): boolean {
    return pc === this.bpStopPc && this.retired === this.bpStopRetired;
  }

  /** Record a breakpoint stop at `pc` (nothing retired). */
  noteBreakpointStop(pc: number): void {
    this.bpStopPc = pc;
    this.bpStopRetired = this.retired;
  }
}

type Stage2AbortExit = Extract<CpuExit, { kind: 'stage2-abort' }>;

function fillIsv(exit: Stage2AbortExit, i: Insn): void {
  if ((i.ls & 1) === 0) return;
  exit.isv = true;
  exit.sas = (i.ls >> 1) & 3;
  exit.sse = ((i.ls >> 3) & 1) === 1;
  exit.sf = ((i.ls >> 4) & 1) === 1;
  exit.srt = (i.ls >> 5) & 31;
  exit.esr =
    (exit.esr | (1 << 24) | (exit.sas << 22) | ((exit.sse ? 1 : 0) << 21) | (exit.srt << 16) | ((exit.sf ? 1 : 0) << 15)) >>> 0;
}

function execUndefined(cpu: Cpu, i: Insn): void {
  cpu.undefinedInstruction(i);
}

function execBreakpoint(cpu: Cpu, i: Insn): void {
  if (cpu.isResumingFrom(i.addr)) {
    i.inner!.exec(cpu, i.inner!);
    return;
  }
  cpu.pc = i.addr;
  cpu.noteBreakpointStop(i.addr);
  cpu.retired--; // the run loop counts it; a breakpoint stop retires nothing
  cpu.exit = { kind: 'breakpoint', pc: i.addr };
}
