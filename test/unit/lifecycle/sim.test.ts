// The simulator's lifecycle endpoints (test/ocp-sim/lifecycle.ts) over raw HTTP: task DAG shapes (start smaller than
// create, restart rolling zone by zone), state checks (404 / 409 / 400), faults on them, rollback restoring statuses,
// failover precheck shapes and the topology scenario.
import * as assert from 'node:assert/strict';
import { buildDag } from '../../ocp-sim/dag';
import { createClusterSteps } from '../../ocp-sim/templates';
import * as path from 'node:path';
import { addTopologyCluster } from '../../ocp-sim/topology';
import { advanceUntil, useSim } from '../sim/helpers';

const C = '/api/v2/ob/clusters';
const PROD = 1000001;
const DR = 1000002;
const TEST = 1000003;

/** Subtask ids reachable downstream from `from` (edges of the task JSON). */
function downstreamOf(subtasks: any[], from: number): Set<number> {
  const byId = new Map<number, any>(subtasks.map((s) => [s.id, s]));
  const seen = new Set<number>();
  const stack = [from];
  while (stack.length) {
    for (const d of byId.get(stack.pop()!)?.downstreams ?? []) {
      if (!seen.has(d)) {
        seen.add(d);
        stack.push(d);
      }
    }
  }
  return seen;
}

