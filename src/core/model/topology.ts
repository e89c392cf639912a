// Zones and OBServers of a cluster (the topology under a cluster in the tree), normalised from the documented fields
// of GET /api/v2/ob/clusters/{id}/zones and …/servers (ocp-api.md §5): zone {name, idcName, regionName, servers[],
// clusterId, obClusterId, serverCount, hostCount; sample: idcId, status, innerStatus, operateStatus}; server {id, ip,
// port, sqlPort, version, withRootserver, status, clusterId, zoneName, regionName, idcName, hostId, hostTypeName,
// startTime, stopTime}. Statuses are OCP's words (ocp-terms.md §4); an unknown value is kept raw beside 'UNKNOWN'.
// Also: which lifecycle action (start / stop / restart) the tree offers per status, as capability tokens, and the
// OCP versions that document each lifecycle feature (for the lead to merge into the version module).

import { arr, bool, isObj, num, obj, readEnum, str } from './coerce';
import type { Unknown } from './enums';
import { parseOcpTime } from './time';

/** Zone statuses (OCP Express ObZoneStatus, all labelled in its ZONE_STATUS_LIST). */
export const ZONE_STATUSES = [
  'CREATING', 'RUNNING', 'UNAVAILABLE', 'STOPPING', 'STOPPED', 'STARTING', 'RESTARTING', 'DELETING', 'DELETED', 'OPERATING',
  'SERVICE_STOPPED',
] as const;
export type ZoneStatus = (typeof ZONE_STATUSES)[number];

/** OBServer statuses: OCP's «查询服务器列表» list plus OCP Express's ObServerStatus / OB_SERVER_STATUS_LIST. */
export const SERVER_STATUSES = [
  'CREATING', 'RUNNING', 'UNAVAILABLE', 'STARTING', 'RESTARTING', 'STOPPING', 'STOPPED', 'SERVICE_STOPPING', 'SERVICE_STOPPED',
  'PROCESS_STOPPING', 'PROCESS_STOPPED', 'REINSTALLING', 'DELETING', 'DELETED', 'OPERATING',
] as const;
export type ServerStatus = (typeof SERVER_STATUSES)[number];

/** One OBServer process as the topology tree shows it. */
export interface TopologyServer {
  /** OCP's id of the server (the `serverId` of the OBServer lifecycle calls); undefined when absent. */
  id?: number;
  ip?: string;
  /** RPC port (`port`, 2882 by default). */
  rpcPort?: number;
  /** SQL port (`sqlPort`, 2881 by default). */
  sqlPort?: number;
  /** "ip:rpcPort" (what OceanBase calls the server), or the ip alone, or "#id". */
  address: string;
  version?: string;
  status: ServerStatus | Unknown;
  rawStatus: string;
  zoneName?: string;
  clusterId?: number;
  idcName?: string;
  regionName?: string;
  hostId?: number;
  hostTypeName?: string;
  withRootserver: boolean;
  startTime?: number;
  stopTime?: number;
}

/** One zone of a cluster. */
export interface TopologyZone {
  /** The zone's name: the `zoneName` of the zone lifecycle calls and of GET …/zones/{zoneName}/servers. */
  name: string;
  clusterId?: number;
  obClusterId?: number;
  idcName?: string;
  idcId?: number;
  regionName?: string;
  status: ZoneStatus | Unknown;
  rawStatus: string;
  /** `innerStatus` (ACTIVE / INACTIVE) as sent; OCP has no label for it. */
  innerStatus?: string;
  /** `serverCount`, or the length of `servers` when absent. */
  serverCount: number;
  hostCount?: number;
  /** Servers embedded in the zone object (may be empty: then list them with …/zones/{name}/servers). */
  servers: TopologyServer[];
}

/** Normalises an OBServer object; never throws. */
export function normalizeTopologyServer(raw: unknown): TopologyServer {
  const r = obj(raw);
  const status = readEnum(SERVER_STATUSES, r.status);
  const id = num(r.id);
  const ip = str(r.ip);
  const rpcPort = num(r.port);
  return {
    id,
    ip,
    rpcPort,
    sqlPort: num(r.sqlPort),
    address: ip ? (rpcPort !== undefined ? `${ip}:${rpcPort}` : ip) : id !== undefined ? `#${id}` : '?',
    version: str(r.version),
    status: status.value,
    rawStatus: status.raw,
    zoneName: str(r.zoneName),
    clusterId: num(r.clusterId),
    idcName: str(r.idcName),
    regionName: str(r.regionName),
    hostId: num(r.hostId),
    hostTypeName: str(r.hostTypeName),
    withRootserver: bool(r.withRootserver),
    startTime: parseOcpTime(r.startTime),
    stopTime: parseOcpTime(r.stopTime),
  };
}

