// The inventory: per connection, its clusters, each cluster's tenants, zones (with their embedded OBServers, or a
// zone's OBServers listed on their own when the zone object has none), its active alerts (one request per cluster
// list load) and the OCP info, as last loaded from OCP. Views, commands, the Tasks view and the task host read it;
// no view is a data store. Loads are shared
// (one request per list however many ask), every load has an AbortSignal (aborted by a manual reload,
// dispose, or the connection's removal), and every change fires onDidChange.
import * as vscode from 'vscode';
import type { ConnectionManager } from '../connections/manager';
import { alarmsByCluster, countAlarms, type Alarm, type AlarmCounts, type ClusterAlarms } from '../core/model/alarm';
import { normalizeCluster, type Cluster } from '../core/model/cluster';
import { CLUSTER_CODEC } from '../core/model/clusterCodec';
import { normalizeTenant, type Tenant } from '../core/model/tenant';
import { ProgressiveList } from '../core/model/progressive';
import type { TopologyServer, TopologyZone } from '../core/model/topology';
import { listServers, listZones } from '../core/ocp/lifecycle';
import { listActiveAlarms } from '../core/ocp/daytoday';
import type { OcpInfo, Truncation } from '../core/ocp/types';

/** A list as loaded: items, or the error of the last attempt; `loading` while a request runs. */
export interface Loaded<T> {
  items?: T[];
  error?: unknown;
  loading?: Promise<void>;
  /** Epoch ms of the end of the last load (success or error). */
  loadedAt?: number;
  /** Set when OCP's list did not end within the client's bounds (core/ocp/client.ts): the items are the first ones. */
  truncated?: Truncation;
  /** While a first load runs with its first pages shown: how many items are in and OCP's total, if it said. */
  progress?: { count: number; total?: number };
}

/** Pages of one list asked for at once after the first (the client's bound is 4). */
const LIST_PARALLEL = 3;

export type InventoryChange =
  | { connectionId: string; what: 'clusters' }
  | { connectionId: string; what: 'alarms' }
  | { connectionId: string; what: 'tenants'; clusterId: number }
  | { connectionId: string; what: 'zones'; clusterId: number }
  | { connectionId: string; what: 'servers'; clusterId: number; zoneName: string }
  | { connectionId: undefined; what: 'all' };

interface Entry<T> extends Loaded<T> {
  abort?: AbortController;
  startedAt: number;
  /** Settles when the first items are shown (first page of a first load) or the load ends. */
  firstItems?: Promise<void>;
}

/**
 * A connection's active alerts as last loaded (one GET for the whole connection: listActiveAlarms). `complete` is
 * false when OCP has more than one page (200) of them: `total` says how many, the counts are lower bounds.
 */
export interface LoadedAlarms extends Loaded<Alarm> {
  total?: number;
  complete?: boolean;
}

interface AlarmEntry extends LoadedAlarms {
  abort?: AbortController;
  /** alarmsByCluster of `items` over the cluster list `forClusters` (recomputed when either changes). */
  split?: { forClusters: Cluster[]; items: Alarm[]; result: ReturnType<typeof alarmsByCluster> };
}

interface ConnectionInventory {
  clusters?: Entry<Cluster>;
  tenants: Map<number, Entry<Tenant>>;
  /** Zones per cluster id (one GET …/zones each). */
  zones: Map<number, Entry<TopologyZone>>;
  /** OBServers of one zone, for zones whose object embeds none: key `${clusterId}/${zoneName}`. */
  servers: Map<string, Entry<TopologyServer>>;
  info?: OcpInfo | Error;
  /** Loaded with each cluster list (same reload and abort rules): at most one alert request per load. */
  alarms?: AlarmEntry;
}

const serversKey = (clusterId: number, zoneName: string) => `${clusterId}/${zoneName}`;

export class Inventory implements vscode.Disposable {
  private readonly byConnection = new Map<string, ConnectionInventory>();
  /**
   * Per connection, how many clusters and how many tenants of each cluster the lists had when they last loaded
   * whole: the next load of the same list, after a refresh too, passes it as `expectedItems`, so a list of several
   * pages has its next pages asked for right after page 1. Kept across forget; dropped with the connection.
   */
  private readonly listCounts = new Map<string, { clusters?: number; tenants: Map<number, number> }>();
  private readonly changed = new vscode.EventEmitter<InventoryChange>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private disposed = false;

  constructor(private readonly connections: ConnectionManager, private readonly now: () => number = Date.now) {
    this.disposables.push(connections.onDidChange(() => this.dropRemoved()));
  }

