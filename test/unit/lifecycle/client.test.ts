// The lifecycle calls (src/core/ocp/lifecycle.ts) against the simulator over real HTTP: the one POST each sends (counted
// at the simulator), the task it returns tracked to SUCCESSFUL with GET /tasks/instances/{id}, the status change that
// follows, no resend under faults, failover and its precheck, and the zone / OBServer lists (100 x 30 too).
import * as assert from 'node:assert/strict';
import type { OcpClient } from '../../../src/core/ocp/client';
import { outcomeUnknown } from '../../../src/core/ocp/errors';
import {
  clusterAction, failoverPreCheck, failoverTenant, listServers, listZones, paginateServers, restartCluster, serverAction, startCluster,
  stopCluster, zoneAction,
} from '../../../src/core/ocp/lifecycle';
import { normalizeCluster } from '../../../src/core/model/cluster';
import { normalizeTask, type Task } from '../../../src/core/model/task';
import { normalizeTenant } from '../../../src/core/model/tenant';
import type { OcpSimulator } from '../../ocp-sim/api';
import { ocpError, onlyRequest, useClientSim } from '../client/helpers';

const PROD = 1000001; // RUNNING, zones zone1..zone3, one OBServer each
const DR = 1000002; // RUNNING standby cluster: order_mysql_dr, billing_oracle_dr
const TEST = 1000003; // STOPPED, 2 zones
const ORDER = 2000002; // order_mysql @ prod (primary)
const ORDER_DR = 2000006; // its standby @ dr
const BILLING_DR = 2000007;

/** Tracks a task over HTTP like the tracker does: advance simulated time, GET the task, until it ends. */
async function track(sim: OcpSimulator, client: OcpClient, id: number, each?: () => Promise<void> | void): Promise<Task> {
  for (let i = 0; i < 2000; i++) {
    const t = normalizeTask(await client.getTask(id));
    if (t.status === 'SUCCESSFUL' || t.status === 'FAILED') return t;
    await each?.();
    sim.advance(100);
  }
  assert.fail(`task ${id} never ended`);
}

async function clusterStatus(client: OcpClient, id: number): Promise<string> {
  const c = (await client.listClusters()).map(normalizeCluster).find((x) => x.id === id);
  assert.ok(c, `cluster ${id} listed`);
  return c.rawStatus;
}

