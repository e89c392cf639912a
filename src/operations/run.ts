// Sending an operation: claims its target (a second operation on it is refused), asks first when an earlier
// attempt ended with an unknown outcome, sends exactly one POST (never retried), hands the returned task to
// the tracker, and tells the user. Shared by the four operations, whichever way they were started.
import * as vscode from 'vscode';
import type { ConnectionConfig } from '../connections/config';
import { normalizeTask, type Task } from '../core/model/task';
import type { OcpClient } from '../core/ocp/client';
import { OcpError } from '../core/ocp/errors';
import type { Raw } from '../core/ocp/types';
import { describeError, mayHaveActed, operationMayHaveStarted } from '../errors';
import type { Inventory } from '../inventory/store';
import type { TaskHost } from '../tasks/host';
import type { BusyRegistry } from '../views/busy';
import type { TasksProvider } from '../views/tasks';
import type { Prompter } from '../wizards/prompter';
import type { ConnectionManager } from '../connections/manager';
import { OutcomeUnknownRegistry } from './outcome';

/** What an operation needs from the extension (the services satisfy it). */
export interface OperationHost {
  readonly prompter: Prompter;
  readonly log: vscode.LogOutputChannel;
  readonly connections: ConnectionManager;
  readonly busy: BusyRegistry;
  readonly outcomeUnknown: OutcomeUnknownRegistry;
  readonly inventory: Inventory;
  readonly tasks: TasksProvider;
  readonly taskHost: TaskHost;
}

export { fieldErrors } from '../errors';

export interface OperationSpec {
  /** The operation (its command id): with the targets, it names "the same operation on the same target". */
  operation: string;
  connection: ConnectionConfig;
  /** Busy keys of every target (targetKey); all are claimed before the POST and released when the task ends. */
  targets: string[];
  /** "Stopping…" while the task runs. */
  busyLabel: string;
  /** "Stop cluster "x"" in notifications. */
  label: string;
  send: (client: OcpClient) => Promise<Raw>;
  /** Targets known only from the task (a created cluster's id): marked busy until the task ends. */
  targetsOf?: (task: Task) => string[];
}

export interface OperationResult {
  taskId: number;
  task: Task;
}

export class OperationInProgressError extends Error {}

export async function runOperation(s: OperationHost, spec: OperationSpec): Promise<OperationResult> {
  const outcomeKey = OutcomeUnknownRegistry.key(spec.operation, spec.targets);
  await s.outcomeUnknown.gate(s.prompter, outcomeKey, spec.label);
  const claimed: string[] = [];
  for (const key of spec.targets) {
    if (!s.busy.claim(key, { label: spec.busyLabel, connectionId: spec.connection.id })) {
      for (const k of claimed) s.busy.release(k);
      const current = s.busy.get(key);
      throw new OperationInProgressError(vscode.l10n.t('An operation is already running on this target ({0}). Wait for it to end.', current?.label ?? ''));
    }
    claimed.push(key);
  }
  let raw: Raw;
  try {
    const client = await s.connections.client(spec.connection.id);
    s.log.info(`${spec.label}: sending the request to ${spec.connection.name}`);
    raw = await spec.send(client);
  } catch (e) {
    for (const k of claimed) s.busy.release(k);
    s.log.error(`${spec.label}: ${describeError(e)}`);
    if (mayHaveActed(e)) {
      // The POST is never sent again by itself; the user must not resend it blindly either.
      s.outcomeUnknown.note(outcomeKey);
      s.tasks.refresh();
      throw operationMayHaveStarted(e);
    }
    throw e;
  }
  const task = normalizeTask(raw);
  if (task.id < 0) {
    for (const k of claimed) s.busy.release(k);
    throw new OcpError({ kind: 'parse', message: vscode.l10n.t('OCP accepted the request but returned no task id; check the OCP console.') });
  }
  for (const k of claimed) s.busy.update(k, { taskId: task.id });
  for (const k of spec.targetsOf?.(task) ?? []) s.busy.claim(k, { label: spec.busyLabel, taskId: task.id, connectionId: spec.connection.id });
  s.log.info(`${spec.label}: task #${task.id} (${task.name}) started`);
  s.taskHost.trackStarted(spec.connection.id, task, raw, spec.label);
  void s.inventory.reloadClusters(spec.connection.id);
  const open = vscode.l10n.t('Open Task');
  void vscode.window.showInformationMessage(vscode.l10n.t('{0}: task #{1} started.', spec.label, task.id), open).then((pick) => {
    if (pick === open) void vscode.commands.executeCommand('ocp.openTask', { connectionId: spec.connection.id, taskId: task.id });
  });
  return { taskId: task.id, task };
}

