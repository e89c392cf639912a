// Alerts (src/core/model/alarm.ts, listActiveAlarms/getAlarm in src/core/ocp/daytoday.ts): the normaliser on the docs'
// sample, counts by level per cluster (matched by name) and per connection, and the simulator's alert list over real
// HTTP with at most one request per connection per refresh.
import * as assert from 'node:assert/strict';
import { getAlarm, listActiveAlarms } from '../../../src/core/ocp/daytoday';
import { alarmsByCluster, countAlarms, formatAlarmCounts, normalizeAlarm, sortAlarms, worstLevel, type Alarm } from '../../../src/core/model/alarm';
import { normalizeCluster } from '../../../src/core/model/cluster';
import { ocpError, onlyRequest, useClientSim } from '../client/helpers';

/** The docs' sample alert event (alarms.md). */
const SAMPLE = {
  activeAt: '2020-12-03T01:44:04Z', alarmType: 'no_enough_exporter', appType: 'OCP',
  description: 'service=OCP:svr_ip=xxx.xxx.xxx.xxx. The number of exporter processes is insufficient.',
  gmtCreate: '2020-12-03T01:44:04Z', gmtModified: '2020-12-03T01:45:04.048708Z', id: 1000160,
  labels: { alarm_name: 'Insufficient exporter processes', app_type: 'OCP', svr_ip: 'xxx.xxx.xxx.xxx', alarm_level: 'Stopped', alarm_status: 'Active', alarm_scope: 'Host', host_ip: 'xxx.xxx.xxx.xxx', service: 'OCP' },
  level: 1, scope: 'Host', status: 'Active', summary: 'service=OCP:svr_ip=xxx.xxx.xxx.xxx. The number of exporter processes is insufficient.',
  target: 'service=OCP:svr_ip=xxx.xxx.xxx.xxx', updatedAt: '2020-12-03T01:45:04Z',
};

const WORDS = { 1: 'Stopped', 2: 'Critical', 3: 'Warning', 4: 'Caution', 5: 'Reminder' } as const;

function mk(id: number, level: unknown, labels: Record<string, string> = {}, activeAt = '2024-01-01T00:00:00Z'): Alarm {
  const a = normalizeAlarm({ id, level, labels, summary: `a${id}`, status: 'Active', activeAt });
  assert.ok(a);
  return a;
}

describe('alarms: model', () => {
  it('normalises the docs sample: level 1 (Stopped), UTC first seen, no cluster, host ip from the labels', () => {
    const a = normalizeAlarm(SAMPLE)!;
    assert.equal(a.id, 1000160);
    assert.equal(a.level, 1);
    assert.equal(a.status, 'Active');
    assert.equal(a.summary, SAMPLE.summary);
    assert.equal(a.activeAt, Date.UTC(2020, 11, 3, 1, 44, 4));
    assert.equal(a.resolvedAt, undefined);
    assert.equal(a.clusterName, undefined);
    assert.equal(a.hostIp, 'xxx.xxx.xxx.xxx');
    assert.equal(a.scope, 'Host');
    assert.equal(a.alarmType, 'no_enough_exporter');
  });

  it('the level falls back to labels.alarm_level words (also the newer Down/Alert/Info); unknown stays raw', () => {
    assert.equal(mk(1, undefined, { alarm_level: 'Critical' }).level, 2);
    assert.equal(mk(2, undefined, { alarm_level: 'Down' }).level, 1);
    assert.equal(mk(3, undefined, { alarm_level: 'info' }).level, 5);
    const odd = mk(4, 9);
    assert.equal(odd.level, undefined);
    assert.equal(odd.rawLevel, '9');
    assert.equal(normalizeAlarm({ level: 1 }), undefined, 'no id');
    assert.equal(normalizeAlarm('x'), undefined);
    assert.equal(normalizeAlarm({ id: 5, status: 'Paused' })!.status, 'UNKNOWN');
  });

  it('counts per cluster by name (ob_cluster, or obregion in older versions, case-insensitive), the rest is "other"', () => {
    const alarms = [
      mk(1, 2, { ob_cluster: 'prod' }), mk(2, 3, { ob_cluster: 'prod' }), mk(3, 3, { obregion: 'PROD' }),
      mk(4, 4, { ob_cluster: 'dr' }), mk(5, 1, { svr_ip: '10.0.0.5' }), mk(6, 7, { ob_cluster: 'dr' }), mk(7, 1, { ob_cluster: 'gone' }),
    ];
    const r = alarmsByCluster(alarms, [{ id: 10, name: 'prod' }, { id: 20, name: 'dr' }, { id: 30, name: 'idle' }]);
    assert.deepEqual(r.clusters.get(10)!.counts, { total: 3, byLevel: { 1: 0, 2: 1, 3: 2, 4: 0, 5: 0 }, unknown: 0 });
    assert.deepEqual(r.clusters.get(20)!.counts, { total: 2, byLevel: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 0 }, unknown: 1 });
    assert.equal(r.clusters.get(30)!.counts.total, 0);
    assert.deepEqual(r.other.map((a) => a.id), [5, 7]);
    assert.equal(r.connection.total, 7);
    assert.equal(r.connection.byLevel[1], 2);
    assert.equal(worstLevel(r.clusters.get(10)!.counts), 2);
    assert.equal(worstLevel(r.clusters.get(30)!.counts), undefined);
    assert.equal(formatAlarmCounts(r.clusters.get(20)!.counts, WORDS, 'Unknown'), '1 Caution, 1 Unknown');
    assert.equal(formatAlarmCounts(countAlarms([]), WORDS, 'Unknown'), '');
  });

  it('sorts most severe first, then newest first', () => {
    const s = sortAlarms([mk(1, 3, {}, '2024-01-01T00:00:00Z'), mk(2, 1, {}, '2024-01-01T00:00:00Z'), mk(3, 3, {}, '2024-01-02T00:00:00Z'), mk(4, undefined)]);
    assert.deepEqual(s.map((a) => a.id), [2, 3, 1, 4]);
  });
});

