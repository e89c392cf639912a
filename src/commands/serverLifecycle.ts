// ocp.startServer, ocp.stopServer, ocp.restartServer: POST …/clusters/{id}/servers/{serverId}/{start|stop|restart}.
// Start takes no parameter. Stop and restart ask the documented `force` option (default off) and, on OCP 4.3, the
// `freezeServer` one (a minor compaction first, default off; sent as false when not chosen, since the 4.3 pages mark
// it required); a script gives them as { force: true, freezeServer: true }. `force` is sent only when chosen. Then a
// destructive confirmation stating the impact, and one POST per OBServer (one confirmation for a multi-selection).
import * as vscode from 'vscode';
import type { ConnectionConfig } from '../connections/config';
import type { Cluster } from '../core/model/cluster';
import type { OcpVersion } from '../core/model/version';
import type { TopologyServer, TopologyZone } from '../core/model/topology';
import { serverAction, type ServerActionOptions } from '../core/ocp/lifecycle';
import { UserCancelled } from '../errors';
import { serverKey, targetKey, zoneKey } from '../ids';
import type { OperationSpec } from '../operations/run';
import type { Services } from '../services';
import type { ServerNode } from '../views/explorerNodes';
import { serverStatusWord } from '../views/words';
import { BACK } from '../wizards/prompter';
import type { CommandModule } from './run';
import { argsOf, isScript, pinConnection, resolveConnection, resolveServer, selectedNodes, type CommandTarget } from './targets';
import { busyLabel, confirmOnce, hasFeature, isLegal, nameList, refuseBusy, requireLifecycle, sendEach, type LifecycleAction } from './topologyLifecycle';

interface ServerTarget {
  connection: ConnectionConfig;
  cluster: Cluster;
  zoneName: string;
  server: TopologyServer & { id: number };
}

export interface ServerCommandArgs {
  connectionId?: string;
  clusterId?: number;
  serverId?: number;
  /** Stop / restart: "forcibly" (documented `force`, default false). */
  force?: boolean;
  /** Stop / restart on OCP 4.3: run a minor compaction first (documented `freezeServer`, default false). */
  freezeServer?: boolean;
  /** Skips the confirmation (scripts). */
  confirm?: boolean;
}

function title(a: LifecycleAction): string {
  return a === 'start' ? vscode.l10n.t('Start OBServer') : a === 'stop' ? vscode.l10n.t('Stop OBServer') : vscode.l10n.t('Restart OBServer');
}

function illegalMessage(a: LifecycleAction, servers: { server: TopologyServer }[]): string {
  const list = servers.map(({ server }) => `${server.address} (${serverStatusWord(vscode.l10n, server)})`).join(', ');
  return a === 'start' ? vscode.l10n.t('Only a stopped or unavailable OBServer can be started: {0}.', list)
    : a === 'stop' ? vscode.l10n.t('Only a running or unavailable OBServer can be stopped: {0}.', list)
      : vscode.l10n.t('Only a running or unavailable OBServer can be restarted: {0}.', list);
}

function withId(a: LifecycleAction, server: TopologyServer): TopologyServer & { id: number } {
  if (server.id === undefined) throw new Error(vscode.l10n.t('OCP sent OBServer {0} without an id: nothing can be done on it.', server.address));
  if (!isLegal(a, server.status)) throw new Error(illegalMessage(a, [{ server }]));
  return server as TopologyServer & { id: number };
}

async function resolveTargets(s: Services, t: CommandTarget, a: LifecycleAction): Promise<{ targets: ServerTarget[]; version: OcpVersion }> {
  const nodes = selectedNodes(t);
  if (nodes.length > 1) {
    if (nodes.some((n) => n.kind !== 'server')) throw new Error(vscode.l10n.t('{0} acts on OBServers only: select OBServers alone.', title(a)));
    const servers = nodes as ServerNode[];
    const illegal = servers.filter((n) => n.server.id === undefined || !isLegal(a, n.server.status));
    if (illegal.length) throw new Error(illegalMessage(a, illegal));
    const connIds = [...new Set(servers.map((n) => n.connectionId))];
    if (connIds.length > 1) throw new Error(vscode.l10n.t('{0} acts on the OBServers of one OCP connection at a time.', title(a)));
    const connection = s.connections.get(connIds[0]);
    if (!connection) throw new Error(vscode.l10n.t('There is no OCP connection with id "{0}".', connIds[0]));
    const version = await requireLifecycle(s, connection, 'serverLifecycle');
    const clusters = await s.inventory.clustersOf(connection.id);
    const targets = servers.map((n) => {
      const cluster = clusters.find((c) => c.id === n.clusterId);
      if (!cluster) throw new Error(vscode.l10n.t('Cluster #{0} is no longer in OCP.', n.clusterId));
      return { connection, cluster, zoneName: n.zoneName, server: withId(a, n.server) };
    });
    return { targets, version };
  }
  if (t.from === 'explorer' && t.node.kind === 'server') withId(a, t.node.server);
  const connection = await resolveConnection(s, t, title(a));
  const version = await requireLifecycle(s, connection, 'serverLifecycle');
  const r = await resolveServer(s, t.from === 'explorer' ? t : pinConnection(t, connection.id), title(a), (v) => isLegal(a, v.status));
  return { targets: [{ connection, cluster: r.cluster, zoneName: r.zone.name, server: withId(a, r.server) }], version };
}

