import * as assert from 'node:assert/strict';
import {
  buildDag,
  Dag,
  focusSubtask,
  normalizeTask,
  subtaskActions,
  Subtask,
  Task,
  taskActions,
  taskProgress,
} from '../../../src/core/model';
import { chain, fanOut, generatedTask, taskBuilder } from '../builders';
import { sample, SAMPLE_NAMES } from './fixtures';

const ids = (dag: Dag, list: readonly number[]): number[] => list.map((i) => dag.nodes[i].id);

/** Every edge that is not a back edge goes forward in `order`, and `order` is a permutation. */
function assertValidOrder(dag: Dag): void {
  assert.equal(dag.order.length, dag.nodes.length);
  assert.equal(new Set(dag.order).size, dag.nodes.length);
  const back = new Set(dag.backEdges);
  dag.edges.forEach((e, k) => {
    if (back.has(k)) assert.ok(dag.position[e.from] > dag.position[e.to]);
    else assert.ok(dag.position[e.from] < dag.position[e.to], `edge ${k} goes backwards`);
  });
}

describe('model: DAG of the documented samples', () => {
  for (const name of SAMPLE_NAMES) {
    it(`${name}: valid chain with one root and one leaf, no problems`, () => {
      const t = normalizeTask(sample(name));
      const dag = buildDag(t);
      assert.deepEqual(dag.problems, []);
      assert.deepEqual(dag.backEdges, []);
      assertValidOrder(dag);
      assert.equal(dag.roots.length, 1);
      assert.equal(dag.leaves.length, 1);
      assert.equal(dag.edges.length, t.subtasks.length - 1);
    });
  }

  it('orders create-cluster by its edges, not by JSON order', () => {
    const dag = buildDag(normalizeTask(sample('create-cluster')));
    assert.deepEqual(ids(dag, dag.order).slice(0, 5), [129858, 129862, 129854, 129869, 129868]);
    assert.equal(dag.nodes[dag.order[dag.order.length - 1]].id, 129864);
  });

  it('gives the same order whatever the JSON order', () => {
    const a = buildDag(normalizeTask(generatedTask(300, 7).build()));
    const b = buildDag(normalizeTask(generatedTask(300, 7).shuffled(99).build()));
    assert.deepEqual(ids(a, a.order), ids(b, b.order));
  });
});

