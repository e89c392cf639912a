// ocp.openInConsole: opens the node (connection, cluster, tenant) or a task in OCP's web console.
import * as vscode from 'vscode';
import type { Services } from '../services';
import type { CommandModule } from './run';
import { argsOf, isNode } from './targets';

export function consoleUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

export const openInConsole: CommandModule = {
  id: 'ocp.openInConsole',
  async run(s: Services, arg?: unknown) {
    let connectionId: string | undefined;
    let path = '/';
    if (isNode(arg)) {
      if (arg.kind === 'connection') connectionId = arg.connection.id;
      else if (arg.kind === 'cluster') { connectionId = arg.connectionId; path = `/cluster/${arg.cluster.id}`; }
      else if (arg.kind === 'tenant') { connectionId = arg.connectionId; path = `/cluster/${arg.clusterId}/tenant/${arg.tenant.id}`; }
    } else {
      const a = argsOf<{ connectionId: string; taskId: number }>(arg);
      connectionId = a.connectionId;
      if (a.taskId !== undefined) path = `/task/${a.taskId}`;
    }
    const conn = connectionId ? s.connections.get(connectionId) : undefined;
    if (!conn) throw new Error(vscode.l10n.t('Select an item in the OCP Explorer first.'));
    const url = consoleUrl(conn.consoleUrl ?? conn.url, path);
    await vscode.env.openExternal(vscode.Uri.parse(url));
    return url;
  },
};
