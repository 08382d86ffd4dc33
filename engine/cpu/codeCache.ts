/**
 * Decoded code of one physical page: the instructions decoded so far (one slot per word)
 * and the straight-line blocks built from them, which the run loop executes with the
 * PC-page arithmetic and the decode-cache checks done once per block instead of once
 * per instruction.
 *
 * A block runs from its first instruction up to and including the first one whose
 * encoding line is marked `control: 'branch'` (it may write PC), or to the end of the
 * page. An instruction marked `control: 'system'` (it reads or changes state outside
 * the register file — counters, exits, PSTATE) and a breakpoint trap always form a block
 * of their own, so the retired count is exact when they run. Decoding stays in the
 * encoding table and the handlers stay with their lines: a block is only a list of the
 * same `Insn` objects the single-step path uses, which is what a translating tier would
 * compile.
 *
 * A store to the page replaces the cache (`PhysPage.invalidateCode`): the old one is
 * marked dead, so every block and link into it is dropped at the next block boundary,
 * and the run loop ends the current block after the storing instruction.
 */
import type { CompiledBlock } from './blockCompiler';
import type { Insn } from './insn';
import type { PhysPage } from '../memory/physPage';

export const INSNS_PER_PAGE = 1024;

// Fields are initialised with values of their final type (never left undefined first, as
// ES2022 class fields would be): V8 then stores numbers unboxed instead of as heap numbers.

export class CodeCache {
  /** False once the page has been written (or re-mapped at another frame): its blocks are stale. */
  live = true;
  readonly insns: (Insn | undefined)[] = new Array<Insn | undefined>(INSNS_PER_PAGE);
  readonly blocks: (CodeBlock | undefined)[] = new Array<CodeBlock | undefined>(INSNS_PER_PAGE);
  readonly page: PhysPage;
  /** The guest frame the page was decoded at (PC-relative operands depend on it). */
  readonly gfn: number = 0;

  constructor(page: PhysPage, gfn: number) {
    this.page = page;
    this.gfn = gfn;
  }
}

export class CodeBlock {
  readonly cache: CodeCache;
  /** Address of the first instruction. */
  readonly start: number = 0;
  /** The instructions, at start, start + 4, … (never empty). */
  readonly insns: Insn[];
  /**
   * Successor blocks seen so far (a two-entry cache: fall-through and branch target, or
   * two return sites), each valid for the vCPU translation epoch it was made in.
   */
  link0: CodeBlock | null = null;
  link0Epoch = -1;
  link1: CodeBlock | null = null;
  link1Epoch = -1;
  /** Times run by the interpreter loop; at COMPILE_AFTER the block is compiled (blockCompiler.ts). */
  runs = 0;
  compiled: CompiledBlock | null = null;

  constructor(cache: CodeCache, start: number, insns: Insn[]) {
    this.cache = cache;
    this.start = start;
    this.insns = insns;
  }
}