describe('alarms: against the simulator', () => {
  const { sim, client } = useClientSim();

  it('listActiveAlarms: ONE request (status=Active, size 200) covers every cluster of the connection', async () => {
    const active = await listActiveAlarms(client());
    const r = onlyRequest(sim());
    assert.equal(r.path, '/api/v2/alarm/alarms');
    assert.deepEqual(r.query, { isSubscribedByMe: 'false', status: 'Active', page: '1', size: '200' });
    assert.ok(active.complete);
    assert.ok(active.alarms.every((a) => a.status === 'Active'));
    const clusters = (await client().listClusters()).map(normalizeCluster);
    const by = alarmsByCluster(active.alarms, clusters);
    const name = (n: string) => by.clusters.get(clusters.find((c) => c.name === n)!.id)!.counts;
    assert.deepEqual(name('obcluster_prod').byLevel, { 1: 0, 2: 1, 3: 2, 4: 0, 5: 0 }, 'the resolved (Inactive) alert is not counted');
    assert.deepEqual(name('obcluster_dr').byLevel, { 1: 0, 2: 0, 3: 0, 4: 1, 5: 0 }, 'matched through obregion');
    assert.equal(name('obcluster_test').byLevel[1], 1);
    assert.equal(name('obcluster_dev').total, 0);
    assert.deepEqual(by.other.map((a) => a.appType), ['OCP']);
    assert.ok(by.clusters.get(clusters.find((c) => c.name === 'obcluster_prod')!.id)!.alarms.every((a) => a.summary && a.activeAt));
  });

  it('the list honours level, obCluster, scope, keyword and time filters; size above 200 is refused', async () => {
    const c = client();
    const q = async (query: Record<string, string | number>) => (await c.get<any>('/api/v2/alarm/alarms', { query })).contents as any[];
    assert.deepEqual((await q({ level: 3, obCluster: 'obcluster_prod' })).map((a) => a.alarmType).sort(), ['ob_disk_usage_high', 'ob_tenant_cpu_usage_high']);
    assert.deepEqual((await q({ scope: 'ObTenant' })).map((a) => a.labels.tenant_name), ['order_mysql']);
    assert.equal((await q({ keyword: 'EXPORTER' })).length, 1);
    assert.equal((await q({ status: 'Inactive' }))[0].resolvedAt !== undefined, true);
    assert.equal((await q({ activeAtStart: '2030-01-01T00:00:00Z' })).length, 0);
    const e = await ocpError(c.get('/api/v2/alarm/alarms', { query: { size: 201 } }), 'http');
    assert.equal(e.status, 400);
  });

  it('more than 200 active alerts: still one request, complete is false and total says how many', async () => {
    const c = client();
    for (let i = 0; i < 200; i++) await c.post('/api/v2/alarm/alarms', { alarmType: `pushed_${i}`, labels: { ob_cluster: 'obcluster_dev', alarm_level: 'Reminder' }, target: `n${i}` });
    sim().requests.length = 0;
    const active = await listActiveAlarms(c);
    assert.equal(sim().requests.length, 1);
    assert.equal(active.alarms.length, 200);
    assert.equal(active.complete, false);
    assert.equal(active.total, 206, '200 pushed + 6 seeded active');
  });

  it('getAlarm reads one event from data; a pushed alert is listed with its level word', async () => {
    const c = client();
    const pushed = await c.post<any>('/api/v2/alarm/alarms', { alarmType: 'custom_check', labels: { ob_cluster: 'obcluster_dev', alarm_level: 'Critical', summary: 'Custom check failed' }, target: 'custom' });
    const a = await getAlarm(c, pushed.id);
    assert.ok(a);
    assert.equal(a.level, 2);
    assert.equal(a.summary, 'Custom check failed');
    assert.equal(a.clusterName, 'obcluster_dev');
    assert.equal((await ocpError(getAlarm(c, 1), 'http')).status, 404);
  });
});
