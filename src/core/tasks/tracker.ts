// The task tracker (DESIGN.md §6): one instance polls every tracked task of every connection.
// Per task at most one request is in flight; the next poll is scheduled only when the previous one ended.
//   - RUNNING (or not yet known) and visible in a panel: fastMs; otherwise slowMs. FAILED: slowMs, so a retry
//     made elsewhere is noticed. SUCCESSFUL: a final snapshot, then no request ever again.
//   - resumeFast (after retry/skip/rollback/cancel): poll now, then fast until the task is seen RUNNING again
//     (at most `resumeFastPolls` polls), then the usual rule.
//   - Errors back off by backoffFactor from the current interval, capped at maxBackoffMs. A 429 delays every
//     task of that connection by retryAfterMs. A 401 stops every task of that connection and calls
//     onAuthFailure once, until resumeConnection().
// It knows nothing of HTTP: it is given a fetchTask function and, for tests, a clock.

import type { OcpErrorKind } from '../ocp/errors';
import { normalizeTask, Task } from '../model/task';

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
}

export const DEFAULT_TRACKER_SETTINGS: Readonly<TrackerSettings> = {
  fastMs: 1000,
  slowMs: 15000,
  maxBackoffMs: 60000,
  backoffFactor: 1.5,
  restoreStaggerMs: 250,
  resumeFastPolls: 10,
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
 * stopped:auth: stopped by a 401 on its connection; done: SUCCESSFUL, no more requests.
 */
export type TrackState = 'polling' | 'backoff' | 'rateLimited' | 'stopped:auth' | 'done';

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
  tasks: { connectionId: string; taskId: number; status?: string; name?: string }[];
}

/** Counters for tests and benchmarks. */
export interface TrackerStats {
  requests: number;
  errors: number;
  /** Highest number of simultaneous requests seen for a single task (must stay 1). */
  maxInFlightPerTask: number;
  /** Requests started for a task already known SUCCESSFUL (must stay 0). */
  requestsAfterEnd: number;
  inFlight: number;
}

export interface Disposable {
  dispose(): void;
}

interface Entry {
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
  boost: number;
  lastEndAt?: number;
  updatedAt?: number;
}

function errorKind(err: unknown): OcpErrorKind | undefined {
  if (err === null || typeof err !== 'object') return undefined;
  const kind = (err as { kind?: unknown }).kind;
  if (typeof kind === 'string') return kind as OcpErrorKind;
  return (err as { name?: unknown }).name === 'AbortError' ? 'cancelled' : undefined;
}

function sanitize(s: TrackerSettings): TrackerSettings {
  const fastMs = Math.max(100, s.fastMs);
  const slowMs = Math.max(fastMs, s.slowMs);
  return {
    fastMs,
    slowMs,
    maxBackoffMs: Math.max(slowMs, s.maxBackoffMs),
    backoffFactor: Math.max(1, s.backoffFactor),
    restoreStaggerMs: Math.max(0, s.restoreStaggerMs),
    resumeFastPolls: Math.max(0, Math.floor(s.resumeFastPolls)),
  };
}

const systemClock: TrackerClock = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

/** Polls tracked OCP tasks and reports whole-task snapshots. */
export class TaskTracker implements Disposable {
  private settings: TrackerSettings;
  private readonly clock: TrackerClock;
  private readonly fetchTask: FetchTask;
  private readonly onAuthFailure?: (connectionId: string) => void;
  private readonly entries = new Map<string, Entry>();
  private readonly authStopped = new Set<string>();
  private readonly rateLimitedUntil = new Map<string, number>();
  private readonly snapshotListeners = new Set<(s: TaskSnapshot) => void>();
  private readonly errorListeners = new Set<(e: TrackerErrorEvent) => void>();
  private readonly counters = { requests: 0, errors: 0, maxInFlightPerTask: 0, requestsAfterEnd: 0 };
  private disposed = false;

  constructor(options: TaskTrackerOptions) {
    this.fetchTask = options.fetchTask;
    this.clock = options.clock ?? systemClock;
    this.onAuthFailure = options.onAuthFailure;
    this.settings = sanitize({ ...DEFAULT_TRACKER_SETTINGS, ...options.settings });
  }

