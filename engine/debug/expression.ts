/**
 * Debug Console expressions: registers, symbols, integer arithmetic and typed memory
 * reads, e.g. `x1 + 8`, `*(u64*)0x80004000`, `*(u32*)(buf + 4)`, `mem_share`, `(x2 >> 12) & 0xff`.
 * 64-bit unsigned semantics throughout (results wrap modulo 2^64), like a register view.
 */

export interface ExpressionContext {
  /** Register by name (x0..x30, w0..w30, sp, pc, lr, fp, xzr, nzcv, system registers), or undefined. */
  register(name: string): bigint | undefined;
  /** Symbol address, or undefined. */
  symbol(name: string): bigint | undefined;
  /** Read `size` bytes little-endian at `addr`; throw an Error naming the address if unreadable. */
  readMemory(addr: bigint, size: number): bigint;
}

export interface EvalResult {
  value: bigint;
  /** Size in bytes of the value's type (8 unless a narrower read or W register). */
  size: number;
  /** When the value came from memory or is an address-like register: the address it names. */
  address?: bigint;
}

export class ExpressionError extends Error {
  constructor(message: string, readonly column: number) {
    super(message);
  }
}

const M64 = (1n << 64n) - 1n;

type Tok =
  | { k: 'num'; v: bigint; at: number }
  | { k: 'id'; v: string; at: number }
  | { k: 'op'; v: string; at: number }
  | { k: 'end'; at: number };

const TYPES: Record<string, number> = {
  u8: 1, u16: 2, u32: 4, u64: 8, i8: 1, i16: 2, i32: 4, i64: 8, s8: 1, s16: 2, s32: 4, s64: 8,
  uint8_t: 1, uint16_t: 2, uint32_t: 4, uint64_t: 8, int8_t: 1, int16_t: 2, int32_t: 4, int64_t: 8,
  char: 1, short: 2, int: 4, long: 8,
};
const SIGNED = /^(i|s)\d+$|^int\d+_t$|^(char|short|int|long)$/;

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const num = /^(0x[0-9a-f_]+|0b[01_]+|0o[0-7_]+|\d[\d_]*)/i.exec(src.slice(i));
    if (num) {
      out.push({ k: 'num', v: BigInt(num[1].replace(/_/g, '')), at: i });
      i += num[1].length;
      continue;
    }
    const id = /^[$A-Za-z_.][\w.$]*/.exec(src.slice(i));
    if (id) {
      out.push({ k: 'id', v: id[0], at: i });
      i += id[0].length;
      continue;
    }
    const op = /^(<<|>>|==|!=|<=|>=|&&|\|\||[-+*/%&|^~!()<>])/.exec(src.slice(i));
    if (!op) throw new ExpressionError(`unexpected character '${c}' at column ${i + 1}`, i);
    out.push({ k: 'op', v: op[1], at: i });
    i += op[1].length;
  }
  out.push({ k: 'end', at: src.length });
  return out;
}

const BINARY: Array<string[]> = [['||'], ['&&'], ['|'], ['^'], ['&'], ['==', '!='], ['<', '<=', '>', '>='], ['<<', '>>'], ['+', '-'], ['*', '/', '%']];

