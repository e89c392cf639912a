// ocp.openTask: opens (or reveals) the panel of a task. From the Tasks view it gets the task row; from a
// notification or a script { connectionId, taskId }; from a cluster or tenant node, the task running on it
// (else a pick among its recent tasks); from a connection node or the palette it picks a recent task or
// takes a typed task id.
import * as vscode from 'vscode';
import type { ConnectionConfig } from '../connections/config';
import type { Task } from '../core/model/task';
import { UserCancelled } from '../errors';
import { targetKey } from '../ids';
import { parseTaskId } from '../panel/protocol';
import type { Services } from '../services';
import { taskStatusWord } from '../views/words';
import { BACK } from '../wizards/prompter';
import type { CommandModule } from './run';
import { resolveConnection, type CommandTarget } from './targets';

interface TaskTarget {
  connectionId: string;
  taskId: number;
}

const ENTER_ID = Symbol('enterId');

async function resolveTask(s: Services, t: CommandTarget, title: string): Promise<TaskTarget> {
  if (t.from === 'tasks' && t.node.kind === 'task' && t.node.task.id >= 0) {
    return { connectionId: t.node.connectionId, taskId: t.node.task.id };
  }
  if (t.from === 'explorer' && (t.node.kind === 'cluster' || t.node.kind === 'tenant')) {
    const n = t.node;
    const busy = n.kind === 'cluster' ? s.busy.get(targetKey(n.connectionId, 'cluster', n.cluster.id)) : s.busy.get(targetKey(n.connectionId, 'tenant', n.tenant.id));
    if (busy?.taskId !== undefined) return { connectionId: n.connectionId, taskId: busy.taskId };
    const connection = await resolveConnection(s, t, title);
    const match = (x: Task) => (n.kind === 'cluster' ? x.clusterId === n.cluster.id : x.tenantId === n.tenant.id);
    return { connectionId: connection.id, taskId: await askTask(s, connection, title, match) };
  }
  if (t.from === 'script' && 'taskId' in t.args) {
    const raw = t.args.taskId;
    const taskId = typeof raw === 'number' ? raw : typeof raw === 'string' ? parseTaskId(raw) : undefined;
    if (taskId === undefined || !Number.isSafeInteger(taskId) || taskId < 0) throw new Error(vscode.l10n.t('"{0}" is not a task id.', String(raw)));
    const connection = await resolveConnection(s, t, title);
    return { connectionId: connection.id, taskId };
  }
  // A connection node (either view), a message row, or the palette.
  const connection = await resolveConnection(s, t, title);
  return { connectionId: connection.id, taskId: await askTask(s, connection, title) };
}

/** Picks one of the connection's recent tasks (those matching `filter` first), or asks for a task id. */
async function askTask(s: Services, connection: ConnectionConfig, title: string, filter?: (t: Task) => boolean): Promise<number> {
  let recent: Task[] = [];
  try {
    recent = await s.tasks.tasksOf(connection.id);
  } catch (e) {
    s.log.warn(`cannot list the recent tasks of ${connection.name}: ${(e as Error)?.message ?? e}`);
  }
  for (const snap of s.taskHost.tracker.list()) {
    if (snap.connectionId === connection.id && snap.task && !recent.some((t) => t.id === snap.taskId)) recent.push(snap.task);
  }
  if (filter) recent = [...recent.filter(filter), ...recent.filter((t) => !filter(t))];
  if (recent.length > 0) {
    const picked = await s.prompter.pick<number | typeof ENTER_ID>({
      title,
      placeholder: vscode.l10n.t('Choose a recent task of "{0}", or enter a task id', connection.name),
      items: [
        { label: `$(edit) ${vscode.l10n.t('Enter a task id…')}`, value: ENTER_ID },
        ...recent.map((t) => ({
          label: `#${t.id} ${t.name}`,
          description: [t.status === 'UNKNOWN' ? t.rawStatus : taskStatusWord(vscode.l10n, t), t.tenantName ?? t.clusterName].filter(Boolean).join(' · '),
          value: t.id,
        })),
      ],
    });
    if (picked === BACK) throw new UserCancelled();
    if (picked !== ENTER_ID) return picked;
  }
  const typed = await s.prompter.input({
    title,
    prompt: vscode.l10n.t('The id of an OCP task of "{0}" (digits only)', connection.name),
    placeholder: '12345',
    validate: (v) => (parseTaskId(v) === undefined ? vscode.l10n.t('A task id is a number, e.g. 12345.') : undefined),
  });
  if (typed === BACK) throw new UserCancelled();
  const id = parseTaskId(typed);
  if (id === undefined) throw new UserCancelled();
  return id;
}

export const openTask: CommandModule = {
  id: 'ocp.openTask',
  async run(s: Services, t: CommandTarget) {
    const title = vscode.l10n.t('Open Task');
    const target = await resolveTask(s, t, title);
    const panel = s.taskPanels.open(target.connectionId, target.taskId);
    return { connectionId: panel.connectionId, taskId: panel.taskId };
  },
};