  /** Starts tracking a task (polls it now). `initial` is a task payload already in hand, e.g. from the POST. */
  track(connectionId: string, taskId: number, opts: { visible?: boolean; initial?: unknown } = {}): void {
    if (this.disposed) return;
    const existing = this.entries.get(key(connectionId, taskId));
    if (existing) {
      if (opts.visible !== undefined) this.setVisible(connectionId, taskId, opts.visible);
      return;
    }
    const e = this.add(connectionId, taskId, opts.visible ?? false);
    if (opts.initial !== undefined) {
      const t = normalizeTask(opts.initial);
      if (t.id === taskId) this.remember(e, t);
      if (t.id === taskId && t.status === 'SUCCESSFUL' && e.state === 'polling') e.state = 'done';
    }
    if (e.state === 'polling') this.poll(e);
    this.emit(e);
  }

  /** Stops tracking a task and aborts its request, if any. */
  untrack(connectionId: string, taskId: number): void {
    const e = this.entries.get(key(connectionId, taskId));
    if (!e) return;
    this.halt(e);
    this.entries.delete(key(connectionId, taskId));
  }

  /** Marks a task as shown (or no longer shown) in a panel; tracks it if needed. Visible running tasks poll fast. */
  setVisible(connectionId: string, taskId: number, visible: boolean): void {
    const e = this.entries.get(key(connectionId, taskId));
    if (!e) {
      if (visible) this.track(connectionId, taskId, { visible });
      return;
    }
    if (e.visible === visible) return;
    e.visible = visible;
    if (visible) this.pullIn(e);
    this.emit(e);
  }

  /** Polls now (one task, or every task of the connection), unless done, stopped or waiting out a 429. */
  refreshNow(connectionId: string, taskId?: number): void {
    for (const e of this.select(connectionId, taskId)) {
      if (e.state === 'done' || e.state === 'stopped:auth' || this.rateLimitDelay(e) > 0) continue;
      this.poll(e);
    }
  }

  /** After retry/skip/rollback/cancel: polls now and fast until the task runs again. Tracks it if needed. */
  resumeFast(connectionId: string, taskId: number): void {
    const e = this.entries.get(key(connectionId, taskId));
    if (!e) {
      this.track(connectionId, taskId);
      const added = this.entries.get(key(connectionId, taskId));
      if (added) added.boost = this.settings.resumeFastPolls;
      return;
    }
    if (e.state === 'done' || e.state === 'stopped:auth') return;
    e.boost = this.settings.resumeFastPolls;
    e.errors = 0;
    if (this.rateLimitDelay(e) > 0) this.schedule(e, 0);
    else this.poll(e);
  }

  /** Restarts polling of a connection stopped by a 401 (after the user fixed the credentials). */
  resumeConnection(connectionId: string): void {
    if (!this.authStopped.delete(connectionId)) return;
    for (const e of this.select(connectionId)) {
      if (e.state !== 'stopped:auth') continue;
      e.state = 'polling';
      e.errors = 0;
      e.error = undefined;
      this.poll(e);
    }
  }

  /** Changes intervals at runtime; pending polls are rescheduled from the end of their last request. */
  updateSettings(settings: Partial<TrackerSettings>): void {
    this.settings = sanitize({ ...this.settings, ...settings });
    for (const e of this.entries.values()) {
      if (e.state !== 'polling' || e.request || e.lastEndAt === undefined) continue;
      const due = (e.lastEndAt ?? this.clock.now()) + this.interval(e);
      this.schedule(e, due - this.clock.now());
    }
  }

  /** The current snapshot of a tracked task. */
  get(connectionId: string, taskId: number): TaskSnapshot | undefined {
    const e = this.entries.get(key(connectionId, taskId));
    return e && this.snapshotOf(e);
  }

  /** Snapshots of every tracked task, in tracking order. */
  list(): TaskSnapshot[] {
    return [...this.entries.values()].map((e) => this.snapshotOf(e));
  }

  /** Called with a whole snapshot after every poll and every state change. */
  onSnapshot(listener: (s: TaskSnapshot) => void): Disposable {
    this.snapshotListeners.add(listener);
    return { dispose: () => this.snapshotListeners.delete(listener) };
  }

  /** Called for every failed poll. */
  onError(listener: (e: TrackerErrorEvent) => void): Disposable {
    this.errorListeners.add(listener);
    return { dispose: () => this.errorListeners.delete(listener) };
  }

  /** The tracked tasks as plain JSON, for workspace/global state. */
  serialize(): TrackedState {
    return {
      version: 1,
      tasks: [...this.entries.values()].map((e) => ({
        connectionId: e.connectionId,
        taskId: e.taskId,
        ...(e.lastStatus !== undefined ? { status: e.lastStatus } : {}),
        ...(e.name !== undefined ? { name: e.name } : {}),
      })),
    };
  }