export function evaluateExpression(src: string, ctx: ExpressionContext): EvalResult {
  const toks = tokenize(src);
  let p = 0;
  const peek = (): Tok => toks[p];
  const isOp = (v: string): boolean => {
    const t = toks[p];
    return t.k === 'op' && t.v === v;
  };
  const expect = (v: string): void => {
    if (!isOp(v)) throw new ExpressionError(`expected '${v}' at column ${peek().at + 1}`, peek().at);
    p++;
  };

  const binary = (level: number): EvalResult => {
    if (level === BINARY.length) return unary();
    let left = binary(level + 1);
    for (;;) {
      const t = peek();
      if (t.k !== 'op' || !BINARY[level].includes(t.v)) return left;
      p++;
      const right = binary(level + 1);
      left = { value: applyBinary(t.v, left.value, right.value, t.at), size: Math.max(left.size, right.size) };
    }
  };

  const unary = (): EvalResult => {
    const t = peek();
    if (t.k === 'op' && (t.v === '-' || t.v === '~' || t.v === '!' || t.v === '+')) {
      p++;
      const r = unary();
      const v = t.v === '-' ? -r.value & M64 : t.v === '~' ? ~r.value & M64 : t.v === '!' ? (r.value === 0n ? 1n : 0n) : r.value;
      return { value: v, size: r.size };
    }
    if (isOp('*')) {
      // *(type*)expr  or  *expr (u64)
      p++;
      let size = 8;
      let signed = false;
      const save = p;
      if (isOp('(')) {
        p++;
        const ty = peek();
        if (ty.k === 'id' && TYPES[ty.v] !== undefined) {
          p++;
          if (isOp('*')) {
            p++;
            expect(')');
            size = TYPES[ty.v];
            signed = SIGNED.test(ty.v);
          } else p = save;
        } else p = save;
      }
      const addr = unary();
      let v = ctx.readMemory(addr.value, size);
      if (signed && size < 8 && (v >> BigInt(size * 8 - 1)) & 1n) v = (v - (1n << BigInt(size * 8))) & M64;
      return { value: v, size, address: addr.value };
    }
    return primary();
  };

  const primary = (): EvalResult => {
    const t = peek();
    if (t.k === 'num') {
      p++;
      return { value: t.v & M64, size: 8 };
    }
    if (t.k === 'op' && t.v === '(') {
      p++;
      const r = binary(0);
      expect(')');
      return r;
    }
    if (t.k === 'id') {
      p++;
      const name = t.v.replace(/^\$/, '');
      const reg = ctx.register(name.toLowerCase());
      if (reg !== undefined) return { value: reg & M64, size: /^w\d+$|^wzr$|^wsp$/i.test(name) ? 4 : 8 };
      const sym = ctx.symbol(name);
      if (sym !== undefined) return { value: sym, size: 8, address: sym };
      throw new ExpressionError(`unknown register or symbol '${t.v}' at column ${t.at + 1}`, t.at);
    }
    if (t.k === 'end') throw new ExpressionError('expression is incomplete', t.at);
    throw new ExpressionError(`unexpected '${t.v}' at column ${t.at + 1}`, t.at);
  };

  const r = binary(0);
  if (peek().k !== 'end') throw new ExpressionError(`unexpected text at column ${peek().at + 1}`, peek().at);
  return r;
}

function applyBinary(op: string, a: bigint, b: bigint, at: number): bigint {
  switch (op) {
    case '+': return (a + b) & M64;
    case '-': return (a - b) & M64;
    case '*': return (a * b) & M64;
    case '/':
    case '%':
      if (b === 0n) throw new ExpressionError(`division by zero at column ${at + 1}`, at);
      return op === '/' ? a / b : a % b;
    case '<<': return b >= 64n ? 0n : (a << b) & M64;
    case '>>': return b >= 64n ? 0n : a >> b;
    case '&': return a & b;
    case '|': return a | b;
    case '^': return a ^ b;
    case '==': return a === b ? 1n : 0n;
    case '!=': return a !== b ? 1n : 0n;
    case '<': return a < b ? 1n : 0n;
    case '<=': return a <= b ? 1n : 0n;
    case '>': return a > b ? 1n : 0n;
    case '>=': return a >= b ? 1n : 0n;
    case '&&': return a !== 0n && b !== 0n ? 1n : 0n;
    case '||': return a !== 0n || b !== 0n ? 1n : 0n;
  }
  throw new ExpressionError(`unknown operator '${op}'`, at);
}

/** Register names the console completes and the evaluator understands. */
export const GP_REGISTER_NAMES: readonly string[] = [
  ...Array.from({ length: 31 }, (_, k) => `x${k}`),
  ...Array.from({ length: 31 }, (_, k) => `w${k}`),
  'sp', 'pc', 'lr', 'fp', 'xzr', 'wzr', 'nzcv',
];
