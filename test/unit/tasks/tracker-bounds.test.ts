// The tracker stays a good citizen whatever its settings and whatever the server answers: requests counted
// in a (fake-time) window, never two polls of a task closer than fastMs, bounded waits, pruning of FAILED
// and finished tasks, a bounded persisted state, and one action at a time per task.
import * as assert from 'node:assert/strict';
import FakeTimers from '@sinonjs/fake-timers';
import { OcpError } from '../../../src/core/ocp/errors';
import { sanitizeTrackerSettings, TaskSnapshot, TaskTracker, TrackerSettings } from '../../../src/core/tasks/tracker';
import { chain } from '../builders';

type Answer = { status?: string; error?: unknown; delay?: number };

function setup(answer: (id: number, n: number, conn: string) => Answer, settings: Partial<TrackerSettings> = {}) {
  const clock = FakeTimers.createClock(0);
  const calls: { conn: string; id: number; at: number; signal: AbortSignal }[] = [];
  const counts = new Map<string, number>();
  const snapshots: TaskSnapshot[] = [];
  const tracker = new TaskTracker({
    fetchTask: (conn, id, signal) => {
      calls.push({ conn, id, at: clock.now, signal });
      const n = counts.get(`${conn}/${id}`) ?? 0;
      counts.set(`${conn}/${id}`, n + 1);
      const a = answer(id, n, conn);
      const value = () => chain(2).id(id).status(a.status ?? 'RUNNING').build();
      if (a.delay === undefined) return a.error !== undefined ? Promise.reject(a.error) : Promise.resolve(value());
      return new Promise((resolve, reject) => clock.setTimeout(() => (a.error !== undefined ? reject(a.error) : resolve(value())), a.delay!));
    },
    settings,
    clock: { setTimeout: (fn, ms) => clock.setTimeout(fn, ms), clearTimeout: (h) => clock.clearTimeout(h as never), now: () => clock.now },
  });
  tracker.onSnapshot((s) => snapshots.push(s));
  return {
    clock, tracker, calls, snapshots,
    times: (id: number, conn = 'A') => calls.filter((c) => c.id === id && c.conn === conn).map((c) => c.at),
    tick: (ms: number) => clock.tickAsync(ms),
  };
}

const rateLimited = (retryAfterMs?: number) => new OcpError({ kind: 'rateLimited', status: 429, message: '429', retryAfterMs });

describe('tracker bounds: settings', () => {
  it('NaN, strings and Infinity become the defaults: 11 polls in 10 s, not thousands', async () => {
    const h = setup(() => ({}), { fastMs: NaN, slowMs: 'slow' as unknown as number, maxBackoffMs: Infinity, backoffFactor: NaN });
    h.tracker.track('A', 1, { visible: true });
    await h.tick(10_000);
    assert.equal(h.times(1).length, 11);
    assert.deepEqual(sanitizeTrackerSettings({ fastMs: NaN, slowMs: 'x' as unknown as number }).slowMs, 15_000);
  });

  it('floors fast at 250 ms and slow at 1 s, as the settings schema says', async () => {
    const h = setup(() => ({}), { fastMs: 10, slowMs: 20, maxBackoffMs: 1 });
    h.tracker.track('A', 1, { visible: true });
    h.tracker.track('A', 2);
    await h.tick(10_000);
    assert.equal(h.times(1).length, 41, 'every 250 ms');
    assert.equal(h.times(2).length, 11, 'every second');
    const s = sanitizeTrackerSettings({ fastMs: 2 ** 40, slowMs: -1 });
    assert.equal(s.fastMs, 2 ** 31 - 1);
    assert.ok(s.slowMs <= 2 ** 31 - 1 && s.maxBackoffMs <= 2 ** 31 - 1);
  });
});