  /**
   * Tracks the tasks of a serialized state (malformed items are ignored). Tasks last seen SUCCESSFUL come back
   * as done without a request; the others are polled, their first polls spaced by restoreStaggerMs.
   */
  restore(state: unknown): void {
    if (this.disposed || state === null || typeof state !== 'object') return;
    const items = (state as { tasks?: unknown }).tasks;
    if (!Array.isArray(items)) return;
    let slot = 0;
    for (const item of items) {
      if (item === null || typeof item !== 'object') continue;
      const { connectionId, taskId, status, name } = item as Record<string, unknown>;
      if (typeof connectionId !== 'string' || typeof taskId !== 'number' || !Number.isFinite(taskId)) continue;
      if (this.entries.has(key(connectionId, taskId))) continue;
      const e = this.add(connectionId, taskId, false);
      if (typeof status === 'string') e.lastStatus = status;
      if (typeof name === 'string') e.name = name;
      if (e.state === 'stopped:auth') {
        this.emit(e);
      } else if (typeof status === 'string' && status.toUpperCase() === 'SUCCESSFUL') {
        e.state = 'done';
        this.emit(e);
      } else {
        this.schedule(e, slot++ * this.settings.restoreStaggerMs);
        this.emit(e);
      }
    }
  }

  /** Request counters. */
  stats(): TrackerStats {
    let inFlight = 0;
    for (const e of this.entries.values()) inFlight += e.inFlight;
    return { ...this.counters, inFlight };
  }

  /** Stops everything: timers, requests, listeners. */
  dispose(): void {
    this.disposed = true;
    for (const e of this.entries.values()) this.halt(e);
    this.entries.clear();
    this.snapshotListeners.clear();
    this.errorListeners.clear();
  }

  private add(connectionId: string, taskId: number, visible: boolean): Entry {
    const e: Entry = {
      connectionId,
      taskId,
      visible,
      state: this.authStopped.has(connectionId) ? 'stopped:auth' : 'polling',
      errors: 0,
      inFlight: 0,
      again: false,
      boost: 0,
    };
    this.entries.set(key(connectionId, taskId), e);
    return e;
  }

  private select(connectionId: string, taskId?: number): Entry[] {
    if (taskId !== undefined) {
      const e = this.entries.get(key(connectionId, taskId));
      return e ? [e] : [];
    }
    return [...this.entries.values()].filter((e) => e.connectionId === connectionId);
  }

  private remember(e: Entry, t: Task): void {
    e.task = t;
    e.lastStatus = t.rawStatus;
    e.name = t.name || e.name;
  }

  /** The regular interval for a task in its current status and visibility. */
  private interval(e: Entry): number {
    const fast = e.boost > 0 || (e.visible && e.task?.status !== 'FAILED');
    return fast ? this.settings.fastMs : this.settings.slowMs;
  }

  private rateLimitDelay(e: Entry): number {
    return Math.max(0, (this.rateLimitedUntil.get(e.connectionId) ?? 0) - this.clock.now());
  }

  private schedule(e: Entry, delayMs: number): void {
    this.clearTimer(e);
    if (this.disposed || e.state === 'done' || e.state === 'stopped:auth') return;
    const delay = Math.max(0, delayMs, this.rateLimitDelay(e));
    e.dueAt = this.clock.now() + delay;
    e.timer = this.clock.setTimeout(() => {
      e.timer = undefined;
      e.dueAt = undefined;
      this.poll(e);
    }, delay);
  }

  /** Brings the next poll forward to the regular interval after the last request (used when shown). */
  private pullIn(e: Entry): void {
    if (e.state !== 'polling' || e.request) return;
    const due = (e.lastEndAt ?? -Infinity) + this.interval(e);
    if (e.dueAt === undefined || due < e.dueAt) this.schedule(e, due - this.clock.now());
  }

  private clearTimer(e: Entry): void {
    if (e.timer !== undefined) this.clock.clearTimeout(e.timer);
    e.timer = undefined;
    e.dueAt = undefined;
  }

  private halt(e: Entry): void {
    this.clearTimer(e);
    if (e.request) {
      const r = e.request;
      e.request = undefined;
      e.inFlight--;
      r.abort();
    }
  }

