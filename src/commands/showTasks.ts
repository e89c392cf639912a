// ocp.showTasks: the Tasks view filtered to a cluster or a tenant (Explorer context menu), read from OCP with the
// task list's documented filter ({clusterId}; a tenant by {tenantId}, which works alone). A script gives
// { connectionId, clusterId, tenantId? }; the palette asks for the cluster.
import * as vscode from 'vscode';
import type { Services } from '../services';
import type { TaskCenterFilter } from '../views/taskCenter';
import type { CommandModule } from './run';
import { argsOf, resolveCluster, resolveTenant, type CommandTarget, type TargetArgs } from './targets';

export const showTasks: CommandModule = {
  id: 'ocp.showTasks',
  async run(s: Services, t: CommandTarget) {
    const title = vscode.l10n.t('Show Tasks');
    let filter: TaskCenterFilter;
    const wantsTenant = (t.from === 'explorer' && t.node.kind === 'tenant') || argsOf<TargetArgs>(t).tenantId !== undefined;
    if (wantsTenant) {
      const { connection, cluster, tenant } = await resolveTenant(s, t, title);
      filter = { connectionId: connection.id, tenantId: tenant.id, tenantLabel: tenant.name, clusterLabel: cluster.name };
    } else {
      const { connection, cluster } = await resolveCluster(s, t, title);
      filter = { connectionId: connection.id, clusterId: cluster.id, clusterLabel: cluster.name };
    }
    s.tasks.setFilter(filter);
    await vscode.commands.executeCommand('ocp.tasks.focus');
    return s.tasks.getFilter();
  },
};
