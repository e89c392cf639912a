// The command-target parser tells an Explorer node, a Tasks-view node (same `kind` words, other shapes),
// a script's argument object and the palette apart; ids.ts keys never need prefix matching.
import './vscode-stub';
import * as assert from 'node:assert/strict';
import { argsOf, connectionIdOf, parseTarget, selectedNodes } from '../../../src/commands/targets';
import { connectionKey, targetKey, taskKey, tasksItemId } from '../../../src/ids';

describe('command targets', () => {
  const conn = { id: 'c1', name: 'Prod', url: 'https://ocp', authType: 'basic' };
  const task = { id: 42, name: 'Stop cluster', status: 'RUNNING', subtasks: [] };

  it('parses Explorer nodes', () => {
    assert.equal(parseTarget({ kind: 'connection', connection: conn }).from, 'explorer');
    assert.equal(parseTarget({ kind: 'cluster', connectionId: 'c1', cluster: { id: 7, name: 'a' } }).from, 'explorer');
    assert.equal(parseTarget({ kind: 'tenant', connectionId: 'c1', clusterId: 7, clusterName: 'a', tenant: { id: 9 } }).from, 'explorer');
    assert.equal(parseTarget({ kind: 'message', key: 'error', label: 'x', severity: 'error' }).from, 'explorer');
  });

  it('parses Tasks-view nodes as their own variant, never as Explorer nodes', () => {
    const row = parseTarget({ kind: 'task', connectionId: 'c1', task });
    assert.equal(row.from, 'tasks');
    assert.equal(connectionIdOf(row), 'c1');
    const root = parseTarget({ kind: 'connection', connectionId: 'c1', name: 'Prod' });
    assert.equal(root.from, 'tasks', 'a Tasks-view connection row has no `connection` object');
    assert.equal(connectionIdOf(root), 'c1');
    assert.equal(parseTarget({ kind: 'message', connectionId: 'c1', key: 'empty', label: 'No tasks', severity: 'info' }).from, 'tasks');
  });

  it('takes a plain object without kind as a script, anything else as the palette', () => {
    const s = parseTarget({ connectionId: 'c1', clusterId: 3, confirm: true });
    assert.equal(s.from, 'script');
    assert.deepEqual(argsOf<{ clusterId: number }>(s), { connectionId: 'c1', clusterId: 3, confirm: true });
    assert.equal(parseTarget(undefined).from, 'palette');
    assert.equal(parseTarget('c1').from, 'palette');
    assert.equal(parseTarget({ kind: 'cluster', connectionId: 'c1' }).from, 'palette', 'a malformed node is not trusted');
    assert.deepEqual(argsOf(parseTarget({ kind: 'connection', connection: conn })), {});
  });

  it('keeps a multi-selection that includes the clicked node, and only then', () => {
    const a = { kind: 'cluster', connectionId: 'c1', cluster: { id: 7, name: 'a' } };
    const b = { kind: 'cluster', connectionId: 'c1', cluster: { id: 8, name: 'b' } };
    const many = parseTarget(a, [a, b]);
    assert.equal(many.from, 'explorer');
    assert.deepEqual(selectedNodes(many).map((n) => (n as { cluster: { id: number } }).cluster.id), [7, 8]);
    assert.equal(selectedNodes(parseTarget(a, [a])).length, 1, 'a selection of one is the node itself');
    assert.equal(selectedNodes(parseTarget(a, [b, { ...b }])).length, 1, 'a selection without the clicked node is ignored');
    assert.equal(selectedNodes(parseTarget(a, [a, { kind: 'cluster' }])).length, 1, 'a malformed node in the selection is not trusted');
    assert.deepEqual(selectedNodes(parseTarget({ connectionId: 'c1' })), [], 'a script names no nodes');
  });

  it('builds one key per identity, with no prefix collisions between connections', () => {
    assert.equal(targetKey('sim', 'cluster', 5), 'sim/cluster/5');
    assert.equal(connectionKey('sim'), 'sim/connection/sim');
    assert.notEqual(taskKey('a/b', 1), taskKey('a', 1));
    assert.ok(!targetKey('a/b', 'cluster', 1).startsWith(`${encodeURIComponent('a')}/`), 'a connection id with "/" is encoded');
    assert.equal(tasksItemId.task('c1', -1, 'x'), 'tasks/c1/no-id:x');
  });
});
