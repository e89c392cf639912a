// The inventory's alerts (src/inventory/store.ts): loaded with each cluster list, ONE GET of the alert list per
// connection per load (however many read it), matched to clusters by name, kept apart from the clusters when the
// alert list fails (403, 404 of an older OCP): counts unknown, never zero. Real HTTP against the simulator.
import './vscode-stub';
import * as assert from 'node:assert/strict';
import { OcpClient } from '../../../src/core/ocp/client';
import { Inventory } from '../../../src/inventory/store';
import type { ConnectionManager } from '../../../src/connections/manager';
import { dayState, failAlarmList } from '../../ocp-sim/daytoday';
import { BASIC, FAST, until, useClientSim } from '../client/helpers';

const ALARMS = '/api/v2/alarm/alarms';

describe('inventory: alerts with the cluster list', () => {
  const suite = useClientSim();
  let inventory: Inventory;
  let client: OcpClient;

  beforeEach(() => {
    client = suite.track(new OcpClient({ url: suite.sim().url, auth: BASIC, ...FAST }));
    const connections = {
      client: async () => client,
      onDidChange: () => ({ dispose() { /* nothing to release */ } }),
      list: () => [{ id: 'c1' }],
    } as unknown as ConnectionManager;
    inventory = new Inventory(connections);
  });
  afterEach(() => inventory.dispose());

  const alarmGets = () => suite.sim().requests.filter((r) => r.method === 'GET' && r.path === ALARMS).length;
  const clusterId = (name: string) => inventory.loadedClusters('c1')!.find((c) => c.name === name)!.id;

  it('loads the alerts with the clusters in one request and counts them per cluster by name', async () => {
    await inventory.ensureClusters('c1');
    const a = await inventory.ensureAlarms('c1');
    assert.equal(alarmGets(), 1);
    assert.equal(a.error, undefined);
    assert.equal(a.complete, true);
    const prod = inventory.clusterAlarms('c1', clusterId('obcluster_prod'))!;
    assert.deepEqual(prod.counts.byLevel, { 1: 0, 2: 1, 3: 2, 4: 0, 5: 0 });
    assert.equal(prod.alarms[0].level, 2, 'most severe first');
    // an older OCP's `obregion` label names the standby cluster
    assert.deepEqual(inventory.clusterAlarms('c1', clusterId('obcluster_dr'))!.counts.byLevel, { 1: 0, 2: 0, 3: 0, 4: 1, 5: 0 });
    assert.equal(inventory.clusterAlarms('c1', clusterId('obcluster_test'))!.counts.byLevel[1], 1);
    // the connection counts every active alert, the OCP host's included; the resolved one is not listed
    assert.equal(inventory.connectionAlarmCounts('c1')!.total, 6);
    // readers share the load
    await Promise.all([inventory.ensureAlarms('c1'), inventory.ensureAlarms('c1'), inventory.ensureClusters('c1')]);
    assert.equal(alarmGets(), 1);
  });

  it('sends one more alert request per reload, and a reload aborts one still running', async () => {
    await inventory.ensureClusters('c1');
    await inventory.ensureAlarms('c1');
    suite.sim().clearRequests();
    await inventory.reloadClusters('c1');
    await inventory.ensureAlarms('c1');
    assert.equal(alarmGets(), 1);
    // an alert pushed meanwhile shows after the next reload
    const prodName = 'obcluster_prod';
    await client.post(ALARMS, { alarmType: 'pushed', labels: { ob_cluster: prodName, alarm_level: 'Critical' } });
    suite.sim().clearRequests();
    suite.sim().addFault({ kind: 'latency', ms: 300, method: 'GET', path: `^${ALARMS}$`, times: 1 });
    const first = inventory.reloadClusters('c1');
    await until(() => alarmGets() === 1, 'the first alert request to arrive');
    const second = inventory.reloadClusters('c1');
    await Promise.all([first, second]);
    const a = await inventory.ensureAlarms('c1');
    assert.equal(a.error, undefined);
    assert.equal(alarmGets(), 2, 'the second reload sends its own request, the first is aborted');
    assert.equal(inventory.clusterAlarms('c1', clusterId(prodName))!.counts.byLevel[2], 2);
  });

  for (const status of [403, 404] as const) {
    it(`keeps the clusters when the alert list answers ${status}: the counts are unknown, not zero`, async () => {
      failAlarmList(suite.sim().state, status);
      const clusters = await inventory.ensureClusters('c1');
      assert.equal(clusters.error, undefined);
      assert.ok(clusters.items!.length >= 3);
      const a = await inventory.ensureAlarms('c1');
      assert.ok(a.error, 'the failure is kept');
      assert.equal(inventory.clusterAlarms('c1', clusterId('obcluster_prod')), undefined);
      assert.equal(inventory.connectionAlarmCounts('c1'), undefined);
      assert.equal(alarmGets(), 1, 'no retry of its own');
      // served again: the next reload reads them
      failAlarmList(suite.sim().state, undefined);
      await inventory.reloadClusters('c1');
      await inventory.ensureAlarms('c1');
      assert.equal(inventory.clusterAlarms('c1', clusterId('obcluster_prod'))!.counts.total, 3);
    });
  }

  it('a first cluster load shares an alert load already started (an Alerts group read first): still one request', async () => {
    const alarms = inventory.ensureAlarms('c1');
    const clusters = inventory.ensureClusters('c1');
    await Promise.all([alarms, clusters]);
    await inventory.ensureAlarms('c1');
    assert.equal(alarmGets(), 1);
    assert.equal(inventory.clusterAlarms('c1', clusterId('obcluster_prod'))!.counts.total, 3);
  });

  it('reads at most one page of 200 with more active alerts: incomplete, the total kept, still one request', async () => {
    const d = dayState(suite.sim().state);
    const model = d.alarms.find((a) => a.labels.ob_cluster === 'obcluster_prod' && a.status === 'Active')!;
    for (let i = 0; i < 250; i++) d.alarms.push({ ...model, id: 5_000_000 + i, labels: { ...model.labels } });
    await inventory.ensureClusters('c1');
    const a = await inventory.ensureAlarms('c1');
    assert.equal(alarmGets(), 1);
    assert.equal(a.complete, false);
    assert.equal(a.total, 256);
    assert.equal(a.items!.length, 200);
    assert.equal(inventory.connectionAlarmCounts('c1')!.total, 200, 'counts of what was read: lower bounds');
  });

  it('forgets the alerts with the connection and reads them again on the next load', async () => {
    await inventory.ensureClusters('c1');
    await inventory.ensureAlarms('c1');
    inventory.forget('c1');
    assert.equal(inventory.alarmState('c1'), undefined);
    assert.equal(inventory.connectionAlarmCounts('c1'), undefined);
    await inventory.ensureClusters('c1');
    await inventory.ensureAlarms('c1');
    assert.equal(alarmGets(), 2);
  });
});
