/**
 * GNU as macro text handling: parameter lists, splitting invocation arguments, and
 * `\name` / `\@` / `\()` substitution. Expansion order and nesting are driven by the
 * assembler; this file only does the text work.
 */
import { AsmError } from './diagnostics';
import type { Stmt } from './statement';
import type { SourceRange } from './types';

export interface MacroParam {
  readonly name: string;
  readonly def?: string;
  readonly required: boolean;
  readonly vararg: boolean;
}

export interface MacroDef {
  readonly name: string;
  readonly params: ReadonlyArray<MacroParam>;
  readonly body: Stmt[];
  readonly definedAt: SourceRange;
}

const SYM_CHAR = /[A-Za-z0-9_.$]/;

/**
 * Split an argument string the way GNU as does: at commas, and at blanks that separate two
 * words (blanks next to operators are dropped, so `1 + 2` is one argument "1+2").
 * Double-quoted arguments lose their quotes.
 */
export function splitArgs(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let k = 0;
  let sawAny = false;
  const wordish = (c: string | undefined): boolean => c !== undefined && (SYM_CHAR.test(c) || c === '"' || c === "'" || c === '\\');
  while (k < text.length) {
    const c = text[k];
    if (c === '"') {
      let e = k + 1;
      let s = '';
      while (e < text.length && text[e] !== '"') {
        if (text[e] === '\\' && e + 1 < text.length) {
          s += text.slice(e, e + 2);
          e += 2;
        } else s += text[e++];
      }
      cur += s;
      k = e + 1;
      sawAny = true;
      continue;
    }
    if (c === ',') {
      out.push(cur);
      cur = '';
      k++;
      sawAny = true;
      continue;
    }
    if (c === ' ' || c === '\t') {
      let e = k;
      while (e < text.length && (text[e] === ' ' || text[e] === '\t')) e++;
      const prev = cur.length ? text[k - 1] : undefined;
      const next = text[e];
      if (cur.length && next !== undefined && next !== ',' && wordish(prev) && wordish(next)) {
        out.push(cur);
        cur = '';
      }
      k = e;
      continue;
    }
    cur += c;
    sawAny = true;
    k++;
  }
  if (cur.length || sawAny) out.push(cur);
  return out;
}

/** `.macro name a, b=1, c:req, d:vararg` — the part after the directive. */
export function parseMacroHeader(text: string, at: { start: number; end: number }): { name: string; params: MacroParam[] } {
  const m = /^\s*([A-Za-z_.$][A-Za-z0-9_.$]*)\s*,?\s*(.*)$/.exec(text);
  if (!m) throw new AsmError('.macro needs a name', at.start, at.end);
  const params: MacroParam[] = [];
  const seen = new Set<string>();
  for (const raw of splitParamList(m[2])) {
    const pm = /^([A-Za-z_.$][A-Za-z0-9_.$]*)(?::(req|vararg))?(?:=(.*))?$/.exec(raw);
    if (!pm) throw new AsmError(`bad macro parameter '${raw}' (expected name, name=default, name:req or name:vararg)`, at.start, at.end);
    if (seen.has(pm[1])) throw new AsmError(`macro parameter '${pm[1]}' is declared twice`, at.start, at.end);
    seen.add(pm[1]);
    params.push({ name: pm[1], required: pm[2] === 'req', vararg: pm[2] === 'vararg', def: pm[3] !== undefined ? unquote(pm[3]) : undefined });
  }
  const va = params.findIndex((p) => p.vararg);
  if (va >= 0 && va !== params.length - 1) throw new AsmError(`vararg parameter '${params[va].name}' must be the last one`, at.start, at.end);
  return { name: m[1], params };
}

/** Parameter declarations: separated by commas or blanks; `a = 1` means `a=1`. */
function splitParamList(text: string): string[] {
  const norm = text.replace(/\s*=\s*/g, '=').replace(/\s*:\s*/g, ':');
  return splitArgs(norm).filter((s) => s.length > 0);
}

function unquote(s: string): string {
  return s.length >= 2 && s[0] === '"' && s[s.length - 1] === '"' ? s.slice(1, -1) : s;
}

/**
 * Bind invocation arguments to parameters: positional, or `name=value`; missing ones take
 * their default (or empty). Throws for an unknown keyword, too many arguments, or a
 * missing `:req` argument.
 */
export function bindArgs(def: MacroDef, argText: string, at: { start: number; end: number }): Map<string, string> {
  const vals = new Map<string, string>();
  const va = def.params.length > 0 && def.params[def.params.length - 1].vararg ? def.params[def.params.length - 1] : undefined;
  const args = splitArgs(argText);
  let pos = 0;
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    const kw = /^([A-Za-z_.$][A-Za-z0-9_.$]*)=(.*)$/s.exec(a);
    if (kw && def.params.some((p) => p.name === kw[1])) {
      vals.set(kw[1], kw[2]);
      continue;
    }
    if (pos >= def.params.length) {
      throw new AsmError(`too many arguments for macro '${def.name}' (it takes ${def.params.length})`, at.start, at.end);
    }
    const p = def.params[pos];
    if (p === va) {
      vals.set(p.name, restAfterArgs(argText, k));
      pos++;
      break;
    }
    vals.set(p.name, a);
    pos++;
  }
  for (const p of def.params) {
    const v = vals.get(p.name);
    if (v === undefined || (v === '' && p.def !== undefined)) vals.set(p.name, p.def ?? '');
    if (p.required && (vals.get(p.name) ?? '') === '') {
      throw new AsmError(`missing value for required parameter '${p.name}' of macro '${def.name}'`, at.start, at.end);
    }
  }
  return vals;
}

/** The raw text of argument `index` and everything after it (for `:vararg`). */
function restAfterArgs(text: string, index: number): string {
  let k = 0;
  let count = 0;
  let inStr = false;
  const trimmed = text.trim();
  for (; k < trimmed.length && count < index; k++) {
    const c = trimmed[k];
    if (c === '"') inStr = !inStr;
    else if (c === ',' && !inStr) count++;
  }
  return trimmed.slice(k).trim().replace(/\s*,\s*/g, ',');
}

/**
 * Replace `\name` for each bound name, `\@` with the expansion counter and drop `\()`.
 * A backslash before anything else is left as written.
 */
export function substitute(text: string, vals: ReadonlyMap<string, string>, counter: number | undefined): string {
  let out = '';
  for (let k = 0; k < text.length; k++) {
    const c = text[k];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = text[k + 1];
    if (next === '(' && text[k + 2] === ')') {
      k += 2;
      continue;
    }
    if (next === '@' && counter !== undefined) {
      out += String(counter);
      k += 1;
      continue;
    }
    let e = k + 1;
    while (e < text.length && SYM_CHAR.test(text[e])) e++;
    const name = text.slice(k + 1, e);
    if (name && vals.has(name)) {
      out += vals.get(name);
      k = e - 1;
      continue;
    }
    out += c;
  }
  return out;
}
