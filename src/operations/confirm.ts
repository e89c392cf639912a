// The confirmation in front of a destructive operation: a modal stating the impact, or, when the
// ocp.confirmDestructive setting says so, typing the target's name.
import * as vscode from 'vscode';
import { UserCancelled } from '../commands/run';
import type { Prompter } from '../wizards/prompter';

export async function confirmDestructive(p: Prompter, message: string, detail: string, confirmLabel: string, name: string): Promise<void> {
  const mode = vscode.workspace.getConfiguration('ocp').get<string>('confirmDestructive', 'modal');
  const ok = await p.confirm({ message, detail, confirmLabel, typeToConfirm: mode === 'typeName' ? name : undefined });
  if (!ok) throw new UserCancelled();
}
