// Start / Stop / Restart Cluster share one flow (issue #17), the action decided by a spec: version gate before any
// input; the target (a node, a script's {connectionId, clusterId, confirm?}, or a pick); its status read fresh from
// OCP's documented cluster list; one confirmation that states the impact; one POST through runOperation, tracked,
// the node showing the busy label until the task ends. On a multi-selection: every node checked first (a selection
// with a node the action is illegal on is refused, naming them), then one confirmation listing them all, then one
// POST per cluster (operations/many.ts).
import * as vscode from 'vscode';
import type { ConnectionConfig } from '../connections/config';
import { normalizeCluster, type Cluster } from '../core/model/cluster';
import type { Raw } from '../core/ocp/types';
import type { OcpClient } from '../core/ocp/client';
import { legalActions, type LifecycleAction } from '../core/model/topology';
import type { OcpFeature } from '../core/model/version';
import { findCluster } from '../core/ocp/lookups';
import { UserCancelled } from '../errors';
import { clusterPartPrefixes, targetKey } from '../ids';
import { confirmDestructive } from '../operations/confirm';
import { requireFeature } from '../operations/feature';
import { refuseIllegal, runOnMany, type ManyOutcome } from '../operations/many';
import { runOperation, type OperationResult } from '../operations/run';
import type { Services } from '../services';
import type { ExplorerNode } from '../views/explorerNodes';
import { clusterStatusWord } from '../views/words';
import { argsOf, pinConnection, resolveCluster, resolveConnection, selectedNodes, type CommandTarget } from './targets';

export interface ClusterActionSpec {
  /** The command id (also the operation's name for the unknown-outcome registry). */
  id: string;
  action: LifecycleAction;
  feature: OcpFeature;
  title(): string;
  busyLabel(): string;
  /** "Restart cluster "x"" in notifications and the log. */
  label(c: Cluster): string;
  /** Why a cluster in this status cannot take the action. */
  notLegal(c: Cluster): string;
  /** Destructive: confirmDestructive (typed name when the setting asks); else a plain modal. */
  destructive: boolean;
  /** The single-target confirmation: title and the facts. */
  question(c: Cluster): string;
  impact(s: Services, connection: ConnectionConfig, c: Cluster): Promise<string[]>;
  /** The multi-target confirmation: title ("Restart 3 clusters?") and the facts stated once for all. */
  manyQuestion(n: number): string;
  manyImpact(): string;
  send(client: OcpClient, c: Cluster): Promise<Raw>;
}

/** Whether the action is legal on a cluster in this status (the menus' `startable` / `stoppable` / `restartable`). */
export function clusterActionLegal(action: LifecycleAction, c: Pick<Cluster, 'status' | 'id'>): boolean {
  return c.id >= 0 && legalActions(c.status).includes(action);
}

/** Why a selected node cannot take the action (naming it), or undefined. */
function nodeLegality(s: Services, spec: ClusterActionSpec, n: ExplorerNode): string | undefined {
  switch (n.kind) {
    case 'cluster': {
      const c = n.cluster;
      const name = `"${c.name || `#${c.id}`}"`;
      if (!clusterActionLegal(spec.action, c)) return `${name} (${clusterStatusWord(vscode.l10n, c)})`;
      const pending = s.busy.get(targetKey(n.connectionId, 'cluster', c.id)) ?? s.busy.within(clusterPartPrefixes(n.connectionId, c.id));
      if (pending) return `${name} (${pending.label})`;
      return undefined;
    }
    case 'tenant': return vscode.l10n.t('tenant "{0}"', n.tenant.name || `#${n.tenant.id}`);
    case 'connection': return vscode.l10n.t('connection "{0}"', n.connection.name);
    default: return vscode.l10n.t('"{0}" (not a cluster)', (n as { label?: string }).label ?? n.kind);
  }
}

/** The cluster as OCP lists it now; refuses when the action is no longer legal. */
async function fresh(s: Services, spec: ClusterActionSpec, connectionId: string, cached: Cluster): Promise<Cluster> {
  const client = await s.connections.client(connectionId);
  const cluster = normalizeCluster(await findCluster(client, cached.id, cached.name));
  if (!clusterActionLegal(spec.action, cluster)) throw new Error(spec.notLegal(cluster));
  return cluster;
}

function refuseBusy(s: Services, connectionId: string, c: Cluster): string {
  const key = targetKey(connectionId, 'cluster', c.id);
  // An operation of a zone or an OBServer of it counts too: OCP would refuse a cluster operation under it.
  const pending = s.busy.get(key) ?? s.busy.within(clusterPartPrefixes(connectionId, c.id));
  if (pending) throw new Error(vscode.l10n.t('An operation is already running on cluster "{0}" ({1}).', c.name, pending.label));
  return key;
}

function operate(s: Services, spec: ClusterActionSpec, connection: ConnectionConfig, cluster: Cluster): Promise<OperationResult> {
  return runOperation(s, {
    operation: spec.id,
    connection,
    targets: [targetKey(connection.id, 'cluster', cluster.id)],
    busyLabel: spec.busyLabel(),
    label: spec.label(cluster),
    send: (c) => spec.send(c, cluster),
  });
}

