// The task center's words (issue #18): the Tasks view's filter (OCP's documented task-list filters, plus the
// connection the cluster and tenant ids belong to and a task id) said in the console's words for the view's
// description, a typed filter text read into such a filter, task types in words, and the badge's tooltip.
// Pure: no `vscode` import; callers pass the translator (`vscode.l10n`), unit tests a fake one.
import { TASK_FILTER_STATUSES, TASK_TYPES, type TaskFilter } from '../core/model/taskQuery';
import { words, type Translator } from './words';

/** What the Tasks view is filtered on. */
export interface TaskCenterFilter extends TaskFilter {
  /** Cluster and tenant ids mean something in one OCP only: set, the view lists only this connection. */
  connectionId?: string;
  /** One task by id (GET /api/v2/tasks/instances/{id}: the list has no id filter). */
  taskId?: number;
  /** Names shown for `clusterId` / `tenantId` in the description (not sent). */
  clusterLabel?: string;
  tenantLabel?: string;
}

/** The part of a filter OCP's task list is asked with (buildTaskQuery). */
export function taskListFilter(f: TaskCenterFilter): TaskFilter {
  const { connectionId: _c, taskId: _t, clusterLabel: _cl, tenantLabel: _tl, ...rest } = f;
  return rest;
}

/** True when the filter narrows nothing. */
export function isEmptyFilter(f: TaskCenterFilter | undefined): boolean {
  if (!f) return true;
  return !f.connectionId && f.taskId === undefined && !f.name?.trim() && !(f.status ?? []).some((s) => s.trim()) && !f.type?.trim()
    && !f.clusterName?.trim() && f.clusterId === undefined && !f.tenantName?.trim() && f.tenantId === undefined && f.hostId === undefined;
}

/** Task types in words (the console's words where it has them); an undocumented type is shown as sent. */
export function taskTypeWord(l10n: Translator, type: string): string {
  switch (type.toUpperCase()) {
    case 'MANUAL': return l10n.t('Manual');
    case 'SYS_ONECE': return l10n.t('One-off system task');
    case 'SCHEDULED': return l10n.t('Scheduled');
    case 'SYS_SCHEDULED': return l10n.t('System scheduled');
    default: return type;
  }
}

/** A task list status filter value in words ("Running", "Failed", "Completed"); others as sent. */
export function taskFilterStatusWord(l10n: Translator, status: string): string {
  const s = status.toUpperCase();
  const table = words(l10n).taskStatus as Record<string, string>;
  return table[s] ?? status;
}

/**
 * The view's description for a filter, in words: "Failed, Running · Manual · Cluster: obcluster_prod · Tenant:
 * order_mysql · Name: "stop"". Undefined when nothing is filtered. `connectionName` names the one connection listed.
 */
export function describeTaskFilter(l10n: Translator, f: TaskCenterFilter | undefined, connectionName?: string): string | undefined {
  if (!f || isEmptyFilter(f)) return undefined;
  const parts: string[] = [];
  if (f.connectionId && connectionName) parts.push(connectionName);
  if (f.taskId !== undefined) parts.push(l10n.t('Task #{0}', f.taskId));
  const statuses = [...new Set((f.status ?? []).map((s) => s.trim().toUpperCase()).filter(Boolean))];
  if (statuses.length) parts.push(statuses.map((s) => taskFilterStatusWord(l10n, s)).join(l10n.t(', ')));
  if (f.type?.trim()) parts.push(taskTypeWord(l10n, f.type.trim()));
  const cluster = f.clusterLabel ?? (f.clusterId !== undefined ? `#${f.clusterId}` : undefined) ?? f.clusterName?.trim();
  if (cluster) parts.push(l10n.t('Cluster: {0}', cluster));
  const tenant = f.tenantLabel ?? (f.tenantId !== undefined ? `#${f.tenantId}` : undefined) ?? f.tenantName?.trim();
  if (tenant) parts.push(l10n.t('Tenant: {0}', tenant));
  if (f.hostId !== undefined) parts.push(l10n.t('Host: #{0}', f.hostId));
  if (f.name?.trim()) parts.push(l10n.t('Name: "{0}"', f.name.trim()));
  return parts.join(' · ');
}

/**
 * A filter typed in one line (the Filter Tasks box, or a script's `text`): a task status, raw or in words
 * ("FAILED", "failed", "失败"), filters by status; digits open one task by id; anything else is a name. Empty: no filter.
 */
export function parseFilterText(l10n: Translator, text: string | undefined): TaskCenterFilter {
  const t = text?.trim() ?? '';
  if (!t) return {};
  const lower = t.toLowerCase();
  for (const s of TASK_FILTER_STATUSES) {
    if (s.toLowerCase() === lower || taskFilterStatusWord(l10n, s).toLowerCase() === lower) return { status: [s] };
  }
  for (const type of TASK_TYPES) if (type.toLowerCase() === lower) return { type };
  if (/^\d{1,16}$/.test(t) && Number.isSafeInteger(Number(t))) return { taskId: Number(t) };
  return { name: t };
}

/** The badge's tooltip: which tasks it counts ("2 failed and 1 running tasks among those listed"). */
export function badgeTooltip(l10n: Translator, counts: { failed: number; running: number }): string {
  return l10n.t('{0} failed and {1} running OCP tasks among those listed', counts.failed, counts.running);
}
