// ocp.openInConsole: opens an Explorer node (connection, cluster, tenant), a Tasks view row (its task) or a
// script's { connectionId, taskId } in OCP's web console.
import * as vscode from 'vscode';
import type { Services } from '../services';
import type { CommandModule } from './run';
import { argsOf, connectionIdOf, type CommandTarget } from './targets';

export function consoleUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

/** The console page of a target: '/' for a connection. */
function pathOf(t: CommandTarget): string {
  if (t.from === 'explorer') {
    const n = t.node;
    if (n.kind === 'cluster') return `/cluster/${n.cluster.id}`;
    if (n.kind === 'tenant') return `/cluster/${n.clusterId}/tenant/${n.tenant.id}`;
    return '/';
  }
  if (t.from === 'tasks') return t.node.kind === 'task' && t.node.task.id >= 0 ? `/task/${t.node.task.id}` : '/';
  const taskId = argsOf<{ taskId: number }>(t).taskId;
  return typeof taskId === 'number' ? `/task/${taskId}` : '/';
}

export const openInConsole: CommandModule = {
  id: 'ocp.openInConsole',
  async run(s: Services, t: CommandTarget) {
    const connectionId = connectionIdOf(t);
    const conn = connectionId ? s.connections.get(connectionId) : undefined;
    if (!conn) throw new Error(vscode.l10n.t('Select an item in the OCP Explorer or the Tasks view first.'));
    const url = consoleUrl(conn.consoleUrl ?? conn.url, pathOf(t));
    await vscode.env.openExternal(vscode.Uri.parse(url));
    return url;
  },
};
