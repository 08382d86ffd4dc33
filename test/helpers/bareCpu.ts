/**
 * A bare vCPU over flat RAM for instruction-level tests: load words, run, inspect.
 */
import { Cpu } from '../../engine/cpu/cpu';
import { a64Table } from '../../engine/cpu/encodings';
import { CpuExit } from '../../engine/cpu/exits';
import { FlatBus } from '../../engine/memory/flatBus';

export const RAM_BASE = 0x80000000;
export const RAM_SIZE = 16 * 1024 * 1024;

export interface BareMachine {
  cpu: Cpu;
  bus: FlatBus;
  /** Run until an exit other than the budget, or `max` instructions. */
  run(max?: number): CpuExit;
}

export function bareMachine(words: number[] | Uint32Array, opts: { fp?: boolean; base?: number } = {}): BareMachine {
  const base = opts.base ?? RAM_BASE;
  const bus = new FlatBus([{ base: RAM_BASE, size: RAM_SIZE }]);
  const bytes = new Uint8Array(new Uint32Array(Array.from(words)).buffer);
  bus.write(base, bytes);
  const cpu = new Cpu(0, bus, a64Table());
  cpu.reset(base);
  cpu.sp = BigInt(RAM_BASE + RAM_SIZE);
  if (opts.fp !== false) cpu.sys.cpacr_el1 = 3n << 20n;
  return {
    cpu,
    bus,
    run(max = 100000) {
      return cpu.run(max);
    },
  };
}

/** HVC #0: the conventional end of a test sequence (the run returns with kind 'hvc'). */
export const HVC0 = 0xd4000002;
