// Fault cases while a task is followed: the tracker polling it (request faults on GET /tasks/instances/{id},
// spoiled task payloads) and the task panel showing it (snapshots as posted to the webview, the selected
// subtask's log). The tracker must keep the last good task, say what went wrong, back off, stop for good on
// 401 until new credentials, and poll normally again once the fault is cleared.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { buildDag } from '../../../src/core/model/dag';
import type { SubtaskRec, TaskRec } from '../../ocp-sim/types';
import { waitFor } from '../support';
import type { CaseRecord, FaultDef } from './cases';
import { assertSafeTooltip, enterCredentials, errText, IMG, longName, runCase, SCRIPT, sleep, type Any, type Place, type PlaceEnv } from './support';

const WAIT_MS = 20_000;

/** Changes a task record the way OCP could send it, and makes the simulator serve the change. */
function touch(t: TaskRec): void {
  t.version++;
}

function saveTask(t: TaskRec): () => void {
  const head = { id: t.id, name: t.name, status: t.status, creator: t.creator };
  const subs = t.subtasks.map((s) => ({ s, name: s.name, description: s.description, status: s.status, up: [...s.upstreams], down: [...s.downstreams], log: s.log.length }));
  return () => {
    Object.assign(t, head);
    for (const x of subs) {
      Object.assign(x.s, { name: x.name, description: x.description, status: x.status, upstreams: x.up, downstreams: x.down });
      x.s.log.length = x.log;
    }
    touch(t);
  };
}

function expectedState(fault: FaultDef): string {
  return fault.id === 'unauthorized' ? 'stopped:auth' : fault.id === 'rateLimit' ? 'rateLimited' : 'backoff';
}

/** Applies a data fault to a task record; returns the undo, or undefined when it does not apply. */
function spoil(fault: FaultDef, t: TaskRec, rec: CaseRecord): (() => void) | undefined {
  const undo = saveTask(t);
  const subs: SubtaskRec[] = t.subtasks;
  switch (fault.id) {
    case 'missingFields':
      delete (t as Any).name;
      delete (t as Any).status;
      for (const s of subs) { delete (s as Any).status; delete (s as Any).name; delete (s as Any).description; }
      rec.note('task without name and status, subtasks without name and status');
      break;
    case 'longNames':
      t.name = longName('Create primary OB cluster ');
      subs.forEach((s, i) => { s.name = longName(`Subtask ${i} `); });
      break;
    case 'htmlNames':
      t.name = IMG;
      subs.forEach((s, i) => { s.name = i % 2 ? SCRIPT : IMG; });
      for (const s of subs) s.log.push({ at: t.startTime, text: `${IMG} </pre>${SCRIPT}` });
      break;
    case 'cycle': {
      const first = subs.find((s) => s.upstreams.length === 0)!;
      const last = subs.find((s) => s.downstreams.length === 0)!;
      first.upstreams.push(last.id);
      last.downstreams.push(first.id);
      rec.note(`edge ${last.id} → ${first.id} closes a cycle through every layer`);
      break;
    }
    default:
      return undefined;
  }
  touch(t);
  return undo;
}

/** What a snapshot must show while a data fault is active. */
function checkSpoiled(fault: FaultDef, task: Any, rec: CaseRecord): void {
  assert.ok(task.subtasks.length > 0, 'the snapshot has no subtasks');
  switch (fault.id) {
    case 'missingFields':
      assert.strictEqual(task.name, '');
      assert.strictEqual(task.status, 'UNKNOWN');
      assert.ok(task.subtasks.every((s: Any) => s.status === 'UNKNOWN' && s.name === `#${s.id}`), 'subtasks without names are named by id');
      rec.message = `status UNKNOWN, subtasks named "#${task.subtasks[0].id}"…`;
      return;
    case 'longNames':
      assert.strictEqual(task.name, longName('Create primary OB cluster '));
      assert.ok(task.subtasks.every((s: Any) => s.name.length === 400));
      rec.message = `${task.name.slice(0, 30)}… (400 characters)`;
      rec.note('names kept whole (400 characters)');
      return;
    case 'htmlNames':
      assert.strictEqual(task.name, IMG);
      assert.ok(task.subtasks.some((s: Any) => s.name === SCRIPT));
      rec.message = task.name;
      rec.note('names carried as data (text), never as markup');
      return;
    case 'cycle': {
      const dag = buildDag(task);
      const cycle = dag.problems.find((p) => p.kind === 'cycle');
      assert.ok(cycle, 'the cycle is not reported');
      assert.strictEqual(dag.order.length, task.subtasks.length, 'the order lost subtasks');
      assert.ok(dag.backEdges.length >= 1, 'no edge was set aside to break the cycle');
      rec.message = cycle.message;
      rec.note('reported as a problem; every subtask kept in the order, the closing edge set aside');
      return;
    }
  }
}

