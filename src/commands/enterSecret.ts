// ocp.enterSecret: asks for (or takes) a connection's password or AccessKey secret and stores it in
// SecretStorage; the connection is then tried again.
import * as vscode from 'vscode';
import type { Services } from '../services';
import { BACK } from '../wizards/prompter';
import { UserCancelled, type CommandModule } from './run';
import { argsOf, resolveConnection } from './targets';

export const enterSecret: CommandModule = {
  id: 'ocp.enterSecret',
  async run(s: Services, arg?: unknown) {
    const conn = await resolveConnection(s, arg, vscode.l10n.t('Enter Password or Secret'));
    let secret = argsOf<{ secret?: string }>(arg).secret;
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
    await s.connections.storeSecret(conn.id, secret);
    s.connections.clearAuthFailed(conn.id);
    s.explorer.refreshNode({ kind: 'connection', connection: conn });
    s.tasks.refresh();
    s.log.info(`Stored new credentials for "${conn.name}"`);
  },
};