describe('lifecycle client: clusters', () => {
  const { sim, client } = useClientSim({ scenario: { subtaskDurationMs: 100 } });

  it('startCluster sends one POST …/start without a body; the task tracked to SUCCESSFUL leaves the cluster RUNNING', async () => {
    const c = client();
    const { task, raw } = await startCluster(c, TEST);
    const r = onlyRequest(sim());
    assert.equal(r.method, 'POST');
    assert.equal(r.path, `/api/v2/ob/clusters/${TEST}/start`);
    assert.equal(r.body, null);
    assert.deepEqual(r.query, {});
    assert.equal(task.name, 'Start OB cluster');
    assert.equal(task.clusterId, TEST);
    assert.equal(raw.id, task.id);
    assert.equal(await clusterStatus(c, TEST), 'STARTING');
    const zonesDuring = await listZones(c, TEST);
    assert.ok(zonesDuring.every((z) => z.status === 'STARTING' && z.servers.every((s) => s.status === 'STARTING')), 'zones and servers STARTING');
    const done = await track(sim(), c, task.id);
    assert.equal(done.status, 'SUCCESSFUL');
    assert.equal(await clusterStatus(c, TEST), 'RUNNING');
    assert.ok((await listServers(c, TEST)).every((s) => s.status === 'RUNNING' && s.stopTime === undefined));
    assert.equal(sim().count('POST', /\/start$/), 1, 'one POST for the whole run');
  });

  it('restartCluster: one POST …/restart; RESTARTING, zones restart one after the other, then RUNNING', async () => {
    const c = client();
    const { task } = await restartCluster(c, PROD);
    assert.equal(onlyRequest(sim()).path, `/api/v2/ob/clusters/${PROD}/restart`);
    assert.equal(onlyRequest(sim()).body, null);
    assert.equal(task.name, 'Restart OB cluster');
    assert.equal(await clusterStatus(c, PROD), 'RESTARTING');
    const restartingSeen: string[] = [];
    let maxAtOnce = 0;
    const done = await track(sim(), c, task.id, async () => {
      const zones = await listZones(c, PROD);
      const now = zones.filter((z) => z.status === 'RESTARTING').map((z) => z.name);
      maxAtOnce = Math.max(maxAtOnce, now.length);
      for (const n of now) if (restartingSeen[restartingSeen.length - 1] !== n) restartingSeen.push(n);
      for (const z of zones) for (const s of z.servers) if (s.status === 'RESTARTING') assert.equal(z.status, 'RESTARTING', 'a server restarts only inside its zone turn');
    });
    assert.equal(done.status, 'SUCCESSFUL');
    assert.deepEqual(restartingSeen, ['zone1', 'zone2', 'zone3'], 'rolling: zone by zone, in order');
    assert.equal(maxAtOnce, 1, 'never two zones at once');
    assert.equal(await clusterStatus(c, PROD), 'RUNNING');
    assert.ok((await listZones(c, PROD)).every((z) => z.status === 'RUNNING' && z.servers.every((s) => s.status === 'RUNNING')));
    assert.equal(sim().count('POST', /./), 1, 'one POST for the whole run');
  });

  it('stopCluster and clusterAction use the documented paths', async () => {
    const c = client();
    const stopped = await stopCluster(c, PROD);
    assert.equal(stopped.task.name, 'Stop OB cluster');
    await track(sim(), c, stopped.task.id);
    assert.equal(await clusterStatus(c, PROD), 'STOPPED');
    const again = await clusterAction(c, PROD, 'start');
    assert.equal(again.task.name, 'Start OB cluster');
    assert.deepEqual(sim().requests.filter((r) => r.method === 'POST').map((r) => r.path), [`/api/v2/ob/clusters/${PROD}/stop`, `/api/v2/ob/clusters/${PROD}/start`]);
  });

  it('a 503 on the POST is not retried: one POST, the error surfaces, nothing changed', async () => {
    const c = client();
    sim().addFault({ kind: 'status', status: 503, method: 'POST', path: '/restart$' });
    const e = await ocpError(restartCluster(c, PROD), 'http');
    assert.equal(e.status, 503);
    assert.equal(sim().count('POST', `/api/v2/ob/clusters/${PROD}/restart`), 1);
    assert.equal(await clusterStatus(c, PROD), 'RUNNING');
  });

  it('a connection reset on the POST is not retried and is reported as "may have started"', async () => {
    const c = client();
    sim().addFault({ kind: 'reset', method: 'POST', path: '/start$', times: 1 });
    const e = await ocpError(startCluster(c, TEST), 'network');
    assert.ok(outcomeUnknown(e), 'the UI must not resend blindly');
    assert.equal(sim().count('POST', `/api/v2/ob/clusters/${TEST}/start`), 1);
  });

  it('OCP refusing a start (409, not STOPPED) is one POST and an OcpError with the OCP message', async () => {
    const e = await ocpError(startCluster(client(), PROD), 'http');
    assert.equal(e.status, 409);
    assert.match(e.message, /RUNNING/);
    assert.equal(sim().count('POST', /./), 1);
  });

  it('an old-shape task payload (tasks[], creator object) normalises too', async () => {
    sim().addFault({ kind: 'taskShape', shape: 'old', on: 'post', times: 1 });
    const { task } = await restartCluster(client(), PROD);
    assert.equal(task.shape, 'tasks');
    assert.equal(task.clusterId, PROD);
    assert.ok(task.subtasks.length > 0);
    assert.ok(task.id > 0);
  });
});

