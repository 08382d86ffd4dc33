/**
 * Register names for completion, with what each one is. The operand parser
 * (`isRegisterName`) stays the authority on what is accepted.
 */

export interface RegisterName {
  readonly name: string;
  readonly detail: string;
}

function gprDetail(n: number, width: 64 | 32): string {
  const size = width === 64 ? '64-bit' : '32-bit (upper half of the X register zeroed on write)';
  let role = '';
  if (n === 0) role = '; argument/result; SMCCC function ID and return code';
  else if (n <= 3) role = '; argument/result; SMCCC argument and result';
  else if (n <= 7) role = '; argument/result';
  else if (n === 8) role = '; indirect result location';
  else if (n <= 15) role = '; temporary';
  else if (n <= 17) role = `; intra-procedure-call scratch (ip${n - 16})`;
  else if (n === 18) role = '; platform register';
  else if (n <= 28) role = '; callee-saved';
  else if (n === 29) role = '; frame pointer (fp)';
  else role = '; link register (lr)';
  return `${size} general-purpose register${role}`;
}

const FP_SIZES: ReadonlyArray<readonly [string, string]> = [
  ['q', '128-bit'],
  ['d', '64-bit (double)'],
  ['s', '32-bit (single)'],
  ['h', '16-bit (half)'],
  ['b', '8-bit'],
];

function build(): RegisterName[] {
  const out: RegisterName[] = [];
  for (let n = 0; n <= 30; n++) out.push({ name: `x${n}`, detail: gprDetail(n, 64) });
  for (let n = 0; n <= 30; n++) out.push({ name: `w${n}`, detail: gprDetail(n, 32) });
  out.push(
    { name: 'sp', detail: 'stack pointer (64-bit)' },
    { name: 'wsp', detail: 'stack pointer, low 32 bits' },
    { name: 'xzr', detail: 'zero register (64-bit): reads 0, writes are discarded' },
    { name: 'wzr', detail: 'zero register (32-bit): reads 0, writes are discarded' },
    { name: 'fp', detail: 'frame pointer (x29)' },
    { name: 'lr', detail: 'link register (x30): return address of BL/BLR' },
    { name: 'ip0', detail: 'intra-procedure-call scratch register (x16)' },
    { name: 'ip1', detail: 'intra-procedure-call scratch register (x17)' },
  );
  for (let n = 0; n <= 31; n++) out.push({ name: `v${n}`, detail: `SIMD&FP register ${n} as a vector (add .16b, .8h, .4s, .2d… or an element)` });
  for (const [p, size] of FP_SIZES) {
    for (let n = 0; n <= 31; n++) out.push({ name: `${p}${n}`, detail: `${size} scalar view of SIMD&FP register ${n}` });
  }
  return out;
}

export const REGISTERS: ReadonlyArray<RegisterName> = build();
