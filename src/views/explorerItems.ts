// Tree items of the Explorer's nodes: label, status icon, description (or the busy marker), the Markdown
// tooltip and the contextValue made of capability tokens (package.json menus match on them).
import * as vscode from 'vscode';
import { accessibleLabel, clusterStatusWord, clusterTypeWord, tenantModeWord, tenantRoleWord, tenantStatusWord, withRaw } from './words';
import { isPlainHttp } from '../connections/config';
import { clusterCapabilities } from '../core/model/cluster';
import { tenantFailoverTokens } from '../core/model/failover';
import { clusterLifecycleTokens } from '../core/model/topology';
import { tenantCapabilities } from '../core/model/tenant';
import { connectionKey, targetKey } from '../ids';
import type { Inventory } from '../inventory/store';
import type { BusyRegistry } from './busy';
import { nodeId, type ClusterNode, type ConnectionNode, type TenantNode } from './explorerNodes';
import { busyIcon, clusterIcon, errorIcon, tenantIcon } from './icons';

export interface ItemContext {
  busy: BusyRegistry;
  inventory: Inventory;
}

export function connectionItem(ctx: ItemContext, node: ConnectionNode): vscode.TreeItem {
  const c = node.connection;
  const item = new vscode.TreeItem(c.name, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = nodeId(node);
  const info = ctx.inventory.info(c.id);
  const version = info?.buildVersion ? String(info.buildVersion).split('_')[0] : undefined;
  const loaded = ctx.inventory.clusterState(c.id);
  const busy = ctx.busy.get(connectionKey(c.id));
  item.description = busy?.label ?? [version ? `OCP ${version}` : undefined, loaded?.items ? (loaded.items.length === 1 ? vscode.l10n.t('1 cluster') : vscode.l10n.t('{0} clusters', loaded.items.length)) : undefined].filter(Boolean).join(' · ');
  item.iconPath = busy ? busyIcon() : loaded?.error ? errorIcon() : new vscode.ThemeIcon('server-environment');
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${escapeMd(c.name)}**\n\n`);
  md.appendMarkdown(`${vscode.l10n.t('Address')}: \`${c.url}\`  \n`);
  md.appendMarkdown(`${vscode.l10n.t('Authentication')}: ${c.authType === 'basic' ? `Basic (${escapeMd(c.username ?? '')})` : `AccessKey (${escapeMd(c.accessKeyId ?? '')})`}  \n`);
  if (version) md.appendMarkdown(`${vscode.l10n.t('OCP version')}: ${escapeMd(String(info?.buildVersion))}  \n`);
  if (isPlainHttp(c.url)) {
    md.appendMarkdown(`\n$(warning) ${escapeMd(vscode.l10n.t('Plain HTTP: the credentials cross the network unencrypted. Prefer HTTPS (e.g. through a reverse proxy) and an AccessKey.'))}  \n`);
    md.supportThemeIcons = true;
  }
  item.tooltip = md;
  item.contextValue = 'connection';
  return item;
}

export function clusterItem(ctx: ItemContext, node: ClusterNode): vscode.TreeItem {
  const c = node.cluster;
  const item = new vscode.TreeItem(c.name || `#${c.id}`, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = nodeId(node);
  const busy = ctx.busy.get(targetKey(node.connectionId, 'cluster', c.id));
  const status = clusterStatusWord(vscode.l10n, c);
  const facts = [c.obVersion, clusterTypeWord(vscode.l10n, c), c.zoneCount === 1 ? vscode.l10n.t('1 zone') : c.zoneCount ? vscode.l10n.t('{0} zones', c.zoneCount) : undefined].filter(Boolean);
  item.description = busy ? busy.label : [status, ...facts].join(' · ');
  item.iconPath = busy ? busyIcon() : clusterIcon(c.status);
  item.accessibilityInformation = { label: accessibleLabel(vscode.l10n, 'cluster', c.name || `#${c.id}`, status, [...facts, busy?.label]) };
  // Without an id nothing can be done on it: no capability, so no operation in its menu.
  // Lifecycle tokens: restartable on RUNNING; on a status OCP does not list, start, stop and restart are all
  // offered (unknown is not none: OCP's own check decides, and its refusal is shown), as for zones and OBServers.
  const lifecycle = clusterLifecycleTokens(c);
  item.contextValue = c.id < 0 ? 'cluster no-id' : ['cluster', ...new Set([...clusterCapabilities(c), ...lifecycle]), ...(busy ? ['operation-pending'] : [])].join(' ');
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

export function tenantItem(ctx: ItemContext, node: TenantNode): vscode.TreeItem {
  const t = node.tenant;
  const item = new vscode.TreeItem(t.name || `#${t.id}`, vscode.TreeItemCollapsibleState.None);
  item.id = nodeId(node);
  const busy = ctx.busy.get(targetKey(node.connectionId, 'tenant', t.id));
  const mode = tenantModeWord(vscode.l10n, t);
  const status = tenantStatusWord(vscode.l10n, t);
  item.description = busy ? busy.label : [mode, tenantRoleWord(vscode.l10n, t), t.status !== 'NORMAL' ? status : undefined, t.locked ? vscode.l10n.t('locked') : undefined].filter(Boolean).join(' · ');
  item.iconPath = busy ? busyIcon() : tenantIcon(t.status, t.role);
  item.accessibilityInformation = { label: accessibleLabel(vscode.l10n, 'tenant', t.name || `#${t.id}`, status, [mode, tenantRoleWord(vscode.l10n, t), t.locked ? vscode.l10n.t('locked') : undefined, busy?.label]) };
  item.contextValue = t.id < 0 ? 'tenant no-id' : ['tenant', ...tenantCapabilities(t), ...(t.role ? [] : ['role-unknown']), ...tenantFailoverTokens(t), ...(busy ? ['operation-pending'] : [])].join(' ');
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

function escapeMd(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}
