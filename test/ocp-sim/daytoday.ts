/*
 * Day-to-day endpoints of the simulator (issue #18), registered by routes.ts ahead of its own routes:
 *   GET  /api/v2/alarm/alarms        (alarms.md: page, size ≤ 200, appType, alarmType, scope, level, obCluster, obTenant,
 *                                     hostName, hostIp, appCluster, serviceName, status, activeAtStart, activeAtEnd,
 *                                     isSubscribedByMe, keyword, category)
 *   GET  /api/v2/alarm/alarms/{id}   (the event directly in `data`, as the docs' sample)
 *   POST /api/v2/alarm/alarms        (the 4.2.x push API: {alarmType, labels, target}; how tests add an alert)
 *   GET  /api/v2/obproxy/clusters    and …/{id} (tenant-connection.md: address, port, obLinks, obproxies)
 * and the task list item of GET /api/v2/tasks/instances (taskListItem): besides the fields routes.ts already sent,
 * the documented BasicTaskInstance objects `cluster {id, name, obClusterId, type}` and `tenant {id, name, obTenantId,
 * mode}`. The documented short `subtasks` list is NOT sent: the simulator's existing tests pin "list items carry no
 * subtasks" (envelope-paging.test.ts), and a client must cope with both.
 * The alerts and OBProxy clusters of the default inventory are seeded on first use, per SimState (a reset starts
 * over). Simulator's choices (OCP does not document them): every user subscribes to every alert (isSubscribedByMe is
 * accepted and filters nothing); `keyword` matches summary, description and target; a pushed alert gets the level
 * of its `labels.alarm_level` word (else 3, Warning), scope from `labels.alarm_scope` (else ObCluster with an
 * `ob_cluster` label, else Host) and is Active at the simulated now; `hostName` matches `labels.host_name`.
 */
import { type Ctx, type Reply, data } from './core';
import { ApiError, CODES } from './errors';
import { isoTime } from './format';
import { INVENTORY_EPOCH } from './inventory';
import { idParam } from './ops';
import { keyword, pageOf, parsePaging } from './query';
import type { SimState } from './state';
import { basicTask } from './task-view';
import type { TaskRec, TaskShape } from './types';

export interface DayToDayRoute { method: 'GET' | 'POST'; pattern: string; handler: (ctx: Ctx) => Reply }

// ---- seeded data ----

export interface SimAlarm {
  id: number; appType: string; alarmType: string; scope: string; level: number; status: string; target: string;
  summary: string; description: string; activeAt: number; resolvedAt: number | null; updatedAt: number;
  labels: Record<string, string>;
}

export interface SimObproxyCluster {
  id: number; name: string; address?: string; port?: number; configUrl: string; workMode: string; parameterVersion: number;
  creatorId: number; creatorName: string; createTime: string; updateTime: string;
  obLinks: { clusterId: number; clusterName: string; username: string; status: string; connections: number; obClusterId: number; clusterType: string }[];
  versions: { version: string; count: number }[];
  topo: { idcName: string; count: number }[];
  obproxies: {
    id: number; clusterId: number; hostId: number | null; idcName: string; lastActiveTime: string; parameterVersion: number; ip: string;
    sqlPort: number; exporterPort: number; version: string; status: string; operateStatus: string; architecture: string;
  }[];
}

interface DayState {
  alarms: SimAlarm[]; nextAlarmId: number; obproxies: SimObproxyCluster[];
  /** When set, GET /api/v2/alarm/alarms answers this: 403 (a user who may not read alerts) or 404 (an OCP without the API). */
  alarmListFails?: 403 | 404;
}

const LEVEL_WORD = ['', 'Stopped', 'Critical', 'Warning', 'Caution', 'Reminder'];
const byState = new WeakMap<SimState, DayState>();
const HOUR = 3_600_000;

function alarm(id: number, level: number, spec: { appType?: string; alarmType: string; scope: string; summary: string; labels: Record<string, string>; at: number; status?: string }): SimAlarm {
  const status = spec.status ?? 'Active';
  const target = Object.entries(spec.labels).filter(([k]) => ['ob_cluster', 'tenant_name', 'svr_ip'].includes(k)).map(([k, v]) => `${k}=${v}`).join(':');
  return {
    id, appType: spec.appType ?? 'OB', alarmType: spec.alarmType, scope: spec.scope, level, status, target,
    summary: spec.summary, description: `${target}. ${spec.summary}`, activeAt: spec.at, resolvedAt: status === 'Active' ? null : spec.at + HOUR,
    updatedAt: spec.at + (status === 'Active' ? 60_000 : HOUR),
    labels: {
      ...spec.labels, alarm_name: spec.alarmType, app_type: spec.appType ?? 'OB', alarm_level: LEVEL_WORD[level], alarm_status: status,
      alarm_scope: spec.scope, alarm_target: target,
    },
  };
}

