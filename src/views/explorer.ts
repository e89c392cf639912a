// The Explorer view: OCP connections → clusters → "Tenants (n)" → tenants, "Zones (n)" → zones → OBServers, and
// each cluster's "Alerts (n)" group (last), rendered from the inventory (src/inventory),
// filtered, with busy markers and error nodes that keep the rest of the tree working. It fetches nothing
// itself: reading a level asks the inventory, a refresh tells the inventory what to load again.
import * as vscode from 'vscode';
import type { ConnectionManager } from '../connections/manager';
import type { Cluster } from '../core/model/cluster';
import { errorNodes } from '../errors';
import { connectionKey, targetKey, tenantsKey, zoneKey, zonesKey } from '../ids';
import type { Truncation } from '../core/ocp/types';
import type { Inventory } from '../inventory/store';
import type { BusyRegistry } from './busy';
import { alarmGroupItem, alarmItem, connectionItem, clusterItem, groupItem, serverItem, tenantItem, zoneItem } from './explorerItems';
import { nodeConnectionId, nodeId, nodeKey, type AlarmGroupNode, type ExplorerNode, type MessageNode } from './explorerNodes';
import { busyIcon, errorIcon, infoIcon, warningIcon } from './icons';

export interface ExplorerFilter {
  text?: string;
  statuses?: string[];
}