describe('model: DAG building', () => {
  it('takes the union of upstreams and downstreams, deduplicated', () => {
    const t = normalizeTask(
      taskBuilder()
        .asymmetric()
        .withSubtask({ id: 1, downstreams: [2] })
        .withSubtask({ id: 2, upstreams: [1] })
        .withSubtask({ id: 3, upstreams: [2] })
        .withSubtask({ id: 4, downstreams: [3] })
        .build(),
    );
    const dag = buildDag(t);
    const edges = dag.edges.map((e) => [dag.nodes[e.from].id, dag.nodes[e.to].id]).sort((p, q) => p[0] - q[0]);
    assert.deepEqual(edges, [
      [1, 2],
      [2, 3],
      [4, 3],
    ]);
    assert.deepEqual(ids(dag, dag.roots).sort(), [1, 4]);
    assert.deepEqual(ids(dag, dag.leaves), [3]);
    assert.deepEqual(ids(dag, dag.parents[dag.indexOf.get(3)!]).sort(), [2, 4]);
  });

  it('breaks ties by seriesId, then id', () => {
    const withSeries = taskBuilder()
      .withSubtask({ id: 10, seriesId: 0 })
      .withSubtask({ id: 13, seriesId: 1, upstreams: [10] })
      .withSubtask({ id: 12, seriesId: 3, upstreams: [10] })
      .withSubtask({ id: 11, seriesId: 2, upstreams: [10] });
    const a = buildDag(normalizeTask(withSeries.build()));
    assert.deepEqual(ids(a, a.order), [10, 13, 11, 12]);
    const old = withSeries.withShape('tasks');
    const b = buildDag(normalizeTask(old.build()));
    assert.deepEqual(ids(b, b.order), [10, 11, 12, 13]);
  });

  it('reports dangling references without throwing and leaves those edges out', () => {
    const dag = buildDag(
      normalizeTask(
        taskBuilder()
          .asymmetric()
          .withSubtask({ id: 1, downstreams: [2, 99] })
          .withSubtask({ id: 2, upstreams: [1, 77] })
          .build(),
      ),
    );
    assert.deepEqual(
      dag.problems.map((p) => [p.kind, p.ids]),
      [
        ['dangling', [1, 99]],
        ['dangling', [2, 77]],
      ],
    );
    assert.match(dag.problems[0].message, /99/);
    assert.equal(dag.edges.length, 1);
    assertValidOrder(dag);
  });

  it('reports a cycle, still orders every node, and marks the back edge', () => {
    // 1 → 2 → 3 → 4 → 2, and 4 → 5
    const dag = buildDag(
      normalizeTask(
        taskBuilder()
          .withSubtask({ id: 1 })
          .withSubtask({ id: 2, upstreams: [1, 4] })
          .withSubtask({ id: 3, upstreams: [2] })
          .withSubtask({ id: 4, upstreams: [3] })
          .withSubtask({ id: 5, upstreams: [4] })
          .build(),
      ),
    );
    assert.deepEqual(
      dag.problems.map((p) => [p.kind, p.ids]),
      [['cycle', [2, 3, 4]]],
    );
    assertValidOrder(dag);
    assert.deepEqual(ids(dag, dag.order), [1, 2, 3, 4, 5]);
    assert.equal(dag.backEdges.length, 1);
    const back = dag.edges[dag.backEdges[0]];
    assert.deepEqual([dag.nodes[back.from].id, dag.nodes[back.to].id], [4, 2]);
  });

  it('does not release a node that merely waits on a cycle before the cycle itself', () => {
    // cycle 5 ⇄ 6; 1 (lowest id) hangs below it
    const dag = buildDag(
      normalizeTask(
        taskBuilder()
          .withSubtask({ id: 5, upstreams: [6], seriesId: 5 })
          .withSubtask({ id: 6, upstreams: [5], seriesId: 6 })
          .withSubtask({ id: 1, upstreams: [6], seriesId: 0 })
          .build(),
      ),
    );
    assertValidOrder(dag);
    assert.deepEqual(ids(dag, dag.order), [5, 6, 1]);
    assert.equal(dag.backEdges.length, 1);
  });

  it('handles a graph that is all cycle, several cycles, and self-loops', () => {
    const dag = buildDag(
      normalizeTask(
        taskBuilder()
          .withSubtask({ id: 1, upstreams: [2] })
          .withSubtask({ id: 2, upstreams: [1] })
          .withSubtask({ id: 3, upstreams: [3, 2] })
          .withSubtask({ id: 4, upstreams: [3, 5] })
          .withSubtask({ id: 5, upstreams: [4] })
          .build(),
      ),
    );
    assertValidOrder(dag);
    const cycles = dag.problems.filter((p) => p.kind === 'cycle').map((p) => p.ids);
    assert.deepEqual(
      cycles.sort((a, b) => a[0] - b[0]),
      [[1, 2], [3], [4, 5]],
    );
    assert.ok(!dag.edges.some((e) => e.from === e.to), 'self-loops are not edges');
    assert.equal(dag.roots.length >= 1, true);
  });

  it('copes with an empty task', () => {
    const dag = buildDag(normalizeTask({ id: 1, subtasks: [] }));
    assert.deepEqual([dag.order, dag.roots, dag.leaves, dag.problems], [[], [], [], []]);
    assert.equal(focusSubtask(dag), undefined);
  });

  it('builds a generated 3,000-subtask graph with fan-out and fan-in cleanly', () => {
    const dag = buildDag(normalizeTask(generatedTask(3000).build()));
    assert.equal(dag.nodes.length, 3000);
    assert.deepEqual(dag.problems, []);
    assertValidOrder(dag);
    assert.ok(dag.nodes.some((_, i) => dag.children[i].length > 1), 'has fan-out');
    assert.ok(dag.nodes.some((_, i) => dag.parents[i].length > 1), 'has fan-in');
  });
});

