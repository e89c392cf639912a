// The four operations (+ start): validation, the task they start, and the target's state along the way.
import * as assert from 'node:assert/strict';
import { advanceUntil, useSim } from './helpers';

const RPM = 'oceanbase-4.2.1.2-102000042023120514.el7.x86_64.rpm';

describe('sim operations', () => {
  const { sim, client } = useSim();

  function runToEnd(taskId: number): void {
    advanceUntil(sim(), () => sim().state.tasks.get(taskId)!.status !== 'RUNNING');
  }

  describe('create cluster', () => {
    const body = () => ({
      name: 'new_cluster', rpmName: RPM, type: 'PRIMARY', password: 'Root_pw_1',
      zones: [{ name: 'zone1', idcName: 'hz1', servers: [100010] }, { name: 'zone2', idcName: 'hz2', servers: [100011] }, { name: 'zone3', idcName: 'sh1', servers: [100012] }],
    });

    it('names every missing field in subErrors', async () => {
      const r = await client().post('/api/v2/ob/clusters', {});
      assert.equal(r.status, 400);
      assert.equal(r.json.successful, false);
      assert.deepEqual(r.json.error.subErrors.map((e: any) => e.field).sort(), ['name', 'password', 'rpmName', 'type', 'zones']);
      const z = await client().post('/api/v2/ob/clusters', { ...body(), zones: [{}] });
      assert.deepEqual(z.json.error.subErrors.map((e: any) => e.field).sort(), ['zones[0].idcName', 'zones[0].name', 'zones[0].servers']);
    });

    it('checks name rules, package, type, IDC and hosts', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ name: '1abc' }, 'name'],
        [{ name: 'a' }, 'name'],
        [{ name: 'a'.repeat(49) }, 'name'],
        [{ name: 'bad-name' }, 'name'],
        [{ name: 'obcluster_prod' }, 'name'],
        [{ rpmName: 'oceanbase-9.9.9.rpm' }, 'rpmName'],
        [{ rpmName: 'obproxy-ce-4.2.3.0-3.el7.x86_64.rpm' }, 'rpmName'],
        [{ type: 'SECONDARY' }, 'type'],
        [{ zones: [{ name: 'zone1', idcName: 'nowhere', servers: [100010] }] }, 'zones[0].idcName'],
        [{ zones: [{ name: 'zone1', idcName: 'hz1', servers: [123] }] }, 'zones[0].servers[0]'],
        [{ zones: [{ name: 'zone1', idcName: 'hz1', servers: [100001] }] }, 'zones[0].servers[0]'],
        [{ zones: [{ name: 'zone1', idcName: 'hz1', servers: [100010, 100010] }] }, 'zones[0].servers[1]'],
        [{ zones: [{ name: 'zone1', idcName: 'hz1', servers: [100010] }, { name: 'zone1', idcName: 'hz2', servers: [100011] }] }, 'zones[1].name'],
        [{ zones: [] }, 'zones'],
      ];
      for (const [patch, field] of cases) {
        const r = await client().post('/api/v2/ob/clusters', { ...body(), ...patch });
        assert.equal(r.status, 400, JSON.stringify(patch));
        assert.deepEqual(r.json.error.subErrors.map((e: any) => e.field), [field], JSON.stringify(patch));
      }
      const used = await client().post('/api/v2/ob/clusters', { ...body(), zones: [{ name: 'zone1', idcName: 'hz1', servers: [100001] }] });
      assert.match(used.json.error.subErrors[0].message, /obcluster_prod/);
      assert.equal(sim().state.clusters.size, 4, 'nothing created');
    });

    it('creates the cluster: CREATING, then RUNNING with zones, servers and a sys tenant', async () => {
      const r = await client().post('/api/v2/ob/clusters', body());
      assert.equal(r.status, 200, r.text);
      const task = r.json.data;
      assert.equal(task.name, 'Create primary OB cluster');
      assert.equal(task.status, 'RUNNING');
      const cluster = (await client().data('/api/v2/ob/clusters?name=new_cluster')).contents[0];
      assert.equal(task.clusterId, cluster.id);
      assert.equal(cluster.status, 'CREATING');
      assert.equal(cluster.obVersion, '4.2.1.2');
      assert.deepEqual(cluster.zones.map((z: any) => z.name), ['zone1', 'zone2', 'zone3']);
      assert.ok((await client().data('/api/v2/compute/hosts/100010')).services.some((x: any) => x.type === 'OB_CLUSTER' && x.name === `${cluster.name}:${cluster.obClusterId}`));
      assert.equal(task.subtasks.filter((s: any) => s.name === 'Install rpm').length, 3, 'fans out per host');
      runToEnd(task.id);
      assert.equal(sim().state.tasks.get(task.id)!.status, 'SUCCESSFUL');
      const after = await client().cluster(cluster.id);
      assert.equal(after.status, 'RUNNING');
      assert.ok(after.zones.every((z: any) => z.servers.every((s: any) => s.status === 'RUNNING')));
      const tenants = (await client().data(`/api/v2/ob/clusters/${cluster.id}/tenants`)).contents;
      assert.deepEqual(tenants.map((t: any) => t.name), ['sys']);
      assert.equal(after.tenantCount, 1);
    });
  });

  describe('take over', () => {
    it('precheck passes for an unknown address and fails for 10.0.0.250 with a list of problems', async () => {
      const ok = await client().post('/api/v2/ob/clusters/takeOverPreCheck', { address: '10.9.8.7', port: 2881, rootSysPassword: 'pw' });
      assert.equal(ok.status, 200);
      assert.equal(ok.json.data.valid, true);
      assert.ok(ok.json.data.clusterName);
      assert.ok(ok.json.data.checkResults.every((c: any) => c.passed && c.name && c.message));
      const bad = await client().post('/api/v2/ob/clusters/takeOverPreCheck', { address: '10.0.0.250', port: 2881, rootSysPassword: 'pw' });
      assert.equal(bad.status, 200);
      assert.equal(bad.json.data.valid, false);
      assert.equal(bad.json.data.checkResults.filter((c: any) => !c.passed).length, 3);
    });

    it('precheck fails on a wrong password and on an already managed cluster', async () => {
      const wrong = (await client().post('/api/v2/ob/clusters/takeOverPreCheck', { address: '10.0.0.200', port: 2881, rootSysPassword: 'nope' })).json.data;
      assert.equal(wrong.valid, false);
      assert.ok(wrong.checkResults.some((c: any) => !c.passed && /password/.test(c.message)));
      const right = (await client().post('/api/v2/ob/clusters/takeOverPreCheck', { address: '10.0.0.200', port: 2881, rootSysPassword: 'aaAA11__' })).json.data;
      assert.equal(right.valid, true);
      assert.equal(right.clusterName, 'legacy_ob');
      assert.equal(right.zones.length, 3);
      const managed = (await client().post('/api/v2/ob/clusters/takeOverPreCheck', { address: '10.0.1.11', port: 2881, rootSysPassword: 'x' })).json.data;
      assert.equal(managed.valid, false);
    });

    it('validates rootSysPassword, address, port, connection mode and hostInfo', async () => {
      const r = await client().post('/api/v2/ob/clusters/takeOver', {});
      assert.equal(r.status, 400);
      assert.deepEqual(r.json.error.subErrors.map((e: any) => e.field).sort(), ['address', 'port', 'rootSysPassword']);
      const proxy = await client().post('/api/v2/ob/clusters/takeOverPreCheck', { address: 'a', port: 2883, rootSysPassword: 'x', connectionMode: 'proxy' });
      assert.deepEqual(proxy.json.error.subErrors.map((e: any) => e.field), ['clusterName']);
      const port = await client().post('/api/v2/ob/clusters/takeOver', { address: 'a', port: 70000, rootSysPassword: 'x' });
      assert.deepEqual(port.json.error.subErrors.map((e: any) => e.field), ['port']);
      const hi = await client().post('/api/v2/ob/clusters/takeOver', { address: '10.9.8.7', port: 2881, rootSysPassword: 'x', hostInfo: { hostTypeId: 99, credentialId: 98 } });
      assert.deepEqual(hi.json.error.subErrors.map((e: any) => e.field), ['hostInfo.hostTypeId', 'hostInfo.credentialId']);
      const failing = await client().post('/api/v2/ob/clusters/takeOver', { address: '10.0.0.250', port: 2881, rootSysPassword: 'x' });
      assert.equal(failing.status, 400);
      assert.match(failing.json.error.message, /disk/);
    });

    it('takes the cluster over: TAKINGOVER, then RUNNING with tenants', async () => {
      const r = await client().post('/api/v2/ob/clusters/takeOver', { address: '10.0.0.200', port: 2881, rootSysPassword: 'aaAA11__', hostInfo: { hostTypeId: 2, credentialId: 2 } });
      assert.equal(r.status, 200, r.text);
      const task = r.json.data;
      assert.equal(task.name, 'Take over primary OB cluster');
      const cluster = await client().cluster(task.clusterId);
      assert.equal(cluster.name, 'legacy_ob');
      assert.equal(cluster.status, 'TAKINGOVER');
      assert.equal(cluster.zones.length, 3);
      const hosts = (await client().data('/api/v2/compute/hosts?keyword=10.0.0.20&size=100')).contents;
      assert.equal(hosts.length, 3);
      assert.ok(hosts.every((h: any) => h.typeId === 2 && h.services.some((x: any) => x.type === 'OB_CLUSTER' && x.name === `${cluster.name}:${cluster.obClusterId}`)));
      runToEnd(task.id);
      assert.equal((await client().cluster(cluster.id)).status, 'RUNNING');
      assert.deepEqual((await client().data(`/api/v2/ob/clusters/${cluster.id}/tenants`)).contents.map((t: any) => t.name), ['sys', 'app_mysql']);
      const again = await client().post('/api/v2/ob/clusters/takeOver', { address: '10.0.0.200', port: 2881, rootSysPassword: 'aaAA11__' });
      assert.equal(again.status, 400, 'already managed');
    });
  });

  describe('stop and start', () => {
    it('stops a RUNNING cluster: STOPPING, then STOPPED', async () => {
      const task = (await client().post('/api/v2/ob/clusters/1000001/stop')).json.data;
      assert.equal(task.name, 'Stop OB cluster');
      assert.equal(task.clusterId, 1000001);
      assert.equal((await client().cluster(1000001)).status, 'STOPPING');
      runToEnd(task.id);
      const c = await client().cluster(1000001);
      assert.equal(c.status, 'STOPPED');
      assert.ok(c.zones.every((z: any) => z.servers.every((s: any) => s.status === 'STOPPED' && s.stopTime)));
      const finished = await client().data(`/api/v2/tasks/instances/${task.id}`);
      assert.equal(finished.status, 'SUCCESSFUL');
      assert.ok(finished.finishTime);
      assert.ok(finished.subtasks.every((s: any) => s.status === 'SUCCESSFUL' && s.startTime && s.finishTime));
    });

    it('refuses to stop a cluster that is not RUNNING, and to start one that is not STOPPED', async () => {
      const stop = await client().post('/api/v2/ob/clusters/1000003/stop');
      assert.equal(stop.status, 409);
      assert.match(stop.json.error.message, /STOPPED/);
      assert.equal((await client().post('/api/v2/ob/clusters/1000001/start')).status, 409);
      assert.equal((await client().post('/api/v2/ob/clusters/424242/stop')).status, 404);
      await client().post('/api/v2/ob/clusters/1000001/stop');
      assert.equal((await client().post('/api/v2/ob/clusters/1000001/stop')).status, 409, 'STOPPING');
    });

    it('starts a STOPPED cluster: STARTING, then RUNNING', async () => {
      const task = (await client().post('/api/v2/ob/clusters/1000003/start')).json.data;
      assert.equal(task.name, 'Start OB cluster');
      assert.equal((await client().cluster(1000003)).status, 'STARTING');
      runToEnd(task.id);
      assert.equal((await client().cluster(1000003)).status, 'RUNNING');
    });
  });

  describe('tenant switchover', () => {
    const PRIMARY = 2000002; // order_mysql @ obcluster_prod
    const STANDBY = 2000006; // order_mysql_dr @ obcluster_dr

    it('has the expected default pair', () => {
      assert.equal(sim().state.tenant(PRIMARY)!.name, 'order_mysql');
      assert.equal(sim().state.tenant(STANDBY)!.name, 'order_mysql_dr');
    });

    it('prechecks a valid pair', async () => {
      const r = await client().post(`/api/v2/ob/clusters/1000001/tenants/${PRIMARY}/switchoverPreCheck`, { tenantId: PRIMARY, standbyTenantId: STANDBY });
      assert.equal(r.status, 200, r.text);
      const d = r.json.data;
      assert.equal(d.valid, true);
      assert.deepEqual([d.tenantId, d.name, d.clusterId, d.clusterName], [PRIMARY, 'order_mysql', 1000001, 'obcluster_prod']);
      const s = d.standbyCheckResults;
      assert.deepEqual([s.valid, s.tenantId, s.name, s.clusterId, s.clusterName], [true, STANDBY, 'order_mysql_dr', 1000002, 'obcluster_dr']);
      assert.equal(typeof s.syncScn, 'number');
      assert.ok(s.checkResults.length > 0 && s.checkResults.every((c: any) => c.passed));
    });

    it('precheck reports an invalid pair; the switchover refuses it', async () => {
      const billingDr = 2000007;
      const body = { tenantId: PRIMARY, standbyTenantId: billingDr };
      const pre = await client().post(`/api/v2/ob/clusters/1000001/tenants/${PRIMARY}/switchoverPreCheck`, body);
      assert.equal(pre.json.data.valid, false);
      const sw = await client().post(`/api/v2/ob/clusters/1000001/tenants/${PRIMARY}/switchover`, body);
      assert.equal(sw.status, 409);
      assert.match(sw.json.error.message, /not a standby tenant of order_mysql/);
      const reversed = await client().post(`/api/v2/ob/clusters/1000002/tenants/${STANDBY}/switchover`, { tenantId: STANDBY, standbyTenantId: PRIMARY });
      assert.equal(reversed.status, 409);
      assert.match(reversed.json.error.message, /not a primary tenant/);
    });

    it('validates the body and the path', async () => {
      const r = await client().post(`/api/v2/ob/clusters/1000001/tenants/${PRIMARY}/switchover`, {});
      assert.equal(r.status, 400);
      assert.deepEqual(r.json.error.subErrors.map((e: any) => e.field), ['tenantId', 'standbyTenantId']);
      assert.equal((await client().post(`/api/v2/ob/clusters/1000001/tenants/${PRIMARY}/switchover`, { tenantId: PRIMARY, standbyTenantId: 2999999 })).status, 404);
      assert.equal((await client().post(`/api/v2/ob/clusters/1000001/tenants/2000004/switchover`, { tenantId: PRIMARY, standbyTenantId: STANDBY })).status, 400);
      assert.equal((await client().post(`/api/v2/ob/clusters/1000004/tenants/${PRIMARY}/switchover`, { tenantId: PRIMARY, standbyTenantId: STANDBY })).status, 400);
    });

    it('switches over: tenants MODIFYING during the task, then the roles swap', async () => {
      const r = await client().post(`/api/v2/ob/clusters/1000001/tenants/${PRIMARY}/switchover`, { tenantId: PRIMARY, standbyTenantId: STANDBY });
      assert.equal(r.status, 200, r.text);
      const task = r.json.data;
      assert.equal(task.name, 'Switchover ob tenant for network mode');
      assert.deepEqual([task.clusterId, task.tenantId], [1000001, PRIMARY]);
      assert.equal(sim().state.tenant(PRIMARY)!.status, 'MODIFYING');
      assert.equal(sim().state.tenant(STANDBY)!.status, 'MODIFYING');
      const again = await client().post(`/api/v2/ob/clusters/1000001/tenants/${PRIMARY}/switchover`, { tenantId: PRIMARY, standbyTenantId: STANDBY });
      assert.equal(again.status, 409, 'busy');
      runToEnd(task.id);
      const p = await client().data(`/api/v2/ob/clusters/1000001/tenants/${PRIMARY}`);
      const s = await client().data(`/api/v2/ob/clusters/1000002/tenants/${STANDBY}`);
      assert.equal(p.tenantRole, 'STANDBY');
      assert.equal(p.primaryTenant.id, STANDBY);
      assert.deepEqual(p.standbyTenants, []);
      assert.equal(s.tenantRole, 'PRIMARY');
      assert.equal(s.primaryTenant, null);
      assert.deepEqual(s.standbyTenants.map((t: any) => t.id), [PRIMARY]);
      assert.equal(p.status, 'NORMAL');
      assert.equal(s.status, 'NORMAL');
      const back = await client().post(`/api/v2/ob/clusters/1000002/tenants/${STANDBY}/switchoverPreCheck`, { tenantId: STANDBY, standbyTenantId: PRIMARY });
      assert.equal(back.json.data.valid, true, 'and can be switched back');
    });
  });
});
