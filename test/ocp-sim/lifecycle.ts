/*
 * Cluster lifecycle endpoints of the simulator (issue #17), registered by routes.ts ahead of its own routes:
 *   POST /api/v2/ob/clusters/{id}/start | restart                       (start replaces ops.ts's: documented subtasks)
 *   POST /api/v2/ob/clusters/{id}/zones/{zoneName}/start | stop | restart
 *   POST /api/v2/ob/clusters/{id}/servers/{serverId}/start | stop | restart   (stop/restart: force, freezeServer)
 *   POST /api/v2/ob/clusters/{id}/tenants/failoverPreCheck
 *   POST /api/v2/ob/clusters/{id}/tenants/failover  {failoverTenantItemList: [{tenantId, serviceName?}]}
 * Each checks the target's state like OCP would (404 unknown ids, 409 wrong status), sets the "…ING" status at once,
 * and starts a task whose subtasks use the documented names (start-cluster.md, restart-cluster.md). Statuses move
 * along the DAG (TaskHooks.onSubtask): a cluster restart walks zone by zone (rolling): the zone RESTARTING, each of
 * its OBServers RESTARTING from "Stop observer process" to "Update observer status", the zone RUNNING at its
 * "Update zone status"; then the next zone. Rollback restores the statuses from before the call.
 * Simulator's choices (OCP does not document them): zone and OBServer calls need a RUNNING cluster and leave its
 * status alone (the zone-start sample's context says former/target cluster status RUNNING); OBServer calls need the
 * server's zone RUNNING; `force` / `freezeServer` are read from the JSON body or the query string; a forced stop skips
 * "Prepare stop observer"; failover precheck items are {name, passed, message}; the precheck answers one object for a
 * cluster with one standby tenant and {contents: […]} for several, and refuses (409, an error envelope) a cluster
 * without any; a failover task is
 * "Failover ob tenant"; failover promotes the standby (tenantRole PRIMARY, no primaryTenant) and unlinks it from its
 * old primary; an absent failoverTenantItemList means every standby tenant of the cluster.
 */
import { shapeFor, shapeResolver, type Ctx, type Reply } from './core';
import type { StepSpec } from './dag';
import { ApiError, CODES, FieldErrors } from './errors';
import { isoTime } from './format';
import { setClusterStatus } from './inventory';
import { clusterOr404, idParam } from './ops';
import { taskJson } from './task-view';
import type { Cluster, ObServer, SubtaskRec, TaskRec, Tenant, Zone } from './types';

export interface LifecycleRoute { method: 'POST'; pattern: string; handler: (ctx: Ctx) => Reply }

type Action = 'start' | 'stop' | 'restart';

// ---- messages (en-US / zh-CN) ----

const MSG = {
  zoneStatus: ['Zone {0} of cluster {1} is {2}; this operation requires {3}', '集群 {1} 的 Zone {0} 当前状态为 {2}，该操作要求状态为 {3}'],
  serverStatus: ['OBServer {0} is {1}; this operation requires {2}', 'OBServer {0} 当前状态为 {1}，该操作要求状态为 {2}'],
  serverZone: ['Zone {0} of OBServer {1} is {2}; start the zone first', 'OBServer {1} 所在的 Zone {0} 当前状态为 {2}，请先启动该 Zone'],
  serverNotFound: ['OBServer {0} does not exist in cluster {1}', '集群 {1} 中不存在 OBServer {0}'],
  zoneNotFound: ['Zone {0} does not exist in cluster {1}', '集群 {1} 中不存在 Zone {0}'],
  mustBeBoolean: ['must be true or false', '必须是 true 或 false'],
  mustBeList: ['must be a list', '必须是列表'],
  tenantNotStandby: ['Tenant {0} is not a standby tenant', '租户 {0} 不是备租户'],
  noStandby: ['Cluster {0} has no standby tenant', '集群 {0} 没有备租户'],
  failoverBlocked: ['Failover precheck of tenant {0} failed: {1}', '租户 {0} 的容灾切换预检查未通过：{1}'],
  chkStandbyRole: ['Check standby tenant role', '检查备租户角色'],
} satisfies Record<string, [string, string]>;

