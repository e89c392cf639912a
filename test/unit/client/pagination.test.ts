// Pagination: page by page (1-based) up to totalPages, size never above 2000, a list without `page` is complete.
import * as assert from 'node:assert/strict';
import type { Page, Raw } from '../../../src/core/ocp/types';
import { useClientSim } from './helpers';

const CLUSTERS = '/api/v2/ob/clusters';

describe('client pagination', () => {
  const { sim, client } = useClientSim({ scenario: { inventory: 'empty', generate: { clusters: 4500, tenantsPerCluster: 2 } } });

  it('listClusters over 4,500 clusters: 3 requests of size 2000, every item in order', async () => {
    const all = await client().listClusters();
    assert.equal(all.length, 4500);
    assert.equal(new Set(all.map((c) => c.id)).size, 4500);
    assert.deepEqual(all.map((c) => c.name), Array.from({ length: 4500 }, (_, i) => `gen_cluster_${String(i + 1).padStart(5, '0')}`));
    assert.deepEqual(sim().requests.map((r) => [r.path, r.query.page, r.query.size]), [
      [CLUSTERS, '1', '2000'], [CLUSTERS, '2', '2000'], [CLUSTERS, '3', '2000'],
    ]);
  });

  it('keeps the caller’s filters on every page', async () => {
    const some = await client().listAll(CLUSTERS, { name: 'gen_cluster_001', status: ['RUNNING'] }, { pageSize: 40 });
    assert.equal(some.length, 90, 'gen_cluster_00100..00199 less every 10th (STOPPED)');
    assert.ok(some.every((c) => c.status === 'RUNNING' && c.name.startsWith('gen_cluster_001')));
    assert.deepEqual(sim().requests.map((r) => r.query), [1, 2, 3].map((page) => ({ name: 'gen_cluster_001', status: 'RUNNING', page: String(page), size: '40' })));
  });

  it('stops at totalPages when the last page is full (no extra request)', async () => {
    const pages: Page<Raw>[] = [];
    const items: Raw[] = [];
    for await (const c of client().paginate(CLUSTERS, { name: 'gen_cluster_001' }, { pageSize: 25, onPage: (p) => pages.push(p) })) items.push(c);
    assert.equal(items.length, 100);
    assert.equal(sim().requests.length, 4);
    assert.deepEqual(pages.map((p) => [p.contents.length, p.page?.number, p.page?.totalPages, p.page?.totalElements]), [
      [25, 1, 4, 100], [25, 2, 4, 100], [25, 3, 4, 100], [25, 4, 4, 100],
    ]);
  });

  it('never asks for more than 2000 per page, nor fewer than 1', async () => {
    const big = await client().paginate(CLUSTERS, { name: 'gen_cluster_04' }, { pageSize: 5000 }).next();
    assert.equal(big.value.name, 'gen_cluster_04000');
    const tiny = await client().paginate(CLUSTERS, {}, { pageSize: 0 }).next();
    assert.equal(tiny.value.name, 'gen_cluster_00001');
    assert.deepEqual(sim().requests.map((r) => r.query.size), ['2000', '1']);
  });

  it('is lazy: stopping after the first item fetches one page', async () => {
    for await (const c of client().paginate(CLUSTERS, {}, { pageSize: 100 })) {
      assert.equal(c.id, 1000001);
      break;
    }
    assert.equal(sim().requests.length, 1);
  });

  it('a list without a page object is complete after one request', async () => {
    const zones = await client().listZones(1000003);
    assert.deepEqual(zones.map((z) => z.name), ['zone1', 'zone2', 'zone3']);
    assert.equal(sim().requests.length, 1);
    assert.deepEqual(sim().requests[0].query, { page: '1', size: '2000' });
  });

  it('an empty list is one request and no items', async () => {
    assert.deepEqual(await client().listAll('/api/v2/tasks/instances'), []);
    assert.equal(sim().requests.length, 1);
  });
});
