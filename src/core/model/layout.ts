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
  const pos = dag.position;

  // 1. Longest-path layering over forward edges.
  const layer = new Int32Array(n);
  let layerCount = n > 0 ? 1 : 0;
  for (const v of dag.order) {
    let l = 0;
    for (const p of dag.parents[v]) if (pos[p] < pos[v] && layer[p] + 1 > l) l = layer[p] + 1;
    layer[v] = l;
    if (l + 1 > layerCount) layerCount = l + 1;
  }

  // 2. Items: nodes 0..n-1, then dummies. Item-level edges always join adjacent layers (unless over budget).
  const itemLayer: number[] = Array.from(layer);
  const itemW: number[] = dag.nodes.map((s) => (s.isWaitNode ? o.waitSize : o.nodeWidth));
  const tieA: number[] = dag.nodes.map((s) => s.parallelIdx);
  const tieB: number[] = Array.from(pos);
  const up: number[][] = dag.nodes.map(() => []);
  const down: number[][] = dag.nodes.map(() => []);
  const chains: { edge: number; items: number[] }[] = [];
  const brokenEdges: { source: number; target: number }[] = [];
  const back = new Set(dag.backEdges);
  const edgeOrder = dag.edges
    .map((_, k) => k)
    .sort((a, b) => {
      const ea = dag.edges[a];
      const eb = dag.edges[b];
      return pos[ea.from] - pos[eb.from] || pos[ea.to] - pos[eb.to];
    });
  let dummies = 0;
  for (const k of edgeOrder) {
    const { from, to } = dag.edges[k];
    if (back.has(k)) {
      brokenEdges.push({ source: dag.nodes[from].id, target: dag.nodes[to].id });
      continue;
    }
    const items = [from];
    const span = layer[to] - layer[from];
    if (span > 1 && dummies + span - 1 <= o.maxDummies) {
      for (let l = layer[from] + 1; l < layer[to]; l++) {
        const d = itemLayer.length;
        itemLayer.push(l);
        itemW.push(o.edgeSep);
        tieA.push(tieA[to]);
        tieB.push(pos[to] + pos[from] / (n + 1));
        up.push([]);
        down.push([]);
        items.push(d);
        dummies++;
      }
    }
    items.push(to);
    for (let i = 1; i < items.length; i++) {
      down[items[i - 1]].push(items[i]);
      up[items[i]].push(items[i - 1]);
    }
    chains.push({ edge: k, items });
  }
  const itemCount = itemLayer.length;

  // 3. Ordering within layers.
  const rows: number[][] = Array.from({ length: layerCount }, () => []);
  const initial = Array.from({ length: itemCount }, (_, i) => i).sort((a, b) => tieB[a] - tieB[b]);
  for (const i of initial) rows[itemLayer[i]].push(i);
  const at = new Float64Array(itemCount); // position of an item within its row
  const index = (row: number[]): void => row.forEach((it, p) => (at[it] = p));
  rows.forEach(index);
  const key = new Float64Array(itemCount);
  const sweep = (row: number[], nbrs: number[][], firstPass: boolean): void => {
    for (const it of row) {
      const list = nbrs[it];
      if (list.length === 0) key[it] = at[it];
      else {
        let sum = 0;
        for (const x of list) sum += at[x];
        key[it] = sum / list.length;
      }
    }
    row.sort((a, b) => key[a] - key[b] || (firstPass ? tieA[a] - tieA[b] || tieB[a] - tieB[b] : at[a] - at[b]));
    index(row);
  };
  for (let l = 1; l < layerCount; l++) sweep(rows[l], up, true);
  for (let l = layerCount - 2; l >= 0; l--) sweep(rows[l], down, false);
  for (let l = 1; l < layerCount; l++) sweep(rows[l], up, false);

  // 4. x coordinates (centres), layer by layer.
  const cx = new Float64Array(itemCount);
  const left = new Float64Array(itemCount);
  const right = new Float64Array(itemCount);
  for (const row of rows) {
    const want = row.map((it, p) => {
      const list = up[it];
      if (list.length === 0) return p === 0 ? 0 : NaN;
      let sum = 0;
      for (const x of list) sum += cx[x];
      return sum / list.length;
    });
    const gap = (a: number, b: number): number => (itemW[a] + itemW[b]) / 2 + o.nodeSep;
    for (let p = 0; p < row.length; p++) {
      const w = Number.isNaN(want[p]) ? left[row[p - 1]] + gap(row[p - 1], row[p]) : want[p];
      want[p] = w;
      left[row[p]] = p === 0 ? w : Math.max(w, left[row[p - 1]] + gap(row[p - 1], row[p]));
    }
    for (let p = row.length - 1; p >= 0; p--) {
      const w = want[p];
      right[row[p]] = p === row.length - 1 ? w : Math.min(w, right[row[p + 1]] - gap(row[p], row[p + 1]));
    }
    for (const it of row) cx[it] = (left[it] + right[it]) / 2;
  }
  let minX = Infinity;
  let maxX = -Infinity;
  for (let it = 0; it < itemCount; it++) {
    minX = Math.min(minX, cx[it] - itemW[it] / 2);
    maxX = Math.max(maxX, cx[it] + itemW[it] / 2);
  }
  const shift = n > 0 ? o.margin - minX : 0;

  // 5. y: one band per layer, as tall as its tallest node; nodes centred vertically in their band.
  const heights = dag.nodes.map((s) => (s.isWaitNode ? o.waitSize : o.nodeHeight));
  const layerH = new Array<number>(layerCount).fill(0);
  for (let v = 0; v < n; v++) layerH[layer[v]] = Math.max(layerH[layer[v]], heights[v]);
  const layerY: number[] = [];
  let y = o.margin;
  for (let l = 0; l < layerCount; l++) {
    layerY.push(y);
    y += layerH[l] + (l < layerCount - 1 ? o.rankSep : 0);
  }

  const nodes: LayoutNode[] = dag.nodes.map((s, v) => {
    const w = itemW[v];
    const h = heights[v];
    const l = layer[v];
    return { id: s.id, index: v, x: cx[v] + shift - w / 2, y: layerY[l] + (layerH[l] - h) / 2, w, h, layer: l };
  });
  const edges: LayoutEdge[] = chains.map(({ edge, items }) => {
    const from = nodes[items[0]];
    const to = nodes[items[items.length - 1]];
    const points = [from.x + from.w / 2, from.y + from.h];
    for (let i = 1; i < items.length - 1; i++) {
      const d = items[i];
      const x = cx[d] + shift;
      points.push(x, layerY[itemLayer[d]], x, layerY[itemLayer[d]] + layerH[itemLayer[d]]);
    }
    points.push(to.x + to.w / 2, to.y);
    return { source: from.id, target: to.id, from: from.index, to: to.index, edge, points };
  });

  return {
    nodes,
    edges,
    brokenEdges,
    layers: rows.map((row) => row.filter((it) => it < n)),
    layerY,
    layerH,
    width: n > 0 ? maxX - minX + 2 * o.margin : 0,
    height: n > 0 ? y + o.margin : 0,
  };
}