/** Normalises a zone object; never throws. Embedded servers inherit the zone's name when they lack one. */
export function normalizeTopologyZone(raw: unknown): TopologyZone {
  const r = obj(raw);
  const status = readEnum(ZONE_STATUSES, r.status);
  const name = str(r.name) ?? '';
  const servers = arr(r.servers).filter(isObj).map((s) => {
    const server = normalizeTopologyServer(s);
    return server.zoneName === undefined && name ? { ...server, zoneName: name } : server;
  });
  return {
    name,
    clusterId: num(r.clusterId),
    obClusterId: num(r.obClusterId),
    idcName: str(r.idcName),
    idcId: num(r.idcId),
    regionName: str(r.regionName),
    status: status.value,
    rawStatus: status.raw,
    innerStatus: str(r.innerStatus),
    serverCount: num(r.serverCount) ?? servers.length,
    hostCount: num(r.hostCount),
    servers,
  };
}

// ---- status → icon category and legal actions ------------------------------------------------------------------

/** What a status looks like in the tree (the view picks the codicon and colour per category). */
export type StatusCategory = 'running' | 'stopped' | 'busy' | 'unavailable' | 'maintaining' | 'deleted' | 'unknown';

const CATEGORY: Record<string, StatusCategory> = {
  RUNNING: 'running',
  STOPPED: 'stopped', SERVICE_STOPPED: 'stopped', PROCESS_STOPPED: 'stopped',
  CREATING: 'busy', STARTING: 'busy', RESTARTING: 'busy', STOPPING: 'busy', SERVICE_STOPPING: 'busy', PROCESS_STOPPING: 'busy',
  DELETING: 'busy', REINSTALLING: 'busy',
  UNAVAILABLE: 'unavailable',
  OPERATING: 'maintaining',
  DELETED: 'deleted',
  // cluster-only statuses (ocp-api.md §5.1, ocp-terms.md §1), so clusters can use the same rules
  TAKINGOVER: 'busy', MOVINGOUT: 'busy', SWITCHOVER: 'busy', FAILOVER: 'busy', UPGRADING: 'busy', DISCONNECTING: 'busy',
  STARTING_IN_READ_ONLY: 'busy',
  ABANDONED: 'deleted',
};

/** Icon category of a zone or OBServer status (known or not). */
export function statusCategory(status: string): StatusCategory {
  return CATEGORY[status] ?? 'unknown';
}

export type LifecycleAction = 'start' | 'stop' | 'restart';
export const LIFECYCLE_ACTIONS: readonly LifecycleAction[] = ['start', 'stop', 'restart'];

/** The capability token of each action (menus match `viewItem =~ /\bstartable\b/`). */
export const LIFECYCLE_TOKEN: Readonly<Record<LifecycleAction, string>> = { start: 'startable', stop: 'stoppable', restart: 'restartable' };

const STOPPED_LIKE = new Set(['STOPPED', 'SERVICE_STOPPED', 'PROCESS_STOPPED']);

/**
 * The lifecycle actions the tree offers for a zone, OBServer or cluster status: RUNNING → stop, restart; a stopped
 * status (STOPPED, SERVICE_STOPPED, PROCESS_STOPPED) → start; UNAVAILABLE (OCP cannot reach it) and any status OCP's
 * docs do not list (`UNKNOWN`) → all three, and OCP's own check refuses what it must; an operation in progress,
 * maintenance or DELETED → none.
 */
export function legalActions(status: string): LifecycleAction[] {
  if (status === 'RUNNING') return ['stop', 'restart'];
  if (STOPPED_LIKE.has(status)) return ['start'];
  const category = statusCategory(status);
  if (category === 'busy' || category === 'maintaining' || category === 'deleted') return [];
  return ['start', 'stop', 'restart'];
}

