import * as assert from 'node:assert/strict';
import { buildDag, Dag, Layout, layoutDag, layoutKey, normalizeTask, viewportCull } from '../../../src/core/model';
import { prepareCull } from '../../../src/core/model/layout';
import { chain, fanOut, generatedTask, random, RawTask, taskBuilder } from '../builders';
import { sample, SAMPLE_NAMES } from './fixtures';

function lay(raw: RawTask): { dag: Dag; layout: Layout } {
  const dag = buildDag(normalizeTask(raw));
  return { dag, layout: layoutDag(dag) };
}

const centerX = (n: { x: number; w: number }): number => n.x + n.w / 2;

/** The invariants every layout must satisfy, whatever the graph. */
function assertSound({ dag, layout }: { dag: Dag; layout: Layout }): void {
  assert.equal(layout.nodes.length, dag.nodes.length, 'every node placed');
  layout.nodes.forEach((nd, i) => {
    assert.equal(nd.index, i);
    assert.equal(nd.id, dag.nodes[i].id);
    for (const v of [nd.x, nd.y, nd.w, nd.h]) assert.ok(Number.isFinite(v));
    assert.ok(nd.w > 0 && nd.h > 0);
    assert.ok(nd.x >= 0 && nd.y >= 0 && nd.x + nd.w <= layout.width + 1e-6 && nd.y + nd.h <= layout.height + 1e-6, 'inside the canvas');
  });

  // No two nodes overlap: within a layer they are strictly left to right, and layer bands are disjoint.
  assert.equal(layout.layers.flat().length, dag.nodes.length);
  layout.layers.forEach((row, l) => {
    for (let p = 0; p < row.length; p++) {
      const a = layout.nodes[row[p]];
      assert.equal(a.layer, l);
      assert.ok(a.y >= layout.layerY[l] && a.y + a.h <= layout.layerY[l] + layout.layerH[l] + 1e-9);
      if (p > 0) {
        const prev = layout.nodes[row[p - 1]];
        assert.ok(prev.x + prev.w < a.x, `nodes ${prev.id} and ${a.id} overlap`);
      }
    }
    if (l > 0) assert.ok(layout.layerY[l - 1] + layout.layerH[l - 1] < layout.layerY[l]);
  });

  // Every drawn edge points down, starts at its source's bottom and ends at its target's top.
  assert.equal(layout.edges.length + layout.brokenEdges.length, dag.edges.length);
  for (const e of layout.edges) {
    const s = layout.nodes[e.from];
    const t = layout.nodes[e.to];
    assert.equal(s.id, e.source);
    assert.equal(t.id, e.target);
    assert.ok(t.layer > s.layer, `edge ${e.source}→${e.target} does not point down`);
    const p = e.points;
    assert.deepEqual([p[0], p[1]], [centerX(s), s.y + s.h]);
    assert.deepEqual([p[p.length - 2], p[p.length - 1]], [centerX(t), t.y]);
    for (let i = 3; i < p.length; i += 2) assert.ok(p[i] >= p[i - 2], 'polyline goes down monotonically');
    // Vertical runs through intermediate layers never cross a node of that layer.
    for (let i = 2; i + 3 < p.length; i += 4) {
      const x = p[i];
      const l = layout.layerY.indexOf(p[i + 1]);
      assert.ok(l > s.layer && l < t.layer);
      for (const v of layout.layers[l]) {
        const nd = layout.nodes[v];
        assert.ok(x < nd.x || x > nd.x + nd.w, `edge ${e.source}→${e.target} crosses node ${nd.id}`);
      }
    }
  }
}

describe('layout: documented samples', () => {
  for (const name of SAMPLE_NAMES) {
    it(`${name}: one node per layer in a straight vertical line`, () => {
      const r = lay(sample(name));
      assertSound(r);
      assert.equal(r.layout.layers.length, r.dag.nodes.length);
      const xs = new Set(r.layout.nodes.map(centerX));
      assert.equal(xs.size, 1);
      assert.deepEqual(r.layout.brokenEdges, []);
    });
  }

  it('draws Wait nodes smaller than the others', () => {
    const { dag, layout } = lay(sample('create-cluster'));
    const wait = layout.nodes.filter((nd) => dag.nodes[nd.index].isWaitNode);
    const other = layout.nodes.filter((nd) => !dag.nodes[nd.index].isWaitNode);
    assert.equal(wait.length, 4);
    for (const w of wait) assert.ok(w.w < other[0].w && w.h < other[0].h);
  });
});

