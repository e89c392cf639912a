// Pages asked for ahead (ListOptions.parallel): once page 1 says how many pages there are, the next pages are
// in flight a few at a time, still taken in order, and every bound of a hostile server still holds. A plain
// HTTP server here counts the requests in flight at once; the simulator's faults check the bounds.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { MAX_PARALLEL_PAGES, OcpClient } from '../../../src/core/ocp/client';
import { BASIC, FAST, useClientSim } from './helpers';

const CLUSTERS = '/api/v2/ob/clusters';

interface PagedServer {
  url: string;
  requests: number[];
  /** Per request, in arrival order: its page and how many answers had been sent before it arrived. */
  arrivals: Array<{ page: number; answeredBefore: number }>;
  /** Answers sent (reset with `arrivals`). */
  answered: number;
  maxInFlight: number;
  /** Items served (may be changed between lists: the list grew or shrank). */
  total: number;
  /** Answer 401 to every request from now on. */
  refuse: boolean;
  close(): Promise<void>;
}

/** `total` items served `size` a page (the size the client asks for), each answer after `delayMs`. */
async function pagedServer(total: number, delayMs: number): Promise<PagedServer> {
  let inFlight = 0;
  const state: PagedServer = { url: '', requests: [], arrivals: [], answered: 0, maxInFlight: 0, total, refuse: false, close: async () => undefined };
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const page = Number(u.searchParams.get('page'));
    const size = Number(u.searchParams.get('size'));
    state.requests.push(page);
    state.arrivals.push({ page, answeredBefore: state.answered });
    inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, inFlight);
    setTimeout(() => {
      inFlight--;
      state.answered++;
      const total = state.total;
      res.setHeader('content-type', 'application/json');
      if (state.refuse) {
        res.statusCode = 401;
        res.end(JSON.stringify({ successful: false, status: 401, error: { code: 10000, message: 'Unauthorized' } }));
        return;
      }
      const from = (page - 1) * size;
      const contents = Array.from({ length: Math.max(0, Math.min(size, total - from)) }, (_, i) => ({ id: from + i + 1, name: `c${from + i + 1}` }));
      const body = { successful: true, data: { contents, page: { number: page, size, totalElements: total, totalPages: Math.ceil(total / size) } } };
      res.end(JSON.stringify(body));
    }, delayMs);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); });
  return state;
}

// The suites' server and client of the running test.
let server: PagedServer | undefined;
let client: OcpClient | undefined;

/** Closes the test's client and server after each test of the suite. */
function closeAfterEach(): void {
  afterEach(async () => {
    await client?.close();
    await server?.close();
    client = server = undefined;
  });
}

