// Clusters, zones, OBServers and hosts as the tree shows them, normalised from OCP list/detail JSON
// (ocp-api.md §5, §5.1). Normalisers accept anything and fill defaults; they never throw.

import { arr, bool, isObj, num, obj, readEnum, str } from './coerce';
import { CLUSTER_STATUSES, ClusterStatus, ROLES, Role, Unknown } from './enums';
import { parseOcpTime } from './time';

export { normalizeHost, type Host } from './host';

/** Another cluster named by a primary/standby link. */
export interface ClusterRef {
  id?: number;
  name?: string;
  obClusterId?: number;
}

/** An OBServer process. */
export interface Server {
  id?: number;
  ip?: string;
  port?: number;
  sqlPort?: number;
  version?: string;
  status: string;
  zoneName?: string;
  hostId?: number;
  withRootserver: boolean;
}

/** A zone of a cluster. */
export interface Zone {
  name: string;
  idcName?: string;
  regionName?: string;
  clusterId?: number;
  obClusterId?: number;
  /** Raw zone status when OCP sends one (not enumerated in the docs). */
  status?: string;
  serverCount: number;
  hostCount?: number;
  servers: Server[];
}

/** An OceanBase cluster managed by OCP. */
export interface Cluster {
  /** OCP id; -1 when the payload had none. */
  id: number;
  name: string;
  /** Cluster id inside OceanBase. */
  obClusterId?: number;
  obVersion?: string;
  fullVersion?: string;
  /** Cluster-level primary/standby type; undefined when absent or unrecognised (see rawType). */
  type?: Role;
  rawType?: string;
  status: ClusterStatus | Unknown;
  rawStatus: string;
  zones: Zone[];
  zoneNames: string[];
  zoneCount: number;
  serverCount?: number;
  tenantCount?: number;
  regionCount?: number;
  primaryCluster?: ClusterRef;
  standbyClusters: ClusterRef[];
  /** VALID | DISABLED | SYNCHRONIZING, as sent. */
  syncStatus?: string;
  /** Standby lag in seconds. */
  delayTime?: number;
  createTime?: number;
  updateTime?: number;
  creator?: string;
  /** Why OCP could not read live data from OceanBase, if it says so. */
  failToQueryFromObReason?: string;
}

/** Statuses during which an operation is in progress on the cluster. */
const BUSY_CLUSTER: ReadonlySet<string> = new Set<ClusterStatus>([
  'CREATING',
  'DELETING',
  'STARTING',
  'RESTARTING',
  'STOPPING',
  'TAKINGOVER',
  'MOVINGOUT',
  'SWITCHOVER',
  'FAILOVER',
  'OPERATING',
]);

function clusterRef(v: unknown): ClusterRef | undefined {
  if (typeof v === 'number' || typeof v === 'string') {
    const id = num(v);
    return id !== undefined ? { id } : { name: str(v) };
  }
  if (!isObj(v)) return undefined;
  const ref: ClusterRef = { id: num(v.id), name: str(v.name), obClusterId: num(v.obClusterId) };
  return ref.id === undefined && ref.name === undefined && ref.obClusterId === undefined ? undefined : ref;
}

/** Normalises an OBServer object. */
export function normalizeServer(raw: unknown): Server {
  const r = obj(raw);
  return {
    id: num(r.id),
    ip: str(r.ip),
    port: num(r.port),
    sqlPort: num(r.sqlPort),
    version: str(r.version),
    status: str(r.status) ?? '',
    zoneName: str(r.zoneName),
    hostId: num(r.hostId),
    withRootserver: bool(r.withRootserver),
  };
}

/** Normalises a zone object (from a cluster's `zones[]` or the zones endpoint). */
export function normalizeZone(raw: unknown): Zone {
  const r = obj(raw);
  const servers = arr(r.servers).filter(isObj).map(normalizeServer);
  return {
    name: str(r.name) ?? '',
    idcName: str(r.idcName),
    regionName: str(r.regionName),
    clusterId: num(r.clusterId),
    obClusterId: num(r.obClusterId),
    status: str(r.status),
    serverCount: num(r.serverCount) ?? servers.length,
    hostCount: num(r.hostCount),
    servers,
  };
}

/** Normalises a cluster object (list item or detail). A missing id becomes -1. */
export function normalizeCluster(raw: unknown): Cluster {
  const r = obj(raw);
  const status = readEnum(CLUSTER_STATUSES, r.status);
  const type = readEnum(ROLES, r.type);
  const zones = arr(r.zones).filter(isObj).map(normalizeZone);
  const standbyClusters = arr(r.standbyClusters)
    .map(clusterRef)
    .filter((c): c is ClusterRef => c !== undefined);
  return {
    id: num(r.id) ?? -1,
    name: str(r.name) ?? '',
    obClusterId: num(r.obClusterId),
    obVersion: str(r.obVersion),
    fullVersion: str(r.fullVersion),
    type: type.value === 'UNKNOWN' ? undefined : type.value,
    rawType: str(r.type),
    status: status.value,
    rawStatus: status.raw,
    zones,
    zoneNames: zones.map((z) => z.name).filter((n) => n !== ''),
    zoneCount: zones.length,
    serverCount: num(r.serverCount),
    tenantCount: num(r.tenantCount),
    regionCount: num(r.regionCount),
    primaryCluster: clusterRef(r.primaryCluster),
    standbyClusters,
    syncStatus: str(r.syncStatus),
    delayTime: num(r.delayTime),
    createTime: parseOcpTime(r.createTime),
    updateTime: parseOcpTime(r.updateTime),
    creator: str(r.creator) ?? str(obj(r.creator).name),
    failToQueryFromObReason: str(r.failToQueryFromObReason),
  };
}

/** True while an operation runs on the cluster (creating, stopping, switchover, …). */
export function isClusterBusy(c: Pick<Cluster, 'status'>): boolean {
  return BUSY_CLUSTER.has(c.status);
}

/**
 * Capability tokens for the tree's contextValue (menus match `viewItem =~ /\btoken\b/`): the status in lower
 * case (`running`, `stopped`, …, or `unknown-status`), `stoppable` (RUNNING only), `startable` (STOPPED),
 * `busy` (an operation in progress), `primary`/`standby`, `has-standby`.
 */
export function clusterCapabilities(c: Cluster): string[] {
  const caps = [c.status === 'UNKNOWN' ? 'unknown-status' : c.status.toLowerCase()];
  if (c.status === 'RUNNING') caps.push('stoppable');
  if (c.status === 'STOPPED') caps.push('startable');
  if (isClusterBusy(c)) caps.push('busy');
  if (c.type === 'PRIMARY') caps.push('primary');
  if (c.type === 'STANDBY') caps.push('standby');
  if (c.standbyClusters.length > 0) caps.push('has-standby');
  return caps;
}
