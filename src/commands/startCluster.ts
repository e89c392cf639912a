// ocp.startCluster: starts a stopped cluster (or one whose status OCP's docs do not list: OCP decides), or several
// selected ones. POST /api/v2/ob/clusters/{id}/start (start-cluster.md), no body; a plain confirmation naming the
// cluster, its zones and OBServer count; one POST per cluster. The shared flow is clusterLifecycle.ts.
import * as vscode from 'vscode';
import { startCluster as startClusterCall } from '../core/ocp/lifecycle';
import type { Services } from '../services';
import { runClusterAction, type ClusterActionSpec } from './clusterLifecycle';
import type { CommandModule } from './run';
import type { CommandTarget } from './targets';

export const startSpec: ClusterActionSpec = {
  id: 'ocp.startCluster',
  action: 'start',
  feature: 'startCluster',
  destructive: false,
  title: () => vscode.l10n.t('Start Cluster'),
  busyLabel: () => vscode.l10n.t('Starting…'),
  label: (c) => vscode.l10n.t('Start cluster "{0}"', c.name),
  notLegal: (c) => vscode.l10n.t('Cluster "{0}" is {1}: only a stopped cluster can be started.', c.name, c.rawStatus || '?'),
  question: (c) => vscode.l10n.t('Start cluster "{0}"?', c.name),
  async impact(_s, _connection, c) {
    return [
      vscode.l10n.t('Every OBServer of "{0}" starts: {1} zone(s), {2} server(s).', c.name, c.zoneCount, c.serverCount ?? '?'),
      c.zoneNames.length ? vscode.l10n.t('Zones: {0}.', c.zoneNames.join(', ')) : '',
      vscode.l10n.t('Its tenants serve again when the task ends.'),
    ];
  },
  manyQuestion: (n) => vscode.l10n.t('Start {0} clusters?', n),
  manyImpact: () => vscode.l10n.t('Every OBServer of each cluster starts. One request is sent per cluster.'),
  send: async (client, c) => (await startClusterCall(client, c.id)).raw,
};

export const startCluster: CommandModule = {
  id: 'ocp.startCluster',
  run: (s: Services, t: CommandTarget) => runClusterAction(s, t, startSpec),
};