describe('sim lifecycle', () => {
  const { sim, client } = useSim();

  const runToEnd = (id: number) => advanceUntil(sim(), () => sim().state.tasks.get(id)!.status !== 'RUNNING');

  it('start has fewer subtasks than create for the same cluster, with the documented names', async () => {
    const task = (await client().post(`${C}/${TEST}/start`)).json.data;
    const c = sim().state.clusters.get(TEST)!;
    const ips = c.zones.flatMap((z) => z.servers.map((s) => s.ip));
    const create = buildDag(createClusterSteps({ hosts: ips, servers: ips, zones: c.zones.map((z) => z.name) }));
    assert.ok(task.subtasks.length < create.length, `${task.subtasks.length} < ${create.length}`);
    const names = new Set(task.subtasks.map((s: any) => s.name));
    for (const n of ['Prepare start cluster', 'Prepare start OB zone', 'Start observer process', 'Wait observer accessible', 'Update observer status', 'Start zone', 'Update zone status', 'Update OB cluster status']) {
      assert.ok(names.has(n), n);
    }
  });

  it('restart is rolling: every step of zone k+1 comes after "Update zone status" of zone k', async () => {
    const task = (await client().post(`${C}/${PROD}/restart`)).json.data;
    const subs: any[] = task.subtasks;
    const zoneSteps = (name: string) => subs.filter((s) => s.name === name).sort((a, b) => a.id - b.id);
    const prepares = zoneSteps('Prepare restart OB zone');
    const updates = zoneSteps('Update zone status');
    assert.equal(prepares.length, 3);
    assert.equal(updates.length, 3);
    for (let k = 0; k + 1 < 3; k++) assert.ok(downstreamOf(subs, updates[k].id).has(prepares[k + 1].id), `zone ${k + 2} waits for zone ${k + 1}`);
    const stops = zoneSteps('Stop observer process');
    assert.equal(stops.length, 3, 'one stop per OBServer');
    for (const s of subs) for (const d of s.downstreams) assert.ok(subs.find((x) => x.id === d).upstreams.includes(s.id), 'edges are symmetric');
  });

  it('refuses what the state does not allow: 409 with the status words, 404 for unknown zones and servers, 400 for a bad force', async () => {
    const restartStopped = await client().post(`${C}/${TEST}/restart`);
    assert.equal(restartStopped.status, 409);
    assert.match(restartStopped.json.error.message, /STOPPED/);
    const startRunningZone = await client().post(`${C}/${PROD}/zones/zone1/start`);
    assert.equal(startRunningZone.status, 409);
    assert.match(startRunningZone.json.error.message, /zone1.*RUNNING/);
    const zoneOfStoppedCluster = await client().post(`${C}/${TEST}/zones/zone1/start`);
    assert.equal(zoneOfStoppedCluster.status, 409, 'zone calls need a RUNNING cluster');
    assert.equal((await client().post(`${C}/${PROD}/zones/nowhere/stop`)).status, 404);
    assert.equal((await client().post(`${C}/${PROD}/servers/99/stop`)).status, 404);
    assert.equal((await client().post(`${C}/${PROD}/servers/abc/stop`)).status, 400);
    const sid = sim().state.clusters.get(PROD)!.zones[0].servers[0].id;
    const badForce = await client().post(`${C}/${PROD}/servers/${sid}/stop`, { force: 'yes' });
    assert.equal(badForce.status, 400);
    assert.deepEqual(badForce.json.error.subErrors.map((e: any) => e.field), ['force']);
    const viaQuery = await client().post(`${C}/${PROD}/servers/${sid}/stop?force=true`);
    assert.equal(viaQuery.status, 200);
    assert.ok(!viaQuery.json.data.subtasks.some((s: any) => s.name === 'Prepare stop observer'), 'force read from the query too');
    assert.equal((await client().post(`${C}/${PROD}/servers/${sid}/stop`)).status, 409, 'already STOPPING');
    assert.equal(sim().state.clusters.get(TEST)!.status, 'STOPPED', 'refusals change nothing');
  });

  it('an OBServer call in a stopped zone is refused: start the zone first', async () => {
    const t = (await client().post(`${C}/${PROD}/zones/zone2/stop`)).json.data;
    runToEnd(t.id);
    const sid = sim().state.clusters.get(PROD)!.zones[1].servers[0].id;
    const r = await client().with({ lang: 'zh-CN' }).post(`${C}/${PROD}/servers/${sid}/start`);
    assert.equal(r.status, 409);
    assert.match(r.json.error.message, /请先启动该 Zone/);
  });

  it('a failed subtask fails the task; rollback restores the zone and its servers', async () => {
    sim().addFault({ kind: 'failSubtask', name: 'Stop observer process' });
    const t = (await client().post(`${C}/${PROD}/zones/zone3/stop`)).json.data;
    runToEnd(t.id);
    assert.equal(sim().state.tasks.get(t.id)!.status, 'FAILED');
    const zone = () => sim().state.clusters.get(PROD)!.zones[2];
    assert.equal(zone().status, 'STOPPING', 'stays STOPPING while the task waits for the user');
    assert.equal((await client().post(`/api/v2/tasks/instances/${t.id}/rollback`)).status, 200);
    advanceUntil(sim(), () => sim().state.tasks.get(t.id)!.status === 'SUCCESSFUL');
    assert.equal(zone().status, 'RUNNING');
    assert.ok(zone().servers.every((s) => s.status === 'RUNNING'));
  });

  it('faults match the lifecycle paths by method and path (the POST is answered 500 and nothing starts)', async () => {
    sim().addFault({ kind: 'status', status: 500, method: 'POST', path: '/zones/[^/]+/restart$', times: 1 });
    const r = await client().post(`${C}/${PROD}/zones/zone1/restart`);
    assert.equal(r.status, 500);
    assert.equal(sim().state.clusters.get(PROD)!.zones[0].status, 'RUNNING');
    assert.equal((await client().post(`${C}/${PROD}/zones/zone1/restart`)).status, 200, 'used up');
  });

  it('failover precheck: one object for one standby tenant, a list for several; zh-CN items', async () => {
    const many = (await client().post(`${C}/${DR}/tenants/failoverPreCheck`)).json.data;
    assert.deepEqual(many.contents.map((e: any) => e.name), ['order_mysql_dr', 'billing_oracle_dr']);
    const t = (await client().post(`${C}/${DR}/tenants/failover`, { failoverTenantItemList: [{ tenantId: 2000006 }] })).json.data;
    assert.equal(t.contents.length, 1);
    assert.equal(t.contents[0].name, 'Failover ob tenant');
    const promote = t.contents[0].subtasks.find((s: any) => s.name === 'Failover standby tenant to primary');
    assert.equal(promote.prohibitRollback, true, 'a failover cannot be undone');
    runToEnd(t.contents[0].id);
    const one = (await client().with({ lang: 'zh-CN' }).post(`${C}/${DR}/tenants/failoverPreCheck`)).json.data;
    assert.equal(one.name, 'billing_oracle_dr');
    assert.equal(one.valid, true);
    assert.ok(one.checkResults.some((c: any) => c.name === '检查备租户角色'));
    const none = await client().post(`${C}/${PROD}/tenants/failoverPreCheck`);
    assert.equal(none.status, 409, 'no standby tenant: refused with an error envelope');
    assert.match(none.json.error.message, /no standby tenant/);
  });

  it('failover precheck fails once the standby cluster is stopped through the API, and the failover is refused', async () => {
    const stop = (await client().post(`${C}/${DR}/stop`)).json.data;
    runToEnd(stop.id);
    const p = (await client().post(`${C}/${DR}/tenants/failoverPreCheck`)).json.data;
    assert.ok(p.contents.every((e: any) => e.valid === false && e.checkResults.some((c: any) => !c.passed && /STOPPED/.test(c.message))));
    const r = await client().post(`${C}/${DR}/tenants/failover`, { failoverTenantItemList: [{ tenantId: 2000006 }] });
    assert.equal(r.status, 409);
    assert.match(r.json.error.message, /order_mysql_dr/);
    assert.equal(sim().state.tenant(2000006)!.tenantRole, 'STANDBY');
  });

  it('failover validates its list; without one it promotes every standby tenant of the cluster', async () => {
    const bad = await client().post(`${C}/${DR}/tenants/failover`, { failoverTenantItemList: [{}] });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.json.error.subErrors.map((e: any) => e.field), ['failoverTenantItemList[0].tenantId']);
    assert.equal((await client().post(`${C}/${DR}/tenants/failover`, { failoverTenantItemList: [{ tenantId: 2000002 }] })).status, 400, 'tenant of another cluster');
    assert.equal((await client().post(`${C}/${DR}/tenants/failover`, { failoverTenantItemList: [{ tenantId: 9 }] })).status, 404);
    assert.equal((await client().post(`${C}/${PROD}/tenants/failover`)).status, 409, 'no standby tenant');
    const all = (await client().post(`${C}/${DR}/tenants/failover`)).json.data.contents;
    assert.equal(all.length, 2);
    for (const t of all) runToEnd(t.id);
    assert.ok(sim().state.tenantsOf(DR).filter((t) => t.name !== 'sys').every((t) => t.tenantRole === 'PRIMARY' && t.primaryTenant === null));
    assert.deepEqual(sim().state.tenant(2000002)!.standbyTenants, []);
  });

  it('the topology scenario file loads: 100 x 30 with one stopped zone, and a small one', async () => {
    sim().reset(path.resolve(__dirname, '../../../../test/fixtures/scenarios/topology.json'));
    const big = sim().state.clusterByName('topo_100x30')!;
    assert.equal(big.zones.length, 100);
    assert.equal(big.serverCount, 3000);
    assert.equal(big.zones.find((z) => z.name === 'zone007')!.status, 'STOPPED');
    assert.equal(sim().state.clusterByName('topo_small')!.serverCount, 6);
    assert.equal(sim().state.clusters.size, 6, 'beside the default inventory');
  });

  it('topology: a generated cluster per scenario entry, or added to a running simulator', async () => {
    sim().reset({ topology: [{ zones: 4, serversPerZone: 3, status: 'STOPPED' }] });
    const list = (await client().data(`${C}?name=topo_4x3`)).contents;
    assert.equal(list.length, 1);
    assert.equal(list[0].status, 'STOPPED');
    const servers = (await client().data(`${C}/${list[0].id}/servers`)).contents;
    assert.equal(servers.length, 12);
    assert.ok(servers.every((s: any) => s.status === 'STOPPED' && s.port === 2882 && s.sqlPort === 2881));
    const added = addTopologyCluster(sim().state, { name: 'extra', zones: 2, serversPerZone: 2, stoppedZones: ['zone2'] });
    const zones = (await client().data(`${C}/${added.id}/zones`)).contents;
    assert.deepEqual(zones.map((z: any) => [z.name, z.status]), [['zone1', 'RUNNING'], ['zone2', 'STOPPED']]);
    const start = await client().post(`${C}/${added.id}/zones/zone2/start`);
    assert.equal(start.status, 200);
    runToEnd(start.json.data.id);
    assert.equal(sim().state.clusters.get(added.id)!.zones[1].status, 'RUNNING');
  });
});
