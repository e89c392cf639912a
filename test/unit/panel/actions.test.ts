// The webview's action gate (src/webview-ui/actions.ts): one action at a time, and after "done" the buttons
// stay pending until a snapshot newer than the POST arrives (issue #15: no second POST off a stale snapshot).
import * as assert from 'node:assert/strict';
import { ActionGate } from '../../../src/webview-ui/actions';

describe('panel webview: action gate', () => {
  it('refuses a second action while one is pending', () => {
    const g = new ActionGate();
    assert.equal(g.request('retryTask'), true);
    assert.equal(g.request('rollbackTask'), false);
    assert.equal(g.request('retrySubtask', 7), false);
    assert.deepEqual(g.pending, { kind: 'retryTask' });
  });

  it('after "done" stays pending on the stale snapshot and releases on a newer one (postedAt from the host)', () => {
    const g = new ActionGate();
    g.snapshot({ state: 'polling', updatedAt: 1000 });
    g.request('retrySubtask', 42);
    g.result('done', 1500);
    assert.deepEqual(g.pending, { kind: 'retrySubtask', subtaskId: 42 });
    // Fetched before OCP answered the POST (or the same snapshot again): still pending.
    assert.equal(g.snapshot({ state: 'polling', updatedAt: 1000 }), false);
    assert.equal(g.snapshot({ state: 'polling', updatedAt: 1400 }), false);
    assert.equal(g.snapshot({ state: 'polling', updatedAt: 1500 }), false);
    assert.equal(g.snapshot({ state: 'backoff' }), false);
    assert.equal(g.request('retrySubtask', 42), false);
    assert.ok(g.pending);
    assert.equal(g.snapshot({ state: 'polling', updatedAt: 1501 }), true);
    assert.equal(g.pending, undefined);
    assert.equal(g.request('skipSubtask', 42), true);
  });

  it('without postedAt, a snapshot newer than every one seen before "done" releases the buttons', () => {
    const g = new ActionGate();
    g.snapshot({ state: 'polling', updatedAt: 1000 });
    g.request('retryTask');
    // A poll that was in flight during the POST lands before the host's answer: it does not count.
    g.snapshot({ state: 'polling', updatedAt: 1200 });
    g.result('done');
    assert.equal(g.snapshot({ state: 'polling', updatedAt: 1200 }), false);
    assert.ok(g.pending);
    assert.equal(g.snapshot({ state: 'polling', updatedAt: 1300 }), true);
    assert.equal(g.pending, undefined);
  });

  it('snapshots between the click and the answer never release the action', () => {
    const g = new ActionGate();
    g.request('cancelSubtask', 3);
    assert.equal(g.snapshot({ state: 'polling', updatedAt: 5000 }), false);
    assert.equal(g.snapshot({ state: 'polling', updatedAt: 6000 }), false);
    assert.deepEqual(g.pending, { kind: 'cancelSubtask', subtaskId: 3 });
  });

  for (const outcome of ['failed', 'refused', 'cancelled'] as const) {
    it(`"${outcome}" releases the buttons at once (nothing changed the task)`, () => {
      const g = new ActionGate();
      g.request('rollbackTask');
      g.result(outcome);
      assert.equal(g.pending, undefined);
      assert.equal(g.request('retryTask'), true);
    });
  }

  it('a postedAt that is not a finite number falls back to the newest snapshot seen', () => {
    const g = new ActionGate();
    g.snapshot({ state: 'polling', updatedAt: 10 });
    g.request('retryTask');
    g.result('done', Number.NaN);
    assert.equal(g.snapshot({ state: 'polling', updatedAt: 10 }), false);
    assert.equal(g.snapshot({ state: 'polling', updatedAt: 11 }), true);
  });

  it('polling stopped on rejected credentials releases the buttons (no newer snapshot can come)', () => {
    const g = new ActionGate();
    g.snapshot({ state: 'polling', updatedAt: 10 });
    g.request('retryTask');
    g.result('done', 20);
    assert.equal(g.snapshot({ state: 'stopped:auth', updatedAt: 10 }), true);
    assert.equal(g.pending, undefined);
  });

  it('an answer without a pending action changes nothing', () => {
    const g = new ActionGate();
    g.result('done', 5);
    assert.equal(g.pending, undefined);
    assert.equal(g.snapshot({ state: 'polling', updatedAt: 6 }), false);
  });
});
