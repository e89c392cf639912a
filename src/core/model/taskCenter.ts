// The Tasks view's paged list of one connection (issue #18, #19): the first page replaces what is shown, each "Load
// more…" appends one further page without listing a task twice, and the tracker's fresher snapshots win over list
// items. Pure and incremental (a page costs O(page size), whatever is already shown), so a benchmark can time it.

import type { Task } from './task';
import type { TaskPage } from './taskQuery';

export interface TaskListState {
  /** Tasks shown, in list order (newest first). */
  tasks: Task[];
  /** Ids of `tasks` (negative ids of tasks OCP sent without one are listed but not deduplicated). */
  ids: Set<number>;
  /** The page to read on "Load more…", undefined at the end. */
  nextPage?: number;
  /** `totalElements` of the last page read, when OCP sent it. */
  total?: number;
  /** Pages read so far. */
  pages: number;
}

/** The list after its first page. */
export function firstTaskPage(page: TaskPage): TaskListState {
  const state: TaskListState = { tasks: [], ids: new Set(), pages: 0 };
  appendTaskPageTo(state, page);
  return state;
}

/**
 * Adds one further page to the list in place and returns how many tasks it added. A task already listed (tasks shift
 * pages when new ones start between reads) is not listed twice; the cursor and total follow the newest page.
 */
export function appendTaskPageTo(state: TaskListState, page: TaskPage): number {
  let added = 0;
  for (const t of page.tasks) {
    if (t.id >= 0) {
      if (state.ids.has(t.id)) continue;
      state.ids.add(t.id);
    }
    state.tasks.push(t);
    added++;
  }
  state.pages++;
  state.nextPage = page.nextPage;
  if (page.total !== undefined) state.total = page.total;
  return added;
}

/** Puts a task snapshot (from the tracker, or a task just started) into the list: replaced in place, or added first. */
export function upsertTask(state: TaskListState, task: Task): void {
  if (task.id >= 0 && state.ids.has(task.id)) {
    const i = state.tasks.findIndex((t) => t.id === task.id);
    if (i >= 0) {
      state.tasks[i] = task;
      return;
    }
  }
  state.tasks.unshift(task);
  if (task.id >= 0) state.ids.add(task.id);
}

/** How many more tasks OCP says there are beyond those shown (undefined when OCP sent no total). */
export function tasksLeft(state: TaskListState): number | undefined {
  if (state.total === undefined) return undefined;
  return Math.max(0, state.total - state.tasks.length);
}
