// TaskHost: the VS Code side of the task tracker. It builds the tracker from settings, persists the
// tracked tasks in workspace state (they survive a window reload), feeds snapshots to the Tasks view,
// releases busy markers and reloads the inventory when a task ends, and says so in a notification. The
// tasks of a removed connection are untracked.
import * as vscode from 'vscode';
import type { ConnectionManager } from '../connections/manager';
import type { Task } from '../core/model/task';
import { TaskTracker, type TaskSnapshot, type TrackerSettings } from '../core/tasks/tracker';
import { taskKey } from '../ids';
import type { Inventory } from '../inventory/store';
import type { Settings } from '../settings';
import type { BusyRegistry } from '../views/busy';
import type { TasksProvider } from '../views/tasks';

const STATE_KEY = 'ocp.trackedTasks';

export interface TaskEndEvent {
  connectionId: string;
  task: Task;
}

export class TaskHost implements vscode.Disposable {
  readonly tracker: TaskTracker;
  private readonly notifyOnEnd = new Map<string, string>();
  private readonly lastStatus = new Map<string, string>();
  private readonly ended = new vscode.EventEmitter<TaskEndEvent>();
  /** Fires once when a tracked task becomes SUCCESSFUL or FAILED. */
  readonly onDidEnd = this.ended.event;
  private readonly disposables: vscode.Disposable[] = [this.ended];

  constructor(
    private readonly state: vscode.Memento,
    private readonly connections: ConnectionManager,
    private readonly busy: BusyRegistry,
    private readonly inventory: Inventory,
    private readonly tasksView: TasksProvider,
    private readonly log: vscode.LogOutputChannel,
    settings: Settings,
  ) {
    this.tracker = new TaskTracker({
      fetchTask: async (connectionId, taskId, signal) => (await connections.client(connectionId)).getTask(taskId, signal, 0),
      settings: trackerSettings(settings),
      onAuthFailure: (connectionId) => connections.reportAuthFailure(connectionId),
    });
    const sub = this.tracker.onSnapshot((s) => this.onSnapshot(s));
    const errSub = this.tracker.onError((e) => this.log.warn(`polling task #${e.taskId} failed (${e.consecutiveErrors}×): ${(e.error as Error)?.message ?? e.error}${e.retryInMs !== undefined ? `; next try in ${Math.round(e.retryInMs / 1000)} s` : '; stopped'}`));
    this.disposables.push(
      { dispose: () => { sub.dispose(); errSub.dispose(); this.tracker.dispose(); } },
      settings.onDidChange((e) => {
        if (e.affects('tasks.fastPollMilliseconds') || e.affects('tasks.slowPollMilliseconds') || e.affects('tasks.maxBackoffMilliseconds') || e.affects('tasks.failedPollMinutes')) this.tracker.updateSettings(trackerSettings(settings));
      }),
      connections.onDidChange(() => {
        for (const c of connections.list()) if (!connections.isAuthFailed(c.id)) this.tracker.resumeConnection(c.id);
      }),
      connections.onDidRemove((id) => this.untrackConnection(id)),
    );
    // Tasks of a connection removed while the window was closed are not restored (nor polled, nor kept).
    this.tracker.restore(state.get(STATE_KEY), { connections: connections.list().map((c) => c.id) });
  }

  dispose(): void {
    void this.persist();
    for (const d of this.disposables) d.dispose();
  }

  /** Stops tracking every task of a connection (it was removed): nothing is polled or restored for it. */
  untrackConnection(connectionId: string): void {
    const snaps = this.tracker.list().filter((x) => x.connectionId === connectionId);
    for (const x of snaps) {
      this.tracker.untrack(connectionId, x.taskId);
      this.lastStatus.delete(taskKey(connectionId, x.taskId));
      this.notifyOnEnd.delete(taskKey(connectionId, x.taskId));
    }
    this.tasksView.forgetConnection(connectionId);
    // Its busy markers too: the tasks they wait for are no longer tracked, so nothing would release them.
    this.busy.releaseConnection(connectionId);
    if (snaps.length) this.log.info(`untracked ${snaps.length} task(s) of the removed connection ${connectionId}`);
    void this.persist();
  }

  /** Tracks a task this extension started: its end is announced in a notification. */
  trackStarted(connectionId: string, task: Task, raw: unknown, label: string): void {
    this.notifyOnEnd.set(taskKey(connectionId, task.id), label);
    this.tasksView.upsert(connectionId, task);
    // track() polls the task endpoint at once: some OCP versions answer the POST in the older task shape,
    // and the snapshot from GET /tasks/instances/{id} replaces it.
    this.tracker.track(connectionId, task.id, { initial: raw });
  }

  private onSnapshot(s: TaskSnapshot): void {
    void this.persist();
    if (!s.task) return;
    const key = taskKey(s.connectionId, s.taskId);
    this.tasksView.upsert(s.connectionId, s.task);
    const before = this.lastStatus.get(key);
    this.lastStatus.set(key, s.task.status);
    if (before === s.task.status) return;
    if (s.task.status === 'SUCCESSFUL' || s.task.status === 'FAILED') this.onEnd(s.connectionId, s.task);
  }

  private onEnd(connectionId: string, task: Task): void {
    const key = taskKey(connectionId, task.id);
    this.busy.releaseTask(connectionId, task.id);
    void this.inventory.reloadClusters(connectionId);
    this.ended.fire({ connectionId, task });
    const label = this.notifyOnEnd.get(key);
    if (label === undefined) return;
    this.notifyOnEnd.delete(key);
    const open = vscode.l10n.t('Open Task');
    const ok = task.status === 'SUCCESSFUL';
    this.log.info(`task #${task.id} (${task.name}) ${task.status}`);
    const msg = ok
      ? vscode.l10n.t('{0}: task #{1} succeeded.', label, task.id)
      : vscode.l10n.t('{0}: task #{1} failed. Open it to retry, skip or roll back.', label, task.id);
    void (ok ? vscode.window.showInformationMessage(msg, open) : vscode.window.showErrorMessage(msg, open)).then((pick) => {
      if (pick === open) void vscode.commands.executeCommand('ocp.openTask', { connectionId, taskId: task.id });
    });
  }

  private async persist(): Promise<void> {
    await this.state.update(STATE_KEY, this.tracker.serialize());
  }

  /** The latest known task (tracked snapshot), if any. */
  latest(connectionId: string, taskId: number): Task | undefined {
    return this.tracker.get(connectionId, taskId)?.task;
  }
}

export function trackerSettings(settings: Settings): Partial<TrackerSettings> {
  return {
    fastMs: settings.get('tasks.fastPollMilliseconds'),
    slowMs: settings.get('tasks.slowPollMilliseconds'),
    maxBackoffMs: settings.get('tasks.maxBackoffMilliseconds'),
    failedPollWindowMs: settings.get('tasks.failedPollMinutes') * 60_000,
  };
}
