// The Tasks view, a task center per connection: OCP's task list read one page at a time with the documented
// server-side filters (status, type, cluster, tenant, name; or one task by id), newest first; "Load more…" reads the
// next page (one request per click); the tracker's snapshots keep listed tasks current. The view's description
// says the filter in words, its badge counts the FAILED and RUNNING tasks listed. Selecting a task opens its panel.
// Also feeds the status bar's running count.
import * as vscode from 'vscode';
import type { ConnectionManager } from '../connections/manager';
import { queryTasks } from '../core/ocp/daytoday';
import { appendTaskPageTo, firstTaskPage, tasksLeft, upsertTask, type TaskListState } from '../core/model/taskCenter';
import { normalizeTask, type Task } from '../core/model/task';
import { taskBadgeCounts, taskRunMs, taskTarget } from '../core/model/taskQuery';
import { OcpError } from '../core/ocp/errors';
import { describeError, errorNodes } from '../errors';
import { taskKey, tasksItemId } from '../ids';
import type { Inventory } from '../inventory/store';
import type { Settings } from '../settings';
import { errorIcon, infoIcon, taskIcon, warningIcon } from './icons';
import { formatDuration, formatTime } from './format';
import { badgeTooltip, describeTaskFilter, isEmptyFilter, parseFilterText, taskListFilter, taskTypeWord, type TaskCenterFilter } from './taskCenter';
import { accessibleLabel, taskStatusWord, withRaw } from './words';

export type { TaskCenterFilter } from './taskCenter';

export type TasksNode =
  | { kind: 'connection'; connectionId: string; name: string }
  | { kind: 'task'; connectionId: string; task: Task }
  | { kind: 'message'; connectionId: string; key: string; label: string; severity: 'error' | 'warning' | 'info'; detail?: string; command?: vscode.Command; icon?: string };