function msg(ctx: Ctx, key: keyof typeof MSG, ...args: (string | number)[]): string {
  const pair = MSG[key];
  return (ctx.lang === 'zh-CN' ? pair[1] : pair[0]).replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)] ?? ''));
}

// ---- status helpers ----

const STOPPED_LIKE = new Set(['STOPPED', 'SERVICE_STOPPED', 'PROCESS_STOPPED', 'UNAVAILABLE']);
const STARTED_LIKE = new Set(['RUNNING', 'UNAVAILABLE']);

function setServer(s: ObServer, status: string, nowIso: string): void {
  s.status = status;
  if (status === 'STOPPED') s.stopTime = nowIso;
  if (status === 'RUNNING') {
    s.startTime = nowIso;
    s.stopTime = null;
  }
}

function setZone(z: Zone, status: string): void {
  z.status = status;
  z.innerStatus = status === 'RUNNING' ? 'ACTIVE' : 'INACTIVE';
}

/** Remembers the statuses of the cluster, `zones` and their servers (or `servers` only); returns the restorer. */
function remember(c: Cluster, zones: Zone[], servers: ObServer[]): () => void {
  const cluster = c.status;
  const zs = zones.map((z) => [z, z.status, z.innerStatus] as const);
  const ss = [...zones.flatMap((z) => z.servers), ...servers].map((s) => [s, s.status, s.startTime, s.stopTime] as const);
  return () => {
    c.status = cluster;
    for (const [z, status, inner] of zs) {
      z.status = status;
      z.innerStatus = inner;
    }
    for (const [s, status, start, stop] of ss) {
      s.status = status;
      s.startTime = start;
      s.stopTime = stop;
    }
  };
}

interface Rule { phase: 'start' | 'done'; on: 'zone' | 'server'; set: string }

/** onSubtask hook: subtask name + phase → the status its target (zone name or server ip) takes. */
function mover(ctx: Ctx, c: Cluster, rules: Record<string, Rule[]>): (s: SubtaskRec, phase: 'start' | 'done') => void {
  return (s, phase) => {
    if (!s.target) return;
    const now = isoTime(ctx.core.clock.now());
    for (const r of rules[s.name] ?? []) {
      if (r.phase !== phase) continue;
      if (r.on === 'zone') {
        const z = c.zones.find((x) => x.name === s.target);
        if (z) setZone(z, r.set);
      } else {
        for (const z of c.zones) for (const srv of z.servers) if (srv.ip === s.target) setServer(srv, r.set, now);
      }
    }
  };
}

// ---- steps (documented subtask names) ----

const one = (name: string, timeout: number): StepSpec => ({ name, timeout });
const perZone = (name: string, timeout: number, zone: string): StepSpec => ({ name, timeout, targets: [zone], join: 'direct' });
const perServer = (name: string, timeout: number, ips: string[]): StepSpec => ({ name, timeout, targets: ips, join: ips.length > 1 ? 'wait' : 'direct' });
const ipsOf = (z: Zone) => z.servers.map((s) => s.ip);

/** Start: fewer subtasks than create (no install, bootstrap or io bench); zones in parallel. */
export function startClusterChain(c: Cluster): StepSpec[] {
  const zones = c.zones.map((z) => z.name);
  const ips = c.zones.flatMap(ipsOf);
  return [
    one('Prepare start cluster', 60),
    { name: 'Prepare start OB zone', timeout: 300, targets: zones },
    { name: 'Start observer process', timeout: 1800, targets: ips },
    { name: 'Wait observer accessible', timeout: 1200, targets: ips },
    { name: 'Update observer status', timeout: 300, targets: ips },
    { name: 'Start zone', timeout: 300, targets: zones },
    { name: 'Update zone status', timeout: 300, targets: zones },
    one('Sync all tenant information', 300),
    one('Update OB cluster status', 30),
  ];
}

