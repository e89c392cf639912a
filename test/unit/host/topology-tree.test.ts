// Topology in the Explorer (issue #17): a cluster expands to "Tenants (n)" and "Zones (n)", a zone to its OBServers;
// the inventory loads each list once however many ask (and no OBServer list when the zone object embeds them); the
// items carry the capability tokens the menus match; the targets parser knows the new nodes; a multi-selection that
// is illegal for some node is refused before any input.
import './vscode-stub';
import * as assert from 'node:assert/strict';
import { parseTarget, selectedNodes } from '../../../src/commands/targets';
import { stopServer } from '../../../src/commands/serverLifecycle';
import { startZone, stopZone } from '../../../src/commands/zoneLifecycle';
import { normalizeCluster } from '../../../src/core/model/cluster';
import { normalizeTopologyZone, SERVER_STATUSES, ZONE_STATUSES, type TopologyZone } from '../../../src/core/model/topology';
import { clusterPartPrefixes, serverKey, targetKey, zoneKey } from '../../../src/ids';
import { Inventory } from '../../../src/inventory/store';
import { BusyRegistry } from '../../../src/views/busy';
import { ExplorerProvider } from '../../../src/views/explorer';
import { groupItem, serverItem, zoneItem } from '../../../src/views/explorerItems';
import type { ExplorerNode, ServerNode, ZoneNode } from '../../../src/views/explorerNodes';
import { serverStatusWord, words, zoneStatusWord } from '../../../src/views/words';
import { readBundle } from '../../../tools/l10n';
import { EventEmitter } from './vscode-stub';

type Any = any;
const CONN = { id: 'c1', name: 'Prod', url: 'https://ocp', authType: 'basic' };

function rawZone(name: string, status: string, servers: number, embed = true, serverStatus = status): Record<string, unknown> {
  const list = Array.from({ length: servers }, (_, i) => ({ id: name.length * 1000 + i, ip: `10.0.${name.length}.${i + 1}`, port: 2882, sqlPort: 2881, version: '4.2.1.2', status: serverStatus, withRootserver: i === 0, zoneName: name }));
  return { name, status, idcName: 'hz1', regionName: 'HANGZHOU', serverCount: servers, servers: embed ? list : [] };
}

/** A fake OCP client: records every paginated path; zones and servers from the given tables. */
function fakeClient(zones: Record<number, Record<string, unknown>[]>, servers: Record<string, Record<string, unknown>[]> = {}, fail?: RegExp) {
  const calls: string[] = [];
  return {
    calls,
    async *paginate(path: string) {
      calls.push(path);
      await new Promise((r) => setTimeout(r, 5));
      if (fail?.test(path)) throw new Error(`OCP refused ${path}`);
      let m = /\/clusters\/(\d+)\/zones$/.exec(path);
      if (m) { for (const z of zones[Number(m[1])] ?? []) yield z; return; }
      m = /\/clusters\/(\d+)\/zones\/([^/]+)\/servers$/.exec(path);
      if (m) { for (const v of servers[decodeURIComponent(m[2])] ?? []) yield v; return; }
      throw new Error(`unexpected ${path}`);
    },
    async post() { throw new Error('no POST in these tests'); },
  };
}

function setup(client: Any) {
  const changed = new EventEmitter<void>();
  const connections: Any = { onDidChange: changed.event, list: () => [CONN], invalid: () => [], get: () => CONN, client: async () => client };
  const inventory = new Inventory(connections);
  const busy = new BusyRegistry();
  const explorer = new ExplorerProvider(connections, inventory, busy);
  return { inventory, busy, explorer };
}

const cluster = normalizeCluster({ id: 7, name: 'prod', status: 'RUNNING', obVersion: '4.2.1.2', tenantCount: 3, zones: [{ name: 'zone1' }, { name: 'zone2' }] });
const clusterNode: ExplorerNode = { kind: 'cluster', connectionId: 'c1', cluster };

