// Part "tracker": the real TaskTracker (src/core/tasks/tracker.ts) tracking 200 OCP tasks for 60 s of
// simulated time, against the OCP simulator over real HTTP. The tracker's clock is a @sinonjs/fake-timers
// clock; the simulator's clock is paused and advanced in step with it, so 60 s pass in a few real seconds.
// Each request takes a simulated network/server time (mostly 40–400 ms, one in ten 1–2.5 s, as a loaded
// OCP does): the response is held on the fake clock until then. Baseline: a naive poller, setInterval
// every second per task whatever its state, no in-flight guard, never stopping.
import FakeTimers from '@sinonjs/fake-timers';
import { OcpClient } from '../../src/core/ocp/client';
import { TaskTracker, type FetchTask } from '../../src/core/tasks/tracker';
import { onCleanup } from '../../test/harness/processes';
import { DEFAULT_USERS, startSimulator, type OcpSimulator } from '../../test/ocp-sim/api';
import { random } from '../../test/unit/builders';
import { describeMachine } from '../lib/machine';
import type { Row, Section } from '../lib/report';
import { repeat } from '../lib/stats';

const TASKS = 200;
const SECONDS = 60;
const STEP_MS = 50;
const CONNECTION = 'bench';

type Side = 'ours' | 'baseline';
type Kind = 'finishing' | 'running' | 'failed' | 'done';

interface Plan {
  kind: Kind;
  visible: boolean;
  subtasks: number;
}

/** Task i: every 4th finishes within the minute, every 10th (offset 1) is FAILED, every 20th (offset 2) is already done; every 5th is open in a panel. */
function plan(i: number): Plan {
  const kind: Kind = i % 4 === 0 ? 'finishing' : i % 10 === 1 ? 'failed' : i % 20 === 2 ? 'done' : 'running';
  return { kind, visible: i % 5 === 0, subtasks: kind === 'finishing' ? 4 + (i % 3) : 32 };
}

/** Counts what a poller does to each task: requests, overlap, requests after a response said SUCCESSFUL. */
class Meter {
  requests = 0;
  maxInFlightPerTask = 0;
  requestsAfterEnd = 0;
  private readonly inFlight = new Map<number, number>();
  private readonly ended = new Set<number>();

  start(taskId: number): void {
    this.requests++;
    if (this.ended.has(taskId)) this.requestsAfterEnd++;
    const n = (this.inFlight.get(taskId) ?? 0) + 1;
    this.inFlight.set(taskId, n);
    this.maxInFlightPerTask = Math.max(this.maxInFlightPerTask, n);
  }

  end(taskId: number, raw: unknown): void {
    this.inFlight.set(taskId, (this.inFlight.get(taskId) ?? 1) - 1);
    if ((raw as { status?: unknown } | undefined)?.status === 'SUCCESSFUL') this.ended.add(taskId);
  }

  endedCount(): number {
    return this.ended.size;
  }
}

interface World {
  sim: OcpSimulator;
  client: OcpClient;
  clock: ReturnType<typeof FakeTimers.createClock>;
  ids: number[];
  plans: Plan[];
  meter: Meter;
  fetchTask: FetchTask;
  /** Real HTTP requests not answered yet. */
  pending: () => number;
  advance: () => Promise<void>;
}

async function world(seed: number): Promise<World> {
  const sim = await startSimulator({ clockSpeed: 0, scenario: { subtaskDurationMs: [4000, 10000] } });
  onCleanup(() => sim.close());
  const ids: number[] = [];
  const plans: Plan[] = [];
  for (let i = 0; i < TASKS; i++) {
    const p = plan(i);
    plans.push(p);
    const status = p.kind === 'failed' ? 'FAILED' : p.kind === 'done' ? 'SUCCESSFUL' : 'RUNNING';
    ids.push(sim.createSyntheticTask({ subtasks: p.subtasks, fanOut: 2, status, name: `Bench task ${i}` }));
  }
  const { username, password } = DEFAULT_USERS[0];
  const client = new OcpClient({ url: sim.url, auth: { kind: 'basic', username, password } });
  const clock = FakeTimers.createClock(0);
  const simStart = sim.now();
  const sync = () => {
    const lag = clock.now - (sim.now() - simStart);
    if (lag > 0) sim.advance(lag);
  };
  const rnd = random(seed);
  const latency = () => (rnd() < 0.1 ? 1000 + rnd() * 1500 : 40 + rnd() * 360);
  const meter = new Meter();
  let http = 0;
  const fetchTask: FetchTask = async (_conn, taskId, signal) => {
    meter.start(taskId);
    const started = clock.now;
    const delay = latency();
    let raw: unknown;
    try {
      sync();
      http++;
      try {
        raw = await client.getTask(taskId, signal, 0);
      } finally {
        http--;
      }
      const wait = started + delay - clock.now;
      if (wait > 0) await new Promise<void>((resolve) => clock.setTimeout(() => resolve(), wait));
      return raw;
    } finally {
      meter.end(taskId, raw);
    }
  };
  const advance = async () => {
    await clock.tickAsync(STEP_MS);
    sync();
    // Let every request started in this step come back before simulated time moves on.
    while (http > 0) await new Promise((r) => setImmediate(r));
    await clock.tickAsync(0);
  };
  return { sim, client, clock, ids, plans, meter, fetchTask, pending: () => http, advance };
}

