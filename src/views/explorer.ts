// The Explorer view: OCP connections → clusters → tenants, loaded lazily from OCP, with a filter,
// manual and automatic refresh (only while visible, never overlapping), busy markers and error nodes
// that keep the rest of the tree working.
import * as vscode from 'vscode';
import type { ConnectionManager } from '../connections/manager';
import { MissingSecretError } from '../connections/manager';
import { clusterCapabilities, normalizeCluster, type Cluster } from '../core/model/cluster';
import { normalizeTenant, tenantCapabilities, type Tenant } from '../core/model/tenant';
import { isOcpError } from '../core/ocp/errors';
import type { OcpInfo } from '../core/ocp/types';
import { targetKey, type BusyRegistry } from './busy';
import { accessibleLabel, clusterStatusWord, clusterTypeWord, tenantModeWord, tenantRoleWord, tenantStatusWord, withRaw } from './words';
import { nodeId, type ClusterNode, type ConnectionNode, type ExplorerNode, type MessageNode, type TenantNode } from './explorerNodes';
import { busyIcon, clusterIcon, errorIcon, infoIcon, tenantIcon, warningIcon } from './icons';

interface Loaded<T> {
  items?: T[];
  error?: unknown;
  loading?: Promise<void>;
}

export interface ExplorerFilter {
  text?: string;
  statuses?: string[];
}

