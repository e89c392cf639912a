// The confirmation in front of a destructive operation: a modal stating the impact, or, when the
// ocp.confirmDestructive setting says so, typing the target's name.
import * as vscode from 'vscode';
import { UserCancelled } from '../commands/run';
import type { Prompter } from '../wizards/prompter';

/**
 * True when destructive actions need the target's name typed. The stricter value wins over every scope, so a
 * workspace's .vscode/settings.json can ask for more care than the user but never for less.
 */
export function requireTypedName(): boolean {
  const i = vscode.workspace.getConfiguration('ocp').inspect<string>('confirmDestructive');
  return [i?.globalValue, i?.workspaceValue, i?.workspaceFolderValue, i?.defaultValue].includes('typeName');
}

export async function confirmDestructive(p: Prompter, message: string, detail: string, confirmLabel: string, name: string): Promise<void> {
  const ok = await p.confirm({ message, detail, confirmLabel, typeToConfirm: requireTypedName() ? name : undefined });
  if (!ok) throw new UserCancelled();
}
