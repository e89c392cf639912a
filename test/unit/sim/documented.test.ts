// The simulator speaks documented OCP (query-hosts.md, cluster-details.md, ocp-info.md), and the product's client
// look-ups (core/ocp/lookups.ts) work over real HTTP against it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { freeHosts, normalizeHost } from '../../../src/core/model/host';
import { findCluster, listFreeHosts, readOcpVersion } from '../../../src/core/ocp/lookups';
import { ASSUMED_FIELDS } from '../../ocp-sim/api';
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

describe('simulator: every field it serves is documented or listed as assumed in its README', () => {
  const { client } = useClientSim();
  const here = path.resolve(__dirname, '../../../../test');
  /** Every key at any depth. */
  const keysOf = (v: unknown, out = new Set<string>()): Set<string> => {
    if (Array.isArray(v)) for (const x of v) keysOf(x, out);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) { out.add(k); keysOf(x, out); }
    return out;
  };
  // Field tables of the pages and ocp-api.md whose fields the docs' samples do not show.
  const TABLES = [
    // cluster list (cluster-details.md ObCluster), zones and servers (cluster-details.md, ocp-api.md §5)
    'primaryCluster', 'delayTime', 'syncStatus', 'partitionCount', 'failToQueryFromObReason', 'hostCount', 'hostId', 'hostTypeName',
    'ip', 'sqlPort', 'stopTime', 'withRootserver', 'zoneName',
    // tenant list item and detail (ocp-api.md §5.2)
    'clusterType', 'locality', 'locked', 'readonly', 'zoneList', 'clusterStatus', 'charset', 'collation', 'whitelist', 'sqlAuditEnabled',
    'replicaType', 'resourcePool', 'unitCount', 'unitConfig', 'maxCpuCoreCount', 'minCpuCoreCount', 'maxMemorySize', 'minMemorySize',
    'units', 'resourcePoolId', 'serverId', 'serverIp', 'serverPort',
    // software packages (ocp-api.md §5), credentials as obd reads them
    'fileName', 'extension', 'sha1', 'downloadUrl', 'buildNumber', 'deletable', 'targetType',
  ];
  // Assumed fields beyond the ones documentedOnly strips: the take-over precheck's and precheck items' own fields.
  const ASSUMED_ELSEWHERE = ['connectionMode', 'passed', 'message', 'username'];

  it('on every read and precheck of the default inventory', async () => {
    const c = client();
    const served = keysOf(await Promise.all([
      c.listClusters(), c.listAllTenants(), c.getTenant(1000001, 2000002), c.listZones(1000001), c.listServers(1000001), c.listHosts(),
      c.listRegions(), c.listIdcs(), c.listHostTypes(), c.listCredentials(), c.listSoftwarePackages(), c.listTasks(), c.getTask(3000001), c.info(),
      c.switchoverPreCheck(1000001, 2000002, { tenantId: 2000002, standbyTenantId: 2000006 }),
      c.takeOverPreCheck({ address: '10.0.0.200', port: 2881, rootSysPassword: 'aaAA11__' }),
    ]));
    const documented = new Set<string>(TABLES);
    const dir = path.join(here, 'fixtures/ocp-docs');
    for (const f of fs.readdirSync(dir)) keysOf(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')), documented);
    const assumed = new Set([...ASSUMED_FIELDS, ...ASSUMED_ELSEWHERE]);
    assert.deepEqual([...served].filter((k) => !documented.has(k) && !assumed.has(k)).sort(), []);
    // and the README's "Assumed, not documented" section names each assumed field
    const readme = fs.readFileSync(path.join(here, 'ocp-sim/README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Assumed, not documented'));
    for (const k of assumed) assert.ok(section.includes(k), `README does not list ${k}`);
  });
});