describe('topology tree (issue #17)', () => {
  it('expands a cluster to two groups labelled from the cluster list, without a request', async () => {
    const client = fakeClient({});
    const { explorer } = setup(client);
    const kids = await explorer.getChildren(clusterNode);
    // Tenants, Zones, then the cluster's Alerts group (issue #18), last.
    assert.equal(kids[kids.length - 1].kind, 'alarmGroup');
    const groups = kids.filter((k) => k.kind === 'group');
    assert.deepEqual(groups.map((g) => (g as Any).group), ['tenants', 'zones']);
    assert.deepEqual(groups.map((g) => explorer.getTreeItem(g).label), ['Tenants (3)', 'Zones (2)']);
    assert.deepEqual(groups.map((g) => explorer.getTreeItem(g).contextValue), ['tenants-group', 'zones-group']);
    assert.equal(explorer.getTreeItem(groups[1]).accessibilityInformation?.label, 'Zones (2) — prod');
    assert.deepEqual(client.calls, [], 'a request was sent to label the groups');
    assert.equal(explorer.getParent(groups[0]), undefined, 'the cluster node was never drawn, so no parent is known');
  });

  it('loads a cluster\'s zones once however many ask, and their embedded OBServers with no request at all', async () => {
    const client = fakeClient({ 7: [rawZone('zone2', 'STOPPED', 2), rawZone('zone1', 'RUNNING', 3)] });
    const { explorer } = setup(client);
    const [, zonesGroup] = await explorer.getChildren(clusterNode);
    const [a, b] = await Promise.all([explorer.getChildren(zonesGroup), explorer.getChildren(zonesGroup)]);
    assert.equal(client.calls.length, 1, client.calls.join(', '));
    assert.deepEqual(a.map((z) => (z as ZoneNode).zone.name), ['zone1', 'zone2']);
    assert.deepEqual(b.map((z) => (z as ZoneNode).zone.name), ['zone1', 'zone2']);
    const servers = await explorer.getChildren(a[0]);
    assert.equal(servers.length, 3);
    assert.equal(client.calls.length, 1, 'the embedded OBServers were requested again');
    assert.equal((explorer.getParent(servers[0]) as ZoneNode).zone.name, 'zone1', 'an OBServer\'s parent is its zone');
    assert.equal(explorer.getParent(a[0]), zonesGroup, 'a zone\'s parent is the Zones group');
  });

  it('lists a zone\'s OBServers with one request when the zone object embeds none', async () => {
    const listed = rawZone('zone1', 'RUNNING', 2).servers as Record<string, unknown>[];
    const client = fakeClient({ 7: [rawZone('zone1', 'RUNNING', 2, false)] }, { zone1: listed });
    const { explorer } = setup(client);
    const [, zonesGroup] = await explorer.getChildren(clusterNode);
    const [zone] = await explorer.getChildren(zonesGroup);
    const [x, y] = await Promise.all([explorer.getChildren(zone), explorer.getChildren(zone)]);
    assert.deepEqual(client.calls, ['/api/v2/ob/clusters/7/zones', '/api/v2/ob/clusters/7/zones/zone1/servers']);
    assert.equal(x.length, 2);
    assert.equal(y.length, 2);
  });

  it('draws 100 zones x 30 OBServers from one zones request', async () => {
    const zones = Array.from({ length: 100 }, (_, i) => rawZone(`zone${String(i + 1).padStart(3, '0')}`, 'RUNNING', 30));
    const client = fakeClient({ 7: zones });
    const { explorer } = setup(client);
    const [, zonesGroup] = await explorer.getChildren(clusterNode);
    const zoneNodes = await explorer.getChildren(zonesGroup);
    assert.equal(zoneNodes.length, 100);
    assert.equal((zoneNodes[9] as ZoneNode).zone.name, 'zone010', 'zones sorted by name');
    let count = 0;
    for (const z of zoneNodes) for (const v of await explorer.getChildren(z)) { explorer.getTreeItem(v); count++; }
    assert.equal(count, 3000);
    assert.deepEqual(client.calls, ['/api/v2/ob/clusters/7/zones']);
  });

  it('shows a failed zones list as an error node with Retry, and fetches again after a refresh', async () => {
    const client = fakeClient({ 7: [rawZone('zone1', 'RUNNING', 1)] }, {}, /zones$/);
    const { explorer, inventory } = setup(client);
    const [, zonesGroup] = await explorer.getChildren(clusterNode);
    const nodes = await explorer.getChildren(zonesGroup);
    assert.equal(nodes[0].kind, 'message');
    assert.equal((nodes[0] as Any).severity, 'error');
    assert.ok(nodes.some((n) => (n as Any).command?.command === 'ocp.refresh'), 'no Retry node');
    inventory.forgetZones('c1', 7);
    await explorer.getChildren(zonesGroup);
    assert.equal(client.calls.length, 2, 'forgetZones did not fetch again');
  });

  it('gives zones and OBServers their status words, icons and capability tokens', () => {
    const ctx: Any = { busy: new BusyRegistry(), inventory: {} };
    const zone = (status: string): ZoneNode => ({ kind: 'zone', connectionId: 'c1', clusterId: 7, clusterName: 'prod', zone: normalizeTopologyZone(rawZone('zone1', status, 2)) });
    const running = zoneItem(ctx, zone('RUNNING'));
    assert.equal(running.contextValue, 'zone running stoppable restartable');
    assert.equal(running.description, 'Running · HANGZHOU / hz1 · 2 OBServers');
    assert.equal((running.iconPath as Any).id, 'pass-filled');
    assert.equal(zoneItem(ctx, zone('STOPPED')).contextValue, 'zone stopped startable');
    assert.equal((zoneItem(ctx, zone('STOPPED')).iconPath as Any).id, 'circle-slash');
    assert.equal(zoneItem(ctx, zone('SERVICE_STOPPED')).contextValue, 'zone service_stopped startable');
    assert.equal(zoneItem(ctx, zone('STARTING')).contextValue, 'zone starting busy');
    assert.equal(zoneItem(ctx, zone('UNAVAILABLE')).contextValue, 'zone unavailable startable stoppable restartable');
    assert.equal((zoneItem(ctx, zone('UNAVAILABLE')).iconPath as Any).id, 'error');
    assert.match(String(zoneItem(ctx, zone('HIBERNATING')).description), /HIBERNATING \(unknown status\)/);
    assert.equal(zoneItem(ctx, zone('HIBERNATING')).contextValue, 'zone unknown-status startable stoppable restartable');

    const z = zone('RUNNING').zone;
    const server = (i: number, patch: Record<string, unknown> = {}): ServerNode => ({ kind: 'server', connectionId: 'c1', clusterId: 7, clusterName: 'prod', zoneName: 'zone1', server: { ...z.servers[i], ...patch } as Any });
    const rs = serverItem(ctx, server(0));
    assert.equal(rs.label, '10.0.5.1:2882');
    assert.equal(rs.description, 'Running · SQL 2881 · 4.2.1.2 · RootService');
    assert.equal(rs.contextValue, 'observer running rootserver stoppable restartable');
    assert.match((rs.tooltip as Any).value, /RPC port: 2882/);
    assert.match((rs.tooltip as Any).value, /SQL port: 2881/);
    assert.equal(serverItem(ctx, server(1, { status: 'PROCESS_STOPPED' })).contextValue, 'observer process_stopped startable');
    assert.equal(serverItem(ctx, server(1, { id: undefined })).contextValue, 'observer running', 'an OBServer without an id offers no operation');
  });

  it('marks a zone and its OBServers busy while an operation runs on the zone or its cluster', () => {
    const busy = new BusyRegistry();
    const ctx: Any = { busy, inventory: {} };
    const z = normalizeTopologyZone(rawZone('zone1', 'RUNNING', 2));
    const zn: ZoneNode = { kind: 'zone', connectionId: 'c1', clusterId: 7, clusterName: 'prod', zone: z };
    const sn: ServerNode = { kind: 'server', connectionId: 'c1', clusterId: 7, clusterName: 'prod', zoneName: 'zone1', server: z.servers[1] };
    busy.claim(zoneKey('c1', 7, 'zone1'), { label: 'Stopping…', connectionId: 'c1' });
    assert.equal(zoneItem(ctx, zn).description, 'Stopping…');
    assert.match(String(zoneItem(ctx, zn).contextValue), /\boperation-pending\b/);
    assert.equal(serverItem(ctx, sn).description, 'Stopping…', 'the zone\'s operation covers its OBServers');
    busy.release(zoneKey('c1', 7, 'zone1'));
    busy.claim(targetKey('c1', 'cluster', 7), { label: 'Restarting…', connectionId: 'c1' });
    assert.equal(zoneItem(ctx, zn).description, 'Restarting…', 'the cluster\'s operation covers its zones');
    assert.match(String(serverItem(ctx, sn).contextValue), /\boperation-pending\b/);
    busy.release(targetKey('c1', 'cluster', 7));
    busy.claim(serverKey('c1', 7, z.servers[1].id!), { label: 'Starting…', connectionId: 'c1' });
    assert.equal(serverItem(ctx, sn).description, 'Starting…');
    assert.doesNotMatch(String(zoneItem(ctx, zn).contextValue), /operation-pending/, 'an OBServer\'s operation does not cover its zone');
  });

  it('labels a Tenants group without a count when OCP does not report one', () => {
    const c = normalizeCluster({ id: 8, name: 'x', status: 'RUNNING' });
    const item = groupItem({} as Any, { kind: 'group', group: 'tenants', connectionId: 'c1', cluster: c });
    assert.equal(item.label, 'Tenants');
    assert.equal(groupItem({} as Any, { kind: 'group', group: 'zones', connectionId: 'c1', cluster: c }).label, 'Zones (0)');
  });

  it('parses group, zone and OBServer nodes as Explorer targets, and a malformed one as the palette', () => {
    const z = normalizeTopologyZone(rawZone('zone1', 'RUNNING', 1));
    const zn = { kind: 'zone', connectionId: 'c1', clusterId: 7, clusterName: 'prod', zone: z };
    const sn = { kind: 'server', connectionId: 'c1', clusterId: 7, clusterName: 'prod', zoneName: 'zone1', server: z.servers[0] };
    assert.equal(parseTarget(zn).from, 'explorer');
    assert.equal(parseTarget(sn).from, 'explorer');
    assert.equal(parseTarget({ kind: 'group', group: 'zones', connectionId: 'c1', cluster }).from, 'explorer');
    assert.equal(parseTarget({ kind: 'group', group: 'alarms?', connectionId: 'c1', cluster }).from, 'palette');
    assert.equal(parseTarget({ kind: 'zone', connectionId: 'c1', clusterId: 7 }).from, 'palette');
    assert.equal(parseTarget({ kind: 'server', connectionId: 'c1', clusterId: 7, server: { address: 'x' } }).from, 'palette', 'no zoneName');
    const zn2 = { ...zn, zone: { ...z, name: 'zone2' } };
    assert.deepEqual(selectedNodes(parseTarget(zn, [zn, zn2])).map((n) => (n as ZoneNode).zone.name), ['zone1', 'zone2']);
  });
});