// ---- tracker ---------------------------------------------------------------------------------------

export function tracker(env: PlaceEnv): Place {
  const { s, sim, conn } = env;
  let taskId: number | undefined;
  const snap = (id = taskId!) => s.taskHost.tracker.get(conn, id);

  async function followed(): Promise<number> {
    if (taskId === undefined || !sim.state.tasks.has(taskId)) {
      taskId = sim.createSyntheticTask({ subtasks: 12, fanOut: 3, name: 'Tracked under faults' });
      s.taskHost.tracker.track(conn, taskId, { visible: true });
    }
    const id = taskId;
    await waitFor(() => snap(id)?.task?.status === 'RUNNING' && snap(id)?.state === 'polling', WAIT_MS, 'the tracker to poll the task');
    return id;
  }

  async function requestCase(fault: FaultDef, rec: CaseRecord): Promise<void> {
    const id = await followed();
    const path = `^/api/v2/tasks/instances/${id}$`;
    const re = new RegExp(path);
    sim.clearRequests();
    const faultId = sim.addFault({ ...fault.request!, method: 'GET', path });
    let failing: Any;
    try {
      failing = await waitFor(() => { const x = snap(id); return x?.error && x.state === expectedState(fault) ? x : undefined; }, WAIT_MS, `state ${expectedState(fault)}`);
      if (fault.id === 'unauthorized') {
        await sleep(1500); // longer than the polling interval: a stopped connection sends nothing more
        assert.strictEqual(sim.requests.filter((r) => re.test(r.path)).length, 1, 'polled again after a 401');
      }
    } finally {
      sim.removeFault(faultId);
    }
    rec.message = errText(failing.error);
    assert.match(rec.message, fault.expect!);
    if (!failing.task) rec.blank = true;
    assert.ok(failing.task?.subtasks.length, 'the last good task was dropped');
    const polls = sim.requests.filter((r) => re.test(r.path)).length;
    const since = Date.now();
    if (fault.id === 'unauthorized') await enterCredentials(conn);
    await waitFor(() => { const x = snap(id); return x?.state === 'polling' && !x.error && (x.updatedAt ?? 0) >= since ? x : undefined; }, WAIT_MS, 'polling to resume');
    rec.recovered = true;
    rec.posts = sim.count('POST', /./);
    assert.strictEqual(rec.posts, 0);
    rec.note(`${failing.state} after ${polls} poll(s), last task kept${fault.id === 'unauthorized' ? '; no poll until new credentials' : ''}; polling resumes when cleared`);
  }

  async function dataCase(fault: FaultDef, rec: CaseRecord): Promise<void> {
    if (fault.id === 'huge') {
      const big = sim.createSyntheticTask({ subtasks: 3000, fanOut: 40, name: 'Huge task' });
      s.taskHost.tracker.track(conn, big, { visible: true });
      try {
        const x = await waitFor(() => snap(big)?.task, WAIT_MS, 'the 3,000-subtask task');
        assert.strictEqual(x.subtasks.length, 3000);
        assert.strictEqual(snap(big).state, 'polling');
        rec.message = `${x.subtasks.length} subtasks in one snapshot`;
        rec.note('a 3,000-subtask task tracked and polled like any other');
        rec.recovered = true;
      } finally {
        s.taskHost.tracker.untrack(conn, big);
      }
      return;
    }
    const id = await followed();
    const t = sim.state.tasks.get(id)!;
    if (fault.id === 'unknownEnums') {
      const f = sim.addFault({ kind: 'unknownEnums', value: 'HIBERNATING', method: 'GET', path: `^/api/v2/tasks/instances/${id}$` });
      try {
        const x = await waitFor(() => (snap(id)?.task?.rawStatus === 'HIBERNATING' ? snap(id) : undefined), WAIT_MS, 'the unknown status');
        assert.strictEqual(x.task.status, 'UNKNOWN');
        assert.strictEqual(x.state, 'polling', 'an unknown status stopped the polling');
        rec.message = `status ${x.task.rawStatus} (unknown), still polled`;
        rec.note('an unknown status is kept raw and polled like RUNNING (never taken for an end)');
      } finally {
        sim.removeFault(f);
      }
    } else {
      const undo = spoil(fault, t, rec)!;
      try {
        const x = await waitFor(() => { const sn = snap(id); return sn?.task && spoiledSeen(fault, sn.task) ? sn : undefined; }, WAIT_MS, 'the spoiled task');
        assert.strictEqual(x.state, 'polling');
        checkSpoiled(fault, x.task, rec);
        if (fault.id === 'htmlNames') assertSafeTooltip(s.tasks.getTreeItem({ kind: 'task', connectionId: conn, task: x.task }), 'Tasks view row');
        if (fault.id === 'missingFields') {
          delete (t as Any).id;
          touch(t);
          const err = await waitFor(() => (snap(id)?.error ? snap(id) : undefined), WAIT_MS, 'the task without an id to be refused');
          rec.message = errText(err.error);
          assert.match(rec.message, /no usable task/);
          assert.ok(err.task, 'the last good task was dropped');
          rec.note('a payload without id: "OCP returned no usable task", backoff, last task kept');
        }
      } finally {
        undo();
      }
    }
    const since = Date.now();
    await waitFor(() => { const x = snap(id); return x?.state === 'polling' && x.task?.status === 'RUNNING' && (x.updatedAt ?? 0) >= since ? x : undefined; }, WAIT_MS, 'the normal task again');
    rec.recovered = true;
    rec.posts = sim.count('POST', /./);
  }

  return {
    ids: ['tracker'],
    notApplicable: {},
    run(fault) {
      if (fault.id === 'selfSignedTls') return undefined;
      return runCase('tracker', fault.id, (rec) => (fault.request && fault.id !== 'unknownEnums' ? requestCase(fault, rec) : dataCase(fault, rec)), env).then((r) => [r]);
    },
  };
}

