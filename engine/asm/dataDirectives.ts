/**
 * Data and space directives: integers of every width, strings, floating point, LEB128,
 * reserved space and fills, .org, .inst, and the alignment family (.align is .p2align on
 * AArch64; code sections pad with NOPs).
 */
import type { Assembler } from './assembler';
import { AsmError } from './diagnostics';
import { ABS, Expr, evaluate, expected, partial } from './expr';
import { DirectiveCall, Handler, argsEnd, atEnd, exprList, optionalArgs, tokens } from './directiveArgs';
import { Section, truncationWarning } from './section';
import type { Stmt } from './statement';

function dataDirective(size: 1 | 2 | 4 | 8 | 16): Handler {
  return (a, d) => {
    const sec = a.cur;
    const list = exprList(a, d);
    const start = sec.size;
    for (const e of list) {
      const p = partial(e, a.resolveNow);
      const offset = sec.emitFill(size, 0);
      if (p.k === 'num') storeConst(a, sec, offset, size, p.v, d.stmt, e);
      else sec.pending.push({ kind: 'data', offset, size, e: p, stmt: d.stmt });
    }
    mapData(sec, start, d.stmt);
  };
}

function storeConst(a: Assembler, sec: Section, offset: number, size: number, v: bigint, st: Stmt, e: Expr): void {
  const warning = truncationWarning(v, size);
  if (warning) a.warn(st, warning, e.start, e.end);
  if (sec.flags.nobits) {
    if (v !== 0n) throw new AsmError(`non-zero data in ${sec.name} (a section without contents)`, e.start, e.end);
    return;
  }
  sec.store(offset, size, v);
}

function mapData(sec: Section, start: number, st: Stmt): void {
  if (sec.size > start) sec.map.push({ offset: start, size: sec.size - start, kind: 'data', stmt: st });
}

function stringDirective(zero: boolean): Handler {
  return (a, d) => {
    const ts = tokens(d);
    if (ts.atEnd()) throw new AsmError(`'${d.name}' needs a string`, d.span.start, d.span.end);
    const sec = a.cur;
    const start = sec.size;
    do {
      const t = ts.next();
      if (t.kind !== 'string') throw expected('a string in double quotes', t);
      if (sec.flags.nobits && (t.bytes!.length || zero)) {
        throw new AsmError(`strings cannot go in ${sec.name} (a section without contents)`, t.start, t.end);
      }
      sec.emitBytes(t.bytes!);
      if (zero) sec.emitFill(1, 0);
    } while (ts.eat(','));
    atEnd(ts);
    mapData(sec, start, d.stmt);
  };
}

function floatDirective(size: 4 | 8): Handler {
  return (a, d) => {
    const ts = tokens(d);
    const sec = a.cur;
    const start = sec.size;
    do {
      let sign = 1;
      const first = ts.peek();
      while (ts.isPunct('-') || ts.isPunct('+')) if (ts.next().text === '-') sign = -sign;
      const t = ts.next();
      let v: number;
      if (t.kind === 'float') v = Number(t.text);
      else if (t.kind === 'num') v = Number(t.value);
      else if (t.kind === 'ident' && /^(inf|infinity|nan)$/i.test(t.text)) v = /^nan$/i.test(t.text) ? NaN : Infinity;
      else throw expected('a floating-point number', t);
      const buf = new DataView(new ArrayBuffer(size));
      if (size === 4) buf.setFloat32(0, sign * v, true);
      else buf.setFloat64(0, sign * v, true);
      const bytes = new Uint8Array(buf.buffer);
      if (sec.flags.nobits && bytes.some((b) => b !== 0)) throw new AsmError(`non-zero data in ${sec.name}`, first.start, t.end);
      sec.emitBytes(bytes);
    } while (ts.eat(','));
    atEnd(ts);
    mapData(sec, start, d.stmt);
  };
}

function leb128(signed: boolean): Handler {
  return (a, d) => {
    const sec = a.cur;
    const start = sec.size;
    for (const e of exprList(a, d)) {
      let v = a.valueNow(e, `'${d.name}' value`);
      const out: number[] = [];
      for (;;) {
        const byte = Number(BigInt.asUintN(7, v));
        v = signed ? v >> 7n : BigInt.asUintN(64, v) >> 7n;
        const done = signed ? (v === 0n && (byte & 0x40) === 0) || (v === -1n && (byte & 0x40) !== 0) : v === 0n;
        out.push(done ? byte : byte | 0x80);
        if (done) break;
      }
      if (sec.flags.nobits && out.some((b) => b !== 0)) throw new AsmError(`non-zero data in ${sec.name}`, e.start, e.end);
      sec.emitBytes(out);
    }
    mapData(sec, start, d.stmt);
  };
}

