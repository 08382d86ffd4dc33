/** The A64 disassembler's public interface (objdump-compatible text from the CPU's encoding table). */
export { disassemble } from './disassemble';
export type { Disassembly, DisassembleOptions, Symbolizer } from './disassemble';
export { createSymbolizer, preferredSymbols } from './symbols';
export type { DisasmSymbol } from './symbols';
export { sectionText } from './sectionText';
export type { MappingRegion, SectionBytes, SectionTextOptions } from './sectionText';