export class ExplorerProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly clustersLoaded = new vscode.EventEmitter<string>();
  /** Fires with the connection id whenever its clusters were (re)loaded. */
  readonly onDidLoadClusters = this.clustersLoaded.event;
  private readonly clusters = new Map<string, Loaded<Cluster>>();
  private readonly tenants = new Map<string, Loaded<Tenant>>();
  private readonly infos = new Map<string, OcpInfo | Error>();
  private readonly nodes = new Map<string, ExplorerNode>();
  private filter: ExplorerFilter = {};
  private view?: vscode.TreeView<ExplorerNode>;
  private timer?: ReturnType<typeof setInterval>;
  private autoRefreshing = false;
  private readonly disposables: vscode.Disposable[] = [];
  /** Counts refresh cycles (for tests and benchmarks). */
  autoRefreshCount = 0;

  constructor(
    private readonly connections: ConnectionManager,
    private readonly busy: BusyRegistry,
    private readonly onAuthFailure: (connectionId: string) => void,
  ) {
    this.disposables.push(
      this.changed,
      this.clustersLoaded,
      connections.onDidChange(() => this.refreshAll()),
      busy.onDidChange((key) => this.changed.fire(this.nodes.get(key))),
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('ocp.explorer.autoRefreshSeconds')) this.scheduleAutoRefresh(); }),
    );
  }

  attach(view: vscode.TreeView<ExplorerNode>): void {
    this.view = view;
    this.disposables.push(view.onDidChangeVisibility(() => this.scheduleAutoRefresh()));
    this.scheduleAutoRefresh();
    this.updateFilterIndicator();
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
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

  // --- refresh ------------------------------------------------------------------------------------
  /** Forget everything and redraw: instant, never debounced. */
  refreshAll(): void {
    this.clusters.clear();
    this.tenants.clear();
    this.infos.clear();
    this.changed.fire(undefined);
  }

  /** Reload one node (a connection's clusters, or a cluster's tenants) now. */
  refreshNode(node: ExplorerNode): void {
    if (node.kind === 'connection') {
      const id = node.connection.id;
      this.connections.clearAuthFailed(id);
      this.clusters.delete(id);
      this.infos.delete(id);
      for (const k of [...this.tenants.keys()]) if (k.startsWith(`${id}/`)) this.tenants.delete(k);
      this.changed.fire(this.nodes.get(id) ?? node);
    } else if (node.kind === 'cluster') {
      this.tenants.delete(`${node.connectionId}/${node.cluster.id}`);
      void this.reloadClusters(node.connectionId);
    } else if (node.kind === 'tenant') {
      this.tenants.delete(`${node.connectionId}/${node.clusterId}`);
      void this.reloadClusters(node.connectionId);
    } else if (node.parent) {
      this.refreshNode(node.parent);
    } else {
      this.refreshAll();
    }
  }

  /** Fetches a connection's clusters again and swaps them in (the tree keeps showing the old list meanwhile). */
  async reloadClusters(connectionId: string): Promise<void> {
    const fresh: Loaded<Cluster> = {};
    await this.fetchClusters(connectionId, fresh);
    this.clusters.set(connectionId, fresh);
    for (const k of [...this.tenants.keys()]) if (k.startsWith(`${connectionId}/`)) this.tenants.delete(k);
    this.changed.fire(this.nodes.get(connectionId));
  }

  private scheduleAutoRefresh(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    const seconds = vscode.workspace.getConfiguration('ocp').get<number>('explorer.autoRefreshSeconds', 30);
    if (!this.view?.visible || typeof seconds !== 'number' || !(seconds > 0)) return;
    // At most one refresh a second, whatever a (workspace) setting says: OCP throttles each user.
    this.timer = setInterval(() => void this.autoRefresh(), Math.max(1, seconds) * 1000);
  }

  /** One background refresh of every loaded connection; skipped while the previous one still runs. */
  async autoRefresh(): Promise<void> {
    if (this.autoRefreshing || !this.view?.visible) return;
    this.autoRefreshing = true;
    try {
      this.autoRefreshCount++;
      const ids = [...this.clusters.keys()].filter((id) => !this.connections.isAuthFailed(id));
      await Promise.all(ids.map((id) => this.reloadClusters(id)));
    } finally {
      this.autoRefreshing = false;
    }
  }

  // --- data -----------------------------------------------------------------------------------------
  private async fetchClusters(connectionId: string, into: Loaded<Cluster>): Promise<void> {
    try {
      const client = await this.connections.client(connectionId);
      const [raw, info] = await Promise.all([
        client.listClusters(),
        this.infos.has(connectionId) ? Promise.resolve(this.infos.get(connectionId)) : client.info().catch((e: Error) => e),
      ]);
      if (info) this.infos.set(connectionId, info);
      into.items = raw.map(normalizeCluster).sort((a, b) => a.name.localeCompare(b.name));
      into.error = undefined;
      this.clustersLoaded.fire(connectionId);
    } catch (e) {
      into.error = e;
      into.items = undefined;
      if (isOcpError(e) && e.kind === 'auth') this.onAuthFailure(connectionId);
    }
  }

  private async ensureClusters(connectionId: string): Promise<Loaded<Cluster>> {
    let entry = this.clusters.get(connectionId);
    if (!entry) {
      entry = {};
      this.clusters.set(connectionId, entry);
      const e = entry;
      entry.loading = this.fetchClusters(connectionId, e).finally(() => { e.loading = undefined; });
    }
    if (entry.loading) await entry.loading;
    return entry;
  }

  private async ensureTenants(connectionId: string, clusterId: number): Promise<Loaded<Tenant>> {
    const key = `${connectionId}/${clusterId}`;
    let entry = this.tenants.get(key);
    if (!entry) {
      const e: Loaded<Tenant> = {};
      entry = e;
      this.tenants.set(key, e);
      e.loading = (async () => {
        try {
          const client = await this.connections.client(connectionId);
          e.items = (await client.listTenants(clusterId)).map(normalizeTenant).sort((a, b) => a.name.localeCompare(b.name));
        } catch (err) {
          e.error = err;
          if (isOcpError(err) && err.kind === 'auth') this.onAuthFailure(connectionId);
        }
      })().finally(() => { e.loading = undefined; });
    }
    if (entry.loading) await entry.loading;
    return entry;
  }

  /** Clusters of a connection as last loaded (undefined if not loaded). */
  loadedClusters(connectionId: string): Cluster[] | undefined {
    return this.clusters.get(connectionId)?.items;
  }

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

  info(connectionId: string): OcpInfo | undefined {
    const i = this.infos.get(connectionId);
    return i instanceof Error ? undefined : i;
  }

  // --- TreeDataProvider -----------------------------------------------------------------------------
  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    const out = await this.children(node);
    for (const n of out) {
      this.nodes.set(nodeId(n), n);
      // Busy markers name tenants without their cluster: keep an alias so a marker redraws its node.
      if (n.kind === 'tenant') this.nodes.set(targetKey(n.connectionId, 'tenant', n.tenant.id), n);
    }
    return out;
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
      const entry = await this.ensureClusters(id);
      if (entry.error) return this.errorNodes(node, entry.error);
      const all = entry.items ?? [];
      if (all.length === 0) return [this.message(node, 'empty', vscode.l10n.t('No clusters in this OCP'), 'info')];
      const shown = all.filter((c) => this.matches(c));
      if (shown.length === 0) {
        return [this.message(node, 'filtered', vscode.l10n.t('No cluster matches the filter'), 'info', { command: 'ocp.clearFilter', title: vscode.l10n.t('Clear Filter') })];
      }
      return shown.map((cluster) => ({ kind: 'cluster', connectionId: id, cluster }));
    }
    if (node.kind === 'cluster') {
      const entry = await this.ensureTenants(node.connectionId, node.cluster.id);
      if (entry.error) return this.errorNodes(node, entry.error);
      const items = entry.items ?? [];
      if (items.length === 0) return [this.message(node, 'empty', vscode.l10n.t('No tenants'), 'info')];
      return items.map((tenant) => ({ kind: 'tenant', connectionId: node.connectionId, clusterId: node.cluster.id, clusterName: node.cluster.name, tenant }));
    }
    return [];
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    if (node.kind === 'cluster') return this.nodes.get(node.connectionId);
    if (node.kind === 'tenant') return this.nodes.get(`${node.connectionId}/cluster/${node.clusterId}`);
    if (node.kind === 'message') return node.parent;
    return undefined;
  }

  private message(parent: ExplorerNode, key: string, label: string, severity: MessageNode['severity'], command?: MessageNode['command'], detail?: string): MessageNode {
    return { kind: 'message', key, parent, label, severity, command, detail };
  }

  private errorNodes(parent: ExplorerNode, e: unknown): ExplorerNode[] {
    const connId = parent.kind === 'connection' ? parent.connection.id : parent.kind === 'cluster' || parent.kind === 'tenant' ? parent.connectionId : '';
    const retry = { command: 'ocp.refresh', title: vscode.l10n.t('Retry'), arguments: [parent] };
    if (e instanceof MissingSecretError) {
      return [this.message(parent, 'secret', e.message, 'warning', { command: 'ocp.enterSecret', title: vscode.l10n.t('Enter Password or Secret'), arguments: [{ connectionId: connId }] })];
    }
    const text = isOcpError(e) ? e.describe() : e instanceof Error ? e.message : String(e);
    const nodes: ExplorerNode[] = [];
    if (isOcpError(e) && e.kind === 'auth') {
      nodes.push(this.message(parent, 'error', vscode.l10n.t('OCP rejected the credentials: {0}', text), 'error', retry, text));
      nodes.push(this.message(parent, 'fix', vscode.l10n.t('Enter new credentials…'), 'info', { command: 'ocp.enterSecret', title: vscode.l10n.t('Enter Password or Secret'), arguments: [{ connectionId: connId }] }));
    } else {
      nodes.push(this.message(parent, 'error', vscode.l10n.t('Cannot load from OCP: {0}', text), 'error', retry, text));
      nodes.push(this.message(parent, 'retry', vscode.l10n.t('Retry'), 'info', retry));
    }
    return nodes;
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    switch (node.kind) {
      case 'connection': return this.connectionItem(node);
      case 'cluster': return this.clusterItem(node);
      case 'tenant': return this.tenantItem(node);
      case 'message': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.id = nodeId(node);
        item.iconPath = node.severity === 'error' ? errorIcon() : node.severity === 'warning' ? warningIcon() : infoIcon();
        item.tooltip = node.detail ?? node.label;
        // Screen readers read a string tooltip as the row's name: make it the whole message.
        item.accessibilityInformation = { label: node.detail && node.detail !== node.label ? `${node.label}. ${node.detail}` : node.label };
        item.command = node.command;
        item.contextValue = `message ${node.severity}`;
        return item;
      }
    }
  }

  private connectionItem(node: ConnectionNode): vscode.TreeItem {
    const c = node.connection;
    const item = new vscode.TreeItem(c.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = nodeId(node);
    const info = this.info(c.id);
    const version = info?.buildVersion ? String(info.buildVersion).split('_')[0] : undefined;
    const loaded = this.clusters.get(c.id);
    const busy = this.busy.get(`${c.id}/connection/${c.id}`);
    item.description = busy?.label ?? [version ? `OCP ${version}` : undefined, loaded?.items ? (loaded.items.length === 1 ? vscode.l10n.t('1 cluster') : vscode.l10n.t('{0} clusters', loaded.items.length)) : undefined].filter(Boolean).join(' · ');
    item.iconPath = busy ? busyIcon() : loaded?.error ? errorIcon() : new vscode.ThemeIcon('server-environment');
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**${escapeMd(c.name)}**\n\n`);
    md.appendMarkdown(`${vscode.l10n.t('Address')}: \`${c.url}\`  \n`);
    md.appendMarkdown(`${vscode.l10n.t('Authentication')}: ${c.authType === 'basic' ? `Basic (${escapeMd(c.username ?? '')})` : `AccessKey (${escapeMd(c.accessKeyId ?? '')})`}  \n`);
    if (version) md.appendMarkdown(`${vscode.l10n.t('OCP version')}: ${escapeMd(String(info?.buildVersion))}  \n`);
    item.tooltip = md;
    item.contextValue = 'connection';
    return item;
  }

  private clusterItem(node: ClusterNode): vscode.TreeItem {
    const c = node.cluster;
    const item = new vscode.TreeItem(c.name || `#${c.id}`, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = nodeId(node);
    const busy = this.busy.get(targetKey(node.connectionId, 'cluster', c.id));
    const status = clusterStatusWord(vscode.l10n, c);
    const facts = [c.obVersion, clusterTypeWord(vscode.l10n, c), c.zoneCount === 1 ? vscode.l10n.t('1 zone') : c.zoneCount ? vscode.l10n.t('{0} zones', c.zoneCount) : undefined].filter(Boolean);
    item.description = busy ? busy.label : [status, ...facts].join(' · ');
    item.iconPath = busy ? busyIcon() : clusterIcon(c.status);
    item.accessibilityInformation = { label: accessibleLabel(vscode.l10n, 'cluster', c.name || `#${c.id}`, status, [...facts, busy?.label]) };
    // Without an id nothing can be done on it: no capability, so no operation in its menu.
    item.contextValue = c.id < 0 ? 'cluster no-id' : ['cluster', ...clusterCapabilities(c), ...(busy ? ['operation-pending'] : [])].join(' ');
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**${escapeMd(c.name)}** — ${escapeMd(withRaw(status, c.rawStatus)!)}\n\n`);
    const rows: [string, string | number | undefined][] = [
      [vscode.l10n.t('OCP cluster id'), c.id],
      [vscode.l10n.t('OB cluster id'), c.obClusterId],
      [vscode.l10n.t('Version'), c.fullVersion ?? c.obVersion],
      [vscode.l10n.t('Type'), withRaw(clusterTypeWord(vscode.l10n, c), c.rawType)],
      [vscode.l10n.t('Zones'), c.zoneNames.length ? c.zoneNames.join(', ') : undefined],
      [vscode.l10n.t('Servers'), c.serverCount],
      [vscode.l10n.t('Tenants'), c.tenantCount],
      [vscode.l10n.t('Primary cluster'), c.primaryCluster ? c.primaryCluster.name ?? `#${c.primaryCluster.id}` : undefined],
      [vscode.l10n.t('Standby clusters'), c.standbyClusters.length ? c.standbyClusters.map((s) => s.name ?? `#${s.id}`).join(', ') : undefined],
      [vscode.l10n.t('Sync status'), c.syncStatus],
      [vscode.l10n.t('Standby delay'), c.delayTime !== undefined ? `${c.delayTime} s` : undefined],
    ];
    for (const [k, v] of rows) if (v !== undefined && v !== '') md.appendMarkdown(`${escapeMd(k)}: ${escapeMd(String(v))}  \n`);
    if (c.failToQueryFromObReason) md.appendMarkdown(`\n$(warning) ${escapeMd(c.failToQueryFromObReason)}`);
    md.supportThemeIcons = true;
    item.tooltip = md;
    return item;
  }

  private tenantItem(node: TenantNode): vscode.TreeItem {
    const t = node.tenant;
    const item = new vscode.TreeItem(t.name || `#${t.id}`, vscode.TreeItemCollapsibleState.None);
    item.id = nodeId(node);
    const busy = this.busy.get(targetKey(node.connectionId, 'tenant', t.id));
    const mode = tenantModeWord(vscode.l10n, t);
    const status = tenantStatusWord(vscode.l10n, t);
    item.description = busy ? busy.label : [mode, tenantRoleWord(vscode.l10n, t), t.status !== 'NORMAL' ? status : undefined, t.locked ? vscode.l10n.t('locked') : undefined].filter(Boolean).join(' · ');
    item.iconPath = busy ? busyIcon() : tenantIcon(t.status, t.role);
    item.accessibilityInformation = { label: accessibleLabel(vscode.l10n, 'tenant', t.name || `#${t.id}`, status, [mode, tenantRoleWord(vscode.l10n, t), t.locked ? vscode.l10n.t('locked') : undefined, busy?.label]) };
    item.contextValue = t.id < 0 ? 'tenant no-id' : ['tenant', ...tenantCapabilities(t), ...(t.role ? [] : ['role-unknown']), ...(busy ? ['operation-pending'] : [])].join(' ');
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**${escapeMd(t.name)}** (${escapeMd(node.clusterName)})\n\n`);
    const peers = t.role === 'STANDBY' && t.primaryTenant ? [t.primaryTenant] : t.standbyTenants;
    const rows: [string, string | number | undefined][] = [
      [vscode.l10n.t('OCP tenant id'), t.id],
      [vscode.l10n.t('OB tenant id'), t.obTenantId],
      [vscode.l10n.t('Mode'), mode],
      [vscode.l10n.t('Status'), withRaw(status, t.rawStatus)],
      [vscode.l10n.t('Role'), withRaw(tenantRoleWord(vscode.l10n, t), t.rawRole)],
      [t.role === 'STANDBY' ? vscode.l10n.t('Primary tenant') : vscode.l10n.t('Standby tenants'), peers.length ? peers.map((p) => `${p.name ?? `#${p.id}`}${p.clusterName ? ` @ ${p.clusterName}` : ''}`).join(', ') : undefined],
      [vscode.l10n.t('Primary zone'), t.primaryZone],
      [vscode.l10n.t('Zones'), t.zoneList.length ? t.zoneList.join(', ') : undefined],
      [vscode.l10n.t('Version'), t.obVersion],
    ];
    for (const [k, v] of rows) if (v !== undefined && v !== '') md.appendMarkdown(`${escapeMd(k)}: ${escapeMd(String(v))}  \n`);
    item.tooltip = md;
    return item;
  }
}

function escapeMd(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}
