/**
 * Go to definition, find references and rename for labels, `.equ` constants, macros and
 * numeric local labels, across a document and its includes. Queries take every analysis
 * that contains the file, so a file included by several open documents sees all uses.
 */
import type { Analysis } from './analyzeDocument';
import { assemblerDirectives, assemblerMnemonics, isRegisterName } from './assemblerVocabulary';
import { baseName } from './diagnostics';
import type { Target } from './symbolModel';
import { FileRange, Position, Range } from './types';

export type RenameCheck = { readonly ok: true; readonly range: Range; readonly placeholder: string } | { readonly ok: false; readonly error: string };
export type RenameResult = { readonly ok: true; readonly edits: ReadonlyMap<string, ReadonlyArray<Range>> } | { readonly ok: false; readonly error: string };

const IDENTIFIER = /^[A-Za-z_.$][A-Za-z0-9_.$]*$/;

export function definitionAt(a: Analysis, file: string, pos: Position): FileRange[] {
  const t = a.symbols.targetAt(file, pos);
  return t ? a.symbols.definitionOf(t) : [];
}

export function referencesAt(analyses: ReadonlyArray<Analysis>, file: string, pos: Position, includeDeclaration: boolean): FileRange[] {
  const out = new Map<string, FileRange>();
  for (const a of analyses) {
    const t = a.symbols.targetAt(file, pos);
    if (!t) continue;
    for (const o of a.symbols.occurrencesOf(t)) {
      if (!o.isDefinition || includeDeclaration) out.set(rangeKey(o), { file: o.file, range: o.range });
    }
  }
  return [...out.values()];
}

/** Whether the name at `pos` can be renamed, and the range to edit. */
export function prepareRenameAt(analyses: ReadonlyArray<Analysis>, file: string, pos: Position): RenameCheck {
  const t = targetIn(analyses, file, pos);
  if (!t) return { ok: false, error: 'Nothing to rename here: put the cursor on a label, a .equ constant or a macro name.' };
  if (t.kind === 'local') {
    return { ok: false, error: `Numeric local label '${t.n}' cannot be renamed: '${t.n}b' and '${t.n}f' refer to labels by number. Use a named label if it needs a name.` };
  }
  if (t.kind === 'symbol' && !analyses.some((a) => a.symbols.definitionsOf(t.name).length > 0)) {
    return { ok: false, error: `'${t.name}' is not defined in this file or the files it includes, so it cannot be renamed here.` };
  }
  return { ok: true, range: t.range, placeholder: t.name };
}

export function renameAt(analyses: ReadonlyArray<Analysis>, file: string, pos: Position, newName: string): RenameResult {
  const check = prepareRenameAt(analyses, file, pos);
  if (!check.ok) return check;
  const t = targetIn(analyses, file, pos)!;
  const problem = nameProblem(analyses, t, newName);
  if (problem) return { ok: false, error: problem };
  const edits = new Map<string, Range[]>();
  for (const r of referencesAt(analyses, file, pos, true)) {
    const list = edits.get(r.file) ?? [];
    list.push(r.range);
    edits.set(r.file, list);
  }
  return { ok: true, edits };
}

function targetIn(analyses: ReadonlyArray<Analysis>, file: string, pos: Position): Target | undefined {
  for (const a of analyses) {
    const t = a.symbols.targetAt(file, pos);
    if (t) return t;
  }
  return undefined;
}

/** Why `newName` cannot replace the target's name, or undefined when it can. */
function nameProblem(analyses: ReadonlyArray<Analysis>, t: Target, newName: string): string | undefined {
  if (t.kind === 'local') return undefined;
  if (/^[0-9]+$/.test(newName)) return `'${newName}' would be a numeric local label; rename to a name that starts with a letter, '_', '.' or '$'.`;
  if (!IDENTIFIER.test(newName)) return `'${newName}' is not a valid symbol name: it must start with a letter, '_', '.' or '$' and contain only letters, digits, '_', '.' and '$'.`;
  if (isRegisterName(newName)) return `'${newName}' is a register name; operands would read it as the register.`;
  if (newName === t.name) return undefined;
  if (t.kind === 'macro') {
    const lower = newName.toLowerCase();
    if (assemblerMnemonics().includes(lower)) return `'${newName}' is an instruction; a macro of that name would hide it.`;
    if (assemblerDirectives().includes(lower)) return `'${newName}' is a directive; a macro of that name would hide it.`;
    for (const a of analyses) {
      const m = a.symbols.macro(newName);
      if (m && m.info.name.toLowerCase() !== t.name.toLowerCase()) return `A macro '${m.info.name}' is already defined at ${baseName(m.file)}:${m.info.nameRange.start.line + 1}.`;
    }
    return undefined;
  }
  for (const a of analyses) {
    const d = a.symbols.definitionsOf(newName)[0];
    if (d) return `'${newName}' is already defined at ${baseName(d.file)}:${d.range.start.line + 1}.`;
  }
  return undefined;
}

function rangeKey(r: FileRange): string {
  return `${r.file}\u0000${r.range.start.line}:${r.range.start.character}`;
}
