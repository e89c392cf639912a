// buildDag on many cycles (issue #19: the cycle breaker used to rescan every node per cycle). Its order must
// be exactly the documented rule: Kahn by (seriesId, id), and when stuck the best-ranked unvisited node of a
// strongly connected component with no unprocessed edge from outside. Checked against a direct, slow
// implementation of that rule on random graphs with cycles, and on chained cycles.
import * as assert from 'node:assert/strict';
import { buildDag, normalizeTask, type Dag } from '../../../src/core/model';
import { random, taskBuilder } from '../builders';

/** The rule written out plainly: O(n²) and more, for small graphs only. */
function referenceOrder(dag: Dag): number[] {
  const n = dag.nodes.length;
  const rank = (v: number): [number, number] => [dag.nodes[v].seriesId ?? Infinity, dag.nodes[v].id];
  const better = (a: number, b: number): boolean => {
    const [sa, ia] = rank(a);
    const [sb, ib] = rank(b);
    return sa < sb || (sa === sb && ia < ib);
  };
  // Reachability, for strongly connected components.
  const reach: boolean[][] = Array.from({ length: n }, () => new Array<boolean>(n).fill(false));
  for (let s = 0; s < n; s++) {
    const stack = [s];
    while (stack.length) {
      const v = stack.pop()!;
      for (const c of dag.children[v]) if (!reach[s][c]) { reach[s][c] = true; stack.push(c); }
    }
  }
  const sameComp = (a: number, b: number): boolean => a === b || (reach[a][b] && reach[b][a]);
  const visited = new Array<boolean>(n).fill(false);
  const indeg = dag.nodes.map((_, v) => dag.parents[v].length);
  const ready: number[] = [];
  for (let v = 0; v < n; v++) if (indeg[v] === 0) ready.push(v);
  const order: number[] = [];
  while (order.length < n) {
    if (ready.length === 0) {
      let pick = -1;
      for (let v = 0; v < n; v++) {
        if (visited[v]) continue;
        // No edge from an unvisited node outside v's component into it.
        const free = dag.nodes.every((_, u) => visited[u] || sameComp(u, v) || !dag.nodes.some((__, w) => sameComp(w, v) && dag.children[u].includes(w)));
        if (free && (pick < 0 || better(v, pick))) pick = v;
      }
      ready.push(pick);
    }
    let best = 0;
    for (let k = 1; k < ready.length; k++) if (better(ready[k], ready[best])) best = k;
    const v = ready.splice(best, 1)[0];
    if (visited[v]) continue;
    visited[v] = true;
    order.push(v);
    for (const c of dag.children[v]) if (--indeg[c] === 0 && !visited[c]) ready.push(c);
  }
  return order;
}

function randomCyclic(seed: number, n: number): ReturnType<typeof taskBuilder> {
  const rnd = random(seed);
  const b = taskBuilder();
  const ids = Array.from({ length: n }, (_, i) => 100 + i);
  // Shuffled seriesIds so that rank is not creation order.
  const series = ids.map((_, i) => i).sort(() => rnd() - 0.5);
  ids.forEach((id, i) => {
    const ups = new Set<number>();
    const k = Math.floor(rnd() * 3);
    for (let j = 0; j < k; j++) ups.add(ids[Math.floor(rnd() * n)]);
    ups.delete(id);
    b.withSubtask({ id, seriesId: series[i], upstreams: [...ups] });
  });
  return b;
}

describe('model: DAG cycle breaking at scale', () => {
  it('orders random graphs with cycles exactly as the rule says', () => {
    let withCycles = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const dag = buildDag(normalizeTask(randomCyclic(seed, 8 + (seed % 25)).build()));
      if (dag.problems.some((p) => p.kind === 'cycle')) withCycles++;
      assert.deepEqual(dag.order, referenceOrder(dag), `seed ${seed}`);
    }
    assert.ok(withCycles >= 20, `only ${withCycles} graphs had a cycle`);
  });

  it('finds every one of 3,000 chained cycles, breaks each with one back edge, and orders every node', () => {
    const b = taskBuilder();
    const cycles = 3000;
    for (let c = 0; c < cycles; c++) {
      const a = 10 + 3 * c;
      b.withSubtask({ id: a, upstreams: c > 0 ? [a - 1, a + 2] : [a + 2] });
      b.withSubtask({ id: a + 1, upstreams: [a] });
      b.withSubtask({ id: a + 2, upstreams: [a + 1] });
    }
    const dag = buildDag(normalizeTask(b.build()));
    const found = dag.problems.filter((p) => p.kind === 'cycle');
    assert.equal(found.length, cycles);
    assert.deepEqual(found.map((p) => p.ids).sort((x, y) => x[0] - y[0]), Array.from({ length: cycles }, (_, c) => [10 + 3 * c, 11 + 3 * c, 12 + 3 * c]));
    assert.equal(dag.backEdges.length, cycles);
    assert.equal(dag.order.length, 3 * cycles);
    assert.equal(new Set(dag.order).size, 3 * cycles);
    // Each cycle is entered at its best-ranked node, right after the previous cycle.
    assert.deepEqual(dag.order.slice(0, 6).map((v) => dag.nodes[v].id), [10, 11, 12, 13, 14, 15]);
    for (const k of dag.backEdges) assert.ok(dag.position[dag.edges[k].from] > dag.position[dag.edges[k].to]);
  });
});
