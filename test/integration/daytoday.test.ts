// Alerts and connecting to a tenant (issue #18) inside a real extension host against the simulator: the Explorer's
// alert counts and "Alerts (n)" groups, one alert request per connection per refresh, a failing alert list that
// leaves the tree working, "Copy Connection Command" (clipboard, no password, a pick among several addresses) and
// "Open in Terminal" with a fake obclient on the PATH, and what it says when no client is installed.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { startSimulator, type OcpSimulator } from '../ocp-sim/api';
import { dayState, failAlarmList } from '../ocp-sim/daytoday';
import { simConnection, simUser } from '../harness/sim-connection';
import { ScriptedPrompter } from './scripted-prompter';
import { activateExtension, clearConnections, configureConnection, setConnections, tenantNodes, waitFor } from './support';

type Any = any;
const ALARMS = '/api/v2/alarm/alarms';
const CLUSTERS = '/api/v2/ob/clusters';

function text(v: unknown): string {
  if (v === undefined) return '';
  if (typeof v === 'string') return v;
  return (v as { value?: string; label?: string }).value ?? (v as { label?: string }).label ?? '';
}

describe('Alarms and connect (issue #18)', function () {
  this.timeout(90_000);
  const CONN = 'dd-sim';
  let sim: OcpSimulator;
  let s: Any;
  let original: Any;

  // The extension keeps the last 50 command failures: start each test from none, so `slice(before)` sees its own.
  beforeEach(() => { if (s) s.commandFailures.length = 0; });

  before(async () => {
    sim = await startSimulator({ clockSpeed: 0 });
    // No automatic refresh while requests are counted.
    await vscode.workspace.getConfiguration('ocp').update('explorer.autoRefreshSeconds', 0, vscode.ConfigurationTarget.Global);
    await configureConnection(sim.url, { id: CONN, name: 'Day OCP' });
    s = (await activateExtension<{ test: Any }>()).test;
    original = s.prompter;
    await waitFor(() => s.connections.get(CONN), 10_000, 'the connection');
  });
  after(async () => {
    s.prompter = original;
    await clearConnections();
    await vscode.workspace.getConfiguration('ocp').update('explorer.autoRefreshSeconds', undefined, vscode.ConfigurationTarget.Global);
    await sim.close();
  });
  afterEach(() => {
    s.prompter = original;
    failAlarmList(sim.state, undefined);
  });

  const item = (n: Any) => s.explorer.getTreeItem(n);
  async function root(id = CONN): Promise<Any> {
    const r = (await s.explorer.getChildren(undefined)).find((n: Any) => n.kind === 'connection' && n.connection.id === id);
    assert.ok(r, `no connection node ${id}`);
    return r;
  }
  async function cluster(name: string, id = CONN): Promise<Any> {
    const c = (await s.explorer.getChildren(await root(id))).find((n: Any) => n.kind === 'cluster' && n.cluster.name === name);
    assert.ok(c, `no cluster ${name}`);
    return c;
  }
  async function alarmGroup(name: string, id = CONN): Promise<Any> {
    const kids = await s.explorer.getChildren(await cluster(name, id));
    const g = kids[kids.length - 1];
    assert.strictEqual(g?.kind, 'alarmGroup', `the last child of ${name} is ${g?.kind}`);
    return g;
  }
  async function tenantNode(clusterName: string, tenant: string): Promise<Any> {
    const kids = await tenantNodes(s.explorer, await cluster(clusterName));
    const t = kids.find((n: Any) => n.kind === 'tenant' && n.tenant.name === tenant);
    assert.ok(t, `no tenant ${tenant} in ${clusterName}`);
    return t;
  }
  /** Waits for the alerts of the connection to be read (the Alerts group's children are then final). */
  async function loaded(id = CONN): Promise<void> {
    await waitFor(async () => {
      const g = await alarmGroup('obcluster_prod', id);
      await s.explorer.getChildren(g);
      return /\(\d+\+?\)/.test(text(item(g).label));
    }, 20_000, 'the alert counts');
  }

  it('shows each connection\'s and cluster\'s active alerts by level, and a cluster\'s Alerts group lists them', async () => {
    s.explorer.refreshAll();
    await loaded();
    const conn = item(await root());
    // 2 Stopped (test, the OCP host), 1 Critical and 2 Warning (prod), 1 Caution (dr)
    // Labelled: beside "4 clusters", "2 Stopped" alone would read as two stopped clusters.
    assert.match(text(conn.description), /· (Alerts: 2 Stopped, 1 Critical, 2 Warning, 1 Caution|告警：停服 2，严重 1，警告 2，注意 1)$/);
    assert.match(text(conn.tooltip), /Active alerts: 6|活跃告警：6/);
    assert.match(text(conn.tooltip), /Not about a cluster listed here \\?\(hosts, OCP itself\\?\): 1|不属于此处所列集群（主机、OCP 自身）：1/, 'the OCP host\'s alert');

    const prod = item(await cluster('obcluster_prod'));
    assert.match(text(prod.description), /· (Alerts: 1 Critical, 2 Warning|告警：严重 1，警告 2)$/);
    assert.match(text(prod.tooltip), /Active alerts: 3|活跃告警：3/);
    assert.match(text(item(await cluster('obcluster_dr')).description), /Alerts: 1 Caution|告警：注意 1/, 'matched by the older obregion label');
    const dev = item(await cluster('obcluster_dev'));
    assert.doesNotMatch(text(dev.description), /Stopped|Critical|Warning|Caution|Reminder|停服|严重|警告|注意|提醒/);
    assert.match(text(dev.tooltip), /Active alerts: none|活跃告警：无/);

    // The group comes after the Tenants and Zones groups (issue #17).
    const kids = await s.explorer.getChildren(await cluster('obcluster_prod'));
    assert.deepStrictEqual(kids.slice(0, -1).map((n: Any) => n.group), ['tenants', 'zones'], 'the Tenants and Zones groups come first');
    const group = await alarmGroup('obcluster_prod');
    assert.match(text(item(group).label), /^(Alerts|告警) \(3\)$/);
    const alarms = await s.explorer.getChildren(group);
    assert.deepStrictEqual(alarms.map((a: Any) => a.kind), ['alarm', 'alarm', 'alarm']);
    const expected = dayState(sim.state).alarms.filter((a) => a.status === 'Active' && a.labels.ob_cluster === 'obcluster_prod');
    assert.deepStrictEqual(alarms.map((a: Any) => a.alarm.id).sort(), expected.map((a) => a.id).sort());
    const first = item(alarms[0]);
    assert.strictEqual(alarms[0].alarm.level, 2, 'most severe first');
    assert.strictEqual(text(first.label), expected.find((a) => a.level === 2)!.summary);
    assert.match(text(first.description), /Critical|严重/);
    assert.match(text(first.description), /first seen|首次发生/);
    assert.strictEqual(first.iconPath.color?.id, 'charts.red');
    assert.match(text(first.tooltip), /obagent\\_dead/);
    assert.match(text(first.tooltip), /10\\\.0\\\.1\\\.12|10\.0\.1\.12/);

    const devGroup = await alarmGroup('obcluster_dev');
    assert.match(text(item(devGroup).label), /\(0\)/);
    const none = await s.explorer.getChildren(devGroup);
    assert.strictEqual(none.length, 1);
    assert.match(text(item(none[0]).label), /No active alerts|无活跃告警/);
  });

  it('sends exactly one alert request per connection per refresh', async () => {
    const OTHER = 'dd-sim-2';
    await setConnections([simConnection(sim.url, { id: CONN, name: 'Day OCP' }), simConnection(sim.url, { id: OTHER, name: 'Day OCP 2' })]);
    await waitFor(() => s.connections.get(OTHER), 10_000, 'the second connection');
    try {
      const count = () => sim.requests.filter((r) => r.method === 'GET' && r.path === ALARMS).length;
      const lists = () => sim.requests.filter((r) => r.method === 'GET' && r.path === CLUSTERS).length;
      const expandAll = async () => {
        for (const id of [CONN, OTHER]) {
          for (const c of (await s.explorer.getChildren(await root(id))).filter((n: Any) => n.kind === 'cluster')) {
            const kids = await s.explorer.getChildren(c);
            await s.explorer.getChildren(kids[kids.length - 1]);
            item(c);
          }
          item(await root(id));
        }
      };
      s.explorer.refreshAll();
      await loaded(CONN);
      await loaded(OTHER);
      sim.clearRequests();
      // a manual refresh of everything (the view's Refresh), then every cluster and Alerts group read twice
      await vscode.commands.executeCommand('ocp.refresh');
      await loaded(CONN);
      await loaded(OTHER);
      await expandAll();
      await expandAll();
      assert.strictEqual(count(), 2, 'one alert request for each of the two connections');
      assert.strictEqual(lists(), 2);
      // a cluster's own refresh reloads its connection's list and alerts: one more each
      sim.clearRequests();
      s.explorer.refreshNode(await cluster('obcluster_prod'));
      await waitFor(() => count() === 1, 10_000, 'the reload');
      await loaded(CONN);
      await expandAll();
      assert.strictEqual(count(), 1);
      // the reload an operation's end (or the auto-refresh) asks for
      sim.clearRequests();
      await s.inventory.reloadClusters(OTHER);
      await loaded(OTHER);
      await expandAll();
      assert.strictEqual(count(), 1);
    } finally {
      await configureConnection(sim.url, { id: CONN, name: 'Day OCP' });
      await waitFor(() => !s.connections.get(OTHER), 10_000, 'the second connection removed');
    }
  });

  for (const status of [403, 404] as const) {
    it(`keeps the tree working when the alert list answers ${status}: no counts, the group says why`, async () => {
      failAlarmList(sim.state, status);
      s.explorer.refreshAll();
      const clusters = (await s.explorer.getChildren(await root())).filter((n: Any) => n.kind === 'cluster');
      assert.strictEqual(clusters.length, sim.state.clusters.size, 'every cluster is listed');
      const group = await alarmGroup('obcluster_prod');
      const why = await s.explorer.getChildren(group);
      assert.ok(why.length >= 1 && why.every((n: Any) => n.kind === 'message'), 'the group holds only messages');
      assert.strictEqual(why[0].severity, 'error');
      assert.match(text(item(why[0]).label), /Cannot load from OCP|无法/);
      assert.match(text(item(group).label), /^(Alerts|告警)$/, 'no count in the label');
      assert.match(text(item(group).description), /unavailable|不可用/);
      const prod = item(await cluster('obcluster_prod'));
      assert.doesNotMatch(text(prod.description), /Critical|Warning|严重|警告|\b0\b/);
      assert.match(text(prod.tooltip), /Active alerts: unknown|活跃告警：未知/);
      assert.doesNotMatch(text(item(await root()).tooltip), /Active alerts: (none|0)|活跃告警：(无|0)/);
      // the tenants are still there, and the connection's own description has no count
      const tenants = (await tenantNodes(s.explorer, await cluster('obcluster_prod'))).filter((n: Any) => n.kind === 'tenant');
      assert.ok(tenants.length >= 3);
      assert.doesNotMatch(text(item(await root()).description), /Stopped|Critical|停服|严重/);
      // served again: Retry (the error node's command) reads them
      failAlarmList(sim.state, undefined);
      const retry = item(why[0]).command;
      await vscode.commands.executeCommand(retry.command, ...(retry.arguments ?? []));
      await loaded();
      assert.match(text(item(await alarmGroup('obcluster_prod')).label), /\(3\)/);
    });
  }

  describe('connect to a tenant', () => {
    let fakeDir: string;
    let emptyDir: string;
    const PATH = process.env.PATH;
    const clipboard = { before: '' };

    before(async () => {
      fakeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocp-fake-client-'));
      emptyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocp-no-client-'));
      // A stand-in for obclient: prints its arguments and waits, as the real one waits for the password.
      fs.writeFileSync(path.join(fakeDir, 'obclient'), '#!/bin/sh\necho "fake obclient $*"\nread -r answer\n', { mode: 0o755 });
      clipboard.before = await vscode.env.clipboard.readText();
    });
    after(async () => {
      process.env.PATH = PATH;
      fs.rmSync(fakeDir, { recursive: true, force: true });
      fs.rmSync(emptyDir, { recursive: true, force: true });
      await vscode.env.clipboard.writeText(clipboard.before);
    });
    afterEach(() => { process.env.PATH = PATH; });

    const noPassword = (line: string) => {
      assert.ok(!line.includes(simUser().password), 'the OCP password is in the line');
      assert.match(line, / -p -c -A$/, '-p has no value: the client asks for the password');
    };

    it('copies the obclient line of a tenant through its cluster\'s OBProxy, asking the user and the client', async () => {
      const node = await tenantNode('obcluster_prod', 'order_mysql');
      const prompter = new ScriptedPrompter(['app_user', { label: 'obclient' }]);
      s.prompter = prompter;
      sim.clearRequests();
      await vscode.commands.executeCommand('ocp.copyConnectionCommand', node);
      const line = await vscode.env.clipboard.readText();
      assert.strictEqual(line, "obclient -h 10.0.6.10 -P 2883 -u 'app_user@order_mysql#obcluster_prod' -p -c -A");
      noPassword(line);
      assert.deepStrictEqual(prompter.asked.map((q) => q.kind), ['input', 'pick'], 'no address pick: OCP gives one');
      assert.deepStrictEqual(prompter.asked[1].items, ['obclient', 'mysql'], 'a MySQL-mode tenant offers mysql too');
      assert.deepStrictEqual(sim.requests.filter((r) => r.method !== 'GET').map((r) => r.path), [], 'nothing but GETs');
      assert.deepStrictEqual(s.commandFailures.filter((f: Any) => f.command === 'ocp.copyConnectionCommand'), []);
      // the user is remembered for the tenant: the next copy offers it (the script accepts the offered value)
      const again = new ScriptedPrompter([{ cancel: true }]);
      s.prompter = again;
      await vscode.commands.executeCommand('ocp.copyConnectionCommand', node);
      assert.strictEqual(again.asked[0].kind, 'input');
    });

    it('asks which address when OCP gives several, and connects directly (user@tenant) without an OBProxy', async () => {
      const d = dayState(sim.state);
      const prodProxy = d.obproxies.find((p) => p.name === 'obproxy_prod')!;
      d.obproxies.push({ ...prodProxy, id: 40, name: 'obproxy_prod_b', address: '10.0.6.40', port: 2883, obproxies: [] });
      try {
        const prompter = new ScriptedPrompter([{ label: '10.0.6.40:2883' }, 'root', { label: 'mysql' }]);
        s.prompter = prompter;
        await vscode.commands.executeCommand('ocp.copyConnectionCommand', await tenantNode('obcluster_prod', 'order_mysql'));
        assert.deepStrictEqual(prompter.asked[0].items, ['10.0.6.10:2883', '10.0.6.40:2883']);
        const line = await vscode.env.clipboard.readText();
        assert.strictEqual(line, "mysql -h 10.0.6.40 -P 2883 -u 'root@order_mysql#obcluster_prod' -p -c -A");
        noPassword(line);
      } finally {
        d.obproxies.splice(d.obproxies.findIndex((p) => p.id === 40), 1);
      }
      // a script names everything: no question; obcluster_dev has no OBProxy: its OBServer's SQL port, user@tenant
      const dev = sim.state.clusterByName('obcluster_dev')!;
      const devTenant = sim.state.tenantsOf(dev.id).find((t) => t.name === 'dev_oracle')!;
      const result: Any = await vscode.commands.executeCommand('ocp.copyConnectionCommand', { connectionId: CONN, clusterId: dev.id, tenantId: devTenant.id, user: 'SYS' });
      const server = dev.zones.flatMap((z) => z.servers).find((x) => x.status === 'RUNNING')!;
      assert.strictEqual(result.line, `obclient -h ${server.ip} -P 2881 -u SYS@dev_oracle -p -c -A`);
      assert.strictEqual(await vscode.env.clipboard.readText(), result.line);
      assert.strictEqual(result.kind, 'DIRECT');
    });

    it('says so when a tenant cannot be reached (a stopped cluster), without an error and without asking', async () => {
      const test = sim.state.clusterByName('obcluster_test')!;
      const legacy = sim.state.tenantsOf(test.id).find((t) => t.name === 'legacy_app')!;
      const prompter = new ScriptedPrompter([]);
      s.prompter = prompter;
      const failures = s.commandFailures.length;
      const r: Any = await vscode.commands.executeCommand('ocp.copyConnectionCommand', { connectionId: CONN, clusterId: test.id, tenantId: legacy.id });
      assert.strictEqual(r.copied, false);
      assert.match(r.message, /legacy_app/);
      assert.match(r.message, /obcluster_test/);
      assert.deepStrictEqual(prompter.asked, []);
      assert.strictEqual(s.commandFailures.length, failures);
    });

    it('opens a terminal running the obclient found on the PATH', async () => {
      process.env.PATH = `${fakeDir}${path.delimiter}${PATH ?? ''}`;
      const before = vscode.window.terminals.length;
      const prod = sim.state.clusterByName('obcluster_prod')!;
      const tenant = sim.state.tenantsOf(prod.id).find((t) => t.name === 'billing_oracle')!;
      const result: Any = await vscode.commands.executeCommand('ocp.openTenantTerminal', { connectionId: CONN, clusterId: prod.id, tenantId: tenant.id, user: 'SYS' });
      assert.strictEqual(result.opened, true);
      const terminal = await waitFor(() => vscode.window.terminals.find((t) => t.name === 'billing_oracle@obcluster_prod'), 15_000, 'the terminal');
      try {
        assert.strictEqual(vscode.window.terminals.length, before + 1);
        const opts = terminal.creationOptions as vscode.TerminalOptions;
        assert.strictEqual(opts.shellPath, path.join(fakeDir, 'obclient'));
        assert.deepStrictEqual(opts.shellArgs, ['-h', '10.0.6.10', '-P', '2883', '-u', 'SYS@billing_oracle#obcluster_prod', '-p', '-c', '-A']);
        noPassword(result.line);
        // the fake client really runs in it
        await waitFor(async () => (await terminal.processId) !== undefined, 15_000, 'the client process');
      } finally {
        terminal.dispose();
      }
    });

    it('says which client to install when none is on the PATH, and opens no terminal', async () => {
      process.env.PATH = emptyDir;
      const before = vscode.window.terminals.length;
      const prod = sim.state.clusterByName('obcluster_prod')!;
      const tenants = sim.state.tenantsOf(prod.id);
      const mysqlTenant = tenants.find((t) => t.name === 'order_mysql')!;
      const prompter = new ScriptedPrompter([]);
      s.prompter = prompter;
      const r1: Any = await vscode.commands.executeCommand('ocp.openTenantTerminal', { connectionId: CONN, clusterId: prod.id, tenantId: mysqlTenant.id });
      assert.strictEqual(r1.opened, false);
      assert.deepStrictEqual(r1.missing, ['obclient', 'mysql']);
      assert.match(r1.message, /obclient/);
      assert.match(r1.message, /mysql|MySQL/);
      const oracle = tenants.find((t) => t.name === 'billing_oracle')!;
      const r2: Any = await vscode.commands.executeCommand('ocp.openTenantTerminal', { connectionId: CONN, clusterId: prod.id, tenantId: oracle.id });
      assert.deepStrictEqual(r2.missing, ['obclient'], 'an Oracle-mode tenant needs obclient');
      assert.deepStrictEqual(prompter.asked, [], 'nothing is asked before saying so');
      assert.strictEqual(vscode.window.terminals.length, before);
    });
  });
});
