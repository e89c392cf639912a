// The explorer's node types: connection → clusters → tenants, and message nodes (errors, empty, loading).
import type { ConnectionConfig } from '../connections/config';
import type { Cluster } from '../core/model/cluster';
import type { Tenant } from '../core/model/tenant';

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

export type ExplorerNode = ConnectionNode | ClusterNode | TenantNode | MessageNode;

export function nodeId(n: ExplorerNode): string {
  switch (n.kind) {
    case 'connection': return n.connection.id;
    case 'cluster': return `${n.connectionId}/cluster/${idPart(n.cluster.id, n.cluster.name)}`;
    case 'tenant': return `${n.connectionId}/cluster/${n.clusterId}/tenant/${idPart(n.tenant.id, n.tenant.name)}`;
    case 'message': return `${n.parent ? nodeId(n.parent) : ''}/message/${n.key}`;
  }
}

export function nodeConnectionId(n: ExplorerNode): string | undefined {
  switch (n.kind) {
    case 'connection': return n.connection.id;
    case 'cluster': case 'tenant': return n.connectionId;
    case 'message': return n.parent ? nodeConnectionId(n.parent) : undefined;
  }
}

/** An item OCP sent without an id (normalised to -1) is told apart by its name: tree ids must be unique. */
function idPart(id: number, name: string): string {
  return id >= 0 ? String(id) : `no-id:${name}`;
}
