// ocp.startZone, ocp.stopZone, ocp.restartZone: POST …/clusters/{id}/zones/{zoneName}/{start|stop|restart}. The
// zone calls take no parameter at all (no `force`: docs/lifecycle.md §4), so nothing is asked but the confirmation,
// which states the impact (stop and restart are destructive). On a multi-selection of zones: one confirmation that
// lists them all, then one POST per zone, each tracked. The zone's OBServers are marked busy with it.
import * as vscode from 'vscode';
import type { ConnectionConfig } from '../connections/config';
import type { Cluster } from '../core/model/cluster';
import { restartImpact, type TopologyZone } from '../core/model/topology';
import { zoneAction } from '../core/ocp/lifecycle';
import { serverKey, targetKey, zoneKey } from '../ids';
import type { OperationSpec } from '../operations/run';
import type { Services } from '../services';
import type { ZoneNode } from '../views/explorerNodes';
import { zoneStatusWord } from '../views/words';
import type { CommandModule } from './run';
import { argsOf, pinConnection, resolveConnection, resolveZone, selectedNodes, type CommandTarget } from './targets';
import { busyLabel, confirmOnce, isLegal, nameList, refuseBusy, requireLifecycle, sendEach, type LifecycleAction } from './topologyLifecycle';

interface ZoneTarget {
  connection: ConnectionConfig;
  cluster: Cluster;
  zone: TopologyZone;
}

function title(a: LifecycleAction): string {
  return a === 'start' ? vscode.l10n.t('Start Zone') : a === 'stop' ? vscode.l10n.t('Stop Zone') : vscode.l10n.t('Restart Zone');
}

function illegalMessage(a: LifecycleAction, zones: { zone: TopologyZone }[]): string {
  const list = zones.map(({ zone }) => `${zone.name} (${zoneStatusWord(vscode.l10n, zone)})`).join(', ');
  return a === 'start' ? vscode.l10n.t('Only a stopped or unavailable zone can be started: {0}.', list)
    : a === 'stop' ? vscode.l10n.t('Only a running or unavailable zone can be stopped: {0}.', list)
      : vscode.l10n.t('Only a running or unavailable zone can be restarted: {0}.', list);
}

/** The targets of a multi-selection, refused before any input when one is not a zone or not legal for the action. */
function selectedZones(s: Services, a: LifecycleAction, nodes: ReturnType<typeof selectedNodes>): ZoneNode[] {
  const others = nodes.filter((n) => n.kind !== 'zone');
  if (others.length) throw new Error(vscode.l10n.t('{0} acts on zones only: select zones alone.', title(a)));
  const zones = nodes as ZoneNode[];
  const illegal = zones.filter((n) => !isLegal(a, n.zone.status));
  if (illegal.length) throw new Error(illegalMessage(a, illegal));
  for (const n of zones) if (!s.connections.get(n.connectionId)) throw new Error(vscode.l10n.t('There is no OCP connection with id "{0}".', n.connectionId));
  return zones;
}

async function resolveTargets(s: Services, t: CommandTarget, a: LifecycleAction): Promise<ZoneTarget[]> {
  const nodes = selectedNodes(t);
  if (nodes.length > 1) {
    const zones = selectedZones(s, a, nodes);
    const out: ZoneTarget[] = [];
    const gated = new Set<string>();
    for (const n of zones) {
      const connection = s.connections.get(n.connectionId)!;
      if (!gated.has(connection.id)) await requireLifecycle(s, connection, 'zoneLifecycle');
      gated.add(connection.id);
      const cluster = (await s.inventory.clustersOf(connection.id)).find((c) => c.id === n.clusterId);
      if (!cluster) throw new Error(vscode.l10n.t('Cluster #{0} is no longer in OCP.', n.clusterId));
      out.push({ connection, cluster, zone: n.zone });
    }
    return out;
  }
  if (t.from === 'explorer' && t.node.kind === 'zone' && !isLegal(a, t.node.zone.status)) throw new Error(illegalMessage(a, [t.node]));
  const connection = await resolveConnection(s, t, title(a));
  await requireLifecycle(s, connection, 'zoneLifecycle');
  const target = await resolveZone(s, t.from === 'explorer' ? t : pinConnection(t, connection.id), title(a), (z) => isLegal(a, z.status));
  if (!isLegal(a, target.zone.status)) throw new Error(illegalMessage(a, [target]));
  return [target];
}

/** Reads the zones again (their status may have changed since the tree drew them) and re-checks each target. */
async function refresh(s: Services, a: LifecycleAction, targets: ZoneTarget[]): Promise<{ targets: ZoneTarget[]; zonesOf: Map<string, TopologyZone[]> }> {
  const zonesOf = new Map<string, TopologyZone[]>();
  for (const x of targets) {
    const k = `${x.connection.id}/${x.cluster.id}`;
    if (zonesOf.has(k)) continue;
    s.inventory.forgetZones(x.connection.id, x.cluster.id);
    zonesOf.set(k, await s.inventory.zonesOf(x.connection.id, x.cluster.id));
  }
  const fresh = targets.map((x) => {
    const zone = zonesOf.get(`${x.connection.id}/${x.cluster.id}`)!.find((z) => z.name === x.zone.name);
    if (!zone) throw new Error(vscode.l10n.t('There is no zone "{0}" in cluster "{1}".', x.zone.name, x.cluster.name));
    return { ...x, zone };
  });
  const illegal = fresh.filter((x) => !isLegal(a, x.zone.status));
  if (illegal.length) throw new Error(illegalMessage(a, illegal));
  return { targets: fresh, zonesOf };
}

