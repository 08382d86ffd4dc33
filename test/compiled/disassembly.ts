/** The instruction words of an ELF's .text, with objdump's mnemonics, for decode coverage. */
import { spawnSync } from 'node:child_process';

export interface TextWord {
  addr: number;
  word: number;
  text: string;
}

export const OBJDUMP = 'aarch64-linux-gnu-objdump';

export function textWords(elf: string): TextWord[] {
  const r = spawnSync(OBJDUMP, ['-d', '-j', '.text', elf], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.error || r.status !== 0) throw new Error(`${OBJDUMP} -d ${elf} failed: ${r.error?.message ?? r.stderr}`);
  const out: TextWord[] = [];
  for (const line of r.stdout.split('\n')) {
    const m = /^\s*([0-9a-f]+):\s+([0-9a-f]{8})\s+(.*)$/.exec(line);
    if (m) out.push({ addr: parseInt(m[1], 16), word: parseInt(m[2], 16), text: m[3].replace(/\s+/g, ' ').trim() });
  }
  return out;
}
