/**
 * Literal pools for `ldr Rt, =value`, as GNU as keeps them: per section, entries of 4, 8
 * and 16 bytes (by the register loaded), identical values shared, emitted at `.ltorg`/`.pool`
 * or at the end of assembly — 4-byte entries first, then 8, then 16, each group aligned.
 */
import type { Expr } from './expr';
import type { Operand } from './operands';
import type { Section } from './section';
import type { Stmt } from './statement';
import type { SymbolTable } from './symbols';

export class LiteralPools {
  private counter = 0;

  /** Add an entry (or find an identical one) in `sec`'s pending pool; returns the label naming it. */
  add(sec: Section, size: 4 | 8 | 16, e: Expr, st: Stmt): string {
    const key = `${size}:${exprKey(e)}`;
    const found = sec.pool.find((x) => x.key === key);
    if (found) return found.label;
    const label = `.Lpool\u0002${this.counter++}`;
    sec.pool.push({ size, e, key, label, stmt: st });
    return label;
  }

  /** Emit `sec`'s pending entries and define their labels. */
  flush(sec: Section, symbols: SymbolTable): void {
    if (sec.pool.length === 0) return;
    const entries = sec.pool;
    sec.pool = [];
    for (const size of [4, 8, 16] as const) {
      const group = entries.filter((x) => x.size === size);
      if (group.length === 0) continue;
      sec.alignTo(size, 0, 1);
      for (const ent of group) {
        const offset = sec.emitFill(ent.size, 0);
        symbols.define(ent.label, 'label', false, undefined).val = { sec: sec.index, v: BigInt(offset) };
        // A 16-byte entry holds the 64-bit value sign-extended, as GNU as stores it.
        sec.pending.push({ kind: 'data', offset, size: ent.size, e: ent.e, stmt: ent.stmt });
        sec.map.push({ offset, size: ent.size, kind: 'data', stmt: ent.stmt });
      }
    }
  }
}

/** Entry size for an `=literal` operand of `mnemonic`, or undefined where none is allowed. */
export function poolSize(mnemonic: string, first: Operand | undefined): 4 | 8 | 16 | undefined {
  if (!first) return undefined;
  if (mnemonic === 'ldrsw' && first.t === 'gpr' && first.x) return 4;
  if (mnemonic !== 'ldr') return undefined;
  if (first.t === 'gpr') return first.x ? 8 : 4;
  if (first.t === 'fpr') return first.size === 's' ? 4 : first.size === 'd' ? 8 : first.size === 'q' ? 16 : undefined;
  return undefined;
}

/** Canonical text of an expression, ignoring positions. */
function exprKey(e: Expr): string {
  switch (e.k) {
    case 'num':
      return e.v.toString();
    case 'rel':
      return `@${e.sec}+${e.v}`;
    case 'sym':
      return `$${e.name}`;
    case 'un':
      return `(${e.op}${exprKey(e.a)})`;
    case 'bin':
      return `(${exprKey(e.a)}${e.op}${exprKey(e.b)})`;
  }
}
