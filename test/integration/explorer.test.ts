// The Explorer against the simulator over real HTTP, inside a real extension host: the tree equals the
// simulator's inventory, filtering, large estates across pages, error nodes beside a working connection,
// AccessKey, secrets kept out of settings and logs, and auto-refresh only while the view is visible.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { DEFAULT_ACCESS_KEYS, startSimulator, type OcpSimulator } from '../ocp-sim/api';
import { simUser } from '../harness/sim-connection';
import { activateExtension, clearConnections, configureConnection, setConnections, tenantNodes, waitFor } from './support';

type Node = any;

async function services(): Promise<any> {
  return (await activateExtension<{ test: any }>()).test;
}

async function roots(): Promise<Node[]> {
  return (await services()).explorer.getChildren(undefined);
}

async function children(n: Node): Promise<Node[]> {
  return (await services()).explorer.getChildren(n);
}

async function rootNamed(name: string): Promise<Node> {
  const r = (await roots()).find((n: Node) => n.kind === 'connection' && n.connection.name === name);
  assert.ok(r, `no connection node "${name}"`);
  return r;
}

/** A level once its list is whole (while a long list loads, its first pages come with a "Loading n of N" node). */
async function settledChildren(n: Node): Promise<Node[]> {
  return waitFor(async () => {
    const kids = await children(n);
    return kids.some((k: Node) => k.kind === 'message' && k.key === 'loading') ? undefined : kids;
  }, 30_000, 'the list loaded whole');
}

function label(s: any, n: Node): string {
  const item = s.explorer.getTreeItem(n);
  return typeof item.label === 'string' ? item.label : item.label.label;
}

