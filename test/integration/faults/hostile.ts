// The hostile faults of issue #15, each tried where it does harm and measured by the number that matters:
// list requests of a server whose pages never end (Explorer), GETs of a task answered 429 with a reset in
// an unusual format (tracker), bytes read of an oversized body (Explorer list, panel log), and requests
// sent after a 401 while a running subtask's log is shown (panel). Counts are taken in a window after the
// place answered: a loop still running, a timer that fired too soon or a log re-armed would add requests.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { waitFor } from '../support';
import type { CaseRecord, FaultDef, HostileId, PlaceId } from './cases';
import { enterCredentials, errText, labelOf, runCase, sleep, wholeChildren, type Any, type PlaceEnv } from './support';
import type { CaseResult } from './cases';

const WAIT_MS = 30_000;
const MIB = 1024 * 1024;
/** What the loopback socket buffers may hold beyond what the client read before it hung up. */
const SOCKET_SLACK = 16 * MIB;
/** The client's caps (src/core/ocp/http.ts): JSON bodies, and subtask logs. */
export const JSON_CAP = 64 * MIB;
export const LOG_CAP = 128 * MIB;

const CLUSTERS = /^\/api\/v2\/ob\/clusters$/;

function addFaults(sim: PlaceEnv['sim'], fault: FaultDef, method: string, path: string): () => void {
  const ids = [fault.request!, ...(fault.also ? [fault.also] : [])].map((f) => sim.addFault({ ...f, method, path }));
  return () => { for (const id of ids) sim.removeFault(id); };
}

function gets(sim: PlaceEnv['sim'], re: RegExp, since = 0): { n: number; bytes: number } {
  const rs = sim.requests.filter((r) => r.method === 'GET' && re.test(r.path) && r.at >= since);
  return { n: rs.length, bytes: rs.reduce((b, r) => b + r.bytes, 0) };
}

