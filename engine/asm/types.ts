/**
 * Public types of the guest assembler: what goes in (sources, options) and what comes
 * out (memory image, symbols, source map, diagnostics).
 *
 * Positions: `line` is 1-based; `column` is 1-based and `endColumn` is exclusive, so a
 * range covers the characters column .. endColumn-1 of that line (an LSP client uses
 * character = column - 1).
 */

export interface SourcePosition {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export interface SourceRange extends SourcePosition {
  readonly endColumn: number;
}

export type Severity = 'error' | 'warning';

export interface RelatedInformation extends SourceRange {
  readonly message: string;
}

export interface Diagnostic extends SourceRange {
  readonly severity: Severity;
  /** What is wrong and, where it helps, what was expected. */
  readonly message: string;
  /** Extra locations, e.g. the macro definition line for an error inside a macro expansion. */
  readonly related?: ReadonlyArray<RelatedInformation>;
}

/**
 * Reads an `.include`d file: `path` as written in the directive, `fromFile` the file that
 * contains the directive. Returns the resolved file name (used in diagnostics and the source
 * map) and its text, or undefined when it cannot be found.
 */
export type IncludeResolver = (path: string, fromFile: string) => { file: string; text: string } | undefined;

export interface AssembleOptions {
  /** Address of the first section (default 0x80000000). */
  readonly base?: number;
  readonly includeResolver?: IncludeResolver;
  /** Symbols predefined as absolute values, like `as --defsym name=value`. */
  readonly defines?: Readonly<Record<string, number | bigint>>;
}

export interface Segment {
  /** Section name ('.text', '.data', '.bss', or a `.section` name). */
  readonly name: string;
  readonly address: number;
  /** Contents; for NOBITS sections (.bss) a zero-filled array of the section's size. */
  readonly bytes: Uint8Array;
  readonly flags: { readonly alloc: boolean; readonly write: boolean; readonly exec: boolean; readonly nobits: boolean };
  /** Alignment of the section start (a power of two). */
  readonly align: number;
}

export type SymbolType = 'function' | 'object' | 'notype';

export interface AsmSymbol {
  readonly name: string;
  /** The value as a number (exact for addresses; see `value` for 64-bit constants). */
  readonly address: number;
  /** The exact 64-bit value (unsigned). */
  readonly value: bigint;
  readonly size: number;
  readonly type: SymbolType;
  readonly global: boolean;
  /** Section the symbol is defined in, or null for absolute (`.equ`) symbols. */
  readonly section: string | null;
  /** Where it was defined. */
  readonly definedAt?: SourcePosition;
}

export type SourceMapKind = 'instruction' | 'data';

export interface SourceMapEntry extends SourcePosition {
  readonly address: number;
  readonly size: number;
  readonly kind: SourceMapKind;
  /** Name of the outermost macro when the bytes come from a macro expansion. */
  readonly macro?: string;
}

import type { SourceMap } from './sourceMap';

/** Where code and data begin (AArch64 ELF mapping symbols $x / $d), so disassemblers skip literal pools. */
export interface MappingSymbol {
  readonly address: number;
  readonly kind: 'code' | 'data';
}

export interface AssembledProgram {
  readonly segments: ReadonlyArray<Segment>;
  readonly entry: number;
  readonly symbols: ReadonlyArray<AsmSymbol>;
  /** Address → statement for every instruction and data directive; line → instruction addresses. */
  readonly sourceMap: SourceMap;
  readonly mappingSymbols: ReadonlyArray<MappingSymbol>;
  readonly diagnostics: ReadonlyArray<Diagnostic>;
  /** True when no diagnostic is an error (the image is then complete and exact). */
  readonly ok: boolean;
}