describe('zone and OBServer commands refuse an illegal selection before any input', () => {
  const asked: string[] = [];
  const prompter: Any = {
    pick: async () => { asked.push('pick'); throw new Error('asked'); },
    pickMany: async () => { asked.push('pickMany'); throw new Error('asked'); },
    input: async () => { asked.push('input'); throw new Error('asked'); },
    confirm: async () => { asked.push('confirm'); return false; },
  };
  const requests: string[] = [];
  const s: Any = {
    prompter,
    connections: { get: () => CONN, client: async () => { requests.push('client'); throw new Error('no client'); } },
    inventory: { info: () => ({ buildVersion: '4.2.1' }) },
    busy: new BusyRegistry(),
    log: { info() {}, error() {}, debug() {} },
  };
  const zoneNode = (name: string, status: string): ZoneNode => ({ kind: 'zone', connectionId: 'c1', clusterId: 7, clusterName: 'prod', zone: { ...normalizeTopologyZone(rawZone(name, status, 1)) } as TopologyZone });
  beforeEach(() => { asked.length = 0; requests.length = 0; });

  it('refuses Stop Zone on RUNNING + STOPPED zones, naming the stopped one', async () => {
    const a = zoneNode('zone1', 'RUNNING');
    const b = zoneNode('zone2', 'STOPPED');
    await assert.rejects(async () => stopZone.run(s, parseTarget(a, [a, b])), /can be stopped: zone2 \(Stopped\)/);
    assert.deepEqual(asked, []);
    assert.deepEqual(requests, []);
  });

  it('refuses Start Zone on one running zone from its node', async () => {
    const a = zoneNode('zone1', 'RUNNING');
    await assert.rejects(async () => startZone.run(s, parseTarget(a)), /can be started: zone1 \(Running\)/);
    assert.deepEqual(asked, []);
  });

  it('refuses a selection mixing zones and OBServers', async () => {
    const a = zoneNode('zone1', 'RUNNING');
    const v: ServerNode = { kind: 'server', connectionId: 'c1', clusterId: 7, clusterName: 'prod', zoneName: 'zone1', server: a.zone.servers[0] };
    await assert.rejects(async () => stopZone.run(s, parseTarget(a, [a, v])), /zones only/);
    await assert.rejects(async () => stopServer.run(s, parseTarget(v, [a, v])), /OBServers only/);
    assert.deepEqual(asked, []);
  });

  it('refuses Stop OBServer on a stopped OBServer among running ones', async () => {
    const z = normalizeTopologyZone(rawZone('zone1', 'RUNNING', 3));
    const nodes: ServerNode[] = z.servers.map((server, i) => ({ kind: 'server', connectionId: 'c1', clusterId: 7, clusterName: 'prod', zoneName: 'zone1', server: i === 2 ? { ...server, status: 'STOPPED', rawStatus: 'STOPPED' } : server }));
    await assert.rejects(async () => stopServer.run(s, parseTarget(nodes[0], nodes)), new RegExp(`can be stopped: ${z.servers[2].address.replace(/\./g, '\\.')} \\(Stopped\\)`));
    assert.deepEqual(asked, []);
  });
});

