// Performing a panel action on OCP: the confirmation stating its consequence, then exactly one POST.
import * as vscode from 'vscode';
import type { Subtask, Task } from '../core/model/task';
import type { OcpClient } from '../core/ocp/client';
import type { ConfirmOptions } from '../wizards/prompter';
import type { ActionKind } from './protocol';

/** The confirmation for an action: what is acted on, and what happens. */
export function confirmation(kind: ActionKind, task: Task, subtask: Subtask | undefined, requireName: boolean): ConfirmOptions {
  const sub = subtask ? `${subtask.name} (#${subtask.id})` : '';
  const name = task.name || `#${task.id}`;
  switch (kind) {
    case 'retryTask':
      return {
        message: vscode.l10n.t('Retry task "{0}" (#{1})?', name, task.id),
        detail: vscode.l10n.t('OCP runs every failed subtask of the task again; the task then continues from there.'),
        confirmLabel: vscode.l10n.t('Retry Task'),
      };
    case 'rollbackTask':
      return {
        message: vscode.l10n.t('Roll back task "{0}" (#{1})?', name, task.id),
        detail: vscode.l10n.t('OCP undoes the subtasks already run, from the failed one back to the first, and the operation is abandoned. This cannot be undone.'),
        confirmLabel: vscode.l10n.t('Roll Back'),
        ...(requireName && task.name ? { typeToConfirm: task.name } : {}),
      };
    case 'retrySubtask':
      return {
        message: vscode.l10n.t('Retry subtask {0}?', sub),
        detail: vscode.l10n.t('OCP runs the failed subtask again; when it succeeds, the task continues.'),
        confirmLabel: vscode.l10n.t('Retry'),
      };
    case 'skipSubtask':
      return {
        message: vscode.l10n.t('Skip subtask {0}?', sub),
        detail: vscode.l10n.t('Skip sets the subtask to successful without running it; the task continues. Whatever the subtask should have done is left undone.'),
        confirmLabel: vscode.l10n.t('Skip'),
      };
    case 'cancelSubtask':
      return {
        message: vscode.l10n.t('Cancel subtask {0}?', sub),
        detail: vscode.l10n.t('Cancel stops the running subtask and marks it failed; the task fails and waits for a retry, a skip or a rollback.'),
        confirmLabel: vscode.l10n.t('Cancel Subtask'),
      };
  }
}

/** Sends the action's one POST (never retried). */
export async function perform(client: OcpClient, kind: ActionKind, taskId: number, subtaskId: number | undefined): Promise<void> {
  switch (kind) {
    case 'retryTask': await client.retryTask(taskId); return;
    case 'rollbackTask': await client.rollbackTask(taskId); return;
    case 'retrySubtask': await client.retrySubtask(taskId, subtaskId as number); return;
    case 'skipSubtask': await client.skipSubtask(taskId, subtaskId as number); return;
    case 'cancelSubtask': await client.cancelSubtask(taskId, subtaskId as number); return;
  }
}
