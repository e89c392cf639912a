// The explorer's node types: connection → clusters → groups "Tenants (n)" → tenants and "Zones (n)" → zones →
// OBServers, a cluster's "Alerts (n)" group of alert nodes, and message nodes (errors, empty, loading).
import type { ConnectionConfig } from '../connections/config';
import type { Alarm } from '../core/model/alarm';
import type { Cluster } from '../core/model/cluster';
import type { Tenant } from '../core/model/tenant';
import type { TopologyServer, TopologyZone } from '../core/model/topology';
import { connectionKey, explorerItemId, serverKey, targetKey, tenantsKey, zoneKey, zonesKey } from '../ids';

export interface ConnectionNode {
  kind: 'connection';
  connection: ConnectionConfig;
}

export interface ClusterNode {
  kind: 'cluster';
  connectionId: string;
  cluster: Cluster;
}

export interface TenantNode {
  kind: 'tenant';
  connectionId: string;
  clusterId: number;
  clusterName: string;
  tenant: Tenant;
}

/** A cluster's group of children: its tenants or its zones (labelled with a count from the cluster list). */
export interface GroupNode {
  kind: 'group';
  group: 'tenants' | 'zones';
  connectionId: string;
  cluster: Cluster;
}

export interface ZoneNode {
  kind: 'zone';
  connectionId: string;
  clusterId: number;
  clusterName: string;
  zone: TopologyZone;
}

export interface ServerNode {
  kind: 'server';
  connectionId: string;
  clusterId: number;
  clusterName: string;
  zoneName: string;
  server: TopologyServer;
}

export interface MessageNode {
  kind: 'message';
  /** Unique within its parent. */
  key: string;
  parent?: ExplorerNode;
  label: string;
  detail?: string;
  severity: 'error' | 'warning' | 'info';
  command?: { command: string; title: string; arguments?: unknown[] };
  contextValue?: string;
}

/** A cluster's "Alerts (n)" group: its active alerts, loaded with the connection's inventory. */
export interface AlarmGroupNode {
  kind: 'alarmGroup';
  connectionId: string;
  clusterId: number;
  clusterName: string;
}

/** One active alert of a cluster. */
export interface AlarmNode {
  kind: 'alarm';
  connectionId: string;
  clusterId: number;
  alarm: Alarm;
  parent: AlarmGroupNode;
}

export type ExplorerNode = ConnectionNode | ClusterNode | GroupNode | TenantNode | ZoneNode | ServerNode | MessageNode | AlarmGroupNode | AlarmNode;

/** The tree item id (VS Code keeps expansion and selection by it). */
export function nodeId(n: ExplorerNode): string {
  switch (n.kind) {
    case 'connection': return explorerItemId.connection(n.connection.id);
    case 'cluster': return explorerItemId.cluster(n.connectionId, n.cluster.id, n.cluster.name);
    case 'tenant': return explorerItemId.tenant(n.connectionId, n.clusterId, n.tenant.id, n.tenant.name);
    case 'group': return explorerItemId.group(n.connectionId, n.cluster.id, n.group);
    case 'zone': return explorerItemId.zone(n.connectionId, n.clusterId, n.zone.name);
    case 'server': return explorerItemId.server(n.connectionId, n.clusterId, n.zoneName, n.server.id, n.server.address);
    case 'message': return explorerItemId.message(n.parent ? nodeId(n.parent) : '', n.key);
    case 'alarmGroup': return explorerItemId.alarmGroup(n.connectionId, n.clusterId, n.clusterName);
    case 'alarm': return explorerItemId.alarm(n.connectionId, n.clusterId, n.parent.clusterName, n.alarm.id);
  }
}

/** The node's target key (ids.ts): busy markers and the explorer's node lookup use the same key. */
export function nodeKey(n: ExplorerNode): string | undefined {
  switch (n.kind) {
    case 'connection': return connectionKey(n.connection.id);
    case 'cluster': return n.cluster.id >= 0 ? targetKey(n.connectionId, 'cluster', n.cluster.id) : undefined;
    case 'tenant': return n.tenant.id >= 0 ? targetKey(n.connectionId, 'tenant', n.tenant.id) : undefined;
    case 'group': return n.group === 'tenants' ? tenantsKey(n.connectionId, n.cluster.id) : zonesKey(n.connectionId, n.cluster.id);
    case 'zone': return zoneKey(n.connectionId, n.clusterId, n.zone.name);
    case 'server': return n.server.id !== undefined ? serverKey(n.connectionId, n.clusterId, n.server.id) : undefined;
    case 'message': case 'alarmGroup': case 'alarm': return undefined;
  }
}

export function nodeConnectionId(n: ExplorerNode): string | undefined {
  switch (n.kind) {
    case 'connection': return n.connection.id;
    case 'cluster': case 'group': case 'tenant': case 'zone': case 'server': case 'alarmGroup': case 'alarm': return n.connectionId;
    case 'message': return n.parent ? nodeConnectionId(n.parent) : undefined;
  }
}
