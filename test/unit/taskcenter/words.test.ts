// The task center's words (src/views/taskCenter.ts): a filter said in the console's words for the view's
// description, one typed line read into a filter (status raw or in words, task type, task id, else a name), task
// types in words, the badge's tooltip, and the part of a filter sent to OCP.
import * as assert from 'node:assert/strict';
import { buildTaskQuery } from '../../../src/core/model/taskQuery';
import { badgeTooltip, describeTaskFilter, isEmptyFilter, parseFilterText, taskListFilter, taskTypeWord } from '../../../src/views/taskCenter';
import type { Translator } from '../../../src/views/words';

const en: Translator = { t: (m: string, ...a: Array<string | number | boolean>) => m.replace(/\{(\d+)\}/g, (_, i) => String(a[Number(i)])) };
const zhTable: Record<string, string> = {
  Running: '运行中', Failed: '失败', Completed: '已完成', Manual: '手动', 'One-off system task': '系统单次任务', ', ': '、',
  'Cluster: {0}': '集群：{0}', 'Tenant: {0}': '租户：{0}', 'Name: "{0}"': '名称：“{0}”',
};
const zh: Translator = { t: (m: string, ...a: Array<string | number | boolean>) => (zhTable[m] ?? m).replace(/\{(\d+)\}/g, (_, i) => String(a[Number(i)])) };

describe('task center: filter words', () => {
  it('describes a filter in words, not raw values, in the order status · type · cluster · tenant · name', () => {
    assert.equal(describeTaskFilter(en, {}), undefined);
    assert.equal(describeTaskFilter(en, { status: [] , name: '  ' }), undefined);
    assert.equal(describeTaskFilter(en, { status: ['FAILED', 'running'] }), 'Failed, Running');
    assert.equal(describeTaskFilter(en, { status: ['SUCCESSFUL'], type: 'SYS_ONECE' }), 'Completed · One-off system task');
    assert.equal(
      describeTaskFilter(en, { connectionId: 'c1', clusterId: 7, clusterLabel: 'obcluster_prod', tenantId: 9, tenantLabel: 'order_mysql', name: 'stop' }, 'Prod OCP'),
      'Prod OCP · Cluster: obcluster_prod · Tenant: order_mysql · Name: "stop"',
    );
    assert.equal(describeTaskFilter(en, { clusterId: 7 }), 'Cluster: #7', 'an id without a name');
    assert.equal(describeTaskFilter(en, { clusterName: 'meta' }), 'Cluster: meta');
    assert.equal(describeTaskFilter(en, { taskId: 3000001 }), 'Task #3000001');
    assert.equal(describeTaskFilter(en, { status: ['HIBERNATING'] }), 'HIBERNATING', 'an undocumented status as sent');
  });

  it('says it in the console\'s Chinese', () => {
    assert.equal(describeTaskFilter(zh, { status: ['FAILED', 'RUNNING'], type: 'MANUAL', clusterLabel: 'prod', clusterId: 1 }), '失败、运行中 · 手动 · 集群：prod');
    assert.equal(taskTypeWord(zh, 'manual'), '手动');
  });

  it('reads one typed line: a status raw or in words, a task type, a task id, else part of a name', () => {
    assert.deepEqual(parseFilterText(en, 'FAILED'), { status: ['FAILED'] });
    assert.deepEqual(parseFilterText(en, ' completed '), { status: ['SUCCESSFUL'] });
    assert.deepEqual(parseFilterText(zh, '运行中'), { status: ['RUNNING'] });
    assert.deepEqual(parseFilterText(en, 'sys_scheduled'), { type: 'SYS_SCHEDULED' });
    assert.deepEqual(parseFilterText(en, '3000001'), { taskId: 3000001 });
    assert.deepEqual(parseFilterText(en, 'Stop cluster'), { name: 'Stop cluster' });
    assert.deepEqual(parseFilterText(en, '   '), {});
    assert.deepEqual(parseFilterText(en, undefined), {});
    assert.deepEqual(parseFilterText(en, '99999999999999999'), { name: '99999999999999999' }, 'not a safe id: a name');
  });

  it('types in words; an undocumented type as sent', () => {
    assert.deepEqual(['MANUAL', 'SYS_ONECE', 'SCHEDULED', 'SYS_SCHEDULED', 'CUSTOM'].map((t) => taskTypeWord(en, t)), ['Manual', 'One-off system task', 'Scheduled', 'System scheduled', 'CUSTOM']);
  });

  it('sends OCP only its documented filters (the connection, task id and labels stay in the view)', () => {
    const f = { connectionId: 'c1', clusterId: 7, clusterLabel: 'prod', tenantId: 9, tenantLabel: 't', taskId: 5, status: ['FAILED'] };
    assert.deepEqual(taskListFilter(f), { clusterId: 7, tenantId: 9, status: ['FAILED'] });
    assert.deepEqual(buildTaskQuery(taskListFilter(f), { size: 20 }).query, { status: 'FAILED', clusterId: 7, tenantId: 9, sort: 'id,desc', page: 1, size: 20 });
    assert.ok(isEmptyFilter({}) && isEmptyFilter(undefined) && isEmptyFilter({ status: [' '], name: '' }));
    assert.ok(!isEmptyFilter({ connectionId: 'c1' }) && !isEmptyFilter({ taskId: 0 }) && !isEmptyFilter({ hostId: 3 }));
  });

  it('the badge says which tasks it counts', () => {
    assert.equal(badgeTooltip(en, { failed: 2, running: 1 }), '2 failed and 1 running OCP tasks among those listed');
  });
});