function zoneRestartSegment(z: Zone): StepSpec[] {
  const ips = ipsOf(z);
  return [
    perZone('Prepare restart OB zone', 300, z.name),
    perZone('Prepare restart observer', 300, z.name),
    perServer('Stop observer process', 1800, ips),
    perServer('Start observer process', 1800, ips),
    perZone('Wait observer accessible', 1200, z.name),
    perServer('Update observer status', 300, ips),
    perZone('Start zone', 300, z.name),
    perZone('Update zone status', 300, z.name),
  ];
}

/**
 * Restart: rolling, one zone after the other. Per zone, only stop / start / status update fan out per OBServer (the
 * preparation and the accessibility wait are one subtask per zone), so 100 zones x 30 OBServers make ~9,800 subtasks.
 */
export function restartClusterChain(c: Cluster): StepSpec[] {
  return [
    one('Prepare restart cluster', 60),
    one('Set zone context', 60),
    ...c.zones.flatMap(zoneRestartSegment),
    one('Sync cluster info', 60),
    one('Sync all tenant information', 300),
    one('Update OB cluster status', 30),
  ];
}

function zoneChain(z: Zone, action: Action): StepSpec[] {
  const ips = ipsOf(z);
  if (action === 'restart') return [...zoneRestartSegment(z), one('Sync cluster info', 60)];
  if (action === 'start') {
    return [
      perZone('Prepare start OB zone', 300, z.name),
      perServer('Start ocp agent service', 600, ips),
      perServer('Start observer process', 1800, ips),
      perServer('Wait observer accessible', 1200, ips),
      perServer('Update observer status', 300, ips),
      perZone('Start zone', 300, z.name),
      perZone('Update zone status', 300, z.name),
    ];
  }
  return [
    perZone('Prepare stop OB zone', 300, z.name),
    perServer('Prepare stop observer', 300, ips),
    perServer('Stop observer process', 1800, ips),
    perServer('Update observer status', 300, ips),
    perZone('Stop zone', 300, z.name),
    perZone('Update zone status', 300, z.name),
  ];
}

function serverChain(s: ObServer, action: Action, force: boolean, freeze: boolean): StepSpec[] {
  const ip = [s.ip];
  const freezeStep = freeze ? [perServer('Freeze server', 600, ip)] : [];
  if (action === 'start') {
    return [
      perServer('Prepare start observer', 300, ip), perServer('Start ocp agent service', 600, ip), perServer('Start observer process', 1800, ip),
      perServer('Wait observer accessible', 1200, ip), perServer('Update observer status', 300, ip),
    ];
  }
  if (action === 'stop') {
    return [...(force ? [] : [perServer('Prepare stop observer', 300, ip)]), ...freezeStep, perServer('Stop observer process', 1800, ip), perServer('Update observer status', 300, ip)];
  }
  return [
    ...(force ? [] : [perServer('Prepare restart observer', 300, ip)]), ...freezeStep, perServer('Stop observer process', 1800, ip),
    perServer('Start observer process', 1800, ip), perServer('Wait observer accessible', 1200, ip), perServer('Update observer status', 300, ip),
    one('Sync cluster info', 30),
  ];
}

// ---- shared ----

function clusterRef(c: Cluster) {
  return { id: c.id, name: c.name, obClusterId: c.obClusterId };
}

function taskReply(ctx: Ctx, task: TaskRec): Reply {
  return { kind: 'json', json: taskJson(task, shapeFor(ctx, task, 'post')) };
}

function requireCluster(ctx: Ctx, c: Cluster, wanted: string): void {
  if (c.status !== wanted) throw ctx.e.of(409, CODES.CLUSTER_STATUS_INVALID, 'clusterStatus', c.name, c.status, wanted);
}