describe('tracker bounds: whatever the server answers', () => {
  for (const [what, retryAfterMs] of [['0', 0], ['1 ms', 1], ['NaN', NaN], ['missing', undefined]] as const) {
    it(`a 429 whose reset says ${what}: never more often than the interval (≤ 61 polls of a shown task in 60 s)`, async () => {
      const h = setup(() => ({ error: rateLimited(retryAfterMs) }));
      h.tracker.track('A', 1, { visible: true });
      await h.tick(60_000);
      assert.ok(h.times(1).length <= 61, `${h.times(1).length} polls`);
      assert.ok(h.tracker.stats().minGapMs! >= 1000);
    });
  }

  it('a 429 asking for 31 years (an epoch misread as seconds): waits 15 minutes, not 1 ms', async () => {
    const h = setup((_id, n) => (n === 0 ? { error: rateLimited(1.7e12) } : {}));
    h.tracker.track('A', 1, { visible: true });
    await h.tick(60_000);
    assert.deepEqual(h.times(1), [0]);
    await h.tick(15 * 60_000);
    assert.equal(h.times(1)[1], 15 * 60_000);
  });

  it('errors answered at once plus a refresh every 10 ms: still one poll per fastMs', async () => {
    const h = setup(() => ({ error: new OcpError({ kind: 'http', status: 500, message: 'boom' }) }));
    h.tracker.track('A', 1, { visible: true });
    for (let t = 0; t < 1000; t++) {
      h.tracker.refreshNow('A', 1);
      h.tracker.refreshNow('A');
      await h.tick(10);
    }
    assert.ok(h.times(1).length <= 11, `${h.times(1).length} polls in 10 s`);
    assert.ok(h.tracker.stats().minGapMs! >= 1000, `gap ${h.tracker.stats().minGapMs}`);
    assert.equal(h.tracker.stats().maxInFlightPerTask, 1);
  });

  it('slow answers and refreshes: one request in flight per task, the next no sooner than fastMs after the last start', async () => {
    const h = setup(() => ({ delay: 400 }));
    h.tracker.track('A', 1, { visible: true });
    for (let t = 0; t < 100; t++) {
      h.tracker.refreshNow('A', 1);
      await h.tick(100);
    }
    assert.equal(h.tracker.stats().maxInFlightPerTask, 1);
    assert.ok(h.tracker.stats().minGapMs! >= 1000);
    assert.ok(h.times(1).length <= 11);
  });
});

describe('tracker bounds: pruning', () => {
  it('a FAILED task in the background is polled for failedPollWindowMs, then idle: no request in the next hour', async () => {
    const h = setup(() => ({ status: 'FAILED' }), { failedPollWindowMs: 60_000 });
    h.tracker.track('A', 1);
    await h.tick(3_600_000);
    assert.deepEqual(h.times(1), [0, 15_000, 30_000, 45_000, 60_000]);
    assert.equal(h.tracker.get('A', 1)?.state, 'idle');
    assert.equal(h.tracker.get('A', 1)?.task?.status, 'FAILED', 'kept as a recent entry');
    h.tracker.setVisible('A', 1, true);
    await h.tick(16_000);
    assert.deepEqual(h.times(1).slice(5), [3_600_000, 3_615_000], 'shown again: polled again');
  });

  it('50 FAILED tasks: 3.3 requests/s at first, none after the window', async () => {
    const h = setup(() => ({ status: 'FAILED' }), { failedPollWindowMs: 120_000 });
    for (let id = 1; id <= 50; id++) h.tracker.track('A', id);
    await h.tick(130_000);
    const before = h.calls.length;
    await h.tick(3_600_000);
    assert.equal(h.calls.length, before);
    assert.ok(h.tracker.list().every((s) => s.state === 'idle'));
  });

  it('restored FAILED tasks get one poll, then idle unless shown', async () => {
    const h = setup(() => ({ status: 'FAILED' }));
    h.tracker.restore({ version: 1, tasks: [{ connectionId: 'A', taskId: 1, status: 'FAILED' }, { connectionId: 'A', taskId: 2, status: 'FAILED' }] });
    h.tracker.setVisible('A', 2, true);
    await h.tick(600_000);
    assert.deepEqual(h.times(1), [0]);
    assert.equal(h.tracker.get('A', 1)?.state, 'idle');
    assert.ok(h.times(2).length > 30, 'the shown one keeps polling');
  });

  it('untrackConnection forgets every task of a connection and aborts its requests', async () => {
    const h = setup(() => ({ delay: 300 }));
    for (const id of [1, 2, 3]) h.tracker.track('A', id, { visible: true });
    h.tracker.track('B', 9, { visible: true });
    await h.tick(100);
    h.tracker.untrackConnection('A');
    assert.ok(h.calls.filter((c) => c.conn === 'A').every((c) => c.signal.aborted));
    const a = h.calls.filter((c) => c.conn === 'A').length;
    await h.tick(600_000);
    assert.equal(h.calls.filter((c) => c.conn === 'A').length, a);
    assert.deepEqual(h.tracker.list().map((s) => s.connectionId), ['B']);
    assert.ok(h.times(9, 'B').length > 400, 'the other connection keeps polling');
  });

  it('finished tasks are recent entries, at most maxRecentEntries (newest kept), never polled', async () => {
    const h = setup(() => ({ status: 'SUCCESSFUL' }), { maxRecentEntries: 5 });
    for (let id = 1; id <= 8; id++) {
      h.tracker.track('A', id);
      await h.tick(1000);
    }
    await h.tick(600_000);
    assert.deepEqual(h.tracker.list().map((s) => [s.taskId, s.state]), [4, 5, 6, 7, 8].map((id) => [id, 'done']));
    assert.equal(h.calls.length, 8);
    assert.equal(h.tracker.stats().requestsAfterEnd, 0);
  });

  it('the persisted state holds at most maxPersisted tasks, and a huge one restores at most that many', async () => {
    const h = setup(() => ({}), { maxPersisted: 200, slowMs: 3_600_000 });
    for (let id = 1; id <= 300; id++) h.tracker.track('A', id);
    await h.tick(0);
    assert.equal(h.tracker.serialize().tasks.length, 200);
    const r = setup(() => ({}), { maxPersisted: 200 });
    r.tracker.restore({ version: 1, tasks: Array.from({ length: 10_000 }, (_, i) => ({ connectionId: 'A', taskId: i + 1, status: 'RUNNING' })) });
    assert.equal(r.tracker.list().length, 200);
    h.tracker.dispose();
    r.tracker.dispose();
  });
});

