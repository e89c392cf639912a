// The Tasks view: per connection, the running and recent OCP tasks (newest first), kept current by the
// task tracker's snapshots; selecting one opens the task panel. Also feeds the status bar's running count.
import * as vscode from 'vscode';
import type { ConnectionManager } from '../connections/manager';
import { normalizeTask, type Task } from '../core/model/task';
import { errorNodes } from '../errors';
import { taskKey, tasksItemId } from '../ids';
import type { Inventory } from '../inventory/store';
import type { Settings } from '../settings';
import { errorIcon, infoIcon, taskIcon, warningIcon } from './icons';
import { formatDuration, formatTime } from './format';
import { accessibleLabel, taskStatusWord, withRaw } from './words';

export type TasksNode =
  | { kind: 'connection'; connectionId: string; name: string }
  | { kind: 'task'; connectionId: string; task: Task }
  | { kind: 'message'; connectionId: string; key: string; label: string; severity: 'error' | 'warning' | 'info'; detail?: string; command?: vscode.Command };

interface ConnTasks {
  tasks?: Task[];
  error?: unknown;
  loading?: Promise<void>;
  abort: AbortController;
}

export class TasksProvider implements vscode.TreeDataProvider<TasksNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TasksNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly runningChanged = new vscode.EventEmitter<number>();
  /** Fires with the number of running tasks whenever it may have changed. */
  readonly onDidChangeRunning = this.runningChanged.event;
  private readonly lists = new Map<string, ConnTasks>();
  /** Latest snapshot of each tracked task, by taskKey. */
  private readonly tracked = new Map<string, { connectionId: string; task: Task }>();
  private readonly disposables: vscode.Disposable[] = [this.changed, this.runningChanged];
  private filterText?: string;
  private view?: vscode.TreeView<TasksNode>;

  constructor(private readonly connections: ConnectionManager, private readonly inventory: Inventory, private readonly settings: Settings) {
    this.disposables.push(
      connections.onDidChange(() => this.refresh()),
      // A task names its cluster by id only: the name comes with the inventory's cluster list.
      inventory.onDidChange((e) => { if (e.what === 'clusters') this.redraw(); }),
    );
  }

  dispose(): void {
    for (const l of this.lists.values()) l.abort.abort();
    for (const d of this.disposables) d.dispose();
  }

  refresh(): void {
    for (const l of this.lists.values()) l.abort.abort();
    this.lists.clear();
    this.changed.fire(undefined);
  }

  /** Forgets the tracked snapshots of a connection (removed, or its tasks untracked). */
  forgetConnection(connectionId: string): void {
    for (const [k, v] of this.tracked) if (v.connectionId === connectionId) this.tracked.delete(k);
    this.runningChanged.fire(this.runningCount());
  }

  /** Draws the tasks again without fetching them (e.g. when cluster names become known). */
  redraw(): void {
    this.changed.fire(undefined);
  }

  setFilter(text: string | undefined): void {
    this.filterText = text?.trim() || undefined;
    void vscode.commands.executeCommand('setContext', 'ocp.tasks.filtered', !!this.filterText);
    if (this.view) this.view.description = this.filterText ? vscode.l10n.t('Filter: {0}', `"${this.filterText}"`) : undefined;
    this.changed.fire(undefined);
  }

  getFilter(): string | undefined {
    return this.filterText;
  }

  attach(view: vscode.TreeView<TasksNode>): void {
    this.view = view;
  }

  /** A snapshot from the tracker (or a freshly started task). */
  upsert(connectionId: string, task: Task): void {
    this.tracked.set(taskKey(connectionId, task.id), { connectionId, task });
    const list = this.lists.get(connectionId);
    if (list?.tasks) {
      const i = list.tasks.findIndex((t) => t.id === task.id);
      if (i >= 0) list.tasks[i] = task; else list.tasks.unshift(task);
    }
    this.changed.fire(undefined);
    this.runningChanged.fire(this.runningCount());
  }

  runningCount(): number {
    const running = new Set<string>();
    for (const [id, list] of this.lists) for (const t of list.tasks ?? []) if (t.status === 'RUNNING') running.add(taskKey(id, t.id));
    for (const [k, v] of this.tracked) {
      if (v.task.status === 'RUNNING') running.add(k); else running.delete(k);
    }
    return running.size;
  }

  /** Tasks of a connection as listed (for tests and the palette's task picker). */
  async tasksOf(connectionId: string): Promise<Task[]> {
    const e = await this.ensure(connectionId);
    if (e.error) throw e.error;
    return e.tasks ?? [];
  }

  private async ensure(connectionId: string): Promise<ConnTasks> {
    for (;;) {
      let e = this.lists.get(connectionId);
      if (!e) {
        const entry: ConnTasks = { abort: new AbortController() };
        e = entry;
        this.lists.set(connectionId, entry);
        const signal = entry.abort.signal;
        entry.loading = (async () => {
          try {
            const client = await this.connections.client(connectionId);
            const tasks = (await client.listTasks({}, this.settings.get('tasks.recentCount'), signal)).map(normalizeTask);
            if (signal.aborted) return;
            for (const t of tasks) {
              const tr = this.tracked.get(taskKey(connectionId, t.id));
              if (tr && (tr.task.finishTime ?? 0) >= (t.finishTime ?? 0)) Object.assign(t, tr.task);
            }
            entry.tasks = tasks;
            this.runningChanged.fire(this.runningCount());
          } catch (err) {
            if (!signal.aborted) entry.error = err;
          }
        })().finally(() => { entry.loading = undefined; });
      }
      if (e.loading) await e.loading;
      // Aborted by a refresh: read the list that replaced it.
      if (!e.abort.signal.aborted) return e;
    }
  }

  async getChildren(node?: TasksNode): Promise<TasksNode[]> {
    if (!node) {
      return this.connections.list().map((c) => ({ kind: 'connection', connectionId: c.id, name: c.name }));
    }
    if (node.kind !== 'connection') return [];
    const e = await this.ensure(node.connectionId);
    if (e.error) {
      // The same error nodes as the Explorer: a rejected or missing credential is fixed here too.
      const retry = { command: 'ocp.refreshTasks', title: vscode.l10n.t('Retry') };
      return errorNodes(e.error, node.connectionId, retry, 'tasks').map((n) => ({ kind: 'message', connectionId: node.connectionId, ...n }));
    }
    let tasks = e.tasks ?? [];
    if (this.filterText) {
      const f = this.filterText.toLowerCase();
      tasks = tasks.filter((t) => t.name.toLowerCase().includes(f) || t.status.toLowerCase() === f || taskStatusWord(vscode.l10n, t).toLowerCase() === f || String(t.id) === f);
    }
    if (tasks.length === 0) return [{ kind: 'message', connectionId: node.connectionId, key: 'empty', severity: 'info', label: vscode.l10n.t('No tasks') }];
    return tasks.map((task) => ({ kind: 'task', connectionId: node.connectionId, task }));
  }

  getTreeItem(node: TasksNode): vscode.TreeItem {
    if (node.kind === 'connection') {
      const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.Expanded);
      item.id = tasksItemId.connection(node.connectionId);
      item.iconPath = new vscode.ThemeIcon('server-environment');
      item.contextValue = 'tasksConnection';
      return item;
    }
    if (node.kind === 'message') {
      const item = new vscode.TreeItem(node.label);
      item.id = tasksItemId.message(node.connectionId, node.key);
      item.iconPath = node.severity === 'error' ? errorIcon() : node.severity === 'warning' ? warningIcon() : infoIcon();
      item.command = node.command;
      item.tooltip = node.detail ?? node.label;
      return item;
    }
    const t = node.task;
    const item = new vscode.TreeItem(`#${t.id} ${t.name}`);
    // A task OCP sent without an id is told apart by its name (tree ids must be unique) and cannot be opened.
    item.id = tasksItemId.task(node.connectionId, t.id, t.name);
    item.iconPath = taskIcon(t.status);
    const clusterName = t.clusterName ?? (t.clusterId !== undefined ? this.inventory.clusterName(node.connectionId, t.clusterId) : undefined);
    const target = t.tenantName ?? clusterName ?? (t.clusterId !== undefined ? vscode.l10n.t('cluster #{0}', t.clusterId) : undefined);
    const elapsed = t.startTime !== undefined ? formatDuration((t.finishTime ?? Date.now()) - t.startTime, vscode.env.language) : undefined;
    const status = t.status === 'UNKNOWN' ? t.rawStatus : taskStatusWord(vscode.l10n, t);
    item.description = [status, target, elapsed].filter(Boolean).join(' · ');
    item.accessibilityInformation = { label: accessibleLabel(vscode.l10n, 'task', `#${t.id} ${t.name}`, t.status === 'UNKNOWN' ? taskStatusWord(vscode.l10n, t) : status, [target, elapsed]) };
    const md = new vscode.MarkdownString();
    appendPlain(md, `#${t.id} ${t.name}\n\n`);
    appendPlain(md, `${vscode.l10n.t('Status')}: ${withRaw(status, t.rawStatus)}\n`);
    if (t.creator) appendPlain(md, `${vscode.l10n.t('Creator')}: ${t.creator}\n`);
    if (t.startTime) appendPlain(md, `${vscode.l10n.t('Started')}: ${formatTime(t.startTime, vscode.env.language)}\n`);
    if (elapsed) appendPlain(md, `${vscode.l10n.t('Elapsed')}: ${elapsed}\n`);
    item.tooltip = md;
    item.contextValue = t.id < 0 ? 'task no-id' : `task ${t.status.toLowerCase()}`;
    if (t.id >= 0) item.command = { command: 'ocp.openTask', title: vscode.l10n.t('Open Task'), arguments: [{ connectionId: node.connectionId, taskId: t.id }] };
    return item;
  }
}

/**
 * Appends text to a hover. appendText escapes Markdown but not "<": a task named "<img …>" would be read as
 * HTML, which hovers drop, and the name would vanish. Entities keep it visible as text.
 */
function appendPlain(md: vscode.MarkdownString, text: string): void {
  md.appendText(text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
}
