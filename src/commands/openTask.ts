// ocp.openTask: opens (or reveals) the panel of a task. From the Tasks view or a notification it gets
// {connectionId, taskId} or a task node; from a cluster or tenant node, the task running on it (else a
// pick among its recent tasks); from the palette it asks for a connection, then picks a recent task or
// takes a typed task id.
import * as vscode from 'vscode';
import type { ConnectionConfig } from '../connections/config';
import type { Task } from '../core/model/task';
import { taskPanels } from '../panel';
import { parseTaskId } from '../panel/protocol';
import type { Services } from '../services';
import { targetKey } from '../views/busy';
import { taskStatusWord } from '../views/words';
import { BACK } from '../wizards/prompter';
import { UserCancelled, type CommandModule } from './run';
import { isNode, resolveConnection } from './targets';

interface TaskTarget {
  connectionId: string;
  taskId: number;
}

const ENTER_ID = Symbol('enterId');

function isObject(a: unknown): a is Record<string, unknown> {
  return typeof a === 'object' && a !== null;
}

async function resolveTarget(s: Services, arg: unknown, title: string): Promise<TaskTarget> {
  if (isObject(arg)) {
    // A Tasks view node.
    if (arg.kind === 'task' && typeof arg.connectionId === 'string' && isObject(arg.task) && typeof arg.task.id === 'number') {
      return { connectionId: arg.connectionId, taskId: arg.task.id };
    }
    // A cluster or tenant node: the task running on it, else one of its recent tasks.
    if (isNode(arg) && (arg.kind === 'cluster' || arg.kind === 'tenant')) {
      const busy = arg.kind === 'cluster'
        ? s.busy.get(targetKey(arg.connectionId, 'cluster', arg.cluster.id))
        : s.busy.get(targetKey(arg.connectionId, 'tenant', arg.tenant.id));
      if (busy?.taskId !== undefined) return { connectionId: arg.connectionId, taskId: busy.taskId };
      const connection = await resolveConnection(s, arg, title);
      const match = (t: Task) => (arg.kind === 'cluster' ? t.clusterId === arg.cluster.id : t.tenantId === arg.tenant.id);
      return { connectionId: connection.id, taskId: await askTask(s, connection, title, match) };
    }
    // A script, a notification or the Tasks view: { connectionId, taskId }.
    if ('taskId' in arg) {
      const taskId = typeof arg.taskId === 'number' ? arg.taskId : typeof arg.taskId === 'string' ? parseTaskId(arg.taskId) : undefined;
      if (taskId === undefined || !Number.isSafeInteger(taskId) || taskId < 0) throw new Error(vscode.l10n.t('"{0}" is not a task id.', String(arg.taskId)));
      const connection = await resolveConnection(s, typeof arg.connectionId === 'string' ? { connectionId: arg.connectionId } : undefined, title);
      return { connectionId: connection.id, taskId };
    }
    // A connection node (explorer or Tasks view).
    const connectionId = arg.kind === 'connection' ? (isObject(arg.connection) ? arg.connection.id : arg.connectionId) : undefined;
    if (typeof connectionId === 'string') {
      const connection = await resolveConnection(s, { connectionId }, title);
      return { connectionId: connection.id, taskId: await askTask(s, connection, title) };
    }
  }
  const connection = await resolveConnection(s, undefined, title);
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
  async run(s: Services, arg?: unknown) {
    const title = vscode.l10n.t('Open Task');
    const target = await resolveTarget(s, arg, title);
    const panel = taskPanels(s).open(target.connectionId, target.taskId);
    return { connectionId: panel.connectionId, taskId: panel.taskId };
  },
};
