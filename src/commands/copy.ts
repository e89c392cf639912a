// ocp.copyId and ocp.copyName: the node's OCP id or name to the clipboard.
import * as vscode from 'vscode';
import type { Services } from '../services';
import type { ExplorerNode } from '../views/explorerNodes';
import type { CommandModule } from './run';
import type { CommandTarget } from './targets';

function idOf(n: ExplorerNode): string | undefined {
  switch (n.kind) {
    case 'connection': return n.connection.id;
    case 'cluster': return String(n.cluster.id);
    case 'tenant': return String(n.tenant.id);
    case 'server': return n.server.id !== undefined ? String(n.server.id) : undefined;
    default: return undefined;
  }
}

function nameOf(n: ExplorerNode): string | undefined {
  switch (n.kind) {
    case 'connection': return n.connection.name;
    case 'cluster': return n.cluster.name;
    case 'tenant': return n.tenant.name;
    case 'zone': return n.zone.name;
    case 'server': return n.server.address;
    case 'group': return undefined;
    case 'alarm': return n.alarm.summary;
    case 'alarmGroup': return undefined;
    default: return n.label;
  }
}

function copier(id: string, pick: (n: ExplorerNode) => string | undefined): CommandModule {
  return {
    id,
    async run(_s: Services, t: CommandTarget) {
      const text = t.from === 'explorer' ? pick(t.node) : undefined;
      if (text === undefined) throw new Error(vscode.l10n.t('Select an item in the OCP Explorer first.'));
      await vscode.env.clipboard.writeText(text);
      return text;
    },
  };
}

export const copyId = copier('ocp.copyId', idOf);
export const copyName = copier('ocp.copyName', nameOf);