/** The alerts of the default inventory (only when its clusters exist: an empty inventory has none). */
function seedAlarms(state: SimState): SimAlarm[] {
  const out: SimAlarm[] = [];
  const base = INVENTORY_EPOCH + 20 * 86_400_000;
  let id = 1000160;
  const prod = state.clusterByName('obcluster_prod');
  const dr = state.clusterByName('obcluster_dr');
  const test = state.clusterByName('obcluster_test');
  if (prod) {
    out.push(alarm(id++, 2, { alarmType: 'obagent_dead', scope: 'Host', summary: 'OBAgent on 10.0.1.12 is not responding.', labels: { ob_cluster: prod.name, svr_ip: '10.0.1.12', host_ip: '10.0.1.12' }, at: base }));
    out.push(alarm(id++, 3, { alarmType: 'ob_tenant_cpu_usage_high', scope: 'ObTenant', summary: 'CPU usage of tenant order_mysql is above 90%.', labels: { ob_cluster: prod.name, tenant_name: 'order_mysql' }, at: base + 2 * HOUR }));
    out.push(alarm(id++, 3, { alarmType: 'ob_disk_usage_high', scope: 'ObCluster', summary: 'Data disk usage of 10.0.1.13 is above 85%.', labels: { ob_cluster: prod.name, svr_ip: '10.0.1.13' }, at: base + 3 * HOUR }));
    out.push(alarm(id++, 1, { alarmType: 'ob_server_down', scope: 'ObCluster', summary: 'OBServer 10.0.1.11 was down.', labels: { ob_cluster: prod.name, svr_ip: '10.0.1.11' }, at: base - 24 * HOUR, status: 'Inactive' }));
  }
  if (dr) out.push(alarm(id++, 4, { alarmType: 'ob_clog_sync_delay', scope: 'ObCluster', summary: 'Standby cluster replication delay is above 10 s.', labels: { obregion: dr.name }, at: base + HOUR }));
  if (test) out.push(alarm(id++, 1, { alarmType: 'ob_cluster_down', scope: 'ObCluster', summary: `Cluster ${test.name} is not serving.`, labels: { ob_cluster: test.name }, at: base + 4 * HOUR }));
  if (prod) out.push(alarm(id++, 1, { appType: 'OCP', alarmType: 'no_enough_exporter', scope: 'Host', summary: 'The number of exporter processes is insufficient.', labels: { svr_ip: '10.0.0.5', host_ip: '10.0.0.5', service: 'OCP' }, at: base + 5 * HOUR }));
  return out;
}

function seedObproxies(state: SimState): SimObproxyCluster[] {
  const prod = state.clusterByName('obcluster_prod');
  const dr = state.clusterByName('obcluster_dr');
  if (!prod) return [];
  const t = isoTime(INVENTORY_EPOCH + 3 * 86_400_000);
  const proxy = (id: number, clusterId: number, ip: string, idcName: string, status = 'RUNNING') => ({
    id, clusterId, hostId: null, idcName, lastActiveTime: t, parameterVersion: 3, ip, sqlPort: 2883, exporterPort: 2884,
    version: '4.2.3.0-20231225', status, operateStatus: 'NORMAL', architecture: 'x86_64',
  });
  const link = (c: NonNullable<typeof prod>) => ({ clusterId: c.id, clusterName: c.name, username: 'proxyro', status: c.status, connections: 12, obClusterId: c.obClusterId, clusterType: c.type });
  const common = { configUrl: '', workMode: 'CONFIG_URL', parameterVersion: 3, creatorId: 100, creatorName: 'admin', createTime: t, updateTime: t, versions: [{ version: '4.2.3.0-20231225', count: 2 }] };
  const out: SimObproxyCluster[] = [
    {
      ...common, id: 1, name: 'obproxy_prod', address: '10.0.6.10', port: 2883, obLinks: [link(prod)],
      topo: [{ idcName: 'hz1', count: 2 }], obproxies: [proxy(1, 1, '10.0.6.11', 'hz1'), proxy(2, 1, '10.0.6.12', 'hz1')],
    },
    { ...common, id: 2, name: 'obproxy_idle', address: '10.0.6.20', port: 2883, obLinks: [], topo: [{ idcName: 'hz1', count: 1 }], obproxies: [proxy(3, 2, '10.0.6.21', 'hz1')] },
  ];
  // a cluster reached only through its proxies' own addresses: no access address on the OBProxy cluster
  if (dr) out.push({ ...common, id: 3, name: 'obproxy_dr', obLinks: [link(dr)], topo: [{ idcName: 'hz2', count: 2 }], obproxies: [proxy(4, 3, '10.0.6.31', 'hz2'), proxy(5, 3, '10.0.6.32', 'hz2', 'UNAVAILABLE')] });
  for (const p of out) p.configUrl = `http://10.0.0.5:8080/services?Action=GetObProxyConfig&User_ID=admin&UID=admin&ObproxyClusterName=${p.name}`;
  return out;
}

