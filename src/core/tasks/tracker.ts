// The task tracker (DESIGN.md §6): one instance polls every tracked task of every connection, at most one
// request in flight per task, the next poll scheduled only when the previous one ended. The polling rules
// (intervals, backoff, 429, 401, pruning, one action at a time) are listed at the top of state.ts.
// It knows nothing of HTTP: it is given a fetchTask function and, for tests, a clock.

import { clampDelay, MAX_SERVER_WAIT_MS } from '../ocp/timers';
import { normalizeTask, Task } from '../model/task';
import {
  DEFAULT_TRACKER_SETTINGS, actionTicket, call, errorKind, key, parsePersisted, pendingOf, recentToDrop, sanitize,
  serializeEntries, snapshotOf, stripUndefined, systemClock,
  type FetchTask,
  type ActionTicket, type Disposable, type Entry, type PendingAction, type TaskSnapshot, type TaskTrackerOptions,
  type TrackedState, type TrackerClock, type TrackerErrorEvent, type TrackerSettings, type TrackerStats,
} from './state';

export {
  DEFAULT_TRACKER_SETTINGS, TRACKER_FLOORS, sanitizeTrackerSettings,
  type ActionTicket, type Disposable, type FetchTask, type PendingAction, type TaskSnapshot, type TaskTrackerOptions,
  type TrackState, type TrackedState, type TrackerClock, type TrackerErrorEvent, type TrackerSettings, type TrackerStats,
} from './state';
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
  private readonly counters: { requests: number; errors: number; maxInFlightPerTask: number; requestsAfterEnd: number; minGapMs?: number } = { requests: 0, errors: 0, maxInFlightPerTask: 0, requestsAfterEnd: 0 };
  private nextActionId = 1;
  private disposed = false;

  constructor(options: TaskTrackerOptions) {
    this.fetchTask = options.fetchTask;
    this.clock = options.clock ?? systemClock;
    this.onAuthFailure = options.onAuthFailure;
    this.settings = sanitize({ ...DEFAULT_TRACKER_SETTINGS, ...stripUndefined(options.settings) });
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
      if (t.id === taskId && t.status === 'SUCCESSFUL' && e.state === 'polling') this.becomeRecent(e, 'done');
    }
    if (e.state === 'polling') this.poll(e);
    this.emit(e);
    this.pruneRecent();
  }

  /** Forgets every task of a connection (removed, or its address changed): aborts their requests, no more polls. */
  untrackConnection(connectionId: string): void {
    for (const e of this.select(connectionId)) {
      this.halt(e);
      this.entries.delete(key(e.connectionId, e.taskId));
    }
    this.authStopped.delete(connectionId);
    this.rateLimitedUntil.delete(connectionId);
  }

  /**
   * Claims the one action slot of a task (tracking it if needed). Undefined when another action on it is
   * still being confirmed or waits for a snapshot fetched after its POST: the caller refuses the new one.
   */
  beginAction(connectionId: string, taskId: number, kind: string, subtaskId?: number): ActionTicket | undefined {
    if (this.disposed) return undefined;
    if (!this.entries.has(key(connectionId, taskId))) this.track(connectionId, taskId);
    const e = this.entries.get(key(connectionId, taskId));
    if (!e || e.action) return undefined;
    const id = this.nextActionId++;
    const entry = e;
    entry.action = { kind, subtaskId, id };
    this.emit(entry);
    return actionTicket(entry, id, {
      sent: () => {
        if (!this.entries.has(key(entry.connectionId, entry.taskId))) return;
        this.resumeFast(entry.connectionId, entry.taskId);
        this.emit(entry);
      },
      abandoned: () => this.emit(entry),
    });
  }

  /** The action pending on a task, if any (see beginAction). */
  pendingAction(connectionId: string, taskId: number): PendingAction | undefined {
    return pendingOf(this.entries.get(key(connectionId, taskId)));
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
    if (visible && e.state === 'idle') this.wake(e);
    if (visible) this.pullIn(e);
    this.emit(e);
    if (!visible) this.pruneRecent();
  }

  /** Polls now (one task, or every task of the connection), unless done, stopped or waiting out a 429. */
  refreshNow(connectionId: string, taskId?: number): void {
    for (const e of this.select(connectionId, taskId)) {
      if (e.state === 'done' || e.state === 'stopped:auth' || this.rateLimitDelay(e) > 0) continue;
      if (e.state === 'idle') {
        if (taskId === undefined) continue; // a connection-wide refresh leaves old failures alone
        this.wake(e);
      }
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
    if (e.state === 'idle') this.wake(e);
    e.failedSince = undefined;
    e.boost = this.settings.resumeFastPolls;
    e.errors = 0;
    if (this.rateLimitDelay(e) > 0) this.schedule(e, 0);
    else this.poll(e, true);
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
    this.settings = sanitize({ ...this.settings, ...stripUndefined(settings) });
    for (const e of this.entries.values()) {
      if (e.state !== 'polling' || e.request || e.lastEndAt === undefined) continue;
      const due = (e.lastEndAt ?? this.clock.now()) + this.interval(e);
      this.schedule(e, due - this.clock.now());
    }
  }

  /** The current snapshot of a tracked task. */
  get(connectionId: string, taskId: number): TaskSnapshot | undefined {
    const e = this.entries.get(key(connectionId, taskId));
    return e && snapshotOf(e);
  }

  /** Snapshots of every tracked task, in tracking order. */
  list(): TaskSnapshot[] {
    return [...this.entries.values()].map((e) => snapshotOf(e));
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
    return serializeEntries([...this.entries.values()], this.settings.maxPersisted);
  }

  /**
   * Tracks the tasks of a serialized state (malformed items are ignored). Tasks last seen SUCCESSFUL come back
   * as done without a request, and FAILED ones past their background window as idle without a request; the
   * others are polled, their first polls spaced by restoreStaggerMs. With `connections`, the tasks of any other
   * connection (removed while the window was closed) are dropped.
   */
  restore(state: unknown, opts: { connections?: Iterable<string> } = {}): void {
    if (this.disposed) return;
    const known = opts.connections ? new Set(opts.connections) : undefined;
    let slot = 0;
    for (const { connectionId, taskId, status, name, failedSince } of parsePersisted(state, this.settings.maxPersisted)) {
      if (this.entries.has(key(connectionId, taskId))) continue;
      if (known && !known.has(connectionId)) continue;
      const e = this.add(connectionId, taskId, false);
      if (status !== undefined) e.lastStatus = status;
      if (name !== undefined) e.name = name;
      // A task last seen FAILED before the reload had its background window then: one poll to see where it
      // stands, then idle unless shown (or a failedSince from the state says how much window is left).
      if (status?.toUpperCase() === 'FAILED') {
        const since = failedSince ?? -Infinity;
        e.failedSince = Math.max(Math.min(since, this.clock.now()), this.clock.now() - this.settings.failedPollWindowMs);
      }
      if (e.state === 'stopped:auth') {
        this.emit(e);
      } else if (status?.toUpperCase() === 'SUCCESSFUL') {
        this.becomeRecent(e, 'done');
        this.emit(e);
      } else if (failedSince !== undefined && e.failedSince !== undefined && this.clock.now() - e.failedSince >= this.settings.failedPollWindowMs) {
        // Past its background window before the reload: a recent entry again, polled when shown or refreshed.
        this.becomeRecent(e, 'idle');
        this.emit(e);
      } else {
        this.schedule(e, slot++ * this.settings.restoreStaggerMs);
        this.emit(e);
      }
    }
    this.pruneRecent();
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
      seq: 0,
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
    if (this.disposed || e.state === 'done' || e.state === 'stopped:auth' || e.state === 'idle') return;
    const delay = clampDelay(Math.max(0, clampDelay(delayMs), this.rateLimitDelay(e)));
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

  /** Polls now, unless a request is in flight (then right after it) or the last one started under fastMs ago. */
  private poll(e: Entry, afterAction = false): void {
    if (this.disposed || e.state === 'done' || e.state === 'stopped:auth' || e.state === 'idle') return;
    if (e.request) {
      e.again = true;
      if (afterAction) e.againAfterAction = true;
      return;
    }
    const now = this.clock.now();
    if (!afterAction && e.lastStartAt !== undefined && now - e.lastStartAt < this.settings.fastMs) {
      // Whatever asked (a refresh, an error answered at once, a 429 saying "0"), not sooner than fastMs.
      const due = e.lastStartAt + this.settings.fastMs;
      if (e.dueAt === undefined || e.dueAt > due) this.schedule(e, due - now);
      return;
    }
    this.clearTimer(e);
    const controller = new AbortController();
    e.request = controller;
    e.again = false;
    e.againAfterAction = false;
    e.inFlight++;
    e.seq++;
    if (e.lastStartAt !== undefined && !afterAction) {
      const gap = now - e.lastStartAt;
      this.counters.minGapMs = this.counters.minGapMs === undefined ? gap : Math.min(this.counters.minGapMs, gap);
    }
    e.lastStartAt = now;
    this.counters.requests++;
    this.counters.maxInFlightPerTask = Math.max(this.counters.maxInFlightPerTask, e.inFlight);
    if (e.lastStatus?.toUpperCase() === 'SUCCESSFUL') this.counters.requestsAfterEnd++;
    let pending: Promise<unknown>;
    try {
      pending = Promise.resolve(this.fetchTask(e.connectionId, e.taskId, controller.signal));
    } catch (err) {
      pending = Promise.reject(err);
    }
    const seq = e.seq;
    pending.then(
      (raw) => this.settle(e, controller, () => this.succeeded(e, raw, seq)),
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

  private succeeded(e: Entry, raw: unknown, seq: number): void {
    const t = normalizeTask(raw);
    if (t.id === -1) {
      this.failed(e, new Error(`OCP returned no usable task for id ${e.taskId}.`));
      return;
    }
    this.remember(e, t);
    const now = this.clock.now();
    e.updatedAt = now;
    e.errors = 0;
    e.error = undefined;
    // A snapshot fetched after an action's POST ends that action's hold.
    if (e.action?.sentSeq !== undefined && seq > e.action.sentSeq) e.action = undefined;
    if (t.status === 'SUCCESSFUL') {
      this.becomeRecent(e, 'done');
      e.boost = 0;
      this.clearTimer(e);
      this.emit(e);
      this.pruneRecent();
      return;
    }
    e.state = 'polling';
    if (t.status === 'FAILED') e.failedSince ??= now;
    else e.failedSince = undefined;
    if (e.boost > 0) e.boost = t.status === 'RUNNING' ? 0 : e.boost - 1;
    if (t.status === 'FAILED' && !e.visible && e.boost === 0 && !e.again && !e.action && now - (e.failedSince ?? now) >= this.settings.failedPollWindowMs) {
      // Polled long enough in the background: kept as a recent entry until shown, refreshed or acted on.
      this.becomeRecent(e, 'idle');
      this.clearTimer(e);
      this.emit(e);
      this.pruneRecent();
      return;
    }
    if (e.again) this.poll(e, e.againAfterAction);
    else this.schedule(e, this.interval(e));
    this.emit(e);
  }

  /** Marks an entry done or idle: no more requests, and it counts as a recent entry. */
  private becomeRecent(e: Entry, state: 'done' | 'idle'): void {
    e.state = state;
    e.recentSince = this.clock.now();
  }

  /** Back from idle to polling (shown, refreshed, acted on); its background window starts again. */
  private wake(e: Entry): void {
    e.state = 'polling';
    e.recentSince = undefined;
    e.failedSince = undefined;
  }

  /** Drops the oldest recent entries beyond maxRecentEntries (never one shown in a panel or with an action pending). */
  private pruneRecent(): void {
    for (const e of recentToDrop([...this.entries.values()], this.settings.maxRecentEntries)) {
      this.halt(e);
      this.entries.delete(key(e.connectionId, e.taskId));
    }
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
      // Never sooner than the interval (a "0" or a garbage reset), never longer than 15 minutes (an epoch misread).
      delay = typeof retryAfter === 'number' && Number.isFinite(retryAfter) && retryAfter > 0
        ? Math.max(this.interval(e), Math.min(MAX_SERVER_WAIT_MS, clampDelay(retryAfter)))
        : this.backoff(e, e.errors + 1);
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
    if (e.again && kind !== 'rateLimited') this.poll(e, e.againAfterAction);
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

  private emit(e: Entry): void {
    if (this.snapshotListeners.size === 0) return;
    const s = snapshotOf(e);
    for (const l of [...this.snapshotListeners]) call(l, s);
  }

  private emitError(ev: TrackerErrorEvent): void {
    for (const l of [...this.errorListeners]) call(l, ev);
  }
}

