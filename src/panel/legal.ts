// Is an action asked for by the webview legal for the latest snapshot of the task? Pure (unit-tested):
// the webview only shows legal actions, but the host never trusts it.
import { subtaskActions, taskActions, type SubtaskAction, type TaskAction } from '../core/model/dag';
import type { Subtask, Task } from '../core/model/task';
import type { ActionKind } from './protocol';

export type ActionCheck = { ok: true; subtask?: Subtask } | { ok: false; reason: string };

const TASK_ACTION: Partial<Record<ActionKind, TaskAction>> = { retryTask: 'retry', rollbackTask: 'rollback' };
const SUBTASK_ACTION: Partial<Record<ActionKind, SubtaskAction>> = { retrySubtask: 'retry', skipSubtask: 'skip', cancelSubtask: 'cancel' };

export function checkAction(task: Task | undefined, kind: ActionKind, subtaskId?: number): ActionCheck {
  if (!task) return { ok: false, reason: 'the task has not been loaded yet' };
  const ta = TASK_ACTION[kind];
  if (ta) {
    return taskActions(task).includes(ta) ? { ok: true } : { ok: false, reason: `${kind} is not allowed while the task is ${task.rawStatus || task.status}${task.prohibitRollback && ta === 'rollback' ? ' (rollback prohibited)' : ''}` };
  }
  const sa = SUBTASK_ACTION[kind];
  if (!sa) return { ok: false, reason: `unknown action ${kind}` };
  const subtask = task.subtasks.find((s) => s.id === subtaskId);
  if (!subtask) return { ok: false, reason: `subtask ${subtaskId} is not in task ${task.id}` };
  if (!subtaskActions(task, subtask).includes(sa)) {
    return { ok: false, reason: `${kind} is not allowed while subtask ${subtask.id} is ${subtask.rawStatus || subtask.status}${sa === 'skip' && subtask.prohibitSkip ? ' (skip prohibited)' : ''}` };
  }
  return { ok: true, subtask };
}
