// The task list query (issue #18, query-tasks.md): a pure builder of GET /api/v2/tasks/instances's documented query
// parameters (name, status, type, cluterName, clusterId, tenantName, tenantId, hostId, page, size, sort), a reader of
// one page into a "load more" cursor, and the small pure helpers a task center needs (badge counts, how long a task
// has run, what it targets). No time-range or creator filter is documented, so there is none here.

import { arr, isObj, num, obj } from './coerce';
import { normalizeTask, type Task } from './task';

/** Documented task `type` values (spelled as OCP spells them: SYS_ONECE, sic). Others are sent and shown as-is. */
export const TASK_TYPES = ['MANUAL', 'SYS_ONECE', 'SCHEDULED', 'SYS_SCHEDULED'] as const;
/** Documented task `status` filter values. */
export const TASK_FILTER_STATUSES = ['RUNNING', 'FAILED', 'SUCCESSFUL'] as const;

/** Largest `size` the task list accepts (query-tasks.md). */
export const TASK_PAGE_MAX = 2000;
/** Page size of a task center page when none is given. */
export const TASK_PAGE_DEFAULT = 50;
/** The sort a task center uses: newest first (only `id` is documented as sortable). */
export const TASK_SORT_NEWEST = 'id,desc';

/** What the user filters the task list on. Every field is optional; blank strings count as absent. */
export interface TaskFilter {
  /** Fuzzy match on the task name. */
  name?: string;
  /** Statuses to keep (sent comma-separated, as a StringArray). */
  status?: readonly string[];
  /** Task type (one value: the parameter is a String). */
  type?: string;
  /** Fuzzy match on the cluster name. */
  clusterName?: string;
  clusterId?: number;
  /** Tenant name: the docs require it to be combined with `clusterId`; without one it is not sent (see `ignored`). */
  tenantName?: string;
  tenantId?: number;
  hostId?: number;
}

export interface TaskPageRequest {
  /** 1-based page number (default 1). */
  page?: number;
  /** Entries per page, clamped to 1…2000 (default 50). */
  size?: number;
  /** `property,asc|desc` (default `id,desc`). */
  sort?: string;
}

export type TaskQueryParams = Record<string, string | number>;

export interface BuiltTaskQuery {
  /** The query string parameters, ready for the client (no undefined values). */
  query: TaskQueryParams;
  /** Filter fields that were set but not sent, with the reason (for the view's description or a log line). */
  ignored: { field: keyof TaskFilter; reason: 'tenantNameNeedsClusterId' | 'notAnId' }[];
}

function text(v: string | undefined): string | undefined {
  const t = v?.trim();
  return t ? t : undefined;
}

function positiveInt(v: number | undefined): number | undefined {
  return v !== undefined && Number.isSafeInteger(v) && v > 0 ? v : undefined;
}

/**
 * The query parameters of one task list page. The cluster-name filter is sent under the documented spelling
 * `cluterName` AND under `clusterName`: every version of the docs spells it `cluterName`, it is unconfirmed which the
 * server reads, and a Spring server ignores the one it does not know. Statuses are upper-cased, de-duplicated, and
 * joined with commas; an empty list sends no status filter.
 */
export function buildTaskQuery(filter: TaskFilter = {}, request: TaskPageRequest = {}): BuiltTaskQuery {
  const query: TaskQueryParams = {};
  const ignored: BuiltTaskQuery['ignored'] = [];
  const name = text(filter.name);
  if (name) query.name = name;
  const statuses = [...new Set((filter.status ?? []).map((s) => s.trim().toUpperCase()).filter(Boolean))];
  if (statuses.length) query.status = statuses.join(',');
  const type = text(filter.type);
  if (type) query.type = type.toUpperCase();
  const clusterName = text(filter.clusterName);
  if (clusterName) {
    query.cluterName = clusterName;
    query.clusterName = clusterName;
  }
  for (const key of ['clusterId', 'tenantId', 'hostId'] as const) {
    const v = filter[key];
    if (v === undefined) continue;
    const id = positiveInt(v);
    if (id === undefined) ignored.push({ field: key, reason: 'notAnId' });
    else query[key] = id;
  }
  const tenantName = text(filter.tenantName);
  if (tenantName) {
    if (query.clusterId !== undefined) query.tenantName = tenantName;
    else ignored.push({ field: 'tenantName', reason: 'tenantNameNeedsClusterId' });
  }
  query.sort = text(request.sort) ?? TASK_SORT_NEWEST;
  query.page = positiveInt(request.page) ?? 1;
  const size = Math.trunc(request.size ?? TASK_PAGE_DEFAULT);
  query.size = Number.isFinite(size) ? Math.min(TASK_PAGE_MAX, Math.max(1, size)) : TASK_PAGE_DEFAULT;
  return { query, ignored };
}