  dispose(): void {
    this.disposed = true;
    for (const id of [...this.byConnection.keys()]) this.drop(id);
    for (const d of this.disposables) d.dispose();
  }

  // ---- reading ----

  /** Clusters of a connection as last loaded (undefined if never loaded or the load failed). */
  loadedClusters(connectionId: string): Cluster[] | undefined {
    return this.byConnection.get(connectionId)?.clusters?.items;
  }

  /** The connection's cluster list entry, as it stands. */
  clusterState(connectionId: string): Loaded<Cluster> | undefined {
    return this.byConnection.get(connectionId)?.clusters;
  }

  /** Connections whose clusters were loaded at least once (the auto-refresh reloads these). */
  loadedConnections(): string[] {
    return [...this.byConnection.entries()].filter(([, c]) => c.clusters && !c.clusters.loading).map(([id]) => id);
  }

  clusterName(connectionId: string, clusterId: number): string | undefined {
    return this.loadedClusters(connectionId)?.find((c) => c.id === clusterId)?.name;
  }

  info(connectionId: string): OcpInfo | undefined {
    const i = this.byConnection.get(connectionId)?.info;
    return i instanceof Error ? undefined : i;
  }

  // ---- alerts ----

  /** The connection's active alerts as they stand (undefined before the first cluster list load). */
  alarmState(connectionId: string): LoadedAlarms | undefined {
    return this.byConnection.get(connectionId)?.alarms;
  }

  /**
   * The alerts of one cluster (matched by name, alarm.ts alarmsByCluster) with their counts; undefined while the
   * alerts or the cluster list are not loaded (or failed): unknown, never zero.
   */
  clusterAlarms(connectionId: string, clusterId: number): ClusterAlarms | undefined {
    return this.alarmSplit(connectionId)?.clusters.get(clusterId);
  }

  /** The counts by level of all the connection's active alerts (hosts and OCP's own included); undefined when unknown. */
  connectionAlarmCounts(connectionId: string): AlarmCounts | undefined {
    const a = this.byConnection.get(connectionId)?.alarms;
    return a?.items ? countAlarms(a.items) : undefined;
  }

  /** The alerts not about any cluster of the list (hosts, OCP itself, a cluster not listed); undefined when unknown. */
  otherAlarms(connectionId: string): Alarm[] | undefined {
    return this.alarmSplit(connectionId)?.other;
  }

  /** The alerts entry, loaded once (shared with the cluster list's load; later calls share it until a reload). */
  async ensureAlarms(connectionId: string): Promise<LoadedAlarms> {
    for (;;) {
      const c = this.conn(connectionId);
      if (!c.alarms) c.alarms = this.startAlarms(connectionId);
      const e = c.alarms;
      if (e.loading) await e.loading;
      if (!e.abort?.signal.aborted || this.disposed) return e;
    }
  }

  private alarmSplit(connectionId: string): ReturnType<typeof alarmsByCluster> | undefined {
    const c = this.byConnection.get(connectionId);
    const a = c?.alarms;
    const clusters = c?.clusters?.items;
    if (!a?.items || !clusters) return undefined;
    if (!a.split || a.split.forClusters !== clusters || a.split.items !== a.items) {
      a.split = { forClusters: clusters, items: a.items, result: alarmsByCluster(a.items, clusters) };
    }
    return a.split.result;
  }

  /** The clusters, loading them when not loaded yet. */
  async clustersOf(connectionId: string): Promise<Cluster[]> {
    const e = await this.ensureClusters(connectionId);
    if (e.error) throw e.error;
    return e.items ?? [];
  }

  async tenantsOf(connectionId: string, clusterId: number): Promise<Tenant[]> {
    const e = await this.ensureTenants(connectionId, clusterId);
    if (e.error) throw e.error;
    return e.items ?? [];
  }

  /** The cluster list entry, loaded once (later calls share it until a reload). */
  async ensureClusters(connectionId: string): Promise<Loaded<Cluster>> {
    return this.settled(() => this.clusterEntry(connectionId), false);
  }

  /**
   * Like ensureClusters, but returns as soon as the first page of a first load is in (then `loading` and
   * `progress` are set and a change event follows each update): the tree shows the first clusters at once.
   */
  async clustersSoon(connectionId: string): Promise<Loaded<Cluster>> {
    return this.settled(() => this.clusterEntry(connectionId), true);
  }

  /** ensureTenants that returns at the first page (see clustersSoon). */
  async tenantsSoon(connectionId: string, clusterId: number): Promise<Loaded<Tenant>> {
    return this.settled(() => this.tenantEntry(connectionId, clusterId), true);
  }

