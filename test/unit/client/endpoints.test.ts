// Every OcpClient endpoint against the simulator: the request it sent (method, path, query, body) and what it returned.
import * as assert from 'node:assert/strict';
import type { CreateClusterRequest, TakeOverRequest } from '../../../src/core/ocp/types';
import { lastRequest, ocpError, onlyRequest, until, useClientSim } from './helpers';

const PAGE_ALL = { page: '1', size: '2000' };
const RPM_421 = 'oceanbase-4.2.1.2-102000042023120514.el7.x86_64.rpm';

describe('client endpoints', () => {
  // getCluster's GET /clusters/{id} is undocumented (cluster-details.md): this suite's simulator serves it.
  const { sim, client } = useClientSim({ scenario: { serveClusterDetail: true } });

  describe('server', () => {
    it('time: unauthenticated-style plain text, trimmed, equal to the simulated clock', async () => {
      const t = await client().time();
      assert.match(t, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/);
      assert.equal(Date.parse(t), sim().now());
      const r = onlyRequest(sim());
      assert.equal(r.method, 'GET');
      assert.equal(r.path, '/api/v2/time');
      assert.deepEqual(r.query, {});
    });

    it('info: the unwrapped build information', async () => {
      const info = await client().info();
      assert.equal(info.buildVersion, '4.2.1-20240110');
      assert.equal(info.name, 'ocp-server');
      assert.equal(onlyRequest(sim()).path, '/api/v2/info');
    });
  });

  describe('clusters and tenants', () => {
    it('listClusters: every cluster, page 1 of size 2000, filters in the query', async () => {
      const all = await client().listClusters();
      assert.deepEqual(all.map((c) => c.name), ['obcluster_prod', 'obcluster_dr', 'obcluster_test', 'obcluster_dev']);
      const r = onlyRequest(sim());
      assert.equal(r.path, '/api/v2/ob/clusters');
      assert.deepEqual(r.query, PAGE_ALL);
      assert.equal(r.body, null);

      const running = await client().listClusters({ status: ['RUNNING', 'STOPPED'], name: 'obcluster_d', sort: 'name,asc' });
      assert.deepEqual(running.map((c) => c.id), [1000004, 1000002]);
      assert.deepEqual(lastRequest(sim()).query, { ...PAGE_ALL, status: 'RUNNING,STOPPED', name: 'obcluster_d', sort: 'name,asc' });
    });

    it('getCluster: GET /ob/clusters/{id}', async () => {
      const c = await client().getCluster(1000002);
      assert.equal(c.name, 'obcluster_dr');
      assert.equal(c.type, 'STANDBY');
      const r = onlyRequest(sim());
      assert.equal(r.method, 'GET');
      assert.equal(r.path, '/api/v2/ob/clusters/1000002');
    });

    it('getCluster: a 404 falls back to the cluster list, and the 404 surfaces when the list lacks it too', async () => {
      const e = await ocpError(client().getCluster(1234), 'http');
      assert.equal(e.status, 404);
      assert.equal(e.message, 'Cluster 1234 does not exist');
      assert.deepEqual(sim().requests.map((r) => `${r.method} ${r.path}`), ['GET /api/v2/ob/clusters/1234', 'GET /api/v2/ob/clusters']);
    });

    it('getCluster: a 404 answered for one cluster that the list does have returns it from the list', async () => {
      // The cluster is created while the list request is held by a latency fault: GET one answered 404 before it existed.
      const id = sim().state.ids.cluster;
      sim().addFault({ kind: 'latency', ms: 300, method: 'GET', path: '^/api/v2/ob/clusters$' });
      const pending = client().getCluster(id);
      await until(() => sim().count('GET', '/api/v2/ob/clusters') === 1, 'list requested');
      assert.equal(sim().requests[0].status, 404);
      await client().createCluster({ name: 'late_ob', rpmName: RPM_421, type: 'PRIMARY', password: 'x', zones: [{ name: 'zone1', idcName: 'hz1', servers: [100010] }] });
      const c = await pending;
      assert.equal(c.id, id);
      assert.equal(c.name, 'late_ob');
    });

    it('listTenants: a cluster’s tenants, filters in the query', async () => {
      const ts = await client().listTenants(1000001);
      assert.deepEqual(ts.map((t) => t.name), ['sys', 'order_mysql', 'billing_oracle', 'analytics']);
      assert.equal(lastRequest(sim()).path, '/api/v2/ob/clusters/1000001/tenants');
      const mysql = await client().listTenants(1000001, { mode: 'MYSQL', name: 'order', status: ['NORMAL'] });
      assert.deepEqual(mysql.map((t) => t.id), [2000002]);
      assert.deepEqual(lastRequest(sim()).query, { ...PAGE_ALL, mode: 'MYSQL', name: 'order', status: 'NORMAL' });
    });

    it('listAllTenants: tenants of every cluster, filtered by cluster name', async () => {
      assert.equal((await client().listAllTenants()).length, 12);
      const dev = await client().listAllTenants({ clusterName: 'obcluster_dev' });
      assert.deepEqual(dev.map((t) => t.name), ['sys', 'dev_mysql', 'dev_oracle']);
      const r = lastRequest(sim());
      assert.equal(r.path, '/api/v2/ob/tenants');
      assert.deepEqual(r.query, { ...PAGE_ALL, clusterName: 'obcluster_dev' });
    });

    it('getTenant: one tenant with its standby', async () => {
      const t = await client().getTenant(1000001, 2000002);
      assert.equal(t.name, 'order_mysql');
      assert.deepEqual(t.standbyTenants.map((s: { id: number }) => s.id), [2000006]);
      assert.equal(onlyRequest(sim()).path, '/api/v2/ob/clusters/1000001/tenants/2000002');
    });

    it('listZones and listServers: lists without a page object, one request each', async () => {
      const zones = await client().listZones(1000001);
      assert.deepEqual(zones.map((z) => z.name), ['zone1', 'zone2', 'zone3']);
      const servers = await client().listServers(1000001);
      assert.deepEqual(servers.map((s) => s.ip), ['10.0.1.11', '10.0.1.12', '10.0.1.13']);
      assert.deepEqual(sim().requests.map((r) => r.path), ['/api/v2/ob/clusters/1000001/zones', '/api/v2/ob/clusters/1000001/servers']);
    });
  });

  describe('compute, credentials, packages', () => {
    it('listHosts: all hosts, or those matching a keyword', async () => {
      assert.equal((await client().listHosts()).length, 13);
      const spare = await client().listHosts({ keyword: '10.0.5.' });
      assert.deepEqual(spare.map((h) => h.id), [100010, 100011, 100012, 100013]);
      const r = lastRequest(sim());
      assert.equal(r.path, '/api/v2/compute/hosts');
      assert.deepEqual(r.query, { ...PAGE_ALL, keyword: '10.0.5.' });
    });

    it('listIdcs, listRegions, listHostTypes', async () => {
      const c = client();
      assert.deepEqual((await c.listIdcs()).map((x) => x.name), ['hz1', 'hz2', 'sh1']);
      assert.deepEqual((await c.listRegions()).map((x) => x.name), ['cn-hangzhou', 'cn-shanghai']);
      assert.deepEqual((await c.listHostTypes()).map((x) => x.name), ['standard-16c64g', 'large-32c128g']);
      assert.deepEqual(sim().requests.map((r) => r.path), ['/api/v2/compute/idcs', '/api/v2/compute/regions', '/api/v2/compute/hostTypes']);
      for (const r of sim().requests) assert.deepEqual(r.query, PAGE_ALL);
    });

    it('listCredentials: the current user’s host credentials', async () => {
      const creds = await client().listCredentials();
      assert.deepEqual(creds.map((x) => [x.id, x.name]), [[1, 'root-ssh-password'], [2, 'admin-ssh-key']]);
      assert.equal(onlyRequest(sim()).path, '/api/v2/profiles/me/credentials');
    });

    it('listSoftwarePackages: OB server packages by default, another type on request', async () => {
      const ob = await client().listSoftwarePackages();
      assert.deepEqual(ob.map((p) => p.version), ['4.2.1.2', '4.2.5.0', '4.3.3.0']);
      assert.deepEqual(lastRequest(sim()).query, { ...PAGE_ALL, type: 'OB_SERVER_INSTALL_PACKAGE' });
      const proxy = await client().listSoftwarePackages({ type: 'OBPROXY_INSTALL_PACKAGE' });
      assert.deepEqual(proxy.map((p) => p.fileName), ['obproxy-ce-4.2.3.0-3.el7.x86_64.rpm']);
      assert.equal(lastRequest(sim()).path, '/api/v2/software-packages');
    });
  });

  describe('operations (POST)', () => {
    it('createCluster: posts the body as given and returns the task', async () => {
      const body: CreateClusterRequest = {
        name: 'new_ob', rpmName: RPM_421, type: 'PRIMARY', password: 'pw_1', primaryZone: 'zone1',
        zones: [{ name: 'zone1', idcName: 'hz1', servers: [100010] }, { name: 'zone2', idcName: 'hz2', servers: [100011] }],
      };
      const task = await client().createCluster(body);
      assert.equal(task.name, 'Create primary OB cluster');
      assert.equal(task.status, 'RUNNING');
      assert.equal(task.clusterId, 1000005);
      const r = onlyRequest(sim());
      assert.equal(r.method, 'POST');
      assert.equal(r.path, '/api/v2/ob/clusters');
      assert.deepEqual(r.query, {});
      assert.deepEqual(r.body, body);
      assert.equal(sim().state.clusters.get(1000005)!.status, 'CREATING');
    });

    it('createCluster: a validation error carries the fields OCP named', async () => {
      const e = await ocpError(client().createCluster({ name: '1bad', rpmName: RPM_421, type: 'PRIMARY', password: 'x', zones: [] }), 'http');
      assert.equal(e.status, 400);
      assert.deepEqual(e.subErrors.map((s) => s.field).sort(), ['name', 'zones']);
      assert.match(e.describe(), /name: must start with a letter/);
    });

    it('takeOverPreCheck and takeOver', async () => {
      const check = { rootSysPassword: 'aaAA11__', address: '10.0.0.200', port: 2881 };
      const pre = await client().takeOverPreCheck(check);
      assert.equal(pre.valid, true);
      assert.equal(pre.clusterName, 'legacy_ob');
      assert.equal(pre.zones.length, 3);
      let r = lastRequest(sim());
      assert.equal(r.path, '/api/v2/ob/clusters/takeOverPreCheck');
      assert.deepEqual(r.body, check);

      const body: TakeOverRequest = { ...check, connectionMode: 'direct', saveToCredential: false, hostInfo: { kind: 'DEDICATED_PHYSICAL_MACHINE', hostTypeId: 1, credentialId: 1 } };
      const task = await client().takeOver(body);
      assert.equal(task.name, 'Take over primary OB cluster');
      assert.equal(task.status, 'RUNNING');
      r = lastRequest(sim());
      assert.equal(r.method, 'POST');
      assert.equal(r.path, '/api/v2/ob/clusters/takeOver');
      assert.deepEqual(r.body, body);
    });

    it('stopCluster and startCluster: POSTs without a body', async () => {
      const stop = await client().stopCluster(1000004);
      assert.equal(stop.name, 'Stop OB cluster');
      assert.equal(stop.clusterId, 1000004);
      const start = await client().startCluster(1000003);
      assert.equal(start.name, 'Start OB cluster');
      assert.deepEqual(sim().requests.map((r) => [r.method, r.path, r.body]), [
        ['POST', '/api/v2/ob/clusters/1000004/stop', null],
        ['POST', '/api/v2/ob/clusters/1000003/start', null],
      ]);
      assert.equal(sim().state.clusters.get(1000004)!.status, 'STOPPING');
      assert.equal(sim().state.clusters.get(1000003)!.status, 'STARTING');
    });

    it('stopCluster on a stopped cluster: OCP’s 409 surfaces', async () => {
      const e = await ocpError(client().stopCluster(1000003), 'http');
      assert.equal(e.status, 409);
      assert.equal(e.code, 50010);
      assert.match(e.message, /obcluster_test is STOPPED/);
    });

    it('switchoverPreCheck and switchover', async () => {
      const body = { tenantId: 2000003, standbyTenantId: 2000007 };
      const pre = await client().switchoverPreCheck(1000001, 2000003, body);
      assert.equal(pre.valid, true);
      assert.equal(pre.standbyCheckResults.name, 'billing_oracle_dr');
      const task = await client().switchover(1000001, 2000003, body);
      assert.equal(task.name, 'Switchover ob tenant for network mode');
      assert.equal(task.tenantId, 2000003);
      assert.deepEqual(sim().requests.map((r) => [r.method, r.path, r.body]), [
        ['POST', '/api/v2/ob/clusters/1000001/tenants/2000003/switchoverPreCheck', body],
        ['POST', '/api/v2/ob/clusters/1000001/tenants/2000003/switchover', body],
      ]);
    });
  });

  describe('tasks', () => {
    it('listTasks: newest first by default, one page of 50', async () => {
      const tasks = await client().listTasks();
      assert.deepEqual(tasks.map((t) => t.id), [3000002, 3000001]);
      const r = onlyRequest(sim());
      assert.equal(r.path, '/api/v2/tasks/instances');
      assert.deepEqual(r.query, { sort: 'id,desc', page: '1', size: '50' });
    });

    it('listTasks: filters in the query, size capped at 2000', async () => {
      const tasks = await client().listTasks({ status: ['SUCCESSFUL', 'RUNNING'], clusterId: 1000004, name: 'take', type: 'MANUAL', sort: 'id,asc' }, 5000);
      assert.deepEqual(tasks.map((t) => t.id), [3000002]);
      assert.deepEqual(onlyRequest(sim()).query, { sort: 'id,asc', status: 'SUCCESSFUL,RUNNING', clusterId: '1000004', name: 'take', type: 'MANUAL', page: '1', size: '2000' });
      const none = await client().listTasks({ tenantId: 2000002, hostId: 100001 });
      assert.deepEqual(none, []);
      assert.deepEqual(lastRequest(sim()).query, { sort: 'id,desc', tenantId: '2000002', hostId: '100001', page: '1', size: '50' });
    });

    it('getTask: the task with its subtasks', async () => {
      const t = await client().getTask(3000001);
      assert.equal(t.name, 'Create primary OB cluster');
      assert.equal(t.status, 'SUCCESSFUL');
      assert.equal(t.subtasks.length, 31);
      assert.equal(onlyRequest(sim()).path, '/api/v2/tasks/instances/3000001');
    });

    it('retryTask: POST …/retry on a failed task returns it running again', async () => {
      const id = sim().createSyntheticTask({ subtasks: 6, status: 'FAILED' });
      const t = await client().retryTask(id);
      assert.equal(t!.id, id);
      assert.equal(t!.status, 'RUNNING');
      assert.equal(t!.operation, 'RETRY');
      const r = onlyRequest(sim());
      assert.deepEqual([r.method, r.path, r.body], ['POST', `/api/v2/tasks/instances/${id}/retry`, null]);
    });

    it('rollbackTask: POST …/rollback', async () => {
      const id = sim().createSyntheticTask({ subtasks: 6, status: 'FAILED' });
      const t = await client().rollbackTask(id);
      assert.equal(t!.operation, 'ROLLBACK');
      const r = onlyRequest(sim());
      assert.deepEqual([r.method, r.path], ['POST', `/api/v2/tasks/instances/${id}/rollback`]);
      assert.equal(sim().state.tasks.get(id)!.rollingBack, true);
    });

    it('subtaskLog: the log text of a subtask', async () => {
      const id = sim().createSyntheticTask({ subtasks: 6, status: 'FAILED' });
      sim().advance(60_000);
      const failed = sim().state.tasks.get(id)!.subtasks.find((s) => s.status === 'FAILED')!;
      const log = await client().subtaskLog(id, failed.id);
      assert.match(log, /Start subtask \d+/);
      assert.match(log.split('\n').pop()!, /Execute failed: synthetic failure$/);
      assert.equal(onlyRequest(sim()).path, `/api/v2/tasks/instances/${id}/subtasks/${failed.id}/log`);
    });

    it('retrySubtask and skipSubtask on failed subtasks', async () => {
      const a = sim().createSyntheticTask({ subtasks: 6, status: 'FAILED' });
      const sa = sim().state.tasks.get(a)!.subtasks.find((s) => s.status === 'FAILED')!;
      const sub = await client().retrySubtask(a, sa.id);
      assert.equal(sub!.id, sa.id);
      assert.equal(sub!.operation, 'RETRY');
      assert.equal(sub!.runTime, 2);

      const b = sim().createSyntheticTask({ subtasks: 6, status: 'FAILED' });
      const sb = sim().state.tasks.get(b)!.subtasks.find((s) => s.status === 'FAILED')!;
      assert.equal(await client().skipSubtask(b, sb.id), undefined, 'skip answers without data');
      assert.equal(sb.status, 'SUCCESSFUL');
      assert.equal(sb.operation, 'SKIP');
      assert.deepEqual(sim().requests.map((r) => [r.method, r.path]), [
        ['POST', `/api/v2/tasks/instances/${a}/subtasks/${sa.id}/retry`],
        ['POST', `/api/v2/tasks/instances/${b}/subtasks/${sb.id}/skip`],
      ]);
    });

    it('cancelSubtask on a running subtask', async () => {
      const id = sim().createSyntheticTask({ subtasks: 6, status: 'RUNNING' });
      sim().advance(100);
      const running = sim().state.tasks.get(id)!.subtasks.find((s) => s.status === 'RUNNING')!;
      assert.ok(running, 'a subtask is running');
      assert.equal(await client().cancelSubtask(id, running.id), undefined);
      assert.equal(running.status, 'CANCELING');
      const r = onlyRequest(sim());
      assert.deepEqual([r.method, r.path, r.body], ['POST', `/api/v2/tasks/instances/${id}/subtasks/${running.id}/cancel`, null]);
    });

    it('task controls in a wrong state: OCP’s 409 with its code', async () => {
      const e = await ocpError(client().retryTask(3000001), 'http');
      assert.equal(e.status, 409);
      assert.equal(e.code, 20003);
      assert.equal(e.message, 'Task 3000001 is SUCCESSFUL; cannot RETRY');
    });
  });
});
