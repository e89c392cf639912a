// Cluster lifecycle calls (issue #17): start / stop / restart of a cluster, a zone or an OBServer, tenant failover and
// its precheck, and the zone / OBServer lists. Only the paths and parameters the OCP pages document
// (start-cluster.md, restart-cluster.md, stop-cluster.md, failover-tenant.md, ocp-api.md §5). Each operation is ONE
// POST through the client's POST path, which never retries; the returned task is normalised with normalizeTask.
// Functions take the client (anything with OcpClient's post/paginate) instead of living on it.

import { tasksOfBatch, readFailoverPrecheck, refusedFailoverPrecheck, type FailoverPrecheck } from '../model/failover';
import { normalizeTask, type Task } from '../model/task';
import { normalizeTopologyServer, normalizeTopologyZone, type LifecycleAction, type TopologyServer, type TopologyZone } from '../model/topology';
import { isOcpError } from './errors';
import type { RequestOptions } from './http';
import type { Page, Query, Raw } from './types';

/** The part of OcpClient these calls use. */
export interface LifecycleClient {
  post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  paginate<T = Raw>(path: string, query?: Query, options?: { pageSize?: number; signal?: AbortSignal; onPage?: (p: Page<T>) => void }): AsyncGenerator<T>;
}

/** An operation OCP accepted: the task it started, normalised, and the raw task (what the task tracker takes). */
export interface Started {
  task: Task;
  raw: Raw;
}

const CLUSTERS = '/api/v2/ob/clusters';
const seg = (v: string | number) => encodeURIComponent(String(v));

function started(raw: Raw): Started {
  return { task: normalizeTask(raw), raw };
}

// ---- paths (exported for the tests and for the UI's logs) ----------------------------------------------------------

export function clusterActionPath(clusterId: number, action: LifecycleAction): string {
  return `${CLUSTERS}/${seg(clusterId)}/${action}`;
}

export function zoneActionPath(clusterId: number, zoneName: string, action: LifecycleAction): string {
  return `${CLUSTERS}/${seg(clusterId)}/zones/${seg(zoneName)}/${action}`;
}

export function serverActionPath(clusterId: number, serverId: number, action: LifecycleAction): string {
  return `${CLUSTERS}/${seg(clusterId)}/servers/${seg(serverId)}/${action}`;
}

// ---- clusters ------------------------------------------------------------------------------------------------------

/** POST /api/v2/ob/clusters/{id}/{start|stop|restart}: no query, no body (every documented version). One POST. */
export async function clusterAction(client: LifecycleClient, clusterId: number, action: LifecycleAction, signal?: AbortSignal): Promise<Started> {
  return started(await client.post<Raw>(clusterActionPath(clusterId, action), undefined, { signal }));
}

export const startCluster = (c: LifecycleClient, clusterId: number, signal?: AbortSignal) => clusterAction(c, clusterId, 'start', signal);
export const stopCluster = (c: LifecycleClient, clusterId: number, signal?: AbortSignal) => clusterAction(c, clusterId, 'stop', signal);
/** The documented restart takes only the id: no rolling / force / scope choice (OCP decides; see restartImpact). */
export const restartCluster = (c: LifecycleClient, clusterId: number, signal?: AbortSignal) => clusterAction(c, clusterId, 'restart', signal);

// ---- zones ---------------------------------------------------------------------------------------------------------

/** POST …/clusters/{id}/zones/{zoneName}/{start|stop|restart}: the pages document no parameter at all. One POST. */
export async function zoneAction(client: LifecycleClient, clusterId: number, zoneName: string, action: LifecycleAction, signal?: AbortSignal): Promise<Started> {
  return started(await client.post<Raw>(zoneActionPath(clusterId, zoneName, action), undefined, { signal }));
}

// ---- OBServers -----------------------------------------------------------------------------------------------------

export interface ServerActionOptions {
  /** Stop / restart only: "stop (restart) forcibly". Documented in every version, default false. */
  force?: boolean;
  /**
   * Stop / restart only, later 4.3.x pages: run a minor compaction before the node stops (marked required there;
   * unknown to older OCPs, so it is sent only when given).
   */
  freezeServer?: boolean;
  signal?: AbortSignal;
}

/**
 * POST …/clusters/{id}/servers/{serverId}/{start|stop|restart}. Start takes no parameter. For stop and restart the
 * pages list `force` (and, later 4.3, `freezeServer`) without saying whether they travel in the query string or in a
 * JSON body, so a given option is sent in both (each place is ignored by an OCP that reads the other). Nothing is
 * sent when no option is given. One POST.
 */
