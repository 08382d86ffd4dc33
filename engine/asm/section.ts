/**
 * One output section while assembling: its bytes so far, the items whose values are only
 * known after layout (instructions, data with symbols), its literal pools and the
 * source-map entries of everything emitted into it.
 */
import type { Expr } from './expr';
import type { Operand } from './operands';
import type { SourceMapKind } from './types';
import type { Stmt } from './statement';

export interface SectionFlags {
  alloc: boolean;
  write: boolean;
  exec: boolean;
  nobits: boolean;
}

/** An instruction to encode once every symbol is known. */
export interface PendingInsn {
  readonly kind: 'insn';
  readonly offset: number;
  readonly mnemonic: string;
  /** The mnemonic as written (for messages) and its columns. */
  readonly mnemonicSpan: { start: number; end: number; text: string };
  readonly operands: Operand[];
  /** End column of the operand text. */
  readonly operandEnd: number;
  readonly stmt: Stmt;
}

/** A data value (`.word sym + 4`) to store once every symbol is known. */
export interface PendingData {
  readonly kind: 'data';
  readonly offset: number;
  readonly size: 1 | 2 | 4 | 8 | 16;
  readonly e: Expr;
  readonly stmt: Stmt;
}

export type Pending = PendingInsn | PendingData;

export interface PoolEntry {
  readonly size: 4 | 8 | 16;
  readonly e: Expr;
  /** Canonical text of the value, for sharing identical entries as GNU as does. */
  readonly key: string;
  /** Symbol naming the entry's address, assigned when the pool is emitted. */
  readonly label: string;
  readonly stmt: Stmt;
}

export interface MapEntry {
  readonly offset: number;
  readonly size: number;
  readonly kind: SourceMapKind;
  readonly stmt: Stmt;
}

const NOP = [0x1f, 0x20, 0x03, 0xd5];

/**
 * GNU as's warning for a data value wider than its slot: the bits above the slot must be
 * all zeros or all ones (so -1 fits a byte, 256 does not).
 */
export function truncationWarning(v: bigint, size: number): string | undefined {
  if (size >= 8) return undefined;
  const hi = v >> BigInt(size * 8);
  if (hi === 0n || hi === -1n) return undefined;
  const mask = (1n << BigInt(size * 8)) - 1n;
  return `value 0x${BigInt.asUintN(64, v).toString(16)} does not fit in ${size} byte${size > 1 ? 's' : ''}; truncated to 0x${(v & mask).toString(16)}`;
}

export class Section {
  bytes = new Uint8Array(256);
  size = 0;
  /** Largest alignment requested in the section (bytes, a power of two). */
  align = 1;
  readonly pending: Pending[] = [];
  /** Literal-pool entries waiting for the next `.ltorg` or the end of the section. */
  pool: PoolEntry[] = [];
  readonly map: MapEntry[] = [];
  /** Set once the section is laid out. */
  address = 0;

  constructor(
    readonly index: number,
    readonly name: string,
    readonly flags: SectionFlags,
  ) {}

  private reserve(n: number): void {
    if (this.size + n <= this.bytes.length) return;
    let cap = this.bytes.length * 2;
    while (cap < this.size + n) cap *= 2;
    const b = new Uint8Array(cap);
    b.set(this.bytes.subarray(0, this.size));
    this.bytes = b;
  }

  emitBytes(data: ArrayLike<number>): number {
    const at = this.size;
    this.reserve(data.length);
    for (let k = 0; k < data.length; k++) this.bytes[at + k] = data[k] & 0xff;
    this.size += data.length;
    return at;
  }

  emitFill(count: number, value: number): number {
    const at = this.size;
    if (this.flags.nobits) {
      // No contents to keep: a large .bss costs nothing until the image is built.
      this.size += count;
      return at;
    }
    this.reserve(count);
    this.bytes.fill(value & 0xff, at, at + count);
    this.size += count;
    return at;
  }

  /** Little-endian store of `size` bytes of `v` at `offset` (already reserved). */
  store(offset: number, size: number, v: bigint): void {
    if (this.flags.nobits) return;
    let x = BigInt.asUintN(size * 8, v);
    for (let k = 0; k < size; k++) {
      this.bytes[offset + k] = Number(x & 0xffn);
      x >>= 8n;
    }
  }

  store32(offset: number, w: number): void {
    this.bytes[offset] = w & 0xff;
    this.bytes[offset + 1] = (w >>> 8) & 0xff;
    this.bytes[offset + 2] = (w >>> 16) & 0xff;
    this.bytes[offset + 3] = (w >>> 24) & 0xff;
  }

  requireAlign(bytes: number): void {
    if (bytes > this.align) this.align = bytes;
  }

  /**
   * Pad to a multiple of `bytes` unless that takes more than `max` bytes. Code sections pad
   * with NOPs (zeros up to the next 4-byte boundary first), others with `fill` (default 0).
   * With `stmt`, the padding is recorded in the source map (NOPs as code, the rest as data).
   */
  alignTo(bytes: number, fill: number | undefined, fillSize: number, max?: number, stmt?: Stmt): void {
    const pad = (bytes - (this.size % bytes)) % bytes;
    if (max !== undefined && pad > max) return;
    this.requireAlign(bytes);
    if (pad === 0) return;
    const start = this.size;
    if (fill === undefined && this.flags.exec && !this.flags.nobits) {
      const zeros = pad % 4;
      this.emitFill(zeros, 0);
      for (let k = 0; k < (pad - zeros) / 4; k++) this.emitBytes(NOP);
      if (stmt && zeros) this.map.push({ offset: start, size: zeros, kind: 'data', stmt });
      if (stmt && pad > zeros) this.map.push({ offset: start + zeros, size: pad - zeros, kind: 'instruction', stmt });
      return;
    }
    const v = fill ?? 0;
    if (fillSize === 1) this.emitFill(pad, v);
    else {
      for (let k = 0; k < pad / fillSize; k++) {
        const at = this.emitFill(fillSize, 0);
        this.store(at, fillSize, BigInt(v));
      }
    }
    if (stmt && !this.flags.nobits) this.map.push({ offset: start, size: pad, kind: 'data', stmt });
  }
}
