// The /__sim admin surface, the CLI launcher, the request log and HTTPS.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as path from 'node:path';
import { startSimulator } from '../../ocp-sim/api';
import { parseArgs } from '../../ocp-sim/cli';
import { useSim } from './helpers';

const ROOT = path.resolve(__dirname, '../../../..');

async function admin(url: string, method: string, p: string, body?: unknown): Promise<{ status: number; json: any }> {
  const r = await fetch(url + p, { method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: r.status, json: await r.json() };
}

describe('sim admin surface and request log', () => {
  const { sim, client } = useSim();

  it('records API requests (not admin ones) and counts them', async () => {
    await client().get('/api/v2/ob/clusters?size=3&status=RUNNING&status=STOPPED');
    await client().post('/api/v2/ob/clusters/1000001/stop');
    await client().post('/api/v2/ob/clusters/1000001/stop');
    await admin(sim().url, 'GET', '/__sim/state');
    const reqs = sim().requests;
    assert.equal(reqs.length, 3);
    assert.deepEqual(reqs[0].query, { size: '3', status: 'RUNNING,STOPPED' });
    assert.equal(reqs[0].status, 200);
    assert.equal(reqs[2].status, 409);
    assert.match(String(reqs[0].headers.authorization), /^Basic /);
    assert.equal(sim().count('POST', '/api/v2/ob/clusters/1000001/stop'), 2);
    assert.equal(sim().count('*', /\/clusters/), 3);
    assert.equal(sim().count('get', /stop$/), 0);
    await client().post('/api/v2/ob/clusters/takeOverPreCheck', { address: 'x', port: 1, rootSysPassword: 'p' });
    assert.deepEqual(sim().requests.at(-1)!.body, { address: 'x', port: 1, rootSysPassword: 'p' });
    const viaHttp = await admin(sim().url, 'GET', '/__sim/requests');
    assert.equal(viaHttp.json.length, 4);
    await admin(sim().url, 'DELETE', '/__sim/requests');
    assert.equal(sim().requests.length, 0);
    sim().clearRequests();
  });

  it('manages faults, the clock, synthetic tasks, state and reset over HTTP', async () => {
    const url = sim().url;
    const added = await admin(url, 'POST', '/__sim/faults', { kind: 'status', status: 500, path: 'hosts' });
    assert.match(added.json.id, /^fault-/);
    assert.equal((await client().get('/api/v2/compute/hosts')).status, 500);
    assert.equal((await admin(url, 'GET', '/__sim/faults')).json.length, 1);
    assert.equal((await admin(url, 'DELETE', `/__sim/faults/${added.json.id}`)).status, 200);
    assert.equal((await client().get('/api/v2/compute/hosts')).status, 200);
    await admin(url, 'POST', '/__sim/faults', { kind: 'html' });
    await admin(url, 'DELETE', '/__sim/faults');
    assert.equal((await client().get('/api/v2/compute/hosts')).status, 200);
    assert.equal((await admin(url, 'POST', '/__sim/faults', { kind: 'bogus' })).status, 400);

    const task = (await client().post('/api/v2/ob/clusters/1000004/stop')).json.data;
    const before = (await admin(url, 'GET', '/__sim/clock')).json.now;
    const clock = await admin(url, 'POST', '/__sim/clock', { speed: 0, advanceMs: 60_000 });
    assert.equal(clock.json.speed, 0);
    assert.ok(clock.json.now >= before + 60_000);
    assert.equal(sim().state.tasks.get(task.id)!.status, 'SUCCESSFUL');

    const synth = await admin(url, 'POST', '/__sim/tasks', { subtasks: 500, shape: 'new', fanOut: 20 });
    assert.equal(sim().state.tasks.get(synth.json.id)!.subtasks.length, 500);
    assert.equal((await admin(url, 'POST', '/__sim/tasks', {})).status, 400);

    const state = (await admin(url, 'GET', '/__sim/state')).json;
    assert.equal(state.clusters.find((c: any) => c.id === 1000004).status, 'STOPPED');
    assert.ok(state.tasks.some((t: any) => t.id === synth.json.id && t.subtaskCount === 500));

    await admin(url, 'POST', '/__sim/reset', { scenario: { inventory: 'empty' } });
    assert.equal(sim().state.clusters.size, 0);
    await admin(url, 'POST', '/__sim/reset', {});
    assert.equal(sim().state.clusters.get(1000004)!.status, 'RUNNING');
    assert.equal((await admin(url, 'GET', '/__sim/nothing')).status, 404);
  });
});

describe('sim CLI and HTTPS', () => {
  it('parses its options', () => {
    assert.deepEqual(parseArgs(['--port', '0', '--host=127.0.0.1', '--clock-speed', '10']), { port: 0, host: '127.0.0.1', clockSpeed: 10 });
    assert.throws(() => parseArgs(['--port', 'x']), /port/);
    assert.throws(() => parseArgs(['--what']), /unknown option/);
    assert.throws(() => parseArgs(['--tls-key', path.join(ROOT, 'test/fixtures/tls/sim-key.pem')]), /go together/);
  });

  it('runs as `node test/ocp-sim --port 0 --scenario FILE`, prints its URL and stops on SIGTERM', async () => {
    const scenario = path.join(ROOT, 'test/fixtures/scenarios/empty.json');
    const child = spawn(process.execPath, [path.join(ROOT, 'test/ocp-sim'), '--port', '0', '--scenario', scenario], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d) => {
          out += d;
          const m = /^OCP simulator listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out);
          if (m) resolve(m[1]);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      const r = await fetch(`${url}/api/v2/ob/clusters`, { headers: { Authorization: 'Basic ' + Buffer.from('admin:aaAA11__').toString('base64') } });
      assert.equal((await r.json()).data.page.totalElements, 0, 'the scenario file was used');
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    }
  });

  it('serves HTTPS when given a key and certificate', async () => {
    const cert = fs.readFileSync(path.join(ROOT, 'test/fixtures/tls/sim-cert.pem'), 'utf8');
    const key = fs.readFileSync(path.join(ROOT, 'test/fixtures/tls/sim-key.pem'), 'utf8');
    const sim = await startSimulator({ tls: { key, cert } });
    try {
      assert.match(sim.url, /^https:\/\/127\.0\.0\.1:\d+$/);
      const body = await new Promise<string>((resolve, reject) => {
        https.get(`${sim.url}/api/v2/time`, { ca: cert }, (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve(text));
        }).on('error', reject);
      });
      assert.match(body, /\+08:00$/);
      await assert.rejects(fetch(`${sim.url}/api/v2/time`), 'self-signed: rejected without the CA');
    } finally {
      await sim.close();
    }
  });
});
