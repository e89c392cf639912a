// ocp.restartCluster: restarts a running cluster (or several selected ones). POST /api/v2/ob/clusters/{id}/restart
// (restart-cluster.md) takes only the id: no rolling / force / scope choice exists in any version, so none is
// offered; OCP restarts zone by zone when it can. Destructive: confirmDestructive (typed name when the setting asks).
import * as vscode from 'vscode';
import { restartCluster as restartClusterCall } from '../core/ocp/lifecycle';
import { restartImpact } from '../core/model/topology';
import type { Services } from '../services';
import { runClusterAction, userTenants, type ClusterActionSpec } from './clusterLifecycle';
import type { CommandModule } from './run';
import type { CommandTarget } from './targets';

export const restartSpec: ClusterActionSpec = {
  id: 'ocp.restartCluster',
  action: 'restart',
  feature: 'restartCluster',
  destructive: true,
  title: () => vscode.l10n.t('Restart Cluster'),
  busyLabel: () => vscode.l10n.t('Restarting…'),
  label: (c) => vscode.l10n.t('Restart cluster "{0}"', c.name),
  notLegal: (c) => vscode.l10n.t('Cluster "{0}" is {1}: only a running cluster can be restarted.', c.name, c.rawStatus || '?'),
  question: (c) => vscode.l10n.t('Restart cluster "{0}"?', c.name),
  async impact(s, connection, c) {
    // The cluster list embeds its zones with their server counts; without them, the cluster's own counts.
    const impact = c.zones.length ? restartImpact(c.zones) : { zoneCount: c.zoneCount, serverCount: c.serverCount, interruptsService: c.zoneCount < 3 };
    const tenants = await s.inventory.tenantsOf(connection.id, c.id).catch(() => undefined);
    const user = userTenants(tenants);
    return [
      vscode.l10n.t('Every OBServer process of "{0}" restarts: {1} zone(s), {2} server(s).', c.name, impact.zoneCount, impact.serverCount ?? '?'),
      impact.interruptsService
        ? vscode.l10n.t('With fewer than three zones the restart interrupts service: the tenants stop serving while the OBServers restart.')
        : vscode.l10n.t('OCP restarts zone by zone (rolling) when it can; a zone\'s OBServers stop serving while they restart.'),
      user?.length ? vscode.l10n.t('Tenants affected: {0}.', user.map((t) => t.name).join(', ')) : '',
      vscode.l10n.t('OCP\'s API offers no choice of rolling or forced restart: OCP decides.'),
    ];
  },
  manyQuestion: (n) => vscode.l10n.t('Restart {0} clusters?', n),
  manyImpact: () => vscode.l10n.t('Every OBServer process of each cluster restarts; a cluster with fewer than three zones interrupts service. One request is sent per cluster.'),
  send: async (client, c) => (await restartClusterCall(client, c.id)).raw,
};

export const restartCluster: CommandModule = {
  id: 'ocp.restartCluster',
  run: (s: Services, t: CommandTarget) => runClusterAction(s, t, restartSpec),
};
