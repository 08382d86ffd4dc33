/** The A64 disassembler's public interface (objdump-compatible text from the CPU's encoding table). */
export { disassemble } from './disassemble';
export type { Disassembly, DisassembleOptions, Symbolizer } from './disassemble';
