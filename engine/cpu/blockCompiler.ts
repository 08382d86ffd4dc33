/**
 * Call-threaded code for hot blocks: a block that has run often enough becomes a small
 * JavaScript function that calls each instruction's own handler, in order, with its own
 * `Insn` — the same decode and the same semantics as the interpreter loop, only the
 * dispatch changes. Each call site in such a function has a single target, which V8
 * calls directly (or inlines); the interpreter loop's one `insn.exec(...)` site has
 * hundreds of targets and goes through V8's generic call path every time, which was
 * most of the cost of an instruction.
 *
 * The generated function keeps the loop's contract exactly: PC is set to the next
 * instruction's address before each handler runs; after each one, a set `cpu.exit` ends
 * the run of the block; a fault leaves the number of instructions completed before the
 * faulting one in `cpu.blockIndex` on its way out. The run loop only calls it when the
 * whole block fits in the remaining budget, and a looping block stops before an
 * iteration that would not fit.
 *
 * Where the host forbids generating code (a Content-Security-Policy without
 * 'unsafe-eval'), `compileBlock` returns null and the interpreter loop runs everything.
 */
import type { Cpu } from './cpu';
import type { CodeBlock } from './codeCache';

/**
 * Runs the block on `cpu` (PC cell `pc`) with at least its length of budget `left`, and
 * returns how many instructions it completed; `cpu.exit` set means the last of them set
 * it. A block that branches back to its own start runs again while the budget allows.
 */
export type CompiledBlock = (cpu: Cpu, pc: Float64Array, left: number) => number;

/** Executions of a block before it is compiled: cold code stays with the interpreter loop. */
export const COMPILE_AFTER = 32;

let codegenAvailable = true;

export function compileBlock(block: CodeBlock): CompiledBlock | null {
  if (!codegenAvailable) return null;
  const insns = block.insns;
  const n = insns.length;
  const params: string[] = [];
  const args: unknown[] = [];
  let body = '';
  for (let k = 0; k < n; k++) {
    params.push(`f${k}`, `i${k}`);
    args.push(insns[k].exec, insns[k]);
    // Block addresses are integers below 2^40: exact as literals.
    body += `j = done + ${k}; pc[0] = ${block.start + 4 * k + 4}; f${k}(cpu, i${k}); if (cpu.exit !== null) return done + ${k + 1};\n`;
  }
  // A loop that is a single block (the common inner loop) iterates here, without a trip
  // through the run loop's block lookup each time round.
  const last = insns[n - 1];
  const selfLoop = last.spec?.control === 'branch' && last.imm === block.start;
  const tail = selfLoop ? `done += ${n};\nif (pc[0] !== ${block.start} || done + ${n} > left) return done;\n` : `return ${n};\n`;
  const src = `return function block(cpu, pc, left) {\nlet done = 0;\nlet j = 0;\ntry {\nfor (;;) {\n${body}${tail}}\n} catch (e) {\ncpu.blockIndex = j;\nthrow e;\n}\n};`;
  try {
    const make = new Function(...params, src) as (...a: unknown[]) => CompiledBlock;
    return make(...args);
  } catch {
    codegenAvailable = false;
    return null;
  }
}
