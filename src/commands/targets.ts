// The one command-target parser. A command is called with a tree node of the Explorer, a node of the Tasks
// view (the same `kind` words, other shapes: told apart by shape, never by `kind` alone), a script's
// argument object ({ connectionId, clusterId, tenantId | zoneName | serverId, ... }), or nothing (the palette).
// parseTarget turns the first argument into one of these variants once, in the run wrapper; the resolvers below
// turn a target into a connection, cluster, tenant, zone or OBServer, asking with a QuickPick when the target does
// not name one.
import * as vscode from 'vscode';
import type { ConnectionConfig } from '../connections/config';
import type { Cluster } from '../core/model/cluster';
import type { Tenant } from '../core/model/tenant';
import type { TopologyServer, TopologyZone } from '../core/model/topology';
import { UserCancelled } from '../errors';
import type { Services } from '../services';
import type { AlarmGroupNode, AlarmNode, ClusterNode, ConnectionNode, ExplorerNode, GroupNode, MessageNode, ServerNode, TenantNode, ZoneNode } from '../views/explorerNodes';
import type { TasksNode } from '../views/tasks';
import { clusterStatusWord, clusterTypeWord, serverStatusWord, tenantModeWord, tenantRoleWord, tenantStatusWord, zoneStatusWord } from '../views/words';
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
  /** A zone's name (zone commands). */
  zoneName?: string;
  /** OCP's id of an OBServer (OBServer commands). */
  serverId?: number;
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
    case 'group':
      return isStr(a.connectionId) && (a.group === 'tenants' || a.group === 'zones') && isObj(a.cluster) && isId(a.cluster.id) ? (a as unknown as GroupNode) : undefined;
    case 'zone':
      return isStr(a.connectionId) && isId(a.clusterId) && isObj(a.zone) && isStr(a.zone.name) ? (a as unknown as ZoneNode) : undefined;
    case 'server':
      return isStr(a.connectionId) && isId(a.clusterId) && isStr(a.zoneName) && isObj(a.server) && isStr(a.server.address) ? (a as unknown as ServerNode) : undefined;
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
  const id = t.from === 'tasks' && t.node.kind === 'task' ? t.node.task.clusterId : clusterIdOfNode(t) ?? argsOf<TargetArgs>(t).clusterId;
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

/** The cluster a topology node (group, zone, OBServer) belongs to. */
function clusterIdOfNode(t: CommandTarget): number | undefined {
  if (t.from !== 'explorer') return undefined;
  const n = t.node;
  if (n.kind === 'group') return n.cluster.id;
  if (n.kind === 'zone' || n.kind === 'server') return n.clusterId;
  return undefined;
}

export interface ResolvedZone {
  connection: ConnectionConfig;
  cluster: Cluster;
  zone: TopologyZone;
}

export interface ResolvedServer extends ResolvedZone {
  server: TopologyServer;
}

/** A zone as a script names it: { connectionId, clusterId, zoneName }; a zone node; else a QuickPick. */
export async function resolveZone(s: Services, t: CommandTarget, title: string, allowed: (z: TopologyZone) => boolean = () => true): Promise<ResolvedZone> {
  const { connection, cluster } = await resolveCluster(s, t, title);
  const zones = await s.inventory.zonesOf(connection.id, cluster.id);
  const name = t.from === 'explorer' && t.node.kind === 'zone' ? t.node.zone.name : argsOf<TargetArgs>(t).zoneName;
  if (name !== undefined) {
    if (!isStr(name)) throw new Error(vscode.l10n.t('"zoneName" must be a zone\'s name.'));
    const zone = zones.find((z) => z.name === name);
    if (!zone) throw new Error(vscode.l10n.t('There is no zone "{0}" in cluster "{1}".', name, cluster.name));
    return { connection, cluster, zone };
  }
  const candidates = zones.filter(allowed);
  if (candidates.length === 0) throw new Error(vscode.l10n.t('No zone of cluster "{0}" can do this now.', cluster.name));
  const picked = await s.prompter.pick({ title, placeholder: vscode.l10n.t('Choose a zone'), items: candidates.map((z) => ({ label: z.name, description: [zoneStatusWord(vscode.l10n, z), [z.regionName, z.idcName].filter(Boolean).join(' / '), vscode.l10n.t('{0} OBServers', z.serverCount)].filter(Boolean).join(' · '), value: z })) });
  if (picked === BACK) throw new UserCancelled();
  return { connection, cluster, zone: picked };
}

/** An OBServer as a script names it: { connectionId, clusterId, serverId }; an OBServer node; else a QuickPick. */
export async function resolveServer(s: Services, t: CommandTarget, title: string, allowed: (v: TopologyServer) => boolean = () => true): Promise<ResolvedServer> {
  const { connection, cluster } = await resolveCluster(s, t, title);
  const zones = await s.inventory.zonesOf(connection.id, cluster.id);
  const all: { zone: TopologyZone; server: TopologyServer }[] = [];
  for (const zone of zones) for (const server of await s.inventory.serversOf(connection.id, cluster.id, zone)) all.push({ zone, server });
  const node = t.from === 'explorer' && t.node.kind === 'server' ? t.node : undefined;
  const id = node ? node.server.id : argsOf<TargetArgs>(t).serverId;
  if (node && id === undefined) throw new Error(vscode.l10n.t('OCP sent OBServer {0} without an id: nothing can be done on it.', node.server.address));
  if (id !== undefined) {
    if (!isId(id)) throw new Error(vscode.l10n.t('"serverId" must be OCP\'s id of an OBServer (a number).'));
    const found = all.find((x) => x.server.id === id);
    if (!found) throw new Error(vscode.l10n.t('There is no OBServer with id {0} in cluster "{1}".', id, cluster.name));
    return { connection, cluster, ...found };
  }
  const candidates = all.filter((x) => x.server.id !== undefined && allowed(x.server));
  if (candidates.length === 0) throw new Error(vscode.l10n.t('No OBServer of cluster "{0}" can do this now.', cluster.name));
  const picked = await s.prompter.pick({ title, placeholder: vscode.l10n.t('Choose an OBServer'), items: candidates.map((x) => ({ label: x.server.address, description: [x.zone.name, serverStatusWord(vscode.l10n, x.server), x.server.version].filter(Boolean).join(' · '), value: x })) });
  if (picked === BACK) throw new UserCancelled();
  return { connection, cluster, ...picked };
}
