// The confirmation in front of a destructive operation: a modal stating the impact, or, when the
// ocp.confirmDestructive setting says so, typing the target's name.
import { UserCancelled } from '../errors';
import type { Settings } from '../settings';
import type { Prompter } from '../wizards/prompter';

/**
 * True when destructive actions need the target's name typed. The stricter value wins over every scope (the
 * settings reader's rule for ocp.confirmDestructive), so a workspace can ask for more care, never for less.
 */
export function requireTypedName(settings: Settings): boolean {
  return settings.get('confirmDestructive') === 'typeName';
}

export async function confirmDestructive(p: Prompter, settings: Settings, message: string, detail: string, confirmLabel: string, name: string): Promise<void> {
  const ok = await p.confirm({ message, detail, confirmLabel, typeToConfirm: requireTypedName(settings) ? name : undefined });
  if (!ok) throw new UserCancelled();
}
