// The task list query (src/core/model/taskQuery.ts, queryTasks in src/core/ocp/daytoday.ts): the documented query
// parameters built purely, the "load more" cursor read from a page, and the filters and paging honoured by the
// simulator over real HTTP (the query string checked at the simulator).
import * as assert from 'node:assert/strict';
import { failoverTenant } from '../../../src/core/ocp/lifecycle';
import { queryTasks } from '../../../src/core/ocp/daytoday';
import {
  appendTaskPage, buildTaskQuery, isEmptyTaskFilter, readTaskPage, taskBadgeCounts, taskRunMs, taskTarget, TASK_PAGE_MAX,
} from '../../../src/core/model/taskQuery';
import { normalizeTask } from '../../../src/core/model/task';
import { onlyRequest, useClientSim } from '../client/helpers';

const PROD = 1000001;
const DR = 1000002;
const DEV = 1000004;
const ORDER_DR = 2000006;

describe('task query: builder', () => {
  it('sends every documented filter under its documented name, statuses comma-joined', () => {
    const { query, ignored } = buildTaskQuery(
      { name: ' Prepare host ', status: ['running', 'FAILED', 'RUNNING'], type: 'manual', clusterName: 'meta', clusterId: 100, tenantName: 'SYS', tenantId: 7, hostId: 9 },
      { page: 3, size: 25, sort: 'id,asc' },
    );
    assert.deepEqual(query, {
      name: 'Prepare host', status: 'RUNNING,FAILED', type: 'MANUAL', cluterName: 'meta', clusterName: 'meta', clusterId: 100,
      tenantName: 'SYS', tenantId: 7, hostId: 9, sort: 'id,asc', page: 3, size: 25,
    });
    assert.deepEqual(ignored, []);
  });

  it('defaults: newest first, page 1, 50 a page; no filter sent for blank values', () => {
    assert.deepEqual(buildTaskQuery({ name: '  ', status: [], type: '', clusterName: ' ' }).query, { sort: 'id,desc', page: 1, size: 50 });
    assert.ok(isEmptyTaskFilter({ name: ' ', status: [] }));
    assert.ok(!isEmptyTaskFilter({ status: ['FAILED'] }));
  });

  it('tenantName needs clusterId (the docs say so): without one it is not sent and reported', () => {
    const b = buildTaskQuery({ tenantName: 'order_mysql' });
    assert.equal(b.query.tenantName, undefined);
    assert.deepEqual(b.ignored, [{ field: 'tenantName', reason: 'tenantNameNeedsClusterId' }]);
  });

  it('size is clamped to 1…2000, bad ids and pages are not sent', () => {
    assert.equal(buildTaskQuery({}, { size: 5000 }).query.size, TASK_PAGE_MAX);
    assert.equal(buildTaskQuery({}, { size: 0 }).query.size, 1);
    assert.equal(buildTaskQuery({}, { page: -2 }).query.page, 1);
    const b = buildTaskQuery({ clusterId: -1, hostId: 1.5 });
    assert.equal(b.query.clusterId, undefined);
    assert.equal(b.query.hostId, undefined);
    assert.deepEqual(b.ignored.map((i) => i.field), ['clusterId', 'hostId']);
  });
});

describe('task query: page reader and helpers', () => {
  const item = (id: number, status = 'RUNNING') => ({ id, name: `t${id}`, status, startTime: '2024-01-01T00:00:00Z' });

  it('reads totalPages (sample) or totalPage (table); the cursor stops at the last page', () => {
    const p1 = readTaskPage({ contents: [item(3), item(2)], page: { number: 1, size: 2, totalElements: 3, totalPages: 2 } }, { page: 1, size: 2 });
    assert.deepEqual([p1.page, p1.size, p1.total, p1.totalPages, p1.nextPage], [1, 2, 3, 2, 2]);
    assert.deepEqual(p1.tasks.map((t) => t.id), [3, 2]);
    const p2 = readTaskPage({ contents: [item(1)], page: { number: 2, size: 2, totalElements: 3, totalPage: 2 } }, { page: 2, size: 2 });
    assert.equal(p2.nextPage, undefined);
    assert.equal(p2.totalPages, 2);
  });

  it('without a page object: continues while pages come back full; a bare array is complete; garbage is empty', () => {
    assert.equal(readTaskPage({ contents: [item(1), item(2)] }, { page: 4, size: 2 }).nextPage, 5);
    assert.equal(readTaskPage({ contents: [item(1)] }, { page: 4, size: 2 }).nextPage, undefined);
    assert.equal(readTaskPage([item(1), item(2)], { page: 1, size: 2 }).nextPage, undefined);
    const g = readTaskPage('nonsense', { page: 1, size: 10 });
    assert.deepEqual([g.tasks.length, g.nextPage], [0, undefined]);
  });

  it('appendTaskPage drops tasks already shown; badge counts FAILED and RUNNING; run time and target', () => {
    const shown = [item(5), item(4, 'FAILED')].map((t) => normalizeTask(t));
    const more = readTaskPage({ contents: [item(4, 'FAILED'), item(3, 'SUCCESSFUL')], page: { number: 2, size: 2, totalElements: 4, totalPages: 2 } }, { page: 2, size: 2 });
    const all = appendTaskPage(shown, more);
    assert.deepEqual(all.map((t) => t.id), [5, 4, 3]);
    assert.deepEqual(taskBadgeCounts(all), { failed: 1, running: 1 });
    const start = Date.UTC(2024, 0, 1);
    assert.equal(taskRunMs({ startTime: start, finishTime: undefined }, start + 90_000), 90_000);
    assert.equal(taskRunMs({ startTime: start, finishTime: start + 5000 }, start + 90_000), 5000);
    assert.equal(taskRunMs({ startTime: undefined, finishTime: undefined }, start), undefined);
    assert.deepEqual(taskTarget({ clusterId: 1, clusterName: 'prod', tenantId: 2, tenantName: undefined, hostId: undefined }), { cluster: 'prod', tenant: '#2' });
  });
});

