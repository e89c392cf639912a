/*
 * Generated zone / OBServer inventory for the lifecycle work (issue #17): a cluster with `zones` x `serversPerZone`
 * OBServers (e.g. 100 x 30), zones spread over the IDCs, servers without host records. Scenario field `topology`
 * adds one such cluster per entry; tests may also call addTopologyCluster on a running simulator's state.
 */
import { isoTime } from './format';
import { buildCluster, OB_PACKAGES, setClusterStatus, type ZoneSpec } from './inventory';
import type { SimState } from './state';
import type { Cluster } from './types';

export interface TopologySpec {
  /** default `topo_{zones}x{serversPerZone}` */
  name?: string;
  zones: number;
  serversPerZone: number;
  /** default RUNNING */
  status?: 'RUNNING' | 'STOPPED';
  /** OceanBase version, one of the simulator's packages (default the first) */
  obVersion?: string;
  /** zone names whose zone and OBServers are STOPPED in a RUNNING cluster */
  stoppedZones?: string[];
}

export function addTopologyCluster(state: SimState, spec: TopologySpec): Cluster {
  const zoneCount = Math.max(1, Math.floor(spec.zones));
  const per = Math.max(1, Math.floor(spec.serversPerZone));
  const pkg = OB_PACKAGES.find((p) => p.version === spec.obVersion) ?? OB_PACKAGES[0];
  // second octet 200-249 (the default inventory uses 10.0.x.y, generated clusters 10.100.x.y)
  const octet = 200 + (state.ids.cluster % 50);
  const width = String(zoneCount).length;
  const zones: ZoneSpec[] = [];
  for (let z = 0; z < zoneCount; z++) {
    const servers: { ip: string }[] = [];
    for (let i = 0; i < per; i++) {
      const n = z * per + i + 1;
      servers.push({ ip: `10.${octet}.${(n >> 8) & 255}.${n & 255}` });
    }
    zones.push({ name: `zone${String(z + 1).padStart(width, '0')}`, idc: state.idcs[z % state.idcs.length], servers });
  }
  const created = isoTime(Date.UTC(2024, 0, 20, 2, 0, 0));
  const cluster = buildCluster(state, {
    name: spec.name ?? `topo_${zoneCount}x${per}`, version: pkg.version, build: pkg.build, type: 'PRIMARY',
    status: spec.status ?? 'RUNNING', zones, createTime: created,
  });
  if (spec.status === 'STOPPED') setClusterStatus(cluster, 'STOPPED', created);
  for (const name of spec.stoppedZones ?? []) {
    const zone = cluster.zones.find((z) => z.name === name);
    if (!zone) continue;
    zone.status = 'STOPPED';
    zone.innerStatus = 'INACTIVE';
    for (const s of zone.servers) {
      s.status = 'STOPPED';
      s.stopTime = created;
    }
  }
  return cluster;
}
