// The `documentedOnly` scenario: the simulator leaves out every field its README lists under "assumed, not
// documented", and the product's client and normalisers still do their work over real HTTP: browse, hosts,
// take-over (precheck with only `clusterName`, a refusal as an error envelope), stop, tenant switchover, tasks.
// Also the simulator gaps of issue 16: servers?regionName=&idcName=, and the mixed scenario's take-over answer.
import * as assert from 'node:assert/strict';
import { normalizeCluster } from '../../../src/core/model/cluster';
import { freeHosts } from '../../../src/core/model/host';
import { normalizeTask } from '../../../src/core/model/task';
import { normalizeTenant, tenantCapabilities } from '../../../src/core/model/tenant';
import { findCluster, listFreeHosts } from '../../../src/core/ocp/lookups';
import { readPrecheck } from '../../../src/core/ocp/precheck';
import { ocpError, useClientSim } from '../client/helpers';

const ASSUMED = ['tenantRole', 'primaryTenant', 'standbyTenants', 'fullVersion', 'sshCredentialProperty'];

/** Every key at any depth of `v`. */
function keysOf(v: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(v)) for (const x of v) keysOf(x, out);
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) { out.add(k); keysOf(x, out); }
  return out;
}

describe('simulator documentedOnly: the product works without the assumed fields', () => {
  const { sim, client } = useClientSim({ scenario: { documentedOnly: true } });

  it('serves none of the assumed fields on any read', async () => {
    const c = client();
    const reads = await Promise.all([
      c.listClusters(), c.listAllTenants(), c.listTenants(1000001), c.getTenant(1000001, 2000002), c.listCredentials(),
      c.listHosts(), c.listZones(1000001), c.listServers(1000001), c.listTasks(), c.getTask(3000001),
    ]);
    const keys = keysOf(reads);
    for (const k of ASSUMED) assert.ok(!keys.has(k), `${k} served`);
    assert.ok(keys.has('obVersion') && keys.has('services') && keys.has('subtasks'), 'documented fields are still there');
  });

  it('normalises tenants without a role: unknown, not "no standby", so Switchover stays offered', async () => {
    const tenants = (await client().listTenants(1000001)).map(normalizeTenant);
    const order = tenants.find((t) => t.name === 'order_mysql')!;
    assert.equal(order.role, undefined);
    assert.deepEqual(order.standbyTenants, []);
    assert.ok(tenantCapabilities(order).includes('switchable'));
    const cluster = normalizeCluster((await client().listClusters()).find((x) => x.id === 1000002));
    assert.equal(cluster.fullVersion, undefined);
    assert.equal(cluster.primaryCluster?.id, 1000001, 'documented cluster-level links still read');
  });

  it('switches a tenant pair over: precheck without item fields, the POST, the task to the end', async () => {
    const body = { tenantId: 2000002, standbyTenantId: 2000006 };
    const pre = await client().switchoverPreCheck(1000001, 2000002, body);
    assert.deepEqual(pre.standbyCheckResults.checkResults, []);
    assert.equal(readPrecheck(pre).passed, true);
    const task = normalizeTask(await client().switchover(1000001, 2000002, body));
    assert.equal(task.status, 'RUNNING');
    sim().setClockSpeed(0);
    for (let i = 0; i < 400 && sim().state.tasks.get(task.id)!.status === 'RUNNING'; i++) sim().advance(500);
    const done = normalizeTask(await client().getTask(task.id));
    assert.equal(done.status, 'SUCCESSFUL');
    assert.ok(done.subtasks.length > 0);
    // a pair the other way round now fails its precheck: valid false, no item detail, still read as failed
    assert.equal(readPrecheck(await client().switchoverPreCheck(1000001, 2000002, body)).passed, false);
  });

  it('takes a cluster over from a precheck that says only clusterName; a failing precheck is an error envelope', async () => {
    const ok = await client().takeOverPreCheck({ address: '10.0.0.200', port: 2881, rootSysPassword: 'aaAA11__' });
    assert.deepEqual(ok, { clusterName: 'legacy_ob' });
    const report = readPrecheck(ok);
    assert.equal(report.passed, true);
    assert.deepEqual(report.facts, [['clusterName', 'legacy_ob']]);
    const e = await ocpError(client().takeOverPreCheck({ address: '10.0.0.250', port: 2881, rootSysPassword: 'x' }), 'http');
    assert.equal(e.status, 400);
    assert.match(e.message, /disk \/data/);
    const task = normalizeTask(await client().takeOver({ address: '10.0.0.200', port: 2881, rootSysPassword: 'aaAA11__' }));
    assert.equal(typeof task.clusterId, 'number');
  });

  it('stops a cluster found through the documented list, and lists free hosts', async () => {
    const c = normalizeCluster(await findCluster(client(), 1000004, 'obcluster_dev'));
    assert.equal(c.status, 'RUNNING');
    const task = normalizeTask(await client().stopCluster(c.id));
    assert.equal(task.name, 'Stop OB cluster');
    assert.deepEqual(freeHosts(await listFreeHosts(client())).map((h) => h.id), [100010, 100011, 100012, 100013]);
    assert.equal(sim().count('GET', /^\/api\/v2\/ob\/clusters\/\d+$/), 0);
  });
});

describe('simulator gaps of issue 16', () => {
  describe('servers filters', () => {
    const { client } = useClientSim();
    it('GET …/servers honours regionName and idcName', async () => {
      const c = client();
      assert.equal((await c.listAll('/api/v2/ob/clusters/1000001/servers')).length, 3);
      assert.deepEqual((await c.listAll('/api/v2/ob/clusters/1000001/servers', { regionName: 'cn-hangzhou' })).map((s) => s.idcName), ['hz1', 'hz2']);
      assert.deepEqual((await c.listAll('/api/v2/ob/clusters/1000001/servers', { idcName: 'sh1' })).map((s) => s.ip), ['10.0.1.13']);
      assert.equal((await c.listAll('/api/v2/ob/clusters/1000001/servers', { regionName: 'cn-hangzhou', idcName: 'sh1' })).length, 0);
    });
  });

  describe("the mixed scenario's take-over answer", () => {
    const { client } = useClientSim({ scenario: { taskShape: 'mixed' } });
    it('is the documented 4.x task with data.clusterId, while stop still answers in the old shape', async () => {
      const t = await client().takeOver({ address: '10.0.0.201', port: 2881, rootSysPassword: 'x' });
      assert.equal(typeof t.clusterId, 'number');
      assert.ok(Array.isArray(t.subtasks) && !('tasks' in t));
      const stop = await client().stopCluster(1000004);
      assert.ok(Array.isArray(stop.tasks) && stop.clusterId === undefined && stop.cluster.id === 1000004);
    });
  });
});
