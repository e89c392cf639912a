// ocp.failoverTenant (容灾切换): promotes a standby tenant to an independent primary (failover-tenant.md, OCP 4.3).
// Offered on STANDBY tenants and on tenants whose role OCP does not report (the precheck decides). Version gate
// before any input; OCP's failover precheck shown the way switchover's is; then a type-the-name confirmation (the
// link to the old primary is broken, no rollback); ONE POST of the documented batch call with a list of one tenant;
// every returned task tracked.
import * as vscode from 'vscode';
import { failoverImpact, tenantFailoverTokens, type FailoverPrecheck } from '../core/model/failover';
import { normalizeTask } from '../core/model/task';
import { LIFECYCLE_MINIMUM_OCP } from '../core/model/topology';
import type { Tenant } from '../core/model/tenant';
import type { PrecheckReport } from '../core/ocp/precheck';
import { failoverPreCheck, failoverTenant as failoverCall } from '../core/ocp/lifecycle';
import type { Raw } from '../core/ocp/types';
import { UserCancelled } from '../errors';
import { targetKey } from '../ids';
import { requireFeature } from '../operations/feature';
import { precheckGate } from '../operations/flow';
import { runOperation, type OperationResult } from '../operations/run';
import type { Services } from '../services';
import type { CommandModule } from './run';
import { argsOf, isScript, pinConnection, resolveConnection, resolveTenant, selectedNodes, type CommandTarget } from './targets';

interface FailoverArgs {
  confirm?: boolean;
  override?: boolean;
}

/** Why the tenant cannot be failed over (undefined when a failover may be attempted). */
export function failoverRefusal(t: Pick<Tenant, 'name' | 'role' | 'status' | 'rawStatus' | 'id'>): string | undefined {
  if (t.id < 0) return vscode.l10n.t('OCP gave tenant "{0}" no id: nothing can be done on it.', t.name);
  if (tenantFailoverTokens(t).length) return undefined;
  if (t.name === 'sys') return vscode.l10n.t('"{0}" is the system tenant: it has no primary to fail over from.', t.name);
  if (t.role === 'PRIMARY') return vscode.l10n.t('"{0}" is a primary tenant: only a standby tenant can be failed over.', t.name);
  return vscode.l10n.t('Tenant "{0}" is {1}: wait until it is NORMAL.', t.name, t.rawStatus || '?');
}

/** The precheck as the report the switchover UI shows, with the failover facts OCP gave (and a not-reported tenant failed). */
export function failoverReport(p: FailoverPrecheck, tenantName: string): PrecheckReport {
  if (!p.reported) {
    return { passed: false, items: [{ name: 'OCP', passed: false, message: vscode.l10n.t('OCP\'s precheck answer does not mention tenant "{0}".', tenantName) }], facts: [] };
  }
  const facts: [string, string][] = [];
  if (p.entry?.syncScn) facts.push([vscode.l10n.t('Synchronized SCN'), p.entry.syncScn]);
  if (p.entry?.primaryTenantServiceName) facts.push([vscode.l10n.t('Primary tenant service name'), p.entry.primaryTenantServiceName]);
  const shown = new Set(['syncScn', 'primaryTenantServiceName']);
  return { ...p.report, facts: [...facts, ...p.report.facts.filter(([k]) => !shown.has(k))] };
}

export const failoverTenant: CommandModule = {
  id: 'ocp.failoverTenant',
  async run(s: Services, t: CommandTarget): Promise<OperationResult & { taskIds: number[]; precheck: PrecheckReport }> {
    const title = vscode.l10n.t('Failover Tenant');
    const a = argsOf<FailoverArgs>(t);
    if (selectedNodes(t).length > 1) throw new Error(vscode.l10n.t('{0} acts on one tenant at a time: select only one.', title));
    const gated = await resolveConnection(s, t, title);
    // The batch failover call is documented from OCP 4.3 (FEATURE_GATES says 4.2 for the console feature).
    await requireFeature(s, gated, 'tenantFailover', LIFECYCLE_MINIMUM_OCP.tenantFailover);
    const { connection, cluster, tenant } = await resolveTenant(s, pinConnection(t, gated.id), title);
    const refusal = failoverRefusal(tenant);
    if (refusal) throw new Error(refusal);
    const key = targetKey(connection.id, 'tenant', tenant.id);
    const pending = s.busy.get(key);
    if (pending) throw new Error(vscode.l10n.t('An operation is already running on tenant "{0}" ({1}).', tenant.name, pending.label));
    const client = await s.connections.client(connection.id);
    const clusterId = tenant.clusterId ?? cluster.id;

    const precheck = await failoverPreCheck(client, clusterId, tenant.id);
    const report = failoverReport(precheck, tenant.name);
    s.log.info(`Failover precheck ${tenant.name}: ${report.passed ? 'passed' : 'failed'}${precheck.reported ? '' : ' (not reported)'}`);
    const gate = await precheckGate(s.prompter, report, {
      interactive: !isScript(t), override: a.override, title, proceedLabel: vscode.l10n.t('Failover'),
      overrideQuestion: vscode.l10n.t('Fail over "{0}" although the precheck failed?', tenant.name),
      overrideDetail: vscode.l10n.t('OCP found problems; the failover task may fail halfway: check the tenant\'s role in OCP afterwards.'),
      failed: (checks) => vscode.l10n.t('The failover precheck failed: {0}', checks),
    });
    if (gate === 'back') throw new UserCancelled();

    const impact = failoverImpact(tenant);
    if (a.confirm !== true) {
      const old = impact.oldPrimary;
      const oldName = old ? `"${old.name ?? '?'}"${old.clusterName ? ` (${old.clusterName})` : ''}` : undefined;
      const ok = await s.prompter.confirm({
        message: vscode.l10n.t('Fail over tenant "{0}" ({1})?', tenant.name, cluster.name),
        detail: [
          vscode.l10n.t('"{0}" becomes an independent primary tenant.', tenant.name),
          oldName ? vscode.l10n.t('Its link to the old primary tenant {0} is broken: it no longer receives logs from it.', oldName) : vscode.l10n.t('Its link to the old primary tenant is broken: it no longer receives logs from it.'),
          vscode.l10n.t('This cannot be rolled back. Use it when the primary tenant is unavailable; otherwise use a switchover.'),
          report.passed ? '' : vscode.l10n.t('Warning: the precheck did not pass.'),
        ].filter(Boolean).join('\n'),
        confirmLabel: vscode.l10n.t('Failover'),
        // Type-the-name always: the strictest confirmation, whatever ocp.confirmDestructive says.
        typeToConfirm: impact.typeToConfirm,
      });
      if (!ok) throw new UserCancelled();
    }

    const label = vscode.l10n.t('Failover tenant "{0}"', tenant.name);
    let more: Raw[] = [];
    const result = await runOperation(s, {
      operation: 'ocp.failoverTenant',
      connection,
      targets: [key],
      busyLabel: vscode.l10n.t('Failing over…'),
      label,
      send: async (c) => {
        const started = await failoverCall(c, clusterId, tenant.id);
        more = started.raw.slice(1);
        return started.raw[0] ?? {};
      },
    });
    // A list of one gives one task; should OCP answer more, every one is tracked.
    const taskIds = [result.taskId];
    for (const raw of more) {
      const task = normalizeTask(raw);
      if (task.id < 0) continue;
      s.taskHost.trackStarted(connection.id, task, raw, label);
      taskIds.push(task.id);
    }
    return { ...result, taskIds, precheck: report };
  },
};