/** `.skip size [, fill]` (also .space, .zero with one argument). */
function skip(a: Assembler, d: DirectiveCall, allowFill: boolean): void {
  const args = optionalArgs(a, d, allowFill ? 2 : 1);
  if (!args[0]) throw new AsmError(`'${d.name}' needs a size`, d.span.start, d.span.end);
  const n = a.valueNow(args[0], `'${d.name}' size`);
  if (n < 0n) throw new AsmError(`'${d.name}' size must not be negative (it is ${n})`, args[0].start, args[0].end);
  if (n > 0x10000000n) throw new AsmError(`'${d.name}' size ${n} is too large (more than 256 MiB)`, args[0].start, args[0].end);
  const fill = args[1] ? a.valueNow(args[1], `'${d.name}' fill value`) : 0n;
  if (a.cur.flags.nobits && fill !== 0n) throw new AsmError(`non-zero fill in ${a.cur.name}`, args[1]!.start, args[1]!.end);
  const start = a.cur.emitFill(Number(n), Number(fill & 0xffn));
  mapData(a.cur, start, d.stmt);
}

/** `.fill repeat [, size [, value]]`: value is stored as a 4-byte number, high bytes zero. */
function fill(a: Assembler, d: DirectiveCall): void {
  const args = optionalArgs(a, d, 3);
  if (!args[0]) throw new AsmError("'.fill' needs a repeat count", d.span.start, d.span.end);
  const repeat = a.valueNow(args[0], "'.fill' repeat count");
  if (repeat < 0n) throw new AsmError(`'.fill' repeat count must not be negative (it is ${repeat})`, args[0].start, args[0].end);
  let size = args[1] ? a.valueNow(args[1], "'.fill' size") : 1n;
  if (size < 0n) throw new AsmError(`'.fill' size must not be negative (it is ${size})`, args[1]!.start, args[1]!.end);
  if (size > 8n) {
    a.warn(d.stmt, `'.fill' size ${size} clamped to 8`, args[1]!.start, args[1]!.end);
    size = 8n;
  }
  const value = args[2] ? BigInt.asUintN(32, a.valueNow(args[2], "'.fill' value")) : 0n;
  if (repeat * size > 0x10000000n) throw new AsmError(`'.fill' of ${repeat * size} bytes is too large`, args[0].start, args[0].end);
  if (a.cur.flags.nobits && value !== 0n && size > 0n) throw new AsmError(`non-zero fill in ${a.cur.name}`, args[2]!.start, args[2]!.end);
  const sec = a.cur;
  const start = sec.size;
  for (let k = 0n; k < repeat; k++) {
    const at = sec.emitFill(Number(size), 0);
    if (!sec.flags.nobits) sec.store(at, Number(size), value);
  }
  mapData(sec, start, d.stmt);
}

function org(a: Assembler, d: DirectiveCall): void {
  const args = optionalArgs(a, d, 2);
  if (!args[0]) throw new AsmError("'.org' needs an address", d.span.start, d.span.end);
  const v = evaluate(args[0], a.resolveNow);
  if (v.sec !== ABS && v.sec !== a.cur.index) throw new AsmError("'.org' must stay in the current section", args[0].start, args[0].end);
  const target = Number(v.v);
  if (target < a.cur.size) {
    throw new AsmError(`'.org' cannot move the location counter backwards (from ${a.cur.size} to ${target})`, args[0].start, args[0].end);
  }
  const fillV = args[1] ? a.valueNow(args[1], "'.org' fill value") : 0n;
  a.cur.emitFill(target - a.cur.size, Number(fillV & 0xffn));
}

// ------------------------------------------------------------------ alignment

/**
 * `.balign`/`.p2align` family: alignment, optional fill and optional maximum skip.
 * `pow2`: the first argument is a power of two (on AArch64 `.align` is `.p2align`).
 */
