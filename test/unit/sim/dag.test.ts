// Subtask DAGs: the templates reproduce the documented sample chains; fan-outs, synthetic DAGs and the
// operations' tasks are acyclic with symmetric upstreams/downstreams.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildDag, syntheticSteps, WAIT_NODE } from '../../ocp-sim/dag';
import { createClusterSteps, stopClusterSteps, switchoverSteps, takeOverSteps } from '../../ocp-sim/templates';
import { advanceUntil, useSim } from './helpers';

interface Node { id: number; name: string; upstreams: number[]; downstreams: number[]; timeout?: number }

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/ocp-docs');

function sample(file: string): Node[] {
  const data = JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8')).data;
  return data.subtasks ?? data.tasks;
}

function chain(nodes: Node[]): Node[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out: Node[] = [];
  let cur = nodes.find((n) => !n.upstreams.length);
  while (cur) {
    out.push(cur);
    assert.ok(cur.downstreams.length <= 1, 'documented samples are linear');
    cur = cur.downstreams.length ? byId.get(cur.downstreams[0]) : undefined;
  }
  return out;
}

/** Asserts a well-formed DAG: unique ids, known and symmetric edges, no cycle, one root and one leaf. */
function assertDag(nodes: Node[]): void {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  assert.equal(byId.size, nodes.length, 'unique ids');
  for (const n of nodes) {
    for (const u of n.upstreams) assert.ok(byId.get(u)?.downstreams.includes(n.id), `${u} -> ${n.id} mirrored`);
    for (const d of n.downstreams) assert.ok(byId.get(d)?.upstreams.includes(n.id), `${n.id} -> ${d} mirrored`);
  }
  const indeg = new Map(nodes.map((n) => [n.id, n.upstreams.length]));
  const queue = nodes.filter((n) => !n.upstreams.length).map((n) => n.id);
  let seen = 0;
  while (queue.length) {
    const id = queue.pop()!;
    seen++;
    for (const d of byId.get(id)!.downstreams) {
      indeg.set(d, indeg.get(d)! - 1);
      if (indeg.get(d) === 0) queue.push(d);
    }
  }
  assert.equal(seen, nodes.length, 'acyclic');
  assert.equal(nodes.filter((n) => !n.upstreams.length).length, 1, 'one root');
  assert.equal(nodes.filter((n) => !n.downstreams.length).length, 1, 'one leaf');
}

function asNodes(dag: ReturnType<typeof buildDag>): Node[] {
  return dag.map((n) => ({ id: n.index, name: n.name, upstreams: n.ups, downstreams: n.downs, timeout: n.timeout }));
}

const one = { hosts: ['10.0.0.1'], zones: ['zone1'], servers: ['10.0.0.1'] };
const three = { hosts: ['h1', 'h2', 'h3'], zones: ['zone1', 'zone2', 'zone3'], servers: ['h1', 'h2', 'h3'] };