/** True when no filter field would be sent (the view's description then says "all tasks"). */
export function isEmptyTaskFilter(filter: TaskFilter): boolean {
  const q = buildTaskQuery(filter).query;
  return Object.keys(q).every((k) => k === 'sort' || k === 'page' || k === 'size');
}

/** One page of the task list, normalised, with the cursor for "Load more…". */
export interface TaskPage {
  tasks: Task[];
  /** The page number this is (from `data.page.number`, else the one asked for). */
  page: number;
  size: number;
  /** `totalElements`, when OCP sent a page object. */
  total?: number;
  totalPages?: number;
  /** The page to ask for next, or undefined at the end. */
  nextPage?: number;
}

/**
 * Reads `data` of GET /api/v2/tasks/instances (`{contents, page}`; a bare array is taken as a complete list) for the
 * page that was asked for. `totalPages` is read as `totalPages` (the sample) or `totalPage` (the table). Without a
 * page object the cursor continues only while pages come back full. Never throws.
 */
export function readTaskPage(data: unknown, asked: { page: number; size: number }): TaskPage {
  const contents = Array.isArray(data) ? data : arr(obj(data).contents);
  const tasks = contents.filter(isObj).map((t) => normalizeTask(t));
  const info = Array.isArray(data) ? undefined : isObj(obj(data).page) ? obj(obj(data).page) : undefined;
  const page = num(info?.number) ?? asked.page;
  const size = num(info?.size) ?? asked.size;
  const total = num(info?.totalElements);
  const totalPages = num(info?.totalPages) ?? num(info?.totalPage) ?? (total !== undefined && size > 0 ? Math.ceil(total / size) : undefined);
  let nextPage: number | undefined;
  if (Array.isArray(data) || contents.length === 0) nextPage = undefined;
  else if (totalPages !== undefined) nextPage = page < totalPages ? page + 1 : undefined;
  else nextPage = contents.length >= asked.size ? page + 1 : undefined;
  return { tasks, page, size, total, totalPages, nextPage };
}

/** Appends a further page to what is shown, dropping tasks already listed (a task may shift pages between reads). */
export function appendTaskPage(shown: readonly Task[], next: TaskPage): Task[] {
  const seen = new Set(shown.map((t) => t.id));
  return [...shown, ...next.tasks.filter((t) => !seen.has(t.id))];
}

/** Counts for the view's badge: FAILED and RUNNING among the given tasks. */
export function taskBadgeCounts(tasks: readonly Pick<Task, 'status'>[]): { failed: number; running: number } {
  let failed = 0;
  let running = 0;
  for (const t of tasks) {
    if (t.status === 'FAILED') failed++;
    else if (t.status === 'RUNNING') running++;
  }
  return { failed, running };
}

/** Milliseconds a task has run: to its finish time, or to `now` while it has none; undefined without a start. */
export function taskRunMs(task: Pick<Task, 'startTime' | 'finishTime'>, now: number): number | undefined {
  if (task.startTime === undefined) return undefined;
  const end = task.finishTime ?? now;
  return Math.max(0, end - task.startTime);
}

/** What a task targets, from the list item: its cluster and tenant by name (id when no name), or its host. */
export interface TaskTarget {
  cluster?: string;
  tenant?: string;
  hostId?: number;
}

export function taskTarget(task: Pick<Task, 'clusterId' | 'clusterName' | 'tenantId' | 'tenantName' | 'hostId'>): TaskTarget {
  const out: TaskTarget = {};
  const cluster = task.clusterName ?? (task.clusterId !== undefined ? `#${task.clusterId}` : undefined);
  if (cluster) out.cluster = cluster;
  const tenant = task.tenantName ?? (task.tenantId !== undefined ? `#${task.tenantId}` : undefined);
  if (tenant) out.tenant = tenant;
  if (task.hostId !== undefined) out.hostId = task.hostId;
  return out;
}

// ---- following a subtask log -----------------------------------------------------------------------------------------

/**
 * How a re-read subtask log relates to the text already shown. OCP documents no range, offset or "since" parameter
 * for GET …/subtasks/{id}/log (query-tasks.md, ocp-api.md), so each poll returns the whole log; this lets an editor
 * append only what is new instead of rewriting the document. `replace` when the new text does not start with the old
 * one (a retried subtask starts a new log, or OCP trimmed it).
 */
export type LogDelta = { kind: 'same' } | { kind: 'append'; text: string } | { kind: 'replace'; text: string };

export function logDelta(shown: string, next: string): LogDelta {
  if (next === shown) return { kind: 'same' };
  if (next.startsWith(shown)) return { kind: 'append', text: next.slice(shown.length) };
  return { kind: 'replace', text: next };
}
