// A hostile OCP (or gateway, or proxy) over real HTTP: lying page info, a page that repeats, huge bodies,
// redirects, deeply nested error details, garbage on the socket. Each test asserts the number that matters:
// requests sent, bytes read, items returned, heap growth.
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { outcomeUnknown } from '../../../src/core/ocp/errors';
import { MAX_LIST_PAGES, OcpClient } from '../../../src/core/ocp/client';
import { BASIC, FAST, ocpError, useClientSim } from './helpers';

const CLUSTERS = '/api/v2/ob/clusters';
const MiB = 1024 * 1024;
const LOG = '/api/v2/tasks/instances/3000001/subtasks/4000001/log';

describe('client against a hostile server: pagination', () => {
  const { sim, client } = useClientSim();

  it('a billion pages of the same page: 2 requests, the 4 clusters once, cut as repeatedPage', async () => {
    sim().addFault({ kind: 'pageInfo', path: `^${CLUSTERS}$`, totalPages: 1e9, totalElements: 2e12 });
    sim().addFault({ kind: 'repeatPage', path: `^${CLUSTERS}$` });
    const list = await client().listClusters();
    assert.equal(sim().count('GET', CLUSTERS), 2);
    assert.equal(list.length, 4);
    assert.deepEqual(list.truncated, { reason: 'repeatedPage', count: 4, totalElements: 2e12 });
  });

  it('a billion pages claimed over a real list: stops at the first empty page, not cut', async () => {
    sim().addFault({ kind: 'pageInfo', path: `^${CLUSTERS}$`, totalPages: 1e9, totalElements: 2e12 });
    const list = await client().listClusters();
    assert.equal(list.length, 4);
    assert.equal(list.truncated, undefined);
    assert.equal(sim().count('GET', CLUSTERS), 2);
  });

  it('stops when items reach totalElements even if totalPages says more', async () => {
    sim().addFault({ kind: 'pageInfo', path: `^${CLUSTERS}$`, totalPages: 1e9 });
    const list = await client().listAll(CLUSTERS, {}, { pageSize: 2 });
    assert.equal(list.length, 4);
    assert.equal(list.truncated, undefined);
    assert.equal(sim().count('GET', CLUSTERS), 2, 'page 2 brings 4 of totalElements 4: no third request');
  });

  it('a page number that does not advance: 2 requests, cut as pageNotAdvancing', async () => {
    sim().addFault({ kind: 'pageInfo', path: `^${CLUSTERS}$`, totalPages: 1e9, totalElements: 1e12, number: 1, synthesize: true });
    const list = await client().listAll(CLUSTERS, {}, { pageSize: 100 });
    assert.equal(sim().count('GET', CLUSTERS), 2);
    assert.equal(list.length, 100);
    assert.equal(list.truncated?.reason, 'pageNotAdvancing');
  });

  it('endless new items: cut at 100,000 items after 50 requests of 2000', async () => {
    sim().addFault({ kind: 'pageInfo', path: `^${CLUSTERS}$`, totalPages: 1e9, totalElements: 2e12, synthesize: true });
    const list = await client().listClusters();
    assert.equal(list.length, 100_000);
    assert.equal(new Set(list.map((c) => c.id)).size, 100_000);
    assert.equal(sim().count('GET', CLUSTERS), 50);
    assert.deepEqual(list.truncated, { reason: 'itemCap', count: 100_000, totalElements: 2e12 });
  });

  it('endless short pages: cut at maxPages requests (default 500)', async () => {
    assert.equal(MAX_LIST_PAGES, 500);
    sim().addFault({ kind: 'pageInfo', path: `^${CLUSTERS}$`, totalPages: 1e9, totalElements: 2e12, synthesize: true });
    const list = await client().listAll(CLUSTERS, {}, { pageSize: 3, maxPages: 40 });
    assert.equal(sim().count('GET', CLUSTERS), 40);
    assert.equal(list.length, 120);
    assert.equal(list.truncated?.reason, 'pageCap');
  });

  it('maxItems set by the caller', async () => {
    sim().addFault({ kind: 'pageInfo', path: `^${CLUSTERS}$`, totalPages: 1e9, totalElements: 2e12, synthesize: true });
    const list = await client().listClusters({}, { maxItems: 250, pageSize: 100 });
    assert.equal(list.length, 250);
    assert.equal(sim().count('GET', CLUSTERS), 3);
    assert.equal(list.truncated?.reason, 'itemCap');
  });

  it('an abort between pages stops the loop: no request after it', async () => {
    sim().addFault({ kind: 'pageInfo', path: `^${CLUSTERS}$`, totalPages: 1e9, totalElements: 2e12, synthesize: true });
    const ac = new AbortController();
    let pages = 0;
    const c = client();
    const items: unknown[] = [];
    const e = await ocpError((async () => {
      for await (const x of c.paginate(CLUSTERS, {}, { pageSize: 10, signal: ac.signal, onPage: () => { if (++pages === 3) ac.abort(); } })) items.push(x);
    })(), 'cancelled');
    assert.equal(e.notSent, true);
    assert.equal(sim().count('GET', CLUSTERS), 3);
    assert.equal(items.length, 30);
  });

  it('{ signal } on a list call: an already aborted signal sends nothing', async () => {
    const ac = new AbortController();
    ac.abort();
    await ocpError(client().listClusters({}, { signal: ac.signal }), 'cancelled');
    await ocpError(client().getTask(3000001, { signal: ac.signal }), 'cancelled');
    assert.equal(sim().requests.length, 0);
  });

  it('an abort during a retry wait ends the call at once: one request', async () => {
    sim().addFault({ kind: 'status', status: 503 });
    const ac = new AbortController();
    const c = client({ retries: 3, retryBaseMs: 600_000, retryMaxMs: 600_000 });
    const p = c.listIdcs({ signal: ac.signal });
    while (sim().requests.length === 0 || sim().requests[0].status === 0) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 20));
    ac.abort();
    await ocpError(p, 'cancelled');
    assert.equal(sim().requests.length, 1);
  });
});

