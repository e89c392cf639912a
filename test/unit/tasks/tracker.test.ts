import * as assert from 'node:assert/strict';
import FakeTimers from '@sinonjs/fake-timers';
import { OcpError, OcpErrorKind } from '../../../src/core/ocp/errors';
import { TaskSnapshot, TaskTracker, TrackerErrorEvent, TrackerSettings } from '../../../src/core/tasks/tracker';
import { chain } from '../builders';

/** What the fake OCP answers to one poll. */
interface Reply {
  status?: string;
  raw?: unknown;
  error?: unknown;
  /** Answer after this many (fake) ms. */
  delay?: number;
}

interface Call {
  conn: string;
  id: number;
  at: number;
  signal: AbortSignal;
}

type Responder = (conn: string, id: number, n: number) => Reply;

function ocpError(kind: OcpErrorKind, extra: { status?: number; retryAfterMs?: number } = {}): OcpError {
  return new OcpError({ kind, message: kind, ...extra });
}

function setup(respond: Responder, settings: Partial<TrackerSettings> = {}) {
  const clock = FakeTimers.createClock(0);
  const calls: Call[] = [];
  const snapshots: TaskSnapshot[] = [];
  const errors: TrackerErrorEvent[] = [];
  const authFailures: string[] = [];
  const counts = new Map<string, number>();
  let responder = respond;
  const tracker = new TaskTracker({
    fetchTask: (conn, id, signal) => {
      calls.push({ conn, id, at: clock.now, signal });
      const k = `${conn}/${id}`;
      const n = counts.get(k) ?? 0;
      counts.set(k, n + 1);
      const r = responder(conn, id, n);
      const value = () => r.raw ?? chain(3).id(id).status(r.status ?? 'RUNNING').build();
      if (r.delay === undefined) return r.error !== undefined ? Promise.reject(r.error) : Promise.resolve(value());
      return new Promise((resolve, reject) => {
        clock.setTimeout(() => (r.error !== undefined ? reject(r.error) : resolve(value())), r.delay!);
      });
    },
    settings,
    clock: { setTimeout: (fn, ms) => clock.setTimeout(fn, ms), clearTimeout: (h) => clock.clearTimeout(h as never), now: () => clock.now },
    onAuthFailure: (conn) => authFailures.push(conn),
  });
  tracker.onSnapshot((s) => snapshots.push(s));
  tracker.onError((e) => errors.push(e));
  return {
    clock,
    tracker,
    calls,
    snapshots,
    errors,
    authFailures,
    /** Times of the calls for one task. */
    times: (id: number, conn = 'A') => calls.filter((c) => c.id === id && c.conn === conn).map((c) => c.at),
    setResponder: (r: Responder) => (responder = r),
    tick: (ms: number) => clock.tickAsync(ms),
  };
}

const running: Responder = () => ({ status: 'RUNNING' });
const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]);

describe('tracker: schedule', () => {
  it('polls a running visible task every fastMs, from the end of each request', async () => {
    const h = setup(running);
    h.tracker.track('A', 1, { visible: true });
    await h.tick(5000);
    assert.deepEqual(h.times(1), [0, 1000, 2000, 3000, 4000, 5000]);
    assert.equal(h.tracker.get('A', 1)?.state, 'polling');
  });

  it('polls a task that is only tracked every slowMs', async () => {
    const h = setup(running);
    h.tracker.track('A', 1);
    await h.tick(40000);
    assert.deepEqual(h.times(1), [0, 15000, 30000]);
  });

  it('switches to fast when shown and back to slow when hidden', async () => {
    const h = setup(running);
    h.tracker.track('A', 1);
    await h.tick(2000);
    h.tracker.setVisible('A', 1, true); // last request ended at 0, so it is already due
    await h.tick(1500);
    assert.deepEqual(h.times(1), [0, 2000, 3000]);
    h.tracker.setVisible('A', 1, false);
    await h.tick(20000);
    assert.deepEqual(h.times(1), [0, 2000, 3000, 4000, 19000]);
  });

  it('does not poll earlier than fastMs after the last request when shown', async () => {
    const h = setup(running);
    h.tracker.track('A', 1);
    await h.tick(300);
    h.tracker.setVisible('A', 1, true);
    await h.tick(1800);
    assert.deepEqual(h.times(1), [0, 1000, 2000]);
  });

  it('applies new intervals at runtime', async () => {
    const h = setup(running);
    h.tracker.track('A', 1, { visible: true });
    await h.tick(1000);
    h.tracker.updateSettings({ fastMs: 400 });
    await h.tick(1200);
    assert.deepEqual(h.times(1), [0, 1000, 1400, 1800, 2200]);
    h.tracker.setVisible('A', 1, false);
    h.tracker.updateSettings({ slowMs: 5000 });
    await h.tick(11000);
    assert.deepEqual(h.times(1).slice(4), [2200, 7200, 12200]);
  });
});

