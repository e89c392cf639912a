// The cluster codec (src/core/model/clusterCodec.ts): what a page worker packs, this thread unpacks into exactly
// the objects normalizeCluster makes (every field, undefined ones included, links of every shape).
import * as assert from 'node:assert/strict';
import { normalizeCluster, type Cluster } from '../../../src/core/model/cluster';
import { CLUSTER_CODEC } from '../../../src/core/model/clusterCodec';
import { OcpClient } from '../../../src/core/ocp/client';
import { startSimulator } from '../../ocp-sim/api';

const roundTrip = (items: Cluster[]): Cluster[] => {
  const packed = CLUSTER_CODEC.pack(items);
  // What postMessage does to the string table (the numbers are transferred as they are).
  return CLUSTER_CODEC.unpack({ nums: new Float64Array(packed.nums), strs: structuredClone(packed.strs) });
};

/** A small deterministic random source, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('model: the cluster codec', () => {
  it('gives back every cluster of the simulator (default inventory and a topology) as normalizeCluster makes it', async () => {
    const sim = await startSimulator({ scenario: { topology: [{ name: 'big_topo', zones: 4, serversPerZone: 3 }] } as any });
    const client = new OcpClient({ url: sim.url, auth: { kind: 'basic', username: 'admin', password: 'aaAA11__' } });
    try {
      const clusters = (await client.listClusters()).map(normalizeCluster);
      assert.ok(clusters.length >= 5);
      assert.ok(clusters.some((c) => c.zones.some((z) => z.servers.length > 1)), 'a cluster with several OBServers in a zone');
      assert.ok(clusters.some((c) => c.standbyClusters.length > 0 || c.primaryCluster), 'a cluster with a primary/standby link');
      assert.deepStrictEqual(roundTrip(clusters), clusters);
    } finally {
      await client.close();
      await sim.close();
    }
  });

  it('keeps undefined fields, empty strings OCP may send as defaults, and links of each shape', () => {
    const raws: unknown[] = [
      {},
      { id: 7, name: '', zones: [{}, { name: 'z', servers: [{}, { id: 1, ip: '10.0.0.1', withRootserver: 'true' }] }] },
      { id: 8, name: 'c', type: 'SPACESHIP', status: 'HIBERNATING', primaryCluster: 3, standbyClusters: [5, 'dr', { id: 9, name: 'n', obClusterId: 2 }, { name: 'only' }, null] },
      { id: '9', name: 42, primaryCluster: 'prod', createTime: '2024-10-10T17:15:17.816+08:00', updateTime: 1_700_000_000_000, creator: { name: 'admin' }, delayTime: 0, syncStatus: 'VALID' },
      { id: 10, zones: 'not an array', standbyClusters: {}, serverCount: 'x', tenantCount: -3, regionCount: 1.5, failToQueryFromObReason: '中文 原因' },
      'not an object', null, 12,
    ];
    const clusters = raws.map(normalizeCluster);
    assert.deepStrictEqual(roundTrip(clusters), clusters);
    assert.deepStrictEqual(roundTrip([]), []);
  });

  it('round-trips 2,000 clusters made from random JSON', () => {
    const rnd = random(19);
    const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
    const value = (depth: number): unknown => {
      const k = rnd();
      if (depth > 2 || k < 0.3) return pick([undefined, null, true, false, 0, -1, 1e21, 3.25, '', 'RUNNING', 'STOPPED', 'PRIMARY', '7', 'zone1', '2024-02-04T10:00:00.000+08:00']);
      if (k < 0.5) return Array.from({ length: Math.floor(rnd() * 4) }, () => value(depth + 1));
      const o: Record<string, unknown> = {};
      for (const key of ['id', 'name', 'status', 'type', 'zones', 'servers', 'standbyClusters', 'primaryCluster', 'ip', 'port', 'sqlPort', 'hostId', 'obClusterId',
        'createTime', 'updateTime', 'creator', 'idcName', 'regionName', 'hostCount', 'serverCount', 'syncStatus', 'delayTime', 'version', 'obVersion', 'zoneName',
        'withRootserver', 'clusterId', 'fullVersion', 'tenantCount', 'regionCount', 'failToQueryFromObReason']) {
        if (rnd() < 0.5) o[key] = value(depth + 1);
      }
      return o;
    };
    const clusters = Array.from({ length: 2000 }, () => normalizeCluster(value(0)));
    assert.deepStrictEqual(roundTrip(clusters), clusters);
  });
});
