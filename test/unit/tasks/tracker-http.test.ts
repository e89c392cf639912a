// The tracker and the client together over real HTTP (the simulator): a 429 whose RateLimit-Reset is an
// epoch timestamp, an HTTP date or garbage, and a 401, counted as requests on the wire in a real window.
import * as assert from 'node:assert/strict';
import type { OcpClient } from '../../../src/core/ocp/client';
import { TaskTracker } from '../../../src/core/tasks/tracker';
import { ocpError, useClientSim } from '../client/helpers';

const TASK = '/api/v2/tasks/instances/3000001';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('tracker over real HTTP: hostile rate limits and 401', () => {
  const { sim, client } = useClientSim();
  let tracker: TaskTracker | undefined;
  afterEach(() => tracker?.dispose());

  const track = (c: OcpClient, onAuthFailure?: (id: string) => void) => {
    tracker = new TaskTracker({ fetchTask: (_conn, id, signal) => c.getTask(id, signal, 0), settings: { fastMs: 250 }, onAuthFailure });
    tracker.track('A', 3000001, { visible: true });
    return tracker;
  };

  it('the client reads an epoch-seconds RateLimit-Reset as a delay of about 60 s, not 56 years', async () => {
    sim().addFault({ kind: 'rateLimitHeader', reset: String(Math.floor(Date.now() / 1000) + 60), times: 1 });
    const e = await ocpError(client({ maxRateLimitWaitMs: 1000 }).getTask(3000001), 'rateLimited');
    assert.ok(e.retryAfterMs! > 55_000 && e.retryAfterMs! <= 61_000, `retryAfterMs ${e.retryAfterMs}`);
    assert.equal(sim().requests.length, 1);
  });

  it('an epoch-milliseconds reset and an HTTP date in Retry-After are read too; a far future is capped at 15 minutes', async () => {
    sim().addFault({ kind: 'rateLimitHeader', reset: String(Date.now() + 30_000), times: 1 });
    sim().addFault({ kind: 'rateLimitHeader', retryAfter: new Date(Date.now() + 120_000).toUTCString(), times: 1 });
    sim().addFault({ kind: 'rateLimitHeader', reset: '99999999999', times: 1 });
    sim().addFault({ kind: 'rateLimitHeader', reset: 'soon', times: 1 });
    const c = client({ maxRateLimitWaitMs: 1000, retries: 0 });
    const waits = [];
    for (let i = 0; i < 4; i++) waits.push((await ocpError(c.getTask(3000001), 'rateLimited')).retryAfterMs);
    assert.ok(waits[0]! > 25_000 && waits[0]! <= 30_000, `epoch ms: ${waits[0]}`);
    assert.ok(waits[1]! > 110_000 && waits[1]! <= 120_000, `HTTP date: ${waits[1]}`);
    assert.equal(waits[2], 15 * 60_000);
    assert.equal(waits[3], undefined);
    assert.equal(sim().requests.length, 4);
  });

  it('a task answered 429 with an epoch RateLimit-Reset: 1 GET in 1.5 s (the report saw 584 in 12 s)', async () => {
    sim().addFault({ kind: 'rateLimitHeader', path: `^${TASK}$`, reset: String(Math.floor(Date.now() / 1000) + 3600) });
    const t = track(client({ retries: 3 }));
    await sleep(1500);
    assert.equal(sim().count('GET', TASK), 1);
    assert.equal(t.get('A', 3000001)?.state, 'rateLimited');
    assert.ok(t.get('A', 3000001)!.nextPollAt! - Date.now() > 14 * 60_000, 'next poll in about 15 minutes');
  });

  it('a task answered 429 with a garbage or zero reset: no more than one GET per 250 ms', async () => {
    sim().addFault({ kind: 'rateLimitHeader', path: `^${TASK}$`, reset: '0' });
    const t = track(client({ retries: 3 }));
    await sleep(1500);
    const n = sim().count('GET', TASK);
    assert.ok(n >= 1 && n <= 7, `${n} GETs in 1.5 s`);
    assert.ok(t.stats().minGapMs === undefined || t.stats().minGapMs! >= 250);
  });

  it('a 401: the tracker stops the connection and nothing more goes on the wire', async () => {
    sim().addFault({ kind: 'unauthorized' });
    const failures: string[] = [];
    const c = client();
    const t = track(c, (id) => failures.push(id));
    await sleep(1000);
    t.refreshNow('A');
    t.resumeFast('A', 3000001);
    for (let i = 0; i < 5; i++) await ocpError(c.subtaskLog(3000001, 1), 'auth'); // a panel's log loop
    await sleep(300);
    assert.equal(sim().requests.length, 1);
    assert.deepEqual(failures, ['A']);
    assert.equal(t.get('A', 3000001)?.state, 'stopped:auth');
  });
});