function align(pow2: boolean, fillSize: 1 | 2 | 4): Handler {
  return (a, d) => {
    const args = optionalArgs(a, d, 3);
    if (!args[0]) throw new AsmError(`'${d.name}' needs an alignment`, d.span.start, d.span.end);
    const v = a.valueNow(args[0], `'${d.name}' alignment`);
    let bytes: number;
    if (pow2) {
      if (v < 0n || v > 16n) throw new AsmError(`alignment 2^${v} is out of range (0 to 16)`, args[0].start, args[0].end);
      bytes = 1 << Number(v);
    } else {
      if (v <= 0n || v > 65536n || (v & (v - 1n)) !== 0n) {
        throw new AsmError(`alignment ${v} is not a power of two between 1 and 65536`, args[0].start, args[0].end);
      }
      bytes = Number(v);
    }
    const fillV = args[1] ? Number(BigInt.asUintN(fillSize * 8, a.valueNow(args[1], 'fill value'))) : undefined;
    const max = args[2] ? Number(a.valueNow(args[2], 'maximum skip')) : undefined;
    const pad = (bytes - (a.cur.size % bytes)) % bytes;
    if (fillV !== undefined && fillSize > 1 && pad % fillSize !== 0 && (max === undefined || pad <= max)) {
      throw new AsmError(`alignment padding (${pad} bytes) is not a multiple of ${fillSize}`, d.span.start, argsEnd(d));
    }
    if (a.cur.flags.nobits && fillV) throw new AsmError(`non-zero fill in ${a.cur.name}`, args[1]!.start, args[1]!.end);
    a.cur.alignTo(bytes, fillV, fillSize, max, d.stmt);
  };
}

function inst(a: Assembler, d: DirectiveCall): void {
  const sec = a.cur;
  if (sec.size % 4 !== 0) sec.emitFill(4 - (sec.size % 4), 0);
  sec.requireAlign(4);
  for (const e of exprList(a, d)) {
    const p = partial(e, a.resolveNow);
    const offset = sec.emitFill(4, 0);
    if (p.k === 'num') storeConst(a, sec, offset, 4, p.v, d.stmt, e);
    else sec.pending.push({ kind: 'data', offset, size: 4, e: p, stmt: d.stmt });
    sec.map.push({ offset, size: 4, kind: 'instruction', stmt: d.stmt });
  }
}

function octa(a: Assembler, d: DirectiveCall): void {
  const sec = a.cur;
  const start = sec.size;
  for (const e of exprList(a, d)) {
    const offset = sec.emitFill(16, 0);
    const v = octaValue(a, e, d);
    if (sec.flags.nobits && v !== 0n) throw new AsmError(`non-zero data in ${sec.name}`, e.start, e.end);
    if (!sec.flags.nobits) sec.store(offset, 16, v);
  }
  mapData(sec, start, d.stmt);
}

/** `.octa`: a plain literal keeps all 128 bits; anything else is a 64-bit expression, sign-extended. */
function octaValue(a: Assembler, e: Expr, d: DirectiveCall): bigint {
  const src = d.text.slice(e.start - d.column, e.end - d.column).trim();
  if (/^(0[xX][0-9A-Fa-f]+|[0-9]+)$/.test(src)) return BigInt.asUintN(128, BigInt(src));
  return a.valueNow(e, "'.octa' value");
}

export const DATA_DIRECTIVES: Record<string, Handler> = {
  '.align': align(true, 1),
  '.p2align': align(true, 1),
  '.p2alignw': align(true, 2),
  '.p2alignl': align(true, 4),
  '.balign': align(false, 1),
  '.balignw': align(false, 2),
  '.balignl': align(false, 4),
  '.byte': dataDirective(1),
  '.hword': dataDirective(2),
  '.short': dataDirective(2),
  '.half': dataDirective(2),
  '.2byte': dataDirective(2),
  '.word': dataDirective(4),
  '.long': dataDirective(4),
  '.int': dataDirective(4),
  '.4byte': dataDirective(4),
  '.quad': dataDirective(8),
  '.xword': dataDirective(8),
  '.dword': dataDirective(8),
  '.8byte': dataDirective(8),
  '.octa': octa,
  '.ascii': stringDirective(false),
  '.asciz': stringDirective(true),
  '.string': stringDirective(true),
  '.float': floatDirective(4),
  '.single': floatDirective(4),
  '.double': floatDirective(8),
  '.uleb128': leb128(false),
  '.sleb128': leb128(true),
  '.skip': (a, d) => skip(a, d, true),
  '.space': (a, d) => skip(a, d, true),
  '.zero': (a, d) => skip(a, d, false),
  '.fill': fill,
  '.org': org,
  '.inst': inst,
};
