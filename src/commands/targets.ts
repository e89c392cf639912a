// Resolving a command's target: a tree node from a context menu, an argument object from a script
// ({ connectionId, clusterId, tenantId }), or, when neither names it, a QuickPick.
import * as vscode from 'vscode';
import type { ConnectionConfig } from '../connections/config';
import type { Cluster } from '../core/model/cluster';
import type { Tenant } from '../core/model/tenant';
import type { Services } from '../services';
import type { ExplorerNode } from '../views/explorerNodes';
import { clusterStatusWord, clusterTypeWord, tenantModeWord, tenantRoleWord, tenantStatusWord } from '../views/words';
import { BACK } from '../wizards/prompter';
import { UserCancelled } from './run';

export interface TargetArgs {
  connectionId?: string;
  clusterId?: number;
  tenantId?: number;
}

export function isNode(a: unknown): a is ExplorerNode {
  return typeof a === 'object' && a !== null && 'kind' in a && typeof (a as { kind: unknown }).kind === 'string';
}

/** The argument object of a scripted call (empty for a node or nothing). */
export function argsOf<T extends object>(a: unknown): Partial<T> {
  return typeof a === 'object' && a !== null && !isNode(a) ? (a as Partial<T>) : {};
}

export async function resolveConnection(s: Services, a: unknown, title: string): Promise<ConnectionConfig> {
  if (isNode(a)) {
    const id = a.kind === 'connection' ? a.connection.id : a.kind === 'message' ? undefined : a.connectionId;
    const c = id ? s.connections.get(id) : undefined;
    if (c) return c;
  }
  const id = argsOf<TargetArgs>(a).connectionId;
  const all = s.connections.list();
  if (id !== undefined) {
    const c = all.find((x) => x.id === id);
    if (!c) throw new Error(vscode.l10n.t('There is no OCP connection with id "{0}".', id));
    return c;
  }
  if (all.length === 0) throw new Error(vscode.l10n.t('Add an OCP connection first.'));
  if (all.length === 1) return all[0];
  const picked = await s.prompter.pick({ title, placeholder: vscode.l10n.t('Choose an OCP connection'), items: all.map((c) => ({ label: c.name, description: c.url, value: c })) });
  if (picked === BACK) throw new UserCancelled();
  return picked;
}

export async function resolveCluster(s: Services, a: unknown, title: string, allowed: (c: Cluster) => boolean = () => true, notAllowed?: (c: Cluster) => string): Promise<{ connection: ConnectionConfig; cluster: Cluster }> {
  if (isNode(a) && a.kind === 'cluster') {
    const connection = await resolveConnection(s, a, title);
    return { connection, cluster: check(a.cluster) };
  }
  const connection = await resolveConnection(s, a, title);
  const clusters = await s.explorer.clustersOf(connection.id);
  const id = argsOf<TargetArgs>(a).clusterId;
  if (id !== undefined) {
    const c = clusters.find((x) => x.id === id);
    if (!c) throw new Error(vscode.l10n.t('There is no cluster with id {0} in "{1}".', id, connection.name));
    return { connection, cluster: check(c) };
  }
  const candidates = clusters.filter(allowed);
  if (candidates.length === 0) throw new Error(vscode.l10n.t('No cluster in "{0}" can do this now.', connection.name));
  const picked = await s.prompter.pick({ title, placeholder: vscode.l10n.t('Choose a cluster'), items: candidates.map((c) => ({ label: c.name, description: [clusterStatusWord(vscode.l10n, c), c.obVersion, clusterTypeWord(vscode.l10n, c)].filter(Boolean).join(' · '), value: c })) });
  if (picked === BACK) throw new UserCancelled();
  return { connection, cluster: picked };

  function check(c: Cluster): Cluster {
    if (!allowed(c)) throw new Error(notAllowed ? notAllowed(c) : vscode.l10n.t('This cannot be done on cluster "{0}" while it is {1}.', c.name, c.rawStatus));
    return c;
  }
}

export async function resolveTenant(s: Services, a: unknown, title: string): Promise<{ connection: ConnectionConfig; cluster: Cluster; tenant: Tenant }> {
  if (isNode(a) && a.kind === 'tenant') {
    const connection = await resolveConnection(s, a, title);
    const cluster = (await s.explorer.clustersOf(connection.id)).find((c) => c.id === a.clusterId);
    if (!cluster) throw new Error(vscode.l10n.t('Cluster #{0} is no longer in OCP.', a.clusterId));
    return { connection, cluster, tenant: a.tenant };
  }
  const { connection, cluster } = await resolveCluster(s, a, title);
  const tenants = await s.explorer.tenantsOf(connection.id, cluster.id);
  const id = argsOf<TargetArgs>(a).tenantId;
  if (id !== undefined) {
    const t = tenants.find((x) => x.id === id);
    if (!t) throw new Error(vscode.l10n.t('There is no tenant with id {0} in cluster "{1}".', id, cluster.name));
    return { connection, cluster, tenant: t };
  }
  const picked = await s.prompter.pick({ title, placeholder: vscode.l10n.t('Choose a tenant'), items: tenants.map((t) => ({ label: t.name, description: [tenantModeWord(vscode.l10n, t), tenantRoleWord(vscode.l10n, t), tenantStatusWord(vscode.l10n, t)].filter(Boolean).join(' · '), value: t })) });
  if (picked === BACK) throw new UserCancelled();
  return { connection, cluster, tenant: picked };
}