describe('layout: fan-out and fan-in', () => {
  it('puts parallel branches side by side in branch order, centred under their parent', () => {
    // 1000 → 1001 → branches (1002,1003) (1004,1005) (1006,1007) (1008,1009) → 1010 wait → 1011
    const b = fanOut(4, { branchLength: 2, head: 2, tail: 1 });
    const { dag, layout } = lay(b.shuffled(3).build());
    assertSound({ dag, layout });
    const at = (id: number) => layout.nodes[dag.indexOf.get(id)!];
    const firstSteps = [1002, 1004, 1006, 1008].map(at);
    assert.ok(firstSteps.every((nd) => nd.layer === 2));
    for (let i = 1; i < firstSteps.length; i++) assert.ok(firstSteps[i - 1].x < firstSteps[i].x, 'ordered by parallelIdx');
    const mean = (list: { x: number; w: number }[]) => list.reduce((s, nd) => s + centerX(nd), 0) / list.length;
    assert.ok(Math.abs(mean(firstSteps) - centerX(at(1001))) < 1e-6, 'branches centred under the fan-out node');
    assert.equal(centerX(at(1003)), centerX(at(1002)), 'a branch is a vertical line');
    const lastSteps = [1003, 1005, 1007, 1009].map(at);
    assert.ok(Math.abs(centerX(at(1010)) - mean(lastSteps)) < 1e-6, 'the wait node sits under its branches');
    assert.equal(at(1010).layer, 4);
    assert.equal(centerX(at(1011)), centerX(at(1010)));
  });

  it('routes an edge that skips layers around the nodes in between', () => {
    // branch 0 has three steps, branch 1 one: its edge to the wait node spans three layers.
    const b = taskBuilder()
      .withSubtask({ id: 1 })
      .withSubtask({ id: 2, upstreams: [1], parallelIdx: 0 })
      .withSubtask({ id: 3, upstreams: [2], parallelIdx: 0 })
      .withSubtask({ id: 4, upstreams: [3], parallelIdx: 0 })
      .withSubtask({ id: 5, upstreams: [1], parallelIdx: 1 })
      .withSubtask({ id: 6, upstreams: [4, 5], name: 'Wait node' });
    const r = lay(b.build());
    assertSound(r);
    const long = r.layout.edges.find((e) => e.source === 5 && e.target === 6);
    assert.ok(long);
    assert.equal(long.points.length, 4 + 4 * 2, 'two intermediate layers, two points each');
  });

  it('lays out several roots and disconnected parts', () => {
    const b = taskBuilder()
      .withSubtask({ id: 1 })
      .withSubtask({ id: 2 })
      .withSubtask({ id: 3, upstreams: [1] })
      .withSubtask({ id: 4, upstreams: [2] })
      .withSubtask({ id: 9 });
    const r = lay(b.build());
    assertSound(r);
    assert.equal(r.layout.layers[0].length, 3);
  });

  for (const n of [1000, 3000]) {
    it(`lays out a generated ${n}-subtask graph soundly`, () => {
      const r = lay(generatedTask(n, n).build());
      assertSound(r);
      assert.ok(r.layout.edges.some((e) => e.points.length > 4), 'some edges span several layers');
      assert.ok(r.layout.layers.some((row) => row.length > 10), 'wide fan-out present');
    });
  }

  it('does not depend on JSON order', () => {
    const a = lay(generatedTask(400, 9).build()).layout;
    const b = lay(generatedTask(400, 9).shuffled(77).build()).layout;
    const byId = (l: Layout) => new Map(l.nodes.map((nd) => [nd.id, [nd.x, nd.y, nd.layer]]));
    assert.deepEqual(byId(a), byId(b));
  });

  it('caps dummies on pathological graphs and still draws every edge downwards', () => {
    const b = chain(60);
    for (let i = 1; i < 60; i++) b.patch(1000 + i, { upstreams: [1000 + i - 1, 1000] }); // root → every node
    const dag = buildDag(normalizeTask(b.build()));
    const layout = layoutDag(dag, { maxDummies: 100 });
    assertSound({ dag, layout });
    const dummies = layout.edges.reduce((s, e) => s + (e.points.length - 4) / 4, 0);
    assert.ok(dummies > 0 && dummies <= 100);
    assert.ok(layout.edges.some((e) => e.points.length === 4 && layout.nodes[e.to].layer > layout.nodes[e.from].layer + 1));
  });
});