/** How many list requests each paging fault may cost at most, and what the cut node must say. */
const PAGING: Partial<Record<HostileId, { max: number; items: number; why: RegExp }>> = {
  billionPages: { max: 50, items: 100_000, why: /the list reached 100000 items/ },
  repeatedPage: { max: 2, items: 4, why: /OCP sent the same page again/ },
  pageNotAdvancing: { max: 2, items: 2000, why: /OCP's page number did not advance/ },
};

/** (a) The Explorer's cluster list from a server whose pages never end: a bounded number of requests, then "cut". */
async function pagingCase(env: PlaceEnv, fault: FaultDef, rec: CaseRecord): Promise<void> {
  const { s, sim, conn } = env;
  const spec = PAGING[fault.id as HostileId]!;
  const connNode = () => ({ kind: 'connection', connection: s.connections.get(conn) });
  sim.clearRequests();
  const undo = addFaults(sim, fault, 'GET', CLUSTERS.source);
  let nodes: Any[];
  let answered: number;
  let inWindow: number;
  try {
    s.explorer.refreshNode(connNode());
    nodes = await wholeChildren(s.explorer, connNode());
    answered = gets(sim, CLUSTERS).n;
    await sleep(2000); // the window: a paging loop still running would keep asking
    inWindow = gets(sim, CLUSTERS).n;
  } finally {
    undo();
  }
  rec.requests = inWindow;
  rec.bytes = gets(sim, CLUSTERS).bytes;
  rec.bound = { requests: spec.max, window: 'the load and 2 s after it' };
  if (!nodes.length) rec.blank = true;
  assert.strictEqual(inWindow, answered, `list requests went on after the Explorer answered (${answered} → ${inWindow})`);
  assert.ok(inWindow <= spec.max, `${inWindow} list requests (at most ${spec.max})`);
  assert.ok(inWindow >= Math.min(2, spec.max), `only ${inWindow} list request(s): the fault was not tried`);
  const cut = nodes[0];
  assert.strictEqual(cut?.kind, 'message', `the first node is a ${cut?.kind}, not the "list was cut" node`);
  rec.message = labelOf(s.explorer.getTreeItem(cut));
  assert.match(rec.message, /the list was cut because/);
  assert.match(rec.message, spec.why);
  const clusters = nodes.filter((n) => n.kind === 'cluster').length;
  assert.strictEqual(clusters, spec.items, `${clusters} clusters listed`);
  s.explorer.refreshNode(connNode());
  const after = await wholeChildren(s.explorer, connNode());
  assert.ok(after.length === 4 && after.every((n: Any) => n.kind === 'cluster'), 'Refresh after the fault does not list the 4 clusters alone');
  rec.recovered = true;
  rec.posts = sim.count('POST', /./);
  rec.note(`${inWindow} list request(s), none after the Explorer answered; ${clusters} clusters shown under the "cut" node; Refresh lists all 4`);
}

/** (b) A task answered 429 with RateLimit-Reset 8 s ahead as an epoch timestamp or an HTTP date. */
async function rateLimitCase(env: PlaceEnv, fault: FaultDef, rec: CaseRecord): Promise<void> {
  const { s, sim, conn } = env;
  const tracker = s.taskHost.tracker;
  const id = sim.createSyntheticTask({ subtasks: 6, fanOut: 2, name: `Rate limited (${fault.id})` });
  tracker.track(conn, id, { visible: true });
  const snap = () => tracker.get(conn, id);
  try {
    await waitFor(() => snap()?.task?.status === 'RUNNING' && snap()?.state === 'polling', WAIT_MS, 'the tracker to poll the task');
    const re = new RegExp(`^/api/v2/tasks/instances/${id}$`);
    const resetAt = Date.now() + 8000;
    const reset = fault.id === 'rateLimitEpoch' ? String(Math.ceil(resetAt / 1000)) : new Date(resetAt + 1000).toUTCString();
    sim.clearRequests();
    const f = sim.addFault({ kind: 'rateLimitHeader', reset, method: 'GET', path: re.source });
    let first = 0;
    let inWindow: { n: number; bytes: number };
    try {
      const limited = await waitFor(() => (snap()?.state === 'rateLimited' ? snap() : undefined), WAIT_MS, 'the 429 to reach the tracker');
      first = sim.requests.find((r) => re.test(r.path) && r.status === 429)?.at ?? Date.now();
      rec.message = String(limited.error?.message ?? limited.error);
      assert.match(rec.message, /Excessive number of requests/);
      await sleep(Math.max(0, first + 5000 - Date.now())); // the window: 5 s from the first 429
      inWindow = gets(sim, re, first);
    } finally {
      sim.removeFault(f);
    }
    rec.requests = inWindow.n;
    rec.bytes = inWindow.bytes;
    rec.bound = { requests: 2, window: '5 s from the first 429' };
    assert.ok(inWindow.n <= 2, `${inWindow.n} GETs of the task in 5 s after a 429 saying "${reset}"`);
    assert.ok(snap()?.task?.subtasks.length, 'the last good task was dropped');
    const since = Date.now();
    // The reset named a time 8 s ahead: polling resumes then, not after 15 minutes (a timestamp misread as seconds).
    await waitFor(() => snap()?.state === 'polling' && (snap()?.updatedAt ?? 0) >= since, WAIT_MS, 'polling to resume once the reset time passed');
    rec.recovered = true;
    rec.posts = sim.count('POST', /./);
    rec.note(`RateLimit-Reset "${fault.id === 'rateLimitEpoch' ? 'epoch seconds' : 'HTTP date'}" 8 s ahead: ${inWindow.n} GET(s) of the task in the 5 s after the 429; polling resumed after the reset time`);
  } finally {
    tracker.untrack(conn, id);
  }
}

/** (c) A 100 MiB cluster list: "OCP sent more than 64 MiB", one request, at most the cap read. */
async function hugeListCase(env: PlaceEnv, fault: FaultDef, rec: CaseRecord): Promise<void> {
  const { s, sim, conn } = env;
  const connNode = () => ({ kind: 'connection', connection: s.connections.get(conn) });
  const client = await s.connections.client(conn);
  const read0 = client.transport.stats().bytesRead;
  sim.clearRequests();
  const undo = addFaults(sim, fault, 'GET', CLUSTERS.source);
  let nodes: Any[];
  try {
    s.explorer.refreshNode(connNode());
    nodes = await wholeChildren(s.explorer, connNode()); // any retry happens before the list answers
  } finally {
    undo();
  }
  const sent = gets(sim, CLUSTERS);
  const sameClient = (await s.connections.client(conn)) === client;
  const read = client.transport.stats().bytesRead - read0;
  rec.requests = sent.n;
  rec.bytes = sent.bytes;
  rec.bound = { requests: 1, bytes: JSON_CAP + SOCKET_SLACK };
  if (!nodes.length) rec.blank = true;
  assert.strictEqual(nodes[0]?.kind, 'message');
  rec.message = labelOf(s.explorer.getTreeItem(nodes[0]));
  assert.match(rec.message, /OCP sent more than 64 MiB \(HTTP 200\); the answer was not read/);
  assert.doesNotMatch(rec.message, /Cannot reach OCP|not valid JSON|\(HTTP 200\).*\(HTTP 200\)/);
  assert.strictEqual(sent.n, 1, `${sent.n} requests: an oversized body was retried`);
  assert.ok(sent.bytes <= JSON_CAP + SOCKET_SLACK && sent.bytes < 100 * MIB, `the simulator wrote ${sent.bytes} bytes`);
  if (sameClient) assert.ok(read > 0 && read <= JSON_CAP + MIB, `the client read ${read} bytes`);
  s.explorer.refreshNode(connNode());
  const after = await wholeChildren(s.explorer, connNode());
  assert.ok(after.length === 4 && after.every((n: Any) => n.kind === 'cluster'), 'Refresh after the fault does not list the 4 clusters');
  rec.recovered = true;
  rec.posts = sim.count('POST', /./);
  rec.note(`1 GET, not retried; ${mib(sent.bytes)} MiB written by OCP of 100 MiB${sameClient ? `, ${mib(read)} MiB read by the client` : ''}; Refresh lists all 4`);
}

function mib(n: number): string {
  return (n / MIB).toFixed(1);
}

async function runningSubtaskPanel(env: PlaceEnv, name: string): Promise<{ p: Any; taskId: number; sub: number; logRe: RegExp; logs: () => Any[] }> {
  const { s, sim, conn } = env;
  const taskId = sim.createSyntheticTask({ subtasks: 6, fanOut: 1, name });
  const task = sim.state.tasks.get(taskId)!;
  for (let i = 0; i < 50 && !task.subtasks.some((x) => x.status === 'RUNNING'); i++) sim.advance(50);
  const running = task.subtasks.find((x) => x.status === 'RUNNING');
  assert.ok(running, 'no subtask started running');
  const p = s.taskPanels.open(conn, taskId, { viewColumn: vscode.ViewColumn.One, preserveFocus: true });
  await waitFor(() => p.isReady, 60_000, 'the panel to say ready');
  await waitFor(() => p.lastSnapshot()?.task?.subtasks.some((x: Any) => x.id === running.id && x.status === 'RUNNING'), WAIT_MS, 'the running subtask in the panel');
  const logRe = new RegExp(`^/api/v2/tasks/instances/${taskId}/subtasks/${running.id}/log$`);
  const logs = () => p.posted().filter((m: Any) => m.type === 'log' && m.subtaskId === running.id);
  await p.receive({ type: 'selectSubtask', subtaskId: running.id });
  // The log of a running subtask is read again about every fastPollMilliseconds: wait for that to be seen.
  await waitFor(() => gets(sim, logRe).n >= 3 && logs().some((m: Any) => !m.error), WAIT_MS, 'the running subtask\'s log to be polled');
  return { p, taskId, sub: running.id, logRe, logs };
}

/** (c) A 200 MiB log of a running subtask shown in the panel: the cap's message, at most the cap read, never read again by itself. */
async function hugeLogCase(env: PlaceEnv, fault: FaultDef, rec: CaseRecord): Promise<void> {
  const { sim } = env;
  const { p, logRe, logs, sub } = await runningSubtaskPanel(env, 'Huge log');
  try {
    const undo = addFaults(sim, fault, 'GET', logRe.source);
    let shown: Any;
    let afterError: { n: number; bytes: number };
    let tooLarge: { n: number; bytes: number };
    const from = Date.now();
    try {
      shown = await waitFor(() => logs().find((m: Any) => m.error), WAIT_MS, 'the log error in the panel');
      const errAt = Date.now();
      const postedAtError = logs().length;
      await sleep(3000); // the window: more than 10 fast intervals of the suite
      afterError = gets(sim, logRe, errAt);
      tooLarge = gets(sim, logRe, from);
      assert.strictEqual(logs().length, postedAtError, 'the panel read the log again by itself after the error');
    } finally {
      undo();
    }
    rec.message = shown.error;
    rec.requests = tooLarge.n;
    rec.bytes = tooLarge.bytes;
    rec.bound = { requests: 2, bytes: 2 * (LOG_CAP + SOCKET_SLACK), window: 'from the fault to 3 s after the error' };
    assert.match(shown.error, /Cannot read the log: OCP sent more than 128 MiB \(HTTP 200\)/);
    assert.strictEqual(afterError.n, 0, `${afterError.n} log requests after the error (a re-armed or retried read)`);
    // At most one request may have been in flight when the fault was added (read before it, whole and small).
    assert.ok(tooLarge.n <= 2, `${tooLarge.n} log requests`);
    assert.ok(tooLarge.bytes <= 2 * (LOG_CAP + SOCKET_SLACK) && tooLarge.bytes < 200 * MIB, `the simulator wrote ${tooLarge.bytes} bytes`);
    assert.ok(p.lastSnapshot()?.task?.subtasks.length, 'the graph was emptied');
    const before = logs().length;
    await p.receive({ type: 'requestLog', subtaskId: sub });
    await waitFor(() => logs().slice(before).find((m: Any) => !m.error && m.text.length > 0), WAIT_MS, 'the log after the fault');
    rec.recovered = true;
    rec.posts = sim.count('POST', /./);
    rec.note(`${tooLarge.n} log GET(s), ${mib(tooLarge.bytes)} MiB written of 200 MiB; no request in the 3 s after the error (the log is not re-read by itself); Refresh Log shows the log`);
  } finally {
    p.dispose();
  }
}

/** (f) OCP answers 401 while a running subtask's log is shown: silence, then the log again after new credentials. */
async function rejectedCase(env: PlaceEnv, fault: FaultDef, rec: CaseRecord): Promise<void> {
  const { s, sim, conn } = env;
  const { p, logRe, logs, taskId } = await runningSubtaskPanel(env, 'Log shown at a 401');
  try {
    const f = sim.addFault({ ...fault.request!, method: 'GET' });
    let inWindow: number;
    let logsInWindow: number;
    let postedInWindow: number;
    try {
      await waitFor(() => s.connections.isAuthFailed(conn), WAIT_MS, 'the connection to be marked rejected');
      const marked = Date.now();
      const posted = logs().length;
      await sleep(3000); // the window: more than 10 fast intervals of the suite
      inWindow = sim.requests.filter((r) => r.at > marked).length;
      logsInWindow = gets(sim, logRe, marked).n;
      postedInWindow = logs().length - posted;
      const taskError = s.taskHost.tracker.get(conn, taskId)?.error;
      rec.message = [...logs()].reverse().find((m: Any) => m.error)?.error ?? (taskError ? `Task panel: ${errText(taskError)}` : 'the connection was marked rejected');
    } finally {
      sim.removeFault(f);
    }
    rec.requests = inWindow;
    rec.bytes = 0;
    rec.bound = { requests: 0, window: '3 s after the first 401' };
    assert.strictEqual(logsInWindow, 0, `${logsInWindow} log requests after the 401`);
    assert.strictEqual(inWindow, 0, `${inWindow} requests of any kind after the 401`);
    assert.strictEqual(postedInWindow, 0, `the panel tried the log ${postedInWindow} more time(s) after the 401`);
    const n = gets(sim, logRe).n;
    await enterCredentials(conn);
    await waitFor(() => gets(sim, logRe).n > n && logs().at(-1) && !logs().at(-1).error, WAIT_MS, 'the log to be read again after new credentials');
    rec.recovered = true;
    rec.posts = sim.count('POST', /./);
    rec.note('0 requests (log, task or any other) in the 3 s after the 401, no retry in the panel; after Enter Credentials the log is read again');
  } finally {
    p.dispose();
  }
}

/** The hostile cases: which place each is tried in, and its case. */
export const HOSTILE_CASES: Record<HostileId, { place: PlaceId; conn: string; run: (env: PlaceEnv, fault: FaultDef, rec: CaseRecord) => Promise<void> }> = {
  billionPages: { place: 'explorer.clusters', conn: 'f-clusters', run: pagingCase },
  repeatedPage: { place: 'explorer.clusters', conn: 'f-clusters', run: pagingCase },
  pageNotAdvancing: { place: 'explorer.clusters', conn: 'f-clusters', run: pagingCase },
  rateLimitEpoch: { place: 'tracker', conn: 'f-tracker', run: rateLimitCase },
  rateLimitDate: { place: 'tracker', conn: 'f-tracker', run: rateLimitCase },
  hugeList: { place: 'explorer.clusters', conn: 'f-clusters', run: hugeListCase },
  hugeLog: { place: 'panel', conn: 'f-panel', run: hugeLogCase },
  rejectedWhileLogShown: { place: 'panel', conn: 'f-panel', run: rejectedCase },
};

export function runHostile(env: PlaceEnv, fault: FaultDef): Promise<CaseResult> {
  const c = HOSTILE_CASES[fault.id as HostileId];
  return runCase(c.place, fault.id, (rec) => c.run(env, fault, rec), env);
}
