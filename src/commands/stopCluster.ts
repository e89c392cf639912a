// ocp.stopCluster: stops a running cluster after a confirmation that states the impact (tenants that stop
// serving, standby relations). The cluster's status is read fresh from OCP's documented cluster list first; one POST.
import * as vscode from 'vscode';
import { normalizeCluster, type Cluster } from '../core/model/cluster';
import { findCluster } from '../core/ocp/lookups';
import { confirmDestructive } from '../operations/confirm';
import { requireFeature } from '../operations/feature';
import { runOperation } from '../operations/run';
import type { Services } from '../services';
import { targetKey } from '../ids';
import type { CommandModule } from './run';
import { argsOf, resolveCluster, type CommandTarget } from './targets';

const notRunning = (c: Cluster) => vscode.l10n.t('Cluster "{0}" is {1}: only a running cluster can be stopped.', c.name, c.rawStatus || '?');

export const stopCluster: CommandModule = {
  id: 'ocp.stopCluster',
  async run(s: Services, t: CommandTarget) {
    const title = vscode.l10n.t('Stop Cluster');
    const { connection, cluster: cached } = await resolveCluster(s, t, title, (c) => c.status === 'RUNNING', notRunning);
    await requireFeature(s, connection, 'stopCluster');
    const key = targetKey(connection.id, 'cluster', cached.id);
    const pending = s.busy.get(key);
    if (pending) throw new Error(vscode.l10n.t('An operation is already running on cluster "{0}" ({1}).', cached.name, pending.label));
    const client = await s.connections.client(connection.id);
    const cluster = normalizeCluster(await findCluster(client, cached.id, cached.name));
    if (cluster.status !== 'RUNNING') throw new Error(notRunning(cluster));
    const tenants = await s.inventory.tenantsOf(connection.id, cluster.id).catch(() => undefined);
    const userTenants = tenants?.filter((t) => t.name !== 'sys');
    const lines = [
      vscode.l10n.t('Every OBServer of "{0}" stops: {1} zone(s), {2} server(s).', cluster.name, cluster.zoneCount, cluster.serverCount ?? '?'),
      userTenants ? vscode.l10n.t('{0} tenant(s) stop serving: {1}.', userTenants.length, userTenants.map((t) => t.name).join(', ') || '—') : vscode.l10n.t('Its tenants stop serving.'),
    ];
    if (cluster.standbyClusters.length) lines.push(vscode.l10n.t('Standby clusters {0} stop receiving logs from it.', cluster.standbyClusters.map((c) => c.name ?? `#${c.id}`).join(', ')));
    if (cluster.primaryCluster) lines.push(vscode.l10n.t('It is a standby of "{0}": replication to it stops.', cluster.primaryCluster.name ?? `#${cluster.primaryCluster.id}`));
    const standbyTenants = tenants?.flatMap((t) => t.standbyTenants.map((st) => `${t.name} → ${st.name ?? `#${st.id}`}${st.clusterName ? ` @ ${st.clusterName}` : ''}`)) ?? [];
    if (standbyTenants.length) lines.push(vscode.l10n.t('Tenant standby pairs affected: {0}.', standbyTenants.join(', ')));
    if (argsOf<{ confirm?: boolean }>(t).confirm !== true) {
      await confirmDestructive(s.prompter, s.settings, vscode.l10n.t('Stop cluster "{0}"?', cluster.name), lines.join('\n'), vscode.l10n.t('Stop Cluster'), cluster.name);
    }
    return runOperation(s, {
      operation: 'ocp.stopCluster',
      connection,
      targets: [key],
      busyLabel: vscode.l10n.t('Stopping…'),
      label: vscode.l10n.t('Stop cluster "{0}"', cluster.name),
      send: (c) => c.stopCluster(cluster.id),
    });
  },
};
