// Layered top-to-bottom layout of a task DAG for the task panel, specialised for OCP's shape (chains with
// fan-out/fan-in through "Wait node" barriers). Pure and engine-neutral (runs in the webview bundle):
//   1. longest-path layering from the roots over forward edges (back edges of cycles are left out);
//   2. long edges get a dummy per intermediate layer, so they never pass through a node;
//   3. ordering inside a layer by the barycenter of neighbours (down, up, down sweeps; first ties by
//      parallelIdx, so parallel branches sit side by side in branch order);
//   4. x: each node wants the mean x of its parents; a layer's wishes are made non-overlapping by averaging a
//      left-packed and a right-packed placement (both feasible, so their mean is too).
// Near-linear: O((V + E + dummies) log V).

import type { Dag } from './dag';
import type { Task } from './task';

/** Sizes and spacing in px. */
export interface LayoutOptions {
  nodeWidth: number;
  nodeHeight: number;
  /** Width and height of a "Wait node" barrier. */
  waitSize: number;
  /** Horizontal gap between neighbours in a layer. */
  nodeSep: number;
  /** Vertical gap between layers. */
  rankSep: number;
  /** Width reserved for a long edge crossing a layer. */
  edgeSep: number;
  margin: number;
  /** Above this many dummies, remaining long edges are drawn straight (bounds work on pathological graphs). */
  maxDummies: number;
}

export const DEFAULT_LAYOUT_OPTIONS: Readonly<LayoutOptions> = {
  nodeWidth: 200,
  nodeHeight: 36,
  waitSize: 14,
  nodeSep: 24,
  rankSep: 36,
  edgeSep: 8,
  margin: 16,
  maxDummies: 50_000,
};

/** A placed node; x/y is the top-left corner. `index` is the node's index in the DAG. */
export interface LayoutNode {
  id: number;
  index: number;
  x: number;
  y: number;
  w: number;
  h: number;
  layer: number;
}

/** A routed edge: a polyline from the source's bottom centre to the target's top centre. */
export interface LayoutEdge {
  /** Subtask ids. */
  source: number;
  target: number;
  /** Node indices (into `Layout.nodes` and `dag.nodes`). */
  from: number;
  to: number;
  /** Index into `dag.edges`. */
  edge: number;
  /** Flat [x0, y0, x1, y1, …]. */
  points: number[];
}

/** The whole layout. `nodes[i]` is DAG node i. */
export interface Layout {
  nodes: LayoutNode[];
  /** Forward edges only; every one goes from a lower layer number to a higher one. */
  edges: LayoutEdge[];
  /** Edges left out to break cycles (subtask ids); the panel may draw or list them separately. */
  brokenEdges: { source: number; target: number }[];
  /** Node indices per layer, left to right. */
  layers: number[][];
  /** Top y and height of each layer band. */
  layerY: number[];
  layerH: number[];
  width: number;
  height: number;
}

