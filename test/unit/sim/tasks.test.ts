// Task engine over HTTP: failures, task/subtask controls, rollback, logs, synthetic DAGs.
import * as assert from 'node:assert/strict';
import { hostInUse } from '../../ocp-sim/api';
import { advanceUntil, useSim } from './helpers';

const T = '/api/v2/tasks/instances';

describe('sim tasks', () => {
  const { sim, client } = useSim();

  const status = (id: number) => sim().state.tasks.get(id)!.status;
  const settle = (id: number) => advanceUntil(sim(), () => {
    const t = sim().state.tasks.get(id)!;
    return t.status !== 'RUNNING' || t.subtasks.some((s) => s.status === 'FAILED');
  });
  const byName = (task: any, name: string) => task.subtasks.filter((s: any) => s.name === name);

  async function failingStop(name = 'Stop observer process', log?: string): Promise<any> {
    sim().addFault({ kind: 'failSubtask', name, log });
    const task = (await client().post('/api/v2/ob/clusters/1000001/stop')).json.data;
    settle(task.id);
    return client().data(`${T}/${task.id}`);
  }

  it('moves subtasks PENDING -> READY -> RUNNING -> SUCCESSFUL in simulated time', async () => {
    const task = (await client().post('/api/v2/ob/clusters/1000004/stop')).json.data;
    const root = task.subtasks.find((s: any) => !s.upstreams.length);
    assert.equal(root.status, 'READY');
    assert.ok(task.subtasks.filter((s: any) => s !== root).every((s: any) => s.status === 'PENDING'));
    sim().advance(60);
    assert.equal(sim().state.tasks.get(task.id)!.byId.get(root.id)!.status, 'RUNNING');
    advanceUntil(sim(), () => status(task.id) !== 'RUNNING');
    assert.equal(status(task.id), 'SUCCESSFUL');
  });

  it('fails the task when a subtask fails; the rest stays PENDING; the log holds the error', async () => {
    const t = await failingStop('Stop observer process', 'observer 10.0.1.12 refused to stop: pid 4242 busy');
    assert.equal(t.status, 'FAILED');
    assert.equal(t.finishTime, undefined);
    const failed = t.subtasks.filter((s: any) => s.status === 'FAILED');
    assert.equal(failed.length, 1);
    assert.equal(failed[0].name, 'Stop observer process');
    assert.ok(byName(t, 'Update OB cluster status').every((s: any) => s.status === 'PENDING'));
    const log = (await client().data(`${T}/${t.id}/subtasks/${failed[0].id}/log`)).log;
    assert.match(log, /ERROR.*observer 10\.0\.1\.12 refused to stop/);
    assert.equal(sim().state.clusters.get(1000001)!.status, 'STOPPING');
  });

  it('task retry reruns the failed subtasks (runTime 2, RETRY) and finishes', async () => {
    const t = await failingStop();
    const failed = t.subtasks.find((s: any) => s.status === 'FAILED');
    const r = await client().post(`${T}/${t.id}/retry`);
    assert.equal(r.status, 200);
    assert.equal(r.json.data.operation, 'RETRY');
    assert.equal(r.json.data.status, 'RUNNING');
    const again = r.json.data.subtasks.find((s: any) => s.id === failed.id);
    assert.equal(again.runTime, 2);
    assert.equal(again.operation, 'RETRY');
    advanceUntil(sim(), () => status(t.id) !== 'RUNNING');
    assert.equal(status(t.id), 'SUCCESSFUL');
    assert.equal(sim().state.clusters.get(1000001)!.status, 'STOPPED');
  });

  it('subtask retry: only a FAILED subtask, then the task resumes', async () => {
    const t = await failingStop();
    const failed = t.subtasks.find((s: any) => s.status === 'FAILED');
    const ok = t.subtasks.find((s: any) => s.status === 'SUCCESSFUL');
    assert.equal((await client().post(`${T}/${t.id}/subtasks/${ok.id}/retry`)).status, 409);
    const r = await client().post(`${T}/${t.id}/subtasks/${failed.id}/retry`);
    assert.equal(r.status, 200);
    assert.equal(r.json.data.id, failed.id);
    assert.equal(r.json.data.runTime, 2);
    assert.equal(status(t.id), 'RUNNING');
    advanceUntil(sim(), () => status(t.id) !== 'RUNNING');
    assert.equal(status(t.id), 'SUCCESSFUL');
  });

  it('skip marks a FAILED subtask SUCCESSFUL (SKIP) and the task continues', async () => {
    const t = await failingStop();
    const failed = t.subtasks.find((s: any) => s.status === 'FAILED');
    const r = await client().post(`${T}/${t.id}/subtasks/${failed.id}/skip`);
    assert.equal(r.status, 200);
    assert.equal(r.json.data, undefined);
    const s = sim().state.tasks.get(t.id)!.byId.get(failed.id)!;
    assert.deepEqual([s.status, s.operation], ['SUCCESSFUL', 'SKIP']);
    advanceUntil(sim(), () => status(t.id) !== 'RUNNING');
    assert.equal(status(t.id), 'SUCCESSFUL');
    assert.equal((await client().post(`${T}/${t.id}/subtasks/${failed.id}/skip`)).status, 409, 'not FAILED any more');
  });

  it('cancel: RUNNING only, CANCELING then FAILED; the task fails', async () => {
    const task = (await client().post('/api/v2/ob/clusters/1000004/stop')).json.data;
    sim().advance(60);
    const running = sim().state.tasks.get(task.id)!.subtasks.find((s) => s.status === 'RUNNING')!;
    const pending = sim().state.tasks.get(task.id)!.subtasks.find((s) => s.status === 'PENDING')!;
    assert.equal((await client().post(`${T}/${task.id}/subtasks/${pending.id}/cancel`)).status, 409);
    const r = await client().post(`${T}/${task.id}/subtasks/${running.id}/cancel`);
    assert.equal(r.status, 200);
    assert.deepEqual([running.status, running.operation], ['CANCELING', 'CANCEL']);
    sim().advance(1000);
    assert.equal(running.status, 'FAILED');
    assert.equal(status(task.id), 'FAILED');
    assert.match((await client().data(`${T}/${task.id}/subtasks/${running.id}/log`)).log, /canceled/i);
  });

  it('rollback undoes executed subtasks in reverse order and restores the target', async () => {
    const t = await failingStop();
    const executed = t.subtasks.filter((s: any) => s.status !== 'PENDING' && s.status !== 'READY').map((s: any) => s.id);
    assert.ok(t.subtasks.some((s: any) => s.status === 'RUNNING'), 'a parallel sibling is still running when the rollback starts');
    const r = await client().post(`${T}/${t.id}/rollback`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.data.operation, 'ROLLBACK');
    assert.equal(r.json.data.status, 'RUNNING');
    advanceUntil(sim(), () => status(t.id) !== 'RUNNING');
    const task = sim().state.tasks.get(t.id)!;
    assert.equal(task.status, 'SUCCESSFUL');
    assert.equal(task.operation, 'ROLLBACK');
    const rolled = task.subtasks.filter((s) => s.operation === 'ROLLBACK');
    assert.deepEqual(rolled.map((s) => s.id).sort(), executed.sort());
    // every subtask was undone after everything downstream of it
    for (const s of rolled) {
      for (const d of s.downstreams.map((id) => task.byId.get(id)!).filter((x) => x.operation === 'ROLLBACK')) {
        assert.ok(d.finishTime! <= s.startTime!, `${d.name} undone before ${s.name}`);
      }
    }
    assert.equal(sim().state.clusters.get(1000001)!.status, 'RUNNING');
    assert.equal((await client().post(`${T}/${t.id}/rollback`)).status, 409, 'not twice');
    assert.equal((await client().post(`${T}/${t.id}/retry`)).status, 409);
  });

  it('rollback of a create removes the new cluster and frees its hosts', async () => {
    sim().addFault({ kind: 'failSubtask', name: 'Bootstrap ob' });
    const r = await client().post('/api/v2/ob/clusters', {
      name: 'doomed', rpmName: 'oceanbase-4.3.3.0-100000142024101215.el7.x86_64.rpm', type: 'PRIMARY', password: 'x', zones: [{ name: 'zone1', idcName: 'hz1', servers: [100013] }],
    });
    const id = r.json.data.id;
    settle(id);
    assert.equal(status(id), 'FAILED');
    assert.equal((await client().post(`${T}/${id}/rollback`)).status, 200);
    advanceUntil(sim(), () => status(id) !== 'RUNNING');
    assert.equal(sim().state.clusterByName('doomed'), undefined);
    assert.equal(hostInUse(sim().state.hosts.get(100013)!), false);
  });

  it('refuses illegal task actions and honours prohibitRollback', async () => {
    const task = (await client().post('/api/v2/ob/clusters/1000004/stop')).json.data;
    for (const action of ['retry', 'rollback']) {
      const r = await client().post(`${T}/${task.id}/${action}`);
      assert.equal(r.status, 409, action);
      assert.equal(r.json.successful, false);
    }
    assert.equal((await client().post(`${T}/999/retry`)).status, 404);
    assert.equal((await client().post(`${T}/${task.id}/subtasks/1/skip`)).status, 404);
    const id = sim().createSyntheticTask({ subtasks: 20, status: 'FAILED', prohibitRollback: true });
    const r = await client().post(`${T}/${id}/rollback`);
    assert.equal(r.status, 409);
    assert.match(r.json.error.message, /does not allow rollback/);
  });

  it("a subtask's log grows while it runs", async () => {
    sim().reset({ subtaskDurationMs: 4000 });
    sim().setClockSpeed(0);
    const task = (await client().post('/api/v2/ob/clusters/1000004/stop')).json.data;
    const root = task.subtasks.find((s: any) => !s.upstreams.length);
    const logOf = async () => (await client().data(`${T}/${task.id}/subtasks/${root.id}/log`)).log as string;
    assert.equal(await logOf(), '', 'nothing before it starts');
    const sizes: number[] = [];
    for (let i = 0; i < 5; i++) {
      sim().advance(1000);
      sizes.push((await logOf()).split('\n').length);
    }
    assert.ok(sizes[0] >= 1);
    assert.ok(sizes[4] > sizes[0], `grew: ${sizes}`);
    for (let i = 1; i < sizes.length; i++) assert.ok(sizes[i] >= sizes[i - 1]);
    const log = await logOf();
    assert.match(log, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} INFO/m);
    assert.match(log, /succeeded/);
  });

  it('builds and runs a synthetic 3,000-subtask task', async () => {
    const id = sim().createSyntheticTask({ subtasks: 3000, fanOut: 50 });
    const t = await client().data(`${T}/${id}`);
    assert.equal(t.subtasks.length, 3000);
    assert.ok(t.subtasks.some((s: any) => s.parallelIdx === 49));
    assert.ok(t.subtasks.filter((s: any) => s.name === 'Wait node').length > 10);
    sim().setClockSpeed(1e6);
    advanceUntil(sim(), () => status(id) !== 'RUNNING', 1e9, 60_000);
    assert.equal(status(id), 'SUCCESSFUL');
  });

  it('synthetic tasks can start part-done or FAILED, in either shape', async () => {
    const running = sim().state.tasks.get(sim().createSyntheticTask({ subtasks: 100, progress: 0.4, fanOut: 5 }))!;
    assert.equal(running.subtasks.filter((s) => s.status === 'SUCCESSFUL').length, 40);
    assert.equal(running.status, 'RUNNING');
    const failedId = sim().createSyntheticTask({ subtasks: 100, status: 'FAILED', shape: 'old' });
    const failed = await client().data(`${T}/${failedId}`);
    assert.equal(failed.status, 'FAILED');
    assert.equal(failed.tasks.filter((s: any) => s.status === 'FAILED').length, 1);
    const done = sim().state.tasks.get(sim().createSyntheticTask({ subtasks: 10, status: 'SUCCESSFUL', clusterId: 1000001 }))!;
    assert.equal(done.status, 'SUCCESSFUL');
    assert.equal(done.clusterId, 1000001);
  });
});
