/*
 * The operations: create cluster, take over (+ precheck), stop, start, tenant switchover (+ precheck).
 * Each validates its input like OCP (400 + subErrors per field, 404 for unknown ids, 409 for a wrong state),
 * then starts a task (engine.ts) whose hooks change the target when it succeeds or is rolled back.
 *
 * Takeover precheck result (the real schema is unconfirmed; simulator's choice):
 *   { clusterName, obClusterId, obVersion, clusterType, address, port, connectionMode, valid,
 *     zones: [{name, servers: [{ip, port}]}], checkResults: [{name, passed, message}] }
 * Built-in precheck behaviour: address 10.0.0.250 fails with a list of problems; 10.0.0.200 (legacy_ob, 3 zones)
 * needs rootSysPassword aaAA11__; any other address passes with any password (a one-server cluster); an address
 * already served by a managed cluster fails. Scenario `takeOverTargets` replaces the built-in list.
 */
import { shapeFor, type Ctx, type Reply } from './core';
import { ApiError, CODES, FieldErrors } from './errors';
import { isoTime } from './format';
import { addTenant, buildCluster, buildHost, linkStandby, obRpmName, OB_PACKAGES, setClusterStatus, type ZoneSpec } from './inventory';
import { hostClusterService, hostInUse, releaseHost } from './state';
import { taskJson } from './task-view';
import { createClusterSteps, stopClusterSteps, switchoverSteps, takeOverSteps, type Targets } from './templates';
import type { Cluster, Host, TakeOverTarget, TaskRec, Tenant } from './types';

export const DEFAULT_TAKEOVER_TARGETS: TakeOverTarget[] = [
  { address: '10.0.0.200', port: 2881, clusterName: 'legacy_ob', rootSysPassword: 'aaAA11__', obVersion: '4.2.1.2', zones: 3, serversPerZone: 1 },
  {
    address: '10.0.0.250', clusterName: 'broken_ob', obVersion: '4.2.1.2',
    problems: [
      'clock of 10.0.0.250 differs from OCP by 2300 ms (limit 100 ms)',
      'disk /data on 10.0.0.250 is 93% full (limit 90%)',
      'port 62888 for the OCP agent is in use on 10.0.0.250',
    ],
  },
];

const NAME_RE = /^[A-Za-z][A-Za-z0-9_]{1,47}$/;

function obj(body: unknown): Record<string, any> {
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, any>) : {};
}

export function idParam(ctx: Ctx, name: string): number {
  const raw = ctx.params[name];
  if (!/^\d+$/.test(raw)) {
    const fe = new FieldErrors(ctx.e, 'path');
    fe.add(name, raw, 'mustBeNumber');
    fe.throwIfAny();
  }
  return Number(raw);
}

export function clusterOr404(ctx: Ctx, id: number): Cluster {
  const c = ctx.core.state.clusters.get(id);
  if (!c) throw ctx.e.notFound('Cluster', id);
  return c;
}

function targetsOf(c: Cluster): Targets {
  const servers = c.zones.flatMap((z) => z.servers.map((s) => s.ip));
  return { hosts: servers, zones: c.zones.map((z) => z.name), servers };
}

function clusterRef(c: Cluster) {
  return { id: c.id, name: c.name, obClusterId: c.obClusterId };
}

function taskReply(ctx: Ctx, task: TaskRec): Reply {
  return { kind: 'json', json: taskJson(task, shapeFor(ctx, task, 'post')) };
}

function requireStatus(ctx: Ctx, c: Cluster, wanted: string): void {
  if (c.status !== wanted) throw ctx.e.of(409, CODES.CLUSTER_STATUS_INVALID, 'clusterStatus', c.name, c.status, wanted);
}

// ---- create cluster ----

