/**
 * DWARF `.debug_line` reader (versions 2–5): the address → file:line:column table
 * that lets users set breakpoints and step in C sources compiled by a real aarch64
 * toolchain. Only the line-number program is decoded; types and variables are not.
 */

export interface LineRow {
  address: number;
  /** Path as recorded (joined with its include directory and the CU directory when relative). */
  file: string;
  line: number;
  column: number;
  isStmt: boolean;
  endSequence: boolean;
}

export class DwarfError extends Error {}

class Reader {
  off = 0;
  constructor(readonly b: Uint8Array, readonly v = new DataView(b.buffer, b.byteOffset, b.byteLength)) {}
  need(n: number): void {
    if (this.off + n > this.b.length) throw new DwarfError(`.debug_line truncated at offset 0x${this.off.toString(16)}`);
  }
  u8(): number {
    this.need(1);
    return this.b[this.off++];
  }
  u16(): number {
    this.need(2);
    const x = this.v.getUint16(this.off, true);
    this.off += 2;
    return x;
  }
  u32(): number {
    this.need(4);
    const x = this.v.getUint32(this.off, true);
    this.off += 4;
    return x;
  }
  u64(): number {
    this.need(8);
    const lo = this.v.getUint32(this.off, true);
    const hi = this.v.getUint32(this.off + 4, true);
    this.off += 8;
    return hi * 4294967296 + lo;
  }
  uleb(): number {
    let result = 0;
    let mul = 1;
    for (;;) {
      const byte = this.u8();
      result += (byte & 0x7f) * mul;
      mul *= 128;
      if ((byte & 0x80) === 0) return result;
    }
  }
  sleb(): number {
    let result = 0;
    let mul = 1;
    let byte: number;
    do {
      byte = this.u8();
      result += (byte & 0x7f) * mul;
      mul *= 128;
    } while (byte & 0x80);
    if (byte & 0x40) result -= mul;
    return result;
  }
  cstr(): string {
    const start = this.off;
    while (this.off < this.b.length && this.b[this.off] !== 0) this.off++;
    if (this.off >= this.b.length) throw new DwarfError(`unterminated string in .debug_line at 0x${start.toString(16)}`);
    const s = new TextDecoder().decode(this.b.subarray(start, this.off));
    this.off++;
    return s;
  }
}

function strAt(sec: Uint8Array | undefined, off: number, name: string): string {
  if (!sec || off >= sec.length) throw new DwarfError(`string offset 0x${off.toString(16)} outside ${name}`);
  let end = off;
  while (end < sec.length && sec[end] !== 0) end++;
  return new TextDecoder().decode(sec.subarray(off, end));
}

const joinPath = (dir: string, f: string): string => (f.startsWith('/') || dir === '' ? f : `${dir.replace(/\/$/, '')}/${f}`);

// DW_FORM codes used in v5 directory/file entry formats.
const FORM = { string: 0x08, strp: 0x0e, line_strp: 0x1f, udata: 0x0f, data1: 0x0b, data2: 0x05, data4: 0x06, data8: 0x07, data16: 0x1e, block: 0x09, strx: 0x1a, strx1: 0x25 } as const;
const LNCT = { path: 1, directory_index: 2 } as const;

