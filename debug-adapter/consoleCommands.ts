/**
 * Debug Console commands beyond expressions: `page ADDR` and the host what-ifs that act
 * as the VMM or the host kernel would, through the model's real paths (a host read of a
 * private page really faults and gets SIGBUS), e.g.
 *   host read 0x80004000 16        host write 0x80004000 0xaa 8     host mmap 0x80004000
 *   host munmap 0x80004000         host set-attr 0x80004000 private host punch-hole 0x80004000
 *   host madvise-dontneed 0x80004000                                 kvm read-guest-page 0x80004000 8
 */
import type { PkvmMachine } from '../engine/vmm/pkvmMachine';
import { recordFields } from './pkvmView';

export const CONSOLE_COMMANDS = [
  'page',
  'host read',
  'host write',
  'host mmap',
  'host munmap',
  'host madvise-dontneed',
  'host set-attr',
  'host punch-hole',
  'kvm read-guest-page',
  'kvm write-guest-page',
] as const;

export const CONSOLE_HELP = `Commands (besides expressions such as x1 + 8 or *(u64*)0x80004000):
  page ADDR                             the page's full state
  host read ADDR [LEN]                  the VMM reads through its mapping
  host write ADDR BYTE [LEN]            the VMM writes BYTE (repeated LEN times)
  host mmap|munmap ADDR [LEN]           map / unmap the VMM's view of guest memory
  host madvise-dontneed ADDR [LEN]      drop the VMM's page-table entries
  host set-attr ADDR [LEN] private|shared   KVM_SET_MEMORY_ATTRIBUTES
  host punch-hole ADDR [LEN]            fallocate(PUNCH_HOLE) on guest_memfd
  kvm read-guest-page ADDR [LEN]        kvm_read_guest_page
  kvm write-guest-page ADDR BYTE [LEN]  kvm_write_guest_page`;

export class ConsoleCommandError extends Error {}

/** True when the text is a console command rather than an expression. */
export function isConsoleCommand(text: string): boolean {
  return /^\s*(page|host|kvm|help)\b/.test(text);
}

const num = (s: string | undefined, what: string): number => {
  if (s === undefined) throw new ConsoleCommandError(`missing ${what}`);
  const v = Number(s.replace(/_/g, ''));
  if (!Number.isFinite(v) || !Number.isInteger(v) || v < 0) throw new ConsoleCommandError(`${what}: '${s}' is not a number`);
  return v;
};

export interface CommandResult {
  output: string;
  /** True when the command may have changed page state (views refresh). */
  changed: boolean;
}

export function runConsoleCommand(machine: PkvmMachine, text: string): CommandResult {
  const words = text.trim().split(/\s+/);
  const [head, verb] = words;
  if (head === 'help') return { output: CONSOLE_HELP, changed: false };
  if (head === 'page') {
    const ipa = num(words[1], 'page address');
    const rec = machine.pageRecord(ipa);
    if (!rec) return { output: `0x${ipa.toString(16)} is not in any memslot`, changed: false };
    return { output: recordFields(rec).map((f) => `${f.label.padEnd(38)} ${f.value}`).join('\n'), changed: false };
  }
  let raw: Record<string, unknown>;
  const page = 4096;
  if (head === 'host') {
    const ipa = num(words[2], 'address');
    switch (verb) {
      case 'read':
        raw = { kind: 'read', ipa, length: words[3] ? num(words[3], 'length') : 8 };
        break;
      case 'write':
        raw = { kind: 'write', ipa, bytes: [num(words[3], 'byte value')], length: words[4] ? num(words[4], 'length') : 1 };
        break;
      case 'mmap':
      case 'munmap':
      case 'madvise-dontneed':
      case 'punch-hole':
        raw = { kind: verb, ipa, length: words[3] ? num(words[3], 'length') : page };
        break;
      case 'set-attr': {
        const hasLen = words.length > 4;
        const which = (hasLen ? words[4] : words[3]) ?? '';
        if (which !== 'private' && which !== 'shared') throw new ConsoleCommandError(`set-attr: say 'private' or 'shared', not '${which}'`);
        raw = { kind: 'set-attributes', ipa, length: hasLen ? num(words[3], 'length') : page, private: which === 'private' };
        break;
      }
      default:
        throw new ConsoleCommandError(`unknown host command '${verb ?? ''}'; try: ${CONSOLE_COMMANDS.filter((c) => c.startsWith('host')).join(', ')}`);
    }
  } else if (head === 'kvm') {
    const ipa = num(words[2], 'address');
    if (verb === 'read-guest-page') raw = { kind: 'kernel-read', ipa, length: words[3] ? num(words[3], 'length') : 8 };
    else if (verb === 'write-guest-page') raw = { kind: 'kernel-write', ipa, bytes: [num(words[3], 'byte value')], length: words[4] ? num(words[4], 'length') : 1 };
    else throw new ConsoleCommandError(`unknown kvm command '${verb ?? ''}'; try: kvm read-guest-page, kvm write-guest-page`);
  } else {
    throw new ConsoleCommandError(`unknown command '${head}'`);
  }
  const out = machine.hostAction(raw);
  let output = `${out.ok ? 'ok' : 'failed'}: ${out.result}`;
  if (out.data) output += `\n${hexDump(Number(raw.ipa), out.data)}`;
  return { output, changed: true };
}

function hexDump(base: number, data: number[]): string {
  const lines: string[] = [];
  for (let k = 0; k < data.length; k += 16) {
    const row = data.slice(k, k + 16);
    lines.push(`0x${(base + k).toString(16)}: ${row.map((b) => b.toString(16).padStart(2, '0')).join(' ')}`);
  }
  return lines.join('\n');
}
