/* The OCP API v2 routes served by the simulator (reads, operations, task controls). */
import { data, shapeFor, shapeResolver, type Ctx, type Reply } from './core';
import { ApiError, CODES } from './errors';
import { isoTime } from './format';
import { tenantDetail } from './inventory';
import { DAYTODAY_ROUTES, taskListItem } from './daytoday';
import { LIFECYCLE_ROUTES } from './lifecycle';
import { clusterOr404, createCluster, idParam, stopCluster, switchover, switchoverPreCheck, takeOver, takeOverPreCheck } from './ops';
import { boolParam, keyword, multi, numberParam, pageOf, paginate, parsePaging, sortItems } from './query';
import { subtaskObject, taskJson } from './task-view';
import type { TaskRec, Tenant } from './types';

export type Handler = (ctx: Ctx) => Reply;
interface Route { method: string; re: RegExp; keys: string[]; handler: Handler }

const routes: Route[] = [];

function on(method: string, pattern: string, handler: Handler): void {
  const keys: string[] = [];
  // OCP routes cluster paths as {id:[\d]+} (failover-tenant.md): a segment under /ob/clusters/ that is not a number
  // (/clusters/stats, /clusters/parameterInfo) matches no id route and is a 404, not a 400.
  const numeric = pattern.startsWith('/api/v2/ob/clusters/');
  const re = new RegExp('^' + pattern.replace(/:(\w+)/g, (_, k: string) => (keys.push(k), numeric && (k === 'id' || k === 'tid') ? '(\\d+)' : '([^/]+)')) + '/?$');
  routes.push({ method, re, keys, handler });
}

export type RouteMatch = { handler: Handler; params: Record<string, string> } | { status: 404 | 405 };

export function matchRoute(method: string, path: string): RouteMatch {
  let pathMatched = false;
  for (const r of routes) {
    const m = r.re.exec(path);
    if (!m) continue;
    pathMatched = true;
    if (r.method !== method) continue;
    const params: Record<string, string> = {};
    r.keys.forEach((k, i) => (params[k] = decodeURIComponent(m[i + 1])));
    return { handler: r.handler, params };
  }
  return { status: pathMatched ? 405 : 404 };
}

// lifecycle endpoints first (lifecycle.ts: cluster start/restart, zones, OBServers, failover)
for (const r of LIFECYCLE_ROUTES) on(r.method, r.pattern, r.handler);
// day-to-day endpoints (daytoday.ts): alerts, OBProxy clusters
for (const r of DAYTODAY_ROUTES) on(r.method, r.pattern, r.handler);

// ---- clusters ----

on('GET', '/api/v2/ob/clusters', (ctx) => {
  const p = parsePaging(ctx.query, ctx.e);
  const name = keyword(ctx.query, 'name');
  const status = multi(ctx.query, 'status');
  // documented filters (cluster-details.md): name (case-insensitive substring), status; withStandby=true keeps primaries
  const withStandby = boolParam(ctx.query, 'withStandby');
  let list = [...ctx.core.state.clusters.values()];
  if (name || status || withStandby) {
    list = list.filter((c) => (!name || c.name.toLowerCase().includes(name)) && (!status || status.has(c.status)) && (!withStandby || c.type === 'PRIMARY'));
  }
  return data(paginate(list, p));
});
on('POST', '/api/v2/ob/clusters', createCluster);
on('POST', '/api/v2/ob/clusters/takeOverPreCheck', takeOverPreCheck);
on('POST', '/api/v2/ob/clusters/takeOver', takeOver);
// Not documented by any OCP version (cluster-details.md): served only when a scenario asks for it.
on('GET', '/api/v2/ob/clusters/:id', (ctx) => {
  if (!ctx.core.settings.serveClusterDetail) throw new ApiError(404, CODES.NOT_FOUND, ctx.e.msg('pathNotFound', ctx.method, ctx.path));
  return data(clusterOr404(ctx, idParam(ctx, 'id')));
});
on('POST', '/api/v2/ob/clusters/:id/stop', stopCluster);
on('GET', '/api/v2/ob/clusters/:id/zones', (ctx) => data({ contents: clusterOr404(ctx, idParam(ctx, 'id')).zones }));
on('GET', '/api/v2/ob/clusters/:id/servers', (ctx) => {
  // documented filters (cluster-details.md): regionName, idcName
  const region = ctx.query.get('regionName');
  const idc = ctx.query.get('idcName');
  const servers = clusterOr404(ctx, idParam(ctx, 'id')).zones.flatMap((z) => z.servers);
  return data({ contents: servers.filter((s) => (!region || s.regionName === region) && (!idc || s.idcName === idc)) });
});
on('GET', '/api/v2/ob/clusters/:id/zones/:zone/servers', (ctx) => {
  const c = clusterOr404(ctx, idParam(ctx, 'id'));
  const zone = c.zones.find((z) => z.name === ctx.params.zone);
  if (!zone) throw ctx.e.notFound('Zone', ctx.params.zone);
  return data({ contents: zone.servers });
});