describe('lifecycle client: zones and OBServers', () => {
  const { sim, client } = useClientSim({ scenario: { subtaskDurationMs: 100 } });

  it('zoneAction stop / start / restart: one POST each without body or query; statuses follow the task', async () => {
    const c = client();
    const stop = await zoneAction(c, PROD, 'zone2', 'stop');
    const r = onlyRequest(sim());
    assert.equal(r.path, `/api/v2/ob/clusters/${PROD}/zones/zone2/stop`);
    assert.equal(r.body, null);
    assert.deepEqual(r.query, {});
    assert.equal(stop.task.name, 'Stop OB zone');
    assert.equal((await listZones(c, PROD)).find((z) => z.name === 'zone2')!.status, 'STOPPING');
    assert.equal((await track(sim(), c, stop.task.id)).status, 'SUCCESSFUL');
    let zones = await listZones(c, PROD);
    assert.deepEqual(zones.map((z) => z.status), ['RUNNING', 'STOPPED', 'RUNNING']);
    assert.ok(zones[1].servers.every((s) => s.status === 'STOPPED'));
    assert.equal(await clusterStatus(c, PROD), 'RUNNING', 'a stopped zone leaves the cluster RUNNING');

    const start = await zoneAction(c, PROD, 'zone2', 'start');
    assert.equal(start.task.name, 'Start OB zone');
    assert.equal((await listZones(c, PROD))[1].status, 'STARTING');
    await track(sim(), c, start.task.id);
    zones = await listZones(c, PROD);
    assert.ok(zones.every((z) => z.status === 'RUNNING' && z.servers.every((s) => s.status === 'RUNNING')));

    const restart = await zoneAction(c, PROD, 'zone3', 'restart');
    assert.equal(restart.task.name, 'Restart OB zone');
    assert.equal((await listZones(c, PROD))[2].status, 'RESTARTING');
    await track(sim(), c, restart.task.id);
    assert.equal((await listZones(c, PROD))[2].status, 'RUNNING');
    assert.deepEqual(sim().requests.filter((x) => x.method === 'POST').map((x) => x.path.replace(`/api/v2/ob/clusters/${PROD}/zones/`, '')), ['zone2/stop', 'zone2/start', 'zone3/restart']);
  });

  it('a 504 on a zone restart is one POST and "may have started"; the zone is untouched', async () => {
    const c = client();
    sim().addFault({ kind: 'status', status: 504, method: 'POST', path: '/zones/zone1/restart$' });
    const e = await ocpError(zoneAction(c, PROD, 'zone1', 'restart'), 'http');
    assert.ok(outcomeUnknown(e));
    assert.equal(sim().count('POST', `/api/v2/ob/clusters/${PROD}/zones/zone1/restart`), 1);
    assert.equal((await listZones(c, PROD))[0].status, 'RUNNING');
  });

  it('a zone name is path-encoded', async () => {
    const e = await ocpError(zoneAction(client(), PROD, 'zone 9/x', 'stop'), 'http');
    assert.equal(e.status, 404);
    assert.equal(onlyRequest(sim()).path, `/api/v2/ob/clusters/${PROD}/zones/zone%209%2Fx/stop`);
  });

  it('serverAction: force (default off) travels in the body and the query; start takes none; nothing sent without options', async () => {
    const c = client();
    const [s1, s2] = (await listServers(c, PROD)).map((s) => s.id!);
    sim().clearRequests();
    const forced = await serverAction(c, PROD, s1, 'stop', { force: true });
    let r = onlyRequest(sim());
    assert.equal(r.path, `/api/v2/ob/clusters/${PROD}/servers/${s1}/stop`);
    assert.deepEqual(r.body, { force: true });
    assert.deepEqual(r.query, { force: 'true' });
    assert.equal(forced.task.name, 'Stop OB server');
    assert.ok(!forced.task.subtasks.some((s) => s.name === 'Prepare stop observer'), 'a forced stop skips the graceful preparation');
    await track(sim(), c, forced.task.id);
    assert.equal((await listServers(c, PROD)).find((s) => s.id === s1)!.status, 'STOPPED');

    sim().clearRequests();
    const start = await serverAction(c, PROD, s1, 'start', { force: true });
    r = onlyRequest(sim());
    assert.equal(r.body, null, 'start documents no parameter');
    assert.deepEqual(r.query, {});
    assert.equal(start.task.name, 'Start OB server');
    await track(sim(), c, start.task.id);
    assert.equal((await listServers(c, PROD)).find((s) => s.id === s1)!.status, 'RUNNING');

    sim().clearRequests();
    const plain = await serverAction(c, PROD, s2, 'restart', { force: false });
    r = onlyRequest(sim());
    assert.deepEqual(r.body, { force: false });
    assert.deepEqual(r.query, { force: 'false' });
    assert.ok(plain.task.subtasks.some((s) => s.name === 'Prepare restart observer'));
    assert.equal((await listServers(c, PROD)).find((s) => s.id === s2)!.status, 'RESTARTING');
    await track(sim(), c, plain.task.id);
    assert.equal((await listServers(c, PROD)).find((s) => s.id === s2)!.status, 'RUNNING');

    sim().clearRequests();
    const bare = await serverAction(c, PROD, s2, 'stop');
    r = onlyRequest(sim());
    assert.equal(r.body, null);
    assert.deepEqual(r.query, {});
    assert.equal(bare.task.name, 'Stop OB server');
  });

  it('serverAction sends freezeServer only when given (later 4.3 pages)', async () => {
    const c = client();
    const id = (await listServers(c, PROD))[0].id!;
    sim().clearRequests();
    const t = await serverAction(c, PROD, id, 'restart', { force: false, freezeServer: true });
    assert.deepEqual(onlyRequest(sim()).body, { force: false, freezeServer: true });
    assert.ok(t.task.subtasks.some((s) => s.name === 'Freeze server'));
  });

  it('a 500 on an OBServer stop is one POST; the server keeps running', async () => {
    const c = client();
    const id = (await listServers(c, PROD))[0].id!;
    sim().addFault({ kind: 'status', status: 500, method: 'POST', path: '/servers/\\d+/stop$' });
    sim().clearRequests();
    await ocpError(serverAction(c, PROD, id, 'stop', { force: false }), 'http');
    assert.equal(sim().count('POST', /./), 1);
    assert.equal((await listServers(c, PROD))[0].status, 'RUNNING');
  });

  it('listZones / listServers normalise the documented fields; per zone too', async () => {
    const c = client();
    const zones = await listZones(c, PROD);
    assert.equal(onlyRequest(sim()).path, `/api/v2/ob/clusters/${PROD}/zones`);
    assert.deepEqual(zones.map((z) => [z.name, z.idcName, z.regionName, z.status, z.serverCount]), [
      ['zone1', 'hz1', 'cn-hangzhou', 'RUNNING', 1], ['zone2', 'hz2', 'cn-hangzhou', 'RUNNING', 1], ['zone3', 'sh1', 'cn-shanghai', 'RUNNING', 1],
    ]);
    const s = zones[0].servers[0];
    assert.equal(s.address, '10.0.1.11:2882');
    assert.equal(s.rpcPort, 2882);
    assert.equal(s.sqlPort, 2881);
    assert.equal(s.version, '4.2.1.2');
    assert.equal(s.zoneName, 'zone1');
    assert.equal(s.withRootserver, true);
    const all = await listServers(c, PROD);
    assert.deepEqual(all.map((x) => x.address), ['10.0.1.11:2882', '10.0.1.12:2882', '10.0.1.13:2882']);
    sim().clearRequests();
    const z2 = await listServers(c, PROD, { zoneName: 'zone2' });
    assert.equal(onlyRequest(sim()).path, `/api/v2/ob/clusters/${PROD}/zones/zone2/servers`);
    assert.deepEqual(z2.map((x) => [x.ip, x.zoneName]), [['10.0.1.12', 'zone2']]);
  });
});