describe('sim DAGs', () => {
  const cases: [string, ReturnType<typeof buildDag>][] = [
    ['create-cluster.json', buildDag(createClusterSteps(one))],
    ['stop-cluster.json', buildDag(stopClusterSteps(one))],
    ['take-over-cluster.json', buildDag(takeOverSteps(one))],
    ['switchover-tenant.json', buildDag(switchoverSteps(['t_dr']))],
  ];
  for (const [file, dag] of cases) {
    it(`reproduces the documented chain of ${file}`, () => {
      const documented = chain(sample(file));
      const ours = chain(asNodes(dag));
      assert.deepEqual(ours.map((n) => n.name), documented.map((n) => n.name));
      if (documented[0].timeout !== undefined) assert.deepEqual(ours.map((n) => n.timeout), documented.map((n) => n.timeout));
      const withIdx = sample(file) as (Node & { parallelIdx?: number })[];
      if (withIdx[0].parallelIdx !== undefined) {
        const idx = new Map(withIdx.map((n) => [n.id, n.parallelIdx]));
        assert.deepEqual(chain(asNodes(dag)).map((n) => dag[n.id].parallelIdx), documented.map((n) => idx.get(n.id)));
      }
    });
  }

  it('fans out per host and joins with Wait nodes', () => {
    const dag = buildDag(createClusterSteps(three));
    assertDag(asNodes(dag));
    const install = dag.filter((n) => n.name === 'Install rpm');
    assert.deepEqual(install.map((n) => n.parallelIdx), [0, 1, 2]);
    assert.deepEqual(install.map((n) => n.target), ['h1', 'h2', 'h3']);
    const join = dag[install[0].downs[0]];
    assert.equal(join.name, WAIT_NODE);
    assert.deepEqual(join.ups, install.map((n) => n.index));
    assert.equal(dag.length, 23 + 4 * 2, 'four per-host steps, two extra branches each');
  });

  it('joins a direct fan-out at the next step (switchover with two standbys)', () => {
    const dag = buildDag(switchoverSteps(['a', 'b']));
    assertDag(asNodes(dag));
    const update = dag.filter((n) => n.name === 'Update log restore source');
    assert.equal(update.length, 2);
    const next = dag.find((n) => n.name === 'Restart tenant service name if started')!;
    assert.deepEqual(next.ups, update.map((n) => n.index));
  });

  it('makes synthetic DAGs of exactly the requested size', () => {
    for (const [n, f] of [[1, 10], [7, 10], [3000, 50], [3000, 1], [250, 300]]) {
      const dag = buildDag(syntheticSteps(n, f));
      assert.equal(dag.length, n, `${n}/${f}`);
      assertDag(asNodes(dag));
    }
  });

  describe('tasks started over HTTP', () => {
    const { sim, client } = useSim();

    it('are acyclic with symmetric edges, shuffled JSON order and a seriesId permutation', async () => {
      const c = client();
      const tasks = [
        (await c.post('/api/v2/ob/clusters', {
          name: 'dag_check', rpmName: 'oceanbase-4.2.5.0-100000052024102022.el7.x86_64.rpm', type: 'PRIMARY', password: 'x',
          zones: [{ name: 'zone1', idcName: 'hz1', servers: [100010, 100013] }, { name: 'zone2', idcName: 'hz2', servers: [100011] }],
        })).json.data,
        // before the stop: a switchover needs both clusters RUNNING
        (await c.post('/api/v2/ob/clusters/1000001/tenants/2000003/switchover', { tenantId: 2000003, standbyTenantId: 2000007 })).json.data,
        (await c.post('/api/v2/ob/clusters/1000001/stop')).json.data,
        (await c.post('/api/v2/ob/clusters/takeOver', { address: '10.0.0.200', port: 2881, rootSysPassword: 'aaAA11__' })).json.data,
      ];
      for (const t of tasks) {
        assert.ok(t?.subtasks, 'operation started a task');
        assertDag(t.subtasks);
        const ids = t.subtasks.map((s: Node) => s.id);
        assert.notDeepEqual(ids, ids.slice().sort((a: number, b: number) => a - b), `${t.name}: JSON order is not id order`);
        assert.deepEqual(t.subtasks.map((s: any) => s.seriesId).sort((a: number, b: number) => a - b), ids.map((_: number, i: number) => i));
      }
      assert.equal(tasks[0].subtasks.filter((s: Node) => s.name === 'Install rpm').length, 3);
      assert.equal(tasks[2].subtasks.filter((s: Node) => s.name === 'Stop observer process').length, 3);
      assert.equal(tasks[3].subtasks.filter((s: Node) => s.name === 'Run io calibration').length, 3);
      advanceUntil(sim(), () => tasks.every((t) => sim().state.tasks.get(t.id)!.status === 'SUCCESSFUL'));
      for (const t of tasks) assert.equal(sim().state.tasks.get(t.id)!.status, 'SUCCESSFUL', t.name);
    });
  });
});
