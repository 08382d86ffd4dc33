/**
 * Launch configurations: initial ones for launch.json, F5 on an open guest file with
 * no launch.json, and validation before launch so a problem is reported naming the
 * field instead of failing inside the adapter.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { validateLaunchArguments } from '../debug-adapter/launchArguments';

export const DEBUG_TYPE = 'pkvm';

const GUEST_LANGUAGES = new Set(['arm64-asm']);
const GUEST_EXTENSIONS = /\.(S|s|elf|bin|img)$/;

export class PkvmConfigurationProvider implements vscode.DebugConfigurationProvider {
  provideDebugConfigurations(): vscode.DebugConfiguration[] {
    return [
      {
        type: DEBUG_TYPE,
        request: 'launch',
        name: 'Debug pKVM guest',
        program: '${file}',
        stopOnEntry: true,
      },
    ];
  }

  resolveDebugConfiguration(_folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration): vscode.DebugConfiguration | undefined {
    if (!config.type && !config.request && !config.name) {
      // F5 with no launch.json: debug the active guest file with the defaults.
      const editor = vscode.window.activeTextEditor;
      const doc = editor?.document;
      if (!doc || !(GUEST_LANGUAGES.has(doc.languageId) || GUEST_EXTENSIONS.test(doc.fileName))) {
        void vscode.window.showErrorMessage('pKVM: open a guest program (.S assembly or an AArch64 ELF) to debug it, or add a "pkvm" configuration to launch.json.');
        return undefined;
      }
      return { ...siblingConfiguration(doc.fileName), type: DEBUG_TYPE, request: 'launch', name: `Debug ${path.basename(doc.fileName)}`, program: doc.fileName, stopOnEntry: true };
    }
    return config;
  }

  /** After variable substitution: check every field before the adapter starts. */
  resolveDebugConfigurationWithSubstitutedVariables(_folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration): vscode.DebugConfiguration | undefined {
    const problems = validateLaunchArguments(config);
    if (problems.length > 0) {
      void vscode.window.showErrorMessage(`pKVM launch configuration "${config.name}": ${problems.join('; ')}`);
      return undefined; // abort the launch
    }
    return config;
  }
}

/**
 * The machine settings stored beside a guest as NAME.json (the examples' stories: a VMM
 * that keeps a page mapped, scripted host actions…), so F5 on the guest runs its story.
 */
export function siblingConfiguration(program: string): Record<string, unknown> {
  const file = program.replace(/\.[^./]+$/, '.json');
  if (file === program || !fs.existsSync(file)) return {};
  try {
    const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    if (raw.type !== undefined && raw.type !== DEBUG_TYPE) return {};
    const { program: _p, name: _n, type: _t, request: _r, ...settings } = raw;
    return settings;
  } catch {
    return {}; // a broken sibling file is reported by validation when the user launches it explicitly
  }
}
