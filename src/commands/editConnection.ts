// ocp.editConnection: the same wizard with the current values; an empty password keeps the stored one.
import * as vscode from 'vscode';
import { validateConnection, type ConnectionConfig } from '../connections/config';
import type { Services } from '../services';
import { connectionWizard, type ConnectionAnswers } from '../wizards/connection';
import { isScripted, type CommandModule } from './run';
import { argsOf, resolveConnection } from './targets';

export const editConnection: CommandModule = {
  id: 'ocp.editConnection',
  async run(s: Services, arg?: unknown) {
    const existing = await resolveConnection(s, arg, vscode.l10n.t('Edit OCP Connection'));
    const { connectionId: _ignored, ...changes } = argsOf<ConnectionAnswers & { connectionId?: string }>(arg);
    // A script changes what it names and keeps the rest; a person walks through every field.
    const scripted = isScripted([arg]);
    const given: ConnectionAnswers = scripted ? { ...existing, ...changes } : changes;
    const { config, secret } = await connectionWizard(s.prompter, given, existing, !scripted);
    const conn: ConnectionConfig = { ...config, id: existing.id };
    const problems = validateConnection(conn);
    if (problems.length) throw new Error(vscode.l10n.t('The connection is not valid: {0}', problems.join('; ')));
    if (secret) await s.connections.storeSecret(conn.id, secret);
    await s.connections.save(conn);
    s.connections.clearAuthFailed(conn.id);
    s.log.info(`Updated OCP connection "${conn.name}" (${conn.url})`);
    return { id: conn.id };
  },
};
