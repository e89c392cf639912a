// Day-to-day calls (issue #18): the task list with filters and paging (query-tasks.md), active alerts of a connection
// (alarms.md), and the addresses a tenant can be reached at (tenant-connection.md). Only documented paths and
// parameters; every call here is a GET. Functions take the client (anything with OcpClient's get/paginate) instead of
// living on it.

import { normalizeAlarm, type Alarm } from '../model/alarm';
import { normalizeObproxyCluster, tenantEndpoints, unitServerIps, type ConnectCluster, type ObproxyCluster, type TenantEndpoint } from '../model/connect';
import { buildTaskQuery, readTaskPage, type TaskFilter, type TaskPage, type TaskPageRequest } from '../model/taskQuery';
import { normalizeTopologyServer, type TopologyServer } from '../model/topology';
import type { RequestOptions } from './http';
import type { Page, Query, Raw } from './types';

/** The part of OcpClient these calls use. */
export interface DayToDayClient {
  get<T>(path: string, options?: RequestOptions): Promise<T>;
  paginate<T = Raw>(path: string, query?: Query, options?: { pageSize?: number; signal?: AbortSignal; onPage?: (p: Page<T>) => void }): AsyncGenerator<T>;
}

export const TASKS_PATH = '/api/v2/tasks/instances';
export const ALARMS_PATH = '/api/v2/alarm/alarms';
export const OBPROXY_CLUSTERS_PATH = '/api/v2/obproxy/clusters';
const seg = (v: string | number) => encodeURIComponent(String(v));

// ---- tasks ---------------------------------------------------------------------------------------------------------

/**
 * One page of the task list: GET /api/v2/tasks/instances with the documented filters (buildTaskQuery), newest first by
 * default. The result carries the cursor (`nextPage`) for "Load more…". One GET (the transport may retry a GET).
 */
export async function queryTasks(client: DayToDayClient, filter: TaskFilter = {}, request: TaskPageRequest = {}, signal?: AbortSignal): Promise<TaskPage & { ignored: ReturnType<typeof buildTaskQuery>['ignored'] }> {
  const { query, ignored } = buildTaskQuery(filter, request);
  const data = await client.get<unknown>(TASKS_PATH, { query, signal });
  return { ...readTaskPage(data, { page: Number(query.page), size: Number(query.size) }), ignored };
}

// ---- alerts --------------------------------------------------------------------------------------------------------

/** Largest `size` the alert list accepts (alarms.md: at most 200, not 2000). */
export const ALARM_PAGE_MAX = 200;

export interface ActiveAlarms {
  /** Active alerts, normalised, in OCP's order. */
  alarms: Alarm[];
  /** `totalElements` of the answer (may exceed alarms.length: see `complete`). */
  total: number;
  /** False when OCP has more active alerts than one page of 200 holds: counts built from `alarms` are then lower bounds. */
  complete: boolean;
}

/**
 * The active alerts of a whole connection in ONE request: GET /api/v2/alarm/alarms?status=Active&page=1&size=200
 * (the docs' own polling guide uses status=Active and isSubscribedByMe=false; the list is not per cluster, so one call
 * covers every cluster of the connection). Neither `appType` nor `scope` is sent (their spellings differ between
 * versions). More than 200 active alerts cannot be read in one request: `complete` is then false.
 */
export async function listActiveAlarms(client: DayToDayClient, signal?: AbortSignal): Promise<ActiveAlarms> {
  const query = { isSubscribedByMe: 'false', status: 'Active', page: 1, size: ALARM_PAGE_MAX };
  const data = await client.get<unknown>(ALARMS_PATH, { query, signal });
  const d = (data ?? {}) as Raw;
  const contents: unknown[] = Array.isArray(data) ? data : Array.isArray(d.contents) ? d.contents : [];
  const alarms = contents.map(normalizeAlarm).filter((a): a is Alarm => a !== undefined);
  const totalRaw = Array.isArray(data) ? undefined : Number(d.page?.totalElements);
  const total = totalRaw !== undefined && Number.isFinite(totalRaw) ? Math.max(totalRaw, alarms.length) : alarms.length;
  return { alarms, total, complete: total <= alarms.length };
}

/** One alert event: GET /api/v2/alarm/alarms/{id}; the event is read from `data` or `data.contents` (both documented). */
export async function getAlarm(client: DayToDayClient, id: number, signal?: AbortSignal): Promise<Alarm | undefined> {
  const data = await client.get<unknown>(`${ALARMS_PATH}/${seg(id)}`, { signal });
  const d = (data ?? {}) as Raw;
  const item = Array.isArray(d.contents) ? d.contents[0] : d.contents && typeof d.contents === 'object' ? d.contents : d;
  return normalizeAlarm(item);
}

// ---- tenant connection ------------------------------------------------------------------------------------------------

/** Every OBProxy cluster: GET /api/v2/obproxy/clusters (no documented parameters), all pages, normalised. */
export async function listObproxyClusters(client: DayToDayClient, signal?: AbortSignal): Promise<ObproxyCluster[]> {
  const out: ObproxyCluster[] = [];
  for await (const p of client.paginate(OBPROXY_CLUSTERS_PATH, {}, { signal })) out.push(normalizeObproxyCluster(p));
  return out;
}

/** The OBServers of a cluster (GET /api/v2/ob/clusters/{id}/servers), for their `ip` and `sqlPort`. */
export async function listClusterServers(client: DayToDayClient, clusterId: number, signal?: AbortSignal): Promise<TopologyServer[]> {
  const out: TopologyServer[] = [];
  for await (const s of client.paginate(`/api/v2/ob/clusters/${seg(clusterId)}/servers`, {}, { signal })) out.push(normalizeTopologyServer(s));
  return out;
}

/** What the connection-command builder needs to know about where a cluster can be reached. */
export interface ClusterReach {
  obproxyClusters: ObproxyCluster[];
  servers: TopologyServer[];
}

/**
 * The two documented reads behind "Connect to a tenant": the OBProxy clusters (one list for the whole connection) and
 * the cluster's OBServers. Pass `obproxyClusters` when the caller already has them (one list per refresh).
 */
export async function clusterReach(client: DayToDayClient, clusterId: number, options: { obproxyClusters?: ObproxyCluster[]; signal?: AbortSignal } = {}): Promise<ClusterReach> {
  const [obproxyClusters, servers] = await Promise.all([
    options.obproxyClusters ? Promise.resolve(options.obproxyClusters) : listObproxyClusters(client, options.signal),
    listClusterServers(client, clusterId, options.signal),
  ]);
  return { obproxyClusters, servers };
}

/**
 * Where a tenant can be reached, best first (tenantEndpoints): the OBProxy clusters linked to its cluster, else the
 * RUNNING OBServers' SQL ports, those hosting the tenant's units first (read from the tenant detail,
 * GET /api/v2/ob/clusters/{clusterId}/tenants/{tenantId}). Three documented GETs (two when `obproxyClusters` is given).
 */
export async function tenantConnectionEndpoints(
  client: DayToDayClient,
  cluster: ConnectCluster,
  tenantId: number,
  options: { obproxyClusters?: ObproxyCluster[]; signal?: AbortSignal } = {},
): Promise<TenantEndpoint[]> {
  const [reach, detail] = await Promise.all([
    clusterReach(client, cluster.id, options),
    client.get<unknown>(`/api/v2/ob/clusters/${seg(cluster.id)}/tenants/${seg(tenantId)}`, { signal: options.signal }),
  ]);
  return tenantEndpoints(cluster, reach, unitServerIps(detail));
}
