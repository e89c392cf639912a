// A task's subtask DAG, built from upstreams ∪ downstreams (never from JSON order), with validation
// (dangling references and cycles are reported, never thrown), a stable topological order that always
// contains every node, progress, the node to focus, and which actions are legal.

import type { Subtask, Task } from './task';

/** A directed edge between node indices (parent → child). */
export interface DagEdge {
  from: number;
  to: number;
}

/** Something wrong with the graph: an edge to a subtask that is not in the task, or a cycle. */
export interface DagProblem {
  kind: 'dangling' | 'cycle';
  /** dangling: [subtask id, missing id]; cycle: the ids on the cycle, ascending. */
  ids: number[];
  message: string;
}

/** The subtask graph of one task. Node references are indices into `nodes`. */
export interface Dag {
  nodes: readonly Subtask[];
  /** Subtask id → index in `nodes`. */
  indexOf: ReadonlyMap<number, number>;
  /** Deduplicated edges; self-loops and dangling references are left out (and reported). */
  edges: readonly DagEdge[];
  /** Parent/child node indices per node, over all `edges`. */
  parents: readonly (readonly number[])[];
  children: readonly (readonly number[])[];
  /** Every node index once, parents before children; ties by seriesId, then id. Cycles are broken. */
  order: readonly number[];
  /** position[i] = index of node i in `order`. */
  position: readonly number[];
  /** Indices into `edges` that had to be ignored to break cycles (they point backwards in `order`). */
  backEdges: readonly number[];
  /** Nodes without parents / without children, ignoring back edges, in `order`. */
  roots: readonly number[];
  leaves: readonly number[];
  problems: readonly DagProblem[];
}

/** Binary min-heap of numbers ordered by `less` (node indices by their keys, or plain numbers). */
class Heap {
  private readonly items: number[] = [];
  constructor(private readonly less: (a: number, b: number) => boolean) {}
  get size(): number {
    return this.items.length;
  }
  push(v: number): void {
    const a = this.items;
    let i = a.push(v) - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(v, a[p])) break;
      a[i] = a[p];
      i = p;
    }
    a[i] = v;
  }
  pop(): number {
    const a = this.items;
    const top = a[0];
    const last = a.pop() as number;
    if (a.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= a.length) break;
        const c = l + 1 < a.length && this.less(a[l + 1], a[l]) ? l + 1 : l;
        if (!this.less(a[c], last)) break;
        a[i] = a[c];
        i = c;
      }
      a[i] = last;
    }
    return top;
  }
}

/** Strongly connected components (iterative Tarjan); returns the component number of each node. */
function components(n: number, children: readonly (readonly number[])[]): Int32Array {
  const comp = new Int32Array(n).fill(-1);
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const work: number[] = []; // pairs: node, next child position
  let counter = 0;
  let compCount = 0;
  for (let s = 0; s < n; s++) {
    if (index[s] !== -1) continue;
    work.push(s, 0);
    while (work.length > 0) {
      const v = work[work.length - 2];
      const k = work[work.length - 1];
      if (k === 0 && index[v] === -1) {
        index[v] = low[v] = counter++;
        stack.push(v);
        onStack[v] = 1;
      }
      const kids = children[v];
      if (k < kids.length) {
        work[work.length - 1] = k + 1;
        const w = kids[k];
        if (index[w] === -1) work.push(w, 0);
        else if (onStack[w]) low[v] = Math.min(low[v], index[w]);
        continue;
      }
      work.length -= 2;
      if (work.length > 0) {
        const p = work[work.length - 2];
        low[p] = Math.min(low[p], low[v]);
      }
      if (low[v] === index[v]) {
        let w: number;
        do {
          w = stack.pop() as number;
          onStack[w] = 0;
          comp[w] = compCount;
        } while (w !== v);
        compCount++;
      }
    }
  }
  return comp;
}

/**
 * Where Kahn's algorithm continues when every remaining node waits on another: the best-ranked (seriesId,
 * id) unvisited node of a strongly connected component that no longer waits on anything outside itself.
 * Components become "ready" when their last edge from outside is processed; a heap of ready components keyed
 * by their best unvisited member (stale keys fixed when popped) makes every pick O(log n), so a task of many
 * chained cycles stays O((V + E) log V).
 */
class CycleBreaker {
  readonly comp: Int32Array;
  readonly compSize: Int32Array;
  /** Per component: unprocessed edges entering it from outside. */
  private readonly external: Int32Array;
  /** Members of component c, best rank first: members[start[c] .. start[c + 1]); next[c] skips visited ones. */
  private readonly members: Int32Array;
  private readonly start: Int32Array;
  private readonly next: Int32Array;
  private readonly rank: Int32Array;
  private readonly byRank: number[];
  private firstUnvisited = 0;
  /** Ready components as rank * count + component. */
  private readonly ready = new Heap((a, b) => a < b);
  private readonly count: number;

