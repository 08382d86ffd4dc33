/** Condition codes (Arm ARM ConditionHolds), shared by B.cond, CSEL, CCMP and FCSEL. */
import type { Cpu } from './cpu';

export const COND_NAMES = ['eq', 'ne', 'cs', 'cc', 'mi', 'pl', 'vs', 'vc', 'hi', 'ls', 'ge', 'lt', 'gt', 'le', 'al', 'nv'] as const;

export function condHolds(cpu: Cpu, cond: number): boolean {
  let r: boolean;
  switch (cond >> 1) {
    case 0: r = cpu.z === 1; break;
    case 1: r = cpu.c === 1; break;
    case 2: r = cpu.n === 1; break;
    case 3: r = cpu.v === 1; break;
    case 4: r = cpu.c === 1 && cpu.z === 0; break;
    case 5: r = cpu.n === cpu.v; break;
    case 6: r = cpu.n === cpu.v && cpu.z === 0; break;
    default: return true; // AL and NV both mean "always" in A64
  }
  return (cond & 1) === 1 ? !r : r;
}