  async ensureTenants(connectionId: string, clusterId: number): Promise<Loaded<Tenant>> {
    return this.settled(() => this.tenantEntry(connectionId, clusterId), false);
  }

  /** The entry `current()` gives once its load ended (or, `soon`, showed its first page); a load aborted by a reload or a forget: what replaced it. */
  private async settled<T>(current: () => Entry<T>, soon: boolean): Promise<Loaded<T>> {
    for (;;) {
      const e = current();
      if (e.loading) await (soon ? Promise.race([e.loading, e.firstItems]) : e.loading);
      if (!e.abort?.signal.aborted || this.disposed) return e;
    }
  }

  private clusterEntry(connectionId: string): Entry<Cluster> {
    const c = this.conn(connectionId);
    if (!c.clusters) c.clusters = this.startClusters(connectionId, {});
    return c.clusters;
  }

  private tenantEntry(connectionId: string, clusterId: number): Entry<Tenant> {
    return this.entryOf(connectionId, (c) => c.tenants, clusterId, () => this.startTenants(connectionId, clusterId));
  }

  /** A cluster's zones as last loaded (undefined when never loaded or the load failed). */
  loadedZones(connectionId: string, clusterId: number): TopologyZone[] | undefined {
    return this.byConnection.get(connectionId)?.zones.get(clusterId)?.items;
  }

  async zonesOf(connectionId: string, clusterId: number): Promise<TopologyZone[]> {
    const e = await this.ensureZones(connectionId, clusterId);
    if (e.error) throw e.error;
    return e.items ?? [];
  }

  /** A cluster's zones, loaded once: one request however many ask, until a reload. */
  async ensureZones(connectionId: string, clusterId: number): Promise<Loaded<TopologyZone>> {
    return this.ensure(connectionId, (c) => c.zones, clusterId, () => this.startZones(connectionId, clusterId));
  }

  /**
   * The OBServers of a zone: the ones its zone object embeds (no request), else one GET …/zones/{name}/servers,
   * shared by every reader until a reload.
   */
  async serversOf(connectionId: string, clusterId: number, zone: TopologyZone): Promise<TopologyServer[]> {
    const e = await this.ensureServers(connectionId, clusterId, zone);
    if (e.error) throw e.error;
    return e.items ?? [];
  }

  async ensureServers(connectionId: string, clusterId: number, zone: TopologyZone): Promise<Loaded<TopologyServer>> {
    if (zone.servers.length) return { items: zone.servers };
    return this.ensure(connectionId, (c) => c.servers, serversKey(clusterId, zone.name), () => this.startServers(connectionId, clusterId, zone.name));
  }

  // ---- reloading ----

  /** Forget everything (or one connection) now: the next read fetches again. In-flight loads are aborted. */
  forget(connectionId?: string): void {
    if (connectionId === undefined) {
      for (const id of [...this.byConnection.keys()]) this.drop(id);
      this.changed.fire({ connectionId: undefined, what: 'all' });
      return;
    }
    this.drop(connectionId);
    this.changed.fire({ connectionId, what: 'clusters' });
  }

  /**
   * Fetches a connection's clusters again and swaps them in (readers keep the old list meanwhile); the
   * tenants are forgotten. A load already running is aborted: a reload is always a fresh fetch.
   */
  async reloadClusters(connectionId: string): Promise<void> {
    if (this.disposed) return;
    const c = this.conn(connectionId);
    const previous = c.clusters;
    previous?.abort?.abort();
    const fresh = this.startClusters(connectionId, { keep: previous, reload: true });
    // Readers see the previous items until the new ones arrive.
    c.clusters = fresh;
    await fresh.loading;
  }

  /** Forgets a cluster's tenants; the next read fetches them. */
  forgetTenants(connectionId: string, clusterId: number): void {
    const c = this.byConnection.get(connectionId);
    const e = c?.tenants.get(clusterId);
    if (!c || !e) return;
    e.abort?.abort();
    c.tenants.delete(clusterId);
    this.changed.fire({ connectionId, what: 'tenants', clusterId });
  }

  /** Forgets a cluster's zones and their OBServer lists; the next read fetches them. */
  forgetZones(connectionId: string, clusterId: number): void {
    const c = this.byConnection.get(connectionId);
    if (!c) return;
    const e = c.zones.get(clusterId);
    e?.abort?.abort();
    c.zones.delete(clusterId);
    for (const [k, s] of [...c.servers]) {
      if (!k.startsWith(`${clusterId}/`)) continue;
      s.abort?.abort();
      c.servers.delete(k);
    }
    if (e) this.changed.fire({ connectionId, what: 'zones', clusterId });
  }