export function createCluster(ctx: Ctx): Reply {
  const { state, engine } = ctx.core;
  const b = obj(ctx.body);
  const fe = new FieldErrors(ctx.e, 'createClusterParam');
  if (fe.required('name', b.name)) {
    if (typeof b.name !== 'string' || !NAME_RE.test(b.name)) fe.add('name', b.name, 'nameRule');
    else if (state.clusterByName(b.name)) fe.add('name', b.name, 'nameExists', b.name);
  }
  const pkg = state.packages.find((p) => p.type === 'OB_SERVER_INSTALL_PACKAGE' && p.fileName === b.rpmName);
  if (fe.required('rpmName', b.rpmName) && !pkg) fe.add('rpmName', b.rpmName, 'packageNotFound', String(b.rpmName));
  if (fe.required('type', b.type) && b.type !== 'PRIMARY' && b.type !== 'STANDBY') fe.add('type', b.type, 'oneOf', 'PRIMARY, STANDBY');
  fe.required('password', b.password);
  const zones: ZoneSpec[] = [];
  const hostsSeen = new Set<number>();
  if (!Array.isArray(b.zones) || !b.zones.length) {
    fe.add('zones', b.zones, b.zones === undefined || b.zones === null ? 'required' : 'nonEmptyList');
  } else {
    const names = new Set<string>();
    b.zones.forEach((z0: unknown, i: number) => {
      const z = obj(z0);
      const f = (k: string) => `zones[${i}].${k}`;
      if (fe.required(f('name'), z.name)) {
        if (typeof z.name !== 'string' || !NAME_RE.test(z.name)) fe.add(f('name'), z.name, 'nameRule');
        else if (names.has(z.name)) fe.add(f('name'), z.name, 'zoneDuplicate', z.name);
        names.add(String(z.name));
      }
      const idc = typeof z.idcName === 'string' ? state.idcByName(z.idcName) : undefined;
      if (fe.required(f('idcName'), z.idcName) && !idc) fe.add(f('idcName'), z.idcName, 'idcNotFound', String(z.idcName));
      const servers: { ip: string; host: Host }[] = [];
      if (!Array.isArray(z.servers) || !z.servers.length) {
        fe.add(f('servers'), z.servers, z.servers === undefined || z.servers === null ? 'required' : 'nonEmptyList');
      } else {
        z.servers.forEach((hid: unknown, j: number) => {
          const field = `zones[${i}].servers[${j}]`;
          const host = typeof hid === 'number' ? state.hosts.get(hid) : undefined;
          if (!host) fe.add(field, hid, 'hostNotFound', String(hid));
          else if (hostsSeen.has(host.id)) fe.add(field, hid, 'hostDuplicate', host.id);
          else if (hostInUse(host)) fe.add(field, hid, 'hostInUse', host.id, hostClusterService(host)?.split(':')[0] ?? '');
          else servers.push({ ip: host.innerIpAddress, host });
          if (host) hostsSeen.add(host.id);
        });
      }
      if (idc) zones.push({ name: String(z.name), idc, servers });
    });
  }
  fe.throwIfAny();
  const now = isoTime(ctx.now);
  const cluster = buildCluster(state, {
    name: b.name, version: pkg!.version, build: pkg!.buildNumber, type: b.type, status: 'CREATING', zones, createTime: now, creator: ctx.user.username,
  });
  // The documented body names no primary cluster (create-cluster.md): a STANDBY is created unlinked.
  const hostIds = zones.flatMap((z) => z.servers.map((s) => s.host!.id));
  const task = engine.create({
    name: b.type === 'STANDBY' ? 'Create standby OB cluster' : 'Create primary OB cluster',
    steps: createClusterSteps(targetsOf(cluster)), creator: ctx.user.username, clusterId: cluster.id, clusterRef: clusterRef(cluster),
    context: {
      cluster_version: cluster.obVersion, cluster_name: cluster.name, cluster_type: cluster.type, ob_cluster_id: cluster.obClusterId,
      cluster_id: cluster.id, rpm_name: b.rpmName, primary_zone: b.primaryZone ?? '', sql_port: 2881, target_cluster_status: 'RUNNING',
      host_ids: hostIds, zone_names: zones.map((z) => z.name),
    },
    hooks: {
      onSuccess: () => {
        setClusterStatus(cluster, 'RUNNING', isoTime(ctx.core.clock.now()));
        addTenant(state, cluster, { name: 'sys', mode: 'MYSQL', obTenantId: 1, createTime: isoTime(ctx.core.clock.now()) });
      },
      onRollback: () => unlinkAndRemove(ctx, cluster),
    },
  });
  return taskReply(ctx, task);
}