/** Lays out a DAG. Every node is placed, even in a graph with cycles or dangling references. */
export function layoutDag(dag: Dag, options: Partial<LayoutOptions> = {}): Layout {
  const o: LayoutOptions = { ...DEFAULT_LAYOUT_OPTIONS, ...options };
  const n = dag.nodes.length;
  if (n === 0) return { nodes: [], edges: [], brokenEdges: [], layers: [], layerY: [], layerH: [], width: 0, height: 0 };
  const { layer, layerCount } = assignLayers(dag);
  const g = buildItems(dag, layer, o);
  const rows = orderRows(g, layerCount);
  const cx = placeX(g, rows, o);

  let minX = Infinity;
  let maxX = -Infinity;
  for (let it = 0; it < g.count; it++) {
    minX = Math.min(minX, cx[it] - g.w[it] / 2);
    maxX = Math.max(maxX, cx[it] + g.w[it] / 2);
  }
  const shift = o.margin - minX;

  // y: one band per layer, as tall as its tallest node; nodes centred vertically in their band.
  const heights = new Float64Array(n);
  const layerH = new Array<number>(layerCount).fill(0);
  for (let v = 0; v < n; v++) {
    heights[v] = dag.nodes[v].isWaitNode ? o.waitSize : o.nodeHeight;
    layerH[layer[v]] = Math.max(layerH[layer[v]], heights[v]);
  }
  const layerY: number[] = [];
  let y = o.margin;
  for (let l = 0; l < layerCount; l++) {
    layerY.push(y);
    y += layerH[l] + (l < layerCount - 1 ? o.rankSep : 0);
  }

  const nodes: LayoutNode[] = [];
  for (let v = 0; v < n; v++) {
    const w = g.w[v];
    const h = heights[v];
    const l = layer[v];
    nodes.push({ id: dag.nodes[v].id, index: v, x: cx[v] + shift - w / 2, y: layerY[l] + (layerH[l] - h) / 2, w, h, layer: l });
  }
  const edges: LayoutEdge[] = [];
  const brokenEdges: { source: number; target: number }[] = [];
  for (let k = 0; k < dag.edges.length; k++) {
    const from = nodes[dag.edges[k].from];
    const to = nodes[dag.edges[k].to];
    if (g.firstDummy[k] === BACK) {
      brokenEdges.push({ source: from.id, target: to.id });
      continue;
    }
    const points = new Array<number>(4 + 4 * g.dummyCount[k]);
    points[0] = from.x + from.w / 2;
    points[1] = from.y + from.h;
    let i = 2;
    for (let d = g.firstDummy[k], end = d + g.dummyCount[k]; d < end; d++) {
      const x = cx[d] + shift;
      const l = g.layer[d];
      points[i++] = x;
      points[i++] = layerY[l];
      points[i++] = x;
      points[i++] = layerY[l] + layerH[l];
    }
    points[i++] = to.x + to.w / 2;
    points[i] = to.y;
    edges.push({ source: from.id, target: to.id, from: from.index, to: to.index, edge: k, points });
  }

  const layers: number[][] = [];
  for (let l = 0; l < layerCount; l++) {
    const row: number[] = [];
    for (let p = rows.start[l]; p < rows.start[l + 1]; p++) if (rows.items[p] < n) row.push(rows.items[p]);
    layers.push(row);
  }
  return { nodes, edges, brokenEdges, layers, layerY, layerH, width: maxX - minX + 2 * o.margin, height: y + o.margin };
}

/** Marks a back edge in Items.firstDummy. */
const BACK = -1;

/** Nodes (0..n-1) and dummies (n..count-1) with their adjacency between adjacent layers, in CSR form. */
interface Items {
  n: number;
  count: number;
  layer: Int32Array;
  w: Float64Array;
  /** Tie-breaks for the first ordering pass: parallelIdx, then position in the topological order. */
  tieA: Float64Array;
  tieB: Float64Array;
  upStart: Int32Array;
  up: Int32Array;
  downStart: Int32Array;
  down: Int32Array;
  /** Per DAG edge: its first dummy (BACK for a back edge) and how many it has (consecutive ids). */
  firstDummy: Int32Array;
  dummyCount: Int32Array;
}

/** Longest-path layering from the roots over forward edges. */
function assignLayers(dag: Dag): { layer: Int32Array; layerCount: number } {
  const pos = dag.position;
  const layer = new Int32Array(dag.nodes.length);
  let layerCount = 1;
  for (const v of dag.order) {
    let l = 0;
    for (const p of dag.parents[v]) if (pos[p] < pos[v] && layer[p] + 1 > l) l = layer[p] + 1;
    layer[v] = l;
    if (l + 1 > layerCount) layerCount = l + 1;
  }
  return { layer, layerCount };
}

