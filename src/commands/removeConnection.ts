// ocp.removeConnection: removes the connection and its stored secret, after a confirmation.
import * as vscode from 'vscode';
import { UserCancelled } from '../errors';
import type { Services } from '../services';
import type { CommandModule } from './run';
import { isScript, resolveConnection, type CommandTarget } from './targets';

export const removeConnection: CommandModule = {
  id: 'ocp.removeConnection',
  async run(s: Services, t: CommandTarget) {
    const conn = await resolveConnection(s, t, vscode.l10n.t('Remove OCP Connection'));
    if (!isScript(t)) {
      const ok = await s.prompter.confirm({
        message: vscode.l10n.t('Remove the OCP connection "{0}"?', conn.name),
        detail: vscode.l10n.t('Its stored password or secret is deleted too. Nothing changes in OCP.'),
        confirmLabel: vscode.l10n.t('Remove'),
      });
      if (!ok) throw new UserCancelled();
    }
    await s.connections.remove(conn.id);
    s.log.info(`Removed OCP connection "${conn.name}"`);
  },
};
