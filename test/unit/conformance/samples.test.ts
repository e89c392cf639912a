// Conformance against the OCP documentation itself (no simulator): every sample response of the pages in
// ocp-docs/ is served verbatim by a tiny local server and read through the product's client and normalisers into
// the model the page describes; every sample request equals what the product builds from the same answers.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { normalizeCluster } from '../../../src/core/model/cluster';
import { freeHosts, normalizeHost } from '../../../src/core/model/host';
import { createClusterBody, switchoverBody, takeOverBody, takeOverPreCheckBody } from '../../../src/core/model/requests';
import { normalizeTask } from '../../../src/core/model/task';
import { checkFeature } from '../../../src/core/model/version';
import { findCluster, listFreeHosts, readOcpVersion } from '../../../src/core/ocp/lookups';
import { readPrecheck } from '../../../src/core/ocp/precheck';
import { docServer, FIXTURES, sampleJson, sampleText, serve, type DocServer } from './support';

const requests = sampleJson<Record<string, string[]>>('requests.json');

/** "GET /p?a=1&b=2" → its method, path and query. */
function line(l: string): { method: string; path: string; query: Record<string, string> } {
  const [method, target] = l.split(' ');
  const u = new URL(target, 'http://x');
  return { method, path: u.pathname, query: Object.fromEntries(u.searchParams) };
}

describe('conformance: every documented sample is a fixture', () => {
  it('has the request and response samples of the eleven pages', () => {
    const files = fs.readdirSync(FIXTURES);
    for (const f of [
      'query-hosts.response.json', 'cluster-details.response.json', 'ocp-info.response.json', 'create-cluster.request.json', 'create-cluster.json',
      'take-over-cluster.request.json', 'take-over-cluster.json', 'stop-cluster.json', 'switchover-tenant.request.json', 'switchover-tenant.json',
      'start-cluster.response.json', 'start-cluster.zone-start.response.json', 'restart-cluster.response.json', 'restart-cluster.server-restart.response.json',
      'failover-tenant.failover-precheck.response.json', 'failover-tenant.failover.request.json', 'failover-tenant.failover.response.json',
      'failover-tenant.switchover-precheck.request.json', 'failover-tenant.switchover-precheck.response.json', 'failover-tenant.batch-switchover.request.json',
      'failover-tenant.cluster-switchover-precheck.response.json', 'query-tasks.response.json', 'requests.json',
    ]) assert.ok(files.includes(f), f);
  });
});

