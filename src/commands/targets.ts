// The one command-target parser. A command is called with a tree node of the Explorer, a node of the Tasks
// view (the same `kind` words, other shapes: told apart by shape, never by `kind` alone), a script's
// argument object ({ connectionId, clusterId, tenantId, ... }), or nothing (the palette). parseTarget turns
// the first argument into one of these variants once, in the run wrapper; the resolvers below turn a
// target into a connection, cluster or tenant, asking with a QuickPick when the target does not name one.
import * as vscode from 'vscode';
import type { ConnectionConfig } from '../connections/config';
import type { Cluster } from '../core/model/cluster';
import type { Tenant } from '../core/model/tenant';
import { UserCancelled } from '../errors';
import type { Services } from '../services';
import type { AlarmGroupNode, AlarmNode, ClusterNode, ConnectionNode, ExplorerNode, MessageNode, TenantNode } from '../views/explorerNodes';
import type { TasksNode } from '../views/tasks';
import { clusterStatusWord, clusterTypeWord, tenantModeWord, tenantRoleWord, tenantStatusWord } from '../views/words';
import { BACK } from '../wizards/prompter';

export type CommandTarget =
  /** `selection`: every selected Explorer node when the user acted on a multi-selection that includes `node`. */
  | { from: 'explorer'; node: ExplorerNode; selection?: ExplorerNode[] }
  | { from: 'tasks'; node: TasksNode }
  | { from: 'script'; args: Record<string, unknown> }
  | { from: 'palette' };

export interface TargetArgs {
  connectionId?: string;
  clusterId?: number;
  tenantId?: number;
}

type Obj = Record<string, unknown>;
const isObj = (a: unknown): a is Obj => typeof a === 'object' && a !== null;
const isId = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isStr = (v: unknown): v is string => typeof v === 'string';

function explorerNode(a: Obj): ExplorerNode | undefined {
  switch (a.kind) {
    case 'connection':
      return isObj(a.connection) && isStr(a.connection.id) ? (a as unknown as ConnectionNode) : undefined;
    case 'cluster':
      return isStr(a.connectionId) && isObj(a.cluster) && isId(a.cluster.id) ? (a as unknown as ClusterNode) : undefined;
    case 'tenant':
      return isStr(a.connectionId) && isId(a.clusterId) && isObj(a.tenant) && isId(a.tenant.id) ? (a as unknown as TenantNode) : undefined;
    case 'message':
      return isStr(a.key) && !isStr(a.connectionId) ? (a as unknown as MessageNode) : undefined;
    case 'alarmGroup':
      return isStr(a.connectionId) && isId(a.clusterId) && isStr(a.clusterName) ? (a as unknown as AlarmGroupNode) : undefined;
    case 'alarm':
      return isStr(a.connectionId) && isId(a.clusterId) && isObj(a.alarm) && isId(a.alarm.id) && isObj(a.parent) ? (a as unknown as AlarmNode) : undefined;
    default:
      return undefined;
  }
}

function tasksNode(a: Obj): TasksNode | undefined {
  if (!isStr(a.connectionId)) return undefined;
  switch (a.kind) {
    case 'connection': return isStr(a.name) && a.connection === undefined ? (a as unknown as TasksNode) : undefined;
    case 'task': return isObj(a.task) && isId(a.task.id) ? (a as unknown as TasksNode) : undefined;
    case 'message': return isStr(a.key) ? (a as unknown as TasksNode) : undefined;
    default: return undefined;
  }
}

/**
 * The first argument of a command, as one of the target variants. Anything unrecognised is the palette.
 * VS Code calls a tree command with (clicked node, selected nodes[]) when the view allows multi-select:
 * `selected` becomes `selection` when it holds more than one Explorer node and the clicked one is among them.
 */
export function parseTarget(arg: unknown, selected?: unknown): CommandTarget {
  if (!isObj(arg)) return { from: 'palette' };
  if ('kind' in arg) {
    const e = explorerNode(arg);
    if (e) {
      const many = Array.isArray(selected) && selected.length > 1 && selected.includes(arg)
        ? selected.map((x) => (isObj(x) && 'kind' in x ? explorerNode(x) : undefined))
        : undefined;
      if (many && many.every((x): x is ExplorerNode => x !== undefined)) return { from: 'explorer', node: e, selection: many };
      return { from: 'explorer', node: e };
    }
    const t = tasksNode(arg);
    if (t) return { from: 'tasks', node: t };
    return { from: 'palette' };
  }
  if (Object.getPrototypeOf(arg) === Object.prototype) return { from: 'script', args: arg };
  return { from: 'palette' };
}