/** Reads the OBServers again (their status may have changed since the tree drew them) and re-checks each target. */
async function refresh(s: Services, a: LifecycleAction, targets: ServerTarget[]): Promise<ServerTarget[]> {
  const servers = new Map<number, { zone: TopologyZone; list: TopologyServer[] }[]>();
  for (const x of targets) {
    if (servers.has(x.cluster.id)) continue;
    s.inventory.forgetZones(x.connection.id, x.cluster.id);
    const zones = await s.inventory.zonesOf(x.connection.id, x.cluster.id);
    const lists: { zone: TopologyZone; list: TopologyServer[] }[] = [];
    for (const zone of zones) if (targets.some((y) => y.cluster.id === x.cluster.id && y.zoneName === zone.name)) lists.push({ zone, list: await s.inventory.serversOf(x.connection.id, x.cluster.id, zone) });
    servers.set(x.cluster.id, lists);
  }
  const fresh = targets.map((x) => {
    const found = servers.get(x.cluster.id)!.flatMap((l) => l.list).find((v) => v.id === x.server.id);
    if (!found) throw new Error(vscode.l10n.t('There is no OBServer with id {0} in cluster "{1}".', x.server.id, x.cluster.name));
    return { ...x, server: { ...found, id: x.server.id } };
  });
  const illegal = fresh.filter((x) => !isLegal(a, x.server.status));
  if (illegal.length) throw new Error(illegalMessage(a, illegal));
  return fresh;
}

/** The options of stop / restart: asked (a checkbox-style pick, nothing chosen by default) or a script's. */
async function askOptions(s: Services, t: CommandTarget, a: LifecycleAction, connection: ConnectionConfig, version: OcpVersion): Promise<Pick<ServerActionOptions, 'force' | 'freezeServer'>> {
  if (a === 'start') return {};
  // Sent explicitly on an OCP whose pages mark it required (4.3), never to an older one.
  const freezeKnown = version.known && hasFeature(version, 'serverFreeze');
  const given = argsOf<ServerCommandArgs>(t);
  if (isScript(t)) {
    if (given.force !== undefined && typeof given.force !== 'boolean') throw new Error(vscode.l10n.t('"force" must be true or false.'));
    if (given.freezeServer !== undefined && typeof given.freezeServer !== 'boolean') throw new Error(vscode.l10n.t('"freezeServer" must be true or false.'));
    if (given.freezeServer === true) await requireLifecycle(s, connection, 'serverFreeze');
    return {
      ...(given.force === true ? { force: true } : {}),
      ...(freezeKnown ? { freezeServer: given.freezeServer === true } : given.freezeServer === true ? { freezeServer: true } : {}),
    };
  }
  const items: { label: string; description?: string; value: 'force' | 'freeze' }[] = [
    {
      label: a === 'stop' ? vscode.l10n.t('Stop the OBServer forcibly') : vscode.l10n.t('Restart forcibly'),
      description: vscode.l10n.t('skips OCP\'s graceful preparation'),
      value: 'force',
    },
  ];
  if (freezeKnown) items.push({ label: vscode.l10n.t('Run a minor compaction first'), description: 'freezeServer', value: 'freeze' });
  const picked = await s.prompter.pickMany({
    title: title(a),
    placeholder: vscode.l10n.t('Options (none chosen: a normal {0})', a === 'stop' ? vscode.l10n.t('stop') : vscode.l10n.t('restart')),
    items,
    allowEmpty: true,
  });
  if (picked === BACK) throw new UserCancelled();
  return {
    ...(picked.includes('force') ? { force: true } : {}),
    ...(freezeKnown ? { freezeServer: picked.includes('freeze') } : {}),
  };
}