// ---- tenants ----

function tenantFilter(ctx: Ctx): ((t: Tenant) => boolean) | null {
  const q = ctx.query;
  const name = keyword(q, 'name');
  const mode = multi(q, 'mode');
  const status = multi(q, 'status');
  const locked = boolParam(q, 'locked');
  const readonly = boolParam(q, 'readonly');
  const clusterName = keyword(q, 'clusterName');
  if (!name && !mode && !status && locked === null && readonly === null && !clusterName) return null;
  return (t) =>
    (!name || t.name.toLowerCase().includes(name)) && (!mode || mode.has(t.mode.toUpperCase())) && (!status || status.has(t.status)) &&
    (locked === null || t.locked === locked) && (readonly === null || t.readonly === readonly) &&
    (!clusterName || t.clusterName.toLowerCase().includes(clusterName));
}

on('GET', '/api/v2/ob/clusters/:id/tenants', (ctx) => {
  const c = clusterOr404(ctx, idParam(ctx, 'id'));
  const p = parsePaging(ctx.query, ctx.e);
  const f = tenantFilter(ctx);
  const list = ctx.core.state.tenantsOf(c.id);
  return data(paginate(f ? list.filter(f) : list, p));
});
on('GET', '/api/v2/ob/clusters/:id/tenants/:tid', (ctx) => {
  const c = clusterOr404(ctx, idParam(ctx, 'id'));
  const tid = idParam(ctx, 'tid');
  const t = ctx.core.state.tenant(tid);
  if (!t || t.clusterId !== c.id) throw ctx.e.notFound('Tenant', tid);
  return data(tenantDetail(ctx.core.state, t));
});
on('POST', '/api/v2/ob/clusters/:id/tenants/:tid/switchoverPreCheck', switchoverPreCheck);
on('POST', '/api/v2/ob/clusters/:id/tenants/:tid/switchover', switchover);
on('GET', '/api/v2/ob/tenants', (ctx) => {
  const { state } = ctx.core;
  const p = parsePaging(ctx.query, ctx.e);
  const f = tenantFilter(ctx);
  if (f || p.sort.length) return data(paginate(state.scanTenants(f ?? undefined), p));
  // no filter, no sort: cluster order, tenants materialised only for the requested page
  const clusters = [...state.clusters.values()];
  const total = clusters.reduce((n, c) => n + c.tenantCount, 0);
  return data(pageOf(total, p, (from, to) => {
    const out: Tenant[] = [];
    let offset = 0;
    for (const c of clusters) {
      if (offset + c.tenantCount > from && offset < to) {
        const ts = state.tenantsOf(c.id);
        out.push(...ts.slice(Math.max(0, from - offset), to - offset));
      }
      offset += c.tenantCount;
      if (offset >= to) break;
    }
    return out;
  }));
});

// ---- compute, profiles, packages ----

on('GET', '/api/v2/compute/hosts', (ctx) => {
  const q = ctx.query;
  const p = parsePaging(q, ctx.e);
  const kw = keyword(q, 'keyword');
  const inc = multi(q, 'includedServiceType');
  const exc = multi(q, 'excludedServiceType');
  const status = multi(q, 'status');
  // documented filters only (query-hosts.md): keyword matches hostname, IP and the deployed services
  const list = [...ctx.core.state.hosts.values()].filter((h) =>
    (!kw || h.name.toLowerCase().includes(kw) || h.innerIpAddress.includes(kw) || h.services.some((s) => s.name.toLowerCase().includes(kw))) &&
    (!inc || h.services.some((s) => inc.has(s.type))) && (!exc || !h.services.some((s) => exc.has(s.type))) &&
    (!status || status.has(h.status)));
  return data(paginate(list, p));
});
on('GET', '/api/v2/compute/hosts/:id', (ctx) => {
  const id = idParam(ctx, 'id');
  const h = ctx.core.state.hosts.get(id);
  if (!h) throw ctx.e.notFound('Host', id);
  return data(h);
});
on('GET', '/api/v2/compute/regions', (ctx) => data(paginate(ctx.core.state.regions, parsePaging(ctx.query, ctx.e))));
on('GET', '/api/v2/compute/idcs', (ctx) => data(paginate(ctx.core.state.idcs, parsePaging(ctx.query, ctx.e))));
on('GET', '/api/v2/compute/hostTypes', (ctx) => data(paginate(ctx.core.state.hostTypes, parsePaging(ctx.query, ctx.e))));
on('GET', '/api/v2/profiles/me/credentials', (ctx) => {
  const type = multi(ctx.query, 'targetType');
  const list = ctx.core.state.credentials.filter((c) => !type || type.has(c.targetType));
  return data(paginate(list, parsePaging(ctx.query, ctx.e)));
});
on('GET', '/api/v2/software-packages', (ctx) => {
  const q = ctx.query;
  const p = parsePaging(q, ctx.e);
  const type = multi(q, 'type');
  const kw = keyword(q, 'keyword');
  const version = q.get('version');
  const os = q.get('operatingSystem');
  const arch = q.get('architecture');
  const list = ctx.core.state.packages.filter((x) =>
    (!type || type.has(x.type)) && (!kw || x.name.toLowerCase().includes(kw) || x.fileName.toLowerCase().includes(kw)) &&
    (!version || x.version === version) && (!os || x.operatingSystem === os) && (!arch || x.architecture === arch));
  return data(paginate(list, p));
});

