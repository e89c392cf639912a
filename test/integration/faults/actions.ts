// Fault cases on the five task actions, sent through the task panel's host message path (the webview's
// "action" message → legality check → confirmation → one POST). The panel must report the failure with OCP's
// reason, send the POST once, and, once the fault is cleared, perform the action with exactly one more POST;
// when OCP did act despite the fault, a refresh must show it and the action must not be sent again.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { SubtaskRec } from '../../ocp-sim/types';
import { waitFor } from '../support';
import type { CaseRecord, CaseResult, FaultDef, PlaceId } from './cases';
import { enterCredentials, postsTo, runCase, type Any, type Place, type PlaceEnv } from './support';

const WAIT_MS = 20_000;

/** The panel's words when OCP may have carried out an action although the request failed. */
export const MAY_HAVE_ACTED = /may have carried out the action anyway/i;

interface ActionSpec {
  place: PlaceId;
  kind: string;
  /** The task (and subtask) to act on, in a state where the action is legal. */
  setup(env: PlaceEnv): { taskId: number; subtaskId?: number };
  post(taskId: number, subtaskId?: number): RegExp;
}

function failedTask(env: PlaceEnv): { taskId: number; failed: SubtaskRec } {
  const taskId = env.sim.createSyntheticTask({ subtasks: 6, fanOut: 2, status: 'FAILED', name: 'Failed task for actions' });
  const failed = env.sim.state.tasks.get(taskId)!.subtasks.find((s) => s.status === 'FAILED')!;
  return { taskId, failed };
}

const SPECS: ActionSpec[] = [
  {
    place: 'action.retryTask', kind: 'retryTask',
    setup: (env) => ({ taskId: failedTask(env).taskId }),
    post: (t) => new RegExp(`^/api/v2/tasks/instances/${t}/retry$`),
  },
  {
    place: 'action.rollbackTask', kind: 'rollbackTask',
    setup: (env) => ({ taskId: failedTask(env).taskId }),
    post: (t) => new RegExp(`^/api/v2/tasks/instances/${t}/rollback$`),
  },
  {
    place: 'action.retrySubtask', kind: 'retrySubtask',
    setup: (env) => { const f = failedTask(env); return { taskId: f.taskId, subtaskId: f.failed.id }; },
    post: (t, s) => new RegExp(`^/api/v2/tasks/instances/${t}/subtasks/${s}/retry$`),
  },
  {
    place: 'action.skipSubtask', kind: 'skipSubtask',
    setup: (env) => { const f = failedTask(env); return { taskId: f.taskId, subtaskId: f.failed.id }; },
    post: (t, s) => new RegExp(`^/api/v2/tasks/instances/${t}/subtasks/${s}/skip$`),
  },
  {
    place: 'action.cancelSubtask', kind: 'cancelSubtask',
    setup: ({ sim }) => {
      const taskId = sim.createSyntheticTask({ subtasks: 6, fanOut: 1, name: 'Running task for cancel' });
      const task = sim.state.tasks.get(taskId)!;
      for (let i = 0; i < 50 && !task.subtasks.some((s) => s.status === 'RUNNING'); i++) sim.advance(50);
      const running = task.subtasks.find((s) => s.status === 'RUNNING');
      assert.ok(running, 'no subtask started running');
      return { taskId, subtaskId: running.id };
    },
    post: (t, s) => new RegExp(`^/api/v2/tasks/instances/${t}/subtasks/${s}/cancel$`),
  },
];