function zoneOr404(ctx: Ctx, c: Cluster): Zone {
  const z = c.zones.find((x) => x.name === ctx.params.zone);
  if (!z) throw new ApiError(404, CODES.NOT_FOUND, msg(ctx, 'zoneNotFound', ctx.params.zone, c.name));
  return z;
}

function serverOr404(ctx: Ctx, c: Cluster): { zone: Zone; server: ObServer } {
  const sid = idParam(ctx, 'sid');
  for (const zone of c.zones) for (const server of zone.servers) if (server.id === sid) return { zone, server };
  throw new ApiError(404, CODES.NOT_FOUND, msg(ctx, 'serverNotFound', sid, c.name));
}

function baseContext(c: Cluster): Record<string, string | number> {
  return { cluster_name: c.name, cluster_id: c.id, ocpagent_service_name: 'agent', former_cluster_status: c.status, target_cluster_status: 'RUNNING' };
}

// ---- cluster start / restart ----

function startCluster(ctx: Ctx): Reply {
  const c = clusterOr404(ctx, idParam(ctx, 'id'));
  requireCluster(ctx, c, 'STOPPED');
  const restore = remember(c, c.zones, []);
  const context = { ...baseContext(c), server_ids: c.zones.flatMap((z) => z.servers.map((s) => s.id)), zone_names: c.zones.map((z) => z.name) };
  setClusterStatus(c, 'STARTING', isoTime(ctx.now));
  const task = ctx.core.engine.create({
    name: 'Start OB cluster', steps: startClusterChain(c), creator: ctx.user.username, clusterId: c.id, clusterRef: clusterRef(c), context,
    hooks: {
      onSubtask: mover(ctx, c, {
        'Update observer status': [{ phase: 'done', on: 'server', set: 'RUNNING' }],
        'Update zone status': [{ phase: 'done', on: 'zone', set: 'RUNNING' }],
      }),
      onSuccess: () => setClusterStatus(c, 'RUNNING', isoTime(ctx.core.clock.now())),
      onRollback: restore,
    },
  });
  return taskReply(ctx, task);
}

function restartCluster(ctx: Ctx): Reply {
  const c = clusterOr404(ctx, idParam(ctx, 'id'));
  requireCluster(ctx, c, 'RUNNING');
  const restore = remember(c, c.zones, []);
  const context = { ...baseContext(c), zone_names: c.zones.map((z) => z.name) };
  c.status = 'RESTARTING';
  c.updateTime = isoTime(ctx.now);
  const task = ctx.core.engine.create({
    name: 'Restart OB cluster', steps: restartClusterChain(c), creator: ctx.user.username, clusterId: c.id, clusterRef: clusterRef(c), context,
    hooks: {
      onSubtask: mover(ctx, c, RESTART_RULES),
      onSuccess: () => setClusterStatus(c, 'RUNNING', isoTime(ctx.core.clock.now())),
      onRollback: restore,
    },
  });
  return taskReply(ctx, task);
}

const RESTART_RULES: Record<string, Rule[]> = {
  'Prepare restart OB zone': [{ phase: 'start', on: 'zone', set: 'RESTARTING' }],
  'Stop observer process': [{ phase: 'start', on: 'server', set: 'RESTARTING' }],
  'Update observer status': [{ phase: 'done', on: 'server', set: 'RUNNING' }],
  'Update zone status': [{ phase: 'done', on: 'zone', set: 'RUNNING' }],
};

// ---- zones ----

const ZONE_TASK: Record<Action, string> = { start: 'Start OB zone', stop: 'Stop OB zone', restart: 'Restart OB zone' };
const SERVER_TASK: Record<Action, string> = { start: 'Start OB server', stop: 'Stop OB server', restart: 'Restart OB server' };
const DURING: Record<Action, string> = { start: 'STARTING', stop: 'STOPPING', restart: 'RESTARTING' };
const AFTER: Record<Action, string> = { start: 'RUNNING', stop: 'STOPPED', restart: 'RUNNING' };