  private poll(e: Entry): void {
    if (this.disposed || e.state === 'done' || e.state === 'stopped:auth') return;
    if (e.request) {
      e.again = true;
      return;
    }
    this.clearTimer(e);
    const controller = new AbortController();
    e.request = controller;
    e.again = false;
    e.inFlight++;
    this.counters.requests++;
    this.counters.maxInFlightPerTask = Math.max(this.counters.maxInFlightPerTask, e.inFlight);
    if (e.lastStatus?.toUpperCase() === 'SUCCESSFUL') this.counters.requestsAfterEnd++;
    let pending: Promise<unknown>;
    try {
      pending = Promise.resolve(this.fetchTask(e.connectionId, e.taskId, controller.signal));
    } catch (err) {
      pending = Promise.reject(err);
    }
    pending.then(
      (raw) => this.settle(e, controller, () => this.succeeded(e, raw)),
      (err) => this.settle(e, controller, () => this.failed(e, err)),
    );
  }

  private settle(e: Entry, controller: AbortController, then: () => void): void {
    if (e.request !== controller || this.disposed) return; // aborted or superseded
    e.request = undefined;
    e.inFlight--;
    e.lastEndAt = this.clock.now();
    then();
  }

  private succeeded(e: Entry, raw: unknown): void {
    const t = normalizeTask(raw);
    if (t.id === -1) {
      this.failed(e, new Error(`OCP returned no usable task for id ${e.taskId}.`));
      return;
    }
    this.remember(e, t);
    e.updatedAt = this.clock.now();
    e.errors = 0;
    e.error = undefined;
    if (t.status === 'SUCCESSFUL') {
      e.state = 'done';
      e.boost = 0;
      this.clearTimer(e);
      this.emit(e);
      return;
    }
    e.state = 'polling';
    if (e.boost > 0) e.boost = t.status === 'RUNNING' ? 0 : e.boost - 1;
    if (e.again) this.poll(e);
    else this.schedule(e, this.interval(e));
    this.emit(e);
  }

  private failed(e: Entry, err: unknown): void {
    this.counters.errors++;
    e.error = err;
    const kind = errorKind(err);
    if (kind === 'auth') {
      this.emitError({ connectionId: e.connectionId, taskId: e.taskId, error: err, consecutiveErrors: e.errors });
      this.stopConnection(e.connectionId, err);
      return;
    }
    let delay: number;
    if (kind === 'rateLimited') {
      const retryAfter = (err as { retryAfterMs?: unknown }).retryAfterMs;
      delay = typeof retryAfter === 'number' && retryAfter > 0 ? retryAfter : this.backoff(e, e.errors + 1);
      const until = this.clock.now() + delay;
      this.rateLimitedUntil.set(e.connectionId, Math.max(until, this.rateLimitedUntil.get(e.connectionId) ?? 0));
      e.state = 'rateLimited';
      for (const other of this.select(e.connectionId)) {
        if (other !== e && other.dueAt !== undefined && other.dueAt < until) this.schedule(other, 0);
      }
    } else {
      e.errors++;
      delay = this.backoff(e, e.errors);
      e.state = 'backoff';
    }
    if (e.again && kind !== 'rateLimited') this.poll(e);
    else this.schedule(e, delay);
    this.emitError({ connectionId: e.connectionId, taskId: e.taskId, error: err, consecutiveErrors: e.errors, retryInMs: delay });
    this.emit(e);
  }

  /** Delay after `errors` consecutive failures: the interval × factor^errors, capped, never below the interval. */
  private backoff(e: Entry, errors: number): number {
    const base = this.interval(e);
    const grown = base * Math.pow(this.settings.backoffFactor, Math.max(1, errors));
    return Math.round(Math.max(base, Math.min(this.settings.maxBackoffMs, grown)));
  }

  private stopConnection(connectionId: string, err: unknown): void {
    const first = !this.authStopped.has(connectionId);
    this.authStopped.add(connectionId);
    for (const e of this.select(connectionId)) {
      this.halt(e);
      if (e.state === 'done') continue;
      e.state = 'stopped:auth';
      e.error = err;
      e.again = false;
      this.emit(e);
    }
    if (first && this.onAuthFailure) call(this.onAuthFailure, connectionId);
  }

  private snapshotOf(e: Entry): TaskSnapshot {
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
    };
  }

  private emit(e: Entry): void {
    if (this.snapshotListeners.size === 0) return;
    const s = this.snapshotOf(e);
    for (const l of [...this.snapshotListeners]) call(l, s);
  }

  private emitError(ev: TrackerErrorEvent): void {
    for (const l of [...this.errorListeners]) call(l, ev);
  }
}

function key(connectionId: string, taskId: number): string {
  return `${connectionId}\u0000${taskId}`;
}

/** Calls a listener; a throwing listener must not break polling, so its error is rethrown asynchronously. */
function call<T>(listener: (v: T) => void, value: T): void {
  try {
    listener(value);
  } catch (err) {
    queueMicrotask(() => {
      throw err;
    });
  }
}
