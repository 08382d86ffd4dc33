/**
 * Builds small bare-metal AArch64 ELF executables with the Debian cross toolchain
 * (aarch64-linux-gnu-gcc), linked at the default RAM base, for loader and machine
 * tests. `crossGccMissing()` says why a test must be skipped when it is not installed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CROSS_GCC = 'aarch64-linux-gnu-gcc';

/** null when the toolchain works, else the reason to skip. */
export function crossGccMissing(): string | null {
  const r = spawnSync(CROSS_GCC, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? null : `${CROSS_GCC} is not installed (apt-get install gcc-aarch64-linux-gnu); skipping`;
}

const LINKER_SCRIPT = `ENTRY(_start)
SECTIONS {
  . = 0x80000000;
  .text : { *(.text.start) *(.text*) }
  .rodata : { *(.rodata*) }
  .data : { *(.data*) }
  .bss : { *(.bss*) *(COMMON) }
}
`;

export interface BuiltElf {
  path: string;
  bytes: Uint8Array;
  dir: string;
}

/** Compile one C (or .S) source into a static, non-PIE executable at 0x80000000 with debug info. */
export function buildElf(source: string, ext: 'c' | 'S' = 'c', extraFlags: string[] = []): BuiltElf {
  const dir = mkdtempSync(join(tmpdir(), 'pkvm-gcc-'));
  const src = join(dir, `prog.${ext}`);
  const ld = join(dir, 'link.ld');
  const out = join(dir, 'prog.elf');
  writeFileSync(src, source);
  writeFileSync(ld, LINKER_SCRIPT);
  const args = ['-nostdlib', '-static', '-no-pie', '-mstrict-align', '-ffreestanding', '-O1', '-g', '-T', ld];
  args.push('-Wl,--build-id=none', '-Wl,--no-warn-rwx-segments', ...extraFlags, '-o', out, src);
  const r = spawnSync(CROSS_GCC, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${CROSS_GCC} failed:\n${r.stderr}`);
  return { path: out, bytes: new Uint8Array(readFileSync(out)), dir };
}

/** Run a binutils tool from the cross toolchain and return stdout. */
export function binutils(tool: 'readelf' | 'nm' | 'objdump', args: string[]): string {
  const r = spawnSync(`aarch64-linux-gnu-${tool}`, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`aarch64-linux-gnu-${tool} failed:\n${r.stderr}`);
  return r.stdout;
}

/** Prints "ok\n" on the UART, bumps a .bss counter, then PSCI SYSTEM_OFF. */
export const UART_HELLO_C = `
volatile unsigned char *const uart = (unsigned char *)0x09000000;
const char message[] = "ok\\n";
int counter;
static void put(const char *s) { while (*s) *uart = *s++; }
__attribute__((section(".text.start"))) void _start(void) {
  put(message);
  counter++;
  register unsigned long x0 __asm__("x0") = 0x84000008;
  __asm__ volatile("hvc #0" : : "r"(x0));
  for (;;) {}
}
`;