  constructor(
    nodes: readonly Subtask[],
    children: readonly (readonly number[])[],
    edges: readonly DagEdge[],
    private readonly visited: Uint8Array,
    series: Float64Array,
    idKey: Float64Array,
  ) {
    const n = nodes.length;
    const comp = components(n, children);
    let count = 0;
    for (let i = 0; i < n; i++) if (comp[i] + 1 > count) count = comp[i] + 1;
    this.comp = comp;
    this.count = Math.max(1, count);
    this.external = new Int32Array(count);
    this.compSize = new Int32Array(count);
    for (let i = 0; i < n; i++) this.compSize[comp[i]]++;
    for (const e of edges) if (!visited[e.from] && comp[e.from] !== comp[e.to]) this.external[comp[e.to]]++;
    this.byRank = nodes.map((_, i) => i).sort((a, b) => series[a] - series[b] || idKey[a] - idKey[b]);
    this.rank = new Int32Array(n);
    this.byRank.forEach((v, r) => (this.rank[v] = r));
    this.start = new Int32Array(count + 1);
    for (let i = 0; i < n; i++) this.start[comp[i] + 1]++;
    for (let c = 0; c < count; c++) this.start[c + 1] += this.start[c];
    this.next = this.start.slice(0, count);
    const fill = this.start.slice(0, count);
    this.members = new Int32Array(n);
    for (const v of this.byRank) this.members[fill[comp[v]]++] = v;
    for (let c = 0; c < count; c++) if (this.external[c] === 0) this.offer(c);
  }

  /** Rank of component c's best unvisited member, or -1 when all are visited. */
  private best(c: number): number {
    let p = this.next[c];
    const end = this.start[c + 1];
    while (p < end && this.visited[this.members[p]]) p++;
    this.next[c] = p;
    return p < end ? this.rank[this.members[p]] : -1;
  }

  private offer(c: number): void {
    const r = this.best(c);
    if (r >= 0) this.ready.push(r * this.count + c);
  }

  /** Edge from → to has been processed (from was just ordered). */
  edgeDone(from: number, to: number): void {
    const c = this.comp[to];
    if (this.comp[from] !== c && --this.external[c] === 0) this.offer(c);
  }

  /** The node to release next. */
  pick(): number {
    while (this.ready.size > 0) {
      const key = this.ready.pop();
      const c = key % this.count;
      const r = this.best(c);
      if (r < 0) continue;
      if (r * this.count + c !== key) {
        this.ready.push(r * this.count + c);
        continue;
      }
      // The component stays ready for its other members.
      this.ready.push(key);
      return this.byRank[r];
    }
    // Unreachable for a well-formed condensation (it always has a source); any unvisited node keeps the order total.
    while (this.visited[this.byRank[this.firstUnvisited]]) this.firstUnvisited++;
    return this.byRank[this.firstUnvisited];
  }
}