interface ConnTasks {
  list?: TaskListState;
  error?: unknown;
  loading?: Promise<void>;
  /** A "Load more…" read in flight (a second click waits for it instead of sending another request). */
  more?: Promise<void>;
  moreError?: unknown;
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
  private filter: TaskCenterFilter = {};
  /** The connection rows as last handed to VS Code (the same objects, so one connection's rows can be redrawn alone). */
  private readonly connectionNodes = new Map<string, TasksNode & { kind: 'connection' }>();
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
    this.updateBadge();
  }

  /** Forgets the tracked snapshots of a connection (removed, or its tasks untracked). */
  forgetConnection(connectionId: string): void {
    for (const [k, v] of this.tracked) if (v.connectionId === connectionId) this.tracked.delete(k);
    this.runningChanged.fire(this.runningCount());
    this.updateBadge();
  }

  /** Draws the tasks again without fetching them (e.g. when cluster names become known). */
  redraw(): void {
    this.changed.fire(undefined);
  }

  /**
   * Filters the view; the lists are read again from OCP with the filter. A text is read as one line typed in the
   * Filter Tasks box (a status, raw or in words; a task id; else part of the name); undefined or empty clears it.
   */
  setFilter(filter: TaskCenterFilter | string | undefined): void {
    const next = typeof filter === 'string' ? parseFilterText(vscode.l10n, filter) : { ...(filter ?? {}) };
    this.filter = isEmptyFilter(next) ? {} : next;
    void vscode.commands.executeCommand('setContext', 'ocp.tasks.filtered', !isEmptyFilter(this.filter));
    this.updateDescription();
    this.refresh();
  }

  getFilter(): TaskCenterFilter {
    return { ...this.filter, ...(this.filter.status ? { status: [...this.filter.status] } : {}) };
  }

  /** The filter in words, as the view's description shows it (undefined when nothing is filtered). */
  describeFilter(): string | undefined {
    const conn = this.filter.connectionId ? this.connections.get(this.filter.connectionId)?.name ?? this.filter.connectionId : undefined;
    return describeTaskFilter(vscode.l10n, this.filter, this.connections.list().length > 1 ? conn : undefined);
  }

  attach(view: vscode.TreeView<TasksNode>): void {
    this.view = view;
    this.updateDescription();
    this.updateBadge();
  }

  /** A snapshot from the tracker (or a freshly started task). */
  upsert(connectionId: string, task: Task): void {
    this.tracked.set(taskKey(connectionId, task.id), { connectionId, task });
    const list = this.lists.get(connectionId)?.list;
    // A task that does not match the filter is not added to a filtered list (a listed one is updated in place).
    if (list && (list.ids.has(task.id) || this.matches(connectionId, task))) upsertTask(list, task);
    this.changed.fire(undefined);
    this.runningChanged.fire(this.runningCount());
    this.updateBadge();
  }

  runningCount(): number {
    return this.statusKeys('RUNNING').size;
  }

  /** FAILED and RUNNING among the tasks listed (a tracked snapshot wins over its list item). */
  badgeCounts(): { failed: number; running: number } {
    const latest = new Map<string, Task>();
    for (const [id, e] of this.lists) for (const t of e.list?.tasks ?? []) latest.set(taskKey(id, t.id), t);
    for (const [k, v] of this.tracked) if (latest.has(k)) latest.set(k, v.task);
    return taskBadgeCounts([...latest.values()]);
  }

  /** Tasks of a connection as listed (for tests and the palette's task picker): a copy, the caller may change it. */
  async tasksOf(connectionId: string): Promise<Task[]> {
    const e = await this.ensure(connectionId);
    if (e.error) throw e.error;
    return [...(e.list?.tasks ?? [])];
  }

  /** Whether "Load more…" has a further page for this connection. */
  hasMore(connectionId: string): boolean {
    return this.lists.get(connectionId)?.list?.nextPage !== undefined;
  }

  /**
   * Reads the next page of a connection's list (ONE request) and adds its tasks; returns how many were added.
   * While a read is in flight, another call waits for it and sends nothing.
   */
  async loadMore(connectionId: string): Promise<number> {
    const e = await this.ensure(connectionId);
    if (e.more) {
      await e.more;
      return 0;
    }
    const list = e.list;
    const page = list?.nextPage;
    if (!list || page === undefined) return 0;
    let added = 0;
    const signal = e.abort.signal;
    e.moreError = undefined;
    e.more = (async () => {
      try {
        const client = await this.connections.client(connectionId);
        const next = await queryTasks(client, taskListFilter(this.filter), { page, size: this.pageSize() }, signal);
        if (signal.aborted) return;
        added = appendTaskPageTo(list, { ...next, tasks: next.tasks.map((t) => this.withTracked(connectionId, t)) });
      } catch (err) {
        if (!signal.aborted) e.moreError = err;
      }
    })().finally(() => { e.more = undefined; });
    // Only this connection's rows are drawn again (a page costs its own rows, not the whole view's).
    const row = this.connectionNodes.get(connectionId);
    this.changed.fire(row);
    await e.more;
    this.changed.fire(row);
    this.runningChanged.fire(this.runningCount());
    this.updateBadge();
    if (e.moreError) throw e.moreError;
    return added;
  }

  private pageSize(): number {
    return this.settings.get('tasks.recentCount');
  }

  private statusKeys(status: string): Set<string> {
    const keys = new Set<string>();
    for (const [id, list] of this.lists) for (const t of list.list?.tasks ?? []) if (t.status === status) keys.add(taskKey(id, t.id));
    for (const [k, v] of this.tracked) {
      if (v.task.status === status) keys.add(k); else keys.delete(k);
    }
    return keys;
  }

  /** Whether a task (a tracker snapshot) belongs in the filtered list of a connection. */
  private matches(connectionId: string, t: Task): boolean {
    const f = this.filter;
    if (f.connectionId && f.connectionId !== connectionId) return false;
    if (f.taskId !== undefined) return t.id === f.taskId;
    if (f.status?.length && !f.status.map((s) => s.toUpperCase()).includes(t.status)) return false;
    if (f.type && (t.type ?? '').toUpperCase() !== f.type.toUpperCase()) return false;
    if (f.clusterId !== undefined && t.clusterId !== f.clusterId) return false;
    if (f.tenantId !== undefined && t.tenantId !== f.tenantId) return false;
    if (f.hostId !== undefined && t.hostId !== f.hostId) return false;
    if (f.name && !t.name.toLowerCase().includes(f.name.trim().toLowerCase())) return false;
    if (f.clusterName && !(t.clusterName ?? '').toLowerCase().includes(f.clusterName.trim().toLowerCase())) return false;
    if (f.tenantName && !(t.tenantName ?? '').toLowerCase().includes(f.tenantName.trim().toLowerCase())) return false;
    return true;
  }

  private withTracked(connectionId: string, t: Task): Task {
    const tr = this.tracked.get(taskKey(connectionId, t.id));
    return tr && (tr.task.finishTime ?? 0) >= (t.finishTime ?? 0) ? { ...t, ...tr.task } : t;
  }

  private updateDescription(): void {
    if (this.view) this.view.description = this.describeFilter();
  }

  private updateBadge(): void {
    if (!this.view) return;
    const counts = this.badgeCounts();
    const n = counts.failed + counts.running;
    this.view.badge = n > 0 ? { value: n, tooltip: badgeTooltip(vscode.l10n, counts) } : undefined;
  }

  private async ensure(connectionId: string): Promise<ConnTasks> {
    for (;;) {
      let e = this.lists.get(connectionId);
      if (!e) {
        const entry: ConnTasks = { abort: new AbortController() };
        e = entry;
        this.lists.set(connectionId, entry);
        const signal = entry.abort.signal;
        const filter = this.filter;
        entry.loading = (async () => {
          try {
            const client = await this.connections.client(connectionId);
            let list: TaskListState;
            if (filter.taskId !== undefined) {
              // The list has no id filter: the one task is read by id (a missing task lists nothing).
              let tasks: Task[] = [];
              try {
                tasks = [normalizeTask(await client.getTask(filter.taskId, signal))];
              } catch (err) {
                if (!(err instanceof OcpError && err.status === 404)) throw err;
              }
              list = firstTaskPage({ tasks, page: 1, size: 1, nextPage: undefined });
            } else {
              list = firstTaskPage(await queryTasks(client, taskListFilter(filter), { page: 1, size: this.pageSize() }, signal));
            }
            if (signal.aborted) return;
            list.tasks = list.tasks.map((t) => this.withTracked(connectionId, t));
            entry.list = list;
            this.runningChanged.fire(this.runningCount());
            this.updateBadge();
            // The connection row says how many of how many tasks are listed, known only now.
            if (list.total !== undefined) this.changed.fire(this.connectionNodes.get(connectionId));
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
      const only = this.filter.connectionId;
      const nodes = this.connections.list().filter((c) => !only || c.id === only).map((c) => {
        const known = this.connectionNodes.get(c.id);
        return known && known.name === c.name ? known : { kind: 'connection' as const, connectionId: c.id, name: c.name };
      });
      this.connectionNodes.clear();
      for (const n of nodes) this.connectionNodes.set(n.connectionId, n);
      return nodes;
    }
    if (node.kind !== 'connection') return [];
    const e = await this.ensure(node.connectionId);
    if (e.error) {
      // The same error nodes as the Explorer: a rejected or missing credential is fixed here too.
      const retry = { command: 'ocp.refreshTasks', title: vscode.l10n.t('Retry') };
      return errorNodes(e.error, node.connectionId, retry, 'tasks').map((n) => ({ kind: 'message', connectionId: node.connectionId, ...n }));
    }
    const list = e.list;
    const tasks = list?.tasks ?? [];
    const out: TasksNode[] = tasks.map((task) => ({ kind: 'task', connectionId: node.connectionId, task }));
    if (tasks.length === 0) {
      const label = isEmptyFilter(this.filter) ? vscode.l10n.t('No tasks') : vscode.l10n.t('No tasks match the filter');
      out.push({ kind: 'message', connectionId: node.connectionId, key: 'empty', severity: 'info', label });
    }
    if (e.moreError) {
      out.push({ kind: 'message', connectionId: node.connectionId, key: 'more-error', severity: 'error', label: vscode.l10n.t('Cannot load more tasks: {0}', describeError(e.moreError)), detail: describeError(e.moreError) });
    }
    if (list?.nextPage !== undefined) {
      const left = tasksLeft(list);
      const label = e.more ? vscode.l10n.t('Loading more tasks…')
        : left !== undefined ? vscode.l10n.t('Load more… ({0} of {1} shown)', tasks.length, list.total ?? tasks.length) : vscode.l10n.t('Load more…');
      out.push({
        kind: 'message', connectionId: node.connectionId, key: 'more', severity: 'info', label, icon: e.more ? 'loading~spin' : 'ellipsis',
        detail: vscode.l10n.t('Read the next {0} tasks from OCP', this.pageSize()),
        ...(e.more ? {} : { command: { command: 'ocp.loadMoreTasks', title: vscode.l10n.t('Load more…'), arguments: [{ connectionId: node.connectionId }] } }),
      });
    }
    return out;
  }

  getTreeItem(node: TasksNode): vscode.TreeItem {
    if (node.kind === 'connection') {
      const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.Expanded);
      item.id = tasksItemId.connection(node.connectionId);
      item.iconPath = new vscode.ThemeIcon('server-environment');
      item.contextValue = 'tasksConnection';
      const list = this.lists.get(node.connectionId)?.list;
      // Tasks started or tracked since the list was read are shown too: OCP's total then lags behind what is listed.
      if (list?.total !== undefined) item.description = vscode.l10n.t('{0} of {1} tasks', list.tasks.length, Math.max(list.total, list.tasks.length));
      return item;
    }
    if (node.kind === 'message') {
      const item = new vscode.TreeItem(node.label);
      item.id = tasksItemId.message(node.connectionId, node.key);
      item.iconPath = node.icon ? new vscode.ThemeIcon(node.icon) : node.severity === 'error' ? errorIcon() : node.severity === 'warning' ? warningIcon() : infoIcon();
      item.command = node.command;
      item.tooltip = node.detail ?? node.label;
      if (node.key === 'more') item.contextValue = 'tasksMore';
      return item;
    }
    const t = node.task;
    const item = new vscode.TreeItem(`#${t.id} ${t.name}`);
    // A task OCP sent without an id is told apart by its name (tree ids must be unique) and cannot be opened.
    item.id = tasksItemId.task(node.connectionId, t.id, t.name);
    item.iconPath = taskIcon(t.status);
    const target = this.targetOf(node.connectionId, t);
    // A finished task without a finish time has no known run time (counting to now would keep it growing).
    const runMs = t.finishTime === undefined && t.status !== 'RUNNING' ? undefined : taskRunMs(t, Date.now());
    const elapsed = runMs !== undefined ? formatDuration(runMs, vscode.env.language) : undefined;
    const status = t.status === 'UNKNOWN' ? t.rawStatus : taskStatusWord(vscode.l10n, t);
    const targetText = [target.cluster, target.tenant].filter(Boolean).join(' / ') || (target.hostId !== undefined ? vscode.l10n.t('host #{0}', target.hostId) : undefined);
    item.description = [status, targetText, elapsed].filter(Boolean).join(' · ');
    item.accessibilityInformation = { label: accessibleLabel(vscode.l10n, 'task', `#${t.id} ${t.name}`, t.status === 'UNKNOWN' ? taskStatusWord(vscode.l10n, t) : status, [targetText, elapsed]) };
    const md = new vscode.MarkdownString();
    appendPlain(md, `#${t.id} ${t.name}\n\n`);
    appendPlain(md, `${vscode.l10n.t('Status')}: ${withRaw(status, t.rawStatus)}\n`);
    if (t.type) appendPlain(md, `${vscode.l10n.t('Type')}: ${withRaw(taskTypeWord(vscode.l10n, t.type), t.type)}\n`);
    if (target.cluster) appendPlain(md, `${vscode.l10n.t('Cluster')}: ${target.cluster}\n`);
    if (target.tenant) appendPlain(md, `${vscode.l10n.t('Tenant')}: ${target.tenant}\n`);
    if (target.hostId !== undefined) appendPlain(md, `${vscode.l10n.t('Host')}: #${target.hostId}\n`);
    if (t.creator) appendPlain(md, `${vscode.l10n.t('Creator')}: ${t.creator}\n`);
    if (t.startTime) appendPlain(md, `${vscode.l10n.t('Started')}: ${formatTime(t.startTime, vscode.env.language)}\n`);
    if (elapsed) appendPlain(md, `${t.finishTime === undefined && t.status === 'RUNNING' ? vscode.l10n.t('Running for') : vscode.l10n.t('Elapsed')}: ${elapsed}\n`);
    item.tooltip = md;
    item.contextValue = t.id < 0 ? 'task no-id' : `task ${t.status.toLowerCase()}`;
    if (t.id >= 0) item.command = { command: 'ocp.openTask', title: vscode.l10n.t('Open Task'), arguments: [{ connectionId: node.connectionId, taskId: t.id }] };
    return item;
  }

  /** What a task targets, by name: the list item's objects, else the inventory's cluster name, else the id. */
  private targetOf(connectionId: string, t: Task): { cluster?: string; tenant?: string; hostId?: number } {
    const named = t.clusterName === undefined && t.clusterId !== undefined ? { ...t, clusterName: this.inventory.clusterName(connectionId, t.clusterId) } : t;
    const target = taskTarget(named);
    if (target.cluster?.startsWith('#')) target.cluster = vscode.l10n.t('cluster #{0}', target.cluster.slice(1));
    if (target.tenant?.startsWith('#')) target.tenant = vscode.l10n.t('tenant #{0}', target.tenant.slice(1));
    return target;
  }
}

/**
 * Appends text to a hover. appendText escapes Markdown but not "<": a task named "<img …>" would be read as
 * HTML, which hovers drop, and the name would vanish. Entities keep it visible as text.
 */
function appendPlain(md: vscode.MarkdownString, text: string): void {
  md.appendText(text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
}