describe('conformance: documented responses through the client and the normalisers', () => {
  let srv: DocServer;
  afterEach(async () => { await srv?.close(); });

  it('query-hosts: the host sample is a host in use, with its type label from typeName', async () => {
    srv = await docServer([serve('GET', '/api/v2/compute/hosts', 'query-hosts.response.json')]);
    const raw = await srv.client().listHosts();
    assert.equal(raw.length, 1);
    const { services, ...rest } = normalizeHost(raw[0]);
    assert.deepEqual(rest, {
      id: 3000002, name: 'OceanBase152105.et15sqa', ip: 'xx.xx.xx.xx', status: 'ONLINE', hostTypeName: 'beijing',
      idcName: 'bejing1', regionName: 'beijing', inUse: true,
    });
    assert.deepEqual(services, [{ name: 'cluster01:1', version: '2.2.76', type: 'OB_CLUSTER' }]);
    // the free-host request uses the documented filters, and the client still drops a host OCP sent anyway
    const free = freeHosts(await listFreeHosts(srv.client()));
    assert.deepEqual(free, []);
    const sent = srv.seen[srv.seen.length - 1];
    const doc = line(requests['query-hosts'][1]);
    assert.equal(sent.path, doc.path);
    for (const k of ['excludedServiceType', 'status'] as const) assert.equal(sent.query.get(k), doc.query[k], k);
    assert.equal(sent.query.get('page'), '1');
  });

  it('cluster-details: the cluster list sample normalises to its cluster; one cluster is found by the documented list', async () => {
    srv = await docServer([serve('GET', '/api/v2/ob/clusters', 'cluster-details.response.json')]);
    const [raw] = await srv.client().listClusters();
    const c = normalizeCluster(raw);
    assert.deepEqual(
      [c.id, c.name, c.obClusterId, c.obVersion, c.type, c.status, c.serverCount, c.tenantCount, c.regionCount, c.creator, c.zoneNames, c.standbyClusters],
      [1000002, 'test', 4, '2.2.73', 'PRIMARY', 'RUNNING', 1, 0, 1, 'admin', ['zone1'], []],
    );
    assert.deepEqual([c.zones[0].idcName, c.zones[0].regionName, c.zones[0].serverCount], ['hz', 'hz', 1]);
    assert.equal(c.createTime, Date.parse('2020-11-29T22:23:12+08:00'));
    srv.seen.length = 0;
    assert.equal((await findCluster(srv.client(), 1000002, 'test')).name, 'test');
    const doc = line(requests['cluster-details'][1]);
    assert.deepEqual([srv.seen[0].method, srv.seen[0].path, srv.seen[0].query.get('name'), srv.seen[0].query.get('page'), srv.seen[0].query.get('size')],
      [doc.method, doc.path, doc.query.name, doc.query.page, doc.query.size]);
  });

  for (const [what, answer] of [
    ['404 envelope', { status: 404, body: JSON.stringify({ successful: false, status: 404, error: { message: 'Not Found' } }) }],
    ['400 envelope', { status: 400, body: JSON.stringify({ successful: false, status: 400, error: { message: 'id: must be a number' } }) }],
    ['200 with the console HTML', { status: 200, contentType: 'text/html', body: '<!doctype html><html><head><title>OCP</title></head><body></body></html>' }],
    ['200 with another object', { status: 200, body: JSON.stringify({ successful: true, status: 200, data: { contents: [] } }) }],
  ] as const) {
    it(`getCluster: GET /clusters/{id} answered with a ${what} falls back to the documented list`, async () => {
      srv = await docServer([
        (r) => (r.path === '/api/v2/ob/clusters/1000002' ? answer : undefined),
        serve('GET', '/api/v2/ob/clusters', 'cluster-details.response.json'),
      ]);
      const c = await srv.client().getCluster(1000002);
      assert.equal(c.name, 'test');
      assert.deepEqual(srv.seen.map((s) => s.path), ['/api/v2/ob/clusters/1000002', '/api/v2/ob/clusters']);
    });
  }

  it('ocp-info: the unwrapped sample gives buildVersion 2.5.0-SNAPSHOT, read as OCP 2.5.0', async () => {
    srv = await docServer([serve('GET', '/api/v2/info', 'ocp-info.response.json')]);
    const info = await srv.client().info();
    assert.deepEqual(info, sampleJson('ocp-info.response.json'));
    const v = await readOcpVersion(srv.client());
    assert.deepEqual([v.known, v.text, v.raw], [true, '2.5.0', '2.5.0-SNAPSHOT']);
    assert.equal(checkFeature('browse', v).ok, true);
  });

  // Both task shapes: old (tasks[], creator {id,name}, cluster {}) and new (subtasks[], creator string, clusterId).
  const tasks: [file: string, method: string, path: string, send: (s: DocServer) => Promise<unknown>, expect: Record<string, unknown>][] = [
    ['create-cluster.json', 'POST', '/api/v2/ob/clusters', (s) => s.client().createCluster(createClusterBody(sampleJson('create-cluster.request.json'))),
      { id: 108088, name: 'Create primary OB cluster', status: 'RUNNING', creator: 'admin', clusterId: 22, clusterName: 'terran', obClusterId: 1, shape: 'tasks', subtasks: 23 }],
    ['take-over-cluster.json', 'POST', '/api/v2/ob/clusters/takeOver', (s) => s.client().takeOver(takeOverBody(sampleJson('take-over-cluster.request.json'))),
      { id: 13089035, name: 'Take over primary OB cluster', status: 'RUNNING', creator: 'admin', clusterId: 5000034, type: 'MANUAL', shape: 'subtasks', subtasks: 26 }],
    ['stop-cluster.json', 'POST', '/api/v2/ob/clusters/1/stop', (s) => s.client().stopCluster(1),
      { id: 107302, name: 'Stop OB cluster', status: 'RUNNING', creator: 'admin', clusterId: 21, clusterName: 'ob_upgrade', shape: 'tasks', subtasks: 11 }],
    ['start-cluster.response.json', 'POST', '/api/v2/ob/clusters/1/start', (s) => s.client().startCluster(1),
      { id: 107330, name: 'Start OB cluster', status: 'RUNNING', creator: 'admin', clusterId: 21, shape: 'tasks', subtasks: 3 }],
    ['switchover-tenant.json', 'POST', '/api/v2/ob/clusters/1/tenants/1/switchover', (s) => s.client().switchover(1, 1, switchoverBody(1, 2)),
      { id: 12022212, name: 'Switchover ob tenant for network mode', status: 'RUNNING', creator: 'admin', clusterId: 3000009, tenantId: 2000022, shape: 'subtasks', subtasks: 10 }],
    ['restart-cluster.response.json', 'POST', '/api/v2/ob/clusters/1/restart', (s) => s.client().post('/api/v2/ob/clusters/1/restart'),
      { id: 107351, name: 'Restart OB cluster', status: 'RUNNING', creator: 'admin', clusterId: 21, shape: 'tasks', subtasks: 3 }],
    ['start-cluster.zone-start.response.json', 'POST', '/api/v2/ob/clusters/1/zones/zone2/start', (s) => s.client().post('/api/v2/ob/clusters/1/zones/zone2/start'),
      { id: 89026548, name: 'Start OB zone', status: 'RUNNING', creator: 'admin', clusterId: 12000001, shape: 'subtasks', subtasks: 2 }],
    ['restart-cluster.server-restart.response.json', 'POST', '/api/v2/ob/clusters/1/servers/2/restart', (s) => s.client().post('/api/v2/ob/clusters/1/servers/2/restart'),
      { id: 89027028, name: 'Restart OB server', status: 'RUNNING', creator: 'admin', clusterId: 12000001, shape: 'subtasks', subtasks: 1 }],
  ];
  for (const [file, method, path, send, expect] of tasks) {
    it(`${file}: the task normalises (${expect.shape === 'tasks' ? 'old' : 'new'} shape)`, async () => {
      srv = await docServer([serve(method, path, file)]);
      const t = normalizeTask(await send(srv));
      const got: Record<string, unknown> = { id: t.id, name: t.name, status: t.status, creator: t.creator, clusterId: t.clusterId, shape: t.shape, subtasks: t.subtasks.length };
      for (const k of ['clusterName', 'obClusterId', 'tenantId', 'type'] as const) if (k in expect) got[k] = t[k];
      assert.deepEqual(got, expect);
      assert.deepEqual(t.issues, []);
      // every edge of a complete documented DAG points at a subtask of the same task (the pages cut the start,
      // restart, zone and OBServer samples to a few subtasks, so their edges dangle)
      const ids = new Set(t.subtasks.map((s) => s.id));
      const complete = ['create-cluster.json', 'take-over-cluster.json', 'stop-cluster.json', 'switchover-tenant.json'].includes(file);
      if (complete) for (const s of t.subtasks) for (const e of [...s.upstreams, ...s.downstreams]) assert.ok(ids.has(e), `${file}: edge ${s.id} → ${e}`);
      assert.ok(t.subtasks.every((s) => s.status !== 'UNKNOWN' && s.name));
    });
  }

  it('query-tasks: the list sample gives task summaries (no edges) with cluster, tenant and creator objects', async () => {
    srv = await docServer([serve('GET', '/api/v2/tasks/instances', 'query-tasks.response.json')]);
    const list = (await srv.client().listTasks({ status: ['RUNNING', 'FAILED'], clusterId: 1 })).map(normalizeTask);
    assert.deepEqual(list.map((t) => [t.id, t.name, t.status, t.creator, t.clusterId, t.tenantId ?? null, t.subtasks.length]), [
      [6202983, 'Prepare tenant', 'SUCCESSFUL', 'system', 1, 169, 2],
      [6175879, 'Generate workload report', 'SUCCESSFUL', 'admin', 1, null, 1],
    ]);
    assert.equal(list[0].tenantName, 'zhiqiong');
    assert.equal(list[0].subtasks[1].operation, 'ROLLBACK');
    const doc = line(requests['query-tasks'][1]);
    const sent = srv.seen[0];
    for (const k of ['status', 'clusterId', 'sort', 'page'] as const) assert.equal(sent.query.get(k), doc.query[k], k);
  });

  it('prechecks: the tenant switchover precheck passes; failover and the 4.2.2 cluster precheck fail with their reasons', async () => {
    srv = await docServer([
      serve('POST', '/api/v2/ob/clusters/1/tenants/1001/switchoverPreCheck', 'failover-tenant.switchover-precheck.response.json'),
      serve('POST', '/api/v2/ob/clusters/8/switchoverPreCheck', 'failover-tenant.cluster-switchover-precheck.response.json'),
      serve('POST', '/api/v2/ob/clusters/1/tenants/failoverPreCheck', 'failover-tenant.failover-precheck.response.json'),
    ]);
    const c = srv.client();
    const sw = readPrecheck(await c.switchoverPreCheck(1, 1001, sampleJson('failover-tenant.switchover-precheck.request.json')));
    assert.equal(sw.passed, true);
    assert.ok(sw.facts.some(([k, v]) => k === 'standbyCheckResults: syncScn' && v === '1721726455000000000'));
    assert.deepEqual(srv.seen[0].body, switchoverBody(1, 2));
    const cl = readPrecheck(await c.post('/api/v2/ob/clusters/8/switchoverPreCheck'));
    assert.equal(cl.passed, false);
    assert.deepEqual(cl.items.map((i) => i.message), sampleJson('failover-tenant.cluster-switchover-precheck.response.json').data.result.messages);
    const fo = readPrecheck(await c.post('/api/v2/ob/clusters/1/tenants/failoverPreCheck'));
    assert.equal(fo.passed, false);
  });

  it('batch failover: the partial sample parses; its data.contents are tasks in the new shape', async () => {
    srv = await docServer([serve('POST', '/api/v2/ob/clusters/1/tenants/failover', 'failover-tenant.failover.response.json')]);
    const data = await srv.client().post<{ contents: unknown[] }>('/api/v2/ob/clusters/1/tenants/failover', sampleJson('failover-tenant.failover.request.json'));
    const list = (data.contents ?? [data]).map(normalizeTask);
    assert.deepEqual(list.map((t) => [t.clusterId, t.creator]), [[3000010, 'admin']]);
    assert.deepEqual(srv.seen[0].body, { failoverTenantItemList: [{ tenantId: 1, serviceName: 'serviceA' }] });
  });
});