/** Builds and validates the DAG of a task's subtasks. Linear-ish time; never throws. */
export function buildDag(task: Pick<Task, 'subtasks'>): Dag {
  const nodes = task.subtasks;
  const n = nodes.length;
  const indexOf = new Map<number, number>();
  nodes.forEach((s, i) => indexOf.set(s.id, i));

  const problems: DagProblem[] = [];
  const edges: DagEdge[] = [];
  const parents: number[][] = nodes.map(() => []);
  const children: number[][] = nodes.map(() => []);
  const selfLoops = new Set<number>();
  const addEdge = (from: number, to: number): void => {
    if (from === to) {
      selfLoops.add(from);
      return;
    }
    // Most edges are listed twice (upstream and mirrored downstream); OCP degrees are small, so scanning the
    // shorter adjacency list is cheaper than hashing.
    const kids = children[from];
    const ups = parents[to];
    if (kids.length <= ups.length ? kids.includes(to) : ups.includes(from)) return;
    edges.push({ from, to });
    parents[to].push(from);
    children[from].push(to);
  };
  const dangling = (s: Subtask, missing: number, dir: string): void => {
    problems.push({
      kind: 'dangling',
      ids: [s.id, missing],
      message: `Subtask ${s.id} lists ${dir} ${missing}, which is not in the task.`,
    });
  };
  nodes.forEach((s, i) => {
    for (const up of s.upstreams) {
      const j = indexOf.get(up);
      if (j === undefined) dangling(s, up, 'upstream');
      else addEdge(j, i);
    }
    for (const down of s.downstreams) {
      const j = indexOf.get(down);
      if (j === undefined) dangling(s, down, 'downstream');
      else addEdge(i, j);
    }
  });
  for (const i of selfLoops) {
    problems.push({ kind: 'cycle', ids: [nodes[i].id], message: `Subtask ${nodes[i].id} depends on itself.` });
  }

  // Kahn's algorithm with a (seriesId, id) priority. When stuck on a cycle, release the best-ranked node of
  // a strongly connected component that no longer waits on anything outside itself.
  const series = new Float64Array(n);
  const idKey = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    series[i] = nodes[i].seriesId ?? Infinity;
    idKey[i] = nodes[i].id;
  }
  const indeg = new Int32Array(n);
  for (const e of edges) indeg[e.to]++;
  const heap = new Heap((a, b) => series[a] < series[b] || (series[a] === series[b] && idKey[a] < idKey[b]));
  for (let i = 0; i < n; i++) if (indeg[i] === 0) heap.push(i);
  const visited = new Uint8Array(n);
  const order: number[] = [];
  let cycles: CycleBreaker | undefined; // built only when a cycle is hit
  while (order.length < n) {
    if (heap.size === 0) {
      cycles ??= new CycleBreaker(nodes, children, edges, visited, series, idKey);
      heap.push(cycles.pick());
    }
    const v = heap.pop();
    if (visited[v]) continue;
    visited[v] = 1;
    order.push(v);
    for (const c of children[v]) {
      if (cycles) cycles.edgeDone(v, c);
      if (--indeg[c] === 0 && !visited[c]) heap.push(c);
    }
  }

  const position = new Array<number>(n);
  order.forEach((v, p) => (position[v] = p));
  const backEdges: number[] = [];
  const fwdIn = new Int32Array(n);
  const fwdOut = new Int32Array(n);
  edges.forEach((e, k) => {
    if (position[e.from] > position[e.to]) backEdges.push(k);
    else {
      fwdOut[e.from]++;
      fwdIn[e.to]++;
    }
  });

  if (cycles) {
    const { comp, compSize } = cycles;
    const members = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      if (compSize[comp[i]] < 2) continue;
      const list = members.get(comp[i]) ?? [];
      list.push(nodes[i].id);
      members.set(comp[i], list);
    }
    for (const list of members.values()) {
      list.sort((a, b) => a - b);
      problems.push({ kind: 'cycle', ids: list, message: `Subtasks ${list.join(', ')} form a cycle.` });
    }
  }

  return {
    nodes,
    indexOf,
    edges,
    parents,
    children,
    order,
    position,
    backEdges,
    roots: order.filter((v) => fwdIn[v] === 0),
    leaves: order.filter((v) => fwdOut[v] === 0),
    problems,
  };
}

/** How many subtasks are SUCCESSFUL (skipped ones count: OCP marks them SUCCESSFUL) out of all. */
export function taskProgress(task: Pick<Task, 'subtasks'>): { done: number; total: number } {
  let done = 0;
  for (const s of task.subtasks) if (s.status === 'SUCCESSFUL') done++;
  return { done, total: task.subtasks.length };
}

const FOCUS_PRIORITY: Record<string, number> = { FAILED: 0, RUNNING: 1, CANCELING: 1, READY: 2, PENDING: 3 };

/** The subtask to auto-focus: FAILED > RUNNING/CANCELING > READY > PENDING, earliest in `order` on ties. */
export function focusSubtask(dag: Dag): Subtask | undefined {
  let best = -1;
  let bestPriority = Infinity;
  for (const v of dag.order) {
    const p = FOCUS_PRIORITY[dag.nodes[v].status] ?? Infinity;
    if (p < bestPriority) {
      best = v;
      bestPriority = p;
    }
  }
  return best >= 0 ? dag.nodes[best] : undefined;
}

/** Task-level actions. */
export type TaskAction = 'retry' | 'rollback';
/** Subtask-level actions. */
export type SubtaskAction = 'retry' | 'skip' | 'cancel';

/** Legal task actions: retry when FAILED; rollback when FAILED and the task does not prohibit it. */
export function taskActions(task: Pick<Task, 'status' | 'prohibitRollback'>): TaskAction[] {
  if (task.status !== 'FAILED') return [];
  return task.prohibitRollback ? ['retry'] : ['retry', 'rollback'];
}

/**
 * Legal subtask actions: retry and skip on a FAILED subtask (skip not when prohibitSkip), cancel on a RUNNING
 * one; nothing once the task is SUCCESSFUL.
 */
export function subtaskActions(
  task: Pick<Task, 'status'>,
  subtask: Pick<Subtask, 'status' | 'prohibitSkip'>,
): SubtaskAction[] {
  if (task.status === 'SUCCESSFUL') return [];
  if (subtask.status === 'FAILED') return subtask.prohibitSkip ? ['retry'] : ['retry', 'skip'];
  if (subtask.status === 'RUNNING') return ['cancel'];
  return [];
}