describe('layout: broken graphs', () => {
  it('lays out a graph with a cycle, leaving the back edge out and reporting it', () => {
    const b = taskBuilder()
      .withSubtask({ id: 1 })
      .withSubtask({ id: 2, upstreams: [1, 4] })
      .withSubtask({ id: 3, upstreams: [2] })
      .withSubtask({ id: 4, upstreams: [3] })
      .withSubtask({ id: 5, upstreams: [4] });
    const r = lay(b.build());
    assertSound(r);
    assert.deepEqual(r.layout.brokenEdges, [{ source: 4, target: 2 }]);
    assert.deepEqual(
      r.layout.nodes.map((nd) => nd.layer),
      [0, 1, 2, 3, 4],
    );
  });

  it('lays out a graph that is nothing but a cycle, and one with dangling references', () => {
    const cyc = lay(
      taskBuilder()
        .withSubtask({ id: 1, upstreams: [3] })
        .withSubtask({ id: 2, upstreams: [1] })
        .withSubtask({ id: 3, upstreams: [2] })
        .build(),
    );
    assertSound(cyc);
    assert.equal(cyc.layout.brokenEdges.length, 1);
    const dangling = lay(
      taskBuilder()
        .withSubtask({ id: 1, upstreams: [404] })
        .withSubtask({ id: 2, upstreams: [1], downstreams: [405] })
        .build(),
    );
    assertSound(dangling);
    assert.equal(dangling.layout.edges.length, 1);
  });

  it('returns an empty layout for an empty task', () => {
    const { layout } = lay(taskBuilder().build());
    assert.deepEqual([layout.nodes, layout.edges, layout.width, layout.height], [[], [], 0, 0]);
    assert.deepEqual(viewportCull(layout, { x: 0, y: 0, w: 100, h: 100 }), { nodes: [], edges: [] });
  });
});

describe('layout: layoutKey', () => {
  const base = () => fanOut(3, { branchLength: 2 });

  it('is stable across JSON order and status changes', () => {
    const k = layoutKey(normalizeTask(base().build()));
    assert.equal(layoutKey(normalizeTask(base().shuffled(4).build())), k);
    assert.equal(layoutKey(normalizeTask(base().statuses('SUCCESSFUL', { 1003: 'FAILED' }).status('FAILED').build())), k);
  });

  it('changes with the node or edge set, branch indices and wait flags', () => {
    const k = layoutKey(normalizeTask(base().build()));
    const variants = [
      base().withSubtask({ id: 5000, upstreams: [1000] }),
      base().patch(1002, { upstreams: [1001, 1000] }),
      base().patch(1001, { parallelIdx: 7 }),
      base().patch(1001, { name: 'Wait node' }),
    ];
    const keys = variants.map((b) => layoutKey(normalizeTask(b.build())));
    for (const v of keys) assert.notEqual(v, k);
    assert.equal(new Set(keys).size, keys.length);
  });
});