describe('conformance: documented request bodies equal what the product builds from the same answers', () => {
  it('create-cluster: the sample body', () => {
    const doc = sampleJson('create-cluster.request.json');
    assert.deepEqual(createClusterBody({ name: 'terran', type: 'PRIMARY', password: 'xxxxx', primaryZone: '', rpmName: doc.rpmName, zones: [{ name: 'zone1', idcName: 'hz2', servers: [1] }] }), doc);
    // and nothing else: every key is a documented body field
    assert.deepEqual(Object.keys(createClusterBody(doc)).sort(), ['name', 'password', 'primaryZone', 'rpmName', 'type', 'zones']);
  });

  it('take-over-cluster: the sample body, as the take-over and as its precheck', () => {
    const doc = sampleJson('take-over-cluster.request.json');
    assert.deepEqual(takeOverBody({ rootSysPassword: 'xxxxx', address: 'xxxxx', port: 2888 }), doc);
    assert.deepEqual(takeOverPreCheckBody(takeOverBody({ rootSysPassword: 'xxxxx', address: 'xxxxx', port: 2888, switchConfigUrl: true, hostInfo: { hostTypeId: 281, credentialId: 32765 } })), doc);
  });

  it('switchover-tenant (and its precheck): the sample body', () => {
    assert.deepEqual(switchoverBody(1, 2), sampleJson('switchover-tenant.request.json'));
    assert.deepEqual(switchoverBody(1, 2), sampleJson('failover-tenant.switchover-precheck.request.json'));
    assert.deepEqual({ tenantParamList: [switchoverBody(1, 2)] }, sampleJson('failover-tenant.batch-switchover.request.json'));
  });

  it('stop, start and restart send no body, to the documented paths', async () => {
    const srv = await docServer([
      serve('POST', '/api/v2/ob/clusters/1/stop', 'stop-cluster.json'),
      serve('POST', '/api/v2/ob/clusters/1/start', 'start-cluster.response.json'),
    ]);
    try {
      await srv.client().stopCluster(1);
      await srv.client().startCluster(1);
      assert.deepEqual(srv.seen.map((s) => `${s.method} ${s.path}`), [requests['stop-cluster'][0], requests['start-cluster'][0]]);
      assert.deepEqual(srv.seen.map((s) => s.body), [undefined, undefined]);
    } finally {
      await srv.close();
    }
  });

  it('the fixtures are the pages\' text, not re-serialised (a server sends these bytes)', () => {
    assert.match(sampleText('create-cluster.json'), /"status": "PENDING",\n\n\n "upstreams"/);
  });
});