function impactLines(a: LifecycleAction, targets: ServerTarget[], options: Pick<ServerActionOptions, 'force' | 'freezeServer'>): string[] {
  const lines = targets.map((x) => `• ${x.server.address} (${x.zoneName}, ${x.cluster.name})${x.server.withRootserver ? ` — ${vscode.l10n.t('RootService')}` : ''}`);
  if (a === 'start') return lines;
  lines.push(a === 'stop'
    ? vscode.l10n.t('These OBServers stop serving: their replicas are unavailable until they are started again.')
    : vscode.l10n.t('These OBServers restart: their replicas are unavailable while they restart.'));
  const rs = targets.filter((x) => x.server.withRootserver);
  if (rs.length) lines.push(vscode.l10n.t('{0} hosts a RootService replica.', rs.map((x) => x.server.address).join(', ')));
  const zones = new Set(targets.map((x) => `${x.cluster.id}/${x.zoneName}`));
  if (zones.size > 1) lines.push(vscode.l10n.t('The selection spans {0} zones: replicas in several zones are down at the same time.', zones.size));
  lines.push(options.force ? vscode.l10n.t('Forcibly: OCP skips its graceful preparation.') : vscode.l10n.t('Not forcibly: OCP prepares the OBServer first.'));
  if (options.freezeServer) lines.push(vscode.l10n.t('A minor compaction runs first.'));
  return lines;
}

function serverCommand(a: LifecycleAction, id: string): CommandModule {
  return {
    id,
    async run(s: Services, t: CommandTarget) {
      const resolved = await resolveTargets(s, t, a);
      for (const x of resolved.targets) {
        refuseBusy(s, vscode.l10n.t('OBServer {0}', x.server.address), [serverKey(x.connection.id, x.cluster.id, x.server.id), zoneKey(x.connection.id, x.cluster.id, x.zoneName), targetKey(x.connection.id, 'cluster', x.cluster.id)]);
      }
      const options = await askOptions(s, t, a, resolved.targets[0].connection, resolved.version);
      const targets = await refresh(s, a, resolved.targets);
      const one = targets.length === 1 ? targets[0] : undefined;
      const names = targets.map((x) => x.server.address);
      const message = one
        ? (a === 'start' ? vscode.l10n.t('Start OBServer {0} of cluster "{1}"?', one.server.address, one.cluster.name)
          : a === 'stop' ? vscode.l10n.t('Stop OBServer {0} of cluster "{1}"?', one.server.address, one.cluster.name)
            : vscode.l10n.t('Restart OBServer {0} of cluster "{1}"?', one.server.address, one.cluster.name))
        : (a === 'start' ? vscode.l10n.t('Start {0} OBServers: {1}?', targets.length, nameList(names))
          : a === 'stop' ? vscode.l10n.t('Stop {0} OBServers: {1}?', targets.length, nameList(names))
            : vscode.l10n.t('Restart {0} OBServers: {1}?', targets.length, nameList(names)));
      await confirmOnce(s, argsOf<ServerCommandArgs>(t).confirm === true, {
        destructive: a !== 'start', message, lines: impactLines(a, targets, options), confirmLabel: title(a),
        name: one ? one.server.address : [...new Set(targets.map((x) => x.cluster.name))].join(', '),
      });
      const specs: { name: string; spec: OperationSpec }[] = targets.map((x) => ({
        name: x.server.address,
        spec: {
          operation: id,
          connection: x.connection,
          targets: [serverKey(x.connection.id, x.cluster.id, x.server.id)],
          busyLabel: busyLabel(a),
          label: a === 'start' ? vscode.l10n.t('Start OBServer {0} of "{1}"', x.server.address, x.cluster.name)
            : a === 'stop' ? vscode.l10n.t('Stop OBServer {0} of "{1}"', x.server.address, x.cluster.name)
              : vscode.l10n.t('Restart OBServer {0} of "{1}"', x.server.address, x.cluster.name),
          send: async (c) => (await serverAction(c, x.cluster.id, x.server.id, a, options)).raw,
        },
      }));
      return sendEach(s, title(a), specs);
    },
  };
}

export const startServer = serverCommand('start', 'ocp.startServer');
export const stopServer = serverCommand('stop', 'ocp.stopServer');
export const restartServer = serverCommand('restart', 'ocp.restartServer');
