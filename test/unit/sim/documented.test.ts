// The simulator speaks documented OCP (query-hosts.md, cluster-details.md, ocp-info.md), and the product's client
// look-ups (core/ocp/lookups.ts) work over real HTTP against it.
import * as assert from 'node:assert/strict';
import { freeHosts, normalizeHost } from '../../../src/core/model/host';
import { findCluster, listFreeHosts, readOcpVersion } from '../../../src/core/ocp/lookups';
import { lastRequest, ocpError, useClientSim } from '../client/helpers';

describe('simulator: documented hosts (query-hosts.md)', () => {
  const { sim, client } = useClientSim();

  it('hosts carry services[] and typeName, not used/clusterId/serviceTypes/hostTypeName', async () => {
    const all = await client().listHosts();
    assert.equal(all.length, 13);
    for (const h of all) {
      for (const k of ['used', 'clusterId', 'clusterName', 'serviceTypes', 'hostTypeName', 'credentialId']) assert.ok(!(k in h), `host ${h.id} has ${k}`);
      assert.ok(Array.isArray(h.services));
      assert.equal(typeof h.typeName, 'string');
    }
    const prod1 = all.find((h) => h.id === 100001)!;
    assert.deepEqual(prod1.services.map((s: { type: string }) => s.type).sort(), ['OB_CLUSTER', 'OCP_AGENT']);
    assert.equal(prod1.services.find((s: { type: string }) => s.type === 'OB_CLUSTER').name, 'obcluster_prod:1');
    assert.equal(normalizeHost(prod1).hostTypeName, 'standard-16c64g');
  });

  it('honours includedServiceType and excludedServiceType (comma-separated StringArray)', async () => {
    const c = client();
    const used = await c.listAll('/api/v2/compute/hosts', { includedServiceType: ['OB_CLUSTER'] });
    assert.equal(used.length, 9);
    const free = await c.listAll('/api/v2/compute/hosts', { excludedServiceType: ['OB_CLUSTER', 'OB_PROXY'] });
    assert.deepEqual(free.map((h) => h.id), [100010, 100011, 100012, 100013]);
    assert.equal(lastRequest(sim()).query.excludedServiceType, 'OB_CLUSTER,OB_PROXY');
    assert.equal((await c.listAll('/api/v2/compute/hosts', { includedServiceType: ['OMS'] })).length, 0);
  });

  it('listFreeHosts sends excludedServiceType=OB_CLUSTER and status=ONLINE,AVAILABLE', async () => {
    const free = freeHosts(await listFreeHosts(client()));
    assert.deepEqual(free.map((h) => h.id), [100010, 100011, 100012, 100013]);
    assert.deepEqual(free.map((h) => h.hostTypeName), ['standard-16c64g', 'standard-16c64g', 'standard-16c64g', 'large-32c128g']);
    const q = lastRequest(sim()).query;
    assert.equal(q.excludedServiceType, 'OB_CLUSTER');
    assert.equal(q.status, 'ONLINE,AVAILABLE');
  });

  it('a host whose cluster is being created is in use at once; rolled back, it is free again', async () => {
    const rpm = sim().state.packages.find((p) => p.type === 'OB_SERVER_INSTALL_PACKAGE')!.fileName;
    await client().createCluster({ name: 'fresh_ob', rpmName: rpm, type: 'PRIMARY', password: 'x', zones: [{ name: 'zone1', idcName: 'hz1', servers: [100010] }] });
    const free = freeHosts(await listFreeHosts(client()));
    assert.deepEqual(free.map((h) => h.id), [100011, 100012, 100013]);
    const h = (await client().listHosts()).find((x) => x.id === 100010)!;
    assert.ok(h.services.some((s: { type: string; name: string }) => s.type === 'OB_CLUSTER' && s.name.startsWith('fresh_ob:')));
  });
});

describe('simulator: no undocumented GET /clusters/{id} by default (cluster-details.md)', () => {
  const { sim, client } = useClientSim();

  it('GET /api/v2/ob/clusters/{id} answers 404; findCluster uses only the documented list', async () => {
    const e = await ocpError(client().get('/api/v2/ob/clusters/1000001'), 'http');
    assert.equal(e.status, 404);
    sim().clearRequests();
    const c = await findCluster(client(), 1000002, 'obcluster_dr');
    assert.equal(c.name, 'obcluster_dr');
    assert.deepEqual(sim().requests.map((r) => `${r.method} ${r.path}`), ['GET /api/v2/ob/clusters']);
    assert.equal(sim().requests[0].query.name, 'obcluster_dr');
  });

  it('findCluster reads the whole list when the name filter misses (renamed), and 404s when OCP lists no such id', async () => {
    const c = await findCluster(client(), 1000003, 'old_name');
    assert.equal(c.name, 'obcluster_test');
    assert.deepEqual(sim().requests.map((r) => r.query.name ?? '-'), ['old_name', '-']);
    const e = await ocpError(findCluster(client(), 42), 'http');
    assert.equal(e.status, 404);
  });

  it('paths under /clusters/ that are not ids answer 404, not 400', async () => {
    for (const p of ['/api/v2/ob/clusters/stats', '/api/v2/ob/clusters/parameterInfo', '/api/v2/ob/clusters/abc/zones']) {
      const e = await ocpError(client().get(p), 'http');
      assert.equal(e.status, 404, p);
    }
  });
});

describe('simulator: buildVersion (ocp-info.md)', () => {
  for (const [buildVersion, text] of [['3.1.1-20211123', '3.1.1'], ['4.2.2_20240315', '4.2.2'], ['4.3.5-20250301', '4.3.5']] as const) {
    describe(`scenario buildVersion ${buildVersion}`, () => {
      const { client } = useClientSim({ scenario: { buildVersion } });
      it(`reports it unwrapped, read as OCP ${text}`, async () => {
        assert.equal((await client().info()).buildVersion, buildVersion);
        const v = await readOcpVersion(client());
        assert.equal(v.known, true);
        assert.equal(v.text, text);
      });
    });
  }

  describe('an OCP that does not report a version', () => {
    const { sim, client } = useClientSim({ scenario: { buildVersion: null } });
    it('omits buildVersion; the version is unknown; a failing /info is unknown too', async () => {
      const info = await client().info();
      assert.ok(!('buildVersion' in info));
      assert.equal((await readOcpVersion(client())).known, false);
      sim().addFault({ kind: 'status', status: 500, path: '^/api/v2/info$' });
      assert.equal((await readOcpVersion(client({ retries: 0 }))).known, false);
    });
  });
});