describe('task query: against the simulator', () => {
  const { sim, client } = useClientSim({ scenario: { subtaskDurationMs: 100 } });

  /** Adds tasks: 3 RUNNING and 2 FAILED on prod, 1 SUCCESSFUL on dev, and a failover task on a dr tenant. */
  async function seed(): Promise<{ failoverId: number }> {
    for (let i = 0; i < 3; i++) sim().createSyntheticTask({ subtasks: 4, status: 'RUNNING', clusterId: PROD, name: `Prepare host ${i}` });
    for (let i = 0; i < 2; i++) sim().createSyntheticTask({ subtasks: 4, status: 'FAILED', clusterId: PROD, name: `Upgrade OB cluster ${i}` });
    sim().createSyntheticTask({ subtasks: 3, status: 'SUCCESSFUL', clusterId: DEV, name: 'Generate workload report' });
    const f = await failoverTenant(client(), DR, ORDER_DR);
    sim().requests.length = 0;
    return { failoverId: f.tasks[0].id };
  }

  it('status + clusterId: one GET with the documented query; only matching tasks, newest first', async () => {
    await seed();
    const page = await queryTasks(client(), { status: ['RUNNING', 'FAILED'], clusterId: PROD });
    const r = onlyRequest(sim());
    assert.equal(r.path, '/api/v2/tasks/instances');
    assert.deepEqual(r.query, { status: 'RUNNING,FAILED', clusterId: String(PROD), sort: 'id,desc', page: '1', size: '50' });
    assert.equal(page.tasks.length, 5);
    assert.ok(page.tasks.every((t) => (t.status === 'RUNNING' || t.status === 'FAILED') && t.clusterId === PROD));
    const ids = page.tasks.map((t) => t.id);
    assert.deepEqual(ids, [...ids].sort((a, b) => b - a), 'newest first');
    assert.equal(page.total, 5);
    assert.equal(page.nextPage, undefined);
  });

  it('name (fuzzy) and cluster name (cluterName) filters; the list item names its cluster', async () => {
    await seed();
    const byName = await queryTasks(client(), { name: 'upgrade' });
    assert.deepEqual(byName.tasks.map((t) => t.name).sort(), ['Upgrade OB cluster 0', 'Upgrade OB cluster 1']);
    const byCluster = await queryTasks(client(), { clusterName: 'cluster_dev' });
    assert.ok(byCluster.tasks.length >= 1);
    assert.ok(byCluster.tasks.every((t) => t.clusterId === DEV && t.clusterName === 'obcluster_dev'));
    assert.equal(sim().requests[1].query.cluterName, 'cluster_dev');
  });

  it('tenant filters: tenantId alone, tenantName with clusterId; the item carries its tenant', async () => {
    const { failoverId } = await seed();
    const byId = await queryTasks(client(), { tenantId: ORDER_DR });
    assert.deepEqual(byId.tasks.map((t) => t.id), [failoverId]);
    assert.equal(byId.tasks[0].tenantName, 'order_mysql_dr');
    const byName = await queryTasks(client(), { clusterId: DR, tenantName: 'order_mysql_dr' });
    assert.deepEqual(byName.tasks.map((t) => t.id), [failoverId]);
    const none = await queryTasks(client(), { clusterId: PROD, tenantName: 'order_mysql_dr' });
    assert.equal(none.tasks.length, 0);
  });

  it('"Load more": pages of 3 follow the cursor to the end without repeating a task', async () => {
    await seed();
    const seen: number[] = [];
    let page: number | undefined = 1;
    let total: number | undefined;
    let requests = 0;
    while (page !== undefined) {
      const p = await queryTasks(client(), {}, { page, size: 3 });
      requests++;
      total = p.total;
      seen.push(...p.tasks.map((t) => t.id));
      assert.ok(p.tasks.length <= 3);
      page = p.nextPage;
    }
    assert.ok(total !== undefined && total >= 9, `history + seeded tasks: ${total}`);
    assert.equal(seen.length, total);
    assert.equal(new Set(seen).size, seen.length);
    assert.equal(requests, Math.ceil(total / 3));
    assert.deepEqual(sim().requests.map((r) => r.query.page), Array.from({ length: requests }, (_, i) => String(i + 1)));
  });

  it('the list item has the documented cluster and tenant objects (and, in the simulator, no subtasks)', async () => {
    const { failoverId } = await seed();
    const raw = await client().get<any>('/api/v2/tasks/instances', { query: { tenantId: ORDER_DR } });
    const item = raw.contents.find((t: any) => t.id === failoverId);
    assert.deepEqual(Object.keys(item.cluster).sort(), ['id', 'name', 'obClusterId', 'type']);
    assert.deepEqual(Object.keys(item.tenant).sort(), ['id', 'mode', 'name', 'obTenantId']);
    assert.equal(item.tenant.mode, 'MYSQL');
    assert.equal(item.subtasks, undefined);
    assert.equal(normalizeTask(item).shape, 'none');
  });
});
