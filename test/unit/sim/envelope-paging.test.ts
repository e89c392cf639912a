// Envelope, errors, pagination, sorting and filters of the simulator's list endpoints.
import * as assert from 'node:assert/strict';
import { useSim } from './helpers';

describe('sim envelope and lists', () => {
  const { client } = useSim();

  it('wraps data in the success envelope', async () => {
    const r = await client().get('/api/v2/ob/clusters?name=obcluster_prod');
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type') ?? '', /application\/json/);
    const env = r.json;
    assert.equal(env.successful, true);
    assert.equal(env.status, 200);
    assert.match(env.traceId, /^[0-9a-f]{16}$/);
    assert.match(env.timestamp, /\+08:00$/);
    assert.equal(typeof env.duration, 'number');
    assert.equal(typeof env.server, 'string');
    assert.equal(env.data.contents.length, 1);
    assert.equal(env.data.contents[0].name, 'obcluster_prod');
    assert.equal(env.data.contents[0].status, 'RUNNING');
    assert.equal(env.data.contents[0].zones.length, 3);
    assert.deepEqual(env.data.contents[0].standbyClusters.map((c: any) => c.name), ['obcluster_dr']);
    assert.ok(Number(r.headers.get('ratelimit-remaining')) > 0);
    assert.ok(Number(r.headers.get('ratelimit-limit')) > 0);
  });

  it('answers 404 for unknown paths and ids (a non-numeric cluster id is a path OCP does not route), 405 for a wrong method, 400 for a non-numeric sub-resource id', async () => {
    const c = client();
    for (const path of ['/api/v2/nothing', '/api/v2/ob/clusters/999', '/api/v2/tasks/instances/1', '/api/v2/compute/hosts/1', '/api/v2/ob/clusters/1000001/tenants/2000999', '/api/v2/ob/clusters/1000001/zones/zone9/servers']) {
      const r = await c.get(path);
      assert.equal(r.status, 404, path);
      assert.equal(r.json.successful, false);
      assert.equal(r.json.status, 404);
      assert.ok(r.json.error.message);
    }
    const zh = await c.with({ lang: 'zh-CN' }).get('/api/v2/ob/clusters/999/zones');
    assert.match(zh.json.error.message, /集群 999 不存在/);
    assert.equal((await c.request('DELETE', '/api/v2/ob/clusters')).status, 405);
    assert.equal((await c.get('/api/v2/ob/clusters/abc')).status, 404);
    assert.equal((await c.get('/api/v2/tasks/instances/abc')).status, 400);
  });

  it('pages 1-based through all tenants without overlap', async () => {
    const c = client();
    const first = await c.data('/api/v2/ob/tenants?size=5');
    assert.deepEqual(first.page, { number: 1, size: 5, totalElements: 12, totalPages: 3 });
    const ids: number[] = [];
    for (let page = 1; page <= 3; page++) ids.push(...(await c.data(`/api/v2/ob/tenants?size=5&page=${page}`)).contents.map((t: any) => t.id));
    assert.equal(ids.length, 12);
    assert.equal(new Set(ids).size, 12);
    const beyond = await c.data('/api/v2/ob/tenants?size=5&page=4');
    assert.deepEqual(beyond.contents, []);
    const dflt = await c.data('/api/v2/ob/tenants');
    assert.equal(dflt.page.size, 10);
    assert.equal(dflt.contents.length, 10);
  });

  it('caps size at 2000 and rejects bad paging parameters with subErrors', async () => {
    const c = client();
    assert.equal((await c.get('/api/v2/ob/clusters?size=2000')).status, 200);
    for (const q of ['size=2001', 'size=0', 'page=0', 'page=x', 'sort=name,sideways']) {
      const r = await c.get(`/api/v2/ob/clusters?${q}`);
      assert.equal(r.status, 400, q);
      assert.equal(r.json.error.subErrors.length, 1, q);
      assert.ok(['size', 'page', 'sort'].includes(r.json.error.subErrors[0].field));
    }
  });

  it('sorts by field,asc|desc', async () => {
    const c = client();
    const asc = (await c.data('/api/v2/ob/clusters?sort=name,asc')).contents.map((x: any) => x.name);
    assert.deepEqual(asc, ['obcluster_dev', 'obcluster_dr', 'obcluster_prod', 'obcluster_test']);
    const desc = (await c.data('/api/v2/ob/clusters?sort=name,desc')).contents.map((x: any) => x.name);
    assert.deepEqual(desc, asc.slice().reverse());
  });

  it('filters clusters by case-insensitive name keyword and multi status', async () => {
    const c = client();
    assert.deepEqual((await c.data('/api/v2/ob/clusters?name=PROD')).contents.map((x: any) => x.name), ['obcluster_prod']);
    assert.deepEqual((await c.data('/api/v2/ob/clusters?status=STOPPED')).contents.map((x: any) => x.name), ['obcluster_test']);
    assert.equal((await c.data('/api/v2/ob/clusters?status=RUNNING,STOPPED')).page.totalElements, 4);
  });

  it('filters tenants by name, mode and status; a cluster lists its own tenants', async () => {
    const c = client();
    const oracle = (await c.data('/api/v2/ob/tenants?mode=ORACLE&size=100')).contents;
    assert.deepEqual(oracle.map((t: any) => t.name).sort(), ['billing_oracle', 'billing_oracle_dr', 'dev_oracle']);
    assert.equal((await c.data('/api/v2/ob/tenants?name=ORDER')).page.totalElements, 2);
    assert.equal((await c.data('/api/v2/ob/tenants?status=NORMAL')).page.totalElements, 12);
    const prod = (await c.data('/api/v2/ob/clusters/1000001/tenants')).contents;
    assert.deepEqual(prod.map((t: any) => t.name), ['sys', 'order_mysql', 'billing_oracle', 'analytics']);
    assert.equal((await c.data('/api/v2/ob/clusters/1000001/tenants?mode=mysql')).page.totalElements, 3);
  });

  it('describes tenant roles and details', async () => {
    const c = client();
    const drTenants = (await c.data('/api/v2/ob/clusters/1000002/tenants')).contents;
    const standby = drTenants.find((t: any) => t.name === 'order_mysql_dr');
    assert.equal(standby.tenantRole, 'STANDBY');
    assert.equal(standby.primaryTenant.name, 'order_mysql');
    assert.equal(standby.primaryTenant.clusterName, 'obcluster_prod');
    const detail = await c.data(`/api/v2/ob/clusters/1000001/tenants/${standby.primaryTenant.id}`);
    assert.equal(detail.tenantRole, 'PRIMARY');
    assert.deepEqual(detail.standbyTenants.map((t: any) => t.id), [standby.id]);
    assert.equal(detail.zones.length, 3);
    assert.ok(detail.zones[0].resourcePool.unitConfig.maxCpuCoreCount > 0);
    assert.equal(detail.clusterStatus, 'RUNNING');
    assert.equal((await c.get(`/api/v2/ob/clusters/1000002/tenants/${standby.primaryTenant.id}`)).status, 404, 'tenant of another cluster');
  });

  it('serves zones, servers, hosts, regions, IDCs, host types, credentials and packages', async () => {
    const c = client();
    const zones = (await c.data('/api/v2/ob/clusters/1000001/zones')).contents;
    assert.deepEqual(zones.map((z: any) => z.idcName), ['hz1', 'hz2', 'sh1']);
    assert.equal((await c.data('/api/v2/ob/clusters/1000001/servers')).contents.length, 3);
    assert.equal((await c.data('/api/v2/ob/clusters/1000001/zones/zone2/servers')).contents[0].ip, '10.0.1.12');
    const hosts = await c.data('/api/v2/compute/hosts?size=100');
    assert.equal(hosts.page.totalElements, 13);
    const used = (h: any) => h.services.some((s: any) => s.type === 'OB_CLUSTER');
    const free = hosts.contents.filter((h: any) => !used(h));
    assert.deepEqual(free.map((h: any) => h.id), [100010, 100011, 100012, 100013]);
    for (const h of hosts.contents) for (const k of ['used', 'clusterId', 'serviceTypes', 'hostTypeName']) assert.ok(!(k in h), `undocumented host field ${k}`);
    assert.ok(hosts.contents.filter(used).every((h: any) => /^obcluster_\w+:\d+$/.test(h.services.find((s: any) => s.type === 'OB_CLUSTER').name) && h.typeName));
    assert.equal((await c.data('/api/v2/compute/hosts?keyword=10.0.5.1')).page.totalElements, 4);
    assert.equal((await c.data('/api/v2/compute/hosts?excludedServiceType=OB_CLUSTER')).page.totalElements, 4);
    assert.equal((await c.data('/api/v2/compute/hosts/100001')).innerIpAddress, '10.0.1.11');
    assert.equal((await c.data('/api/v2/compute/regions')).contents.length, 2);
    assert.equal((await c.data('/api/v2/compute/idcs')).contents.length, 3);
    assert.equal((await c.data('/api/v2/compute/hostTypes')).contents.length, 2);
    const creds = (await c.data('/api/v2/profiles/me/credentials')).contents;
    assert.equal(creds.length, 2);
    assert.ok(creds.every((x: any) => x.targetType === 'HOST'));
    const ob = (await c.data('/api/v2/software-packages?type=OB_SERVER_INSTALL_PACKAGE')).contents;
    assert.equal(ob.length, 3);
    assert.ok(ob.some((p: any) => p.fileName === 'oceanbase-4.2.1.2-102000042023120514.el7.x86_64.rpm'));
    assert.equal((await c.data('/api/v2/software-packages?keyword=obproxy')).contents[0].type, 'OBPROXY_INSTALL_PACKAGE');
  });

  it('lists tasks newest first and filters them', async () => {
    const c = client();
    const stop = await c.post('/api/v2/ob/clusters/1000004/stop');
    assert.equal(stop.status, 200);
    const tasks = (await c.data('/api/v2/tasks/instances')).contents;
    assert.deepEqual(tasks.map((t: any) => t.id), [3000003, 3000002, 3000001]);
    assert.equal(tasks[0].subtasks, undefined, 'list items carry no subtasks');
    assert.deepEqual((await c.data('/api/v2/tasks/instances?status=RUNNING')).contents.map((t: any) => t.id), [3000003]);
    assert.equal((await c.data('/api/v2/tasks/instances?status=RUNNING,SUCCESSFUL')).page.totalElements, 3);
    assert.equal((await c.data('/api/v2/tasks/instances?clusterId=1000004')).page.totalElements, 2);
    assert.equal((await c.data('/api/v2/tasks/instances?name=stop')).page.totalElements, 1);
    assert.equal((await c.data('/api/v2/tasks/instances?type=MANUAL')).page.totalElements, 3);
    assert.deepEqual((await c.data('/api/v2/tasks/instances?sort=id,asc')).contents.map((t: any) => t.id), [3000001, 3000002, 3000003]);
  });
});
