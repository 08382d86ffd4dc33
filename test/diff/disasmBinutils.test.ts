/**
 * The disassembler against GNU objdump (binutils 2.40, aarch64-linux-gnu-objdump), and the
 * round trip disassemble → guest assembler → the same word.
 *
 * Corpus: for every encoding line of the CPU's table, random field values (biased towards
 * all-ones, zero and repeated register numbers, so aliases such as MOV, CMP, CSET, ROR and
 * STADD come up often), kept when `a64Table().match` accepts the word for that line; bits
 * the table ignores ('-', should-be-one fields such as Rs of LDXR) are set to one, their
 * canonical value. Seeded (DISASM_SEED), so a failure is reproducible. Each word k is placed
 * at 0x80000000 + 4k and objdump runs once on the whole raw image.
 *
 * Normalisation of objdump's text before comparing (nothing else is changed):
 *   - trailing comments are dropped: `\t// #16`, `// b.any`, `// lt = tstop`, …;
 *   - trailing whitespace is dropped (objdump pads the operand field before comments).
 * Branch, ADR/ADRP and literal targets compare as printed: raw binaries have no symbols,
 * so both sides show `0x<address>`.
 *
 * Known divergence (counted and reported, not compared): objdump 2.40 prints
 * `.inst … ; undefined` for LDPSW with Rt = Rt2, or with writeback to a base register that is
 * also a destination (CONSTRAINED UNPREDICTABLE; it accepts the same for LDP). The CPU
 * executes these, so the disassembler shows the instruction.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeBitMasks } from '../../engine/cpu/alu';
import { a64Table } from '../../engine/cpu/encodings';
import type { Fields } from '../../engine/cpu/encodingTable';
import { assemble } from '../../engine/asm';
import { disassemble } from '../../engine/disasm';
import { Prng } from './gen/prng';

const OBJDUMP = 'aarch64-linux-gnu-objdump';
const BASE = 0x80000000;
const PER_ENCODING = 48;
const SEED = Number(process.env.DISASM_SEED ?? 20240601);

const objdumpMissing = ((): string | null => {
  const r = spawnSync(OBJDUMP, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? null : `${OBJDUMP} not installed (Debian: binutils-aarch64-linux-gnu)`;
})();

interface Sample {
  readonly encoding: string;
  readonly word: number;
  readonly fields: Fields;
}

/** Field values biased towards the ones aliases depend on. */
function fieldValue(rng: Prng, width: number, earlier: ReadonlyArray<{ width: number; value: number }>): number {
  const max = width === 32 ? 0xffffffff : (1 << width) - 1;
  const roll = rng.below(100);
  if (roll < 15) return max;
  if (roll < 25) return 0;
  if (roll < 40) {
    const same = earlier.filter((e) => e.width === width);
    if (same.length) return rng.pick(same).value;
  }
  return rng.u32() & max;
}

function buildCorpus(): Sample[] {
  const rng = new Prng(SEED);
  const table = a64Table();
  const seen = new Set<number>();
  const out: Sample[] = [];
  for (const enc of table.entries) {
    const pattern = enc.spec.pattern.replace(/ /g, '');
    let ignored = 0;
    for (let k = 0; k < 32; k++) if (pattern[k] === '-') ignored |= 1 << (31 - k);
    let kept = 0;
    for (let attempt = 0; attempt < 40 * PER_ENCODING && kept < PER_ENCODING; attempt++) {
      let word = (enc.value | ignored) >>> 0;
      const earlier: Array<{ width: number; value: number }> = [];
      for (const fd of enc.fields) {
        const value = fieldValue(rng, fd.width, earlier);
        earlier.push({ width: fd.width, value });
        word = (word | (value << fd.shift)) >>> 0;
      }
      const m = table.match(word);
      if (!m || m.enc.spec.name !== enc.spec.name || seen.has(word)) continue;
      seen.add(word);
      out.push({ encoding: enc.spec.name, word, fields: m.fields });
      kept++;
    }
  }
  return out;
}