/** The nodes a command acts on: the multi-selection when there is one, else the one node (empty off the Explorer). */
export function selectedNodes(t: CommandTarget): ExplorerNode[] {
  if (t.from !== 'explorer') return [];
  return t.selection ?? [t.node];
}

/** A script's argument object (empty for a node or nothing). */
export function argsOf<T extends object>(t: CommandTarget): Partial<T> {
  return t.from === 'script' ? (t.args as Partial<T>) : {};
}

/** The same target with its connection decided (a palette or script target then asks for no connection again). */
export function pinConnection(t: CommandTarget, connectionId: string): CommandTarget {
  if (t.from === 'palette') return { from: 'script', args: { connectionId } };
  if (t.from === 'script') return { from: 'script', args: { ...t.args, connectionId } };
  return t;
}

export function isScript(t: CommandTarget): boolean {
  return t.from === 'script';
}

/** The connection a target names, if any. */
export function connectionIdOf(t: CommandTarget): string | undefined {
  switch (t.from) {
    case 'explorer': {
      const n = t.node;
      if (n.kind === 'connection') return n.connection.id;
      if (n.kind === 'message') return n.parent ? connectionIdOf({ from: 'explorer', node: n.parent }) : undefined;
      return n.connectionId;
    }
    case 'tasks': return t.node.connectionId;
    case 'script': return isStr(t.args.connectionId) ? t.args.connectionId : undefined;
    case 'palette': return undefined;
  }
}

export async function resolveConnection(s: Services, t: CommandTarget, title: string): Promise<ConnectionConfig> {
  const all = s.connections.list();
  const id = connectionIdOf(t);
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

export async function resolveCluster(s: Services, t: CommandTarget, title: string, allowed: (c: Cluster) => boolean = () => true, notAllowed?: (c: Cluster) => string): Promise<{ connection: ConnectionConfig; cluster: Cluster }> {
  const check = (c: Cluster): Cluster => {
    if (!allowed(c)) throw new Error(notAllowed ? notAllowed(c) : vscode.l10n.t('This cannot be done on cluster "{0}" while it is {1}.', c.name, c.rawStatus));
    return c;
  };
  const connection = await resolveConnection(s, t, title);
  if (t.from === 'explorer' && t.node.kind === 'cluster') return { connection, cluster: check(t.node.cluster) };
  const clusters = await s.inventory.clustersOf(connection.id);
  const id = t.from === 'tasks' && t.node.kind === 'task' ? t.node.task.clusterId : argsOf<TargetArgs>(t).clusterId;
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
}

export async function resolveTenant(s: Services, t: CommandTarget, title: string): Promise<{ connection: ConnectionConfig; cluster: Cluster; tenant: Tenant }> {
  if (t.from === 'explorer' && t.node.kind === 'tenant') {
    const node = t.node;
    const connection = await resolveConnection(s, t, title);
    const cluster = (await s.inventory.clustersOf(connection.id)).find((c) => c.id === node.clusterId);
    if (!cluster) throw new Error(vscode.l10n.t('Cluster #{0} is no longer in OCP.', node.clusterId));
    return { connection, cluster, tenant: node.tenant };
  }
  const { connection, cluster } = await resolveCluster(s, t, title);
  const tenants = await s.inventory.tenantsOf(connection.id, cluster.id);
  const id = argsOf<TargetArgs>(t).tenantId;
  if (id !== undefined) {
    const found = tenants.find((x) => x.id === id);
    if (!found) throw new Error(vscode.l10n.t('There is no tenant with id {0} in cluster "{1}".', id, cluster.name));
    return { connection, cluster, tenant: found };
  }
  const picked = await s.prompter.pick({ title, placeholder: vscode.l10n.t('Choose a tenant'), items: tenants.map((x) => ({ label: x.name, description: [tenantModeWord(vscode.l10n, x), tenantRoleWord(vscode.l10n, x), tenantStatusWord(vscode.l10n, x)].filter(Boolean).join(' · '), value: x })) });
  if (picked === BACK) throw new UserCancelled();
  return { connection, cluster, tenant: picked };
}