describe('client: pages asked for ahead', () => {
  closeAfterEach();

  it('takes every page once and in order, with at most `parallel` requests in flight', async () => {
    server = await pagedServer(1000, 20);
    client = new OcpClient({ url: server.url, auth: BASIC, ...FAST });
    const progress: Array<[number, number | undefined]> = [];
    const list = await client.listAll(CLUSTERS, {}, { pageSize: 100, parallel: 3, onProgress: (items, total) => progress.push([items.length, total]) });
    assert.deepEqual(list.map((c) => (c as { id: number }).id), Array.from({ length: 1000 }, (_, i) => i + 1));
    assert.deepEqual([...server.requests].sort((a, b) => a - b), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 'each page asked once');
    assert.equal(server.maxInFlight, 3);
    assert.deepEqual(progress, Array.from({ length: 10 }, (_, i) => [(i + 1) * 100, 1000]), 'progress once per page, with OCP\'s total');
  });

  it('maps every item as its page arrives: the list and its progress hold only what `map` returns', async () => {
    server = await pagedServer(1000, 5);
    client = new OcpClient({ url: server.url, auth: BASIC, ...FAST });
    const mapped: number[] = [];
    const seen: unknown[] = [];
    const list = await client.listClusters({}, {
      pageSize: 100, parallel: 3,
      map: (raw) => { mapped.push(raw.id as number); return { n: raw.id as number }; },
      onProgress: (items) => { seen.push(items[items.length - 1]); assert.equal(mapped.length, items.length, 'mapped before it is reported'); },
    });
    assert.deepEqual(list, Array.from({ length: 1000 }, (_, i) => ({ n: i + 1 })));
    assert.deepEqual(mapped, Array.from({ length: 1000 }, (_, i) => i + 1), 'each item mapped once, in order');
    assert.deepEqual(seen, Array.from({ length: 10 }, (_, i) => ({ n: (i + 1) * 100 })), 'progress sees the mapped items');
    assert.equal(list.truncated, undefined);
  });

  it('sends one page at a time by default, and caps `parallel`', async () => {
    server = await pagedServer(500, 5);
    client = new OcpClient({ url: server.url, auth: BASIC, ...FAST });
    await client.listAll(CLUSTERS, {}, { pageSize: 100 });
    assert.equal(server.maxInFlight, 1);
    server.maxInFlight = 0;
    await client.listAll(CLUSTERS, {}, { pageSize: 50, parallel: 1000 });
    assert.equal(server.maxInFlight, MAX_PARALLEL_PAGES);
  });

  it('asks ahead no further than the item cap allows', async () => {
    server = await pagedServer(100_000, 1);
    client = new OcpClient({ url: server.url, auth: BASIC, ...FAST });
    const list = await client.listAll(CLUSTERS, {}, { pageSize: 100, parallel: 4, maxItems: 250 });
    assert.equal(list.length, 250);
    assert.equal(list.truncated?.reason, 'itemCap');
    assert.deepEqual([...server.requests].sort((a, b) => a - b), [1, 2, 3]);
  });
});

