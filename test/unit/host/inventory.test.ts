// The inventory shows the first page of a long list at once (clusters, and a cluster's tenants), then the
// whole list, with pages after the first asked for a few at a time; a reload keeps the old list until the new
// one is whole. Real HTTP against the simulator; the inventory's VS Code surface is the unit-test stub.
import './vscode-stub';
import * as assert from 'node:assert/strict';
import { OcpClient } from '../../../src/core/ocp/client';
import { Inventory } from '../../../src/inventory/store';
import { startSimulator, type OcpSimulator } from '../../ocp-sim/api';
import { BASIC } from '../client/helpers';

describe('inventory: the first page at once', () => {
  let sim: OcpSimulator;
  let client: OcpClient;
  let inv: Inventory;
  before(async () => {
    sim = await startSimulator({ clockSpeed: 0, scenario: { inventory: 'empty', generate: { clusters: 5000, tenantsPerCluster: 2 } } as never });
  });
  after(async () => {
    await sim.close();
  });
  beforeEach(() => {
    client = new OcpClient({ url: sim.url, auth: BASIC });
    const connections = { client: async () => client, list: () => [{ id: 'sim' }], onDidChange: () => ({ dispose() { /* none */ } }) };
    inv = new Inventory(connections as never);
    sim.clearRequests();
  });
  afterEach(async () => {
    inv.dispose();
    await client.close();
  });

  it('returns the first 2,000 of 5,000 clusters with their progress, then the whole sorted list with one change event', async () => {
    const changes: string[] = [];
    inv.onDidChange((e) => changes.push(e.what));
    const first = await inv.clustersSoon('sim');
    assert.ok(first.loading, 'still loading the rest');
    assert.equal(first.items?.length, 2000);
    assert.deepEqual(first.progress, { count: 2000, total: 5000 });
    const names = first.items!.map((c) => c.name);
    assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b)), 'the first page is sorted');
    const whole = await inv.ensureClusters('sim');
    assert.equal(whole.items?.length, 5000);
    assert.equal(whole.progress, undefined);
    assert.equal(new Set(whole.items!.map((c) => c.id)).size, 5000);
    assert.equal(sim.count('GET', /^\/api\/v2\/ob\/clusters$/), 3, 'three pages, each once');
    assert.ok(changes.filter((w) => w === 'clusters').length >= 2, 'an event for the first page and one for the whole list');
  });

  it('a reload keeps the previous whole list (no partial list) until the new one is in', async () => {
    await inv.ensureClusters('sim');
    const reload = inv.reloadClusters('sim');
    const during = inv.clusterState('sim');
    assert.equal(during?.items?.length, 5000);
    assert.equal(during?.progress, undefined);
    await reload;
    assert.equal(inv.clusterState('sim')?.items?.length, 5000);
  });

  it('a list loaded again (a refresh, a reload) passes the size it had last as expectedItems; a first load passes none', async () => {
    const expected: Array<[string, number | undefined]> = [];
    const listClusters = client.listClusters.bind(client);
    const listTenants = client.listTenants.bind(client);
    client.listClusters = ((q: never, o: { expectedItems?: number }) => { expected.push(['clusters', o.expectedItems]); return listClusters(q, o as never); }) as never;
    client.listTenants = ((id: number, q: never, o: { expectedItems?: number }) => { expected.push([`tenants ${id}`, o.expectedItems]); return listTenants(id, q, o as never); }) as never;
    const clusters = await inv.clustersOf('sim');
    await inv.tenantsOf('sim', clusters[0].id);
    inv.forget('sim');
    const again = await inv.clustersOf('sim');
    await inv.tenantsOf('sim', again[0].id);
    await inv.reloadClusters('sim');
    const id = clusters[0].id;
    assert.deepEqual(expected, [['clusters', undefined], [`tenants ${id}`, undefined], ['clusters', 5000], [`tenants ${id}`, 2], ['clusters', 5000]]);
  });

  it('a one-page list is shown once, whole, with no progress', async () => {
    const clusters = await inv.clustersOf('sim');
    const t = await inv.tenantsSoon('sim', clusters[0].id);
    assert.equal(t.loading, undefined);
    assert.equal(t.progress, undefined);
    assert.equal(t.items?.length, 2);
  });
});
