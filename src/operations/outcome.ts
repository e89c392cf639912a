// Operations whose POST failed with an unknown outcome (a timeout, a reset, a gateway error): OCP may be
// carrying them out. The same operation on the same target is not sent again before the user has been told
// "OCP may already be doing this: look at the Tasks view first" and chose to send it anyway.
import * as vscode from 'vscode';
import { UserCancelled } from '../errors';
import type { Prompter } from '../wizards/prompter';

export class OutcomeUnknownRegistry {
  private readonly keys = new Map<string, number>();

  static key(operation: string, targets: readonly string[]): string {
    return `${operation}|${[...targets].sort().join('|')}`;
  }

  note(key: string): void {
    this.keys.set(key, Date.now());
  }

  has(key: string): boolean {
    return this.keys.has(key);
  }

  clear(key: string): void {
    this.keys.delete(key);
  }

  /** Asks before the operation is sent again; throws UserCancelled when the user does not confirm. */
  async gate(p: Prompter, key: string, label: string): Promise<void> {
    if (!this.keys.has(key)) return;
    const ok = await p.confirm({
      message: vscode.l10n.t('OCP may already be doing this: look at the Tasks view first.'),
      detail: vscode.l10n.t('The last request for "{0}" failed without a clear answer, so OCP may have started it. Send it again only if the Tasks view shows no such task.', label),
      confirmLabel: vscode.l10n.t('Send Again'),
    });
    if (!ok) throw new UserCancelled();
    this.keys.delete(key);
  }
}