export async function serverAction(client: LifecycleClient, clusterId: number, serverId: number, action: LifecycleAction, options: ServerActionOptions = {}): Promise<Started> {
  const params: Record<string, boolean> = {};
  if (action !== 'start') {
    if (typeof options.force === 'boolean') params.force = options.force;
    if (typeof options.freezeServer === 'boolean') params.freezeServer = options.freezeServer;
  }
  const any = Object.keys(params).length > 0;
  const raw = await client.post<Raw>(serverActionPath(clusterId, serverId, action), any ? params : undefined, { signal: options.signal, query: any ? params : undefined });
  return started(raw);
}

// ---- tenant failover (OCP 4.3) ------------------------------------------------------------------------------------------

export function failoverPreCheckPath(clusterId: number): string {
  return `${CLUSTERS}/${seg(clusterId)}/tenants/failoverPreCheck`;
}

export function failoverPath(clusterId: number): string {
  return `${CLUSTERS}/${seg(clusterId)}/tenants/failover`;
}

/**
 * POST …/clusters/{id}/tenants/failoverPreCheck (no documented body: none is sent), read for the standby tenant
 * `tenantId` of cluster `clusterId`. A refusal that comes back as an OCP error envelope with a 4xx status other than
 * 404/405 (route unknown: an OCP older than 4.3) counts as a failed precheck, as failover-tenant.md advises; every
 * other error is thrown. Synchronous, changes nothing, one POST.
 */
export async function failoverPreCheck(client: LifecycleClient, clusterId: number, tenantId: number, signal?: AbortSignal): Promise<FailoverPrecheck> {
  try {
    const data = await client.post<unknown>(failoverPreCheckPath(clusterId), undefined, { signal });
    return readFailoverPrecheck(data, tenantId);
  } catch (e) {
    if (isOcpError(e) && e.kind === 'http' && e.status !== undefined && e.status >= 400 && e.status < 500 && e.status !== 404 && e.status !== 405) {
      return refusedFailoverPrecheck(e.message);
    }
    throw e;
  }
}

export interface FailoverStarted {
  /** One task per promoted tenant (a list of one here), normalised. */
  tasks: Task[];
  /** The raw tasks, in the same order (hand each to the tracker). */
  raw: Raw[];
}

/**
 * POST …/clusters/{id}/tenants/failover with `{failoverTenantItemList: [{tenantId[, serviceName]}]}`: the documented
 * batch call, with a list of one (no single-tenant failover path is documented). `data` is read as `data.contents`
 * (the page's sample) or as one task (its table). One POST.
 */
export async function failoverTenant(client: LifecycleClient, clusterId: number, tenantId: number, options: { serviceName?: string; signal?: AbortSignal } = {}): Promise<FailoverStarted> {
  const item: { tenantId: number; serviceName?: string } = { tenantId };
  if (options.serviceName) item.serviceName = options.serviceName;
  const data = await client.post<unknown>(failoverPath(clusterId), { failoverTenantItemList: [item] }, { signal: options.signal });
  const raw = tasksOfBatch(data).filter((t): t is Raw => !!t && typeof t === 'object');
  return { tasks: raw.map((t) => normalizeTask(t)), raw };
}

// ---- zones and OBServers lists --------------------------------------------------------------------------------------

/** GET …/clusters/{id}/zones, every page (a list without `page` is complete), normalised. */
export async function listZones(client: LifecycleClient, clusterId: number, signal?: AbortSignal): Promise<TopologyZone[]> {
  const out: TopologyZone[] = [];
  for await (const z of client.paginate(`${CLUSTERS}/${seg(clusterId)}/zones`, {}, { signal })) out.push(normalizeTopologyZone(z));
  return out;
}

export interface ListServersOptions {
  /** Only this zone's servers: GET …/clusters/{id}/zones/{zoneName}/servers (the doc prints it without `/ob`, a typo). */
  zoneName?: string;
  /** Items per page request (default and maximum 2000). */
  pageSize?: number;
  signal?: AbortSignal;
}

/** The OBServers of a cluster (or of one zone), page by page: lets the tree show the first servers before the rest. */
export async function* paginateServers(client: LifecycleClient, clusterId: number, options: ListServersOptions = {}): AsyncGenerator<TopologyServer> {
  const path = options.zoneName === undefined
    ? `${CLUSTERS}/${seg(clusterId)}/servers`
    : `${CLUSTERS}/${seg(clusterId)}/zones/${seg(options.zoneName)}/servers`;
  for await (const s of client.paginate(path, {}, { pageSize: options.pageSize, signal: options.signal })) {
    const server = normalizeTopologyServer(s);
    yield server.zoneName === undefined && options.zoneName !== undefined ? { ...server, zoneName: options.zoneName } : server;
  }
}

/** Every OBServer of a cluster (or of one zone), normalised. */
export async function listServers(client: LifecycleClient, clusterId: number, options: ListServersOptions = {}): Promise<TopologyServer[]> {
  const out: TopologyServer[] = [];
  for await (const s of paginateServers(client, clusterId, options)) out.push(s);
  return out;
}