export function dayState(state: SimState): DayState {
  let d = byState.get(state);
  if (!d) {
    const alarms = seedAlarms(state);
    d = { alarms, nextAlarmId: Math.max(1000200, ...alarms.map((a) => a.id + 1)), obproxies: seedObproxies(state) };
    byState.set(state, d);
  }
  return d;
}

// ---- task list items ----

/** A task list item: routes.ts's header fields plus the documented BasicTaskInstance objects (module comment). */
export function taskListItem(state: SimState, task: TaskRec, shape: TaskShape): Record<string, unknown> {
  const o = basicTask(task, shape);
  const cluster = task.clusterId !== undefined ? state.clusters.get(task.clusterId) : undefined;
  if (cluster) o.cluster = { id: cluster.id, name: cluster.name, obClusterId: cluster.obClusterId, type: cluster.type };
  else if (task.clusterRef && !o.cluster) o.cluster = task.clusterRef;
  const tenant = task.tenantId !== undefined ? state.tenant(task.tenantId) : undefined;
  if (tenant) o.tenant = { id: tenant.id, name: tenant.name, obTenantId: tenant.obTenantId, mode: tenant.mode };
  return o;
}

// ---- alerts ----

const ALARM_SIZE_MAX = 200;

function sizeError(ctx: Ctx, raw: string) {
  const message = ctx.lang === 'zh-CN' ? `必须在 1 到 ${ALARM_SIZE_MAX} 之间` : `must be between 1 and ${ALARM_SIZE_MAX}`;
  return ctx.e.validation([{ object: 'pageable', field: 'size', rejectedValue: raw, message }]);
}

function timeParam(ctx: Ctx, key: string): number | null {
  const v = ctx.query.get(key);
  if (v === null || v.trim() === '') return null;
  const t = Date.parse(v);
  if (Number.isNaN(t)) {
    const message = ctx.lang === 'zh-CN' ? '必须是 ISO-8601 时间' : 'must be an ISO-8601 time';
    throw ctx.e.validation([{ object: 'query', field: key, rejectedValue: v, message }]);
  }
  return t;
}

function alarmJson(a: SimAlarm): Record<string, unknown> {
  const o: Record<string, unknown> = {
    id: a.id, appType: a.appType, alarmType: a.alarmType, scope: a.scope, level: a.level, status: a.status, target: a.target,
    summary: a.summary, description: a.description, activeAt: isoTime(a.activeAt), updatedAt: isoTime(a.updatedAt), labels: a.labels,
    gmtCreate: isoTime(a.activeAt), gmtModified: isoTime(a.updatedAt),
  };
  if (a.resolvedAt !== null) o.resolvedAt = isoTime(a.resolvedAt);
  return o;
}

/**
 * Makes the alert list fail as an OCP would for a user without the alert permission (403) or an OCP version without
 * the API (404, the unknown-path envelope); undefined serves it again. Per SimState: a reset serves it again.
 */
export function failAlarmList(state: SimState, status: 403 | 404 | undefined): void {
  dayState(state).alarmListFails = status;
}

