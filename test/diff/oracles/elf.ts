/** A minimal static AArch64 ELF executable writer: one PT_LOAD per segment, no sections. */

export interface ElfSegment {
  vaddr: number;
  data: Uint8Array;
  /** Memory size (zero-filled past `data`); defaults to the data length. */
  memSize?: number;
}

const PAGE = 0x1000;

export function buildElf(entry: number, segments: ElfSegment[]): Uint8Array {
  const headerSize = 64 + 56 * segments.length;
  if (headerSize > PAGE) throw new Error('elf: too many segments');
  const offsets: number[] = [];
  let off = PAGE;
  for (const s of segments) {
    if (s.vaddr % PAGE !== 0) throw new Error(`elf: segment at 0x${s.vaddr.toString(16)} is not page aligned`);
    offsets.push(off);
    off += Math.ceil(s.data.length / PAGE) * PAGE;
  }
  const out = new Uint8Array(off);
  const dv = new DataView(out.buffer);
  out.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]); // ELF, 64-bit, little-endian, version 1
  dv.setUint16(16, 2, true); // ET_EXEC
  dv.setUint16(18, 183, true); // EM_AARCH64
  dv.setUint32(20, 1, true);
  dv.setBigUint64(24, BigInt(entry), true);
  dv.setBigUint64(32, 64n, true); // e_phoff
  dv.setUint16(52, 64, true); // e_ehsize
  dv.setUint16(54, 56, true); // e_phentsize
  dv.setUint16(56, segments.length, true);
  segments.forEach((s, k) => {
    const p = 64 + 56 * k;
    dv.setUint32(p, 1, true); // PT_LOAD
    dv.setUint32(p + 4, 7, true); // RWX
    dv.setBigUint64(p + 8, BigInt(offsets[k]), true);
    dv.setBigUint64(p + 16, BigInt(s.vaddr), true);
    dv.setBigUint64(p + 24, BigInt(s.vaddr), true);
    dv.setBigUint64(p + 32, BigInt(s.data.length), true);
    dv.setBigUint64(p + 40, BigInt(Math.max(s.memSize ?? 0, s.data.length)), true);
    dv.setBigUint64(p + 48, BigInt(PAGE), true);
    out.set(s.data, offsets[k]);
  });
  return out;
}