/** Per-cluster result of a multi-selection run (what a caller of the command gets back). */
export interface ManyClusterResult {
  results: { connectionId: string; clusterId: number; name: string; taskId: number }[];
}

export async function runClusterAction(s: Services, t: CommandTarget, spec: ClusterActionSpec): Promise<OperationResult | ManyClusterResult> {
  const title = spec.title();
  const nodes = selectedNodes(t);
  if (nodes.length > 1) return runOnSelection(s, spec, nodes);

  const gated = await resolveConnection(s, t, title);
  await requireFeature(s, gated, spec.feature); // before the cluster is asked for
  const { connection, cluster: cached } = await resolveCluster(s, pinConnection(t, gated.id), title, (c) => clusterActionLegal(spec.action, c), spec.notLegal);
  refuseBusy(s, connection.id, cached);
  const cluster = await fresh(s, spec, connection.id, cached);
  if (argsOf<{ confirm?: boolean }>(t).confirm !== true) {
    const detail = (await spec.impact(s, connection, cluster)).filter(Boolean).join('\n');
    if (spec.destructive) {
      await confirmDestructive(s.prompter, s.settings, spec.question(cluster), detail, title, cluster.name);
    } else {
      const ok = await s.prompter.confirm({ message: spec.question(cluster), detail, confirmLabel: title });
      if (!ok) throw new UserCancelled();
    }
  }
  return operate(s, spec, connection, cluster);
}

interface Resolved { connection: ConnectionConfig; cluster: Cluster }

async function runOnSelection(s: Services, spec: ClusterActionSpec, nodes: ExplorerNode[]): Promise<ManyClusterResult> {
  const title = spec.title();
  // Before any input: every node must be a cluster the action is legal on (VS Code checked the clicked one only).
  refuseIllegal(title, nodes, (n) => nodeLegality(s, spec, n));
  const clusterNodes = nodes.filter((n): n is Extract<ExplorerNode, { kind: 'cluster' }> => n.kind === 'cluster');
  const byConnection = new Map<string, ConnectionConfig>();
  for (const n of clusterNodes) {
    if (byConnection.has(n.connectionId)) continue;
    const connection = s.connections.list().find((c) => c.id === n.connectionId);
    if (!connection) throw new Error(vscode.l10n.t('There is no OCP connection with id "{0}".', n.connectionId));
    await requireFeature(s, connection, spec.feature);
    byConnection.set(n.connectionId, connection);
  }
  const targets: Resolved[] = [];
  const changed: string[] = [];
  for (const n of clusterNodes) {
    try {
      targets.push({ connection: byConnection.get(n.connectionId)!, cluster: await fresh(s, spec, n.connectionId, n.cluster) });
    } catch (e) {
      changed.push(e instanceof Error ? e.message : String(e));
    }
  }
  if (changed.length) throw new Error(changed.join(' '));
  const several = byConnection.size > 1;
  const outcomes: ManyOutcome<Resolved>[] = await runOnMany(s.prompter, s.settings, title, {
    targets,
    name: (r) => r.cluster.name,
    line: (r) => [
      several ? `${r.cluster.name} @ ${r.connection.name}` : r.cluster.name,
      clusterStatusWord(vscode.l10n, r.cluster),
      vscode.l10n.t('{0} zone(s), {1} server(s)', r.cluster.zoneCount, r.cluster.serverCount ?? '?'),
    ].join(' · '),
    confirmation: { message: spec.manyQuestion(targets.length), detail: spec.manyImpact(), confirmLabel: title, destructive: spec.destructive },
    send: (r) => operate(s, spec, r.connection, r.cluster),
  });
  return {
    results: outcomes.flatMap((o) => (o.ok ? [{ connectionId: o.target.connection.id, clusterId: o.target.cluster.id, name: o.target.cluster.name, taskId: o.result.taskId }] : [])),
  };
}

/** The user's tenants of a list (the sys tenant left out); undefined when the list could not be read. */
export function userTenants<T extends { name: string }>(tenants: T[] | undefined): T[] | undefined {
  return tenants?.filter((t) => t.name !== 'sys');
}

/** The tenants that stop serving (sys left out), for the stop and restart confirmations. */
export async function tenantLines(s: Services, connection: ConnectionConfig, c: Cluster): Promise<string[]> {
  const tenants = await s.inventory.tenantsOf(connection.id, c.id).catch(() => undefined);
  const user = userTenants(tenants);
  const lines = [user ? vscode.l10n.t('{0} tenant(s) stop serving: {1}.', user.length, user.map((t) => t.name).join(', ') || '—') : vscode.l10n.t('Its tenants stop serving.')];
  const pairs = tenants?.flatMap((t) => t.standbyTenants.map((st) => `${t.name} → ${st.name ?? `#${st.id}`}${st.clusterName ? ` @ ${st.clusterName}` : ''}`)) ?? [];
  if (pairs.length) lines.push(vscode.l10n.t('Tenant standby pairs affected: {0}.', pairs.join(', ')));
  return lines;
}
