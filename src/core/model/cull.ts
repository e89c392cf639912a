// Viewport culling of a layout for the task panel: which nodes and edges meet a rectangle. Nodes are found
// per layer by binary search; edges through a packed R-tree over their bounding boxes, built once per layout
// (the first cull of a layout, a first paint, scans the edges instead: cheaper than building the tree).
// Pure and engine-neutral (runs in the webview bundle).
/** What culling reads of a layout (layout.ts' Layout has it; kept structural so cull.ts imports nothing). */
export interface CullableLayout {
  nodes: readonly { x: number; y: number; w: number; h: number }[];
  edges: readonly { points: readonly number[] }[];
  /** Node indices per layer, left to right; top y of each layer band. */
  layers: readonly (readonly number[])[];
  layerY: readonly number[];
}

/** A rectangle in layout coordinates. */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Children per node of the edge index (a packed R-tree). */
const FANOUT = 16;

/**
 * A packed R-tree over the edges' bounding boxes, built once per layout in O(E log E): the leaves are the
 * edges in sort-tile-recursive order (vertical slices by box centre x, each sorted by centre y), and every
 * upper level groups FANOUT consecutive entries of the level below. A query visits only the subtrees whose
 * box meets the rectangle, whatever the edges' lengths (filing each edge under every layer it crosses made
 * long edges cost O(E × layers)).
 */
interface CullIndex {
  /** Edge indices in leaf order. */
  leaf: Int32Array;
  /** minX, minY, maxX, maxY per edge (by edge index). */
  edgeBox: Float64Array;
  /** Boxes of the upper levels, bottom (groups of leaves) to top (the root), 4 numbers per entry. */
  levels: Float64Array[];
}

const cullIndexes = new WeakMap<CullableLayout, CullIndex>();
/** Layouts culled once by a scan: the first cull of a layout (its first paint) scans, which costs far less than
 * building the index; the index is built by prepareCull (the panel calls it when idle) or by the second cull. */
const scanned = new WeakSet<CullableLayout>();

/** Builds the edge index of `layout` now (once), so that later culls are fast: call it after the first paint. */
export function prepareCull(layout: CullableLayout): void {
  if (layout.edges.length > 0) cullIndex(layout);
}

/** Writes the bounding box of an edge's points (x, y, x, y, …) to `box` at `at`: minX, minY, maxX, maxY. */
function boundsOf(pts: readonly number[], box: Float64Array, at: number): void {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (let i = 0; i < pts.length; i += 2) {
    const x = pts[i];
    const y = pts[i + 1];
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  box[at] = x0;
  box[at + 1] = y0;
  box[at + 2] = x1;
  box[at + 3] = y1;
}

/** Appends to `out` the edges whose boxes meet [x0, x1] × [y0, y1], by looking at every edge (ascending). */
function scanEdges(layout: CullableLayout, x0: number, y0: number, x1: number, y1: number, out: number[]): void {
  const box = new Float64Array(4);
  for (let k = 0; k < layout.edges.length; k++) {
    boundsOf(layout.edges[k].points, box, 0);
    if (box[0] <= x1 && box[2] >= x0 && box[1] <= y1 && box[3] >= y0) out.push(k);
  }
}

function cullIndex(layout: CullableLayout): CullIndex {
  let index = cullIndexes.get(layout);
  if (index) return index;
  const m = layout.edges.length;
  const edgeBox = new Float64Array(m * 4);
  const cx = new Float64Array(m);
  const cy = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    boundsOf(layout.edges[k].points, edgeBox, k * 4);
    cx[k] = (edgeBox[k * 4] + edgeBox[k * 4 + 2]) / 2;
    cy[k] = (edgeBox[k * 4 + 1] + edgeBox[k * 4 + 3]) / 2;
  }
  const byX = Array.from({ length: m }, (_, k) => k).sort((a, b) => cx[a] - cx[b] || a - b);
  const leaves = Math.ceil(m / FANOUT);
  const slices = Math.max(1, Math.ceil(Math.sqrt(leaves)));
  const perSlice = slices * FANOUT;
  const leaf = new Int32Array(m);
  for (let s = 0, out = 0; s * perSlice < m; s++) {
    const slice = byX.slice(s * perSlice, (s + 1) * perSlice).sort((a, b) => cy[a] - cy[b] || a - b);
    for (const k of slice) leaf[out++] = k;
  }
  const levels: Float64Array[] = [];
  let below = (i: number, j: number): number => edgeBox[leaf[i] * 4 + j];
  let count = m;
  while (count > 1 || levels.length === 0) {
    const groups = Math.ceil(count / FANOUT);
    const box = new Float64Array(groups * 4);
    for (let g = 0; g < groups; g++) {
      let x0 = Infinity;
      let y0 = Infinity;
      let x1 = -Infinity;
      let y1 = -Infinity;
      for (let i = g * FANOUT, end = Math.min(count, i + FANOUT); i < end; i++) {
        x0 = Math.min(x0, below(i, 0));
        y0 = Math.min(y0, below(i, 1));
        x1 = Math.max(x1, below(i, 2));
        y1 = Math.max(y1, below(i, 3));
      }
      box[g * 4] = x0;
      box[g * 4 + 1] = y0;
      box[g * 4 + 2] = x1;
      box[g * 4 + 3] = y1;
    }
    levels.push(box);
    below = (i: number, j: number): number => box[i * 4 + j];
    count = groups;
    if (m === 0) break;
  }
  index = { leaf, edgeBox, levels };
  cullIndexes.set(layout, index);
  return index;
}

