// The tracker's types, settings (sanitised to sane floors), snapshots and persisted state, apart from its
// schedule (tracker.ts). Pure: no timers, no I/O. The rules tracker.ts follows:
//   - RUNNING (or not yet known) and visible in a panel: fastMs; otherwise slowMs. FAILED: slowMs, so a retry
//     made elsewhere is noticed. SUCCESSFUL: a final snapshot, then no request ever again.
//   - resumeFast (after retry/skip/rollback/cancel): poll now, then fast until the task is seen RUNNING again
//     (at most `resumeFastPolls` polls), then the usual rule.
//   - Errors back off by backoffFactor from the current interval, capped at maxBackoffMs. A 429 delays every
//     task of that connection by retryAfterMs (capped at 15 minutes, never less than the interval). A 401
//     stops every task of that connection and calls onAuthFailure once, until resumeConnection().
//   - Whatever the server answers, two requests of one task are never closer than fastMs (only an action the
//     user just sent, resumeFast, may poll sooner), and every interval is clamped to sane floors (fast ≥ 250 ms,
//     slow ≥ 1 s; NaN or a string means the default).
//   - Pruning: a FAILED task is polled in the background for failedPollWindowMs, then kept as a recent entry
//     ('idle', no requests); SUCCESSFUL and idle entries are recent entries, at most maxRecentEntries of them
//     (oldest hidden ones dropped); the persisted state holds at most maxPersisted tasks and when a FAILED one
//     was first seen FAILED, so a reload neither restarts its window nor polls one already past it; restore skips
//     the tasks of connections that no longer exist; untrackConnection forgets a connection.
//   - One action at a time: beginAction refuses a second action on a task until a snapshot fetched after the
//     first action's POST arrives (TaskSnapshot.pendingAction says which is pending).
import type { OcpErrorKind } from '../ocp/errors';
import { clampDelay } from '../ocp/timers';
import type { Task } from '../model/task';

/** Polling intervals; all in milliseconds. */
export interface TrackerSettings {
  /** While RUNNING and visible (OCP's console polls every second). */
  fastMs: number;
  /** While only tracked in the background, and for FAILED tasks. */
  slowMs: number;
  maxBackoffMs: number;
  backoffFactor: number;
  /** Gap between the first polls of tasks restored after a reload (avoids a burst). */
  restoreStaggerMs: number;
  /** How many fast polls resumeFast grants at most while waiting for the task to run again. */
  resumeFastPolls: number;
  /** How long a FAILED task that is not shown is still polled (slowly) after it was first seen FAILED. */
  failedPollWindowMs: number;
  /** Recent entries kept (SUCCESSFUL, and FAILED past their window): not polled; the oldest hidden ones go. */
  maxRecentEntries: number;
  /** Tasks in the persisted state at most (active ones first, then the newest recent ones). */
  maxPersisted: number;
}

/** The floors the package.json schema promises (and the tracker enforces whatever it is given). */
export const TRACKER_FLOORS = { fastMs: 250, slowMs: 1000 } as const;

export const DEFAULT_TRACKER_SETTINGS: Readonly<TrackerSettings> = {
  fastMs: 1000,
  slowMs: 15000,
  maxBackoffMs: 60000,
  backoffFactor: 1.5,
  restoreStaggerMs: 250,
  resumeFastPolls: 10,
  failedPollWindowMs: 30 * 60_000,
  maxRecentEntries: 50,
  maxPersisted: 200,
};