function unlinkAndRemove(ctx: Ctx, cluster: Cluster): void {
  const { state } = ctx.core;
  for (const c of state.clusters.values()) c.standbyClusters = c.standbyClusters.filter((s) => s.id !== cluster.id);
  state.removeCluster(cluster.id);
}

// ---- stop / start ----

export function stopCluster(ctx: Ctx): Reply {
  const c = clusterOr404(ctx, idParam(ctx, 'id'));
  requireStatus(ctx, c, 'RUNNING');
  return statusTask(ctx, c, 'STOPPING', 'STOPPED', 'RUNNING', 'Stop OB cluster', stopClusterSteps(targetsOf(c)));
}

function statusTask(ctx: Ctx, c: Cluster, during: string, after: string, before: string, name: string, steps: ReturnType<typeof stopClusterSteps>): Reply {
  const clock = ctx.core.clock;
  setClusterStatus(c, during, isoTime(ctx.now));
  const task = ctx.core.engine.create({
    name, steps, creator: ctx.user.username, clusterId: c.id, clusterRef: clusterRef(c),
    context: { cluster_name: c.name, cluster_id: c.id, former_cluster_status: before, server_ids: c.zones.flatMap((z) => z.servers.map((s) => s.id)), zone_names: c.zones.map((z) => z.name) },
    hooks: {
      onSuccess: () => setClusterStatus(c, after, isoTime(clock.now())),
      onRollback: () => setClusterStatus(c, before, isoTime(clock.now())),
    },
  });
  return taskReply(ctx, task);
}

// ---- take over ----

interface TakeOverPlan {
  target: TakeOverTarget;
  address: string;
  port: number;
  valid: boolean;
  passwordOk: boolean;
  checkResults: { name: string; passed: boolean; message: string }[];
}

function validateTakeOver(ctx: Ctx, b: Record<string, any>, withHostInfo: boolean): void {
  const fe = new FieldErrors(ctx.e, 'takeOverParam');
  fe.required('rootSysPassword', b.rootSysPassword);
  fe.required('address', b.address);
  if (fe.required('port', b.port) && (typeof b.port !== 'number' || !Number.isInteger(b.port) || b.port < 1 || b.port > 65535)) fe.add('port', b.port, 'portRange');
  const mode = b.connectionMode ?? 'direct';
  if (mode !== 'direct' && mode !== 'proxy') fe.add('connectionMode', b.connectionMode, 'oneOf', 'direct, proxy');
  if (mode === 'proxy' && (typeof b.clusterName !== 'string' || !b.clusterName.trim())) fe.add('clusterName', b.clusterName, 'clusterNameRequired');
  if (withHostInfo && b.hostInfo !== undefined && b.hostInfo !== null) {
    const h = obj(b.hostInfo);
    const { state } = ctx.core;
    if (h.kind !== undefined && !['DEDICATED_PHYSICAL_MACHINE', 'DEDICATED_CONTAINER', 'DEDICATED_ECS'].includes(h.kind)) {
      fe.add('hostInfo.kind', h.kind, 'oneOf', 'DEDICATED_PHYSICAL_MACHINE, DEDICATED_CONTAINER, DEDICATED_ECS');
    }
    if (fe.required('hostInfo.hostTypeId', h.hostTypeId) && !state.hostTypes.some((t) => t.id === h.hostTypeId)) fe.add('hostInfo.hostTypeId', h.hostTypeId, 'hostTypeNotFound', String(h.hostTypeId));
    if (fe.required('hostInfo.credentialId', h.credentialId) && !state.credentials.some((c) => c.id === h.credentialId)) fe.add('hostInfo.credentialId', h.credentialId, 'credentialNotFound', String(h.credentialId));
  }
  fe.throwIfAny();
}