function zoneAction(action: Action) {
  return (ctx: Ctx): Reply => {
    const c = clusterOr404(ctx, idParam(ctx, 'id'));
    const z = zoneOr404(ctx, c);
    const ok = action === 'start' ? STOPPED_LIKE.has(z.status) : STARTED_LIKE.has(z.status);
    if (!ok) throw new ApiError(409, CODES.CLUSTER_STATUS_INVALID, msg(ctx, 'zoneStatus', z.name, c.name, z.status, action === 'start' ? 'STOPPED' : 'RUNNING'));
    requireCluster(ctx, c, 'RUNNING');
    const restore = remember(c, [z], []);
    const former = z.status;
    const now = isoTime(ctx.now);
    setZone(z, DURING[action]);
    if (action !== 'restart') for (const s of z.servers) setServer(s, DURING[action], now);
    const rules: Record<string, Rule[]> = action === 'restart' ? RESTART_RULES : action === 'start'
      ? { 'Update observer status': [{ phase: 'done', on: 'server', set: 'RUNNING' }] }
      : { 'Stop observer process': [{ phase: 'done', on: 'server', set: 'STOPPED' }], 'Update zone status': [{ phase: 'done', on: 'zone', set: 'STOPPED' }] };
    const task = ctx.core.engine.create({
      name: ZONE_TASK[action], steps: zoneChain(z, action), creator: ctx.user.username, clusterId: c.id, clusterRef: clusterRef(c),
      context: { ...baseContext(c), zone_name: z.name, former_zone_status: former, target_zone_status: AFTER[action], server_ids: z.servers.map((s) => s.id) },
      hooks: {
        onSubtask: mover(ctx, c, rules),
        onSuccess: () => {
          const at = isoTime(ctx.core.clock.now());
          setZone(z, AFTER[action]);
          for (const s of z.servers) setServer(s, AFTER[action], at);
        },
        onRollback: restore,
      },
    });
    return taskReply(ctx, task);
  };
}

// ---- OBServers ----

function boolOption(ctx: Ctx, fe: FieldErrors, name: string): boolean {
  const body = ctx.body && typeof ctx.body === 'object' && !Array.isArray(ctx.body) ? (ctx.body as Record<string, unknown>) : {};
  const v = body[name] !== undefined ? body[name] : ctx.query.get(name) ?? undefined;
  if (v === undefined || v === null) return false;
  if (v === true || v === 'true') return true;
  if (v === false || v === 'false') return false;
  fe.list.push({ object: 'serverOperationParam', field: name, rejectedValue: v, message: msg(ctx, 'mustBeBoolean') });
  return false;
}

function serverAction(action: Action) {
  return (ctx: Ctx): Reply => {
    const c = clusterOr404(ctx, idParam(ctx, 'id'));
    const { zone, server } = serverOr404(ctx, c);
    const fe = new FieldErrors(ctx.e, 'serverOperationParam');
    const force = action === 'start' ? false : boolOption(ctx, fe, 'force');
    const freeze = action === 'start' ? false : boolOption(ctx, fe, 'freezeServer');
    fe.throwIfAny();
    const ok = action === 'start' ? STOPPED_LIKE.has(server.status) : STARTED_LIKE.has(server.status);
    if (!ok) throw new ApiError(409, CODES.CLUSTER_STATUS_INVALID, msg(ctx, 'serverStatus', `${server.ip}:${server.port}`, server.status, action === 'start' ? 'STOPPED' : 'RUNNING'));
    if (zone.status !== 'RUNNING') throw new ApiError(409, CODES.CLUSTER_STATUS_INVALID, msg(ctx, 'serverZone', zone.name, `${server.ip}:${server.port}`, zone.status));
    requireCluster(ctx, c, 'RUNNING');
    const restore = remember(c, [], [server]);
    setServer(server, DURING[action], isoTime(ctx.now));
    const task = ctx.core.engine.create({
      name: SERVER_TASK[action], steps: serverChain(server, action, force, freeze), creator: ctx.user.username, clusterId: c.id, clusterRef: clusterRef(c),
      hostId: server.hostId ?? undefined,
      context: { ...baseContext(c), zone_name: zone.name, server_id: server.id, server_ids: [server.id], force: String(force), freeze_server: String(freeze) },
      hooks: {
        onSuccess: () => setServer(server, AFTER[action], isoTime(ctx.core.clock.now())),
        onRollback: restore,
      },
    });
    return taskReply(ctx, task);
  };
}