/** Decode every line-number program in `.debug_line`. */
export function readDwarfLines(debugLine: Uint8Array, debugLineStr?: Uint8Array, debugStr?: Uint8Array): LineRow[] {
  const rows: LineRow[] = [];
  const r = new Reader(debugLine);
  while (r.off < debugLine.length) {
    const unitStart = r.off;
    let unitLength = r.u32();
    let offsetSize = 4;
    if (unitLength === 0xffffffff) {
      unitLength = r.u64();
      offsetSize = 8;
    }
    const unitEnd = r.off + unitLength;
    if (unitEnd > debugLine.length) throw new DwarfError(`line table at 0x${unitStart.toString(16)} runs past the end of .debug_line`);
    const version = r.u16();
    if (version < 2 || version > 5) throw new DwarfError(`unsupported .debug_line version ${version} at 0x${unitStart.toString(16)}`);
    if (version >= 5) {
      r.u8(); // address_size
      r.u8(); // segment_selector_size
    }
    const headerLength = offsetSize === 8 ? r.u64() : r.u32();
    const programStart = r.off + headerLength;
    const minInsnLength = r.u8();
    if (version >= 4) r.u8(); // maximum_operations_per_instruction (VLIW only)
    const defaultIsStmt = r.u8() !== 0;
    const lineBase = (r.u8() << 24) >> 24;
    const lineRange = r.u8();
    const opcodeBase = r.u8();
    const stdLengths: number[] = [0];
    for (let k = 1; k < opcodeBase; k++) stdLengths.push(r.u8());

    const dirs: string[] = [];
    const files: string[] = [];
    const readOffset = (): number => (offsetSize === 8 ? r.u64() : r.u32());
    if (version >= 5) {
      const readEntries = (): Array<Map<number, string | number>> => {
        const fmtCount = r.u8();
        const fmt: Array<[number, number]> = [];
        for (let k = 0; k < fmtCount; k++) fmt.push([r.uleb(), r.uleb()]);
        const count = r.uleb();
        const out: Array<Map<number, string | number>> = [];
        for (let e = 0; e < count; e++) {
          const m = new Map<number, string | number>();
          for (const [content, form] of fmt) {
            let v: string | number;
            switch (form) {
              case FORM.string: v = r.cstr(); break;
              case FORM.line_strp: v = strAt(debugLineStr, readOffset(), '.debug_line_str'); break;
              case FORM.strp: v = strAt(debugStr, readOffset(), '.debug_str'); break;
              case FORM.udata: v = r.uleb(); break;
              case FORM.data1: v = r.u8(); break;
              case FORM.data2: v = r.u16(); break;
              case FORM.data4: v = r.u32(); break;
              case FORM.data8: v = r.u64(); break;
              case FORM.data16: r.need(16); r.off += 16; v = 0; break;
              case FORM.block: { const n = r.uleb(); r.need(n); r.off += n; v = 0; break; }
              default: throw new DwarfError(`unsupported DW_FORM 0x${form.toString(16)} in line table header at 0x${unitStart.toString(16)}`);
            }
            m.set(content, v);
          }
          out.push(m);
        }
        return out;
      };
      for (const d of readEntries()) dirs.push(String(d.get(LNCT.path) ?? ''));
      for (const f of readEntries()) {
        const dir = dirs[Number(f.get(LNCT.directory_index) ?? 0)] ?? '';
        files.push(joinPath(dir, String(f.get(LNCT.path) ?? '')));
      }
    } else {
      dirs.push(''); // index 0: the compilation directory (unknown here)
      for (let d = r.cstr(); d !== ''; d = r.cstr()) dirs.push(d);
      files.push(''); // v2-4 file indices are 1-based
      for (let f = r.cstr(); f !== ''; f = r.cstr()) {
        const dir = r.uleb();
        r.uleb(); // mtime
        r.uleb(); // length
        files.push(joinPath(dirs[dir] ?? '', f));
      }
    }
    r.off = programStart;

    // The state machine (DWARF 5 section 6.2.2).
    let address = 0;
    let file = 1;
    let line = 1;
    let column = 0;
    let isStmt = defaultIsStmt;
    const reset = (): void => {
      address = 0;
      file = 1;
      line = 1;
      column = 0;
      isStmt = defaultIsStmt;
    };
    const emit = (endSequence: boolean): void => {
      rows.push({ address, file: files[file] ?? `<file ${file}>`, line, column, isStmt, endSequence });
    };
    while (r.off < unitEnd) {
      const op = r.u8();
      if (op >= opcodeBase) {
        const adj = op - opcodeBase;
        address += Math.floor(adj / lineRange) * minInsnLength;
        line += lineBase + (adj % lineRange);
        emit(false);
      } else if (op === 0) {
        const len = r.uleb();
        const end = r.off + len;
        const ext = r.u8();
        if (ext === 1) {
          emit(true);
          reset();
        } else if (ext === 2) address = r.u64();
        // DW_LNE_define_file (3) and DW_LNE_set_discriminator (4) carry nothing we use.
        r.off = end;
      } else {
        switch (op) {
          case 1: emit(false); break; // copy
          case 2: address += r.uleb() * minInsnLength; break;
          case 3: line += r.sleb(); break;
          case 4: file = r.uleb(); break;
          case 5: column = r.uleb(); break;
          case 6: isStmt = !isStmt; break;
          case 7: break; // basic_block
          case 8: address += Math.floor((255 - opcodeBase) / lineRange) * minInsnLength; break;
          case 9: address += r.u16(); break;
          case 10: case 11: break; // prologue_end, epilogue_begin
          case 12: r.uleb(); break; // isa
          default:
            for (let k = 0; k < stdLengths[op]; k++) r.uleb();
        }
      }
    }
    r.off = unitEnd;
  }
  return rows;
}

export interface DwarfLineMap {
  /** Statement starts: breakpoint locations and the line of every instruction up to the next start. */
  lines: Map<number, { file: string; line: number; column: number }>;
  /** Address ranges [start, end) covered by line sequences. */
  sequences: Array<{ start: number; end: number }>;
  /** Every statement row: where a breakpoint on a line can bind, even when lines share an address. */
  locations: Array<[number, { file: string; line: number; column: number }]>;
}

/**
 * Statement rows as the debugger's line map: the first is_stmt row at each address
 * wins (later rows at the same address describe the same instruction).
 */
export function lineMapFromRows(rows: readonly LineRow[]): DwarfLineMap {
  const lines = new Map<number, { file: string; line: number; column: number }>();
  const sequences: Array<{ start: number; end: number }> = [];
  const locations: Array<[number, { file: string; line: number; column: number }]> = [];
  let seqStart = -1;
  for (const row of rows) {
    if (seqStart < 0) seqStart = row.address;
    if (row.endSequence) {
      sequences.push({ start: seqStart, end: row.address });
      seqStart = -1;
      continue;
    }
    if (!row.isStmt || row.line === 0) continue;
    const pos = { file: row.file, line: row.line, column: Math.max(1, row.column) };
    locations.push([row.address, pos]);
    if (!lines.has(row.address)) lines.set(row.address, pos);
  }
  return { lines, sequences, locations };
}