describe('client: pages asked for with page 1 (expectedItems)', () => {
  closeAfterEach();

  const start = async (total: number): Promise<OcpClient> => {
    server = await pagedServer(total, 20);
    client = new OcpClient({ url: server.url, auth: BASIC, ...FAST });
    return client;
  };
  const clear = (): void => {
    server!.requests = [];
    server!.arrivals = [];
    server!.answered = 0;
    server!.maxInFlight = 0;
  };
  /** A first list proves the credentials; the server's records are cleared after it. */
  const accepted = async (c: OcpClient): Promise<void> => {
    await c.listAll(CLUSTERS, {}, { pageSize: 100 });
    assert.equal(c.transport.credentialsAccepted, true);
    clear();
  };
  /** A client of a 1,000-item server whose credentials a first list proved. */
  const acceptedClient = async (): Promise<OcpClient> => {
    const c = await start(1000);
    await accepted(c);
    return c;
  };
  /** The server's list changed to `total` items since it had the 1,000 the caller expects: listed again. */
  const relisted = async (total: number, opts: { parallel: number; expectedItems: number }) => {
    const c = await acceptedClient();
    server!.total = total;
    return c.listAll(CLUSTERS, {}, { pageSize: 100, ...opts });
  };
  const ids = (list: unknown[]) => list.map((c) => (c as { id: number }).id);

  it('a list expected to span pages has pages 2… in flight before page 1 is answered, and is taken whole and in order', async () => {
    const c = await acceptedClient();
    const list = await c.listAll(CLUSTERS, {}, { pageSize: 100, parallel: 3, expectedItems: 1000 });
    assert.deepEqual(ids(list), Array.from({ length: 1000 }, (_, i) => i + 1));
    const early = server!.arrivals.filter((a) => a.answeredBefore === 0).map((a) => a.page).sort((a, b) => a - b);
    assert.deepEqual(early, [1, 2, 3], 'pages 1, 2 and 3 asked before any answer');
    assert.deepEqual([...server!.requests].sort((a, b) => a - b), Array.from({ length: 10 }, (_, i) => i + 1), 'each page asked once');
    assert.equal(server!.maxInFlight, 3, 'never more than `parallel` in flight');
  });

  it('without `parallel`, or with a list expected to fit one page, page 1 goes alone', async () => {
    const c = await acceptedClient();
    await c.listAll(CLUSTERS, {}, { pageSize: 100, expectedItems: 1000 });
    assert.equal(server!.maxInFlight, 1);
    clear();
    await c.listAll(CLUSTERS, {}, { pageSize: 100, parallel: 3, expectedItems: 100 });
    assert.deepEqual(server!.arrivals.filter((a) => a.answeredBefore === 0).map((a) => a.page), [1]);
  });

  it('credentials OCP has not accepted yet: page 1 goes alone (a wrong password costs one failed login)', async () => {
    const c = await start(1000);
    assert.equal(c.transport.credentialsAccepted, false);
    server!.refuse = true;
    await assert.rejects(c.listAll(CLUSTERS, {}, { pageSize: 100, parallel: 3, expectedItems: 1000 }), (e: { kind?: string }) => e.kind === 'auth');
    assert.deepEqual(server!.requests, [1], 'one request, one 401');
    assert.equal(c.transport.credentialsAccepted, false);
    // New credentials are not accepted until OCP answers one of their requests.
    server!.refuse = false;
    c.setCredentials(BASIC);
    assert.equal(c.transport.credentialsAccepted, false);
    clear();
    const list = await c.listAll(CLUSTERS, {}, { pageSize: 100, parallel: 3, expectedItems: 1000 });
    assert.equal(list.length, 1000);
    assert.deepEqual(server!.arrivals.filter((a) => a.answeredBefore === 0).map((a) => a.page), [1], 'page 1 alone on unproven credentials');
    assert.equal(c.transport.credentialsAccepted, true);
  });

  it('a 401 after the credentials were accepted: no longer accepted, nothing asked ahead of page 1 after new ones', async () => {
    const c = await acceptedClient();
    server!.refuse = true;
    await assert.rejects(c.listAll(CLUSTERS, {}, { pageSize: 100, parallel: 3, expectedItems: 1000 }), (e: { kind?: string }) => e.kind === 'auth');
    assert.ok(server!.requests.length <= 3, `${server!.requests.length} requests: only those in flight with page 1`);
    assert.equal(c.transport.credentialsAccepted, false);
    const sent = server!.requests.length;
    await assert.rejects(c.listAll(CLUSTERS, {}, { pageSize: 100, parallel: 3, expectedItems: 1000 }), (e: { kind?: string; notSent?: boolean }) => e.kind === 'auth' && e.notSent === true);
    assert.equal(server!.requests.length, sent, 'nothing sent after the 401');
  });

  it('a list that shrank: the pages asked for past its end are dropped, the list is whole and not cut', async () => {
    const list = await relisted(150, { parallel: 4, expectedItems: 1000 });
    assert.deepEqual(ids(list), Array.from({ length: 150 }, (_, i) => i + 1));
    assert.equal(list.truncated, undefined);
    assert.ok(server!.requests.length <= 4, `${server!.requests.length} requests: at most \`parallel\``);
  });

  it('a list that grew past what was expected: the rest is asked for as page 1 says', async () => {
    const list = await relisted(1250, { parallel: 3, expectedItems: 200 });
    assert.deepEqual(ids(list), Array.from({ length: 1250 }, (_, i) => i + 1));
    assert.deepEqual([...server!.requests].sort((a, b) => a - b), Array.from({ length: 13 }, (_, i) => i + 1));
  });

  it('stays within the item and page caps', async () => {
    const c = await acceptedClient();
    const list = await c.listAll(CLUSTERS, {}, { pageSize: 100, parallel: 4, expectedItems: 1000, maxItems: 150 });
    assert.equal(list.length, 150);
    assert.equal(list.truncated?.reason, 'itemCap');
    assert.deepEqual([...server!.requests].sort((a, b) => a - b), [1, 2]);
    clear();
    const capped = await c.listAll(CLUSTERS, {}, { pageSize: 100, parallel: 4, expectedItems: 1000, maxPages: 1 });
    assert.equal(capped.truncated?.reason, 'pageCap');
    assert.deepEqual(server!.requests, [1]);
  });
});