describe('tracker bounds: finished and failed tasks across reloads', () => {
  it('after SUCCESSFUL no GET ever again, whatever asks: refresh, shown, resumeFast, new settings, an action', async () => {
    const h = setup(() => ({ status: 'SUCCESSFUL' }));
    h.tracker.track('A', 1);
    h.tracker.track('A', 2, { visible: true });
    await h.tick(0);
    assert.equal(h.calls.length, 2, 'one GET each, to see it SUCCESSFUL');
    for (let t = 0; t < 100; t++) {
      h.tracker.refreshNow('A', 1);
      h.tracker.refreshNow('A');
      h.tracker.setVisible('A', 1, t % 2 === 0);
      h.tracker.resumeFast('A', 2);
      h.tracker.updateSettings({ fastMs: 250 + t });
      h.tracker.beginAction('A', 1, 'retryTask')?.sent();
      await h.tick(1000);
    }
    await h.tick(3_600_000);
    assert.equal(h.calls.length, 2);
    assert.equal(h.tracker.stats().requestsAfterEnd, 0);
    assert.deepEqual(h.tracker.list().map((x) => x.state), ['done', 'done']);
  });

  it('a FAILED task past its window before a reload comes back idle: no GET in the next hour', async () => {
    const h = setup(() => ({ status: 'FAILED' }), { failedPollWindowMs: 60_000 });
    h.tracker.track('A', 1);
    await h.tick(120_000);
    assert.equal(h.tracker.get('A', 1)?.state, 'idle');
    const state = JSON.parse(JSON.stringify(h.tracker.serialize()));
    assert.equal(state.tasks[0].failedSince, 0, 'the persisted state says when it was first seen FAILED');
    const r = setup(() => ({ status: 'FAILED' }), { failedPollWindowMs: 60_000 });
    await r.tick(120_000); // the reload happens on the same clock, later
    r.tracker.restore(state);
    await r.tick(3_600_000);
    assert.deepEqual(r.times(1), [], 'polled again after the reload');
    assert.equal(r.tracker.get('A', 1)?.state, 'idle');
    r.tracker.setVisible('A', 1, true);
    await r.tick(0);
    assert.equal(r.times(1).length, 1, 'shown: polled again');
  });

  it('a FAILED task inside its window at a reload is polled only for the rest of it', async () => {
    const h = setup(() => ({ status: 'FAILED' }), { failedPollWindowMs: 60_000 });
    h.tracker.track('A', 1);
    await h.tick(40_000);
    const state = JSON.parse(JSON.stringify(h.tracker.serialize()));
    const r = setup(() => ({ status: 'FAILED' }), { failedPollWindowMs: 60_000 });
    await r.tick(40_000);
    r.tracker.restore(state);
    await r.tick(3_600_000);
    // Restored at 40 s, window ends at 60 s: polls at 40 s, 55 s, 70 s (the first one past the end), then idle.
    assert.deepEqual(r.times(1), [40_000, 55_000, 70_000]);
    assert.equal(r.tracker.get('A', 1)?.state, 'idle');
  });

  it('restore drops the tasks of connections that no longer exist: no GET, not persisted again', async () => {
    const h = setup(() => ({}));
    const state = { version: 1, tasks: [{ connectionId: 'gone', taskId: 1, status: 'RUNNING' }, { connectionId: 'A', taskId: 2, status: 'RUNNING' }, { connectionId: 'gone', taskId: 3, status: 'FAILED' }] };
    h.tracker.restore(state, { connections: ['A'] });
    await h.tick(600_000);
    assert.equal(h.calls.filter((c) => c.conn === 'gone').length, 0);
    assert.deepEqual(h.tracker.serialize().tasks.map((t) => [t.connectionId, t.taskId]), [['A', 2]]);
  });

  it('restored finished tasks are bounded by maxRecentEntries (the newest kept)', async () => {
    const h = setup(() => ({}), { maxRecentEntries: 5 });
    h.tracker.restore({ version: 1, tasks: Array.from({ length: 100 }, (_, i) => ({ connectionId: 'A', taskId: i + 1, status: 'SUCCESSFUL' })) });
    await h.tick(60_000);
    assert.equal(h.tracker.list().length, 5);
    assert.equal(h.calls.length, 0);
    assert.ok(h.tracker.serialize().tasks.length <= 5);
  });
});