function spoiledSeen(fault: FaultDef, task: Any): boolean {
  switch (fault.id) {
    case 'missingFields': return task.rawStatus === '';
    case 'longNames': return task.name.length === 400;
    case 'htmlNames': return task.name === IMG;
    case 'cycle': return buildDag(task).problems.some((p) => p.kind === 'cycle');
    default: return false;
  }
}

// ---- task panel ------------------------------------------------------------------------------------

export function panel(env: PlaceEnv, column: vscode.ViewColumn): Place {
  const { s, sim, conn } = env;

  async function open(taskId: number): Promise<Any> {
    const p = s.taskPanels.open(conn, taskId, { viewColumn: column, preserveFocus: true });
    await waitFor(() => p.isReady, 60_000, 'the panel to say ready');
    await waitFor(() => p.lastSnapshot()?.task, WAIT_MS, 'a snapshot in the panel');
    return p;
  }

  const logs = (p: Any, subtaskId: number) => p.posted().filter((m: Any) => m.type === 'log' && m.subtaskId === subtaskId);

  async function requestCase(fault: FaultDef, rec: CaseRecord): Promise<void> {
    const taskId = sim.createSyntheticTask({ subtasks: 6, fanOut: 2, status: 'FAILED', name: 'Panel log under faults' });
    sim.advance(60_000); // the simulator shows log lines once simulated time reaches them
    const failed = sim.state.tasks.get(taskId)!.subtasks.find((x) => x.status === 'FAILED')!;
    const p = await open(taskId);
    try {
      const path = `/subtasks/${failed.id}/log$`;
      sim.clearRequests();
      const f = sim.addFault({ ...fault.request!, method: 'GET', path });
      let shown: Any;
      try {
        await p.receive({ type: 'selectSubtask', subtaskId: failed.id });
        shown = await waitFor(() => logs(p, failed.id).find((m: Any) => m.error), WAIT_MS, 'the log error in the panel');
      } finally {
        sim.removeFault(f);
      }
      rec.message = shown.error;
      assert.match(shown.error, /Cannot read the log/);
      assert.match(shown.error, fault.expect!);
      assert.ok(p.lastSnapshot()?.task?.subtasks.length, 'the graph was emptied');
      if (fault.id === 'unauthorized') {
        // 401 means silence: Refresh Log sends nothing until new credentials are entered.
        const asked = sim.requests.filter((r) => new RegExp(path).test(r.path)).length;
        await p.receive({ type: 'requestLog', subtaskId: failed.id });
        assert.strictEqual(sim.requests.filter((r) => new RegExp(path).test(r.path)).length, asked, 'the log was fetched again with rejected credentials');
        await enterCredentials(conn);
      }
      const before = logs(p, failed.id).length;
      await p.receive({ type: 'requestLog', subtaskId: failed.id });
      const ok = await waitFor(() => logs(p, failed.id).slice(before).find((m: Any) => !m.error), WAIT_MS, 'the log after the fault');
      assert.match(ok.text, /synthetic failure/);
      rec.recovered = true;
      rec.posts = sim.count('POST', /./);
      assert.strictEqual(rec.posts, 0);
      rec.note('the log pane shows the error, the graph stays; Refresh Log shows the log');
    } finally {
      p.dispose();
    }
  }

  async function dataCase(fault: FaultDef, rec: CaseRecord): Promise<void> {
    if (fault.id === 'huge') {
      const id = sim.createSyntheticTask({ subtasks: 3000, fanOut: 40, status: 'FAILED', name: 'Huge task in a panel' });
      const p = await open(id);
      try {
        const snapMsg = p.lastSnapshot();
        assert.strictEqual(snapMsg.task.subtasks.length, 3000);
        assert.strictEqual(buildDag(snapMsg.task).order.length, 3000);
        rec.message = `${snapMsg.task.subtasks.length} subtasks posted in one snapshot`;
        rec.note('the whole 3,000-subtask task posted to the webview');
        rec.recovered = true;
      } finally {
        p.dispose();
      }
      return;
    }
    const id = sim.createSyntheticTask({ subtasks: 12, fanOut: 3, status: 'FAILED', name: 'Panel under data faults' });
    const t = sim.state.tasks.get(id)!;
    const p = await open(id);
    try {
      if (fault.id === 'unknownEnums') {
        const f = sim.addFault({ kind: 'unknownEnums', value: 'HIBERNATING', method: 'GET', path: `^/api/v2/tasks/instances/${id}$` });
        try {
          await p.receive({ type: 'refresh' });
          const m = await waitFor(() => (p.lastSnapshot()?.task?.rawStatus === 'HIBERNATING' ? p.lastSnapshot() : undefined), WAIT_MS, 'the unknown status in the panel');
          assert.strictEqual(m.task.status, 'UNKNOWN');
          sim.clearRequests();
          await p.receive({ type: 'action', kind: 'retryTask' });
          const res = p.posted().at(-1);
          assert.strictEqual(res.outcome, 'refused', 'an action was allowed on an unknown status');
          assert.strictEqual(sim.count('POST', /./), 0);
          rec.message = `HIBERNATING (unknown); retry refused: ${res.message}`;
          rec.note('shown raw; no action allowed on an unknown status');
        } finally {
          sim.removeFault(f);
        }
      } else {
        const undo = spoil(fault, t, rec)!;
        try {
          await p.receive({ type: 'refresh' });
          const m = await waitFor(() => (p.lastSnapshot()?.task && spoiledSeen(fault, p.lastSnapshot().task) ? p.lastSnapshot() : undefined), WAIT_MS, 'the spoiled snapshot');
          checkSpoiled(fault, m.task, rec);
          if (fault.id === 'htmlNames') {
            const sub = m.task.subtasks[0];
            await p.receive({ type: 'selectSubtask', subtaskId: sub.id });
            const log = await waitFor(() => logs(p, sub.id).find((x: Any) => x.text.includes('onerror')), WAIT_MS, 'the log with HTML');
            assert.ok(log.text.includes(`</pre>${SCRIPT}`), 'the log text was altered');
            assert.doesNotMatch(p.panel.webview.html, /onerror|alert\(/, 'task data went into the page HTML');
            assert.strictEqual(p.panel.title, `${IMG} #${id}`);
            rec.note('log posted as text; the page HTML holds no task data; the tab title is plain text');
          }
        } finally {
          undo();
        }
      }
      await p.receive({ type: 'refresh' });
      await waitFor(() => p.lastSnapshot()?.task?.status === 'FAILED' && p.lastSnapshot().task.name === 'Panel under data faults', WAIT_MS, 'the normal task again');
      rec.recovered = true;
      rec.posts = sim.count('POST', /./);
    } finally {
      p.dispose();
    }
  }

  return {
    ids: ['panel'],
    notApplicable: {},
    run(fault) {
      if (fault.id === 'selfSignedTls') return undefined;
      return runCase('panel', fault.id, (rec) => (fault.request && fault.id !== 'unknownEnums' ? requestCase(fault, rec) : dataCase(fault, rec)), env).then((r) => [r]);
    },
  };
}
