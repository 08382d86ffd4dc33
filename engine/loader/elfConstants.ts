/** ELF constants (System V gABI and the AArch64 ELF ABI) the loader checks and reports. */

export const ELFCLASS32 = 1;
export const ELFCLASS64 = 2;
export const ELFDATA2LSB = 1;
export const ELFDATA2MSB = 2;
export const EV_CURRENT = 1;

export const ET_REL = 1;
export const ET_EXEC = 2;
export const ET_DYN = 3;
export const ET_CORE = 4;

export const EM_AARCH64 = 183;

export const PT_LOAD = 1;
export const PT_DYNAMIC = 2;
export const PT_INTERP = 3;
export const PN_XNUM = 0xffff;
export const PF_X = 1;
export const PF_W = 2;
export const PF_R = 4;

export const SHT_SYMTAB = 2;
export const SHT_NOBITS = 8;
export const SHF_WRITE = 0x1;
export const SHF_ALLOC = 0x2;
export const SHF_EXECINSTR = 0x4;
export const SHF_COMPRESSED = 0x800;
export const SHN_UNDEF = 0;
export const SHN_LORESERVE = 0xff00;
export const SHN_ABS = 0xfff1;
export const SHN_COMMON = 0xfff2;
export const SHN_XINDEX = 0xffff;

export const STT_NOTYPE = 0;
export const STT_OBJECT = 1;
export const STT_FUNC = 2;
export const STT_TLS = 6;
export const STT_GNU_IFUNC = 10;
export const STB_LOCAL = 0;
export const STB_GLOBAL = 1;
export const STB_WEAK = 2;

export const EHDR_SIZE = 64;
export const PHDR_SIZE = 56;
export const SHDR_SIZE = 64;
export const SYM_SIZE = 24;

/** e_machine values people are likely to hand us by mistake, named as in elf.h. */
const MACHINE_NAMES: ReadonlyMap<number, string> = new Map([
  [0, 'EM_NONE'],
  [2, 'EM_SPARC'],
  [3, 'EM_386'],
  [8, 'EM_MIPS'],
  [20, 'EM_PPC'],
  [21, 'EM_PPC64'],
  [22, 'EM_S390'],
  [40, 'EM_ARM'],
  [42, 'EM_SH'],
  [43, 'EM_SPARCV9'],
  [50, 'EM_IA_64'],
  [62, 'EM_X86_64'],
  [183, 'EM_AARCH64'],
  [243, 'EM_RISCV'],
  [247, 'EM_BPF'],
  [258, 'EM_LOONGARCH'],
]);

/** "EM_X86_64 (62)", or "unknown machine 1234" for values not in the table. */
export function machineName(m: number): string {
  const name = MACHINE_NAMES.get(m);
  return name ? `${name} (${m})` : `unknown machine ${m}`;
}

const TYPE_NAMES: ReadonlyMap<number, string> = new Map([
  [0, 'ET_NONE'],
  [ET_REL, 'ET_REL'],
  [ET_EXEC, 'ET_EXEC'],
  [ET_DYN, 'ET_DYN'],
  [ET_CORE, 'ET_CORE'],
]);

export function typeName(t: number): string {
  return `${TYPE_NAMES.get(t) ?? 'unknown type'} (${t})`;
}
