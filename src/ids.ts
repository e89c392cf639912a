// One home for every identity above the core: task keys (tracker snapshots, the Tasks view, the panels),
// target keys (busy markers, and the explorer's node lookup: one key per connection, cluster and tenant,
// so a marker finds its node without an alias), and the tree items' ids. Pure: no vscode.

export type TargetKind = 'connection' | 'cluster' | 'tenant' | 'zone' | 'server';

/** A connection id as a key part: never contains "/" (ids come from a user setting). */
function part(connectionId: string): string {
  return encodeURIComponent(connectionId);
}

/** The key of one task of one connection. */
export function taskKey(connectionId: string, taskId: number): string {
  return `${part(connectionId)}/task/${taskId}`;
}

/** The key of an operation's target (busy markers) and of its explorer node. */
export function targetKey(connectionId: string, kind: TargetKind, id: number | string): string {
  return `${part(connectionId)}/${kind}/${id}`;
}

export function connectionKey(connectionId: string): string {
  return targetKey(connectionId, 'connection', connectionId);
}

/** The key of a cluster's tenant list in the inventory. */
export function tenantsKey(connectionId: string, clusterId: number): string {
  return `${targetKey(connectionId, 'cluster', clusterId)}/tenants`;
}

/** The key of a cluster's zone list in the inventory (and of the cluster's "Zones (n)" group node). */
export function zonesKey(connectionId: string, clusterId: number): string {
  return `${targetKey(connectionId, 'cluster', clusterId)}/zones`;
}

/** The target key of a zone: its cluster's id and its name (path-encoded: a zone name is OCP's free text). */
export function zoneKey(connectionId: string, clusterId: number, zoneName: string): string {
  return targetKey(connectionId, 'zone', `${clusterId}/${encodeURIComponent(zoneName)}`);
}

/** The prefixes of the target keys of a cluster's zones and OBServers (a cluster operation waits for theirs). */
export function clusterPartPrefixes(connectionId: string, clusterId: number): string[] {
  return [`${targetKey(connectionId, 'zone', clusterId)}/`, `${targetKey(connectionId, 'server', clusterId)}/`];
}

/** The target key of an OBServer: its cluster's id and OCP's server id. */
export function serverKey(connectionId: string, clusterId: number, serverId: number): string {
  return targetKey(connectionId, 'server', `${clusterId}/${serverId}`);
}

/** The globalState key of the database user last used to connect to a tenant (a user name, never a password). */
export function connectUserKey(connectionId: string, clusterId: number, tenantId: number): string {
  return `ocp.connect.user/${part(connectionId)}/${clusterId}/${tenantId}`;
}

/** An item OCP sent without an id (normalised to -1) is told apart by its name: tree ids must be unique. */
export function idPart(id: number, name: string): string {
  return id >= 0 ? String(id) : `no-id:${name}`;
}

// ---- tree item ids (VS Code keeps expansion and selection by them) ----

export const explorerItemId = {
  connection: (connectionId: string) => part(connectionId),
  cluster: (connectionId: string, clusterId: number, name: string) => `${part(connectionId)}/cluster/${idPart(clusterId, name)}`,
  tenant: (connectionId: string, clusterId: number, tenantId: number, name: string) => `${part(connectionId)}/cluster/${clusterId}/tenant/${idPart(tenantId, name)}`,
  /** A cluster's "Tenants (n)" / "Zones (n)" group. */
  group: (connectionId: string, clusterId: number, group: string) => `${part(connectionId)}/cluster/${clusterId}/group/${group}`,
  zone: (connectionId: string, clusterId: number, zoneName: string) => `${part(connectionId)}/cluster/${clusterId}/zone/${encodeURIComponent(zoneName)}`,
  /** An OBServer without an id is told apart by its address. */
  server: (connectionId: string, clusterId: number, zoneName: string, serverId: number | undefined, address: string) =>
    `${part(connectionId)}/cluster/${clusterId}/zone/${encodeURIComponent(zoneName)}/server/${serverId !== undefined ? serverId : `no-id:${encodeURIComponent(address)}`}`,
  message: (parentId: string, key: string) => `${parentId}/message/${key}`,
  /** A cluster's "Alerts (n)" group and one alert in it (an alert event id is unique within its OCP). */
  alarmGroup: (connectionId: string, clusterId: number, clusterName: string) => `${explorerItemId.cluster(connectionId, clusterId, clusterName)}/alarms`,
  alarm: (connectionId: string, clusterId: number, clusterName: string, alarmId: number) => `${explorerItemId.alarmGroup(connectionId, clusterId, clusterName)}/${alarmId}`,
};

export const tasksItemId = {
  connection: (connectionId: string) => `tasks/${part(connectionId)}`,
  task: (connectionId: string, taskId: number, name: string) => `tasks/${part(connectionId)}/${idPart(taskId, name)}`,
  message: (connectionId: string, key: string) => `tasks/${part(connectionId)}/message/${key}`,
};