describe('layout: viewportCull', () => {
  const overlaps = (a: [number, number, number, number], r: { x: number; y: number; w: number; h: number }): boolean =>
    a[0] <= r.x + r.w && a[2] >= r.x && a[1] <= r.y + r.h && a[3] >= r.y;

  it('returns exactly the nodes and edges whose boxes meet the rectangle', () => {
    const { layout } = lay(generatedTask(1500, 5).build());
    const rnd = random(11);
    const rects = [
      { x: 0, y: 0, w: layout.width, h: layout.height },
      { x: -500, y: -500, w: 100, h: 100 },
      { x: layout.width / 2, y: layout.height + 10, w: 100, h: 100 },
      ...Array.from({ length: 40 }, () => ({
        x: rnd() * layout.width - 200,
        y: rnd() * layout.height - 200,
        w: 50 + rnd() * 1500,
        h: 20 + rnd() * 900,
      })),
    ];
    for (const r of rects) {
      const got = viewportCull(layout, r);
      const nodes = layout.nodes.flatMap((nd, i) => (overlaps([nd.x, nd.y, nd.x + nd.w, nd.y + nd.h], r) ? [i] : []));
      const edges = layout.edges.flatMap((e, i) => {
        const xs = e.points.filter((_, k) => k % 2 === 0);
        const ys = e.points.filter((_, k) => k % 2 === 1);
        return overlaps([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)], r) ? [i] : [];
      });
      assert.deepEqual(got.nodes, nodes, JSON.stringify(r));
      assert.deepEqual(got.edges, edges, JSON.stringify(r));
    }
    assert.equal(viewportCull(layout, rects[0]).nodes.length, layout.nodes.length);
    assert.deepEqual(viewportCull(layout, rects[1]), { nodes: [], edges: [] });
  });
});

describe('layout: the first cull scans, later ones use the index (issue #19)', () => {
  it('gives the same nodes and edges from the scan, from prepareCull\'s index and from the index the second cull builds', () => {
    const rect = { x: 100, y: 50, w: 1400, h: 900 };
    const a = lay(generatedTask(2000, 7).build()).layout;
    const scanned = viewportCull(a, rect);
    assert.ok(scanned.edges.length > 0, 'the window meets some edges');
    prepareCull(a);
    assert.deepEqual(viewportCull(a, rect), scanned, 'after prepareCull');
    const b = lay(generatedTask(2000, 7).build()).layout;
    assert.deepEqual(viewportCull(b, rect), scanned, 'the first cull of a fresh layout (a scan)');
    assert.deepEqual(viewportCull(b, rect), scanned, 'the second (builds the index)');
    const one = lay(taskBuilder().withSubtask({ id: 1 }).build()).layout;
    prepareCull(one);
    assert.deepEqual(viewportCull(one, { x: -1000, y: -1000, w: 5000, h: 5000 }), { nodes: [0], edges: [] }, 'a layout without edges');
  });
});

describe('layout: viewportCull with long edges (issue #19)', () => {
  const overlaps = (a: [number, number, number, number], r: { x: number; y: number; w: number; h: number }): boolean =>
    a[0] <= r.x + r.w && a[2] >= r.x && a[1] <= r.y + r.h && a[3] >= r.y;

  it('returns exactly the edges whose boxes meet the rectangle when many edges span many layers', () => {
    // A chain of 600 where every 5th subtask of the first half feeds the one 300 further on; with a small
    // dummy budget most long edges are drawn straight across 300 layers.
    const b = taskBuilder();
    for (let i = 0; i < 600; i++) {
      const ups = i > 0 ? [999 + i] : [];
      if (i >= 300 && (i - 300) % 5 === 0) ups.push(1000 + i - 300);
      b.withSubtask({ id: 1000 + i, upstreams: ups });
    }
    const dag = buildDag(normalizeTask(b.build()));
    for (const maxDummies of [0, 2000, 50_000]) {
      const layout = layoutDag(dag, { maxDummies });
      const rnd = random(3 + maxDummies);
      const rects = [
        { x: 0, y: 0, w: layout.width, h: layout.height },
        ...Array.from({ length: 30 }, () => ({ x: rnd() * layout.width - 300, y: rnd() * layout.height - 300, w: 50 + rnd() * 1400, h: 20 + rnd() * 900 })),
      ];
      for (const r of rects) {
        const got = viewportCull(layout, r);
        const edges = layout.edges.flatMap((e, i) => {
          const xs = e.points.filter((_, k) => k % 2 === 0);
          const ys = e.points.filter((_, k) => k % 2 === 1);
          return overlaps([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)], r) ? [i] : [];
        });
        assert.deepEqual(got.edges, edges, `maxDummies ${maxDummies} ${JSON.stringify(r)}`);
      }
    }
  });
});
