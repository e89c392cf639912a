// Each fault kind does what it says, with method/path/times matching.
import * as assert from 'node:assert/strict';
import { startSimulator } from '../../ocp-sim/api';
import { advanceUntil, Client, useSim } from './helpers';

const CLUSTERS = '/api/v2/ob/clusters';

describe('sim faults', () => {
  const { sim, client } = useSim();

  it('status: answers 5xx with the error envelope', async () => {
    sim().addFault({ kind: 'status', status: 503, times: 1 });
    const r = await client().get(CLUSTERS);
    assert.equal(r.status, 503);
    assert.equal(r.json.successful, false);
    assert.equal(r.json.status, 503);
    assert.ok(r.json.error.message);
    assert.equal((await client().get(CLUSTERS)).status, 200, 'used up after times=1');
  });

  it('matches on method and path regex only', async () => {
    sim().addFault({ kind: 'status', status: 500, method: 'POST', path: '/stop$' });
    assert.equal((await client().get(CLUSTERS)).status, 200);
    assert.equal((await client().post(`${CLUSTERS}/1000001/start`)).status, 409, 'not matched: the real answer');
    const r = await client().post(`${CLUSTERS}/1000001/stop`);
    assert.equal(r.status, 500);
    assert.equal(sim().state.clusters.get(1000001)!.status, 'RUNNING', 'the faulted request did nothing');
    assert.equal((await client().post(`${CLUSTERS}/1000001/stop`)).status, 500, 'unlimited by default');
  });

  it('rateLimit: 429 with RateLimit-* headers and the envelope', async () => {
    sim().addFault({ kind: 'rateLimit', resetSeconds: 7, times: 1 });
    const r = await client().get(CLUSTERS);
    assert.equal(r.status, 429);
    assert.equal(r.headers.get('ratelimit-reset'), '7');
    assert.equal(r.headers.get('ratelimit-remaining'), '0');
    assert.ok(Number(r.headers.get('ratelimit-limit')) > 0);
    assert.equal(r.json.status, 429);
    assert.match(r.json.error.message, /Excessive number of requests/);
  });

  it('unauthorized: 401 envelope even with good credentials; lang forces the language', async () => {
    sim().addFault({ kind: 'unauthorized', times: 1, lang: 'zh-CN' });
    const r = await client().get(CLUSTERS);
    assert.equal(r.status, 401);
    assert.equal(r.json.successful, false);
    assert.match(r.json.error.message, /[\u4e00-\u9fff]/);
  });

  it('malformedJson: 200 with a truncated JSON body', async () => {
    sim().addFault({ kind: 'malformedJson', times: 1 });
    const r = await client().get(CLUSTERS);
    assert.equal(r.status, 200);
    assert.equal(r.json, undefined);
    assert.ok(r.text.startsWith('{"data":'));
    assert.throws(() => JSON.parse(r.text));
  });

  it('html: 502 text/html proxy page', async () => {
    sim().addFault({ kind: 'html' });
    const r = await client().get(CLUSTERS);
    assert.equal(r.status, 502);
    assert.match(r.headers.get('content-type') ?? '', /text\/html/);
    assert.match(r.text, /502 Bad Gateway/);
  });

  it('reset: destroys the connection without a response', async () => {
    sim().addFault({ kind: 'reset', times: 1 });
    await assert.rejects(client().get(CLUSTERS));
    assert.equal(sim().requests.at(-1)!.status, 0);
    assert.equal((await client().get(CLUSTERS)).status, 200);
  });

  it('latency: the response waits, then arrives intact', async () => {
    sim().addFault({ kind: 'latency', ms: 400, times: 1 });
    const pending = client().get(CLUSTERS);
    while (!sim().requests.length) await new Promise((r) => setTimeout(r, 5));
    assert.equal(sim().requests[0].status, 0, 'not answered yet');
    const r = await pending;
    assert.equal(r.status, 200);
    assert.equal(r.json.data.page.totalElements, 4);
  });

  it('hang: never answers (the client gives up), later requests are served', async () => {
    sim().addFault({ kind: 'hang', times: 1 });
    await assert.rejects(fetch(sim().url + CLUSTERS, { signal: AbortSignal.timeout(200) }));
    assert.equal(sim().requests[0].status, 0);
    assert.equal((await client().get(CLUSTERS)).status, 200);
  });

  it('removeFault and clearFaults stop faults', async () => {
    const id = sim().addFault({ kind: 'status', status: 500 });
    assert.equal((await client().get(CLUSTERS)).status, 500);
    sim().removeFault(id);
    assert.equal((await client().get(CLUSTERS)).status, 200);
    sim().addFault({ kind: 'html' });
    sim().addFault({ kind: 'status', status: 504 });
    sim().clearFaults();
    assert.equal((await client().get(CLUSTERS)).status, 200);
    assert.throws(() => sim().addFault({ kind: 'nope' } as any), /unknown fault kind/);
    assert.throws(() => sim().addFault({ kind: 'status', status: 404 } as any), /status/);
  });

  it('unknownEnums: statuses become values the client does not know', async () => {
    sim().addFault({ kind: 'unknownEnums', path: '^/api/v2/ob/clusters' });
    const list = (await client().data(CLUSTERS)).contents;
    assert.ok(list.every((c: any) => c.status === 'HIBERNATING'));
    assert.equal((await client().data('/api/v2/compute/hosts/100001')).status, 'ONLINE', 'other paths untouched');
  });

  it('largeInventory: adds generated clusters', async () => {
    sim().addFault({ kind: 'largeInventory', clusters: 50, tenantsPerCluster: 3 });
    assert.equal((await client().data(`${CLUSTERS}?size=1`)).page.totalElements, 54);
  });

  it('taskShape: old shape on the POST, new on GET', async () => {
    sim().addFault({ kind: 'taskShape', shape: 'old', on: 'post' });
    const post = (await client().post(`${CLUSTERS}/1000001/stop`)).json.data;
    assert.ok(Array.isArray(post.tasks));
    assert.equal(post.subtasks, undefined);
    assert.deepEqual(post.creator, { id: 100, name: 'admin' });
    assert.equal(post.cluster.id, 1000001);
    assert.match(post.context, /^Context\(/);
    assert.deepEqual(Object.keys(post.tasks[0]).sort(), ['description', 'downstreams', 'id', 'name', 'operation', 'status', 'upstreams']);
    const get = await client().data(`/api/v2/tasks/instances/${post.id}`);
    assert.ok(Array.isArray(get.subtasks));
    assert.equal(get.creator, 'admin');
    assert.equal(get.clusterId, 1000001);
    for (const k of ['seriesId', 'parallelIdx', 'runTime', 'timeout', 'nodeType', 'executor', 'createTime']) assert.ok(k in get.subtasks[0], k);
  });

  it('taskShape on GET shapes a whole task list at once (times counts responses)', async () => {
    sim().addFault({ kind: 'taskShape', shape: 'old', on: 'get', times: 1 });
    const old = (await client().data('/api/v2/tasks/instances')).contents;
    assert.equal(old.length, 2);
    assert.ok(old.every((t: any) => typeof t.creator === 'object' && t.cluster && t.context));
    const fresh = (await client().data('/api/v2/tasks/instances')).contents;
    assert.ok(fresh.every((t: any) => t.creator === 'admin' && t.clusterId));
  });

  it('neverFinish: tasks stay RUNNING until the fault goes', async () => {
    const id = sim().addFault({ kind: 'neverFinish' });
    const task = (await client().post(`${CLUSTERS}/1000001/stop`)).json.data;
    sim().advance(120_000);
    const t = await client().data(`/api/v2/tasks/instances/${task.id}`);
    assert.equal(t.status, 'RUNNING');
    const running = t.subtasks.find((s: any) => s.status === 'RUNNING');
    const log = (await client().data(`/api/v2/tasks/instances/${task.id}/subtasks/${running.id}/log`)).log;
    assert.match(log, /still waiting/);
    sim().removeFault(id);
    advanceUntil(sim(), () => sim().state.tasks.get(task.id)!.status !== 'RUNNING');
    assert.equal(sim().state.tasks.get(task.id)!.status, 'SUCCESSFUL');
  });
});

describe('sim faults from a scenario', () => {
  it('applies scenario faults and the mixed task shape', async () => {
    const sim = await startSimulator({ clockSpeed: 0, scenario: { taskShape: 'mixed', faults: [{ kind: 'status', status: 502, path: 'hosts', times: 2 }] } });
    try {
      const c = new Client(sim);
      assert.equal((await c.get('/api/v2/compute/hosts')).status, 502);
      assert.equal((await c.get('/api/v2/compute/hosts')).status, 502);
      assert.equal((await c.get('/api/v2/compute/hosts')).status, 200);
      const post = (await c.post('/api/v2/ob/clusters/1000001/stop')).json.data;
      assert.ok(post.tasks && !post.subtasks, 'old shape from the POST');
      const get = await c.data(`/api/v2/tasks/instances/${post.id}`);
      assert.ok(get.subtasks && !get.tasks, 'new shape from GET');
    } finally {
      await sim.close();
    }
  });
});
