/*
 * The simulator's live inventory: regions, IDCs, host types, credentials, packages, hosts, clusters, tenants
 * and tasks. Tenants of generated clusters are materialised lazily, on first access to that cluster's tenants,
 * so a 20,000-cluster inventory costs little until someone looks.
 */
import type {
  Cluster, Credential, Host, HostType, Idc, Region, SoftwarePackage, TaskRec, Tenant, TenantRef,
} from './types';

export class IdCounters {
  cluster = 1000001;
  tenant = 2000001;
  task = 3000001;
  subtask = 13000001;
  host = 100001;
  server = 4000001;
  obClusterId = 10;
  resource = 5000001;
}

/** A block of generated clusters whose tenants are built on demand. */
interface LazyBlock {
  tenantBase: number;
  perCluster: number;
  clusterIds: number[];
  build(cluster: Cluster, index: number, firstTenantId: number): Tenant[];
}

export class SimState {
  regions: Region[] = [];
  idcs: Idc[] = [];
  hostTypes: HostType[] = [];
  credentials: Credential[] = [];
  packages: SoftwarePackage[] = [];
  readonly hosts = new Map<number, Host>();
  readonly clusters = new Map<number, Cluster>();
  readonly tasks = new Map<number, TaskRec>();
  readonly ids = new IdCounters();

  private readonly tenantsByCluster = new Map<number, Tenant[]>();
  private readonly tenantById = new Map<number, Tenant>();
  private readonly blocks: LazyBlock[] = [];
  private readonly lazyClusters = new Map<number, { block: LazyBlock; index: number }>();

  /** Tenants of a cluster, in id order (materialises generated ones). */
  tenantsOf(clusterId: number): Tenant[] {
    this.materialise(clusterId);
    return this.tenantsByCluster.get(clusterId) ?? [];
  }

  tenant(id: number): Tenant | undefined {
    const found = this.tenantById.get(id);
    if (found) return found;
    for (const b of this.blocks) {
      const idx = Math.floor((id - b.tenantBase) / b.perCluster);
      if (idx >= 0 && idx < b.clusterIds.length) {
        this.materialise(b.clusterIds[idx]);
        return this.tenantById.get(id);
      }
    }
    return undefined;
  }

  /**
   * Tenants matching `pred` (all when omitted), grouped by cluster (cluster id order, then tenant id). Generated
   * tenants not yet materialised are built just for the scan, so scanning a million of them keeps memory flat.
   */
  scanTenants(pred?: (t: Tenant) => boolean): Tenant[] {
    const out: Tenant[] = [];
    for (const [id, cluster] of this.clusters) {
      const lazy = this.lazyClusters.get(id);
      const list = lazy ? lazy.block.build(cluster, lazy.index, lazy.block.tenantBase + lazy.index * lazy.block.perCluster) : (this.tenantsByCluster.get(id) ?? []);
      for (const t of list) if (!pred || pred(t)) out.push(t);
    }
    return out;
  }

  addTenant(t: Tenant): void {
    this.materialise(t.clusterId);
    const list = this.tenantsByCluster.get(t.clusterId);
    if (list) list.push(t);
    else this.tenantsByCluster.set(t.clusterId, [t]);
    this.tenantById.set(t.id, t);
    const c = this.clusters.get(t.clusterId);
    if (c) c.tenantCount = this.tenantsByCluster.get(t.clusterId)!.length;
  }

  removeCluster(id: number): void {
    for (const t of this.tenantsOf(id)) this.tenantById.delete(t.id);
    this.tenantsByCluster.delete(id);
    this.lazyClusters.delete(id);
    const cluster = this.clusters.get(id);
    this.clusters.delete(id);
    const service = cluster ? clusterServiceName(cluster) : undefined;
    for (const h of this.hosts.values()) {
      if (service !== undefined && hostClusterService(h) === service) releaseHost(h);
    }
  }

  addLazyBlock(clusterIds: number[], tenantBase: number, perCluster: number, build: LazyBlock['build']): void {
    const block: LazyBlock = { tenantBase, perCluster, clusterIds, build };
    this.blocks.push(block);
    clusterIds.forEach((id, index) => this.lazyClusters.set(id, { block, index }));
  }

  clusterByName(name: string): Cluster | undefined {
    for (const c of this.clusters.values()) if (c.name === name) return c;
    return undefined;
  }

  idcByName(name: string): Idc | undefined {
    return this.idcs.find((i) => i.name === name);
  }

  tenantRef(t: Tenant): TenantRef {
    return { id: t.id, name: t.name, clusterId: t.clusterId, clusterName: t.clusterName };
  }

  /** Compact JSON view for GET /__sim/state. */
  snapshot(): unknown {
    return {
      regions: this.regions,
      idcs: this.idcs,
      hostTypes: this.hostTypes,
      credentials: this.credentials,
      packages: this.packages,
      hosts: [...this.hosts.values()],
      clusters: [...this.clusters.values()],
      tenants: [...this.tenantById.values()],
      tasks: [...this.tasks.values()].map((t) => ({
        id: t.id, name: t.name, status: t.status, operation: t.operation, clusterId: t.clusterId, tenantId: t.tenantId,
        subtaskCount: t.subtasks.length,
        subtaskStatuses: countBy(t.subtasks.map((s) => s.status)),
      })),
    };
  }

  private materialise(clusterId: number): void {
    const lazy = this.lazyClusters.get(clusterId);
    if (!lazy) return;
    this.lazyClusters.delete(clusterId);
    const cluster = this.clusters.get(clusterId);
    if (!cluster) return;
    const first = lazy.block.tenantBase + lazy.index * lazy.block.perCluster;
    const tenants = lazy.block.build(cluster, lazy.index, first);
    this.tenantsByCluster.set(clusterId, tenants);
    for (const t of tenants) this.tenantById.set(t.id, t);
  }
}

/** The OB_CLUSTER service name OCP lists for a cluster's hosts: `<clusterName>:<obClusterId>` (query-hosts.md sample). */
export function clusterServiceName(cluster: { name: string; obClusterId: number }): string {
  return `${cluster.name}:${cluster.obClusterId}`;
}

/** True when an OBServer runs on the host (an OB_CLUSTER service is listed). */
export function hostInUse(h: Host): boolean {
  return h.services.some((s) => s.type === 'OB_CLUSTER');
}

/** Name of the cluster service on the host, if any. */
export function hostClusterService(h: Host): string | undefined {
  return h.services.find((s) => s.type === 'OB_CLUSTER')?.name;
}

export function useHost(h: Host, cluster: { name: string; obClusterId: number; obVersion: string }, updateTime: string): void {
  h.services = [...h.services.filter((s) => s.type !== 'OB_CLUSTER'), { name: clusterServiceName(cluster), version: cluster.obVersion, type: 'OB_CLUSTER', softwarePackageId: null }];
  h.updateTime = updateTime;
}

export function releaseHost(h: Host): void {
  h.services = h.services.filter((s) => s.type !== 'OB_CLUSTER');
}

function countBy(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}
