// A script's task filter (ocp.filterTasks { … }): ids checked, statuses upper-cased, a tenant name only with its
// cluster (OCP's docs require it), cluster and tenant ids only with the connection they belong to, `text` read as
// one typed line; what is sent to OCP is then buildTaskQuery's.
import './vscode-stub';
import * as assert from 'node:assert/strict';
import { scriptFilter } from '../../../src/commands/filterTasks';
import { buildTaskQuery } from '../../../src/core/model/taskQuery';
import { taskListFilter } from '../../../src/views/taskCenter';

describe('ocp.filterTasks: a script\'s filter', () => {
  it('keeps the documented filters, statuses upper-cased, blanks dropped', () => {
    const f = scriptFilter({ status: ['failed', ' RUNNING '], type: 'manual', name: '  stop ', clusterName: ' ', connectionId: 'c1', clusterId: 7, tenantId: 9 });
    assert.deepEqual(f, { status: ['FAILED', 'RUNNING'], type: 'manual', name: 'stop', connectionId: 'c1', clusterId: 7, tenantId: 9 });
    assert.deepEqual(buildTaskQuery(taskListFilter(f), { size: 20 }).query, { name: 'stop', status: 'FAILED,RUNNING', type: 'MANUAL', clusterId: 7, tenantId: 9, sort: 'id,desc', page: 1, size: 20 });
    assert.deepEqual(scriptFilter({ status: 'SUCCESSFUL' as unknown as string[] }), { status: ['SUCCESSFUL'] }, 'one status as a string');
    assert.deepEqual(scriptFilter({}), {}, 'an empty object clears the filter');
  });

  it('reads `text` as one typed line (the former filter box)', () => {
    assert.deepEqual(scriptFilter({ text: 'completed' }), { status: ['SUCCESSFUL'] });
    assert.deepEqual(scriptFilter({ text: '3000001' }), { taskId: 3000001 });
    assert.deepEqual(scriptFilter({ text: 'Take over' }), { name: 'Take over' });
  });

  it('refuses what OCP would not read as meant', () => {
    assert.throws(() => scriptFilter({ connectionId: 'c1', tenantName: 'sys' }), /tenant name only together with a cluster/);
    assert.doesNotThrow(() => scriptFilter({ connectionId: 'c1', clusterId: 1, tenantName: 'sys' }));
    assert.throws(() => scriptFilter({ clusterId: 7 }), /connection it belongs to/);
    assert.throws(() => scriptFilter({ tenantId: 9 }), /connection it belongs to/);
    for (const bad of [0, -1, 1.5, Number.NaN, '7' as unknown as number]) assert.throws(() => scriptFilter({ connectionId: 'c1', clusterId: bad }), /is not an id/);
    assert.throws(() => scriptFilter({ taskId: -3 }), /is not an id/);
    assert.throws(() => scriptFilter({ status: [1 as unknown as string] }), /task status is one of RUNNING, FAILED, SUCCESSFUL/);
  });
});
