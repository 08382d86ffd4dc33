/**
 * Category colours from the VS Code theme. A canvas cannot use CSS variables, so
 * the computed values are read here and re-read when the theme changes (VS Code
 * swaps the body's `vscode-light`/`vscode-dark`/`vscode-high-contrast` class).
 */
import { CATEGORY_COUNT, PageCategory } from '../../engine/view/pageCell';

/** CSS variable and fallback per category, in PageCategory order. */
const CATEGORY_VARS: ReadonlyArray<[string, string]> = [
  ['--vscode-editor-background', '#1e1e1e'], // Unbacked: background (drawn as empty)
  ['--vscode-disabledForeground', '#6c6c6c'], // Mmio
  ['--vscode-editorWidget-border', '#454545'], // NotFaulted
  ['--vscode-charts-blue', '#3794ff'], // HostMapped
  ['--vscode-charts-purple', '#b180d7'], // GuestPrivate
  ['--vscode-charts-green', '#89d185'], // SharedMapped
  ['--vscode-charts-yellow', '#cca700'], // SharedUnmapped
  ['--vscode-descriptionForeground', '#9d9d9d'], // Relinquished
  ['--vscode-charts-orange', '#d18616'], // Poisoned
  ['--vscode-terminal-ansiCyan', '#11a8cd'], // Hyp
  ['--vscode-charts-red', '#f14c4c'], // Violation
];

export interface Palette {
  categories: string[];
  background: string;
  foreground: string;
  changed: string;
  cursor: string;
  marker: string;
}

export function readPalette(el: Element = document.body): Palette {
  const cs = getComputedStyle(el);
  const v = (name: string, fallback: string): string => cs.getPropertyValue(name).trim() || fallback;
  const categories: string[] = [];
  for (let c = 0; c < CATEGORY_COUNT; c++) categories.push(v(CATEGORY_VARS[c][0], CATEGORY_VARS[c][1]));
  return {
    categories,
    background: v('--vscode-editor-background', '#1e1e1e'),
    foreground: v('--vscode-foreground', '#cccccc'),
    changed: v('--vscode-editorWarning-foreground', '#cca700'),
    cursor: v('--vscode-focusBorder', '#007fd4'),
    marker: v('--vscode-editor-foreground', '#d4d4d4'),
  };
}

export const LEGEND_ORDER: readonly PageCategory[] = [
  PageCategory.GuestPrivate,
  PageCategory.SharedMapped,
  PageCategory.SharedUnmapped,
  PageCategory.NotFaulted,
  PageCategory.HostMapped,
  PageCategory.Relinquished,
  PageCategory.Poisoned,
  PageCategory.Hyp,
  PageCategory.Mmio,
  PageCategory.Violation,
];
