/**
 * `pkvm-debug run PROGRAM`: load a program into a bare machine and run it until the
 * guest powers off, faults, goes idle, or the step limit is reached.
 */
import { DEFAULT_RAM } from '../../engine/loader';
import { BareMachine, MAX_VCPUS } from '../../engine/machine/bareMachine';
import type { MachineStop } from '../../engine/machine/machine';
import { parseArgs, parseInteger } from '../args';
import { CliCommand, EXIT_OK, UsageError } from '../command';
import type { CliIo } from '../io';
import { loadProgramFile } from '../programFile';
import { exitStatusFor, runReport } from '../runReport';

export const DEFAULT_MAX_STEPS = 100_000_000;
/** Instructions per slice between console flushes (output appears while a long run goes on). */
const SLICE = 1_000_000;

const HELP = `usage: pkvm-debug run PROGRAM [--json] [--max-steps N] [--load-address ADDR] [--vcpus N]

Run an AArch64 program on a bare machine: ${DEFAULT_RAM.size / (1024 * 1024)} MiB of RAM at 0x${DEFAULT_RAM.base.toString(16)},
a PL011 UART at 0x9000000, PSCI through HVC #0. vCPU 0 starts at the entry point
with SP at the top of RAM; the others start powered off (PSCI CPU_ON starts them).

PROGRAM is an ELF64 AArch64 executable, a flat binary (*.bin, or any file with
--load-address), or a GNU as assembly source (*.S / *.s, entry at _start).

  --json               print one JSON object: stop {reason, detail}, instructions,
                       vcpus [{id, state, pc, sp, nzcv, x[31]}], console
  --max-steps N        stop after N instructions in total (default ${DEFAULT_MAX_STEPS})
  --load-address ADDR  load a flat binary at ADDR (default: the RAM base); entry = ADDR
  --vcpus N            number of vCPUs, 1 … ${MAX_VCPUS} (default 1)

Exit status: 0 after PSCI SYSTEM_OFF, the step limit, or when every vCPU is idle;
1 after an unhandled exception or an internal error; 2 for bad arguments or a
program that cannot be loaded.`;

const OPTIONS = [
  { name: 'json', value: false },
  { name: 'max-steps', value: true },
  { name: 'load-address', value: true },
  { name: 'vcpus', value: true },
  { name: 'help', value: false },
];

export const runCommand: CliCommand = {
  name: 'run',
  summary: 'run a program headless and report how it stopped',
  help: HELP,
  run: async (args, io) => {
    const parsed = parseArgs(args, OPTIONS, 'run');
    if (parsed.options.has('help')) {
      io.out(`${HELP}\n`);
      return EXIT_OK;
    }
    if (parsed.positionals.length === 0) throw new UsageError('run needs a PROGRAM (see pkvm-debug run --help)');
    if (parsed.positionals.length > 1) throw new UsageError(`run takes one PROGRAM, got ${parsed.positionals.length}: ${parsed.positionals.join(' ')}`);
    const path = parsed.positionals[0];
    const json = parsed.options.has('json');
    const opt = (name: string): string | undefined => parsed.options.get(name);
    const maxSteps = opt('max-steps') === undefined ? DEFAULT_MAX_STEPS : parseInteger(opt('max-steps')!, 'max-steps');
    const vcpus = opt('vcpus') === undefined ? 1 : parseInteger(opt('vcpus')!, 'vcpus', 1, MAX_VCPUS);
    const loadAddress = opt('load-address') === undefined ? undefined : parseInteger(opt('load-address')!, 'load-address');

    const ram = DEFAULT_RAM;
    const image = loadProgramFile(path, { ram, loadAddress, warn: (line) => io.err(`pkvm-debug: ${line}\n`) });
    const machine = new BareMachine(image, { vcpus, ram });
    const stop = json ? runToEnd(machine, maxSteps, null) : runToEnd(machine, maxSteps, consoleStreamer(machine, io));

    if (json) {
      io.out(`${JSON.stringify(runReport(machine, stop), null, 2)}\n`);
    } else {
      const text = machine.consoleText;
      if (text.length > 0 && !text.endsWith('\n')) io.out('\n');
      const n = machine.instructions;
      io.err(`pkvm-debug: ${stop.reason} after ${n} instruction${n === 1 ? '' : 's'}: ${stop.detail}\n`);
    }
    return exitStatusFor(stop.reason);
  },
};

/**
 * Run in slices so console output is flushed as it is produced. The machine keeps its
 * scheduling state across `run` calls, so slicing does not change what the guest does.
 */
function runToEnd(machine: BareMachine, maxSteps: number, flush: (() => void) | null): MachineStop {
  const start = machine.instructions;
  for (;;) {
    const left = maxSteps - (machine.instructions - start);
    const stop = machine.run(Math.min(SLICE, left));
    flush?.();
    if (stop.reason !== 'max-steps' || machine.instructions - start >= maxSteps) return stop;
  }
}

/** Collect UART bytes and write them out as UTF-8 text at each flush. */
function consoleStreamer(machine: BareMachine, io: CliIo): () => void {
  const decoder = new TextDecoder('utf-8');
  let pending: number[] = [];
  machine.uart.onTransmit = (b) => void pending.push(b);
  return () => {
    if (pending.length === 0) return;
    const text = decoder.decode(Uint8Array.from(pending), { stream: true });
    pending = [];
    if (text) io.out(text);
  };
}