function mix(h: number, v: number): number {
  // FNV-1a over the four bytes of a 32-bit value.
  for (let i = 0; i < 4; i++) {
    h ^= (v >>> (i * 8)) & 0xff;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * A string that changes whenever the layout would: subtask ids, edges, parallel branch indices, seriesIds and
 * wait-node flags (not statuses, names or JSON order). Cache the layout under this key (plus the options).
 */
export function layoutKey(task: Pick<Task, 'subtasks'>): string {
  const subs = [...task.subtasks].sort((a, b) => a.id - b.id);
  let h1 = 0x811c9dc5;
  let h2 = 0x01234567;
  const add = (v: number): void => {
    const lo = v | 0;
    const hi = Math.floor(v / 0x100000000) | 0;
    h1 = mix(mix(h1, lo), hi);
    h2 = mix(mix(h2, hi ^ 0x5bd1e995), lo);
  };
  for (const s of subs) {
    add(s.id);
    add(s.parallelIdx);
    add(s.seriesId ?? -2);
    add(s.isWaitNode ? 1 : 0);
    for (const list of [s.upstreams, s.downstreams]) {
      add(-3 - list.length);
      for (const x of [...list].sort((a, b) => a - b)) add(x);
    }
  }
  return `${subs.length}-${h1.toString(36)}-${h2.toString(36)}`;
}

/** A rectangle in layout coordinates. */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

interface Bucket {
  edges: number[];
  minX: number[];
  maxWidth: number;
}

interface CullIndex {
  bucket: Bucket[];
  edgeBox: Float64Array; // minX, minY, maxX, maxY per edge
  stamp: Uint32Array;
  round: number;
}

const cullIndexes = new WeakMap<Layout, CullIndex>();

function cullIndex(layout: Layout): CullIndex {
  let index = cullIndexes.get(layout);
  if (index) return index;
  const bucket: Bucket[] = layout.layerY.map(() => ({ edges: [], minX: [], maxWidth: 0 }));
  const edgeBox = new Float64Array(layout.edges.length * 4);
  layout.edges.forEach((e, k) => {
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (let i = 0; i < e.points.length; i += 2) {
      x0 = Math.min(x0, e.points[i]);
      x1 = Math.max(x1, e.points[i]);
      y0 = Math.min(y0, e.points[i + 1]);
      y1 = Math.max(y1, e.points[i + 1]);
    }
    edgeBox.set([x0, y0, x1, y1], k * 4);
    // Filed under every layer from the source's to the target's: a query reads the layer at or above its top.
    for (let l = layout.nodes[e.from].layer; l <= layout.nodes[e.to].layer; l++) bucket[l].edges.push(k);
  });
  for (const b of bucket) {
    b.edges.sort((p, q) => edgeBox[p * 4] - edgeBox[q * 4]);
    b.minX = b.edges.map((k) => edgeBox[k * 4]);
    for (const k of b.edges) b.maxWidth = Math.max(b.maxWidth, edgeBox[k * 4 + 2] - edgeBox[k * 4]);
  }
  index = { bucket, edgeBox, stamp: new Uint32Array(layout.edges.length), round: 0 };
  cullIndexes.set(layout, index);
  return index;
}

/** First index in the ascending array `a` whose value is >= v. */
function lowerBound(a: ArrayLike<number>, v: number, from = 0, to = a.length): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Indices (ascending) of the nodes and edges whose boxes intersect `rect`. The index is built once per layout. */
export function viewportCull(layout: Layout, rect: Rect): { nodes: number[]; edges: number[] } {
  const x0 = rect.x;
  const x1 = rect.x + rect.w;
  const y0 = rect.y;
  const y1 = rect.y + rect.h;
  const nodes: number[] = [];
  const edges: number[] = [];
  if (layout.layerY.length === 0 || rect.w < 0 || rect.h < 0) return { nodes, edges };
  const index = cullIndex(layout);
  index.round = (index.round + 1) >>> 0 || 1;
  const first = Math.max(0, lowerBound(layout.layerY, y0 + 1e-9) - 1);
  const last = lowerBound(layout.layerY, y1 + 1e-9) - 1;
  for (let l = first; l <= last; l++) {
    const row = layout.layers[l];
    // Nodes in a row do not overlap and are sorted by x, so their right edges are sorted too.
    let lo = 0;
    let hi = row.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const nd = layout.nodes[row[mid]];
      if (nd.x + nd.w < x0) lo = mid + 1;
      else hi = mid;
    }
    for (let p = lo; p < row.length; p++) {
      const nd = layout.nodes[row[p]];
      if (nd.x > x1) break;
      if (nd.y <= y1 && nd.y + nd.h >= y0) nodes.push(row[p]);
    }
    const b = index.bucket[l];
    for (let p = lowerBound(b.minX, x0 - b.maxWidth); p < b.edges.length && b.minX[p] <= x1; p++) {
      const k = b.edges[p];
      if (index.stamp[k] === index.round) continue;
      const box = index.edgeBox;
      if (box[k * 4 + 2] >= x0 && box[k * 4 + 1] <= y1 && box[k * 4 + 3] >= y0) {
        index.stamp[k] = index.round;
        edges.push(k);
      }
    }
  }
  nodes.sort((a, b) => a - b);
  edges.sort((a, b) => a - b);
  return { nodes, edges };
}
