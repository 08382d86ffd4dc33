/**
 * Every mnemonic the assembler knows, by class, and which of them the CPU's encoding
 * table can currently encode: a mnemonic is available when every encoding line it may
 * produce exists in the table, so the assembler never emits an instruction the emulator
 * would not decode.
 */
import type { EncodingTable } from '../../cpu/encodingTable';
import { branchSystemDefs } from './branchSystem';
import { dataProcDefs } from './dataProc';
import { fpScalarDefs } from './fpScalar';
import { loadStoreDefs } from './loadStore';
import { simdDefs } from './simd';
import type { InsnDef } from './context';

export interface InstructionSet {
  get(mnemonic: string): InsnDef | undefined;
  /** Why a known mnemonic cannot be assembled (its encodings are missing), or undefined. */
  unavailable(mnemonic: string): string | undefined;
  /** Available mnemonics, for suggestions. */
  names(): string[];
}

function allDefs(tableHas: (name: string) => boolean): Record<string, InsnDef> {
  const base = { ...branchSystemDefs(), ...dataProcDefs(), ...loadStoreDefs(), ...fpScalarDefs() };
  return { ...base, ...simdDefs(base, tableHas) };
}

/**
 * Valid A64 instructions of extensions the emulated CPU does not implement (its ID registers
 * say so): named in diagnostics so a user is not told they misspelled them.
 */
const NOT_EMULATED: ReadonlyArray<[string, string]> = [
  ['cryptography (AES, SHA, SM3/SM4, SHA3)', 'aese aesd aesmc aesimc sha1c sha1h sha1m sha1p sha1su0 sha1su1 sha256h sha256h2 sha256su0 sha256su1 sha512h sha512h2 sha512su0 sha512su1 sm3ss1 sm3tt1a sm3tt1b sm3tt2a sm3tt2b sm3partw1 sm3partw2 sm4e sm4ekey eor3 bcax rax1 xar'],
  ['pointer authentication', 'pacia pacib pacda pacdb paciza pacizb pacdza pacdzb pacia1716 pacib1716 paciasp pacibsp paciaz pacibz autia autib autda autdb autiza autizb autdza autdzb autia1716 autib1716 autiasp autibsp autiaz autibz xpaci xpacd xpaclri pacga retaa retab braa brab blraa blrab braaz brabz blraaz blrabz eretaa eretab ldraa ldrab'],
  ['memory tagging', 'irg gmi subp subps addg subg stg stzg st2g stz2g ldg stgp ldgm stgm stzgm'],
  ['dot product and complex arithmetic', 'sdot udot usdot sudot fcmla fcadd bfdot bfmmla bfmlalb bfmlalt bfcvt bfcvtn bfcvtn2 smmla ummla usmmla'],
  ['flag manipulation and other v8.4+ instructions', 'cfinv rmif setf8 setf16 xaflag axflag frint32x frint32z frint64x frint64z ldapur ldapurb ldapurh ldapursb ldapursh ldapursw stlur stlurb stlurh ld64b st64b st64bv st64bv0 wfet wfit dgh'],
];
const NOT_EMULATED_BY_NAME = new Map<string, string>(NOT_EMULATED.flatMap(([what, names]) => names.split(' ').map((n): [string, string] => [n, what])));

const cache = new WeakMap<EncodingTable, InstructionSet>();

export function instructionSet(table: EncodingTable): InstructionSet {
  const hit = cache.get(table);
  if (hit) return hit;
  const present = new Set(table.entries.map((e) => e.spec.name));
  const available = new Map<string, InsnDef>();
  const missing = new Map<string, string[]>();
  for (const [name, d] of Object.entries(allDefs((n) => present.has(n)))) {
    const lack = d.needs.filter((n) => !present.has(n));
    if (lack.length === 0) available.set(name, d);
    else missing.set(name, lack);
  }
  const names = [...available.keys()];
  const set: InstructionSet = {
    get: (m) => available.get(m),
    unavailable: (m) => {
      const lack = missing.get(m);
      if (lack) return `'${m}' is not supported yet: the emulated CPU has no ${lack.join(', ')} encoding`;
      const ext = NOT_EMULATED_BY_NAME.get(m);
      return ext ? `'${m}' is an A64 instruction the emulated CPU does not implement (${ext})` : undefined;
    },
    names: () => names,
  };
  cache.set(table, set);
  return set;
}