function planTakeOver(ctx: Ctx, b: Record<string, any>): TakeOverPlan {
  const { e } = ctx;
  const address = String(b.address).trim();
  const port = b.port as number;
  const listed = ctx.core.settings.takeOverTargets.find((t) => t.address === address && (t.port === undefined || t.port === port));
  const target: TakeOverTarget = listed ?? { address, clusterName: b.clusterName ?? `ob_${address.replace(/[^A-Za-z0-9]/g, '_')}`, obVersion: OB_PACKAGES[0].version };
  const checks: TakeOverPlan['checkResults'] = [{ name: e.msg('chkConnect', address, port), passed: true, message: e.msg('chkConnectOk') }];
  const passwordOk = target.rootSysPassword === undefined || target.rootSysPassword === b.rootSysPassword;
  checks.push({ name: e.msg('chkPassword'), passed: passwordOk, message: e.msg(passwordOk ? 'chkPasswordOk' : 'chkPasswordFail') });
  const ips = serverIps(target);
  const managed = [...ctx.core.state.clusters.values()].find((c) => c.name === target.clusterName || c.zones.some((z) => z.servers.some((s) => ips.includes(s.ip))));
  checks.push({ name: e.msg('chkManaged'), passed: !managed, message: managed ? e.msg('alreadyManaged', address, managed.name) : e.msg('chkManagedOk') });
  checks.push({ name: e.msg('chkVersion'), passed: true, message: e.msg('chkVersionOk', target.obVersion ?? OB_PACKAGES[0].version) });
  for (const p of target.problems ?? []) checks.push({ name: e.msg('chkProblem'), passed: false, message: p });
  return { target, address, port, valid: checks.every((c) => c.passed), passwordOk, checkResults: checks };
}

/** The target's server addresses: its address first, then the next IPs (or `name-1`, `name-2` for host names). */
function serverIps(t: TakeOverTarget): string[] {
  const n = Math.max(1, (t.zones ?? 1) * (t.serversPerZone ?? 1));
  const m = /^(\d+\.\d+\.\d+\.)(\d+)$/.exec(t.address);
  return Array.from({ length: n }, (_, i) => {
    if (i === 0) return t.address;
    return m ? `${m[1]}${(Number(m[2]) + i) % 256}` : `${t.address}-${i}`;
  });
}

function zoneLayout(t: TakeOverTarget): { name: string; ips: string[] }[] {
  const ips = serverIps(t);
  const per = Math.max(1, t.serversPerZone ?? 1);
  return Array.from({ length: Math.max(1, t.zones ?? 1) }, (_, z) => ({ name: `zone${z + 1}`, ips: ips.slice(z * per, z * per + per) }));
}

export function takeOverPreCheck(ctx: Ctx): Reply {
  const b = obj(ctx.body);
  validateTakeOver(ctx, b, false);
  const plan = planTakeOver(ctx, b);
  const t = plan.target;
  if (ctx.core.settings.documentedOnly) {
    // documented: only `clusterName`; a refusal comes back as an error envelope (ocp-api.md §6, failover-tenant.md)
    if (!plan.valid) throw new ApiError(400, CODES.TAKEOVER_PRECHECK_FAILED, ctx.e.msg('takeOverFailed', plan.checkResults.filter((c) => !c.passed).map((c) => c.message).join('; ')));
    return { kind: 'data', data: { clusterName: t.clusterName } };
  }
  return {
    kind: 'data',
    data: {
      clusterName: plan.passwordOk ? t.clusterName : null,
      obClusterId: plan.passwordOk ? 1 : null,
      obVersion: plan.passwordOk ? (t.obVersion ?? OB_PACKAGES[0].version) : null,
      clusterType: 'PRIMARY',
      address: plan.address,
      port: plan.port,
      connectionMode: b.connectionMode ?? 'direct',
      valid: plan.valid,
      zones: plan.passwordOk ? zoneLayout(t).map((z) => ({ name: z.name, servers: z.ips.map((ip) => ({ ip, port: 2882 })) })) : [],
      checkResults: plan.checkResults,
    },
  };
}

