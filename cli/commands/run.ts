/**
 * `pkvm-debug run PROGRAM`: run a guest on the pKVM machine (hypervisor, host KVM with
 * guest_memfd, VMM) — or, with --bare, on a bare board — until it powers off, faults,
 * goes idle, breaks the model's invariant, or reaches the step limit.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { MAX_VCPUS, parseLaunchConfig } from '../../engine/config/launchConfig';
import type { LaunchConfig } from '../../engine/config/launchConfig';
import { PROFILES } from '../../engine/config/profile';
import { BareMachine } from '../../engine/machine/bareMachine';
import type { Machine, MachineStop } from '../../engine/machine/machine';
import { PkvmMachine } from '../../engine/vmm/pkvmMachine';
import { machineSettings } from '../../debug-adapter/launchArguments';
import { parseArgs, parseInteger } from '../args';
import { CliCommand, EXIT_OK, UsageError } from '../command';
import type { CliIo } from '../io';
import { loadProgramFile } from '../programFile';
import { exitStatusFor, runReport } from '../runReport';

export const DEFAULT_MAX_STEPS = 100_000_000;
/** Instructions per slice between console flushes (output appears while a long run goes on). */
const SLICE = 1_000_000;

const HELP = `usage: pkvm-debug run [PROGRAM] [--config FILE.json] [--json] [--max-steps N]
                        [--profile rfc-2024|upstream] [--vcpus N] [--load-address ADDR] [--bare]

Run an AArch64 guest as a protected VM on the modelled pKVM stack: the pKVM
hypervisor at EL2, host KVM with guest_memfd, and a kvmtool-like VMM. Defaults:
profile rfc-2024; one protected VM with 64 MiB of guest_memfd-backed RAM at
0x80000000; 1 vCPU; a cooperative VMM (maps what the guest shares, unmaps and
marks PRIVATE on unshare); a PL011 console UART at 0x9000000. vCPU 0 starts at the
entry point in KVM's reset state (EL1h, MMU off, SP 0: the guest sets its own stack);
the others start off (PSCI CPU_ON). With --bare, SP starts at the top of RAM.

PROGRAM is an ELF64 AArch64 executable, a flat binary (*.bin, or any file with
--load-address), or a GNU as assembly source (*.S / *.s, entry at _start). It may
be left out when the config file names it ("program", relative to the file).

  --config FILE.json   launch settings, with the same names as the debugger's
                       launch.json (profile, protected, memory, vcpus, quantum, vmm
                       {onShare, onUnshare, exitHypercalls, unmapImageBeforeRun,
                       onSignal, actions}, traceLimit)
  --json               print one JSON object: stop {reason, detail}, instructions,
                       vcpus [{id, state, pc, sp, nzcv, x[31]}], console, and (pKVM
                       machine) events (the model's log) and pages (run-length states)
  --max-steps N        stop after N instructions in total (default ${DEFAULT_MAX_STEPS})
  --profile NAME       ${PROFILES.join(' or ')} (overrides the config file)
  --vcpus N            number of vCPUs, 1 … ${MAX_VCPUS} (overrides the config file)
  --load-address ADDR  load a flat binary at ADDR (default: the RAM base); entry = ADDR
  --bare               no hypervisor: flat RAM, UART and PSCI only (CPU comparisons)

Exit status: 0 after PSCI SYSTEM_OFF, the step limit, or when every vCPU is idle;
1 after an unhandled exception, an invariant violation or a model error (KVM_RUN
failure, a fatal signal in the VMM); 2 for bad arguments, a bad configuration or a
program that cannot be loaded.`;

const OPTIONS = [
  { name: 'json', value: false },
  { name: 'max-steps', value: true },
  { name: 'load-address', value: true },
  { name: 'vcpus', value: true },
  { name: 'config', value: true },
  { name: 'profile', value: true },
  { name: 'bare', value: false },
  { name: 'help', value: false },
];

