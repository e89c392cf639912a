// ocp.switchoverTenant: switches a primary tenant and its standby. Pick the primary, then its standby;
// OCP's switchover precheck is shown; a confirmation names both tenants and both clusters; one POST.
import * as vscode from 'vscode';
import { switchoverBody } from '../core/model/requests';
import { normalizeTenant, type Tenant, type TenantRef } from '../core/model/tenant';
import { readPrecheck, type PrecheckReport } from '../core/ocp/precheck';
import { confirmDestructive } from '../operations/confirm';
import { precheckGate } from '../operations/flow';
import { requireFeature } from '../operations/feature';
import { runOperation, type OperationResult } from '../operations/run';
import { UserCancelled } from '../errors';
import type { Services } from '../services';
import { targetKey } from '../ids';
import { BACK } from '../wizards/prompter';
import type { CommandModule } from './run';
import { argsOf, isScript, pinConnection, resolveConnection, resolveTenant, type CommandTarget } from './targets';

interface SwitchoverArgs {
  standbyTenantId?: number;
  confirm?: boolean;
  override?: boolean;
}

export const switchoverTenant: CommandModule = {
  id: 'ocp.switchoverTenant',
  async run(s: Services, t: CommandTarget): Promise<OperationResult & { precheck: PrecheckReport }> {
    const title = vscode.l10n.t('Switchover Tenant');
    const a = argsOf<SwitchoverArgs>(t);
    const gated = await resolveConnection(s, t, title);
    await requireFeature(s, gated, 'tenantSwitchover'); // before the tenant is asked for
    const { connection, cluster, tenant } = await resolveTenant(s, pinConnection(t, gated.id), title);
    if (tenant.role === 'STANDBY') {
      throw new Error(vscode.l10n.t('"{0}" is a standby tenant: start the switchover from its primary tenant{1}.', tenant.name, tenant.primaryTenant?.name ? ` "${tenant.primaryTenant.name}"` : ''));
    }
    if (tenant.status !== 'NORMAL') throw new Error(vscode.l10n.t('Tenant "{0}" is {1}: a switchover needs it NORMAL.', tenant.name, tenant.rawStatus));
    const client = await s.connections.client(connection.id);
    const standby = await pickStandby(s, tenant, a.standbyTenantId, title, () => client.listAllTenants());
    const standbyName = standby.name ?? `#${standby.id}`;
    const standbyCluster = standby.clusterName ?? (standby.clusterId !== undefined ? `#${standby.clusterId}` : '?');
    const body = switchoverBody(tenant.id, standby.id);

    const report = readPrecheck(await client.switchoverPreCheck(cluster.id, tenant.id, body));
    s.log.info(`Switchover precheck ${tenant.name} → ${standbyName}: ${report.passed ? 'passed' : 'failed'}`);
    const gate = await precheckGate(s.prompter, report, {
      interactive: !isScript(t), override: a.override, title, proceedLabel: vscode.l10n.t('Switchover'),
      overrideQuestion: vscode.l10n.t('Switch over "{0}" and "{1}" although the precheck failed?', tenant.name, standbyName),
      overrideDetail: vscode.l10n.t('OCP found problems; the switchover task may fail halfway: check the roles of both tenants in OCP afterwards.'),
      failed: (checks) => vscode.l10n.t('The switchover precheck failed: {0}', checks),
    });
    // Nothing to go back to: the tenants were picked before the precheck.
    if (gate === 'back') throw new UserCancelled();
    if (a.confirm !== true) {
      await confirmDestructive(s.prompter, s.settings,
        vscode.l10n.t('Switch over tenant "{0}" ({1}) and its standby "{2}" ({3})?', tenant.name, cluster.name, standbyName, standbyCluster),
        [
          vscode.l10n.t('"{0}" on cluster "{1}" becomes the STANDBY tenant.', tenant.name, cluster.name),
          vscode.l10n.t('"{0}" on cluster "{1}" becomes the PRIMARY tenant.', standbyName, standbyCluster),
          vscode.l10n.t('Applications must connect to the new primary; writes pause while the roles change.'),
          report.passed ? '' : vscode.l10n.t('Warning: the precheck did not pass.'),
        ].filter(Boolean).join('\n'),
        vscode.l10n.t('Switchover'), tenant.name);
    }
    const result = await runOperation(s, {
      operation: 'ocp.switchoverTenant',
      connection,
      targets: [targetKey(connection.id, 'tenant', tenant.id), targetKey(connection.id, 'tenant', standby.id!)],
      busyLabel: vscode.l10n.t('Switching over…'),
      label: vscode.l10n.t('Switchover "{0}" ↔ "{1}"', tenant.name, standbyName),
      send: (c) => c.switchover(cluster.id, tenant.id, body),
    });
    return { ...result, precheck: report };
  },
};

async function pickStandby(s: Services, primary: Tenant, id: number | undefined, title: string, allTenants: () => Promise<unknown[]>): Promise<TenantRef & { id: number }> {
  const known = primary.standbyTenants.filter((t): t is TenantRef & { id: number } => t.id !== undefined);
  if (id !== undefined) {
    const k = known.find((t) => t.id === id);
    if (k) return k;
    const t = (await allTenants()).map(normalizeTenant).find((x) => x.id === id);
    if (!t) throw new Error(vscode.l10n.t('There is no tenant with id {0}.', id));
    return { id: t.id, name: t.name, clusterId: t.clusterId, clusterName: t.clusterName };
  }
  let candidates: (TenantRef & { id: number })[] = known;
  if (candidates.length === 0) {
    // OCP does not document the tenant's standby link: offer the other clusters' tenants; the precheck decides.
    candidates = (await allTenants()).map(normalizeTenant)
      .filter((t) => t.clusterId !== primary.clusterId && t.name !== 'sys' && t.role !== 'PRIMARY')
      .map((t) => ({ id: t.id, name: t.name, clusterId: t.clusterId, clusterName: t.clusterName }));
  }
  if (candidates.length === 0) throw new Error(vscode.l10n.t('Tenant "{0}" has no standby tenant.', primary.name));
  if (candidates.length === 1 && known.length === 1) return candidates[0];
  const v = await s.prompter.pick({ title, placeholder: vscode.l10n.t('The standby tenant of "{0}"', primary.name), items: candidates.map((t) => ({ label: t.name ?? `#${t.id}`, description: t.clusterName, value: t })) });
  if (v === BACK) throw new UserCancelled();
  return v;
}
