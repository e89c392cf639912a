// ocp.openLogInEditor: a subtask's whole log (up to a cap) in a read-only editor that follows it while the subtask
// runs (src/logs). From the task panel's details pane or its List view ({connectionId, taskId, subtaskId}), from a
// script with the same arguments, or from the palette (asks for the task id, then the subtask).
import * as vscode from 'vscode';
import { normalizeTask, type Task } from '../core/model/task';
import { UserCancelled } from '../errors';
import { parseTaskId } from '../panel/protocol';
import type { Services } from '../services';
import { BACK } from '../wizards/prompter';
import type { CommandModule } from './run';
import { argsOf, resolveConnection, type CommandTarget } from './targets';

interface LogArgs {
  connectionId: string;
  taskId: number;
  subtaskId: number;
}

const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** The task, as tracked (the panel's) or read once from OCP. */
async function taskOf(s: Services, connectionId: string, taskId: number): Promise<Task> {
  const known = s.taskHost.latest(connectionId, taskId);
  if (known) return known;
  const client = await s.connections.client(connectionId);
  return normalizeTask(await client.getTask(taskId));
}

export const openLogInEditor: CommandModule = {
  id: 'ocp.openLogInEditor',
  async run(s: Services, t: CommandTarget) {
    const title = vscode.l10n.t('Open Log in Editor');
    const a = argsOf<LogArgs>(t);
    const connection = await resolveConnection(s, t.from === 'tasks' || t.from === 'script' ? t : { from: 'palette' }, title);
    let taskId = t.from === 'tasks' && t.node.kind === 'task' ? t.node.task.id : a.taskId;
    if (taskId !== undefined && !isId(taskId)) throw new Error(vscode.l10n.t('"{0}" is not a task id.', String(taskId)));
    if (taskId === undefined) {
      const typed = await s.prompter.input({
        title, step: 1, totalSteps: 2, prompt: vscode.l10n.t('The id of an OCP task of "{0}" (digits only)', connection.name), placeholder: '12345',
        validate: (v) => (parseTaskId(v) === undefined ? vscode.l10n.t('A task id is a number, e.g. 12345.') : undefined),
      });
      if (typed === BACK) throw new UserCancelled();
      taskId = parseTaskId(typed);
      if (taskId === undefined) throw new UserCancelled();
    }
    const task = await taskOf(s, connection.id, taskId);
    let subtaskId = a.subtaskId;
    if (subtaskId !== undefined && !isId(subtaskId)) throw new Error(vscode.l10n.t('"{0}" is not a subtask id.', String(subtaskId)));
    if (subtaskId === undefined) {
      if (task.subtasks.length === 0) throw new Error(vscode.l10n.t('Task #{0} has no subtasks.', taskId));
      const picked = await s.prompter.pick<number>({
        title, step: 2, totalSteps: 2, placeholder: vscode.l10n.t('Choose the subtask whose log to open'),
        items: task.subtasks.map((x) => ({ label: `${x.id} ${x.name}`, description: x.status === 'UNKNOWN' ? x.rawStatus : x.status, value: x.id })),
      });
      if (picked === BACK) throw new UserCancelled();
      subtaskId = picked;
    }
    const sub = task.subtasks.find((x) => x.id === subtaskId);
    if (!sub) throw new Error(vscode.l10n.t('Task #{0} has no subtask {1}.', taskId, subtaskId));
    const doc = await s.logDocuments.show({ connectionId: connection.id, taskId, subtaskId }, { connectionName: connection.name, taskName: task.name, subtaskName: sub.name });
    return { uri: doc.uri.toString(), languageId: doc.languageId };
  },
};