describe('Explorer', function () {
  this.timeout(60_000);
  let sim: OcpSimulator;

  before(async () => {
    sim = await startSimulator();
  });
  after(async () => {
    await clearConnections();
    await sim.close();
  });

  it('an endless cluster list (page info claiming a billion pages) is cut, bounded, and the tree says so', async () => {
    const own = await startSimulator();
    // The case: every page claims a billion pages and OCP keeps sending the same page.
    own.addFault({ kind: 'pageInfo', totalPages: 1e9, totalElements: 2e12, method: 'GET', path: '^/api/v2/ob/clusters$' } as any);
    own.addFault({ kind: 'repeatPage', method: 'GET', path: '^/api/v2/ob/clusters$' } as any);
    try {
      await configureConnection(own.url, { name: 'Endless' });
      const s = await services();
      s.explorer.refreshAll();
      const conn = await rootNamed('Endless');
      const kids = await settledChildren(conn);
      const lists = own.requests.filter((r) => r.method === 'GET' && r.path === '/api/v2/ob/clusters').length;
      assert.ok(lists <= 4, `${lists} cluster list requests for a repeated page: the pagination is not bounded`);
      const cut = kids.find((n: Node) => n.kind === 'message' && n.key === 'truncated');
      assert.ok(cut, `no "list was cut" node among ${kids.length} children`);
      assert.match(label(s, cut), /cut|截断/);
      assert.strictEqual(kids.filter((n: Node) => n.kind === 'cluster').length, own.state.clusters.size, 'the clusters of the page are shown once');
      // Nothing keeps paging after the cut (other views read other paths of this server meanwhile).
      const clusterLists = () => own.requests.filter((r) => r.method === 'GET' && r.path === '/api/v2/ob/clusters').length;
      const before = clusterLists();
      await new Promise((r) => setTimeout(r, 1500));
      // (a refresh elsewhere may load the list once more, itself cut after two requests; a loop would send hundreds)
      assert.ok(clusterLists() - before <= 2, `${clusterLists() - before} more cluster list requests after the cut: it kept loading`);
    } finally {
      await clearConnections();
      await own.close();
    }
  });

  it('shows the simulator\'s clusters and each cluster\'s tenants, level by level', async () => {
    await configureConnection(sim.url, { name: 'Sim A' });
    const s = await services();
    s.explorer.refreshAll();
    const conn = await rootNamed('Sim A');
    const clusters = await children(conn);
    const expected = [...sim.state.clusters.values()].map((c) => c.name).sort();
    assert.deepStrictEqual(clusters.map((n: Node) => n.cluster.name).sort(), expected);
    for (const cn of clusters) {
      const simCluster = sim.state.clusters.get(cn.cluster.id)!;
      assert.strictEqual(cn.cluster.status, simCluster.status);
      const item = s.explorer.getTreeItem(cn);
      assert.match(item.contextValue, /^cluster\b/);
      assert.strictEqual(/\bstoppable\b/.test(item.contextValue), simCluster.status === 'RUNNING', `${cn.cluster.name}: ${item.contextValue}`);
      const kids = await children(cn);
      // A cluster ends with its Alerts group (issue #18), after its Tenants and Zones groups (issue #17).
      assert.strictEqual(kids[kids.length - 1].kind, 'alarmGroup', `${cn.cluster.name}: the last child is not the Alerts group`);
      const tenants = await tenantNodes((await services()).explorer, cn);
      const simTenants = sim.state.tenantsOf(cn.cluster.id).map((t) => t.name).sort();
      if (simTenants.length === 0) {
        assert.strictEqual(tenants[0].kind, 'message');
      } else {
        assert.deepStrictEqual(tenants.map((t: Node) => t.tenant.name).sort(), simTenants);
        for (const t of tenants) {
          const st = sim.state.tenant(t.tenant.id)!;
          assert.strictEqual(t.tenant.role, st.tenantRole);
          assert.strictEqual(t.tenant.mode, st.mode);
        }
      }
    }
    const connItem = s.explorer.getTreeItem(conn);
    assert.match(String(connItem.description), /OCP 4\.2\.1/);

    // A node keeps its object while it is drawn (VS Code drops a change fired for an object it no longer holds):
    // listed again, the connection and its clusters are the same objects, with the fresh data.
    const firstCluster = clusters[0];
    const simFirst = sim.state.clusters.get(firstCluster.cluster.id)!;
    const originalName = simFirst.name;
    simFirst.name = 'renamed_in_ocp';
    s.explorer.refreshNode(conn);
    const again = await rootNamed('Sim A');
    assert.strictEqual(again, conn, 'the connection node is the same object');
    const reloaded = await waitFor(async () => {
      const kids = await settledChildren(conn);
      return kids.some((k: Node) => k.cluster?.name === 'renamed_in_ocp') ? kids : undefined;
    }, 30_000, 'the reloaded cluster list');
    assert.ok(reloaded.includes(firstCluster), 'the cluster node is the same object');
    assert.strictEqual(firstCluster.cluster.name, 'renamed_in_ocp', 'with the data of the reload');
    assert.match(String(s.explorer.getTreeItem(again).description), /^OCP 4\.2\.1\S* · \d+ clusters/);
    simFirst.name = originalName;
    s.explorer.refreshNode(conn);
    await waitFor(async () => (await settledChildren(conn)).some((k: Node) => k.cluster?.name === originalName), 30_000, 'the name back');
  });

  it('filters clusters by name and status, shows the filter, and clears it', async () => {
    const s = await services();
    const conn = await rootNamed('Sim A');
    const all = await children(conn);
    const someName = all[0].cluster.name as string;
    const fragment = someName.slice(0, Math.max(3, someName.length - 2));
    await vscode.commands.executeCommand('ocp.filterExplorer', { text: fragment });
    const filtered = await children(conn);
    assert.ok(filtered.length >= 1 && filtered.length <= all.length);
    for (const n of filtered) assert.ok(n.cluster.name.toLowerCase().includes(fragment.toLowerCase()));
    assert.match(String(s.explorerView.description), /Filter/);

    await vscode.commands.executeCommand('ocp.filterExplorer', { statuses: ['STOPPED'] });
    const stopped = await children(conn);
    const simStopped = [...sim.state.clusters.values()].filter((c) => c.status === 'STOPPED').map((c) => c.name).sort();
    assert.deepStrictEqual(stopped.map((n: Node) => n.cluster.name).sort(), simStopped);

    await vscode.commands.executeCommand('ocp.filterExplorer', { text: 'no-such-cluster-zzz' });
    const none = await children(conn);
    assert.strictEqual(none.length, 1);
    assert.strictEqual(none[0].kind, 'message');

    await vscode.commands.executeCommand('ocp.clearFilter');
    assert.strictEqual((await children(conn)).length, all.length);
    assert.strictEqual(s.explorerView.description, undefined);
  });

  it('lists 2,500 clusters fetched in pages of at most 2,000', async () => {
    const big = await startSimulator({ scenario: { generate: { clusters: 2500, tenantsPerCluster: 3 } } as any });
    try {
      await configureConnection(big.url, { id: 'big', name: 'Big OCP' });
      const s = await services();
      s.explorer.refreshAll();
      big.clearRequests();
      const conn = await rootNamed('Big OCP');
      // The first page is shown at once, with what is still coming; the change event then brings the rest.
      let changed = 0;
      const sub = s.explorer.onDidChangeTreeData(() => { changed++; });
      const first = await children(conn);
      const loading = first.find((n: Node) => n.kind === 'message' && n.key === 'loading');
      if (loading) {
        assert.strictEqual(first.filter((n: Node) => n.kind === 'cluster').length, 2000, 'the first page, before the rest');
        const total = big.state.clusters.size;
        assert.ok(label(s, loading).replace(/[,\s]/g, '').includes(`2000`) && label(s, loading).replace(/[,\s]/g, '').includes(String(total)), `${label(s, loading)} names 2,000 of ${total}`);
      }
      const list = await settledChildren(conn);
      sub.dispose();
      if (loading) assert.ok(changed >= 1, 'the tree is told when the rest has arrived');
      assert.ok(list.length >= 2500, `only ${list.length} clusters`);
      const pages = big.requests.filter((r) => r.path === '/api/v2/ob/clusters');
      assert.ok(pages.length >= 2 && pages.length <= 3, `${pages.length} page requests`);
      for (const p of pages) assert.ok(Number(p.query.size) <= 2000);
      // The page of 2,000 (3 MiB of JSON) was parsed and normalised in a worker thread of the extension host.
      assert.ok(s.connections.pageDecoder.stats.decoded >= 1, `pages decoded in a worker: ${JSON.stringify(s.connections.pageDecoder.stats)}`);
    } finally {
      await big.close();
    }
  });

  it('shows error nodes for 401, an unreachable server and malformed JSON while another connection lists', async () => {
    const broken = await startSimulator();
    const dead = await startSimulator();
    const deadUrl = dead.url;
    await dead.close();
    try {
      broken.addFault({ kind: 'malformedJson', path: '^/api/v2/ob/clusters$' } as any);
      process.env.OCP_TEST_WRONG_PASSWORD = 'wrong-password';
      await setConnections([
        { id: 'good', name: 'Good', url: sim.url, authType: 'basic', username: simUser().username, passwordEnv: 'OCP_TEST_SIM_PASSWORD' },
        { id: 'badauth', name: 'Bad Auth', url: sim.url, authType: 'basic', username: simUser().username, passwordEnv: 'OCP_TEST_WRONG_PASSWORD' },
        { id: 'dead', name: 'Dead', url: deadUrl, authType: 'basic', username: simUser().username, passwordEnv: 'OCP_TEST_SIM_PASSWORD' },
        { id: 'malformed', name: 'Malformed', url: broken.url, authType: 'basic', username: simUser().username, passwordEnv: 'OCP_TEST_SIM_PASSWORD' },
      ]);
      const s = await services();
      s.explorer.refreshAll();
      const [good, badauth, deadNode, malformed] = await Promise.all(['Good', 'Bad Auth', 'Dead', 'Malformed'].map(rootNamed));
      const results = await Promise.all([good, badauth, deadNode, malformed].map(children));
      assert.ok(results[0].length > 1 && results[0].every((n: Node) => n.kind === 'cluster'), 'the good connection still lists');
      const firstLabel = (ns: Node[]) => label(s, ns[0]);
      assert.strictEqual(results[1][0].kind, 'message');
      assert.match(firstLabel(results[1]), /rejected the credentials/i);
      assert.ok(results[1].some((n: Node) => n.command?.command === 'ocp.enterSecret'), 'offers to enter credentials');
      assert.match(firstLabel(results[2]), /Cannot (load|reach)/i);
      assert.match(firstLabel(results[2]), /refused|reach/i);
      assert.match(firstLabel(results[3]), /not valid JSON|JSON/i);
      assert.ok(results[3].some((n: Node) => n.command?.command === 'ocp.refresh'), 'offers Retry');
      // a 401 is not retried: exactly one cluster-list request with the wrong password
      const badRequests = sim.requests.filter((r) => r.path === '/api/v2/ob/clusters' && r.status === 401);
      assert.strictEqual(badRequests.length, 1);
      // the fault clears: Retry recovers
      broken.clearFaults();
      await vscode.commands.executeCommand('ocp.refresh', malformed);
      const recovered = await waitFor(async () => { const c = await children(malformed); return c[0]?.kind === 'cluster' ? c : undefined; }, 10_000, 'recovery');
      assert.ok(recovered.length > 1);
    } finally {
      await broken.close();
    }
  });

  it('lists with an AccessKey connection', async () => {
    const ak = DEFAULT_ACCESS_KEYS[0];
    process.env.OCP_TEST_SIM_SECRET = ak.secret;
    await setConnections([{ id: 'ak', name: 'AK OCP', url: sim.url, authType: 'accessKey', accessKeyId: ak.accessKey, secretKeyEnv: 'OCP_TEST_SIM_SECRET' }]);
    const s = await services();
    s.explorer.refreshAll();
    sim.clearRequests();
    const list = await children(await rootNamed('AK OCP'));
    assert.ok(list.length > 1 && list.every((n: Node) => n.kind === 'cluster'));
    const req = sim.requests.find((r) => r.path === '/api/v2/ob/clusters')!;
    assert.match(String(req.headers.authorization), /^OCP-ACCESS-KEY-HMACSHA1 AK_SIM_ADMIN:/);
  });

  it('keeps an added connection\'s password out of settings.json and the log', async () => {
    await clearConnections();
    const secret = `Pw-${Date.now()}-never-logged`;
    const s = await services();
    const res: any = await vscode.commands.executeCommand('ocp.addConnection', { name: 'With Password', url: sim.url, authType: 'basic', username: 'admin', password: secret, test: false });
    assert.ok(res?.id);
    // the stored secret works against a simulator whose password is that secret
    const own = await startSimulator({ scenario: { users: [{ username: 'admin', password: secret }] } as any });
    try {
      await vscode.commands.executeCommand('ocp.editConnection', { connectionId: res.id, url: own.url });
      s.explorer.refreshAll();
      const list = await children(await rootNamed('With Password'));
      assert.ok(list.length > 1 && list.every((n: Node) => n.kind === 'cluster'), 'listing with the stored password works');
    } finally {
      await own.close();
    }
    const inspected = JSON.stringify(vscode.workspace.getConfiguration('ocp').inspect('connections'));
    assert.ok(!inspected.includes(secret), 'the password is in the ocp.connections setting');
    const userDir = path.resolve(s.context.globalStorageUri.fsPath, '..', '..');
    const settingsFile = path.join(userDir, 'settings.json');
    assert.ok(fs.existsSync(settingsFile), `no ${settingsFile}`);
    const settingsText = fs.readFileSync(settingsFile, 'utf8');
    assert.match(settingsText, /With Password/);
    assert.ok(!settingsText.includes(secret), 'the password is in settings.json');
    s.log.info('flush marker');
    await new Promise((r) => setTimeout(r, 1500));
    const logDir = path.dirname(s.context.logUri.fsPath);
    const logText = readAll(logDir);
    assert.ok(logText.includes('With Password'), `the log (${logDir}) does not mention the connection`);
    assert.ok(!logText.includes(secret), 'the password is in the log');
  });

  it('refreshes automatically only while the view is visible', async () => {
    await configureConnection(sim.url, { name: 'Auto' });
    await vscode.workspace.getConfiguration('ocp').update('explorer.autoRefreshSeconds', 1, vscode.ConfigurationTarget.Global);
    try {
      const s = await services();
      await vscode.commands.executeCommand('ocp.explorer.focus');
      s.explorer.refreshAll();
      await children(await rootNamed('Auto'));
      await waitFor(() => s.explorerView.visible, 5000, 'explorer visible');
      sim.clearRequests();
      await waitFor(() => sim.count('GET', '/api/v2/ob/clusters') >= 2, 8000, 'auto refresh while visible');
      await vscode.commands.executeCommand('workbench.view.explorer');
      await waitFor(() => !s.explorerView.visible, 5000, 'explorer hidden');
      await new Promise((r) => setTimeout(r, 300));
      sim.clearRequests();
      await new Promise((r) => setTimeout(r, 3000));
      assert.strictEqual(sim.count('GET', '/api/v2/ob/clusters'), 0, 'requests while hidden');
    } finally {
      await vscode.workspace.getConfiguration('ocp').update('explorer.autoRefreshSeconds', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});

function readAll(dir: string): string {
  let out = '';
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out += readAll(p);
    else if (e.isFile()) out += fs.readFileSync(p, 'utf8');
  }
  return out;
}