interface Outcome {
  requests: number;
  maxInFlightPerTask: number;
  requestsAfterEnd: number;
  finished: number;
  trackerStats?: ReturnType<TaskTracker['stats']>;
}

async function runSide(side: Side, seed: number): Promise<Outcome> {
  const w = await world(seed);
  let tracker: TaskTracker | undefined;
  const intervals: unknown[] = [];
  try {
    if (side === 'ours') {
      tracker = new TaskTracker({ fetchTask: w.fetchTask, clock: { setTimeout: (fn, ms) => w.clock.setTimeout(fn, ms), clearTimeout: (h) => w.clock.clearTimeout(h as never), now: () => w.clock.now } });
      w.ids.forEach((id, i) => tracker!.track(CONNECTION, id, { visible: w.plans[i].visible }));
    } else {
      for (const id of w.ids) {
        const poll = () => { void w.fetchTask(CONNECTION, id, new AbortController().signal).catch(() => undefined); };
        poll();
        intervals.push(w.clock.setInterval(poll, 1000));
      }
    }
    for (let t = 0; t < SECONDS * 1000; t += STEP_MS) await w.advance();
    const s = tracker?.stats();
    return {
      requests: w.meter.requests,
      maxInFlightPerTask: w.meter.maxInFlightPerTask,
      requestsAfterEnd: w.meter.requestsAfterEnd,
      finished: w.meter.endedCount(),
      trackerStats: s,
    };
  } finally {
    tracker?.dispose();
    for (const h of intervals) w.clock.clearInterval(h as never);
    while (w.pending() > 0) await new Promise((r) => setImmediate(r));
    await w.client.close();
    await w.sim.close();
  }
}

export async function runTracker(opts: { runs: number; log: (s: string) => void }): Promise<Section> {
  const machine = describeMachine();
  const checks: string[] = [];
  let finished = 0;
  const run = (side: Side) => repeat(async (i) => {
    const o = await runSide(side, 1000 + i);
    finished = o.finished;
    const s = o.trackerStats;
    if (s && (s.maxInFlightPerTask !== o.maxInFlightPerTask || s.requestsAfterEnd !== o.requestsAfterEnd || s.requests !== o.requests)) {
      checks.push(`run ${i}: tracker.stats() says ${JSON.stringify(s)}, the benchmark counted ${o.requests} requests, max ${o.maxInFlightPerTask} in flight, ${o.requestsAfterEnd} after end`);
    }
    return { rps: o.requests / SECONDS, inflight: o.maxInFlightPerTask, after: o.requestsAfterEnd };
  }, { runs: opts.runs });
  let t0 = Date.now();
  const ours = await run('ours');
  opts.log(`tracker: ${Math.round((Date.now() - t0) / 1000)} s: ours ${ours.rps.median.toFixed(1)} req/s, max ${ours.inflight.max} in flight, ${ours.after.max} after end`);
  t0 = Date.now();
  const base = await run('baseline');
  opts.log(`tracker: ${Math.round((Date.now() - t0) / 1000)} s: baseline ${base.rps.median.toFixed(1)} req/s, max ${base.inflight.max} in flight, ${base.after.max} after end`);
  const counts = { finishing: 0, running: 0, failed: 0, done: 0, visible: 0 };
  for (let i = 0; i < TASKS; i++) {
    const p = plan(i);
    counts[p.kind]++;
    if (p.visible) counts.visible++;
  }
  const rows: Row[] = [
    { figure: 'Requests per second (all 200 tasks)', unit: 'req/s', ours: ours.rps, baseline: base.rps, ratio: true },
    { figure: 'Most requests in flight for one task', unit: 'count', ours: ours.inflight, baseline: base.inflight, target: { text: '1 (no overlap)', met: ours.inflight.max <= 1 } },
    { figure: 'Requests after the task ended (SUCCESSFUL seen)', unit: 'requests', ours: ours.after, baseline: base.after, target: { text: '0', met: ours.after.max === 0 } },
  ];
  const notes = [
    `Tasks: ${counts.visible} open in a panel (the rest background); ${counts.finishing} finish during the minute, ${counts.done} were already SUCCESSFUL, ${counts.failed} are FAILED, ${counts.running} keep running (${finished} seen SUCCESSFUL by the end). Simulated subtask durations 4–10 s.`,
    'Request time is simulated on the same clock: 40–400 ms, one request in ten 1–2.5 s (seeded per run), so the figures are the same on any machine; min–max show the spread over seeds.',
    `Ours uses the default settings (fast 1 s while visible and running, slow 15 s in the background and for FAILED tasks, stop on SUCCESSFUL). Counters are the benchmark's own (around fetchTask); they were checked against tracker.stats().`,
  ];
  if (checks.length > 0) notes.push(`Counter mismatch: ${checks.slice(0, 3).join('; ')}`);
  return {
    part: 'tracker',
    title: 'Task tracker: 200 tasks for 60 s of simulated time',
    baseline: 'a naive poller: setInterval every 1 s per task whatever its state, no in-flight guard, never stops.',
    machine,
    rows,
    notes,
  };
}