describe('tracker: end states and actions', () => {
  it('stops at SUCCESSFUL with a final snapshot and no request afterwards', async () => {
    const h = setup((_c, _id, n) => ({ status: n < 2 ? 'RUNNING' : 'SUCCESSFUL' }));
    h.tracker.track('A', 1, { visible: true });
    await h.tick(600000);
    assert.deepEqual(h.times(1), [0, 1000, 2000]);
    const last = h.snapshots[h.snapshots.length - 1];
    assert.equal(last.state, 'done');
    assert.equal(last.task?.status, 'SUCCESSFUL');
    assert.equal(last.nextPollAt, undefined);
    h.tracker.refreshNow('A', 1);
    h.tracker.resumeFast('A', 1);
    h.tracker.setVisible('A', 1, false);
    h.tracker.setVisible('A', 1, true);
    await h.tick(60000);
    assert.equal(h.calls.length, 3);
    assert.equal(h.tracker.stats().requestsAfterEnd, 0);
  });

  it('keeps polling a FAILED task slowly, even when visible, and sees a retry made elsewhere', async () => {
    const h = setup((_c, _id, n) => ({ status: n < 3 ? 'FAILED' : 'RUNNING' }));
    h.tracker.track('A', 1, { visible: true });
    await h.tick(45500);
    assert.deepEqual(h.times(1), [0, 15000, 30000, 45000]);
    assert.equal(h.tracker.get('A', 1)?.task?.status, 'RUNNING');
    await h.tick(1500);
    assert.deepEqual(h.times(1).slice(3), [45000, 46000, 47000]);
  });

  it('resumes fast polling after resumeFast until the task runs again, then follows the usual rule', async () => {
    let status = 'FAILED';
    const h = setup(() => ({ status }));
    h.tracker.track('A', 1);
    await h.tick(20000);
    assert.deepEqual(h.times(1), [0, 15000]);
    h.tracker.resumeFast('A', 1); // the retry was just posted; OCP still says FAILED for a moment
    await h.tick(1500);
    status = 'RUNNING';
    await h.tick(20000);
    assert.deepEqual(h.times(1), [0, 15000, 20000, 21000, 22000, 37000]);
  });

  it('gives up fast polling after resumeFastPolls polls if the task never runs again', async () => {
    const h = setup(() => ({ status: 'FAILED' }), { resumeFastPolls: 3 });
    h.tracker.track('A', 1);
    await h.tick(1);
    h.tracker.resumeFast('A', 1);
    await h.tick(20000);
    assert.deepEqual(h.times(1), [0, 1, 1001, 2001, 17001]);
  });

  it('tracks an unknown task on resumeFast', async () => {
    const h = setup((_c, _id, n) => ({ status: n < 2 ? 'FAILED' : 'RUNNING' }));
    h.tracker.resumeFast('A', 9);
    await h.tick(20000);
    assert.deepEqual(h.times(9), [0, 1000, 2000, 17000]);
  });
});