describe('lifecycle client: 100 zones x 30 OBServers', () => {
  const { sim, client } = useClientSim({ scenario: { topology: [{ name: 'big_topo', zones: 100, serversPerZone: 30, stoppedZones: ['zone007'] }] } });

  it('lists 100 zones and 3,000 servers (all, or zone by zone, as the tree loads them lazily)', async () => {
    const c = client();
    const big = (await c.listClusters({ name: 'big_topo' })).map(normalizeCluster)[0];
    assert.ok(big);
    sim().clearRequests();
    const zones = await listZones(c, big.id);
    assert.equal(zones.length, 100);
    assert.equal(sim().requests.length, 1, 'one request for the zones');
    assert.equal(zones[6].name, 'zone007');
    assert.equal(zones[6].status, 'STOPPED');
    assert.ok(zones.every((z) => z.serverCount === 30 && z.servers.length === 30));
    const all = await listServers(c, big.id);
    assert.equal(all.length, 3000);
    assert.equal(new Set(all.map((s) => s.id)).size, 3000, 'server ids are unique');
    assert.equal(new Set(all.map((s) => s.address)).size, 3000, 'addresses are unique');
    let firstZone = 0;
    for await (const s of paginateServers(c, big.id, { zoneName: 'zone042', pageSize: 10 })) {
      assert.equal(s.zoneName, 'zone042');
      firstZone++;
    }
    assert.equal(firstZone, 30);
    assert.equal(all.filter((s) => s.status === 'STOPPED').length, 30);
  });
});