// ---- tasks ----

function taskOr404(ctx: Ctx): TaskRec {
  const id = idParam(ctx, 'id');
  const t = ctx.core.state.tasks.get(id);
  if (!t) throw ctx.e.notFound('Task', id);
  return t;
}

function subtaskOr404(ctx: Ctx, task: TaskRec) {
  const sid = idParam(ctx, 'sid');
  const s = task.byId.get(sid);
  if (!s) throw ctx.e.notFound('Subtask', sid);
  return s;
}

on('GET', '/api/v2/tasks/instances', (ctx) => {
  const q = ctx.query;
  const p = parsePaging(q, ctx.e);
  const name = keyword(q, 'name');
  const status = multi(q, 'status');
  const type = multi(q, 'type');
  const clusterId = numberParam(q, 'clusterId', ctx.e);
  const tenantId = numberParam(q, 'tenantId', ctx.e);
  const hostId = numberParam(q, 'hostId', ctx.e);
  const clusterName = keyword(q, 'clusterName') ?? keyword(q, 'cluterName');
  const { state } = ctx.core;
  const tenantName = keyword(q, 'tenantName');
  let list = [...state.tasks.values()].filter((t) =>
    (!name || t.name.toLowerCase().includes(name)) && (!status || status.has(t.status)) && (!type || type.has(t.type)) &&
    (clusterId === null || t.clusterId === clusterId) && (tenantId === null || t.tenantId === tenantId) && (hostId === null || t.hostId === hostId) &&
    (!clusterName || (t.clusterRef?.name.toLowerCase().includes(clusterName) ?? false)) &&
    (!tenantName || (t.tenantId !== undefined && (state.tenant(t.tenantId)?.name.toLowerCase().includes(tenantName) ?? false))));
  list = p.sort.length ? sortItems(list, p.sort) : list.reverse();
  const page = pageOf(list.length, p, (a, b) => list.slice(a, b));
  const shape = shapeResolver(ctx, 'get');
  const shapes = page.contents.map((t) => taskListItem(state, t, shape(t)));
  return data({ contents: shapes, page: page.page });
});
on('GET', '/api/v2/tasks/instances/:id', (ctx) => {
  const t = taskOr404(ctx);
  return { kind: 'json', json: taskJson(t, shapeFor(ctx, t, 'get')) };
});
on('POST', '/api/v2/tasks/instances/:id/retry', (ctx) => {
  const t = taskOr404(ctx);
  ctx.core.engine.retryTask(t, ctx.e);
  return { kind: 'json', json: taskJson(t, shapeFor(ctx, t, 'post')) };
});
on('POST', '/api/v2/tasks/instances/:id/rollback', (ctx) => {
  const t = taskOr404(ctx);
  ctx.core.engine.rollbackTask(t, ctx.e);
  return { kind: 'json', json: taskJson(t, shapeFor(ctx, t, 'post')) };
});
on('GET', '/api/v2/tasks/instances/:id/subtasks/:sid/log', (ctx) => data({ log: ctx.core.engine.logOf(subtaskOr404(ctx, taskOr404(ctx))) }));
on('POST', '/api/v2/tasks/instances/:id/subtasks/:sid/retry', (ctx) => {
  const t = taskOr404(ctx);
  const s = subtaskOr404(ctx, t);
  ctx.core.engine.retrySubtask(t, s, ctx.e);
  return data(subtaskObject(s));
});
on('POST', '/api/v2/tasks/instances/:id/subtasks/:sid/skip', (ctx) => {
  const t = taskOr404(ctx);
  ctx.core.engine.skipSubtask(t, subtaskOr404(ctx, t), ctx.e);
  return data();
});
on('POST', '/api/v2/tasks/instances/:id/subtasks/:sid/cancel', (ctx) => {
  const t = taskOr404(ctx);
  ctx.core.engine.cancelSubtask(t, subtaskOr404(ctx, t), ctx.e);
  return data();
});

// ---- misc ----

on('GET', '/api/v2/info', (ctx) => ({
  kind: 'text',
  contentType: 'application/json',
  body: JSON.stringify({
    name: 'ocp-server', group: 'com.oceanbase', artifact: 'ocp-server', buildTime: isoTime(Date.UTC(2024, 0, 10, 6, 0, 0)),
    buildVersion: ctx.core.settings.buildVersion ?? undefined, buildJavaVersion: '1.8', springBootVersion: '2.2.5.RELEASE',
  }),
}));