describe('tracker: errors', () => {
  it('backs off ×1.5 per consecutive error, capped at maxBackoffMs, and recovers', async () => {
    let failing = true;
    const h = setup(() => (failing ? { error: ocpError('network') } : { status: 'RUNNING' }));
    h.tracker.track('A', 1, { visible: true });
    await h.tick(300000);
    const expected = [1500, 2250, 3375, 5063, 7594, 11391, 17086, 25629, 38443, 57665, 60000];
    const g = gaps(h.times(1));
    assert.deepEqual(g.slice(0, expected.length), expected);
    assert.ok(g.slice(expected.length).every((x) => x === 60000));
    assert.equal(h.tracker.get('A', 1)?.state, 'backoff');
    assert.ok(h.tracker.get('A', 1)?.error instanceof OcpError);
    assert.equal(h.errors[3].consecutiveErrors, 4);
    assert.equal(h.errors[3].retryInMs, 5063);
    failing = false;
    const before = h.times(1).length;
    await h.tick(62000);
    const after = h.times(1).slice(before - 1);
    assert.equal(after[2] - after[1], 1000, 'back to fastMs after a success');
    assert.equal(h.tracker.get('A', 1)?.state, 'polling');
    assert.equal(h.tracker.get('A', 1)?.consecutiveErrors, 0);
  });

  it('backs off from the slow interval for a background task', async () => {
    const h = setup(() => ({ error: ocpError('http', { status: 500 }) }), { slowMs: 10000, maxBackoffMs: 30000 });
    h.tracker.track('A', 1);
    await h.tick(120000);
    assert.deepEqual(gaps(h.times(1)).slice(0, 4), [15000, 22500, 30000, 30000]);
  });

  it('treats a payload that is not a task as an error', async () => {
    const h = setup(() => ({ raw: '<html>login</html>' }));
    h.tracker.track('A', 1, { visible: true });
    await h.tick(0);
    assert.equal(h.tracker.get('A', 1)?.state, 'backoff');
    assert.equal(h.errors.length, 1);
  });

  it('waits retryAfterMs after a 429 and delays the other tasks of that connection only', async () => {
    const h = setup((conn, id, n) => (conn === 'A' && id === 1 && n === 1 ? { error: ocpError('rateLimited', { status: 429, retryAfterMs: 7000 }) } : { status: 'RUNNING' }));
    h.tracker.track('A', 1, { visible: true });
    h.tracker.track('A', 2, { visible: true });
    h.tracker.track('B', 3, { visible: true });
    await h.tick(500);
    await h.tick(500); // t=1000: task 1's second poll gets 429
    assert.equal(h.tracker.get('A', 1)?.state, 'rateLimited');
    await h.tick(9000);
    assert.deepEqual(h.times(1), [0, 1000, 8000, 9000, 10000]);
    assert.deepEqual(h.times(2), [0, 8000, 9000, 10000], 'its poll due at 1000 waits for the 429 to pass');
    assert.deepEqual(h.times(3, 'B'), [0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000]);
    h.setResponder(() => ({ error: ocpError('rateLimited', { status: 429, retryAfterMs: 5000 }) }));
    await h.tick(1000);
    h.tracker.refreshNow('A'); // ignored while waiting out the 429
    await h.tick(1000);
    const afterSecond429 = h.calls.filter((c) => c.conn === 'A' && c.at > 10000).map((c) => c.at);
    assert.deepEqual(afterSecond429, [11000], 'one 429, then the whole connection waits');
  });

  it('stops every task of a connection on 401, calls onAuthFailure once, and resumes on request', async () => {
    let authOk = false;
    const h = setup((conn, id, n) => {
      if (conn === 'A' && id === 1 && n === 2 && !authOk) return { error: ocpError('auth', { status: 401 }) };
      if (conn === 'A' && id === 2 && n === 1) return { status: 'RUNNING', delay: 1500 };
      return { status: 'RUNNING' };
    });
    h.tracker.track('A', 1, { visible: true });
    h.tracker.track('A', 2, { visible: true });
    h.tracker.track('B', 3, { visible: true });
    await h.tick(2000); // at 2000: task 1 → 401 while task 2's request (sent at 1000) is in flight
    const aborted = h.calls.find((c) => c.id === 2 && c.at === 1000);
    assert.ok(aborted?.signal.aborted, "the connection's other request is aborted");
    assert.deepEqual(h.authFailures, ['A']);
    assert.equal(h.tracker.get('A', 1)?.state, 'stopped:auth');
    assert.equal(h.tracker.get('A', 2)?.state, 'stopped:auth');
    h.tracker.track('A', 4); // new tasks of a stopped connection wait too
    h.tracker.refreshNow('A');
    await h.tick(600000);
    assert.deepEqual(h.times(1), [0, 1000, 2000]);
    assert.deepEqual(h.times(2), [0, 1000]);
    assert.deepEqual(h.times(4), []);
    assert.equal(h.tracker.get('A', 4)?.state, 'stopped:auth');
    assert.equal(h.times(3, 'B').length, 603, 'the other connection keeps polling');
    assert.deepEqual(h.authFailures, ['A']);
    authOk = true;
    h.tracker.resumeConnection('A');
    await h.tick(1000);
    assert.deepEqual(h.times(1).slice(3), [602000, 603000]);
    assert.deepEqual(h.times(4), [602000]);
    assert.equal(h.tracker.get('A', 1)?.state, 'polling');
  });
});

