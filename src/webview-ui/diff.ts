// The snapshot diff of the task view, pure (no DOM): given what the view shows and the next whole-task
// snapshot, either "rebuild" (the graph's shape changed: new layout) or "patch" (same shape: which node
// indices changed fields shown in the panel, which of them were renamed, and the new subtask per index).
// JSON order never matters: nodes are matched by subtask id. O(V + E) per snapshot, no hashing when the
// shape is provably unchanged.
import { layoutKey } from '../core/model/layout';
import type { Subtask, Task } from '../core/model/task';

/**
 * layoutKey() of a task, or a function computing it when first asked: the first snapshot needs no key to be drawn
 * (hashing 3,000 subtasks took a fifth of the first paint), only the next snapshot's diff does, and then rarely.
 */
export type LayoutKey = string | (() => string);

export function resolveKey(k: LayoutKey): string {
  return typeof k === 'string' ? k : k();
}

/** The key of `t`, computed once when first asked. Holds `t` until then: rebind it to each same-shape snapshot. */
export function lazyKey(t: Pick<Task, 'subtasks'>): () => string {
  let key: string | undefined;
  return () => (key ??= layoutKey(t));
}

/** What the view keeps between snapshots. */
export interface Shown {
  /** layoutKey() of the shown task. */
  key: LayoutKey;
  /** Shown subtasks by node index. */
  subs: readonly Subtask[];
  /** Subtask id → node index. */
  indexOf: ReadonlyMap<number, number>;
}

export type SnapshotDiff =
  | { kind: 'rebuild'; key: LayoutKey }
  | {
    kind: 'patch';
    /** Node indices whose shown fields changed, ascending (empty: nothing to redraw). */
    changed: number[];
    /** The subset of `changed` whose name changed (cached label widths must go). */
    renamed: number[];
    /** The next subtask per node index (the same objects as in the snapshot). */
    subs: Subtask[];
  };

/** True when the fields shown anywhere in the panel are equal. */
export function sameSubtask(a: Subtask, b: Subtask): boolean {
  return a.status === b.status && a.rawStatus === b.rawStatus && a.name === b.name && a.description === b.description
    && a.rawOperation === b.rawOperation && a.startTime === b.startTime && a.finishTime === b.finishTime
    && a.runTime === b.runTime && a.timeout === b.timeout && a.executor === b.executor && a.nodeType === b.nodeType
    && a.prohibitSkip === b.prohibitSkip;
}

function sameList(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Node index per subtask of `t` (in `t.subtasks` order) when `t` has exactly the shown subtasks and edges
 * (then the layout key cannot have changed); undefined otherwise.
 */
function sameShape(shown: Shown, t: Pick<Task, 'subtasks'>): Int32Array | undefined {
  if (t.subtasks.length !== shown.subs.length) return undefined;
  const at = new Int32Array(t.subtasks.length);
  const seen = new Uint8Array(t.subtasks.length);
  for (let k = 0; k < t.subtasks.length; k++) {
    const s = t.subtasks[k];
    const i = shown.indexOf.get(s.id);
    if (i === undefined || seen[i]) return undefined;
    seen[i] = 1;
    const p = shown.subs[i];
    if (p.parallelIdx !== s.parallelIdx || p.seriesId !== s.seriesId || p.isWaitNode !== s.isWaitNode
      || !sameList(p.upstreams, s.upstreams) || !sameList(p.downstreams, s.downstreams)) return undefined;
    at[k] = i;
  }
  return at;
}

/** Compares the next snapshot's task with what is shown (undefined: nothing shown yet). */
export function diffSnapshot(shown: Shown | undefined, t: Pick<Task, 'subtasks'>): SnapshotDiff {
  if (!shown) return { kind: 'rebuild', key: lazyKey(t) };
  let at = sameShape(shown, t);
  if (!at) {
    // The lists may differ only in ways the layout ignores (order of ids in upstreams, JSON order).
    const key = layoutKey(t);
    if (key !== resolveKey(shown.key)) return { kind: 'rebuild', key };
    at = new Int32Array(t.subtasks.length);
    for (let k = 0; k < t.subtasks.length; k++) {
      const i = shown.indexOf.get(t.subtasks[k].id);
      if (i === undefined) return { kind: 'rebuild', key };
      at[k] = i;
    }
  }
  const subs = shown.subs.slice();
  const mark = new Uint8Array(subs.length);
  let changes = 0;
  let renames = 0;
  for (let k = 0; k < t.subtasks.length; k++) {
    const i = at[k];
    const next = t.subtasks[k];
    const prev = shown.subs[i];
    if (!sameSubtask(prev, next)) {
      mark[i] = next.name !== prev.name ? 2 : 1;
      changes++;
      if (mark[i] === 2) renames++;
    }
    subs[i] = next;
  }
  const changed: number[] = [];
  const renamed: number[] = [];
  if (changes > 0) {
    for (let i = 0; i < mark.length; i++) {
      if (mark[i] === 0) continue;
      changed.push(i);
      if (mark[i] === 2 && renames > 0) renamed.push(i);
    }
  }
  return { kind: 'patch', changed, renamed, subs };
}
