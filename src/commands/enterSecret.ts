// ocp.enterSecret: asks for (or takes) a connection's password or AccessKey secret and stores it in
// SecretStorage; the connection is then tried again.
import * as vscode from 'vscode';
import { UserCancelled } from '../errors';
import type { Services } from '../services';
import { BACK } from '../wizards/prompter';
import type { CommandModule } from './run';
import { argsOf, resolveConnection, type CommandTarget } from './targets';

export const enterSecret: CommandModule = {
  id: 'ocp.enterSecret',
  async run(s: Services, t: CommandTarget) {
    const conn = await resolveConnection(s, t, vscode.l10n.t('Enter Password or Secret'));
    let secret = argsOf<{ secret?: string }>(t).secret;
    if (secret === undefined) {
      const v = await s.prompter.input({
        title: vscode.l10n.t('Credentials for "{0}"', conn.name),
        prompt: conn.authType === 'basic' ? vscode.l10n.t('Password of {0}', conn.username ?? '') : vscode.l10n.t('Secret of AccessKey {0}', conn.accessKeyId ?? ''),
        password: true,
        validate: (x) => (x ? undefined : vscode.l10n.t('This cannot be empty.')),
      });
      if (v === BACK) throw new UserCancelled();
      secret = v;
    }
    await s.connections.storeSecret(conn.id, conn.url, secret);
    s.connections.clearAuthFailed(conn.id);
    s.inventory.forget(conn.id);
    s.tasks.refresh();
    s.log.info(`Stored new credentials for "${conn.name}"`);
  },
};
