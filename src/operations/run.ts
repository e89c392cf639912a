// Sending an operation: claims its target (a second operation on it is refused), sends exactly one POST
// (never retried), hands the returned task to the tracker, and tells the user. Shared by the four
// operations, whichever way they were started (menu, palette, script).
import * as vscode from 'vscode';
import type { ConnectionConfig } from '../connections/config';
import { normalizeTask, type Task } from '../core/model/task';
import type { OcpClient } from '../core/ocp/client';
import { isOcpError, OcpError, outcomeUnknown } from '../core/ocp/errors';
import type { Raw } from '../core/ocp/types';
import type { Services } from '../services';

export interface OperationSpec {
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

export async function runOperation(s: Services, spec: OperationSpec): Promise<OperationResult> {
  const claimed: string[] = [];
  for (const key of spec.targets) {
    if (!s.busy.claim(key, { label: spec.busyLabel })) {
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
    s.log.error(`${spec.label}: ${isOcpError(e) ? e.describe() : (e as Error).message}`);
    if (isOcpError(e) && e.kind === 'auth') s.authFailed(spec.connection.id);
    if (isOcpError(e) && outcomeUnknown(e)) {
      // The POST is never sent again by itself; the user must not resend it blindly either.
      s.tasks.refresh();
      throw mayHaveStarted(e);
    }
    throw e;
  }
  const task = normalizeTask(raw);
  if (task.id < 0) {
    for (const k of claimed) s.busy.release(k);
    throw new OcpError({ kind: 'parse', message: vscode.l10n.t('OCP accepted the request but returned no task id; check the OCP console.') });
  }
  for (const k of claimed) s.busy.update(k, { taskId: task.id });
  for (const k of spec.targetsOf?.(task) ?? []) s.busy.claim(k, { label: spec.busyLabel, taskId: task.id });
  s.log.info(`${spec.label}: task #${task.id} (${task.name}) started`);
  s.taskHost.trackStarted(spec.connection.id, task, raw, spec.label);
  void s.explorer.reloadClusters(spec.connection.id);
  const open = vscode.l10n.t('Open Task');
  void vscode.window.showInformationMessage(vscode.l10n.t('{0}: task #{1} started.', spec.label, task.id), open).then((pick) => {
    if (pick === open) void vscode.commands.executeCommand('ocp.openTask', { connectionId: spec.connection.id, taskId: task.id });
  });
  return { taskId: task.id, task };
}

/** The same error, saying that OCP may have started the operation although the request failed. */
function mayHaveStarted(e: OcpError): OcpError {
  const said = e.message.trim();
  return new OcpError({
    kind: e.kind, status: e.status, code: e.code, traceId: e.traceId, subErrors: e.subErrors, retryAfterMs: e.retryAfterMs,
    method: e.method, path: e.path, cause: e,
    message: vscode.l10n.t('{0} OCP may have started the operation anyway: check the Tasks view before you try again.', /[.?!。]$/.test(said) ? said : `${said}.`),
  });
}

/** OCP's 400 sub-errors as "field: message" lines, for a notification or an input box. */
export function fieldErrors(e: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (!isOcpError(e)) return out;
  for (const se of e.subErrors) if (se.field) out.set(se.field, out.has(se.field) ? `${out.get(se.field)}; ${se.message}` : se.message);
  return out;
}
