// ocp.stopCluster: stops a running cluster (or several selected ones) after a confirmation that states the impact
// (tenants that stop serving, standby relations). The status is read fresh from OCP's documented cluster list first;
// one POST per cluster. The shared flow is clusterLifecycle.ts.
import * as vscode from 'vscode';
import type { Cluster } from '../core/model/cluster';
import type { Services } from '../services';
import { runClusterAction, tenantLines, type ClusterActionSpec } from './clusterLifecycle';
import type { CommandModule } from './run';
import type { CommandTarget } from './targets';

export const stopSpec: ClusterActionSpec = {
  id: 'ocp.stopCluster',
  action: 'stop',
  feature: 'stopCluster',
  destructive: true,
  title: () => vscode.l10n.t('Stop Cluster'),
  busyLabel: () => vscode.l10n.t('Stopping…'),
  label: (c) => vscode.l10n.t('Stop cluster "{0}"', c.name),
  notLegal: (c: Cluster) => vscode.l10n.t('Cluster "{0}" is {1}: only a running cluster can be stopped.', c.name, c.rawStatus || '?'),
  question: (c) => vscode.l10n.t('Stop cluster "{0}"?', c.name),
  async impact(s, connection, cluster) {
    const lines = [
      vscode.l10n.t('Every OBServer of "{0}" stops: {1} zone(s), {2} server(s).', cluster.name, cluster.zoneCount, cluster.serverCount ?? '?'),
      ...(await tenantLines(s, connection, cluster)),
    ];
    if (cluster.standbyClusters.length) lines.push(vscode.l10n.t('Standby clusters {0} stop receiving logs from it.', cluster.standbyClusters.map((c) => c.name ?? `#${c.id}`).join(', ')));
    if (cluster.primaryCluster) lines.push(vscode.l10n.t('It is a standby of "{0}": replication to it stops.', cluster.primaryCluster.name ?? `#${cluster.primaryCluster.id}`));
    return lines;
  },
  manyQuestion: (n) => vscode.l10n.t('Stop {0} clusters?', n),
  manyImpact: () => vscode.l10n.t('Every OBServer of each cluster stops, and their tenants stop serving. One request is sent per cluster.'),
  send: (client, c) => client.stopCluster(c.id),
};

export const stopCluster: CommandModule = {
  id: 'ocp.stopCluster',
  run: (s: Services, t: CommandTarget) => runClusterAction(s, t, stopSpec),
};