export function takeOver(ctx: Ctx): Reply {
  const { state, engine, clock } = ctx.core;
  const b = obj(ctx.body);
  validateTakeOver(ctx, b, true);
  const plan = planTakeOver(ctx, b);
  if (!plan.valid) {
    const failed = plan.checkResults.filter((c) => !c.passed).map((c) => c.message).join('; ');
    throw new ApiError(400, CODES.TAKEOVER_PRECHECK_FAILED, ctx.e.msg('takeOverFailed', failed));
  }
  const t = plan.target;
  const hi = obj(b.hostInfo);
  const now = isoTime(ctx.now);
  const created: Host[] = [];
  const zones: ZoneSpec[] = zoneLayout(t).map((z, zi) => {
    const idc = state.idcs[zi % state.idcs.length];
    return {
      name: z.name, idc,
      servers: z.ips.map((ip) => {
        let host = [...state.hosts.values()].find((h) => h.innerIpAddress === ip);
        if (!host) {
          host = buildHost(state, { name: `${t.clusterName}-${ip}`, ip, idc, typeId: hi.hostTypeId, createTime: now });
          if (hi.kind) host.kind = hi.kind;
          created.push(host);
        }
        return { ip, host };
      }),
    };
  });
  const pkg = OB_PACKAGES.find((p) => p.version === t.obVersion) ?? OB_PACKAGES[0];
  const cluster = buildCluster(state, { name: t.clusterName, version: t.obVersion ?? pkg.version, build: pkg.build, type: 'PRIMARY', status: 'TAKINGOVER', zones, createTime: now, creator: ctx.user.username });
  const task = engine.create({
    name: 'Take over primary OB cluster', steps: takeOverSteps(targetsOf(cluster)), creator: ctx.user.username, clusterId: cluster.id,
    clusterRef: clusterRef(cluster),
    context: { cluster_name: cluster.name, cluster_id: cluster.id, ob_connect_address: `${plan.address}:${plan.port}`, connection_mode: b.connectionMode ?? 'direct', rpm_name: obRpmName(pkg.version, pkg.build) },
    hooks: {
      onSuccess: () => {
        const at = isoTime(clock.now());
        setClusterStatus(cluster, 'RUNNING', at);
        addTenant(state, cluster, { name: 'sys', mode: 'MYSQL', obTenantId: 1, createTime: at });
        addTenant(state, cluster, { name: 'app_mysql', mode: 'MYSQL', obTenantId: 1002, createTime: at });
      },
      onRollback: () => {
        unlinkAndRemove(ctx, cluster);
        for (const h of created) {
          releaseHost(h);
          state.hosts.delete(h.id);
        }
      },
    },
  });
  // The only documented take-over answer is OCP 4.x's (take-over-cluster.md: data.clusterId, subtasks[]), so the
  // 'mixed' scenario does not turn it into the old shape; a taskShape fault still can.
  const forced = ctx.core.faults.takeShape('post', ctx.method, ctx.path);
  const setting = ctx.core.settings.taskShape;
  return { kind: 'json', json: taskJson(task, forced ?? task.shape ?? (setting === 'mixed' ? 'new' : setting)) };
}

// ---- tenant switchover ----

interface SwitchoverPair { primary: Tenant; standby: Tenant; cluster: Cluster }

function switchoverPair(ctx: Ctx): SwitchoverPair {
  const { state } = ctx.core;
  const cluster = clusterOr404(ctx, idParam(ctx, 'id'));
  const pathTenant = idParam(ctx, 'tid');
  const b = obj(ctx.body);
  const fe = new FieldErrors(ctx.e, 'switchoverParam');
  for (const f of ['tenantId', 'standbyTenantId']) {
    if (fe.required(f, b[f]) && (typeof b[f] !== 'number' || !Number.isInteger(b[f]))) fe.add(f, b[f], 'mustBeNumber');
  }
  fe.throwIfAny();
  const primary = state.tenant(b.tenantId);
  if (!primary) throw ctx.e.notFound('Tenant', b.tenantId);
  const standby = state.tenant(b.standbyTenantId);
  if (!standby) throw ctx.e.notFound('Tenant', b.standbyTenantId);
  if (pathTenant !== primary.id && pathTenant !== standby.id) throw new ApiError(400, CODES.VALIDATION, ctx.e.msg('pathTenantMismatch', pathTenant));
  const inPath = pathTenant === primary.id ? primary : standby;
  if (inPath.clusterId !== cluster.id) throw new ApiError(400, CODES.VALIDATION, ctx.e.msg('pathClusterMismatch', inPath.name, cluster.name));
  return { primary, standby, cluster };
}

