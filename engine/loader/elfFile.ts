/**
 * Bounds-checked little-endian reads over an ELF file. Every read names what it is
 * reading and where, so a truncated or corrupt file produces a LoadError saying which
 * structure ran past the end of the file, instead of a RangeError.
 */
import { LoadError, hex, hexRange } from './loadError';

export class ElfFile {
  private readonly view: DataView;

  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get size(): number {
    return this.bytes.length;
  }

  /**
   * Check that [off, off+len) lies inside the file and return `off` as a number.
   * `what` names the structure ("program header table"), `where` locates it for the error.
   */
  need(off: bigint, len: bigint, what: string, where: string): number {
    if (off < 0n || len < 0n || off + len > BigInt(this.size)) {
      throw new LoadError(
        `truncated file: ${what} at file bytes ${hexRange(off, off + len)} extends past the end of the file (${this.size} bytes)`,
        where,
      );
    }
    return Number(off);
  }

  u8(off: number): number {
    return this.view.getUint8(off);
  }
  u16(off: number): number {
    return this.view.getUint16(off, true);
  }
  u32(off: number): number {
    return this.view.getUint32(off, true);
  }
  u64(off: number): bigint {
    return this.view.getBigUint64(off, true);
  }

  /** A copy of file bytes [off, off+len) (already checked with `need`). */
  slice(off: number, len: number): Uint8Array {
    return this.bytes.slice(off, off + len);
  }

  /** NUL-terminated string at `off` inside a string table spanning [tableOff, tableOff+tableSize). */
  cstring(tableOff: number, tableSize: number, index: number, what: string, where: string): string {
    if (index >= tableSize) {
      throw new LoadError(`${what}: string offset ${hex(index)} is beyond its string table (${hex(tableSize)} bytes)`, where);
    }
    const start = tableOff + index;
    const limit = tableOff + tableSize;
    let end = start;
    while (end < limit && this.bytes[end] !== 0) end++;
    if (end === limit) throw new LoadError(`${what}: string at offset ${hex(index)} is not NUL-terminated`, where);
    return UTF8.decode(this.bytes.subarray(start, end));
  }
}

const UTF8 = new TextDecoder('utf-8');