// ---- tenant failover ----

interface Check { name: string; passed: boolean; message: string; error?: ApiError }

function failoverChecks(ctx: Ctx, t: Tenant): Check[] {
  const { e } = ctx;
  const c = ctx.core.state.clusters.get(t.clusterId);
  const out: Check[] = [];
  const add = (name: string, passed: boolean, error: ApiError) => out.push({ name, passed, message: passed ? e.msg('chkOk') : error.message, error: passed ? undefined : error });
  add(msg(ctx, 'chkStandbyRole'), t.tenantRole === 'STANDBY', new ApiError(409, CODES.TENANT_ROLE_INVALID, msg(ctx, 'tenantNotStandby', t.name)));
  add(e.msg('chkClusterStatus'), c?.status === 'RUNNING', e.of(409, CODES.CLUSTER_STATUS_INVALID, 'clusterStatus', c?.name ?? String(t.clusterId), c?.status ?? 'UNKNOWN', 'RUNNING'));
  add(e.msg('chkTenantStatus'), t.status === 'NORMAL', e.of(409, CODES.TENANT_STATUS_INVALID, 'tenantStatus', t.name, t.status));
  out.push({ name: e.msg('chkLogSync'), passed: true, message: e.msg('chkLogSyncOk', 0) });
  return out;
}

/** The standby tenants named by `failoverTenantItemList` (validated), or every standby tenant of the cluster. */
function failoverTargets(ctx: Ctx, c: Cluster, required: boolean): { tenant: Tenant; serviceName?: string }[] {
  const { state } = ctx.core;
  const body = ctx.body && typeof ctx.body === 'object' && !Array.isArray(ctx.body) ? (ctx.body as Record<string, unknown>) : {};
  const list = body.failoverTenantItemList;
  if (list === undefined || list === null) {
    const all = state.tenantsOf(c.id).filter((t) => t.tenantRole === 'STANDBY').map((tenant) => ({ tenant }));
    if (!all.length && required) throw new ApiError(409, CODES.TENANT_ROLE_INVALID, msg(ctx, 'noStandby', c.name));
    return all;
  }
  const fe = new FieldErrors(ctx.e, 'failoverTenantParam');
  if (!Array.isArray(list)) {
    fe.list.push({ object: 'failoverTenantParam', field: 'failoverTenantItemList', rejectedValue: list, message: msg(ctx, 'mustBeList') });
    fe.throwIfAny();
  }
  const items = list as unknown[];
  items.forEach((x, i) => {
    const item = x && typeof x === 'object' ? (x as Record<string, unknown>) : {};
    const f = `failoverTenantItemList[${i}].tenantId`;
    if (fe.required(f, item.tenantId) && (typeof item.tenantId !== 'number' || !Number.isInteger(item.tenantId))) fe.add(f, item.tenantId, 'mustBeNumber');
  });
  fe.throwIfAny();
  return items.map((x) => {
    const item = x as { tenantId: number; serviceName?: unknown };
    const tenant = state.tenant(item.tenantId);
    if (!tenant) throw ctx.e.notFound('Tenant', item.tenantId);
    if (tenant.clusterId !== c.id) throw new ApiError(400, CODES.VALIDATION, ctx.e.msg('pathClusterMismatch', tenant.name, c.name));
    return { tenant, serviceName: typeof item.serviceName === 'string' && item.serviceName ? item.serviceName : undefined };
  });
}

