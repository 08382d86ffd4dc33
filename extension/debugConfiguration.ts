/**
 * Launch configurations: initial ones for launch.json, F5 on an open guest file with
 * no launch.json, and validation before launch so a problem is reported naming the
 * field instead of failing inside the adapter.
 */
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
      return { type: DEBUG_TYPE, request: 'launch', name: 'Debug pKVM guest', program: doc.fileName, stopOnEntry: true };
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