describe('zone and OBServer status words (ocp-terms.md §4)', () => {
  const zhBundle = readBundle('zh-cn');
  const zh = { t: (m: string, ...a: Array<string | number | boolean>) => { const s = zhBundle[m]; if (s === undefined) throw new Error(`no translation for "${m}"`); return s.replace(/\{(\d+)\}/g, (_, i) => String(a[Number(i)])); } };
  const en = { t: (m: string, ...a: Array<string | number | boolean>) => m.replace(/\{(\d+)\}/g, (_, i) => String(a[Number(i)])) };
  const CONSOLE_ZH: Record<string, string> = {
    CREATING: '创建中', RUNNING: '运行中', UNAVAILABLE: '不可用', STOPPING: '停止中', STOPPED: '已停止', STARTING: '启动中', RESTARTING: '重启中',
    DELETING: '删除中', DELETED: '已删除', OPERATING: '运维中', SERVICE_STOPPED: '服务已停止', SERVICE_STOPPING: '服务停止中',
    PROCESS_STOPPING: '进程停止中', PROCESS_STOPPED: '进程已停止', REINSTALLING: '重装中',
  };

  it('has an English and the console\'s Chinese word for every zone and OBServer status', () => {
    for (const [list, table] of [[ZONE_STATUSES, 'zoneStatus'], [SERVER_STATUSES, 'serverStatus']] as const) {
      for (const v of list) {
        assert.ok((words(en)[table] as Record<string, string>)[v], `${table} ${v} has no English word`);
        assert.equal((words(zh)[table] as Record<string, string>)[v], CONSOLE_ZH[v], `${table} ${v}`);
      }
    }
    assert.equal(zoneStatusWord(en, { status: 'UNKNOWN', rawStatus: 'HIBERNATING' }), 'HIBERNATING (unknown status)');
    assert.equal(serverStatusWord(zh, { status: 'RUNNING', rawStatus: 'RUNNING' }), '运行中');
  });
  it('a cluster sees an operation on any of its zones or OBServers, and not on another cluster\'s', () => {
    const busy = new BusyRegistry();
    busy.claim(zoneKey('c1', 70, 'zone1'), { label: 'Stopping…', connectionId: 'c1' });
    assert.equal(busy.within(clusterPartPrefixes('c1', 7)), undefined, 'cluster 70 is not cluster 7');
    busy.claim(serverKey('c1', 7, 42), { label: 'Restarting…', connectionId: 'c1' });
    assert.equal(busy.within(clusterPartPrefixes('c1', 7))?.label, 'Restarting…');
    assert.equal(busy.within(clusterPartPrefixes('c2', 7)), undefined, 'another connection');
    busy.dispose();
  });

  it('a removed connection releases its busy markers, and only its own', () => {
    const busy = new BusyRegistry();
    busy.claim(zoneKey('c1', 7, 'zone1'), { label: 'Stopping…', connectionId: 'c1', taskId: 5 });
    busy.claim(targetKey('c1', 'cluster', 7), { label: 'Restarting…', connectionId: 'c1', taskId: 6 });
    busy.claim(targetKey('c2', 'cluster', 7), { label: 'Restarting…', connectionId: 'c2', taskId: 6 });
    const fired: string[] = [];
    busy.onDidChange((k) => fired.push(k));
    assert.deepEqual(busy.releaseConnection('c1').sort(), [targetKey('c1', 'cluster', 7), zoneKey('c1', 7, 'zone1')].sort());
    assert.equal(fired.length, 2, 'each released node is redrawn');
    assert.equal(busy.within(clusterPartPrefixes('c1', 7)), undefined);
    assert.equal(busy.get(targetKey('c2', 'cluster', 7))?.label, 'Restarting…');
    busy.dispose();
  });
});
