// The task view's snapshot diff (src/webview-ui/diff.ts): rebuild when the graph's shape changes, patch
// only the subtasks whose shown fields changed otherwise, nothing for an unchanged snapshot.
import * as assert from 'node:assert/strict';
import { buildDag, normalizeTask, type Task } from '../../../src/core/model';
import { layoutKey } from '../../../src/core/model/layout';
import { diffSnapshot, lazyKey, resolveKey, sameSubtask, type Shown } from '../../../src/webview-ui/diff';
import { fanOut, generatedTask, taskBuilder } from '../builders';

function shownOf(t: Task): Shown {
  const dag = buildDag(t);
  return { key: layoutKey(t), subs: dag.nodes.slice(), indexOf: dag.indexOf };
}

const clone = (t: Task): Task => structuredClone(t);

function patch(d: ReturnType<typeof diffSnapshot>): Extract<ReturnType<typeof diffSnapshot>, { kind: 'patch' }> {
  assert.equal(d.kind, 'patch');
  return d as Extract<ReturnType<typeof diffSnapshot>, { kind: 'patch' }>;
}

describe('panel webview: snapshot diff', () => {
  const base = normalizeTask(fanOut(3, { branchLength: 2 }).statuses('PENDING').build());

  it('rebuilds the first snapshot, with the layout key computed only when asked for', () => {
    const d = diffSnapshot(undefined, base);
    assert.equal(d.kind, 'rebuild');
    if (d.kind !== 'rebuild') return;
    assert.equal(typeof d.key, 'function', 'not hashed for the first paint');
    assert.equal(resolveKey(d.key), layoutKey(base));
    assert.equal(resolveKey(d.key), layoutKey(base), 'the same key when asked again');
  });

  it('compares with a key not computed yet: the same shape in another JSON order patches, a new edge rebuilds', () => {
    const first = diffSnapshot(undefined, base);
    if (first.kind !== 'rebuild') throw new Error('a first snapshot rebuilds');
    const shown = { ...shownOf(base), key: first.key };
    const reordered = clone(base);
    reordered.subtasks.reverse();
    for (const st of reordered.subtasks) st.upstreams = [...st.upstreams].reverse();
    assert.equal(diffSnapshot(shown, reordered).kind, 'patch');
    const grown = clone(base);
    const last = grown.subtasks[grown.subtasks.length - 1];
    last.upstreams = [...last.upstreams, grown.subtasks[0].id];
    const d = diffSnapshot({ ...shownOf(base), key: lazyKey(base) }, grown);
    assert.deepEqual(d, { kind: 'rebuild', key: layoutKey(grown) });
  });

  it('does no work for an unchanged snapshot (fresh objects, as a postMessage delivers them)', () => {
    const shown = shownOf(base);
    const d = patch(diffSnapshot(shown, clone(base)));
    assert.deepEqual(d.changed, []);
    assert.deepEqual(d.renamed, []);
    assert.equal(d.subs.length, shown.subs.length);
    d.subs.forEach((s, i) => assert.equal(s.id, shown.subs[i].id));
  });

  it('patches exactly the subtasks whose status changed', () => {
    const shown = shownOf(base);
    const next = clone(base);
    const a = next.subtasks[1];
    const b = next.subtasks[4];
    a.status = 'RUNNING';
    a.rawStatus = 'RUNNING';
    b.status = 'FAILED';
    b.rawStatus = 'FAILED';
    const d = patch(diffSnapshot(shown, next));
    const expected = [shown.indexOf.get(a.id)!, shown.indexOf.get(b.id)!].sort((x, y) => x - y);
    assert.deepEqual(d.changed, expected);
    assert.deepEqual(d.renamed, []);
    assert.equal(d.subs[shown.indexOf.get(a.id)!].status, 'RUNNING');
    assert.equal(d.subs[shown.indexOf.get(b.id)!].status, 'FAILED');
  });

  it('reports renames among the changes, and other shown fields as changes', () => {
    const shown = shownOf(base);
    const next = clone(base);
    next.subtasks[2].name = 'Renamed step';
    next.subtasks[3].executor = '10.0.0.9';
    const d = patch(diffSnapshot(shown, next));
    const renamed = shown.indexOf.get(next.subtasks[2].id)!;
    const other = shown.indexOf.get(next.subtasks[3].id)!;
    assert.deepEqual(d.changed, [renamed, other].sort((x, y) => x - y));
    assert.deepEqual(d.renamed, [renamed]);
  });

  it('matches by id, not JSON order: a reordered snapshot is a patch with nothing changed', () => {
    const shown = shownOf(base);
    const next = clone(base);
    next.subtasks.reverse();
    const d = patch(diffSnapshot(shown, next));
    assert.deepEqual(d.changed, []);
    d.subs.forEach((s, i) => assert.equal(s.id, shown.subs[i].id, `node ${i} keeps its subtask`));
  });

  it('a reordered upstream list keeps the layout (same key) and changes nothing', () => {
    const t = normalizeTask(taskBuilder().withSubtask({ id: 1 }).withSubtask({ id: 2 }).withSubtask({ id: 3, upstreams: [1, 2] }).build());
    const shown = shownOf(t);
    const next = clone(t);
    next.subtasks[2].upstreams.reverse();
    const d = patch(diffSnapshot(shown, next));
    assert.deepEqual(d.changed, []);
  });

  it('rebuilds when a subtask is added', () => {
    const shown = shownOf(base);
    const next = clone(base);
    const last = next.subtasks[next.subtasks.length - 1];
    next.subtasks.push({ ...last, id: 999_999, upstreams: [last.id], downstreams: [] });
    last.downstreams = [...last.downstreams, 999_999];
    const d = diffSnapshot(shown, next);
    assert.deepEqual(d, { kind: 'rebuild', key: layoutKey(next) });
  });

  it('rebuilds when a subtask is removed', () => {
    const shown = shownOf(base);
    const next = clone(base);
    const gone = next.subtasks.pop()!;
    for (const s of next.subtasks) s.downstreams = s.downstreams.filter((x) => x !== gone.id);
    assert.equal(diffSnapshot(shown, next).kind, 'rebuild');
  });

  it('rebuilds when a subtask is replaced by another id (same count)', () => {
    const shown = shownOf(base);
    const next = clone(base);
    next.subtasks[0] = { ...next.subtasks[0], id: 123_456 };
    assert.equal(diffSnapshot(shown, next).kind, 'rebuild');
  });

  it('rebuilds when an edge changes', () => {
    const shown = shownOf(base);
    const next = clone(base);
    const leaf = next.subtasks.find((s) => s.downstreams.length === 0)!;
    leaf.upstreams = [...leaf.upstreams, next.subtasks[0].id];
    assert.equal(diffSnapshot(shown, next).kind, 'rebuild');
  });

  it('rebuilds when a subtask becomes a wait node or changes branch', () => {
    const shown = shownOf(base);
    const a = clone(base);
    a.subtasks[1].isWaitNode = !a.subtasks[1].isWaitNode;
    assert.equal(diffSnapshot(shown, a).kind, 'rebuild');
    const b = clone(base);
    b.subtasks[1].parallelIdx += 1;
    assert.equal(diffSnapshot(shown, b).kind, 'rebuild');
  });

  it('a duplicated id in the snapshot is a rebuild, not a patch over the wrong node', () => {
    const shown = shownOf(base);
    const next = clone(base);
    next.subtasks[1] = { ...next.subtasks[0] };
    assert.equal(diffSnapshot(shown, next).kind, 'rebuild');
  });

  it('patches every node of a large task whose every status changed', () => {
    const t = normalizeTask(generatedTask(500).statuses('PENDING').build());
    const shown = shownOf(t);
    const next = clone(t);
    for (const s of next.subtasks) s.status = 'SUCCESSFUL';
    const d = patch(diffSnapshot(shown, next));
    assert.deepEqual(d.changed, shown.subs.map((_, i) => i));
  });

  it('sameSubtask compares every shown field', () => {
    const s = base.subtasks[0];
    assert.ok(sameSubtask(s, { ...s }));
    for (const [k, v] of Object.entries({ status: 'FAILED', rawStatus: 'X', name: 'n', description: 'd', rawOperation: 'o', startTime: 1, finishTime: 2, runTime: 3, timeout: 4, executor: 'e', nodeType: 't', prohibitSkip: !s.prohibitSkip })) {
      assert.equal(sameSubtask(s, { ...s, [k]: v }), false, k);
    }
  });
});