function buildItems(dag: Dag, nodeLayer: Int32Array, o: LayoutOptions): Items {
  const n = dag.nodes.length;
  const pos = dag.position;
  const m = dag.edges.length;
  const firstDummy = new Int32Array(m);
  const dummyCount = new Int32Array(m);
  for (const k of dag.backEdges) firstDummy[k] = BACK;
  let count = n;
  let links = 0;
  for (let k = 0; k < m; k++) {
    if (firstDummy[k] === BACK) continue;
    const span = nodeLayer[dag.edges[k].to] - nodeLayer[dag.edges[k].from];
    const dummies = span > 1 && count - n + span - 1 <= o.maxDummies ? span - 1 : 0;
    firstDummy[k] = count;
    dummyCount[k] = dummies;
    count += dummies;
    links += dummies + 1;
  }

  const layer = new Int32Array(count);
  const w = new Float64Array(count);
  const tieA = new Float64Array(count);
  const tieB = new Float64Array(count);
  layer.set(nodeLayer);
  for (let v = 0; v < n; v++) {
    const s = dag.nodes[v];
    w[v] = s.isWaitNode ? o.waitSize : o.nodeWidth;
    tieA[v] = s.parallelIdx;
    tieB[v] = pos[v];
  }
  const linkFrom = new Int32Array(links);
  const linkTo = new Int32Array(links);
  let li = 0;
  for (let k = 0; k < m; k++) {
    if (firstDummy[k] === BACK) continue;
    const { from, to } = dag.edges[k];
    let prev = from;
    for (let d = firstDummy[k], end = d + dummyCount[k]; d < end; d++) {
      layer[d] = nodeLayer[from] + (d - firstDummy[k]) + 1;
      w[d] = o.edgeSep;
      tieA[d] = tieA[to];
      tieB[d] = pos[to] + pos[from] / (n + 1);
      linkFrom[li] = prev;
      linkTo[li++] = d;
      prev = d;
    }
    linkFrom[li] = prev;
    linkTo[li++] = to;
  }
  const [upStart, up] = csr(count, linkTo, linkFrom);
  const [downStart, down] = csr(count, linkFrom, linkTo);
  return { n, count, layer, w, tieA, tieB, upStart, up, downStart, down, firstDummy, dummyCount };
}

/** Compressed adjacency: for each key item, the values of its links. */
function csr(count: number, keys: Int32Array, values: Int32Array): [Int32Array, Int32Array] {
  const start = new Int32Array(count + 1);
  for (let i = 0; i < keys.length; i++) start[keys[i] + 1]++;
  for (let i = 0; i < count; i++) start[i + 1] += start[i];
  const fill = start.slice(0, count);
  const list = new Int32Array(keys.length);
  for (let i = 0; i < keys.length; i++) list[fill[keys[i]]++] = values[i];
  return [start, list];
}

/** Items grouped by layer: row l is items[start[l] .. start[l+1]), left to right. */
interface Rows {
  items: Int32Array;
  start: Int32Array;
}

/** Orders each layer by the barycenter of its neighbours: down, up, down. */
function orderRows(g: Items, layerCount: number): Rows {
  const start = new Int32Array(layerCount + 1);
  for (let it = 0; it < g.count; it++) start[g.layer[it] + 1]++;
  for (let l = 0; l < layerCount; l++) start[l + 1] += start[l];
  const fill = start.slice(0, layerCount);
  const items = new Int32Array(g.count);
  for (let it = 0; it < g.count; it++) items[fill[g.layer[it]]++] = it;

  const at = new Float64Array(g.count);
  const key = new Float64Array(g.count);
  const { tieA, tieB } = g;
  const byTies = (a: number, b: number): number => tieA[a] - tieA[b] || tieB[a] - tieB[b];
  const byKeyThenTies = (a: number, b: number): number => key[a] - key[b] || byTies(a, b);
  const byKeyThenPlace = (a: number, b: number): number => key[a] - key[b] || at[a] - at[b];
  const sortRow = (l: number, nbrStart: Int32Array | undefined, nbrs: Int32Array, cmp: (a: number, b: number) => number): void => {
    const row = items.subarray(start[l], start[l + 1]);
    if (nbrStart) {
      for (const it of row) {
        const s = nbrStart[it];
        const e = nbrStart[it + 1];
        if (s === e) key[it] = at[it];
        else {
          let sum = 0;
          for (let i = s; i < e; i++) sum += at[nbrs[i]];
          key[it] = sum / (e - s);
        }
      }
    }
    row.sort(cmp);
    for (let p = 0; p < row.length; p++) at[row[p]] = p;
  };
  sortRow(0, undefined, g.up, byTies);
  for (let l = 1; l < layerCount; l++) sortRow(l, g.upStart, g.up, byKeyThenTies);
  for (let l = layerCount - 2; l >= 0; l--) sortRow(l, g.downStart, g.down, byKeyThenPlace);
  for (let l = 1; l < layerCount; l++) sortRow(l, g.upStart, g.up, byKeyThenPlace);
  return { items, start };
}

