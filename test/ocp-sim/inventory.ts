/*
 * Builders of inventory objects and the deterministic default inventory:
 *   regions cn-hangzhou, cn-shanghai; IDCs hz1, hz2 (hangzhou), sh1 (shanghai); host types 1-2; SSH credentials 1-2;
 *   OB server packages 4.2.1.2 / 4.2.5.0 / 4.3.3.0 + one OBProxy package;
 *   hosts 100001-100013 (10.0.x.y, nothing is contacted), 100010-100013 free;
 *   clusters 1000001 obcluster_prod (PRIMARY, RUNNING, 3 zones), 1000002 obcluster_dr (its STANDBY, RUNNING, 3 zones),
 *            1000003 obcluster_test (STOPPED, 2 zones), 1000004 obcluster_dev (RUNNING, 1 zone);
 *   tenants (2000001+): a sys tenant per cluster; prod: order_mysql (MYSQL) and billing_oracle (ORACLE), each with a
 *   standby in dr (order_mysql_dr, billing_oracle_dr), and analytics (MYSQL, no standby); test: legacy_app; dev: dev_mysql, dev_oracle.
 */
import { isoTime } from './format';
import { SimState, useHost } from './state';
import type { Cluster, Host, Idc, ObServer, Tenant, Zone } from './types';

export const INVENTORY_EPOCH = Date.UTC(2024, 0, 15, 2, 0, 0);
const day = 86_400_000;
const at = (days: number): string => isoTime(INVENTORY_EPOCH + days * day);

export const OB_PACKAGES = [
  { version: '4.2.1.2', build: '102000042023120514' },
  { version: '4.2.5.0', build: '100000052024102022' },
  { version: '4.3.3.0', build: '100000142024101215' },
];

export function obRpmName(version: string, build: string): string {
  return `oceanbase-${version}-${build}.el7.x86_64.rpm`;
}

/** Regions, IDCs, host types, credentials and packages: present in every inventory. */
export function loadCatalog(state: SimState): void {
  state.regions = [
    { id: 1, name: 'cn-hangzhou', description: 'Hangzhou', createTime: at(0), updateTime: at(0) },
    { id: 2, name: 'cn-shanghai', description: 'Shanghai', createTime: at(0), updateTime: at(0) },
  ];
  state.idcs = [
    { id: 1, name: 'hz1', description: 'Hangzhou IDC 1', regionId: 1, regionName: 'cn-hangzhou', createTime: at(0), updateTime: at(0) },
    { id: 2, name: 'hz2', description: 'Hangzhou IDC 2', regionId: 1, regionName: 'cn-hangzhou', createTime: at(0), updateTime: at(0) },
    { id: 3, name: 'sh1', description: 'Shanghai IDC 1', regionId: 2, regionName: 'cn-shanghai', createTime: at(0), updateTime: at(0) },
  ];
  state.hostTypes = [
    { id: 1, name: 'standard-16c64g', description: '16 cores, 64 GB', createTime: at(0), updateTime: at(0) },
    { id: 2, name: 'large-32c128g', description: '32 cores, 128 GB', createTime: at(0), updateTime: at(0) },
  ];
  state.credentials = [
    { id: 1, name: 'root-ssh-password', targetType: 'HOST', description: 'root password', sshCredentialProperty: { type: 'PASSWORD', username: 'root' }, createTime: at(0), updateTime: at(0) },
    { id: 2, name: 'admin-ssh-key', targetType: 'HOST', description: 'admin private key', sshCredentialProperty: { type: 'PRIVATE_KEY', username: 'admin' }, createTime: at(1), updateTime: at(1) },
  ];
  const pkg = (id: number, fileName: string, type: string, version: string, buildNumber: string, days: number) => ({
    id, name: fileName.replace(/\.rpm$/, ''), fileName, extension: 'rpm', size: 150_000_000 + id * 7_654_321,
    sha1: fakeSha1(fileName), downloadUrl: `/api/v2/software-packages/${id}/download`, type, version, buildNumber,
    operatingSystem: 'el7', architecture: 'x86_64', deletable: true, createTime: at(days),
  });
  state.packages = [
    ...OB_PACKAGES.map((p, i) => pkg(i + 1, obRpmName(p.version, p.build), 'OB_SERVER_INSTALL_PACKAGE', p.version, p.build, i)),
    pkg(4, 'obproxy-ce-4.2.3.0-3.el7.x86_64.rpm', 'OBPROXY_INSTALL_PACKAGE', '4.2.3.0', '3', 2),
  ];
}