/** The config file's "program", resolved against the file's folder (a launch.json-style config names its guest). */
function programFromConfig(file: string | undefined): string {
  if (file === undefined) throw new UsageError('run needs a PROGRAM, or a --config file that names one (see pkvm-debug run --help)');
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as { program?: unknown };
    if (typeof raw.program === 'string' && raw.program !== '') return resolve(dirname(file), raw.program.replace(/^\$\{workspaceFolder\}\//, ''));
  } catch {
    // reported by launchConfig() below with the file's problem
  }
  throw new UsageError(`${file}: names no "program"; give PROGRAM on the command line`);
}

/** The launch settings: the config file (if any) with command-line overrides, validated by the engine. */
function launchConfig(file: string | undefined, profile: string | undefined, vcpus: number | undefined): LaunchConfig {
  let raw: Record<string, unknown> = {};
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new UsageError(`${file}: cannot read the configuration: ${(e as Error).message}`);
    }
    try {
      const parsed = JSON.parse(text) as unknown;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('expected a JSON object');
      raw = machineSettings(parsed as Record<string, unknown>);
    } catch (e) {
      throw new UsageError(`${file}: not a valid configuration: ${(e as Error).message}`);
    }
  }
  if (profile !== undefined) raw.profile = profile;
  if (vcpus !== undefined) raw.vcpus = vcpus;
  const r = parseLaunchConfig(raw);
  if (!r.ok) throw new UsageError(`${file ?? 'configuration'}: ${r.errors.join('; ')}`);
  return r.config;
}

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
    if (parsed.positionals.length > 1) throw new UsageError(`run takes one PROGRAM, got ${parsed.positionals.length}: ${parsed.positionals.join(' ')}`);
    const path = parsed.positionals[0] ?? programFromConfig(parsed.options.get('config'));
    const json = parsed.options.has('json');
    const opt = (name: string): string | undefined => parsed.options.get(name);
    const maxSteps = opt('max-steps') === undefined ? DEFAULT_MAX_STEPS : parseInteger(opt('max-steps')!, 'max-steps');
    const vcpus = opt('vcpus') === undefined ? undefined : parseInteger(opt('vcpus')!, 'vcpus', 1, MAX_VCPUS);
    const loadAddress = opt('load-address') === undefined ? undefined : parseInteger(opt('load-address')!, 'load-address');
    const bare = parsed.options.has('bare');
    if (bare && (opt('config') !== undefined || opt('profile') !== undefined)) throw new UsageError('--bare runs without the pKVM stack: --config and --profile do not apply');

    const config = launchConfig(opt('config'), opt('profile'), vcpus);
    const first = config.memory[0];
    const ram = { base: first.base, size: first.size };
    const image = loadProgramFile(path, { ram, loadAddress, warn: (line) => io.err(`pkvm-debug: ${line}\n`) });
    const machine: BareMachine | PkvmMachine = bare ? new BareMachine(image, { vcpus: config.vcpus, ram }) : new PkvmMachine(config, image);
    const stop = runToEnd(machine, maxSteps, json ? null : consoleStreamer(machine, io));

    if (json) {
      const report: Record<string, unknown> = { ...runReport(machine, stop) };
      if (machine instanceof PkvmMachine) {
        report.profile = config.profile;
        report.events = machine.log.toJSON().events;
        report.eventsDropped = machine.log.dropped;
        report.pages = config.memory.flatMap((r) => machine.pageSummary(r.base, r.base + r.size));
        if (machine.violation) report.violation = machine.violation.violation;
      }
      io.out(`${JSON.stringify(report, null, 2)}\n`);
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
function runToEnd(machine: Machine, maxSteps: number, flush: (() => void) | null): MachineStop {
  const start = machine.instructions;
  for (;;) {
    const left = maxSteps - (machine.instructions - start);
    const stop = machine.run(Math.min(SLICE, left));
    flush?.();
    if (stop.reason !== 'max-steps' || machine.instructions - start >= maxSteps) return stop;
  }
}

/** Collect UART bytes and write them out as UTF-8 text at each flush. */
function consoleStreamer(machine: BareMachine | PkvmMachine, io: CliIo): () => void {
  const decoder = new TextDecoder('utf-8');
  let pending: number[] = [];
  const uart = machine instanceof PkvmMachine ? machine.vmm.uart.uart : machine.uart;
  uart.onTransmit = (b) => void pending.push(b);
  return () => {
    if (pending.length === 0) return;
    const text = decoder.decode(Uint8Array.from(pending), { stream: true });
    pending = [];
    if (text) io.out(text);
  };
}