describe('model: progress and focus', () => {
  const withStatuses = (all: string, some: Record<number, string>): Dag =>
    buildDag(normalizeTask(fanOut(3).statuses(all, some).build()));
  // fanOut(3): 1000 → 1001, 1002, 1003 (parallel) → 1004 wait → 1005

  it('counts SUCCESSFUL subtasks as done', () => {
    const t = normalizeTask(fanOut(3).statuses('PENDING', { 1000: 'SUCCESSFUL', 1001: 'SUCCESSFUL', 1002: 'FAILED' }).build());
    assert.deepEqual(taskProgress(t), { done: 2, total: 6 });
    assert.deepEqual(taskProgress(normalizeTask({ id: 1 })), { done: 0, total: 0 });
  });

  it('focuses FAILED over RUNNING/CANCELING over READY over PENDING', () => {
    assert.equal(focusSubtask(withStatuses('PENDING', { 1003: 'FAILED', 1001: 'RUNNING', 1000: 'SUCCESSFUL' }))?.id, 1003);
    assert.equal(focusSubtask(withStatuses('PENDING', { 1002: 'CANCELING', 1003: 'READY', 1000: 'SUCCESSFUL' }))?.id, 1002);
    assert.equal(focusSubtask(withStatuses('PENDING', { 1003: 'READY', 1000: 'SUCCESSFUL' }))?.id, 1003);
    assert.equal(focusSubtask(withStatuses('PENDING', { 1000: 'SUCCESSFUL' }))?.id, 1001);
    assert.equal(focusSubtask(withStatuses('SUCCESSFUL', {})), undefined);
  });

  it('breaks focus ties by order (earliest first), not JSON order', () => {
    const b = fanOut(3).statuses('SUCCESSFUL', { 1002: 'RUNNING', 1003: 'RUNNING', 1001: 'RUNNING', 1004: 'PENDING', 1005: 'PENDING' });
    assert.equal(focusSubtask(buildDag(normalizeTask(b.build())))?.id, 1001);
    assert.equal(focusSubtask(buildDag(normalizeTask(b.shuffled(5).build())))?.id, 1001);
  });
});

describe('model: legal actions', () => {
  const task = (status: string, prohibitRollback = false): Task =>
    normalizeTask({ id: 1, status, prohibitRollback, subtasks: [] });
  const sub = (status: string, prohibitSkip = false): Subtask =>
    normalizeTask({ id: 1, subtasks: [{ id: 2, status, prohibitSkip }] }).subtasks[0];

  it('task: retry when FAILED; rollback when FAILED and not prohibited', () => {
    assert.deepEqual(taskActions(task('FAILED')), ['retry', 'rollback']);
    assert.deepEqual(taskActions(task('FAILED', true)), ['retry']);
    for (const s of ['RUNNING', 'SUCCESSFUL', 'PENDING', 'WEIRD']) assert.deepEqual(taskActions(task(s)), [], s);
  });

  it('subtask: retry/skip when FAILED (skip unless prohibitSkip), cancel when RUNNING', () => {
    assert.deepEqual(subtaskActions(task('FAILED'), sub('FAILED')), ['retry', 'skip']);
    assert.deepEqual(subtaskActions(task('FAILED'), sub('FAILED', true)), ['retry']);
    assert.deepEqual(subtaskActions(task('RUNNING'), sub('RUNNING')), ['cancel']);
    for (const s of ['PENDING', 'READY', 'CANCELING', 'SUCCESSFUL', 'ODD']) {
      assert.deepEqual(subtaskActions(task('RUNNING'), sub(s)), [], s);
    }
  });

  it('subtask: nothing once the task is SUCCESSFUL', () => {
    assert.deepEqual(subtaskActions(task('SUCCESSFUL'), sub('FAILED')), []);
    assert.deepEqual(subtaskActions(task('SUCCESSFUL'), sub('RUNNING')), []);
  });

  it('chain helper sanity: a chain of 5 has 4 edges and one root', () => {
    const dag = buildDag(normalizeTask(chain(5).build()));
    assert.equal(dag.edges.length, 4);
    assert.deepEqual(ids(dag, dag.roots), [1000]);
  });
});