/** Precheck findings, first failing first; `error` is the ApiError the switchover itself would raise. */
function switchoverChecks(ctx: Ctx, p: SwitchoverPair): { name: string; passed: boolean; message: string; error?: ApiError }[] {
  const { e } = ctx;
  const { state } = ctx.core;
  const out: { name: string; passed: boolean; message: string; error?: ApiError }[] = [];
  const add = (name: string, passed: boolean, okMsg: string, error: ApiError) => out.push({ name, passed, message: passed ? okMsg : error.message, error: passed ? undefined : error });
  add(e.msg('chkTenantRole'), p.primary.tenantRole === 'PRIMARY', e.msg('chkOk'), e.of(409, CODES.TENANT_ROLE_INVALID, 'tenantNotPrimary', p.primary.name));
  add(e.msg('chkRelation'), p.standby.primaryTenant?.id === p.primary.id, e.msg('chkOk'), e.of(409, CODES.TENANT_ROLE_INVALID, 'notStandbyOf', p.standby.name, p.primary.name));
  for (const t of [p.primary, p.standby]) {
    const c = state.clusters.get(t.clusterId);
    add(e.msg('chkClusterStatus'), c?.status === 'RUNNING', e.msg('chkOk'), e.of(409, CODES.CLUSTER_STATUS_INVALID, 'clusterStatus', c?.name ?? String(t.clusterId), c?.status ?? 'UNKNOWN', 'RUNNING'));
    add(e.msg('chkTenantStatus'), t.status === 'NORMAL', e.msg('chkOk'), e.of(409, CODES.TENANT_STATUS_INVALID, 'tenantStatus', t.name, t.status));
  }
  out.push({ name: e.msg('chkLogSync'), passed: true, message: e.msg('chkLogSyncOk', 0) });
  return out;
}

export function switchoverPreCheck(ctx: Ctx): Reply {
  const p = switchoverPair(ctx);
  const all = switchoverChecks(ctx, p).map(({ name, passed, message }) => ({ name, passed, message }));
  const valid = all.every((c) => c.passed);
  // PreCheckResult's fields are not documented (failover-tenant.md): documentedOnly sends the list empty
  const checks = ctx.core.settings.documentedOnly ? [] : all;
  return {
    kind: 'data',
    data: {
      valid, tenantId: p.primary.id, name: p.primary.name, clusterId: p.primary.clusterId, clusterName: p.primary.clusterName,
      standbyCheckResults: {
        valid, tenantId: p.standby.id, name: p.standby.name, clusterId: p.standby.clusterId, clusterName: p.standby.clusterName,
        syncScn: ctx.now * 1_000_000, primaryTenantServiceName: `${p.primary.clusterName}_${p.primary.name}_service`, checkResults: checks,
      },
    },
  };
}

export function switchover(ctx: Ctx): Reply {
  const { state, engine } = ctx.core;
  const p = switchoverPair(ctx);
  const failed = switchoverChecks(ctx, p).find((c) => !c.passed);
  if (failed?.error) throw failed.error;
  const { primary, standby } = p;
  primary.status = 'MODIFYING';
  standby.status = 'MODIFYING';
  const task = engine.create({
    name: 'Switchover ob tenant for network mode', steps: switchoverSteps(primary.standbyTenants.map((s) => s.name)), creator: ctx.user.username,
    clusterId: primary.clusterId, tenantId: primary.id, clusterRef: clusterRef(state.clusters.get(primary.clusterId)!),
    context: { tenant_id: primary.id, tenant_name: primary.name, standby_tenant_id: standby.id, standby_tenant_name: standby.name },
    hooks: {
      onSuccess: () => swapRoles(ctx, primary, standby),
      onRollback: () => {
        primary.status = 'NORMAL';
        standby.status = 'NORMAL';
      },
    },
  });
  return taskReply(ctx, task);
}

function swapRoles(ctx: Ctx, primary: Tenant, standby: Tenant): void {
  const { state } = ctx.core;
  const others = primary.standbyTenants.filter((s) => s.id !== standby.id).map((r) => state.tenant(r.id)).filter((t): t is Tenant => !!t);
  primary.standbyTenants = [];
  primary.primaryTenant = null;
  standby.primaryTenant = null;
  standby.standbyTenants = [];
  standby.tenantRole = 'PRIMARY';
  linkStandby(state, standby, primary);
  for (const o of others) {
    o.standbyTenants = [];
    linkStandby(state, standby, o);
  }
  primary.status = 'NORMAL';
  standby.status = 'NORMAL';
}