describe('tracker: one request at a time', () => {
  it('never overlaps requests when a fetch is slower than the interval', async () => {
    const h = setup(() => ({ status: 'RUNNING', delay: 3500 }));
    h.tracker.track('A', 1, { visible: true });
    await h.tick(1000);
    h.tracker.refreshNow('A', 1); // in flight: remembered, run right after
    h.tracker.refreshNow('A', 1);
    await h.tick(12000);
    assert.deepEqual(h.times(1), [0, 3500, 8000, 12500]);
    assert.equal(h.tracker.stats().maxInFlightPerTask, 1);
  });

  it('polls right away on refreshNow when idle, and for every task of a connection', async () => {
    const h = setup(running);
    h.tracker.track('A', 1);
    h.tracker.track('A', 2);
    h.tracker.track('B', 3);
    await h.tick(5000);
    h.tracker.refreshNow('A');
    await h.tick(0);
    assert.deepEqual(h.times(1), [0, 5000]);
    assert.deepEqual(h.times(2), [0, 5000]);
    assert.deepEqual(h.times(3, 'B'), [0]);
  });

  it('untrack aborts the request and stops polling; dispose stops everything', async () => {
    const h = setup(() => ({ status: 'RUNNING', delay: 200 }));
    h.tracker.track('A', 1, { visible: true });
    h.tracker.track('A', 2, { visible: true });
    await h.tick(100);
    h.tracker.untrack('A', 1);
    assert.ok(h.calls[0].signal.aborted);
    await h.tick(5000);
    assert.deepEqual(h.times(1), [0]);
    assert.equal(h.tracker.get('A', 1), undefined);
    assert.ok(h.times(2).length > 3);
    h.tracker.dispose();
    const n = h.calls.length;
    await h.tick(60000);
    assert.equal(h.calls.length, n);
    assert.equal(h.tracker.stats().inFlight, 0);
  });
});

describe('tracker: snapshots and persistence', () => {
  it('emits the whole normalised task on every poll', async () => {
    const h = setup(running);
    h.tracker.track('A', 1, { visible: true });
    await h.tick(2000);
    const forTask = h.snapshots.filter((s) => s.task);
    assert.equal(forTask.length, 3);
    for (const s of forTask) {
      assert.equal(s.task?.id, 1);
      assert.equal(s.task?.subtasks.length, 3);
      assert.equal(s.visible, true);
    }
    assert.notEqual(forTask[0].task, forTask[1].task, 'a fresh object each time');
  });

  it('uses a task payload given to track() at once, and trusts one that is already SUCCESSFUL', async () => {
    const h = setup(running);
    h.tracker.track('A', 1, { initial: chain(2).id(1).status('RUNNING').envelope() });
    assert.equal(h.snapshots[0].task?.subtasks.length, 2);
    h.tracker.track('A', 2, { initial: chain(2).id(2).status('SUCCESSFUL').build() });
    await h.tick(60000);
    assert.deepEqual(h.times(2), []);
    assert.equal(h.tracker.get('A', 2)?.state, 'done');
  });

  it('serializes to plain JSON and restores: done tasks without a request, the others staggered', async () => {
    const h = setup((_c, id) => ({ status: id === 1 ? 'SUCCESSFUL' : id === 2 ? 'FAILED' : 'RUNNING' }));
    h.tracker.track('A', 1);
    h.tracker.track('A', 2);
    h.tracker.track('B', 3);
    await h.tick(0);
    const state = JSON.parse(JSON.stringify(h.tracker.serialize()));
    assert.deepEqual(state, {
      version: 1,
      tasks: [
        { connectionId: 'A', taskId: 1, status: 'SUCCESSFUL', name: 'Test task' },
        { connectionId: 'A', taskId: 2, status: 'FAILED', name: 'Test task', failedSince: 0 },
        { connectionId: 'B', taskId: 3, status: 'RUNNING', name: 'Test task' },
      ],
    });
    h.tracker.dispose();

    const r = setup(running);
    r.tracker.restore(state);
    assert.deepEqual(
      r.tracker.list().map((s) => [s.connectionId, s.taskId, s.state, s.lastStatus]),
      [
        ['A', 1, 'done', 'SUCCESSFUL'],
        ['A', 2, 'polling', 'FAILED'],
        ['B', 3, 'polling', 'RUNNING'],
      ],
    );
    await r.tick(300);
    assert.deepEqual(r.times(1), []);
    assert.deepEqual(r.times(2), [0]);
    assert.deepEqual(r.times(3, 'B'), [250]);
    assert.equal(r.tracker.get('B', 3)?.task?.status, 'RUNNING');
  });

  it('ignores malformed persisted state', () => {
    const h = setup(running);
    for (const bad of [null, 42, 'x', {}, { tasks: 'no' }, { tasks: [null, 1, { connectionId: 5, taskId: 1 }, { connectionId: 'A', taskId: 'x' }] }]) {
      h.tracker.restore(bad);
    }
    assert.deepEqual(h.tracker.list(), []);
    assert.equal(h.calls.length, 0);
  });
});