function listAlarms(ctx: Ctx): Reply {
  const fails = dayState(ctx.core.state).alarmListFails;
  if (fails === 403) throw new ApiError(403, CODES.NOT_PERMITTED, ctx.e.msg('notPermitted'));
  if (fails === 404) throw new ApiError(404, CODES.NOT_FOUND, ctx.e.msg('pathNotFound', ctx.method, ctx.path));
  const q = ctx.query;
  const rawSize = q.get('size');
  if (rawSize !== null && rawSize.trim() !== '' && /^\d+$/.test(rawSize.trim()) && Number(rawSize) > ALARM_SIZE_MAX) throw sizeError(ctx, rawSize);
  const p = parsePaging(q, ctx.e);
  const exact = (key: string) => {
    const v = q.get(key);
    return v && v.trim() ? v.trim().toLowerCase() : null;
  };
  const appType = exact('appType');
  const alarmType = exact('alarmType');
  const scope = exact('scope');
  const status = exact('status');
  const levelRaw = q.get('level');
  const level = levelRaw && levelRaw.trim() ? Number(levelRaw) : null;
  if (level !== null && !(Number.isInteger(level) && level >= 1 && level <= 5)) {
    const message = ctx.lang === 'zh-CN' ? '必须在 1 到 5 之间' : 'must be between 1 and 5';
    throw ctx.e.validation([{ object: 'query', field: 'level', rejectedValue: levelRaw, message }]);
  }
  const obCluster = exact('obCluster');
  const obTenant = exact('obTenant');
  const hostIp = exact('hostIp');
  const hostName = exact('hostName');
  const appCluster = exact('appCluster');
  const serviceName = exact('serviceName');
  const category = exact('category');
  const kw = keyword(q, 'keyword');
  const from = timeParam(ctx, 'activeAtStart');
  const to = timeParam(ctx, 'activeAtEnd');
  const lc = (v: string | undefined) => (v ?? '').toLowerCase();
  const list = dayState(ctx.core.state).alarms.filter((a) =>
    (!appType || lc(a.appType) === appType) && (!alarmType || lc(a.alarmType) === alarmType) && (!scope || lc(a.scope) === scope) &&
    (!status || lc(a.status) === status) && (level === null || a.level === level) &&
    (!obCluster || lc(a.labels.ob_cluster ?? a.labels.obregion) === obCluster) && (!obTenant || lc(a.labels.tenant_name) === obTenant) &&
    (!hostIp || lc(a.labels.svr_ip) === hostIp || lc(a.labels.host_ip) === hostIp) && (!hostName || lc(a.labels.host_name) === hostName) &&
    (!appCluster || lc(a.labels.app_cluster) === appCluster) && (!serviceName || lc(a.labels.service) === serviceName) &&
    (!category || (category === 'ob' ? a.appType === 'OB' : a.appType !== 'OB')) &&
    (!kw || [a.summary, a.description, a.target].some((s) => s.toLowerCase().includes(kw))) &&
    (from === null || a.activeAt >= from) && (to === null || a.activeAt <= to));
  const sorted = list.slice().sort((x, y) => y.activeAt - x.activeAt || y.id - x.id);
  const page = pageOf(sorted.length, p, (a, b) => sorted.slice(a, b).map(alarmJson));
  return data(page);
}

function pushAlarm(ctx: Ctx): Reply {
  const b = (ctx.body && typeof ctx.body === 'object' ? ctx.body : {}) as Record<string, unknown>;
  const alarmType = typeof b.alarmType === 'string' ? b.alarmType.trim() : '';
  if (!alarmType) {
    const message = ctx.lang === 'zh-CN' ? '不能为空' : 'must not be blank';
    throw ctx.e.validation([{ object: 'alarm', field: 'alarmType', rejectedValue: b.alarmType ?? null, message }]);
  }
  const labels: Record<string, string> = {};
  if (b.labels && typeof b.labels === 'object') for (const [k, v] of Object.entries(b.labels)) if (typeof v === 'string') labels[k] = v;
  const d = dayState(ctx.core.state);
  const word = (labels.alarm_level ?? '').toLowerCase();
  const idx = LEVEL_WORD.findIndex((w, i) => i > 0 && w.toLowerCase() === word);
  const scope = labels.alarm_scope ?? (labels.ob_cluster ? 'ObCluster' : 'Host');
  const a = alarm(d.nextAlarmId++, idx > 0 ? idx : 3, {
    appType: labels.app_type ?? 'OB', alarmType, scope, summary: labels.summary ?? alarmType, labels, at: ctx.now,
  });
  if (typeof b.target === 'string' && b.target) a.target = b.target;
  a.labels.alarm_name = labels.alarm_name ?? alarmType;
  d.alarms.push(a);
  return data(alarmJson(a));
}

// ---- routes ----

export const DAYTODAY_ROUTES: DayToDayRoute[] = [
  { method: 'GET', pattern: '/api/v2/alarm/alarms', handler: listAlarms },
  { method: 'POST', pattern: '/api/v2/alarm/alarms', handler: pushAlarm },
  {
    method: 'GET', pattern: '/api/v2/alarm/alarms/:id', handler: (ctx) => {
      const id = idParam(ctx, 'id');
      const a = dayState(ctx.core.state).alarms.find((x) => x.id === id);
      if (!a) throw ctx.e.notFound('Alarm', id);
      return data(alarmJson(a));
    },
  },
  { method: 'GET', pattern: '/api/v2/obproxy/clusters', handler: (ctx) => data(pageOf(dayState(ctx.core.state).obproxies.length, parsePaging(ctx.query, ctx.e), (a, b) => dayState(ctx.core.state).obproxies.slice(a, b))) },
  {
    method: 'GET', pattern: '/api/v2/obproxy/clusters/:id', handler: (ctx) => {
      const id = idParam(ctx, 'id');
      const p = dayState(ctx.core.state).obproxies.find((x) => x.id === id);
      if (!p) throw ctx.e.notFound('OBProxy cluster', id);
      return data(p);
    },
  },
];
