/**
 * The DWARF line reader against binutils: compile C with Debian's aarch64 gcc and
 * compare every row with `readelf --debug-dump=decodedline`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadElf } from '../../engine/loader';
import { readDwarfLines, lineMapFromRows, DwarfError } from '../../engine/debug/dwarfLines';
import { ProgramInfo } from '../../engine/debug/programInfo';

const GCC = 'aarch64-linux-gnu-gcc';
const have = (cmd: string): boolean => {
  try {
    execFileSync(cmd, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const skip = have(GCC) ? false : `${GCC} is not installed (apt-get install gcc-aarch64-linux-gnu)`;

const SOURCE = `int sq(int x) { return x * x; }
int main(void) {
  int s = 0;
  for (int i = 0; i < 10; i++)
    s += sq(i);
  return s;
}
`;

for (const opt of ['-O0', '-O2'] as const) {
  for (const dwarf of ['-gdwarf-4', '-gdwarf-5'] as const) {
    test(`line rows match readelf for ${opt} ${dwarf}`, { skip }, () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dwarf-'));
      const src = path.join(dir, 'prog.c');
      const elf = path.join(dir, 'prog.elf');
      fs.writeFileSync(src, SOURCE);
      execFileSync(GCC, [dwarf, opt, '-ffreestanding', '-nostdlib', '-static', '-mstrict-align', '-Wl,-e,main', '-Wl,-Ttext-segment=0x80000000', '-o', elf, src]);
      const image = loadElf(new Uint8Array(fs.readFileSync(elf)));
      const sec = (n: string): Uint8Array | undefined => image.debugSections.get(n)?.data;
      const rows = readDwarfLines(sec('.debug_line')!, sec('.debug_line_str'), sec('.debug_str'));
      const dump = execFileSync('aarch64-linux-gnu-readelf', ['--debug-dump=decodedline', elf], { encoding: 'utf8' });
      const expected = [...dump.matchAll(/^\S*prog\.c\s+(\d+)\s+(0x[0-9a-f]+)(?:\s+\d+)?\s*(x?)\s*$/gm)].map((m) => `${Number(m[1])}@${m[2]}${m[3] ? '*' : ''}`);
      const actual = rows.filter((r) => !r.endSequence).map((r) => `${r.line}@0x${r.address.toString(16)}${r.isStmt ? '*' : ''}`);
      assert.ok(expected.length > 5, 'readelf printed rows');
      assert.deepEqual(actual, expected);
      assert.ok(rows.every((r) => r.file.endsWith('prog.c')));
      // The debugger view: every instruction of main has a line; a breakpoint on line 5 has an address.
      const map = lineMapFromRows(rows);
      const info = new ProgramInfo([], map.lines, map.sequences, map.locations);
      const main = image.symbols.find((s) => s.name === 'main')!;
      for (let a = main.addr; a < main.addr + main.size; a += 4) assert.ok(info.lineAt(a), `line for 0x${a.toString(16)}`);
      const file = rows[0].file;
      assert.ok(info.addressesFor(file, 5).length > 0 || info.addressesFor(file, 4).length > 0);
      fs.rmSync(dir, { recursive: true, force: true });
    });
  }
}

test('a truncated line table is reported with its offset', () => {
  assert.throws(() => readDwarfLines(new Uint8Array([0x20, 0, 0, 0, 5, 0])), (e: Error) => e instanceof DwarfError && /runs past the end/.test(e.message));
  assert.throws(() => readDwarfLines(new Uint8Array([0x02, 0, 0, 0, 9, 0])), /unsupported .debug_line version 9/);
});