/** Appends to `out` the edges whose boxes meet [x0, x1] × [y0, y1] (in leaf order). */
function cullEdges(index: CullIndex, x0: number, y0: number, x1: number, y1: number, out: number[]): void {
  const { levels, leaf, edgeBox } = index;
  const meets = (b: Float64Array, i: number): boolean => b[i * 4] <= x1 && b[i * 4 + 2] >= x0 && b[i * 4 + 1] <= y1 && b[i * 4 + 3] >= y0;
  const visit = (level: number, entry: number): void => {
    const b = levels[level];
    if (!meets(b, entry)) return;
    const from = entry * FANOUT;
    if (level === 0) {
      for (let i = from, end = Math.min(leaf.length, from + FANOUT); i < end; i++) if (meets(edgeBox, leaf[i])) out.push(leaf[i]);
      return;
    }
    for (let i = from, end = Math.min(levels[level - 1].length / 4, from + FANOUT); i < end; i++) visit(level - 1, i);
  };
  const top = levels.length - 1;
  for (let i = 0; i < levels[top].length / 4; i++) visit(top, i);
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

/**
 * Indices (ascending) of the nodes and edges whose boxes intersect `rect`. The first cull of a layout scans its
 * edges; the edge index is built once per layout, by prepareCull or the second cull.
 */
export function viewportCull(layout: CullableLayout, rect: Rect): { nodes: number[]; edges: number[] } {
  const x0 = rect.x;
  const x1 = rect.x + rect.w;
  const y0 = rect.y;
  const y1 = rect.y + rect.h;
  const nodes: number[] = [];
  const edges: number[] = [];
  if (layout.layerY.length === 0 || rect.w < 0 || rect.h < 0) return { nodes, edges };
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
  }
  if (layout.edges.length > 0) {
    const index = cullIndexes.get(layout);
    if (index) cullEdges(index, x0, y0, x1, y1, edges);
    else if (!scanned.has(layout)) {
      scanned.add(layout);
      scanEdges(layout, x0, y0, x1, y1, edges);
    } else cullEdges(cullIndex(layout), x0, y0, x1, y1, edges);
  }
  nodes.sort((a, b) => a - b);
  edges.sort((a, b) => a - b);
  return { nodes, edges };
}
