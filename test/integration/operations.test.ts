// The four operations driven end to end inside a real extension host against the simulator: wizards answered
// by a scripted prompter (Back included), the exact request bodies the simulator received, tasks tracked to
// completion, and the final state in the tree; plus refusals, prechecks, 400 sub-errors, a 500 sent once,
// and a double invocation refused.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { hostInUse, type OcpSimulator } from '../ocp-sim/api';
import { tenantNodes, useConnectedSim, waitFor } from './support';
import { BACK, ScriptedPrompter, type Answer } from './scripted-prompter';

type Any = any;

describe('Operations', function () {
  this.timeout(90_000);
  let sim: OcpSimulator;
  let s: Any;
  const CONN = 'sim';
  const suite = useConnectedSim({
    id: CONN, name: 'Ops OCP', sim: { clockSpeed: 40 },
    settings: { 'tasks.fastPollMilliseconds': 250, 'tasks.slowPollMilliseconds': 1000 },
  });
  before(() => ({ sim, s } = suite));

  function script(answers: Answer[]): ScriptedPrompter {
    const p = new ScriptedPrompter(answers);
    s.prompter = p;
    return p;
  }

  function posts(path: string | RegExp): Any[] {
    return sim.requests.filter((r) => r.method === 'POST' && (typeof path === 'string' ? r.path === path : path.test(r.path)));
  }

  async function waitTaskEnd(taskId: number): Promise<Any> {
    return waitFor(() => {
      const t = s.taskHost.latest(CONN, taskId);
      return t && (t.status === 'SUCCESSFUL' || t.status === 'FAILED') ? t : undefined;
    }, 60_000, `task ${taskId} to end`);
  }

  async function clusterNode(name: string): Promise<Any> {
    const root = (await s.explorer.getChildren(undefined)).find((n: Any) => n.kind === 'connection' && n.connection.id === CONN);
    return (await s.explorer.getChildren(root)).find((n: Any) => n.kind === 'cluster' && n.cluster.name === name);
  }

  it('creates a cluster through the wizard (Back included) and tracks its task to RUNNING', async () => {
    const host = [...sim.state.hosts.values()].find((h) => !hostInUse(h) && h.idcName === 'hz1')!;
    assert.ok(host, 'the simulator has a free host in hz1');
    const rpm = sim.state.packages.find((p) => p.type === 'OB_SERVER_INSTALL_PACKAGE' && p.version === '4.2.1.2')!.fileName;
    const p = script([
      'bad name!', 'newcluster1', // name: an invalid one first
      { label: 'PRIMARY' },
      BACK, // at the package step: back to the type
      { label: 'PRIMARY' }, // STANDBY is not offered (create-cluster.md has no field naming the primary)
      BACK, { label: 'PRIMARY' }, // back once more
      { label: rpm },
      'Secret_1', 'Secret_2', BACK, // passwords differ: go back and type them again
      'Secret_1', 'Secret_1',
      'zone1', { label: 'hz1' }, { values: (v) => v === host.id }, { label: 'Continue' },
      { label: 'Create' },
    ]);
    sim.clearRequests();
    const res: Any = await vscode.commands.executeCommand('ocp.createCluster', { kind: 'connection', connection: s.connections.get(CONN) });
    assert.strictEqual(p.remaining, 0);
    const nameQ = p.asked.find((q) => q.kind === 'input' && /Cluster name/.test(q.text))!;
    assert.ok(nameQ.validation!.some((m) => /letters, digits and underscores/.test(m)), JSON.stringify(nameQ));
    const mismatch = p.asked.find((q) => q.kind === 'input' && /again/.test(q.text) && q.validation!.length > 0);
    assert.ok(mismatch?.validation![0].match(/do not match/), 'password mismatch was reported');
    // Every wizard step shows the step counter: 7 steps until the zones are known; with one zone the
    // primary-zone step does not show, so the summary is step 6 of 6.
    const summary = p.asked.find((q) => /summary/.test(q.title))!;
    assert.ok(p.asked.every((q) => q.kind === 'confirm' || q === summary || (q.step !== undefined && q.totalSteps === 7)), 'every wizard step shows the step counter');
    assert.deepStrictEqual([summary.step, summary.totalSteps], [6, 6]);
    const sent = posts('/api/v2/ob/clusters');
    assert.strictEqual(sent.length, 1);
    assert.deepStrictEqual(sent[0].body, { name: 'newcluster1', rpmName: rpm, type: 'PRIMARY', password: 'Secret_1', zones: [{ name: 'zone1', idcName: 'hz1', servers: [host.id] }] });
    assert.ok(res?.taskId > 0);
    const t = await waitTaskEnd(res.taskId);
    assert.strictEqual(t.status, 'SUCCESSFUL');
    const node = await waitFor(async () => { await s.inventory.reloadClusters(CONN); const n = await clusterNode('newcluster1'); return n?.cluster.status === 'RUNNING' ? n : undefined; }, 20_000, 'new cluster RUNNING');
    assert.ok(!s.busy.get(`${CONN}/cluster/${node.cluster.id}`), 'the busy marker is released');
  });

  it('shows OCP\'s 400 sub-errors naming the field, for a scripted create', async () => {
    sim.clearRequests();
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('ocp.createCluster', { connectionId: CONN, name: 'badpkg', type: 'PRIMARY', rpmName: 'no-such-package.rpm', password: 'x', zones: [{ name: 'zone1', idcName: 'hz1', servers: [999999] }] })),
      (e: Error) => /rpmName/.test(e.message),
    );
    assert.strictEqual(posts('/api/v2/ob/clusters').length, 1);
  });

  it('blocks a takeover whose precheck fails, and takes over one whose precheck passes', async () => {
    sim.clearRequests();
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('ocp.takeOverCluster', { connectionId: CONN, address: '10.0.0.250', port: 2881, connectionMode: 'direct', rootSysPassword: 'aaAA11__', saveToCredential: true, switchConfigUrl: true, allHostsManaged: true })),
      (e: Error) => /precheck failed/.test(e.message) && /disk/.test(e.message),
    );
    assert.strictEqual(posts('/api/v2/ob/clusters/takeOverPreCheck').length, 1);
    assert.strictEqual(posts('/api/v2/ob/clusters/takeOver').length, 0, 'no takeover after a failed precheck');

    // interactive: a wrong port first, then the precheck result offers "Take Over"
    const p = script([
      '10.0.0.200', { label: 'Direct' }, '70000', '2881', 'aaAA11__', { label: 'Save to credential' }, { label: 'Switch ConfigUrl' }, { label: 'Yes, all hosts' },
      { label: 'Take Over' },
    ]);
    const res: Any = await vscode.commands.executeCommand('ocp.takeOverCluster', { kind: 'connection', connection: s.connections.get(CONN) });
    const portQ = p.asked.find((q) => /Port/.test(q.text))!;
    assert.ok(portQ.validation!.length === 1 && /1 to 65535/.test(portQ.validation![0]));
    const pre = p.asked.find((q) => /precheck passed/.test(q.title));
    assert.ok(pre, 'the precheck result was shown');
    const sent = posts('/api/v2/ob/clusters/takeOver');
    assert.strictEqual(sent.length, 1);
    assert.deepStrictEqual(sent[0].body, { rootSysPassword: 'aaAA11__', address: '10.0.0.200', port: 2881, connectionMode: 'direct', saveToCredential: true, switchConfigUrl: true });
    const t = await waitTaskEnd(res.taskId);
    assert.strictEqual(t.status, 'SUCCESSFUL');
    await waitFor(async () => { await s.inventory.reloadClusters(CONN); const n = await clusterNode('legacy_ob'); return n?.cluster.status === 'RUNNING'; }, 20_000, 'legacy_ob RUNNING in the tree');
  });

  it('refuses to stop a stopped cluster, and stops a running one after the confirmation', async () => {
    const stopped = [...sim.state.clusters.values()].find((c) => c.status === 'STOPPED')!;
    sim.clearRequests();
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('ocp.stopCluster', { connectionId: CONN, clusterId: stopped.id, confirm: true })), /only a running cluster/);
    assert.strictEqual(posts(/\/stop$/).length, 0);

    const running = [...sim.state.clusters.values()].find((c) => c.status === 'RUNNING' && c.type === 'PRIMARY' && c.standbyClusters.length === 0 && c.name !== 'newcluster1' && c.name !== 'legacy_ob')!;
    const p = script([false]);
    await vscode.commands.executeCommand('ocp.stopCluster', await clusterNode(running.name));
    assert.match(p.asked[0].title, new RegExp(`Stop cluster "${running.name}"`));
    assert.match(p.asked[0].detail!, /tenant/);
    assert.strictEqual(posts(/\/stop$/).length, 0, 'cancelled: nothing sent');

    script([true]);
    const res: Any = await vscode.commands.executeCommand('ocp.stopCluster', await clusterNode(running.name));
    assert.strictEqual(posts(`/api/v2/ob/clusters/${running.id}/stop`).length, 1);
    const t = await waitTaskEnd(res.taskId);
    assert.strictEqual(t.status, 'SUCCESSFUL');
    await waitFor(async () => { await s.inventory.reloadClusters(CONN); return (await clusterNode(running.name))?.cluster.status === 'STOPPED'; }, 20_000, 'STOPPED in the tree');
  });

  it('sends an operation answered with 500 exactly once, and refuses a double invocation', async () => {
    const target = [...sim.state.clusters.values()].find((c) => c.status === 'RUNNING' && c.name === 'newcluster1')!;
    sim.clearRequests();
    const fault = sim.addFault({ kind: 'status', status: 500, method: 'POST', path: `/stop$`, times: 1 } as Any);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('ocp.stopCluster', { connectionId: CONN, clusterId: target.id, confirm: true })));
    sim.removeFault(fault);
    assert.strictEqual(posts(`/api/v2/ob/clusters/${target.id}/stop`).length, 1, 'the failed POST was not resent');
    assert.ok(!s.busy.get(`${CONN}/cluster/${target.id}`), 'the target is free again');

    sim.clearRequests();
    sim.addFault({ kind: 'latency', ms: 400, method: 'POST', path: '/stop$', times: 1 } as Any);
    const both = await Promise.allSettled([
      vscode.commands.executeCommand('ocp.stopCluster', { connectionId: CONN, clusterId: target.id, confirm: true }),
      new Promise((r) => setTimeout(r, 100)).then(() => vscode.commands.executeCommand('ocp.stopCluster', { connectionId: CONN, clusterId: target.id, confirm: true })),
    ]);
    assert.strictEqual(both[0].status, 'fulfilled');
    assert.strictEqual(both[1].status, 'rejected');
    assert.match(String((both[1] as PromiseRejectedResult).reason?.message), /already running/);
    assert.strictEqual(posts(`/api/v2/ob/clusters/${target.id}/stop`).length, 1);
    await waitTaskEnd((both[0] as PromiseFulfilledResult<Any>).value.taskId);
  });

  it('switches a tenant pair over after the precheck and a confirmation naming both tenants', async () => {
    const primary = [...sim.state.clusters.values()].flatMap((c) => sim.state.tenantsOf(c.id)).find((t) => t.tenantRole === 'PRIMARY' && t.standbyTenants.length > 0)!;
    assert.ok(primary, 'the simulator has a tenant pair');
    const standbyId = primary.standbyTenants[0].id!;
    const standby = sim.state.tenant(standbyId)!;
    const p = script([{ label: 'Switchover' }, true]);
    sim.clearRequests();
    const clusterN = (await s.explorer.getChildren((await s.explorer.getChildren(undefined)).find((n: Any) => n.connection?.id === CONN))).find((n: Any) => n.cluster?.id === primary.clusterId);
    const tenantN = (await tenantNodes(s.explorer, clusterN)).find((n: Any) => n.tenant?.id === primary.id);
    assert.match(s.explorer.getTreeItem(tenantN).contextValue, /\bhas-standby\b/);
    const res: Any = await vscode.commands.executeCommand('ocp.switchoverTenant', tenantN);
    assert.ok(p.asked.some((q) => q.kind === 'pick' && /precheck passed/.test(q.title)), 'the precheck result was shown');
    const confirm = p.asked.find((q) => q.kind === 'confirm')!;
    assert.ok(confirm.title.includes(primary.name) && confirm.title.includes(standby.name), confirm.title);
    assert.ok(confirm.title.includes(primary.clusterName) && confirm.title.includes(standby.clusterName), confirm.title);
    assert.strictEqual(posts(/switchoverPreCheck$/).length, 1);
    const sent = posts(`/api/v2/ob/clusters/${primary.clusterId}/tenants/${primary.id}/switchover`);
    assert.strictEqual(sent.length, 1);
    assert.deepStrictEqual(sent[0].body, { tenantId: primary.id, standbyTenantId: standbyId });
    const t = await waitTaskEnd(res.taskId);
    assert.strictEqual(t.status, 'SUCCESSFUL');
    const tenants = await s.inventory.tenantsOf(CONN, primary.clusterId);
    const after = await waitFor(async () => { s.explorer.refreshNode({ kind: 'cluster', connectionId: CONN, cluster: { id: primary.clusterId } }); const ts = await s.inventory.tenantsOf(CONN, primary.clusterId); return ts.find((x: Any) => x.id === primary.id && x.role === 'STANDBY'); }, 20_000, 'roles swapped');
    assert.ok(after && tenants);
  });
});
