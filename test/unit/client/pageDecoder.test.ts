// Large list pages parsed and normalised in worker threads (src/core/ocp/pageDecoder.ts, pageWorker.ts), over real
// HTTP against the simulator: the same items, the same requests and the same cuts as on this thread; whatever a
// worker cannot do (no worker, not a list envelope, a worker gone) is read here, and nothing is asked for twice.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { normalizeCluster } from '../../../src/core/model/cluster';
import { CLUSTER_CODEC } from '../../../src/core/model/clusterCodec';
import { PageDecoder } from '../../../src/core/ocp/pageDecoder';
import { ocpError, useClientSim } from './helpers';

const CLUSTERS = '/api/v2/ob/clusters';
const listOpts = { map: normalizeCluster, codec: CLUSTER_CODEC };

describe('client: large pages decoded in worker threads', () => {
  const { sim, client } = useClientSim({ scenario: { inventory: 'empty', generate: { clusters: 4500, tenantsPerCluster: 1 } } });
  let decoders: PageDecoder[] = [];
  const decoder = (opts?: ConstructorParameters<typeof PageDecoder>[0]) => {
    const d = new PageDecoder(opts);
    decoders.push(d);
    return d;
  };
  afterEach(async () => {
    await Promise.all(decoders.map((d) => d.close()));
    decoders = [];
  });
  const pagesAsked = () => sim().requests.filter((r) => r.path === CLUSTERS).map((r) => r.query.page);

  it('lists 4,500 clusters with each page normalised in a worker: the same objects, the same three requests', async () => {
    const here = await client().listClusters({}, listOpts);
    const asked = pagesAsked();
    sim().clearRequests();
    const d = decoder();
    const off = await client({ pageDecoder: d }).listClusters({}, listOpts);
    assert.equal(off.length, 4500);
    assert.deepStrictEqual(off, here);
    assert.deepEqual(pagesAsked(), asked);
    assert.deepEqual(asked, ['1', '2', '3']);
    assert.equal(d.stats.decoded, 3, 'pages of 2,000, 2,000 and 500 clusters are each over 256 KiB');
    assert.ok(d.stats.workersStarted >= 1 && d.stats.workersStarted <= 2);
  });

  it('decodes pages that are not ASCII (names in Chinese, emoji) to the same text', async () => {
    const names = ['生产集群_上海', 'café ☃', 'emoji 😀 集群'];
    [...sim().state.clusters.values()].slice(0, 3).forEach((c, i) => { c.name = names[i]; });
    const d = decoder();
    const off = await client({ pageDecoder: d }).listClusters({}, listOpts);
    assert.deepEqual(off.slice(0, 3).map((c) => c.name), names);
    assert.deepStrictEqual(off, await client().listClusters({}, listOpts));
    assert.equal(d.stats.decoded, 3);
  });

  it('reads small pages on this thread, and lists without a codec stay raw', async () => {
    const d = decoder();
    const c = client({ pageDecoder: d });
    const small = await c.listClusters({}, { ...listOpts, pageSize: 100, maxItems: 300 });
    assert.equal(small.length, 300);
    assert.deepStrictEqual(small, (await client().listClusters({}, { ...listOpts, pageSize: 100, maxItems: 300 })));
    const raw = await c.listClusters({}, { maxItems: 2000 });
    assert.equal(typeof raw[0].rawStatus, 'undefined', 'a list without a codec keeps what OCP sent');
    assert.equal(d.stats.decoded, 0);
  });

  it('cuts a list at the item cap inside a decoded page, and with pages asked ahead', async () => {
    const d = decoder();
    const c = client({ pageDecoder: d });
    await c.info();
    await c.listClusters({}, listOpts); // OCP has accepted the credentials: pages are asked ahead below
    sim().clearRequests();
    const list = await c.listClusters({}, { ...listOpts, maxItems: 2500, parallel: 3, expectedItems: 4500 });
    assert.equal(list.length, 2500);
    assert.deepEqual(list.truncated, { reason: 'itemCap', count: 2500, totalElements: 4500 });
    assert.deepEqual(pagesAsked(), ['1', '2'], 'two pages for 2,500 items of 2,000 a page');
    assert.deepStrictEqual([...list], (await client().listClusters({}, listOpts)).slice(0, 2500));
  });

  it('leaves a page of more items than the list keeps to this thread, which normalises only those it keeps', async () => {
    const d = decoder();
    const list = await client({ pageDecoder: d }).listClusters({}, { ...listOpts, maxItems: 1500 });
    assert.equal(list.length, 1500);
    assert.equal(list.truncated?.reason, 'itemCap');
    assert.deepEqual(d.stats, { decoded: 0, declined: 1, workersStarted: 1 });
    assert.deepStrictEqual([...list], [...await client().listClusters({}, { ...listOpts, maxItems: 1500 })]);
  });

  it('tells a repeated page by the raw ids the worker read: the same cut and requests as on this thread', async () => {
    sim().addFault({ kind: 'repeatPage', path: `^${CLUSTERS}$` });
    const here = await client().listClusters({}, listOpts);
    const asked = pagesAsked().length;
    sim().clearRequests();
    const d = decoder();
    const off = await client({ pageDecoder: d }).listClusters({}, listOpts);
    assert.deepEqual(off.truncated, here.truncated);
    assert.equal(off.truncated?.reason, 'repeatedPage');
    assert.deepStrictEqual([...off], [...here]);
    assert.equal(pagesAsked().length, asked);
    assert.ok(d.stats.decoded >= 2);
  });

  it('a body that is not JSON is read here and fails as it does without workers', async () => {
    sim().addFault({ kind: 'malformedJson', path: `^${CLUSTERS}$` });
    const d = decoder();
    const e = await ocpError(client({ pageDecoder: d }).listClusters({}, listOpts), 'parse');
    assert.match(e.message, /not valid JSON/);
    assert.equal(d.stats.declined, 1);
    assert.equal(pagesAsked().length, 1, 'not asked for again');
  });

  it('without a worker (its script missing) every page is read here, once, and the decoder stays off', async () => {
    const d = decoder({ file: '/nonexistent/pageWorker.js' });
    const list = await client({ pageDecoder: d }).listClusters({}, listOpts);
    assert.equal(list.length, 4500);
    assert.deepStrictEqual(list, await client().listClusters({}, listOpts));
    assert.equal(d.available, false);
    assert.equal(d.stats.decoded, 0);
    assert.deepEqual(pagesAsked().slice(0, 3), ['1', '2', '3'], 'each page asked for once');
    assert.equal(pagesAsked().length, 6, 'three pages for each of the two lists');
  });

  it('a worker that dies with pages in hand: they are read here, once each, and the decoder stays off', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocp-page-worker-'));
    const file = path.join(dir, 'dies.js');
    fs.writeFileSync(file, "require('node:worker_threads').parentPort.on('message', () => process.exit(3));");
    try {
      const d = decoder({ file });
      const list = await client({ pageDecoder: d }).listClusters({}, listOpts);
      assert.deepStrictEqual(list, await client().listClusters({}, listOpts));
      assert.equal(d.available, false);
      assert.equal(d.running, 0);
      assert.deepEqual(pagesAsked(), ['1', '2', '3', '1', '2', '3'], 'each page asked for once by each list');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('sends a page only for a codec the worker knows, and refuses a codec whose normalize is not the map', async () => {
    const d = decoder();
    const stranger = { ...CLUSTER_CODEC };
    const list = await client({ pageDecoder: d }).listClusters({}, { map: normalizeCluster, codec: stranger });
    assert.equal(list.length, 4500);
    assert.deepEqual(d.stats, { decoded: 0, declined: 0, workersStarted: 0 });
    await assert.rejects(client({ pageDecoder: d }).listClusters({}, { map: (raw) => normalizeCluster(raw), codec: CLUSTER_CODEC }), /codec.normalize must be the map/);
  });

  it('a list cancelled while its pages are in the workers fails as cancelled; the workers stop when idle and start again', async () => {
    const d = decoder({ idleMs: 20 });
    const c = client({ pageDecoder: d });
    await c.info();
    await c.listClusters({}, listOpts); // accepted credentials: pages 1–3 go out together below
    const abort = new AbortController();
    const pending = c.listClusters({}, { ...listOpts, parallel: 3, expectedItems: 4500, signal: abort.signal, onProgress: () => abort.abort() });
    await ocpError(pending, 'cancelled');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(d.running, 0, 'the workers stopped after 20 ms without work');
    const started = d.stats.workersStarted;
    assert.equal((await c.listClusters({}, listOpts)).length, 4500);
    assert.ok(d.stats.workersStarted > started, 'started again for the next list');
  });
});
