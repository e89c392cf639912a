// ocp.editConnection: the same wizard with the current values; an empty password keeps the stored one.
import * as vscode from 'vscode';
import { validateConnection, type ConnectionConfig } from '../connections/config';
import type { Services } from '../services';
import { connectionWizard, type ConnectionAnswers } from '../wizards/connection';
import type { CommandModule } from './run';
import { argsOf, isScript, resolveConnection, type CommandTarget } from './targets';

export const editConnection: CommandModule = {
  id: 'ocp.editConnection',
  async run(s: Services, t: CommandTarget) {
    const existing = await resolveConnection(s, t, vscode.l10n.t('Edit OCP Connection'));
    const { connectionId: _ignored, ...changes } = argsOf<ConnectionAnswers & { connectionId?: string }>(t);
    // A script changes what it names and keeps the rest; a person walks through every field.
    const scripted = isScript(t);
    const given: ConnectionAnswers = scripted ? { ...existing, ...changes } : changes;
    const { config, secret } = await connectionWizard(s.prompter, given, existing, !scripted);
    const conn: ConnectionConfig = { ...config, id: existing.id };
    const problems = validateConnection(conn);
    if (problems.length) throw new Error(vscode.l10n.t('The connection is not valid: {0}', problems.join('; ')));
    // The user changed the connection here: a kept secret follows the new address (a change made to the
    // settings elsewhere does not, and asks for the secret again).
    if (secret) await s.connections.storeSecret(conn.id, conn.url, secret);
    else await s.connections.rebindSecret(conn.id, conn.url);
    await s.connections.save(conn);
    s.connections.clearAuthFailed(conn.id);
    s.log.info(`Updated OCP connection "${conn.name}" (${conn.url})`);
    return { id: conn.id };
  },
};