/** Centre x of every item: the mean of its parents', made non-overlapping per row (see the header). */
function placeX(g: Items, rows: Rows, o: LayoutOptions): Float64Array {
  const cx = new Float64Array(g.count);
  const left = new Float64Array(g.count);
  const right = new Float64Array(g.count);
  const want = new Float64Array(g.count);
  const gap = (a: number, b: number): number => (g.w[a] + g.w[b]) / 2 + o.nodeSep;
  for (let l = 0; l + 1 < rows.start.length; l++) {
    const s = rows.start[l];
    const e = rows.start[l + 1];
    for (let p = s; p < e; p++) {
      const it = rows.items[p];
      const us = g.upStart[it];
      const ue = g.upStart[it + 1];
      if (us === ue) want[p] = p === s ? 0 : left[rows.items[p - 1]] + gap(rows.items[p - 1], it);
      else {
        let sum = 0;
        for (let i = us; i < ue; i++) sum += cx[g.up[i]];
        want[p] = sum / (ue - us);
      }
      left[it] = p === s ? want[p] : Math.max(want[p], left[rows.items[p - 1]] + gap(rows.items[p - 1], it));
    }
    for (let p = e - 1; p >= s; p--) {
      const it = rows.items[p];
      right[it] = p === e - 1 ? want[p] : Math.min(want[p], right[rows.items[p + 1]] - gap(it, rows.items[p + 1]));
    }
    for (let p = s; p < e; p++) {
      const it = rows.items[p];
      cx[it] = (left[it] + right[it]) / 2;
    }
  }
  return cx;
}

/** One MurmurHash3 round: folds the 32-bit value v into the hash h. */
function mix(h: number, v: number): number {
  v = Math.imul(v, 0xcc9e2d51);
  v = (v << 15) | (v >>> 17);
  h ^= Math.imul(v, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/**
 * A string that changes whenever the layout would: subtask ids, edges, parallel branch indices, seriesIds and
 * wait-node flags (not statuses, names or JSON order). Cache the layout under this key (plus the options).
 */
export function layoutKey(task: Pick<Task, 'subtasks'>): string {
  const subs = [...task.subtasks].sort((a, b) => a.id - b.id);
  let h1 = 0x2f5a1c3b;
  let h2 = 0x6b43a9b5;
  const add = (v: number): void => {
    const lo = v | 0;
    const hi = Math.floor(v / 0x100000000) | 0;
    h1 = mix(mix(h1, lo), hi);
    h2 = mix(mix(h2, hi), lo ^ 0x5bd1e995);
  };
  const addList = (list: number[]): void => {
    add(-3 - list.length);
    if (list.length === 1) add(list[0]);
    else if (list.length > 1) for (const x of [...list].sort((a, b) => a - b)) add(x);
  };
  for (const s of subs) {
    add(s.id);
    add(s.parallelIdx);
    add(s.seriesId ?? -2);
    add(s.isWaitNode ? 1 : 0);
    addList(s.upstreams);
    addList(s.downstreams);
  }
  return `${subs.length}-${(h1 >>> 0).toString(36)}-${(h2 >>> 0).toString(36)}`;
}

export { prepareCull, viewportCull, type Rect } from './cull';
