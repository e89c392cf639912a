// The cluster list's page codec: clusters normalised in a worker thread (src/core/ocp/pageWorker.ts) and handed
// back packed (packing.ts). Every field of Cluster, Zone, Server and ClusterRef is written and read in the same
// order; test/unit/model/clusterCodec.test.ts checks that a round trip gives normalizeCluster's objects exactly.

import type { PackedItems, PageCodec } from '../ocp/types';
import { normalizeCluster, type Cluster, type ClusterRef, type Server, type Zone } from './cluster';
import { Packer, Unpacker } from './packing';

// A link is written with its shape: 0 none, 1 { id }, 2 { name } (a bare number or string in OCP's JSON), 3 all three.
function packRef(w: Packer, r: ClusterRef | undefined): void {
  if (r === undefined) return w.count(0);
  const keys = Object.keys(r);
  if (keys.length === 1 && keys[0] === 'id') {
    w.count(1);
    return w.n(r.id);
  }
  if (keys.length === 1 && keys[0] === 'name') {
    w.count(2);
    return w.s(r.name);
  }
  w.count(3);
  w.n(r.id);
  w.s(r.name);
  w.n(r.obClusterId);
}

function unpackRef(r: Unpacker): ClusterRef | undefined {
  switch (r.count()) {
    case 0: return undefined;
    case 1: return { id: r.n() };
    case 2: return { name: r.s() };
    default: return { id: r.n(), name: r.s(), obClusterId: r.n() };
  }
}

/** Packer slots of the string fields whose value often repeats from one cluster to the next. */
const enum S { serverVersion, serverStatus, serverZone, zoneName, idc, region, zoneStatus, version, fullVersion, type, status, sync, creator, reason }

function packServer(w: Packer, v: Server): void {
  w.n(v.id); w.u(v.ip); w.n(v.port); w.n(v.sqlPort); w.s(v.version, S.serverVersion); w.s(v.status, S.serverStatus); w.s(v.zoneName, S.serverZone); w.n(v.hostId); w.b(v.withRootserver);
}

function unpackServer(r: Unpacker): Server {
  return { id: r.n(), ip: r.s(), port: r.n(), sqlPort: r.n(), version: r.s(), status: r.s0(), zoneName: r.s(), hostId: r.n(), withRootserver: r.b() };
}

function packZone(w: Packer, z: Zone): void {
  w.s(z.name, S.zoneName); w.s(z.idcName, S.idc); w.s(z.regionName, S.region); w.n(z.clusterId); w.n(z.obClusterId); w.s(z.status, S.zoneStatus); w.n(z.serverCount); w.n(z.hostCount);
  w.count(z.servers.length);
  for (const v of z.servers) packServer(w, v);
}

function unpackZone(r: Unpacker): Zone {
  const name = r.s0(), idcName = r.s(), regionName = r.s(), clusterId = r.n(), obClusterId = r.n(), status = r.s(), serverCount = r.n() ?? 0, hostCount = r.n();
  const servers: Server[] = new Array(r.count());
  for (let i = 0; i < servers.length; i++) servers[i] = unpackServer(r);
  return { name, idcName, regionName, clusterId, obClusterId, status, serverCount, hostCount, servers };
}

function packCluster(w: Packer, c: Cluster): void {
  w.n(c.id); w.u(c.name); w.n(c.obClusterId); w.s(c.obVersion, S.version); w.s(c.fullVersion, S.fullVersion); w.s(c.type, S.type); w.s(c.rawType, S.type); w.s(c.status, S.status); w.s(c.rawStatus, S.status);
  w.count(c.zones.length);
  for (const z of c.zones) packZone(w, z);
  w.count(c.zoneNames.length);
  for (const n of c.zoneNames) w.s(n, S.zoneName);
  w.n(c.zoneCount); w.n(c.serverCount); w.n(c.tenantCount); w.n(c.regionCount);
  packRef(w, c.primaryCluster);
  w.count(c.standbyClusters.length);
  for (const s of c.standbyClusters) packRef(w, s);
  w.s(c.syncStatus, S.sync); w.n(c.delayTime); w.n(c.createTime); w.n(c.updateTime); w.s(c.creator, S.creator); w.s(c.failToQueryFromObReason, S.reason);
}

function unpackCluster(r: Unpacker): Cluster {
  const id = r.n() ?? -1, name = r.s0(), obClusterId = r.n(), obVersion = r.s(), fullVersion = r.s();
  const type = r.s() as Cluster['type'], rawType = r.s(), status = r.s0() as Cluster['status'], rawStatus = r.s0();
  const zones: Zone[] = new Array(r.count());
  for (let i = 0; i < zones.length; i++) zones[i] = unpackZone(r);
  const zoneNames: string[] = new Array(r.count());
  for (let i = 0; i < zoneNames.length; i++) zoneNames[i] = r.s0();
  const zoneCount = r.n() ?? 0, serverCount = r.n(), tenantCount = r.n(), regionCount = r.n();
  const primaryCluster = unpackRef(r);
  const standbyClusters: ClusterRef[] = new Array(r.count());
  for (let i = 0; i < standbyClusters.length; i++) standbyClusters[i] = unpackRef(r) ?? {};
  return {
    id, name, obClusterId, obVersion, fullVersion, type, rawType, status, rawStatus, zones, zoneNames, zoneCount, serverCount, tenantCount, regionCount,
    primaryCluster, standbyClusters, syncStatus: r.s(), delayTime: r.n(), createTime: r.n(), updateTime: r.n(), creator: r.s(), failToQueryFromObReason: r.s(),
  };
}

/** Clusters (GET /api/v2/ob/clusters) normalised off the extension's thread. */
export const CLUSTER_CODEC: PageCodec<Cluster> = {
  name: 'clusters',
  normalize: normalizeCluster,
  pack(items: readonly Cluster[]): PackedItems {
    const w = new Packer();
    w.count(items.length);
    for (const c of items) packCluster(w, c);
    return w.finish();
  },
  unpack(p: PackedItems): Cluster[] {
    const r = new Unpacker(p);
    const out: Cluster[] = new Array(r.count());
    for (let i = 0; i < out.length; i++) out[i] = unpackCluster(r);
    return out;
  },
};