function fakeSha1(s: string): string {
  let h = 2166136261;
  let out = '';
  for (let round = 0; round < 5; round++) {
    for (const ch of s + round) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out;
}

export function buildHost(state: SimState, spec: { name: string; ip: string; idc: Idc; typeId?: number; createTime: string }): Host {
  const type = state.hostTypes.find((t) => t.id === (spec.typeId ?? 1)) ?? state.hostTypes[0];
  const region = state.regions.find((r) => r.id === spec.idc.regionId);
  const host: Host = {
    id: state.ids.host++, name: spec.name, alias: null, description: null, operatingSystem: '3.10.0-1160.el7.x86_64', operatingSystemRelease: 'el7',
    architecture: 'x86_64', serialNumber: null, innerIpAddress: spec.ip, sshPort: 22, kind: 'DEDICATED_PHYSICAL_MACHINE', publishPorts: null,
    services: [{ name: 'ocp_agent', version: '4.2.1-20240110', type: 'OCP_AGENT', softwarePackageId: null }], status: 'ONLINE',
    idcId: spec.idc.id, idcName: spec.idc.name, idcDescription: spec.idc.description || null,
    typeId: type?.id ?? 0, typeName: type?.name ?? '', typeDescription: type?.description || null,
    regionId: spec.idc.regionId, regionName: spec.idc.regionName, regionDescription: region?.description || null,
    hostAgentId: 6000000 + state.ids.host, hostAgentVersion: '4.2.1-20240110', hostAgentStatus: 'AVAILABLE',
    createTime: spec.createTime, updateTime: spec.createTime,
  };
  state.hosts.set(host.id, host);
  return host;
}

export interface ZoneSpec { name: string; idc: Idc; servers: { ip: string; host?: Host }[] }

export interface ClusterSpec {
  name: string; version: string; build: string; type: 'PRIMARY' | 'STANDBY'; status: string; zones: ZoneSpec[];
  createTime: string; obClusterId?: number; creator?: string;
}

const SERVER_STATUS: Record<string, string> = { RUNNING: 'RUNNING', STOPPED: 'STOPPED' };

export function buildCluster(state: SimState, spec: ClusterSpec): Cluster {
  const id = state.ids.cluster++;
  const obClusterId = spec.obClusterId ?? state.ids.obClusterId++;
  const serverStatus = SERVER_STATUS[spec.status] ?? spec.status;
  const zones: Zone[] = spec.zones.map((z) => {
    const servers: ObServer[] = z.servers.map((s, i) => ({
      id: state.ids.server++, ip: s.ip, port: 2882, sqlPort: 2881, version: spec.version, withRootserver: i === 0, status: serverStatus,
      clusterId: id, zoneName: z.name, regionName: z.idc.regionName, idcName: z.idc.name, hostId: s.host?.id ?? null,
      hostTypeName: s.host?.typeName ?? 'standard-16c64g', startTime: spec.createTime, stopTime: spec.status === 'STOPPED' ? spec.createTime : null,
    }));
    return {
      name: z.name, idcName: z.idc.name, idcId: z.idc.id, regionName: z.idc.regionName, clusterId: id, obClusterId,
      serverCount: servers.length, hostCount: servers.length, status: serverStatus, innerStatus: spec.status === 'RUNNING' ? 'ACTIVE' : 'INACTIVE',
      operateStatus: 'NORMAL', servers,
    };
  });
  const cluster: Cluster = {
    id, name: spec.name, obClusterId, obVersion: spec.version, fullVersion: `${spec.version}-${spec.build}`, type: spec.type,
    status: spec.status, regionCount: new Set(spec.zones.map((z) => z.idc.regionId)).size, tenantCount: 0,
    partitionCount: 0, serverCount: zones.reduce((n, z) => n + z.servers.length, 0),
    rootServers: zones.filter((z) => z.servers.length).map((z, i) => ({ address: `${z.servers[0].ip}:2882`, role: i === 0 ? 'LEADER' : 'FOLLOWER', sql_port: 2881 })),
    zones, primaryCluster: null, standbyClusters: [], delayTime: null, syncStatus: null,
    createTime: spec.createTime, updateTime: spec.createTime, creator: spec.creator ?? 'admin', failToQueryFromObReason: null,
  };
  state.clusters.set(id, cluster);
  for (const z of spec.zones) for (const s of z.servers) if (s.host) useHost(s.host, cluster, spec.createTime);
  return cluster;
}

/** Sets the cluster status and mirrors it onto zones and servers. */
export function setClusterStatus(cluster: Cluster, status: string, nowIso: string): void {
  cluster.status = status;
  cluster.updateTime = nowIso;
  const serverStatus = SERVER_STATUS[status] ?? status;
  for (const z of cluster.zones) {
    z.status = serverStatus;
    z.innerStatus = status === 'RUNNING' ? 'ACTIVE' : 'INACTIVE';
    for (const s of z.servers) {
      s.status = serverStatus;
      if (status === 'STOPPED') s.stopTime = nowIso;
      if (status === 'RUNNING') {
        s.stopTime = null;
        s.startTime = nowIso;
      }
    }
  }
}

export interface TenantSpec { name: string; mode: 'MYSQL' | 'ORACLE'; obTenantId: number; role?: 'PRIMARY' | 'STANDBY'; createTime: string; id?: number }

type ZoneStrings = Pick<Tenant, 'primaryZone' | 'zoneList' | 'locality'>;

function zoneStrings(cluster: Cluster): ZoneStrings {
  const zoneNames = cluster.zones.map((z) => z.name);
  return {
    primaryZone: zoneNames.length > 1 ? `${zoneNames[0]};${zoneNames.slice(1).join(',')}` : zoneNames[0] ?? 'RANDOM',
    zoneList: zoneNames.join(';'),
    locality: zoneNames.map((z) => `FULL{1}@${z}`).join(', '),
  };
}

export function makeTenant(cluster: Cluster, id: number, spec: TenantSpec, zones: ZoneStrings = zoneStrings(cluster)): Tenant {
  return {
    id, name: spec.name, clusterId: cluster.id, clusterName: cluster.name, obClusterId: cluster.obClusterId, clusterType: cluster.type,
    mode: spec.mode, createTime: spec.createTime,
    primaryZone: zones.primaryZone, zoneList: zones.zoneList, locality: zones.locality,
    status: 'NORMAL', locked: false, readonly: false, obVersion: cluster.obVersion,
    description: spec.name === 'sys' ? 'system tenant' : '', obTenantId: spec.obTenantId,
    tenantRole: spec.role ?? 'PRIMARY', primaryTenant: null, standbyTenants: [],
  };
}

export function addTenant(state: SimState, cluster: Cluster, spec: TenantSpec): Tenant {
  const t = makeTenant(cluster, spec.id ?? state.ids.tenant++, spec);
  state.addTenant(t);
  cluster.partitionCount = cluster.tenantCount * 1000 + 17;
  return t;
}

export function linkStandby(state: SimState, primary: Tenant, standby: Tenant): void {
  standby.tenantRole = 'STANDBY';
  standby.primaryTenant = state.tenantRef(primary);
  primary.standbyTenants.push(state.tenantRef(standby));
}

/** Tenant detail (GET .../tenants/{id}): the list item plus zones, resource pools and units. */
export function tenantDetail(state: SimState, t: Tenant): Record<string, unknown> {
  const cluster = state.clusters.get(t.clusterId);
  const oracle = t.mode === 'ORACLE';
  const cpu = t.name === 'sys' ? 1 : 4;
  const mem = (t.name === 'sys' ? 4 : 16) * 1024 ** 3;
  return {
    ...t,
    clusterStatus: cluster?.status ?? 'UNKNOWN',
    charset: oracle ? 'AL32UTF8' : 'utf8mb4',
    collation: oracle ? 'BINARY' : 'utf8mb4_general_ci',
    whitelist: '%',
    sqlAuditEnabled: true,
    zones: (cluster?.zones ?? []).map((z, zi) => {
      const poolId = t.id * 10 + zi;
      return {
        name: z.name, replicaType: 'FULL',
        resourcePool: { id: poolId, name: `pool_${t.name}_${z.name}`, unitCount: 1,
          unitConfig: { maxCpuCoreCount: cpu, minCpuCoreCount: cpu, maxMemorySize: mem, minMemorySize: mem } },
        units: z.servers.slice(0, 1).map((s) => ({ id: poolId * 10, resourcePoolId: poolId, serverId: s.id, serverIp: s.ip, serverPort: s.port, zoneName: z.name, status: 'NORMAL' })),
      };
    }),
  };
}

export function loadDefaultInventory(state: SimState): void {
  const [hz1, hz2, sh1] = state.idcs;
  const host = (name: string, ip: string, idc: Idc, typeId = 1) => buildHost(state, { name, ip, idc, typeId, createTime: at(2) });
  const prodHosts = [host('ob-prod-1', '10.0.1.11', hz1), host('ob-prod-2', '10.0.1.12', hz2), host('ob-prod-3', '10.0.1.13', sh1)];
  const drHosts = [host('ob-dr-1', '10.0.2.11', hz1), host('ob-dr-2', '10.0.2.12', hz2), host('ob-dr-3', '10.0.2.13', sh1)];
  const testHosts = [host('ob-test-1', '10.0.3.11', hz1), host('ob-test-2', '10.0.3.12', hz2)];
  const devHost = host('ob-dev-1', '10.0.4.11', hz1);
  host('spare-1', '10.0.5.11', hz1);
  host('spare-2', '10.0.5.12', hz2);
  host('spare-3', '10.0.5.13', sh1);
  host('spare-4', '10.0.5.14', hz1, 2);

  const zonesOf = (hosts: Host[]) => hosts.map((h, i) => ({ name: `zone${i + 1}`, idc: state.idcs.find((x) => x.id === h.idcId)!, servers: [{ ip: h.innerIpAddress, host: h }] }));
  const [v421, v425, v433] = OB_PACKAGES;
  const prod = buildCluster(state, { name: 'obcluster_prod', version: v421.version, build: v421.build, type: 'PRIMARY', status: 'RUNNING', zones: zonesOf(prodHosts), createTime: at(3), obClusterId: 1 });
  const dr = buildCluster(state, { name: 'obcluster_dr', version: v421.version, build: v421.build, type: 'STANDBY', status: 'RUNNING', zones: zonesOf(drHosts), createTime: at(4), obClusterId: 2 });
  const test = buildCluster(state, { name: 'obcluster_test', version: v425.version, build: v425.build, type: 'PRIMARY', status: 'STOPPED', zones: zonesOf(testHosts), createTime: at(5), obClusterId: 3 });
  const dev = buildCluster(state, { name: 'obcluster_dev', version: v433.version, build: v433.build, type: 'PRIMARY', status: 'RUNNING', zones: zonesOf([devHost]), createTime: at(6), obClusterId: 4 });
  prod.standbyClusters = [{ id: dr.id, name: dr.name, obClusterId: dr.obClusterId }];
  dr.primaryCluster = { id: prod.id, name: prod.name, obClusterId: prod.obClusterId };
  dr.syncStatus = 'SYNCHRONIZING';
  dr.delayTime = 0;

  const tenant = (c: Cluster, name: string, mode: 'MYSQL' | 'ORACLE', obTenantId: number, days: number) =>
    addTenant(state, c, { name, mode, obTenantId, createTime: at(days) });
  tenant(prod, 'sys', 'MYSQL', 1, 3);
  const order = tenant(prod, 'order_mysql', 'MYSQL', 1002, 7);
  const billing = tenant(prod, 'billing_oracle', 'ORACLE', 1004, 8);
  tenant(prod, 'analytics', 'MYSQL', 1006, 9);
  tenant(dr, 'sys', 'MYSQL', 1, 4);
  linkStandby(state, order, tenant(dr, 'order_mysql_dr', 'MYSQL', 1002, 10));
  linkStandby(state, billing, tenant(dr, 'billing_oracle_dr', 'ORACLE', 1004, 11));
  tenant(test, 'sys', 'MYSQL', 1, 5);
  tenant(test, 'legacy_app', 'MYSQL', 1002, 12);
  tenant(dev, 'sys', 'MYSQL', 1, 6);
  tenant(dev, 'dev_mysql', 'MYSQL', 1002, 13);
  tenant(dev, 'dev_oracle', 'ORACLE', 1004, 14);
}

/**
 * Adds `count` generated clusters (gen_cluster_00001...; every 10th STOPPED; 1-3 zones; servers without host
 * records) with `tenantsPerCluster` tenants each (sys + tenant_001...), built lazily.
 */
export function generateClusters(state: SimState, count: number, tenantsPerCluster: number): void {
  const idcs = state.idcs;
  if (!idcs.length) return;
  const perCluster = Math.max(1, Math.floor(tenantsPerCluster));
  const ids: number[] = [];
  const created = at(20);
  const pad = String(count).length < 5 ? 5 : String(count).length;
  for (let i = 0; i < count; i++) {
    const p = OB_PACKAGES[i % OB_PACKAGES.length];
    const zoneCount = 1 + (i % 3);
    const zones: ZoneSpec[] = [];
    for (let z = 0; z < zoneCount; z++) {
      const n = i * 3 + z;
      zones.push({ name: `zone${z + 1}`, idc: idcs[z % idcs.length], servers: [{ ip: `10.${100 + (n >> 16)}.${(n >> 8) & 255}.${n & 255}` }] });
    }
    const c = buildCluster(state, {
      name: `gen_cluster_${String(i + 1).padStart(pad, '0')}`, version: p.version, build: p.build, type: 'PRIMARY',
      status: i % 10 === 9 ? 'STOPPED' : 'RUNNING', zones, createTime: created, obClusterId: 100000 + i,
    });
    c.tenantCount = perCluster;
    c.partitionCount = perCluster * 1000 + 17;
    ids.push(c.id);
  }
  const tenantBase = state.ids.tenant;
  state.ids.tenant += count * perCluster;
  state.addLazyBlock(ids, tenantBase, perCluster, (cluster, _index, firstId) => {
    const list: Tenant[] = [];
    const zones = zoneStrings(cluster);
    for (let j = 0; j < perCluster; j++) {
      const name = j === 0 ? 'sys' : `tenant_${String(j).padStart(3, '0')}`;
      list.push(makeTenant(cluster, firstId + j, { name, mode: j % 4 === 3 ? 'ORACLE' : 'MYSQL', obTenantId: j === 0 ? 1 : 1000 + 2 * j, createTime: created }, zones));
    }
    return list;
  });
}