describe('client: pages asked for ahead against a hostile server', () => {
  const { sim, client } = useClientSim();

  it('a billion pages of the same page: at most 1 + parallel requests, cut as repeatedPage', async () => {
    sim().addFault({ kind: 'pageInfo', path: `^${CLUSTERS}$`, totalPages: 1e9, totalElements: 2e12 });
    sim().addFault({ kind: 'repeatPage', path: `^${CLUSTERS}$` });
    const list = await client().listClusters({}, { parallel: 3 });
    assert.equal(list.length, 4);
    assert.equal(list.truncated?.reason, 'repeatedPage');
    assert.equal(sim().count('GET', CLUSTERS), 2, 'a short page claiming a billion pages is read one page at a time');
  });

  it('a billion pages of the same page, with the list expected long: at most `parallel` requests, cut as repeatedPage', async () => {
    sim().addFault({ kind: 'pageInfo', path: `^${CLUSTERS}$`, totalPages: 1e9, totalElements: 2e12 });
    sim().addFault({ kind: 'repeatPage', path: `^${CLUSTERS}$` });
    const c = client();
    await c.listIdcs();
    assert.equal(c.transport.credentialsAccepted, true);
    const list = await c.listClusters({}, { parallel: 3, expectedItems: 100_000 });
    assert.equal(list.truncated?.reason, 'repeatedPage');
    assert.ok(sim().count('GET', CLUSTERS) <= 3, `${sim().count('GET', CLUSTERS)} requests`);
  });

  it('a page number that does not advance: cut, with at most 1 + parallel requests', async () => {
    sim().addFault({ kind: 'pageInfo', path: `^${CLUSTERS}$`, totalPages: 1e9, totalElements: 1e12, number: 1, synthesize: true });
    const list = await client().listAll(CLUSTERS, {}, { pageSize: 100, parallel: 4 });
    assert.equal(list.truncated?.reason, 'pageNotAdvancing');
    assert.equal(sim().count('GET', CLUSTERS), 2, 'counts that disagree (1e9 pages of 100 for 1e12 items): one page at a time');
  });

  it('full pages whose counts agree are asked for ahead, and still stop at the item cap', async () => {
    sim().addFault({ kind: 'pageInfo', path: `^${CLUSTERS}$`, totalPages: 1e9, totalElements: 2e12, synthesize: true });
    const list = await client().listClusters({}, { parallel: 3 });
    assert.equal(list.length, 100_000);
    assert.equal(list.truncated?.reason, 'itemCap');
    assert.equal(sim().count('GET', CLUSTERS), 50, 'nothing asked ahead past the cap');
  });

  it('endless new pages: still cut at maxPages requests', async () => {
    sim().addFault({ kind: 'pageInfo', path: `^${CLUSTERS}$`, totalPages: 1e9, totalElements: 2e12, synthesize: true });
    const list = await client().listAll(CLUSTERS, {}, { pageSize: 3, maxPages: 40, parallel: 4 });
    assert.equal(list.truncated?.reason, 'pageCap');
    assert.equal(list.length, 120);
    assert.equal(sim().count('GET', CLUSTERS), 40);
  });

  it('an abort stops it: no request after the abort, and the list fails as cancelled', async () => {
    sim().addFault({ kind: 'pageInfo', path: `^${CLUSTERS}$`, totalPages: 1e9, totalElements: 2e12, synthesize: true });
    const ac = new AbortController();
    const c = client();
    let atAbort = -1;
    const p = c.listAll(CLUSTERS, {}, {
      pageSize: 10, parallel: 3, signal: ac.signal,
      onProgress: (items) => { if (items.length >= 30 && atAbort < 0) { atAbort = sim().count('GET', CLUSTERS); ac.abort(); } },
    });
    await assert.rejects(p, (e: { kind?: string }) => e.kind === 'cancelled');
    await new Promise((r) => setTimeout(r, 100));
    const settled = sim().count('GET', CLUSTERS);
    assert.ok(atAbort > 0);
    // Pages already on the wire when the abort came may still reach the server; nothing is asked after.
    assert.ok(settled <= atAbort + 3, `${settled} requests, ${atAbort} seen at the abort`);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(sim().count('GET', CLUSTERS), settled, 'nothing sent after the abort');
  });
});
