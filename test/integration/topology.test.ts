// Topology (issue #17) inside a real extension host against the simulator: a cluster's "Tenants (n)" and "Zones (n)"
// groups, its zones and their OBServers; Start / Stop / Restart Zone and OBServer from a menu node, the palette and a
// script, each sending exactly one POST (the simulator's request log), `force` asked and sent only when chosen; one
// confirmation and one POST per node on a multi-selection; one POST under a fault; which menu items each status offers.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { startSimulator, type OcpSimulator } from '../ocp-sim/api';
import { simConnection } from '../harness/sim-connection';
import { connections, extension, groupNode, menuOffers, setConnections, tenantNodes, useConnectedSim, waitFor } from './support';
import { ScriptedPrompter, type Answer } from './scripted-prompter';

type Any = any;

const LIFECYCLE = /^ocp\.(start|stop|restart)(Zone|Server)$/;

/** The lifecycle commands package.json's menus offer on an item with this contextValue. */
function offeredCommands(contextValue: string): string[] {
  const menus: { command: string; when?: string }[] = extension().packageJSON.contributes.menus['view/item/context'];
  return menus.filter((m) => LIFECYCLE.test(m.command) && menuOffers(m.when, 'ocp.explorer', contextValue)).map((m) => m.command).sort();
}