/** The actions legal for every item of a multi-selection (their intersection, in start/stop/restart order). */
export function legalForAll(statuses: readonly string[]): LifecycleAction[] {
  if (!statuses.length) return [];
  const sets = statuses.map((s) => new Set(legalActions(s)));
  return LIFECYCLE_ACTIONS.filter((a) => sets.every((set) => set.has(a)));
}

function statusToken(status: string): string {
  return status === 'UNKNOWN' || status === '' ? 'unknown-status' : status.toLowerCase();
}

/**
 * contextValue tokens of a zone node: `zone`, its status in lower case (or `unknown-status`), `busy` while an
 * operation runs on it, and `startable` / `stoppable` / `restartable` per legalActions.
 */
export function zoneCapabilities(z: Pick<TopologyZone, 'status'>): string[] {
  const caps = ['zone', statusToken(z.status)];
  if (statusCategory(z.status) === 'busy') caps.push('busy');
  for (const a of legalActions(z.status)) caps.push(LIFECYCLE_TOKEN[a]);
  return caps;
}

/** contextValue tokens of an OBServer node: `observer`, status, `busy`, `rootserver`, and the lifecycle tokens. */
export function serverCapabilities(s: Pick<TopologyServer, 'status' | 'withRootserver' | 'id'>): string[] {
  const caps = ['observer', statusToken(s.status)];
  if (statusCategory(s.status) === 'busy') caps.push('busy');
  if (s.withRootserver) caps.push('rootserver');
  // the OBServer calls need the server's id: without one there is nothing to send
  if (s.id !== undefined) for (const a of legalActions(s.status)) caps.push(LIFECYCLE_TOKEN[a]);
  return caps;
}

/**
 * Lifecycle tokens to add to a cluster node's contextValue (beside clusterCapabilities, which already gives
 * `startable` on STOPPED and `stoppable` on RUNNING): `restartable` on RUNNING, and all three on a status OCP's docs
 * do not list, so OCP decides.
 */
export function clusterLifecycleTokens(c: { status: string }): string[] {
  return legalActions(c.status).map((a) => LIFECYCLE_TOKEN[a]);
}

// ---- confirmation facts -----------------------------------------------------------------------------------------

/** Facts a restart confirmation states (the UI words them). */
export interface RestartImpact {
  /** Always true: a restart stops observer processes. */
  destructive: true;
  zoneCount: number;
  serverCount: number;
  /**
   * OCP's console: a rolling restart needs three or more replicas (zones); with fewer the restart interrupts
   * service. The documented API has no rolling/force choice: OCP picks.
   */
  interruptsService: boolean;
}

/** The impact of restarting a cluster with these zones (or of restarting one zone of them). */
export function restartImpact(zones: readonly Pick<TopologyZone, 'serverCount'>[]): RestartImpact {
  return {
    destructive: true,
    zoneCount: zones.length,
    serverCount: zones.reduce((n, z) => n + z.serverCount, 0),
    interruptsService: zones.length < 3,
  };
}

// ---- version gates ------------------------------------------------------------------------------------------------

/**
 * The lowest OCP version whose API reference documents each lifecycle feature (start-cluster.md, restart-cluster.md,
 * failover-tenant.md "Versions and sources"). The 4.3 pages do not print their minor version, so '4.3.0' is the
 * first release of that line; the OCP 3.1.1 reference is the oldest one stored, so '3.1.1' means "every documented
 * version". Kept here for the lead to merge into src/core/model/version.ts.
 */
export const LIFECYCLE_MINIMUM_OCP = {
  startCluster: '3.1.1',
  restartCluster: '3.1.1',
  zoneLifecycle: '3.1.1',
  serverLifecycle: '3.1.1',
  /** `force` on OBServer stop / restart: every documented version (deprecated for stop on the later 4.3 page). */
  serverForce: '3.1.1',
  /** `freezeServer` on OBServer stop / restart (required on the later 4.3 page; unknown to older OCPs). */
  serverFreeze: '4.3.0',
  /** Tenant failoverPreCheck and batch failover (absent from the 4.2.2 reference, the last 4.2 one). */
  tenantFailover: '4.3.0',
} as const;
export type LifecycleFeature = keyof typeof LIFECYCLE_MINIMUM_OCP;
