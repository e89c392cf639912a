// Large task shapes for the scale rows of the panel benchmark (issue #19): normalised tasks of n subtasks
// built directly (a 100,000-subtask OCP payload would only add JSON parsing, which is not the panel's).
//   fanout: one subtask, n − 2 parallel branches, a "Wait node" joining them (one very wide layer);
//   chain:  one chain of n subtasks (n layers);
//   long:   a chain where every 10th subtask of the first half also feeds the subtask n/2 further on
//           (edges spanning n/2 layers: the dummy cap is reached and the rest are drawn straight);
//   cycles: n/3 three-subtask cycles, each one's last subtask feeding the next cycle (chained cycles).
import type { Subtask, Task } from '../../src/core/model/task';

export const SHAPES = ['fanout', 'chain', 'long', 'cycles'] as const;
export type Shape = (typeof SHAPES)[number];

export const SHAPE_LABEL: Record<Shape, string> = {
  fanout: 'wide fan-out',
  chain: 'long chain',
  long: 'long edges',
  cycles: 'chained cycles',
};

const FIRST_ID = 20_000_000;

function subtask(i: number, n: number, wait = false): Subtask {
  const status = i < 0.45 * n ? 'SUCCESSFUL' : i < 0.47 * n ? 'RUNNING' : 'PENDING';
  return {
    id: FIRST_ID + i, name: wait ? 'Wait node' : `Step ${i % 97} of host 10.0.${(i >> 8) & 255}.${i & 255}`, status, rawStatus: status,
    seriesId: i, parallelIdx: -1, upstreams: [], downstreams: [], prohibitRollback: false, prohibitSkip: false, isWaitNode: wait,
    rawTimes: {} as Subtask['rawTimes'],
  };
}

function link(subs: Subtask[], from: number, to: number): void {
  subs[from].downstreams.push(subs[to].id);
  subs[to].upstreams.push(subs[from].id);
}

/** A normalised task of exactly n subtasks (n ≥ 3) in the given shape, edges listed both ways as OCP does. */
export function shapeTask(shape: Shape, n: number): Task {
  const subs: Subtask[] = [];
  for (let i = 0; i < n; i++) subs.push(subtask(i, n, shape === 'fanout' && i === n - 1));
  switch (shape) {
    case 'fanout':
      for (let i = 1; i < n - 1; i++) {
        subs[i].parallelIdx = i - 1;
        link(subs, 0, i);
        link(subs, i, n - 1);
      }
      break;
    case 'chain':
      for (let i = 1; i < n; i++) link(subs, i - 1, i);
      break;
    case 'long': {
      for (let i = 1; i < n; i++) link(subs, i - 1, i);
      const half = n >> 1;
      for (let i = 0; i < half; i += 10) link(subs, i, i + half);
      break;
    }
    case 'cycles':
      for (let b = 0; b + 2 < n; b += 3) {
        link(subs, b, b + 1);
        link(subs, b + 1, b + 2);
        link(subs, b + 2, b);
        if (b + 3 < n) link(subs, b + 2, b + 3);
      }
      for (let i = n - (n % 3); i < n; i++) if (i > 0) link(subs, i - 1, i);
      break;
  }
  return {
    id: 30_000_000 + n, name: `${SHAPE_LABEL[shape]}, ${n} subtasks`, status: 'RUNNING', rawStatus: 'RUNNING', prohibitRollback: false,
    rawTimes: {} as Task['rawTimes'], subtasks: subs, issues: [],
  } as unknown as Task;
}
