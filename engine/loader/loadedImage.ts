/**
 * A program ready to be placed in guest memory, whatever file it came from (ELF or a
 * flat binary; assembled sources produce one too). Machines copy `segments` into RAM
 * and start vCPU 0 at `entry`; the debugger and disassembler use `symbols`,
 * `mappingSymbols` and `sections`; the DWARF reader uses `debugSections`.
 */

export interface ImageSegment {
  /** Guest physical address (IPA) of the first byte: the MMU is off, so code runs where it is loaded. */
  readonly addr: number;
  /** Bytes taken from the file. */
  readonly data: Uint8Array;
  /** Size in memory (>= data.length); the tail beyond `data` is zero-filled (.bss). */
  readonly memSize: number;
  readonly readable: boolean;
  readonly writable: boolean;
  readonly executable: boolean;
  /** Where it came from, for messages: "PT_LOAD program header 1", "flat binary". */
  readonly origin: string;
}

export type SymbolType = 'func' | 'object' | 'notype' | 'tls' | 'ifunc';
export type SymbolBinding = 'local' | 'global' | 'weak';

export interface ImageSymbol {
  readonly name: string;
  readonly addr: number;
  /** Size in bytes (0 when the producer did not say, e.g. plain assembly labels). */
  readonly size: number;
  readonly type: SymbolType;
  readonly binding: SymbolBinding;
  /** Section name, or "*ABS*" for absolute symbols. */
  readonly section: string;
}

/**
 * AArch64 ELF mapping symbols ($x, $d): where code and literal data begin, so the
 * disassembler does not decode literal pools as instructions.
 */
export interface MappingSymbol {
  readonly addr: number;
  readonly kind: 'code' | 'data';
}

export interface ImageSection {
  readonly name: string;
  readonly addr: number;
  readonly size: number;
  readonly executable: boolean;
  readonly writable: boolean;
  /** True for sections with no file bytes (.bss). */
  readonly nobits: boolean;
}

export interface DebugSection {
  readonly name: string;
  /** Raw section contents as stored in the file. */
  readonly data: Uint8Array;
  /** SHF_COMPRESSED: `data` starts with an Elf64_Chdr and must be inflated before parsing. */
  readonly compressed: boolean;
}

export interface LoadedImage {
  readonly format: 'elf' | 'flat' | 'assembly';
  readonly entry: number;
  /** Sorted by address, non-overlapping, all inside RAM. */
  readonly segments: ReadonlyArray<ImageSegment>;
  /** Named functions, objects and labels, sorted by address. */
  readonly symbols: ReadonlyArray<ImageSymbol>;
  readonly mappingSymbols: ReadonlyArray<MappingSymbol>;
  /** Allocated sections (SHF_ALLOC), sorted by address. */
  readonly sections: ReadonlyArray<ImageSection>;
  /** `.debug_*` sections by name (".debug_info", ".debug_line", …). */
  readonly debugSections: ReadonlyMap<string, DebugSection>;
}

/**
 * Copy an image into guest memory through `write`, zero-filling each segment's tail
 * (.bss) explicitly so the result does not depend on the memory being fresh.
 */
export function copyImage(image: LoadedImage, write: (addr: number, bytes: Uint8Array) => void): void {
  const ZERO_CHUNK = 64 * 1024;
  for (const seg of image.segments) {
    if (seg.data.length > 0) write(seg.addr, seg.data);
    let at = seg.addr + seg.data.length;
    const end = seg.addr + seg.memSize;
    while (at < end) {
      const n = Math.min(ZERO_CHUNK, end - at);
      write(at, new Uint8Array(n));
      at += n;
    }
  }
}