  // ---- internals ----

  /** The shared "load once, re-read what replaced an aborted load" loop of every per-cluster list. */
  private ensure<K, T>(connectionId: string, map: (c: ConnectionInventory) => Map<K, Entry<T>>, key: K, start: () => Entry<T>): Promise<Loaded<T>> {
    return this.settled(() => this.entryOf(connectionId, map, key, start), false);
  }

  /** The entry under `key`, started when there is none. */
  private entryOf<K, T>(connectionId: string, map: (c: ConnectionInventory) => Map<K, Entry<T>>, key: K, start: () => Entry<T>): Entry<T> {
    const m = map(this.conn(connectionId));
    let e = m.get(key);
    if (!e) {
      e = start();
      m.set(key, e);
    }
    return e;
  }

  private conn(connectionId: string): ConnectionInventory {
    let c = this.byConnection.get(connectionId);
    if (!c) {
      c = { tenants: new Map(), zones: new Map(), servers: new Map() };
      this.byConnection.set(connectionId, c);
    }
    return c;
  }

  private counts(connectionId: string): { clusters?: number; tenants: Map<number, number> } {
    let c = this.listCounts.get(connectionId);
    if (!c) this.listCounts.set(connectionId, c = { tenants: new Map() });
    return c;
  }

  private drop(connectionId: string): void {
    const c = this.byConnection.get(connectionId);
    if (!c) return;
    c.clusters?.abort?.abort();
    c.alarms?.abort?.abort();
    for (const t of c.tenants.values()) t.abort?.abort();
    for (const z of c.zones.values()) z.abort?.abort();
    for (const v of c.servers.values()) v.abort?.abort();
    this.byConnection.delete(connectionId);
  }

  private dropRemoved(): void {
    const known = new Set(this.connections.list().map((c) => c.id));
    for (const id of [...this.listCounts.keys()]) if (!known.has(id)) this.listCounts.delete(id);
    for (const id of [...this.byConnection.keys()]) {
      if (!known.has(id)) {
        this.drop(id);
        this.changed.fire({ connectionId: id, what: 'clusters' });
      }
    }
  }

  /**
   * One load of an entry, the same for every list: `work` fills it (and returns early once aborted); a failure is
   * kept in `error` and `failed` clears what the entry held; an aborted load records nothing. Whatever happened the
   * entry stops loading, `loadedAt` is set and `settle` runs. False when the load was aborted: its caller then
   * does nothing more.
   */
  private async loadInto(e: Loaded<unknown>, signal: AbortSignal, work: () => Promise<void>, failed?: () => void, settle?: () => void): Promise<boolean> {
    try {
      await work();
    } catch (err) {
      if (!signal.aborted) {
        e.error = err;
        failed?.();
      }
    } finally {
      e.loading = undefined;
      e.loadedAt = this.now();
      settle?.();
    }
    return !signal.aborted;
  }

  private startClusters(connectionId: string, opts: { keep?: Loaded<Cluster>; reload?: boolean }): Entry<Cluster> {
    const abort = new AbortController();
    const e: Entry<Cluster> = { abort, items: opts.keep?.items, error: opts.keep?.error, startedAt: this.now() };
    const progressive = new ProgressiveList(normalizeCluster, e, !opts.keep?.items, this.now, () => {
      if (this.byConnection.get(connectionId)?.clusters === e) this.changed.fire({ connectionId, what: 'clusters' });
    });
    e.firstItems = progressive.first;
    // The alerts are loaded with every cluster list: one request per connection per load. A reload replaces (and
    // aborts) the running one; a first load shares one already started since the connection was last forgotten.
    const conn = this.conn(connectionId);
    if (opts.reload || !conn.alarms) {
      conn.alarms?.abort?.abort();
      conn.alarms = this.startAlarms(connectionId, conn.alarms);
    }
    e.loading = (async () => {
      if (!await this.loadInto(e, abort.signal, async () => {
        const client = await this.connections.client(connectionId);
        const c = this.byConnection.get(connectionId);
        const needInfo = !c?.info;
        const [raw, info] = await Promise.all([
          client.listClusters({}, { signal: abort.signal, parallel: LIST_PARALLEL, expectedItems: this.listCounts.get(connectionId)?.clusters, map: progressive.map, codec: CLUSTER_CODEC, onProgress: progressive.onProgress }),
          needInfo ? client.info(abort.signal).catch((err: unknown) => (err instanceof Error ? err : new Error(String(err)))) : Promise.resolve(undefined),
        ]);
        if (abort.signal.aborted) return;
        if (info && c) c.info = info;
        e.items = progressive.finish(raw);
        e.truncated = raw.truncated;
        e.error = undefined;
        this.counts(connectionId).clusters = raw.length;
      }, () => { e.items = undefined; e.progress = undefined; }, () => progressive.done())) return;
      const c = this.byConnection.get(connectionId);
      if (!c || c.clusters !== e) return;
      // Tenant lists loaded before this cluster list belong to the one it replaced; those asked for since
      // are as fresh as it is and kept.
      for (const [id, t] of [...c.tenants]) {
        if (t.startedAt >= e.startedAt) continue;
        t.abort?.abort();
        c.tenants.delete(id);
      }
      // The same for zones and OBServers: after an operation (runOperation reloads the clusters) or a task's end,
      // an expanded Zones group reads them again.
      for (const m of [c.zones, c.servers] as Map<unknown, Entry<unknown>>[]) {
        for (const [k, z] of [...m]) {
          if (z.startedAt >= e.startedAt) continue;
          z.abort?.abort();
          m.delete(k);
        }
      }
      this.changed.fire({ connectionId, what: 'clusters' });
    })();
    return e;
  }