/** objdump -D on the raw image: one text per word, comments and trailing blanks dropped. */
function objdumpTexts(words: ReadonlyArray<number>): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'disasm-diff-'));
  try {
    const image = new Uint8Array(Uint32Array.from(words).buffer);
    writeFileSync(join(dir, 'corpus.bin'), image);
    const r = spawnSync(OBJDUMP, ['-D', '-b', 'binary', '-m', 'aarch64', `--adjust-vma=0x${BASE.toString(16)}`, join(dir, 'corpus.bin')], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    if (r.status !== 0) throw new Error(`${OBJDUMP} failed: ${r.stderr}`);
    const texts: string[] = [];
    for (const line of r.stdout.split('\n')) {
      const m = /^\s*[0-9a-f]+:\t[0-9a-f]{8} \t(.*)$/.exec(line);
      if (m) texts.push(m[1].replace(/\s*\/\/.*$/, '').replace(/\s+$/, ''));
    }
    assert.equal(texts.length, words.length, 'objdump printed one line per word');
    return texts;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** LDPSW forms objdump rejects as CONSTRAINED UNPREDICTABLE (see the header comment). */
function objdumpRejectsLdpsw(s: Sample): boolean {
  if (!s.encoding.startsWith('LDPSW_')) return false;
  const f = s.fields;
  if (f.t === f.u) return true;
  return s.encoding !== 'LDPSW_off' && f.n !== 31 && (f.n === f.t || f.n === f.u);
}

const corpus = objdumpMissing ? [] : buildCorpus();

test('differential: the disassembly of every encoding line matches objdump', { skip: objdumpMissing ?? false }, (t) => {
  assert.ok(corpus.length >= 20000, `corpus has ${corpus.length} words`);
  const encodings = new Set(corpus.map((s) => s.encoding));
  const missing = a64Table().entries.map((e) => e.spec.name).filter((n) => !encodings.has(n));
  assert.deepEqual(missing, [], 'every encoding line is in the corpus');

  const expected = objdumpTexts(corpus.map((s) => s.word));
  const mismatches: string[] = [];
  let divergent = 0;
  corpus.forEach((s, k) => {
    const ours = disassemble(s.word, BASE + 4 * k).text;
    if (objdumpRejectsLdpsw(s)) {
      divergent++;
      assert.match(expected[k], /^\.inst\t0x[0-9a-f]{8} ; undefined$/);
      return;
    }
    if (ours !== expected[k]) mismatches.push(`${s.encoding} ${s.word.toString(16).padStart(8, '0')}: objdump '${expected[k]}', ours '${ours}'`);
  });
  t.diagnostic(`${corpus.length} words over ${encodings.size} encodings (seed ${SEED}); ${divergent} LDPSW words objdump rejects as unpredictable`);
  assert.deepEqual(mismatches.slice(0, 20), [], `${mismatches.length} mismatches`);
});

/**
 * Re-encodings that differ only in bits the CPU ignores: GNU as (and the guest assembler)
 * write the canonical form.
 */
function nonCanonical(s: Sample): string | null {
  const f = s.fields;
  if (/^(AND|ORR|EOR|ANDS)_imm$/.test(s.encoding)) {
    const esize = 1 << (31 - Math.clz32((f.N << 6) | (~f.s & 0x3f)));
    if ((f.r & ~(esize - 1) & 0x3f) !== 0) return 'logical immediate with immr bits above the element size (DecodeBitMasks ignores them)';
    assert.ok(decodeBitMasks(f.N, f.s, f.r, true, f.z ? 64 : 32));
  }
  if (s.encoding === 'FCMP' && (f.o & 1) === 1 && f.m !== 0) return 'FCMP/FCMPE #0.0 with Rm != 0 (Rm is ignored)';
  if (s.encoding === 'DUP_general' && (f.i & (f.i - 1)) !== 0) return 'DUP (general) with imm5 bits above the element size bit (ignored)';
  if (s.encoding === 'INS_element' && (f.j & ((f.i & -f.i) - 1)) !== 0) return 'INS (element) with imm4 bits below the element size (ignored)';
  return null;
}

test('round trip: disassembly re-assembled by the guest assembler gives the same word', { skip: objdumpMissing ?? false }, (t) => {
  // One source, each instruction placed by .org at its own address, so PC-relative
  // operands re-encode the same and a line the assembler rejects leaves the rest in place.
  const texts = corpus.map((s, k) => disassemble(s.word, BASE + 4 * k).text);
  const source = texts.map((text, k) => `.org ${4 * k}\n${text}\n`).join('');
  const program = assemble('roundtrip.S', source, { base: BASE });
  const rejected = new Map<number, string>();
  for (const d of program.diagnostics) if (d.severity === 'error') rejected.set((d.line - 2) / 2, d.message);
  const text = program.segments.find((s) => s.name === '.text');
  assert.ok(text, 'the round-trip program has a .text section');

  const byEncoding = new Map<string, { ok: number; rejected: number; example?: string }>();
  const differences: string[] = [];
  const canonicalised = new Map<string, number>();
  corpus.forEach((s, k) => {
    const stats = byEncoding.get(s.encoding) ?? { ok: 0, rejected: 0 };
    byEncoding.set(s.encoding, stats);
    if (rejected.has(k)) {
      stats.rejected++;
      stats.example ??= `'${texts[k]}': ${rejected.get(k)}`;
      return;
    }
    const b = text.bytes;
    const word = (b[4 * k] | (b[4 * k + 1] << 8) | (b[4 * k + 2] << 16) | (b[4 * k + 3] << 24)) >>> 0;
    if (word === s.word) {
      stats.ok++;
      return;
    }
    const why = nonCanonical(s);
    if (why) canonicalised.set(why, (canonicalised.get(why) ?? 0) + 1);
    else differences.push(`${s.encoding} ${s.word.toString(16).padStart(8, '0')} '${texts[k]}' assembled to ${word.toString(16).padStart(8, '0')}`);
  });

  const ok = [...byEncoding.values()].reduce((n, s) => n + s.ok, 0);
  const unsupported = [...byEncoding].filter(([, s]) => s.rejected > 0);
  t.diagnostic(`round trip: ${ok} of ${corpus.length} words identical; ${unsupported.reduce((n, [, s]) => n + s.rejected, 0)} rejected by the assembler in ${unsupported.length} encodings`);
  for (const [why, n] of canonicalised) t.diagnostic(`re-encoded canonically (${n}): ${why}`);
  for (const [name, s] of unsupported) t.diagnostic(`assembler rejects ${name} (${s.rejected}/${s.rejected + s.ok}), e.g. ${s.example}`);
  assert.deepEqual(differences.slice(0, 60), [], `${differences.length} words re-assembled to a different word`);
});