export class ExplorerProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Nodes drawn, by target key (ids.ts): a busy marker or an inventory change redraws its node. */
  private readonly nodes = new Map<string, ExplorerNode>();
  private filter: ExplorerFilter = {};
  private view?: vscode.TreeView<ExplorerNode>;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly connections: ConnectionManager,
    private readonly inventory: Inventory,
    private readonly busy: BusyRegistry,
  ) {
    this.disposables.push(
      this.changed,
      connections.onDidChange(() => this.changed.fire(undefined)),
      busy.onDidChange((key) => this.changed.fire(this.nodes.get(key))),
      inventory.onDidChange((e) => {
        if (e.what === 'all') this.changed.fire(undefined);
        else if (e.what === 'clusters') this.changed.fire(this.nodes.get(connectionKey(e.connectionId)));
        else if (e.what === 'tenants') this.changed.fire(this.nodes.get(tenantsKey(e.connectionId, e.clusterId)) ?? this.nodes.get(targetKey(e.connectionId, 'cluster', e.clusterId)));
        else if (e.what === 'zones') this.changed.fire(this.nodes.get(zonesKey(e.connectionId, e.clusterId)) ?? this.nodes.get(targetKey(e.connectionId, 'cluster', e.clusterId)));
        // The alerts of a connection: its description, its clusters' descriptions and their Alerts groups.
        else if (e.what === 'alarms') this.changed.fire(this.nodes.get(connectionKey(e.connectionId)));
        else this.changed.fire(this.nodes.get(zoneKey(e.connectionId, e.clusterId, e.zoneName)));
      }),
    );
  }

  attach(view: vscode.TreeView<ExplorerNode>): void {
    this.view = view;
    this.updateFilterIndicator();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  // --- filter -------------------------------------------------------------------------------------
  getFilter(): ExplorerFilter {
    return { ...this.filter };
  }

  setFilter(f: ExplorerFilter): void {
    this.filter = { text: f.text?.trim() || undefined, statuses: f.statuses?.length ? f.statuses : undefined };
    this.updateFilterIndicator();
    this.changed.fire(undefined);
  }

  private updateFilterIndicator(): void {
    const active = !!(this.filter.text || this.filter.statuses);
    void vscode.commands.executeCommand('setContext', 'ocp.explorer.filtered', active);
    if (this.view) {
      const parts = [this.filter.text ? `"${this.filter.text}"` : '', this.filter.statuses?.join(', ') ?? ''].filter(Boolean);
      this.view.description = active ? vscode.l10n.t('Filter: {0}', parts.join(' · ')) : undefined;
    }
  }

  private matches(c: Cluster): boolean {
    if (this.filter.statuses && !this.filter.statuses.includes(c.status === 'UNKNOWN' ? c.rawStatus : c.status)) return false;
    if (this.filter.text && !c.name.toLowerCase().includes(this.filter.text.toLowerCase())) return false;
    return true;
  }

  // --- refresh: tells the inventory what to load again (never debounced, always fetched) --------------
  /** Forget everything and redraw. */
  refreshAll(): void {
    this.inventory.forget();
  }

  /** Reload one node: a connection's clusters, or a cluster's tenants or zones (with the cluster list). */
  refreshNode(node: ExplorerNode): void {
    if (node.kind === 'connection') {
      this.inventory.forget(node.connection.id);
    } else if (node.kind === 'cluster' || node.kind === 'group') {
      this.inventory.forgetTenants(node.connectionId, node.cluster.id);
      this.inventory.forgetZones(node.connectionId, node.cluster.id);
      void this.inventory.reloadClusters(node.connectionId);
    } else if (node.kind === 'tenant') {
      this.inventory.forgetTenants(node.connectionId, node.clusterId);
      void this.inventory.reloadClusters(node.connectionId);
    } else if (node.kind === 'zone' || node.kind === 'server') {
      this.inventory.forgetZones(node.connectionId, node.clusterId);
      void this.inventory.reloadClusters(node.connectionId);
    } else if (node.kind === 'alarmGroup' || node.kind === 'alarm') {
      // The alerts are one list per connection, loaded with its cluster list.
      void this.inventory.reloadClusters(node.connectionId);
    } else if (node.parent) {
      this.refreshNode(node.parent);
    } else {
      this.refreshAll();
    }
  }

  // --- TreeDataProvider -----------------------------------------------------------------------------
  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    const out = [...(await this.children(node)), ...this.alarmGroupOf(node)];
    return out.map((n) => {
      const k = nodeKey(n);
      if (!k) return n;
      const kept = this.keep(this.nodes.get(k), n);
      this.nodes.set(k, kept);
      return kept;
    });
  }

  /**
   * One object per node for as long as it is drawn: `old`, updated to `fresh`. VS Code drops a change fired for an
   * object it no longer holds, so a new object on every getChildren let a reload's change be lost when the parent
   * was listed again in between (a connection row kept the description it had while its clusters were loading).
   */
  private keep(old: ExplorerNode | undefined, fresh: ExplorerNode): ExplorerNode {
    if (!old || old === fresh || old.kind !== fresh.kind) return fresh;
    const o = old as unknown as Record<string, unknown>;
    for (const key of Object.keys(o)) if (!(key in fresh)) delete o[key];
    Object.assign(o, fresh);
    return old;
  }

  private async children(node?: ExplorerNode): Promise<ExplorerNode[]> {
    if (!node) {
      const conns: ExplorerNode[] = this.connections.list().map((connection) => ({ kind: 'connection', connection }));
      const invalid: ExplorerNode[] = this.connections.invalid().map((i) => ({
        kind: 'message', key: `invalid-${i.index}`, severity: 'error',
        label: vscode.l10n.t('Connection "{0}" in settings is not valid', i.name), detail: i.problems.join('; '),
        command: { command: 'workbench.action.openSettingsJson', title: vscode.l10n.t('Open Settings') },
      }));
      return [...conns, ...invalid];
    }
    if (node.kind === 'connection') {
      const id = node.connection.id;
      const entry = await this.inventory.clustersSoon(id);
      if (entry.error) return this.errorNodes(node, entry.error);
      const all = entry.items ?? [];
      const loading = entry.loading && entry.progress ? [this.loadingNode(node, entry.progress, 'clusters')] : [];
      if (all.length === 0) return [this.message(node, 'empty', vscode.l10n.t('No clusters in this OCP'), 'info')];
      const shown = all.filter((c) => this.matches(c));
      if (shown.length === 0) {
        return [this.message(node, 'filtered', vscode.l10n.t('No cluster matches the filter'), 'info', { command: 'ocp.clearFilter', title: vscode.l10n.t('Clear Filter') }), ...loading];
      }
      const clusters: ExplorerNode[] = shown.map((cluster) => ({ kind: 'cluster', connectionId: id, cluster }));
      return entry.truncated ? [this.cutNode(node, entry.truncated), ...clusters] : [...clusters, ...loading];
    }
    if (node.kind === 'cluster') {
      // Labelled from the cluster list: nothing is requested before a group is expanded.
      if (node.cluster.id < 0) return [this.message(node, 'no-id', vscode.l10n.t('OCP sent this cluster without an id: its tenants and zones cannot be listed'), 'warning')];
      return [
        { kind: 'group', group: 'tenants', connectionId: node.connectionId, cluster: node.cluster },
        { kind: 'group', group: 'zones', connectionId: node.connectionId, cluster: node.cluster },
      ];
    }
    if (node.kind === 'group' && node.group === 'tenants') {
      const entry = await this.inventory.tenantsSoon(node.connectionId, node.cluster.id);
      if (entry.error) return this.errorNodes(node, entry.error);
      const items = entry.items ?? [];
      if (items.length === 0) return [this.message(node, 'empty', vscode.l10n.t('No tenants'), 'info')];
      const tenants: ExplorerNode[] = items.map((tenant) => ({ kind: 'tenant', connectionId: node.connectionId, clusterId: node.cluster.id, clusterName: node.cluster.name, tenant }));
      const loading = entry.loading && entry.progress ? [this.loadingNode(node, entry.progress, 'tenants')] : [];
      return entry.truncated ? [this.cutNode(node, entry.truncated), ...tenants] : [...tenants, ...loading];
    }
    if (node.kind === 'group' && node.group === 'zones') {
      const entry = await this.inventory.ensureZones(node.connectionId, node.cluster.id);
      if (entry.error) return this.errorNodes(node, entry.error);
      const items = entry.items ?? [];
      if (items.length === 0) return [this.message(node, 'empty', vscode.l10n.t('No zones'), 'info')];
      return items.map((zone) => ({ kind: 'zone', connectionId: node.connectionId, clusterId: node.cluster.id, clusterName: node.cluster.name, zone }));
    }
    if (node.kind === 'zone') {
      const entry = await this.inventory.ensureServers(node.connectionId, node.clusterId, node.zone);
      if (entry.error) return this.errorNodes(node, entry.error);
      const items = entry.items ?? [];
      if (items.length === 0) return [this.message(node, 'empty', vscode.l10n.t('No OBServers'), 'info')];
      return items.map((server) => ({ kind: 'server', connectionId: node.connectionId, clusterId: node.clusterId, clusterName: node.clusterName, zoneName: node.zone.name, server }));
    }
    if (node.kind === 'alarmGroup') return this.alarmChildren(node);
    return [];
  }

  // --- alerts: a cluster's last child is its "Alerts (n)" group -----------------------------------------
  /** The Alerts group a cluster ends with (none for other nodes, or a cluster OCP sent without an id). */
  private alarmGroupOf(node: ExplorerNode | undefined): AlarmGroupNode[] {
    if (node?.kind !== 'cluster' || node.cluster.id < 0) return [];
    return [{ kind: 'alarmGroup', connectionId: node.connectionId, clusterId: node.cluster.id, clusterName: node.cluster.name }];
  }

  /** The cluster's active alerts, most severe first; when they cannot be read, why (never "no alerts"). */
  private async alarmChildren(node: AlarmGroupNode): Promise<ExplorerNode[]> {
    const entry = await this.inventory.ensureAlarms(node.connectionId);
    if (entry.error) return this.errorNodes(node, entry.error);
    const mine = this.inventory.clusterAlarms(node.connectionId, node.clusterId);
    if (!mine) return [this.message(node, 'unknown', vscode.l10n.t('The alerts are not loaded yet'), 'info', { command: 'ocp.refresh', title: vscode.l10n.t('Retry'), arguments: [node] })];
    const partial = entry.complete === false
      ? [this.message(node, 'partial', vscode.l10n.t('OCP has {0} active alerts; only the first {1} were read (one request per refresh).', entry.total ?? '?', entry.items?.length ?? 0), 'warning')]
      : [];
    if (mine.alarms.length === 0) return [...partial, this.message(node, 'empty', vscode.l10n.t('No active alerts'), 'info')];
    return [...partial, ...mine.alarms.map((alarm) => ({ kind: 'alarm' as const, connectionId: node.connectionId, clusterId: node.clusterId, alarm, parent: node }))];
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    switch (node.kind) {
      case 'cluster': return this.nodes.get(connectionKey(node.connectionId));
      case 'group': return this.nodes.get(targetKey(node.connectionId, 'cluster', node.cluster.id));
      case 'tenant': return this.nodes.get(tenantsKey(node.connectionId, node.clusterId));
      case 'zone': return this.nodes.get(zonesKey(node.connectionId, node.clusterId));
      case 'server': return this.nodes.get(zoneKey(node.connectionId, node.clusterId, node.zoneName));
      case 'alarmGroup': return this.nodes.get(targetKey(node.connectionId, 'cluster', node.clusterId));
      case 'alarm': return node.parent;
      case 'message': return node.parent;
      default: return undefined;
    }
  }

  /** The list was cut by the client's bounds (a server whose pages never end): say so, and why, above the items. */
  private cutNode(parent: ExplorerNode, t: Truncation): MessageNode {
    const why = t.reason === 'repeatedPage' ? vscode.l10n.t('OCP sent the same page again')
      : t.reason === 'pageNotAdvancing' ? vscode.l10n.t('OCP\'s page number did not advance')
        : t.reason === 'itemCap' ? vscode.l10n.t('the list reached {0} items', t.count)
          : vscode.l10n.t('the list needed more requests than allowed');
    const total = t.totalElements !== undefined ? vscode.l10n.t(' (OCP claims {0})', t.totalElements) : '';
    return this.message(parent, 'truncated', vscode.l10n.t('Showing the first {0}{1}: the list was cut because {2}', t.count, total, why), 'warning');
  }

  /** The first pages are shown while the rest load: "Loading 2,000 of 20,000 clusters…" below them. */
  private loadingNode(parent: ExplorerNode, p: { count: number; total?: number }, what: 'clusters' | 'tenants'): MessageNode {
    const n = p.count.toLocaleString(vscode.env.language);
    const label = p.total === undefined
      ? (what === 'clusters' ? vscode.l10n.t('Loading more clusters ({0} so far)…', n) : vscode.l10n.t('Loading more tenants ({0} so far)…', n))
      : (what === 'clusters' ? vscode.l10n.t('Loading {0} of {1} clusters…', n, p.total.toLocaleString(vscode.env.language)) : vscode.l10n.t('Loading {0} of {1} tenants…', n, p.total.toLocaleString(vscode.env.language)));
    return this.message(parent, 'loading', label, 'info');
  }

  private message(parent: ExplorerNode, key: string, label: string, severity: MessageNode['severity'], command?: MessageNode['command'], detail?: string): MessageNode {
    return { kind: 'message', key, parent, label, severity, command, detail };
  }

  private errorNodes(parent: ExplorerNode, e: unknown): ExplorerNode[] {
    const retry = { command: 'ocp.refresh', title: vscode.l10n.t('Retry'), arguments: [parent] };
    return errorNodes(e, nodeConnectionId(parent) ?? '', retry, 'load').map((n) => this.message(parent, n.key, n.label, n.severity, n.command, n.detail));
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    const ctx = { busy: this.busy, inventory: this.inventory };
    switch (node.kind) {
      case 'connection': return connectionItem(ctx, node);
      case 'cluster': return clusterItem(ctx, node);
      case 'tenant': return tenantItem(ctx, node);
      case 'group': return groupItem(ctx, node);
      case 'zone': return zoneItem(ctx, node);
      case 'server': return serverItem(ctx, node);
      case 'alarmGroup': return alarmGroupItem(ctx, node);
      case 'alarm': return alarmItem(ctx, node);
      case 'message': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.id = nodeId(node);
        item.iconPath = node.key === 'loading' ? busyIcon() : node.severity === 'error' ? errorIcon() : node.severity === 'warning' ? warningIcon() : infoIcon();
        item.tooltip = node.detail ?? node.label;
        // Screen readers read a string tooltip as the row's name: make it the whole message.
        item.accessibilityInformation = { label: node.detail && node.detail !== node.label ? `${node.label}. ${node.detail}` : node.label };
        item.command = node.command;
        item.contextValue = `message ${node.severity}`;
        return item;
      }
    }
  }
}