  private startTenants(connectionId: string, clusterId: number): Entry<Tenant> {
    const abort = new AbortController();
    const e: Entry<Tenant> = { abort, startedAt: this.now() };
    let shownEarly = false;
    const fire = () => {
      if (this.byConnection.get(connectionId)?.tenants.get(clusterId) === e) this.changed.fire({ connectionId, what: 'tenants', clusterId });
    };
    const progressive = new ProgressiveList(normalizeTenant, e, true, this.now, () => { shownEarly = true; fire(); });
    e.firstItems = progressive.first;
    e.loading = (async () => {
      if (!await this.loadInto(e, abort.signal, async () => {
        const client = await this.connections.client(connectionId);
        const raw = await client.listTenants(clusterId, {}, { signal: abort.signal, parallel: LIST_PARALLEL, expectedItems: this.listCounts.get(connectionId)?.tenants.get(clusterId), map: progressive.map, onProgress: progressive.onProgress });
        if (abort.signal.aborted) return;
        e.items = progressive.finish(raw);
        e.truncated = raw.truncated;
        this.counts(connectionId).tenants.set(clusterId, raw.length);
      }, () => { e.items = undefined; e.progress = undefined; }, () => progressive.done())) return;
      // Readers that saw the first pages are told the list is whole; the others were waiting for it.
      if (shownEarly) fire();
    })();
    return e;
  }

  private startZones(connectionId: string, clusterId: number): Entry<TopologyZone> {
    return this.startList(async (signal) => {
      const client = await this.connections.client(connectionId);
      const zones = await listZones(client, clusterId, signal);
      return zones.sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
    });
  }

  private startServers(connectionId: string, clusterId: number, zoneName: string): Entry<TopologyServer> {
    return this.startList(async (signal) => {
      const client = await this.connections.client(connectionId);
      return listServers(client, clusterId, { zoneName, signal });
    });
  }

  private startList<T>(load: (signal: AbortSignal) => Promise<T[]>): Entry<T> {
    const abort = new AbortController();
    const e: Entry<T> = { abort, startedAt: this.now() };
    e.loading = this.loadInto(e, abort.signal, async () => {
      const items = await load(abort.signal);
      if (abort.signal.aborted) return;
      e.items = items;
    }).then(() => undefined);
    return e;
  }

  /** One GET of the connection's active alerts; readers keep the previous ones until it ends. */
  private startAlarms(connectionId: string, keep?: LoadedAlarms): AlarmEntry {
    const abort = new AbortController();
    const e: AlarmEntry = { abort, items: keep?.items, total: keep?.total, complete: keep?.complete, error: keep?.error };
    e.loading = (async () => {
      if (!await this.loadInto(e, abort.signal, async () => {
        const client = await this.connections.client(connectionId);
        const r = await listActiveAlarms(client, abort.signal);
        if (abort.signal.aborted) return;
        e.items = r.alarms;
        e.total = r.total;
        e.complete = r.complete;
        e.error = undefined;
      }, () => { e.items = undefined; e.total = undefined; e.complete = undefined; })) return;
      if (this.byConnection.get(connectionId)?.alarms !== e) return;
      this.changed.fire({ connectionId, what: 'alarms' });
    })();
    return e;
  }
}