describe('Topology (issue #17)', function () {
  this.timeout(120_000);
  const CONN = 'topo-sim';
  let sim: OcpSimulator;
  let s: Any;
  const suite = useConnectedSim({
    id: CONN, name: 'Topology OCP',
    sim: {
      clockSpeed: 10,
      scenario: { subtaskDurationMs: [100, 300], topology: [{ name: 'topo_100x30', zones: 100, serversPerZone: 30, stoppedZones: ['zone007'] }, { name: 'topo_small', zones: 3, serversPerZone: 2 }] } as Any,
    },
    settings: { 'tasks.fastPollMilliseconds': 250, 'tasks.slowPollMilliseconds': 1000 },
  });
  before(() => ({ sim, s } = suite));

  function script(answers: Answer[]): ScriptedPrompter {
    const p = new ScriptedPrompter(answers);
    s.prompter = p;
    return p;
  }
  const simCluster = (name: string) => [...sim.state.clusters.values()].find((c) => c.name === name)!;
  const posts = (re: RegExp) => sim.requests.filter((r) => r.method === 'POST' && re.test(r.path));
  const gets = (re: RegExp) => sim.requests.filter((r) => r.method === 'GET' && re.test(r.path));

  async function clusterNode(name: string): Promise<Any> {
    const root = (await s.explorer.getChildren(undefined)).find((n: Any) => n.kind === 'connection' && n.connection.id === CONN);
    const found = (await s.explorer.getChildren(root)).find((n: Any) => n.kind === 'cluster' && n.cluster.name === name);
    assert.ok(found, `no cluster node ${name}`);
    return found;
  }
  async function zoneNodes(cluster: string): Promise<Any[]> {
    return s.explorer.getChildren(await groupNode(s.explorer, await clusterNode(cluster), 'zones'));
  }
  async function zoneNode(cluster: string, zone: string): Promise<Any> {
    const found = (await zoneNodes(cluster)).find((n: Any) => n.zone?.name === zone);
    assert.ok(found, `no zone node ${zone}`);
    return found;
  }
  async function serverNodes(cluster: string, zone: string): Promise<Any[]> {
    return s.explorer.getChildren(await zoneNode(cluster, zone));
  }
  async function waitTaskEnd(taskId: number): Promise<Any> {
    return waitFor(() => {
      const t = s.taskHost.latest(CONN, taskId);
      return t && (t.status === 'SUCCESSFUL' || t.status === 'FAILED') ? t : undefined;
    }, 60_000, `task ${taskId} to end`);
  }
  /** The zone's status as the tree shows it after the inventory was reloaded. */
  async function treeZoneStatus(cluster: string, zone: string): Promise<string> {
    await s.inventory.reloadClusters(CONN);
    return (await zoneNode(cluster, zone)).zone.status;
  }

  it('shows a cluster\'s Tenants and Zones groups, its zones and their OBServers, from one zones request', async () => {
    s.explorer.refreshAll();
    sim.clearRequests();
    const small = simCluster('topo_small');
    const cn = await clusterNode('topo_small');
    const kids = await s.explorer.getChildren(cn);
    // (the cluster's Alerts group, issue #18, comes last)
    assert.strictEqual(kids[kids.length - 1].kind, 'alarmGroup');
    const groups = kids.filter((g: Any) => g.kind === 'group');
    assert.deepStrictEqual(groups.map((g: Any) => s.explorer.getTreeItem(g).label), [`Tenants (${small.tenantCount})`, 'Zones (3)']);
    assert.strictEqual(gets(/\/zones/).length, 0, 'the groups were labelled with a request');
    await tenantNodes(s.explorer, cn);
    const zones = await zoneNodes('topo_small');
    assert.deepStrictEqual(zones.map((z: Any) => z.zone.name), small.zones.map((z) => z.name));
    for (const z of zones) {
      const item = s.explorer.getTreeItem(z);
      assert.match(String(item.description), /^Running · .* · 2 OBServers$/);
      assert.strictEqual(item.contextValue, 'zone running stoppable restartable');
      const servers = await s.explorer.getChildren(z);
      const simZone = small.zones.find((x) => x.name === z.zone.name)!;
      assert.deepStrictEqual(servers.map((v: Any) => s.explorer.getTreeItem(v).label), simZone.servers.map((v) => `${v.ip}:${v.port}`));
      for (const v of servers) {
        const simServer = simZone.servers.find((x) => x.id === v.server.id)!;
        const desc = String(s.explorer.getTreeItem(v).description);
        assert.ok(desc.startsWith('Running · ') && desc.includes(`SQL ${simServer.sqlPort}`) && desc.includes(simServer.version), desc);
        assert.match(s.explorer.getTreeItem(v).tooltip.value, new RegExp(`RPC port: ${simServer.port}`));
      }
    }
    assert.strictEqual(gets(new RegExp(`/clusters/${small.id}/zones$`)).length, 1, 'one zones request');
    assert.strictEqual(gets(/\/servers$/).length, 0, 'the embedded OBServers were requested');

    sim.clearRequests();
    const wide = await zoneNodes('topo_100x30');
    assert.strictEqual(wide.length, 100);
    let count = 0;
    for (const z of wide) count += (await s.explorer.getChildren(z)).length;
    assert.strictEqual(count, 3000);
    assert.strictEqual(gets(/\/zones$/).length, 1, '100 zones x 30 OBServers is one zones request');
    assert.strictEqual(gets(/\/servers$/).length, 0);
  });

  it('offers on each zone and OBServer only the lifecycle items legal for its status', async () => {
    const zones = await zoneNodes('topo_100x30');
    const running = zones.find((z: Any) => z.zone.name === 'zone001');
    const stopped = zones.find((z: Any) => z.zone.name === 'zone007');
    assert.deepStrictEqual(offeredCommands(s.explorer.getTreeItem(running).contextValue), ['ocp.restartZone', 'ocp.stopZone']);
    assert.deepStrictEqual(offeredCommands(s.explorer.getTreeItem(stopped).contextValue), ['ocp.startZone']);
    assert.match(String(s.explorer.getTreeItem(stopped).description), /^Stopped · /);
    const [runningServer] = await s.explorer.getChildren(running);
    const [stoppedServer] = await s.explorer.getChildren(stopped);
    assert.deepStrictEqual(offeredCommands(s.explorer.getTreeItem(runningServer).contextValue), ['ocp.restartServer', 'ocp.stopServer']);
    assert.deepStrictEqual(offeredCommands(s.explorer.getTreeItem(stoppedServer).contextValue), ['ocp.startServer']);
    // OCP's statuses the docs list as in progress, maintenance or gone offer nothing; an unlisted one everything.
    for (const [status, expected] of [
      ['STARTING', []], ['STOPPING', []], ['OPERATING', []], ['DELETED', []], ['SERVICE_STOPPED', ['ocp.startZone']],
      ['UNAVAILABLE', ['ocp.restartZone', 'ocp.startZone', 'ocp.stopZone']], ['HIBERNATING', ['ocp.restartZone', 'ocp.startZone', 'ocp.stopZone']],
    ] as const) {
      const node = { ...running, zone: { ...running.zone, status: status === 'HIBERNATING' ? 'UNKNOWN' : status, rawStatus: status } };
      assert.deepStrictEqual(offeredCommands(s.explorer.getTreeItem(node).contextValue), [...expected].sort(), status);
    }
    // While an operation of the extension runs on the zone (or its cluster), nothing more is offered on it or its OBServers.
    const key = `${CONN}/cluster/${running.clusterId}`;
    s.busy.claim(key, { label: 'Restarting…', connectionId: CONN });
    try {
      assert.deepStrictEqual(offeredCommands(s.explorer.getTreeItem(running).contextValue), []);
      assert.deepStrictEqual(offeredCommands(s.explorer.getTreeItem(runningServer).contextValue), []);
      assert.strictEqual(s.explorer.getTreeItem(running).description, 'Restarting…');
    } finally {
      s.busy.release(key);
    }
  });

  it('stops a zone from its menu node: one confirmation stating the impact, one POST, the zone and its OBServers busy until the task ends', async () => {
    const small = simCluster('topo_small');
    const node = await zoneNode('topo_small', 'zone1');
    const p = script([true]);
    sim.clearRequests();
    const hold = sim.addFault({ kind: 'neverFinish' } as Any);
    let res: Any;
    try {
      res = await vscode.commands.executeCommand('ocp.stopZone', node);
      assert.ok(res?.taskId, 'no task returned');
      assert.strictEqual(p.asked.length, 1, 'only the confirmation is asked (zones have no force option)');
      assert.match(p.asked[0].title, /Stop zone "zone1" of cluster "topo_small"\?/);
      assert.match(p.asked[0].detail!, /2 OBServer\(s\)/);
      const sent = posts(/\/zones\/zone1\/stop$/);
      assert.strictEqual(sent.length, 1);
      assert.strictEqual(sent[0].path, `/api/v2/ob/clusters/${small.id}/zones/zone1/stop`);
      assert.strictEqual(sent[0].body, null, 'the zone call takes no parameter');
      assert.deepStrictEqual(sent[0].query, {});
      const zoneKey = `${CONN}/zone/${small.id}/zone1`;
      assert.strictEqual(s.busy.get(zoneKey)?.label, 'Stopping…');
      for (const v of small.zones[0].servers) assert.strictEqual(s.busy.get(`${CONN}/server/${small.id}/${v.id}`)?.label, 'Stopping…', 'the zone\'s OBServers are busy with it');
      assert.strictEqual(s.explorer.getTreeItem(node).description, 'Stopping…');
      assert.ok(s.taskHost.tracker.get(CONN, res.taskId), 'the task is tracked');
    } finally {
      sim.removeFault(hold);
    }
    const t = await waitTaskEnd(res.taskId);
    assert.strictEqual(t.status, 'SUCCESSFUL');
    await waitFor(() => !s.busy.get(`${CONN}/zone/${small.id}/zone1`), 20_000, 'the busy marker to be released');
    assert.strictEqual(await treeZoneStatus('topo_small', 'zone1'), 'STOPPED');
    assert.strictEqual(posts(/\/zones\/zone1\/stop$/).length, 1, 'the stop was sent again');
  });

  it('starts a zone from the palette: cluster and zone picked (only startable zones offered), one POST', async () => {
    const small = simCluster('topo_small');
    const p = script([{ label: 'topo_small' }, { label: 'zone1' }, true]);
    sim.clearRequests();
    const res: Any = await vscode.commands.executeCommand('ocp.startZone');
    const zonePick = p.asked.find((q) => q.kind === 'pick' && /zone/i.test(q.text))!;
    assert.deepStrictEqual(zonePick.items, ['zone1'], 'a running zone was offered to start');
    assert.match(p.asked[p.asked.length - 1].title, /Start zone "zone1"/);
    assert.strictEqual(posts(new RegExp(`/clusters/${small.id}/zones/zone1/start$`)).length, 1);
    assert.strictEqual((await waitTaskEnd(res.taskId)).status, 'SUCCESSFUL');
    assert.strictEqual(await treeZoneStatus('topo_small', 'zone1'), 'RUNNING');
  });

  it('restarts a zone from a script\'s arguments, and refuses a zone OCP does not have', async () => {
    const small = simCluster('topo_small');
    sim.clearRequests();
    const res: Any = await vscode.commands.executeCommand('ocp.restartZone', { connectionId: CONN, clusterId: small.id, zoneName: 'zone2', confirm: true });
    assert.strictEqual(posts(/\/restart$/).length, 1);
    assert.strictEqual(posts(/\/restart$/)[0].path, `/api/v2/ob/clusters/${small.id}/zones/zone2/restart`);
    assert.strictEqual((await waitTaskEnd(res.taskId)).status, 'SUCCESSFUL');
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('ocp.restartZone', { connectionId: CONN, clusterId: small.id, zoneName: 'zone9', confirm: true })), /no zone "zone9"/);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('ocp.startZone', { connectionId: CONN, clusterId: small.id, zoneName: 'zone2', confirm: true })), /can be started: zone2 \(Running\)/);
    assert.strictEqual(posts(/\/zones\//).length, 1, 'a refused command sent a POST');
  });

  it('stops an OBServer from its node without force: force asked, default off, and not sent', async () => {
    const small = simCluster('topo_small');
    const [v] = await serverNodes('topo_small', 'zone3');
    const p = script([{ none: true }, true]);
    sim.clearRequests();
    const res: Any = await vscode.commands.executeCommand('ocp.stopServer', v);
    const options = p.asked[0];
    assert.strictEqual(options.kind, 'pickMany');
    assert.deepStrictEqual(options.items, ['Stop the OBServer forcibly'], 'OCP 4.2 offers force only (freezeServer is 4.3)');
    assert.match(p.asked[1].title, new RegExp(`Stop OBServer ${v.server.address.replace(/\./g, '\\.')} of cluster "topo_small"\\?`));
    assert.match(p.asked[1].detail!, /Not forcibly/);
    const sent = posts(/\/servers\/\d+\/stop$/);
    assert.strictEqual(sent.length, 1);
    assert.strictEqual(sent[0].path, `/api/v2/ob/clusters/${small.id}/servers/${v.server.id}/stop`);
    assert.strictEqual(sent[0].body, null, 'an option was sent although none was chosen');
    assert.deepStrictEqual(sent[0].query, {});
    assert.strictEqual((await waitTaskEnd(res.taskId)).status, 'SUCCESSFUL');
  });

  it('starts that OBServer from the palette, then restarts it with force chosen: force sent', async () => {
    const small = simCluster('topo_small');
    const [v] = await serverNodes('topo_small', 'zone3');
    let p = script([{ label: 'topo_small' }, { label: v.server.address }, true]);
    sim.clearRequests();
    let res: Any = await vscode.commands.executeCommand('ocp.startServer');
    assert.ok(!p.asked.some((q) => q.kind === 'pickMany'), 'start has no option');
    const start = posts(/\/servers\/\d+\/start$/);
    assert.strictEqual(start.length, 1);
    assert.strictEqual(start[0].body, null);
    assert.strictEqual((await waitTaskEnd(res.taskId)).status, 'SUCCESSFUL');
    await s.inventory.reloadClusters(CONN);

    const [again] = await serverNodes('topo_small', 'zone3');
    p = script([{ label: 'Restart forcibly' }, true]);
    sim.clearRequests();
    res = await vscode.commands.executeCommand('ocp.restartServer', again);
    assert.match(p.asked[1].detail!, /Forcibly/);
    const sent = posts(/\/servers\/\d+\/restart$/);
    assert.strictEqual(sent.length, 1);
    assert.strictEqual(sent[0].path, `/api/v2/ob/clusters/${small.id}/servers/${v.server.id}/restart`);
    assert.deepStrictEqual(sent[0].body, { force: true });
    assert.deepStrictEqual(sent[0].query, { force: 'true' });
    assert.strictEqual((await waitTaskEnd(res.taskId)).status, 'SUCCESSFUL');
  });

  it('takes force from a script ({force: true}) and sends none when the script gives none', async () => {
    const small = simCluster('topo_small');
    const [a, b] = small.zones[2].servers;
    sim.clearRequests();
    const r1: Any = await vscode.commands.executeCommand('ocp.restartServer', { connectionId: CONN, clusterId: small.id, serverId: b.id, force: true, confirm: true });
    const forced = posts(/\/restart$/);
    assert.strictEqual(forced.length, 1);
    assert.deepStrictEqual(forced[0].body, { force: true });
    await waitTaskEnd(r1.taskId);
    sim.clearRequests();
    const r2: Any = await vscode.commands.executeCommand('ocp.restartServer', { connectionId: CONN, clusterId: small.id, serverId: a.id, confirm: true });
    const plain = posts(/\/restart$/);
    assert.strictEqual(plain.length, 1);
    assert.strictEqual(plain[0].body, null);
    await waitTaskEnd(r2.taskId);
    await waitFor(() => !s.busy.get(`${CONN}/server/${small.id}/${a.id}`), 20_000, 'the busy marker to be released');
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('ocp.stopServer', { connectionId: CONN, clusterId: small.id, serverId: a.id, force: 'yes', confirm: true })), /"force" must be true or false/);
  });

  it('stops several zones with one confirmation listing them all and one POST each, each task tracked', async () => {
    const wide = simCluster('topo_100x30');
    const zones = await zoneNodes('topo_100x30');
    const picked = zones.filter((z: Any) => ['zone011', 'zone012', 'zone013'].includes(z.zone.name));
    const p = script([true]);
    sim.clearRequests();
    const res: Any = await vscode.commands.executeCommand('ocp.stopZone', picked[0], picked);
    assert.strictEqual(p.asked.length, 1, 'one confirmation');
    assert.match(p.asked[0].title, /Stop 3 zones: zone011, zone012, zone013\?/);
    for (const name of ['zone011', 'zone012', 'zone013']) assert.match(p.asked[0].detail!, new RegExp(`${name} \\(topo_100x30\\): 30 OBServers`));
    assert.match(p.asked[0].detail!, /90 OBServer\(s\)/);
    for (const name of ['zone011', 'zone012', 'zone013']) assert.strictEqual(posts(new RegExp(`/clusters/${wide.id}/zones/${name}/stop$`)).length, 1, name);
    assert.strictEqual(posts(/\/stop$/).length, 3);
    assert.ok(Array.isArray(res) && res.length === 3, 'three tasks');
    for (const r of res) assert.strictEqual((await waitTaskEnd(r.taskId)).status, 'SUCCESSFUL');
    assert.strictEqual(posts(/\/stop$/).length, 3, 'a stop was sent again');
  });

  it('restarts several OBServers with one confirmation and one POST each', async () => {
    const servers = (await serverNodes('topo_100x30', 'zone020')).slice(0, 4);
    const p = script([{ none: true }, true]);
    sim.clearRequests();
    const res: Any = await vscode.commands.executeCommand('ocp.restartServer', servers[1], servers);
    assert.deepStrictEqual(p.asked.map((q) => q.kind), ['pickMany', 'confirm'], 'one options pick and one confirmation for all');
    assert.match(p.asked[1].title, /Restart 4 OBServers: /);
    for (const v of servers) assert.strictEqual(posts(new RegExp(`/servers/${v.server.id}/restart$`)).length, 1, v.server.address);
    assert.strictEqual(posts(/\/restart$/).length, 4);
    for (const r of res) assert.strictEqual((await waitTaskEnd(r.taskId)).status, 'SUCCESSFUL');
  });

  it('refuses a selection where the command is illegal for some node before any input, naming it', async () => {
    const zones = await zoneNodes('topo_100x30');
    const mixed = zones.filter((z: Any) => ['zone001', 'zone007'].includes(z.zone.name));
    const p = script([]);
    const before = s.commandFailures.length;
    sim.clearRequests();
    await vscode.commands.executeCommand('ocp.stopZone', mixed[0], mixed);
    assert.strictEqual(p.asked.length, 0, 'a question was asked');
    const failures = s.commandFailures.slice(before);
    assert.strictEqual(failures.length, 1);
    assert.match(failures[0].message, /can be stopped: zone007 \(Stopped\)/);
    await vscode.commands.executeCommand('ocp.startZone', mixed[1], mixed);
    assert.match(s.commandFailures[s.commandFailures.length - 1].message, /can be started: zone001 \(Running\)/);
    assert.strictEqual(sim.requests.filter((r) => r.method === 'POST').length, 0, 'a POST was sent');
  });

  it('sends a zone restart answered with 502 once (outcome unknown, not resent), and an OBServer stop whose connection resets once', async () => {
    const wide = simCluster('topo_100x30');
    sim.clearRequests();
    const bad = sim.addFault({ kind: 'status', status: 502, method: 'POST', path: '/zones/zone030/restart$', times: 1 } as Any);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('ocp.restartZone', { connectionId: CONN, clusterId: wide.id, zoneName: 'zone030', confirm: true })), /may have started|Tasks view/i);
    sim.removeFault(bad);
    assert.strictEqual(posts(/\/zones\/zone030\/restart$/).length, 1, 'the POST was resent');
    assert.ok(!s.busy.get(`${CONN}/zone/${wide.id}/zone030`), 'the zone is free again');

    const v = wide.zones.find((z) => z.name === 'zone031')!.servers[0];
    sim.clearRequests();
    const reset = sim.addFault({ kind: 'reset', method: 'POST', path: `/servers/${v.id}/stop$`, times: 1 } as Any);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('ocp.stopServer', { connectionId: CONN, clusterId: wide.id, serverId: v.id, confirm: true })), /may have started|Tasks view/i);
    sim.removeFault(reset);
    assert.strictEqual(posts(new RegExp(`/servers/${v.id}/stop$`)).length, 1, 'the POST was resent');
  });

  it('on OCP 4.3 offers a minor compaction first and sends freezeServer, false unless chosen (its pages mark it required)', async () => {
    const sim43 = await startSimulator({ clockSpeed: 10, scenario: { buildVersion: '4.3.5-20250301', subtaskDurationMs: [100, 300], topology: [{ name: 'topo_43', zones: 3, serversPerZone: 1 }] } as Any });
    const ID = 'topo-43';
    const kept = connections();
    try {
      await setConnections([...kept, simConnection(sim43.url, { id: ID, name: 'Topology OCP 4.3' })]);
      await waitFor(() => s.connections.get(ID), 10_000, 'the 4.3 connection');
      const c = [...sim43.state.clusters.values()].find((x) => x.name === 'topo_43')!;
      const a = c.zones[0].servers[0];
      const b = c.zones[1].servers[0];
      const sent = (id: number) => sim43.requests.filter((r) => r.method === 'POST' && new RegExp(`/servers/${id}/(stop|restart)$`).test(r.path));
      await vscode.commands.executeCommand('ocp.stopServer', { connectionId: ID, clusterId: c.id, serverId: a.id, confirm: true });
      assert.strictEqual(sent(a.id).length, 1);
      assert.deepStrictEqual(sent(a.id)[0].body, { freezeServer: false });
      const p = script([{ label: 'Topology OCP 4.3' }, { label: 'topo_43' }, { label: b.ip }, { label: 'Run a minor compaction first' }, true]);
      await vscode.commands.executeCommand('ocp.restartServer');
      const options = p.asked.find((q) => q.kind === 'pickMany')!;
      assert.deepStrictEqual(options.items, ['Restart forcibly', 'Run a minor compaction first']);
      assert.match(p.asked[p.asked.length - 1].detail!, /A minor compaction runs first/);
      assert.strictEqual(sent(b.id).length, 1);
      assert.deepStrictEqual(sent(b.id)[0].body, { freezeServer: true });
      assert.deepStrictEqual(sent(b.id)[0].query, { freezeServer: 'true' });
    } finally {
      await setConnections(kept);
      await waitFor(() => !s.connections.get(ID), 10_000, 'the 4.3 connection to be removed');
      await sim43.close();
    }
  });
});
