// What the client does with each simulator fault: which errors it raises, what it retries (GETs only:
// network errors and 502/503/504 with backoff, 429 after RateLimit-Reset), and that POSTs are sent once.
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { normalizeCluster, normalizeTask } from '../../../src/core/model';
import { OcpClient } from '../../../src/core/ocp/client';
import type { RequestEvent } from '../../../src/core/ocp/types';
import { BASIC, FAST, ocpError, onlyRequest, until, useClientSim } from './helpers';

const CLUSTERS = '/api/v2/ob/clusters';
const STOP_DEV = '/api/v2/ob/clusters/1000004/stop';

describe('client faults', () => {
  const { sim, client, track } = useClientSim();

  describe('GET', () => {
    it('500: error kind http with OCP’s message, not retried', async () => {
      sim().addFault({ kind: 'status', status: 500, method: 'GET' });
      const e = await ocpError(client().listClusters(), 'http');
      assert.equal(e.status, 500);
      assert.equal(e.message, 'Internal server error');
      assert.equal(e.code, 10000);
      assert.equal(sim().count('GET', CLUSTERS), 1);
    });

    for (const status of [502, 503, 504] as const) {
      it(`${status}: retried with backoff and succeeds once the fault is used up`, async () => {
        const events: RequestEvent[] = [];
        sim().addFault({ kind: 'status', status, times: 2 });
        const clusters = await client({ onRequest: (e) => events.push(e) }).listClusters();
        assert.equal(clusters.length, 4);
        assert.equal(sim().count('GET', CLUSTERS), 3);
        assert.deepEqual(events.map((e) => [e.attempt, e.status]), [[1, status], [2, status], [3, 200]]);
        assert.ok(events[0].error, 'failed attempts are reported with their error');
      });
    }

    it('503 that persists: gives up after the configured retries with the last error', async () => {
      sim().addFault({ kind: 'status', status: 503 });
      const e = await ocpError(client({ retries: 3 }).listIdcs(), 'http');
      assert.equal(e.status, 503);
      assert.equal(e.message, 'Service unavailable');
      assert.equal(sim().count('GET', '/api/v2/compute/idcs'), 4);
    });

    it('a per-request retries: 0 (task pollers) sends once', async () => {
      sim().addFault({ kind: 'status', status: 502 });
      const e = await ocpError(client({ retries: 5 }).getTask(3000001, undefined, 0), 'http');
      assert.equal(e.status, 502);
      assert.equal(sim().requests.length, 1);
    });

    it('429: waits RateLimit-Reset, then retries and succeeds', async () => {
      sim().addFault({ kind: 'rateLimit', resetSeconds: 1, times: 1 });
      const hosts = await client({ maxRateLimitWaitMs: 2000 }).listHosts();
      assert.equal(hosts.length, 13);
      const [first, second] = sim().requests;
      assert.deepEqual([first.status, second.status, sim().requests.length], [429, 200, 2]);
      assert.ok(second.at - first.at >= 990, `retried after ${second.at - first.at} ms, before the 1 s reset`);
    });

    it('429 with a reset longer than maxRateLimitWaitMs: rateLimited with retryAfterMs, no retry', async () => {
      sim().addFault({ kind: 'rateLimit', resetSeconds: 1 });
      const e = await ocpError(client({ maxRateLimitWaitMs: 500 }).listHosts(), 'rateLimited');
      assert.equal(e.status, 429);
      assert.equal(e.retryAfterMs, 1000);
      assert.match(e.message, /Excessive number of requests/);
      assert.equal(sim().requests.length, 1);
    });

    it('malformed JSON: kind parse, the message names the status', async () => {
      sim().addFault({ kind: 'malformedJson', times: 1 });
      const e = await ocpError(client().getTask(3000001), 'parse');
      assert.equal(e.status, 200);
      assert.match(e.message, /HTTP 200/);
      assert.match(e.message, /not valid JSON/);
      assert.equal(sim().requests.length, 1, 'a parse error is not retried');
    });

    it('HTML proxy page: the error names status 502, text/html and the page title', async () => {
      sim().addFault({ kind: 'html' });
      const e = await ocpError(client({ retries: 1 }).listClusters(), 'http');
      assert.equal(e.status, 502);
      assert.match(e.message, /HTTP 502/);
      assert.match(e.message, /text\/html/);
      assert.match(e.message, /"502 Bad Gateway"/);
      assert.equal(sim().count('GET', CLUSTERS), 2, '502 is retried');
    });

    it('reset connection: kind network, retried, then succeeds', async () => {
      sim().addFault({ kind: 'reset', times: 1 });
      const zones = await client().listZones(1000001);
      assert.equal(zones.length, 3);
      assert.deepEqual(sim().requests.map((r) => r.status), [0, 200]);
    });

    it('reset connection that persists: kind network after all retries', async () => {
      sim().addFault({ kind: 'reset' });
      const e = await ocpError(client({ retries: 2 }).listZones(1000001), 'network');
      assert.match(e.message, /^Cannot reach OCP at 127\.0\.0\.1:\d+: /);
      assert.equal(sim().requests.length, 3);
    });

    it('connection refused: kind network, retried', async () => {
      const port = await freePort();
      const events: RequestEvent[] = [];
      const c = track(new OcpClient({ url: `http://127.0.0.1:${port}`, auth: BASIC, ...FAST, retries: 2, onRequest: (e) => events.push(e) }));
      const e = await ocpError(c.time(), 'network');
      assert.equal(e.message, `Cannot reach OCP at 127.0.0.1:${port}: connection refused`);
      assert.deepEqual(events.map((x) => x.attempt), [1, 2, 3]);
    });

    it('latency beyond timeoutMs: kind timeout', async () => {
      sim().addFault({ kind: 'latency', ms: 1500, times: 1 });
      const e = await ocpError(client({ timeoutMs: 150 }).listRegions(), 'timeout');
      assert.match(e.message, /did not answer within/);
      assert.equal(sim().requests.length, 1, 'a timeout is not retried');
    });

    it('latency within timeoutMs: the answer arrives', async () => {
      sim().addFault({ kind: 'latency', ms: 50, times: 1 });
      assert.equal((await client({ timeoutMs: 2000 }).listRegions()).length, 2);
    });

    it('hang: kind timeout', async () => {
      sim().addFault({ kind: 'hang' });
      const e = await ocpError(client({ timeoutMs: 150 }).getTask(3000001), 'timeout');
      assert.equal(e.path, '/api/v2/tasks/instances/3000001');
    });

    it('caller abort while hanging: kind cancelled', async () => {
      sim().addFault({ kind: 'hang' });
      const ac = new AbortController();
      const p = client({ timeoutMs: 5000 }).getTask(3000001, ac.signal);
      await until(() => sim().requests.length === 1, 'request arrived');
      ac.abort();
      await ocpError(p, 'cancelled');
    });

    it('unknown enum values survive normalisation (task and cluster)', async () => {
      sim().addFault({ kind: 'unknownEnums', value: 'HIBERNATING' });
      const task = normalizeTask(await client().getTask(3000001));
      assert.equal(task.id, 3000001);
      assert.equal(task.status, 'UNKNOWN');
      assert.equal(task.rawStatus, 'HIBERNATING');
      assert.equal(task.subtasks.length, 31);
      assert.ok(task.subtasks.every((s) => s.status === 'UNKNOWN' && s.rawStatus === 'HIBERNATING'));
      const clusters = (await client().listClusters()).map(normalizeCluster);
      assert.deepEqual(clusters.map((c) => [c.name, c.status, c.rawStatus])[0], ['obcluster_prod', 'UNKNOWN', 'HIBERNATING']);
    });
  });

  describe('POST is never retried', () => {
    for (const status of [500, 502, 503, 504] as const) {
      it(`${status}: sent exactly once, the error surfaces`, async () => {
        sim().addFault({ kind: 'status', status, method: 'POST' });
        const e = await ocpError(client({ retries: 5 }).stopCluster(1000004), 'http');
        assert.equal(e.status, status);
        assert.equal(e.method, 'POST');
        assert.equal(sim().count('POST', STOP_DEV), 1);
        assert.equal(sim().state.clusters.get(1000004)!.status, 'RUNNING');
      });
    }

    it('reset: sent exactly once, kind network', async () => {
      sim().addFault({ kind: 'reset', method: 'POST' });
      await ocpError(client({ retries: 5 }).stopCluster(1000004), 'network');
      assert.equal(sim().count('POST', STOP_DEV), 1);
    });

    it('429: sent exactly once, kind rateLimited', async () => {
      sim().addFault({ kind: 'rateLimit', resetSeconds: 0, method: 'POST' });
      const e = await ocpError(client().retryTask(3000001), 'rateLimited');
      assert.equal(e.retryAfterMs, 0);
      assert.equal(onlyRequest(sim()).method, 'POST');
    });

    it('hang: sent exactly once, kind timeout', async () => {
      sim().addFault({ kind: 'hang', method: 'POST' });
      await ocpError(client({ timeoutMs: 150 }).startCluster(1000003), 'timeout');
      assert.equal(sim().count('POST', '/api/v2/ob/clusters/1000003/start'), 1);
    });
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}
