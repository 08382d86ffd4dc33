/**
 * The differential test procedure shared by the unicorn and qemu suites: generate the
 * batch, run it on the engine and on the oracle, compare, and for failing cases find
 * the first instruction where they part ways (by re-running every prefix of the
 * sequence on both sides) so the report is a one-instruction reproducer.
 */
import { a64Table } from '../../../engine/cpu/encodings';
import { DiffCase, Outcome, relocate, slotAddr, SEQ_OFF } from '../gen/batch';
import { BatchOptions, buildBatch, makePools } from '../gen/compose';
import { groupOf } from '../gen/tablePool';
import { diffOutcomes, stateSummary } from './compare';
import { runEngine } from './engineRunner';
import { disassemble } from './unicornRunner';

export type OracleRun = (cases: ReadonlyArray<DiffCase>) => Outcome[];

/** A second oracle that confirms a disagreement before it counts (see runDifferential). */
export interface SecondOracle {
  name: string;
  run: OracleRun;
}

export interface DiffReport {
  cases: number;
  failures: string[];
  /** Executed instruction classes (engine table names) and how many generated words each got. */
  coverage: Map<string, number>;
  /** Cases per flavour. */
  flavors: Map<string, number>;
  /** Table lines no generated word exercised (classes the generators cannot reach yet). */
  unexercised: string[];
  /** Cases where the oracle differs but the second oracle agrees with the engine exactly (oracle bugs or missing features). */
  oracleErrors: string[];
  oracleMs: number;
  engineMs: number;
}

const NOP = 0xd503201f;
const MAX_DETAILED = 4;

/**
 * With `second`, a case the oracle and the engine disagree on counts as an engine
 * failure only if the second oracle does not agree with the engine exactly; otherwise
 * it is reported in `oracleErrors` (an oracle bug or an architecture feature the
 * oracle lacks).
 */
export function runDifferential(oracleName: string, oracle: OracleRun, opts: BatchOptions, second?: SecondOracle): DiffReport {
  const table = a64Table();
  const cases = buildBatch(makePools(table), opts);
  const coverage = new Map<string, number>();
  const flavors = new Map<string, number>();
  for (const c of cases) {
    flavors.set(c.flavor, (flavors.get(c.flavor) ?? 0) + 1);
    for (const w of c.insns) {
      const name = table.match(w)?.enc.spec.name ?? '(undecodable)';
      coverage.set(name, (coverage.get(name) ?? 0) + 1);
    }
  }
  let t = Date.now();
  const expected = oracle(cases);
  const oracleMs = Date.now() - t;
  t = Date.now();
  const actual = runEngine(cases);
  const engineMs = Date.now() - t;

  let failing = cases.filter((c, i) => diffOutcomes(expected[c.index], actual[i]).length > 0);
  const oracleErrors: string[] = [];
  if (second && failing.length > 0) {
    const confirm = second.run(failing);
    const table = a64Table();
    failing = failing.filter((c, k) => {
      if (diffOutcomes(confirm[k], actual[c.index]).length > 0) return true;
      const names = [...new Set(c.insns.map((w) => table.match(w)?.enc.spec.name ?? '?'))].join(' ');
      oracleErrors.push(`case #${c.index}: ${oracleName} differs, ${second.name} agrees with the engine (${names})`);
      return false;
    });
  }
  const failures = failing.map((c, k) => {
    const lines = [`case #${c.index} (${c.flavor}; batch seed ${opts.seed}, case seed ${c.seed}) vs ${oracleName}:`];
    lines.push(...listing(c));
    lines.push('  differences at the end:', ...diffOutcomes(expected[c.index], actual[c.index]).map((d) => '    ' + d));
    if (k < MAX_DETAILED) lines.push(...culprit(c, oracle));
    return lines.join('\n');
  });
  const unexercised = table.entries.map((e) => e.spec.name).filter((n) => !coverage.has(n));
  return { cases: cases.length, failures, coverage, flavors, unexercised, oracleErrors, oracleMs, engineMs };
}

function listing(c: DiffCase): string[] {
  const table = a64Table();
  const dis = disassemble(c.insns);
  return c.insns.map((w, k) => {
    const name = table.match(w)?.enc.spec.name ?? '?';
    const addr = slotAddr(c.at) + SEQ_OFF + 4 * k;
    return `  ${k.toString().padStart(2)} 0x${addr.toString(16)}: ${w.toString(16).padStart(8, '0')}  ${name.padEnd(16)} ${dis[k] ?? ''}`;
  });
}

/** Re-run every prefix of `c` on both sides; the first prefix that differs ends with the culprit. */
function culprit(c: DiffCase, oracle: OracleRun): string[] {
  const prefixes = c.insns.map((_, k) => relocate(c, k, c.insns.map((w, j) => (j <= k ? w : NOP))));
  const exp = oracle(prefixes);
  const act = runEngine(prefixes);
  const k = prefixes.findIndex((_, j) => diffOutcomes(exp[j], act[j]).length > 0);
  if (k < 0) return ['  (every prefix agrees: the difference needs the whole sequence)'];
  const word = c.insns[k];
  const m = a64Table().match(word);
  // The state just before the culprit, at the case's own addresses (prefixes ran elsewhere).
  const before = k === 0 ? c.init : oracle([relocate(prefixes[k - 1], c.at)])[0].state;
  const regs = new Set<number>();
  const vregs = new Set<number>();
  const simd = groupOf(word) === 'simdFp' || (groupOf(word) === 'ldst' && ((word >>> 26) & 1) === 1);
  for (const [letter, value] of Object.entries(m?.fields ?? {})) {
    if ('dnmatsu'.includes(letter) && value < 32) {
      regs.add(value);
      if (simd) vregs.add(value);
    }
  }
  const lines = [
    `  first difference after instruction #${k}: 0x${word.toString(16).padStart(8, '0')} (${m?.enc.spec.name ?? 'undecodable'}: ${disassemble([word])[0]}) at 0x${(slotAddr(c.at) + SEQ_OFF + 4 * k).toString(16)}`,
    `    state before it (oracle): ${stateSummary(before, [...regs].sort((a, b) => a - b), [...vregs].sort((a, b) => a - b))}`,
    '    after it (prefix run, oracle vs engine):',
    ...diffOutcomes(exp[k], act[k]).map((d) => '      ' + d),
  ];
  return lines;
}
