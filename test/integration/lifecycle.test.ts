// Cluster lifecycle (issue #17) inside a real extension host against the simulator (OCP 4.3): Start / Restart /
// Stop Cluster from the menu node, the palette and a script; the legality of every menu entry per status (package.json
// `when` evaluated on the items' contextValue); several clusters at once (one confirmation, exactly one POST per
// cluster, every task tracked); one POST under faults (outcome unknown: not resent); tenant failover (precheck shown,
// a failing one sends no failover; typed-name confirmation; one POST with a list of one; the role changes) and its
// version gate. The simulator's clock is paused: the busy label is seen while a task runs, then time is advanced.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { startSimulator, type OcpSimulator } from '../ocp-sim/api';
import { simConnection } from '../harness/sim-connection';
import type { ConfirmOptions } from '../../src/wizards/prompter';
import { connections, extension, menuOffers, setConnections, tenantNodes, useConnectedSim, waitFor } from './support';
import { ScriptedPrompter, type Answer } from './scripted-prompter';

type Any = any;

/** Records the confirmations' full options (typeToConfirm included) beside the scripted answers. */
class Recording extends ScriptedPrompter {
  readonly confirms: ConfirmOptions[] = [];
  override async confirm(o: ConfirmOptions): Promise<boolean> {
    this.confirms.push(o);
    return super.confirm(o);
  }
}

const LIFECYCLE = ['ocp.startCluster', 'ocp.stopCluster', 'ocp.restartCluster', 'ocp.failoverTenant'];