/** The five action places; they share one simulator (paused clock) and run one after the other. */
export function taskActions(env: PlaceEnv, column: vscode.ViewColumn): Place {
  const { s, sim, conn } = env;

  async function caseFor(spec: ActionSpec, fault: FaultDef, rec: CaseRecord): Promise<void> {
    const { taskId, subtaskId } = spec.setup(env);
    const p = s.taskPanels.open(conn, taskId, { viewColumn: column, preserveFocus: true });
    try {
      await waitFor(() => p.isReady, 60_000, 'the panel to say ready');
      await waitFor(() => p.lastSnapshot()?.task?.id === taskId, WAIT_MS, 'a snapshot of the task');
      const message = { type: 'action', kind: spec.kind, ...(subtaskId !== undefined ? { subtaskId } : {}) };
      const results = () => p.posted().filter((m: Any) => m.type === 'actionResult');
      const post = spec.post(taskId, subtaskId);
      sim.clearRequests();
      const f = sim.addFault({ ...fault.request!, method: 'POST', path: post.source });
      try {
        await p.receive(message);
      } finally {
        sim.removeFault(f);
      }
      const failedAt = Date.now();
      const first = results().at(-1);
      assert.ok(first, 'no action result was posted');
      assert.strictEqual(first.outcome, 'failed', `outcome ${first.outcome}: ${first.message ?? ''}`);
      rec.message = first.message;
      assert.match(first.message, fault.expect!);
      if (fault.ambiguous) {
        rec.warnedUncertain = MAY_HAVE_ACTED.test(first.message);
        assert.ok(rec.warnedUncertain, 'the message does not warn that OCP may have acted');
      } else {
        assert.doesNotMatch(first.message, MAY_HAVE_ACTED, 'a clear failure is reported as uncertain');
      }
      assert.strictEqual(postsTo(sim, post), 1, 'the POST was sent more than once');
      assert.ok(p.lastSnapshot()?.task?.subtasks.length, 'the graph was emptied');
      if (fault.id === 'unauthorized') await enterCredentials(conn);
      let invocations = 1;
      if (fault.performed) {
        const state = () => { const t = p.lastSnapshot()?.task; return JSON.stringify([t?.status, t?.operation, t?.subtasks.map((x: Any) => [x.status, x.operation])]); };
        const before = state();
        await p.receive({ type: 'refresh' });
        await waitFor(() => state() !== before, WAIT_MS, 'the refreshed task to show what OCP did');
        await p.receive(message);
        invocations++;
        const again = results().at(-1);
        assert.strictEqual(again.outcome, 'refused', `the action was offered again after OCP did it (${again.outcome})`);
        assert.strictEqual(postsTo(sim, post), 1, 'the action was sent again');
        rec.note(`OCP did it; Refresh shows it and a second ${spec.kind} is refused without a POST`);
      } else {
        // OCP may have acted: the host refuses further actions until a snapshot read after the failure.
        if (fault.ambiguous) await waitFor(() => (p.lastSnapshot()?.updatedAt ?? 0) > failedAt, WAIT_MS, 'a snapshot read after the failed action');
        await p.receive(message);
        invocations++;
        const again = results().at(-1);
        assert.strictEqual(again.outcome, 'done', `after the fault: ${again.outcome} ${again.message ?? ''}`);
        assert.strictEqual(postsTo(sim, post), 2, 'the action after the fault sent more than one POST');
        rec.note(`"failed" with OCP's reason, sent once; ${fault.id === 'unauthorized' ? 'after Enter Credentials, ' : ''}the same action then done with one POST`);
      }
      rec.recovered = true;
      rec.posts = postsTo(sim, post);
      rec.duplicatePosts = Math.max(0, rec.posts - invocations);
    } finally {
      p.dispose();
    }
  }

  return {
    ids: SPECS.map((x) => x.place),
    notApplicable: {
      unknownEnums: 'the host does not read the answer of an action; unknown statuses are covered by the panel',
      missingFields: 'covered by the tracker and the panel', longNames: 'covered by the tracker and the panel',
      htmlNames: 'covered by the tracker and the panel', huge: 'covered by the tracker and the panel', cycle: 'covered by the tracker and the panel',
    },
    run(fault) {
      if (!fault.request || fault.id === 'unknownEnums') return undefined;
      return (async () => {
        const out: CaseResult[] = [];
        for (const spec of SPECS) out.push(await runCase(spec.place, fault.id, (rec) => caseFor(spec, fault, rec), env));
        return out;
      })();
    },
  };
}