describe('client against a hostile server: bodies', () => {
  const { sim, client } = useClientSim();

  it('a JSON body over the default 64 MiB cap: kind tooLarge, one request, at most the cap read', async () => {
    sim().addFault({ kind: 'hugeBody', as: 'json', bytes: 80 * MiB, path: `^${CLUSTERS}$` });
    const c = client({ retries: 3 });
    const e = await ocpError(c.listClusters(), 'tooLarge');
    assert.equal(e.message, 'OCP sent more than 64 MiB (HTTP 200); the answer was not read');
    assert.equal(e.describe(), 'OCP sent more than 64 MiB (HTTP 200); the answer was not read', 'the status is not said twice');
    assert.equal(e.limitBytes, 64 * MiB);
    assert.equal(sim().requests.length, 1, 'never retried');
    const read = c.transport.stats().bytesRead;
    assert.ok(read > 64 * MiB && read <= 65 * MiB, `read ${read} bytes`);
    assert.equal(outcomeUnknown(e), true, 'a 2xx OCP sent but we did not read: if it was a POST, OCP may have acted');
  });

  it('maxBodyBytes: a 9 MiB body over a 1 MiB cap reads about 1 MiB; a 4xx over the cap is not "may have acted"', async () => {
    sim().addFault({ kind: 'hugeBody', as: 'json', bytes: 9 * MiB, status: 500, times: 1 });
    const c = client({ maxBodyBytes: MiB, retries: 3 });
    const e = await ocpError(c.stopCluster(1000004), 'tooLarge');
    assert.equal(e.message, 'OCP sent more than 1 MiB (HTTP 500); the answer was not read');
    assert.equal(outcomeUnknown(e), false);
    assert.ok(c.transport.stats().bytesRead <= 2 * MiB);
    assert.equal(sim().requests.length, 1);
  });

  it('a 96 MiB log: the last 1 Mi characters, said to be cut, read in bounded memory', async () => {
    sim().addFault({ kind: 'hugeBody', as: 'log', bytes: 96 * MiB, path: '/log$' });
    const c = client({ timeoutMs: 60_000 });
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().heapUsed); }, 2);
    let tail;
    try {
      tail = await c.subtaskLogTail(3000001, 4000001, { tailChars: MiB });
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    assert.ok(tail.text.endsWith('END OF LOG'), tail.text.slice(-40));
    assert.match(tail.text.slice(-300), /step ok\n2026-12-01 08:00:00\.000 INFO/, 'escapes decoded');
    assert.ok(tail.text.length <= MiB && tail.text.length > 0.95 * MiB, `kept ${tail.text.length}`);
    assert.equal(tail.truncated, true);
    assert.ok(tail.droppedChars > 90 * MiB);
    assert.equal(tail.bytesRead, 96 * MiB);
    const growth = peak - before;
    assert.ok(growth < 80 * MiB, `heap grew ${Math.round(growth / MiB)} MiB while reading a 96 MiB log`);
    assert.equal(sim().count('GET', LOG), 1);
  });

  it('the simulator meters what it wrote: a small answer whole, an abandoned huge one only as far as the client read', async () => {
    const c = client();
    const t0 = sim().traffic();
    await c.listClusters();
    const small = sim().requests[0];
    assert.ok(small.bytes > 200 && small.bytes < 64 * 1024, `${small.bytes} bytes for 4 clusters`);
    assert.deepEqual(sim().traffic(), { requests: t0.requests + 1, bytesWritten: t0.bytesWritten + small.bytes });
    sim().addFault({ kind: 'hugeBody', as: 'json', bytes: 64 * MiB, path: `^${CLUSTERS}$` });
    await ocpError(client({ maxBodyBytes: MiB }).listClusters(), 'tooLarge');
    await new Promise((r) => setTimeout(r, 50)); // the server sees the hang-up
    const huge = sim().requests[1];
    assert.ok(huge.bytes > MiB && huge.bytes < 32 * MiB, `${huge.bytes} bytes written of 64 MiB`);
    sim().clearRequests();
    assert.equal(sim().traffic().requests, t0.requests + 2, 'clearRequests keeps the totals');
  });

  it('a log body over maxLogBodyBytes: kind tooLarge, not retried', async () => {
    sim().addFault({ kind: 'hugeBody', as: 'log', bytes: 6 * MiB, path: '/log$' });
    const c = client({ maxLogBodyBytes: 2 * MiB, retries: 3 });
    const e = await ocpError(c.subtaskLog(3000001, 4000001), 'tooLarge');
    assert.match(e.message, /^OCP sent more than 2 MiB/);
    assert.equal(sim().requests.length, 1);
  });

  it('a small log comes whole and uncut; a tail shorter than the log keeps its end', async () => {
    const id = sim().createSyntheticTask({ subtasks: 6, status: 'FAILED' });
    sim().advance(60_000);
    const failed = sim().state.tasks.get(id)!.subtasks.find((s) => s.status === 'FAILED')!;
    const whole = await client().subtaskLogTail(id, failed.id);
    assert.equal(whole.truncated, false);
    assert.equal(whole.droppedChars, 0);
    assert.match(whole.text, /Start subtask \d+/);
    assert.match(whole.text, /Execute failed: synthetic failure$/);
    const end = await client().subtaskLogTail(id, failed.id, { tailChars: 20 });
    assert.deepEqual([end.text, end.truncated], [whole.text.slice(-20), true]);
    assert.ok(end.droppedChars >= whole.text.length - 20, 'counted in characters of JSON text (escapes count as written)');
  });

  it('a 302 on a GET: kind redirect naming the location, not retried', async () => {
    sim().addFault({ kind: 'redirect', location: 'https://sso.example.com/login' });
    const e = await ocpError(client({ retries: 3 }).listClusters(), 'redirect');
    assert.equal(e.message, 'OCP answered with a redirect to https://sso.example.com/login: check the address (a proxy or login page?)');
    assert.equal(e.location, 'https://sso.example.com/login');
    assert.equal(e.status, 302);
    assert.equal(sim().requests.length, 1);
  });

  it('a 302 on a POST: one POST, kind redirect, and OCP cannot have acted', async () => {
    sim().addFault({ kind: 'redirect', method: 'POST' });
    const e = await ocpError(client().stopCluster(1000004), 'redirect');
    assert.equal(outcomeUnknown(e), false);
    assert.equal(sim().count('POST', '/api/v2/ob/clusters/1000004/stop'), 1);
    assert.equal(sim().state.clusters.get(1000004)!.status, 'RUNNING');
  });

  it('error details nested 50,000 deep: an OcpError with bounded details, no stack overflow', async () => {
    sim().addFault({ kind: 'nestedError', depth: 50_000, times: 1 });
    const e = await ocpError(client().getTask(3000001), 'http');
    assert.equal(e.message, 'Nested failure');
    assert.equal(e.status, 500);
    assert.equal(e.subErrors.length, 2);
    for (const se of e.subErrors) {
      assert.ok(se.message.length <= 2001, `sub-error message of ${se.message.length} characters`);
      assert.ok(typeof se.rejectedValue !== 'object' || se.rejectedValue === null);
    }
    assert.ok(JSON.stringify(e.subErrors).length < 10_000);
    assert.ok(e.describe().length < 10_000);
    assert.equal(sim().requests.length, 1);
  });

  it('a nested-error log answer through the tail parser: bounded too', async () => {
    sim().addFault({ kind: 'nestedError', depth: 20_000, path: '/log$' });
    const e = await ocpError(client().subtaskLogTail(3000001, 4000001), 'http');
    assert.equal(e.message, 'Nested failure');
    assert.ok(JSON.stringify(e.subErrors).length < 10_000);
  });
});

describe('client against a hostile server: transport', () => {
  it('garbage instead of HTTP: not a network error, not retried', async () => {
    let connections = 0;
    const srv = net.createServer((s) => {
      connections++;
      s.once('data', () => s.end('SMTP READY\r\n\r\n'));
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as net.AddressInfo).port;
    const c = new OcpClient({ url: `http://127.0.0.1:${port}`, auth: BASIC, ...FAST, retries: 3 });
    try {
      const e = await ocpError(c.listClusters(), 'unexpected');
      assert.doesNotMatch(e.message, /Cannot reach OCP/);
      assert.equal(connections, 1);
      assert.equal(c.transport.stats().requestsSent, 1);
    } finally {
      await c.close();
      await new Promise<void>((r) => srv.close(() => r()));
    }
  });
});