describe('Cluster lifecycle (issue #17)', function () {
  this.timeout(120_000);
  const CONN = 'lc-sim';
  let sim: OcpSimulator;
  let s: Any;
  const suite = useConnectedSim({
    id: CONN, name: 'Lifecycle OCP',
    sim: { clockSpeed: 0, scenario: { buildVersion: '4.3.2-20241015' } },
    settings: { 'tasks.fastPollMilliseconds': 250, 'tasks.slowPollMilliseconds': 500 },
  });
  before(() => ({ sim, s } = suite));

  function script(answers: Answer[]): Recording {
    const p = new Recording(answers);
    s.prompter = p;
    return p;
  }
  const posts = (path: string | RegExp): Any[] => sim.requests.filter((r) => r.method === 'POST' && (typeof path === 'string' ? r.path === path : path.test(r.path)));
  const simCluster = (name: string): Any => [...sim.state.clusters.values()].find((c) => c.name === name)!;
  const key = (id: number, kind = 'cluster') => `${CONN}/${kind}/${id}`;

  async function root(): Promise<Any> {
    return (await s.explorer.getChildren(undefined)).find((n: Any) => n.kind === 'connection' && n.connection.id === CONN);
  }
  async function clusterNode(name: string): Promise<Any> {
    return (await s.explorer.getChildren(await root())).find((n: Any) => n.kind === 'cluster' && n.cluster.name === name);
  }
  async function tenantNode(clusterName: string, tenantName: string): Promise<Any> {
    return (await tenantNodes(s.explorer, await clusterNode(clusterName))).find((n: Any) => n.kind === 'tenant' && n.tenant.name === tenantName);
  }
  /** Lets the paused simulator run every task to its end, then waits for the extension to see each end. */
  async function settle(...taskIds: number[]): Promise<void> {
    sim.advance(6 * 3600_000);
    for (const id of taskIds) {
      const t = await waitFor(() => {
        const x = s.taskHost.latest(CONN, id);
        return x && (x.status === 'SUCCESSFUL' || x.status === 'FAILED') ? x : undefined;
      }, 60_000, `task ${id} to end`);
      assert.strictEqual(t.status, 'SUCCESSFUL', `task ${id}`);
    }
  }
  async function statusInTree(name: string, status: string): Promise<void> {
    await waitFor(async () => { await s.inventory.reloadClusters(CONN); return (await clusterNode(name))?.cluster.status === status; }, 20_000, `${name} ${status} in the tree`);
  }
  function lastFailure(before: number): string {
    return s.commandFailures.slice(before).map((f: Any) => f.message).join(' | ');
  }

  it('offers Start, Stop, Restart and Failover only where the status allows it (package.json when on each item)', async () => {
    const menus: { command: string; when?: string }[] = extension().packageJSON.contributes.menus['view/item/context'];
    const menusOf = (node: Any) => {
      const cv = s.explorer.getTreeItem(node).contextValue ?? '';
      return menus.filter((m) => LIFECYCLE.includes(m.command) && menuOffers(m.when, 'ocp.explorer', cv)).map((m) => m.command).sort();
    };
    assert.deepStrictEqual(menusOf(await clusterNode('obcluster_prod')), ['ocp.restartCluster', 'ocp.stopCluster']);
    assert.deepStrictEqual(menusOf(await clusterNode('obcluster_test')), ['ocp.startCluster']);
    const prod = await clusterNode('obcluster_prod');
    // a status OCP's docs do not list: unknown is not none, all three are offered and OCP's own check decides
    assert.deepStrictEqual(menusOf({ ...prod, cluster: { ...prod.cluster, status: 'UNKNOWN', rawStatus: 'SOMETHING_NEW' } }), ['ocp.restartCluster', 'ocp.startCluster', 'ocp.stopCluster']);
    for (const busy of ['STARTING', 'RESTARTING', 'STOPPING', 'OPERATING']) {
      assert.deepStrictEqual(menusOf({ ...prod, cluster: { ...prod.cluster, status: busy, rawStatus: busy } }), [], busy);
    }
    // an operation of the extension under way on it: nothing
    s.busy.claim(key(prod.cluster.id), { label: 'Restarting…', connectionId: CONN });
    try {
      assert.deepStrictEqual(menusOf(prod), []);
    } finally {
      s.busy.release(key(prod.cluster.id));
    }
    assert.deepStrictEqual(menusOf(await tenantNode('obcluster_dr', 'order_mysql_dr')), ['ocp.failoverTenant']);
    assert.deepStrictEqual(menusOf(await tenantNode('obcluster_prod', 'order_mysql')), []);
    assert.deepStrictEqual(menusOf(await tenantNode('obcluster_dr', 'sys')), []);
    const standby = await tenantNode('obcluster_dr', 'order_mysql_dr');
    assert.deepStrictEqual(menusOf({ ...standby, tenant: { ...standby.tenant, role: undefined } }), ['ocp.failoverTenant'], 'role not reported: offered');
  });

  it('starts a stopped cluster from its menu node: a confirmation naming its zones, one POST, "Starting…" until the task ends', async () => {
    const c = simCluster('obcluster_test');
    sim.clearRequests();
    let p = script([false]);
    await vscode.commands.executeCommand('ocp.startCluster', await clusterNode('obcluster_test'));
    assert.match(p.asked[0].title, /Start cluster "obcluster_test"\?/);
    assert.match(p.asked[0].detail!, /2 zone\(s\)/);
    assert.strictEqual(p.confirms[0].typeToConfirm, undefined, 'start: a plain modal');
    assert.strictEqual(posts(/\/start$/).length, 0, 'declined: nothing sent');

    p = script([true]);
    const res: Any = await vscode.commands.executeCommand('ocp.startCluster', await clusterNode('obcluster_test'));
    assert.strictEqual(p.remaining, 0);
    assert.strictEqual(posts(`/api/v2/ob/clusters/${c.id}/start`).length, 1);
    assert.ok(res.taskId > 0);
    // The status was read fresh (a GET of the cluster list) before the POST.
    assert.ok(sim.requests.some((r) => r.method === 'GET' && r.path === '/api/v2/ob/clusters'), 'the status was read from OCP');
    assert.strictEqual(s.busy.get(key(c.id))?.label, 'Starting…');
    assert.strictEqual(s.explorer.getTreeItem(await clusterNode('obcluster_test')).description, 'Starting…');
    assert.ok(s.taskHost.tracker.get(CONN, res.taskId), 'the task is tracked');
    await settle(res.taskId);
    await waitFor(() => !s.busy.get(key(c.id)), 20_000, 'the busy marker released');
    await statusInTree('obcluster_test', 'RUNNING');
    assert.strictEqual(posts(`/api/v2/ob/clusters/${c.id}/start`).length, 1, 'never resent');
  });

  it('restarts from the palette: the destructive confirmation says a one-zone cluster interrupts service', async () => {
    const c = simCluster('obcluster_dev');
    sim.clearRequests();
    const running = [...sim.state.clusters.values()].filter((x) => x.status === 'RUNNING').map((x) => x.name).sort();
    const p = script([{ label: 'obcluster_dev' }, true]);
    const res: Any = await vscode.commands.executeCommand('ocp.restartCluster');
    assert.strictEqual(p.remaining, 0);
    assert.deepStrictEqual([...p.asked.find((q) => q.kind === 'pick')!.items!].sort(), running, 'only restartable clusters are offered');
    const confirm = p.asked.find((q) => q.kind === 'confirm')!;
    assert.match(confirm.title, /Restart cluster "obcluster_dev"\?/);
    assert.match(confirm.detail!, /1 zone\(s\), 1 server\(s\)/);
    assert.match(confirm.detail!, /fewer than three zones the restart interrupts service/);
    assert.match(confirm.detail!, /no choice of rolling or forced restart/);
    assert.strictEqual(posts(`/api/v2/ob/clusters/${c.id}/restart`).length, 1);
    assert.deepStrictEqual(posts(`/api/v2/ob/clusters/${c.id}/restart`)[0].body ?? undefined, undefined, 'no body');
    assert.strictEqual(s.explorer.getTreeItem(await clusterNode('obcluster_dev')).description, 'Restarting…');
    await settle(res.taskId);
    await statusInTree('obcluster_dev', 'RUNNING');
  });

  it('runs Start, Stop and Restart from a script\'s argument object, and refuses an illegal one with nothing sent', async () => {
    const c = simCluster('obcluster_dev');
    sim.clearRequests();
    script([]);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('ocp.startCluster', { connectionId: CONN, clusterId: c.id, confirm: true })), /only a stopped cluster can be started/);
    assert.strictEqual(posts(/\/start$/).length, 0);

    const stop: Any = await vscode.commands.executeCommand('ocp.stopCluster', { connectionId: CONN, clusterId: c.id, confirm: true });
    await settle(stop.taskId);
    await statusInTree('obcluster_dev', 'STOPPED');
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('ocp.restartCluster', { connectionId: CONN, clusterId: c.id, confirm: true })), /only a running cluster can be restarted/);
    const start: Any = await vscode.commands.executeCommand('ocp.startCluster', { connectionId: CONN, clusterId: c.id, confirm: true });
    await settle(start.taskId);
    await statusInTree('obcluster_dev', 'RUNNING');
    const restart: Any = await vscode.commands.executeCommand('ocp.restartCluster', { connectionId: CONN, clusterId: c.id, confirm: true });
    await settle(restart.taskId);
    assert.deepStrictEqual(
      sim.requests.filter((r) => r.method === 'POST').map((r) => r.path),
      [`/api/v2/ob/clusters/${c.id}/stop`, `/api/v2/ob/clusters/${c.id}/start`, `/api/v2/ob/clusters/${c.id}/restart`],
    );
  });

  it('stops, starts and restarts several selected clusters: ONE confirmation listing them, exactly one POST per cluster', async () => {
    const names = ['obcluster_prod', 'obcluster_dev'];
    const ids = names.map((n) => simCluster(n).id);
    for (const [command, action, after] of [['ocp.stopCluster', 'stop', 'STOPPED'], ['ocp.startCluster', 'start', 'RUNNING'], ['ocp.restartCluster', 'restart', 'RUNNING']] as const) {
      sim.clearRequests();
      const nodes = await Promise.all(names.map(clusterNode));
      const p = script([true]);
      const res: Any = await vscode.commands.executeCommand(command, nodes[0], nodes);
      assert.strictEqual(p.asked.length, 1, `${command}: one confirmation`);
      assert.match(p.asked[0].title, new RegExp(`${action[0].toUpperCase()}${action.slice(1)} 2 clusters\\?`));
      for (const n of names) assert.ok(p.asked[0].detail!.includes(n), `${command}: the confirmation names ${n}`);
      for (const id of ids) assert.strictEqual(posts(`/api/v2/ob/clusters/${id}/${action}`).length, 1, `${command}: one POST for cluster ${id}`);
      assert.strictEqual(posts(/\/(start|stop|restart)$/).length, 2, `${command}: nothing else sent`);
      assert.strictEqual(res.results.length, 2);
      for (const r of res.results) assert.ok(s.taskHost.tracker.get(CONN, r.taskId), `task ${r.taskId} tracked`);
      await settle(...res.results.map((r: Any) => r.taskId));
      for (const n of names) await statusInTree(n, after);
    }
  });

  it('sends one POST under a fault: a 502 on a restart is "may have started", not resent, and asks before a second try', async () => {
    const c = simCluster('obcluster_test');
    sim.clearRequests();
    const fault = sim.addFault({ kind: 'status', status: 502, method: 'POST', path: '/restart$', times: 1 } as Any);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('ocp.restartCluster', { connectionId: CONN, clusterId: c.id, confirm: true })), /may have started/);
    sim.removeFault(fault);
    assert.strictEqual(posts(`/api/v2/ob/clusters/${c.id}/restart`).length, 1, 'not resent');
    assert.ok(!s.busy.get(key(c.id)), 'the target is free again');
    const p = script([false]);
    await vscode.commands.executeCommand('ocp.restartCluster', { connectionId: CONN, clusterId: c.id, confirm: true }); // declined: cancelled, silent
    assert.match(p.asked[0].title, /OCP may already be doing this/);
    assert.strictEqual(posts(`/api/v2/ob/clusters/${c.id}/restart`).length, 1, 'declined: still one POST');
  });

  it('sends one POST per cluster when a connection reset hits one of several: the others go on, the failed one is named', async () => {
    const names = ['obcluster_prod', 'obcluster_dev'];
    const [prod, dev] = names.map(simCluster);
    sim.clearRequests();
    sim.addFault({ kind: 'reset', method: 'POST', path: `/clusters/${prod.id}/stop$`, times: 1 } as Any);
    const nodes = await Promise.all(names.map(clusterNode));
    script([true]);
    const before = s.commandFailures.length;
    await vscode.commands.executeCommand('ocp.stopCluster', nodes[0], nodes);
    assert.strictEqual(posts(`/api/v2/ob/clusters/${prod.id}/stop`).length, 1, 'the reset one is not resent');
    assert.strictEqual(posts(`/api/v2/ob/clusters/${dev.id}/stop`).length, 1, 'the other one is sent');
    assert.match(lastFailure(before), /1 of 2 started; failed: obcluster_prod \([^)]*may have started/);
    const devTask = await waitFor(() => s.taskHost.tracker.list().find((x: Any) => x.connectionId === CONN && x.task?.clusterId === dev.id && x.task?.status === 'RUNNING'), 20_000, 'the started stop task tracked');
    await settle(devTask.taskId);
    await statusInTree('obcluster_dev', 'STOPPED');
  });

  it('refuses, before any input, a selection with a node the command is illegal on, naming it', async () => {
    sim.clearRequests();
    const prod = await clusterNode('obcluster_prod');
    const dev = await clusterNode('obcluster_dev'); // stopped by the test before
    assert.strictEqual(dev.cluster.status, 'STOPPED');
    const tenant = await tenantNode('obcluster_prod', 'order_mysql');
    const p = script([]);
    let before = s.commandFailures.length;
    await vscode.commands.executeCommand('ocp.startCluster', dev, [dev, prod]);
    assert.match(lastFailure(before), /Start Cluster cannot act on every selected item: "obcluster_prod" \(Running\)/);
    assert.ok(!lastFailure(before).includes('obcluster_dev'), 'the legal one is not named');
    before = s.commandFailures.length;
    await vscode.commands.executeCommand('ocp.restartCluster', prod, [prod, tenant]);
    assert.match(lastFailure(before), /tenant "order_mysql"/);
    assert.strictEqual(p.asked.length, 0, 'nothing was asked');
    assert.strictEqual(sim.requests.filter((r) => r.method === 'POST').length, 0, 'nothing was sent');
  });

  it('shows a failing failover precheck with its problems and sends no failover', async () => {
    const dr = simCluster('obcluster_dr');
    const tenant = sim.state.tenantsOf(dr.id).find((t) => t.name === 'order_mysql_dr')!;
    dr.status = 'STOPPED'; // OCP's precheck sees it; the tree still shows the cluster and tenant it loaded
    try {
      sim.clearRequests();
      const p = script([{ label: 'Back' }]);
      await vscode.commands.executeCommand('ocp.failoverTenant', await tenantNode('obcluster_dr', 'order_mysql_dr'));
      const shown = p.asked.find((q) => q.kind === 'pick' && /precheck failed/.test(q.title))!;
      assert.ok(shown, 'the precheck result was shown');
      assert.ok(shown.items!.includes('Check cluster status'), shown.items!.join(' | '));
      assert.ok(shown.items!.some((i) => /Failover anyway/.test(i)), 'an override is offered');
      assert.strictEqual(posts(`/api/v2/ob/clusters/${dr.id}/tenants/failoverPreCheck`).length, 1);
      assert.strictEqual(posts(/\/tenants\/failover$/).length, 0, 'no failover');
      await assert.rejects(
        Promise.resolve(vscode.commands.executeCommand('ocp.failoverTenant', { connectionId: CONN, clusterId: dr.id, tenantId: tenant.id, confirm: true })),
        /failover precheck failed/,
      );
      assert.strictEqual(posts(/\/tenants\/failover$/).length, 0, 'a script sends no failover either');
    } finally {
      dr.status = 'RUNNING';
    }
  });

  it('fails a standby tenant over from the palette, the menu node and a script: precheck, typed name, one POST of a list of one', async () => {
    const dr = simCluster('obcluster_dr');
    const byName = (n: string) => sim.state.tenantsOf(dr.id).find((t) => t.name === n)!;
    // palette: declined at the typed-name confirmation
    sim.clearRequests();
    let p = script([{ label: 'obcluster_dr' }, { label: 'billing_oracle_dr' }, { label: 'Failover' }, false]);
    await vscode.commands.executeCommand('ocp.failoverTenant');
    assert.strictEqual(p.remaining, 0);
    assert.ok(p.asked.some((q) => q.kind === 'pick' && /precheck passed/.test(q.title)), 'the precheck was shown');
    assert.strictEqual(p.confirms[0].typeToConfirm, 'billing_oracle_dr', 'type-the-name by default');
    assert.strictEqual(posts(/\/tenants\/failover$/).length, 0);

    // menu node
    sim.clearRequests();
    const order = byName('order_mysql_dr');
    p = script([{ label: 'Failover' }, true]);
    const res: Any = await vscode.commands.executeCommand('ocp.failoverTenant', await tenantNode('obcluster_dr', 'order_mysql_dr'));
    const c = p.confirms[0];
    assert.match(c.message, /Fail over tenant "order_mysql_dr" \(obcluster_dr\)\?/);
    assert.match(c.detail!, /becomes an independent primary tenant/);
    assert.match(c.detail!, /link to the old primary tenant "order_mysql"/);
    assert.match(c.detail!, /cannot be rolled back/);
    assert.strictEqual(c.typeToConfirm, 'order_mysql_dr');
    const sent = posts(`/api/v2/ob/clusters/${dr.id}/tenants/failover`);
    assert.strictEqual(sent.length, 1);
    assert.deepStrictEqual(sent[0].body, { failoverTenantItemList: [{ tenantId: order.id }] });
    assert.deepStrictEqual(res.taskIds, [res.taskId]);
    assert.strictEqual(s.explorer.getTreeItem(await tenantNode('obcluster_dr', 'order_mysql_dr')).description, 'Failing over…');
    await settle(res.taskId);
    await waitFor(async () => {
      s.explorer.refreshNode({ kind: 'cluster', connectionId: CONN, cluster: { id: dr.id } });
      return (await s.inventory.tenantsOf(CONN, dr.id)).find((t: Any) => t.id === order.id && t.role === 'PRIMARY');
    }, 20_000, 'the tenant is PRIMARY');

    // script
    sim.clearRequests();
    script([]);
    const billing = byName('billing_oracle_dr');
    const r2: Any = await vscode.commands.executeCommand('ocp.failoverTenant', { connectionId: CONN, clusterId: dr.id, tenantId: billing.id, confirm: true });
    assert.strictEqual(posts(/failoverPreCheck$/).length, 1);
    assert.strictEqual(posts(`/api/v2/ob/clusters/${dr.id}/tenants/failover`).length, 1);
    await settle(r2.taskId);
  });

  it('refuses a failover on an OCP older than 4.3 before any input', async () => {
    const old = await startSimulator({ clockSpeed: 0, scenario: { buildVersion: '4.2.1-20240110' } });
    const OLD = 'lc-old';
    try {
      await setConnections([...connections(), simConnection(old.url, { id: OLD, name: 'Old OCP' })]);
      await waitFor(() => s.connections.get(OLD), 10_000, 'the old connection');
      const p = script([]);
      await assert.rejects(Promise.resolve(vscode.commands.executeCommand('ocp.failoverTenant', { connectionId: OLD })), /Tenant failover needs OCP 4\.3 or later; this OCP is 4\.2\.1/);
      assert.strictEqual(p.asked.length, 0);
      assert.strictEqual(old.requests.filter((r) => r.method === 'POST').length, 0);
    } finally {
      await setConnections(connections().filter((c) => c.id !== OLD));
      await old.close();
    }
  });
});