describe('lifecycle client: tenant failover', () => {
  const { sim, client } = useClientSim({ scenario: { subtaskDurationMs: 100 } });

  it('failoverPreCheck: one POST without a body; the list answer is read for the tenant asked about', async () => {
    const c = client();
    const p = await failoverPreCheck(c, DR, ORDER_DR);
    const r = onlyRequest(sim());
    assert.equal(r.method, 'POST');
    assert.equal(r.path, `/api/v2/ob/clusters/${DR}/tenants/failoverPreCheck`);
    assert.equal(r.body, null);
    assert.equal(p.reported, true);
    assert.equal(p.passed, true);
    assert.equal(p.entries.length, 2, 'both standby tenants of the cluster came back');
    assert.equal(p.entry!.name, 'order_mysql_dr');
    assert.equal(p.entry!.clusterName, 'obcluster_dr');
    assert.ok(p.entry!.syncScn && /^\d+$/.test(p.entry!.syncScn));
    assert.ok(p.report.items.length >= 3 && p.report.items.every((i) => i.passed));
    assert.ok(p.report.facts.some(([k, v]) => k === 'name' && v === 'order_mysql_dr'));
  });

  it('failoverPreCheck: a failed check fails the tenant, with the reason', async () => {
    const c = client();
    sim().state.clusters.get(DR)!.status = 'STOPPED';
    const p = await failoverPreCheck(c, DR, BILLING_DR);
    assert.equal(p.reported, true);
    assert.equal(p.passed, false);
    assert.equal(p.entry!.valid, false);
    const failed = p.report.items.filter((i) => !i.passed);
    assert.equal(failed.length, 1);
    assert.match(failed[0].message ?? '', /STOPPED/);
  });

  it('failoverPreCheck: a tenant OCP does not report is "not reported", not passed', async () => {
    const p = await failoverPreCheck(client(), DR, 424242);
    assert.equal(p.reported, false);
    assert.equal(p.passed, false);
    assert.equal(p.entries.length, 2);
  });

  it('failoverPreCheck: a refusal in an error envelope (409) reads as a failed precheck with the OCP message', async () => {
    const p = await failoverPreCheck(client(), PROD, ORDER);
    assert.equal(onlyRequest(sim()).path, `/api/v2/ob/clusters/${PROD}/tenants/failoverPreCheck`);
    assert.equal(p.reported, true);
    assert.equal(p.passed, false);
    assert.match(p.report.items[0].message ?? '', /no standby tenant/);
  });

  it('failoverPreCheck: an unknown cluster (or an OCP without the route) throws the 404', async () => {
    const e = await ocpError(failoverPreCheck(client(), 777, ORDER_DR), 'http');
    assert.equal(e.status, 404);
  });

  it('failoverTenant: one POST with a list of one; the task tracked to SUCCESSFUL makes the standby PRIMARY', async () => {
    const c = client();
    const { tasks, raw } = await failoverTenant(c, DR, ORDER_DR);
    const r = onlyRequest(sim());
    assert.equal(r.path, `/api/v2/ob/clusters/${DR}/tenants/failover`);
    assert.deepEqual(r.body, { failoverTenantItemList: [{ tenantId: ORDER_DR }] });
    assert.equal(tasks.length, 1);
    assert.equal(raw.length, 1);
    assert.equal(tasks[0].tenantId, ORDER_DR);
    assert.equal(tasks[0].clusterId, DR);
    assert.equal(normalizeTenant(await c.getTenant(DR, ORDER_DR)).rawStatus, 'MODIFYING');
    const done = await track(sim(), c, tasks[0].id);
    assert.equal(done.status, 'SUCCESSFUL');
    const promoted = normalizeTenant(await c.getTenant(DR, ORDER_DR));
    assert.equal(promoted.role, 'PRIMARY');
    assert.equal(promoted.primaryTenant, undefined, 'no longer linked to the old primary');
    assert.equal(promoted.status, 'NORMAL');
    const old = normalizeTenant(await c.getTenant(PROD, ORDER));
    assert.ok(!old.standbyTenants.some((t) => t.id === ORDER_DR), 'the old primary lost it');
    assert.equal(normalizeTenant(await c.getTenant(DR, BILLING_DR)).role, 'STANDBY', 'the other standby is untouched');
    assert.equal(sim().count('POST', /failover$/), 1);
  });

  it('failoverTenant passes a service name when given', async () => {
    const { tasks } = await failoverTenant(client(), DR, BILLING_DR, { serviceName: 'billing_svc' });
    assert.deepEqual(onlyRequest(sim()).body, { failoverTenantItemList: [{ tenantId: BILLING_DR, serviceName: 'billing_svc' }] });
    assert.ok(tasks[0].subtasks.some((s) => s.name === 'Restart tenant service name if started'));
  });

  it('failoverTenant of a primary tenant is refused (409) after one POST; nothing changes', async () => {
    const c = client();
    const e = await ocpError(failoverTenant(c, PROD, ORDER), 'http');
    assert.equal(e.status, 409);
    assert.match(e.message, /not a standby/);
    assert.equal(sim().count('POST', /./), 1);
    assert.equal(normalizeTenant(await c.getTenant(PROD, ORDER)).role, 'PRIMARY');
  });

  it('a 502 on the failover POST is not resent and says the outcome is unknown', async () => {
    sim().addFault({ kind: 'status', status: 502, method: 'POST', path: '/tenants/failover$' });
    const e = await ocpError(failoverTenant(client(), DR, ORDER_DR), 'http');
    assert.ok(outcomeUnknown(e));
    assert.equal(sim().count('POST', `/api/v2/ob/clusters/${DR}/tenants/failover`), 1);
    assert.equal(sim().state.tenant(ORDER_DR)!.tenantRole, 'STANDBY');
  });

  it('failover tasks come back in either shape', async () => {
    sim().addFault({ kind: 'taskShape', shape: 'old', on: 'post', times: 1 });
    const { tasks } = await failoverTenant(client(), DR, ORDER_DR);
    assert.equal(tasks[0].shape, 'tasks');
    assert.ok(tasks[0].id > 0);
  });
});
