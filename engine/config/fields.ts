/** Field validators for configuration parsing: each records an error naming the field. */

export class ConfigErrors {
  readonly list: string[] = [];
  add(field: string, message: string): void {
    this.list.push(field ? `${field}: ${message}` : message);
  }
}

export type Obj = Record<string, unknown>;

export function expectObject(errs: ConfigErrors, field: string, v: unknown): Obj | undefined {
  if (v && typeof v === 'object' && !Array.isArray(v)) return v as Obj;
  errs.add(field || 'configuration', 'expected an object');
  return undefined;
}

export function knownKeys(errs: ConfigErrors, field: string, o: Obj, keys: ReadonlyArray<string>): void {
  for (const k of Object.keys(o)) {
    if (!keys.includes(k)) errs.add(field ? `${field}.${k}` : k, `unknown field (expected one of ${keys.join(', ')})`);
  }
}

export function expectOneOf<T extends string>(errs: ConfigErrors, field: string, v: unknown, allowed: ReadonlyArray<T>): T | undefined {
  if (typeof v === 'string' && (allowed as ReadonlyArray<string>).includes(v)) return v as T;
  errs.add(field, `expected one of ${allowed.map((a) => `"${a}"`).join(', ')}`);
  return undefined;
}

export function expectBool(errs: ConfigErrors, field: string, v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  errs.add(field, 'expected true or false');
  return undefined;
}

export function expectString(errs: ConfigErrors, field: string, v: unknown): string | undefined {
  if (typeof v === 'string' && v.length > 0) return v;
  errs.add(field, 'expected a non-empty string');
  return undefined;
}

export function expectInt(errs: ConfigErrors, field: string, v: unknown, min: number, max: number): number | undefined {
  const n = typeof v === 'string' && /^(0x[0-9a-f]+|\d+)$/i.test(v.trim()) ? Number(v.trim()) : v;
  if (typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max) return n;
  errs.add(field, `expected an integer from ${min} to ${max}`);
  return undefined;
}

/** An address: a non-negative integer, or a string "0x…" / decimal. */
export function parseAddress(errs: ConfigErrors, field: string, v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return v;
  if (typeof v === 'string' && /^(0x[0-9a-f_]+|\d+)$/i.test(v.trim())) {
    const n = Number(v.trim().replace(/_/g, ''));
    if (Number.isSafeInteger(n)) return n;
  }
  errs.add(field, 'expected an address (a number, or a string like "0x80000000")');
  return undefined;
}

/** A size: a number of bytes, or a string with an optional K/M/G suffix ("64M", "4GiB", "0x1000"). */
export function parseSize(errs: ConfigErrors, field: string, v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return v;
  if (typeof v === 'string') {
    const m = /^\s*(0x[0-9a-f]+|\d+)\s*([kmg])?(i?b)?\s*$/i.exec(v);
    if (m) {
      const unit = m[2] ? 1024 ** ('kmg'.indexOf(m[2].toLowerCase()) + 1) : 1;
      return Number(m[1]) * unit;
    }
  }
  errs.add(field, 'expected a size (bytes, or a string like "64M", "4GiB", "0x1000")');
  return undefined;
}
