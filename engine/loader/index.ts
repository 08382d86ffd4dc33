/** Program loaders: ELF64 AArch64 executables and flat binaries, both producing a LoadedImage. */
export { loadElf, isElf } from './elf';
export type { ElfLoadOptions } from './elf';
export { loadFlat } from './flat';
export type { FlatLoadOptions } from './flat';
export { DEFAULT_RAM, DEFAULT_RAM_BASE, DEFAULT_RAM_SIZE } from './layout';
export { LoadError } from './loadError';
export { copyImage } from './loadedImage';
export type { DebugSection, ImageSection, ImageSegment, ImageSymbol, LoadedImage, MappingSymbol, SymbolBinding, SymbolType } from './loadedImage';
export { imageFromAssembly } from './fromAssembly';