/** The timer functions the tracker uses (injectable for fake timers). */
export interface TrackerClock {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

/** Fetches the raw task JSON (`GET /api/v2/tasks/instances/{id}`'s `data`, or the whole envelope). */
export type FetchTask = (connectionId: string, taskId: number, signal: AbortSignal) => Promise<unknown>;

export interface TaskTrackerOptions {
  fetchTask: FetchTask;
  settings?: Partial<TrackerSettings>;
  clock?: TrackerClock;
  /** Called once per connection when OCP answers 401; polling of that connection stays stopped until resumeConnection. */
  onAuthFailure?: (connectionId: string) => void;
}

/**
 * polling: on its regular schedule; backoff: retrying after errors; rateLimited: waiting out a 429;
 * stopped:auth: stopped by a 401 on its connection; done: SUCCESSFUL, no more requests; idle: FAILED and past its
 * background polling window, kept as a recent entry (polled again when shown, refreshed or acted on).
 */
export type TrackState = 'polling' | 'backoff' | 'rateLimited' | 'stopped:auth' | 'done' | 'idle';

/** An action (retry, skip, rollback, cancel…) sent or being sent on a task. */
export interface PendingAction {
  kind: string;
  subtaskId?: number;
  /** True once the POST was sent (or its outcome is unknown); false while it is being confirmed. */
  sent: boolean;
}

/** Returned by beginAction: say whether the POST went out. */
export interface ActionTicket {
  /** The POST was sent (answered, or its outcome is unknown): actions stay refused until a newer snapshot. */
  sent(): void;
  /** Nothing was sent (cancelled, refused, failed before sending): actions are allowed again at once. */
  abandon(): void;
}

/** Everything known about one tracked task; emitted whole on every change (never a delta). */
export interface TaskSnapshot {
  connectionId: string;
  taskId: number;
  state: TrackState;
  /** The last successfully fetched task; undefined before the first success (e.g. right after a restore). */
  task?: Task;
  /** Raw status and name: from `task`, or from the persisted state before the first fetch. */
  lastStatus?: string;
  name?: string;
  visible: boolean;
  /** The last error, while state is backoff, rateLimited or stopped:auth. */
  error?: unknown;
  consecutiveErrors: number;
  /** Clock time of the next scheduled poll, if any. */
  nextPollAt?: number;
  /** Clock time of the last successful fetch. */
  updatedAt?: number;
  /** An action on this task that is being confirmed or waits for a newer snapshot; further actions are refused. */
  pendingAction?: PendingAction;
}

/** A failed poll. */
export interface TrackerErrorEvent {
  connectionId: string;
  taskId: number;
  error: unknown;
  consecutiveErrors: number;
  /** Delay before the next attempt; undefined when polling stopped (401). */
  retryInMs?: number;
}

/** What survives a window reload: plain JSON. */
export interface TrackedState {
  version: 1;
  /** At most maxPersisted (active tasks first, then the newest recent ones). */
  /** failedSince: clock time a FAILED task was first seen FAILED (its background window goes on after a reload). */
  tasks: { connectionId: string; taskId: number; status?: string; name?: string; failedSince?: number }[];
}

/** Counters for tests and benchmarks. */
export interface TrackerStats {
  requests: number;
  errors: number;
  /** Highest number of simultaneous requests seen for a single task (must stay 1). */
  maxInFlightPerTask: number;
  /** Requests started for a task already known SUCCESSFUL (must stay 0). */
  requestsAfterEnd: number;
  /** Smallest gap between two request starts of one task, except right after an action (must stay ≥ fastMs). */
  minGapMs?: number;
  inFlight: number;
}

export interface Disposable {
  dispose(): void;
}

export interface Entry {
  connectionId: string;
  taskId: number;
  visible: boolean;
  state: TrackState;
  task?: Task;
  lastStatus?: string;
  name?: string;
  error?: unknown;
  errors: number;
  timer?: unknown;
  dueAt?: number;
  request?: AbortController;
  inFlight: number;
  /** A poll was asked for while a request was in flight: poll again as soon as it ends. */
  again: boolean;
  /** That poll was asked for by an action just sent (it may come sooner than fastMs). */
  againAfterAction?: boolean;
  boost: number;
  lastEndAt?: number;
  lastStartAt?: number;
  updatedAt?: number;
  /** Clock time the task was first seen FAILED (in this run of FAILED). */
  failedSince?: number;
  /** Sequence number of the request in flight / of the last one started. */
  seq: number;
  action?: { kind: string; subtaskId?: number; sentSeq?: number; id: number };
  /** Clock time it became a recent entry (done or idle), for eviction order. */
  recentSince?: number;
}

export function errorKind(err: unknown): OcpErrorKind | undefined {
  if (err === null || typeof err !== 'object') return undefined;
  const kind = (err as { kind?: unknown }).kind;
  if (typeof kind === 'string') return kind as OcpErrorKind;
  return (err as { name?: unknown }).name === 'AbortError' ? 'cancelled' : undefined;
}

/** A finite number, else the default: a workspace may set "fast" or NaN. */
export function num(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

/** Settings made sane: non-finite values become the defaults, intervals clamp to their floors and to timer range. */
export function sanitizeTrackerSettings(s: Partial<TrackerSettings>): TrackerSettings {
  const d = DEFAULT_TRACKER_SETTINGS;
  const fastMs = clampDelay(Math.max(TRACKER_FLOORS.fastMs, num(s.fastMs, d.fastMs)));
  const slowMs = clampDelay(Math.max(TRACKER_FLOORS.slowMs, fastMs, num(s.slowMs, d.slowMs)));
  return {
    fastMs,
    slowMs,
    maxBackoffMs: clampDelay(Math.max(slowMs, num(s.maxBackoffMs, d.maxBackoffMs))),
    backoffFactor: Math.min(10, Math.max(1, num(s.backoffFactor, d.backoffFactor))),
    restoreStaggerMs: clampDelay(Math.max(0, num(s.restoreStaggerMs, d.restoreStaggerMs))),
    resumeFastPolls: Math.min(1000, Math.max(0, Math.floor(num(s.resumeFastPolls, d.resumeFastPolls)))),
    failedPollWindowMs: clampDelay(Math.max(0, num(s.failedPollWindowMs, d.failedPollWindowMs))),
    maxRecentEntries: Math.min(10_000, Math.max(0, Math.floor(num(s.maxRecentEntries, d.maxRecentEntries)))),
    maxPersisted: Math.min(10_000, Math.max(1, Math.floor(num(s.maxPersisted, d.maxPersisted)))),
  };
}

export function sanitize(s: Partial<TrackerSettings>): TrackerSettings {
  return sanitizeTrackerSettings(s);
}

export const systemClock: TrackerClock = {
  setTimeout: (fn, ms) => setTimeout(fn, clampDelay(ms)),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

export function stripUndefined<T extends object>(o: T | undefined): Partial<T> {
  const out: Partial<T> = {};
  if (!o) return out;
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

export function key(connectionId: string, taskId: number): string {
  return `${connectionId}\u0000${taskId}`;
}

/** Calls a listener; a throwing listener must not break polling, so its error is rethrown asynchronously. */
export function call<T>(listener: (v: T) => void, value: T): void {
  try {
    listener(value);
  } catch (err) {
    queueMicrotask(() => {
      throw err;
    });
  }
}

/** The tracked tasks as plain JSON: active ones first, then the most recent; at most `max`. */
export function serializeEntries(all: Entry[], max: number): TrackedState {
  const active = all.filter((e) => e.recentSince === undefined);
  const recent = all.filter((e) => e.recentSince !== undefined).sort((a, b) => (b.recentSince ?? 0) - (a.recentSince ?? 0));
  const keep = new Set([...active, ...recent].slice(0, max));
  return {
    version: 1,
    tasks: all.filter((e) => keep.has(e)).map((e) => ({
      connectionId: e.connectionId,
      taskId: e.taskId,
      ...(e.lastStatus !== undefined ? { status: e.lastStatus } : {}),
      ...(e.name !== undefined ? { name: e.name.slice(0, 500) } : {}),
      ...(e.failedSince !== undefined && e.lastStatus?.toUpperCase() === 'FAILED' ? { failedSince: e.failedSince } : {}),
    })),
  };
}

/** One well-formed item of a persisted state (bounded strings), or nothing. */
export interface PersistedItem { connectionId: string; taskId: number; status?: string; name?: string; failedSince?: number }

/** The well-formed items of a persisted state, at most `max`; malformed ones are dropped. */
export function parsePersisted(state: unknown, max: number): PersistedItem[] {
  if (state === null || typeof state !== 'object') return [];
  const items = (state as { tasks?: unknown }).tasks;
  if (!Array.isArray(items)) return [];
  const out: PersistedItem[] = [];
  for (const item of items.slice(0, max)) {
    if (item === null || typeof item !== 'object') continue;
    const { connectionId, taskId, status, name, failedSince } = item as Record<string, unknown>;
    if (typeof connectionId !== 'string' || connectionId.length > 500 || typeof taskId !== 'number' || !Number.isFinite(taskId)) continue;
    out.push({
      connectionId, taskId,
      ...(typeof status === 'string' ? { status: status.slice(0, 50) } : {}),
      ...(typeof name === 'string' ? { name: name.slice(0, 500) } : {}),
      ...(typeof failedSince === 'number' && Number.isFinite(failedSince) ? { failedSince } : {}),
    });
  }
  return out;
}

/** What a snapshot says about a pending action (see TaskTracker.beginAction). */
export function pendingOf(e: Entry | undefined): PendingAction | undefined {
  return e?.action && { kind: e.action.kind, ...(e.action.subtaskId !== undefined ? { subtaskId: e.action.subtaskId } : {}), sent: e.action.sentSeq !== undefined };
}

/** A task's snapshot as listeners get it. */
export function snapshotOf(e: Entry): TaskSnapshot {
  return {
    connectionId: e.connectionId,
    taskId: e.taskId,
    state: e.state,
    task: e.task,
    lastStatus: e.lastStatus,
    name: e.name,
    visible: e.visible,
    error: e.state === 'polling' || e.state === 'done' ? undefined : e.error,
    consecutiveErrors: e.errors,
    nextPollAt: e.dueAt,
    updatedAt: e.updatedAt,
    ...(e.action ? { pendingAction: pendingOf(e) } : {}),
  };
}

/** The oldest recent entries past `max`, never one shown in a panel or with an action pending. */
export function recentToDrop(all: Entry[], max: number): Entry[] {
  const recent = all.filter((e) => e.recentSince !== undefined).sort((a, b) => (a.recentSince ?? 0) - (b.recentSince ?? 0));
  let excess = recent.length - max;
  const out: Entry[] = [];
  for (const e of recent) {
    if (excess <= 0) break;
    if (e.visible || e.action) continue;
    out.push(e);
    excess--;
  }
  return out;
}

/** The ticket of action `id` on entry `e`: sent() once the POST went out (then `on.sent`), abandon() if it did not. */
export function actionTicket(e: Entry, id: number, on: { sent(): void; abandoned(): void }): ActionTicket {
  return {
    sent: () => {
      if (e.action?.id !== id || e.action.sentSeq !== undefined) return;
      e.action.sentSeq = e.seq; // any request started from now on has a higher seq
      on.sent();
    },
    abandon: () => {
      if (e.action?.id !== id || e.action.sentSeq !== undefined) return;
      e.action = undefined;
      on.abandoned();
    },
  };
}