function impactLines(a: LifecycleAction, targets: ZoneTarget[], zonesOf: Map<string, TopologyZone[]>): string[] {
  const lines = targets.map((x) => `• ${x.zone.name} (${x.cluster.name}): ${x.zone.serverCount === 1 ? vscode.l10n.t('1 OBServer') : vscode.l10n.t('{0} OBServers', x.zone.serverCount)}`);
  const servers = restartImpact(targets.map((x) => x.zone)).serverCount;
  if (a === 'start') {
    lines.push(vscode.l10n.t('The OBServers of these zones start: {0} OBServer(s).', servers));
    return lines;
  }
  lines.push(a === 'stop'
    ? vscode.l10n.t('Every OBServer of these zones stops serving: {0} OBServer(s). Their replicas are unavailable until the zones are started again.', servers)
    : vscode.l10n.t('Every OBServer of these zones restarts: {0} OBServer(s). Their replicas are unavailable while they restart.', servers));
  // Per cluster: how many of its zones would be down, against the majority its replicas need.
  for (const [k, zones] of zonesOf) {
    const mine = targets.filter((x) => `${x.connection.id}/${x.cluster.id}` === k);
    const cluster = mine[0].cluster;
    const down = new Set([...zones.filter((z) => z.status !== 'RUNNING').map((z) => z.name), ...mine.map((x) => x.zone.name)]);
    if (zones.length && down.size * 2 >= zones.length) {
      lines.push(vscode.l10n.t('Cluster "{0}" would have {1} of its {2} zones down: without a majority of replicas its tenants stop serving.', cluster.name, down.size, zones.length));
    } else if (restartImpact(zones).interruptsService) {
      lines.push(vscode.l10n.t('Cluster "{0}" has fewer than three zones: this interrupts service.', cluster.name));
    }
  }
  return lines;
}

function zoneCommand(a: LifecycleAction, id: string): CommandModule {
  return {
    id,
    async run(s: Services, t: CommandTarget) {
      const resolved = await resolveTargets(s, t, a);
      for (const x of resolved) refuseBusy(s, vscode.l10n.t('zone "{0}"', x.zone.name), [zoneKey(x.connection.id, x.cluster.id, x.zone.name), targetKey(x.connection.id, 'cluster', x.cluster.id)]);
      const { targets, zonesOf } = await refresh(s, a, resolved);
      const one = targets.length === 1 ? targets[0] : undefined;
      const clusters = [...new Set(targets.map((x) => x.cluster.name))];
      const message = one
        ? (a === 'start' ? vscode.l10n.t('Start zone "{0}" of cluster "{1}"?', one.zone.name, one.cluster.name)
          : a === 'stop' ? vscode.l10n.t('Stop zone "{0}" of cluster "{1}"?', one.zone.name, one.cluster.name)
            : vscode.l10n.t('Restart zone "{0}" of cluster "{1}"?', one.zone.name, one.cluster.name))
        : (a === 'start' ? vscode.l10n.t('Start {0} zones: {1}?', targets.length, nameList(targets.map((x) => x.zone.name)))
          : a === 'stop' ? vscode.l10n.t('Stop {0} zones: {1}?', targets.length, nameList(targets.map((x) => x.zone.name)))
            : vscode.l10n.t('Restart {0} zones: {1}?', targets.length, nameList(targets.map((x) => x.zone.name))));
      await confirmOnce(s, argsOf<{ confirm?: boolean }>(t).confirm === true, {
        destructive: a !== 'start', message, lines: impactLines(a, targets, zonesOf), confirmLabel: title(a),
        name: one ? one.zone.name : clusters.join(', '),
      });
      const specs: { name: string; spec: OperationSpec }[] = [];
      for (const x of targets) {
        const servers = await s.inventory.serversOf(x.connection.id, x.cluster.id, x.zone).catch(() => x.zone.servers);
        const label = a === 'start' ? vscode.l10n.t('Start zone "{0}" of "{1}"', x.zone.name, x.cluster.name)
          : a === 'stop' ? vscode.l10n.t('Stop zone "{0}" of "{1}"', x.zone.name, x.cluster.name)
            : vscode.l10n.t('Restart zone "{0}" of "{1}"', x.zone.name, x.cluster.name);
        specs.push({
          name: x.zone.name,
          spec: {
            operation: id,
            connection: x.connection,
            // The zone and its OBServers: no OBServer operation is started underneath a running zone operation.
            targets: [zoneKey(x.connection.id, x.cluster.id, x.zone.name), ...servers.filter((v) => v.id !== undefined).map((v) => serverKey(x.connection.id, x.cluster.id, v.id!))],
            busyLabel: busyLabel(a),
            label,
            send: async (c) => (await zoneAction(c, x.cluster.id, x.zone.name, a)).raw,
          },
        });
      }
      return sendEach(s, title(a), specs);
    },
  };
}

export const startZone = zoneCommand('start', 'ocp.startZone');
export const stopZone = zoneCommand('stop', 'ocp.stopZone');
export const restartZone = zoneCommand('restart', 'ocp.restartZone');
