// Default inventory invariants and large generated inventories (lazy tenants).
import * as assert from 'node:assert/strict';
import { hostInUse, startSimulator, type OcpSimulator } from '../../ocp-sim/api';
import { hostClusterService } from '../../ocp-sim/state';
import { Client } from './helpers';

describe('sim inventory', () => {
  let sim: OcpSimulator;
  afterEach(async () => {
    await sim?.close();
  });

  it('default inventory is deterministic and consistent', async () => {
    sim = await startSimulator({ clockSpeed: 0 });
    const s = sim.state;
    assert.deepEqual([...s.clusters.keys()], [1000001, 1000002, 1000003, 1000004]);
    assert.deepEqual([...s.clusters.values()].map((c) => `${c.name}:${c.type}:${c.status}:${c.zones.length}`), [
      'obcluster_prod:PRIMARY:RUNNING:3', 'obcluster_dr:STANDBY:RUNNING:3', 'obcluster_test:PRIMARY:STOPPED:2', 'obcluster_dev:PRIMARY:RUNNING:1',
    ]);
    assert.equal(s.clusters.get(1000002)!.primaryCluster!.id, 1000001);
    assert.equal(s.clusters.get(1000002)!.syncStatus, 'SYNCHRONIZING');
    for (const c of s.clusters.values()) {
      const tenants = s.tenantsOf(c.id);
      assert.equal(c.tenantCount, tenants.length);
      assert.equal(tenants.filter((t) => t.name === 'sys').length, 1, `${c.name} has a sys tenant`);
      for (const z of c.zones) for (const sv of z.servers) assert.equal(hostClusterService(s.hosts.get(sv.hostId!)!), `${c.name}:${c.obClusterId}`);
    }
    const modes = new Set(s.scanTenants().map((t) => t.mode));
    assert.deepEqual([...modes].sort(), ['MYSQL', 'ORACLE']);
    for (const t of s.scanTenants()) {
      for (const ref of t.standbyTenants) assert.equal(s.tenant(ref.id)!.primaryTenant!.id, t.id, 'pairs are mutual');
      if (t.tenantRole === 'STANDBY') assert.ok(t.primaryTenant);
    }
    assert.equal([...s.hosts.values()].filter((h) => !hostInUse(h)).length, 4);
    assert.deepEqual([...s.tasks.values()].map((t) => `${t.id}:${t.status}`), ['3000001:SUCCESSFUL', '3000002:SUCCESSFUL']);
  });

  it("'empty' keeps the catalog only", async () => {
    sim = await startSimulator({ clockSpeed: 0, scenario: { inventory: 'empty' } });
    const c = new Client(sim);
    assert.equal((await c.data('/api/v2/ob/clusters')).page.totalElements, 0);
    assert.equal((await c.data('/api/v2/compute/hosts')).page.totalElements, 0);
    assert.equal((await c.data('/api/v2/tasks/instances')).page.totalElements, 0);
    assert.equal((await c.data('/api/v2/software-packages')).page.totalElements, 4);
  });

  it('generates 20,000 clusters with 50 tenants each, tenants built on demand', async () => {
    sim = await startSimulator({ clockSpeed: 0, scenario: { generate: { clusters: 20000, tenantsPerCluster: 50 } } });
    const c = new Client(sim);
    const page = await c.data('/api/v2/ob/clusters?size=2000&page=5');
    assert.equal(page.page.totalElements, 20004);
    assert.equal(page.page.totalPages, 11);
    assert.equal(page.contents.length, 2000);
    assert.equal(new Set(page.contents.map((x: any) => x.id)).size, 2000);
    const stopped = await c.data('/api/v2/ob/clusters?status=STOPPED&size=1');
    assert.equal(stopped.page.totalElements, 2001);
    const gen = page.contents[0];
    assert.equal(gen.tenantCount, 50);
    const tenants = await c.data(`/api/v2/ob/clusters/${gen.id}/tenants?size=100`);
    assert.equal(tenants.page.totalElements, 50);
    assert.equal(tenants.contents[0].name, 'sys');
    const all = await c.data('/api/v2/ob/tenants?size=2000&page=250');
    assert.equal(all.page.totalElements, 12 + 1_000_000);
    assert.equal(all.contents.length, 2000);
    const some = all.contents[1234];
    const detail = await c.data(`/api/v2/ob/clusters/${some.clusterId}/tenants/${some.id}`);
    assert.equal(detail.name, some.name);
    assert.equal(sim.state.tenant(some.id)!.clusterId, some.clusterId);
  });

  it('filters and sorts generated tenants that were never materialised', async () => {
    sim = await startSimulator({ clockSpeed: 0, scenario: { inventory: 'empty', generate: { clusters: 300, tenantsPerCluster: 20 } } });
    const c = new Client(sim);
    const named = await c.data('/api/v2/ob/tenants?name=tenant_019&size=5');
    assert.equal(named.page.totalElements, 300);
    assert.ok(named.contents.every((t: any) => t.name === 'tenant_019'));
    const oracle = await c.data('/api/v2/ob/tenants?mode=ORACLE&size=1');
    assert.equal(oracle.page.totalElements, 300 * 5);
    const sorted = await c.data('/api/v2/ob/tenants?sort=id,desc&size=2');
    assert.deepEqual(sorted.contents.map((t: any) => t.id), [2000001 + 6000 - 1, 2000001 + 6000 - 2]);
  });
});
