// Keyboard navigation in the graph: up goes to a parent, down to a child (along edges; the one drawn
// nearest horizontally), left and right to the neighbours in the same layer.
import type { Dag } from '../core/model/dag';
import type { Layout } from '../core/model/layout';

export type NavDirection = 'up' | 'down' | 'left' | 'right';

/** Maps a KeyboardEvent.key to a direction. */
export function navDirection(key: string): NavDirection | undefined {
  switch (key) {
    case 'ArrowUp': return 'up';
    case 'ArrowDown': return 'down';
    case 'ArrowLeft': return 'left';
    case 'ArrowRight': return 'right';
    default: return undefined;
  }
}

function centerX(layout: Pick<Layout, 'nodes'>, v: number): number {
  const n = layout.nodes[v];
  return n.x + n.w / 2;
}

/** The node index reached from `current` in `dir`; `current` itself when there is nowhere to go. */
export function navigate(dag: Pick<Dag, 'parents' | 'children'>, layout: Pick<Layout, 'nodes' | 'layers'>, current: number, dir: NavDirection): number {
  const here = layout.nodes[current];
  if (!here) return current;
  if (dir === 'left' || dir === 'right') {
    const row = layout.layers[here.layer] ?? [];
    const p = row.indexOf(current);
    const next = row[p + (dir === 'left' ? -1 : 1)];
    return p < 0 || next === undefined ? current : next;
  }
  const candidates = dir === 'up' ? dag.parents[current] : dag.children[current];
  if (!candidates || candidates.length === 0) return current;
  // Prefer the neighbours drawn on the side we move to (edges broken to undo a cycle point the other way).
  const onSide = candidates.filter((v) => (dir === 'up' ? layout.nodes[v].layer < here.layer : layout.nodes[v].layer > here.layer));
  const pool = onSide.length > 0 ? onSide : candidates;
  const x = centerX(layout, current);
  let best = pool[0];
  let bestScore = Infinity;
  for (const v of pool) {
    const score = Math.abs(centerX(layout, v) - x) + Math.abs(layout.nodes[v].layer - here.layer) * 1e-3;
    if (score < bestScore || (score === bestScore && v < best)) {
      best = v;
      bestScore = score;
    }
  }
  return best;
}
