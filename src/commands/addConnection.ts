// ocp.addConnection: the Add Connection wizard, or an argument object from a script.
import * as vscode from 'vscode';
import { validateConnection, type ConnectionConfig } from '../connections/config';
import type { Services } from '../services';
import { connectionWizard, type ConnectionAnswers } from '../wizards/connection';
import type { CommandModule } from './run';
import { argsOf, type CommandTarget } from './targets';
import { testConnection } from './testConnection';

export const addConnection: CommandModule = {
  id: 'ocp.addConnection',
  async run(s: Services, t: CommandTarget) {
    const given = argsOf<ConnectionAnswers & { id?: string; test?: boolean }>(t);
    const { config, secret } = await connectionWizard(s.prompter, given);
    const conn: ConnectionConfig = { ...config, id: given.id ?? s.connections.newId() };
    const problems = validateConnection(conn);
    if (problems.length) throw new Error(vscode.l10n.t('The connection is not valid: {0}', problems.join('; ')));
    if (s.connections.get(conn.id)) throw new Error(vscode.l10n.t('A connection with id "{0}" exists already.', conn.id));
    if (secret) await s.connections.storeSecret(conn.id, conn.url, secret);
    await s.connections.save(conn);
    s.log.info(`Added OCP connection "${conn.name}" (${conn.url}, ${conn.authType})`);
    if (given.test !== false) {
      void testConnection.run(s, { from: 'script', args: { connectionId: conn.id, quiet: true } });
    }
    return { id: conn.id };
  },
};