describe('tracker bounds: one action at a time', () => {
  it('refuses a second action until a snapshot fetched after the POST arrives', async () => {
    const h = setup(() => ({ status: 'FAILED', delay: 50 }));
    h.tracker.track('A', 1, { visible: true });
    await h.tick(100);
    const first = h.tracker.beginAction('A', 1, 'retry');
    assert.ok(first);
    assert.equal(h.tracker.beginAction('A', 1, 'rollback'), undefined, 'refused while the first is confirmed');
    assert.deepEqual(h.tracker.get('A', 1)?.pendingAction, { kind: 'retry', sent: false });
    first.sent();
    assert.deepEqual(h.tracker.get('A', 1)?.pendingAction, { kind: 'retry', sent: true });
    assert.equal(h.tracker.beginAction('A', 1, 'retry'), undefined, 'refused after the POST, before a newer snapshot');
    assert.equal(h.times(1).at(-1), 100, 'sent() polls at once');
    await h.tick(49);
    assert.ok(h.tracker.get('A', 1)?.pendingAction, 'the answer is not there yet');
    await h.tick(1);
    assert.equal(h.tracker.get('A', 1)?.pendingAction, undefined);
    assert.ok(h.tracker.beginAction('A', 1, 'rollback'));
  });

  it('a snapshot of a request that started before the POST does not release the hold', async () => {
    const h = setup(() => ({ status: 'FAILED', delay: 300 }));
    h.tracker.track('A', 1, { visible: true });
    await h.tick(100); // a request started at 0 is in flight
    const t = h.tracker.beginAction('A', 1, 'skip', 7)!;
    t.sent();
    await h.tick(200); // the request from 0 answers at 300
    assert.deepEqual(h.tracker.get('A', 1)?.pendingAction, { kind: 'skip', subtaskId: 7, sent: true });
    await h.tick(300); // the poll asked for by sent() starts at 300 and answers at 600
    assert.equal(h.tracker.get('A', 1)?.pendingAction, undefined);
  });

  it('abandon (cancelled, refused, not sent) frees the slot at once; sent after abandon does nothing', async () => {
    const h = setup(() => ({ status: 'FAILED' }));
    h.tracker.track('A', 1);
    const t = h.tracker.beginAction('A', 1, 'retry')!;
    t.abandon();
    t.sent();
    assert.equal(h.tracker.get('A', 1)?.pendingAction, undefined);
    assert.ok(h.tracker.beginAction('A', 1, 'retry'));
  });
});
