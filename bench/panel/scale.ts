// Scale rows of the panel part (issue #19), in Node (the functions are pure and engine-neutral): DAG
// building with validation, layout, the first cull (a scan), building the cull index, a window-sized cull,
// and the snapshot diff (unchanged and every status changed), for 10,000, 30,000 and 100,000 subtasks in
// each shape of shapes.ts. Growth per 10× size: the power law through 30,000 and 100,000 (run.ts growthPer10x;
// linear: 10, quadratic: 100).
import { performance } from 'node:perf_hooks';
import { buildDag } from '../../src/core/model/dag';
import { layoutDag, layoutKey, prepareCull, viewportCull } from '../../src/core/model/layout';
import type { Task } from '../../src/core/model/task';
import { diffSnapshot } from '../../src/webview-ui/diff';
import { SHAPES, shapeTask, type Shape } from './shapes';

export const SCALE_SIZES = [10_000, 30_000, 100_000] as const;
export const STEPS = ['build', 'layout', 'firstCull', 'index', 'cull', 'diffSame', 'diffAll'] as const;
export type Step = (typeof STEPS)[number];

export const STEP_LABEL: Record<Step, string> = {
  build: 'buildDag (edges, validation, cycles, order)',
  layout: 'layoutDag',
  firstCull: 'first viewportCull (a scan of the edges: the first paint), 1400×900 at 100 %',
  index: 'building the cull index (prepareCull, after the first paint)',
  cull: 'viewportCull of a 1400×900 window at 100 %',
  diffSame: 'snapshot diff, unchanged snapshot',
  diffAll: 'snapshot diff, every status changed',
};

/** One run of every step on a fresh copy of the task; ms per step. */
export function measureOnce(shape: Shape, n: number): Record<Step, number> {
  const t = shapeTask(shape, n);
  const next: Task = structuredClone(t);
  const same: Task = structuredClone(t);
  for (const s of next.subtasks) s.status = s.status === 'SUCCESSFUL' ? 'PENDING' : 'SUCCESSFUL';
  const out = {} as Record<Step, number>;
  let t0 = performance.now();
  const dag = buildDag(t);
  out.build = performance.now() - t0;
  t0 = performance.now();
  const layout = layoutDag(dag);
  out.layout = performance.now() - t0;
  // The window the panel opens on: centred on the first RUNNING subtask (what auto-focus does).
  const focus = layout.nodes[dag.indexOf.get(t.subtasks.find((s) => s.status === 'RUNNING')!.id)!];
  const rect = { x: focus.x + focus.w / 2 - 700, y: focus.y + focus.h / 2 - 450, w: 1400, h: 900 };
  t0 = performance.now();
  viewportCull(layout, rect);
  out.firstCull = performance.now() - t0;
  t0 = performance.now();
  prepareCull(layout);
  out.index = performance.now() - t0;
  t0 = performance.now();
  viewportCull(layout, { ...rect, x: rect.x + 300, y: rect.y + 200 });
  out.cull = performance.now() - t0;
  const shown = { key: layoutKey(t), subs: dag.nodes.slice(), indexOf: dag.indexOf };
  t0 = performance.now();
  diffSnapshot(shown, same);
  out.diffSame = performance.now() - t0;
  t0 = performance.now();
  diffSnapshot(shown, next);
  out.diffAll = performance.now() - t0;
  return out;
}

export { SHAPES };