function precheckEntry(ctx: Ctx, t: Tenant): Record<string, unknown> {
  const checks = failoverChecks(ctx, t).map(({ name, passed, message }) => ({ name, passed, message }));
  const primary = t.primaryTenant;
  return {
    valid: checks.every((x) => x.passed), tenantId: t.id, name: t.name, clusterId: t.clusterId, clusterName: t.clusterName,
    syncScn: ctx.now * 1_000_000, primaryTenantServiceName: primary ? `${primary.clusterName}_${primary.name}_service` : null, checkResults: checks,
  };
}

function failoverPreCheck(ctx: Ctx): Reply {
  const c = clusterOr404(ctx, idParam(ctx, 'id'));
  const entries = failoverTargets(ctx, c, true).map(({ tenant }) => precheckEntry(ctx, tenant));
  return { kind: 'data', data: entries.length === 1 ? entries[0] : { contents: entries } };
}

function failover(ctx: Ctx): Reply {
  const { state, engine } = ctx.core;
  const c = clusterOr404(ctx, idParam(ctx, 'id'));
  const targets = failoverTargets(ctx, c, true);
  for (const { tenant } of targets) {
    const failed = failoverChecks(ctx, tenant).find((x) => !x.passed);
    if (failed?.error) throw new ApiError(failed.error.status, failed.error.code, msg(ctx, 'failoverBlocked', tenant.name, failed.message));
  }
  const tasks = targets.map(({ tenant, serviceName }) => {
    tenant.status = 'MODIFYING';
    const steps: StepSpec[] = [
      one('Prepare failover tenant', 60),
      one('Failover to Primary Check', 300),
      { name: 'Failover standby tenant to primary', timeout: 1800, prohibitRollback: true },
      one('Update tenant role in meta', 120),
      ...(serviceName ? [one('Restart tenant service name if started', 600)] : []),
      one('Sync all tenant information', 300),
    ];
    return engine.create({
      name: 'Failover ob tenant', steps, creator: ctx.user.username, clusterId: c.id, tenantId: tenant.id, clusterRef: clusterRef(c),
      context: { tenant_id: tenant.id, tenant_name: tenant.name, primary_tenant_id: tenant.primaryTenant?.id ?? '', service_name: serviceName ?? '' },
      hooks: {
        onSuccess: () => {
          const old = tenant.primaryTenant ? state.tenant(tenant.primaryTenant.id) : undefined;
          if (old) old.standbyTenants = old.standbyTenants.filter((s) => s.id !== tenant.id);
          tenant.primaryTenant = null;
          tenant.tenantRole = 'PRIMARY';
          tenant.status = 'NORMAL';
        },
        onRollback: () => {
          tenant.status = 'NORMAL';
        },
      },
    });
  });
  const shape = shapeResolver(ctx, 'post');
  return { kind: 'json', json: `{"contents":[${tasks.map((t) => taskJson(t, shape(t))).join(',')}]}` };
}

// ---- routes ----

const C = '/api/v2/ob/clusters/:id';

export const LIFECYCLE_ROUTES: LifecycleRoute[] = [
  { method: 'POST', pattern: `${C}/start`, handler: startCluster },
  { method: 'POST', pattern: `${C}/restart`, handler: restartCluster },
  ...(['start', 'stop', 'restart'] as const).flatMap((a): LifecycleRoute[] => [
    { method: 'POST', pattern: `${C}/zones/:zone/${a}`, handler: zoneAction(a) },
    { method: 'POST', pattern: `${C}/servers/:sid/${a}`, handler: serverAction(a) },
  ]),
  { method: 'POST', pattern: `${C}/tenants/failoverPreCheck`, handler: failoverPreCheck },
  { method: 'POST', pattern: `${C}/tenants/failover`, handler: failover },
];
